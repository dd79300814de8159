"""The ending: its title, an epilogue for each family member, and what really happened."""

from __future__ import annotations

import time
from pathlib import Path

import pygame

from game.atomic import write_atomic
from game.reporting import render_html
from game.story.model import paragraphs
from game.ui.audio import ENDING_CUE
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, is_key
from game.ui.words import word


class EndingScreen(DocumentScreen):
    """Shown when the session is over; then back to the title (Undo steps back into the story)."""

    max_width = 900
    default_focus = False  # one key press must not leave an ending the player is reading

    def __init__(self, app) -> None:  # noqa: ANN001
        self.ending = app.playing.ending
        app.ending_reached = self.ending.id if self.ending else app.playing.scene.id
        if self.ending is not None:
            from game.ui.screens.gallery import record_ending

            record_ending(app, self.ending.id)
        self.backdrop = app.playing.backdrop  # a variant may set its own
        super().__init__(app)
        app.audio.play_music(ENDING_CUE, loop=False)  # once, instead of the scene's ambience

    def panel_width(self) -> int:
        """As wide as at 1280x720 while the window allows: the epilogue's portraits take a column."""
        metrics = self.ui.metrics
        wide = max(round(self.max_width * metrics.unit), min(self.max_width, round(metrics.width * 0.85)))
        return min(metrics.width - 2 * metrics.margin, wide)

    def heading(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(word("the_end").upper(), ui.face("ui_bold", metrics.small), palette.focus, width, after=0.2)
        title = self.ending.title if self.ending else self.app.playing.scene.place
        block.add(title, ui.face("display", round(metrics.heading * 1.25)), palette.heading, width, after=0.3)
        return block

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        session, ending = self.app.playing, self.ending
        block = Block()
        prose = ui.face("prose", metrics.prose)
        texts = paragraphs(ending.text) if ending else session.paragraphs()
        for paragraph in texts:
            block.add(paragraph, prose, palette.text, width, spacing=metrics.line_spacing)
        if ending and ending.epilogue:
            block.space(metrics.gap)
            block.add(
                word("epilogue"), ui.face("display", metrics.heading), palette.heading, width, after=0.3
            )
            size = round(64 * metrics.unit)
            indent = size + metrics.pad // 2
            people = {v.id: v for v in session.people()}
            for person_id, name, line in ending.epilogue:
                top = block.height
                view = people.get(person_id)
                self.images.append((view.portrait if view else None, 0, top, size))
                block.add(name, ui.face("ui_bold", metrics.ui), palette.focus, width, indent, after=0.1)
                block.add(line, prose, palette.text, width, indent, spacing=metrics.line_spacing, after=0.2)
                block.height = max(block.height, top + size) + metrics.pad // 2
        real = (ending.documentary if ending else None) or session.scene.documentary
        if real:
            block.space(metrics.gap)
            block.add(
                word("what_really_happened"),
                ui.face("display", metrics.heading),
                palette.heading,
                width,
                after=0.3,
            )
            block.add_each(
                paragraphs(real), ui.face("italic", metrics.prose), palette.text, width, metrics.line_spacing
            )
        return block

    def buttons(self) -> list[Button]:
        buttons = [
            Button(word("undo"), self.undo, self.app.playing.can_undo),
            Button(word("flowchart"), self.open_flowchart),
        ]
        if self.app.classroom is not None:
            buttons.append(Button(word("class_report"), self.class_report))
        return [*buttons, Button(word("to_title"), self.to_title)]

    def class_report(self) -> Path | None:
        """Writes the HTML session report to the user data folder's reports/ and says where."""
        self.report_path = write_class_report(self.app)
        return self.report_path

    def open_flowchart(self) -> None:
        from game.ui.screens.flowchart import FlowchartScreen

        self.app.push(FlowchartScreen(self.app))

    def to_title(self) -> None:
        from game.ui.screens.title import TitleScreen

        self.app.reset(TitleScreen(self.app))

    def undo(self) -> None:
        from game.ui.screens.play import PlayScreen

        if self.app.playing.undo():
            if self.app.classroom is not None:
                self.app.classroom.undo()
            self.app.reset(PlayScreen(self.app))

    def cancel(self) -> None:
        from game.ui.screens.menu import PauseMenu

        self.app.push(PauseMenu(self.app))

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_BACKSPACE) or (is_key(event, pygame.K_z) and event.mod & pygame.KMOD_CTRL):
            self.undo()
            return True
        if is_key(event, pygame.K_g):
            self.open_flowchart()
            return True
        return super().handle(event)


def write_class_report(app) -> Path | None:  # noqa: ANN001
    """Writes the class's HTML report to the user data folder's reports/ and says where (None, with
    a notice, if it cannot)."""
    classroom = app.classroom
    if classroom is None or classroom.record is None:
        return None
    if not classroom.record.is_finished and app.playing.ending is not None:
        classroom.record.finish(app.playing)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = app.data_dir / "reports" / f"{stamp}.html"
    try:
        html = render_html(app.loaded_story, classroom.record, classroom.stats())
        write_atomic(path, html.encode("utf-8"))
    except OSError as exc:
        app.notify(word("report_failed", reason=str(exc)))
        return None
    app.notify(word("report_written", path=str(path)))
    return path
