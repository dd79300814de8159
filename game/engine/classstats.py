"""Class statistics: across sessions, how often each choice was taken when its scene came up.

Built from saved session records, exported to one JSON file, and merged with another computer's
export so a school can combine its classes. Each session is kept as its id, its story, its
decisions (scene and choice ids) and its ending: no names, teams, times or dates. Merging goes by
session id, so importing the same file twice counts each class once.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.atomic import write_atomic
from game.engine.record import RecordError, SessionRecord
from game.safeio import UnreadableFile, read_json

STATS_FORMAT = 1
STATS_KIND = "last-train-home class statistics"
MAX_STATS_BYTES = 32 * 1024 * 1024  # tens of thousands of class sessions


class StatsError(ValueError):
    """A class statistics file that cannot be read."""


@dataclass(frozen=True)
class SessionSummary:
    """What the statistics keep of one session."""

    story: str
    decisions: tuple[tuple[str, str], ...]  # (scene id, full choice id)
    ending: str | None

    def to_json(self) -> dict[str, Any]:
        return {"story": self.story, "decisions": [list(d) for d in self.decisions], "ending": self.ending}


@dataclass(frozen=True)
class Share:
    """A choice taken `taken` times out of `reached` times its scene asked for a decision."""

    taken: int
    reached: int

    @property
    def percent(self) -> float:
        return 100.0 * self.taken / self.reached if self.reached else 0.0


@dataclass
class ClassStats:
    """Every finished class session on record, by id: how often classes took each choice."""

    sessions: dict[str, SessionSummary] = field(default_factory=dict)  # session id -> summary

    def add(self, record: SessionRecord) -> bool:
        """Counts a finished session once; False if it was already counted or is unfinished."""
        if not record.is_finished or record.id in self.sessions:
            return False
        self.sessions[record.id] = SessionSummary(
            record.story_title, tuple((d.scene, d.choice) for d in record.class_decisions()), record.ending
        )
        return True

    def merge(self, other: ClassStats) -> int:
        """Adds the other's sessions that are new here; returns how many were new."""
        new = [sid for sid in other.sessions if sid not in self.sessions]
        for sid in new:
            self.sessions[sid] = other.sessions[sid]
        return len(new)

    def _for(self, story: str | None) -> list[SessionSummary]:
        return [s for s in self.sessions.values() if story is None or s.story == story]

    def shares(self, story: str | None = None) -> dict[str, Share]:
        """Full choice id -> how often it was taken when its scene asked (optionally one story)."""
        reached: dict[str, int] = {}
        taken: dict[str, int] = {}
        for summary in self._for(story):
            for scene, choice in summary.decisions:
                reached[scene] = reached.get(scene, 0) + 1
                taken[choice] = taken.get(choice, 0) + 1
        return {
            choice: Share(count, reached[choice.rpartition(".")[0]])
            for choice, count in taken.items()
            if choice.rpartition(".")[0] in reached
        }

    def share(self, choice_id: str, story: str | None = None) -> Share:
        """How often this choice was taken (0 of N if never; 0 of 0 if its scene never came up)."""
        scene = choice_id.rpartition(".")[0]
        reached = taken = 0
        for summary in self._for(story):
            for where, choice in summary.decisions:
                if where == scene:
                    reached += 1
                    taken += choice == choice_id
        return Share(taken, reached)

    def endings(self, story: str | None = None) -> dict[str, int]:
        counts: dict[str, int] = {}
        for summary in self._for(story):
            if summary.ending is not None:
                counts[summary.ending] = counts.get(summary.ending, 0) + 1
        return counts

    def count(self, story: str | None = None) -> int:
        return len(self._for(story))

    # ------------------------------------------------------------------ files

    def to_json(self) -> dict[str, Any]:
        return {
            "format": STATS_FORMAT,
            "kind": STATS_KIND,
            "sessions": {sid: s.to_json() for sid, s in sorted(self.sessions.items())},
        }

    @classmethod
    def from_json(cls, data: Any) -> ClassStats:
        if not isinstance(data, dict) or data.get("kind") != STATS_KIND:
            raise StatsError("this is not a Last Train Home class statistics file")
        version = data.get("format")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise StatsError(f"the statistics format {version!r} is not one this version reads")
        if version > STATS_FORMAT:
            raise StatsError(
                f"the file was written by a newer version (format {version}); update the game to read it"
            )
        sessions = data.get("sessions")
        if not isinstance(sessions, dict):
            raise StatsError("the file has no table of sessions")
        stats = cls()
        for sid, item in sessions.items():
            try:
                decisions = tuple((str(scene), str(choice)) for scene, choice in item["decisions"])
                story, ending = item["story"], item.get("ending")
                if not isinstance(story, str) or not (ending is None or isinstance(ending, str)):
                    raise TypeError
            except (KeyError, TypeError, ValueError):
                raise StatsError(f"the session '{sid}' is damaged") from None
            stats.sessions[sid] = SessionSummary(story, decisions, ending)
        return stats

    def export(self, path: Path) -> None:
        """Writes the statistics to one file (atomically) to take to another computer."""
        text = json.dumps(self.to_json(), ensure_ascii=False, indent=1)
        write_atomic(Path(path), text.encode("utf-8"))

    @classmethod
    def load(cls, path: Path) -> ClassStats:
        try:
            data = read_json(Path(path), MAX_STATS_BYTES)
        except OSError as exc:
            raise StatsError(f"{path}: cannot read the file ({exc.strerror or exc})") from None
        except UnreadableFile as exc:
            raise StatsError(f"{path}: cannot read the file: {exc}") from None
        try:
            return cls.from_json(data)
        except StatsError as exc:
            raise StatsError(f"{path}: {exc}") from None

    def import_file(self, path: Path) -> int:
        """Merges an exported file; returns how many sessions were new."""
        return self.merge(ClassStats.load(path))


