"""The error screen: a story that could not be loaded, every finding listed."""

from __future__ import annotations

from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button
from game.ui.words import word


class ErrorScreen(DocumentScreen):
    """Lists `path:line:col: error: message` lines; Quit ends with status 1."""

    max_width = 1100

    def __init__(self, app, findings: list[str]) -> None:  # noqa: ANN001
        self.findings = findings
        super().__init__(app)

    def build(self, width: int) -> Block:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        block = Block()
        block.add(word("story_errors"), ui.face("display", m.heading), p.heading, width, after=0.2)
        block.add(word("story_errors_help"), ui.face("ui", m.ui), p.text_dim, width, after=0.6)
        face = ui.face("ui", m.small)
        for finding in self.findings:
            colour = p.fall if ": error:" in finding else p.text
            block.add(finding, face, colour, width, after=0.3)
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("quit"), lambda: self.app.quit(1))]

    def cancel(self) -> None:
        self.app.quit(1)
