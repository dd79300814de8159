"""The abstract values of the abstract search: each number a range, each truth a set of answers.

An abstract state stands for every concrete state whose numbers lie in its ranges and whose
known truths (flags, visited(), chose()) agree with it; a truth it does not hold may be either.
Evaluating a condition on it answers with every answer some of those states could give
(`YES`, `NO` or `MAYBE` = both), so a condition the abstraction calls `NO` fails in every
concrete state it stands for: that is what makes "never" proofs sound. An effect maps the
ranges to ranges holding every concrete result, clamped to the bounds as the engine clamps.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.story.expression_syntax import Binary, Boolean, Call, Name, Node, Number, Unary
from game.story.model import Story

YES, NO = 1, 2
MAYBE = YES | NO
INF = float("inf")
Range = tuple[float, float]  # whole numbers, or ±inf for a resource without a bound


@dataclass
class AbstractState:
    """A set of concrete states: for each truth it holds, the answers it can have (YES, NO or
    MAYBE; one it does not hold may be either), and a range for each number it holds."""

    bools: dict[str, int]
    ints: dict[str, Range]

    def copy(self) -> AbstractState:
        return AbstractState(dict(self.bools), dict(self.ints))


class Domain:
    """The story's bounds, for unknown numbers and for clamping."""

    def __init__(self, story: Story) -> None:
        self.story = story
        self.people = tuple(story.people)
        self.bounds: dict[str, Range] = {}
        for person in story.people:
            for stat in story.stats.values():
                self.bounds[f"{person}.{stat.id}"] = (stat.min, stat.max)
        for resource in story.resources.values():
            low = -INF if resource.min is None else resource.min
            high = INF if resource.max is None else resource.max
            self.bounds[resource.id] = (low, high)

    def range_of(self, name: str, state: AbstractState) -> Range:
        """A number's range in `state`; anything it could be when the state does not hold it."""
        found = state.ints.get(name)
        if found is not None:
            return found
        return self.bounds.get(name, (0, INF))  # visits() counts from 0

    def clamp(self, name: str, low: float, high: float) -> Range:
        """A range clamped to the bounds of `name`, as the engine clamps each effect."""
        bottom, top = self.bounds.get(name, (-INF, INF))
        return (min(max(low, bottom), top), min(max(high, bottom), top))

    # ------------------------------------------------------------------ evaluation

    def truth(self, node: Node, state: AbstractState) -> int:
        """YES, NO or MAYBE: the answers a condition can give in the states `state` stands for."""
        if isinstance(node, Boolean):
            return YES if node.value else NO
        if isinstance(node, Name) or isinstance(node, Call):
            name = node.text if isinstance(node, Name) else _call_name(node)
            return state.bools.get(name, MAYBE)
        if isinstance(node, Unary):  # "not": the only unary operator on truths
            answer = self.truth(node.operand, state)
            return ((answer & YES) << 1) | ((answer & NO) >> 1)
        assert isinstance(node, Binary)
        if node.op == "and":
            left = self.truth(node.left, state)
            if left == NO:
                return NO
            right = self.truth(node.right, state)
            return (left & right & YES) | ((left | right) & NO)
        if node.op == "or":
            left = self.truth(node.left, state)
            if left == YES:
                return YES
            right = self.truth(node.right, state)
            return ((left | right) & YES) | (left & right & NO)
        return self._compare(node, state)

    def _compare(self, node: Binary, state: AbstractState) -> int:
        if node.op in ("==", "!=") and not self._is_number(node.left):
            left, right = self.truth(node.left, state), self.truth(node.right, state)
            differ = (left & YES and right & NO) or (left & NO and right & YES)
            same = (YES if left & right else 0) | (NO if differ else 0)
            return same if node.op == "==" else ((same & YES) << 1) | ((same & NO) >> 1)
        (a, b), (c, d) = self.number(node.left, state), self.number(node.right, state)
        op = node.op
        if op == "<":
            return (YES if a < d else 0) | (NO if b >= c else 0)
        if op == "<=":
            return (YES if a <= d else 0) | (NO if b > c else 0)
        if op == ">":
            return (YES if b > c else 0) | (NO if a <= d else 0)
        if op == ">=":
            return (YES if b >= c else 0) | (NO if a < d else 0)
        equal = (YES if a <= d and c <= b else 0) | (NO if not (a == b == c == d) else 0)
        return equal if op == "==" else ((equal & YES) << 1) | ((equal & NO) >> 1)

    def _is_number(self, node: Node) -> bool:
        if isinstance(node, Number):
            return True
        if isinstance(node, Name):
            return node.text in self.bounds
        if isinstance(node, Call):
            return node.function in ("visits", "family", "min", "max")
        if isinstance(node, Unary):
            return node.op == "-"
        return isinstance(node, Binary) and node.op in ("+", "-")

    def number(self, node: Node, state: AbstractState) -> Range:
        """The range of a number-valued expression over the states `state` stands for."""
        if isinstance(node, Number):
            return (node.value, node.value)
        if isinstance(node, Name):
            return self.range_of(node.text, state)
        if isinstance(node, Unary):
            low, high = self.number(node.operand, state)
            return (-high, -low)
        if isinstance(node, Binary):
            (a, b), (c, d) = self.number(node.left, state), self.number(node.right, state)
            return (a + c, b + d) if node.op == "+" else (a - d, b - c)
        assert isinstance(node, Call)
        if node.function == "visits":
            return self.range_of(_call_name(node), state)
        if node.function == "family":
            stat = _call_name(node).partition("(")[2].rstrip(")")
            ranges = [self.range_of(f"{person}.{stat}", state) for person in self.people]
            count = len(ranges)
            return (sum(r[0] for r in ranges) // count, sum(r[1] for r in ranges) // count)
        parts = [self.number(arg, state) for arg in node.args]
        pick = min if node.function == "min" else max
        return (pick(p[0] for p in parts), pick(p[1] for p in parts))


def _call_name(node: Call) -> str:
    """`visited(x)`, `visits(x)`, `chose(x.y)` or `family(stat)`, as liveness names them."""
    arg = node.args[0] if node.args else None
    return f"{node.function}({arg.text if isinstance(arg, Name) else ''})"


def split_range(low: float, high: float, at: tuple[int, ...]) -> list[tuple[int, Range]]:
    """The pieces of a range that fall in each region (regions start at the cuts `at`), with the
    region's number: region 0 lies below the first cut."""
    pieces: list[tuple[int, Range]] = []
    start = low
    region = sum(1 for cut in at if cut <= low)
    for cut in at[region:]:
        if cut > high:
            break
        pieces.append((region, (start, cut - 1)))
        start, region = cut, region + 1
    pieces.append((region, (start, high)))
    return pieces


def region_of(value: float, at: tuple[int, ...]) -> int:
    """The region a number lies in (see `split_range`)."""
    return sum(1 for cut in at if cut <= value)
