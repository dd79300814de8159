"""The play screen: the backdrop, the caption, the text revealed gradually, and the choices."""

from __future__ import annotations

import pygame

from game.engine import ChoiceView
from game.engine.readlog import text_key
from game.ui import advance
from game.ui.screens.base import Screen
from game.ui.widgets import Block, Button, Rect, Scroller, is_click, is_key
from game.ui.words import word

MOTION_STEP = 1 / 30  # seconds between motion frames


class PlayScreen(Screen):
    """Shows the session's current scene; choosing hands over to the consequence moment."""

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.scroll = Scroller()
        self.revealed = 0.0
        self.block = Block()
        self.choices: list[ChoiceView] = []
        self.choice_buttons: list[Button] = []
        self.tools: list[Button] = []
        self.scene_id: str | None = None
        self.motion = None
        self._motion_time = 0.0
        self.text_box = Rect(0, 0, 0, 0)
        self.panel = Rect(0, 0, 0, 0)
        self.note_box: Rect | None = None
        self.note = Block()
        self.note_button: Button | None = None  # "read the whole note" when it does not fit
        self.narrow = False  # the panel takes the window's width; the note is a button in it
        self.pov = ""
        self.pov_at = (0, 0)
        self.text_top = 0  # where the text starts (below the note button in a narrow window)
        self.choice_view = Rect(0, 0, 0, 0)  # where the choices shown are drawn
        self.choice_room = Rect(0, 0, 0, 0)  # the most the choices may take
        self.choice_gap = 0
        self.choice_first = 0  # a crowded list shows choices from this one on
        self.choice_last = -1
        self.choice_cue: Rect | None = None  # "more choices" under a crowded list
        self.scene = app.session.scene  # what is shown: kept during the consequence moment
        self.backdrop = app.session.backdrop
        self.texts: list[str] = []
        self.lead: str | None = None  # a quiet choice's `says` line, opening the next scene
        self._next_lead: str | None = None
        app.unseen_changes = 0
        self.frozen = False
        self.chapter = self.scene.chapter
        self.due: list[tuple[str, object]] = []  # flowchart and cards (in class), chapter card, to show
        self.film_note: str | None = None  # after a key decision: what the real family did
        self.cards_asked = False  # classroom: the teacher asked for this scene's prompt and card
        self.clock_text = ""
        self.read_key = ""  # this scene's text as shown, for "skip read text" (game.ui.advance)
        self.advance_time = 0.0
        self.typed_at: float | None = None
        if app.classroom is None and app.story is not None:
            advance.read_log(app)  # opened now, so a damaged record is told at the start
        self.enter_scene(reveal=True)

    # ------------------------------------------------------------------ state

    @property
    def session(self):  # noqa: ANN201
        return self.app.session

    @property
    def revealing(self) -> bool:
        return self.revealed < self.block.chars

    @property
    def cards_waiting(self) -> bool:
        """Classroom: the text is read and a discussion prompt or fact card waits for the teacher."""
        return (
            not self.revealing
            and not self.cards_asked
            and not self.frozen
            and any(kind in ("fact", "discuss") for kind, _ in self.due)
        )

    @property
    def show_all_hint(self) -> bool:
        """Whether "Space: show all" shows: while the text types, unless motion is reduced."""
        return self.revealing and not self.app.settings.reduced_motion

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
        if classroom is not None:
            self.due = classroom.cards_due(self.session)
            if step is not None:
                self.due.insert(0, ("bridge", step))
            elif scene.chapter != self.chapter and reveal:
                self.due.insert(0, ("flowchart", self.chapter))
        elif scene.chapter != self.chapter and scene.chapter and reveal:
            self.due = [("chapter", scene.chapter)]
        else:
            self.due = []
        self.chapter = scene.chapter
        self.texts = self.session.paragraphs()
        self.lead, self._next_lead = self._next_lead, None
        self.read_key = text_key(scene.id, self.texts)
        self.advance_time, self.typed_at = 0.0, None
        self.frozen = False
        self.cards_asked = False
        self.scene_id = scene.id
        self.backdrop = self.session.backdrop  # a variant may set its own (night, winter)
        self.motion = self.app.art.motion(self.backdrop)
        self.app.audio.play(self.app.art.ambience(self.backdrop))
        self.scroll.offset = 0
        self.layout()
        speed = self.app.settings.chars_per_second
        self.revealed = 0.0 if reveal and speed > 0 else float(self.block.chars)
        self.layout_choices()
        self.app.dirty = True

    def announce_chapter(self) -> None:
        """Shows the chapter's title card before the text (a new game's first chapter)."""
        if self.scene.chapter and self.app.classroom is None:
            self.due = [("chapter", self.scene.chapter)]

    def show_all(self) -> None:
        self.revealed = float(self.block.chars)
        self.layout_choices()

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
            advance.read_log(self.app).mark(self.read_key)
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

    def _advance_buttons(self) -> list[Button]:
        """Skip and Auto, lit while on (not in class, where the facilitator paces the story)."""
        if self.app.classroom is not None:
            return []
        mode = self.app.advance
        return [
            Button(
                word("skip_button_on" if mode == "skip" else "skip_button"),
                lambda: self._toggle("skip"),
                kind="small",
            ),
            Button(
                word("auto_button_on" if mode == "auto" else "auto_button"),
                lambda: self._toggle("auto"),
                kind="small",
            ),
        ]

    def _toggle(self, mode: str) -> None:
        advance.toggle(self.app, mode)
        self.layout()

    def open_menu(self) -> None:
        from game.ui.screens.menu import PauseMenu

        self.app.push(PauseMenu(self.app))

    def open_family(self) -> None:
        from game.ui.screens.family import FamilyScreen

        self.app.push(FamilyScreen(self.app))

    def open_history(self) -> None:
        from game.ui.screens.history import HistoryScreen

        self.app.push(HistoryScreen(self.app))

    def open_note(self) -> None:
        """The whole discussion prompt and fact card (when the side note shows only their titles)."""
        scene = self.scene
        fact = self.session.story.facts.get(scene.fact) if scene.fact else None
        discuss = scene.discuss if self._note_discuss() else None
        if fact is None and not discuss:
            return
        from game.ui.screens.cards import NoteScreen

        self.app.push(NoteScreen(self.app, discuss, fact if self._note_fact() else None))

    def _note_discuss(self) -> bool:
        classroom = self.app.classroom  # in class, cards were shown full-screen: not again here
        return bool(self.scene.discuss) and (classroom is None or not classroom.options.pauses)

    def _note_fact(self) -> bool:
        scene = self.scene
        return bool(scene.fact) and scene.fact in self.session.story.facts and self.app.classroom is None

    def open_flowchart(self) -> None:
        from game.ui.screens.flowchart import FlowchartScreen

        self.app.push(FlowchartScreen(self.app))

    def show_due(self) -> bool:
        """Classroom: shows the next flowchart, fact card or discussion question due here."""
        if not self.due or self.frozen or self.app.top is not self:
            return False
        if self.due[0][0] not in ("flowchart", "chapter", "bridge") and (
            self.revealing or not self.cards_asked
        ):
            return False  # a prompt or fact card waits until the class has read and the teacher asks
        kind, what = self.due.pop(0)
        if kind == "chapter":
            if self.app.advance == "skip":  # skipping read text: no pause for the title
                return False
            from game.ui.screens.chapter import ChapterCardScreen

            self.app.push(ChapterCardScreen(self.app, self.scene))
            return True
        classroom, session = self.app.classroom, self.session
        if kind == "bridge":
            from game.ui.screens.lesson import LessonBridgeScreen

            self.app.push(LessonBridgeScreen(self.app, what))
            return True
        if kind == "flowchart":
            from game.ui.screens.flowchart import FlowchartScreen

            self.app.push(FlowchartScreen(self.app, chapter=what))
            return True
        from game.ui.screens.cards import DiscussionScreen, FactCardScreen

        if classroom is not None:
            classroom.shown_card(session, kind, what)
        if kind == "fact":
            self.app.push(FactCardScreen(self.app, session.story.facts[what]))
        else:
            self.app.push(DiscussionScreen(self.app, session.story.scenes[what].discuss or ""))
        return True

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        ui, m, session = self.ui, self.ui.m, self.session
        scene = self.scene
        prose = ui.face("prose", m.prose)
        measure = prose.width("n") * 70  # about 70 characters a line
        top = m.margin + ui.face("ui_bold", m.small).height + ui.face("ui", m.ui).height + m.gap * 2
        width = min(max(measure + 2 * m.pad, int(m.width * 0.5)), int(m.width * 0.64))
        # Large text in a small window: fewer than about 55 characters a line beside a side note
        # leaves too little room for text and choices. The panel then takes the window's width,
        # and the note becomes a button at the panel's top.
        self.narrow = (width - 2 * m.pad) < prose.width("n") * 45
        if self.narrow:
            width = m.width - 2 * m.margin
        self.panel = Rect(m.margin, top, width, m.height - top - m.margin)
        self.tools = [
            Button(word("undo"), self.undo, session.can_undo and not self.frozen, kind="small"),
            Button(
                word("family_new", count=self.app.unseen_changes)
                if self.app.unseen_changes
                else word("family"),
                self.open_family,
                kind="small",
            ),
            Button(word("history"), self.open_history, kind="small"),
            *self._advance_buttons(),
            Button(word("menu"), self.open_menu, kind="small"),
        ]
        x = m.width - m.margin
        for button in self.tools:
            button.plate = True
        for button in reversed(self.tools):
            face = button.face(ui)
            w = face.width(button.label) + m.pad + m.gap * 2
            h = button.measure(ui, w)
            button.rect = Rect(x - w, m.margin - m.gap, w, h)
            x -= w + m.gap
        inner = self.panel.width - 2 * m.pad
        self.block = Block()
        self.pov = ""  # "SUQIN'S CHOICE": pinned above the text, beside the note button if any
        if scene.pov and scene.pov in session.story.people and not scene.end:
            name = session.story.people[scene.pov].short
            label = ui.face("ui_bold", m.small)
            self.pov = label.wrap(word("pov_choice", name=name).upper(), inner)[0]
        if self.lead:
            self.block.add(
                self.lead, ui.face("italic", m.prose), ui.palette.heading, inner, spacing=m.line_spacing
            )
        for paragraph in self.texts:
            self.block.add(paragraph, prose, ui.palette.text, inner, spacing=m.line_spacing)
        stuck = None if self.frozen else session.stuck
        if stuck:
            self.block.add(word("stuck_title"), ui.face("ui_bold", m.ui), ui.palette.fall, inner)
            self.block.add(stuck, ui.face("ui", m.small), ui.palette.text_dim, inner)
        self._layout_note()
        self.layout_choices()

    def _layout_note(self) -> None:
        """The discussion prompt and fact card, as a quiet note beside the text panel.

        When the whole note does not fit beside the text, it shows its headings and a button
        (or N) that opens it in full: nothing, least of all a source, is cut off unseen.
        """
        ui, m, scene, story = self.ui, self.ui.m, self.scene, self.session.story
        self.note = Block()
        self.note_box = None
        self.note_button = None
        self._layout_header(None)
        discuss = scene.discuss if self._note_discuss() else None
        fact = story.facts.get(scene.fact) if self._note_fact() else None
        if not discuss and fact is None:
            return
        room = m.width - self.panel.right - 2 * m.margin
        if self.narrow or room < 220:
            label = word("note_chip_fact", title=fact.title) if fact is not None else word("note_chip")
            if fact is not None and discuss:
                label = f"{word('to_discuss')} · {label}"
            button = Button(label, self.open_note, kind="small")
            button.plate = True
            face = button.face(ui)
            inner = self.panel.width - 2 * m.pad
            w = min(inner, face.width(label) + 2 * m.pad)
            h = button.measure(ui, w)
            button.rect = Rect(self.panel.right - m.pad - w, self.panel.y + m.pad // 2, w, h)
            self.note_button = button
            self._layout_header(button.rect)
            return
        width = min(room, round(420 * m.unit))
        inner = width - 2 * m.pad
        small, label = ui.face("ui", m.small), ui.face("ui_bold", m.small)
        height = self.panel.height
        if self.app.classroom is not None:  # keep clear of the session clock
            height -= ui.face("ui_bold", m.ui).height + 2 * m.gap

        def add_discuss(block: Block) -> None:
            block.add(word("to_discuss").upper(), label, ui.palette.focus, inner, after=0.2)
            block.add(discuss, ui.face("italic", m.small + 1), ui.palette.text, inner)

        def add_fact_head(block: Block, figure: bool) -> None:
            block.add(
                f"{word('fact').upper()} · {fact.title}".upper(), label, ui.palette.focus, inner, after=0.2
            )
            if figure and fact.figure:
                block.add(fact.figure, ui.face("display", m.heading), ui.palette.heading, inner, after=0.2)

        full = Block()
        if discuss:
            add_discuss(full)
        if fact is not None:
            add_fact_head(full, True)
            full.add(fact.text, small, ui.palette.text, inner, after=0.3)
            full.add(f"{word('source')}: {fact.source}", small, ui.palette.text_dim, inner)
        if full.height + m.pad <= height:
            self.note = full
        else:  # the headings, as many whole parts as fit, and the way to the rest
            button = Button(
                word("read_fact") if fact is not None else word("read_note"), self.open_note, kind="small"
            )
            button.plate = True
            button_h = button.measure(ui, inner)
            budget = height - m.pad - button_h - m.gap
            for with_discuss, figure in ((True, True), (True, False), (False, True), (False, False)):
                block = Block()
                if discuss and with_discuss:
                    add_discuss(block)
                if fact is not None:
                    add_fact_head(block, figure)
                elif not with_discuss:
                    block.add(word("to_discuss").upper(), label, ui.palette.focus, inner, after=0.2)
                if block.height <= budget:
                    break
            self.note = block
            self.note_button = button
            full = block
        box_h = min(height, full.height + m.pad + (button_h + m.gap if self.note_button else 0))
        self.note_box = Rect(m.width - m.margin - width, self.panel.bottom - box_h, width, box_h)
        if self.note_button is not None:
            self.note_button.rect = Rect(
                self.note_box.x + m.pad, self.note_box.bottom - m.pad // 2 - button_h, inner, button_h
            )

    def _layout_header(self, chip: Rect | None) -> None:
        """The point-of-view label (and a narrow window's note button) above the text."""
        ui, m = self.ui, self.ui.m
        label = ui.face("ui_bold", m.small)
        x, top = self.panel.x + m.pad, self.panel.y + m.pad
        if chip is None:
            self.pov_at = (x, top)
            self.text_top = top + (label.height + round(label.height * 0.6) if self.pov else 0)
            return
        if not self.pov or x + label.width(self.pov) + m.gap <= chip.left:  # side by side
            self.pov_at = (x, chip.centery - label.height // 2)
            self.text_top = chip.bottom + m.gap
        else:
            self.pov_at = (x, chip.bottom + m.gap // 2)
            self.text_top = self.pov_at[1] + label.height + m.gap

    def layout_choices(self) -> None:
        """The choices at the bottom of the panel, the text above them.

        The text keeps at least four lines (or 45% of the panel): when long choices would take
        more, their padding shrinks and then the list scrolls, a whole choice at a time.
        """
        ui, m = self.ui, self.ui.m
        self.choices = [] if self.revealing or self.frozen else self.session.choices()
        if self.session.is_over and not (self.revealing or self.frozen):
            self.choices = [ChoiceView("", 1, word("see_ending"), True, None, True)]
        self.choice_buttons = []
        for view in self.choices:
            label = word("continue_choice") if view.is_continue and view.id else view.text
            self.choice_buttons.append(
                Button(
                    label,
                    lambda v=view: self.choose(v),
                    view.available,
                    number=view.number,
                    note=view.locked_reason,
                    kind="choice",
                )
            )
        inner = self.panel.width - 2 * m.pad
        room = self.panel.bottom - m.pad - self.text_top
        prose = ui.face("prose", m.prose)
        step = max(round(m.prose * m.line_spacing), prose.height)
        # The text keeps room for its first four lines of prose (and the cue under them).
        prose_lines = [line for line in self.block.lines if line.face is prose]

        def lines_height(count: int) -> int:
            height = prose_lines[min(count, len(prose_lines)) - 1].y + step if prose_lines else 0
            cue = Scroller.hint_height(ui) if self.block.height > height else 0
            return min(self.block.height, height + cue)

        four, three = lines_height(4), lines_height(3)
        buttons = self.choice_buttons
        self.choice_first, self.choice_last, self.choice_cue = 0, len(buttons) - 1, None
        self.choice_gap = m.gap
        list_h = 0
        if buttons:
            heights = [b.measure(ui, inner) for b in buttons]
            list_h = sum(heights) + m.gap * (len(buttons) - 1)
            text_min = min(self.block.height, max(four, round(0.45 * room)))
            if text_min + m.pad + list_h > room:  # crowded: tighter buttons first
                self.choice_gap = max(2, m.gap // 2)
                for b in buttons:
                    b.compact = True
                heights = [b.measure(ui, inner) for b in buttons]
                list_h = sum(heights) + self.choice_gap * (len(buttons) - 1)
            crowded = self.choice_gap < m.gap
            list_room = room - (m.gap if crowded else m.pad) - text_min
            if list_h > list_room >= list_h - (four - three):  # a line less of text shows every choice
                list_room = list_h
            if list_h > list_room:  # still crowded: the list scrolls, with a cue under it
                cue = Scroller.hint_height(ui)
                list_room += m.pad // 2  # the cue takes the panel's bottom padding
                list_h = max(max(heights), list_room - cue)
                cue_top = self.panel.bottom - m.pad // 2 - cue + m.gap // 2
                self.choice_cue = Rect(self.panel.x + m.pad, cue_top, inner, cue - m.gap // 2)
                bottom = self.choice_cue.top - m.gap // 2
            else:
                bottom = self.panel.bottom - m.pad
            self.choice_room = Rect(self.panel.x + m.pad, bottom - list_h, inner, list_h)
        else:
            self.choice_room = Rect(self.panel.x + m.pad, self.panel.bottom - m.pad, inner, 0)
        self._place_choices()
        extra = [self.note_button] if self.note_button is not None and not self.revealing else []
        # No focus until the player moves it: Space and Enter continue, they never take a choice.
        self.focus.set(self.choice_buttons + self.tools + extra, keep=False)

    def _place_choices(self) -> None:
        """Puts the choices from `choice_first` on that fit above the panel's bottom (the others
        off screen), and gives the text the height they leave."""
        ui, m = self.ui, self.ui.m
        room, gap = self.choice_room, self.choice_gap
        shown: list[Button] = []
        total = 0
        for b in self.choice_buttons[self.choice_first :]:
            need = total + (gap if shown else 0) + b.measure(ui, room.width)
            if need > room.height and shown:
                break
            total = need
            shown.append(b)
        self.choice_view = Rect(room.x, room.bottom - total, room.width, total)
        y = self.choice_view.top
        self.choice_last = self.choice_first - 1
        for index, b in enumerate(self.choice_buttons):
            h = b.measure(ui, room.width)
            if b not in shown:
                b.rect = Rect(room.x, -10 * (h + 1000), room.width, h)  # hidden: never under the mouse
                continue
            b.rect = Rect(room.x, y, room.width, h)
            y += h + gap
            self.choice_last = index
        if self.choice_buttons:
            text_bottom = self.choice_view.top - (m.gap if gap < m.gap else m.pad)
        else:
            text_bottom = self.panel.bottom - m.pad
            if self.show_all_hint:  # its own strip under the typing text
                text_bottom -= Scroller.hint_height(ui)
        prose = ui.face("prose", m.prose)
        area = Rect(
            self.panel.x + m.pad, self.text_top, room.width, max(prose.height, text_bottom - self.text_top)
        )
        self.text_box = self.scroll.fit(
            ui, area, self.block.height, prose.height, [line.y for line in self.block.lines]
        )

    def scroll_choices(self, step: int) -> bool:
        """Shows the next (1) or previous (-1) choices of a crowded list; True if it moved."""
        if self.choice_cue is None:
            return False
        first = max(0, min(len(self.choice_buttons) - 1, self.choice_first + step))
        if step > 0 and self.choice_last >= len(self.choice_buttons) - 1:
            return False
        if first == self.choice_first:
            return False
        self.choice_first = first
        self._place_choices()
        return True

    def _show_focused_choice(self) -> None:
        """Scrolls a crowded list so the keyboard's choice is in view."""
        focused = self.focus.focused
        if self.choice_cue is None or focused not in self.choice_buttons:
            return
        index = self.choice_buttons.index(focused)
        if index < self.choice_first:
            self.choice_first = index
            self._place_choices()
        while index > self.choice_last and self.choice_first < index:
            self.choice_first += 1
            self._place_choices()

    # ------------------------------------------------------------------ events

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.KEYDOWN:
            ctrl = event.mod & pygame.KMOD_CTRL
            if event.key == pygame.K_ESCAPE:
                self.open_menu()
                return True
            if (event.key == pygame.K_z and ctrl) or event.key == pygame.K_BACKSPACE:
                self.undo()
                return True
            if event.key == pygame.K_f:
                self.open_family()
                return True
            if event.key == pygame.K_h:
                self.open_history()
                return True
            if event.key == pygame.K_g:
                self.open_flowchart()
                return True
            if event.key in (pygame.K_s, pygame.K_a) and self.app.classroom is None:
                self._toggle("skip" if event.key == pygame.K_s else "auto")
                return True
            if event.key == pygame.K_n and self.note_button is not None and not self.revealing:
                self.open_note()
                return True
            if self.revealing and event.key in (
                pygame.K_SPACE,
                pygame.K_RETURN,
                pygame.K_KP_ENTER,
                *range(pygame.K_1, pygame.K_9 + 1),
            ):
                self.show_all()
                return True
            if self.cards_waiting and event.key in (
                pygame.K_SPACE,
                pygame.K_RETURN,
                pygame.K_KP_ENTER,
                *range(pygame.K_1, pygame.K_9 + 1),
            ):
                self.cards_asked = True  # the prompt and card come before the choice
                return True
            number = _number(event)
            if number is not None:
                for view in self.choices:
                    if view.number == number:
                        self.choose(view)
                        return True
                return False
            if (
                event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER)
                and len(self.choices) == 1
                and self.choices[0].is_continue
                and self.choices[0].available
                and self.focus.focused is None
            ):
                self.choose(self.choices[0])
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
                return self.scroll.handle(event)
        if not self.revealing and self.scroll.handle_mouse(event):
            return True
        if event.type == pygame.MOUSEWHEEL:
            if self.choice_cue is not None and (
                self.choice_room.union(self.choice_cue).collidepoint(pygame.mouse.get_pos())
            ):
                return self.scroll_choices(-1 if event.y > 0 else 1)
            return self.scroll.handle(event)
        if self.revealing and is_click(event) and self.panel.collidepoint(event.pos):
            self.show_all()
            return True
        if is_click(event) and self.choice_cue is not None and self.choice_cue.collidepoint(event.pos):
            if not self.scroll_choices(1):  # at the end of the list: back to its start
                self.choice_first = 0
                self._place_choices()
            return True
        if (
            is_click(event)
            and self.note_button is not None
            and not self.revealing
            and (
                self.note_button.rect.collidepoint(event.pos)
                or (self.note_box is not None and self.note_box.collidepoint(event.pos))
            )
        ):
            self.open_note()
            return True
        used = self.focus.handle(event)
        if used and event.type == pygame.KEYDOWN:
            self._show_focused_choice()
        return used

    def update(self, dt: float) -> bool:
        moved = self.show_due() or advance.step(self, dt)
        if self.app.classroom is not None:
            text = self.app.classroom.clock_text()
            moved |= text != self.clock_text
            self.clock_text = text
        if self.revealing:
            self.revealed = min(
                float(self.block.chars), self.revealed + dt * self.app.settings.chars_per_second
            )
            self._follow_reveal()
            if not self.revealing:  # typed to its end: the choices come, the end stays in view
                self.layout_choices()
                self._show_text_end()
            moved = True
        if self.motion is not None and not self.app.settings.reduced_motion:
            self._motion_time += dt
            if self._motion_time >= MOTION_STEP:
                moved |= bool(self.motion.update(self._motion_time))
                self._motion_time = 0.0
        return moved

    def _show_text_end(self) -> None:
        """Scrolls so the text's last line shows above the choices (the player has read the rest
        as it typed)."""
        if self.block.lines:
            self.scroll.show_bottom(max(line.y + line.face.height for line in self.block.lines))

    def _follow_reveal(self) -> None:
        """Scrolls so the line being typed stays in view."""
        for line in self.block.lines:
            if line.start <= self.revealed < line.start + len(line.text) + 1:
                self.scroll.show_bottom(line.y + line.face.height)
                return

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        size = surface.get_size()
        if p.high_contrast:
            surface.fill(p.backdrop)
        else:
            surface.blit(self.app.art.backdrop(self.backdrop, size), (0, 0))
            if self.motion is not None and not self.app.settings.reduced_motion:
                self.motion.draw(surface, surface.get_rect())
            # The caption and buttons stay readable over any sky (text contrast 4.5:1 or more).
            caption = m.margin + ui.face("ui_bold", m.small).height + ui.face("ui", m.ui).height
            ui.shade_top(surface, min(caption, self.panel.top), self.panel.top + m.gap)
        self._draw_caption(surface)
        ui.panel(surface, self.panel)
        reveal = self.revealed if self.revealing else None
        if self.pov:
            ui.text(surface, self.pov, ui.face("ui_bold", m.small), p.focus, self.pov_at, self.panel)
        self.block.draw(ui, surface, self.text_box.topleft, self.text_box, reveal, self.scroll.offset)
        if not self.revealing:  # while typing, the text's height is not yet what it will be
            self.scroll.draw(ui, surface, self.text_box.inflate(m.pad, 0))
        if self.show_all_hint or self.cards_waiting:  # a quiet hint at the bottom right
            small = ui.face("ui", m.small)
            hint = word("show_all_hint" if self.revealing else "cards_hint")
            at = (self.panel.right - m.pad - small.width(hint), self.panel.bottom - m.pad - small.height)
            ui.text(surface, hint, small, p.text_dim, at, self.panel)
        for i, button in enumerate(self.focus.buttons):
            if button.rect.bottom > 0 and button is not self.note_button:
                button.draw(ui, surface, i == self.focus.index)
        if self.choice_cue is not None:
            self._draw_choice_cue(surface)
        if self.note_box is not None and not self.revealing:
            ui.panel(surface, self.note_box)
            inner = self.note_box.inflate(-2 * m.pad, -m.pad)
            self.note.draw(ui, surface, inner.topleft, inner)
        if self.note_button is not None and not self.revealing:
            self.note_button.draw(ui, surface, self.focus.focused is self.note_button)
        if self.app.classroom is not None:
            self._draw_clock(surface)

    def _draw_choice_cue(self, surface: pygame.Surface) -> None:
        """Under a crowded choice list: which choices are shown, and that there are more."""
        ui, p = self.ui, self.ui.palette
        face = ui.face("ui", ui.m.small)
        count = len(self.choice_buttons)
        more = self.choice_last < count - 1
        text = word(
            "more_choices" if more else "earlier_choices",
            first=self.choice_first + 1,
            last=self.choice_last + 1,
            count=count,
        )
        text = face.wrap(text, self.choice_cue.width)[0]
        x = self.choice_cue.centerx - face.width(text) // 2
        ui.text(surface, text, face, p.focus, (x, self.choice_cue.y), self.choice_cue)

    def _draw_clock(self, surface: pygame.Surface) -> None:
        """The session clock, in the top right corner under the tool buttons."""
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        face = ui.face("ui_bold", m.ui)
        text = self.clock_text or self.app.classroom.clock_text()
        top = max((b.rect.bottom for b in self.tools), default=m.margin) + m.gap
        box = Rect(0, top, face.width(text) + m.pad, face.height + m.gap)
        box.right = m.width - m.margin
        ui.panel(surface, box, p.panel_solid, radius=box.height // 2)
        ui.text(surface, text, face, p.focus, (box.x + m.pad // 2, box.y + m.gap // 2), box)
        classroom = self.app.classroom
        if classroom.is_key(self.session) and not self.frozen:  # marked before the vote opens
            label = word("key_decision_vote" if classroom.votes_here(self.session) else "key_decision")
            chip = Rect(0, box.bottom + m.gap // 2, face.width(label) + m.pad, face.height + m.gap)
            chip.right = m.width - m.margin
            ui.panel(surface, chip, p.focus, radius=chip.height // 2)
            ui.text(surface, label, face, p.panel_solid[:3], (chip.x + m.pad // 2, chip.y + m.gap // 2), chip)

    def _draw_caption(self, surface: pygame.Surface) -> None:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        scene = self.scene
        width = (self.tools[0].rect.left if self.tools else m.width) - m.margin - m.gap
        box = Rect(m.margin, m.margin - m.gap, width, self.panel.top - m.margin)
        small, face = ui.face("ui_bold", m.small), ui.face("ui", m.ui)
        chapter = small.wrap(scene.chapter.upper(), width)[0] if scene.chapter else ""
        place = " · ".join(part for part in (scene.place, scene.when) if part)
        place = face.wrap(place, width)[0] if place else ""
        y = box.y
        shadow = (0, 0, 0) if not p.high_contrast else None
        for text, f, colour in ((chapter, small, p.focus), (place, face, p.heading)):
            if text:
                if shadow is not None:
                    ui.text(surface, text, f, shadow, (box.x + 1, y + 1))
                ui.text(surface, text, f, colour, (box.x, y), box.inflate(2, 2))
            y += f.height + m.gap // 2


def _number(event: pygame.event.Event) -> int | None:
    """The choice number a key stands for (1-9 on the main row or the keypad)."""
    if pygame.K_1 <= event.key <= pygame.K_9:
        return event.key - pygame.K_0
    if pygame.K_KP1 <= event.key <= pygame.K_KP9:
        return event.key - pygame.K_KP1 + 1
    return None


__all__ = ["PlayScreen", "is_key"]
