"""Saves survive pulled plugs, damaged files, read-only folders and full disks; settings survive damage.

The crash test kills a real process that is writing saves (SIGKILL, at random moments, many
times) and then loads every slot: each holds a complete save, never half of one.
"""

from __future__ import annotations

import errno
import io
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game import atomic as atomic_module
from game.engine import SaveError, SaveStore, Session
from game.settings import Settings, load_settings
from game.story import Story, load_story
from game.textui import TextPlayer
from tests.storykit import write_story

ROOT = Path(__file__).resolve().parents[1]

# A scene that loops on itself, so that every save of a run is different (its log grows).
LOOP = """\
scenes:
  a:
    text: The same night again; you have {savings} yuan.
    choices:
      - id: again
        text: Work another shift
        effects: [savings += 7, qin.hope -= 1, suqin.hope += 1]
        goto: a
      - id: stop
        text: Stop
        goto: b
  b:
    text: Home.
    end: true
endings:
  - id: home
    title: Home
    text: You went home.
    epilogue:
      suqin: She rests.
      qin: She waits.
"""


@pytest.fixture()
def story(tmp_path: Path) -> Story:
    return load_story(write_story(tmp_path / "story", LOOP), check_assets=False)


def played(story: Story, steps: int) -> Session:
    session = Session(story)
    for _ in range(steps):
        session.choose("again")
    return session


# ----------------------------------------------------------------------------- SIGKILL mid-save

# One Python process starts (slow on a busy machine) and forks a fresh writer for every kill
# (fast, and safe: that process has no other threads). Each writer saves in a loop until the test
# sends it SIGKILL.
WRITER = """\
import os
import sys
from pathlib import Path
from game.engine import SaveStore, Session
from game.story import load_story

story = load_story(Path(sys.argv[1]), check_assets=False)
store = SaveStore(Path(sys.argv[2]))
slots = ["1", "2", "autosave"]
for command in sys.stdin:
    pid = os.fork()
    if pid == 0:
        try:
            session = Session(story)
            for _ in range(int(command)):
                session.choose("again")
            store.save("1", session)
            print("writing", os.getpid(), flush=True)
            step = 0
            while True:
                session.choose("again")
                step += 1
                store.save(slots[step % 3], session)
        finally:
            os._exit(1)
    os.waitpid(pid, 0)
    print("reaped", flush=True)
"""

needs_fork = pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (POSIX)")


