"""Text helpers shared by the `explore` command's reports: places, wrapping, failures, bounds,
lessons."""

from __future__ import annotations

import argparse
import shlex
import textwrap
from collections.abc import Iterable, Sequence
from typing import TextIO

from game.engine.explore import DEFAULT_MAX_STEPS, Failure
from game.engine.lessons import READ_ALOUD_WPM, measure_lesson
from game.story.model import Story

LAST_CHOICES = 6  # of a random playthrough's failure, the choices shown (--replay shows them all)
LESSON_RUNS = 60  # seeded playthroughs that time each lesson


def where(story: Story, scene: str) -> str:
    found = story.scenes.get(scene)
    return str(found.location) if found is not None else scene


def choice_where(story: Story, full_id: str) -> str:
    choice = story.choice(full_id)
    return str(choice.location) if choice is not None else full_id


def variant_where(story: Story, sid: str, index: int) -> str:
    """A variant's place and condition, numbered from 1 as an author counts them."""
    variant = story.scenes[sid].variants[index]
    condition = variant.condition.source if variant.condition is not None else "(none)"
    return f"{where(story, sid)}: scene '{sid}', variant {index + 1} (if: {condition})"


def command(args: argparse.Namespace, *extra: str) -> str:
    words = ["python", "main.py", "explore"]
    if args.story is not None:
        words += ["--story", str(args.story)]
    if args.start:
        words += ["--start", args.start]
    for name, value in args.sets:
        words += ["--set", f"{name}={value}"]
    if args.max_steps != DEFAULT_MAX_STEPS:
        words += ["--max-steps", str(args.max_steps)]
    return " ".join(shlex.quote(w) for w in [*words, *extra])


def wrap(text: str, indent: str = "    ") -> str:
    return textwrap.fill(text, 100, initial_indent=indent, subsequent_indent=indent + "  ")


def print_failure(
    story: Story, failure: Failure, out: TextIO, args: argparse.Namespace, count: int = 1
) -> None:
    kind = {
        "stuck": "stuck",
        "no-ending": "no ending",
        "exception": "exception",
        "too-long": "too long",
        "dead-end": "dead end",
    }[failure.kind]
    times = f" ({count:,} {'runs' if failure.seed is not None else 'states'})" if count > 1 else ""
    seed = f"seed {failure.seed}: " if failure.seed is not None else ""
    message = failure.message
    if failure.kind == "stuck":  # the engine's own sentence repeats the place printed in front
        message = (
            f"no choice is available at '{failure.scene}': every choice's condition failed. "
            "Does this scene need a choice without 'if'?"
        )
    print(f"{where(story, failure.scene)}: error: {seed}{kind}{times}: {message}", file=out)
    if failure.seed is not None and len(failure.path) > LAST_CHOICES:
        # A random run may fail after thousands of choices: the replay shows them all.
        last = " ".join(failure.path[-LAST_CHOICES:])
        print(wrap(f"last {LAST_CHOICES} of {len(failure.path):,} choices: … {last}"), file=out)
    else:
        steps = " ".join(failure.path) if failure.path else "(none: at the start)"
        print(wrap(f"choices: {steps}"), file=out)
    if failure.seed is not None:
        print(f"    replay: {command(args, '--replay', str(failure.seed))}", file=out)


def print_list(title: str, items: Sequence[str], out: TextIO, complete: bool = True) -> None:
    so_far = "" if complete else " (so far)"
    print(f"{title}{so_far}: {'none' if not items else len(items)}", file=out)


def failure_groups(failures: Iterable[Failure]) -> list[list[Failure]]:
    """Failures grouped by kind and scene, in order of their first: each group is reported once."""
    groups: dict[tuple[str, str], list[Failure]] = {}
    for failure in failures:
        groups.setdefault((failure.kind, failure.scene), []).append(failure)
    return list(groups.values())


def print_problems(story: Story, failures: Iterable[Failure], args: argparse.Namespace, out: TextIO) -> int:
    """The "Problems:" section, one error per kind of failure and scene; returns the errors."""
    groups = failure_groups(failures)
    print(f"Problems: {'none' if not groups else len(groups)}", file=out)
    for group in groups:
        print_failure(story, group[0], out, args, len(group))
    return len(groups)


def print_bounds(heading: str, hits: Sequence[tuple[str, str | None, str, int]], out: TextIO) -> None:
    """Stats and resources at a bound, as (name, person or None, "min"/"max", value), one line for
    each bound with everyone who reaches it."""
    print(f"{heading}: {'none' if not hits else ''}".rstrip(), file=out)
    grouped: dict[tuple[str, str, int], list[str]] = {}
    for name, person, bound, value in hits:
        grouped.setdefault((name, bound, value), []).append(person or "the family")
    for (name, bound, value), who in grouped.items():
        print(f"  {name} reaches its {bound} ({value}) for {', '.join(who)}", file=out)


def print_lessons(story: Story, out: TextIO) -> int:
    """Each lesson's words, choices and minutes over seeded playthroughs; returns the warnings
    (a lesson whose longest measured way overruns its minutes)."""
    if not story.lessons:
        return 0
    print(
        f"Lessons ({LESSON_RUNS} playthroughs each, reading aloud at {READ_ALOUD_WPM} words a "
        "minute, with the votes, prompts and close):",
        file=out,
    )
    width = max(len(lesson.id) for lesson in story.lessons)
    overruns = 0
    for lesson in story.lessons:
        timing = measure_lesson(story, lesson, LESSON_RUNS)
        print(
            f"  {lesson.id:<{width}}  {lesson.minutes} min: {timing.median_words:,} words "
            f"(longest {timing.longest_words:,}), {timing.median('decisions'):g} choices, "
            f"{timing.median('votes'):g} votes, {timing.median_minutes:.0f} min "
            f"(longest {timing.longest_minutes:.0f})",
            file=out,
        )
        if timing.longest_minutes > lesson.minutes:
            overruns += 1
            print(
                f"{lesson.location}: warning: lesson '{lesson.id}' can take "
                f"{timing.longest_minutes:.0f} minutes, more than its {lesson.minutes}",
                file=out,
            )
    return overruns
