"""The condition and effect language: parsed by our own parser, checked at load, never eval'd.

Parsing (`game.story.expression_syntax`) gives a small syntax tree with character offsets;
`compile_condition` and `compile_effect` resolve every name against the story (`Names`), check
types, and return plain closures over the game state. Nothing here can reach Python's builtins
or attributes.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from game.story.expression_syntax import (
    Binary,
    Boolean,
    Call,
    ExpressionError,
    Name,
    Node,
    Number,
    Unary,
    parse_effect,
    parse_expression,
)
from game.story.suggest import did_you_mean, did_you_mean_or_list, names_list

# ----------------------------------------------------------------------------- names and types


class Names(Protocol):
    """What an expression may refer to; the loader provides it."""

    @property
    def people(self) -> Mapping[str, Any]: ...
    @property
    def stats(self) -> Mapping[str, Any]: ...
    @property
    def resources(self) -> Mapping[str, Any]: ...
    @property
    def flags(self) -> Mapping[str, Any]: ...
    @property
    def scenes(self) -> Mapping[str, Any]: ...
    @property
    def choice_ids(self) -> Iterable[str]: ...


class EvalState(Protocol):
    stats: dict[str, dict[str, int]]
    resources: dict[str, int]
    flags: dict[str, bool]
    visits: dict[str, int]
    log: list[str]


Fn = Callable[[Any], Any]


_suggest = did_you_mean


@dataclass(frozen=True)
class Reads:
    """Which names an expression reads: for the 'nothing reads this flag' warnings."""

    flags: frozenset[str] = frozenset()
    stats: frozenset[str] = frozenset()
    resources: frozenset[str] = frozenset()


class _Compiler:
    def __init__(self, names: Names) -> None:
        self.names = names
        self.flags: set[str] = set()
        self.stats: set[str] = set()
        self.resources: set[str] = set()

    def reads(self) -> Reads:
        return Reads(frozenset(self.flags), frozenset(self.stats), frozenset(self.resources))

    def name(self, node: Name, target: bool = False) -> tuple[str, Fn]:
        """Resolves a name; `target`: the name is what an effect changes."""
        names = self.names
        if len(node.parts) == 2:
            person, stat = node.parts
            if person not in names.people:
                raise ExpressionError(
                    node.offset,
                    f"unknown person '{person}'"
                    + did_you_mean_or_list(person, {"the people are": names.people}),
                )
            if stat not in names.stats:
                raise ExpressionError(
                    node.offset + len(person) + 1,
                    f"unknown stat '{stat}'" + did_you_mean_or_list(stat, {"the stats are": names.stats}),
                )
            self.stats.add(stat)
            return "int", lambda s: s.stats[person][stat]
        (word,) = node.parts
        if word in names.resources:
            self.resources.add(word)
            return "int", lambda s: s.resources[word]
        if word in names.flags:
            self.flags.add(word)
            return "bool", lambda s: s.flags[word]
        if word in names.stats:
            whose = names_list(f"{person}.{word}" for person in names.people)
            if target:  # an effect changes one person's stat
                raise ExpressionError(node.offset, f"'{word}' is a stat of each person: write whose: {whose}")
            raise ExpressionError(
                node.offset,
                f"'{word}' is a stat of each person: write whose "
                f"({whose}), or 'family({word})' for the family's "
                "average",
            )
        if word in names.people:
            raise ExpressionError(
                node.offset, f"'{word}' is a person: name one of their stats, as in '{word}.hope'"
            )
        raise ExpressionError(
            node.offset,
            f"unknown name '{word}'"
            + did_you_mean_or_list(word, {"resources": names.resources, "flags": names.flags}),
            undefined=True,
        )

    def scene_arg(self, node: Call) -> str:
        if len(node.args) != 1 or not isinstance(node.args[0], Name) or len(node.args[0].parts) != 1:
            raise ExpressionError(
                node.offset, f"{node.function}() takes one scene id, as in {node.function}(station_storm)"
            )
        scene = node.args[0].parts[0]
        if scene not in self.names.scenes:
            raise ExpressionError(
                node.args[0].offset,
                f"unknown scene '{scene}'" + _suggest(scene, self.names.scenes),
                undefined=True,
            )
        return scene

    def call(self, node: Call) -> tuple[str, Fn]:
        function = node.function
        if function == "visited":
            scene = self.scene_arg(node)
            return "bool", lambda s: s.visits.get(scene, 0) > 0
        if function == "visits":
            scene = self.scene_arg(node)
            return "int", lambda s: s.visits.get(scene, 0)
        if function == "chose":
            arg = node.args[0] if len(node.args) == 1 else None
            if not isinstance(arg, Name) or len(arg.parts) != 2:
                raise ExpressionError(
                    node.offset, "chose() takes one choice id, as in chose(station_storm.wait)"
                )
            choice = arg.text
            if choice not in self.names.choice_ids:
                if arg.parts[0] not in self.names.scenes:
                    raise ExpressionError(
                        arg.offset,
                        f"unknown scene '{arg.parts[0]}'" + _suggest(arg.parts[0], self.names.scenes),
                        undefined=True,
                    )
                same_scene = [c for c in self.names.choice_ids if c.startswith(arg.parts[0] + ".")]
                hint = _suggest(choice, same_scene) or (
                    f" (its choices are: {names_list(c.partition('.')[2] for c in same_scene)})"
                    if same_scene
                    else ""
                )
                raise ExpressionError(
                    arg.offset, f"scene '{arg.parts[0]}' has no choice '{arg.parts[1]}'" + hint
                )
            return "bool", lambda s: choice in s.log
        if function == "family":
            arg = node.args[0] if len(node.args) == 1 else None
            if not isinstance(arg, Name) or len(arg.parts) != 1:
                raise ExpressionError(node.offset, "family() takes one stat, as in family(closeness)")
            stat = arg.parts[0]
            if stat not in self.names.stats:
                raise ExpressionError(
                    arg.offset,
                    f"unknown stat '{stat}'"
                    + did_you_mean_or_list(stat, {"the stats are": self.names.stats}),
                )
            self.stats.add(stat)
            people = list(self.names.people)
            return "int", lambda s: sum(s.stats[p][stat] for p in people) // len(people)
        if function in ("min", "max"):
            if not node.args:
                raise ExpressionError(node.offset, f"{function}() needs at least one number")
            parts = [self.number(arg) for arg in node.args]
            pick = min if function == "min" else max
            return "int", lambda s: pick(part(s) for part in parts)
        known_functions = ("visited", "visits", "chose", "family", "min", "max")
        raise ExpressionError(
            node.offset,
            f"unknown function '{function}'"
            + did_you_mean_or_list(function, {"the functions are": known_functions}),
        )

    def number(self, node: Node) -> Fn:
        kind, fn = self.compile(node)
        if kind != "int":
            raise ExpressionError(node.offset, "expected a number here, not true/false")
        return fn

    def truth(self, node: Node) -> Fn:
        kind, fn = self.compile(node)
        if kind != "bool":
            raise ExpressionError(
                node.offset, "expected true/false here, not a number (compare it, as in 'savings >= 100')"
            )
        return fn

    def compile(self, node: Node) -> tuple[str, Fn]:
        if isinstance(node, Number):
            value = node.value
            return "int", lambda s: value
        if isinstance(node, Boolean):
            truth = node.value
            return "bool", lambda s: truth
        if isinstance(node, Name):
            return self.name(node)
        if isinstance(node, Call):
            return self.call(node)
        if isinstance(node, Unary):
            if node.op == "not":
                inner = self.truth(node.operand)
                return "bool", lambda s: not inner(s)
            inner = self.number(node.operand)
            return "int", lambda s: -inner(s)
        if isinstance(node, Binary):
            return self.binary(node)
        raise ExpressionError(node.offset, "unsupported expression")  # pragma: no cover

    def binary(self, node: Binary) -> tuple[str, Fn]:
        op = node.op
        if op in ("and", "or"):
            left, right = self.truth(node.left), self.truth(node.right)
            if op == "and":
                return "bool", lambda s: left(s) and right(s)
            return "bool", lambda s: left(s) or right(s)
        if op in ("+", "-"):
            left, right = self.number(node.left), self.number(node.right)
            if op == "+":
                return "int", lambda s: left(s) + right(s)
            return "int", lambda s: left(s) - right(s)
        if op in ("==", "!="):
            left_kind, left = self.compile(node.left)
            right_kind, right = self.compile(node.right)
            if left_kind != right_kind:
                raise ExpressionError(node.offset, f"'{op}' compares a number with true/false")
            if op == "==":
                return "bool", lambda s: left(s) == right(s)
            return "bool", lambda s: left(s) != right(s)
        left, right = self.number(node.left), self.number(node.right)
        compare = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge}[op]
        return "bool", lambda s: compare(left(s), right(s))


@dataclass(frozen=True)
class Condition:
    """A compiled condition: call `holds(state)`, the closure the compiler built (true or false)."""

    source: str
    holds: Callable[[EvalState], bool]
    reads: Reads


@dataclass(frozen=True)
class Effect:
    """A compiled effect on one stat, resource or flag."""

    source: str
    kind: str  # "stat", "resource", "flag"
    person: str | None
    name: str
    op: str
    value: Fn


def compile_condition(source: str, names: Names) -> Condition:
    """Parses and resolves a condition; raises ExpressionError at the offending offset."""
    node = parse_expression(source)
    compiler = _Compiler(names)
    test = compiler.truth(node)
    return Condition(source, test, compiler.reads())


def compile_effect(source: str, names: Names) -> Effect:
    """Parses and resolves an effect; raises ExpressionError at the offending offset."""
    assignment = parse_effect(source)
    compiler = _Compiler(names)
    target = assignment.target
    kind, _ = compiler.name(target, target=True)
    if len(target.parts) == 2:
        target_kind, person, name = "stat", target.parts[0], target.parts[1]
    elif target.parts[0] in names.resources:
        target_kind, person, name = "resource", None, target.parts[0]
    else:
        target_kind, person, name = "flag", None, target.parts[0]
    if target_kind == "flag":
        if assignment.op != "=":
            raise ExpressionError(
                target.offset, f"'{name}' is a flag: set it with '{name} = true' or '{name} = false'"
            )
        value = compiler.truth(assignment.value)
    else:
        value = compiler.number(assignment.value)
    return Effect(source, target_kind, person, name, assignment.op, value)
