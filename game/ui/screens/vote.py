"""The class vote: the facilitator enters the count for each option; the majority's choice is taken.

Keys: a number selects its option (then typed digits set its count, Enter ends the typing),
+ / - / Up / Down change the selected count, Enter decides, S skips the vote, Esc goes back.
Mouse: - and + beside each option, and Decide, Skip vote, Back. A tie is broken by the
facilitator choosing among the tied options; then the result and the other classes' choices.
"""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.engine import ChoiceView
from game.ui.classroom import majority
from game.ui.screens.base import Screen
from game.ui.widgets import Button, Rect, bar
from game.ui.words import word

MAX_COUNT = 999


class VoteScreen(Screen):
    """Voting, then (on a tie) the facilitator's pick, then the result; `take` gets the choice."""

    def __init__(self, app, choices: list[ChoiceView], take: Callable[[ChoiceView], None],  # noqa: ANN001
                 selected: int | None = None) -> None:
        super().__init__(app)
        self.choices = choices
        self.take = take
        self.counts = {c.id: 0 for c in choices if c.available}
        usable = [c for c in choices if c.available]
        self.selected = selected if selected in {c.number for c in usable} else usable[0].number
        self.typing: str | None = None
        self.phase = "vote"  # "vote", "tie", "result"
        self.tied: list[str] = []
        self.winner: ChoiceView | None = None
        self.tie_broken = False
        self.rows: list[tuple[ChoiceView, Rect, list[str]]] = []
        self.steppers: list[tuple[Button, Button]] = []
        self.panel = Rect(0, 0, 0, 0)
        self.heading_lines: list[str] = []
        self.text_size = 0  # the options' text size, chosen by layout to fit

    # ------------------------------------------------------------------ what it knows

    @property
    def session(self):  # noqa: ANN201
        return self.app.session

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def view(self, number: int) -> ChoiceView | None:
        return next((c for c in self.choices if c.number == number), None)

    def team(self) -> str | None:
        classroom = self.app.classroom
        return classroom.team_for(self.session.story, self.session.scene.pov) if classroom else None

    # ------------------------------------------------------------------ acting

    def select(self, number: int) -> None:
        view = self.view(number)
        if view is None or not view.available:
            return
        if self.phase == "tie":
            if view.id in self.tied:
                self.tie_broken = True
                self._result(view)
            return
        if self.phase == "vote":
            self.selected = number
            self.typing = ""

    def adjust(self, number: int, step: int) -> None:
        view = self.view(number)
        if self.phase != "vote" or view is None or not view.available:
            return
        self.selected, self.typing = number, None
        self.counts[view.id] = max(0, min(MAX_COUNT, self.counts[view.id] + step))
        self.layout()

    def type_digit(self, digit: int) -> None:
        view = self.view(self.selected)
        if view is None:
            return
        self.typing = ((self.typing or "") + str(digit))[-3:]
        self.counts[view.id] = int(self.typing)

    def decide(self) -> None:
        if self.phase == "result":
            self.finish()
            return
        if self.phase != "vote":
            return
        leaders = majority(self.counts)
        if not leaders:
            self.app.notify(word("vote_no_votes"))
            return
        if len(leaders) > 1:
            self.phase, self.tied, self.typing = "tie", leaders, None
            self.layout()
            return
        self._result(next(c for c in self.choices if c.id == leaders[0]))

    def _result(self, view: ChoiceView) -> None:
        self.winner, self.phase, self.typing = view, "result", None
        self.layout()

    def skip(self) -> None:
        """No vote for this choice: the facilitator picks the selected option, no tally kept."""
        if self.phase != "vote":
            return
        view = self.view(self.selected)
        if view is None or not view.available:
            return
        if self.app.classroom is not None:
            self.app.classroom.vote_decided(None, False)
        self.app.pop()
        self.take(view)

    def finish(self) -> None:
        if self.winner is None:
            return
        if self.app.classroom is not None:
            self.app.classroom.vote_decided(dict(self.counts), self.tie_broken)
        self.app.pop()
        self.take(self.winner)

    def back(self) -> None:
        if self.phase == "vote":
            self.app.pop()
        else:
            self.phase, self.winner, self.tied, self.tie_broken = "vote", None, [], False
            self.layout()

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        ui, m = self.ui, self.ui.m
        width = min(m.width - 2 * m.margin, max(round(980 * m.unit), round(m.width * 0.7)))
        self.panel = Rect(0, 0, width, m.height - 2 * m.margin)
        self.panel.center = (m.width // 2, m.height // 2)
        inner = width - 2 * m.pad
        heading = ui.face("display", m.heading)
        self.heading_lines = heading.wrap(self._heading(), inner)
        top = self.panel.y + m.pad + len(self.heading_lines) * heading.height + m.gap
        top += ui.face("ui", m.small).height + m.gap  # the instruction line
        actions = self._actions()
        widths = [b.face(ui).width(b.label) + 2 * m.pad for b in actions]
        row_h = max(b.measure(ui, w) for b, w in zip(actions, widths, strict=True))
        # Many long options in a small window at the largest text: the options' text shrinks
        # (never below the small size) until the rows and the buttons fit in the panel.
        room = self.panel.bottom - m.pad - row_h - m.gap
        for size in dict.fromkeys((m.ui, round(m.ui * 0.9), round(m.ui * 0.8), m.small)):
            self.text_size = size
            y = self._place_rows(top, inner)
            if y <= room:
                break
        x = self.panel.right - m.pad
        needed = y + row_h + m.pad
        top = self.panel.y
        self.panel.height = min(m.height - 2 * m.margin, max(needed - self.panel.y, self.panel.height // 2))
        self.panel.centery = m.height // 2
        shift = self.panel.y - top  # the rows were laid out from the old top
        for _, rect, _ in self.rows:
            rect.y += shift
        for pair in self.steppers:
            for b in pair:
                b.rect.y += shift
        for b, w in reversed(list(zip(actions, widths, strict=True))):
            b.rect = Rect(x - w, self.panel.bottom - m.pad - row_h, w, row_h)
            x -= w + m.gap
        buttons = [b for pair in self.steppers for b in pair] + actions
        self.focus.set(buttons, keep=True)

    def _place_rows(self, y: int, inner: int) -> int:
        """Lays out the options' rows from `y` at the current text size; returns where they end."""
        ui, m = self.ui, self.ui.m
        text_face = ui.face("prose", self.text_size)
        step_w = round(m.button_height * 1.1)
        count_w = ui.face("ui_bold", m.heading).width("000") + m.gap
        steppers_w = 2 * step_w + 2 * m.gap if self.phase == "vote" else 0  # hidden after the vote
        text_w = inner - steppers_w - count_w - m.gap - round(m.ui * 1.9)
        small_h = ui.face("ui", m.small).height
        self.rows, self.steppers = [], []
        bar_h = max(6, round(m.gap * 1.2))
        for view in self.choices:
            lines = text_face.wrap(view.text, text_w)
            if not view.available and view.locked_reason:
                lines += [f"({view.locked_reason})"]
            text_h = len(lines) * text_face.height
            if self.phase == "result" and view.available:
                text_h += small_h  # the shares' note, between the text and the bar
            h = max(m.button_height, text_h) + bar_h + m.gap
            rect = Rect(self.panel.x + m.pad, y, inner, h)
            self.rows.append((view, rect, lines))
            if view.available:
                minus = Button("\u2212", lambda n=view.number: self.adjust(n, -1), self.phase == "vote",
                               kind="small")
                plus = Button("+", lambda n=view.number: self.adjust(n, 1), self.phase == "vote",
                              kind="small")
                minus.rect = Rect(rect.right - 2 * step_w - m.gap, rect.y, step_w, m.button_height)
                plus.rect = Rect(rect.right - step_w, rect.y, step_w, m.button_height)
                self.steppers.append((minus, plus))
            y += h + m.gap
        return y

    def _heading(self) -> str:
        team = self.team()
        if self.phase == "tie":
            return word("vote_tie")
        if self.phase == "result" and self.winner is not None:
            return word("vote_result")
        return word("team_decides", team=team) if team else word("class_vote")

    def _actions(self) -> list[Button]:
        if self.phase == "vote":
            return [Button(word("back"), self.back, kind="menu"),
                    Button(word("skip_vote"), self.skip, kind="menu"),
                    Button(word("decide"), self.decide, kind="menu")]
        if self.phase == "tie":
            return [Button(word("back"), self.back, kind="menu")]
        return [Button(word("back"), self.back, kind="menu"),
                Button(word("press_continue"), self.finish, kind="menu")]

    def result_note(self, view: ChoiceView) -> str:
        """Under an option's bar after the vote: this class's share, then other classes' share."""
        note = f"{round(100 * self.counts.get(view.id, 0) / max(1, self.total))}%"
        classroom = self.app.classroom
        share = classroom.share(self.session.story, view.id) if classroom else None
        if share is not None and share.reached:
            note += " · " + word("others_chose", percent=round(share.percent), reached=share.reached)
        return note

    def _others_reached(self) -> bool:
        classroom = self.app.classroom
        if classroom is None or not self.counts:
            return False
        return classroom.share(self.session.story, next(iter(self.counts))).reached > 0

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            key = event.key
            if key == pygame.K_ESCAPE:
                if self.typing is not None:
                    self.typing = None
                else:
                    self.back()
                return True
            digit = _digit(event)
            if digit is not None:
                if self.phase == "vote" and self.typing is not None:
                    self.type_digit(digit)
                elif digit > 0:
                    self.select(digit)
                return True
            if key == pygame.K_BACKSPACE and self.typing is not None:
                self.typing = self.typing[:-1]
                view = self.view(self.selected)
                if view is not None:
                    self.counts[view.id] = int(self.typing or 0)
                return True
            if key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS, pygame.K_UP):
                self.adjust(self.selected, 1)
                return True
            if key in (pygame.K_MINUS, pygame.K_KP_MINUS, pygame.K_DOWN):
                self.adjust(self.selected, -1)
                return True
            if key == pygame.K_s and self.phase == "vote":
                self.skip()
                return True
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                if self.typing is not None:
                    self.typing = None
                    return True
                focused = self.focus.focused
                if focused is not None and key != pygame.K_SPACE:
                    focused.action()
                else:
                    self.decide()
                return True
            if key == pygame.K_TAB:
                self.typing = None
                return self.focus.handle(event)
            return False
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.phase == "tie":
            for view, rect, _ in self.rows:
                if rect.collidepoint(event.pos):
                    self.select(view.number)
                    return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.phase == "vote":
            used = self.focus.handle(event)
            if not used:
                for view, rect, _ in self.rows:
                    if rect.collidepoint(event.pos) and view.available:
                        self.selected, self.typing = view.number, None
                        return True
            return used
        return self.focus.handle(event)

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        surface.fill(p.backdrop)
        ui.panel(surface, self.panel, p.panel_solid)
        heading = ui.face("display", m.heading)
        y = self.panel.y + m.pad
        for line in self.heading_lines:
            ui.text(surface, line, heading, p.heading, (self.panel.x + m.pad, y), self.panel)
            y += heading.height
        small = ui.face("ui", m.small)
        hint = {"vote": word("vote_hint"), "tie": word("tie_hint"),
                "result": word("result_hint", total=self.total)}[self.phase]
        if self.phase == "result" and not self._others_reached():
            hint += " · " + word("others_none")
        hint = small.wrap(hint, self.panel.width - 2 * m.pad)[0]
        ui.text(surface, hint, small, p.text_dim, (self.panel.x + m.pad, y + m.gap // 2), self.panel)
        text_face, count_face = ui.face("prose", self.text_size), ui.face("ui_bold", m.heading)
        badge = ui.face("ui_bold", m.ui)
        step_w = round(m.button_height * 1.1)
        total = max(1, self.total)
        bar_h = max(6, round(m.gap * 1.2))
        for view, rect, lines in self.rows:
            chosen = self.winner is not None and view.id == self.winner.id
            tied = self.phase == "tie" and view.id in self.tied
            selected = self.phase == "vote" and view.number == self.selected
            if selected or chosen or tied:
                ui.panel(surface, rect.inflate(m.gap, m.gap // 2), p.button_hover,
                         radius=max(4, m.radius // 2), edge=True)
            colour = p.text if view.available else p.locked
            if self.phase == "tie" and not tied:
                colour = p.locked
            ui.text(surface, str(view.number), badge, p.focus if view.available else p.locked,
                    (rect.x + m.gap // 2, rect.y), rect)
            ty = rect.y
            for line in lines:
                ui.text(surface, line, text_face, colour, (rect.x + round(m.ui * 1.9), ty), rect)
                ty += text_face.height
            if not view.available:
                continue
            count = self.counts[view.id]
            label = (self.typing + "_") if selected and self.typing is not None else str(count)
            cw = count_face.width(label)
            right = rect.right - (2 * step_w + 2 * m.gap if self.phase == "vote" else 0)
            ui.text(surface, label, count_face, p.focus if selected else p.heading,
                    (right - cw, rect.y + (m.button_height - count_face.height) // 2), rect)
            bar_rect = Rect(rect.x + round(m.ui * 1.9), rect.bottom - bar_h - m.gap // 2,
                            rect.width - round(m.ui * 1.9), bar_h)
            bar(ui, surface, bar_rect, count, 0, total, p.focus if chosen else None)
            if self.phase == "result":
                note = small.wrap(self.result_note(view), bar_rect.width)[0]
                ui.text(surface, note, small, p.text_dim,
                        (bar_rect.x, bar_rect.y - small.height - 2), rect)
        if self.phase == "vote":
            for pair in self.steppers:
                for b in pair:
                    b.draw(ui, surface, self.focus.focused is b, "center")
        for b in self.focus.buttons[2 * len(self.steppers):]:
            b.draw(ui, surface, self.focus.focused is b, "center")


def _digit(event: pygame.event.Event) -> int | None:
    if pygame.K_0 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    if pygame.K_KP0 <= event.key <= pygame.K_KP9:
        return event.key - pygame.K_KP0
    return None
