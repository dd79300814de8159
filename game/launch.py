"""Launching a story, shared by every front end: loading it with the problems reported, and checking
where to begin (the options themselves are game.options).

It sits below the front ends (the command line, the window, the terminal player, the tools), so
none of them needs to import another to start a story.
"""

from __future__ import annotations

from pathlib import Path
from typing import TextIO

from game.story import Story, default_story_dir, load_story_with_diagnostics
from game.story.suggest import did_you_mean


def load_or_report(story_dir: Path | None, err: TextIO, *, draft: bool = False) -> Story | None:
    """Loads a story, printing every finding to `err` if it has errors (`draft`: unreachable
    scenes are warnings)."""
    story, findings = load_story_with_diagnostics(story_dir or default_story_dir(), draft=draft)
    if story is None:
        for finding in findings:
            print(finding, file=err)
        errors = sum(1 for f in findings if f.severity == "error")
        print(
            f"The story could not be loaded: {errors} error{'s' * (errors != 1)}. Run `check` for details.",
            file=err,
        )
    return story


def start_problem(story: Story, start: str | None) -> str | None:
    """What is wrong with `--start SCENE` (a scene the story lacks), with the nearest scene id."""
    if start is None or start in story.scenes:
        return None
    return f"there is no scene '{start}' in the story" + did_you_mean(start, story.scenes)
