"""The consequence moment: what the choice did, to whom, in words and in moving bars."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import Change, Outcome
from game.engine.looks import moved_faces
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, Rect, bar, is_click, is_key
from game.ui.words import word

DELAY = 0.25
DURATION = 0.9
FACE = 88  # each person's face beside their changes, in pixels at 1280x720


def signed(n: int) -> str:
    """+3 or −3 (a true minus sign)."""
    return f"+{n:,}" if n > 0 else f"\u2212{abs(n):,}"


class ConsequenceScreen(DocumentScreen):
    """Shown over the play screen after a choice; Space, Enter or a click goes on."""

    opaque = False
    max_width = 760

    def __init__(self, app, outcome: Outcome, done: Callable[[], None]) -> None:  # noqa: ANN001
        self.outcome = outcome
        self.done = done
        self.bars: list[tuple[Change, int]] = []  # (change, y in block)
        self.time = 0.0 if not app.settings.reduced_motion else DELAY + DURATION + 1.0
        super().__init__(app)

    @property
    def progress(self) -> float:
        return max(0.0, min(1.0, (self.time - DELAY) / DURATION))

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        story = self.app.loaded_story
        block = Block()
        self.bars = []
        label = ui.face("ui_bold", metrics.small)
        if not self.outcome.choice_text == "":
            block.add(
                self.outcome.choice_text, ui.face("ui", metrics.small), palette.text_dim, width, after=0.5
            )
        if self.outcome.says:
            block.add(
                self.outcome.says,
                ui.face("italic", metrics.prose + 2),
                palette.heading,
                width,
                spacing=metrics.line_spacing,
                after=0.8,
            )
        people = [c for c in self.outcome.changes if c.kind == "stat"]
        others = [c for c in self.outcome.changes if c.kind != "stat"]
        if not self.outcome.changes:
            block.add(word("nothing_changed"), ui.face("ui", metrics.ui), palette.text_dim, width)
        portrait = round(FACE * metrics.unit * max(1.0, self.app.settings.text_scale * 0.9))
        indent = portrait + metrics.pad // 2
        bar_h = max(6, round(8 * metrics.unit))
        year = self.app.session.year if self.app.session else None
        # each person moved, in the order first moved, with their face glad or sad at the change
        for person_id, looks in moved_faces(story, people, year).items():
            person = story.people[person_id]
            top = block.height
            face = self.app.art.first_portrait(looks)
            self.images.append((face, 0, top, portrait))
            block.add(
                f"{person.name}", ui.face("ui_bold", metrics.ui), palette.heading, width, indent, after=0.1
            )
            for change in (c for c in people if c.person == person_id):
                block.add(change.words, ui.face("ui", metrics.small), palette.text, width, indent, after=0.15)
                self.bars.append((change, block.height))
                block.space(bar_h + metrics.gap)
            block.height = max(block.height, top + portrait) + metrics.gap * 2
        for change in others:
            colour = palette.rise if change.delta > 0 or change.after is True else palette.fall
            if change.kind == "flag":
                colour = palette.text
            block.add(change.words, ui.face("ui", metrics.ui), colour, width, after=0.3)
        del label
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("press_continue"), self.finish)]

    def finish(self) -> None:
        if self.progress < 1.0:
            self.time = DELAY + DURATION + 1.0
            self.app.dirty = True
            return
        self.done()

    def cancel(self) -> None:
        self.finish()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.scroll.handle_mouse(event):  # "more below" and the bar scroll; the rest goes on
            return True
        if is_key(event, pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.finish()
            return True
        if is_click(event) and not any(b.rect.collidepoint(event.pos) for b in self.focus.buttons):
            self.finish()
            return True
        return super().handle(event)

    def update(self, dt: float) -> bool:
        if self.progress >= 1.0:
            return False
        self.time += dt
        return True

    def draw(self, surface: pygame.Surface) -> None:
        super().draw(surface)
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        stats = self.app.loaded_story.stats
        t = self.progress
        ease = 1 - (1 - t) ** 3
        indent = self.images[0][3] + metrics.pad // 2 if self.images else 0
        figure_face = ui.face("ui_bold", metrics.small)
        figure_w = figure_face.width("\u221210") + metrics.gap
        bar_h = max(6, round(8 * metrics.unit))
        clip = surface.get_clip()
        surface.set_clip(self.box)
        for change, y in self.bars:
            top = self.box.y + y - self.scroll.offset
            if top < self.box.top or top + figure_face.height > self.box.bottom:
                continue  # scrolled out of view
            definition = stats[change.name]
            width = self.box.width - indent - figure_w - metrics.gap
            rect = Rect(self.box.x + indent, top + 2, max(20, width), bar_h)
            value = change.before + (change.after - change.before) * ease
            colour = palette.rise if change.delta > 0 else palette.fall
            bar(
                ui,
                surface,
                rect,
                value,
                definition.min,
                definition.max,
                colour if t < 1 else None,
                ghost=change.before if change.delta < 0 else None,
            )
            if t > 0:
                text = signed(change.delta)
                pos = (rect.right + metrics.gap, top + bar_h // 2 + 2 - figure_face.height // 2)
                ui.text(surface, text, figure_face, colour, pos, self.box)
        surface.set_clip(clip)
