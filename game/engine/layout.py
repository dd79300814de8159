"""How the abstract search (`game.engine.prove`) lays out its states, scene by scene.

At each scene an abstract state keeps:
- *key truths*: the flags, visited() and chose() that decide the way on (a later choice's or
  ending's condition, or an effect's value, reads them): exact, and part of what tells abstract
  states apart;
- *carried truths*: those only a later variant or epilogue line reads: the set of answers they
  can have, merged when states merge (they change the words shown, never the way through);
- every number (stats, resources, the visits() a condition reads) as a range, split into the
  regions the scene's own conditions compare it with, so that each of those comparisons has one
  answer per abstract state.
"""

from __future__ import annotations

from game.engine.intervals import NO, YES, AbstractState, Range, region_of
from game.engine.liveness import carried_cuts, live_values
from game.engine.state import GameState
from game.story.model import Story

Key = tuple[str, tuple[int, ...], tuple[int, ...]]  # scene, key truths (YES/NO), regions


class Layout:
    """Per scene: the key truths, the carried truths, and the numbers' cuts."""

    def __init__(self, story: Story, numbers: set[str]) -> None:
        way = live_values(story, text=False)
        words = live_values(story, text=True)

        def truths(names: frozenset[str]) -> set[str]:
            return {n for n in names if n not in numbers and not n.startswith("visits(")}

        self.key: dict[str, tuple[str, ...]] = {}
        self.carried: dict[str, tuple[str, ...]] = {}
        self.cuts: dict[str, tuple[tuple[str, tuple[int, ...]], ...]] = {}
        regions = carried_cuts(story)
        for sid in story.scenes:
            self.key[sid] = tuple(sorted(truths(way[sid])))
            self.carried[sid] = tuple(sorted(truths(words[sid]) - truths(way[sid])))
            self.cuts[sid] = tuple(sorted(regions[sid].items()))
        visits = {n for names in words.values() for n in names if n.startswith("visits(")}
        self.numbers = tuple(sorted(numbers | visits))  # the numbers every abstract state holds

    def key_of(self, state: GameState) -> Key:
        """The key of the abstract state a concrete state falls in."""
        log = set(state.log)
        scene = state.scene
        truths = tuple(YES if value_of(state, n, log) else NO for n in self.key[scene])
        regions = tuple(region_of(int(value_of(state, n, log)), at) for n, at in self.cuts[scene])
        return (scene, truths, regions)

    def signature(self, state: GameState) -> tuple[bool | int, ...]:
        """What may tell apart the words two concrete states of one abstract state will be shown:
        their carried truths."""
        log = set(state.log)
        return tuple(value_of(state, n, log) for n in self.carried[state.scene])

    def abstract_of(self, state: GameState) -> AbstractState:
        """The abstract state that stands for exactly this concrete one."""
        log = set(state.log)
        scene = state.scene
        bools = {n: YES if value_of(state, n, log) else NO for n in (*self.key[scene], *self.carried[scene])}
        ints: dict[str, Range] = {}
        for name in self.numbers:
            value = int(value_of(state, name, log))
            ints[name] = (value, value)
        return AbstractState(bools, ints)


def value_of(state: GameState, name: str, log: set[str]) -> bool | int:
    """A named value of a concrete state (see `game.engine.liveness` for the names); `log` is
    the set of the state's choices."""
    if name.endswith(")"):
        function, _, arg = name[:-1].partition("(")
        if function == "chose":
            return arg in log
        count = state.visits.get(arg, 0)
        return count > 0 if function == "visited" else count
    person, _, stat = name.partition(".")
    if stat:
        return state.stats[person][stat]
    if name in state.flags:
        return state.flags[name]
    return state.resources[name]


def scene_order(story: Story, start: str) -> dict[str, int]:
    """Scenes in reverse post-order from the start: each scene before the scenes it leads to,
    loops aside, so that an abstract state is mostly expanded once all that leads to it is in."""
    post: list[str] = []
    seen = {start}
    stack: list[tuple[str, int]] = [(start, 0)]
    while stack:
        sid, next_choice = stack.pop()
        choices = story.scenes[sid].choices
        if next_choice < len(choices):
            stack.append((sid, next_choice + 1))
            goto = choices[next_choice].goto
            if goto not in seen:
                seen.add(goto)
                stack.append((goto, 0))
        else:
            post.append(sid)
    return {sid: rank for rank, sid in enumerate(reversed(post))}
