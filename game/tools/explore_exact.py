"""The `explore` report when the exact search finished: every answer exact, one section a function.

Each section prints its heading and its findings and returns the errors or warnings it found, so
that the report's closing line can count them.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from game.engine.explore import Exploration
from game.tools.explore_text import (
    choice_where,
    print_bounds,
    print_lessons,
    print_list,
    print_problems,
    variant_where,
    where,
    wrap,
)


def print_exploration(result: Exploration, args: argparse.Namespace, out: TextIO) -> None:
    """The report of an exact search that finished, ending with its count of errors and warnings."""
    _header(result, out)
    errors = _endings_never_reached(result, out)
    warnings = _scenes_never_reached(result, out)
    warnings += _choices_never_taken(result, out)
    warnings += _variants(result, out)
    hits = [(hit.name, hit.person, hit.bound, hit.value) for hit in result.bounds]
    print_bounds("Stats that hit their bounds", hits, out)
    _ending_paths(result, out)
    warnings += print_lessons(result.story, out)
    errors += print_problems(result.story, result.failures, args, out)
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}.", file=out)


def _header(result: Exploration, out: TextIO) -> None:
    print(
        f"Explored {result.story.title!r} from '{result.start}': {result.states:,} distinct states, "
        f"{result.transitions:,} choices taken (complete, exact).",
        file=out,
    )
    if result.scenes_not_judged:
        count = len(result.scenes_not_judged)
        print(
            f"  ({count} scene{'s' * (count != 1)} and their endings are not judged: no choice "
            f"leads to them from '{result.start}'.)",
            file=out,
        )


def _endings_never_reached(result: Exploration, out: TextIO) -> int:
    """An error for each ending no playthrough reaches."""
    never = result.endings_never_reached
    print_list("Endings never reached", never, out)
    for ending_id in never:
        ending = next(e for e in result.story.endings if e.id == ending_id)
        print(
            f"  {ending.location}: error: no playthrough reaches the ending '{ending_id}' ({ending.title})",
            file=out,
        )
    return len(never)


def _scenes_never_reached(result: Exploration, out: TextIO) -> int:
    scenes = result.scenes_never_reached
    print_list("Scenes never reached", scenes, out)
    for scene in scenes:
        place = where(result.story, scene)
        print(f"  {place}: warning: no playthrough reaches the scene '{scene}'", file=out)
    return len(scenes)


def _choices_never_taken(result: Exploration, out: TextIO) -> int:
    """Choices whose condition never holds where they are: shown greyed every time (locked), or
    hidden every time."""
    story = result.story
    warnings = 0
    for title, ids in (
        ("Choices always locked", result.choices_always_locked),
        ("Choices never available", result.choices_never_available),
    ):
        print_list(title, ids, out)
        for full_id in ids:
            choice = story.choice(full_id)
            condition = choice.condition.source if choice and choice.condition else "?"
            if choice is not None and choice.locked is not None:
                how = f'is shown locked every time ("{choice.locked}")'
            else:
                how = "is hidden every time"
            print(
                f"  {choice_where(story, full_id)}: warning: '{full_id}' {how}: its condition "
                f"'{condition}' never holds there",
                file=out,
            )
        warnings += len(ids)
    return warnings


def _variants(result: Exploration, out: TextIO) -> int:
    """Variants never shown (dead text) and always shown (a needless 'if')."""
    warnings = 0
    for title, variants, why in (
        ("Variants never shown", result.variants_never_shown, "its condition never holds there"),
        ("Variants always shown", result.variants_always_shown, "its 'if' always holds there"),
    ):
        print_list(title, [f"{sid}.{index}" for sid, index in variants], out)
        for sid, index in variants:
            print(wrap(f"{variant_where(result.story, sid, index)}: warning: {why}", "  "), file=out)
        warnings += len(variants)
    return warnings


def _ending_paths(result: Exploration, out: TextIO) -> None:
    """Each ending reached: the fewest and most choices and words to it, and its shortest way."""
    story = result.story
    print("Endings (fewest–most choices; fewest–most words read):", file=out)
    width = max((len(e.id) for e in story.endings), default=0)
    for ending in story.endings:
        ways = result.endings.get(ending.id)
        if ways is None:
            continue
        most = "unbounded (a loop)" if ways.longest_choices is None else f"{ways.longest_choices}"
        most_words = "unbounded" if ways.longest_words is None else f"{ways.longest_words:,}"
        print(
            f"  {ending.id:<{width}}  {ways.shortest_choices}–{most} choices, "
            f"{ways.shortest_words:,}–{most_words} words",
            file=out,
        )
        print(wrap(f"shortest: {' '.join(ways.shortest_path) or '(no choices)'}", "      "), file=out)
