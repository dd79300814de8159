"""The abstract search: every state a player can reach, gathered into finitely many abstract
states, each checked against real play.

Why it cannot miss a reachable scene, choice or variant (soundness):

- An abstract state stands for a set of concrete states (`game.engine.intervals`): per scene,
  the values no later condition reads are forgotten (`game.engine.liveness`), the truths later
  conditions read are kept exactly, and each number is a range. States whose kept truths agree
  and whose numbers fall in the same regions (between the constants conditions compare them
  with) are merged by widening their ranges, which only adds concrete states.
- The start state is in the first abstract state. Taking a choice from an abstract state gives
  abstract children that hold every concrete child of every concrete state it stands for: a
  choice is followed unless its condition is NO for all of them, effects map ranges to ranges
  holding every result, and a truth an effect may set either way is split into both.
- The search runs until nothing grows (ranges that keep growing are widened to their region's
  bounds, so it ends). By induction on the length of a playthrough, every concrete state a
  player can reach lies in some abstract state. So a scene with no abstract state is never
  reached, a choice whose condition is NO in every abstract state of its scene is never open,
  and a variant whose condition is NO (YES) in all of them never (always) shows: proofs of
  "never" and "always". They are not proofs of "sometimes": an abstract state may stand for
  states no player reaches.
- "Sometimes" comes from real play instead: each abstract state keeps a *witness*, a concrete
  state reached by real choices from the start, played with the same `Session` the players use.
  What a witness meets (a scene, an open choice, a variant shown or not, an ending, being stuck)
  is exact, with the choices that lead there.

An answer neither proved nor witnessed is *undecided* and is reported as such.
"""

from __future__ import annotations

import heapq
import random
from collections.abc import Mapping

from game.engine.intervals import INF, MAYBE, NO, YES, AbstractState, Domain, Range, split_range
from game.engine.layout import Key, Layout, scene_order, value_of
from game.engine.liveness import parse_effect, parse_expression
from game.engine.proof import Proof
from game.engine.search import bound_hits
from game.engine.session import Session
from game.engine.state import GameState
from game.story.model import Choice, Scene, Story

WIDEN_AFTER = 4  # an abstract state whose ranges grew this often is widened to its regions
WITNESSES = 2  # real states kept per abstract state, and more that differ (see _Witnesses._keep)
MAX_WITNESSES = 8


