"""No text leaves its box: every screen at the smallest window and the largest text, and more."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.story import StoryError, default_story_dir, load_story
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.chapter import FADE, ChapterCardScreen
from game.ui.screens.consequence import ConsequenceScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.family import FamilyScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.lesson import FilmNoteScreen
from game.ui.screens.menu import ConfirmScreen, PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.title import ContentNoteScreen, TitleScreen


def _story_dir(example: Path) -> Path:
    try:
        load_story(default_story_dir())
        return default_story_dir()
    except StoryError:
        return example  # story/ is being written: the example still checks every screen


def assert_fits(app: App, what: str) -> int:
    """Draws the whole stack and checks every laid-out line lies inside its panel."""
    app.ui.text_log = []
    app.draw()
    log, app.ui.text_log = app.ui.text_log, None
    window = pygame.Rect((0, 0), app.surface.get_size())
    for text, box in log:
        assert box.inflate(2, 2).contains(text), f"{what}: text {text} outside its box {box}"
        assert window.contains(text), f"{what}: text {text} outside the window"
    return len(log)


@pytest.mark.parametrize(
    "size,text_size",
    [((960, 540), "largest"), ((1280, 720), "largest"), ((960, 540), "small"), ((1920, 1080), "medium")],
)
def test_every_screen_fits(size, text_size, example_story: Path, data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=_story_dir(example_story), window_size=size))
    try:
        app.change_settings(replace(app.settings, text_size=text_size, text_speed="instant"))
        assert app.ui.metrics.width == size[0]
        assert assert_fits(app, "title") > 3
        app.push(ContentNoteScreen(app))
        assert_fits(app, "content note")
        app.new_game()
        rng = random.Random(7)
        steps = 0
        while isinstance(app.top, PlayScreen) and steps < 200:
            steps += 1
            assert assert_fits(app, f"play {app.top.scene.id}") > 0
            choice = rng.choice([c for c in app.top.choices if c.available])
            app.frame([key(pygame.K_0 + choice.number)], 0.01)
            if isinstance(app.top, ConsequenceScreen):
                app.top.finish()
                assert_fits(app, "consequence")
                app.top.finish()
            if isinstance(app.top, FilmNoteScreen):  # after a key decision: the real family
                assert_fits(app, "the real family's panel")
                app.top.go_on()
            if isinstance(app.top, ChapterCardScreen):  # a new chapter's title card
                app.top.time = FADE  # fully shown
                assert_fits(app, "chapter card")
                app.top.skip()
            if steps == 3:
                for screen in (
                    FamilyScreen(app),
                    HistoryScreen(app),
                    PauseMenu(app),
                    SavesScreen(app, "save"),
                    SavesScreen(app, "load"),
                    SettingsScreen(app),
                    ConfirmScreen(app, "Return to the title screen? " * 3, lambda: None),
                ):
                    app.push(screen)
                    assert_fits(app, type(screen).__name__)
                    app.pop()
        assert isinstance(app.top, EndingScreen)
        assert_fits(app, "ending")
        app.reset(TitleScreen(app))
        assert_fits(app, "title with a save")
    finally:
        pygame.quit()


def test_the_window_has_its_own_icon_a_lamp_at_the_end_of_the_rails():
    pygame.display.init()
    try:
        from game.ui.firstframe import window_icon

        icon = window_icon()
        assert icon.get_size() == (64, 64)
        assert icon.get_at((0, 0)).a == 0  # rounded corners, not pygame's square snake
        assert icon.get_at((32, 18))[:3] == (255, 244, 214)  # the lamp's bright centre
        assert icon.get_at((32, 40)).a == 255
    finally:
        pygame.display.quit()
