"""Autoplay through the real screens reaches every ending of the shipped story."""

from __future__ import annotations

import random
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions, main
from game.engine import Session
from game.story import StoryError, default_story_dir, load_story
from game.ui.app import build_app, main_loop
from game.ui.autoplay import Autoplayer


def _shipped_story():
    try:
        return load_story(default_story_dir())
    except StoryError as exc:
        pytest.skip(f"story/ does not load yet ({len(exc.diagnostics)} errors); run `main.py check`")


def _seed_for_each_ending(story, tries: int = 400) -> dict[str, int]:
    """The first seed whose random play (the autoplayer's way of choosing) ends at each ending."""
    found: dict[str, int] = {}
    for seed in range(tries):
        rng, session = random.Random(seed), Session(story)
        while not session.is_over:
            session.choose(rng.choice([c for c in session.choices() if c.available]).id)
        found.setdefault(session.ending.id, seed)
        if len(found) == len(story.endings):
            break
    return found


def test_autoplay_reaches_every_ending(data_dir: Path) -> None:
    story = _shipped_story()
    seeds = _seed_for_each_ending(story)
    missing = {e.id for e in story.endings} - set(seeds)
    assert not missing, f"random play never reached: {sorted(missing)}"
    for ending, seed in sorted(seeds.items(), key=lambda item: item[1]):
        app = build_app(LaunchOptions(story_dir=default_story_dir(), autoplay=True, seed=seed))
        try:
            assert main_loop(app, Autoplayer(seed, None)) == 0
            assert app.ending_reached == ending, f"seed {seed}"
        finally:
            pygame.quit()


def test_autoplay_command_saves_a_picture_of_each_scene(
    example_story: Path, data_dir: Path, tmp_path: Path, capsys
) -> None:
    shots = tmp_path / "shots"
    status = main(
        ["play", "--story", str(example_story), "--autoplay", "--seed", "1", "--screenshots", str(shots)]
    )
    assert status == 0
    names = sorted(p.name for p in shots.glob("*.png"))
    assert names[0] == "001-dorm.png" and names[-1].split("-", 1)[1].startswith("ending-")
    assert "reached the ending" in capsys.readouterr().out
