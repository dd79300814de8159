"""`python -m bench [NAME ...]`: runs the benchmark scripts, each in its own process, and prints one
table of every figure with its target and pass/fail. Figures the issue asks for that no script
produced are shown as "not available". Exit status 1 if a figure misses its target or a script fails.
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

# The figures of issue 7, in the order of the table, with the script expected to print each.
EXPECTED = [
    ("startup_ratio", "ui_startup.py", "start-up time ÷ a bare pygame window"),
    ("idle_cpu_percent", "ui_idle.py", "CPU while the game waits for the player"),
    ("frame_ms_text_reveal", "ui_frame.py", "frame cost while text is revealed"),
    ("peak_memory_mb", "ui_frame.py", "peak memory playing the story"),
    ("load_check_ratio", "load_bench.py", "load + check ÷ raw YAML parsing, 10,000 scenes"),
    ("random_playthroughs_per_s", "playthroughs.py", "random playthroughs per second"),
    ("exhaustive_seconds", "playthroughs.py", "exhaustive exploration of the story"),
    ("engine_steps_per_s", "engine_stress.py", "random choose/undo/save/load steps per second"),
    ("engine_consistent", "engine_stress.py", "engine state consistent after 100,000 steps"),
]


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
    if target in ("-", ""):
        return "-"
    match = TARGET.match(target)
    if match is None:
        return f"bad target {target!r}"
    try:
        number, limit = float(value), float(match["limit"])
    except ValueError:
        return "FAIL"
    ok = {"<=": number <= limit, ">=": number >= limit, "==": number == limit,
          "<": number < limit, ">": number > limit}[match["op"]]
    return "pass" if ok else "FAIL"


def run(script: Path, timeout: float, verbose: bool) -> tuple[list[Figure], str | None, float]:
    """Runs one script; returns its figures, a problem (or None) and its wall time."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy",
           "PYGAME_HIDE_SUPPORT_PROMPT": "1",
           "LAST_TRAIN_HOME_DATA": tempfile.mkdtemp(prefix="lth-bench-"),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=timeout)
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
            figures.append(Figure(match["name"], match["value"], match["unit"], match["target"],
                                  script.name, verdict(match["value"], match["target"])))
    problem = None
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        problem = f"exit {done.returncode}: {last[:100]}"
    elif not figures:
        problem = "no RESULT lines"
    return figures, problem, seconds


def table(figures: list[Figure], markdown: bool) -> str:
    header = ("figure", "value", "unit", "target", "result", "script")
    rows = [(f.name, f.value, f.unit, f.target, f.verdict, f.script) for f in figures]
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows])
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
                     for row in [header, *rows])


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
        print(f"  {script.name}: {len(got)} figures in {seconds:.1f} s"
              + (f" — {problem}" if problem else ""), file=sys.stderr, flush=True)
        figures.extend(got)
        if problem:
            failed = True
            expected = [name for name, owner, _ in EXPECTED if owner == script.name]
            produced = {f.name for f in got}
            for name in expected or [script.stem]:
                if name not in produced:
                    verdict_text = problem if problem == "no RESULT lines" else f"failed ({problem})"
                    figures.append(Figure(name, "-", "-", "-", script.name, verdict_text))
    produced = {f.name for f in figures}
    ran = {p.name for p in found}
    for name, owner, _ in EXPECTED:
        if name not in produced and owner not in ran and not args.names:
            figures.append(Figure(name, "-", "-", "-", owner, "not available"))
    order = {name: i for i, (name, _, _) in enumerate(EXPECTED)}
    figures.sort(key=lambda f: order.get(f.name, len(order)))
    print(table(figures, args.markdown))
    if any(f.verdict == "FAIL" for f in figures):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