def from_records(records: Iterable[SessionRecord]) -> ClassStats:
    stats = ClassStats()
    for record in records:
        stats.add(record)
    return stats


def from_folder(folder: Path) -> tuple[ClassStats, list[str]]:
    """Statistics from every session record (*.json) in a folder, and a message per bad file.

    A class statistics export found in the folder is merged too.
    """
    stats = ClassStats()
    problems: list[str] = []
    folder = Path(folder)
    if not folder.is_dir():
        return stats, problems
    for path in sorted(folder.glob("*.json")):
        try:
            data = read_json(path, MAX_STATS_BYTES)
        except OSError as exc:
            problems.append(f"{path}: skipped, cannot be read ({exc.strerror or exc})")
            continue
        except UnreadableFile as exc:
            problems.append(f"{path}: skipped, cannot be read: {exc}")
            continue
        try:
            if isinstance(data, dict) and data.get("kind") == STATS_KIND:
                stats.merge(ClassStats.from_json(data))
            else:
                stats.add(SessionRecord.from_json(data))
        except (RecordError, StatsError) as exc:
            problems.append(f"{path}: skipped, {exc}")
    return stats, problems


IMPORTED_FOLDER = "imported-statistics"


def imported_dir(sessions: Path) -> Path:
    """Where `stats --import` keeps other computers' statistics: beside the sessions folder, never
    in it (a teacher's folder of session records holds only this computer's sessions)."""
    return Path(sessions).parent / IMPORTED_FOLDER


def on_this_computer(sessions: Path) -> tuple[ClassStats, list[str]]:
    """Statistics from this computer's session records and every imported statistics file."""
    stats, problems = from_folder(sessions)
    imported, more = from_folder(imported_dir(sessions))
    stats.merge(imported)
    return stats, problems + more


def load_any(path: Path) -> tuple[ClassStats, list[str]]:
    """Statistics from a folder of records, one record, or an exported statistics file."""
    path = Path(path)
    if path.is_dir():
        return from_folder(path)
    try:
        data = read_json(path, MAX_STATS_BYTES)
    except OSError as exc:
        raise StatsError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    except UnreadableFile as exc:
        raise StatsError(f"{path}: cannot be read: {exc}") from None
    if isinstance(data, dict) and data.get("kind") == STATS_KIND:
        return ClassStats.from_json(data), []
    try:
        return from_records([SessionRecord.from_json(data)]), []
    except RecordError as exc:
        raise StatsError(f"{path}: {exc}") from None


__all__ = [
    "IMPORTED_FOLDER",
    "ClassStats",
    "SessionSummary",
    "Share",
    "StatsError",
    "from_folder",
    "from_records",
    "imported_dir",
    "load_any",
    "on_this_computer",
]
