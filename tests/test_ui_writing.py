"""Writing mode in the window (`--dev`): the writing panel (F9) sets values and jumps to scenes
mid-play through real key presses and typed text, what it changes is drawn, and saves and reloads
keep it."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.devpanel import WritingPanel
from game.ui.screens.keys import KeysScreen
from game.ui.screens.play import PlayScreen
from tests.test_ui_layout import assert_fits
from tests.uikit import drawn, settle


def typed(text: str) -> pygame.event.Event:
    return pygame.event.Event(pygame.TEXTINPUT, text=text)


def texts(app: App) -> list[str]:
    return [text for text, _, _ in drawn(app)]


def shown(app: App) -> str:
    return " ".join(texts(app))


@pytest.fixture
def app(example_story: Path, data_dir: Path):
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720), dev=True, draft=True))
    app.change_settings(replace(app.settings, text_speed="instant"))
    app.new_game()
    settle(app)
    yield app
    pygame.quit()


def open_panel(app: App) -> WritingPanel:
    settle(app, key(pygame.K_F9))
    panel = app.top
    assert isinstance(panel, WritingPanel)
    return panel


def test_f9_opens_the_panel_in_writing_mode_only(example_story: Path, data_dir: Path) -> None:
    player = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    try:
        player.new_game()
        settle(player, key(pygame.K_F9))
        assert isinstance(player.top, PlayScreen)  # a player's F9 does nothing
        player.frame([key(pygame.K_F1)], 0.016)
        assert "Writing mode" not in shown(player)
    finally:
        pygame.quit()


def test_writing_mode_says_so_when_the_window_opens(example_story: Path, data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720), dev=True, draft=True))
    try:
        assert any(line.startswith("Writing mode: ") and "F9" in line for line in texts(app))
    finally:
        pygame.quit()


def test_the_panel_lists_every_value_and_scene_with_its_hint(app: App) -> None:
    open_panel(app)
    lines = texts(app)
    assert "Writing panel" in lines
    assert any("F9 or Esc closes" in line for line in lines)  # its own hint
    assert "savings = 100" in lines and "qin.closeness = 5" in lines and "called_home = false" in lines
    assert any(
        line.startswith("dorm  (you are here) — The Call · The dormitory · Spring 2006") for line in lines
    )
    assert any(line.startswith("The phone card in your pocket has {savings}") for line in lines)
    settle(app, key(pygame.K_F9))
    assert isinstance(app.top, PlayScreen)  # F9 again closes it


def test_the_keys_page_names_the_panel_in_writing_mode(app: App) -> None:
    settle(app, key(pygame.K_F1))
    assert isinstance(app.top, KeysScreen)
    settle(app, key(pygame.K_END))  # the last group, at the end of the page
    lines = texts(app)
    assert "WRITING MODE" in lines and "F9" in lines
    assert "the writing panel: set any value, jump to any scene" in lines


def test_setting_savings_unlocks_a_choice_and_survives_a_reload(app: App) -> None:
    play = app.top
    assert isinstance(play, PlayScreen)
    assert not next(c for c in play.choices if c.id == "dorm.rich").available  # needs 500 yuan
    open_panel(app)
    settle(app, typed("sav"))
    lines = texts(app)
    assert "savings = 100" in lines and "qin.closeness = 5" not in lines  # filtered as typed
    settle(app, typed("ings=lots"), key(pygame.K_RETURN))
    message = next(line for line in texts(app) if line.startswith("'savings' takes a whole number"))
    assert message.endswith("not 'lots'")  # said in the panel
    for _ in "lots":
        app.frame([key(pygame.K_BACKSPACE)], 0.016)
    app.frame([typed("2000"), key(pygame.K_RETURN)], 0.016)
    assert app.notice is not None and app.notice[0] == "savings is now 2000."
    assert isinstance(app.top, WritingPanel)  # stays open for the next change
    assert "savings = 2000" in texts(app)
    settle(app, key(pygame.K_ESCAPE))
    play = app.top
    assert isinstance(play, PlayScreen) and app.session.state.resources["savings"] == 2000
    assert "2000 yuan of your savings" in shown(app) or "2,000 yuan of your savings" in shown(app)
    assert next(c for c in play.choices if c.id == "dorm.rich").available
    # A reload replays from the change: the savings stay.
    app.frame([key(pygame.K_F5)], 0.016)
    assert app.session.state.resources["savings"] == 2000


def test_typing_a_question_mark_in_the_panel_is_text(app: App) -> None:
    open_panel(app)
    app.frame(
        [
            pygame.event.Event(
                pygame.KEYDOWN, key=pygame.K_SLASH, mod=pygame.KMOD_SHIFT, unicode="?", scancode=0
            )
        ],
        0.016,
    )
    assert isinstance(app.top, WritingPanel)


def test_jumping_to_a_scene_by_its_words(app: App) -> None:
    assert app.take_choice("dorm.call") is not None  # a decision before the jump
    settle(app)
    open_panel(app)
    settle(app, typed("crackles"))  # words of the scene's text find it
    lines = texts(app)
    assert any(line.startswith("booth  (you are here) — The Call · A phone booth") for line in lines)
    assert not any(line.startswith("dorm") for line in lines)
    settle(app, key(pygame.K_BACKSPACE, pygame.KMOD_CTRL), typed("dorm"), key(pygame.K_RETURN))
    play = app.top
    assert isinstance(play, PlayScreen) and play.scene.id == "dorm"
    assert "The phone card in your pocket has 80 yuan of your savings riding on it." in shown(app)
    # The way on from there plays, saves and loads as any other, the decision before the jump kept.
    assert app.take_choice("dorm.call") is not None
    assert app.save("slot1")
    assert app.load("slot1")
    assert app.session.state.scene == "booth" and app.session.state.log == ["dorm.call", "dorm.call"]
    assert app.notice is not None and "could" not in app.notice[0], app.notice[0]
    assert app.session.state.resources["savings"] == 60


def test_a_mistyped_value_name_gets_the_nearest_one(app: App) -> None:
    open_panel(app)
    settle(app, typed("qin.hop=3"), key(pygame.K_RETURN))
    assert any("did you mean 'qin.hope'" in line for line in texts(app))


def test_a_click_on_a_flag_turns_it_over(app: App) -> None:
    panel = open_panel(app)
    settle(app, typed("called"))
    row = next(r for r in panel.choosable if getattr(r.item, "name", "") == "called_home")
    y = panel.list_box.y + row.y - panel.offset + row.height // 2
    settle(
        app,
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=(panel.list_box.centerx, y)),
        pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=(panel.list_box.centerx, y)),
    )
    assert panel.query == "called_home=true"
    settle(app, key(pygame.K_RETURN))
    assert app.session.state.flags["called_home"] is True


@pytest.mark.parametrize(("size", "text_size"), [((1280, 720), "medium"), ((800, 600), "largest")])
def test_the_panel_fits_the_window(app: App, size: tuple[int, int], text_size: str) -> None:
    pygame.display.set_mode(size, pygame.RESIZABLE)
    app.dispatch(pygame.event.Event(pygame.VIDEORESIZE, size=size, w=size[0], h=size[1]))
    app.change_settings(replace(app.settings, text_size=text_size))
    open_panel(app)
    assert assert_fits(app, "writing panel") > 10
    settle(app, typed("qin.closeness=not a number at all, and a long one too"), key(pygame.K_RETURN))
    assert assert_fits(app, "writing panel with a message") > 3
