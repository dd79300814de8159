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
from game.ui.widgets import Button, Rect, Scroller, bar
from game.ui.words import word

MAX_COUNT = 999


def choice_face(ui):  # noqa: ANN001, ANN201
    """The face the play screen gives a choice: the vote shows the same options no smaller."""
    return Button("", lambda: None, kind="choice").face(ui)


class VoteScreen(Screen):
    """Voting, then (on a tie) the facilitator's pick, then the result; `take` gets the choice."""

    def __init__(
        self,
        app,
        choices: list[ChoiceView],
        take: Callable[[ChoiceView], None],  # noqa: ANN001
        selected: int | None = None,
    ) -> None:
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
        self.takes: list[Button] = []  # on a tie: "Take this" on each tied option
        self._tops: list[int] = []  # each row's top in the scrolled content
        self._owner: dict[int, int] = {}
        self.scroll = Scroller()
        self.rows_view = Rect(0, 0, 0, 0)  # where the rows are drawn (they scroll inside it)
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
            self.show_row(number)

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
        self.show_row(view.number)  # the winning option is always in view

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
        full = m.height - 2 * m.margin
        self.panel = Rect(0, 0, width, full)
        self.panel.center = (m.width // 2, m.height // 2)
        inner = width - 2 * m.pad
        heading = ui.face("display", m.heading)
        self.heading_lines = heading.wrap(self._heading(), inner)
        head_h = m.pad + len(self.heading_lines) * heading.height + m.gap
        head_h += ui.face("ui", m.small).height + m.gap  # the instruction line
        actions = self._actions()
        widths = [b.face(ui).width(b.label) + 2 * m.pad for b in actions]
        row_h = max(b.measure(ui, w) for b, w in zip(actions, widths, strict=True))
        # The options keep the size the same choices have on the play screen (a class reads them
        # off a projector); when they do not all fit, they scroll, never shrink.
        self.text_size = choice_face(ui).key[1]
        content = self._place_rows(inner)
        needed = head_h + content + row_h + m.gap + m.pad
        self.panel.height = min(full, max(needed, full // 2))
        self.panel.centery = m.height // 2
        top = self.panel.y + head_h
        actions_top = self.panel.bottom - m.pad - row_h
        box = Rect(self.panel.x + m.pad, top, inner, max(m.button_height, actions_top - m.gap - top))
        stops = [self._tops[i] for i in range(len(self.rows))]
        self.rows_view = self.scroll.fit(ui, box, content, ui.face("prose", self.text_size).height, stops)
        self._position_rows()
        x = self.panel.right - m.pad
        for b, w in reversed(list(zip(actions, widths, strict=True))):
            b.rect = Rect(x - w, actions_top, w, row_h)
            x -= w + m.gap
        buttons = [b for pair in self.steppers for b in pair] + self.takes + actions
        self.focus.set(buttons, keep=True)
        if self.phase == "tie" and self.focus.focused not in self.takes and self.takes:
            self.focus.index = 0

    def _place_rows(self, inner: int) -> int:
        """Lays out the options' rows from 0 down at the options' text size; returns their height.

        `_position_rows` then puts them in the view at the scroll offset."""
        ui, m = self.ui, self.ui.m
        text_face = ui.face("prose", self.text_size)
        step_w = round(m.button_height * 1.1)
        take_w = ui.face("ui", m.small).width(word("take_this")) + 2 * m.pad
        count_w = ui.face("ui_bold", m.heading).width("000") + m.gap
        side_w = {"vote": 2 * step_w + 2 * m.gap, "tie": take_w + m.gap}.get(self.phase, 0)
        text_w = inner - side_w - count_w - m.gap - round(m.ui * 1.9)
        small_h = ui.face("ui", m.small).height
        self.rows, self.steppers, self.takes, self._tops = [], [], [], []
        self._owner: dict[int, int] = {}  # id(button) -> its row
        bar_h = max(6, round(m.gap * 1.2))
        y = 0
        for index, view in enumerate(self.choices):
            lines = text_face.wrap(view.text, text_w)
            if not view.available and view.locked_reason:
                lines += [f"({view.locked_reason})"]
            text_h = len(lines) * text_face.height
            if self.phase == "result" and view.available:
                text_h += small_h + m.gap // 2  # the shares' note, between the text and the bar
            h = max(m.button_height, text_h) + (bar_h if self.phase != "tie" else 0) + m.gap
            rect = Rect(0, y, inner, h)
            self.rows.append((view, rect, lines))
            self._tops.append(y)
            if view.available and self.phase == "vote":
                minus = Button("\u2212", lambda n=view.number: self.adjust(n, -1), kind="menu")
                plus = Button("+", lambda n=view.number: self.adjust(n, 1), kind="menu")
                minus.rect = Rect(0, 0, step_w, m.button_height)
                plus.rect = Rect(0, 0, step_w, m.button_height)
                self.steppers.append((minus, plus))
                self._owner[id(minus)] = self._owner[id(plus)] = index
            if self.phase == "tie" and view.id in self.tied:
                take = Button(word("take_this"), lambda n=view.number: self.select(n), kind="small")
                take.rect = Rect(0, 0, take_w, m.button_height)
                self.takes.append(take)
                self._owner[id(take)] = index
            y += h + m.gap
        return max(0, y - m.gap)

    def _position_rows(self) -> None:
        """Moves the rows (and their buttons) to the scroll offset; a button not wholly in the
        view is moved off screen, so the mouse never presses what it cannot see."""
        for (_, rect, _), top in zip(self.rows, self._tops, strict=True):
            rect.x, rect.y = self.rows_view.x, self.rows_view.y + top - self.scroll.offset
        for button in [b for pair in self.steppers for b in pair] + self.takes:
            row = self.rows[self._owner[id(button)]][1]
            right = row.right
            if any(button is pair[0] for pair in self.steppers):  # "−" sits left of "+"
                right -= button.rect.width + self.ui.m.gap
            button.rect.topright = (right, row.y)
            if not self.rows_view.contains(row):
                button.rect.y = -10 * (button.rect.height + 1000)

    def show_row(self, number: int) -> None:
        """Scrolls so option `number`'s row is wholly in view."""
        index = next((i for i, (v, _, _) in enumerate(self.rows) if v.number == number), None)
        if index is None:
            return
        top, bottom = self._tops[index], self._tops[index] + self.rows[index][1].height
        if top < self.scroll.offset:
            self.scroll.offset = top
        elif bottom > self.scroll.offset + self.rows_view.height:
            need = bottom - self.rows_view.height
            self.scroll.offset = min(self.scroll.end, next((t for t in self._tops if t >= need), top))
        self._position_rows()

    def _heading(self) -> str:
        team = self.team()
        if self.phase == "tie":
            return word("vote_tie")
        if self.phase == "result" and self.winner is not None:
            return word("vote_result")
        heading = word("team_decides", team=team) if team else word("class_vote")
        key = self.session.scene.key
        if key and self.app.classroom is not None and self.app.classroom.is_key(self.session):
            heading += f" · {word('key_decision').lower()}: {key}"  # marked: a key decision
        return heading

    def _actions(self) -> list[Button]:
        if self.phase == "vote":
            return [
                Button(word("back"), self.back, kind="menu"),
                Button(word("skip_vote"), self.skip, kind="menu"),
                Button(word("decide"), self.decide, kind="menu"),
            ]
        if self.phase == "tie":
            return [Button(word("back"), self.back, kind="menu")]
        return [
            Button(word("back"), self.back, kind="menu"),
            Button(word("press_continue"), self.finish, kind="menu"),
        ]

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
        if event.type == pygame.MOUSEWHEEL or (
            event.type == pygame.KEYDOWN
            and event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END)
        ):
            used = self.scroll.handle(event)
            self._position_rows()
            return used
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
            if key == pygame.K_SPACE and self.typing == "":
                return True  # "1 8": the space between an option and its count is not a decision
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
                # Enter presses the focused action (Back, Skip vote, Decide, Take this), never a
                # vote's +/− by surprise: after Tab through the counts, Enter decides.
                focused = self.focus.focused
                steppers = [b for pair in self.steppers for b in pair]
                if focused is not None and key != pygame.K_SPACE and focused not in steppers:
                    focused.action()
                else:
                    self.decide()
                return True
            if key == pygame.K_TAB:
                self.typing = None
                used = self.focus.handle(event)
                row = self._owner.get(id(self.focus.focused))
                if row is not None:
                    self.show_row(self.rows[row][0].number)
                return used
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
        hint = {
            "vote": word("vote_hint"),
            "tie": word("tie_hint"),
            "result": word("result_hint", total=self.total),
        }[self.phase]
        if self.phase == "result" and not self._others_reached():
            hint += " · " + word("others_none")
        hint = small.wrap(hint, self.panel.width - 2 * m.pad)[0]
        ui.text(surface, hint, small, p.text_dim, (self.panel.x + m.pad, y + m.gap // 2), self.panel)
        clip = surface.get_clip()
        surface.set_clip(self.rows_view.inflate(m.gap, m.gap // 2).clip(self.panel))
        for view, rect, lines in self.rows:
            # Whole rows only (a row the view's edge would cut waits for the scroll).
            shown = self.rows_view
            if shown.contains(rect) or (rect.height > shown.height and rect.colliderect(shown)):
                self._draw_row(surface, view, rect, lines)
        for b in [b for pair in self.steppers for b in pair] + self.takes:
            b.draw(ui, surface, self.focus.focused is b, "center")
        surface.set_clip(clip)
        self.scroll.draw(ui, surface, self.rows_view.inflate(m.gap * 2, 0))
        for b in self.focus.buttons[2 * len(self.steppers) + len(self.takes) :]:
            b.draw(ui, surface, self.focus.focused is b, "center")

    def _draw_row(self, surface: pygame.Surface, view: ChoiceView, rect: Rect, lines: list[str]) -> None:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        small = ui.face("ui", m.small)
        text_face, count_face = ui.face("prose", self.text_size), ui.face("ui_bold", m.heading)
        badge = ui.face("ui_bold", m.ui)
        step_w = round(m.button_height * 1.1)
        bar_h = max(6, round(m.gap * 1.2))
        chosen = self.winner is not None and view.id == self.winner.id
        tied = self.phase == "tie" and view.id in self.tied
        selected = self.phase == "vote" and view.number == self.selected
        if selected or chosen or tied:
            ui.panel(
                surface,
                rect.inflate(m.gap, m.gap // 2),
                p.button_hover,
                radius=max(4, m.radius // 2),
                edge=True,
            )
        if chosen:
            pygame.draw.rect(
                surface, p.focus, rect.inflate(m.gap, m.gap // 2), 2, border_radius=max(4, m.radius // 2)
            )
        colour = p.text if view.available else p.locked
        if (self.phase == "tie" and not tied) or (self.phase == "result" and not chosen):
            colour = p.text_dim if view.available else p.locked
        ui.text(
            surface,
            str(view.number),
            badge,
            p.focus if view.available else p.locked,
            (rect.x + m.gap // 2, rect.y),
            rect,
        )
        ty = rect.y
        for line in lines:
            ui.text(surface, line, text_face, colour, (rect.x + round(m.ui * 1.9), ty), rect)
            ty += text_face.height
        if not view.available:
            return
        count = self.counts[view.id]
        label = (self.typing + "_") if selected and self.typing is not None else str(count)
        cw = count_face.width(label)
        side = {"vote": 2 * step_w + 2 * m.gap}.get(self.phase, 0)
        if self.phase == "tie" and self.takes:
            side = self.takes[0].rect.width + m.gap
        right = rect.right - side
        ui.text(
            surface,
            label,
            count_face,
            p.focus if selected or chosen else p.heading,
            (right - cw, rect.y + (m.button_height - count_face.height) // 2),
            rect,
        )
        bar_rect = Rect(
            rect.x + round(m.ui * 1.9),
            rect.bottom - bar_h - m.gap // 2,
            rect.width - round(m.ui * 1.9),
            bar_h,
        )
        if self.phase == "tie":  # equal bars say nothing: the count says it all
            return
        bar(ui, surface, bar_rect, count, 0, max(1, self.total), p.focus if chosen else None)
        if self.phase == "result":
            note_y = bar_rect.y - small.height - m.gap // 2
            x = bar_rect.x
            if chosen:
                x += self._draw_taken(surface, Rect(bar_rect.x, note_y, bar_rect.width, small.height))
            note = small.wrap(self.result_note(view), max(8, bar_rect.right - x))[0]
            ui.text(surface, note, small, p.focus if chosen else p.text_dim, (x, note_y), rect)

    def _draw_taken(self, surface: pygame.Surface, line: Rect) -> int:
        """A tick and "Taken" at the start of `line` (the winner's note line); returns its width."""
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        face = ui.face("ui_bold", m.small)
        label = word("vote_taken")
        tick = face.height * 2 // 3
        chip = Rect(0, 0, tick + m.gap + face.width(label) + m.pad, face.height + 2)
        chip.midleft = (line.x, line.centery)
        ui.panel(surface, chip, p.panel_solid, radius=chip.height // 2, edge=False)
        pygame.draw.rect(surface, p.focus, chip, 2 if p.high_contrast else 1, border_radius=chip.height // 2)
        x0, cy = chip.x + m.pad // 2, chip.centery
        width = max(2, round(m.small / 8))
        pygame.draw.lines(
            surface,
            p.focus,
            False,
            [(x0, cy), (x0 + tick // 3, cy + tick // 3), (x0 + tick, cy - tick // 2)],
            width,
        )
        ui.text(surface, label, face, p.focus, (x0 + tick + m.gap // 2, chip.y + 1), chip)
        return chip.width + m.gap


def _digit(event: pygame.event.Event) -> int | None:
    if pygame.K_0 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    if pygame.K_KP0 <= event.key <= pygame.K_KP9:
        return event.key - pygame.K_KP0
    return None
