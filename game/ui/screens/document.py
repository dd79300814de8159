"""A panel of scrolling text with buttons below: the base of history, notes, errors and endings."""

from __future__ import annotations

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import Block, Button, Rect, Scroller, is_key


class DocumentScreen(Screen):
    """Subclasses fill `build(width)` with a Block and `buttons()`; scrolling and layout are here."""

    backdrop: str | None = None
    dim = True  # darken the backdrop under the panel
    start_at_end = False
    max_width = 880  # at 1280x720
    default_focus = True  # False: no button has the focus until the player moves it

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.scroll = Scroller()
        self.block = Block()
        self.head = Block()  # the heading, pinned above the scrolling text
        self.head_at = (0, 0)
        self.panel = Rect(0, 0, 0, 0)
        self.box = Rect(0, 0, 0, 0)
        self.images: list[tuple[str | None, int, int, int]] = []  # (portrait, x, y, size) in block

    def build(self, width: int) -> Block:
        """The text to show, laid out to `width` pixels."""
        return Block()

    def heading(self, width: int) -> Block:
        """The screen's heading, laid out to `width`: it stays put while the text scrolls."""
        return Block()

    def buttons(self) -> list[Button]:
        return []

    def cancel(self) -> None:
        """Esc: closes the screen unless a subclass says otherwise."""
        self.app.pop()

    def panel_width(self) -> int:
        """The panel's width in the current window."""
        metrics = self.ui.metrics
        return min(
            metrics.width - 2 * metrics.margin,
            max(round(self.max_width * metrics.unit), round(metrics.width * 0.6)),
        )

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        width = self.panel_width()
        buttons = self.buttons()
        self.images = []
        self.head = self.heading(width - 2 * metrics.pad)
        self.block = self.build(width - 2 * metrics.pad)
        head = self.head.height
        row = 0
        if buttons:
            widths = [b.face(ui).width(b.label) + 2 * metrics.pad for b in buttons]
            fits = sum(widths) + metrics.gap * (len(buttons) - 1) <= width - 2 * metrics.pad
            row = max(
                b.measure(ui, w if fits else width - 2 * metrics.pad)
                for b, w in zip(buttons, widths, strict=True)
            )
        rows = 1 if not buttons or fits else len(buttons)
        buttons_height = rows * row + (rows - 1) * metrics.gap
        height = min(
            metrics.height - 2 * metrics.margin,
            head + self.block.height + 2 * metrics.pad + buttons_height + metrics.pad,
        )
        self.panel = Rect(0, 0, width, height)
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        self.head_at = (self.panel.x + metrics.pad, self.panel.y + metrics.pad)
        box = Rect(
            self.panel.x + metrics.pad,
            self.panel.y + metrics.pad + head,
            width - 2 * metrics.pad,
            height - 2 * metrics.pad - head - buttons_height - (metrics.pad if buttons else 0),
        )
        y = self.panel.bottom - metrics.pad - buttons_height
        if buttons and fits:
            x = self.panel.right - metrics.pad
            for b, w in reversed(list(zip(buttons, widths, strict=True))):
                b.rect = Rect(x - w, y, w, row)
                x -= w + metrics.gap
        else:
            for b in buttons:
                b.rect = Rect(self.panel.x + metrics.pad, y, width - 2 * metrics.pad, row)
                y += row + metrics.gap
        self.focus.set(buttons, keep=True)
        if self.focus.index is None and buttons and self.default_focus:
            self.focus.index = len(buttons) - 1 if fits else 0
        self.box = self.scroll.fit(
            ui,
            box,
            self.block.height,
            ui.face("prose", metrics.prose).height,
            [line.y for line in self.block.lines],
        )
        if self.start_at_end:
            self.scroll.offset = self.scroll.end

    def handle(self, event: pygame.event.Event) -> bool:
        if self.scroll.handle_mouse(event):
            return True
        if is_key(event, pygame.K_ESCAPE):
            self.cancel()
            return True
        if (
            is_key(
                event,
                pygame.K_UP,
                pygame.K_DOWN,
                pygame.K_PAGEUP,
                pygame.K_PAGEDOWN,
                pygame.K_HOME,
                pygame.K_END,
            )
            or event.type == pygame.MOUSEWHEEL
        ):
            return self.scroll.handle(event)
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        if self.opaque:
            if palette.high_contrast or self.backdrop is None:
                surface.fill(palette.backdrop)
            else:
                surface.blit(self.app.art.backdrop(self.backdrop, surface.get_size()), (0, 0))
        if self.dim:
            ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        if self.head.lines:
            self.head.draw(ui, surface, self.head_at, self.panel)
        self.block.draw(ui, surface, self.box.topleft, self.box, None, self.scroll.offset)
        clip = surface.get_clip()
        surface.set_clip(self.box)
        least = min(metrics.ui * 2, metrics.pad * 2)  # no sliver of a portrait at either edge
        for name, x, y, size in self.images:
            top = self.box.y + y - self.scroll.offset
            if top + size >= self.box.top + least and top + least <= self.box.bottom:
                surface.blit(self.app.art.portrait(name, (size, size)), (self.box.x + x, top))
        surface.set_clip(clip)
        self.scroll.draw(ui, surface, self.box.inflate(metrics.pad, 0))
        self.focus.draw(ui, surface, "center")
