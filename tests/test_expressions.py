"""The expression language: what authors write, what it means, and located mistakes."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.story.expression_syntax import ExpressionError, parse_expression
from game.story.expressions import compile_condition, compile_effect

NAMES = SimpleNamespace(
    people={"qin": 1, "suqin": 1},
    stats={"hope": 1, "closeness": 1},
    resources={"savings": 1},
    flags={"qin_in_school": 1, "called": 1},
    scenes={"station": 1, "home": 1},
    choice_ids={"station.wait", "station.scalper"},
)


def state(**overrides):
    base = dict(
        stats={"qin": {"hope": 3, "closeness": 2}, "suqin": {"hope": 7, "closeness": 6}},
        resources={"savings": 1600},
        flags={"qin_in_school": False, "called": True},
        visits={"station": 2},
        log=["station.wait"],
    )
    base.update(overrides)
    return SimpleNamespace(**base)


@pytest.mark.parametrize(
    "source,expected",
    [
        ("qin.closeness < 3 and not qin_in_school", True),
        ("savings >= 1500", True),
        ("savings - 200 >= 1500", False),
        ("visited(station) and not visited(home)", True),
        ("visits(station) == 2", True),
        ("chose(station.wait) and not chose(station.scalper)", True),
        ("family(hope) == 5", True),
        ("min(qin.hope, suqin.hope) == 3 and max(1, 2, 3) == 3", True),
        ("called == true or -savings > 0", True),
        ("not (called and qin_in_school)", True),
    ],
)
def test_conditions_mean_what_they_say(source: str, expected: bool) -> None:
    assert compile_condition(source, NAMES).holds(state()) is expected


@pytest.mark.parametrize(
    "source,offset,message",
    [
        ("qin.closenes < 3", 4, "unknown stat 'closenes' (did you mean 'closeness'?)"),
        ("savings = 3", 8, "to compare, write '=='"),
        ("savings >= true", 11, "expected a number here"),
        ("__import__('os')", 11, "unexpected character"),
        ("qin.__class__", 4, "unknown stat '__class__'"),
        ("2 ** 999", 2, "'*' is not part of the language"),
        ("savings && called", 8, "write 'and'"),
        ("1 < 2 < 3", 6, "comparisons cannot be chained"),
        ("visited(statoin)", 8, "unknown scene 'statoin' (did you mean 'station'?)"),
        ("chose(station.wiat)", 6, "scene 'station' has no choice 'wiat'"),
        ("savings", 0, "expected true/false here, not a number"),
        ("99999999999 > 1", 0, "too large"),
        ("", 0, "the expression is empty"),
        ("(" * 100 + "1", 40, "nested too deeply"),
    ],
)
def test_mistakes_are_located(source: str, offset: int, message: str) -> None:
    with pytest.raises(ExpressionError) as caught:
        compile_condition(source, NAMES)
    assert message in caught.value.message
    assert caught.value.offset == offset


def test_effects() -> None:
    s = state()
    for source in ("savings -= 100", "qin.hope += 2", "called = false"):
        effect = compile_effect(source, NAMES)
        assert effect.value(s) in (100, 2, False)
    with pytest.raises(ExpressionError, match="'called' is a flag"):
        compile_effect("called += 1", NAMES)
    with pytest.raises(ExpressionError, match="expected '=', '\\+=' or '-='"):
        compile_effect("savings == 1", NAMES)


@given(st.text(max_size=80))
def test_any_string_parses_or_gives_a_located_error(source: str) -> None:
    try:
        parse_expression(source)
    except ExpressionError as exc:
        assert 0 <= exc.offset <= len(source)


@given(
    st.text(
        alphabet=st.sampled_from(list("qinhope.savings()<>=!+-0123 andornotcalledvisitedstation,")),
        max_size=60,
    )
)
def test_compiled_conditions_never_raise_when_evaluated(source: str) -> None:
    try:
        condition = compile_condition(source, NAMES)
    except ExpressionError:
        return
    assert condition.holds(state()) in (True, False)
