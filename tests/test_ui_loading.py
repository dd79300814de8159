"""The title comes up before the story is loaded: its first frame is drawn while the story is read
behind it, New game and Continue wait greyed until the story is ready, and a broken story's
errors replace the title as soon as they are known."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.options import LaunchOptions
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.firstframe import draw_card, menu_top, open_first_frame
from game.ui.screens.errors import ErrorScreen
from game.ui.screens.title import ContentNoteScreen, TitleScreen
from game.ui.start import wait_showing
from tests.uikit import TextRecorder, button, drawn, settle


def _start(story: Path) -> App:
    return build_app(LaunchOptions(story_dir=story, window_size=(1280, 720)), background=True)


def _until_loaded(app: App) -> None:
    if app.loading is not None:  # (else it came while the test let frames run)
        app.loading.wait()
    settle(app)


@pytest.mark.usefixtures("data_dir")
def test_the_title_is_drawn_before_the_story_loads_and_comes_alive_when_it_has(example_story: Path) -> None:
    app = _start(example_story)
    try:
        seen = TextRecorder(app)
        assert app.story is None and app.loading is not None and not app.loading.started
        assert app.frame([], 0.0)  # the first frame: the story is not being read yet
        assert app.loading.started and isinstance(app.top, TitleScreen)
        assert "Last Train Home" in seen.now and "Loading the story…" in seen.now
        assert not button(app, "New game").enabled and not button(app, "Continue").enabled
        assert button(app, "Settings").enabled and button(app, "Quit").enabled
        settle(app, key(pygame.K_RETURN))  # Enter on the greyed New game does nothing
        assert isinstance(app.top, TitleScreen)

        _until_loaded(app)
        assert app.story is not None and app.loading is None
        assert button(app, "New game").enabled and "Loading the story…" not in seen.now
        assert app.story.title in seen.now
        settle(app, key(pygame.K_RETURN))  # the focus stayed on New game, which now begins
        assert isinstance(app.top, ContentNoteScreen)
    finally:
        pygame.quit()


@pytest.mark.usefixtures("data_dir")
def test_the_settings_open_while_the_story_loads(example_story: Path) -> None:
    app = _start(example_story)
    try:
        app.frame([], 0.0)
        button(app, "Settings").action()
        app.frame([], 0.016)
        assert not isinstance(app.top, TitleScreen)
        _until_loaded(app)  # the story arrives under the settings page, which stays open
        assert not isinstance(app.top, TitleScreen) and app.story is not None
        settle(app, key(pygame.K_ESCAPE))
        assert isinstance(app.top, TitleScreen) and button(app, "New game").enabled
    finally:
        pygame.quit()


@pytest.mark.usefixtures("data_dir")
def test_a_broken_story_shows_its_errors_once_they_are_known(
    example_story: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = example_story / "story.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("start: dorm", "start: nowhere"), "utf-8"
    )
    app = _start(example_story)
    try:
        app.frame([], 0.0)
        assert isinstance(app.top, TitleScreen)
        _until_loaded(app)
        assert isinstance(app.top, ErrorScreen) and app.story is None
        assert any("nowhere" in line for line, _, _ in drawn(app))
        assert "nowhere" in capsys.readouterr().err
    finally:
        pygame.quit()


def _drawn_at(ui, draw) -> list[tuple[str, tuple[int, int]]]:  # noqa: ANN001 - a Ui, a callable
    """The lines `draw()` puts in the window through `ui`, with where each begins."""
    lines: list[tuple[str, tuple[int, int]]] = []
    real = ui.text

    def text(surface, line, face, colour, pos, box=None, clip_width=None):  # noqa: ANN001, ANN202
        lines.append((line, tuple(pos)))
        return real(surface, line, face, colour, pos, box, clip_width)

    ui.text = text
    try:
        draw()
    finally:
        del ui.text  # the Ui's own method again
    return lines


@pytest.mark.usefixtures("data_dir")
@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_the_first_frame_shows_the_name_where_the_title_keeps_it(
    example_story: Path, size: tuple[int, int]
) -> None:
    # The first frame is drawn before the game is imported (game.ui.start): the name and
    # "Loading the story…" where the menu will be. The title that follows it draws the name on
    # the same spot, with the menu under it, so nothing jumps.
    options = LaunchOptions(story_dir=example_story, window_size=size)
    first = open_first_frame(options)
    try:
        card = _drawn_at(first.ui, lambda: draw_card(first))
        texts = [line for line, _ in card]
        assert texts[:2] == ["Last Train Home", "归途列车"] and "Loading the story…" in texts
        assert dict(card)["Loading the story…"][1] == menu_top(first.ui)  # where the menu begins
        app = build_app(options, background=True, first=first)
        assert app.surface is first.surface and isinstance(app.top, TitleScreen)
        title = _drawn_at(app.ui, lambda: app.frame([], 0.0))
        assert title[:2] == card[:2]  # the name, and 归途列车 under it, on the same spot
        assert not button(app, "New game").enabled  # greyed, the story still being read
        _until_loaded(app)
        assert button(app, "New game").enabled
    finally:
        pygame.quit()


@pytest.mark.usefixtures("data_dir")
def test_closing_the_window_before_the_game_is_imported_quits(example_story: Path) -> None:
    first = open_first_frame(LaunchOptions(story_dir=example_story, window_size=(800, 600)))

    class StillImporting:
        done = False

        def wait(self, seconds: float) -> None:
            pass

    try:
        pygame.event.post(pygame.event.Event(pygame.QUIT))
        assert wait_showing(first, StillImporting()) is False  # type: ignore[arg-type]
    finally:
        pygame.quit()


@pytest.mark.usefixtures("data_dir")
def test_the_first_frame_is_drawn_again_when_the_window_is_resized_while_the_game_is_imported(
    example_story: Path,
) -> None:
    first = open_first_frame(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))

    class ImportedAfterOneLook:
        looks = 0

        @property
        def done(self) -> bool:
            self.looks += 1
            return self.looks > 1

        def wait(self, seconds: float) -> None:
            pass

    try:
        pygame.display.set_mode((800, 600), pygame.RESIZABLE)
        pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, size=(800, 600), w=800, h=600))
        lines = _drawn_at(first.ui, lambda: wait_showing(first, ImportedAfterOneLook()))  # type: ignore[arg-type]
        assert first.surface.get_size() == (800, 600) and first.ui.metrics.width == 800
        assert ("Loading the story…", (first.ui.metrics.margin * 2, menu_top(first.ui))) in lines
    finally:
        pygame.quit()
