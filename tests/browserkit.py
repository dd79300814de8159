"""The browser edition under test: the site exported once, served on localhost, in headless Chromium.

Locally, a missing piece (Debian's chromium, the `playwright` package, or Pyodide in
web/node_modules and no npm to fetch it) skips the browser tests with the reason. Under CI
(`CI=true`) the same missing piece fails them: CI installs all three.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Keep the browser off the network: no updates, no sync, no background requests.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BOOT_TIMEOUT_MS = 120_000  # Pyodide's first start on a loaded two-core machine
INSTANT = {"size": "1", "speed": "0", "contrast": False, "motion": True, "volume": 0}


def missing(reason: str) -> None:
    """Skips locally; fails under CI, where every piece is installed on purpose."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"browser tests under CI: {reason}")
    pytest.skip(reason)


def export_site(target: Path) -> Path:
    """The shipped story exported to `target` (skips or fails when it cannot be built)."""
    from game.tools import webexport

    if not Path(CHROMIUM).is_file():
        missing(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing("the playwright package is not installed (pip install -e '.[test]')")
    runtime = ROOT / "web" / "node_modules" / "pyodide"
    if not runtime.is_dir() and shutil.which("npm") is None:
        missing("Pyodide is not in web/node_modules and npm is missing (npm ci in web/)")
    import io

    err = io.StringIO()
    try:
        webexport.export(ROOT / "story", target, err)
    except webexport.ExportError as exc:
        missing(f"export-web could not build the site: {exc}")
    return target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return export_site(tmp_path_factory.mktemp("web") / "site")


@pytest.fixture(scope="session")
def site_url(site: Path) -> Iterator[str]:
    from game.tools.webserve import serve_in_background

    server, url = serve_in_background(site)
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser(site_url: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class WebPage:
    """One browser tab on the site, with the steps a player takes."""

    def __init__(self, page: Any, url: str) -> None:
        self.page, self.url = page, url
        self.outside: list[str] = []
        self.errors: list[str] = []
        page.on("request", self._request)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.url, "data:", "blob:")):
            self.outside.append(request.url)

    def _started(self) -> WebPage:
        """Waits for the game to start, failing at once with the page's own message if it cannot."""
        self.page.wait_for_function(
            "window.lth && (window.lth.ready === true || window.lth.failed)", timeout=BOOT_TIMEOUT_MS
        )
        failed = self.page.evaluate("window.lth.failed")
        assert failed is None, f"the page could not start: {failed}"
        return self

    def open(self) -> WebPage:
        self.page.goto(self.url)
        return self._started()

    def reload(self) -> WebPage:
        self.page.reload()
        return self._started()

    def idle(self) -> None:
        """Waits until the engine (in its Web Worker) has answered every call the page made: what
        a click or a key asked of it has then been drawn."""
        self.page.wait_for_function("!window.lth || window.lth.idle()")

    def state(self) -> dict[str, Any]:
        self.idle()
        return self.page.evaluate("window.lth.state()")

    def view(self) -> dict[str, Any]:
        self.idle()
        return self.page.evaluate("window.lth.view()")

    def text(self, selector: str) -> str:
        self.idle()
        return self.page.inner_text(selector)

    def visible(self, selector: str) -> bool:
        self.idle()
        return self.page.is_visible(selector)

    def home(self) -> None:
        """Back to the title screen the way a player goes there, from wherever the page is."""
        for _ in range(3):
            if self.visible("dialog[open]"):
                self.page.keyboard.press("Escape")
        if self.visible("#play"):
            self.page.keyboard.press("Escape")
            self.page.click("#btn-menu-title")
        elif self.visible("#ending"):
            self.page.click("#btn-ending-title")
        elif not self.visible("#title"):
            self.reload()
        self.page.wait_for_selector("#title:not([hidden])")

    def new_game(self) -> None:
        self.home()
        self.page.click("#btn-new")
        if self.visible("#note"):
            self.page.keyboard.press("Space")
        self.page.wait_for_selector("#play:not([hidden])")

    def take(self, choice_id: str) -> None:
        """Clicks the choice with this local id and dismisses the consequence card if shown."""
        self.page.click(f'#choices button[data-choice="{choice_id}"]')
        self.settle()

    def read_class_scene(self) -> list[tuple[str, str]]:
        """In class: past the cards before the text (the note for the teacher), the pages turned
        with → until the text is read, then the cards the teacher asks for with Space (the fact
        card, the prompt), each put away at once. Returns each card's (kind, text)."""
        cards: list[tuple[str, str]] = []

        def put_away() -> None:
            while self.visible("#class-card"):
                cards.append((self.text("#class-card-kind"), self.text("#class-card-body")))
                self.page.click("#btn-class-card-ok")

        put_away()
        while self.page.evaluate("window.lth.reading() !== null"):
            self.page.keyboard.press("ArrowRight")
        if self.page.evaluate("window.lth.cardsWaiting()"):
            self.page.keyboard.press("Space")
        put_away()
        return cards

    def settle(self) -> None:
        """Dismisses what a choice shows before the next scene: the consequence card, then the
        real family's note after a key decision and a lesson's bridge."""
        for _ in range(4):
            if not (self.visible("#outcome") or self.visible("#lesson-card")):
                break
            self.page.keyboard.press("Space")
        self.page.wait_for_selector("#outcome", state="hidden")


def web_page(
    browser: Any, url: str, settings: dict[str, Any] | None = None, viewport: tuple[int, int] = (1280, 720)
) -> WebPage:
    """A fresh browser context (empty storage) with settings put in place before the page runs."""
    context = browser.new_context(
        viewport={"width": viewport[0], "height": viewport[1]}, accept_downloads=True
    )
    context.add_init_script(
        f"if (!localStorage.getItem('lth.settings')) "
        f"localStorage.setItem('lth.settings', {json.dumps(json.dumps(settings or INSTANT))});"
    )
    return WebPage(context.new_page(), url)
