"""Skip read text and auto-advance: through the real play screen, with the read record on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.ui.autoplay import key
from game.ui.screens.chapter import ChapterCardScreen
from game.ui.screens.play import PlayScreen
from tests.storykit import ONE_ENDING, write_story
from tests.uikit import button, click, open_app

SCENES = (
    """\
scenes:
  a:
    chapter: One
    text: The letter comes.
    next: b
  b:
    chapter: Two
    text: The bus leaves at dawn.
    next: c
  c:
    text: Which way now?
    choices:
      - id: left
        text: Go left
        goto: d
      - id: right
        text: Go right
        goto: e
  d:
    text: The left road is long and the dust is deep and the day is very hot indeed.
    next: end
  e:
    text: The right road.
    next: end
  end:
    text: Home.
    end: true
"""
    + ONE_ENDING
)


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", SCENES)


def run(app, seconds: float) -> None:  # noqa: ANN001
    for _ in range(round(seconds / 0.05)):
        app.frame([], 0.05)


def play_through(app, choice: int) -> None:  # noqa: ANN001
    """Reads the story to its ending by hand: Continue by mouse, the choice by its number."""
    app.new_game()
    while isinstance(app.top, (PlayScreen, ChapterCardScreen)):
        if isinstance(app.top, ChapterCardScreen):
            app.top.skip()
        elif len(app.top.choices) == 1:  # Continue, or at the end scene "How it ends"
            click(app, app.top.plan.choice_buttons[0].rect)
        else:
            app.frame([key(pygame.K_0 + choice)], 0.016)


@pytest.fixture
def app(story_dir: Path, data_dir: Path):
    app = open_app(story_dir)
    yield app
    pygame.quit()


def test_skip_stops_at_once_at_text_never_read(app) -> None:  # noqa: ANN001
    app.new_game()
    app.frame([key(pygame.K_s)], 0.016)
    app.frame([], 0.016)
    assert app.advance == "" and app.session.scene.id == "a"
    assert "new to you" in app.notice[0]


def test_skip_passes_read_text_waits_at_the_choice_and_stops_at_new_text(app, data_dir: Path) -> None:  # noqa: ANN001
    play_through(app, 1)  # a, b, c, left, d read
    saved = json.loads((data_dir / "read.json").read_text())
    assert len(saved["stories"]["Test Story"]) == 4  # a, b, c, d (the end scene is not left)
    app.new_game()
    click(app, button(app, "Skip").rect)
    assert app.advance == "skip" and button(app, "Skip: on")
    run(app, 1.0)  # into chapter Two: no title card while skipping
    assert app.session.scene.id == "c" and app.advance == "skip"  # waits at the choice
    assert isinstance(app.top, PlayScreen)
    app.frame([key(pygame.K_2)], 0.016)  # the other road: never read
    run(app, 0.5)
    assert app.session.scene.id == "e" and app.advance == ""
    assert "new to you" in app.notice[0]


def test_the_read_record_outlives_the_game_and_a_damaged_one_is_set_aside(
    story_dir: Path, data_dir: Path
) -> None:
    app = open_app(story_dir)
    try:
        play_through(app, 1)
    finally:
        pygame.quit()
    app = open_app(story_dir)  # another day: skip still knows what was read
    try:
        app.new_game()
        app.frame([key(pygame.K_s)], 0.016)
        run(app, 1.0)
        assert app.session.scene.id == "c" and app.advance == "skip"
    finally:
        pygame.quit()
    (data_dir / "read.json").write_text("{not json")
    app = open_app(story_dir)
    try:
        app.new_game()
        assert "record of the scenes you have read was damaged" in app.notice[0]
        app.frame([key(pygame.K_s)], 0.016)
        app.frame([], 0.016)
        assert (data_dir / "read.json.broken").exists()
        assert app.session.scene.id == "a" and app.advance == ""  # nothing counts as read
        click(app, button(app, "Continue").rect)  # play goes on, and the record is written anew
        assert json.loads((data_dir / "read.json").read_text())["stories"]["Test Story"]
    finally:
        pygame.quit()


def test_auto_goes_on_at_reading_pace_and_waits_at_choices(story_dir: Path, data_dir: Path) -> None:
    app = open_app(story_dir, text_speed="normal")
    try:
        app.new_game()
        app.frame([key(pygame.K_a)], 0.016)
        assert isinstance(app.top, ChapterCardScreen)
        app.frame([key(pygame.K_ESCAPE)], 0.016)  # past chapter One's title card
        assert app.advance == "auto" and button(app, "Auto: on")
        run(app, 0.5)
        assert app.session.scene.id == "a"  # not before the text has been read
        run(app, 3.0)
        assert app.session.scene.id in ("b", "c")
        run(app, 6.0)
        assert app.session.scene.id == "c" and app.advance == "auto"  # waits at the choice
        app.frame([key(pygame.K_1)], 0.016)
        run(app, 1.0)
        assert app.session.scene.id == "d"  # a long line: still being read
        run(app, 6.0)
        assert app.session.state.scene == "end" and app.advance == ""  # off at the ending
    finally:
        pygame.quit()
