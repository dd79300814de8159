"""The engine's boundary as plain data: what a front end shows, and the actions it sends back.

A front end that cannot hold Python objects (the browser edition, driving the engine through
Pyodide) asks a `Player` for views — dicts of text, numbers, booleans and lists only, ready for
JSON — and sends it actions (`choose`, `undo`, `restart`, `save`, `load`). Every rule of the story
stays in the engine: the view already has the variants resolved, the locked choices with their
reasons, and the consequence of a choice in words and numbers.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from game.engine.classview import (
    StatsError,
    bridge_view,
    class_here,
    closing_view,
    kept_up,
    lessons_view,
    stats_action,
)
from game.engine.lessons import LessonRun
from game.engine.looks import moved_faces, pov_faces, scene_panel_side
from game.engine.record import RecordError, SessionRecord
from game.engine.saves import LoadResult, SaveError, parse_save, restore, save_document
from game.engine.session import ChoiceError, EndingView, Outcome, Session, Step
from game.story.model import Story, paragraphs

VIEW_FORMAT = 1


class ActionError(ValueError):
    """An action the player (or a broken front end) sent that cannot be done, in a sentence."""


def story_view(story: Story) -> dict[str, Any]:
    """What never changes during a playthrough: titles, the note, the family and the stats."""
    return {
        "format": VIEW_FORMAT,
        "title": story.title,
        "title_native": story.title_native,
        "version": story.version,
        "fingerprint": story.fingerprint,
        "content_note": paragraphs(story.content_note) if story.content_note else [],
        "chapters": story.chapters(),
        "stats": [{"id": s.id, "label": s.label, "min": s.min, "max": s.max} for s in story.stats.values()],
        "resources": [{"id": r.id, "label": r.label, "unit": r.unit} for r in story.resources.values()],
        "people": [
            {"id": p.id, "name": p.name, "short": p.short, "role": p.role} for p in story.people.values()
        ],
    }


def fact_view(story: Story, fact_id: str | None) -> dict[str, Any] | None:
    """A fact card as plain data, or None if the scene has none."""
    fact = story.facts.get(fact_id) if fact_id else None
    if fact is None:
        return None
    return {
        "id": fact.id,
        "title": fact.title,
        "figure": fact.figure,
        "text": paragraphs(fact.text),
        "source": fact.source,
        "url": fact.url,
    }


def scene_view(session: Session, subjects: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The current scene as the player reads it: text with variants resolved, choices, extras;
    the point-of-view face (its mood's drawing, then the plain one if that is missing) and the
    side the text panel takes (`subjects`: each backdrop's subject, from its catalogue)."""
    scene = session.scene
    faces = [f"portraits/{name}.png" for name in pov_faces(session)]
    return {
        "id": scene.id,
        "chapter": scene.chapter,
        "place": scene.place,
        "when": scene.when,
        "year": session.year,
        "pov": scene.pov,
        "pov_name": _short_name(session, scene.pov),
        "mood": scene.mood,
        "backdrop": session.backdrop,
        "panel": scene_panel_side(session, subjects or {}),
        "face": faces[0] if faces else None,
        "face_fallback": faces[-1] if len(faces) > 1 else None,
        "key": scene.key is not None,
        "key_label": scene.key,
        "paragraphs": session.paragraphs(),
        "choices": [
            {
                "id": c.id,
                "number": c.number,
                "text": c.text,
                "available": c.available,
                "locked_reason": c.locked_reason,
                "is_continue": c.is_continue,
            }
            for c in session.choices()
        ],
        "discuss": scene.discuss,
        "fact": fact_view(session.story, scene.fact),
        "documentary": scene.documentary,
        "is_over": session.is_over,
        "stuck": session.stuck,
    }


def family_view(session: Session) -> dict[str, Any]:
    """The family now: each person's stats and portrait, the resources, the flags that hold."""
    story, state = session.story, session.state
    return {
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "short": p.short,
                "role": p.role,
                "portrait": p.portrait,
                "present": p.present,
                "stats": dict(p.stats),
            }
            for p in session.people()
        ],
        "resources": [
            {"id": r.id, "label": r.label, "unit": r.unit, "value": state.resources[r.id]}
            for r in story.resources.values()
        ],
        "flags": [f.label for f in story.flags.values() if state.flags.get(f.id) and f.label],
    }


