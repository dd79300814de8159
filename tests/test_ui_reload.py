"""Hot reload and --start/--set in the desktop player: a copy of docs/example edited under a
running app, headless, through the real main loop and screens."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.ui.app import App, build_app, main_loop
from game.ui.autoplay import key
from game.ui.hotreload import HotReload, ReloadErrorScreen
from game.ui.screens.play import PlayScreen

OLD = "The line crackles. Qin says she is fine."
NEW = "The line hums. Qin laughs at something her grandmother said."


@pytest.fixture
def app(example_story: Path, data_dir: Path):
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    yield app
    pygame.quit()


class Until:
    """A main-loop driver: runs `action` once, then quits when `done(app)` holds (or after 10 s)."""

    def __init__(self, action: Callable[[], None], done: Callable[[App], bool]) -> None:
        self.action, self.done = action, done
        self.acted = False
        self.deadline = time.monotonic() + 10

    def step(self, app: App) -> None:
        if not self.acted:
            self.acted = True
            self.action()
        elif self.done(app) or time.monotonic() > self.deadline:
            app.quit(0)


def at_booth(app: App) -> PlayScreen:
    app.new_game()
    app.take_choice("call")
    play = app.top
    assert isinstance(play, PlayScreen)
    play.enter_scene()
    assert play.scene.id == "booth" and OLD in " ".join(play.reading.texts)
    return play


def shown(app: App) -> str:
    top = app.top
    return " ".join(top.reading.texts) if isinstance(top, PlayScreen) else ""


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_an_edited_story_file_is_reloaded_and_the_player_keeps_their_place(
    app: App, example_story: Path
) -> None:
    at_booth(app)
    app.hot_reload = HotReload(app, interval=0.05)  # the game polls once a second; the test faster
    scene_file = example_story / "01_call.yaml"
    main_loop(app, Until(lambda: edit(scene_file, OLD, NEW), lambda a: NEW in shown(a)))
    play = app.top
    assert isinstance(play, PlayScreen) and play.scene.id == "booth"
    assert NEW in shown(app) and OLD not in shown(app)
    assert len(app.session.state.log) == 1  # the decision was replayed on the edited story
    assert app.notice is not None and "Story reloaded" in app.notice[0]


def test_a_broken_edit_shows_the_errors_and_keeps_playing(app: App, example_story: Path) -> None:
    at_booth(app)
    app.hot_reload = HotReload(app, interval=0.05)
    scene_file = example_story / "01_call.yaml"
    main_loop(
        app,
        Until(
            lambda: edit(scene_file, "next: night", "next: nowhere"),
            lambda a: isinstance(a.top, ReloadErrorScreen),
        ),
    )
    errors = app.top
    assert isinstance(errors, ReloadErrorScreen)
    assert any("01_call.yaml:" in f and ": error:" in f and "nowhere" in f for f in errors.findings)
    app.frame([], 0.016)  # the error screen draws
    # Back to the game: still the last version that loaded, at the same place, still playable.
    app.frame([key(pygame.K_ESCAPE)], 0.016)
    play = app.top
    assert isinstance(play, PlayScreen) and play.scene.id == "booth" and OLD in shown(app)
    play.reading.show_all()
    go_on = next(c for c in play.choices if c.available)
    assert app.take_choice(go_on.id) is not None
    assert app.session.scene.id == "night"
    # Fixing the file brings the new version in, again at the player's place.
    main_loop(
        app,
        Until(
            lambda: edit(scene_file, "next: nowhere", "next: night"),
            lambda a: a.notice is not None and "Story reloaded" in a.notice[0],
        ),
    )
    assert app.session.scene.id == "night" and len(app.session.state.log) == 2


def test_f5_reloads_and_says_what_could_not_be_restored(app: App, example_story: Path) -> None:
    at_booth(app)
    # The choice the player took is gone from the edited story: the replay stops before it.
    edit(example_story / "01_call.yaml", "      - id: call\n", "      - id: phone\n")
    app.frame([key(pygame.K_F5)], 0.016)
    assert isinstance(app.top, PlayScreen) and app.session.scene.id == "dorm"
    assert app.notice is not None
    assert "Story reloaded" in app.notice[0] and "0 of 1 decisions" in app.notice[0]


def test_start_and_set_begin_a_new_game_where_asked(example_story: Path, data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(
            story_dir=example_story,
            window_size=(1280, 720),
            start="booth",
            sets={"qin.closeness": "7", "savings": "600"},
        )
    )
    try:
        play = app.top
        assert isinstance(play, PlayScreen) and play.scene.id == "booth"
        assert app.session.state.resources["savings"] == 600
        # The variant for closeness >= 6 is shown: the value set reached the scene's text.
        assert "She tells you about school" in shown(app)
        app.new_game()  # New game from the title menu honours them too
        assert app.session.scene.id == "booth"
    finally:
        pygame.quit()


def test_a_misspelt_start_scene_is_named_with_the_nearest_one(example_story: Path, data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720), start="bothe"))
    try:
        assert isinstance(app.top, PlayScreen) and app.session.scene.id == "dorm"
        assert app.notice is not None
        assert "there is no scene 'bothe'" in app.notice[0] and "did you mean 'booth'?" in app.notice[0]
        assert "playing from the story's start" in app.notice[0]
    finally:
        pygame.quit()


def test_a_reload_keeps_the_open_dialogs_open(app: App, example_story: Path) -> None:
    from game.ui.screens.menu import PauseMenu
    from game.ui.screens.saves import SavesScreen
    from tests.uikit import button, click, drawn

    at_booth(app)
    app.hot_reload = HotReload(app, interval=0.05)
    app.frame([key(pygame.K_ESCAPE)], 0.016)  # the menu
    assert isinstance(app.top, PauseMenu)
    click(app, button(app, "Save").rect)  # and the saves over it
    assert isinstance(app.top, SavesScreen)
    main_loop(
        app,
        Until(
            lambda: edit(example_story / "01_call.yaml", OLD, NEW),
            lambda a: a.notice is not None and "Story reloaded" in a.notice[0],
        ),
    )
    # Still saving, over the menu, over the reloaded scene.
    assert [type(s).__name__ for s in app.stack] == ["PlayScreen", "PauseMenu", "SavesScreen"]
    play = app.stack[0]
    assert isinstance(play, PlayScreen) and NEW in " ".join(play.reading.texts)
    assert "Story reloaded." in [text for text, _, _ in drawn(app)]
    app.frame([key(pygame.K_ESCAPE)], 0.016)
    assert isinstance(app.top, PauseMenu)
    labels = [text for text, _, _ in drawn(app)]
    assert "Resume" in labels and "Save" in labels
    app.frame([key(pygame.K_ESCAPE)], 0.016)
    assert app.top is play and NEW in shown(app)
