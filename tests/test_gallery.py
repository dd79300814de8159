"""The endings gallery: found endings by title (the others hidden), each replayable from its last
choice, remembered in the user data folder."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.ui.autoplay import key
from game.ui.screens.consequence import ConsequenceScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.gallery import GalleryScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from tests.storykit import write_story
from tests.uikit import button, click, drawn, open_app

SCENES = """\
scenes:
  a:
    text: The letter comes.
    next: c
  c:
    text: Which way now?
    choices:
      - id: left
        text: Go left
        effects: [called = true]
        goto: d
      - id: right
        text: Go right
        goto: d
  d:
    text: The road home.
    next: end
  end:
    text: Home.
    end: true
endings:
  - id: called_home
    title: The Long Road
    if: called
    text: Left.
    epilogue:
      suqin: She sleeps.
      qin: She waits.
  - id: other
    title: The Short Road
    text: Right.
    epilogue:
      suqin: She sleeps.
      qin: She waits.
"""


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", SCENES)


def play_to_the_end(app, choice: int) -> None:  # noqa: ANN001
    while isinstance(app.top, (PlayScreen, ConsequenceScreen)):
        if isinstance(app.top, ConsequenceScreen):
            click(app, button(app, "Continue").rect)
            app.frame([], 2.0)
            click(app, button(app, "Continue").rect)
        elif len(app.top.choices) == 1:  # Continue, or at the end scene "How it ends"
            click(app, app.top.plan.choice_buttons[0].rect)
        else:
            app.frame([key(pygame.K_0 + choice)], 0.016)


def texts(app) -> list[str]:  # noqa: ANN001
    return [text for text, _, _ in drawn(app)]


def test_found_endings_show_the_others_stay_hidden_and_one_replays(story_dir: Path, data_dir: Path) -> None:
    app = open_app(story_dir)
    try:
        assert isinstance(app.top, TitleScreen)
        assert "Endings" not in [b.label for b in app.top.focus.buttons]  # nothing found yet
        app.new_game()
        play_to_the_end(app, 1)
        assert isinstance(app.top, EndingScreen) and app.ending_reached == "called_home"
        assert (data_dir / "endings.json").exists()
        app.reset(TitleScreen(app))
        endings = button(app, "Endings")
        assert endings.note == "1 of 2 found"
        click(app, endings.rect)
        assert isinstance(app.top, GalleryScreen)
        shown = texts(app)
        assert "The Long Road" in shown and "Not yet found" in shown
        assert "The Short Road" not in shown  # the title of an ending not found stays hidden
        notices: list[str] = []
        app.notify = notices.append
        click(app, button(app, "The Long Road").rect)
        play = app.top
        assert isinstance(play, PlayScreen) and app.session.scene.id == "c"  # at its last choice
        assert app.session.can_undo and "Replaying" in notices[-1]
        play_to_the_end(app, 2)  # the other way this time
        assert app.ending_reached == "other"
    finally:
        pygame.quit()
    app = open_app(story_dir)  # remembered: another day, both are there
    try:
        click(app, button(app, "Endings").rect)
        shown = texts(app)
        assert "The Long Road" in shown and "The Short Road" in shown and "Not yet found" not in shown
        app.frame([key(pygame.K_ESCAPE)], 0.016)
        assert isinstance(app.top, TitleScreen)
    finally:
        pygame.quit()


def test_a_damaged_record_is_set_aside_with_a_message(story_dir: Path, data_dir: Path) -> None:
    (data_dir / "endings.json").write_text('{"stories": [1, 2')
    app = open_app(story_dir)
    try:
        assert "endings you have found was damaged" in app.notice[0]
        assert (data_dir / "endings.json.broken").exists()
        assert "Endings" not in [b.label for b in app.top.focus.buttons]
        app.new_game()
        play_to_the_end(app, 2)
        app.reset(TitleScreen(app))
        assert button(app, "Endings").note == "1 of 2 found"
    finally:
        pygame.quit()
