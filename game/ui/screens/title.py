"""The title screen and the content note shown before a new game."""

from __future__ import annotations

import functools

import pygame

from game.ui.screens.base import Screen
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, Rect, is_key, layout_column
from game.ui.words import word

CREDIT = "After Lixin Fan's documentary Last Train Home (2009)"


class TitleScreen(Screen):
    """Title, 归途列车, and New game, Continue, Load, Settings, Quit."""

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.latest = None
        self.menu_top = 0
        app.classroom = None  # back at the title, any class session is over (its record is saved)

    def layout(self) -> None:
        ui, m = self.ui, self.ui.m
        self.latest = self.app.store.latest()
        note = None
        if self.latest is not None:
            note = " · ".join(x for x in (self.latest.chapter, self.latest.place) if x) or None
        buttons = [
            Button(word("continue"), self.resume, self.latest is not None, note=note),
            Button(word("new_game"), self.new_game),
            Button(word("classroom"), self.classroom),
            Button(word("load"), self.open_load, bool(self.app.store.slots())),
            Button(word("settings"), self.open_settings),
            Button(word("quit"), lambda: self.app.quit(0)),
        ]
        width = min(round(360 * m.unit * max(1.0, self.app.settings.text_scale)), m.width // 2)
        title_h = ui.face("display", m.title).height + ui.face("display", round(m.title * 0.55)).height
        self.menu_top = m.margin * 2 + title_h + m.pad * 2
        bottom = layout_column(buttons, ui, m.margin * 2, self.menu_top, width, m.gap)
        overflow = bottom - (m.height - m.margin * 2)
        if overflow > 0:  # small windows at the largest text: move the menu up into the title's space
            for b in buttons:
                b.rect.y -= overflow
        self.focus.set(buttons, keep=True)
        if self.focus.index is None:
            self.focus.index = 0 if self.latest is not None else 1  # Continue, else New game

    def resume(self) -> None:
        if self.latest is not None:
            self.app.load(self.latest.slot)

    def new_game(self) -> None:
        self.app.push(ContentNoteScreen(self.app))

    def classroom(self) -> None:
        from game.ui.screens.classroom_setup import enter_classroom
        enter_classroom(self.app)

    def open_load(self) -> None:
        from game.ui.screens.saves import SavesScreen
        self.app.push(SavesScreen(self.app, "load"))

    def open_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen
        self.app.push(SettingsScreen(self.app))

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            return False
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        if p.high_contrast:
            surface.fill(p.backdrop)
        else:
            surface.blit(self.app.art.backdrop("title", surface.get_size()), (0, 0))
            surface.blit(_shade(round(m.width * 0.6), m.height), (0, 0))
        story = self.app.story
        big = ui.face("display", m.title)
        native = ui.face("display", round(m.title * 0.5))
        x, y = m.margin * 2, m.margin * 2
        box = Rect(x, y - m.gap, m.width - 2 * x, m.height)
        top_of_menu = min(b.rect.top for b in self.focus.buttons) if self.focus.buttons else m.height
        if y + big.height + native.height <= top_of_menu:
            for line in big.wrap(story.title, box.width):
                ui.text(surface, line, big, p.heading, (x, y), box)
                y += big.height
            if story.title_native:
                ui.text(surface, story.title_native, native, p.accent, (x + 2, y), box)
        self.focus.draw(ui, surface)
        small = ui.face("ui", m.small)
        credit = small.wrap(CREDIT, m.width // 2)[-1:] if m.width > 2 * small.width(CREDIT) else []
        for line in credit:
            pos = (m.width - m.margin - small.width(line), m.height - m.margin - small.height)
            ui.text(surface, line, small, p.text_dim, pos, Rect(0, 0, m.width, m.height))


@functools.lru_cache(maxsize=4)
def _shade(width: int, height: int) -> pygame.Surface:
    """A night-blue veil, dark at the left edge and fading out to the right."""
    strip = pygame.Surface((width, 1), pygame.SRCALPHA)  # one row, stretched: a fill per pixel
    for x in range(width):                                 # of a column cost ms at start-up
        strip.set_at((x, 0), (12, 14, 30, round(170 * (1 - x / width) ** 1.6)))
    return pygame.transform.scale(strip, (width, height))


class ContentNoteScreen(DocumentScreen):
    """The story's content note, then Begin (or Back)."""

    backdrop = "title"

    def build(self, width: int) -> Block:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        block = Block()
        block.add(word("content_note"), ui.face("display", m.heading), p.heading, width, after=0.4)
        note = self.app.story.content_note or ""
        from game.story.model import paragraphs
        for paragraph in paragraphs(note):
            block.add(paragraph, ui.face("prose", m.prose), p.text, width, spacing=m.line_spacing)
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("back"), self.app.pop, kind="menu"),
                Button(word("begin"), self.app.new_game, kind="menu")]
