"""The desktop player driven by events, as a player would: headless, on the real screens."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.engine import AUTOSAVE
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.consequence import ConsequenceScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.family import FamilyScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.menu import ConfirmScreen, PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.title import ContentNoteScreen, TitleScreen
from tests.uikit import button, click, settle


@pytest.fixture
def app(example_story: Path, data_dir: Path):
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    yield app
    pygame.quit()


def test_a_whole_game_by_keyboard(app: App, data_dir: Path) -> None:
    assert isinstance(app.top, TitleScreen)
    settle(app, key(pygame.K_RETURN))  # New game has the focus when there is no save
    assert isinstance(app.top, ContentNoteScreen)
    settle(app, key(pygame.K_RETURN))  # Begin
    play = app.top
    assert isinstance(play, PlayScreen) and play.scene.id == "dorm"
    settle(app, key(pygame.K_1))  # choose: walk to the booth
    consequence = app.top
    assert isinstance(consequence, ConsequenceScreen)
    assert consequence.outcome.says.startswith("Qin hears your voice")
    assert any(change.person == "qin" for change, _ in consequence.bars)
    assert (data_dir / "saves" / "autosave.json").exists()
    assert (data_dir / "saves" / "autosave.png").read_bytes()[:4] == b"\x89PNG"
    settle(app, key(pygame.K_SPACE))
    assert app.top is play and play.scene.id == "booth"
    settle(app, key(pygame.K_BACKSPACE))  # undo
    assert play.scene.id == "dorm" and not app.session.can_undo
    settle(app, key(pygame.K_2))  # Suqin loses a point of hope: quiet, no card
    assert app.top is play and play.scene.end  # the last scene, read before its ending
    settle(app, key(pygame.K_SPACE), key(pygame.K_RETURN))  # its text, then "How it ends"
    assert isinstance(app.top, EndingScreen) and app.ending_reached == "silence"
    click(app, button(app, "Back to the title").rect)
    assert isinstance(app.top, TitleScreen)


def test_save_load_and_delete_by_mouse(app: App, data_dir: Path) -> None:
    app.new_game()
    settle(app, key(pygame.K_SPACE))
    settle(app, key(pygame.K_1))
    settle(app, key(pygame.K_SPACE))
    assert app.top.scene.id == "booth"
    click(app, button(app, "Menu").rect)
    assert isinstance(app.top, PauseMenu)
    click(app, button(app, "Save").rect)
    assert isinstance(app.top, SavesScreen)
    click(app, app.top.focus.buttons[0].rect)  # Slot 1
    assert (data_dir / "saves" / "slot1.json").exists()
    click(app, app.top.focus.buttons[0].rect)  # Slot 1 again: asks before replacing
    assert isinstance(app.top, ConfirmScreen)
    settle(app, key(pygame.K_ESCAPE))
    settle(app, key(pygame.K_ESCAPE), key(pygame.K_ESCAPE))
    assert isinstance(app.top, PlayScreen)
    settle(app, key(pygame.K_z, pygame.KMOD_CTRL))
    assert app.top.scene.id == "dorm"
    settle(app, key(pygame.K_ESCAPE))
    click(app, button(app, "Load").rect)
    slot1 = next(b for b in app.top.focus.buttons if getattr(b, "slot", "") == "slot1")
    click(app, slot1.rect)
    assert isinstance(app.top, PlayScreen) and app.top.scene.id == "booth"
    settle(app, key(pygame.K_ESCAPE))
    click(app, button(app, "Load").rect)
    delete = [b for b in app.top.focus.buttons if b.label == "Delete"]
    click(app, delete[-1].rect)
    assert isinstance(app.top, ConfirmScreen)
    click(app, button(app, "Yes").rect)
    names = {i.slot for i in app.store.slots()}
    assert AUTOSAVE in names and "slot1" not in names


def test_continue_from_the_title_loads_the_autosave(example_story: Path, data_dir: Path) -> None:
    first = build_app(LaunchOptions(story_dir=example_story))
    first.new_game()
    settle(first, key(pygame.K_SPACE), key(pygame.K_1))
    pygame.quit()
    second = build_app(LaunchOptions(story_dir=example_story))
    assert isinstance(second.top, TitleScreen)
    assert second.top.focus.focused.label == "Continue"
    settle(second, key(pygame.K_RETURN))
    assert isinstance(second.top, PlayScreen) and second.top.scene.id == "booth"
    pygame.quit()


def test_every_screen_opens_and_closes(app: App) -> None:
    app.new_game()
    play = app.top
    settle(app, key(pygame.K_SPACE))
    for opener, kind in (
        (key(pygame.K_f), FamilyScreen),
        (key(pygame.K_h), HistoryScreen),
        (key(pygame.K_ESCAPE), PauseMenu),
    ):
        settle(app, opener)
        assert isinstance(app.top, kind)
        settle(app, key(pygame.K_ESCAPE))
        assert app.top is play
    settle(app, key(pygame.K_ESCAPE))
    for label, kind in (
        ("Save", SavesScreen),
        ("Load", SavesScreen),
        ("History", HistoryScreen),
        ("Settings", SettingsScreen),
        ("Title screen", ConfirmScreen),
        ("Quit", ConfirmScreen),
    ):
        click(app, button(app, label).rect)
        assert isinstance(app.top, kind), label
        settle(app, key(pygame.K_ESCAPE))
        assert isinstance(app.top, PauseMenu)
    settle(app, key(pygame.K_ESCAPE))
    assert app.top is play and app.running


def test_settings_change_at_once_and_persist(app: App, data_dir: Path, example_story: Path) -> None:
    app.push(SettingsScreen(app))
    settle(app, key(pygame.K_DOWN), key(pygame.K_RIGHT))  # text size: medium -> large
    assert app.settings.text_size == "large"
    assert json.loads((data_dir / "settings.json").read_text())["text_size"] == "large"
    for _ in range(4):  # past full screen and the music and ambient sound volumes
        settle(app, key(pygame.K_DOWN))
    settle(app, key(pygame.K_RETURN))  # high contrast on
    assert app.settings.high_contrast and app.ui.palette.high_contrast
    pygame.quit()
    again = build_app(LaunchOptions(story_dir=example_story))
    assert again.settings.text_size == "large" and again.settings.high_contrast


def test_corrupt_settings_warn_on_screen(example_story: Path, data_dir: Path) -> None:
    (data_dir / "settings.json").write_text("][")
    app = build_app(LaunchOptions(story_dir=example_story))
    assert app.notice is not None and "damaged" in app.notice[0]
    assert (data_dir / "settings.json.broken").exists()
    settle(app)


def test_resize_mid_scene(app: App) -> None:
    app.new_game()
    play = app.top
    settle(app, key(pygame.K_SPACE))
    surface = pygame.display.set_mode((960, 540), pygame.RESIZABLE)  # what the window manager does
    settle(app, pygame.event.Event(pygame.VIDEORESIZE, size=(960, 540), w=960, h=540))
    assert app.ui.metrics.width == 960 and surface.get_size() == (960, 540)
    assert play.plan.panel.right <= 960 and play.plan.panel.bottom <= 540
    assert all(b.rect.bottom <= play.plan.panel.bottom for b in play.plan.choice_buttons)
    settle(app, key(pygame.K_1))
    assert isinstance(app.top, ConsequenceScreen)


def test_story_errors_show_on_screen(example_story: Path, data_dir: Path, capsys) -> None:
    text = (example_story / "01_call.yaml").read_text().replace("goto: booth", "goto: nowhere", 1)
    (example_story / "01_call.yaml").write_text(text)
    app = build_app(LaunchOptions(story_dir=example_story))
    assert type(app.top).__name__ == "ErrorScreen"
    assert "nowhere" in capsys.readouterr().err
    settle(app, key(pygame.K_ESCAPE))
    assert not app.running and app.exit_code == 1
