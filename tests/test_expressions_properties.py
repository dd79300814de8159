"""Properties of the expression language, for any input hypothesis can think of.

- any string parses to an expression or raises ExpressionError with an offset within the string;
- a compiled condition, evaluated on any valid state, returns true/false and raises nothing;
- effects, however large or negative, keep every stat within its bounds, and undo restores exactly.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from functools import cache
from pathlib import Path
from types import SimpleNamespace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import GameState, Session
from game.story import Story, load_story
from game.story.expression_syntax import ExpressionError, parse_effect, parse_expression
from game.story.expressions import compile_condition, compile_effect
from tests.storykit import BASE, write_story

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
PROGRAMS = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])

TOKENS = [
    "savings",
    "qin.hope",
    "suqin.hope",
    "called",
    "hope",
    "qin",
    "a",
    "b",
    "visited",
    "visits",
    "chose",
    "family",
    "min",
    "max",
    "and",
    "or",
    "not",
    "true",
    "false",
    "(",
    ")",
    ",",
    ".",
    "+",
    "-",
    "<",
    "<=",
    ">",
    ">=",
    "==",
    "!=",
    "=",
    "+=",
    "-=",
    "0",
    "1",
    "999999999",
    "1000000000",
    "__import__",
    "__class__",
    "'os'",
    "**",
    "*",
    "/",
    "%",
    "!",
    "&&",
    "||",
    "[",
    "]",
    "{",
    "}",
    ";",
    "#",
    "\\",
    "\t",
    "\n",
    "é",
    "一",
]

any_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="()+-<>=!.,_ 0123456789abcdefghinorstuvwxyz", max_size=80),
    st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join),
    st.lists(st.sampled_from(TOKENS), max_size=25).map("".join),
)


@cache
def _story() -> Story:
    """The tests' small story (loaded once; hypothesis reruns each test hundreds of times)."""
    root = Path(tempfile.mkdtemp(prefix="expr-props-")) / "story"
    return load_story(write_story(root, BASE), check_assets=False)


def _names(story: Story) -> SimpleNamespace:
    choice_ids = {c.full_id for s in story.scenes.values() for c in s.choices}
    return SimpleNamespace(
        people=story.people,
        stats=story.stats,
        resources=story.resources,
        flags=story.flags,
        scenes=story.scenes,
        choice_ids=choice_ids,
    )


def _located(error: ExpressionError, source: str) -> None:
    assert isinstance(error.offset, int) and 0 <= error.offset <= len(source), (error.offset, source)
    assert error.message and "\n" not in error.message


# ----------------------------------------------------------------------------- any string


@FAST
@given(any_text)
def test_any_string_parses_or_gives_an_error_within_it(source: str) -> None:
    for parse in (parse_expression, parse_effect):
        try:
            parse(source)
        except ExpressionError as error:
            _located(error, source)


@FAST
@given(any_text)
def test_any_string_compiles_or_gives_an_error_within_it(source: str) -> None:
    names = _names(_story())
    for compile_ in (compile_condition, compile_effect):
        try:
            compile_(source, names)
        except ExpressionError as error:
            _located(error, source)


# ----------------------------------------------------------------------------- valid programs

numbers = st.integers(0, 999_999_999).map(str)
int_atoms = st.one_of(
    numbers, st.sampled_from(["savings", "qin.hope", "suqin.hope", "visits(a)", "visits(b)", "family(hope)"])
)
int_exprs = st.recursive(
    int_atoms,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-"]), inner).map(" ".join),
        inner.map(lambda x: f"-({x})"),
        inner.map(lambda x: f"({x})"),
        st.lists(inner, min_size=1, max_size=3).map(
            lambda xs: f"{'min' if len(xs) % 2 else 'max'}({', '.join(xs)})"
        ),
    ),
    max_leaves=12,
)
bool_atoms = st.one_of(
    st.sampled_from(
        ["called", "true", "false", "visited(a)", "visited(b)", "chose(a.call)", "chose(a.rest)"]
    ),
    st.tuples(int_exprs, st.sampled_from(["<", "<=", ">", ">=", "==", "!="]), int_exprs).map(" ".join),
)
conditions = st.recursive(
    bool_atoms,
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["and", "or"]), inner).map(" ".join),
        inner.map(lambda x: f"not ({x})"),
        st.tuples(inner, st.sampled_from(["==", "!="]), inner).map(lambda t: f"({t[0]}) {t[1]} ({t[2]})"),
    ),
    max_leaves=10,
)


@st.composite
def states(draw: st.DrawFn) -> GameState:
    """Any state the engine could be in for the test story: stats in bounds, any savings."""
    story = _story()
    state = GameState.initial(story)
    for person in state.stats:
        for stat_id, stat in story.stats.items():
            state.stats[person][stat_id] = draw(st.integers(stat.min, stat.max))
    state.resources["savings"] = draw(st.integers(0, 10**12))
    state.flags["called"] = draw(st.booleans())
    state.visits = draw(st.dictionaries(st.sampled_from(["a", "b"]), st.integers(0, 10**6)))
    state.log = draw(st.lists(st.sampled_from(["a.call", "a.rest", "a.rich"]), max_size=5))
    return state


@PROGRAMS
@given(conditions, states())
def test_compiled_conditions_evaluate_to_true_or_false_on_any_state(source: str, state: GameState) -> None:
    try:
        condition = compile_condition(source, _names(_story()))
    except ExpressionError as error:  # only the size limits may refuse a valid-looking condition
        assert "too" in error.message, (source, error.message)
        return
    assert condition.holds(state) in (True, False)


effects = st.one_of(
    st.tuples(
        st.sampled_from(["qin.hope", "suqin.hope", "savings"]), st.sampled_from(["=", "+=", "-="]), int_exprs
    ).map(" ".join),
    st.tuples(st.just("called ="), conditions).map(" ".join),
)


@PROGRAMS
@given(st.lists(effects, min_size=1, max_size=4), states(), st.integers(1, 6))
def test_effects_keep_stats_within_bounds_and_undo_restores(
    sources: list[str], state: GameState, repeats: int
) -> None:
    story = _story()
    compiled = []
    for source in sources:
        try:
            compiled.append(compile_effect(source, _names(story)))
        except ExpressionError as error:
            assert "too" in error.message, (source, error.message)
    # A looping choice that applies the effects again and again.
    scene = story.scenes["a"]
    loop = replace(scene.choices[0], effects=tuple(compiled), goto="a", condition=None)
    story = replace(story, scenes={**story.scenes, "a": replace(scene, choices=(loop,))})
    session = Session(story, state)
    before = [session.state.to_json()]
    for _ in range(repeats):
        session.choose(loop.full_id)
        before.append(session.state.to_json())
        for person, stats in session.state.stats.items():
            for stat_id, value in stats.items():
                bounds = story.stats[stat_id]
                assert bounds.min <= value <= bounds.max, (person, stat_id, value)
        assert session.state.resources["savings"] >= 0  # the story's minimum
        assert isinstance(session.state.flags["called"], bool)
    for expected in reversed(before[:-1]):
        assert session.undo()
        assert session.state.to_json() == expected
