"""Full-screen cards for the class: a discussion question, a fact with its source, and the fact list."""

from __future__ import annotations

import time
from collections.abc import Callable

import pygame

from game.engine.classview import kept_up
from game.story.model import Fact, paragraphs
from game.ui.screens.base import Screen
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, Rect, is_click, is_key
from game.ui.words import word


class CardScreen(Screen):
    """A large centred card on a plain background; Space, Enter or a click continues."""

    hint = "card_hint"  # the words at the bottom right

    def __init__(self, app, done: Callable[[], None] | None = None) -> None:  # noqa: ANN001
        super().__init__(app)
        self.done = done
        self.block = Block()
        self.panel = Rect(0, 0, 0, 0)
        self.box = Rect(0, 0, 0, 0)

    def build(self, width: int, scale: float = 1.0) -> Block:
        return Block()

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        width = min(
            metrics.width - 2 * metrics.margin, max(round(1000 * metrics.unit), round(metrics.width * 0.72))
        )
        face = ui.face("ui", metrics.small)
        room = metrics.height - 2 * metrics.margin - 2 * metrics.pad - face.height
        for scale in (1.0, 0.9, 0.8, 0.7, 0.6):  # a long card gets smaller type rather than cut off
            self.block = self.build(width - 2 * metrics.pad, scale)
            if self.block.height <= room:
                break
        height = min(metrics.height - 2 * metrics.margin, self.block.height + 2 * metrics.pad + face.height)
        self.panel = Rect(0, 0, width, height)
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        self.box = Rect(
            self.panel.x + metrics.pad,
            self.panel.y + metrics.pad,
            width - 2 * metrics.pad,
            height - 2 * metrics.pad - face.height,
        )

    def go_on(self) -> None:
        self.app.pop()
        if self.done is not None:
            self.done()

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_ESCAPE) or is_click(
            event
        ):
            self.go_on()
            return True
        return False

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        surface.fill(palette.backdrop)
        ui.panel(surface, self.panel, palette.panel_solid)
        self.block.draw(ui, surface, self.box.topleft, self.box)
        small = ui.face("ui", metrics.small)
        hint = small.wrap(word(self.hint), self.box.width)[0]
        ui.text(
            surface,
            hint,
            small,
            palette.text_dim,
            (
                self.panel.right - metrics.pad - small.width(hint),
                self.panel.bottom - metrics.pad // 2 - small.height,
            ),
            self.panel,
        )


class DiscussionScreen(CardScreen):
    """The scene's discussion question, large, until the facilitator goes on.

    `discussed` is called when the teacher goes on after keeping the question on screen for
    KEPT_SECONDS or more (game.engine.classview.kept_up, the browser's rule too); Esc, or going on
    sooner, skips it (the report does not count it)."""

    hint = "discuss_hint"

    def __init__(
        self,
        app,  # noqa: ANN001
        question: str,
        done: Callable[[], None] | None = None,
        discussed: Callable[[], None] | None = None,
    ) -> None:
        self.question = question
        self.discussed = discussed
        self.opened = time.monotonic()
        super().__init__(app, done)

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.go_on()  # skipped
            return True
        kept = kept_up(time.monotonic() - self.opened)
        if (
            kept
            and self.discussed is not None
            and (is_key(event, pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER) or is_click(event))
        ):
            self.discussed()
        return super().handle(event)

    def build(self, width: int, scale: float = 1.0) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(word("to_discuss").upper(), ui.face("ui_bold", metrics.ui), palette.focus, width, after=0.6)
        block.add(
            self.question,
            ui.face("display", round(metrics.heading * 1.2 * scale)),
            palette.heading,
            width,
            spacing=1.3,
        )
        return block


