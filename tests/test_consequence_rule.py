"""The consequence card shows where something changes that matters; small changes go quietly to
the family page, and a `quiet: true` choice never shows one (game/engine/notable.py)."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine import Session
from game.story import StoryError, load_story
from game.ui.autoplay import key
from game.ui.screens.consequence import ConsequenceScreen
from game.ui.screens.family import FamilyScreen
from game.ui.screens.play import PlayScreen
from tests.storykit import ONE_ENDING, write_story
from tests.uikit import button, click, drawn, open_app, settle

SCENES = (
    """\
scenes:
  a:
    text: You hold a phone card.
    choices:
      - id: small
        text: Sleep early
        effects: [suqin.hope -= 1, savings -= 20]
        says: Qin waits by the phone until dark.
        goto: b
      - id: big
        text: Shout at the foreman
        effects: [suqin.hope -= 2]
        goto: b
      - id: money
        text: Buy a ticket home
        effects: [savings -= 80]
        goto: b
      - id: fact
        text: Call home
        effects: [called = true]
        goto: b
      - id: hush
        text: Strike the table
        effects: [qin.hope -= 3]
        says: The room goes still.
        quiet: true
        goto: b
      - id: think
        text: Think it over
        goto: k
  k:
    key: the call
    text: A key decision.
    choices:
      - id: tiny
        text: Wait
        effects: [qin.hope += 1]
        goto: b
  b:
    text: The lights go out.
    next: c
  c:
    text: Morning.
    end: true
"""
    + ONE_ENDING
)


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    root = write_story(tmp_path / "story", SCENES)
    manifest = root / "story.yaml"  # savings: a change of 50 yuan or more is notable
    manifest.write_text(
        manifest.read_text().replace("fall: savings shrink}", "fall: savings shrink, notable: 50}")
    )
    return root


@pytest.mark.parametrize(
    ("choice", "start", "card"),
    [
        ("small", "a", False),  # a stat by one and 20 yuan: quiet
        ("big", "a", True),  # a stat by two
        ("money", "a", True),  # 80 yuan, over the story's notable 50
        ("fact", "a", True),  # a flag becomes true
        ("hush", "a", False),  # quiet: true, even for a change of three
        ("tiny", "k", True),  # a key decision, even for a change of one
    ],
)
def test_the_rule(story_dir: Path, choice: str, start: str, card: bool) -> None:
    story = load_story(story_dir, check_assets=False)
    session = Session(story, start=start)
    assert session.choose(choice).notable is card


def test_quiet_and_notable_are_checked(tmp_path: Path) -> None:
    root = write_story(tmp_path / "s", SCENES.replace("quiet: true", "quiet: sometimes"))
    manifest = root / "story.yaml"
    manifest.write_text(
        manifest.read_text().replace("fall: savings shrink}", "fall: savings shrink, notable: 0}")
    )
    with pytest.raises(StoryError) as caught:
        load_story(root, check_assets=False)
    text = "\n".join(str(d) for d in caught.value.diagnostics)
    assert "01_scenes.yaml:" in text and "'quiet' should be true" in text
    assert "story.yaml:" in text and "'notable'" in text


@pytest.fixture
def app(story_dir: Path, data_dir: Path):
    app = open_app(story_dir)
    yield app
    pygame.quit()


def texts(app) -> list[str]:  # noqa: ANN001
    return [text for text, _, _ in drawn(app)]


def test_a_small_change_is_quiet_and_the_family_page_tells_it(app) -> None:  # noqa: ANN001
    app.new_game()
    settle(app, key(pygame.K_1))  # small
    play = app.top
    assert isinstance(play, PlayScreen) and play.scene.id == "b"
    shown = " ".join(texts(app))
    assert "Qin waits by the phone until dark." in shown  # the words open the next scene
    assert "Family · 2 new" in shown
    click(app, button(app, "Family · 2 new").rect)
    assert isinstance(app.top, FamilyScreen)
    shown = " ".join(texts(app))
    assert "LATELY" in shown and "Sleep early" in shown and "Suqin loses hope (hope −1)" in shown
    settle(app, key(pygame.K_ESCAPE))
    assert "Family" in [b.label for b in app.top.focus.buttons]  # seen: no count any more


def test_a_change_that_matters_shows_the_card(app) -> None:  # noqa: ANN001
    app.new_game()
    settle(app, key(pygame.K_2))  # big
    assert isinstance(app.top, ConsequenceScreen)
    assert any("hope −2" in text for text in texts(app))


def test_a_quiet_choice_shows_no_card_even_for_a_large_change(app) -> None:  # noqa: ANN001
    app.new_game()
    settle(app, key(pygame.K_5))  # hush
    assert isinstance(app.top, PlayScreen) and app.top.scene.id == "b"
    shown = texts(app)
    assert "The room goes still." in " ".join(shown)
    assert not any("hope" in text for text in shown)  # no read-out on the play screen either
