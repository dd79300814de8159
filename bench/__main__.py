"""`python -m bench [NAME ...]`: runs the benchmark scripts, each in its own process, and prints one
table of every figure with its target and pass/fail. Exit status 1 if a figure misses its target, a
script fails, a figure has no valid target, a script prints a figure not listed here, or a listed
figure is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
RESULT = re.compile(r"^RESULT\s+(?P<name>\S+)\s+(?P<value>\S+)\s+(?P<unit>\S+)\s+(?P<target>\S+)\s*$")
TARGET = re.compile(r"^(?P<op><=|>=|==|<|>)(?P<limit>-?[\d.]+(?:e-?\d+)?)$")

# Every figure, in the order of the table, under the script that prints it, with what it measures.
# bench/README.md lists the same names.
EXPECTED: dict[str, list[tuple[str, str]]] = {
    "ui_startup.py": [
        ("startup_ratio", "first title frame ÷ a bare pygame window (a real X window when there is one)"),
        ("startup_ready_ratio", "the same until the story has loaded and the title is ready"),
        ("startup_ratio_dummy", "the same in SDL's dummy driver (beside a real window)"),
        ("startup_ratio_dummy_no_cache", "ready in the dummy driver with the parse cache off"),
    ],
    "ui_quit.py": [
        (
            "quit_window_seconds",
            "quitting: the window's close event to the window gone (a real X window when there is one)",
        ),
        ("quit_process_seconds", "quitting: the close event to the process's end"),
    ],
    "ui_idle.py": [
        ("idle_cpu_still", "CPU while the game waits for the player, still scene"),
        ("idle_cpu_moving", "CPU while the game waits for the player, snow falling"),
    ],
    "ui_frame.py": [
        ("frame_reveal_median", "frame cost while text is revealed"),
        ("peak_memory", "peak memory playing the story"),
    ],
    "load_bench.py": [
        ("load_check_ratio", "load + check ÷ raw YAML parsing, 10,000 scenes, parse cache off"),
    ],
    "scale_check.py": [
        (
            "scale_check_kb_per_scene",
            "check of a 100,000-scene story: peak memory per scene (parsed, and from the parse cache)",
        ),
        ("scale_check_ms_per_scene", "the same check: CPU time per scene (the slower of the two runs)"),
    ],
    "ui_soak.py": [
        ("soak_growth_per_game", "memory growth per game over 100 autoplayed games"),
    ],
    "playthroughs.py": [
        ("random_playthroughs_per_s", "random playthroughs per second, one process"),
        ("random_playthroughs_per_cpu_s", "the same per CPU-second of that process (steadier under load)"),
        ("random_playthroughs_seconds", "10,000 random playthroughs shared among the cores"),
        ("random_playthroughs_same_report", "the shared run's report is the single process's"),
        ("random_playthrough_failures", "playthroughs that fail (stuck, no ending, an error)"),
        ("exhaustive_seconds", "exhaustive exploration of the story"),
    ],
    "explore_proof.py": [
        (
            "explore_complete_seconds",
            "`explore` on the story to a complete answer (exact, then the abstraction)",
        ),
        ("explore_undecided", "answers `explore` leaves undecided on the story"),
    ],
    "engine_stress.py": [
        ("engine_steps_per_s", "random choose/undo/save/load steps per second"),
        ("engine_consistent", "engine state consistent after 100,000 steps"),
    ],
    "web_edition.py": [
        ("web_first_scene_s", "browser edition: page load to the first scene's text"),
        ("web_first_scene_cpu_s", "browser edition: the browser's CPU time for that load (a budget)"),
        ("web_engine_ready_s", "browser edition: page load to the engine ready, the choices open (a budget)"),
        (
            "web_engine_ready_return_s",
            "browser edition: the same when the browser has opened the page before (a budget)",
        ),
        ("web_choice_ms", "browser edition: a choice's round trip"),
        ("web_site_mb", "browser edition: the exported site's size (a budget)"),
    ],
}
# The figures a script prints only where it can measure them (a real window beside the dummy
# driver; a story with a snowy scene): their absence is no failure.
OPTIONAL = {"startup_ratio_dummy", "idle_cpu_moving"}
ORDER = [name for figures in EXPECTED.values() for name, _ in figures]


@dataclass
class Figure:
    name: str
    value: str
    unit: str
    target: str
    script: str
    verdict: str  # pass, FAIL, -, not available, failed (…)


def scripts(selected: list[str]) -> list[Path]:
    """Every bench/*.py with a __main__ block (helpers such as ui_common.py have none)."""
    found = []
    for path in sorted(BENCH.glob("*.py")):
        if path.name.startswith("_"):
            continue
        if "__main__" not in path.read_text(encoding="utf-8", errors="replace"):
            continue
        if selected and not any(word in path.stem for word in selected):
            continue
        found.append(path)
    return found


def verdict(value: str, target: str) -> str:
    """pass or FAIL; a figure without a valid target fails too (every figure must say its goal)."""
    match = TARGET.match(target)
    if match is None:
        return f"FAIL: no valid target ({target!r})"
    try:
        number, limit = float(value), float(match["limit"])
    except ValueError:
        return "FAIL"
    ok = {
        "<=": number <= limit,
        ">=": number >= limit,
        "==": number == limit,
        "<": number < limit,
        ">": number > limit,
    }[match["op"]]
    return "pass" if ok else "FAIL"


def run(script: Path, timeout: float, verbose: bool) -> tuple[list[Figure], str | None, float]:
    """Runs one script; returns its figures, a problem (or None) and its wall time."""
    env = {
        **os.environ,
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "PYGAME_HIDE_SUPPORT_PROMPT": "1",
        "LAST_TRAIN_HOME_DATA": tempfile.mkdtemp(prefix="lth-bench-"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return [], f"timed out after {timeout:.0f} s", time.perf_counter() - started
    seconds = time.perf_counter() - started
    if verbose:
        print(f"--- {script.name} ({seconds:.1f} s, exit {done.returncode})")
        print(done.stdout.rstrip())
        if done.stderr.strip():
            print(done.stderr.rstrip())
    figures = []
    for line in done.stdout.splitlines():
        match = RESULT.match(line.strip())
        if match:
            figures.append(
                Figure(
                    match["name"],
                    match["value"],
                    match["unit"],
                    match["target"],
                    script.name,
                    verdict(match["value"], match["target"]),
                )
            )
    problem = None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        problem = f"exit {done.returncode}: {last[:100]}"
    elif not figures:
        problem = "no RESULT lines"
    return figures, problem, seconds


def checked(script: str, got: list[Figure], problem: str | None) -> list[Figure]:
    """The script's figures, with a failing row for each listed figure it did not print and each
    figure it printed that is not listed in EXPECTED."""
    listed = [name for name, _ in EXPECTED.get(script, [])]
    figures = [
        f
        if f.name in listed
        else Figure(f.name, f.value, f.unit, f.target, script, "FAIL: not listed in bench/__main__.py")
        for f in got
    ]
    produced = {f.name for f in got}
    for name in listed:
        if name not in produced and (problem or name not in OPTIONAL):
            why = f"failed ({problem})" if problem else "FAIL: not printed"
            figures.append(Figure(name, "-", "-", "-", script, why))
    if problem and not figures:
        figures.append(Figure(script.removesuffix(".py"), "-", "-", "-", script, f"failed ({problem})"))
    return figures


def table(figures: list[Figure], markdown: bool) -> str:
    header = ("figure", "value", "unit", "target", "result", "script")
    rows = [(f.name, f.value, f.unit, f.target, f.verdict, f.script) for f in figures]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
        for row in [header, *rows]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("names", nargs="*", help="run only scripts whose name contains one of these")
    parser.add_argument("--timeout", type=float, default=900, help="seconds per script (default 900)")
    parser.add_argument("--verbose", "-v", action="store_true", help="show each script's own output")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--list", action="store_true", help="list the scripts and exit")
    args = parser.parse_args(argv)
    found = scripts(args.names)
    if args.list:
        print("\n".join(p.name for p in found))
        return 0
    figures: list[Figure] = []
    failed = False
    for script in found:
        print(f"running {script.name} …", file=sys.stderr, flush=True)
        got, problem, seconds = run(script, args.timeout, args.verbose)
        print(
            f"  {script.name}: {len(got)} figures in {seconds:.1f} s" + (f" — {problem}" if problem else ""),
            file=sys.stderr,
            flush=True,
        )
        figures.extend(checked(script.name, got, problem))
        failed = failed or problem is not None
    ran = {p.name for p in found}
    for owner, listed in EXPECTED.items():
        if owner not in ran and not args.names:
            figures.extend(Figure(name, "-", "-", "-", owner, "FAIL: no such script") for name, _ in listed)
    order = {name: i for i, name in enumerate(ORDER)}
    figures.sort(key=lambda f: order.get(f.name, len(order)))
    print(table(figures, args.markdown))
    if any(f.verdict != "pass" for f in figures):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