class _Search:
    """The worklist over abstract states, then their witnesses; its result is a `Proof`."""

    def __init__(self, story: Story, root: GameState, check: bool = False) -> None:
        self.story = story
        self.check = check
        self.root = root
        self.domain = Domain(story)
        self.layout = Layout(story, set(self.domain.bounds))
        self.rank = scene_order(story, root.scene)
        self.keys: dict[Key, int] = {}
        self.scene_of: list[str] = []
        self.states: list[AbstractState] = []
        self.grown: list[int] = []
        self.heap: list[tuple[int, int]] = []
        self.queued: set[int] = set()
        self.proof = Proof(story, root.scene)
        for key, state in self._project(root.scene, self.layout.abstract_of(root)):
            self._join(key, state)

    # ------------------------------------------------------------------ abstract states

    def _project(self, scene: str, state: AbstractState) -> list[tuple[Key, AbstractState]]:
        """The abstract states at `scene` that hold `state`: forgetting the truths nothing later
        reads, splitting a key truth that may be either, and the numbers' ranges by region."""
        key_names, layout = self.layout.key[scene], self.layout
        bools = {n: state.bools.get(n, MAYBE) for n in (*key_names, *layout.carried[scene])}
        pieces = [bools]
        for name in key_names:
            if bools[name] == MAYBE:
                pieces = [{**p, name: answer} for p in pieces for answer in (YES, NO)]
        regions: list[tuple[tuple[int, ...], dict[str, Range]]] = [((), dict(state.ints))]
        for name, at in layout.cuts[scene]:
            low, high = self.domain.range_of(name, state)
            regions = [
                ((*done, region), {**ints, name: part})
                for done, ints in regions
                for region, part in split_range(low, high, at)
            ]
        return [
            ((scene, tuple(p[n] for n in key_names), done), AbstractState(dict(p), dict(ints)))
            for p in pieces
            for done, ints in regions
        ]

    def _join(self, key: Key, state: AbstractState) -> int:
        """Adds `state` to the abstract state of `key` (a new one if none); queues it if it grew."""
        index = self.keys.get(key)
        if index is None:
            index = len(self.states)
            self.keys[key] = index
            self.scene_of.append(key[0])
            self.states.append(state)
            self.grown.append(0)
            self._queue(index)
            return index
        known = self.states[index]
        grew = False
        for name, answer in state.bools.items():
            if known.bools.get(name, 0) | answer != known.bools.get(name, 0):
                known.bools[name] = known.bools.get(name, 0) | answer
                grew = True
        for name, (low, high) in state.ints.items():
            old = known.ints.get(name)
            if old is None or low < old[0] or high > old[1]:
                known.ints[name] = (low, high) if old is None else (min(low, old[0]), max(high, old[1]))
                grew = True
        if grew:
            self.grown[index] += 1
            if self.grown[index] > WIDEN_AFTER:
                self._widen(index, key)
            self._queue(index)
        return index

    def _widen(self, index: int, key: Key) -> None:
        """Widens every range of an abstract state to its region's bounds, so the search ends."""
        state, cut_of = self.states[index], self.layout.cuts[key[0]]
        regions = {name: (at, region) for (name, at), region in zip(cut_of, key[2], strict=True)}
        for name in state.ints:
            low, high = self.domain.bounds.get(name, (0, INF))
            if name in regions:
                at, region = regions[name]
                low = max(low, at[region - 1]) if region > 0 else low
                high = min(high, at[region] - 1) if region < len(at) else high
            state.ints[name] = (low, high)

    def _queue(self, index: int) -> None:
        if index not in self.queued:
            self.queued.add(index)
            heapq.heappush(self.heap, (self.rank.get(self.scene_of[index], 0), index))

    # ------------------------------------------------------------------ the search

    def run(self) -> Proof:
        """Expands abstract states, earliest scenes first, until nothing grows; then plays the
        witnesses through the finished abstraction."""
        while self.heap:
            _, index = heapq.heappop(self.heap)
            self.queued.discard(index)
            self._expand(index)
        _Witnesses(self).play()
        return self.proof

    def _expand(self, index: int) -> None:
        """Records what may happen at one abstract state and joins its children."""
        state, scene = self.states[index], self.story.scenes[self.scene_of[index]]
        proof = self.proof
        proof.abstract_scenes.add(scene.id)
        for number, variant in enumerate(scene.variants):
            answer = YES if variant.condition is None else self._truth(variant.condition.source, state)
            proof.note_variant((scene.id, number), answer)
        if scene.end:
            proof.note_end(index, self._endings(scene, state))
            return
        edges: dict[str, tuple[bool, list[int]]] = {}
        for choice in scene.choices:
            answer = YES if choice.condition is None else self._truth(choice.condition.source, state)
            proof.note_choice(choice.full_id, answer)
            if answer == NO:
                continue
            children = [self._join(key, child) for key, child in self._take(state, choice)]
            edges[choice.full_id] = (answer == YES, children)
        proof.edges[index] = edges

    def _truth(self, source: str, state: AbstractState) -> int:
        return self.domain.truth(parse_expression(source), state)

    def _endings(self, scene: Scene, state: AbstractState) -> tuple[set[str], bool]:
        """The endings that may apply here, and whether none might (the engine takes the first
        that applies)."""
        possible: set[str] = set()
        for ending in self.story.endings:
            if ending.from_scenes is not None and scene.id not in ending.from_scenes:
                continue
            answer = YES if ending.condition is None else self._truth(ending.condition.source, state)
            if answer & YES:
                possible.add(ending.id)
            if answer == YES:
                return possible, False
        return possible, True

    def _take(self, state: AbstractState, choice: Choice) -> list[tuple[Key, AbstractState]]:
        """The abstract children of taking `choice` from `state`: effects in order, the log, the
        visit of the next scene."""
        child, domain = state.copy(), self.domain
        for effect in choice.effects:
            assignment = parse_effect(effect.source)
            target = assignment.target.text
            if effect.kind == "flag":
                child.bools[target] = domain.truth(assignment.value, child)
                continue
            low, high = domain.number(assignment.value, child)
            old_low, old_high = domain.range_of(target, child)
            if assignment.op == "+=":
                low, high = old_low + low, old_high + high
            elif assignment.op == "-=":
                low, high = old_low - high, old_high - low
            child.ints[target] = domain.clamp(target, low, high)
        child.bools[f"chose({choice.full_id})"] = YES
        child.bools[f"visited({choice.goto})"] = YES
        visits = f"visits({choice.goto})"
        if visits in child.ints:
            low, high = child.ints[visits]
            child.ints[visits] = (low + 1, high + 1)
        return self._project(choice.goto, child)


