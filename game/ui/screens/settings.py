"""The settings screen: each row shows its value; Left/Right or a click changes it at once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import pygame

from game.settings import TEXT_SIZES, TEXT_SPEEDS, Settings, step_choice
from game.ui.screens.base import Screen
from game.ui.widgets import Button, Rect, Ui, footer_button, footer_height, is_key, layout_column
from game.ui.words import word


class SettingRow(Button):
    """A row with a label on the left and '‹ value ›' on the right."""

    def __init__(self, label: str, value: Callable[[], str], change: Callable[[int], None]) -> None:
        super().__init__(label, lambda: change(1))
        self.value = value
        self.change = change
        self.value_span = (0, 0)  # where '‹ value' was drawn: a click there steps back

    def measure(self, ui: Ui, width: int) -> int:
        face = self.face(ui)
        value_w = face.width("\u2039  Largest  \u203a") + ui.metrics.pad
        lines = face.wrap(self.label, max(40, width - value_w - ui.metrics.pad))
        self._lines = lines
        return max(ui.metrics.button_height, len(lines) * face.height + ui.metrics.gap * 2)

    def draw(self, ui: Ui, surface: pygame.Surface, focused: bool, align: str | None = None) -> None:
        palette = ui.palette
        face = self.face(ui)
        self.measure(ui, self.rect.width)
        colour = palette.button_hover if self.hover or focused else palette.button
        radius = max(4, ui.metrics.radius // 2)
        ui.panel(surface, self.rect, colour, radius=radius, edge=palette.high_contrast)
        if focused:
            pygame.draw.rect(surface, palette.focus, self.rect, 2, border_radius=radius)
        y = self.rect.centery - len(self._lines) * face.height // 2
        for line in self._lines:
            ui.text(
                surface, line, face, palette.button_text, (self.rect.x + ui.metrics.pad // 2, y), self.rect
            )
            y += face.height
        value = f"\u2039  {self.value()}  \u203a"
        x = self.rect.right - ui.metrics.pad // 2 - face.width(value)
        self.value_span = (x, x + face.width(value) // 2)
        ui.text(surface, value, face, palette.focus, (x, self.rect.centery - face.height // 2), self.rect)

    def click(self, pos: tuple[int, int]) -> None:
        """The left part of the value steps back, anything else steps forward."""
        left, middle = self.value_span
        self.change(-1 if left - 8 <= pos[0] < middle else 1)


def _on_off(value: bool) -> str:
    return word("on") if value else word("off")


class SettingsScreen(Screen):
    """Text speed, text size, fullscreen, music and ambience volumes, high contrast, reduced motion;
    saved at once."""

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.panel = Rect(0, 0, 0, 0)

    def _set(self, **values: Any) -> None:
        self.app.change_settings(replace(self.app.settings, **values))

    def rows(self) -> list[Button]:
        s: Callable[[], Settings] = lambda: self.app.settings

        def cycle(name: str, options: tuple[str, ...], wrap: bool = True) -> Callable[[int], None]:
            return lambda step: self._set(**{name: step_choice(options, getattr(s(), name), step, wrap)})

        def toggle(name: str) -> Callable[[int], None]:
            return lambda step: self._set(**{name: not getattr(s(), name)})

        def volume(name: str) -> Callable[[int], None]:
            def change(step: int) -> None:
                self._set(**{name: round(max(0.0, min(1.0, getattr(s(), name) + 0.1 * step)), 2)})

            return change

        return [
            SettingRow(
                word("text_speed"), lambda: word(f"speed_{s().text_speed}"), cycle("text_speed", TEXT_SPEEDS)
            ),
            SettingRow(
                word("text_size"),
                lambda: word(f"size_{s().text_size}"),
                cycle("text_size", TEXT_SIZES, wrap=False),
            ),  # never Largest to Small
            SettingRow(word("fullscreen"), lambda: _on_off(s().fullscreen), toggle("fullscreen")),
            SettingRow(
                word("music_volume"), lambda: f"{round(s().music_volume * 100)}%", volume("music_volume")
            ),
            SettingRow(
                word("ambience_volume"),
                lambda: f"{round(s().ambience_volume * 100)}%",
                volume("ambience_volume"),
            ),
            SettingRow(word("high_contrast"), lambda: _on_off(s().high_contrast), toggle("high_contrast")),
            SettingRow(word("reduced_motion"), lambda: _on_off(s().reduced_motion), toggle("reduced_motion")),
        ]

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        width = min(
            metrics.width - 2 * metrics.margin,
            round(640 * metrics.unit * max(1.0, self.app.settings.text_scale)),
        )
        heading = ui.face("display", metrics.heading)
        rows = self.rows()
        gap = max(2, metrics.gap // 2)
        top_pad = metrics.pad + heading.height + metrics.gap
        self.panel = Rect(0, 0, width, 0)
        bottom = layout_column(rows, ui, 0, 0, width - 2 * metrics.pad, gap)
        small = ui.face("ui", metrics.small)
        back_w = min(
            width // 2, Button(word("back"), lambda: None).face(ui).width(word("back")) + 2 * metrics.pad
        )
        self.hint_lines = small.wrap(word("settings_hint"), width - 2 * metrics.pad - back_w - metrics.gap)
        foot_h = max(footer_height(ui), len(self.hint_lines) * small.height) + metrics.gap
        self.panel.height = min(
            metrics.height - 2 * metrics.margin + metrics.pad, top_pad + bottom + foot_h + metrics.pad
        )
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        for b in rows:
            b.rect.move_ip(self.panel.x + metrics.pad, self.panel.y + top_pad)
        back = footer_button(ui, word("back"), self.app.pop, self.panel)
        index = self.focus.index
        self.focus.set([*rows, back], keep=False)
        self.focus.index = index if index is not None else 0

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.app.pop()
            return True
        focused = self.focus.focused
        if is_key(event, pygame.K_LEFT, pygame.K_RIGHT) and isinstance(focused, SettingRow):
            focused.change(-1 if event.key == pygame.K_LEFT else 1)
            return True
        if is_key(event, pygame.K_LEFT, pygame.K_RIGHT):
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            for b in self.focus.buttons:
                if isinstance(b, SettingRow) and b.rect.collidepoint(event.pos):
                    b.click(event.pos)
                    return True
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        if palette.high_contrast:
            surface.fill(palette.backdrop)
        else:
            surface.blit(self.app.art.backdrop("title", surface.get_size()), (0, 0))
            ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        heading = ui.face("display", metrics.heading)
        ui.text(
            surface,
            word("settings_title"),
            heading,
            palette.heading,
            (self.panel.x + metrics.pad, self.panel.y + metrics.pad),
            self.panel,
        )
        self.focus.draw(ui, surface)
        small = ui.face("ui", metrics.small)
        back = self.focus.buttons[-1].rect  # the hint sits beside Back, in the footer
        y = back.centery - len(self.hint_lines) * small.height // 2
        for line in self.hint_lines:
            ui.text(surface, line, small, palette.text_dim, (self.panel.x + metrics.pad, y), self.panel)
            y += small.height
