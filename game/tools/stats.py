"""`python main.py stats`: class statistics on this computer; export them, import another's.

Nothing personal is stored or moved: a session is its story, its decisions and its ending.
"""

from __future__ import annotations

import argparse
import hashlib
import json
from pathlib import Path
from typing import TextIO

from game.atomic import write_atomic
from game.engine.classstats import ClassStats, StatsError, imported_dir, on_this_computer
from game.engine.record import default_sessions_dir
from game.story import StoryError, default_story_dir, load_story


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "stats", help="class statistics: how often classes took each key choice; export/import"
    )
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.add_argument(
        "--sessions",
        type=Path,
        metavar="DIR",
        help="the folder of session records (default: this computer's)",
    )
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--export",
        type=Path,
        metavar="FILE",
        help="write every class's decisions to FILE, to take to another computer",
    )
    group.add_argument(
        "--import",
        dest="import_file",
        type=Path,
        metavar="FILE",
        help="add the classes in FILE (an export from another computer)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    folder = args.sessions or default_sessions_dir()
    stats, problems = on_this_computer(folder)
    for problem in problems:
        print(f"warning: {problem}", file=err)
    if args.export:
        try:
            stats.export(args.export)
        except OSError as exc:
            print(f"last-train-home: cannot write {args.export}: {exc.strerror or exc}", file=err)
            return 1
        print(
            f"Exported {stats.count():,} class session{'s' * (stats.count() != 1)} to {args.export}.",
            file=out,
        )
        return 0
    if args.import_file:
        return _import(args.import_file, folder, stats, out, err)
    return _summary(args, stats, out, err)


def _import(path: Path, folder: Path, stats: ClassStats, out: TextIO, err: TextIO) -> int:
    try:
        incoming = ClassStats.load(path)
    except StatsError as exc:
        print(f"last-train-home: {exc}", file=err)
        return 1
    new = stats.merge(incoming)
    if new:
        # Kept beside this computer's session records, not among them: what was read and checked,
        # not the file as it came (which may hold anything else). The name comes from the content,
        # so importing the same file twice leaves one copy.
        data = json.dumps(incoming.to_json(), ensure_ascii=False, indent=1).encode("utf-8")
        target = imported_dir(folder) / f"imported-{hashlib.sha256(data).hexdigest()[:12]}.json"
        try:
            write_atomic(target, data)
        except OSError as exc:
            print(f"last-train-home: cannot write {target}: {exc.strerror or exc}", file=err)
            return 1
    print(
        f"Imported {new:,} new class session{'s' * (new != 1)} from {path} "
        f"({incoming.count() - new:,} already counted); {stats.count():,} in all.",
        file=out,
    )
    return 0


def _summary(args: argparse.Namespace, stats: ClassStats, out: TextIO, err: TextIO) -> int:
    try:
        story = load_story(args.story or default_story_dir(), check_assets=False)
    except StoryError as exc:
        for finding in exc.diagnostics:
            print(finding, file=err)
        return 1
    count = stats.count(story.title)
    print(f"{story.title}: {count:,} class session{'s' * (count != 1)} on record.", file=out)
    if not count:
        return 0
    shares = stats.shares(story.title)
    for scene in story.scenes.values():
        if not scene.key:
            continue
        taken = [(shares[c.full_id], c) for c in scene.choices if c.full_id in shares]
        if not taken:
            continue
        print(
            f"\n{scene.chapter} — {scene.key} ({scene.id}), decided {taken[0][0].reached:,} times:", file=out
        )
        for share, choice in sorted(taken, key=lambda item: -item[0].taken):
            print(f"  {share.percent:5.1f}%  {choice.text}", file=out)
    endings = stats.endings(story.title)
    titles = {e.id: e.title for e in story.endings}
    print("\nEndings:", file=out)
    for ending, times in sorted(endings.items(), key=lambda item: -item[1]):
        print(f"  {times:4,}  {titles.get(ending, ending)}", file=out)
    return 0
