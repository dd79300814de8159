"""The condition and effect language's syntax: tokens, the syntax tree and the parser.

`parse_expression` and `parse_effect` turn an author's text into a small tree whose nodes carry
character offsets (for `path:line:col` messages); nothing is resolved against a story here (that
is `game.story.expressions`, which compiles the tree). Limits keep hostile input cheap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
