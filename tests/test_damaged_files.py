"""One unreadable data file never stops the game: saves, settings, session records, statistics.

Each reader treats any file it cannot use — too large a number for Python, NaN or Infinity, nesting
past the interpreter's limit, the wrong shape, a FIFO, a link to /dev/zero — as damaged: it says so
in a sentence, leaves the file where it is (settings: moved aside) and carries on with the others.
Nothing waits on a pipe and nothing reads more than a file of its kind can hold.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import cli
from game.engine import SaveError, SaveStore, Session
from game.engine.classstats import ClassStats, StatsError, from_folder, imported_dir
from game.engine.gallery import Gallery
from game.engine.readlog import ReadLog
from game.engine.record import RecordError, SessionRecord, record_from_session
from game.settings import CLASSROOM_SETTINGS_FILE, Settings, classroom_defaults, load_settings
from game.story import Story, load_story
from game.textui import TextPlayer
from tests.storykit import BASE, write_story

HUGE = "9" * 4400  # past Python's 4,300-digit int-conversion limit


@contextlib.contextmanager
def within(seconds: int) -> Iterator[None]:
    """Fails the test (instead of hanging the suite) if the block takes longer than `seconds`."""

    def expired(*_: object) -> None:
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


@pytest.fixture()
def story(tmp_path: Path) -> Story:
    return load_story(write_story(tmp_path / "story", BASE), check_assets=False)


@pytest.fixture()
def store(tmp_path: Path, story: Story) -> SaveStore:
    saves = SaveStore(tmp_path / "saves")
    saves.save("good", Session(story))
    return saves


def damage(store: SaveStore, slot: str, edit) -> Path:
    """Writes a copy of the good save, changed by `edit(text) -> text`, as `slot`."""
    path = store.directory / f"{slot}.json"
    path.write_text(edit((store.directory / "good.json").read_text(encoding="utf-8")), encoding="utf-8")
    return path


DAMAGES = {
    "huge_int": lambda t: t.replace('"format": 1', f'"format": {HUGE}', 1),
    "huge_int_in_state": lambda t: t.replace('"hope": 5', f'"hope": {HUGE}', 1),
    "nan": lambda t: t.replace('"hope": 5', '"hope": NaN', 1),
    "infinity": lambda t: t.replace('"savings": 100', '"savings": Infinity', 1),
    "huge_float": lambda t: t.replace('"savings": 100', '"savings": 1e999', 1),
    "deep": lambda t: t.replace('"log": []', '"log": ' + "[" * 100_000 + "]" * 100_000, 1),
    "state_is_list": lambda t: t.replace('"state": {', '"state": [{', 1).rstrip()[:-1] + "]}",
    "summary_number": lambda t: t.replace('"summary": {', '"summary": 7, "x": {', 1),
}


@pytest.mark.parametrize("kind", sorted(DAMAGES))
def test_a_damaged_save_is_listed_as_damaged_and_the_others_still_load(
    store: SaveStore, story: Story, kind: str
) -> None:
    damage(store, "bad", DAMAGES[kind])
    slots = {info.slot: info for info in store.slots()}
    assert slots["good"].problem is None
    assert slots["bad"].problem or kind == "summary_number"
    with pytest.raises(SaveError) if slots["bad"].problem else contextlib.nullcontext():
        store.load("bad", story)
    assert store.load("good", story).session.scene.id == "a"


def test_a_save_with_stats_out_of_range_loads_them_clamped(store: SaveStore, story: Story) -> None:
    damage(
        store,
        "wild",
        lambda t: t.replace('"hope": 5', '"hope": 999', 1).replace('"savings": 100', '"savings": -50', 1),
    )
    state = store.load("wild", story).session.state
    assert state.stats["suqin"]["hope"] == 10  # the story's bounds: 0..10
    assert state.resources["savings"] == 0  # savings: min 0


def test_a_save_with_a_number_too_large_for_any_stat_is_damaged(store: SaveStore, story: Story) -> None:
    damage(store, "big", lambda t: t.replace('"savings": 100', '"savings": ' + "9" * 40, 1))
    with pytest.raises(SaveError, match="damaged"):
        store.load("big", story)


def test_the_terminal_player_lists_and_refuses_a_damaged_save(store: SaveStore, story: Story) -> None:
    damage(store, "bad", DAMAGES["huge_int"])
    lines = iter(["saves", "l bad", "q"])
    out = io.StringIO()
    TextPlayer(
        Session(story), store, lambda: next(lines, None), out, width=200, autosave=False, watch=False
    ).run()
    text = out.getvalue()
    assert "bad: " in text and "damaged" in text and "good: " in text
    assert "()" not in text  # a damaged save has no time of saving to show


# ----------------------------------------------------------------------------- special files


def special_files(folder: Path, name: str) -> Iterator[str]:
    """Puts a FIFO, then a link to /dev/zero, then a link to a folder at `folder/name`."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    os.mkfifo(target)
    yield "fifo"
    target.unlink(missing_ok=True)  # a reader may have moved it aside
    target.symlink_to("/dev/zero")
    yield "zero"
    target.unlink(missing_ok=True)  # a reader may have moved it aside
    target.symlink_to(folder)
    yield "folder"
    target.unlink(missing_ok=True)  # a reader may have moved it aside


