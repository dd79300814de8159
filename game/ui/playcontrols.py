"""The play screen's controls: its tool buttons (Undo, Family, History, Skip and Auto, Menu), its
one-key shortcuts, and what each key press and mouse event does there.

Keys: a shortcut (SHORTCUTS), Space/Enter/a number/→ to show the text's rest or turn its page,
then a choice's number (or Space/Enter for a lone Continue; a real choice is never taken by
Enter), the scroll keys. The mouse: the text's scroll bar and wheel, a crowded choice list's cue,
a click on the text while it shows, the side note. The screen keeps what these do to the story
(`choose`, `undo`, `open_note`, `enter_scene`); this module says which control does what.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pygame

from game.ui import advance
from game.ui.widgets import Button, is_click
from game.ui.words import word

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen


def tool_buttons(play: PlayScreen) -> list[Button]:
    """Undo, Family (counting quiet changes not yet seen), History, Skip and Auto (lit while
    on; not in class, where the facilitator paces the story), Menu."""
    app, mode = play.app, play.app.advance
    family = word("family_new", count=app.unseen_changes) if app.unseen_changes else word("family")
    tools = [
        Button(word("undo"), play.undo, play.session.can_undo and not play.frozen, kind="small"),
        Button(family, lambda: open_family(play), kind="small"),
        Button(word("history"), lambda: open_history(play), kind="small"),
    ]
    if app.classroom is None:
        skip = word("skip_button_on" if mode == "skip" else "skip_button")
        auto = word("auto_button_on" if mode == "auto" else "auto_button")
        tools += [
            Button(skip, lambda: toggle_skip(play), kind="small"),
            Button(auto, lambda: toggle_auto(play), kind="small"),
        ]
    return [*tools, Button(word("menu"), lambda: open_menu(play), kind="small")]


def handle(play: PlayScreen, event: pygame.event.Event) -> bool:
    """An event on the play screen: its keys, its mouse, else the focus (Tab, arrows); True if
    it was used."""
    used = _key(play, event) if event.type == pygame.KEYDOWN else _mouse(play, event)
    if not used:
        used = play.focus.handle(event)
        if used and event.type == pygame.KEYDOWN:
            play.plan.show_choice(play.focus.focused)
    play.plan.follow_scroll()  # choices that flow with the text move with its scroll
    return used


def _key(play: PlayScreen, event: pygame.event.Event) -> bool:
    """A key press: a shortcut (SHORTCUTS), the text's reveal, a choice's number, or scrolling."""
    shortcut = SHORTCUTS.get(event.key)
    if event.key == pygame.K_z and event.mod & pygame.KMOD_CTRL:
        shortcut = undo
    if shortcut is not None:
        shortcut(play)
        return True
    go_on = event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
    number = _number(event)
    reading = play.reading
    if reading.revealing and (go_on or number is not None or (reading.paged and event.key == pygame.K_RIGHT)):
        reading.skip_ahead()
        return True
    if play.cards_waiting and (go_on or number is not None):
        play.due.asked = True  # the prompt and card come before the choice
        return True
    if number is not None:
        view = next((view for view in play.choices if view.number == number), None)
        if view is not None:
            play.choose(view)
        return view is not None
    only = play.choices[0] if len(play.choices) == 1 else None
    if go_on and only is not None and only.is_continue and only.available and play.focus.focused is None:
        play.choose(only)  # Continue is the one way on; a real choice is never taken by Enter
        return True
    if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
        return reading.scroll.handle(event)
    return False


def _mouse(play: PlayScreen, event: pygame.event.Event) -> bool:
    """The mouse: the text's scrollbar and "more below", the wheel, a crowded list's cue, the note."""
    plan, scroll = play.plan, play.reading.scroll
    if not play.revealing and scroll.handle_mouse(event):
        return True
    if event.type == pygame.MOUSEWHEEL:
        cue = plan.choice_cue
        if cue is not None and plan.choice_room.union(cue).collidepoint(pygame.mouse.get_pos()):
            return plan.scroll_choices(-1 if event.y > 0 else 1)
        return scroll.handle(event)
    if not is_click(event):
        return False
    if play.revealing and plan.panel.collidepoint(event.pos):
        play.reading.skip_ahead()
        return True
    if plan.choice_cue is not None and plan.choice_cue.collidepoint(event.pos):
        if not plan.scroll_choices(1):  # at the end of the list: back to its start
            plan.rewind_choices()
        return True
    note = [plan.note_button.rect if plan.note_button is not None else None, plan.note_box]
    if plan.note_button is not None and any(r is not None and r.collidepoint(event.pos) for r in note):
        play.open_note()
        return True
    return False


def _number(event: pygame.event.Event) -> int | None:
    """The choice number a key stands for (1-9 on the main row or the keypad)."""
    if pygame.K_1 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    if pygame.K_KP1 <= event.key <= pygame.K_KP9:
        return event.key - pygame.K_KP1 + 1
    return None


# ---------------------------------------------------------------------- what the controls open


def undo(play: PlayScreen) -> None:
    """Undo (Backspace, Ctrl+Z, the button): back to the last choice."""
    play.undo()


def open_note(play: PlayScreen) -> None:
    """The whole prompt and fact card (N)."""
    play.open_note()


def toggle_skip(play: PlayScreen) -> None:
    """Skip read text on or off (S); not in class, where the facilitator paces the story."""
    if play.app.classroom is None:
        advance.toggle(play.app, "skip")
        play.layout()


def toggle_auto(play: PlayScreen) -> None:
    """Auto-advance on or off (A); not in class."""
    if play.app.classroom is None:
        advance.toggle(play.app, "auto")
        play.layout()


def open_menu(play: PlayScreen) -> None:
    from game.ui.screens.menu import PauseMenu

    play.app.push(PauseMenu(play.app))


def open_family(play: PlayScreen) -> None:
    from game.ui.screens.family import FamilyScreen

    play.app.push(FamilyScreen(play.app))


def open_history(play: PlayScreen) -> None:
    from game.ui.screens.history import HistoryScreen

    play.app.push(HistoryScreen(play.app))


def open_flowchart(play: PlayScreen) -> None:
    from game.ui.screens.flowchart import FlowchartScreen

    play.app.push(FlowchartScreen(play.app))


# The play screen's one-key shortcuts (and Ctrl+Z for undo). The keys page lists them
# (game.ui.screens.keys.KEYS), and README.md; tests/test_ui_journey.py checks that the three agree.
SHORTCUTS: dict[int, Callable[[PlayScreen], object]] = {
    pygame.K_ESCAPE: open_menu,
    pygame.K_BACKSPACE: undo,
    pygame.K_f: open_family,
    pygame.K_h: open_history,
    pygame.K_g: open_flowchart,
    pygame.K_n: open_note,
    pygame.K_s: toggle_skip,
    pygame.K_a: toggle_auto,
}
