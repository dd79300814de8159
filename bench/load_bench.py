"""Load-and-check time of a synthetic 10,000-scene story, as a ratio to parsing it with CSafeLoader.

The parse cache is turned off, so that every load parses the YAML as the first start after an edit
does (with it on, every load after the first would read the cache's JSON instead).

Run: python bench/load_bench.py [--scenes N] [--files F] [--repeat R]
Prints: RESULT load_check_ratio <ratio> x <=2.0 (and the raw timings).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.paths import CACHE_ENV  # noqa: E402
from game.story import load_story  # noqa: E402

os.environ[CACHE_ENV] = "off"

MANIFEST = """\
format: 1
title: Synthetic
start: s0
people:
  a: {name: Person A}
  b: {name: Person B}
  c: {name: Person C}
stats:
  hope: {min: 0, max: 10, start: 5}
  closeness: {min: 0, max: 10, start: 5}
resources:
  savings: {start: 1000, min: 0, unit: yuan}
flags: [f0, f1, f2, f3, f4, f5, f6, f7, f8, f9]
endings:
  - id: good
    title: Good
    if: family(hope) >= 6
    text: It went well.
    epilogue: {a: Fine., b: Fine., c: Fine.}
  - id: plain
    title: Plain
    text: It went.
    epilogue: {a: So so., b: So so., c: So so.}
"""


def generate(root: Path, scenes: int, files: int, seed: int = 1) -> int:
    """Writes a story of `scenes` scenes and 3 choices each over `files` files; returns choices."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "story.yaml").write_text(MANIFEST)
    per_file = scenes // files
    people, stats = ["a", "b", "c"], ["hope", "closeness"]
    choices = 0
    for f in range(files):
        lines = ["scenes:"]
        for i in range(f * per_file, (f + 1) * per_file if f < files - 1 else scenes):
            last = i == scenes - 1
            lines += [
                f"  s{i}:",
                f"    chapter: Chapter {i // 500}",
                f"    place: Place {i % 37}",
                f"    when: Spring {1990 + i % 20}",
                f"    pov: {rng.choice(people)}",
                "    text: |",
                f"      Scene {i}. The train moves through the hills and the light changes on",
                "      the water. Someone is asleep on a bag of rice.",
                "",
            ]
            if rng.random() < 0.3:
                condition = f"f{rng.randrange(10)} and {rng.choice(people)}.hope > 3"
                lines += ["    variants:", f"      - if: {condition}", "        text: A memory returns."]
            if last:
                lines.append("    end: true")
                continue
            lines.append("    choices:")
            for k in range(3):
                target = min(scenes - 1, i + 1 + k * rng.randrange(1, 3)) if k else i + 1
                lines += [
                    f"      - id: c{k}",
                    f"        text: Choice {k} in scene {i}",
                    f"        effects: [{rng.choice(people)}.{rng.choice(stats)} += 1, "
                    f"savings -= {rng.randrange(10, 200)}, f{rng.randrange(10)} = true]",
                    "        says: Someone notices.",
                    f"        goto: s{target}",
                ]
                if k == 2:
                    lines += [
                        f"        if: savings >= {rng.randrange(100, 900)}",
                        "        locked: Not enough money",
                    ]
                choices += 1
        (root / f"part_{f:02d}.yaml").write_text("\n".join(lines) + "\n")
    return choices


def time_raw_parse(root: Path) -> float:
    start = time.perf_counter()
    for path in sorted(root.glob("*.yaml")):
        with open(path, "rb") as handle:
            yaml.load(handle, Loader=yaml.CSafeLoader)
    return time.perf_counter() - start


def time_load(root: Path) -> float:
    start = time.perf_counter()
    load_story(root, check_assets=False)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scenes", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "story"
        choices = generate(root, args.scenes, args.files)
        size = sum(p.stat().st_size for p in root.glob("*.yaml"))
        time_load(root)  # warm the operating system's file cache and the imports
        raw, load = [], []
        for _ in range(args.repeat):  # interleaved, so both see the same machine load
            raw.append(time_raw_parse(root))
            load.append(time_load(root))
        raw_m, load_m = statistics.median(raw), statistics.median(load)
        ratio = load_m / raw_m
        print(
            f"synthetic story: {args.scenes:,} scenes, {choices:,} choices, {args.files} files, "
            f"{size / 1e6:.1f} MB"
        )
        print(f"yaml.load(CSafeLoader) alone : {raw_m * 1000:8.1f} ms (median of {args.repeat})")
        print(f"load_story (load + check)    : {load_m * 1000:8.1f} ms (median of {args.repeat})")
        print(f"RESULT load_check_ratio {ratio:.2f} x <=2.0")
    return 0


if __name__ == "__main__":
    sys.exit(main())
