"""The play screen: a scene's caption, text and choices over its picture, and the turn from one
scene to the next (choose, undo, and the consequence and the real family's note between them).

Its parts are helpers: where things go (game.ui.playlayout), the text as it is read (playreading),
the keys, clicks and tool buttons (playcontrols), the side note (playnote), the picture
(playbackdrop), what shows full-screen at a scene (playdue), skip and auto (advance)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import pygame

from game.engine import ChoiceView, Session
from game.engine.looks import pov_faces
from game.engine.readlog import text_key
from game.ui import advance, playcontrols, playnote
from game.ui.playbackdrop import Backdrop
from game.ui.playdue import Dues, due_at, show_due
from game.ui.playlayout import PlayLayout
from game.ui.playparts import draw_caption, draw_choice_cue, draw_clock
from game.ui.playreading import Reading
from game.ui.screens.base import Screen
from game.ui.widgets import Button, Scroller
from game.ui.words import word

if TYPE_CHECKING:
    from game.ui.app import App
    from game.ui.classroom import Classroom


class PlayScreen(Screen):
    """Shows the session's current scene; choosing hands over to the consequence moment."""

    def __init__(self, app: App) -> None:
        super().__init__(app)
        self.choices: list[ChoiceView] = []
        self.tools: list[Button] = []
        self.plan = PlayLayout(self.ui, Scroller(), app.classroom is not None)  # where things go
        self.reading = Reading(app, self.plan, self.layout_choices)  # the text, as far as it shows
        self.scene = self.session.scene  # what is shown: kept during the consequence moment
        self.backdrop = Backdrop(app, self.session.backdrop)  # the picture behind the scene
        self._next_lead: str | None = None  # a quiet choice's `says` line, opening the next scene
        app.unseen_changes = 0
        self.frozen = False
        self.chapter = self.scene.chapter
        self.due = Dues()  # to show full-screen at this scene (game.ui.playdue)
        self.film_note: str | None = None  # after a key decision: what the real family did
        self.clock_text = ""
        self.pace = advance.Pace()  # skip and auto at this scene
        if app.classroom is None and app.story is not None:
            advance.read_log(app)  # opened now, so a damaged record is told at the start
        self.enter_scene(reveal=True)

    # ------------------------------------------------------------------ state

    @property
    def session(self) -> Session:
        """The game played: the play screen is only made while there is one."""
        session = self.app.session
        assert session is not None, "the play screen needs a game"
        return session

    @property
    def revealing(self) -> bool:
        """The text is still being shown (in class, a page at a time: game.ui.playreading)."""
        return self.reading.revealing

    @property
    def scroll(self) -> Scroller:
        """The text's scroll (the app keeps its notices off the text's "more below" cue)."""
        return self.reading.scroll

    @property
    def panel(self) -> pygame.Rect:
        """The text's panel (the app puts its notices beside it where the window has room)."""
        return self.plan.panel

    @property
    def cards_waiting(self) -> bool:
        """Classroom: the text is read and a discussion prompt or fact card waits for the teacher."""
        return not self.revealing and not self.due.asked and not self.frozen and self.due.cards_wait

    def enter_scene(self, reveal: bool = True) -> None:
        """Shows the session's current scene (after a choice, an undo or a load).

        An end scene shows like any other, its one way forward opening the ending."""
        classroom = self.app.classroom
        step = classroom.take_step() if classroom is not None else None
        if step is not None and step.kind == "close":  # the lesson ends here, mid-story
            from game.ui.screens.lesson import ClosingScreen

            self.app.reset(ClosingScreen(self.app))
            return
        if step is not None:  # the lesson moves on to its next part along the film's road
            self.app.session = step.session
            self.app.autosave()
            self._next_lead = None  # the last choice's words belong to the part that ended
        if self.session.is_over:
            self.app.advance = ""  # skip and auto end with the story: its last scene is read
        scene = self.scene = self.session.scene
        self.due.start(due_at(self.app, self.session, self.chapter, step, reveal))
        self.chapter = scene.chapter
        texts = self.session.paragraphs()
        self.reading.set_text(texts, self._next_lead)
        self._next_lead = None
        self.pace = advance.Pace(text_key(scene.id, texts))
        self.frozen = False
        self.backdrop.show(self.session.backdrop)  # a variant may set its own (night, winter)
        self.reading.scroll.offset = 0  # the new text from its top
        self.layout()
        self.reading.begin(reveal)
        self.app.dirty = True

    def announce_chapter(self) -> None:
        """Shows the chapter's title card before the text (a new game's first chapter)."""
        if self.scene.chapter and self.app.classroom is None:
            self.due.items = [("chapter", self.scene.chapter)]

    def open_ending(self) -> None:
        """The ending, over this (end) scene: Undo there comes back to the last choice."""
        from game.ui.screens.ending import EndingScreen

        if self.session.is_over and not isinstance(self.app.top, EndingScreen):
            self.app.push(EndingScreen(self.app))

    def choose(self, view: ChoiceView) -> None:
        """Takes a choice (after the class vote, in classroom mode) and shows what it changed."""
        if not view.available:
            return
        if self.session.is_over:  # the end scene's one way forward
            self.open_ending()
            return
        classroom = self.app.classroom
        real = [c for c in self.choices if c.available and not c.is_continue]
        if (
            classroom is not None
            and classroom.votes_here(self.session)
            and not view.is_continue
            and len(real) > 1
        ):
            from game.ui.screens.vote import VoteScreen

            self.app.push(VoteScreen(self.app, self.choices, self.take, selected=view.number))
            return
        self.take(view)

    def take(self, view: ChoiceView) -> None:
        """Takes a choice through the app (autosave, class record) and shows what it changed, then
        (after a key decision) what the real family did."""
        if self.app.classroom is None:
            advance.read_log(self.app).mark(self.pace.read_key)
        scene = self.session.scene
        outcome = self.app.take_choice(view.id)
        if outcome is None:
            return
        self.film_note = scene.documentary if scene.key else None
        if outcome.notable and (outcome.says or outcome.changes):
            self.app.unseen_changes = 0
            self.frozen = True
            self.layout_choices()
            from game.ui.screens.consequence import ConsequenceScreen

            self.app.push(ConsequenceScreen(self.app, outcome, self.after_consequence))
        else:  # quiet (game.engine.notable): the words open the next scene, the family page keeps the rest
            self.app.unseen_changes += len(outcome.changes)
            self._next_lead = outcome.says
            self.go_on()

    def after_consequence(self) -> None:
        self.app.pop_to(PlayScreen)
        self.go_on()

    def go_on(self) -> None:
        """After a choice: the real family's panel if one is due (the next scene stays hidden
        behind it), then the next scene."""
        note, self.film_note = self.film_note, None
        if note:
            self.frozen = True
            self.layout_choices()
            from game.ui.screens.lesson import FilmNoteScreen

            self.app.push(FilmNoteScreen(self.app, note, self.go_on))
            return
        self.enter_scene()

    def undo(self) -> None:
        if self.session.undo():
            if self.app.classroom is not None:
                self.app.classroom.undo()
            self.enter_scene(reveal=False)
            self.app.notify(word("undone"))
        else:
            self.app.notify(word("nothing_to_undo"))

    def open_note(self) -> None:
        """The whole discussion prompt and fact card (N, or the side note's button), once the text
        is shown."""
        if not self.revealing:
            playnote.open_whole(self.app, self.session, self.scene)

    def show_due(self) -> bool:
        """Shows what is due before the text now (game.ui.playdue): a chapter card; in class a
        bridge or the flowchart, then, once the class has read and the teacher asks, the cards."""
        if self.frozen or self.app.top is not self:
            return False
        due = self.due.take_next(read=not self.revealing)
        return due is not None and show_due(self.app, self.session, due)

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        """Places the frame, the tool buttons, the side note, the scene's text and its choices."""
        ui, metrics, session, scene = self.ui, self.ui.metrics, self.session, self.scene
        subject = self.app.art.subjects().get(self.backdrop.name or "")
        reading = self.reading
        self.plan = plan = PlayLayout(ui, reading.scroll, reading.paged, subject)  # the panel opposite it
        self.tools = playcontrols.tool_buttons(self)
        plan.place_tools(self.tools)
        stuck = None if self.frozen else session.stuck
        reading.place(plan, stuck)
        pov = ""  # "SUQIN'S CHOICE": pinned above the text, beside the note chip if any
        # Their portrait at the scene's year, with the scene's mood (game.engine.looks).
        self.face: str | None = self.app.art.first_portrait(pov_faces(session))
        if scene.pov and scene.pov in session.story.people and not scene.end:
            pov = word("pov_choice", name=session.story.people[scene.pov].short).upper()
        clock = (
            ui.face("ui_bold", metrics.ui).height + 2 * metrics.gap if self.app.classroom is not None else 0
        )
        plan.place_note(
            playnote.side_note(self.app, session, scene, self.open_note),
            pov,
            keep_clear=clock,
            face=self.face is not None,
        )
        if not self.frozen:  # room for the choices the scene shows once its text is read
            plan.shrink(reading.block, self._buttons(self._views()))
        self.layout_choices()

    def layout_choices(self) -> None:
        """The scene's choices (none while the text types, or in class until the teacher has
        turned its last page) at the bottom of the panel."""
        self.choices = [] if self.revealing or self.frozen else self._views()
        buttons, reading = self._buttons(self.choices), self.reading
        self.plan.fit_choices(buttons, reading.block, reading.hinted, paged=reading.paged)
        note = self.plan.note_button
        extra = [note] if note is not None and not self.revealing else []
        # No focus until the player moves it: Space and Enter continue, they never take a choice.
        self.focus.set(buttons + self.tools + extra, keep=False)

    def _views(self) -> list[ChoiceView]:
        """The scene's choices, once its text is read (at an end scene, the way to the ending)."""
        if self.session.is_over:
            return [ChoiceView("", 1, word("see_ending"), True, None, True)]
        return self.session.choices()

    def _buttons(self, views: list[ChoiceView]) -> list[Button]:
        """A choice button for each view."""
        return [
            Button(
                word("continue_choice") if view.is_continue and view.id else view.text,
                partial(self.choose, view),
                view.available,
                number=view.number,
                note=view.locked_reason,
                kind="choice",
            )
            for view in views
        ]

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        """Keys and the mouse: game.ui.playcontrols."""
        return playcontrols.handle(self, event)

    def update(self, dt: float) -> bool:
        moved = self.show_due() or advance.step(self, dt)
        if self.app.classroom is not None:
            text = self.app.classroom.clock_text()
            moved |= text != self.clock_text
            self.clock_text = text
        if self.app.top is self:  # not under a card
            moved |= self.reading.update(dt)
        moved |= self.backdrop.update(dt)
        return moved

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette, plan = self.ui, self.ui.metrics, self.ui.palette, self.plan
        self.backdrop.draw(surface, plan.panel.top)
        caption = plan.caption_box(self.tools[0].rect.left)
        draw_caption(ui, surface, caption, self.scene, chapter=not plan.flow)
        ui.panel(surface, plan.panel)
        if plan.pov:  # over the picture, as the caption's first line, when the choices flow
            label, box = ui.face("ui_bold", metrics.small), caption if plan.flow else plan.panel
            if plan.flow and not palette.high_contrast:
                ui.text(surface, plan.pov, label, (0, 0, 0), (plan.pov_at[0] + 1, plan.pov_at[1] + 1))
            ui.text(surface, plan.pov, label, palette.focus, plan.pov_at, box.inflate(2, 2))
        if plan.face_rect is not None:
            surface.blit(self.app.art.portrait(self.face, plan.face_rect.size), plan.face_rect)
        self.reading.draw(surface)
        hint = word("cards_hint") if self.cards_waiting else self.reading.hint()
        if hint:  # a quiet hint at the bottom right
            small = ui.face("ui", metrics.small)
            at = (
                plan.panel.right - metrics.pad - small.width(hint),
                plan.panel.bottom - plan.vpad - small.height,
            )
            ui.text(surface, hint, small, palette.text_dim, at, plan.panel)
        for i, button in enumerate(self.focus.buttons):
            if button.rect.bottom > 0 and button is not plan.note_button:
                button.draw(ui, surface, i == self.focus.index)
        draw_choice_cue(ui, surface, plan)
        if plan.note_box is not None and not self.revealing:
            ui.panel(surface, plan.note_box)
            inner = plan.note_box.inflate(-2 * metrics.pad, -metrics.pad)
            plan.note.draw(ui, surface, inner.topleft, inner)
        if plan.note_button is not None and not self.revealing:
            plan.note_button.draw(ui, surface, self.focus.focused is plan.note_button)
        if self.app.classroom is not None:
            self._draw_clock(surface, self.app.classroom)

    def _draw_clock(self, surface: pygame.Surface, classroom: Classroom) -> None:
        """The session clock under the tool buttons, and a key decision marked before the vote."""
        top = max((b.rect.bottom for b in self.tools), default=self.ui.metrics.margin) + self.ui.metrics.gap
        key = None
        if classroom.is_key(self.session) and not self.frozen:
            key = word("key_decision_vote" if classroom.votes_here(self.session) else "key_decision")
        draw_clock(self.ui, surface, top, self.clock_text or classroom.clock_text(), key)
