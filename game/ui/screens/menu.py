"""The pause menu (Esc) and the yes/no confirmation dialog."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui.screens.base import Screen
from game.ui.widgets import Button, Rect, is_key, layout_column
from game.ui.words import word


class PauseMenu(Screen):
    """Resume, Save, Load, History, Settings, Screenshot, (in class) End the class here, Title
    screen, Quit."""

    opaque = False
    hide_when_covered = True  # the panels it opens dim the scene themselves

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.snapshot = app.surface.copy()  # the scene as it was: the save's thumbnail
        self.panel = Rect(0, 0, 0, 0)

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        buttons = [
            Button(word("resume"), self.app.pop),
            Button(word("save"), lambda: self._open_saves("save"), self.app.session is not None),
            Button(word("load"), lambda: self._open_saves("load")),
            Button(word("history"), self._history, self.app.session is not None),
            Button(word("fact_cards"), self._facts, self.app.session is not None),
            Button(word("flowchart"), self._flowchart, self.app.session is not None),
            Button(word("settings"), self._settings),
            Button(word("screenshot"), self._screenshot),
            *self._end_class_button(),
            Button(word("title_screen"), self._to_title),
            Button(word("quit"), self._quit),
        ]
        heading = ui.face("display", metrics.heading)
        width = min(
            metrics.width - 2 * metrics.margin,
            round(380 * metrics.unit * max(1.0, self.app.settings.text_scale)),
        )
        gap = metrics.gap
        top = metrics.pad + heading.height + metrics.gap
        heights = [b.measure(ui, width - 2 * metrics.pad) for b in buttons]
        height = top + sum(heights) + gap * (len(buttons) - 1) + metrics.pad
        columns = 1
        if height > metrics.height - 2 * metrics.margin:  # large text: two columns, not a crammed one
            columns = 2
            width = min(metrics.width - 2 * metrics.margin, 2 * width - 2 * metrics.pad + metrics.gap)
            col_w = (width - 2 * metrics.pad - metrics.gap) // 2
            heights = [b.measure(ui, col_w) for b in buttons]
            half = (len(buttons) + 1) // 2
            column_h = max(sum(heights[:half]), sum(heights[half:])) + gap * (half - 1)
            if top + column_h + metrics.pad > metrics.height - 2 * metrics.margin:
                gap = max(2, metrics.gap // 2)
                column_h = max(sum(heights[:half]), sum(heights[half:])) + gap * (half - 1)
            height = top + column_h + metrics.pad
        self.panel = Rect(0, 0, width, min(height, metrics.height - metrics.margin))
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        if columns == 1:
            layout_column(
                buttons, ui, self.panel.x + metrics.pad, self.panel.y + top, width - 2 * metrics.pad, gap
            )
        else:  # down the first column (resume to fact cards), then the second
            layout_column(buttons[:half], ui, self.panel.x + metrics.pad, self.panel.y + top, col_w, gap)
            layout_column(
                buttons[half:],
                ui,
                self.panel.x + metrics.pad + col_w + metrics.gap,
                self.panel.y + top,
                col_w,
                gap,
            )
        self.focus.set(buttons, keep=True)
        if self.focus.index is None:
            self.focus.index = 0
        self.column_break = half if columns == 2 else len(buttons)

    def _move_in_columns(self, key: int) -> None:
        """Two columns: Up and Down stay in the focused button's column, Left and Right cross."""
        buttons, half, index = self.focus.buttons, self.column_break, self.focus.index or 0
        column = range(0, half) if index < half else range(half, len(buttons))
        if key in (pygame.K_UP, pygame.K_DOWN):
            usable = [i for i in column if buttons[i].enabled]
            if index in usable:
                step = 1 if key == pygame.K_DOWN else -1
                self.focus.index = usable[(usable.index(index) + step) % len(usable)]
            elif usable:
                self.focus.index = usable[0]
            return
        row = index - column.start
        other = range(half, len(buttons)) if index < half else range(0, half)
        target = min(other.start + row, other.stop - 1)
        usable = [i for i in other if buttons[i].enabled]
        if usable:
            self.focus.index = min(usable, key=lambda i: abs(i - target))

    def _open_saves(self, mode: str) -> None:
        from game.ui.screens.saves import SavesScreen

        self.app.push(SavesScreen(self.app, mode, self.snapshot))

    def _history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        self.app.push(HistoryScreen(self.app))

    def _facts(self) -> None:
        from game.ui.screens.cards import FactListScreen

        self.app.push(FactListScreen(self.app))

    def _flowchart(self) -> None:
        from game.ui.screens.flowchart import FlowchartScreen

        self.app.push(FlowchartScreen(self.app))

    def _settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.app.push(SettingsScreen(self.app))

    def _screenshot(self) -> None:
        self.app.pop()
        self.app.draw()
        path = self.app.screenshot()
        del path

    def _end_class_button(self) -> list[Button]:
        """In a class under way (not at an ending): the teacher closes the lesson where the class
        stands, at the bell, and the closing screen shows what the class decided."""
        classroom, session = self.app.classroom, self.app.session
        if classroom is None or not classroom.is_open or session is None or session.is_over:
            return []
        return [Button(word("end_class"), self._end_class)]

    def _end_class(self) -> None:
        self.app.push(ConfirmScreen(self.app, word("confirm_end_class"), self.app.end_class_here))

    def _to_title(self) -> None:
        def go() -> None:
            from game.ui.screens.title import TitleScreen

            self.app.reset(TitleScreen(self.app))

        self.app.push(ConfirmScreen(self.app, word("confirm_title"), go))

    def _quit(self) -> None:
        self.app.push(ConfirmScreen(self.app, word("confirm_quit"), lambda: self.app.quit(0)))

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.app.pop()
            return True
        if self.column_break < len(self.focus.buttons) and is_key(
            event, pygame.K_UP, pygame.K_DOWN, pygame.K_LEFT, pygame.K_RIGHT
        ):
            self._move_in_columns(event.key)
            return True
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        heading = ui.face("display", metrics.heading)
        text = word("paused")
        ui.text(
            surface,
            text,
            heading,
            palette.heading,
            (self.panel.centerx - heading.width(text) // 2, self.panel.y + metrics.pad),
            self.panel,
        )
        self.focus.draw(ui, surface, "center")


class ConfirmScreen(Screen):
    """A question with Yes and No; Esc means No."""

    opaque = False

    def __init__(self, app, question: str, yes: Callable[[], None]) -> None:  # noqa: ANN001
        super().__init__(app)
        self.question = question
        self.yes = yes
        self.panel = Rect(0, 0, 0, 0)
        self.lines: list[str] = []

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        width = min(
            metrics.width - 2 * metrics.margin,
            round(560 * metrics.unit * max(1.0, self.app.settings.text_scale)),
        )
        face = ui.face("prose", metrics.prose)
        self.lines = face.wrap(self.question, width - 2 * metrics.pad)
        no = Button(word("no"), self.app.pop)
        yes = Button(word("yes"), self._yes)
        half = (width - 2 * metrics.pad - metrics.gap) // 2
        row = max(no.measure(ui, half), yes.measure(ui, half))
        height = len(self.lines) * round(face.height * 1.2) + row + 3 * metrics.pad
        self.panel = Rect(0, 0, width, height)
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        no.rect = Rect(self.panel.x + metrics.pad, self.panel.bottom - metrics.pad - row, half, row)
        yes.rect = Rect(no.rect.right + metrics.gap, no.rect.y, half, row)
        self.focus.set([no, yes], keep=True)
        if self.focus.index is None:
            self.focus.index = 0

    def _yes(self) -> None:
        self.app.pop()
        self.yes()

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE, pygame.K_n):
            self.app.pop()
            return True
        if is_key(event, pygame.K_y):
            self._yes()
            return True
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        face = ui.face("prose", metrics.prose)
        y = self.panel.y + metrics.pad
        for line in self.lines:
            ui.text(surface, line, face, palette.text, (self.panel.x + metrics.pad, y), self.panel)
            y += round(face.height * 1.2)
        self.focus.draw(ui, surface, "center")
