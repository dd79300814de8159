"""Class statistics: two schools' computers, combined, each class counted once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.classstats import ClassStats, Share, StatsError, from_folder, load_any
from game.engine.explore import random_playthrough
from game.engine.record import record_from_session
from game.story import default_story_dir, load_story


@pytest.fixture(scope="module")
def story():
    return load_story(default_story_dir())


def _records(story, seeds):
    return [record_from_session(random_playthrough(story, seed)[1]) for seed in seeds]


def test_two_exports_combine_and_importing_twice_does_not_double_count(story, tmp_path: Path):
    room_a, room_b = tmp_path / "a", tmp_path / "b"
    for record in _records(story, range(0, 6)):
        record.save(room_a)
    for record in _records(story, range(6, 10)):
        record.save(room_b)
    stats_a, problems = from_folder(room_a)
    stats_b, _ = from_folder(room_b)
    assert problems == [] and stats_a.count() == 6 and stats_b.count() == 4
    stats_b.export(tmp_path / "b.json")

    assert stats_a.import_file(tmp_path / "b.json") == 4
    assert stats_a.import_file(tmp_path / "b.json") == 0
    assert stats_a.count() == 10

    everyone, _ = from_folder(room_a)
    for record in _records(story, range(6, 10)):
        everyone.add(record)
    assert stats_a.shares() == everyone.shares()
    assert stats_a.endings() == everyone.endings()
    assert sum(stats_a.endings().values()) == 10


def test_a_share_is_taken_out_of_the_times_its_scene_came_up(story):
    stats = ClassStats()
    records = _records(story, range(20))
    for record in records:
        stats.add(record)
    first = records[0].decisions[0]
    came_up = sum(1 for r in records for d in r.decisions if d.scene == first.scene)
    taken = sum(1 for r in records for d in r.decisions if d.choice == first.choice)
    assert stats.share(first.choice) == Share(taken, came_up) == stats.shares()[first.choice]
    scene = story.scenes[first.scene]
    total = sum(stats.share(c.full_id).taken for c in scene.choices)
    assert total == came_up
    assert 0 < stats.share(first.choice).percent <= 100
    assert stats.share("nowhere.nothing") == Share(0, 0)


def test_unfinished_and_repeated_sessions_are_not_counted(story):
    record = _records(story, [1])[0]
    stats = ClassStats()
    assert stats.add(record) and not stats.add(record)
    record.ending = None
    record.id = "another"
    assert not stats.add(record)
    assert stats.count() == 1


def test_the_export_holds_nothing_personal(story, tmp_path: Path):
    record = _records(story, [2])[0]
    record.decisions[0].team = "Team Qin"
    stats = ClassStats()
    stats.add(record)
    stats.export(tmp_path / "s.json")
    text = (tmp_path / "s.json").read_text()
    assert "Team Qin" not in text and record.started_at not in text
    assert set(json.loads(text)["sessions"][record.id]) == {"story", "decisions", "ending"}


def test_bad_files_are_named_and_skipped(story, tmp_path: Path):
    _records(story, [3])[0].save(tmp_path)
    (tmp_path / "junk.json").write_text("{")
    (tmp_path / "other.json").write_text("[1, 2]")
    stats, problems = from_folder(tmp_path)
    assert stats.count() == 1 and len(problems) == 2
    assert all("skipped" in p for p in problems)
    with pytest.raises(StatsError, match="cannot be read"):
        load_any(tmp_path / "junk.json")
    (tmp_path / "future.json").write_text(
        '{"kind": "last-train-home class statistics", "format": 9, "sessions": {}}'
    )
    with pytest.raises(StatsError, match="newer version"):
        ClassStats.load(tmp_path / "future.json")
