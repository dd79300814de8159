"""The picture behind the play screen's scene: its backdrop (a variant may set its own, night or
winter), the backdrop's motion (stepped 30 times a second, still when motion is reduced), its
ambience, and the shade under the caption that keeps the caption and tools readable over any sky.
In high contrast the picture is a plain fill."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pygame

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.motion import Motion

MOTION_STEP = 1 / 30  # seconds between motion frames


class Backdrop:
    """The scene's picture, its motion and its ambience."""

    def __init__(self, app: App, name: str | None) -> None:
        self.app = app
        self.name = name  # the backdrop's name (game.ui.art)
        self.motion: Motion | None = None
        self._time = 0.0  # since the motion last moved

    def show(self, name: str | None) -> None:
        """The picture `name` from now on, with its motion and its ambience."""
        self.name = name
        self.motion = self.app.art.motion(name)
        self.app.audio.play(self.app.art.ambience(name))

    def update(self, dt: float) -> bool:
        """Steps the motion on by `dt` seconds; True if it moved."""
        if self.motion is None or self.app.settings.reduced_motion:
            return False
        self._time += dt
        if self._time < MOTION_STEP:
            return False
        moved = bool(self.motion.update(self._time))
        self._time = 0.0
        return moved

    def draw(self, surface: pygame.Surface, panel_top: int) -> None:
        """The picture and its motion, shaded from the top down to the text's panel at
        `panel_top` (text contrast 4.5:1 or more over any sky)."""
        ui = self.app.ui
        metrics, palette = ui.metrics, ui.palette
        if palette.high_contrast:
            surface.fill(palette.backdrop)
            return
        surface.blit(self.app.art.backdrop(self.name, surface.get_size()), (0, 0))
        if self.motion is not None and not self.app.settings.reduced_motion:
            self.motion.draw(surface, surface.get_rect())
        caption = metrics.margin + ui.face("ui_bold", metrics.small).height + ui.face("ui", metrics.ui).height
        ui.shade_top(surface, min(caption, panel_top), panel_top + metrics.gap)
