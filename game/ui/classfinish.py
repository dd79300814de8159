"""A class that finished, found again from a save made at its finish: after the game was quit
and started again, Continue reopens the class's closing screen or ending with its record.

The save keeps the class's note (`Classroom.finish_note`: its record's id and setup); the record in
the sessions folder says whether and where the class finished. No pygame here.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from pathlib import Path

from game.engine import Session
from game.engine.lessons import LessonRun
from game.engine.record import RecordError, SessionRecord
from game.story import Story
from game.story.lessons import Lesson
from game.ui.classroom import Classroom, ClassroomOptions


def reopen_finished(
    story: Story,
    note: Mapping[str, object],
    sessions_dir: Path,
    session: Session,
    clock: Callable[[], float] = time.monotonic,
) -> Classroom | None:
    """The class a save's `note` names (see `Classroom.finish_note`), rebuilt from its record in
    `sessions_dir` and standing at its finish, if the record is there, finished, and finished
    where `session` stands; None otherwise (the save is then played on alone)."""
    record = _find_record(Path(sessions_dir), note.get("record"))
    if record is None or not record.is_finished or record.story_title != story.title:
        return None
    where = record.snapshots[-1].scene if record.snapshots else None
    if session.state.scene != where or (record.ending is not None) != session.is_over:
        return None
    team_of = note.get("team_of")
    options = ClassroomOptions(
        pauses=note.get("pauses") is not False,
        votes=note.get("votes") is not False,
        teams=note.get("teams") is True,
        team_of={str(k): str(v) for k, v in team_of.items()} if isinstance(team_of, dict) else {},
    )
    lesson = story.lesson(record.lesson) if record.lesson else None
    run = LessonRun(story, lesson, _part_of(lesson, record)) if lesson is not None else None
    classroom = Classroom(options, sessions_dir, clock, run)
    classroom.record = record
    classroom.content_note_shown = True
    # Undo from the finish takes the class back into its last stretch of road: the decisions
    # recorded since a lesson's bridge or a loaded save are the session's last ones.
    since = max([0, *record.jumps, *(i + 1 for i, d in enumerate(record.decisions) if d.by_lesson)])
    trailing = [d.choice for d in record.decisions[since:]]
    log = list(session.state.log)
    if trailing and log[-len(trailing) :] == trailing:
        classroom.base_log, classroom.road_from = log[: -len(trailing)], since
    else:
        classroom.base_log, classroom.road_from = log, len(record.decisions)
    classroom.base_origin = session.origin
    classroom.finish_point = (session.origin.copy(), log)
    return classroom


def _find_record(folder: Path, record_id: object) -> SessionRecord | None:
    """The record with this id in `folder` (its file name ends with the id's first 8 letters)."""
    if not isinstance(record_id, str) or not record_id.isalnum():
        return None
    for path in sorted(folder.glob(f"*-{record_id[:8]}.json")):
        try:
            record = SessionRecord.load(path)
        except RecordError:
            continue
        if record.id == record_id:
            return record
    return None


def _part_of(lesson: Lesson, record: SessionRecord) -> int:
    """The lesson part the class was in when it finished: the last one holding its last decision."""
    last = record.decisions[-1].scene if record.decisions else None
    for index in range(len(lesson.parts) - 1, -1, -1):
        if last in lesson.parts[index].scenes:
            return index
    return 0


__all__ = ["reopen_finished"]
