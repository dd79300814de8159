"""Classroom views as plain data: the lessons on offer, where a lesson moves on, its closing screen,
and the class statistics a browser keeps.

The browser edition's classroom shows what the desktop's lesson screens show (game/ui/screens/
lesson.py) from these dicts, and the rules stay here in the engine: a lesson's key decisions and
kept prompts (game.engine.lessons), what the class decided (game.engine.record), and which
sessions the statistics count (game.engine.classstats). No pygame, no file system.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from game.engine.classstats import ClassStats, StatsError
from game.engine.lessons import LessonRun, Step
from game.engine.record import SessionRecord
from game.engine.session import Session
from game.story.model import Story, paragraphs

ROAD_SHOWN = 6  # the last few decisions a lesson took between parts: the class hears how it got there
KEPT_SECONDS = 10.0  # a discussion prompt put away sooner than this was skipped, not discussed


def kept_up(seconds: float) -> bool:
    """Whether a discussion prompt the teacher kept on screen this long (and put away by going
    on, not by skipping) counts as discussed in the report: both front ends ask this."""
    return seconds >= KEPT_SECONDS


def lessons_view(story: Story) -> list[dict[str, Any]]:
    """Every lesson of the story with its minutes, key decisions and parts, in the story's order."""
    return [
        {
            "id": lesson.id,
            "title": lesson.title,
            "minutes": lesson.minutes,
            "summary": lesson.summary,
            "keys": len(lesson.key),
            "parts": [part.title for part in lesson.parts],
        }
        for lesson in story.lessons
    ]


def where(session: Session) -> str:
    """The scene's place and time, "Guangzhou · Spring 1991"."""
    scene = session.scene
    return " · ".join(x for x in (scene.place, scene.when) if x)


def class_here(session: Session, record: SessionRecord, run: LessonRun | None) -> dict[str, Any]:
    """What the classroom does at this scene: whether it is a key decision (the lesson's, or without
    a lesson the story's), whether the class votes here, and which cards a lesson keeps."""
    scene = session.scene
    lesson = run.lesson if run is not None else None
    key = run.is_key(scene.id) if run is not None else scene.key is not None
    return {
        "decisions": len(record.decisions),
        "finished": record.is_finished,
        "closed": record.closed_at is not None,
        "key": key,
        "votes_here": run is None or run.is_key(scene.id),
        "prompt": bool(scene.discuss) and (run is None or run.keeps_prompt(scene.id)),
        "fact": scene.fact is not None and (lesson is None or lesson.facts),
        "notes": notes_due(session),
        "lesson": None
        if run is None or lesson is None
        else {
            "id": lesson.id,
            "title": lesson.title,
            "part": run.part_index,
            "part_title": run.part.title,
            "parts": len(lesson.parts),
        },
    }


def notes_due(session: Session) -> list[dict[str, Any]]:
    """The notes shown full-screen before the scene's text in class, as on the desktop
    (game/ui/classroom.py): the scene's note for the teacher. Each carries a "seen" key, and the
    front end shows it once per key (once a visit of the scene). The story's content note needs
    none: the browser shows it before every new game, a class's too."""
    scene = session.scene
    if not scene.teacher_note:
        return []
    return [
        {
            "kind": "teacher",
            "title": "For the teacher",
            "text": paragraphs(scene.teacher_note),
            "seen": f"teacher:{scene.id}:{len(session.state.log)}",
        }
    ]


def bridge_view(story: Story, step: Step) -> dict[str, Any]:
    """Where the lesson moves on: the part that ended, its bridge, where the class now stands, and
    the last decisions the lesson took on the way (not "Continue")."""
    found = [story.choice(c) for c in step.road]
    taken = [c.text for c in found if c is not None and not c.is_continue]
    return {
        "ended": step.ended.title if step.ended is not None else "",
        "bridge": paragraphs(step.ended.bridge) if step.ended is not None and step.ended.bridge else [],
        "where": where(step.session) if step.session is not None else "",
        "road": taken[-ROAD_SHOWN:],
    }


