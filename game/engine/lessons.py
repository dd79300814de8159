"""Playing a lesson: where it starts, when a part ends, the road to the next part, and its timing.

The story's lessons (game.story.lessons) say what a class reads; a `LessonRun` says, after each
decision, whether the class reads on, has reached an ending, moves on to the next part along the
real family's road, or has come to the lesson's close. Front ends (pygame, terminal, browser) and
the teacher guide drive the same run, so a lesson means the same everywhere. No pygame here.
"""

from __future__ import annotations

import heapq
import random
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field

from game.engine.session import ChoiceError, Session, apply_setting
from game.engine.state import GameState
from game.pace import READ_ALOUD_WPM
from game.story.lessons import Lesson, LessonPart
from game.story.model import Story

# Scenes the story itself calls a departure from the film cost this much more on the film's road.
_DEPARTURE_COST = 25
_DEPARTURE_WORDS = ("what if", "did not", "never reached")

# The timing of a lesson (the teacher guide prints these; the tests hold the shipped lessons to
# their minutes). Reading aloud to a class runs at about 120-150 words a minute; we take a steady
# 130 (game/pace.py, where the settings' "Reading aloud" text speed and the browser's take it too).
# Every word put on the screen is counted as read aloud (scene text, choices, consequence lines,
# prompts, fact cards, the real family's panels, bridges, the close); pauses come on top.
VOTE_MINUTES = 1.0  # hands up, counted, entered
CLOSE_MINUTES = 3.0  # the class answers the closing screen's last question
INTRO_MINUTES = 2.0  # the teacher opens the lesson: the content note, the map, the words
MEASURE_RUNS = 200


def film_road(story: Story, targets: Iterable[str], state: GameState | None = None) -> list[str] | None:
    """The decisions that lead from `state` (default: the story's start) to the first of `targets`
    reachable, along the film's road.

    The cheapest route through the goto graph, where each decision costs 1 and leaving the film's
    road costs much more: in a scene where the author marked the real family's choice (`film:
    true`), every other choice; in an unmarked scene, entering a scene whose `documentary` note
    calls it a departure from the film ("what if", "did not"). Ties go to the author's order.
    Each candidate route is checked by really playing it (conditions on choices hold), so the same
    state always leads on the same way. None if no route reaches a target.
    """
    start_state = state.copy() if state is not None else GameState.initial(story, None)
    wanted = set(targets)
    start = start_state.scene
    if start in wanted:
        return []

    def departs(scene_id: str) -> bool:
        note = (story.scenes[scene_id].documentary or "").lower()
        return any(w in note for w in _DEPARTURE_WORDS)

    best: dict[str, int] = {start: 0}
    queue: list[tuple[int, int, str, tuple[str, ...]]] = [(0, 0, start, ())]
    order = 0
    while queue:
        cost, _, scene_id, path = heapq.heappop(queue)
        if scene_id in wanted:
            if _plays(story, start_state, list(path)):
                return list(path)
            continue
        if cost > best.get(scene_id, cost):
            continue
        choices = story.scenes[scene_id].choices
        marked = any(c.film for c in choices)
        for choice in choices:
            nxt = choice.goto
            if nxt not in story.scenes:
                continue
            off_road = (marked and not choice.film) or (not marked and departs(nxt))
            step = cost + 1 + (_DEPARTURE_COST if off_road else 0)
            if step < best.get(nxt, step + 1) or nxt in wanted:
                best[nxt] = min(step, best.get(nxt, step))
                order += 1
                heapq.heappush(queue, (step, order, nxt, (*path, choice.full_id)))
    return None


def _plays(story: Story, state: GameState, path: list[str]) -> bool:
    session = Session(story, state.copy(), keep_undo=False, describe=False)
    try:
        for choice_id in path:
            session.choose(choice_id)
    except ChoiceError:
        return False
    return True


