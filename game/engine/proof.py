"""What the abstract search (`game.engine.prove`) found, and the answers it gives.

Every answer is one of three kinds: *proved* by the abstraction (it holds in every state a player
can reach: "never", "always"), *witnessed* by real play (a concrete playthrough from the start
shows it, with its choices: "sometimes", an error), or *undecided* (the abstraction allows it and
no witness met it).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from game.engine.intervals import NO, YES
from game.engine.search import Failure, endings_missing
from game.story.checks import reachable_scenes
from game.story.model import Story

if TYPE_CHECKING:
    from game.engine.playthroughs import RandomReport

Edges = dict[str, tuple[bool, list[int]]]  # choice -> (open in every state, abstract children)


@dataclass
class Proof:
    """The abstract search's notes, then its answers (once `finish` has run)."""

    story: Story
    start: str
    abstract_scenes: set[str] = field(default_factory=set)
    witnessed_scenes: set[str] = field(default_factory=set)
    choice_answers: dict[str, int] = field(default_factory=dict)  # YES|NO over abstract states
    witnessed_choices: set[str] = field(default_factory=set)
    variant_answers: dict[tuple[str, int], int] = field(default_factory=dict)
    variant_seen: dict[tuple[str, int], int] = field(default_factory=dict)
    endings_possible: set[str] = field(default_factory=set)
    endings_witnessed: dict[str, int] = field(default_factory=dict)  # ending -> abstract state
    ends: dict[int, tuple[set[str], bool]] = field(default_factory=dict)
    no_ending: list[int] = field(default_factory=list)
    stuck: list[tuple[int, str]] = field(default_factory=list)
    exceptions: list[tuple[int, str, str]] = field(default_factory=list)
    edges: dict[int, Edges] = field(default_factory=dict)
    states: int = 0
    witnessed_states: int = 0
    dead_ends: list[Failure] = field(default_factory=list)
    undecided_dead_ends: list[str] = field(default_factory=list)  # scenes
    failures: list[Failure] = field(default_factory=list)
    paths: dict[int, tuple[str, ...]] = field(default_factory=dict)
    bounds: set[tuple[str, str, str | None, str, int]] = field(default_factory=set)  # seen in play
    random_runs: int = 0  # random playthroughs absorbed (see `absorb`)
    random_words: dict[str, tuple[int, int]] = field(default_factory=dict)  # ending -> words read

    # ------------------------------------------------------------------ notes from the search

    def note_variant(self, key: tuple[str, int], answer: int, witnessed: bool = False) -> None:
        table = self.variant_seen if witnessed else self.variant_answers
        table[key] = table.get(key, 0) | answer

    def note_choice(self, full_id: str, answer: int) -> None:
        self.choice_answers[full_id] = self.choice_answers.get(full_id, 0) | answer

    def note_end(self, index: int, found: tuple[set[str], bool]) -> None:
        self.ends[index] = found
        self.endings_possible |= found[0]

    def note_witnessed_end(self, index: int, ending: str | None) -> None:
        if ending is None:
            self.no_ending.append(index)
        else:
            self.endings_witnessed.setdefault(ending, index)

    def absorb(self, report: RandomReport) -> None:
        """Adds what random playthroughs met: real play, so as exact as a witness's."""
        self.witnessed_scenes |= report.scenes_seen
        self.witnessed_choices |= report.choices_taken
        for sid, visits in report.variant_visits.items():
            for number in range(len(self.story.scenes[sid].variants)):
                shown = report.variants_shown.get((sid, number), 0)
                seen = (YES if shown else 0) | (NO if shown < visits else 0)
                self.note_variant((sid, number), seen, witnessed=True)
        for ending in report.endings_seen:
            self.endings_witnessed.setdefault(ending, -1)
            low, high = report.ending_words[ending]
            known = self.random_words.get(ending, (low, high))
            self.random_words[ending] = (min(low, known[0]), max(high, known[1]))
        self.random_runs += report.runs
        self.failures = sorted([*self.failures, *report.failures], key=lambda f: (len(f.path), f.path))

    # ------------------------------------------------------------------ after the search

    def finish(
        self, scene_of: list[str], parent: list[tuple[int, str] | None], witnessed: list[bool]
    ) -> None:
        """Paths to the witnessed states, dead ends and the failures, once the search is done."""
        self.states, self.witnessed_states = len(scene_of), sum(witnessed)

        def path(index: int) -> tuple[str, ...]:
            steps: list[str] = []
            while (step := parent[index]) is not None:
                index, choice = step
                steps.append(choice)
            return tuple(reversed(steps))

        for index, has in enumerate(witnessed):
            if has:
                self.paths[index] = path(index)
        self._dead_ends(scene_of, parent, witnessed)
        found = [Failure("stuck", scene_of[i], message, self.paths[i]) for i, message in self.stuck]
        found += [
            Failure(
                "no-ending",
                scene_of[i],
                f"the end scene '{scene_of[i]}' has no ending that applies to this state",
                self.paths[i],
            )
            for i in self.no_ending
        ]
        found += [Failure("exception", scene_of[i], m, (*self.paths[i], c)) for i, c, m in self.exceptions]
        found += self.dead_ends
        self.failures = sorted(found, key=lambda f: (len(f.path), f.path))

    def _dead_ends(
        self, scene_of: list[str], parent: list[tuple[int, str] | None], witnessed: list[bool]
    ) -> None:
        """States from which no ending can be reached: proved for a whole abstract state (none of
        its states can reach an end, by the over-approximation), reported where real play
        enters such a region; undecided where neither that nor the opposite could be proved."""
        count = len(scene_of)
        callers: list[list[int]] = [[] for _ in range(count)]
        for index, edges in self.edges.items():
            for _, children in edges.values():
                for child in children:
                    callers[child].append(index)
        # An end (with or without an ending) or a stuck state has its own report: it counts as
        # an end here, so that only the states that can go on for ever are dead ends.
        may_end = [i in self.ends or not self.edges.get(i) for i in range(count)]
        queue = deque(i for i in range(count) if may_end[i])
        while queue:
            for caller in callers[queue.popleft()]:
                if not may_end[caller]:
                    may_end[caller] = True
                    queue.append(caller)
        must_end = self._must_end(count, callers)
        for index in range(count):
            if not may_end[index]:
                step = parent[index]
                if witnessed[index] and (step is None or may_end[step[0]]):
                    scene = scene_of[index]
                    message = (
                        "no ending can be reached from here, whatever is chosen, in the state "
                        f"these choices lead to (from '{scene}' on)"
                    )
                    self.dead_ends.append(Failure("dead-end", scene, message, self.paths[index]))
            elif not must_end[index]:
                self.undecided_dead_ends.append(scene_of[index])

    def _must_end(self, count: int, callers: list[list[int]]) -> list[bool]:
        """Abstract states all of whose states can reach an end: an end scene (or a state with no
        way on: being stuck is reported apart), or a choice open in all of them whose every
        child is such a state."""
        must = [i in self.ends or not self.edges.get(i) for i in range(count)]
        queue = deque(i for i in range(count) if must[i])
        while queue:
            for caller in set(callers[queue.popleft()]):
                if must[caller]:
                    continue
                if any(
                    sure and all(must[c] for c in children) for sure, children in self.edges[caller].values()
                ):
                    must[caller] = True
                    queue.append(caller)
        return must

    # ------------------------------------------------------------------ answers

    @cached_property
    def after_start(self) -> set[str]:
        """Scenes some sequence of choices leads to from the start, conditions aside."""
        return reachable_scenes(self.story, self.start)

    @property
    def scenes_never_reached(self) -> list[str]:
        """Proved: no state a player can reach is at these scenes."""
        return [s for s in self.story.scenes if s in self.after_start and s not in self.abstract_scenes]

    @property
    def scenes_undecided(self) -> list[str]:
        return [s for s in self.story.scenes if s in self.abstract_scenes and s not in self.witnessed_scenes]

    def _choices(self, test: int) -> list[str]:
        return [
            c.full_id
            for sid in self.story.scenes
            if sid in self.abstract_scenes
            for c in self.story.scenes[sid].choices
            if self.choice_answers.get(c.full_id, NO) == test
        ]

    @property
    def choices_never_open(self) -> list[str]:
        """Proved: the condition fails in every state that reaches the choice's scene."""
        return sorted(self._choices(NO))

    @property
    def choices_undecided(self) -> list[str]:
        return sorted(
            c.full_id
            for sid in self.abstract_scenes
            for c in self.story.scenes[sid].choices
            if self.choice_answers.get(c.full_id, NO) & YES and c.full_id not in self.witnessed_choices
        )

    def _variants(self, answer: int) -> list[tuple[str, int]]:
        return sorted(v for v, a in self.variant_answers.items() if a == answer)

    @property
    def variants_never_shown(self) -> list[tuple[str, int]]:
        """Proved: the variant's condition fails at every visit of its scene."""
        return self._variants(NO)

    @property
    def variants_always_shown(self) -> list[tuple[str, int]]:
        """Proved: the variant's condition holds at every visit of its scene (its `if` is idle)."""
        return [
            v for v in self._variants(YES) if self.story.scenes[v[0]].variants[v[1]].condition is not None
        ]

    @property
    def variants_undecided(self) -> list[tuple[str, int]]:
        """Variants the abstraction allows both ways, one of which no witness showed."""
        return sorted(
            v for v, a in self.variant_answers.items() if a == YES | NO and self.variant_seen.get(v, 0) != a
        )

    @property
    def endings_never_reached(self) -> list[str]:
        """Proved: of the endings of end scenes after the start, those no state can get."""
        return endings_missing(self.story, self.after_start, self.endings_possible)

    @property
    def endings_undecided(self) -> list[str]:
        return [
            e.id
            for e in self.story.endings
            if e.id in self.endings_possible and e.id not in self.endings_witnessed
        ]

    @property
    def undecided(self) -> int:
        """How many answers neither the abstraction nor real play settled."""
        return (
            len(self.scenes_undecided)
            + len(self.choices_undecided)
            + len(self.variants_undecided)
            + len(self.endings_undecided)
            + len(set(self.undecided_dead_ends))
        )

    @property
    def has_errors(self) -> bool:
        """A playthrough that fails (witnessed), or an ending proved never reached."""
        return bool(self.failures) or bool(self.endings_never_reached)
