"""Line coverage in `explore --random`: the lines no run showed, at their `path:line`, and the
least shown, so an author sees the text players (almost) never read."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import TextIO

from game.engine.coverage import Line, line_coverage
from game.engine.explore import RandomReport
from game.story.location import SourceLocation
from game.story.model import Story
from game.tools.explore_text import wrap

LISTED = 20  # never-shown lines listed one by one; the rest are counted
LEAST = 5  # least-shown lines listed


@lru_cache(maxsize=64)
def _file_lines(path: str) -> tuple[str, ...]:
    try:
        return tuple(Path(path).read_text(encoding="utf-8", errors="replace").split("\n"))
    except OSError:
        return ()


def _start(story: Story, line: Line) -> SourceLocation:
    """Where the line's owner is written: its scene, choice or ending."""
    if line.kind in ("choice", "says"):
        choice = story.choice(line.owner)
        if choice is not None:
            return choice.location
    if line.kind == "ending":
        ending = next((e for e in story.endings if e.id == line.owner), None)
        if ending is not None:
            return ending.location
    scene = story.scenes.get(line.owner)
    return scene.location if scene is not None else SourceLocation("<story>")


def locate(story: Story, line: Line) -> SourceLocation:
    """The file line where a paragraph starts: its first words, looked for from where its scene,
    choice or ending is written (YAML may wrap a paragraph anywhere); the owner's place if not
    found."""
    start = _start(story, line)
    lines = _file_lines(start.path)
    words = line.text.split()
    for count in (4, 2, 1):
        if len(words) < count:
            continue
        wanted = " ".join(words[:count])
        for index in range(max(0, start.line - 1), len(lines)):
            column = lines[index].find(wanted)
            if column >= 0:
                return SourceLocation(start.path, index + 1, column + 1)
    return start


def _label(line: Line) -> str:
    what = {
        "text": f"scene '{line.owner}'",
        "variant": f"scene '{line.owner}', variant {line.variant + 1}",
        "choice": f"choice '{line.owner}'",
        "says": f"says of '{line.owner}'",
        "ending": f"ending '{line.owner}'",
    }[line.kind]
    words = line.text.split()
    quoted = " ".join(words[:8]) + (" …" if len(words) > 8 else "")
    return f'{what}: "{quoted}"'


def print_lines(report: RandomReport, out: TextIO) -> None:
    """The line coverage summary: shown / total, the never-shown lines, the least shown."""
    story = report.story
    lines = line_coverage(report)
    never = [line for line in lines if line.shown <= 0]
    shown = len(lines) - len(never)
    percent = 100.0 * shown / max(1, len(lines))
    print(
        f"Lines of text (paragraphs, choices, says, endings): {shown:,} of {len(lines):,} "
        f"shown ({percent:.1f}%).",
        file=out,
    )
    print(f"Lines never shown: {len(never) or 'none'}", file=out)
    for line in never[:LISTED]:
        print(wrap(f"{locate(story, line)}: {_label(line)}"), file=out)
    if len(never) > LISTED:
        print(f"    … and {len(never) - LISTED:,} more", file=out)
    rare = sorted((line for line in lines if line.shown > 0), key=lambda line: line.shown)[:LEAST]
    if rare:
        print(f"Least shown ({report.runs:,} runs):", file=out)
        for line in rare:
            print(wrap(f"{locate(story, line)}: {line.shown:,}× {_label(line)}"), file=out)