def session_at(story: Story, scene_id: str, sets: Iterable[tuple[str, str]] = ()) -> Session:
    """A session standing at `scene_id`, reached along the film's road (or started there), with
    `sets` applied; undo cannot walk back into the road."""
    path = film_road(story, [scene_id])
    if path is None:
        state = GameState.initial(story, scene_id)
    else:
        session = Session(story, keep_undo=False)
        for choice_id in path:
            session.choose(choice_id)
        state = session.state.copy()
    for name, value in sets:
        apply_setting(story, state, name, value)
    return Session(story, state)


@dataclass(frozen=True)
class Step:
    """What a lesson does after a decision (see LessonRun.after_choice).

    kind: "read" (the class reads on), "ending" (the story reached an ending), "bridge" (the part
    ended; `session` stands at the next part's first scene, reached by `road`), or "close" (the
    lesson closes where the class stands)."""

    kind: str
    session: Session | None = None
    road: tuple[str, ...] = ()
    ended: LessonPart | None = None


class LessonRun:
    """One class's way through a lesson: the part it is in, and what follows each decision."""

    def __init__(self, story: Story, lesson: Lesson, part: int = 0) -> None:
        self.story = story
        self.lesson = lesson
        self.part_index = part

    @property
    def part(self) -> LessonPart:
        return self.lesson.parts[self.part_index]

    def begin(self) -> Session:
        """A session at the lesson's first scene, with its starting state."""
        self.part_index = 0
        return session_at(self.story, self.lesson.start, self.lesson.sets)

    def is_key(self, scene_id: str) -> bool:
        """Whether the class votes here (a key decision of the lesson)."""
        return scene_id in self.lesson.key

    def keeps_prompt(self, scene_id: str) -> bool:
        return scene_id in self.lesson.prompts

    def after_choice(self, session: Session) -> Step:
        """Where the lesson goes now that `session` has moved on (call after every decision)."""
        if session.is_over:
            return Step("ending")
        if session.state.scene in self.part.scenes:
            return Step("read")
        ended = self.part
        for index in range(self.part_index + 1, len(self.lesson.parts)):
            road = film_road(self.story, self.lesson.parts[index].starts, session.state)
            if road is None:
                continue  # this part is not on the class's road: try the next
            moved = Session(self.story, session.state.copy(), keep_undo=False)
            for choice_id in road:
                moved.choose(choice_id)
            self.part_index = index
            # Undo stops at the part's first scene: the road was the lesson's, not the class's.
            return Step("bridge", Session(self.story, moved.state.copy()), tuple(road), ended)
        return Step("close", ended=ended)


# ----------------------------------------------------------------------------- timing


@dataclass
class LessonTiming:
    """A lesson measured over seeded random playthroughs: words and pauses, median and longest."""

    lesson: Lesson
    runs: int
    words: list[int] = field(default_factory=list)
    minutes: list[float] = field(default_factory=list)
    votes: list[int] = field(default_factory=list)
    prompts: list[int] = field(default_factory=list)
    facts: list[int] = field(default_factory=list)
    decisions: list[int] = field(default_factory=list)  # every decision the class takes
    closes: int = 0  # runs that closed mid-story (the rest reached an ending)
    parts: list[list[list[int]]] = field(default_factory=list)  # per run, per part: words, votes, prompts

    def part_minutes(self, index: int) -> float:
        """The median minutes of part `index` over the runs that reached it (reading, votes and
        discussions; 0 if no run reached it)."""
        spent = [
            words / READ_ALOUD_WPM + votes * VOTE_MINUTES + prompts * self.lesson.pause_minutes
            for words, votes, prompts in (run[index] for run in self.parts)
            if words
        ]
        return statistics.median(spent) if spent else 0.0

    def part_share(self, index: int) -> float:
        """The share of runs that reached part `index`."""
        return sum(1 for run in self.parts if run[index][0]) / max(1, len(self.parts))

    @property
    def median_minutes(self) -> float:
        return statistics.median(self.minutes)

    @property
    def longest_minutes(self) -> float:
        return max(self.minutes)

    @property
    def median_words(self) -> int:
        return int(statistics.median(self.words))

    @property
    def longest_words(self) -> int:
        return max(self.words)

    def median(self, name: str) -> float:
        return float(statistics.median(getattr(self, name)))

    def reading_minutes(self, words: int) -> float:
        return words / READ_ALOUD_WPM


