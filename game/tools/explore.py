"""`python main.py explore`: every distinct state, random playthroughs, or one replayed.

Exit status 1 when the story has an error a player could meet (an ending no playthrough reaches, a
scene where the player is stuck, an end scene with no ending, a dead end); 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
from typing import TextIO

from game.engine.explore import (
    DEFAULT_MAX_STATES,
    DEFAULT_MAX_STEPS,
    Exploration,
    RandomReport,
    explore,
    prove,
    random_playthrough,
    random_playthroughs,
)
from game.engine.session import ChoiceError, SetError
from game.story.model import Story
from game.tools._progress import ProgressBar
from game.tools.explore_exact import print_exploration
from game.tools.explore_lines import print_lines
from game.tools.explore_proof import print_proof
from game.tools.explore_text import failure_groups, print_failure, print_lessons, where, wrap

USAGE_ERROR = 2
DEFAULT_FILL = 2_000


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "explore",
        help="play every distinct state (or random playthroughs) and report problems",
        description="Plays the story exhaustively (every distinct state once; past --max-states, "
        "through an abstraction that always finishes) and reports endings, scenes, choices and "
        "variants no playthrough can reach (or always shows), dead ends, stats that hit their "
        "bounds, and the ways to each ending. Exit status 1 on an error.",
    )
    add_common(parser)
    parser.add_argument(
        "--max-states",
        type=int,
        default=DEFAULT_MAX_STATES,
        metavar="N",
        help=f"search exactly up to N distinct states (default {DEFAULT_MAX_STATES:,}); past them, "
        "an abstraction that always finishes gives the answers",
    )
    parser.add_argument(
        "--random", type=int, metavar="N", help="instead, play N random playthroughs and report coverage"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=0,
        metavar="S",
        help="with --random: the first playthrough's seed (then S+1, ...)",
    )
    parser.add_argument(
        "--replay", type=int, metavar="SEED", help="replay the random playthrough with this seed and print it"
    )
    parser.add_argument(
        "--fill",
        type=int,
        default=DEFAULT_FILL,
        metavar="N",
        help="when the abstraction leaves an answer undecided, N random playthroughs then look "
        f"for it (default {DEFAULT_FILL:,}; 0: none)",
    )
    parser.add_argument(
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="random playthroughs in N processes (default: one per CPU core; "
        "1: this process only); the report is the same either way",
    )
    parser.add_argument(
        "--max-steps",
        type=int,
        default=DEFAULT_MAX_STEPS,
        metavar="N",
        help=f"a random playthrough fails after N choices (default {DEFAULT_MAX_STEPS:,})",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.launch import load_or_report, start_problem

    story = load_or_report(args.story, err, draft=args.draft)
    if story is None:
        return 1
    problem = start_problem(story, args.start)
    if problem:
        print(f"explore: {problem}", file=err)
        return USAGE_ERROR
    options = {"start": args.start, "sets": dict(args.sets)}
    if args.random is not None and args.random < 1:
        print("explore: --random needs a number of playthroughs of at least 1", file=err)
        return USAGE_ERROR
    if args.max_states < 1:
        print("explore: --max-states needs a number of at least 1", file=err)
        return USAGE_ERROR
    if args.fill < 0:
        print("explore: --fill needs a number of playthroughs (0 for none)", file=err)
        return USAGE_ERROR
    if args.jobs < 0:
        print("explore: --jobs needs a number of processes (0: one per CPU core)", file=err)
        return USAGE_ERROR
    jobs = args.jobs or os.cpu_count() or 1
    try:
        if args.replay is not None:
            return _replay(story, args, out, options)
        if args.random is not None:
            bar = ProgressBar(err, "Playthroughs")
            report = random_playthroughs(
                story, args.random, args.seed, max_steps=args.max_steps, progress=bar, jobs=jobs, **options
            )
            bar.finish()
            _print_random(report, args, out)
            return 1 if report.has_errors else 0
        bar = ProgressBar(err, "States")
        result = explore(story, max_states=args.max_states, progress=bar, **options)
        bar.finish()
        if result.complete:
            print_exploration(result, args, out)
            return 1 if result.has_errors else 0
        return _prove(story, result, args, out, err, options)
    except (ChoiceError, SetError) as exc:
        print(f"explore: {exc}", file=err)
        return USAGE_ERROR


def _fill_chunks(total: int) -> list[int]:
    """--fill's playthroughs in growing parts (250, 500, 1,000, …): the rest are not played once
    nothing is left undecided."""
    parts: list[int] = []
    size = 250
    while total > 0:
        parts.append(min(size, total))
        total -= parts[-1]
        size *= 2
    return parts


def _prove(
    story: Story, bounded: Exploration, args: argparse.Namespace, out: TextIO, err: TextIO, options: dict
) -> int:
    """The abstract search, where the exact one stopped; random playthroughs (--fill) then look
    for what it left undecided."""
    proof = prove(story, **options)
    jobs = args.jobs or os.cpu_count() or 1
    seed = 1
    for runs in _fill_chunks(args.fill):
        if not proof.undecided:
            break
        bar = ProgressBar(err, "Playthroughs")
        part = random_playthroughs(
            story, runs, seed, max_steps=args.max_steps, progress=bar, jobs=jobs, **options
        )
        bar.finish()
        proof.absorb(part)
        seed += runs
    errors, warnings = print_proof(proof, bounded, args, out)
    warnings += print_lessons(story, out)
    print(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}.", file=out)
    return 1 if errors else 0


# ----------------------------------------------------------------------------- random


def _print_random(report: RandomReport, args: argparse.Namespace, out: TextIO) -> None:
    story = report.story
    last = report.first_seed + report.runs - 1
    print(
        f"{report.runs:,} random playthroughs of {story.title!r} (seeds {report.first_seed}–{last}): "
        f"{report.total_choices / report.runs:.1f} choices and "
        f"{report.total_words / report.runs:,.0f} words on average.",
        file=out,
    )
    if report.shortest is not None and report.longest is not None:
        print(
            f"Shortest playthrough: {report.shortest.words:,} words (seed {report.shortest.seed}, "
            f"{report.shortest.ending}); longest: {report.longest.words:,} words "
            f"(seed {report.longest.seed}, {report.longest.ending}).",
            file=out,
        )
    print(
        f"Coverage: scenes {report.scene_coverage:.1f}% "
        f"({len(report.scenes_seen & report.judged)}/{len(report.judged)}), "
        f"choices {report.choice_coverage:.1f}% "
        f"({report.choices_covered}/{report.choices_total}).",
        file=out,
    )
    skipped = len(story.scenes) - len(report.judged)
    if skipped:
        print(
            f"  ({skipped} scene{'s' * (skipped != 1)} and their lines are not judged: no choice "
            f"leads to them from '{report.start}'.)",
            file=out,
        )
    never = report.scenes_never_seen
    print(f"Scenes never seen: {', '.join(never) if never else 'none'}", file=out)
    untaken = report.choices_never_taken
    print(wrap(f"Choices never taken: {', '.join(untaken) if untaken else 'none'}", ""), file=out)
    for title, variants in (
        ("Variants never shown", report.variants_never_shown),
        ("Variants always shown", report.variants_always_shown),
    ):
        print(f"{title}: {len(variants) or 'none'}", file=out)
        for sid, index in variants:
            variant = story.scenes[sid].variants[index]
            condition = variant.condition.source if variant.condition is not None else "(none)"
            print(
                wrap(
                    f"{where(story, sid)}: scene '{sid}', variant {index + 1} "
                    f"(if: {condition}), {report.variant_visits[sid]:,} visits"
                ),
                file=out,
            )
    print_lines(report, out)
    missing = [e.id for e in story.endings if e.id not in report.endings_seen]
    print(
        "Endings (times reached; fewest–most words read):" if report.endings_seen else "Endings: none",
        file=out,
    )
    for ending in story.endings:
        if ending.id in report.endings_seen:
            low, high = report.ending_words[ending.id]
            print(
                f"  {ending.id:<24} {report.endings_seen[ending.id]:>6,}   {low:,}–{high:,} words", file=out
            )
    if missing:
        print(f"Endings never seen: {', '.join(missing)}", file=out)
    print(f"Failures: {len(report.failures) or 'none'}", file=out)
    # One report per kind of failure and scene: the first seed's, with how many runs met it.
    for group in failure_groups(report.failures):
        print_failure(story, group[0], out, args, len(group))


def _replay(story: Story, args: argparse.Namespace, out: TextIO, options: dict) -> int:
    played, session = random_playthrough(story, args.replay, max_steps=args.max_steps, **options)
    count = len(played.path)
    print(f"Playthrough with seed {args.replay}: {count:,} choice{'s' * (count != 1)}.", file=out)
    for step in session.transcript:
        heading = " · ".join(p for p in (step.chapter, step.place, step.when) if p)
        print(f"── {step.scene}" + (f" ({heading})" if heading else ""), file=out)
        for paragraph in step.paragraphs:
            print(wrap(paragraph, "  "), file=out)
        if step.choice_text is not None:
            chosen = "Continue" if step.is_continue else step.choice_text
            print(f"  > {chosen}", file=out)
            if step.says:
                print(wrap(step.says, "    "), file=out)
    print(f"choices: {' '.join(played.path) or '(none)'}", file=out)
    if played.failure is not None:
        print_failure(story, played.failure, out, args)
        return 1
    ending = session.ending
    if ending is not None:
        print(f"Ending: {ending.id} — {ending.title}", file=out)
        for _, name, line in ending.epilogue:
            print(wrap(f"{name}: {line}", "  "), file=out)
    return 0
