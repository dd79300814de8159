"""Draft mode (`--draft`, and the window's `--dev`): a scene being written that nothing leads to yet
is a warning, not an error, in check, explore, the terminal player, the window and its reloads."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Session
from game.engine.reload import reload_session
from game.story import load_story_with_diagnostics
from tests.storykit import BASE, write_story

# A scene written but not yet linked from any choice, with an end scene and ending of its own.
LOOSE = """\
  c:
    text: A new scene, not yet linked.
    next: d
  d:
    text: Its end.
    end: true
"""
LOOSE_ENDING = """\
  - id: loose_end
    title: Loose end
    from: [d]
    text: It ends here.
    epilogue:
      suqin: She waits.
      qin: She waits too.
"""


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("LAST_TRAIN_HOME_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


@pytest.fixture
def loose_story(tmp_path: Path) -> Path:
    scenes = BASE.replace("endings:\n", LOOSE + "endings:\n", 1).replace(
        "endings:\n", "endings:\n" + LOOSE_ENDING, 1
    )
    return write_story(tmp_path / "s", scenes)


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_check_fails_on_an_unlinked_scene_and_passes_it_in_draft_mode(loose_story: Path) -> None:
    code, out, _ = run(["check", str(loose_story)])
    assert code == 1
    assert "01_scenes.yaml:" in out and "error: no choice leads to the scene 'c'" in out
    assert "error: the ending 'loose_end' can never be reached" in out
    for argv in (["check", "--draft", str(loose_story)], ["--draft", "check", str(loose_story)]):
        code, out, _ = run(argv)
        assert code == 0, out
        assert "warning: no choice leads to the scene 'c' from the start 'a' (draft mode" in out
        assert "warning: the ending 'loose_end' can never be reached" in out
        assert "0 errors, 3 warnings." in out  # c, d and the ending
    code, _, _ = run(["check", "--draft", "--strict", str(loose_story)])
    assert code == 1  # --strict still fails on them: nothing ships as a draft by accident


def test_other_errors_stay_errors_in_draft_mode(loose_story: Path) -> None:
    scenes = (loose_story / "01_scenes.yaml").read_text(encoding="utf-8")
    (loose_story / "01_scenes.yaml").write_text(scenes.replace("next: d", "next: nowhere"), encoding="utf-8")
    code, out, _ = run(["check", "--draft", str(loose_story)])
    assert code == 1 and "error: unknown scene 'nowhere'" in out


def test_the_terminal_player_and_explore_take_draft(loose_story: Path) -> None:
    code, _, err = run(["play", "--text", "--story", str(loose_story)], stdin="q\n")
    assert code == 1 and "no choice leads to the scene 'c'" in err
    code, out, _ = run(
        ["play", "--text", "--draft", "--story", str(loose_story), "--start", "c"], stdin="q\n"
    )
    assert code == 0 and "A new scene, not yet linked." in out
    code, _, err = run(["explore", "--story", str(loose_story), "--random", "2"])
    assert code == 1 and "no choice leads to the scene 'c'" in err
    code, out, _ = run(["explore", "--draft", "--story", str(loose_story), "--random", "2"])
    assert "'Test Story'" in out


def test_a_reload_stays_in_draft_mode(loose_story: Path) -> None:
    story, _ = load_story_with_diagnostics(loose_story, draft=True)
    assert story is not None and story.draft
    session = Session(story)
    session.choose("call")
    result = reload_session(session)
    assert result.session is not None and result.session.story.draft
    assert [f.severity for f in result.findings if "no choice leads" in f.message] == ["warning", "warning"]


def test_the_window_loads_a_draft_in_writing_mode(loose_story: Path) -> None:
    import pygame

    from game.options import LaunchOptions
    from game.ui.app import build_app
    from game.ui.screens.errors import ErrorScreen

    for options, loads in (
        (LaunchOptions(story_dir=loose_story, window_size=(800, 600)), False),
        (LaunchOptions(story_dir=loose_story, window_size=(800, 600), draft=True), True),
        (LaunchOptions(story_dir=loose_story, window_size=(800, 600), dev=True, draft=True), True),
    ):
        app = build_app(options)
        try:
            assert (app.story is not None) == loads
            assert isinstance(app.top, ErrorScreen) != loads
            if loads:
                assert app.story is not None and app.story.draft  # so its reloads stay drafts
        finally:
            pygame.quit()


def test_dev_on_the_command_line_means_draft_too() -> None:
    from game.cli import _options, build_parser

    options = _options(build_parser().parse_args(["--dev"]))
    assert options.dev and options.draft
    options = _options(build_parser().parse_args(["play", "--dev"]))
    assert options.dev and options.draft
    options = _options(build_parser().parse_args(["--draft"]))
    assert options.draft and not options.dev


def test_in_writing_mode_a_story_broken_at_start_up_reloads_when_the_fix_is_saved(
    tmp_path: Path,
) -> None:
    import pygame

    from game.options import LaunchOptions
    from game.ui.app import build_app
    from game.ui.hotreload import HotReload
    from game.ui.screens.errors import ErrorScreen
    from game.ui.screens.title import TitleScreen

    root = write_story(tmp_path / "broken", BASE.replace("goto: b", "goto: bb", 1))
    scenes = root / "01_scenes.yaml"
    for dev in (False, True):
        options = LaunchOptions(story_dir=root, window_size=(800, 600), dev=dev, draft=dev)
        app = build_app(options)
        try:
            assert app.story is None and isinstance(app.top, ErrorScreen)
            reloader = HotReload(app, interval=0)
            if not dev:  # outside writing mode a broken story waits for a restart
                assert reloader.watcher is None and not reloader.poll()
                continue
            # Still broken in a new way: the page lists the new finding, not the old one.
            scenes.write_text(scenes.read_text().replace("goto: bb", "goto: bbb"))
            assert not reloader.reload()
            page = app.top
            assert isinstance(page, ErrorScreen) and app.story is None
            assert any("'bbb'" in line for line in page.findings)
            assert not any("'bb'" in line for line in page.findings)
            # Fixed and saved: the title comes up with the story, without a restart.
            scenes.write_text(scenes.read_text().replace("goto: bbb", "goto: b"))
            assert reloader.poll()  # the watcher saw the saved file
            assert app.story is not None and isinstance(app.top, TitleScreen)
        finally:
            pygame.quit()
