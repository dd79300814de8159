"""Autoplay: plays random available choices through the real screens with synthetic key events."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.app import App


def key(code: int, mod: int = 0) -> pygame.event.Event:
    """A KEYDOWN event as the keyboard would send it."""
    return pygame.event.Event(pygame.KEYDOWN, key=code, mod=mod, unicode="", scancode=0)


class Autoplayer:
    """After each frame, posts the key a player would press next; stops the app at an ending."""

    def __init__(self, seed: int | None, screenshots: Path | None, max_steps: int = 2000) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.screenshots = Path(screenshots) if screenshots else None
        self.max_steps = max_steps
        self.steps = 0
        self.choices = 0
        self.shot = 0
        self._last_scene: str | None = None
        if self.screenshots is not None:
            self.screenshots.mkdir(parents=True, exist_ok=True)

    def _save(self, app: App, name: str) -> None:
        if self.screenshots is not None:
            self.shot += 1
            app.screenshot(self.screenshots / f"{self.shot:03d}-{name}.png")

    def step(self, app: App) -> None:
        """Looks at the top screen and posts one event (or ends the run)."""
        from game.ui.screens.consequence import ConsequenceScreen
        from game.ui.screens.ending import EndingScreen
        from game.ui.screens.errors import ErrorScreen
        from game.ui.screens.play import PlayScreen
        from game.ui.screens.title import TitleScreen

        if not app.running or pygame.event.peek():
            return
        self.steps += 1
        if self.steps > self.max_steps:
            print(f"autoplay: no ending after {self.max_steps} steps (seed {self.seed})")
            app.quit(1)
            return
        top = app.top
        if isinstance(top, ErrorScreen):
            app.quit(1)
        elif isinstance(top, EndingScreen):
            self._save(app, f"ending-{app.ending_reached}")
            app.quit(0)
        elif isinstance(top, PlayScreen):
            session = app.session
            assert session is not None, "the play screen shows a session"
            if session.stuck:
                print(f"autoplay: {session.stuck} (seed {self.seed})")
                app.quit(1)
            elif top.revealing:
                pygame.event.post(key(pygame.K_SPACE))
            else:
                if self._last_scene != session.scene.id:
                    self._last_scene = session.scene.id
                    self._save(app, session.scene.id)
                if session.is_over:  # the last scene read: Enter opens its ending
                    pygame.event.post(key(pygame.K_RETURN))
                    return
                available = [c for c in top.choices if c.available]
                choice = self.rng.choice(available)
                self.choices += 1
                pygame.event.post(key(pygame.K_0 + choice.number))
        elif isinstance(top, ConsequenceScreen):
            pygame.event.post(key(pygame.K_SPACE))
        elif isinstance(top, TitleScreen):
            app.new_game()
        else:
            pygame.event.post(key(pygame.K_ESCAPE))

    def summary(self, app: App) -> str:
        return (
            f"autoplay (seed {self.seed}): reached the ending '{app.ending_reached}' after "
            f"{self.choices} choices"
        )
