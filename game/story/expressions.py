"""The condition and effect language: parsed by our own parser, checked at load, never eval'd.

Parsing gives a small syntax tree with character offsets; `compile_condition` and
`compile_effect` resolve every name against the story (`Names`), check types, and return plain
closures over the game state. Nothing here can reach Python's builtins or attributes.
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from game.story.suggest import did_you_mean, did_you_mean_or_list, names_list

MAX_LENGTH = 1000
MAX_NESTING = 40
MAX_TREE_DEPTH = 100  # long chains such as 1+1+…+1 nest too: compiling and evaluating recurse
MAX_DIGITS = 9


class ExpressionError(Exception):
    """A mistake in an expression, at a character offset within it."""

    def __init__(self, offset: int, message: str, undefined: bool = False) -> None:
        super().__init__(message)
        self.offset = offset
        self.message = message
        self.undefined = undefined  # a scene or name the story does not define (a file may be broken)


# ----------------------------------------------------------------------------- tokens

_TOKEN = re.compile(
    r"\s*(?:(?P<num>[0-9]+)|(?P<name>[A-Za-z_][A-Za-z0-9_]*)"
    r"|(?P<op>==|!=|<=|>=|\+=|-=|&&|\|\||=>|=<|>>|<<|<>|[<>+\-(),.=!*/%])|(?P<bad>\S))"
)


_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")  # only ASCII digits are numbers (as the format says)

# Operators from other languages or typed in the wrong order, with the one that was meant.
_MISTYPED_OPERATORS = {"=>": ">=", "=<": "<=", ">>": ">=", "<<": "<=", "<>": "!="}


@dataclass(frozen=True, slots=True)
class Token:
    """One token of an expression, with its offset (for the column in messages)."""

    kind: str  # num, name, op, end
    text: str
    offset: int


def tokenize(source: str) -> list[Token]:
    """Splits an expression into tokens; an unknown character is an ExpressionError."""
    if len(source) > MAX_LENGTH:
        raise ExpressionError(0, f"the expression is longer than {MAX_LENGTH} characters")
    tokens: list[Token] = []
    position = 0
    while position < len(source):
        match = _TOKEN.match(source, position)
        if match is None or match.end() == position:  # only trailing space left
            break
        position = match.end()
        kind = match.lastgroup
        if kind is None:
            break
        text = match.group(kind)
        offset = match.start(kind)
        if kind == "bad":
            if text in ("'", '"') and tokens and tokens[-1].text in ("+=", "-="):
                raise ExpressionError(
                    offset,
                    f"'{tokens[-1].text}' needs a whole number, as in "
                    f"'savings {tokens[-1].text} 100' (quotes are not used "
                    "in conditions and effects)",
                )
            if text in ("'", '"'):
                raise ExpressionError(
                    offset,
                    f"unexpected character {text!r}: quotes are not used in "
                    "conditions and effects: write names as they are, as "
                    "in visited(storm_gates), and compare a flag with "
                    "true or false",
                )
            raise ExpressionError(offset, f"unexpected character '{text}'")
        if kind == "num" and source.startswith(".", position):
            decimal = _DECIMAL.match(source, offset)
            if decimal:
                raise ExpressionError(offset, f"whole numbers only: write {text}, not {decimal.group()}")
        if kind == "op" and text in _MISTYPED_OPERATORS:
            raise ExpressionError(
                offset, f"'{text}' is not an operator: did you mean '{_MISTYPED_OPERATORS[text]}'?"
            )
        if kind == "op" and text in ("&&", "||", "!", "*", "/", "%"):
            hint = {"&&": "write 'and'", "||": "write 'or'", "!": "write 'not'"}.get(
                text, "only + and - are supported"
            )
            raise ExpressionError(offset, f"'{text}' is not part of the language: {hint}")
        if kind == "num" and len(text) > MAX_DIGITS:
            raise ExpressionError(offset, f"the number {text[:12]}… is too large")
        tokens.append(Token(kind, text, offset))
    tokens.append(Token("end", "", len(source.rstrip())))
    return tokens


# ----------------------------------------------------------------------------- syntax tree


@dataclass(frozen=True, slots=True)
class Node:
    """A node of an expression's syntax tree; `offset` is where it starts in the source."""

    offset: int


