"""The record of one class session: decisions with their votes, time, prompts, cards and the ending.

A front end fills a `SessionRecord` as the class plays: `record_decision` before each
`Session.choose`, `prompt_shown` / `fact_shown` when it shows them, `finish` at the ending, and
`save` whenever it likes (atomic, so autosaving after every decision is safe). Reports and class
statistics read the saved JSON. No student's name is ever asked for or stored: a team is a label
the facilitator types ("Team Qin"), and the rest is the story's own ids and counts.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from game.atomic import write_atomic
from game.engine.session import ChoiceError, Session
from game.paths import user_data_dir
from game.safeio import UnreadableFile, parse_json, read_json

RECORD_FORMAT = 1
RECORD_MIN_FORMAT = 1
RECORD_KIND = "last-train-home session record"
SESSIONS_FOLDER = "sessions"
MAX_RECORD_BYTES = 8 * 1024 * 1024  # a class of hundreds of decisions is well under 1 MB
MAX_VOTES = 100_000  # votes for one choice in one class


class RecordError(ValueError):
    """A session record file that cannot be read, in words for the teacher."""


@dataclass
class Decision:
    """One decision: where, what was taken, and how the class voted (None if the vote was skipped)."""

    scene: str
    chapter: str
    choice: str  # full id, scene.choice
    text: str
    tally: dict[str, int] | None = None  # full choice id -> votes
    tie_broken: bool = False
    team: str | None = None
    seconds: float = 0.0
    by_lesson: bool = False  # taken by the lesson along the real family's road, not by the class

    @property
    def votes(self) -> int:
        return sum(self.tally.values()) if self.tally else 0


@dataclass
class Snapshot:
    """The family's stats and resources on entering a chapter (and once more at the end)."""

    chapter: str
    scene: str
    decisions: int  # how many decisions had been taken by then
    stats: dict[str, dict[str, int]]
    resources: dict[str, int]


