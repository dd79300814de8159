"""Benchmark: `python main.py explore` on the shipped story, to a complete answer.

    python bench/explore_proof.py [--story DIR] [--jobs N]

Runs the exhaustive `explore` command as an author does (the exact search up to --max-states, the
abstract search past it, random playthroughs for what it leaves undecided, the lessons) and prints
its wall time (the target: under 60 s) and how many answers stayed undecided (the target: none),
with the time of each part beside them.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.cli import main as cli  # noqa: E402
from game.engine.explore import DEFAULT_MAX_STATES, explore, prove  # noqa: E402
from game.story import default_story_dir, load_story  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--story", type=Path, default=default_story_dir())
    parser.add_argument("--jobs", type=int, default=0, help="processes for the random playthroughs")
    args = parser.parse_args(argv)

    story = load_story(args.story)
    started = time.perf_counter()
    bounded = explore(story, max_states=DEFAULT_MAX_STATES)
    exact_time = time.perf_counter() - started
    started = time.perf_counter()
    proof = prove(story)
    prove_time = time.perf_counter() - started
    print(f"exact search:    {exact_time:6.1f} s, {bounded.states:,} states (complete: {bounded.complete})")
    print(
        f"abstract search: {prove_time:6.1f} s, {proof.states:,} abstract states, "
        f"{proof.witnessed_states:,} met in real play, {proof.undecided} answers undecided"
    )

    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    status = cli(["explore", "--story", str(args.story), "--jobs", str(args.jobs)], out=out, err=err)
    wall = time.perf_counter() - started
    report = out.getvalue()
    undecided = report.split("Undecided (the abstraction allows it, real play never met it): ")[1].split(
        "\n"
    )[0]
    count = 0 if undecided == "none" else int(undecided)
    print(f"the command:     {wall:6.1f} s, exit {status}, {len(report.splitlines())} lines of report")
    print(f"RESULT explore_complete_seconds {wall:.1f} s <=60")
    print(f"RESULT explore_undecided {count} answers ==0")
    return 0 if status == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
