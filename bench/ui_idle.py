"""Idle: CPU used by the play screen waiting for input for 10 s (target <= 2% of one core).

Measured twice: on a still scene, and on a scene whose backdrop moves (snow), where the loop must
wake for the motion.
"""

from __future__ import annotations

import time

from ui_common import headless, table


def idle(scene: str | None, seconds: float) -> float:
    import pygame

    from game.options import LaunchOptions
    from game.story import default_story_dir
    from game.ui.app import build_app, main_loop
    from game.ui.screens.play import PlayScreen

    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), start=scene))
    app.new_game()
    space = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_SPACE, mod=0)
    for _ in range(400):  # the content note and a chapter's title card (Space passes each), then
        if not isinstance(app.top, PlayScreen):  # the text, revealed to its end
            app.frame([space], 0.05)
        elif app.top.revealing:
            app.frame([], 0.05)
        else:
            break
    if not isinstance(app.top, PlayScreen) or app.top.revealing:
        raise SystemExit(f"the play screen's text did not come up ({type(app.top).__name__} is on top)")
    pygame.time.set_timer(pygame.QUIT, int(seconds * 1000), 1)
    cpu = time.process_time()
    main_loop(app)
    used = time.process_time() - cpu
    pygame.quit()
    return used / seconds


def main(seconds: float = 10.0) -> None:
    headless()
    from game.story import default_story_dir, load_story

    story = load_story(default_story_dir())
    snowy = next((s.id for s in story.scenes.values() if s.backdrop == "huilong_night" and not s.end), None)
    still = idle(None, seconds)
    moving = idle(snowy, seconds) if snowy else None
    rows = [
        ("measure", "CPU of one core", "target"),
        (f"play screen idle {seconds:.0f} s, still scene", f"{still * 100:.2f} %", "<= 2 %"),
    ]
    if moving is not None:
        rows.append((f"play screen idle {seconds:.0f} s, snow ({snowy})", f"{moving * 100:.2f} %", ""))
    print(table(rows))
    print(f"RESULT idle_cpu_still {still * 100:.2f} percent <=2")
    if moving is not None:
        print(f"RESULT idle_cpu_moving {moving * 100:.2f} percent <=2")


if __name__ == "__main__":
    main()
