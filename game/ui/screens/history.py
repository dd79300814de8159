"""The history: a scrollable log of the text read and the choices made."""

from __future__ import annotations

from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button
from game.ui.words import word


class HistoryScreen(DocumentScreen):
    """Every scene read so far with what was chosen; opens at the latest (wheel, arrows, PgUp/PgDn)."""

    opaque = False
    start_at_end = True

    def heading(self, width: int) -> Block:
        ui, metrics = self.ui, self.ui.metrics
        block = Block()
        block.add(
            word("history_title"), ui.face("display", metrics.heading), ui.palette.heading, width, after=0.3
        )
        return block

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        session = self.app.session
        steps = session.transcript if session is not None else []
        if not steps:
            block.add(word("history_empty"), ui.face("ui", metrics.ui), palette.text_dim, width)
        caption, prose = ui.face("ui_bold", metrics.small), ui.face("prose", metrics.prose)
        for step in steps:
            line = " · ".join(x for x in (step.chapter, step.place, step.when) if x)
            block.add(line.upper(), caption, palette.focus, width, after=0.3)
            for paragraph in step.paragraphs:
                block.add(
                    paragraph,
                    prose,
                    palette.text_dim if step.choice_text is not None else palette.text,
                    width,
                    spacing=metrics.line_spacing,
                    after=0.4,
                )
            if step.choice_text is not None:
                chose = (
                    word("you_continued") if step.is_continue else word("you_chose", text=step.choice_text)
                )
                block.add(chose, ui.face("ui_bold", metrics.ui), palette.heading, width, after=0.2)
            if step.says:
                block.add(step.says, ui.face("italic", metrics.prose), palette.text, width, after=0.2)
            for change in step.changes:
                block.add(change.words, ui.face("ui", metrics.small), palette.text_dim, width, after=0.1)
            block.space(metrics.pad)
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("back"), self.app.pop)]