@dataclass(frozen=True, slots=True)
class Number(Node):
    """A whole number."""

    value: int


@dataclass(frozen=True, slots=True)
class Boolean(Node):
    """true or false."""

    value: bool


@dataclass(frozen=True, slots=True)
class Name(Node):
    """A flag, a resource, or a person's stat (qin.hope)."""

    parts: tuple[str, ...]  # ("savings",) or ("qin", "hope")

    @property
    def text(self) -> str:
        return ".".join(self.parts)


@dataclass(frozen=True, slots=True)
class Call(Node):
    """A function call: visited(scene), chose(scene.choice), min, max, family(stat)."""

    function: str
    args: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Unary(Node):
    """not x, or -x."""

    op: str  # "not" or "-"
    operand: Node


@dataclass(frozen=True, slots=True)
class Binary(Node):
    """and, or, a comparison, + or -."""

    op: str
    left: Node
    right: Node


@dataclass(frozen=True, slots=True)
class Assignment:
    """An effect before it is compiled: what it changes, how, and the value."""

    target: Name
    op: str  # "=", "+=", "-="
    value: Node


_COMPARISONS = ("<", "<=", ">", ">=", "==", "!=")
_KEYWORDS = ("and", "or", "not", "true", "false")


class _Parser:
    def __init__(self, source: str) -> None:
        self.tokens = tokenize(source)
        self.index = 0
        self.depth = 0

    @property
    def token(self) -> Token:
        return self.tokens[self.index]

    def advance(self) -> Token:
        token = self.tokens[self.index]
        self.index += 1
        return token

    def expect(self, text: str) -> Token:
        if self.token.text != text:
            raise ExpressionError(self.token.offset, f"expected '{text}'{self._found()}")
        return self.advance()

    def _found(self) -> str:
        return " at the end" if self.token.kind == "end" else f" but found '{self.token.text}'"

    def finish(self) -> None:
        if self.token.kind != "end":
            hint = ""
            if self.token.text == "=":
                hint = " (to compare, write '==')"
            raise ExpressionError(self.token.offset, f"unexpected '{self.token.text}'{hint}")

    def expression(self) -> Node:
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise ExpressionError(self.token.offset, "the expression is nested too deeply")
        try:
            return self.disjunction()
        finally:
            self.depth -= 1

    def disjunction(self) -> Node:
        node = self.conjunction()
        while self.token.text == "or":
            op = self.advance()
            node = Binary(op.offset, "or", node, self.conjunction())
        return node

    def conjunction(self) -> Node:
        node = self.negation()
        while self.token.text == "and":
            op = self.advance()
            node = Binary(op.offset, "and", node, self.negation())
        return node

    def negation(self) -> Node:
        if self.token.text == "not":
            op = self.advance()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ExpressionError(op.offset, "the expression is nested too deeply")
            try:
                return Unary(op.offset, "not", self.negation())
            finally:
                self.depth -= 1
        return self.comparison()

    def comparison(self) -> Node:
        node = self.sum()
        if self.token.text in _COMPARISONS:
            op = self.advance()
            node = Binary(op.offset, op.text, node, self.sum())
            if self.token.text in _COMPARISONS:
                raise ExpressionError(
                    self.token.offset, "comparisons cannot be chained: join them with 'and'"
                )
        return node

    def sum(self) -> Node:
        node = self.unary()
        while self.token.text in ("+", "-"):
            op = self.advance()
            node = Binary(op.offset, op.text, node, self.unary())
        return node

    def unary(self) -> Node:
        if self.token.text == "-":
            op = self.advance()
            self.depth += 1
            if self.depth > MAX_NESTING:
                raise ExpressionError(op.offset, "the expression is nested too deeply")
            try:
                return Unary(op.offset, "-", self.unary())
            finally:
                self.depth -= 1
        return self.primary()

    def primary(self) -> Node:
        token = self.token
        if token.kind == "num":
            self.advance()
            return Number(token.offset, int(token.text))
        if token.text == "(":
            self.advance()
            node = self.expression()
            self.expect(")")
            return node
        if token.kind == "name":
            if token.text in ("true", "false"):
                self.advance()
                return Boolean(token.offset, token.text == "true")
            if token.text in _KEYWORDS:
                raise ExpressionError(token.offset, f"expected a value{self._found()}")
            self.advance()
            if self.token.text == "(":
                self.advance()
                args: list[Node] = []
                if self.token.text != ")":
                    args.append(self.expression())
                    while self.token.text == ",":
                        self.advance()
                        args.append(self.expression())
                self.expect(")")
                return Call(token.offset, token.text, tuple(args))
            parts = [token.text]
            while self.token.text == ".":
                self.advance()
                if self.token.kind != "name":
                    raise ExpressionError(self.token.offset, f"expected a name after '.'{self._found()}")
                parts.append(self.advance().text)
            if len(parts) > 2:
                raise ExpressionError(
                    token.offset, f"'{'.'.join(parts)}' has too many parts: write person.stat"
                )
            return Name(token.offset, tuple(parts))
        if token.kind == "end":
            raise ExpressionError(
                token.offset,
                "the expression is empty" if token.offset == 0 else "the expression ends too soon",
            )
        raise ExpressionError(token.offset, f"expected a value but found '{token.text}'")


