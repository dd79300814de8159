"""Screenshots of the browser edition for docs/screenshots/: `python -m tools.web_screenshots`.

Exports the shipped story, serves it on localhost and takes pictures in Debian's headless chromium
at desktop (1280×720), phone (390×844) and projector (1920×1080, classroom mode) sizes: play, and
a classroom lesson (the lesson list, a page of a scene for the teacher to turn, a key-decision
vote, the real family's note, the closing screen, the class statistics and the session report);
and a small projector (800×600): a page, and the note for the teacher before the quarrel.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


def shown(tab, selector: str) -> bool:  # noqa: ANN001
    """Whether `selector` is visible once the engine (in its worker) has answered the page."""
    tab.wait_for_function("window.lth.idle()")
    return tab.is_visible(selector)


def read(tab) -> None:  # noqa: ANN001
    """In class: past the note for the teacher, the pages turned until the text is read, then the
    fact card and the prompt the teacher asks for (tests.browserkit.WebPage.read_class_scene)."""
    while shown(tab, "#class-card"):
        tab.click("#btn-class-card-ok")
    while tab.evaluate("window.lth.reading() !== null"):
        tab.keyboard.press("ArrowRight")
    if tab.evaluate("window.lth.cardsWaiting()"):
        tab.keyboard.press("Space")
    while shown(tab, "#class-card"):
        tab.click("#btn-class-card-ok")


def small_class(tab) -> None:  # noqa: ANN001
    """A lesson on a small projector (800×600): a long scene's first page, and the note for the
    teacher before the quarrel at home."""
    tab.click("#btn-class")
    tab.uncheck("#class-form [name=votes]")
    tab.click('[data-lesson="chapter_home"]')
    tab.keyboard.press("Space")
    tab.wait_for_function("window.lth.reading() !== null")
    tab.screenshot(path=OUT / "web-small-page.png")
    for _ in range(10):
        if shown(tab, "#class-card") and tab.inner_text("#class-card-kind") == "For the teacher":
            break
        read(tab)
        tab.click("#choices button:not(:disabled) >> nth=0")
        for _ in range(4):
            if shown(tab, "#outcome") or shown(tab, "#lesson-card"):
                tab.keyboard.press("Space")
    tab.screenshot(path=OUT / "web-small-teacher-note.png")


def lesson(tab, size: str, settle) -> None:  # noqa: ANN001
    """A 20-minute lesson played with one vote per key decision, pictured at one size."""
    tab.click("#btn-class")
    shots = size != "laptop"
    if shots:
        tab.screenshot(path=OUT / f"web-{size}-lessons.png")
    tab.click('[data-lesson="three_choices_20"]')
    tab.keyboard.press("Space")
    if size == "projector":  # the first page, for the teacher to turn
        shown(tab, "#play")
        tab.screenshot(path=OUT / "web-projector-page.png")
    votes = 0
    for _ in range(80):
        read(tab)
        if shown(tab, "#closing"):
            break
        tab.keyboard.press("1")
        if shown(tab, "#vote"):
            for key in ("1", "1", "2") if votes else ("1", "2", "2"):
                tab.keyboard.press(key)
            if votes == 0 and shots:
                tab.screenshot(path=OUT / f"web-{size}-key-vote.png")
            tab.click("#btn-vote-take")
            votes += 1
        if shown(tab, "#outcome"):
            tab.keyboard.press("Space")
        if votes == 1 and shown(tab, "#lesson-card") and size == "laptop":
            tab.screenshot(path=OUT / "web-laptop-real-family.png")
        settle(tab)
    tab.screenshot(path=OUT / f"web-{size}-closing.png", full_page=True)
    if size == "laptop":
        tab.click("#btn-closing-stats")
        tab.screenshot(path=OUT / "web-laptop-statistics.png", full_page=True)
        tab.click("#btn-stats-back")
        tab.click("#btn-closing-report")
        tab.wait_for_timeout(500)
        tab.screenshot(path=OUT / "web-laptop-report.png")


def main() -> int:
    from playwright.sync_api import sync_playwright

    from game.tools import webexport
    from game.tools.webserve import serve_in_background
    from tests.browserkit import CHROMIUM, CHROMIUM_ARGS, INSTANT

    site = Path(tempfile.mkdtemp(prefix="lth-web-shots-")) / "site"
    webexport.export(ROOT / "story", site, io.StringIO())
    server, url = serve_in_background(site)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

        def page(width: int, height: int):
            context = browser.new_context(viewport={"width": width, "height": height})
            context.add_init_script(f"localStorage.setItem('lth.settings', '{json.dumps(INSTANT)}')")
            tab = context.new_page()
            tab.goto(url)
            tab.wait_for_function("window.lth && window.lth.ready === true", timeout=180_000)
            return tab

        def settle(tab) -> None:
            """Past the consequence card, the real family's note and a lesson's bridge."""
            for _ in range(4):
                if shown(tab, "#outcome") or shown(tab, "#lesson-card"):
                    tab.keyboard.press("Space")

        desk = page(1280, 720)
        desk.screenshot(path=OUT / "web-title.png")
        desk.click("#btn-new")
        desk.keyboard.press("Space")
        desk.screenshot(path=OUT / "web-play.png")
        for _ in range(40):  # on to the first choice that earns the consequence card
            desk.click("#choices button:not(:disabled) >> nth=0")
            if shown(desk, "#outcome"):
                break
        desk.screenshot(path=OUT / "web-consequence.png")
        desk.keyboard.press("Space")
        desk.keyboard.press("f")
        desk.screenshot(path=OUT / "web-family.png")
        desk.keyboard.press("Escape")
        for _ in range(200):
            if desk.evaluate("window.lth.view().scene.is_over"):
                break
            desk.click("#choices button:not(:disabled) >> nth=0")
            settle(desk)
        desk.keyboard.press("Space")
        desk.screenshot(path=OUT / "web-ending.png", full_page=True)

        phone = page(390, 844)
        phone.click("#btn-new")
        phone.keyboard.press("Space")
        phone.screenshot(path=OUT / "web-phone.png")

        wall = page(1920, 1080)
        wall.click("#btn-class")
        wall.click("#btn-class-start")
        wall.keyboard.press("Space")
        for _ in range(60):
            read(wall)
            real = wall.evaluate(
                "window.lth.view().scene.choices.filter(c => c.available && !c.is_continue).length"
            )
            if real > 1:
                break
            wall.click("#choices button:not(:disabled) >> nth=0")
            settle(wall)
        wall.keyboard.press("1")
        for key in ("1", "2", "2"):
            wall.keyboard.press(key)
        wall.screenshot(path=OUT / "web-projector-vote.png")
        small_class(page(800, 600))
        for size, name in (((1920, 1080), "projector"), ((1280, 720), "laptop"), ((390, 844), "phone")):
            lesson(page(*size), name, settle)
        browser.close()
    server.shutdown()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
