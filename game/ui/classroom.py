"""Classroom mode's state: the facilitator's options, the session record, the clock, the cards due.

No pygame here: the screens ask this controller what to show and tell it what the class decided.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from game.engine import Session
from game.engine.classstats import ClassStats, Share, on_this_computer
from game.engine.lessons import LessonRun, Step, film_road, session_at
from game.engine.record import SessionRecord
from game.story import Story


@dataclass
class ClassroomOptions:
    """What the facilitator set up: pauses, votes, and which team owns which family member."""

    pauses: bool = True
    votes: bool = True
    teams: bool = False
    team_of: dict[str, str] = field(default_factory=dict)  # person id -> team label


def default_teams(story: Story, label: Callable[[str], str]) -> dict[str, str]:
    """Parents together, every other family member their own team: {"changhua": "Team Parents"...}."""
    teams = {}
    for person in story.people.values():
        parent = person.role.lower() in ("father", "mother", "parent")
        teams[person.id] = label("parents" if parent else person.short)
    return teams


def team_choices(story: Story, label: Callable[[str], str]) -> list[str]:
    """The team labels the setup screen offers for any family member."""
    return [label("parents"), label("children"), *(label(p.short) for p in story.people.values())]


def chapter_starts(story: Story) -> list[tuple[str, str]]:
    """(chapter, its first scene in story order), in story order."""
    first: dict[str, str] = {}
    for scene in story.scenes.values():
        if scene.chapter:
            first.setdefault(scene.chapter, scene.id)
    return list(first.items())


def canonical_path(story: Story, target: str) -> list[str] | None:
    """The decisions that lead from the story's start to `target` along the film's road.

    A lesson that begins at a later chapter must begin from a state the story could really have
    reached, so that flags, savings and stats are coherent with what the chapter's text assumes:
    see game.engine.lessons.film_road. None if no route reaches `target`.
    """
    return film_road(story, [target])


class Classroom:
    """One class session: options, the record (saved after every decision), clock and cards."""

    def __init__(
        self,
        options: ClassroomOptions,
        sessions_dir: Path,
        clock: Callable[[], float] = time.monotonic,
        lesson: LessonRun | None = None,
    ) -> None:
        self.options = options
        self.lesson = lesson  # the lesson route played, if the class chose one
        self.step: Step | None = None  # what the lesson does after the last decision, not yet shown
        self.sessions_dir = Path(sessions_dir)
        self.clock = clock
        self.record: SessionRecord | None = None
        self.started = clock()
        self.scene_since = self.started
        self.shown: set[tuple[str, str, int]] = set()  # (kind, scene, decisions so far)
        self.content_note_shown = False  # the story's content note, once as the class begins
        self.pending: tuple[Mapping[str, int] | None, bool | None] = (None, None)
        self.save_problem: str | None = None
        self._stats: ClassStats | None = None
        # The session's log where the class's current road began (a replayed road, or a save
        # from another path loaded in class), and the first decision of the record on that road.
        self.base_log: list[str] = []
        self.base_origin: object = None  # that road's first state (a save may begin elsewhere)
        self.road_from = 0
        # Where the class finished (an ending or the lesson's close): the playthrough's first
        # state and its log then, so that loading that very place reopens the finish.
        self.finish_point: tuple[object, list[str]] | None = None

    # ------------------------------------------------------------------ the session

    def begin(self, session: Session) -> None:
        self.record = SessionRecord.begin(session, classroom=True)
        if self.lesson is not None:
            self.record.lesson = self.lesson.lesson.id
            self.record.lesson_title = self.lesson.lesson.title
        self.started = self.scene_since = self.clock()
        self.base_log, self.road_from = list(session.state.log), 0
        self.base_origin = session.origin
        self.finish_point = None
        self.shown.clear()

    @property
    def is_open(self) -> bool:
        """A class session under way: begun and not yet at an ending or a lesson's close."""
        return self.record is not None and not self.record.is_finished

    def continue_from(self, session: Session) -> tuple[str, int]:
        """A save was loaded during the class: the record goes on from the loaded scene.

        Returns what happened to the record, and how many decisions it took back:
        - ("back", n): the save is from this class's own road (the autosave, a slot saved in the
          lesson): the n decisions recorded after it are taken back, as undo would (n may be 0);
        - ("jump", 0): a save from another road: the decisions so far stay, and the next ones
          are recorded from the loaded scene;
        - ("new", 0): the record had reached an ending: it stays on record as it was, and a new
          one starts at the loaded scene (the session clock runs on).
        """
        if self.record is None or self.record.is_finished:
            started = self.started
            self.begin(session)
            self.started = started
            self.save()
            return "new", 0
        log, base = list(session.state.log), self.base_log
        taken = [d.choice for d in self.record.decisions[self.road_from :]]
        ahead = log[len(base) :]
        self.scene_since = self.clock()
        self.pending = (None, None)
        same_start = session.origin == self.base_origin
        if same_start and log[: len(base)] == base and ahead == taken[: len(ahead)]:
            back = len(taken) - len(ahead)
            for _ in range(back):
                self.record.undo()
            self.save()
            return "back", back
        self.base_log, self.road_from = log, len(self.record.decisions)
        self.base_origin = session.origin
        self.record.jumped()
        self.save()
        return "jump", 0

    def elapsed(self) -> float:
        return self.clock() - self.started

    def clock_text(self) -> str:
        seconds = int(self.elapsed())
        hours, rest = divmod(seconds, 3600)
        return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"

    def team_for(self, story: Story, pov: str | None) -> str | None:
        if not self.options.teams or pov is None:
            return None
        return self.options.team_of.get(pov)

    def cards_due(self, session: Session) -> list[tuple[str, str]]:
        """What to show full-screen at this scene now: ("content", "") once as the class begins,
        ("teacher", scene id) before a scene with a note for the teacher (these two before the
        text), then ("fact", fact id) and ("discuss", scene id) once the class has read.

        In a lesson, only the prompts it keeps, and fact cards only if it shows them."""
        scene, visit = session.scene, len(session.state.log)
        lesson = self.lesson
        facts = lesson is None or lesson.lesson.facts
        prompt = self.options.pauses and (lesson is None or lesson.keeps_prompt(scene.id))
        due = []
        # Before the text: the story's content note as the class begins, and the teacher's note.
        if session.story.content_note and not self.content_note_shown:
            due.append(("content", ""))
        if scene.teacher_note and ("teacher", scene.id, visit) not in self.shown:
            due.append(("teacher", scene.id))
        if (
            facts
            and scene.fact
            and scene.fact in session.story.facts
            and ("fact", scene.id, visit) not in self.shown
        ):
            due.append(("fact", scene.fact))
        if scene.discuss and prompt and ("discuss", scene.id, visit) not in self.shown:
            due.append(("discuss", scene.id))
        return due

    def is_key(self, session: Session) -> bool:
        """Whether this scene is a key decision: the lesson's, or (without one) the story's."""
        if self.lesson is not None:
            return self.lesson.is_key(session.scene.id)
        return session.scene.key is not None

    def votes_here(self, session: Session) -> bool:
        """Whether the class votes at this scene: votes on, and in a lesson a key decision only."""
        return self.options.votes and (self.lesson is None or self.lesson.is_key(session.scene.id))

    def shown_card(self, session: Session, kind: str, what: str) -> None:
        self.shown.add((kind, session.scene.id, len(session.state.log)))
        self.content_note_shown = self.content_note_shown or kind == "content"
        if self.record is None:
            return
        if kind == "fact":
            self.record.fact_shown(what)

    def discussed(self, scene_id: str) -> None:
        """The class discussed the scene's prompt (the teacher kept it on screen): the report
        lists it as discussed in class, not as homework."""
        if self.record is not None:
            self.record.prompt_shown(scene_id)

    def vote_decided(self, tally: Mapping[str, int] | None, tie_broken: bool | None = None) -> None:
        """The vote's result for the next `before_choice` (tally None: the vote was skipped)."""
        self.pending = (tally, tie_broken)

    def before_choice(self, session: Session, choice_id: str) -> None:
        """Records the decision about to be taken (call before `session.choose`)."""
        tally, tie_broken = self.pending
        self.pending = (None, None)
        if self.record is None:
            return
        now = self.clock()
        self.record.record_decision(
            session,
            choice_id,
            tally=tally,
            seconds=now - self.scene_since,
            team=self.team_for(session.story, session.scene.pov),
            tie_broken=tie_broken,
        )
        self.scene_since = now

    def after_choice(self, session: Session) -> None:
        """Notes an ending; in a lesson, also where the lesson goes next (see `take_step`)."""
        if self.lesson is not None:
            self.step = self.lesson.after_choice(session)
            if self.record is not None and self.step.kind == "bridge" and self.step.session is not None:
                self.record.lesson_took(session, self.step.road)
                self.base_log = list(self.step.session.state.log)
                self.base_origin = self.step.session.origin
                self.road_from = len(self.record.decisions)
            elif self.record is not None and self.step.kind == "close":
                self.record.close(session)
        if self.record is not None and session.is_over and session.ending is not None:
            self.record.finish(session)
        if self.record is not None and self.record.is_finished:
            self.finish_point = (session.origin.copy(), list(session.state.log))
        self.save()

    def close_here(self, session: Session) -> None:
        """The teacher ends the class where it stands (at the bell): the record closes at this
        scene, as a lesson closing mid-story, and counts in the statistics."""
        if self.record is None or self.record.is_finished:
            return
        self.step = None
        self.record.close(session)
        self.finish_point = (session.origin.copy(), list(session.state.log))
        self.save()

    def finished_at(self, session: Session) -> bool:
        """Whether the class has finished and `session` stands exactly where it did (a save made
        there, such as the autosave): loading it reopens the ending or the closing screen rather
        than starting a new record."""
        return (
            self.record is not None
            and self.record.is_finished
            and self.finish_point == (session.origin, list(session.state.log))
        )

    def finish_note(self, session: Session) -> dict[str, object] | None:
        """What a save made where the class finished keeps of it (its record's id and the
        facilitator's setup), so that loading that save after a restart reopens the finish
        (see `reopen_finished`); None if the class has not finished at `session`'s place."""
        if self.record is None or not self.finished_at(session):
            return None
        options = self.options
        setup = {"pauses": options.pauses, "votes": options.votes, "teams": options.teams}
        return {"record": self.record.id, "finished": True, **setup, "team_of": dict(options.team_of)}

    def take_step(self) -> Step | None:
        """The lesson's move after the last decision ("bridge" or "close"), once; None otherwise."""
        step, self.step = self.step, None
        return step if step is not None and step.kind in ("bridge", "close") else None

    def undo(self) -> None:
        self.step = None
        self.finish_point = None
        if self.record is not None:
            self.record.undo()
            self.road_from = min(self.road_from, len(self.record.decisions))
            self.scene_since = self.clock()
            self.save()

    def save(self) -> Path | None:
        """Writes the record (atomically, always the same file); None and a problem on failure."""
        if self.record is None:
            return None
        try:
            path = self.record.save(self.sessions_dir)
        except OSError as exc:
            self.save_problem = str(exc)
            return None
        self._stats = None
        self.save_problem = None
        return path

    # ------------------------------------------------------------------ other classes

    def stats(self) -> ClassStats:
        if self._stats is None:
            self._stats = on_this_computer(self.sessions_dir)[0]
        return self._stats

    def share(self, story: Story, choice_id: str) -> Share:
        """How often other finished classes on this computer took this choice."""
        return self.stats().share(choice_id, story.title)

    def vote_share(self, choice_id: str) -> float | None:
        """The share of this class's votes for a taken choice (None: no vote recorded)."""
        if self.record is None:
            return None
        for decision in reversed(self.record.decisions):
            if decision.choice == choice_id and decision.tally:
                total = sum(decision.tally.values())
                return decision.tally.get(choice_id, 0) / total if total else None
        return None


def majority(tally: Mapping[str, int]) -> list[str]:
    """The options with the most votes (more than one: a tie); empty if nobody voted."""
    top = max(tally.values(), default=0)
    return [k for k, v in tally.items() if v == top] if top > 0 else []


__all__ = [
    "Classroom",
    "ClassroomOptions",
    "canonical_path",
    "chapter_starts",
    "default_teams",
    "majority",
    "session_at",
    "team_choices",
]
