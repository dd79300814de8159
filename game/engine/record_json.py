"""Reading a session record's JSON back, checking each field's shape (see record.SessionRecord)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine.record import MAX_VOTES, Decision, EpilogueEntry, SessionRecord, Snapshot


def reason(exc: BaseException) -> str:
    """An exception in the words a teacher reads after 'the record is damaged: '."""
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return str(exc) or type(exc).__name__


def _text(data: Mapping[str, Any], key: str, optional: bool = False) -> Any:
    value = data[key] if not optional else data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ValueError(f"'{key}' is not text")
    return value


def _count_table(value: Any, what: str) -> dict[str, int]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not a table")
    for key, item in value.items():
        if isinstance(item, bool) or not isinstance(item, int):
            raise ValueError(f"{what} '{key}' is not a whole number")
    return dict(value)


def _vote_table(value: Any, what: str) -> dict[str, int]:
    votes = _count_table(value, what)
    for key, item in votes.items():
        if not 0 <= item <= MAX_VOTES:
            raise ValueError(f"{what} '{key}' is not a count of votes ({item})")
    return votes


def _text_list(value: Any, what: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        raise ValueError(f"'{what}' is not a list of ids")
    return list(value)


def parse_record(data: Mapping[str, Any]) -> SessionRecord:
    """A record from its JSON form; raises KeyError, TypeError or ValueError naming what is wrong."""
    decisions = []
    for number, item in enumerate(data.get("decisions", []), 1):
        if not isinstance(item, dict):
            raise ValueError(f"decision {number} is not a table")
        tally = item.get("tally")
        seconds = item.get("seconds", 0)
        if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not 0 <= seconds < 10**9:
            raise ValueError(f"decision {number}'s seconds is not a number of seconds")
        decisions.append(
            Decision(
                _text(item, "scene"),
                _text(item, "chapter"),
                _text(item, "choice"),
                _text(item, "text"),
                None if tally is None else _vote_table(tally, f"decision {number}'s vote"),
                bool(item.get("tie_broken", False)),
                _text(item, "team", optional=True),
                float(seconds),
                bool(item.get("by_lesson", False)),
            )
        )
    snapshots = []
    for number, item in enumerate(data.get("snapshots", []), 1):
        if not isinstance(item, dict) or not isinstance(item.get("stats"), dict):
            raise ValueError(f"snapshot {number} is not a table with stats")
        decisions_then = item.get("decisions", 0)
        if isinstance(decisions_then, bool) or not isinstance(decisions_then, int):
            raise ValueError(f"snapshot {number}'s decision count is not a whole number")
        snapshots.append(
            Snapshot(
                _text(item, "chapter"),
                _text(item, "scene"),
                decisions_then,
                {p: _count_table(s, f"snapshot {number}'s stats of") for p, s in item["stats"].items()},
                _count_table(item.get("resources", {}), f"snapshot {number}'s resource"),
            )
        )
    epilogue = []
    for item in data.get("epilogue", []):
        if not isinstance(item, dict):
            raise ValueError("an epilogue line is not a table")
        epilogue.append(EpilogueEntry(_text(item, "person"), _text(item, "name"), _text(item, "line")))
    jumps = data.get("jumps", [])
    if not isinstance(jumps, list) or not all(
        isinstance(n, int) and not isinstance(n, bool) and 0 <= n <= len(decisions) for n in jumps
    ):
        raise ValueError("'jumps' is not a list of decision counts")
    record_id = _text(data, "id")
    if not record_id:
        raise ValueError("the record has an empty id")
    return SessionRecord(
        story_title=_text(data, "story_title"),
        story_version=_text(data, "story_version"),
        story_fingerprint=_text(data, "story_fingerprint"),
        start_scene=_text(data, "start_scene"),
        started_at=_text(data, "started_at"),
        id=record_id,
        classroom=bool(data.get("classroom", True)),
        decisions=decisions,
        prompts_shown=_text_list(data.get("prompts_shown", []), "prompts_shown"),
        facts_shown=_text_list(data.get("facts_shown", []), "facts_shown"),
        snapshots=snapshots,
        finished_at=_text(data, "finished_at", optional=True),
        ending=_text(data, "ending", optional=True),
        ending_title=_text(data, "ending_title", optional=True),
        epilogue=epilogue,
        jumps=sorted(set(jumps)),
        lesson=_text(data, "lesson", optional=True),
        lesson_title=_text(data, "lesson_title", optional=True),
        closed_at=_text(data, "closed_at", optional=True),
    )