def _children(node: Node) -> tuple[Node, ...]:
    if isinstance(node, Binary):
        return (node.left, node.right)
    if isinstance(node, Unary):
        return (node.operand,)
    if isinstance(node, Call):
        return node.args
    return ()


def _check_depth(node: Node) -> None:
    """Refuses trees deeper than MAX_TREE_DEPTH (walked without recursion)."""
    pending = [(node, 1)]
    while pending:
        current, depth = pending.pop()
        if depth > MAX_TREE_DEPTH:
            raise ExpressionError(
                current.offset,
                f"the expression has too many parts (more than {MAX_TREE_DEPTH} levels): split it up",
            )
        pending.extend((child, depth + 1) for child in _children(current))


def parse_expression(source: str) -> Node:
    """Parses a condition or value; raises ExpressionError with the offset of the mistake."""
    if not isinstance(source, str):
        raise ExpressionError(0, "an expression must be text")
    parser = _Parser(source)
    node = parser.expression()
    parser.finish()
    _check_depth(node)
    return node


def parse_effect(source: str) -> Assignment:
    """Parses `target = value`, `target += n` or `target -= n`."""
    if not isinstance(source, str):
        raise ExpressionError(0, "an effect must be text such as 'savings -= 100'")
    parser = _Parser(source)
    start = parser.token
    target = parser.primary()
    if isinstance(target, Call) and target.function == "family":
        raise ExpressionError(
            start.offset,
            "family() is the family's average and cannot be "
            "changed: change one person's stat, as in "
            "'qin.hope += 1'",
        )
    if not isinstance(target, Name):
        raise ExpressionError(start.offset, "an effect starts with what it changes, as in 'qin.hope += 1'")
    if parser.token.text not in ("=", "+=", "-="):
        found = parser.token
        hint = " (an effect changes a value: '=', '+=' or '-=')" if found.text == "==" else ""
        raise ExpressionError(
            found.offset,
            f"expected '=', '+=' or '-=' after '{target.text}'"
            + ("" if found.kind == "end" else f" but found '{found.text}'")
            + hint,
        )
    op = parser.advance().text
    value = parser.expression()
    parser.finish()
    _check_depth(value)
    return Assignment(target, op, value)


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
