"""Text helpers shared by the `explore` command's reports: places, wrapping, failures."""

from __future__ import annotations

import argparse
import shlex
import textwrap
from collections.abc import Sequence
from typing import TextIO

from game.engine.explore import DEFAULT_MAX_STEPS, Failure
from game.story.model import Story

LAST_CHOICES = 6  # of a random playthrough's failure, the choices shown (--replay shows them all)


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
