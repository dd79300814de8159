"""The error screen: a story that could not be loaded, every finding listed; a click on a finding
(or E, for the first one shown) opens its file at its line in the author's editor."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.ui.editor import Place, finding_place, open_in_editor
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, is_key
from game.ui.words import word


class ErrorScreen(DocumentScreen):
    """Lists `path:line:col: error: message` lines; Quit ends with status 1."""

    max_width = 1100
    title_key, help_key = "story_errors", "story_errors_help"

    def __init__(self, app, findings: list[str]) -> None:  # noqa: ANN001
        self.findings = findings
        self.places = [finding_place(f) for f in findings]
        self.spans: list[tuple[int, int, int]] = []  # (top, bottom, finding) in the block
        super().__init__(app)

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(
            word(self.title_key), ui.face("display", metrics.heading), palette.heading, width, after=0.2
        )
        block.add(word(self.help_key), ui.face("ui", metrics.ui), palette.text_dim, width, after=0.2)
        if any(self.places):
            block.add(
                word("errors_editor_help"), ui.face("ui", metrics.small), palette.text_dim, width, after=0.6
            )
        face = ui.face("ui", metrics.small)
        self.spans = []
        for index, finding in enumerate(self.findings):
            colour = palette.fall if ": error:" in finding else palette.text
            top = block.height
            block.add(finding, face, colour, width, after=0.3)
            self.spans.append((top, block.height, index))
        return block

    def editor_button(self) -> list[Button]:
        return [Button(word("open_in_editor"), self.open_shown)] if any(self.places) else []

    def buttons(self) -> list[Button]:
        return [*self.editor_button(), Button(word("quit"), lambda: self.app.quit(1))]

    def cancel(self) -> None:
        self.app.quit(1)

    def open_finding(self, index: int) -> None:
        """Opens the finding's file at its line in the author's editor; says how that went."""
        place = self.places[index]
        if place is not None:
            self.app.notify(open_in_editor(_absolute(place)))

    def open_shown(self) -> None:
        """E: the first finding with a place that the list, as scrolled, shows whole."""
        shown = [i for top, _, i in self.spans if top >= self.scroll.offset and self.places[i]]
        anywhere = [i for _, _, i in self.spans if self.places[i]]
        if not anywhere:
            self.app.notify(word("editor_nothing"))
            return
        self.open_finding((shown or anywhere)[0])

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_e):
            self.open_shown()
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.box.collidepoint(event.pos):
            y = event.pos[1] - self.box.y + self.scroll.offset
            for top, bottom, index in self.spans:
                if top <= y < bottom and self.places[index] is not None:
                    self.open_finding(index)
                    return True
        return super().handle(event)


def _absolute(place: Place) -> Place:
    """The place with its path made absolute (the editor may start in another folder)."""
    return Place(str(Path(place.path).resolve()), place.line, place.column)
