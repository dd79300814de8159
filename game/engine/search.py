"""Exhaustive exploration: every distinct state reachable from the start, once, with the shortest
and longest paths to each ending (computed in `game.engine.paths`).

It drives the same `Session` the players use, so what it finds is what a player meets. Which
states count as distinct is decided in `relevance`. Stats nothing reads are still checked against
their bounds, in every state the search meets.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from game.engine.paths import Edges, PathStats, dead_ends, ending_paths, shortest_paths
from game.engine.relevance import StateKey, relevance, state_key
from game.engine.session import EndingView, Session
from game.engine.state import GameState
from game.story.checks import reachable_scenes
from game.story.model import Story

Progress = Callable[[int, "int | None"], None]  # (done, total or None when unknown)

DEFAULT_MAX_STATES = 5_000
_PROGRESS_EVERY = 1_000


def endings_missing(story: Story, after_start: set[str], found: Iterable[str]) -> list[str]:
    """Of the endings that can follow an end scene after the start, those not in `found`."""
    found_ids = set(found)
    ends = {s for s in after_start if story.scenes[s].end}
    return [
        e.id
        for e in story.endings
        if e.id not in found_ids and not ends.isdisjoint(ends if e.from_scenes is None else e.from_scenes)
    ]


@dataclass(frozen=True)
class Failure:
    """A playthrough that went wrong, with the decisions that lead there."""

    kind: str  # "stuck", "no-ending", "exception", "too-long", "dead-end"
    scene: str
    message: str
    path: tuple[str, ...]  # full choice ids from the start
    seed: int | None = None


@dataclass(frozen=True)
class BoundHit:
    """A stat (for one person) or resource that reaches its min or max in some state."""

    kind: str  # "stat" or "resource"
    name: str
    person: str | None
    bound: str  # "min" or "max"
    value: int

    @property
    def label(self) -> str:
        return f"{self.person}.{self.name}" if self.person else self.name


@dataclass
class Exploration:
    """The result of an exhaustive exploration."""

    story: Story
    start: str
    states: int
    transitions: int
    complete: bool  # False when --max-states stopped it
    scenes_reached: set[str]
    endings: dict[str, PathStats]  # ending id -> paths
    choices_available: set[str]
    bounds: list[BoundHit]
    failures: list[Failure]
    # (scene, variant index) -> 1 if shown in some state, | 2 if not shown in some state
    variants: dict[tuple[str, int], int] = field(default_factory=dict)

    @property
    def variants_never_shown(self) -> list[tuple[str, int]]:
        """Variants whose condition fails in every state at their scene."""
        return sorted(key for key, seen in self.variants.items() if seen == 2)

    @property
    def variants_always_shown(self) -> list[tuple[str, int]]:
        """Variants whose condition holds in every state at their scene (the 'if' changes nothing)."""
        return sorted(
            key
            for key, seen in self.variants.items()
            if seen == 1 and self.story.scenes[key[0]].variants[key[1]].condition is not None
        )

    @cached_property
    def after_start(self) -> set[str]:
        """The scenes some sequence of choices leads to from the start, conditions aside: only
        these are judged (from a later --start, the earlier scenes cannot be reached)."""
        return reachable_scenes(self.story, self.start)

    @property
    def scenes_not_judged(self) -> list[str]:
        """Scenes no choice leads to from this run's start (none from the story's own start)."""
        return [s for s in self.story.scenes if s not in self.after_start]

    @property
    def scenes_never_reached(self) -> list[str]:
        return [s for s in self.story.scenes if s in self.after_start and s not in self.scenes_reached]

    @property
    def endings_never_reached(self) -> list[str]:
        """Endings no playthrough reached, of those for an end scene after the start."""
        return endings_missing(self.story, self.after_start, self.endings)

    def _unavailable(self) -> list[str]:
        return [
            c.full_id
            for sid in self.scenes_reached
            for c in self.story.scenes[sid].choices
            if c.full_id not in self.choices_available
        ]

    @property
    def choices_always_locked(self) -> list[str]:
        """Shown greyed with their reason every time, never takeable."""
        return sorted(c for c in self._unavailable() if self._locked(c))

    @property
    def choices_never_available(self) -> list[str]:
        """Hidden every time (their condition never holds where they are)."""
        return sorted(c for c in self._unavailable() if not self._locked(c))

    def _locked(self, full_id: str) -> bool:
        """Whether the choice is shown greyed (with a reason) when its condition fails."""
        choice = self.story.choice(full_id)
        return choice is not None and choice.locked is not None

    @property
    def has_errors(self) -> bool:
        """An ending no playthrough reaches (in a complete run), or a playthrough that fails."""
        return bool(self.failures) or (self.complete and bool(self.endings_never_reached))


def count_words(paragraphs: Iterable[str]) -> int:
    """Words in a scene's paragraphs."""
    # Paragraphs come with single spaces between words (see model.paragraphs): counting the
    # spaces is exact and much cheaper than splitting, on the explorer's hot path.
    return sum(p.count(" ") + 1 for p in paragraphs if p)


