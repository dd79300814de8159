"""The family panel: every family member with a portrait, role and stat bars, and the savings."""

from __future__ import annotations

import pygame

from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, Rect, bar, is_click, is_key
from game.ui.words import word

RECENT = 3  # choices whose changes the page lists under "Lately"


class FamilyScreen(DocumentScreen):
    """A panel over the right of the play screen; F, Esc or Close hides it."""

    opaque = False
    dim = True  # the play screen dims under the panel, like under every other overlay

    def __init__(self, app) -> None:  # noqa: ANN001
        self.bars: list[tuple[str, int, int]] = []  # (stat id, value, y in block)
        app.unseen_changes = 0
        super().__init__(app)

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        session, story = self.app.playing, self.app.loaded_story
        block = Block()
        self.bars = []
        portrait = round(56 * metrics.unit)
        indent = portrait + metrics.pad // 2
        label_face = ui.face("ui", metrics.small)
        bar_h = max(6, round(7 * metrics.unit))
        self._add_recent(block, width)
        for person in session.people():
            if not person.present:
                continue
            top = block.height
            self.images.append((person.portrait, 0, top, portrait))
            block.add(person.name, ui.face("ui_bold", metrics.ui), palette.heading, width, indent, after=0.0)
            block.add(person.role, label_face, palette.text_dim, width, indent, after=0.2)
            for stat_id, value in person.stats.items():
                label = f"{story.stats[stat_id].label}  {value}"
                block.add(label, label_face, palette.text, width, indent, after=0.0)
                self.bars.append((stat_id, value, block.height))
                block.space(bar_h + metrics.gap)
            block.height = max(block.height, top + portrait) + metrics.pad // 2
        for resource_id, definition in story.resources.items():
            unit = f" {definition.unit}" if definition.unit else ""
            block.add(
                f"{definition.label}: {session.resource(resource_id):,}{unit}",
                ui.face("ui_bold", metrics.ui),
                palette.focus,
                width,
                after=0.2,
            )
        return block

    def _add_recent(self, block: Block, width: int) -> None:
        """What the last few choices changed, newest first: where quiet changes are told."""
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        steps = [s for s in self.app.playing.transcript if s.changes][-RECENT:]
        if not steps:
            return
        block.add(
            word("recent_changes").upper(), ui.face("ui_bold", metrics.small), palette.focus, width, after=0.2
        )
        for step in reversed(steps):
            block.add(
                step.choice_text or "", ui.face("italic", metrics.small), palette.text_dim, width, after=0.1
            )
            for change in step.changes:
                colour = (
                    palette.text
                    if change.kind == "flag"
                    else palette.rise
                    if change.delta > 0
                    else palette.fall
                )
                block.add(change.words, ui.face("ui", metrics.small), colour, width, after=0.1)
            block.space(metrics.gap)
        block.space(metrics.gap)

    def heading(self, width: int) -> Block:
        ui, metrics = self.ui, self.ui.metrics
        block = Block()
        block.add(
            word("family_title"), ui.face("display", metrics.heading), ui.palette.heading, width, after=0.3
        )
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("close"), self.app.pop)]

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        width = min(
            metrics.width - 2 * metrics.margin, max(round(430 * metrics.unit), round(metrics.width * 0.34))
        )
        top = (
            metrics.margin
            + ui.face("ui_bold", metrics.small).height
            + ui.face("ui", metrics.ui).height
            + metrics.gap * 2
        )
        # Below the play screen's tool buttons, which the scrim dims.
        self.panel = Rect(
            metrics.width - metrics.margin - width, top, width, metrics.height - top - metrics.margin
        )
        buttons = self.buttons()
        for b in buttons:  # a compact Close at the bottom right, as on the other panels
            w = min(width - 2 * metrics.pad, b.face(ui).width(b.label) + 2 * metrics.pad)
            h = b.measure(ui, w)
            b.rect = Rect(self.panel.right - metrics.pad - w, self.panel.bottom - metrics.pad - h, w, h)
        self.focus.set(buttons, keep=True)
        if self.focus.index is None and buttons:
            self.focus.index = 0
        button_top = min((b.rect.top for b in buttons), default=self.panel.bottom)
        self.images = []
        self.head = self.heading(width - 2 * metrics.pad)
        self.head_at = (self.panel.x + metrics.pad, self.panel.y + metrics.pad)
        self.block = self.build(width - 2 * metrics.pad)
        box = Rect(
            self.panel.x + metrics.pad,
            self.panel.y + metrics.pad + self.head.height,
            width - 2 * metrics.pad,
            button_top - metrics.pad - self.panel.y - metrics.pad - self.head.height,
        )
        self.box = self.scroll.fit(
            ui,
            box,
            self.block.height,
            ui.face("ui", metrics.ui).height,
            [line.y for line in self.block.lines],
        )

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_f, pygame.K_TAB) or (
            is_click(event) and not self.panel.collidepoint(event.pos)
        ):  # a click beside it
            self.app.pop()
            return True
        return super().handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        ui, metrics = self.ui, self.ui.metrics
        indent = self.images[0][3] + metrics.pad // 2 if self.images else 0
        bar_h = max(6, round(7 * metrics.unit))
        clip = surface.get_clip()
        surface.set_clip(self.box)
        for stat_id, value, y in self.bars:
            definition = self.app.loaded_story.stats[stat_id]
            rect = Rect(
                self.box.x + indent,
                self.box.y + y - self.scroll.offset + 2,
                self.box.width - indent - metrics.gap,
                bar_h,
            )
            if rect.top < self.box.top or rect.bottom > self.box.bottom:
                continue  # its label is not drawn either: only whole lines show
            bar(ui, surface, rect, value, definition.min, definition.max)
        surface.set_clip(clip)