class _Witnesses:
    """Real play through the finished abstraction from the start: a few concrete states per
    abstract state, each played with the players' `Session`."""

    def __init__(self, search: _Search) -> None:
        self.search = search
        self.states: list[list[GameState]] = [[] for _ in search.states]
        self.parent: list[tuple[int, str] | None] = [None] * len(search.states)
        self.signatures: list[set[tuple[bool | int, ...]]] = [set() for _ in search.states]

    def play(self) -> None:
        """Plays every witness once; what they meet goes into the proof, exact."""
        search = self.search
        first = search.keys[search.layout.key_of(search.root)]
        self.states[first].append(search.root)
        # Played in a (seeded) random order rather than breadth first: the first real states to
        # reach an abstract state become its witnesses, and in breadth-first order they would all
        # share the same early choices.
        rng = random.Random(0)
        queue = [(first, search.root)]
        while queue:
            pick = rng.randrange(len(queue))
            queue[pick], queue[-1] = queue[-1], queue[pick]
            index, witness = queue.pop()
            for target, child, choice in self._step(index, witness):
                if self._keep(target, child):
                    if not self.states[target]:
                        self.parent[target] = (index, choice)
                    self.states[target].append(child)
                    queue.append((target, child))
        search.proof.finish(search.scene_of, self.parent, [bool(w) for w in self.states])

    def _keep(self, index: int, state: GameState) -> bool:
        """Whether a real state becomes one more witness of its abstract state: the first few,
        then those whose carried truths differ from every witness's so far (so that between
        them they show the later variants both ways), up to a limit."""
        kept = self.states[index]
        if len(kept) < WITNESSES:
            self.signatures[index].add(self.search.layout.signature(state))
            return True
        if len(kept) >= MAX_WITNESSES:
            return False
        signature = self.search.layout.signature(state)
        if signature in self.signatures[index]:
            return False
        self.signatures[index].add(signature)
        return True

    def _step(self, index: int, witness: GameState) -> list[tuple[int, GameState, str]]:
        """Notes what one witness meets; returns its children with their abstract states."""
        search = self.search
        session = Session(search.story, witness, keep_undo=False, describe=False)
        scene, proof = session.scene, search.proof
        proof.witnessed_scenes.add(scene.id)
        bound_hits(search.story, witness, proof.bounds)
        for number, variant in enumerate(scene.variants):
            holds = variant.condition is None or variant.condition.holds(witness)
            proof.note_variant((scene.id, number), YES if holds else NO, witnessed=True)
        if scene.end:
            ending = session.ending
            proof.note_witnessed_end(index, None if ending is None else ending.id)
            return []
        open_choices = session.open_choices()
        if not open_choices:
            proof.stuck.append((index, session.stuck or "no choice is available"))
        children = []
        session = Session(search.story, witness, describe=False)  # take, then undo, each choice
        for choice in open_choices:
            proof.witnessed_choices.add(choice.full_id)
            try:
                session.take(choice)
            except Exception as exc:  # noqa: BLE001 - any engine error is a finding, not a crash
                proof.exceptions.append((index, choice.full_id, f"{type(exc).__name__}: {exc}"))
                session = Session(search.story, witness, describe=False)
                continue
            child = session.state
            session.undo()
            target = search.keys.get(search.layout.key_of(child))
            assert target is not None, "the abstraction lost a state a player reaches"
            if search.check:
                self._check(target, child)
            children.append((target, child, choice.full_id))
        return children

    def _check(self, index: int, state: GameState) -> None:
        """The witness lies in its abstract state (a check on the abstraction's soundness)."""
        log = set(state.log)
        abstract = self.search.states[index]
        for name, (low, high) in abstract.ints.items():
            value = value_of(state, name, log)
            assert low <= value <= high, f"the abstraction lost {name} = {value} at {state.scene}"
        for name, answer in abstract.bools.items():
            assert answer & (YES if value_of(state, name, log) else NO), f"the abstraction lost {name}"


def prove(
    story: Story, *, start: str | None = None, sets: Mapping[str, str] | None = None, check: bool = False
) -> Proof:
    """Explores every state reachable from the start through the abstraction, with witnesses.

    `check` also verifies that every witness lies in its abstract state (for the tests).
    Raises ChoiceError/SetError for a bad `start` or `sets`, as `Session` does."""
    root = Session(story, start=start, sets=sets).state
    return _Search(story, root, check).run()
