"""Saves written by two games at once, leftovers of a killed game, and a picture that fails.

- Two processes saving one slot never fail each other (each temporary file has its own name; the
  slot and its backup are replaced under a lock where the system has one).
- Temporary files of a process that no longer exists are removed at start-up, at once; those of a
  running process are left alone.
- The save's picture is written before the save: if it fails, the save on disk is the old one,
  as the message says.
"""

from __future__ import annotations

import errno
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from game import atomic as atomic_module
from game.engine import SaveError, SaveStore, Session
from game.story import Story, load_story
from game.textui import TextPlayer
from tests.storykit import BASE, write_story

ROOT = Path(__file__).resolve().parents[1]

WRITER = """\
import sys
from pathlib import Path
from game.engine import SaveError, SaveStore, Session
from game.story import load_story

story = load_story(Path(sys.argv[1]), check_assets=False)
store = SaveStore(Path(sys.argv[2]))
failures = []
for _ in range(int(sys.argv[3])):
    try:
        store.save("same", Session(story))
    except SaveError as exc:
        failures.append(str(exc))
print(len(failures), failures[:1])
"""


@pytest.fixture()
def story(tmp_path: Path) -> Story:
    return load_story(write_story(tmp_path / "story", BASE), check_assets=False)


@pytest.mark.skipif(os.name == "nt", reason="the race is measured on POSIX")
def test_two_games_saving_one_slot_never_fail(tmp_path: Path, story: Story) -> None:
    saves = tmp_path / "saves"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = [
        subprocess.Popen(
            [sys.executable, str(script), str(story.root), str(saves), "150"],
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        for _ in range(3)
    ]
    reports = [w.communicate(timeout=120)[0] for w in writers]
    assert all(r.startswith("0 ") for r in reports), reports
    store = SaveStore(saves)
    assert store.load("same", story).session.scene.id == "a"
    assert store.backup_path("same").exists()
    assert [p.name for p in saves.iterdir() if p.name.endswith(".tmp")] == []


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_leftovers_of_a_killed_game_are_removed_at_start_up(tmp_path: Path, story: Story) -> None:
    store = SaveStore(tmp_path / "saves")
    store.save("1", Session(story))
    gone = dead_pid()
    leftovers = [
        store.directory / f".1.json.{gone}.x1y2z3.tmp",
        store.directory / f".1.bak.json.{gone}.0a1b2c3d.tmp",
    ]
    in_progress = store.directory / f".2.json.{os.getppid()}.abcdef.tmp"  # a live process
    for path in (*leftovers, in_progress):
        path.write_bytes(b'{"half')
    out = io.StringIO()
    TextPlayer(Session(story), store, lambda: None, out, width=100, watch=False).run()
    remaining = {p.name for p in store.directory.iterdir()}
    assert not any(p.name in remaining for p in leftovers)
    assert in_progress.name in remaining


def test_a_picture_that_cannot_be_written_leaves_the_old_save_as_the_message_says(
    tmp_path: Path, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path / "saves")
    store.save("1", Session(story), thumbnail=b"old picture")
    before = store.path("1").read_bytes()
    session = Session(story)
    session.choose("a.call")
    real = atomic_module.write_atomic

    def no_pictures(path: Path, data: bytes, **kwargs: object) -> None:
        if path.suffix == ".png":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data, **kwargs)

    monkeypatch.setattr("game.engine.saves.write_atomic", no_pictures)
    with pytest.raises(SaveError, match="earlier saves are untouched"):
        store.save("1", session, thumbnail=b"new picture")
    assert store.path("1").read_bytes() == before
    assert store.path("1").with_suffix(".png").read_bytes() == b"old picture"
