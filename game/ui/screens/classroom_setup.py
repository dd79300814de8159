"""Classroom setup (pauses, votes, teams) and the chapter select that starts the lesson."""

from __future__ import annotations

import functools
from collections.abc import Callable

import pygame

from game.ui.classroom import (
    Classroom,
    ClassroomOptions,
    chapter_starts,
    default_teams,
    session_at,
    team_choices,
)
from game.ui.screens.base import Screen
from game.ui.widgets import Button, Rect, footer_button, footer_height, is_key, layout_column
from game.ui.words import word


def team_label(name: str) -> str:
    return word(f"team_{name}") if name in ("parents", "children") else word("team_of", name=name)


def enter_classroom(app) -> None:  # noqa: ANN001
    """Turns classroom mode on with the classroom's own settings (largest text for the
    projector, unless the teacher changed it) and shows the setup."""
    app.use_classroom_settings(True)
    app.push(ClassroomSetupScreen(app))


class ClassroomSetupScreen(Screen):
    """Toggles for pauses, votes and teams, a team for each family member, then where to start."""

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        story = app.loaded_story
        self.options = ClassroomOptions(team_of=default_teams(story, team_label))
        self.teams = team_choices(story, team_label)
        self.panel = Rect(0, 0, 0, 0)

    def _toggle(self, name: str) -> None:
        setattr(self.options, name, not getattr(self.options, name))
        self.layout()

    def _cycle(self, person: str, step: int = 1) -> None:
        current = self.options.team_of.get(person, self.teams[0])
        index = self.teams.index(current) if current in self.teams else 0
        self.options.team_of[person] = self.teams[(index + step) % len(self.teams)]
        self.layout()

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        onoff = {True: word("on"), False: word("off")}
        buttons = [
            Button(
                f"{word('discussion_pauses')}: {onoff[self.options.pauses]}", lambda: self._toggle("pauses")
            ),
            Button(f"{word('class_votes')}: {onoff[self.options.votes]}", lambda: self._toggle("votes")),
            Button(f"{word('teams')}: {onoff[self.options.teams]}", lambda: self._toggle("teams")),
        ]
        if self.options.teams:
            for person in self.app.loaded_story.people.values():
                button = Button(
                    f"{person.short}: {self.options.team_of.get(person.id, '')}",
                    functools.partial(self._cycle, person.id),
                    kind="small",
                )
                button.person = person.id  # type: ignore[attr-defined]
                buttons.append(button)
        starts = [
            Button(word("start_beginning"), self.start_beginning),
            Button(word("choose_chapter"), self.choose_chapter),
        ]
        if self.app.loaded_story.lessons:  # lessons first: a class period needs no preparation
            starts.insert(0, Button(word("choose_lesson"), self.choose_lesson))
        buttons += starts
        heading = ui.face("display", metrics.heading)
        scale = max(1.0, self.app.settings.text_scale**0.5)
        width = min(metrics.width - 2 * metrics.margin, round(760 * metrics.unit * scale))
        inner = width - 2 * metrics.pad
        small_rows = [b for b in buttons if b.kind == "small"]
        # Team rows sit two to a line so everything fits at 960x540 with the largest text.
        gap = max(2, metrics.gap // 2)
        y = metrics.margin + metrics.pad + heading.height + metrics.gap
        x0 = (metrics.width - width) // 2 + metrics.pad
        for b in buttons[:3]:
            h = b.measure(ui, inner)
            b.rect = Rect(x0, y, inner, h)
            y += h + gap
        half = (inner - metrics.gap) // 2
        for index, b in enumerate(small_rows):
            h = b.measure(ui, half)
            b.rect = Rect(x0 + (index % 2) * (half + metrics.gap), y, half, h)
            if index % 2 == 1 or index == len(small_rows) - 1:
                y += h + gap
        y += metrics.gap
        y = layout_column(buttons[-len(starts) :], ui, x0, y, inner, gap)
        height = y - metrics.margin + metrics.gap + footer_height(ui) + metrics.pad
        self.panel = Rect((metrics.width - width) // 2, metrics.margin, width, height)
        overflow = self.panel.bottom - (metrics.height - metrics.margin // 2)
        if overflow > 0:
            self.panel.y -= min(overflow, metrics.margin // 2)
            for b in buttons:
                b.rect.y -= min(overflow, metrics.margin // 2)
        buttons.append(footer_button(ui, word("back"), self.leave, self.panel))
        self.focus.set(buttons, keep=True)
        if self.focus.index is None:  # the first way to start
            self.focus.index = len(buttons) - 1 - len(starts)

    def leave(self) -> None:
        self.app.pop()

    def _start(self, scene_id: str | None) -> None:
        """Starts the lesson at a chapter's first scene (or the start, or --start/--set)."""
        from game.engine import ChoiceError, Session

        app, story = self.app, self.app.loaded_story
        options = app.options
        if scene_id is not None:
            session = session_at(story, scene_id)
        else:
            try:
                session = Session(
                    story, start=options.start if options else None, sets=options.sets if options else {}
                )
            except (ChoiceError, ValueError) as exc:
                app.notify(str(exc))
                session = Session(story)
        app.start_classroom(Classroom(self.options, app.data_dir / "sessions"), session)

    def start_beginning(self) -> None:
        self._start(None)

    def choose_chapter(self) -> None:
        self.app.push(ChapterSelectScreen(self.app, self._start))

    def choose_lesson(self) -> None:
        from game.ui.screens.lesson import LessonSelectScreen

        self.app.push(LessonSelectScreen(self.app, self._start_lesson))

    def _start_lesson(self, lesson_id: str) -> None:
        """Starts a lesson route: its first scene, its state, its votes and prompts."""
        from game.engine.lessons import LessonRun

        app = self.app
        lesson = app.loaded_story.lesson(lesson_id)
        if lesson is None:
            return
        run = LessonRun(app.loaded_story, lesson)
        session = run.begin()
        app.start_classroom(Classroom(self.options, app.data_dir / "sessions", lesson=run), session)

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.leave()
            return True
        focused = self.focus.focused
        if (
            is_key(event, pygame.K_LEFT, pygame.K_RIGHT)
            and focused is not None
            and hasattr(focused, "person")
        ):
            self._cycle(focused.person, 1 if event.key == pygame.K_RIGHT else -1)
            return True
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        if palette.high_contrast:
            surface.fill(palette.backdrop)
        else:
            surface.blit(self.app.art.backdrop("title", surface.get_size()), (0, 0))
            ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        heading = ui.face("display", metrics.heading)
        ui.text(
            surface,
            word("classroom_title"),
            heading,
            palette.heading,
            (self.panel.x + metrics.pad, self.panel.y + metrics.pad),
            self.panel,
        )
        self.focus.draw(ui, surface)


class ChapterSelectScreen(Screen):
    """Every chapter with its place and date; a number key or a click starts the lesson there."""

    def __init__(self, app, start) -> None:  # noqa: ANN001
        super().__init__(app)
        self.start = start
        self.chapters = chapter_starts(app.loaded_story)
        self.actions: list[Callable[[], None]] = []
        self.panel = Rect(0, 0, 0, 0)

    title_word = "chapter_select"

    def entries(self) -> list[tuple[str, str | None, Callable[[], None], str]]:
        """(label, note, action, id) for each button, in order."""
        story = self.app.loaded_story
        found: list[tuple[str, str | None, Callable[[], None], str]] = []
        for chapter, scene_id in self.chapters:
            scene = story.scenes[scene_id]
            note = "\n".join(x for x in (scene.place, scene.when) if x) or None  # the date on its own line
            found.append((chapter, note, functools.partial(self.start, scene_id), scene_id))
        return found

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        buttons = []
        self.actions = []
        for number, (label, note, action, ident) in enumerate(self.entries(), 1):
            button = Button(label, action, number=number if number < 10 else None, note=note, kind="menu")
            button.valign = "top"  # titles in a row line up
            button.scene = ident  # type: ignore[attr-defined]
            buttons.append(button)
            self.actions.append(action)
        heading = ui.face("display", metrics.heading)
        width = min(metrics.width - 2 * metrics.margin, round(1000 * metrics.unit))
        inner = width - 2 * metrics.pad
        columns = 2 if len(buttons) > 4 else 1
        col_w = (inner - metrics.gap * (columns - 1)) // columns
        heights = [b.measure(ui, col_w) for b in buttons]
        row_h = max(heights, default=0)
        gap = max(2, metrics.gap // 2)
        top = metrics.margin + metrics.pad + heading.height + metrics.gap
        rows = (len(buttons) + columns - 1) // columns
        back_h = footer_height(ui)
        needed = top + rows * (row_h + gap) + back_h + metrics.pad
        if needed > metrics.height - metrics.margin:
            row_h = max(
                metrics.button_height,
                (metrics.height - metrics.margin - top - back_h - metrics.pad) // rows - gap,
            )
        x0 = (metrics.width - width) // 2 + metrics.pad
        for index, b in enumerate(buttons):
            col, row = index // rows, index % rows  # down the first column, then the second
            b.rect = Rect(x0 + col * (col_w + metrics.gap), top + row * (row_h + gap), col_w, row_h)
        y = top + rows * (row_h + gap) + metrics.gap
        self.panel = Rect(
            (metrics.width - width) // 2, metrics.margin, width, y + back_h + metrics.pad - metrics.margin
        )
        back = footer_button(ui, word("back"), self.app.pop, self.panel)
        self.focus.set([*buttons, back], keep=True)
        if self.focus.index is None:
            self.focus.index = 0

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.app.pop()
            return True
        if event.type == pygame.KEYDOWN and pygame.K_1 <= event.key <= pygame.K_9:
            index = event.key - pygame.K_1
            if index < len(self.actions):
                self.actions[index]()
                return True
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        if palette.high_contrast:
            surface.fill(palette.backdrop)
        else:
            surface.blit(self.app.art.backdrop("title", surface.get_size()), (0, 0))
            ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        heading = ui.face("display", metrics.heading)
        ui.text(
            surface,
            word(self.title_word),
            heading,
            palette.heading,
            (self.panel.x + metrics.pad, self.panel.y + metrics.pad),
            self.panel,
        )
        self.focus.draw(ui, surface)
