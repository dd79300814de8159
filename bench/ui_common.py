"""Shared set-up for the desktop player's benchmarks (headless, private data folder)."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def headless() -> None:
    """Dummy video and audio, a throw-away data folder, and the repository on sys.path."""
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    os.environ.setdefault("LAST_TRAIN_HOME_DATA", tempfile.mkdtemp(prefix="lth-bench-"))
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))


def table(rows: list[tuple[str, str, str]]) -> str:
    """A plain text table: measure, value, target."""
    widths = [max(len(r[i]) for r in rows) for i in range(3)]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) for row in rows)
