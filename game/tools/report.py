"""`python main.py report SESSION.json -o FILE.html|FILE.md`: the hand-out after a class session.

The path chapter by chapter with the votes as bars, what became of each family member, the family's
stats across the chapters as an inline SVG chart, what happened to the real family, the fact cards
shown with their sources, and questions for homework. The pages themselves are written by
game/reporting/ (the ending screen and the browser edition use it too); this is the command.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from game.atomic import write_atomic
from game.engine.classstats import ClassStats, StatsError, load_any
from game.engine.record import RecordError, SessionRecord
from game.reporting import render_html, render_markdown

USAGE_ERROR = 2


def register(subparsers: Any, add_common: Any) -> None:
    """Adds the `report` command."""
    parser = subparsers.add_parser(
        "report",
        help="write the report of a class session (.html or .md)",
        description="Writes a printable report of a saved session record: the path and votes, "
        "the family's fate and stats, the real family's story, facts and homework.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION_JSON", help="a saved session record")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="where to write: .html or .md"
    )
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.add_argument(
        "--class-stats",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="compare with other classes: a folder of session records or an "
        "exported statistics file (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Writes the report of one session record; 0 when written, 1 or 2 (usage) otherwise."""
    from game.launch import load_or_report  # loaded when the command runs, not when it is listed

    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        print(f"report: name the output .html or .md, not '{args.output.name}'", file=err)
        return USAGE_ERROR
    try:
        record = SessionRecord.load(args.session)
    except RecordError as exc:
        print(f"report: {exc}", file=err)
        return 1
    story = load_or_report(args.story, err)
    if story is None:
        return 1
    if record.story_fingerprint and record.story_fingerprint != story.fingerprint:
        print(
            f"report: note: the session was played with {record.story_title} "
            f"{record.story_version}; the story has changed since, so some choices may be "
            "named by their ids",
            file=err,
        )
    stats = None
    for path in args.class_stats:
        try:
            found, problems = load_any(path)
        except StatsError as exc:
            print(f"report: {exc}", file=err)
            return 1
        for problem in problems:
            print(f"report: {problem}", file=err)
        stats = stats or ClassStats()
        stats.merge(found)
    text = (render_markdown if suffix == ".md" else render_html)(story, record, stats)
    try:
        write_atomic(args.output, text.encode("utf-8"))
    except OSError as exc:
        print(f"report: cannot write {args.output}: {exc.strerror or exc}", file=err)
        return 1
    print(f"Wrote {args.output}", file=out)
    return 0
