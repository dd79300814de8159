"""The play screen: the backdrop, the caption, the text revealed gradually, and the choices."""

from __future__ import annotations

import pygame

from game.engine import ChoiceView
from game.ui.screens.base import Screen
from game.ui.widgets import Block, Button, Rect, Scroller, is_click, is_key, layout_column
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
        self.scene = app.session.scene  # what is shown: kept during the consequence moment
        self.texts: list[str] = []
        self.frozen = False
        self.chapter = self.scene.chapter
        self.due: list[tuple[str, str]] = []  # classroom: flowchart and cards still to show here
        self.clock_text = ""
        self.enter_scene(reveal=True)

    # ------------------------------------------------------------------ state

    @property
    def session(self):  # noqa: ANN201
        return self.app.session

    @property
    def revealing(self) -> bool:
        return self.revealed < self.block.chars

    def enter_scene(self, reveal: bool = True) -> None:
        """Shows the session's current scene (after a choice, an undo or a load)."""
        if self.session.is_over:
            from game.ui.screens.ending import EndingScreen
            self.app.reset(EndingScreen(self.app))
            return
        scene = self.scene = self.session.scene
        classroom = self.app.classroom
        if classroom is not None:
            self.due = classroom.cards_due(self.session)
            if scene.chapter != self.chapter and reveal:
                self.due.insert(0, ("flowchart", self.chapter))
        self.chapter = scene.chapter
        self.texts = self.session.paragraphs()
        self.frozen = False
        self.scene_id = scene.id
        self.motion = self.app.art.motion(scene.backdrop)
        self.app.audio.play(self.app.art.ambience(scene.backdrop))
        self.scroll.offset = 0
        self.layout()
        speed = self.app.settings.chars_per_second
        self.revealed = 0.0 if reveal and speed > 0 else float(self.block.chars)
        self.layout_choices()
        self.app.dirty = True

    def show_all(self) -> None:
        self.revealed = float(self.block.chars)
        self.layout_choices()

    def choose(self, view: ChoiceView) -> None:
        """Takes a choice (after the class vote, in classroom mode) and shows what it changed."""
        if not view.available:
            return
        classroom = self.app.classroom
        real = [c for c in self.choices if c.available and not c.is_continue]
        if classroom is not None and classroom.options.votes and not view.is_continue and len(real) > 1:
            from game.ui.screens.vote import VoteScreen
            self.app.push(VoteScreen(self.app, self.choices, self.take, selected=view.number))
            return
        self.take(view)

    def take(self, view: ChoiceView) -> None:
        """Takes a choice through the app (autosave, class record) and shows what it changed."""
        outcome = self.app.take_choice(view.id)
        if outcome is None:
            return
        if outcome.says or outcome.changes:
            self.frozen = True
            self.layout_choices()
            from game.ui.screens.consequence import ConsequenceScreen
            self.app.push(ConsequenceScreen(self.app, outcome, self.after_consequence))
        else:
            self.enter_scene()

    def after_consequence(self) -> None:
        self.app.pop_to(PlayScreen)
        self.enter_scene()

    def undo(self) -> None:
        if self.session.undo():
            if self.app.classroom is not None:
                self.app.classroom.undo()
            self.enter_scene(reveal=False)
            self.app.notify(word("undone"))
        else:
            self.app.notify(word("nothing_to_undo"))

    def open_menu(self) -> None:
        from game.ui.screens.menu import PauseMenu
        self.app.push(PauseMenu(self.app))

    def open_family(self) -> None:
        from game.ui.screens.family import FamilyScreen
        self.app.push(FamilyScreen(self.app))

    def open_history(self) -> None:
        from game.ui.screens.history import HistoryScreen
        self.app.push(HistoryScreen(self.app))

    def open_flowchart(self) -> None:
        from game.ui.screens.flowchart import FlowchartScreen
        self.app.push(FlowchartScreen(self.app))

    def show_due(self) -> bool:
        """Classroom: shows the next flowchart, fact card or discussion question due here."""
        if not self.due or self.frozen or self.app.top is not self:
            return False
        if self.revealing and self.due[0][0] != "flowchart":  # the chapter's map comes first
            return False
        kind, what = self.due.pop(0)
        classroom, session = self.app.classroom, self.session
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
        self.panel = Rect(m.margin, top, width, m.height - top - m.margin)
        self.tools = [Button(word("undo"), self.undo, session.can_undo and not self.frozen, kind="small"),
                      Button(word("family"), self.open_family, kind="small"),
                      Button(word("history"), self.open_history, kind="small"),
                      Button(word("menu"), self.open_menu, kind="small")]
        x = m.width - m.margin
        for button in reversed(self.tools):
            face = button.face(ui)
            w = face.width(button.label) + m.pad + m.gap * 2
            h = button.measure(ui, w)
            button.rect = Rect(x - w, m.margin - m.gap, w, h)
            x -= w + m.gap
        inner = self.panel.width - 2 * m.pad
        self.block = Block()
        pov = scene.pov and scene.pov in session.story.people
        if pov:
            name = session.story.people[scene.pov].short
            self.block.add(word("pov_choice", name=name).upper(), ui.face("ui_bold", m.small),
                           ui.palette.focus, inner, after=0.5, typed=False)
        for paragraph in self.texts:
            self.block.add(paragraph, prose, ui.palette.text, inner, spacing=m.line_spacing)
        stuck = None if self.frozen else session.stuck
        if stuck:
            self.block.add(word("stuck_title"), ui.face("ui_bold", m.ui), ui.palette.fall, inner)
            self.block.add(stuck, ui.face("ui", m.small), ui.palette.text_dim, inner)
        self._layout_note()
        self.layout_choices()

    def _layout_note(self) -> None:
        """The discussion prompt and fact card, as a quiet note beside the text panel."""
        ui, m, scene, story = self.ui, self.ui.m, self.scene, self.session.story
        self.note = Block()
        self.note_box = None
        room = m.width - self.panel.right - 2 * m.margin
        if room < 220:
            return
        width = min(room, round(420 * m.unit))
        inner = width - 2 * m.pad
        small, label = ui.face("ui", m.small), ui.face("ui_bold", m.small)
        classroom = self.app.classroom  # in class, cards were shown full-screen: not again here
        if scene.discuss and (classroom is None or not classroom.options.pauses):
            self.note.add(word("to_discuss").upper(), label, ui.palette.focus, inner, after=0.2)
            self.note.add(scene.discuss, ui.face("italic", m.small + 1), ui.palette.text, inner)
        fact = story.facts.get(scene.fact) if scene.fact and classroom is None else None
        if fact is not None:
            self.note.add(f"{word('fact').upper()} · {fact.title}".upper(), label, ui.palette.focus,
                          inner, after=0.2)
            if fact.figure:
                self.note.add(fact.figure, ui.face("display", m.heading), ui.palette.heading, inner,
                              after=0.2)
            self.note.add(fact.text, small, ui.palette.text, inner, after=0.3)
            self.note.add(f"{word('source')}: {fact.source}", small, ui.palette.text_dim, inner)
        if not self.note.lines:
            return
        room = self.panel.height
        if classroom is not None:  # keep clear of the session clock
            room -= ui.face("ui_bold", m.ui).height + 2 * m.gap
        height = min(self.note.height + m.pad, room)
        self.note_box = Rect(m.width - m.margin - width, self.panel.bottom - height, width, height)

    def layout_choices(self) -> None:
        ui, m = self.ui, self.ui.m
        self.choices = self.session.choices() if not (self.revealing or self.frozen) else []
        self.choice_buttons = []
        for view in self.choices:
            label = word("continue_choice") if view.is_continue else view.text
            self.choice_buttons.append(Button(label, lambda v=view: self.choose(v), view.available,
                                              number=view.number, note=view.locked_reason,
                                              kind="choice"))
        inner = self.panel.width - 2 * m.pad
        bottom = layout_column(self.choice_buttons, ui, self.panel.x + m.pad, 0, inner, m.gap)
        height = max(0, bottom - m.gap) if self.choice_buttons else 0
        shift = self.panel.bottom - m.pad - height
        for b in self.choice_buttons:
            b.rect.y += shift
        text_bottom = (shift - m.pad) if self.choice_buttons else self.panel.bottom - m.pad
        self.text_box = Rect(self.panel.x + m.pad, self.panel.y + m.pad, inner,
                             max(m.prose * 2, text_bottom - self.panel.y - m.pad))
        self.scroll.set(self.block.height, self.text_box.height, ui.face("prose", m.prose).height)
        self.focus.set(self.choice_buttons + self.tools, keep=False)
        if self.choice_buttons:
            self.focus.index = next((i for i, b in enumerate(self.choice_buttons) if b.enabled), None)

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
            if self.revealing and event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER,
                                                 *range(pygame.K_1, pygame.K_9 + 1)):
                self.show_all()
                return True
            number = _number(event)
            if number is not None:
                for view in self.choices:
                    if view.number == number:
                        self.choose(view)
                        return True
                return False
            if event.key in (pygame.K_SPACE, pygame.K_RETURN, pygame.K_KP_ENTER) and \
                    len(self.choices) == 1 and self.choices[0].available and self.focus.focused is None:
                self.choose(self.choices[0])
                return True
            if event.key in (pygame.K_PAGEUP, pygame.K_PAGEDOWN, pygame.K_HOME, pygame.K_END):
                return self.scroll.handle(event)
        if event.type == pygame.MOUSEWHEEL:
            return self.scroll.handle(event)
        if self.revealing and is_click(event) and self.panel.collidepoint(event.pos):
            self.show_all()
            return True
        return self.focus.handle(event)

    def update(self, dt: float) -> bool:
        moved = self.show_due()
        if self.app.classroom is not None:
            text = self.app.classroom.clock_text()
            moved |= text != self.clock_text
            self.clock_text = text
        if self.revealing:
            self.revealed = min(float(self.block.chars),
                                self.revealed + dt * self.app.settings.chars_per_second)
            self._follow_reveal()
            if not self.revealing:
                self.layout_choices()
            moved = True
        if self.motion is not None and not self.app.settings.reduced_motion:
            self._motion_time += dt
            if self._motion_time >= MOTION_STEP:
                moved |= bool(self.motion.update(self._motion_time))
                self._motion_time = 0.0
        return moved

    def _follow_reveal(self) -> None:
        """Scrolls so the line being typed stays in view."""
        for line in self.block.lines:
            if line.start <= self.revealed < line.start + len(line.text) + 1:
                bottom = line.y + line.face.height
                if bottom - self.scroll.offset > self.text_box.height:
                    self.scroll.scroll(bottom - self.scroll.offset - self.text_box.height)
                return

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, m, p = self.ui, self.ui.m, self.ui.palette
        scene = self.scene
        size = surface.get_size()
        if p.high_contrast:
            surface.fill(p.backdrop)
        else:
            surface.blit(self.app.art.backdrop(scene.backdrop, size), (0, 0))
            if self.motion is not None and not self.app.settings.reduced_motion:
                self.motion.draw(surface, surface.get_rect())
        self._draw_caption(surface)
        ui.panel(surface, self.panel)
        reveal = self.revealed if self.revealing else None
        self.block.draw(ui, surface, self.text_box.topleft, self.text_box, reveal, self.scroll.offset)
        self.scroll.draw(ui, surface, self.text_box.inflate(m.pad, 0))
        for i, button in enumerate(self.focus.buttons):
            button.draw(ui, surface, i == self.focus.index)
        if self.note_box is not None and not self.revealing:
            ui.panel(surface, self.note_box)
            inner = self.note_box.inflate(-2 * m.pad, -m.pad)
            self.note.draw(ui, surface, inner.topleft, inner)
        if self.app.classroom is not None:
            self._draw_clock(surface)

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
