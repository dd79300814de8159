"""The chapter card: a title card when a chapter begins, skippable, never again on an undo."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.ui.app import build_app
from game.ui.autoplay import key
from game.ui.screens.chapter import FADE, ChapterCardScreen
from game.ui.screens.play import PlayScreen
from tests.storykit import ONE_ENDING, write_story
from tests.uikit import click, drawn, open_app

SCENES = (
    """\
scenes:
  a:
    chapter: Leaving Huilong
    place: Huilong village
    when: Spring 1990
    text: The letter comes.
    choices:
      - id: go
        text: Go to the city
        goto: b
      - id: wait
        text: Wait a year
        goto: b
  b:
    chapter: The Guangzhou Years
    place: Guangzhou
    when: Autumn 1994
    text: The factory hums.
    next: c
  c:
    chapter: The Guangzhou Years
    text: Night.
    end: true
"""
    + ONE_ENDING
)


@pytest.fixture
def app(tmp_path: Path, data_dir: Path):
    root = write_story(tmp_path / "story", SCENES)
    app = open_app(root)
    yield app
    pygame.quit()


def texts(app) -> list[str]:  # noqa: ANN001
    return [text for text, _, _ in drawn(app)]


def test_a_new_game_opens_with_the_chapter_card_and_a_key_skips_it(app) -> None:  # noqa: ANN001
    app.new_game()
    app.frame([], 0.016)
    card = app.top
    assert isinstance(card, ChapterCardScreen)
    for _ in range(round(FADE / 0.05) + 1):  # faded in
        app.frame([], 0.05)
    assert card.alpha == 255
    shown = texts(app)
    assert "CHAPTER 1 OF 2" in shown and "Leaving Huilong" in shown
    assert "Huilong village · Spring 1990" in shown
    app.frame([key(pygame.K_1)], 0.016)  # skips the card; does not take choice 1
    assert isinstance(app.top, PlayScreen) and app.session.state.log == []


def test_the_card_goes_on_its_own_at_a_new_chapter_and_not_again_on_undo(app) -> None:  # noqa: ANN001
    app.new_game()
    app.frame([], 0.016)
    click(app, app.top.app.surface.get_rect())  # a click skips it too
    assert isinstance(app.top, PlayScreen)
    app.frame([key(pygame.K_2)], 0.016)
    app.frame([], 0.016)
    card = app.top
    assert isinstance(card, ChapterCardScreen) and card.scene.id == "b"
    assert "The Guangzhou Years" in texts(app) or card.alpha < 255
    for _ in range(80):  # about four seconds: it fades out by itself
        app.frame([], 0.05)
    assert isinstance(app.top, PlayScreen) and app.session.scene.id == "b"
    app.frame([key(pygame.K_BACKSPACE)], 0.016)  # undo
    app.frame([], 0.016)
    assert isinstance(app.top, PlayScreen) and app.session.scene.id == "a"
    app.frame([key(pygame.K_1)], 0.016)  # forward again into the new chapter: a new arrival
    app.frame([], 0.016)
    assert isinstance(app.top, ChapterCardScreen)
    app.frame([key(pygame.K_ESCAPE)], 0.016)
    app.frame([key(pygame.K_BACKSPACE)], 0.016)
    app.frame([], 0.016)
    assert isinstance(app.top, PlayScreen), "no card when undo goes back into a chapter"


def test_reduced_motion_shows_the_card_without_fading(tmp_path: Path, data_dir: Path) -> None:
    (data_dir / "settings.json").write_text(json.dumps({"reduced_motion": True, "text_speed": "instant"}))
    root = write_story(tmp_path / "story", SCENES)
    app = build_app(LaunchOptions(story_dir=root, window_size=(1280, 720)))
    try:
        app.new_game()
        app.frame([], 0.016)
        assert isinstance(app.top, ChapterCardScreen) and app.top.alpha == 255
        assert "Leaving Huilong" in texts(app)  # at once, on the first frame
    finally:
        pygame.quit()


def test_a_loaded_game_does_not_show_the_card(app) -> None:  # noqa: ANN001
    app.new_game()
    app.frame([], 0.016)
    app.frame([key(pygame.K_ESCAPE)], 0.016)  # skip the first card
    app.frame([key(pygame.K_1)], 0.016)
    app.frame([], 0.016)
    assert isinstance(app.top, ChapterCardScreen)  # chapter two
    assert app.load("autosave")
    app.frame([], 0.016)
    assert isinstance(app.top, PlayScreen) and app.session.scene.id == "b"
