"""The saves screen: slots with a thumbnail, date, chapter and place; save, load, delete."""

from __future__ import annotations

import functools
import logging
from datetime import datetime

import pygame

from game.engine import AUTOSAVE, SaveError, SlotInfo
from game.ui.screens.base import Screen
from game.ui.screens.menu import ConfirmScreen
from game.ui.widgets import Button, Rect, Scroller, Ui, footer_button, is_key
from game.ui.words import word

log = logging.getLogger("game.ui")
MANUAL_SLOTS = 6


def slot_label(slot: str) -> str:
    if slot == AUTOSAVE:
        return word("autosave")
    return word("slot", n=slot.removeprefix("slot")) if slot.startswith("slot") else slot


def saved_when(stamp: str) -> str:
    """An ISO time as the player's local date and time ('' if unreadable)."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%d %b %Y, %H:%M")
    except ValueError:
        return ""


def dashed_rect(surface: pygame.Surface, colour: tuple[int, int, int], rect: Rect, dash: int) -> None:
    """A rectangle outlined in dashes."""
    for (x0, y0), (x1, y1) in (
        (rect.topleft, rect.topright),
        (rect.bottomleft, rect.bottomright),
        (rect.topleft, rect.bottomleft),
        (rect.topright, rect.bottomright),
    ):
        x1, y1 = (x1 - 1, y1) if y0 == y1 else (x1, y1 - 1)
        if y0 == rect.bottom:
            y0 = y1 = rect.bottom - 1
        if x0 == rect.right:
            x0 = x1 = rect.right - 1
        length = max(abs(x1 - x0), abs(y1 - y0))
        for start in range(0, length, dash * 2):
            end = min(length, start + dash)
            if y0 == y1:
                pygame.draw.line(surface, colour, (x0 + start, y0), (x0 + end, y0))
            else:
                pygame.draw.line(surface, colour, (x0, y0 + start), (x0, y0 + end))


class SlotRow(Button):
    """One slot: thumbnail on the left, name, date, chapter and place (or its problem)."""

    def __init__(
        self,
        slot: str,
        info: SlotInfo | None,
        action,
        enabled: bool,  # noqa: ANN001
        picture: pygame.Surface | None,
    ) -> None:
        super().__init__(slot_label(slot), action, enabled)
        self.slot, self.info, self.picture = slot, info, picture

    def details(self) -> list[tuple[str, str]]:
        info = self.info
        if info is None:
            return []
        if info.problem:
            return [(word("damaged"), "fall"), (info.problem, "dim")]
        # The chapter on its own line, then place and date, so no date is split across lines.
        where = " · ".join(x for x in (info.place, info.when) if x)
        return [(x, "text") for x in (info.chapter, where) if x] + [
            (word("saved_at", when=saved_when(info.saved_at)), "dim")
        ]

    def measure(self, ui: Ui, width: int) -> int:
        thumb_h = round(72 * ui.metrics.unit)
        text_w = width - thumb_h * 16 // 9 - ui.metrics.pad * 2
        small = ui.face("ui", ui.metrics.small)
        self._lines = [self.label]
        self._detail_lines = [
            (line, tone) for text, tone in self.details() for line in small.wrap(text, text_w)
        ]
        self._text_h = ui.face("ui_bold", ui.metrics.ui).height + len(self._detail_lines) * small.height
        return max(thumb_h + ui.metrics.gap * 2, self._text_h + ui.metrics.gap * 2)

    def draw(self, ui: Ui, surface: pygame.Surface, focused: bool, align: str | None = None) -> None:
        palette, metrics = ui.palette, ui.metrics
        self.measure(ui, self.rect.width)
        radius = max(4, metrics.radius // 2)
        ui.panel(
            surface,
            self.rect,
            palette.button_hover if (self.hover or focused) else palette.button,
            radius=radius,
            edge=palette.high_contrast,
        )
        if focused:
            pygame.draw.rect(surface, palette.focus, self.rect, 2, border_radius=radius)
        thumb = Rect(
            self.rect.x + metrics.gap,
            self.rect.y + metrics.gap,
            0,
            min(self.rect.height - 2 * metrics.gap, round(72 * metrics.unit)),
        )
        thumb.width = thumb.height * 16 // 9
        thumb.centery = self.rect.centery
        small = ui.face("ui", metrics.small)
        if self.picture is not None:
            surface.blit(pygame.transform.smoothscale(self.picture, thumb.size), thumb)
        elif self.info is None:  # an empty slot: a dashed frame saying so, not a grey box
            dashed_rect(
                surface, palette.text_dim if self.enabled else palette.locked, thumb, max(4, metrics.gap)
            )
            label = small.wrap(word("empty_slot"), thumb.width - 4)[0]
            ui.text(
                surface,
                label,
                small,
                palette.text_dim,
                (thumb.centerx - small.width(label) // 2, thumb.centery - small.height // 2),
                thumb,
            )
        else:
            ui.panel(surface, thumb, palette.bar_back, radius=radius // 2, edge=False)
        x = thumb.right + metrics.pad
        box = Rect(x, self.rect.y, self.rect.right - x - metrics.gap, self.rect.height)
        head = ui.face("ui_bold", metrics.ui)
        y = self.rect.centery - self._text_h // 2  # the text block centred beside the picture
        ui.text(
            surface,
            self.label,
            head,
            palette.heading if self.enabled or self.info else palette.locked,
            (x, y),
            box,
        )
        y += head.height
        tones = {"text": palette.text, "dim": palette.text_dim, "fall": palette.fall}
        for line, tone in self._detail_lines:
            ui.text(surface, line, small, tones[tone], (x, y), box)
            y += small.height


class SavesScreen(Screen):
    """Mode 'save' or 'load'; Delete asks first. `snapshot` is the picture saved with a save."""

    def __init__(self, app, mode: str, snapshot: pygame.Surface | None = None) -> None:  # noqa: ANN001
        super().__init__(app)
        self.mode = mode
        self.snapshot = snapshot
        self.scroll = Scroller()
        self.panel = Rect(0, 0, 0, 0)
        self.box = Rect(0, 0, 0, 0)
        self.base: list[tuple[Button, Rect]] = []
        self._pictures: dict[str, pygame.Surface | None] = {}

    def _picture(self, info: SlotInfo | None) -> pygame.Surface | None:
        if info is None or not info.thumbnail.is_file():
            return None
        key = f"{info.thumbnail}:{info.saved_at}"
        if key not in self._pictures:
            try:
                self._pictures[key] = pygame.image.load(str(info.thumbnail))
            except (pygame.error, OSError) as exc:
                log.warning("thumbnail %s could not be read: %s", info.thumbnail, exc)
                self._pictures[key] = None
        return self._pictures[key]

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        infos = {i.slot: i for i in self.app.store.slots()}
        names = [f"slot{n}" for n in range(1, MANUAL_SLOTS + 1)]
        if self.mode == "load":  # only what can be loaded (or is damaged): no empty rows
            names.insert(0, AUTOSAVE)
            names += sorted(s for s in infos if s not in names)
            names = [n for n in names if n in infos]
        scale = max(1.0, self.app.settings.text_scale * 0.9)
        width = min(metrics.width - 2 * metrics.margin, round(820 * metrics.unit * scale))
        heading = ui.face("display", metrics.heading)
        self.panel = Rect(0, 0, width, metrics.height - 2 * metrics.margin)
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        back = footer_button(ui, word("back"), self.app.pop, self.panel)
        top = self.panel.y + metrics.pad + heading.height + metrics.gap
        self.box = Rect(
            self.panel.x + metrics.pad, top, width - 2 * metrics.pad, back.rect.top - metrics.gap - top
        )
        delete_w = ui.face("ui", metrics.small).width(word("delete")) + metrics.pad * 2
        self.base = []
        y = 0
        buttons: list[Button] = []
        for name in names:
            info = infos.get(name)
            usable = info is not None and info.problem is None
            enabled = usable if self.mode == "load" else name != AUTOSAVE
            row = SlotRow(name, info, lambda n=name: self.pick(n), enabled, self._picture(info))
            row_w = self.box.width - delete_w - metrics.gap  # a Delete column on every row: one right edge
            h = row.measure(ui, row_w)
            self.base.append((row, Rect(0, y, row_w, h)))
            buttons.append(row)
            if info is not None:
                delete = Button(word("delete"), functools.partial(self.delete, name), kind="small")
                self.base.append((delete, Rect(row_w + metrics.gap, y, delete_w, h)))
                buttons.append(delete)
            y += h + metrics.gap
        tops = sorted({rect.y for button, rect in self.base if isinstance(button, SlotRow)})
        self.scroll.set(max(0, y - metrics.gap), self.box.height, round(80 * metrics.unit), tops)
        self.base.append((back, Rect(back.rect)))
        index = self.focus.index
        self.focus.set([*buttons, back], keep=False)
        self.focus.index = (
            index
            if index is not None
            else next((i for i, b in enumerate(buttons) if b.enabled), len(buttons))
        )
        self._place()

    def _place(self) -> None:
        """Moves the slot rows to the scroll position; keeps the focused row in view."""
        focused = self.focus.focused
        for button, rect in self.base:
            if button is focused and button.label != word("back"):
                if rect.top < self.scroll.offset:
                    self.scroll.offset = rect.top
                elif rect.bottom > self.scroll.offset + self.box.height:
                    need = rect.bottom - self.box.height  # the view starts at a row's top
                    self.scroll.offset = next((t for t in self.scroll.stops if t >= need), need)
        for button, rect in self.base[:-1]:
            button.rect = rect.move(self.box.x, self.box.y - self.scroll.offset)

    def pick(self, slot: str) -> None:
        if self.mode == "load":
            self.app.load(slot)
            return
        exists = any(i.slot == slot for i in self.app.store.slots())
        if exists:
            self.app.push(
                ConfirmScreen(
                    self.app, word("confirm_overwrite", slot=slot_label(slot)), lambda: self._save(slot)
                )
            )
        else:
            self._save(slot)

    def _save(self, slot: str) -> None:
        if self.app.save(slot, self.snapshot):
            self.app.notify(word("saved", slot=slot_label(slot)))
        self.layout()

    def delete(self, slot: str) -> None:
        def go() -> None:
            try:
                self.app.store.delete(slot)
                self.app.notify(word("deleted", slot=slot_label(slot)))
            except SaveError as exc:
                self.app.notify(str(exc))
            self.layout()

        self.app.push(ConfirmScreen(self.app, word("confirm_delete", slot=slot_label(slot)), go))

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.app.pop()
            return True
        if event.type == pygame.MOUSEWHEEL or is_key(event, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            used = self.scroll.handle(event)
            for button, rect in self.base[:-1]:
                button.rect = rect.move(self.box.x, self.box.y - self.scroll.offset)
            return used
        if (
            event.type in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP)
            and not self.box.collidepoint(event.pos)
            and not self.base[-1][0].rect.collidepoint(event.pos)
        ):
            return False
        used = self.focus.handle(event)
        if used and event.type == pygame.KEYDOWN:
            self._place()
        return used

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        if palette.high_contrast:
            surface.fill(palette.backdrop)
        else:
            surface.blit(self.app.art.backdrop("title", surface.get_size()), (0, 0))
            ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        heading = ui.face("display", metrics.heading)
        title = word("save_title") if self.mode == "save" else word("load_title")
        ui.text(
            surface,
            title,
            heading,
            palette.heading,
            (self.panel.x + metrics.pad, self.panel.y + metrics.pad),
            self.panel,
        )
        if len(self.focus.buttons) == 1:  # nothing saved yet: say so, not an empty list
            face = ui.face("prose", metrics.prose)
            for i, line in enumerate(face.wrap(word("no_saves"), self.box.width)):
                ui.text(
                    surface,
                    line,
                    face,
                    palette.text_dim,
                    (self.box.x, self.box.y + i * face.height),
                    self.box,
                )
        clip = surface.get_clip()
        surface.set_clip(self.box)
        for i, button in enumerate(self.focus.buttons[:-1]):
            if self.box.contains(button.rect):  # whole rows only: the cue says there are more
                button.draw(ui, surface, i == self.focus.index)
        surface.set_clip(clip)
        self.scroll.draw(ui, surface, self.box.inflate(metrics.gap * 2, 0))
        back = self.focus.buttons[-1]
        back.draw(ui, surface, self.focus.index == len(self.focus.buttons) - 1)