def words_of_ending(view: EndingView) -> int:
    """Words of an ending's text and epilogue."""
    return len(view.text.split()) + sum(len(line.split()) for _, _, line in view.epilogue)


def bound_hits(story: Story, state: GameState, found: set[tuple[str, str, str | None, str, int]]) -> None:
    """Adds the stats and resources at a bound in `state` to `found`."""
    for person, values in state.stats.items():
        for name, value in values.items():
            stat = story.stats.get(name)
            if stat is None:
                continue
            if value <= stat.min:
                found.add(("stat", name, person, "min", stat.min))
            elif value >= stat.max:
                found.add(("stat", name, person, "max", stat.max))
    for name, value in state.resources.items():
        resource = story.resources.get(name)
        if resource is None:
            continue
        if resource.min is not None and value <= resource.min:
            found.add(("resource", name, None, "min", resource.min))
        if resource.max is not None and value >= resource.max:
            found.add(("resource", name, None, "max", resource.max))


class _Frontier:
    """The states waiting to be expanded, by scene; the scene expanded least often goes first, so
    that a run stopped by --max-states has spread over the whole story."""

    def __init__(self) -> None:
        self.waiting: dict[str, deque[int]] = {}
        self.scenes_by_use: list[tuple[int, str]] = []  # a heap of (times expanded, scene)
        self.expanded: dict[str, int] = {}

    def add(self, index: int, scene: str) -> None:
        queue = self.waiting.setdefault(scene, deque())
        if not queue:
            heapq.heappush(self.scenes_by_use, (self.expanded.get(scene, 0), scene))
        queue.append(index)

    def next(self) -> int | None:
        """The next state to expand, or None when none is waiting."""
        while self.scenes_by_use:
            uses, scene = heapq.heappop(self.scenes_by_use)
            queue = self.waiting[scene]
            if not queue or uses != self.expanded.get(scene, 0):
                continue  # a stale entry: the scene has a newer one
            index = queue.popleft()
            self.expanded[scene] = uses + 1
            if queue:
                heapq.heappush(self.scenes_by_use, (uses + 1, scene))
            return index
        return None


