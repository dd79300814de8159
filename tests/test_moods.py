"""Faces that feel: a scene's `mood:` picks the point-of-view person's expression beside the
label, and the consequence card shows each person glad or sad at what just changed."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from game.engine.looks import faces
from game.story import StoryError, load_story
from game.ui.app import App
from game.ui.art import ArtLibrary
from game.ui.autoplay import key
from tests.storykit import MANIFEST, ONE_ENDING, write_story
from tests.uikit import open_app

ASSETS = Path(__file__).resolve().parents[1] / "assets"

SCENES = (
    """\
scenes:
  a:
    pov: suqin
    mood: angry
    text: You hold a phone card.
    choices:
      - id: call
        text: Call home
        effects: [suqin.hope -= 2]
        goto: b
  b:
    pov: qin
    text: The kitchen.
    next: c
  c:
    text: Morning.
    end: true
"""
    + ONE_ENDING
)

PEOPLE = (
    "  suqin: {{name: Chen Suqin, short: Suqin, role: mother, portraits: suqin}}\n"
    "  qin: {{name: Zhang Qin, short: Qin, role: daughter, portraits: qin_teen}}\n"
)


@pytest.fixture
def story_dir(tmp_path: Path) -> Path:
    root = write_story(tmp_path / "story", SCENES)
    manifest = MANIFEST.format(start="a")
    head, _, tail = manifest.partition("people:\n")
    tail = tail.split("stats:", 1)[1]
    (root / "story.yaml").write_text(f"{head}people:\n{PEOPLE.format()}stats:{tail}", encoding="utf-8")
    return root


def _first_scene(app: App) -> None:
    """A new game, past the notes before it, with its first scene drawn."""
    app.new_game()
    app.frame([], 0.016)
    while app.top.__class__.__name__ != "PlayScreen":
        app.top.done()
    app.draw()


def test_a_scene_reads_its_mood_and_an_unknown_one_is_reported_where_it_is(
    story_dir: Path, tmp_path: Path
) -> None:
    story = load_story(story_dir)
    assert story.scenes["a"].mood == "angry" and story.scenes["b"].mood is None
    bad = write_story(tmp_path / "bad", SCENES.replace("mood: angry", "mood: cross"))
    with pytest.raises(StoryError) as caught:
        load_story(bad)
    message = str(caught.value)
    assert "01_scenes.yaml:4:11:" in message and "unknown mood 'cross'" in message and "angry" in message


def test_every_portrait_has_its_four_expressions() -> None:
    art = ArtLibrary(ASSETS)
    plain = {n for n in art.portrait_names() if not n.endswith(("_sad", "_glad", "_angry"))}
    assert len(plain) >= 11
    for name in plain:
        for mood in ("sad", "glad", "angry"):
            assert art.first_portrait(faces(name, mood)) == f"{name}_{mood}"
        assert art.first_portrait(faces(name, "neutral")) == name
        assert art.first_portrait(faces(name, None)) == name
    assert art.first_portrait(faces("nobody", "sad")) == "nobody"  # no such file: the plain name, quietly


def test_the_play_screen_shows_the_pov_face_with_the_scenes_mood_and_the_card_shows_it_sad(
    story_dir: Path, data_dir: Path
) -> None:
    app = open_app(story_dir)
    try:
        faces: list[str | None] = []
        real = app.art.portrait
        app.art.portrait = lambda name, size: (faces.append(name), real(name, size))[1]
        _first_scene(app)
        assert faces[-1] == "suqin_angry"
        plan = app.top.plan  # a face to read, beside the panel's top corner, over the picture
        assert plan.face_rect is not None and plan.face_rect.size == (112, 112)
        assert plan.face_rect.left > plan.panel.right and plan.face_rect.top == plan.panel.top
        faces.clear()
        app.frame([key(pygame.K_1)], 0.016)  # hope falls: the card shows her sad
        assert app.top.__class__.__name__ == "ConsequenceScreen"
        app.draw()
        assert "suqin_sad" in faces
        while app.top.__class__.__name__ == "ConsequenceScreen":
            app.top.finish()
        faces.clear()
        app.draw()
        assert faces[-1] == "qin_teen"  # no mood: the plain portrait
    finally:
        pygame.quit()


@pytest.mark.parametrize(
    ("size", "text", "side"),
    [((1280, 720), "small", 112), ((1920, 1080), "medium", 168), ((800, 600), "medium", 70)],
)
def test_the_face_grows_with_the_window_and_costs_the_text_no_line(
    story_dir: Path, data_dir: Path, size: tuple[int, int], text: str, side: int
) -> None:
    app = open_app(story_dir, size, text_size=text)
    try:
        _first_scene(app)
        plan = app.top.plan
        assert plan.pov and plan.face_rect is not None and plan.face_rect.size == (side, side)
        assert not plan.face_rect.colliderect(plan.panel)  # outside the panel: every line stays
        assert pygame.Rect((0, 0), size).contains(plan.face_rect)
    finally:
        pygame.quit()


def test_at_the_largest_text_size_the_picture_gives_way_and_the_label_has_no_face(
    story_dir: Path, data_dir: Path
) -> None:
    app = open_app(story_dir, text_size="largest")
    try:
        _first_scene(app)
        assert app.top.plan.pov and app.top.plan.face_rect is None
    finally:
        pygame.quit()