def lesson_minutes(lesson: Lesson, words: int, votes: int, prompts: int) -> float:
    """Minutes for a way through a lesson: its words read aloud, a vote at each key decision, a
    discussion at each kept prompt, and the closing question."""
    return (
        INTRO_MINUTES
        + words / READ_ALOUD_WPM
        + votes * VOTE_MINUTES
        + prompts * lesson.pause_minutes
        + CLOSE_MINUTES
    )


def _fact_words(story: Story, fact_id: str) -> int:
    fact = story.facts[fact_id]
    return sum(len(str(x).split()) for x in (fact.title, fact.figure, fact.text, fact.source))


def play_lesson(
    story: Story, lesson: Lesson, seed: int, per_part: list[list[int]] | None = None
) -> tuple[int, int, int, int, int, bool]:
    """One random playthrough of a lesson: (words, votes, prompts, facts, decisions, closed
    mid-story), and adds each part's words, votes and prompts to `per_part` if given (a list of
    [words, votes, prompts] per part). The words are every word the class reads: scene text as shown, choices,
    consequence lines, kept prompts, fact cards, the real family's panels, bridges and the close."""
    rng = random.Random(seed)
    run = LessonRun(story, lesson)
    session = run.begin()
    words = votes = prompts = facts = decisions = 0
    seen_cards: set[str] = set()
    while True:
        before = (words, votes, prompts)
        part = run.part_index
        scene = session.scene
        words += sum(len(p.split()) for p in session.paragraphs())
        if run.keeps_prompt(scene.id):
            prompts += 1
            words += len((scene.discuss or "").split())
        if (
            lesson.facts
            and scene.fact is not None
            and scene.fact in story.facts
            and scene.fact not in seen_cards
        ):
            seen_cards.add(scene.fact)
            facts += 1
            words += _fact_words(story, scene.fact)
        options = session.open_choices()
        words += sum(len(c.text.split()) for c in options)
        if run.is_key(scene.id) and len(options) > 1:
            votes += 1
        if scene.key:  # the real family's panel follows every key decision
            words += len((scene.documentary or "").split())
        taken = rng.choice(options)
        outcome = session.take(taken)
        decisions += 1
        words += len((outcome.says or "").split())
        if per_part is not None:
            for index, (now, then) in enumerate(zip((words, votes, prompts), before, strict=True)):
                per_part[part][index] += now - then
        step = run.after_choice(session)
        if step.kind == "ending":
            view = session.ending
            if view is not None:
                words += len(view.text.split()) + sum(len(line.split()) for _, _, line in view.epilogue)
            return words, votes, prompts, facts, decisions, False
        if step.kind == "close":
            words += len(lesson.close_next.split()) + len(lesson.close_question.split())
            return words, votes, prompts, facts, decisions, True
        if step.kind == "bridge":
            words += len(step.ended.bridge.split()) if step.ended else 0
            assert step.session is not None  # a bridge always stands at the next part
            session = step.session


def measure_lesson(story: Story, lesson: Lesson, runs: int = MEASURE_RUNS) -> LessonTiming:
    """The lesson played `runs` times with seeds 0..runs-1: what a class reads and how long it takes."""
    timing = LessonTiming(lesson, runs)
    for seed in range(runs):
        per_part = [[0, 0, 0] for _ in lesson.parts]
        words, votes, prompts, facts, decisions, closed = play_lesson(story, lesson, seed, per_part)
        timing.parts.append(per_part)
        timing.words.append(words)
        timing.votes.append(votes)
        timing.prompts.append(prompts)
        timing.facts.append(facts)
        timing.decisions.append(decisions)
        timing.closes += closed
        timing.minutes.append(lesson_minutes(lesson, words, votes, prompts))
    return timing


__all__ = [
    "CLOSE_MINUTES",
    "INTRO_MINUTES",
    "READ_ALOUD_WPM",
    "VOTE_MINUTES",
    "LessonRun",
    "LessonTiming",
    "Step",
    "film_road",
    "lesson_minutes",
    "measure_lesson",
    "play_lesson",
    "session_at",
]
