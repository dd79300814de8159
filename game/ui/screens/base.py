"""The screen contract shared by every screen on the app's stack."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

from game.ui.widgets import FocusGroup

if TYPE_CHECKING:
    from game.ui.app import App


class Screen:
    """One screen: `handle` consumes events, `update` animates, `draw` never changes the game."""

    opaque = True  # False: the screens below are drawn first (overlays, dialogs)

    def __init__(self, app: App) -> None:
        self.app = app
        self.focus = FocusGroup()

    @property
    def ui(self):  # noqa: ANN201 - the app's Ui, re-read so a new theme applies at once
        return self.app.ui

    def layout(self) -> None:
        """Recomputes positions from the window size and settings (on push, resize, settings)."""

    def handle(self, event: pygame.event.Event) -> bool:
        """Returns True if the event was used (the app then redraws)."""
        return self.focus.handle(event)

    def update(self, dt: float) -> bool:
        """Advances animations by `dt` seconds; True if something moved and needs a redraw."""
        return False

    def draw(self, surface: pygame.Surface) -> None:
        """Draws the screen; must not change the game."""

    def on_top(self) -> None:
        """Called when the screen above it closes."""
        self.layout()
