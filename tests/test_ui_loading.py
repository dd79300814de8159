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
from game.ui.screens.errors import ErrorScreen
from game.ui.screens.title import ContentNoteScreen, TitleScreen
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