class _Search:
    """One exhaustive search as it grows: the distinct states (by key) with their scene, words read
    and choices out, the endings met, and what was found on the way."""

    def __init__(self, story: Story, root_session: Session, max_states: int) -> None:
        self.story = story
        self.max_states = max_states
        self.relevant = relevance(story)
        root = root_session.state
        self.keys: dict[StateKey, int] = {state_key(root, self.relevant): 0}
        self.scene_of: list[str] = [root.scene]
        self.words: list[int] = [count_words(root_session.transcript[-1].paragraphs)]
        self.edges: Edges = [[]]
        self.ending_of: dict[int, str] = {}
        self.pending: dict[int, GameState] = {0: root}
        self.frontier = _Frontier()
        self.frontier.add(0, root.scene)
        self.available: set[str] = set()
        self.bounds: set[tuple[str, str, str | None, str, int]] = set()
        self.found: list[tuple[str, str, str, int, str | None]] = []  # kind, scene, message, state, choice
        self.variants: dict[tuple[str, int], int] = {}
        self.transitions = 0
        self.complete = True  # until --max-states turns a new state away

    def expand(self, index: int) -> None:
        """Visits the waiting state `index`: notes its bounds and variants, then its ending or
        every choice open there."""
        state = self.pending.pop(index)
        bound_hits(self.story, state, self.bounds)
        session = Session(self.story, state)
        self._note_variants(state)
        if session.is_over:
            self._end(index, session)
        else:
            self._choose_each(index, session)

    def _note_variants(self, state: GameState) -> None:
        scene_id = state.scene
        for number, variant in enumerate(self.story.scenes[scene_id].variants):
            holds = variant.condition is None or variant.condition.holds(state)
            self.variants[(scene_id, number)] = self.variants.get((scene_id, number), 0) | (1 if holds else 2)

    def _end(self, index: int, session: Session) -> None:
        """An end scene: the ending that applies, with its words, or a finding that none does."""
        scene_id = session.state.scene
        ending = session.ending
        if ending is None:
            message = f"the end scene '{scene_id}' has no ending that applies to this state"
            self.found.append(("no-ending", scene_id, message, index, None))
        else:
            self.ending_of[index] = ending.id
            self.words[index] += words_of_ending(ending)

    def _choose_each(self, index: int, session: Session) -> None:
        """Takes every open choice in turn (undoing each), adding the states they lead to."""
        scene_id = session.state.scene
        open_choices = [v for v in session.choices() if v.available]
        if not open_choices:
            self.found.append(("stuck", scene_id, session.stuck or "no choice is available", index, None))
            return
        for choice in open_choices:
            self.available.add(choice.id)
            try:
                outcome = session.choose(choice.id)
            except Exception as exc:  # noqa: BLE001 - any engine error is a finding, not a crash
                self.found.append(("exception", scene_id, f"{type(exc).__name__}: {exc}", index, choice.id))
                continue
            child = session.state
            child_words = count_words(session.transcript[-1].paragraphs)
            session.undo()
            self.transitions += 1
            target = self._state_index(child, child_words)
            if target is not None:
                says = len(outcome.says.split()) if outcome.says else 0
                self.edges[index].append((target, choice.id, says))

    def _state_index(self, child: GameState, child_words: int) -> int | None:
        """The index of the state `child` counts as, added (and waiting) if new; None when it is
        new but --max-states is reached."""
        key = state_key(child, self.relevant)
        target = self.keys.get(key)
        if target is not None:
            return target
        bound_hits(self.story, child, self.bounds)  # merged or not, its values were reached
        if len(self.keys) >= self.max_states:
            self.complete = False
            return None
        target = len(self.keys)
        self.keys[key] = target
        self.scene_of.append(child.scene)
        self.words.append(child_words)
        self.edges.append([])
        self.pending[target] = child
        self.frontier.add(target, child.scene)
        return target

    def result(self, start_scene: str) -> Exploration:
        """The finished search as an Exploration: dead ends (when complete), the shortest way to
        each finding, the paths to each ending."""
        count = len(self.keys)
        found = list(self.found)
        if self.complete:
            failed = {index for _, _, _, index, _ in found}
            for index in dead_ends(count, self.edges, set(self.ending_of), failed):
                message = (
                    "no ending can be reached from here, whatever is chosen, in the state these "
                    f"choices lead to (from '{self.scene_of[index]}' on)"
                )
                found.append(("dead-end", self.scene_of[index], message, index, None))
        path_to = shortest_paths(count, self.edges)
        failures = [
            Failure(kind, scene, message, path_to(index) + ((choice,) if choice else ()))
            for kind, scene, message, index, choice in found
        ]
        failures.sort(key=lambda f: (len(f.path), f.path))
        endings = ending_paths(count, self.edges, self.words, self.ending_of, path_to)
        order = sorted(self.bounds, key=lambda b: (b[0], b[1], b[2] or "", b[3]))
        return Exploration(
            self.story,
            start_scene,
            count,
            self.transitions,
            self.complete,
            set(self.scene_of),  # generated states count: a player can stand there
            endings,
            self.available,
            [BoundHit(*bound) for bound in order],
            failures,
            self.variants,
        )


def explore(
    story: Story,
    *,
    start: str | None = None,
    sets: Mapping[str, str] | None = None,
    max_states: int = DEFAULT_MAX_STATES,
    progress: Progress | None = None,
) -> Exploration:
    """Visits every distinct state reachable from the start once, up to `max_states`.

    The order does not change a complete run's result. It matters when `max_states` stops the
    run: states at the scenes expanded least often go first, so a bounded run still spreads over
    the whole story and reaches its endings instead of enumerating the first chapter's variations.
    Raises ChoiceError/SetError for a bad `start` or `sets`, as `Session` does.
    """
    root_session = Session(story, start=start, sets=sets)
    start_scene = root_session.state.scene
    search = _Search(story, root_session, max_states)
    done = 0
    while (index := search.frontier.next()) is not None:
        done += 1
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(len(search.keys), None)
        search.expand(index)
    if progress is not None:
        progress(len(search.keys), len(search.keys))
    return search.result(start_scene)
