"""Frame cost while text is being revealed at 1280x720 (target: median <= 4 ms), and the peak
memory of a whole autoplayed game (target <= 150 MB, issue #16: about 46 MB before play, then the
capped caches (window-sized backdrops at most 24 MB, panels 12 MB, rendered text two windows' worth,
7 MB at 1280x720), what pygame and SDL keep, and what the C allocator keeps of freed surfaces)."""

from __future__ import annotations

import resource
import statistics
import sys
import time

from ui_common import headless, table


def reveal_frames() -> list[float]:
    import pygame

    from game.cli import LaunchOptions
    from game.story import default_story_dir
    from game.ui.app import build_app

    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    app.new_game()
    costs: list[float] = []
    for _ in range(8):  # several scenes, each revealed frame by frame at 60 fps
        play = app.top
        play.enter_scene(reveal=True)
        while play.revealing:
            start = time.perf_counter()
            app.frame([], 1 / 60)
            costs.append(time.perf_counter() - start)
        choice = next(c for c in play.choices if c.available)
        app.take_choice(choice.id)
        if app.session.is_over:
            break
        play.enter_scene()
    pygame.quit()
    return costs


def peak_memory_mb() -> float:
    import pygame

    from game.cli import LaunchOptions
    from game.story import default_story_dir
    from game.ui.app import build_app, main_loop
    from game.ui.autoplay import Autoplayer

    app = build_app(LaunchOptions(story_dir=default_story_dir(), autoplay=True, seed=1))
    main_loop(app, Autoplayer(1, None))
    pygame.quit()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main() -> None:
    headless()
    costs = reveal_frames()
    memory = peak_memory_mb()
    print(
        table(
            [
                ("measure", "value", "target"),
                (
                    f"frame during text reveal, median of {len(costs)}",
                    f"{statistics.median(costs) * 1000:.2f} ms",
                    "<= 4 ms",
                ),
                (
                    "frame during text reveal, 95th percentile",
                    f"{sorted(costs)[int(len(costs) * 0.95)] * 1000:.2f} ms",
                    "",
                ),
                ("peak memory (maxrss), reveal + a whole autoplayed game", f"{memory:.0f} MB", "<= 150 MB"),
            ]
        )
    )
    print(f"RESULT frame_reveal_median {statistics.median(costs) * 1000:.2f} ms <=4")
    print(f"RESULT peak_memory {memory:.0f} MB <=150")


if __name__ == "__main__":
    main()