def closing_view(
    story: Story, session: Session, record: SessionRecord, run: LessonRun | None
) -> dict[str, Any]:
    """The closing screen of a lesson that ended mid-story: what the class decided (its key
    decisions, or all when none was key), where the family stands, what really happened next, and
    a last question."""
    lesson = run.lesson if run is not None else None
    decided = record.class_decisions()
    key = [d for d in decided if d.tally or (run is not None and run.is_key(d.scene))]
    rows = []
    for decision in key or decided:
        scene = story.scenes.get(decision.scene)
        rows.append(
            {
                "when": scene.when if scene is not None and scene.when else decision.chapter,
                "text": decision.text,
                "votes": decision.tally.get(decision.choice, 0) if decision.tally else None,
                "total": decision.votes if decision.tally else None,
            }
        )
    stats = story.stats
    return {
        "title": lesson.title if lesson is not None else session.scene.chapter,
        "decided": rows,
        "where": where(session),
        "people": [
            {
                "short": person.short,
                "stats": [
                    {"label": stats[k].label, "value": v, "max": stats[k].max}
                    for k, v in person.stats.items()
                    if k in stats
                ],
            }
            for person in session.people()
            if person.present
        ],
        "resources": [
            {"label": r.label, "value": session.resource(r.id), "unit": r.unit}
            for r in story.resources.values()
        ],
        "next": paragraphs(lesson.close_next) if lesson is not None and lesson.close_next else [],
        "question": lesson.close_question if lesson is not None else "",
    }


# ----------------------------------------------------------------------------- statistics


def read_stats(data: Any) -> ClassStats:
    """The statistics a browser keeps (None or empty: none yet); raises StatsError."""
    return ClassStats() if not data else ClassStats.from_json(data)


def stats_sync(data: Any, record: SessionRecord | None) -> tuple[dict[str, Any], bool]:
    """The kept statistics with this session counted as the desktop counts its saved record: once,
    as it stands now, and only when it is finished (an ending reached, or a lesson closed
    mid-story; an undo past the end takes it out again). Returns (statistics, whether counted)."""
    stats = read_stats(data)
    counted = False
    if record is not None:
        stats.sessions.pop(record.id, None)
        counted = stats.add(record)
    return stats.to_json(), counted


def stats_view(story: Story, data: Any) -> dict[str, Any]:
    """The statistics for the teacher: sessions on record (ended, and lessons closed mid-story),
    each key decision's choices with their shares, and the endings reached."""
    stats = read_stats(data)
    mine = [s for s in stats.sessions.values() if s.story == story.title]
    shares = stats.shares(story.title)
    decisions = []
    for scene in story.scenes.values():
        taken = [(shares[c.full_id], c) for c in scene.choices if c.full_id in shares]
        if not scene.key or not taken:
            continue
        decisions.append(
            {
                "chapter": scene.chapter,
                "key": scene.key,
                "reached": taken[0][0].reached,
                "choices": [
                    {"text": choice.text, "taken": share.taken, "percent": round(share.percent, 1)}
                    for share, choice in sorted(taken, key=lambda item: -item[0].taken)
                ],
            }
        )
    titles = {e.id: e.title for e in story.endings}
    return {
        "sessions": len(mine),
        "ended": sum(1 for s in mine if s.ending is not None),
        "closed": sum(1 for s in mine if s.ending is None),
        "other_stories": stats.count() - len(mine),
        "decisions": decisions,
        "endings": [
            {"title": titles.get(ending, ending), "times": times}
            for ending, times in sorted(stats.endings(story.title).items(), key=lambda item: -item[1])
        ],
    }


def merge_stats(data: Any, incoming: Any) -> tuple[dict[str, Any], int]:
    """The kept statistics with another computer's export merged in (each session once); returns
    (statistics, how many sessions were new). Raises StatsError for a file that is not one."""
    stats = read_stats(data)
    new = stats.merge(ClassStats.from_json(incoming))
    return stats.to_json(), new


def stats_action(
    story: Story, record: SessionRecord | None, kind: str, action: Mapping[str, Any]
) -> dict[str, Any] | None:
    """The statistics actions of the view model, on the statistics the browser keeps ("stats"):
    "stats_sync" counts `record` in them as it stands, "stats_view" summarises them (with the file
    to export), "stats_merge" adds another computer's export ("file"). None for another action;
    raises StatsError, in a sentence, for statistics that are not ones."""
    data = action.get("stats")
    try:
        if kind == "stats_sync":
            stats, counted = stats_sync(data, record)
            return {"stats": stats, "counted": counted}
        if kind == "stats_view":
            return {"summary": stats_view(story, data), "file": read_stats(data).to_json()}
        if kind == "stats_merge":
            stats, new = merge_stats(data, action.get("file"))
            return {"stats": stats, "new": new}
    except StatsError as exc:
        text = str(exc)
        raise StatsError(text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")) from None
    return None


__all__ = [
    "KEPT_SECONDS",
    "StatsError",
    "bridge_view",
    "class_here",
    "closing_view",
    "kept_up",
    "lessons_view",
    "merge_stats",
    "notes_due",
    "read_stats",
    "stats_action",
    "stats_sync",
    "stats_view",
]
