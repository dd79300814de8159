"""Screenshots of the browser edition for docs/screenshots/: `python -m tools.web_screenshots`.

Exports the shipped story, serves it on localhost and takes pictures in Debian's headless chromium
at desktop (1280×720), phone (390×844) and projector (1920×1080, classroom mode) sizes.
"""

from __future__ import annotations

import io
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"


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

        desk = page(1280, 720)
        desk.screenshot(path=OUT / "web-title.png")
        desk.click("#btn-new")
        desk.keyboard.press("Space")
        desk.screenshot(path=OUT / "web-play.png")
        for _ in range(40):  # on to the first choice that earns the consequence card
            desk.click("#choices button:not(:disabled) >> nth=0")
            if desk.is_visible("#outcome"):
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
            if desk.is_visible("#outcome"):
                desk.keyboard.press("Space")
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
            while wall.is_visible("#class-card"):
                wall.click("#btn-class-card-ok")
            real = wall.evaluate(
                "window.lth.view().scene.choices.filter(c => c.available && !c.is_continue).length"
            )
            if real > 1:
                break
            wall.click("#choices button:not(:disabled) >> nth=0")
            if wall.is_visible("#outcome"):
                wall.keyboard.press("Space")
        wall.keyboard.press("1")
        for key in ("1", "2", "2"):
            wall.keyboard.press(key)
        wall.screenshot(path=OUT / "web-projector-vote.png")
        browser.close()
    server.shutdown()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