def _changes(story: Story, changes: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [
        {
            "kind": c.kind,
            "person": c.person,
            "person_name": story.people[c.person].short if c.person in story.people else None,
            "name": c.name,
            "label": c.label,
            "before": c.before,
            "after": c.after,
            "delta": c.delta,
            "words": c.words,
        }
        for c in changes
    ]


def ending_view(ending: EndingView | None) -> dict[str, Any] | None:
    """The ending with an epilogue line per person and what really happened, or None."""
    if ending is None:
        return None
    return {
        "id": ending.id,
        "title": ending.title,
        "paragraphs": paragraphs(ending.text),
        "epilogue": [{"person": pid, "name": name, "line": line} for pid, name, line in ending.epilogue],
        "documentary": paragraphs(ending.documentary) if ending.documentary else [],
    }


def outcome_view(
    story: Story, outcome: Outcome, film_note: str | None = None, year: int | None = None
) -> dict[str, Any]:
    """What a choice did, in words and numbers; `notable` says whether it earns the consequence
    card (game.engine.notable) or goes quietly (the says line opens the next scene). After a key
    decision, `film_note` is what the real family did (shown next, in class and solo alike).
    `faces`: each person it moved, with their portraits at `year`, glad or sad as on the desktop's
    card (best first, the plain face last)."""
    return {
        "faces": {
            person: [f"portraits/{name}.png" for name in names]
            for person, names in moved_faces(story, outcome.changes, year).items()
            if names
        },
        "film_note": paragraphs(film_note) if film_note else [],
        "choice_id": outcome.choice_id,
        "choice_text": outcome.choice_text,
        "says": outcome.says,
        "notable": outcome.notable,
        "changes": _changes(story, outcome.changes),
        "scene": outcome.scene,
        "ending": ending_view(outcome.ending),
    }


def history_view(session: Session) -> list[dict[str, Any]]:
    """Every scene read so far and what was chosen there, oldest first."""

    def step(s: Step) -> dict[str, Any]:
        return {
            "scene": s.scene,
            "chapter": s.chapter,
            "place": s.place,
            "when": s.when,
            "paragraphs": list(s.paragraphs),
            "choice_text": s.choice_text,
            "is_continue": s.is_continue,
            "says": s.says,
            "changes": _changes(session.story, s.changes),
        }

    return [step(s) for s in session.transcript]


class Player:
    """One playthrough behind a plain-data boundary: `view()` to draw, `act()` to play."""

    def __init__(
        self, story: Story, session: Session | None = None, subjects: Mapping[str, str] | None = None
    ) -> None:
        self.story = story
        self.subjects = dict(subjects or {})  # each backdrop's subject: where the panel goes
        self.session = session or Session(story)
        self.record: SessionRecord | None = None  # the class session's record, in classroom mode
        self.lesson: LessonRun | None = None  # the lesson the class plays, if it chose one

    def view(
        self, outcome: dict[str, Any] | None = None, messages: list[str] | None = None
    ) -> dict[str, Any]:
        """The whole screen's data: scene, family, ending, what can be undone, the last outcome."""
        session, record = self.session, self.record
        return {
            "scene": scene_view(session, self.subjects),
            "family": family_view(session),
            "ending": ending_view(session.ending),
            "can_undo": session.can_undo,
            "decisions": len(session.state.log),
            "outcome": outcome,
            "messages": messages or [],
            "classroom": None if record is None else class_here(session, record, self.lesson),
            "closing": None
            if record is None or record.closed_at is None
            else closing_view(self.story, session, record, self.lesson),
            "bridge": None,
        }

    def state(self) -> dict[str, Any]:
        """The engine's whole state (for saves, tests and the equivalence check)."""
        return self.session.state.to_json()

    def act(self, action: Mapping[str, Any]) -> dict[str, Any]:
        """Does one action and returns what to show; raises ActionError in the player's words.

        Actions: {"do": "choose", "choice": id or shown number}, {"do": "undo"},
        {"do": "restart"}, {"do": "view"}, {"do": "history"}, {"do": "save"} (returns the save
        document) and {"do": "load", "save": document or its JSON text}. The classroom's actions
        (`lessons`, `class_begin` ... `stats_merge`) are described at `_classroom`.
        """
        if not isinstance(action, Mapping):
            raise ActionError("an action is a table with a 'do' entry")
        kind = action.get("do")
        if kind == "view":
            return self.view()
        if kind == "choose":
            return self._choose(action)
        if kind == "undo":
            if not self.session.undo():
                raise ActionError("there is nothing to undo")
            if self.record is not None:
                self.record.undo()
            return self.view()
        if kind == "restart":
            self.session = Session(self.story)
            self.record = self.lesson = None
            return self.view()
        if isinstance(kind, str) and kind.startswith(("class_", "stats_", "lessons")):
            return self._classroom(kind, action)
        if kind == "history":
            return {"history": history_view(self.session)}
        if kind == "save":
            return {"save": save_document(self.session)}
        if kind == "load":
            loaded = self.load(action.get("save"), str(action.get("name") or "the save"))
            self.session = loaded.session
            if self.record is not None:
                self.record.jumped()
            return self.view(messages=loaded.messages)
        raise ActionError(f"there is no action '{kind}'")

    def _choose(self, action: Mapping[str, Any]) -> dict[str, Any]:
        choice = action.get("choice")
        if isinstance(choice, bool) or not isinstance(choice, (int, str)):
            raise ActionError("'choose' needs the choice's id or its number")
        scene = self.session.scene
        shown = [
            c
            for c in self.session.choices()
            if c.available and choice in (c.number, c.id, c.id.rpartition(".")[2])
        ]
        record = self.record if shown and not self.session.is_over else None
        try:
            if record is not None:
                tally = action.get("tally")
                seconds = action.get("seconds", 0.0)
                record.record_decision(
                    self.session,
                    shown[0].id,
                    tally if isinstance(tally, Mapping) else None,
                    seconds if isinstance(seconds, (int, float)) else 0.0,
                    str(action["team"]) if action.get("team") else None,
                )
            outcome = self.session.choose(shown[0].id if shown else choice)
        except ChoiceError as exc:
            raise ActionError(str(exc)) from None
        bridge = None
        if record is not None and self.lesson is not None and not self.session.is_over:
            step = self.lesson.after_choice(self.session)
            if step.kind == "bridge" and step.session is not None:  # on along the real family's road
                record.lesson_took(self.session, step.road)
                self.session = step.session
                bridge = bridge_view(self.story, step)
            elif step.kind == "close":  # the lesson ends here, mid-story
                record.close(self.session)
        if record is not None and self.session.is_over:
            record.finish(self.session)
        film_note = scene.documentary if scene.key else None
        view = self.view(outcome_view(self.story, outcome, film_note, self.session.year))
        view["bridge"] = bridge
        return view

    def _classroom(self, kind: str, action: Mapping[str, Any]) -> dict[str, Any]:
        """Classroom actions: "lessons" lists the story's lessons; "class_begin" starts a class
        session (with "lesson": id, that lesson at its first scene and state); "class_end" leaves
        it; "class_seen" notes the scene's "fact" card as shown, and its prompt as discussed when the
        teacher went on after keeping it up "prompt_seconds" (classview.kept_up); "class_record" and
        "class_restore" give and take back the record and the lesson's part. In class a choice may
        carry the class's "tally" ({choice id: votes}), "team" and "seconds". The statistics
        actions are game.engine.classview.stats_action's."""
        if kind == "lessons":
            return {"lessons": lessons_view(self.story)}
        if kind.startswith("stats_"):
            try:
                reply = stats_action(self.story, self.record, kind, action)
            except StatsError as exc:
                raise ActionError(str(exc)) from None
            if reply is None:
                raise ActionError(f"there is no action '{kind}'")
            return reply
        if kind == "class_begin":
            self._begin(action.get("lesson"))
            return self.view()
        if kind == "class_end":
            self.record = self.lesson = None
            return self.view()
        if kind == "class_restore":
            self._restore(action.get("record"), action.get("lesson_part"))
            return self.view()
        record = self.record
        if record is None:
            raise ActionError("classroom mode is not on")
        if kind == "class_seen":
            scene = self.session.scene
            kept = action.get("prompt_seconds")
            if scene.discuss and isinstance(kept, (int, float)) and kept_up(float(kept)):
                record.prompt_shown(scene.id)
            if scene.fact and action.get("fact"):
                record.fact_shown(scene.fact)
            return self.view()
        if kind == "class_record":
            part = self.lesson.part_index if self.lesson is not None else None
            return {"record": record.to_json(), "lesson_part": part}
        raise ActionError(f"there is no action '{kind}'")

    def _begin(self, lesson_id: Any) -> None:
        lesson = self.story.lesson(lesson_id) if isinstance(lesson_id, str) else None
        if lesson_id is not None and lesson is None:
            raise ActionError(f"the story has no lesson '{lesson_id}'")
        self.lesson = LessonRun(self.story, lesson) if lesson is not None else None
        self.session = self.lesson.begin() if self.lesson is not None else Session(self.story)
        self.record = SessionRecord.begin(self.session)
        if lesson is not None:
            self.record.lesson, self.record.lesson_title = lesson.id, lesson.title

    def _restore(self, data: Any, part: Any) -> None:
        try:
            record = SessionRecord.from_json(data)
        except RecordError as exc:
            raise ActionError(f"The class session could not be restored: {exc}.") from None
        lesson = self.story.lesson(record.lesson) if record.lesson else None
        self.record, self.lesson = record, None
        if lesson is not None:
            index = part if isinstance(part, int) and 0 <= part < len(lesson.parts) else 0
            self.lesson = LessonRun(self.story, lesson, index)

    def load(self, save: Any, name: str) -> LoadResult:
        """A save (its document, or its JSON text) rebuilt on this story; raises ActionError."""
        kept = "Nothing was changed."
        try:
            if isinstance(save, str):
                document = parse_save(save.encode("utf-8"), name, kept)
            elif isinstance(save, dict):
                document = parse_save(json.dumps(save).encode("utf-8"), name, kept)
            else:
                raise ActionError(f"{name.capitalize()} is not a Last Train Home save. {kept}")
            return restore(document, self.story, name, kept)
        except SaveError as exc:
            raise ActionError(str(exc)) from None

    def act_json(self, text: str) -> str:
        """`act` for a front end that speaks JSON text: {"ok": view} or {"error": sentence}."""
        try:
            action = json.loads(text)
        except (ValueError, RecursionError):
            return json.dumps({"error": "the action is not valid JSON"})
        try:
            return json.dumps({"ok": self.act(action)}, ensure_ascii=False)
        except ActionError as exc:
            return json.dumps({"error": str(exc)}, ensure_ascii=False)


def _short_name(session: Session, person: str | None) -> str | None:
    """The short name of the scene's point of view, if it names a person of the story."""
    people = session.story.people
    return people[person].short if person is not None and person in people else None
