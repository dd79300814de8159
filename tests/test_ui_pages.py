"""Projector reading: in class a scene's text shows a page at a time, at reading-aloud pace or at
once (the classroom profile's text speed), and never scrolls away from lines still being read."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.settings import CHARS_PER_SECOND
from game.story import default_story_dir
from game.ui import pages
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.play import PlayScreen
from game.ui.words import word
from tests.uikit import begin_class, drawn, settle


def _class(size: tuple[int, int], speed: str | None = None, start: str = "ny_parents_answer") -> App:
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=size, classroom=True, start=start)
    )
    if speed is not None:
        app.change_settings(replace(app.settings, text_speed=speed))
    begin_class(app)
    assert isinstance(app.top, PlayScreen)
    return app


def _wait(app: App, seconds: float) -> None:
    for _ in range(round(seconds / 0.1)):
        app.frame([], 0.1)


@pytest.mark.parametrize(("size", "start"), [((1920, 1080), "village_storm"), ((1024, 768), "village_storm")])
def test_the_text_stops_at_the_page_end_and_the_teacher_turns_the_page(data_dir: Path, size, start) -> None:
    app = _class(size, start=start)
    try:
        play = app.top
        assert app.settings.text_speed == "aloud"  # the classroom profile reads at reading pace
        height = play.plan.text_box.height
        count = pages.page_count(play.reading.block, height)
        assert count >= 2, "the scene is longer than a page at the largest text"
        before = play.reading.revealed
        _wait(app, 1.0)
        assert 0 < play.reading.revealed - before <= CHARS_PER_SECOND["aloud"] * 1.1  # reading pace
        _wait(app, 200)  # long enough to read the whole scene: it stops at the page's end
        settle(app)
        assert play.reading.revealed == play.reading.page_end() < play.reading.block.chars
        assert play.reading.scroll.offset == 0  # never scrolled away from the lines being read
        hint = word("page_of", page=1, pages=count) + " · " + word("next_page_hint")
        assert hint in [text for text, _, _ in drawn(app)]
        assert not play.choices  # the choices wait for the text
        first_below = pages.next_page(play.reading.block, 0, height)
        settle(app, key(pygame.K_RIGHT))  # the next page: its first line at the top
        assert play.reading.scroll.offset == min(play.reading.scroll.end, first_below)
        for _ in range(2 * count):  # the rest of each page, then the next
            settle(app, key(pygame.K_SPACE))
            if not play.revealing:
                break
        assert not play.revealing and play.choices or play.cards_waiting  # read
    finally:
        pygame.quit()


def test_at_once_shows_each_page_whole(data_dir: Path) -> None:
    app = _class((1920, 1080), speed="instant", start="village_storm")
    try:
        play = app.top
        assert (
            play.reading.revealed == play.reading.page_end() < play.reading.block.chars
        )  # the first page at once
        settle(app, key(pygame.K_SPACE))
        assert play.reading.revealed == play.reading.page_end()  # the next page, whole
    finally:
        pygame.quit()


def test_alone_the_text_is_not_paged(data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(1024, 768), start="ny_parents_answer")
    )
    try:
        play = app.top
        assert isinstance(play, PlayScreen) and not play.reading.paged
        settle(app, key(pygame.K_SPACE))
        assert not play.revealing  # Space shows it all, as before
    finally:
        pygame.quit()
