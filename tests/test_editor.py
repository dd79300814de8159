"""Story errors open in the author's editor: the command each editor understands, a sentence for
every way it can fail, and the error screens (at start-up and after a reload) opening a finding on a
key press or a click, through a stand-in editor on the PATH."""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.editor import Place, editor_command, finding_place, open_in_editor
from game.ui.hotreload import ReloadErrorScreen
from game.ui.screens.errors import ErrorScreen
from tests.uikit import click, drawn

PLACE = Place("/stories/mine/01_call.yaml", 12, 7)
posix_only = pytest.mark.skipif(os.name == "nt", reason="the stand-in editor is a shell script")


@pytest.mark.parametrize(
    ("editor", "command"),
    [
        ("vim", ["vim", "+12", PLACE.path]),
        ("/usr/bin/nvim", ["/usr/bin/nvim", "+12", PLACE.path]),
        ("nano", ["nano", "+12", PLACE.path]),
        ("emacs -nw", ["emacs", "-nw", "+12", PLACE.path]),
        ("code", ["code", "--goto", f"{PLACE.path}:12:7"]),
        ("code --wait", ["code", "--wait", "--goto", f"{PLACE.path}:12:7"]),
        ("subl", ["subl", f"{PLACE.path}:12:7"]),
        ("gedit", ["gedit", PLACE.path]),  # an editor we do not know: no stray "+12" file
    ],
)
def test_each_editor_gets_the_line_the_way_it_understands(editor: str, command: list[str]) -> None:
    assert editor_command(editor, PLACE) == command


def test_a_finding_names_its_place() -> None:
    assert finding_place("story/01_call.yaml:19:15: error: unknown scene 'x'") == Place(
        "story/01_call.yaml", 19, 15
    )
    assert finding_place(r"C:\stories\01.yaml:3:1: warning: nothing reads") == Place(
        r"C:\stories\01.yaml", 3, 1
    )
    assert finding_place("story: error: there is no story folder here") == Place("story", 0, 0)
    assert finding_place("The story could not be loaded.") is None
    assert editor_command("vim", Place("story/story.yaml")) == ["vim", "story/story.yaml"]


def test_every_way_it_can_fail_is_a_sentence(tmp_path: Path) -> None:
    started: list[list[str]] = []
    message = open_in_editor(PLACE, {}, started.append)
    assert message.startswith("No editor is set") and "EDITOR=vim" in message and "VISUAL=code" in message
    message = open_in_editor(PLACE, {"EDITOR": "no-such-editor-here"}, started.append)
    assert "'no-such-editor-here' (from $EDITOR) was not found" in message
    message = open_in_editor(PLACE, {"EDITOR": "code 'unclosed"}, started.append)
    assert "cannot be read as a command" in message
    assert started == []


@posix_only
def test_a_terminal_editor_needs_the_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake = stand_in(tmp_path, "vim")
    monkeypatch.setenv("PATH", str(fake.parent), prepend=os.pathsep)
    started: list[list[str]] = []
    message = open_in_editor(PLACE, {"EDITOR": "vim"}, started.append, has_terminal=False)
    assert "runs in a terminal" in message and started == []
    message = open_in_editor(PLACE, {"EDITOR": "vim", "VISUAL": "code"}, started.append, has_terminal=False)
    assert "'code' (from $VISUAL) was not found" in message  # VISUAL comes first
    message = open_in_editor(PLACE, {"EDITOR": "vim"}, started.append, has_terminal=True)
    assert started == [["vim", "+12", PLACE.path]]
    assert message == f"Opened {PLACE.path}:12 in vim, in the terminal the game was started from."


# ----------------------------------------------------------------------------- the screens


def stand_in(folder: Path, name: str) -> Path:
    """An executable called `name` that writes the arguments it was given to `name`.args."""
    folder.mkdir(parents=True, exist_ok=True)
    script = folder / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{folder / name}.args"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return script


def arguments(script: Path) -> list[str]:
    """What the stand-in editor was started with (it runs on its own: wait for it a little)."""
    record = script.with_name(script.name + ".args")
    deadline = time.monotonic() + 5
    while not record.exists() and time.monotonic() < deadline:
        time.sleep(0.02)
    return record.read_text(encoding="utf-8").splitlines()


@pytest.fixture
def code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """VISUAL=code, with a stand-in `code` first on the PATH."""
    script = stand_in(tmp_path / "bin", "code")
    monkeypatch.setenv("PATH", str(script.parent), prepend=os.pathsep)
    monkeypatch.setenv("VISUAL", "code")
    return script


def break_story(story: Path) -> Path:
    scene_file = story / "01_call.yaml"
    text = scene_file.read_text(encoding="utf-8")
    scene_file.write_text(text.replace("next: night", "next: nowhere"), encoding="utf-8")
    return scene_file


def error_place(scene_file: Path) -> str:
    """Where the broken `next:` is: `line:column` of its value."""
    lines = scene_file.read_text(encoding="utf-8").splitlines()
    number, line = next((n, line) for n, line in enumerate(lines, 1) if "next: nowhere" in line)
    return f"{number}:{line.index('nowhere') + 1}"


def notice(app: App) -> str:
    return app.notice[0] if app.notice else ""


@posix_only
def test_e_on_the_start_up_error_screen_opens_the_error_in_vs_code(
    example_story: Path, data_dir: Path, code: Path
) -> None:
    scene_file = break_story(example_story)
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    try:
        assert isinstance(app.top, ErrorScreen)
        assert "Open in editor (E)" in [text for text, _, _ in drawn(app)]
        app.frame([key(pygame.K_e)], 0.016)
        place = error_place(scene_file)
        assert arguments(code) == ["--goto", f"{scene_file.resolve()}:{place}"]
        line = place.split(":")[0]
        assert f"Opened {scene_file.resolve()}:{line} in code." in notice(app)
        assert any(text.startswith("Opened ") for text, _, _ in drawn(app))  # the notice is shown
    finally:
        pygame.quit()


def test_without_an_editor_the_screen_says_how_to_set_one(
    example_story: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.delenv("EDITOR", raising=False)
    break_story(example_story)
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(800, 600)))
    try:
        app.frame([key(pygame.K_e)], 0.016)
        assert isinstance(app.top, ErrorScreen) and app.running  # E never quits
        shown = " ".join(text for text, _, _ in drawn(app))
        assert "No editor is set" in shown and "Traceback" not in shown
    finally:
        pygame.quit()


@posix_only
def test_a_click_on_a_reload_error_opens_that_one(example_story: Path, data_dir: Path, code: Path) -> None:
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    try:
        app.new_game()
        break_story(example_story)
        (example_story / "02_extra.yaml").write_text(
            "scenes:\n  stray:\n    text: Hi.\n    next: nowhere_else\n"
        )
        app.frame([key(pygame.K_F5)], 0.016)
        screen = app.top
        assert isinstance(screen, ReloadErrorScreen)
        assert [b.label for b in screen.focus.buttons] == ["Open in editor (E)", "Keep playing"]
        # The second finding, clicked where it is drawn.
        second = next(i for i, f in enumerate(screen.findings) if "02_extra.yaml" in f)
        top, bottom, _ = screen.spans[second]
        target = pygame.Rect(screen.box.x + 4, screen.box.y + top - screen.scroll.offset, 4, bottom - top)
        assert screen.box.contains(target)
        click(app, target)
        extra = (example_story / "02_extra.yaml").resolve()
        assert arguments(code)[:2] == ["--goto", f"{extra}:4:11"]
        assert isinstance(app.top, ReloadErrorScreen)  # still there: fix, save, and it reloads
    finally:
        pygame.quit()