class NoteCardScreen(CardScreen):
    """A note read before the class goes on: the story's content note when a class begins, or
    the story's note for the teacher before a scene (what is coming and how to handle it).

    Esc opens the pause menu over the note (the note before the quarrel tells the teacher so, in
    case the class must stop there); Resume comes back to the note."""

    hint = "note_hint"

    def __init__(self, app, heading: str, text: str, done: Callable[[], None] | None = None) -> None:  # noqa: ANN001
        self.heading, self.text = heading, text
        super().__init__(app, done)

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            from game.ui.screens.menu import PauseMenu

            self.app.push(PauseMenu(self.app))
            return True
        return super().handle(event)

    def build(self, width: int, scale: float = 1.0) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(self.heading.upper(), ui.face("ui_bold", metrics.ui), palette.focus, width, after=0.6)
        prose = ui.face("prose", max(12, round(metrics.prose * scale)))
        block.add_each(paragraphs(self.text), prose, palette.text, width, metrics.line_spacing)
        return block


class FactCardScreen(CardScreen):
    """A fact: the figure, a short explanation and its source."""

    def __init__(self, app, fact: Fact, done: Callable[[], None] | None = None) -> None:  # noqa: ANN001
        self.fact = fact
        super().__init__(app, done)

    def build(self, width: int, scale: float = 1.0) -> Block:
        return fact_block(self.ui, self.fact, width, scale=scale)


def fact_block(
    ui,
    fact: Fact,
    width: int,
    block: Block | None = None,  # noqa: ANN001
    scale: float = 1.0,
) -> Block:
    """The fact's title, figure, explanation and source (type scaled by `scale`)."""
    metrics, palette = ui.metrics, ui.palette
    block = block or Block()
    block.add(
        f"{word('fact')} · {fact.title}".upper(),
        ui.face("ui_bold", metrics.ui),
        palette.focus,
        width,
        after=0.4,
    )
    if fact.figure:
        block.add(
            fact.figure,
            ui.face("display", round(metrics.heading * 1.6 * scale)),
            palette.heading,
            width,
            spacing=1.15,
            after=0.3,
        )
    block.add(
        fact.text,
        ui.face("prose", max(12, round(metrics.prose * scale))),
        palette.text,
        width,
        spacing=metrics.line_spacing,
    )
    block.add(f"{word('source')}: {fact.source}", ui.face("ui", metrics.small), palette.text_dim, width)
    if fact.url:
        block.add(fact.url, ui.face("ui", metrics.small), palette.text_dim, width)
    return block


def facts_seen(app) -> list[Fact]:  # noqa: ANN001
    """The fact cards of the scenes read so far; in classroom mode, every card in the story."""
    story = app.story
    if app.classroom is not None:
        return list(story.facts.values())
    seen: dict[str, None] = {}
    for step in app.session.transcript if app.session else ():
        fact = story.scenes[step.scene].fact
        if fact and fact in story.facts:
            seen.setdefault(fact, None)
    return [story.facts[f] for f in seen]


class FactListScreen(DocumentScreen):
    """Every fact card seen so far (all of them in classroom mode), to scroll through."""

    opaque = False

    def heading(self, width: int) -> Block:
        ui, metrics = self.ui, self.ui.metrics
        block = Block()
        block.add(
            word("fact_cards"), ui.face("display", metrics.heading), ui.palette.heading, width, after=0.4
        )
        return block

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        facts = facts_seen(self.app)
        if not facts:
            block.add(word("no_facts_yet"), ui.face("prose", metrics.prose), palette.text_dim, width)
        for fact in facts:
            fact_block(ui, fact, width, block)
            block.space(metrics.pad)
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("close"), self.app.pop)]


class NoteScreen(DocumentScreen):
    """The play screen's side note in full (its discussion prompt and fact card), over the scene."""

    opaque = False

    def __init__(self, app, discuss: str | None, fact: Fact | None) -> None:  # noqa: ANN001
        self.discuss = discuss
        self.fact = fact
        super().__init__(app)

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        if self.discuss:
            block.add(
                word("to_discuss").upper(), ui.face("ui_bold", metrics.ui), palette.focus, width, after=0.3
            )
            block.add(
                self.discuss,
                ui.face("italic", metrics.prose),
                palette.text,
                width,
                spacing=metrics.line_spacing,
            )
            block.space(metrics.gap)
        if self.fact is not None:
            fact_block(ui, self.fact, width, block)
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("close"), self.app.pop)]

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_n):
            self.app.pop()
            return True
        return super().handle(event)