def test_a_fifo_or_device_among_the_saves_is_listed_as_damaged_at_once(store: SaveStore) -> None:
    for kind in special_files(store.directory, "trap.json"):
        with within(10):
            slots = {info.slot: info for info in store.slots()}
        assert slots["good"].problem is None, kind
        assert (
            slots["trap"].problem
            and "not a save" in slots["trap"].problem.lower()
            or "not a regular file" in slots["trap"].problem
        ), (kind, slots["trap"].problem)


def test_a_save_larger_than_a_save_can_be_is_refused_without_reading_it_all(
    store: SaveStore, story: Story
) -> None:
    with (store.directory / "vast.json").open("wb") as handle:
        handle.truncate(3 * 1024**3)  # sparse: 3 GB that take no disk
    with within(10):
        slots = {info.slot: info for info in store.slots()}
        with pytest.raises(SaveError, match="too large"):
            store.load("vast", story)
    assert "too large" in (slots["vast"].problem or "")


def test_special_or_damaged_settings_give_the_defaults_and_a_warning(tmp_path: Path) -> None:
    for kind in special_files(tmp_path / "data", "settings.json"):
        with within(10):
            settings, warnings = load_settings(tmp_path / "data")
        assert settings == Settings() and warnings, kind
    for text in ('{"volume": ' + HUGE + "}", "[" * 50_000 + "]" * 50_000):
        (tmp_path / "data" / "settings.json").write_text(text, encoding="utf-8")
        settings, warnings = load_settings(tmp_path / "data")
        assert settings == Settings() and warnings, text[:30]
    for text in ('{"volume": NaN}', '{"volume": Infinity}', '{"volume": -1e999}'):
        (tmp_path / "data" / "settings.json").write_text(text, encoding="utf-8")
        settings, warnings = load_settings(tmp_path / "data")
        assert settings == Settings() and warnings, text


def test_the_classroom_profile_is_read_the_same_safe_way(tmp_path: Path) -> None:
    for kind in special_files(tmp_path / "data", CLASSROOM_SETTINGS_FILE):
        with within(10):
            settings, warnings = load_settings(
                tmp_path / "data", CLASSROOM_SETTINGS_FILE, classroom_defaults()
            )
        assert settings == classroom_defaults() and warnings, kind


@pytest.mark.parametrize("record_kind", [ReadLog, Gallery])
def test_the_read_log_and_endings_gallery_start_afresh_past_a_special_or_damaged_file(
    tmp_path: Path, story: Story, record_kind: type
) -> None:
    name = "read.json" if record_kind is ReadLog else "endings.json"
    what = story.title if record_kind is ReadLog else story
    for kind in special_files(tmp_path / "data", name):
        with within(10):
            problem = record_kind(tmp_path / "data", what).problem
        assert problem, kind
    for text in (
        '{"format": 1, "stories": {"x": ' + HUGE + "}}",
        "[" * 50_000 + "]" * 50_000,
        '{"format": 1, "stories": NaN}',
    ):
        (tmp_path / "data" / name).write_text(text, encoding="utf-8")
        assert "damaged" in (record_kind(tmp_path / "data", what).problem or ""), text[:30]


# ----------------------------------------------------------------------------- session records


@pytest.fixture()
def record(story: Story) -> SessionRecord:
    session = Session(story)
    session.choose(session.choices()[0].id)
    while not session.is_over:
        session.choose(next(c for c in session.choices() if c.available).id)
    return record_from_session(session, classroom=True)


