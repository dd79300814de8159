"""Saves: round trip, backups, crashes mid-write, damaged files and stories edited under a save."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from game.engine import AUTOSAVE, SaveError, SaveStore, Session
from game.story import load_story
from tests.storykit import BASE, write_story


@pytest.fixture()
def story(tmp_path: Path):
    return load_story(write_story(tmp_path / "story", BASE), check_assets=False)


def test_save_and_load_round_trip(tmp_path: Path, story) -> None:
    store = SaveStore(tmp_path / "saves")
    session = Session(story)
    session.choose("call")
    store.save("1", session)
    result = store.load("1", story)
    assert result.messages == []
    assert result.session.state == session.state
    assert result.session.can_undo  # the decisions were replayed, so undo still works
    assert result.session.undo() and result.session.scene.id == "a"
    [info] = store.slots()
    assert (info.slot, info.chapter, info.place, info.when) == ("1", "", "", "")  # b has no caption
    document = json.loads((tmp_path / "saves" / "1.json").read_text())
    assert document["format"] == 1 and document["story"]["fingerprint"] == story.fingerprint


def test_previous_save_is_kept_as_backup(tmp_path: Path, story) -> None:
    store = SaveStore(tmp_path)
    session = Session(story)
    store.save("1", session)
    first = (tmp_path / "1.json").read_bytes()
    session.choose("rest")
    store.save("1", session)
    assert (tmp_path / "1.bak.json").read_bytes() == first


def test_interrupted_write_leaves_the_previous_save_intact(tmp_path: Path, story, monkeypatch) -> None:
    store = SaveStore(tmp_path)
    session = Session(story)
    store.save("1", session)
    before = (tmp_path / "1.json").read_bytes()
    session.choose("call")

    def crash(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(SaveError, match="No space left on device. Your earlier saves are untouched"):
        store.save("1", session)
    monkeypatch.undo()
    assert (tmp_path / "1.json").read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    assert store.load("1", story).session.scene.id == "a"


@pytest.mark.parametrize(
    "content,expected",
    [
        (b"", "is empty"),
        (b'{"format": 1, "game": "last-tr', "is damaged and cannot be read"),
        (b"\x00\xff\xfe garbage", "is damaged and cannot be read"),
        (b"[1, 2, 3]", "is not a Last Train Home save"),
        (b'{"game": "last-train-home", "format": 99, "min_format": 99}', "made by a newer version"),
    ],
)
def test_damaged_saves_give_a_clear_message_and_are_kept(tmp_path: Path, story, content, expected) -> None:
    store = SaveStore(tmp_path)
    (tmp_path / "2.json").write_bytes(content)
    with pytest.raises(SaveError, match=expected) as caught:
        store.load("2", story)
    assert "left as it is" in str(caught.value)
    assert (tmp_path / "2.json").read_bytes() == content
    [info] = store.slots()
    assert info.problem is not None


def test_save_from_another_story_is_refused(tmp_path: Path, story) -> None:
    store = SaveStore(tmp_path / "saves")
    store.save(AUTOSAVE, Session(story))
    other_root = write_story(tmp_path / "other", BASE.replace("You hold", "You keep"))
    (other_root / "story.yaml").write_text(
        (other_root / "story.yaml").read_text().replace("title: Test Story", "title: Another Story")
    )
    with pytest.raises(SaveError, match="belongs to another story"):
        store.load(AUTOSAVE, load_story(other_root, check_assets=False))


def test_save_survives_a_removed_scene_as_far_as_it_fits(tmp_path: Path) -> None:
    scenes = (
        BASE.replace("        goto: b\n      - id: rest", "        goto: mid\n      - id: rest")
        + """\
"""
    )
    root = write_story(
        tmp_path / "story",
        scenes,
        extra_files={
            "02_mid.yaml": """\
        scenes:
          mid:
            text: A corridor.
            choices:
              - id: onward
                text: Walk on
                goto: b
        """
        },
    )
    story = load_story(root, check_assets=False)
    session = Session(story)
    session.choose("call")
    session.choose("onward")
    store = SaveStore(tmp_path / "saves")
    store.save("1", session)

    (root / "02_mid.yaml").write_text("scenes:\n  mid:\n    text: A corridor.\n    next: b\n")
    edited = load_story(root, check_assets=False)
    result = store.load("1", edited)
    assert result.session.scene.id == "mid"
    assert result.session.state.log == ["a.call"]
    assert result.messages == [
        "The story has changed since this save: 1 of 2 decisions could be "
        "restored; 1 after 'mid' no longer fit and were dropped."
    ]


def test_invalid_slot_names_are_refused(tmp_path: Path, story) -> None:
    with pytest.raises(SaveError, match="not a valid save name"):
        SaveStore(tmp_path).save("../escape", Session(story))


def test_written_files_are_readable_like_ordinary_files(tmp_path: Path, story) -> None:
    if os.name == "nt":
        pytest.skip("POSIX permissions")
    path = SaveStore(tmp_path).save("1", Session(story))
    assert path.stat().st_mode & 0o777 == 0o644


def test_temporary_files_of_an_interrupted_save_are_swept(tmp_path: Path, story) -> None:
    store = SaveStore(tmp_path)
    store.save("1", Session(story))
    stale = tmp_path / ".1.json.abc123.tmp"
    fresh = tmp_path / ".2.json.def456.tmp"
    stale.write_bytes(b'{"format": 1, "gam')
    fresh.write_bytes(b'{"format": 1, "gam')
    an_hour_ago = os.path.getmtime(stale) - 3600
    os.utime(stale, (an_hour_ago, an_hour_ago))
    assert [info.slot for info in store.slots()] == ["1"]
    assert not stale.exists()
    assert fresh.exists()  # it may belong to a save being written right now


def test_a_playthrough_begun_mid_way_saves_and_loads_every_decision(tmp_path: Path) -> None:
    # A lesson's part (or a jump in writing mode) begins at a state that already holds the
    # decisions of the way there; loading its save used to take them again from the scene it
    # began at, and dropped every one ("0 of 40 decisions could be restored").
    from game.engine.lessons import session_at
    from game.story import default_story_dir

    story = load_story(default_story_dir())
    session = session_at(story, "storm_day_five")
    assert session.origin.log  # the film's road to the scene
    session.choose(next(c.id for c in session.choices() if c.available))
    store = SaveStore(tmp_path / "saves")
    store.save("slot1", session)
    result = store.load("slot1", story)
    assert result.messages == []
    assert result.session.state.to_json() == session.state.to_json()
