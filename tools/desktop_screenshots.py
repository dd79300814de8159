"""Screenshots of the desktop play screen for docs/screenshots/: `python -m tools.desktop_screenshots`.

The first scene with its choices at 1280×720 (medium text, README's picture), and at the largest
text size in 1280×720, 960×540 and 800×600 windows; and the keys page (F1). Drawn by the real
screens in SDL's dummy driver, the text typed to its end as a player would see it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
SCENE = "huilong_dawn"


def play_shot(size: tuple[int, int], text_size: str, name: str, keys: bool = False) -> None:
    """The scene typed to its end, its choices shown; with `keys`, the keys page over it."""
    import pygame

    from game.cli import LaunchOptions
    from game.story import default_story_dir
    from game.ui.app import build_app
    from game.ui.autoplay import key
    from game.ui.screens.play import PlayScreen

    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=size, start=SCENE))
    app.change_settings(replace(app.settings, text_size=text_size, text_speed="fast", reduced_motion=True))
    play = app.top
    assert isinstance(play, PlayScreen)
    play.due.items = []  # no chapter card over it
    while play.revealing:
        play.update(0.05)
    if keys:
        app.frame([key(pygame.K_F1)], 0.016)
    app.dirty = True
    app.frame([], 0.016)
    pygame.image.save(app.surface, str(OUT / name))
    print(OUT / name)
    pygame.quit()


def main() -> None:
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["LAST_TRAIN_HOME_DATA"] = tempfile.mkdtemp(prefix="lth-shots-")
    sys.path.insert(0, str(ROOT))
    play_shot((1280, 720), "medium", "play.png")
    play_shot((1280, 720), "largest", "play-1280x720-largest.png")
    play_shot((960, 540), "largest", "play-960x540-largest.png")
    play_shot((800, 600), "largest", "play-800x600-largest.png")
    play_shot((1280, 720), "medium", "keys.png", keys=True)


if __name__ == "__main__":
    main()