def test_records_with_hostile_numbers_are_skipped_with_a_warning(
    tmp_path: Path, record: SessionRecord
) -> None:
    folder = tmp_path / "sessions"
    record.save(folder)
    text = record.dumps()
    variants = {
        "huge": text.replace('"format": 1', f'"format": {HUGE}', 1),
        "nan": text.replace('"seconds": ', '"seconds": NaN, "x": ', 1),
        "deep": text.replace('"jumps": []', '"jumps": ' + "[" * 100_000 + "]" * 100_000, 1),
    }
    for name, variant in variants.items():
        (folder / f"{name}.json").write_text(variant, encoding="utf-8")
    for kind in special_files(folder, "trap.json"):
        with within(10):
            stats, problems = from_folder(folder)
        assert stats.count() == 1, kind
        assert len(problems) == len(variants) + 1, (kind, problems)
        with pytest.raises(RecordError):
            SessionRecord.load(folder / "trap.json")


def test_a_record_with_a_negative_vote_is_refused(record: SessionRecord) -> None:
    data = record.to_json()
    data["decisions"][0]["tally"] = {data["decisions"][0]["choice"]: -3}
    with pytest.raises(RecordError, match="vote"):
        SessionRecord.from_json(data)
    data["decisions"][0]["tally"] = {data["decisions"][0]["choice"]: 10**30}
    with pytest.raises(RecordError, match="vote"):
        SessionRecord.from_json(data)


def test_stats_import_refuses_a_huge_or_special_file_and_keeps_no_copy(
    tmp_path: Path, record: SessionRecord
) -> None:
    sessions = tmp_path / "sessions"
    sessions.mkdir()
    vast = tmp_path / "vast.json"
    with vast.open("wb") as handle:
        handle.truncate(2 * 1024**3)
    out, err = io.StringIO(), io.StringIO()
    with within(10):
        status = cli.main(["stats", "--sessions", str(sessions), "--import", str(vast)], out=out, err=err)
    assert status == 1 and "too large" in err.getvalue()
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with within(10), pytest.raises(StatsError, match="not a regular file"):
        ClassStats.load(fifo)
    assert list(sessions.iterdir()) == []


def test_stats_import_keeps_what_it_read_not_the_file_as_it_was(
    tmp_path: Path, record: SessionRecord
) -> None:
    stats = ClassStats()
    stats.add(record)
    export = stats.to_json()
    export["padding"] = "x" * 100_000  # anything the reader does not keep is not copied
    source = tmp_path / "export.json"
    source.write_text(json.dumps(export), encoding="utf-8")
    sessions = tmp_path / "sessions"
    status = cli.main(
        ["stats", "--sessions", str(sessions), "--import", str(source)], out=io.StringIO(), err=io.StringIO()
    )
    assert status == 0
    (kept,) = imported_dir(sessions).iterdir()
    assert kept.stat().st_size < 10_000
    assert ClassStats.load(kept).count() == 1


# ----------------------------------------------------------------------------- the window


def test_the_window_starts_and_continues_past_a_damaged_save_and_a_fifo(
    example_story: Path, data_dir: Path
) -> None:
    import pygame

    from game.cli import LaunchOptions
    from game.ui.app import build_app
    from game.ui.autoplay import key
    from game.ui.screens.play import PlayScreen
    from game.ui.screens.title import TitleScreen
    from tests.uikit import settle

    first = build_app(LaunchOptions(story_dir=example_story))
    first.new_game()
    settle(first, key(pygame.K_SPACE), key(pygame.K_1))
    pygame.quit()
    saves = data_dir / "saves"
    text = (saves / "autosave.json").read_text(encoding="utf-8")
    (saves / "huge.json").write_text(text.replace('"format": 1', f'"format": {HUGE}', 1), encoding="utf-8")
    os.mkfifo(saves / "pipe.json")
    (data_dir / "settings.json").symlink_to("/dev/zero")
    with within(20):
        second = build_app(LaunchOptions(story_dir=example_story))
        assert isinstance(second.top, TitleScreen)
        assert second.top.focus.focused.label == "Continue"
        settle(second, key(pygame.K_RETURN))
    assert isinstance(second.top, PlayScreen) and second.top.scene.id == "booth"
    pygame.quit()


def test_the_terminal_player_takes_odd_numbers_in_its_stride(story: Story, tmp_path: Path) -> None:
    lines = iter(["²", "٣", "9" * 4301, "0" * 50 + "1", "q"])
    out = io.StringIO()
    player = TextPlayer(
        Session(story),
        SaveStore(tmp_path / "s"),
        lambda: next(lines, None),
        out,
        width=200,
        autosave=False,
        watch=False,
    )
    assert player.run() == 0
    text = out.getvalue()
    assert "Unknown command '²'" in text and "There is no choice 999999999999…" in text
    assert player.session.state.log == ["a.call"]  # 000…01 is choice 1
