"""Start-up: process start to the first drawn title frame (full story loaded), as a ratio to a
bare pygame script that opens a window of the same size and draws one frame. Median of N runs."""

from __future__ import annotations

import compileall
import statistics
import subprocess
import sys
import time

from ui_common import ROOT, headless, table

GAME = """
from game.cli import LaunchOptions
from game.story import default_story_dir
from game.ui.app import build_app
app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
assert app.frame([], 0.0)
"""
BARE = """
import pygame
pygame.display.init()
screen = pygame.display.set_mode((1280, 720), pygame.RESIZABLE)
screen.fill((20, 24, 40))
pygame.display.flip()
"""


def measure(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def main(runs: int = 9) -> None:
    headless()
    # An installed (or once-run) game has its bytecode cached; without this, every run here would
    # recompile our modules, since this environment may set PYTHONDONTWRITEBYTECODE.
    compileall.compile_dir(ROOT / "game", quiet=1)
    game, bare = [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        bare.append(measure(BARE))
        game.append(measure(GAME))
    g, b = statistics.median(game), statistics.median(bare)
    print(table([("measure", "median", "target"),
                 ("bare pygame window + frame", f"{b * 1000:.0f} ms", ""),
                 ("game: first title frame, story loaded", f"{g * 1000:.0f} ms", ""),
                 ("ratio", f"{g / b:.2f}", "<= 1.5")]))
    print(f"RESULT startup_ratio {g / b:.2f} x <=1.5")


if __name__ == "__main__":
    main()
