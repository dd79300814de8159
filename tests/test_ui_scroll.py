"""Text longer than its panel: the player is told there is more, and it goes once they have read it."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.cli import LaunchOptions
from game.story import default_story_dir
from game.ui.app import build_app
from game.ui.autoplay import key


def test_a_long_scene_says_there_is_more_until_the_player_scrolls_to_its_end(data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(960, 540),
                                  start="qc_city_winter"))
    play = app.top
    app.frame([key(pygame.K_SPACE)], 0.05)  # show the whole text at once
    for _ in range(20):
        app.frame([], 0.05)
    assert not play.revealing
    assert play.scroll.more_below  # this scene is longer than its panel at 960x540
    app.frame([key(pygame.K_END)], 0.05)
    assert not play.scroll.more_below
    app.top.draw(pygame.display.get_surface())  # the cue's drawing path runs without the tab
    pygame.quit()


def test_a_line_break_in_text_never_ends_up_inside_a_drawn_line(data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    face = app.ui.face("prose", app.ui.m.prose)
    lines = face.wrap("Why does he still\nhave to choose between being there and earning?", 300)
    assert all("\n" not in line for line in lines)
    assert lines[0] == "Why does he still"
    pygame.quit()
