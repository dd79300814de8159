"""A variant may set its own backdrop: the kitchen at night, the road in winter."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import Session
from game.story import StoryError, load_story
from game.ui.autoplay import key
from tests.storykit import ONE_ENDING, write_story
from tests.uikit import open_app

SCENES = (
    """\
scenes:
  a:
    backdrop: dormitory
    text: You hold a phone card.
    choices:
      - id: call
        text: Call home
        effects: [called = true]
        goto: b
      - id: rest
        text: Sleep
        goto: b
  b:
    backdrop: grandparents_kitchen
    text: The kitchen.
    variants:
      - if: called
        backdrop: huilong_night
      - if: called
        text: The lamp is lit.
    next: c
  c:
    text: Morning.
    end: true
"""
    + ONE_ENDING
)


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    return write_story(tmp_path / "story", SCENES)


def test_the_last_holding_variant_sets_the_picture(story_dir: Path) -> None:
    story = load_story(story_dir)
    session = Session(story)
    assert session.backdrop == "dormitory"
    session.choose("rest")
    assert session.backdrop == "grandparents_kitchen"
    session.undo()
    session.choose("call")
    assert session.backdrop == "huilong_night"
    assert session.paragraphs() == ["The kitchen.", "The lamp is lit."]  # a picture adds no text


def test_a_variant_needs_text_or_a_backdrop_and_a_known_picture(tmp_path: Path) -> None:
    root = write_story(
        tmp_path / "s", SCENES.replace("        backdrop: huilong_night\n", "        replace: true\n")
    )
    with pytest.raises(StoryError) as caught:
        load_story(root)
    assert "01_scenes.yaml:" in str(caught.value) and "'text'" in str(caught.value)
    root = write_story(tmp_path / "t", SCENES.replace("huilong_night", "huilong_nite"))
    story = load_story(root)
    assert any("no picture 'huilong_nite'" in str(w) for w in story.warnings)


def test_the_play_screen_draws_the_variants_picture(story_dir: Path, data_dir: Path) -> None:
    app = open_app(story_dir)
    try:
        drawn: list[str | None] = []
        real = app.art.backdrop
        app.art.backdrop = lambda name, size: (drawn.append(name), real(name, size))[1]
        app.new_game()
        app.frame([key(pygame.K_1)], 0.016)  # call: a flag, so a card; then on
        while app.top.__class__.__name__ == "ConsequenceScreen":
            app.top.finish()
        assert app.top.__class__.__name__ == "PlayScreen" and app.session.scene.id == "b"
        app.draw()
        assert drawn[-1] == "huilong_night"
    finally:
        pygame.quit()
