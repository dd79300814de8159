"""Text longer than its panel: the player is told there is more, and it goes once they have read it."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.cli import LaunchOptions
from game.story import default_story_dir
from game.ui.app import build_app
from game.ui.autoplay import key


def test_a_long_scene_says_there_is_more_until_the_player_scrolls_to_its_end(data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(960, 540), start="qc_city_winter")
    )
    play = app.top
    app.frame([key(pygame.K_SPACE)], 0.05)  # show the whole text at once
    for _ in range(20):
        app.frame([], 0.05)
    assert not play.revealing
    assert play.reading.scroll.more_below  # this scene is longer than its panel at 960x540
    app.frame([key(pygame.K_END)], 0.05)
    assert not play.reading.scroll.more_below
    app.top.draw(pygame.display.get_surface())  # the cue's drawing path runs without the tab
    pygame.quit()


def test_a_line_break_in_text_never_ends_up_inside_a_drawn_line(data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    face = app.ui.face("prose", app.ui.metrics.prose)
    lines = face.wrap("Why does he still\nhave to choose between being there and earning?", 300)
    assert all("\n" not in line for line in lines)
    assert lines[0] == "Why does he still"
    pygame.quit()


def test_more_below_is_a_button_and_the_bar_can_be_dragged(data_dir: Path) -> None:
    from tests.uikit import click, settle

    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(960, 540), start="qc_city_winter")
    )
    play = app.top
    settle(app, key(pygame.K_SPACE))  # the whole text at once: the view stays at its top
    assert (
        play.reading.scroll.offset == 0
        and play.reading.scroll.more_below
        and play.reading.scroll.cue is not None
    )
    click(app, play.reading.scroll.cue)
    assert play.reading.scroll.offset > 0
    settle(app, key(pygame.K_HOME))
    assert play.reading.scroll.offset == 0
    track = play.reading.scroll.track
    thumb = play.reading.scroll._thumb()
    settle(
        app,
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=thumb.center),
        pygame.event.Event(
            pygame.MOUSEMOTION, pos=(thumb.centerx, track.bottom + 50), rel=(0, 1), buttons=(1, 0, 0)
        ),
        pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(thumb.centerx, track.bottom + 50)),
    )
    assert play.reading.scroll.offset == play.reading.scroll.end and not play.reading.scroll.more_below
    assert app.session.state.log == []  # dragging took no choice
    pygame.quit()


def test_the_mouse_and_the_keyboard_light_one_button_at_a_time(data_dir: Path) -> None:
    from tests.uikit import settle

    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), start="huilong_dawn")
    )
    play = app.top
    settle(app, key(pygame.K_SPACE), key(pygame.K_DOWN))
    first, second = play.plan.choice_buttons[:2]
    assert play.focus.focused is first
    settle(app, pygame.event.Event(pygame.MOUSEMOTION, pos=second.rect.center, rel=(1, 1), buttons=(0, 0, 0)))
    lit = [b for i, b in enumerate(play.focus.buttons) if b.hover or i == play.focus.index]
    assert lit == [second]
    settle(app, key(pygame.K_DOWN))
    lit = [b for i, b in enumerate(play.focus.buttons) if b.hover or i == play.focus.index]
    assert len(lit) == 1
    pygame.quit()
