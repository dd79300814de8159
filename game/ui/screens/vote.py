"""The class vote: the facilitator enters the count for each option; the majority's choice is taken.

Keys: a number selects its option (then typed digits set its count, Enter ends the typing),
+ / - / Up / Down change the selected count, Enter decides, S skips the vote, Esc goes back.
A count above MAX_COUNT is a slip (digits typed without the spaces: "1824"), refused with a
notice that says how to type a vote.
Mouse: - and + beside each option, and Decide, Skip vote, Back. A tie is broken by the
facilitator choosing among the tied options; then the result and the other classes' choices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.engine import ChoiceView, Session
from game.ui.classroom import majority
from game.ui.screens.base import Screen
from game.ui.screens.vote_board import VoteBoard
from game.ui.widgets import Button
from game.ui.words import word

if TYPE_CHECKING:
    from game.ui.app import App

MAX_COUNT = 200  # votes for one option: more than any class (a larger number is a typing slip)


class VoteScreen(Screen):
    """Voting, then (on a tie) the facilitator's pick, then the result; `take` gets the choice.

    The screen keeps the vote's state and acts on events; its board (vote_board.py) lays out and
    draws the panel, the options and the buttons."""

    def __init__(
        self,
        app: App,
        choices: list[ChoiceView],
        take: Callable[[ChoiceView], None],
        selected: int | None = None,
    ) -> None:
        super().__init__(app)
        self.choices = choices
        self.take = take
        self.counts = {c.id: 0 for c in choices if c.available}
        usable = [c for c in choices if c.available]
        self.selected = selected if selected in {c.number for c in usable} else usable[0].number
        self.typing: str | None = None  # the digits typed for the selected option's count
        self.count_before = 0  # the selected option's count before its typing began
        self.phase = "vote"  # "vote", "tie", "result"
        self.tied: list[str] = []
        self.winner: ChoiceView | None = None
        self.tie_broken = False
        self.board = VoteBoard(self)

    # ------------------------------------------------------------------ what it knows

    @property
    def session(self) -> Session:
        session = self.app.session
        assert session is not None, "a vote is only pushed while a story is played"
        return session

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def view(self, number: int) -> ChoiceView | None:
        """The option shown with `number`."""
        return next((c for c in self.choices if c.number == number), None)

    def team(self) -> str | None:
        """The team deciding this scene, when the class plays in teams."""
        classroom = self.app.classroom
        return classroom.team_for(self.session.story, self.session.scene.pov) if classroom else None

    # ------------------------------------------------------------------ acting

    def select(self, number: int) -> None:
        """Selects option `number` for typing its count; on a tie, takes it if it is tied."""
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
            self.count_before = self.counts[view.id]
            self.show_row(number)

    def adjust(self, number: int, step: int) -> None:
        """Changes option `number`'s count by `step` (kept within 0 and MAX_COUNT)."""
        view = self.view(number)
        if self.phase != "vote" or view is None or not view.available:
            return
        self.selected, self.typing = number, None
        count = self.counts[view.id] + step
        if count > MAX_COUNT:
            self.app.notify(word("vote_at_most", most=MAX_COUNT))
        self.counts[view.id] = max(0, min(MAX_COUNT, count))
        self.layout()

    def type_digit(self, digit: int) -> None:
        """Types a digit of the selected option's count. A count larger than a class is refused
        with a notice: the option's count goes back to what it was, and typing starts again."""
        view = self.view(self.selected)
        if view is None:
            return
        typed = (self.typing or "") + str(digit)
        if int(typed) > MAX_COUNT:
            self.app.notify(word("vote_too_many", count=int(typed), most=MAX_COUNT))
            self.typing, self.counts[view.id] = "", self.count_before
            return
        self.typing = typed
        self.counts[view.id] = int(typed)

    def decide(self) -> None:
        """Counts the vote: the majority's option is the result; a tie asks the facilitator."""
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
        """Shows `view` as the result, in view."""
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
        """Records the tally and takes the winning option."""
        if self.winner is None:
            return
        if self.app.classroom is not None:
            self.app.classroom.vote_decided(dict(self.counts), self.tie_broken)
        self.app.pop()
        self.take(self.winner)

    def back(self) -> None:
        """From the result or a tie back to the counts; from the counts back to the play screen."""
        if self.phase == "vote":
            self.app.pop()
        else:
            self.phase, self.winner, self.tied, self.tie_broken = "vote", None, [], False
            self.layout()

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        self.board.layout()
        self.focus.set(self.board.row_buttons + self.board.actions, keep=True)
        if self.phase == "tie" and self.focus.focused not in self.board.takes and self.board.takes:
            self.focus.index = 0

    def show_row(self, number: int) -> None:
        """Scrolls so option `number`'s row is wholly in view."""
        self.board.show_row(number)

    def heading(self) -> str:
        """Who decides (a key decision marked), the tie, or the result."""
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

    def actions(self) -> list[Button]:
        """The buttons under the options for this phase."""
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

    def hint(self) -> str:
        """The instruction under the heading for this phase."""
        if self.phase == "vote":
            return word("vote_hint")
        if self.phase == "tie":
            return word("tie_hint")
        hint = word("result_hint", total=self.total)
        return hint if self._others_reached() else hint + " · " + word("others_none")

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
            used = self.board.scroll.handle(event)
            self.board.position_rows()
            return bool(used)
        if event.type == pygame.KEYDOWN:
            return self._key(event)
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.phase == "tie":
            for view, rect, _ in self.board.rows:
                if rect.collidepoint(event.pos):
                    self.select(view.number)
                    return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self.phase == "vote":
            used = self.focus.handle(event)
            if not used:
                for view, rect, _ in self.board.rows:
                    if rect.collidepoint(event.pos) and view.available:
                        self.selected, self.typing = view.number, None
                        return True
            return used
        return self.focus.handle(event)

    def _key(self, event: pygame.event.Event) -> bool:
        """A key: digits enter counts ("1 8 2 4": 8 votes for option 1, 4 for option 2), +/−
        change the selected count, Enter decides (or presses the focused action), S skips."""
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
        if key == pygame.K_SPACE and self.phase == "vote":
            if self.typing:  # "1 8 2 4": a space ends a count; spaces never decide
                self.typing = None
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
            typed, self.typing = self.typing, None
            if typed:  # Enter after a count ends its typing; with nothing typed it decides
                return True
            # Enter presses the focused action (Back, Skip vote, Decide, Take this), never a
            # vote's +/− by surprise: after Tab through the counts, Enter decides.
            focused = self.focus.focused
            if focused is not None and key != pygame.K_SPACE and focused not in self.board.stepper_buttons:
                focused.action()
            else:
                self.decide()
            return True
        if key == pygame.K_TAB:
            self.typing = None
            used = self.focus.handle(event)
            row = self.board.row_of(self.focus.focused)
            if row is not None:
                self.show_row(row.number)
            return used
        return False

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        self.board.draw(surface)


def _digit(event: pygame.event.Event) -> int | None:
    """The digit a key types (main row or keypad), or None."""
    if pygame.K_0 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    if pygame.K_KP0 <= event.key <= pygame.K_KP9:
        return event.key - pygame.K_KP0
    return None
