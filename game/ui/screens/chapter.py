"""The chapter card: a title card when a chapter begins (its name, place and year).

It fades in over the play screen, holds, and fades out on its own; any key or click skips it.
With reduced motion it appears and goes without fading. It is shown when the story enters a new
chapter by a choice or at a new game, never again on an undo or a load.
"""

from __future__ import annotations

import pygame

from game.story.model import Scene
from game.ui.screens.base import Screen
from game.ui.text import Face
from game.ui.words import word

FADE = 0.45  # seconds in, and again out
HOLD = 2.2  # seconds fully shown


class ChapterCardScreen(Screen):
    """Over the play screen while it lasts; the play screen's text types once it has gone."""

    opaque = False

    def __init__(self, app, scene: Scene) -> None:  # noqa: ANN001
        super().__init__(app)
        self.scene = scene
        chapters = app.story.chapters()
        self.number = chapters.index(scene.chapter) + 1 if scene.chapter in chapters else None
        self.count = len(chapters)
        self.time = 0.0
        self.rows: list = []  # (text, face, colour, top-left), laid out for the window's size
        self._layer: pygame.Surface | None = None

    @property
    def reduced(self) -> bool:
        return self.app.settings.reduced_motion

    @property
    def total(self) -> float:
        return HOLD + (0 if self.reduced else 2 * FADE)

    @property
    def alpha(self) -> int:
        """How opaque the card is now (0-255): fading in, held, fading out."""
        if self.reduced:
            return 255
        t = min(self.time, self.total - self.time)
        return round(255 * max(0.0, min(1.0, t / FADE)))

    def layout(self) -> None:
        self._layer = None

    def skip(self) -> None:
        if self.app.top is self:
            self.app.pop()

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN or (event.type == pygame.MOUSEBUTTONDOWN and event.button == 1):
            self.skip()
            return True
        return event.type == pygame.MOUSEBUTTONUP  # the click's release stays here too

    def update(self, dt: float) -> bool:
        self.time += dt
        if self.time >= self.total:
            self.skip()
        return True

    def _rows(self, size: tuple[int, int]) -> list[tuple[str, Face, tuple[int, int, int], tuple[int, int]]]:
        """The card's lines, centred: (text, face, colour, top-left)."""
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        scene = self.scene
        width = min(size[0] - 2 * metrics.margin, round(size[0] * 0.8))
        small, big, face = (
            ui.face("ui_bold", metrics.small),
            ui.face("display", metrics.title),
            ui.face("ui", metrics.ui),
        )
        rows: list[tuple[str, Face, tuple[int, int, int]]] = []
        if self.number is not None:
            rows.append(
                (word("chapter_of", number=self.number, count=self.count).upper(), small, palette.focus)
            )
        rows += [(line, big, palette.heading) for line in big.wrap(scene.chapter, width)]
        where = " · ".join(part for part in (scene.place, scene.when) if part)
        rows += [(line, face, palette.text) for line in (face.wrap(where, width) if where else [])]
        gaps = [metrics.pad if i and rows[i - 1][1] is not f else 0 for i, (_, f, _) in enumerate(rows)]
        y = (size[1] - sum(f.height for _, f, _ in rows) - sum(gaps)) // 2
        placed = []
        for (text, f, colour), gap in zip(rows, gaps, strict=True):
            y += gap
            placed.append((text, f, colour, ((size[0] - f.width(text)) // 2, y)))
            y += f.height
        return placed

    def draw(self, surface: pygame.Surface) -> None:
        size = surface.get_size()
        if self._layer is None or self._layer.get_size() != size:
            self._layer = pygame.Surface(size)
            self._layer.fill(self.ui.palette.backdrop[:3])
            self.rows = self._rows(size)
        alpha = self.alpha
        self._layer.set_alpha(round(alpha * 0.93))
        surface.blit(self._layer, (0, 0))
        box = surface.get_rect()
        for text, face, colour, pos in self.rows:
            if alpha >= 255:
                self.ui.text(surface, text, face, colour, pos, box)
            else:
                image = face.render(text, colour).copy()
                image.set_alpha(alpha)
                surface.blit(image, pos)
