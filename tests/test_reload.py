"""Hot reload: edit the story under a playthrough, reload, and keep the player's place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine import Session
from game.engine.reload import StoryWatcher, reload_session
from game.story import load_story
from tests.storykit import write_story
from tests.textkit import text_player

# Three scenes in a row, so that a playthrough has a place to keep.
ROAD = """\
scenes:
  a:
    text: The dormitory at dawn.
    choices:
      - {id: call, text: Call home, effects: [called = true, qin.hope += 1], goto: b}
      - {id: rest, text: Sleep, goto: b}
  b:
    text: The station square.
    choices:
      - {id: wait, text: Wait for the train, goto: c}
  c:
    text: The train at last.
    end: true
endings:
  - id: home
    title: Home
    text: Home.
    epilogue: {suqin: She is home., qin: She waits at the door.}
"""


def edit(root: Path, old: str, new: str) -> None:
    path = root / "01_scenes.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    bump(path)


def bump(path: Path) -> None:
    """Makes sure the modification time moves on even on coarse file-system clocks."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


@pytest.fixture
def played(tmp_path):
    root = write_story(tmp_path / "story", ROAD)
    session = Session(load_story(root, check_assets=False))
    session.choose("call")
    return root, session


def test_reload_keeps_the_place_and_shows_the_new_text(played):
    root, session = played
    edit(root, "The station square.", "The station square, white with sleet.")
    result = reload_session(session, check_assets=False)
    assert result.ok and result.messages == []
    assert result.session.state.scene == "b"
    assert result.session.state.log == ["a.call"]
    assert result.session.paragraphs() == ["The station square, white with sleet."]
    assert result.session.state.flags["called"] is True
    assert result.session.undo()  # the replayed decisions can be undone as before


def test_a_story_with_errors_keeps_the_old_session(played):
    root, session = played
    edit(root, "goto: c", "goto: nowhere")
    result = reload_session(session, check_assets=False)
    assert result.session is None
    assert [str(e) for e in result.errors][0].endswith("01_scenes.yaml:10:52: error: unknown scene 'nowhere'")
    assert "still playing the last version" in result.messages[0]
    assert session.state.scene == "b"  # untouched


def test_what_no_longer_fits_is_dropped_and_said(played):
    root, session = played
    session.choose("wait")
    edit(root, "id: wait", "id: linger")
    result = reload_session(session, check_assets=False)
    assert result.ok
    assert result.session.state.scene == "b"
    assert result.session.state.log == ["a.call"]
    assert result.messages == [
        "1 of 2 decisions could be replayed on the edited story: 'b.wait' no "
        "longer fits at 'b', so it was dropped."
    ]


def test_changed_values_are_mentioned(played):
    root, session = played
    edit(root, "qin.hope += 1", "qin.hope += 2")
    result = reload_session(session, check_assets=False)
    assert result.session.state.stats["qin"]["hope"] == 7
    assert result.messages == ["Every decision was replayed on the edited story; some values now differ."]


def test_a_removed_start_scene_replays_from_the_story_start(tmp_path):
    root = write_story(tmp_path / "story", ROAD)
    session = Session(load_story(root, check_assets=False), start="b")
    (root / "01_scenes.yaml").write_text(
        ROAD.replace("      - {id: rest, text: Sleep, goto: b}\n", "")
        .replace("goto: b}", "goto: c}")
        .replace(
            "  b:\n    text: The station square.\n    choices:\n"
            "      - {id: wait, text: Wait for the train, goto: c}\n",
            "",
        ),
        encoding="utf-8",
    )
    bump(root / "01_scenes.yaml")
    result = reload_session(session, check_assets=False)
    assert result.ok, [str(f) for f in result.findings]
    assert result.session.state.scene == "a"
    assert "('b') no longer exists" in result.messages[0]


def test_the_watcher_reports_each_change_once(tmp_path):
    root = write_story(tmp_path / "story", ROAD)
    watcher = StoryWatcher(root)
    assert watcher.poll() is False
    edit(root, "The train at last.", "The train, at last.")
    assert watcher.poll() is True
    assert watcher.poll() is False
    (root / "02_more.yaml").write_text("flags: [extra]\n", encoding="utf-8")
    assert watcher.poll() is True
    (root / "02_more.yaml").unlink()
    assert watcher.poll() is True
    (root / "notes.txt").write_text("not a story file", encoding="utf-8")
    assert watcher.poll() is False


def test_the_terminal_player_reloads_on_r_and_shows_errors_with_locations(played, tmp_path):
    root, session = played

    # The story breaks, the player asks for a reload, then the story is fixed and reloaded.
    def break_it():
        edit(root, "The station square.", "The square.\n    next: c")
        return "r\n"

    def fix_it():
        edit(root, "The square.\n    next: c", "The square, fixed.")
        return "r\n"

    player, out = text_player(session, tmp_path, [break_it, fix_it, "1\n"], watch=False)
    assert player.run() == 0
    text = out.getvalue()
    assert "01_scenes.yaml:7:3: error: scene 'b' has 'choices' and 'next'" in text
    assert "still playing the last version" in text
    assert "The square, fixed." in text
    assert "The train at last." in text  # the game went on after the reload


def test_the_terminal_player_reloads_by_itself_when_a_file_changes(played, tmp_path):
    root, session = played

    def edit_then_continue():
        edit(root, "The train at last.", "The train, at last, pulls in.")
        return "h\n"  # any command: the reload happens before the next prompt

    player, out = text_player(session, tmp_path, [edit_then_continue, "1\n"])
    player.run()
    text = out.getvalue()
    assert "(A story file changed: reloading.)" in text
    assert "The train, at last, pulls in." in text