@dataclass
class EpilogueEntry:
    """One family member's epilogue line in a finished session."""

    person: str
    name: str
    line: str


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass
class SessionRecord:
    """Everything a report or the class statistics need from one session, and nothing personal."""

    story_title: str
    story_version: str
    story_fingerprint: str
    start_scene: str
    started_at: str = field(default_factory=_now)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    classroom: bool = True
    decisions: list[Decision] = field(default_factory=list)
    prompts_shown: list[str] = field(default_factory=list)  # scene ids
    facts_shown: list[str] = field(default_factory=list)  # fact ids
    snapshots: list[Snapshot] = field(default_factory=list)
    finished_at: str | None = None
    ending: str | None = None
    ending_title: str | None = None
    epilogue: list[EpilogueEntry] = field(default_factory=list)
    # Where a save from another playthrough was loaded: the number of decisions recorded by then
    # (the road is not continuous there, and the report says so).
    jumps: list[int] = field(default_factory=list)
    lesson: str | None = None  # the lesson route played (its id), if any
    lesson_title: str | None = None
    closed_at: str | None = None  # the scene where the lesson closed, before any ending

    # ------------------------------------------------------------------ filling it in

    @classmethod
    def begin(
        cls, session: Session, *, classroom: bool = True, started_at: str | None = None
    ) -> SessionRecord:
        """A new record for a session about to be played (takes the first stats snapshot)."""
        story = session.story
        record = cls(story.title, story.version, story.fingerprint, session.state.scene, classroom=classroom)
        if started_at is not None:
            record.started_at = started_at
        record._snapshot(session)
        return record

    def _snapshot(self, session: Session, chapter: str | None = None) -> None:
        state = session.state
        self.snapshots.append(
            Snapshot(
                chapter if chapter is not None else session.scene.chapter,
                state.scene,
                len(self.decisions),
                {p: dict(s) for p, s in state.stats.items()},
                dict(state.resources),
            )
        )

    def record_decision(
        self,
        session: Session,
        choice_id: str,
        tally: Mapping[str, int] | None = None,
        seconds: float = 0.0,
        team: str | None = None,
        tie_broken: bool | None = None,
    ) -> Decision:
        """Notes the decision about to be taken in `session` (call it *before* `session.choose`).

        `choice_id` is a full or local id; `tally` maps choice ids (full or local) to votes, or
        is None when the vote was skipped. `tie_broken` defaults to whether the top of the tally
        was shared. Raises ChoiceError if the scene has no such choice or a tally names one.
        """
        scene = session.scene
        by_id = {c.id: c for c in scene.choices} | {c.full_id: c for c in scene.choices}
        if choice_id not in by_id:
            raise ChoiceError(f"the scene '{scene.id}' has no choice '{choice_id}'")
        taken = by_id[choice_id]
        votes: dict[str, int] | None = None
        if tally is not None:
            votes = {}
            for key, count in tally.items():
                if key not in by_id:
                    raise ChoiceError(f"the vote names '{key}', which is not a choice in '{scene.id}'")
                if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                    raise ChoiceError(f"the vote for '{key}' is not a count: {count!r}")
                votes[by_id[key].full_id] = votes.get(by_id[key].full_id, 0) + count
        if tie_broken is None:
            tie_broken = _tied_at_top(votes, taken.full_id)
        last = self.snapshots[-1].chapter if self.snapshots else None
        if scene.chapter != last:
            self._snapshot(session)
        decision = Decision(
            scene.id,
            scene.chapter,
            taken.full_id,
            taken.text,
            votes,
            tie_broken,
            team or None,
            round(max(0.0, float(seconds)), 1),
        )
        self.decisions.append(decision)
        return decision

    def lesson_took(self, session: Session, road: list[str] | tuple[str, ...]) -> None:
        """Notes the decisions a lesson took along the real family's road from `session`'s scene
        (the session is not changed; the decisions are marked as the lesson's, not the class's)."""
        replay = Session(session.story, session.state.copy(), keep_undo=False, describe=False)
        for choice_id in road:
            self.record_decision(replay, choice_id).by_lesson = True
            replay.choose(choice_id)

    def close(self, session: Session, finished_at: str | None = None) -> None:
        """Notes that the lesson closed at `session`'s scene, before the story's ending."""
        self._snapshot(session, chapter="Close")
        self.closed_at = session.state.scene
        self.finished_at = finished_at or _now()

    def jumped(self) -> None:
        """Notes that a save from another playthrough was loaded after the decisions so far."""
        if not self.jumps or self.jumps[-1] != len(self.decisions):
            self.jumps.append(len(self.decisions))

    def prompt_shown(self, scene_id: str) -> None:
        if scene_id not in self.prompts_shown:
            self.prompts_shown.append(scene_id)

    def fact_shown(self, fact_id: str) -> None:
        if fact_id not in self.facts_shown:
            self.facts_shown.append(fact_id)

    def finish(self, session: Session, finished_at: str | None = None) -> None:
        """Notes the ending and every family member's epilogue line (the session must be over)."""
        view = session.ending
        if view is None:
            raise ChoiceError("the story has not reached an ending yet")
        self._snapshot(session, chapter="End")
        self.ending, self.ending_title = view.id, view.title
        self.epilogue = [EpilogueEntry(*line) for line in view.epilogue]
        self.finished_at = finished_at or _now()

    def undo(self) -> Decision | None:
        """Takes back the last decision (and the ending, if reached), as `Session.undo` does.

        Removes the stats snapshot the decision added on entering a new chapter; the first
        snapshot stays. Returns the removed decision, or None if there was none.
        """
        if self.ending is not None or self.closed_at is not None:
            self.ending = self.ending_title = self.finished_at = self.closed_at = None
            self.epilogue = []
            if len(self.snapshots) > 1:
                self.snapshots.pop()
        if not self.decisions:
            return None
        decision = self.decisions.pop()
        while self.jumps and self.jumps[-1] > len(self.decisions):
            self.jumps.pop()
        while (
            len(self.snapshots) > 1
            and self.snapshots[-1].decisions >= len(self.decisions)
            and self.snapshots[-1].scene == decision.scene
        ):
            self.snapshots.pop()
        return decision

    @property
    def is_finished(self) -> bool:
        """At an ending, or at the close of a lesson that ended mid-story."""
        return self.ending is not None or self.closed_at is not None

    def class_decisions(self) -> list[Decision]:
        """The decisions the class took (not those a lesson took along the film's road)."""
        return [d for d in self.decisions if not d.by_lesson]

    def scenes_visited(self) -> list[str]:
        """Scenes where a decision was taken, then the last scene, in order, without repeats."""
        seen: dict[str, None] = {}
        for decision in self.decisions:
            seen.setdefault(decision.scene, None)
        if self.snapshots:
            seen.setdefault(self.snapshots[-1].scene, None)
        return list(seen)

    # ------------------------------------------------------------------ files

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        return {"format": RECORD_FORMAT, "kind": RECORD_KIND, **data}

    @classmethod
    def from_json(cls, data: Any) -> SessionRecord:
        """Rebuilds a record, checking its shape; raises RecordError naming what is wrong."""
        if not isinstance(data, dict):
            raise RecordError("this is not a session record (not a JSON object)")
        if data.get("kind") != RECORD_KIND:
            raise RecordError("this is not a Last Train Home session record")
        version = data.get("format")
        if not isinstance(version, int) or isinstance(version, bool) or version < RECORD_MIN_FORMAT:
            raise RecordError(f"the record's format {version!r} is not one this version reads")
        if version > RECORD_FORMAT:
            raise RecordError(
                f"the record was written by a newer version (format {version}); update the game to read it"
            )
        from game.engine.record_json import parse_record, reason

        try:
            return parse_record(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise RecordError(f"the session record is damaged: {reason(exc)}") from None

    def dumps(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=1)

    @classmethod
    def loads(cls, text: str) -> SessionRecord:
        try:
            data = parse_json(text.encode("utf-8"))
        except UnreadableFile as exc:
            raise RecordError(f"the file cannot be read: {exc}") from None
        return cls.from_json(data)

    @classmethod
    def load(cls, path: Path) -> SessionRecord:
        """Reads a saved record; raises RecordError with the path in the message."""
        try:
            data = read_json(Path(path), MAX_RECORD_BYTES)
        except OSError as exc:
            from game.engine.record_json import reason

            raise RecordError(f"{path}: cannot read the file ({reason(exc)})") from None
        except UnreadableFile as exc:
            raise RecordError(f"{path}: cannot read the file: {exc}") from None
        try:
            return cls.from_json(data)
        except RecordError as exc:
            raise RecordError(f"{path}: {exc}") from None

    def file_name(self) -> str:
        stamp = "".join(ch for ch in self.started_at if ch.isalnum())[:15] or "session"
        return f"{stamp}-{self.id[:8]}.json"

    def save(self, directory: Path | None = None) -> Path:
        """Writes the record atomically (default folder: the user data folder's `sessions/`)."""
        folder = Path(directory) if directory is not None else default_sessions_dir()
        path = folder / self.file_name()
        write_atomic(path, self.dumps().encode("utf-8"))
        return path


def default_sessions_dir() -> Path:
    return user_data_dir() / SESSIONS_FOLDER


def _tied_at_top(tally: Mapping[str, int] | None, taken: str) -> bool:
    if not tally:
        return False
    top = max(tally.values())
    leaders = [k for k, v in tally.items() if v == top]
    return top > 0 and len(leaders) > 1 and taken in leaders


def record_from_session(
    session: Session, *, classroom: bool = False, cards_shown: bool = True, started_at: str | None = None
) -> SessionRecord:
    """A record of a playthrough without votes, rebuilt by replaying its decision log.

    For normal play and tests. With `cards_shown`, every prompt and fact card on the path counts
    as shown (as in classroom mode with pauses on). The session must have reached its ending.
    """
    story = session.story
    replay = Session(story, session.origin.copy())
    record = SessionRecord.begin(replay, classroom=classroom, started_at=started_at)

    def show(scene_id: str) -> None:
        scene = story.scenes[scene_id]
        if cards_shown and scene.discuss:
            record.prompt_shown(scene.id)
        if cards_shown and scene.fact:
            record.fact_shown(scene.fact)

    for choice_id in session.state.log:
        show(replay.state.scene)
        record.record_decision(replay, choice_id)
        replay.choose(choice_id)
    show(replay.state.scene)
    record.finish(replay)
    return record


__all__ = [
    "RECORD_FORMAT",
    "Decision",
    "EpilogueEntry",
    "RecordError",
    "SessionRecord",
    "Snapshot",
    "default_sessions_dir",
    "record_from_session",
]
