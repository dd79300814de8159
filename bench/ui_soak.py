"""Benchmark: memory of one desktop game process over many autoplayed playthroughs.

    python bench/ui_soak.py [--games 100] [--story DIR]

Plays games one after another in one window (headless), through the real screens with an autosave
and its thumbnail at every choice, and prints the resident memory (RSS) every tenth game and the
growth per game after the first ten (the target: flat, well under 0.1 MB a game; it was ~1.8 MB
while thumbnails went through pygame.image.save into a BytesIO).

Prints: RESULT soak_growth_per_game <KB> KB <=100
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

from game.cli import LaunchOptions  # noqa: E402
from game.story import default_story_dir  # noqa: E402
from game.ui.app import App, build_app, main_loop  # noqa: E402
from game.ui.autoplay import Autoplayer  # noqa: E402


def rss_mb() -> float:
    """Resident memory of this process in MB (Linux; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6
    except (OSError, ValueError, IndexError):
        return 0.0


class Games(Autoplayer):
    """Autoplays `games` playthroughs in one app: at each ending, a new game instead of quitting."""

    def __init__(self, games: int, on_game=None) -> None:  # noqa: ANN001 - on_game(n, app)
        super().__init__(seed=0, screenshots=None)
        self.games = games
        self.played = 0
        self.on_game = on_game

    def step(self, app: App) -> None:
        from game.ui.screens.ending import EndingScreen

        if app.running and isinstance(app.top, EndingScreen) and not pygame.event.peek():
            self.played += 1
            self.steps = 0
            if self.on_game is not None:
                self.on_game(self.played, app)
            if self.played >= self.games:
                app.quit(0)
            else:
                app.new_game()
            return
        super().step(app)


def soak(story_dir: Path, games: int, on_game=None) -> int:  # noqa: ANN001
    """Plays `games` games in one app (in a fresh data folder); returns the app's exit status."""
    previous = os.environ.get("LAST_TRAIN_HOME_DATA")
    with tempfile.TemporaryDirectory(prefix="lth-soak-") as data:
        os.environ["LAST_TRAIN_HOME_DATA"] = data
        try:
            app = build_app(LaunchOptions(story_dir=story_dir, autoplay=True, seed=0))
            return main_loop(app, Games(games, on_game))
        finally:
            pygame.quit()
            if previous is None:
                del os.environ["LAST_TRAIN_HOME_DATA"]
            else:
                os.environ["LAST_TRAIN_HOME_DATA"] = previous


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--games", type=int, default=100)
    parser.add_argument("--story", type=Path, default=default_story_dir())
    args = parser.parse_args(argv)
    figures: dict[int, float] = {}

    def note(game: int, app: App) -> None:
        figures[game] = rss_mb()
        if game == 1 or game % 10 == 0:
            print(f"game {game:4d}: RSS {figures[game]:7.1f} MB", flush=True)

    status = soak(args.story, args.games, note)
    if args.games > 10 and figures:
        last = max(figures)
        per_game = (figures[last] - figures[10]) / (last - 10)
        print(
            f"growth after game 10: {per_game * 1000:.0f} KB a game "
            f"({figures[10]:.1f} MB -> {figures[last]:.1f} MB)"
        )
        print(f"RESULT soak_growth_per_game {round(per_game * 1000)} KB <=100")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