@needs_fork
def test_killing_the_game_mid_save_never_leaves_a_broken_slot(tmp_path: Path, story: Story) -> None:
    saves = tmp_path / "saves"
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    rng = random.Random(7)
    server = subprocess.Popen(
        [sys.executable, str(script), str(story.root), str(saves)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        cwd=ROOT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert server.stdin is not None and server.stdout is not None
    kills, started, longest_log = 0, time.perf_counter(), 0
    try:
        while kills < 40 and time.perf_counter() - started < 15:
            server.stdin.write(f"{rng.randrange(50)}\n")
            server.stdin.flush()
            word, pid = server.stdout.readline().split()
            assert word == "writing"
            time.sleep(rng.uniform(0.0, 0.03))
            os.kill(int(pid), signal.SIGKILL)
            assert server.stdout.readline() == "reaped\n"
            kills += 1
            store = SaveStore(saves)
            for slot in ("1", "2", "autosave"):
                for path in (store.path(slot), store.backup_path(slot)):
                    if path.exists():  # complete JSON, never half a file
                        assert json.loads(path.read_bytes())["game"] == "last-train-home"
                if store.path(slot).exists():
                    result = store.load(slot, story)  # and a save the game can play on from
                    assert result.messages == []
                    log = result.session.state.log
                    assert log == ["a.again"] * len(log)
                    longest_log = max(longest_log, len(log))
            assert all(info.problem is None for info in store.slots())
    finally:
        server.kill()
        server.wait()
        server.stdin.close()
        server.stdout.close()
    assert kills >= 30, f"only {kills} kills in the time allowed"
    assert longest_log > 0


# ----------------------------------------------------------------------------- damaged saves


def _future(story: Story, session: Session, store: SaveStore) -> bytes:
    store.save("x", session)
    document = json.loads(store.path("x").read_bytes())
    document["format"], document["min_format"] = 7, 5
    return json.dumps(document).encode()


def _other_story(story: Story, session: Session, store: SaveStore) -> bytes:
    store.save("x", session)
    document = json.loads(store.path("x").read_bytes())
    document["story"]["title"] = "A Different Story"
    return json.dumps(document).encode()


def _truncated(story: Story, session: Session, store: SaveStore) -> bytes:
    store.save("x", session)
    data = store.path("x").read_bytes()
    return data[: len(data) // 2]


def _wrong_shapes(story: Story, session: Session, store: SaveStore) -> bytes:
    store.save("x", session)
    document = json.loads(store.path("x").read_bytes())
    document["state"]["stats"] = {"qin": {"hope": "lots"}}
    return json.dumps(document).encode()


DAMAGE = {
    "empty": (lambda *_: b"", "is empty"),
    "blank": (lambda *_: b"  \n\n", "is empty"),
    "truncated": (_truncated, "is damaged and cannot be read"),
    "garbage": (
        lambda *_: bytes(random.Random(1).randrange(256) for _ in range(500)),
        "is damaged and cannot be read",
    ),
    "deep-json": (lambda *_: b"[" * 100_000, "is damaged and cannot be read"),
    "not-a-save": (lambda *_: b'{"hello": "world"}', "is not a Last Train Home save"),
    "future-version": (_future, "made by a newer version of the game"),
    "other-story": (_other_story, "belongs to another story"),
    "wrong-shapes": (_wrong_shapes, "is damaged"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_save_gives_a_sentence_and_is_kept(tmp_path: Path, story: Story, kind: str) -> None:
    store = SaveStore(tmp_path / "saves")
    store.directory.mkdir(parents=True)
    make, expected = DAMAGE[kind]
    content = make(story, played(story, 3), store)
    store.path("9").write_bytes(content)
    with pytest.raises(SaveError, match=expected) as caught:
        store.load("9", story)
    message = str(caught.value)
    assert "\n" not in message and "Traceback" not in message
    assert store.path("9").read_bytes() == content  # kept, unchanged, for inspection
    if kind not in ("other-story", "wrong-shapes"):  # the list of slots knows no story
        assert any(info.slot == "9" and info.problem for info in store.slots())


@pytest.mark.parametrize("kind", ["truncated", "garbage", "future-version", "other-story", "empty"])
def test_the_terminal_player_reports_a_damaged_save_and_plays_on(
    tmp_path: Path, story: Story, kind: str
) -> None:
    store = SaveStore(tmp_path / "saves")
    store.directory.mkdir(parents=True)
    make, expected = DAMAGE[kind]
    content = make(story, played(story, 2), store)
    store.path("9").write_bytes(content)
    commands = iter(["1", "l 9", "1", "f", "q"])
    out = io.StringIO()
    player = TextPlayer(Session(story), store, lambda: next(commands, None), out, width=200, autosave=False)
    assert player.run() == 0
    text = out.getvalue()
    assert expected in text and "left as it is" in text and "Traceback" not in text
    assert player.session.state.log == ["a.again", "a.again"]  # play went on after the failed load
    assert store.path("9").read_bytes() == content


def test_a_save_with_stats_out_of_bounds_loads_within_bounds(tmp_path: Path, story: Story) -> None:
    store = SaveStore(tmp_path / "saves")
    store.save("1", played(story, 2))
    document = json.loads(store.path("1").read_bytes())
    for key in ("origin", "state"):
        document[key]["stats"]["qin"]["hope"] = 10**9
        document[key]["stats"]["suqin"]["hope"] = -(10**9)
    store.path("1").write_text(json.dumps(document))
    state = store.load("1", story).session.state
    for stats in state.stats.values():
        assert all(story.stats[s].min <= v <= story.stats[s].max for s, v in stats.items())


# ----------------------------------------------------------------------------- disks that refuse


def _untouched(store: SaveStore, before: dict[Path, bytes]) -> None:
    for path, data in before.items():
        assert path.read_bytes() == data
    assert [p.name for p in store.directory.iterdir() if p.name.endswith(".tmp")] == []


def _two_saves(store: SaveStore, story: Story) -> dict[Path, bytes]:
    store.save("1", played(story, 1))
    store.save("1", played(story, 2))  # so there is a backup too
    return {p: p.read_bytes() for p in (store.path("1"), store.backup_path("1"))}


@pytest.mark.parametrize("call", ["fsync", "write", "replace", "link+copy"])
def test_a_full_disk_fails_the_save_with_a_sentence_and_loses_nothing(
    tmp_path: Path, story: Story, monkeypatch: pytest.MonkeyPatch, call: str
) -> None:
    store = SaveStore(tmp_path / "saves")
    before = _two_saves(store, story)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    if call == "write":  # the temporary file's own write

        class FullFile:
            def __init__(self, fd: int) -> None:
                self.fd = fd

            def __enter__(self) -> FullFile:
                return self

            def __exit__(self, *exc: object) -> None:
                os.close(self.fd)

            def write(self, data: bytes) -> int:
                full()
                return 0

        monkeypatch.setattr(atomic_module.os, "fdopen", lambda fd, *args, **kwargs: FullFile(fd))
    elif call == "link+copy":  # the backup cannot be made
        monkeypatch.setattr(atomic_module.os, "link", full)
        monkeypatch.setattr(Path, "write_bytes", full)
    else:
        monkeypatch.setattr(atomic_module.os, call, full)
    with pytest.raises(SaveError) as caught:
        store.save("1", played(story, 5))
    monkeypatch.undo()
    message = str(caught.value)
    assert "No space left on device" in message and "earlier saves are untouched" in message
    _untouched(store, before)
    assert store.load("1", story).session.state.log == ["a.again"] * 2


def test_a_refused_folder_fails_the_save_with_a_sentence(
    tmp_path: Path, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path / "saves")
    before = _two_saves(store, story)

    def refused(*args: object, **kwargs: object) -> None:
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(atomic_module.tempfile, "mkstemp", refused)
    with pytest.raises(SaveError, match="Permission denied. Your earlier saves are untouched"):
        store.save("1", played(story, 5))
    monkeypatch.undo()
    _untouched(store, before)


@pytest.mark.skipif(
    os.name == "nt" or os.geteuid() == 0, reason="needs POSIX permissions that apply (not root)"
)
def test_a_read_only_folder_fails_the_save_with_a_sentence(tmp_path: Path, story: Story) -> None:
    store = SaveStore(tmp_path / "saves")
    before = _two_saves(store, story)
    store.directory.chmod(0o500)
    try:
        with pytest.raises(SaveError, match="earlier saves are untouched"):
            store.save("1", played(story, 5))
    finally:
        store.directory.chmod(0o700)
    _untouched(store, before)


def test_the_terminal_player_says_when_a_save_fails(
    tmp_path: Path, story: Story, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = SaveStore(tmp_path / "saves")
    before = _two_saves(store, story)

    def full(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic_module.os, "fsync", full)
    commands = iter(["1", "s 1", "1", "q"])
    out = io.StringIO()
    player = TextPlayer(Session(story), store, lambda: next(commands, None), out, width=200)
    assert player.run() == 0
    monkeypatch.undo()
    text = out.getvalue()
    assert "(autosave failed) Could not save the autosave" in text
    assert "Could not save save '1'" in text and "No space left on device" in text
    assert player.session.state.log == ["a.again", "a.again"]
    _untouched(store, before)


# ----------------------------------------------------------------------------- settings


@pytest.mark.parametrize(
    "content", [b"", b"{not json", b"\xff\xfe\x00", b"[1, 2]", b"[" * 50_000, b'"just a string"']
)
def test_a_corrupt_settings_file_gives_defaults_a_warning_and_is_kept_aside(
    tmp_path: Path, content: bytes
) -> None:
    (tmp_path / "settings.json").write_bytes(content)
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings()
    assert len(warnings) == 1 and "default" in warnings[0]
    assert (tmp_path / "settings.json.broken").read_bytes() == content


def test_settings_with_wrong_values_keep_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps({"text_size": "large", "volume": 1e308 * 10, "fullscreen": "yes", "unknown": 1})
    )
    settings, warnings = load_settings(tmp_path)
    assert settings.text_size == "large" and settings.music_volume == Settings().music_volume
    assert settings.fullscreen is False and len(warnings) == 1
