"""The vote screen's board: the panel, the options' rows and their buttons, laid out so that every
option shows at once, and drawn from the vote's state.

The options start at the size the same choices have on the play screen (a class reads them off a
projector). When they do not all fit, the panel widens to the window, then their text steps down
towards the small text size; only if they still do not fit do the rows scroll.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine import ChoiceView
from game.ui.widgets import Button, Rect, Scroller, Ui, bar
from game.ui.words import word

if TYPE_CHECKING:
    from game.ui.screens.vote import VoteScreen

Row = tuple[ChoiceView, Rect, list[str]]  # an option, where it is drawn, its wrapped lines
SHRINK = 0.92  # each step down in the options' text size when they do not fit


def choice_size(ui: Ui) -> int:
    """The size the play screen gives a choice's text: the vote shows the same options no smaller
    unless they would not all fit."""
    return Button("", lambda: None, kind="choice").face(ui).key[1]


class VoteBoard:
    """Where everything on the vote screen goes, recomputed by `layout` from the vote's state."""

    def __init__(self, vote: VoteScreen) -> None:
        self.vote = vote
        self.panel = Rect(0, 0, 0, 0)
        self.heading_lines: list[str] = []
        self.rows: list[Row] = []
        self.tops: list[int] = []  # each row's top in the content (before scrolling)
        self.steppers: list[tuple[Button, Button]] = []  # "−" and "+" on each option while voting
        self.takes: list[Button] = []  # on a tie: "Take this" on each tied option
        self.actions: list[Button] = []  # Back, Skip vote, Decide (or Continue)
        self.owner: dict[int, int] = {}  # id(button) -> the row it belongs to
        self.scroll = Scroller()
        self.rows_view = Rect(0, 0, 0, 0)  # where the rows are drawn (they scroll inside it)
        self.text_size = 0  # the options' text size, chosen to fit

    @property
    def ui(self) -> Ui:
        return self.vote.ui  # the screen's Ui, re-read so a new theme applies at once

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        """Chooses the panel's width and the options' size so all options show, then places all."""
        metrics = self.ui.metrics
        full_width = metrics.width - 2 * metrics.margin
        usual = min(full_width, max(round(980 * metrics.unit), round(metrics.width * 0.7)))
        full_height = metrics.height - 2 * metrics.margin
        self.actions = self.vote.actions()
        fits = False
        for width, size in self._tries(usual, full_width):
            self.text_size = size
            head_h, content, row_h = self._measure(width)
            needed = head_h + content + row_h + metrics.gap + metrics.pad
            if needed <= full_height:
                fits = True
                break
        self.panel = Rect(0, 0, width, min(full_height, max(needed, full_height // 2)))
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        top = self.panel.y + head_h
        actions_top = self.panel.bottom - metrics.pad - row_h
        inner = width - 2 * metrics.pad
        box = Rect(
            self.panel.x + metrics.pad,
            top,
            inner,
            max(metrics.button_height, actions_top - metrics.gap - top),
        )
        line = self.ui.face("prose", self.text_size).height
        self.rows_view = self.scroll.fit(self.ui, box, content, line, list(self.tops))
        if fits:
            self.scroll.offset = 0
        self.position_rows()
        x = self.panel.right - metrics.pad
        for b in reversed(self.actions):
            w = self._action_width(b)
            b.rect = Rect(x - w, actions_top, w, row_h)
            x -= w + metrics.gap

    def _tries(self, usual: int, full_width: int) -> list[tuple[int, int]]:
        """(panel width, text size) to try in turn: the choices' size in the usual panel, in a
        panel as wide as the window, then smaller steps down to the small text size."""
        start, floor = choice_size(self.ui), self.ui.metrics.small
        tries = [(usual, start)] + ([(full_width, start)] if full_width > usual else [])
        size = start
        while size > floor:
            size = max(floor, int(size * SHRINK))
            tries.append((full_width, size))
        return tries

    def _action_width(self, button: Button) -> int:
        return button.face(self.ui).width(button.label) + 2 * self.ui.metrics.pad

    def _measure(self, width: int) -> tuple[int, int, int]:
        """Wraps the heading and places the rows for a panel `width`: (heading height, rows'
        height, actions' height)."""
        ui, metrics = self.ui, self.ui.metrics
        inner = width - 2 * metrics.pad
        heading = ui.face("display", metrics.heading)
        self.heading_lines = heading.wrap(self.vote.heading(), inner)
        head_h = metrics.pad + len(self.heading_lines) * heading.height + metrics.gap
        head_h += len(self.hint_lines(width)) * ui.face("ui", metrics.small).height + metrics.gap
        row_h = max(b.measure(ui, self._action_width(b)) for b in self.actions)
        return head_h, self._place_rows(inner), row_h

    def hint_lines(self, width: int | None = None) -> list[str]:
        """The instruction line(s) under the heading, wrapped to the panel."""
        metrics = self.ui.metrics
        width = self.panel.width if width is None else width
        return self.ui.face("ui", metrics.small).wrap(self.vote.hint(), width - 2 * metrics.pad)

    def _place_rows(self, inner: int) -> int:
        """Lays out the options' rows from 0 down at the options' text size, with their buttons;
        returns their height. `position_rows` then puts them in the view at the scroll offset."""
        ui, metrics, vote = self.ui, self.ui.metrics, self.vote
        text_face = ui.face("prose", self.text_size)
        step_w = round(metrics.button_height * 1.1)
        take_w = ui.face("ui", metrics.small).width(word("take_this")) + 2 * metrics.pad
        count_w = ui.face("ui_bold", metrics.heading).width("000") + metrics.gap
        side_w = {"vote": 2 * step_w + 2 * metrics.gap, "tie": take_w + metrics.gap}.get(vote.phase, 0)
        text_w = inner - side_w - count_w - metrics.gap - self.indent
        small_h = ui.face("ui", metrics.small).height
        self.rows, self.steppers, self.takes, self.tops, self.owner = [], [], [], [], {}
        y = 0
        for index, view in enumerate(vote.choices):
            lines = text_face.wrap(view.text, text_w)
            if not view.available and view.locked_reason:
                lines += [f"({view.locked_reason})"]
            text_h = len(lines) * text_face.height
            if vote.phase == "result" and view.available:
                text_h += small_h + metrics.gap // 2  # the shares' note, between the text and the bar
            h = (
                max(metrics.button_height, text_h)
                + (self.bar_height if vote.phase != "tie" else 0)
                + metrics.gap
            )
            self.rows.append((view, Rect(0, y, inner, h), lines))
            self.tops.append(y)
            if view.available and vote.phase == "vote":
                minus = Button("\u2212", partial(vote.adjust, view.number, -1), kind="menu")
                plus = Button("+", partial(vote.adjust, view.number, 1), kind="menu")
                minus.rect = Rect(0, 0, step_w, metrics.button_height)
                plus.rect = Rect(0, 0, step_w, metrics.button_height)
                self.steppers.append((minus, plus))
                self.owner[id(minus)] = self.owner[id(plus)] = index
            if vote.phase == "tie" and view.id in vote.tied:
                take = Button(word("take_this"), partial(vote.select, view.number), kind="small")
                take.rect = Rect(0, 0, take_w, metrics.button_height)
                self.takes.append(take)
                self.owner[id(take)] = index
            y += h + metrics.gap
        return max(0, y - metrics.gap)

    @property
    def indent(self) -> int:
        """Where an option's text starts, right of its number."""
        return round(self.ui.metrics.ui * 1.9)

    @property
    def bar_height(self) -> int:
        return max(6, round(self.ui.metrics.gap * 1.2))

    @property
    def stepper_buttons(self) -> list[Button]:
        """Each option's "−" and "+" while voting."""
        return [b for pair in self.steppers for b in pair]

    @property
    def row_buttons(self) -> list[Button]:
        """The buttons inside the rows: each option's "−" and "+", or each tied option's Take this."""
        return self.stepper_buttons + self.takes

    def position_rows(self) -> None:
        """Moves the rows (and their buttons) to the scroll offset; a button not wholly in the
        view is moved off screen, so the mouse never presses what it cannot see."""
        for (_, rect, _), top in zip(self.rows, self.tops, strict=True):
            rect.x, rect.y = self.rows_view.x, self.rows_view.y + top - self.scroll.offset
        minus = {id(pair[0]) for pair in self.steppers}
        for button in self.row_buttons:
            row = self.rows[self.owner[id(button)]][1]
            right = row.right
            if id(button) in minus:  # "−" sits left of "+"
                right -= button.rect.width + self.ui.metrics.gap
            button.rect.topright = (right, row.y)
            if not self.rows_view.contains(row):
                button.rect.y = -10 * (button.rect.height + 1000)

    def show_row(self, number: int) -> None:
        """Scrolls so option `number`'s row is wholly in view."""
        index = next((i for i, (v, _, _) in enumerate(self.rows) if v.number == number), None)
        if index is None:
            return
        top, bottom = self.tops[index], self.tops[index] + self.rows[index][1].height
        if top < self.scroll.offset:
            self.scroll.offset = top
        elif bottom > self.scroll.offset + self.rows_view.height:
            need = bottom - self.rows_view.height
            self.scroll.offset = min(self.scroll.end, next((t for t in self.tops if t >= need), top))
        self.position_rows()

    def row_of(self, button: Button | None) -> ChoiceView | None:
        """The option a row button belongs to (None for the actions)."""
        index = self.owner.get(id(button))
        return None if index is None else self.rows[index][0]

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        """The panel, heading, instructions, the rows that are wholly in view, and the buttons."""
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        surface.fill(palette.backdrop)
        ui.panel(surface, self.panel, palette.panel_solid)
        heading, small = ui.face("display", metrics.heading), ui.face("ui", metrics.small)
        x, y = self.panel.x + metrics.pad, self.panel.y + metrics.pad
        for line in self.heading_lines:
            ui.text(surface, line, heading, palette.heading, (x, y), self.panel)
            y += heading.height
        y += metrics.gap // 2
        for line in self.hint_lines():
            ui.text(surface, line, small, palette.text_dim, (x, y), self.panel)
            y += small.height
        clip = surface.get_clip()
        surface.set_clip(self.rows_view.inflate(metrics.gap, metrics.gap // 2).clip(self.panel))
        shown = self.rows_view
        for view, rect, lines in self.rows:
            # Whole rows only (a row the view's edge would cut waits for the scroll).
            if shown.contains(rect) or (rect.height > shown.height and rect.colliderect(shown)):
                self._draw_row(surface, view, rect, lines)
        focused = self.vote.focus.focused
        for b in self.row_buttons:
            b.draw(ui, surface, focused is b, "center")
        surface.set_clip(clip)
        self.scroll.draw(ui, surface, self.rows_view.inflate(metrics.gap * 2, 0))
        for b in self.actions:
            b.draw(ui, surface, focused is b, "center")

    def _draw_row(self, surface: pygame.Surface, view: ChoiceView, rect: Rect, lines: list[str]) -> None:
        """One option: highlighted when selected, tied or taken; its number, text, count and bar."""
        ui, metrics, palette, vote = self.ui, self.ui.metrics, self.ui.palette, self.vote
        text_face = ui.face("prose", self.text_size)
        chosen = vote.winner is not None and view.id == vote.winner.id
        tied = vote.phase == "tie" and view.id in vote.tied
        selected = vote.phase == "vote" and view.number == vote.selected
        frame = rect.inflate(metrics.gap, metrics.gap // 2)
        radius = max(4, metrics.radius // 2)
        if selected or chosen or tied:
            ui.panel(surface, frame, palette.button_hover, radius=radius, edge=True)
        if chosen:
            pygame.draw.rect(surface, palette.focus, frame, 2, border_radius=radius)
        colour = palette.text if view.available else palette.locked
        if (vote.phase == "tie" and not tied) or (vote.phase == "result" and not chosen):
            colour = palette.text_dim if view.available else palette.locked
        number_colour = palette.focus if view.available else palette.locked
        ui.text(
            surface,
            str(view.number),
            ui.face("ui_bold", metrics.ui),
            number_colour,
            (rect.x + metrics.gap // 2, rect.y),
            rect,
        )
        ty = rect.y
        for line in lines:
            ui.text(surface, line, text_face, colour, (rect.x + self.indent, ty), rect)
            ty += text_face.height
        if view.available:
            self._draw_count(surface, view, rect, selected, chosen)

    def _draw_count(
        self, surface: pygame.Surface, view: ChoiceView, rect: Rect, selected: bool, chosen: bool
    ) -> None:
        """An option's count (or the digits being typed), its bar, and after the vote its shares."""
        ui, metrics, palette, vote = self.ui, self.ui.metrics, self.ui.palette, self.vote
        count_face, small = ui.face("ui_bold", metrics.heading), ui.face("ui", metrics.small)
        count = vote.counts[view.id]
        label = (vote.typing + "_") if selected and vote.typing is not None else str(count)
        side = {"vote": 2 * round(metrics.button_height * 1.1) + 2 * metrics.gap}.get(vote.phase, 0)
        if vote.phase == "tie" and self.takes:
            side = self.takes[0].rect.width + metrics.gap
        right = rect.right - side
        colour = palette.focus if selected or chosen else palette.heading
        y = rect.y + (metrics.button_height - count_face.height) // 2
        ui.text(surface, label, count_face, colour, (right - count_face.width(label), y), rect)
        if vote.phase == "tie":  # equal bars say nothing: the count says it all
            return
        bar_rect = Rect(
            rect.x + self.indent,
            rect.bottom - self.bar_height - metrics.gap // 2,
            rect.width - self.indent,
            self.bar_height,
        )
        bar(ui, surface, bar_rect, count, 0, max(1, vote.total), palette.focus if chosen else None)
        if vote.phase == "result":
            note_y = bar_rect.y - small.height - metrics.gap // 2
            x = bar_rect.x
            if chosen:
                x += self._draw_taken(surface, Rect(bar_rect.x, note_y, bar_rect.width, small.height))
            note = small.wrap(vote.result_note(view), max(8, bar_rect.right - x))[0]
            ui.text(surface, note, small, palette.focus if chosen else palette.text_dim, (x, note_y), rect)

    def _draw_taken(self, surface: pygame.Surface, line: Rect) -> int:
        """A tick and "Taken" at the start of `line` (the winner's note line); returns its width."""
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        face = ui.face("ui_bold", metrics.small)
        label = word("vote_taken")
        tick = face.height * 2 // 3
        chip = Rect(0, 0, tick + metrics.gap + face.width(label) + metrics.pad, face.height + 2)
        chip.midleft = (line.x, line.centery)
        ui.panel(surface, chip, palette.panel_solid, radius=chip.height // 2, edge=False)
        pygame.draw.rect(
            surface, palette.focus, chip, 2 if palette.high_contrast else 1, border_radius=chip.height // 2
        )
        x0, cy = chip.x + metrics.pad // 2, chip.centery
        width = max(2, round(metrics.small / 8))
        points = [(x0, cy), (x0 + tick // 3, cy + tick // 3), (x0 + tick, cy - tick // 2)]
        pygame.draw.lines(surface, palette.focus, False, points, width)
        ui.text(surface, label, face, palette.focus, (x0 + tick + metrics.gap // 2, chip.y + 1), chip)
        return chip.width + metrics.gap
