"""The session record: filled during play, saved atomically, read back exactly."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from game.engine import ChoiceError, Session
from game.engine.explore import random_playthrough
from game.engine.record import (
    RecordError,
    SessionRecord,
    default_sessions_dir,
    record_from_session,
)
from game.story import default_story_dir, load_story


@pytest.fixture(scope="module")
def story():
    return load_story(default_story_dir())


def _play_with_votes(story) -> SessionRecord:
    """A class plays seed 3's path, voting on every real choice (a tie at the second)."""
    played, _ = random_playthrough(story, 3)
    session = Session(story)
    record = SessionRecord.begin(session, started_at="2025-03-04T09:15:00Z")
    real = 0
    for choice_id in played.path:
        scene = session.scene
        if scene.discuss:
            record.prompt_shown(scene.id)
        if scene.fact:
            record.fact_shown(scene.fact)
        offered = [c.id for c in session.choices() if c.available]
        tally = None
        if len(offered) > 1:
            real += 1
            tally = {c: 1 for c in offered} if real == 2 else {c: 0 for c in offered}
            if real != 2:
                tally[choice_id] = 17
        record.record_decision(
            session, choice_id, tally, seconds=42.25, team="Team Qin" if real == 1 else None
        )
        session.choose(choice_id)
    record.finish(session, finished_at="2025-03-04T10:00:00Z")
    return record


def test_a_class_session_round_trips_through_json_exactly(story, tmp_path: Path):
    record = _play_with_votes(story)
    assert record.is_finished and record.ending
    assert {e.person for e in record.epilogue} == set(story.people)
    voted = [d for d in record.decisions if d.tally is not None]
    assert voted and voted[1].tie_broken and not voted[0].tie_broken
    assert voted[0].team == "Team Qin"
    assert record.snapshots[0].chapter == story.scenes[story.start].chapter
    assert record.snapshots[-1].chapter == "End"
    chapters = [s.chapter for s in record.snapshots[:-1]]
    assert len(chapters) == len(set(chapters)) >= 2

    path = record.save(tmp_path / "sessions")
    assert path.parent == tmp_path / "sessions" and path.name.startswith("20250304T091500")
    again = SessionRecord.load(path)
    assert asdict(again) == asdict(record)
    assert again.save(tmp_path / "sessions") == path  # saving again rewrites the same file


def test_saves_go_to_the_user_data_folder_by_default(story, tmp_path: Path, monkeypatch):
    monkeypatch.setenv("LAST_TRAIN_HOME_DATA", str(tmp_path))
    _, session = random_playthrough(story, 0)
    record = record_from_session(session)
    path = record.save()
    assert path.parent == default_sessions_dir() == tmp_path / "sessions"
    assert SessionRecord.load(path).ending == session.ending.id


def test_a_record_built_from_normal_play_has_every_decision_and_no_votes(story):
    _, session = random_playthrough(story, 5)
    record = record_from_session(session)
    assert [d.choice for d in record.decisions] == session.state.log
    assert all(d.tally is None and not d.tie_broken for d in record.decisions)
    assert record.ending == session.ending.id
    assert [(e.person, e.name, e.line) for e in record.epilogue] == list(session.ending.epilogue)
    assert record.prompts_shown and record.facts_shown


def test_no_names_are_stored_beyond_team_labels(story):
    record = _play_with_votes(story)
    data = record.to_json()
    assert set(data) == {
        "format",
        "kind",
        "id",
        "story_title",
        "story_version",
        "story_fingerprint",
        "start_scene",
        "started_at",
        "classroom",
        "decisions",
        "prompts_shown",
        "facts_shown",
        "snapshots",
        "finished_at",
        "ending",
        "ending_title",
        "epilogue",
        "jumps",
        "lesson",
        "lesson_title",
        "closed_at",
    }


def test_a_vote_for_something_not_offered_is_refused(story):
    session = Session(story)
    record = SessionRecord.begin(session)
    with pytest.raises(ChoiceError, match="no choice 'nope'"):
        record.record_decision(session, "nope")
    choice = session.choices()[0].id
    with pytest.raises(ChoiceError, match="not a choice"):
        record.record_decision(session, choice, {"elsewhere.x": 3})
    with pytest.raises(ChoiceError, match="not a count"):
        record.record_decision(session, choice, {choice: -1})


def test_finish_before_the_end_is_refused(story):
    session = Session(story)
    with pytest.raises(ChoiceError, match="not reached an ending"):
        SessionRecord.begin(session).finish(session)


@pytest.mark.parametrize(
    "text, message",
    [
        ("{", "not valid JSON"),
        ("[]", "not a session record"),
        ('{"kind": "something else"}', "not a Last Train Home session record"),
        ('{"kind": "last-train-home session record", "format": 99}', "newer version"),
        ('{"kind": "last-train-home session record", "format": 1}', "the field 'id' is missing"),
    ],
)
def test_damaged_files_give_a_clear_error(text, message, tmp_path: Path):
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(RecordError, match=message) as caught:
        SessionRecord.load(path)
    assert str(path) in str(caught.value)


def test_a_damaged_decision_is_named(story):
    data = _play_with_votes(story).to_json()
    data["decisions"][2]["tally"] = {"x": "many"}
    with pytest.raises(RecordError, match="decision 3's vote 'x' is not a whole number"):
        SessionRecord.from_json(json.loads(json.dumps(data)))


def test_a_missing_file_is_a_clear_error(tmp_path: Path):
    with pytest.raises(RecordError, match="cannot read the file"):
        SessionRecord.load(tmp_path / "missing.json")


def test_undo_takes_back_decisions_chapter_snapshots_and_the_ending(story):
    played, _ = random_playthrough(story, 3)
    session = Session(story)
    record = SessionRecord.begin(session, started_at="2025-03-04T09:15:00Z")
    states = []
    for choice_id in played.path:
        states.append(json.dumps(asdict(record)))
        record.record_decision(session, choice_id, tally=None)
        session.choose(choice_id)
    record.finish(session)
    assert record.is_finished and len(record.snapshots) > 2
    for before in reversed(states):
        taken = record.undo()
        assert taken is not None and not record.is_finished
        assert json.dumps(asdict(record)) == before
    assert record.undo() is None and len(record.snapshots) == 1
