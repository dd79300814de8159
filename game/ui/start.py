"""The window's start: the first frame at once, and the rest of the game imported behind it.

`run(options)` is the desktop player's entry. It draws the first frame with game.ui.firstframe
(pygame, the settings, the title's picture and words: no story, no engine), then imports
game.ui.app (and with it the story's reader, the engine and the screens) in a background thread
while the window shows "Loading the story…" and answers its close button. The title then comes up
with its menu, greyed until the story has been read behind it (game.ui.loading).
"""

from __future__ import annotations

import importlib
import logging
import threading

import pygame

from game.options import LaunchOptions
from game.ui.firstframe import FirstFrame, draw_card, open_first_frame

POLL_S = 0.01  # how often the first frame looks at its window while the game is imported
REST = "game.ui.app"  # the rest of the window: the loop, and through it the story, engine, screens


class GameImport:
    """Imports the rest of the window in a daemon thread (it touches nothing of pygame's)."""

    def __init__(self) -> None:
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._import, name="game-import", daemon=True)
        self._thread.start()

    def _import(self) -> None:
        try:
            importlib.import_module(REST)
        except BaseException as exc:  # noqa: BLE001 - raised again in the main thread by `result`
            self._error = exc

    @property
    def done(self) -> bool:
        return not self._thread.is_alive()

    def wait(self, seconds: float) -> None:
        """Waits until the import ends, or `seconds` at most."""
        self._thread.join(seconds)

    def finish(self) -> None:
        """Waits for the import to end; raises what it raised."""
        self._thread.join()
        if self._error is not None:
            raise self._error


def wait_showing(first: FirstFrame, rest: GameImport) -> bool:
    """Keeps the first frame up until `rest` is imported: drawn again when the window changes
    size or is uncovered; False if the player closed the window meanwhile."""
    while not rest.done:
        for event in pygame.event.get():
            if event.type == pygame.QUIT:
                return False
            if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED, pygame.WINDOWEXPOSED):
                first.surface = pygame.display.get_surface() or first.surface
                draw_card(first)
        rest.wait(POLL_S)  # back at once when the import ends
    return True


def run(options: LaunchOptions) -> int:
    """Plays the game in a window (or autoplays it); returns the process exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        first = open_first_frame(options)
        rest = GameImport()
        if not wait_showing(first, rest):
            return 0
        rest.finish()
        from game.ui.app import play  # imported by now, behind the first frame

        return play(options, first)
    except KeyboardInterrupt:
        return 130
    finally:
        # The window goes first, so the game is gone the moment the player quits; the sound
        # device and the rest of pygame close after it, unseen (bench/ui_quit.py).
        pygame.display.quit()
        pygame.quit()
