"""What of a game state matters for the rest of the story, read from its conditions.

A state is "distinct" when anything that can change what happens next differs: the scene and the
stats, resources, flags, visits and decisions that some condition or effect value reads (a stat
that only the family panel shows, the year, the rest of the log do not matter and are merged).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from game.engine.state import GameState
from game.story.expression_syntax import (
    Binary,
    Call,
    ExpressionError,
    Name,
    Node,
    Unary,
    parse_effect,
    parse_expression,
)
from game.story.model import Story

# The scene, then the values read of stats, resources, flags, visited(), visits() and chose().
StateKey = tuple[
    str,
    tuple[int, ...],
    tuple[int, ...],
    tuple[bool, ...],
    tuple[bool, ...],
    tuple[int, ...],
    tuple[bool, ...],
]


@dataclass(frozen=True)
class Relevance:
    """The parts of a state that some condition (or an effect's value) reads."""

    stats: tuple[tuple[str, str], ...] = ()  # (person, stat); family(stat) reads every person's
    resources: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    visited: tuple[str, ...] = ()  # scenes read by visited(): only whether they were reached
    visits: tuple[str, ...] = ()  # scenes read by visits(): the count matters
    chose: tuple[str, ...] = ()  # full choice ids read by chose()


def _conditions(story: Story) -> Iterable[str]:
    for scene in story.scenes.values():
        for choice in scene.choices:
            if choice.condition is not None:
                yield choice.condition.source
        for variant in scene.variants:
            if variant.condition is not None:
                yield variant.condition.source
    for ending in story.endings:
        if ending.condition is not None:
            yield ending.condition.source
        for lines in ending.epilogue.values():
            for line in lines:
                if line.condition is not None:
                    yield line.condition.source


def _effect_values(story: Story) -> Iterable[Node]:
    for scene in story.scenes.values():
        for choice in scene.choices:
            for effect in choice.effects:
                try:
                    yield parse_effect(effect.source).value
                except ExpressionError:  # pragma: no cover - the loader has already parsed it
                    continue


def _walk(node: Node) -> Iterable[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Call):
            stack.extend(current.args)
        elif isinstance(current, Binary):
            stack.extend((current.left, current.right))
        elif isinstance(current, Unary):
            stack.append(current.operand)


def relevance(story: Story) -> Relevance:
    """What of a state the story's conditions and effect values read (text variants included).

    Text placeholders are left out on purpose: `{savings}` is one word whatever it shows, so they
    change neither what happens next nor the word counts.
    """
    nodes: list[Node] = []
    for source in _conditions(story):
        try:
            nodes.append(parse_expression(source))
        except ExpressionError:  # pragma: no cover - the loader has already parsed it
            continue
    nodes.extend(_effect_values(story))
    stats: set[tuple[str, str]] = set()
    names: set[str] = set()
    visited: set[str] = set()
    visits: set[str] = set()
    chose: set[str] = set()
    for root in nodes:
        for node in _walk(root):
            if isinstance(node, Name):
                if len(node.parts) == 2:
                    stats.add((node.parts[0], node.parts[1]))
                else:
                    names.add(node.parts[0])
                continue
            if not isinstance(node, Call) or not node.args:
                continue
            arg = ".".join(getattr(node.args[0], "parts", ()))
            if node.function == "visited":
                visited.add(arg)
            elif node.function == "visits":
                visits.add(arg)
            elif node.function == "chose":
                chose.add(arg)
            elif node.function == "family":
                stats.update((person, arg) for person in story.people)
    ordered_stats = tuple((p, s) for p in story.people for s in story.stats if (p, s) in stats)
    return Relevance(
        ordered_stats,
        tuple(r for r in story.resources if r in names),
        tuple(f for f in story.flags if f in names),
        tuple(sorted(visited - visits)),
        tuple(sorted(visits)),
        tuple(sorted(chose)),
    )


def state_key(state: GameState, relevant: Relevance) -> StateKey:
    """What makes two states different for the rest of the story."""
    stats, resources, flags, visits = state.stats, state.resources, state.flags, state.visits
    log = set(state.log) if relevant.chose else ()
    return (
        state.scene,
        tuple([stats[p][s] for p, s in relevant.stats]),
        tuple([resources[r] for r in relevant.resources]),
        tuple([flags[f] for f in relevant.flags]),
        tuple([visits.get(s, 0) > 0 for s in relevant.visited]),
        tuple([visits.get(s, 0) for s in relevant.visits]),
        tuple([c in log for c in relevant.chose]) if relevant.chose else (),
    )
