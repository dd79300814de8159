"""Lesson screens: the lesson menu, the card where a lesson moves on, the real family's panel after
a key decision, and the closing screen of a lesson that ends mid-story."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pygame

from game.engine.lessons import Step
from game.engine.record import Decision
from game.story.model import paragraphs
from game.ui.screens.cards import CardScreen
from game.ui.screens.classroom_setup import ChapterSelectScreen
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, is_key
from game.ui.words import word


class LessonSelectScreen(ChapterSelectScreen):
    """Every lesson with its minutes and key decisions; a number key or a click starts it."""

    title_word = "lesson_select"

    def entries(self) -> list[tuple[str, str | None, Callable[[], None], str]]:
        found: list[tuple[str, str | None, Callable[[], None], str]] = []
        for lesson in self.app.loaded_story.lessons:
            keys = len(lesson.key)
            note = word("lesson_minutes", minutes=lesson.minutes)
            note += f" · {keys} {word('key_decision').lower()}{'s' * (keys != 1)}"
            found.append((lesson.title, note, functools.partial(self.start, lesson.id), lesson.id))
        return found


class LessonBridgeScreen(CardScreen):
    """Where the lesson moves on: the part that ended, its bridge, and the road the lesson took."""

    def __init__(self, app, step: Step, done: Callable[[], None] | None = None) -> None:  # noqa: ANN001
        self.step = step
        super().__init__(app, done)

    def build(self, width: int, scale: float = 1.0) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(
            word("lesson_moves_on").upper(), ui.face("ui_bold", metrics.ui), palette.focus, width, after=0.5
        )
        ended = self.step.ended
        if ended is not None and ended.bridge:
            block.add(
                ended.bridge,
                ui.face("display", round(metrics.heading * scale)),
                palette.heading,
                width,
                spacing=1.3,
            )
        session = self.step.session
        if session is not None:
            scene = session.scene
            where = " · ".join(x for x in (scene.place, scene.when) if x)
            if where:
                block.add(
                    where, ui.face("ui_bold", round(metrics.prose * scale)), palette.text, width, after=0.4
                )
        story = self.app.loaded_story
        found = [story.choice(c) for c in self.step.road]
        taken = [c for c in found if c is not None and not c.is_continue]
        if taken:
            small = ui.face("ui", round(metrics.prose * 0.85 * scale))
            block.add(word("lesson_road"), small, palette.text_dim, width, after=0.2)
            for choice in taken[-6:]:  # the last few: the class hears how the family got here
                block.add(f"· {choice.text}", small, palette.text, width, indent=metrics.pad, after=0.15)
        return block


class FilmNoteScreen(CardScreen):
    """After a key decision: what the real family did, in one short panel (solo and in class)."""

    def __init__(self, app, note: str, done: Callable[[], None] | None = None) -> None:  # noqa: ANN001
        self.note = note
        super().__init__(app, done)

    def build(self, width: int, scale: float = 1.0) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(
            word("real_family").upper(), ui.face("ui_bold", metrics.ui), palette.focus, width, after=0.5
        )
        block.add_each(
            paragraphs(self.note),
            ui.face("italic", round(metrics.prose * 1.15 * scale)),
            palette.text,
            width,
            metrics.line_spacing,
        )
        return block


class ClosingScreen(DocumentScreen):
    """A lesson that ended mid-story: what the class decided, where the family stands, what really
    happened next, and a last question. Its record is saved as closed (it counts in the statistics)."""

    max_width = 1000

    def __init__(self, app) -> None:  # noqa: ANN001
        self.backdrop = app.playing.scene.backdrop
        super().__init__(app)

    @property
    def lesson(self):  # noqa: ANN201
        classroom = self.app.classroom
        return classroom.lesson.lesson if classroom is not None and classroom.lesson else None

    def heading(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(
            word("lesson_closes").upper(), ui.face("ui_bold", metrics.small), palette.focus, width, after=0.2
        )
        title = self.lesson.title if self.lesson else self.app.playing.scene.chapter
        block.add(title, ui.face("display", round(metrics.heading * 1.15)), palette.heading, width, after=0.3)
        return block

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        session, lesson, classroom = self.app.playing, self.lesson, self.app.classroom
        record = classroom.record if classroom is not None else None
        head = ui.face("display", metrics.heading)
        prose, bold = ui.face("prose", metrics.prose), ui.face("ui_bold", metrics.ui)
        block = Block()
        block.add(word("class_decided"), head, palette.heading, width, after=0.3)
        decided: list[Decision] = record.class_decisions() if record is not None else []
        run = classroom.lesson if classroom is not None else None
        key = [d for d in decided if d.tally or (run is not None and run.is_key(d.scene))]
        if not decided:
            block.add(word("no_decisions"), prose, palette.text, width)
        small = ui.face("ui", metrics.small)
        for decision in key or decided:  # the key decisions: a projector shows a few lines well
            scene = self.app.loaded_story.scenes.get(decision.scene)
            when = scene.when if scene is not None else decision.chapter
            if decision.tally:
                how = word(
                    "decided_by_vote", votes=decision.tally.get(decision.choice, 0), total=decision.votes
                )
            else:
                how = word("chosen_no_vote")
            block.add(
                f"{when}: {decision.text}", ui.face("prose", metrics.ui), palette.text, width, after=0.05
            )
            block.add(how, small, palette.text_dim, width, indent=metrics.pad, after=0.35)
        block.space(metrics.gap)
        block.add(word("family_stands"), head, palette.heading, width, after=0.3)
        scene = session.scene
        block.add(
            " · ".join(x for x in (scene.place, scene.when) if x), bold, palette.focus, width, after=0.3
        )
        for person in session.people():
            if not person.present:
                continue
            defs = self.app.loaded_story.stats
            stats = ", ".join(f"{defs[k].label.lower()} {v}" for k, v in person.stats.items() if k in defs)
            block.add(f"{person.short}: {stats}", ui.face("ui", metrics.ui), palette.text, width, after=0.1)
        for resource in self.app.loaded_story.resources.values():
            amount = session.resource(resource.id)
            block.add(
                f"{resource.label}: {amount:,} {resource.unit}".rstrip(),
                ui.face("ui", metrics.ui),
                palette.text,
                width,
                after=0.3,
            )
        if lesson is not None and lesson.close_next:
            block.space(metrics.gap)
            block.add(word("happened_next"), head, palette.heading, width, after=0.3)
            block.add_each(
                paragraphs(lesson.close_next),
                ui.face("italic", metrics.prose),
                palette.text,
                width,
                metrics.line_spacing,
            )
        if lesson is not None and lesson.close_question:
            block.space(metrics.gap)
            block.add(word("last_question"), head, palette.heading, width, after=0.3)
            block.add(
                lesson.close_question,
                ui.face("display", round(metrics.heading * 1.1)),
                palette.focus,
                width,
                spacing=1.3,
            )
        return block

    def buttons(self) -> list[Button]:
        buttons: list[Button] = []
        if self.app.classroom is not None:
            buttons.append(Button(word("class_report"), self.class_report))
        return [*buttons, Button(word("to_title"), self.to_title)]

    def class_report(self) -> None:
        from game.ui.screens.ending import write_class_report

        self.report_path = write_class_report(self.app)

    def to_title(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.reset(TitleScreen(self.app))

    def cancel(self) -> None:
        from game.ui.screens.menu import PauseMenu

        self.app.push(PauseMenu(self.app))

    def handle(self, event: pygame.event.Event) -> bool:
        return super().handle(event) if not is_key(event, pygame.K_BACKSPACE) else True
