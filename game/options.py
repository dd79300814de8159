"""What a front end is started with: the story, where to begin, and how to run.

Standard library only, so that the command line and the window's first frame (game.ui.firstframe)
hold their options before any story is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class LaunchOptions:
    """What the front ends need to start: the story, where to begin, and how to run."""

    story_dir: Path
    start: str | None = None
    sets: dict[str, str] = field(default_factory=dict)
    classroom: bool = False
    autoplay: bool = False
    seed: int | None = None
    screenshots: Path | None = None
    window_size: tuple[int, int] | None = None
    max_steps: int = 2000
    draft: bool = False  # unreachable scenes are warnings (a story being written)
    dev: bool = False  # the window's writing mode: the writing panel (F9), draft on
