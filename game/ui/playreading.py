"""The play screen's reading of a scene's text: the text laid out as lines (a Block), how much of
it shows, and where it is scrolled.

Out of class the text types at the reader's speed and the view follows the line being typed;
Space or a click shows it all. In class (`paged`) it shows a page at a time and never scrolls by
itself: the teacher turns the pages (game.ui.pages). Once the text shows whole, the screen lays
out its choices again (the `fit_choices` it is given) and the text's last line stays in view with
them. Where the text goes comes from the screen's layout (game.ui.playlayout), which `place` hands
over on each layout, and the text's words (the last quiet choice's line, then the paragraphs)
come from the screen's scene (`set_text`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import pages
from game.ui.playlayout import PlayLayout
from game.ui.playparts import text_block
from game.ui.widgets import Block
from game.ui.words import word

if TYPE_CHECKING:
    from game.ui.app import App


class Reading:
    """How far the player has read the scene's text, and where it is scrolled."""

    def __init__(self, app: App, plan: PlayLayout, fit_choices: Callable[[], None]) -> None:
        self.app = app
        self.plan = plan  # where the text goes: the screen's latest layout
        self.scroll = plan.scroll  # the text's scroll offset: it outlives a layout
        self.texts: list[str] = []  # the scene's paragraphs
        self.lead: str | None = None  # a quiet choice's `says` line, opening the next scene
        self.block = Block()
        self.revealed = 0.0  # how many of the text's characters show
        self.fit_choices = fit_choices  # the screen's choices laid out again for what shows

    @property
    def paged(self) -> bool:
        """In class the text shows a page at a time and the teacher turns pages (game.ui.pages)."""
        return self.app.classroom is not None

    @property
    def revealing(self) -> bool:
        """The text is still being shown (in class, a page at a time)."""
        return self.revealed < self.block.chars

    @property
    def hinted(self) -> bool:
        """Whether a quiet hint shows under the text while it shows: "show all" (unless motion is
        reduced), or in class the page."""
        return self.revealing and (self.paged or not self.app.settings.reduced_motion)

    def set_text(self, texts: list[str], lead: str | None) -> None:
        """A new scene's words, laid out on the next `place`: `lead` (the last quiet choice's
        line, in italics) and the paragraphs."""
        self.texts, self.lead = texts, lead

    def place(self, plan: PlayLayout, stuck: str | None) -> None:
        """The text laid out anew for `plan`, the layout it goes in, with a note when the player
        is `stuck` (no choice can be taken)."""
        self.block = text_block(self.app.ui, plan.inner, self.lead, self.texts, stuck)
        self.plan = plan

    def begin(self, reveal: bool) -> None:
        """A new scene's text, placed with its scroll at the top: typed from nothing if `reveal`
        and the text types, else shown whole; at once in class, its first page."""
        speed = self.app.settings.chars_per_second
        self.revealed = 0.0 if reveal and speed > 0 else float(self.block.chars)
        if reveal and speed <= 0 and self.paged:
            self.revealed = 0.0
            self.fit_choices()  # the first page's height is what the choices leave
            self.revealed = self.page_end()
        self.fit_choices()

    def page_end(self) -> float:
        """Where the text stops appearing: the end of the page in view in class, else its end."""
        if not self.paged:
            return float(self.block.chars)
        return float(pages.page_end(self.block, self.scroll.offset, self.plan.text_box.height))

    def skip_ahead(self) -> None:
        """Space, Enter, a number or a click while the text shows: in class the rest of the page
        or the next page, else all of it."""
        if self.paged:
            self.turn_page()
        else:
            self.show_all()

    def show_all(self) -> None:
        """All the text at once."""
        self.revealed = float(self.block.chars)
        self.fit_choices()

    def turn_page(self) -> None:
        """In class: the rest of the page at once, then the next page (its first line at the
        top). Once the last page shows whole, the choices come (or the prompt and card wait)."""
        end = self.page_end()
        top = pages.next_page(self.block, self.scroll.offset, self.plan.text_box.height)
        if self.revealed < end:
            self.revealed = end
        elif top is not None:
            self.scroll.offset = min(self.scroll.end, top)
            if self.app.settings.chars_per_second <= 0:  # at once: the whole page
                self.revealed = max(self.revealed, self.page_end())
        if not self.revealing:
            self.fit_choices()
            self._show_text_end()

    def update(self, dt: float) -> bool:
        """Types on for `dt` seconds at the reader's speed, up to the page's end; True if more
        of the text shows."""
        end = self.page_end() if self.revealing else 0.0
        if not (self.revealing and self.revealed < end):
            return False
        self.revealed = min(end, self.revealed + dt * self.app.settings.chars_per_second)
        if not self.paged:  # in class the page stays put: the teacher turns it
            self._follow_reveal()
            self.plan.follow_scroll()
        if not self.revealing:  # typed to its end: the choices come, the end stays in view
            self.fit_choices()
            self._show_text_end()
        return True

    def hint(self) -> str:
        """The quiet hint while the text shows: show all, or in class which page and how to go
        on ("" once it shows whole)."""
        if not self.revealing:
            return ""
        if not self.paged:
            return word("show_all_hint") if self.hinted else ""
        height = self.plan.text_box.height
        count = pages.page_count(self.block, height)
        page = count - pages.page_count(self.block, height, self.scroll.offset) + 1
        where = word("page_of", page=page, pages=count) + " · " if count > 1 else ""
        if self.revealed < self.page_end():
            return where + word("page_typing_hint")
        return where + word("next_page_hint")

    def draw(self, surface: pygame.Surface) -> None:
        """The text as far as it shows, and its scroll bar once it shows whole (while typing, the
        text's height is not yet what it will be)."""
        ui, box = self.app.ui, self.plan.text_box
        reveal = self.revealed if self.revealing else None
        self.block.draw(ui, surface, box.topleft, box, reveal, self.scroll.offset)
        if not self.revealing:
            self.scroll.draw(ui, surface, box.inflate(ui.metrics.pad, 0))

    def _show_text_end(self) -> None:
        """Scrolls so the text's last line shows with the choices (the player has read the rest
        as it typed)."""
        self.scroll.show_bottom(self.plan.text_end())
        self.plan.follow_scroll()

    def _follow_reveal(self) -> None:
        """Scrolls so the line being typed stays in view."""
        for line in self.block.lines:
            if line.start <= self.revealed < line.start + len(line.text) + 1:
                self.scroll.show_bottom(line.y + line.face.height)
                return
