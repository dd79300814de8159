"""Memory and time of `check` on a large synthetic story: peak resident memory per scene.

    python bench/scale_check.py [--scenes 100000] [--files 20]

Writes a story of N scenes (the generator of load_bench.py: three choices, effects and a variant
now and then, about 500 bytes of YAML a scene) into a temporary folder and runs
`python main.py check` on it in a child process twice, as an author would: first with an empty
parse cache (the YAML is parsed and the cache written), then again (the cache is read). For each
run it prints the CPU seconds (not wall time: the figure should not depend on what else the
machine is doing) and the child's peak resident memory; the figure is the larger peak
divided by the number of scenes.

Prints: RESULT scale_check_kb_per_scene <KB> KB <=8 and RESULT scale_check_ms_per_scene <ms> ms
<=0.9 (the slower run's CPU time; 0.9 ms a scene is what the check took on the development
machine before the located values were made compact, issue #18: it must not get slower).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.load_bench import generate  # noqa: E402
from game.paths import CACHE_ENV  # noqa: E402


def check_in_child(story: Path, cache: Path) -> tuple[float, float, str]:
    """Runs `main.py check story` with `cache` as the parse cache; (CPU seconds, peak RSS in MB, the
    check's last line). Called in a process of its own (`--child`), whose only child it starts."""
    env = {**os.environ, CACHE_ENV: str(cache)}
    child = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "check", "--no-warnings", str(story)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    output = child.communicate()[0]
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # of this process's only child
    seconds, peak_kb = usage.ru_utime + usage.ru_stime, usage.ru_maxrss
    last = (output.strip().splitlines() or ["(no output)"])[-1]
    if child.returncode != 0:
        raise SystemExit(f"check failed (exit {child.returncode}): {output[-2000:]}")
    return seconds, peak_kb / 1024, last


def measure(story: Path, cache: Path) -> tuple[float, float, str]:
    """One check, started from a fresh process of this script, so that the peak memory of its
    children is the check's own."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(story), str(cache)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise SystemExit(done.stdout + done.stderr)
    seconds, peak_mb, last = done.stdout.strip().split("\t")
    return float(seconds), float(peak_mb), last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scenes", type=int, default=100_000)
    parser.add_argument("--files", type=int, default=20)
    parser.add_argument("--child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        seconds, peak_mb, last = check_in_child(*args.child)
        print(f"{seconds:.3f}\t{peak_mb:.1f}\t{last}")
        return 0
    with tempfile.TemporaryDirectory(prefix="lth-scale-") as tmp:
        story, cache = Path(tmp) / "story", Path(tmp) / "cache"
        choices = generate(story, args.scenes, args.files)
        size = sum(p.stat().st_size for p in story.glob("*.yaml"))
        print(
            f"synthetic story: {args.scenes:,} scenes, {choices:,} choices, {args.files} files, "
            f"{size / 1e6:.1f} MB"
        )
        runs = []
        for label in ("parsed (cache written)", "from the parse cache"):
            seconds, peak_mb, last = measure(story, cache)
            runs.append((seconds, peak_mb))
            print(
                f"check, {label:22s}: {seconds:6.2f} s CPU, peak RSS {peak_mb:7.1f} MB "
                f"({peak_mb * 1024 / args.scenes:5.1f} KB a scene)  [{last}]"
            )
    worst_seconds = max(s for s, _ in runs)
    worst_mb = max(m for _, m in runs)
    print(f"RESULT scale_check_kb_per_scene {worst_mb * 1024 / args.scenes:.1f} KB <=8")
    print(f"RESULT scale_check_ms_per_scene {worst_seconds * 1000 / args.scenes:.3f} ms <=0.9")
    return 0


if __name__ == "__main__":
    sys.exit(main())
