"""The title screen and the content note shown before a new game."""

from __future__ import annotations

import pygame

from game.engine.saves import SlotInfo
from game.ui.audio import THEME
from game.ui.firstframe import draw_credit, draw_name, draw_title_backdrop, menu_top, name_height
from game.ui.screens.base import Screen
from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button, Rect, is_key, layout_column
from game.ui.words import word


class TitleScreen(Screen):
    """Title, 归途列车, and New game, Continue, Load, Settings, Quit (and Resume class in a class).

    It comes up while the story is still being read (game.ui.loading): the game's own name shows
    until the story's title is known, and what needs the story (New game, Continue, Classroom,
    Load, Endings) waits, greyed, with "Loading the story…" under New game.

    Going back to the title does not end a class session: while one is open (begun and not at
    an ending), "Resume class" comes first and returns to the class's scene with its record and
    clock; Continue and Load keep classroom mode too (the record goes on from the loaded scene,
    see App.load). New game and a new Classroom session end it; its record stays saved.
    """

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.latest: SlotInfo | None = None
        self.menu_top = 0
        if app.classroom is not None and not (app.classroom.is_open and app.session is not None):
            if app.classroom.record is not None and app.classroom.record.is_finished:
                app.finished_class = app.classroom  # Continue at its finish reopens it
            app.classroom = None  # a class that reached its ending is over (its record is saved)
        if app.classroom is None:
            app.use_classroom_settings(False)  # the player's own settings again
        app.audio.play_music(THEME)  # looped, fading in as any scene's ambience fades out

    def on_top(self) -> None:
        if self.app.classroom is None:  # back from the classroom's setup: the player's settings
            self.app.use_classroom_settings(False)
        self.app.audio.play_music(THEME)
        super().on_top()

    def _endings_button(self) -> list[Button]:
        """The endings gallery, once this player has found an ending."""
        if self.app.story is None:
            return []
        from game.ui.screens.gallery import GalleryScreen, gallery

        found = len(gallery(self.app).found())
        if not found:
            return []
        note = word("endings_found", found=found, total=len(self.app.story.endings))
        return [Button(word("endings"), lambda: self.app.push(GalleryScreen(self.app)), note=note)]

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        self.latest = self.app.store.latest()
        note = None
        if self.latest is not None:
            note = " · ".join(x for x in (self.latest.chapter, self.latest.place) if x) or None
        classroom = self.app.classroom
        in_class = classroom is not None and self.app.session is not None
        buttons = (
            [Button(word("resume_class"), self.resume_class, note=self._class_note())] if in_class else []
        )
        ready = self.app.story is not None
        buttons += [
            Button(word("continue"), self.resume, ready and self.latest is not None, note=note),
            Button(word("new_game"), self.new_game, ready, note=None if ready else word("loading_story")),
            Button(word("classroom"), self.classroom, ready),
            Button(word("load"), self.open_load, ready and bool(self.app.store.slots())),
            *self._endings_button(),
            Button(word("settings"), self.open_settings),
            Button(word("quit"), lambda: self.app.quit(0)),
        ]
        width = min(round(360 * metrics.unit * max(1.0, self.app.settings.text_scale)), metrics.width // 2)
        self.menu_top = menu_top(ui)
        bottom = layout_column(buttons, ui, metrics.margin * 2, self.menu_top, width, metrics.gap)
        overflow = bottom - (metrics.height - metrics.margin * 2)
        if overflow > 0:  # small windows at the largest text: move the menu up into the title's space
            for b in buttons:
                b.rect.y -= overflow
        self.focus.set(buttons, keep=True)
        if self.focus.index is None:  # Resume class, else Continue, else New game
            self.focus.index = 0 if in_class or self._can_go_on() else 1

    def _can_go_on(self) -> bool:
        """Whether the latest save is somewhere in the story, not at one of its endings."""
        if self.latest is None:
            return False
        scene = self.app.story.scenes.get(self.latest.scene) if self.app.story else None
        return scene is None or not scene.end

    def _class_note(self) -> str:
        session, classroom = self.app.session, self.app.classroom
        assert classroom is not None, "the class note is shown during a class"
        where = session.scene.chapter if session is not None else ""
        return " · ".join(x for x in (where, classroom.clock_text()) if x)

    def resume_class(self) -> None:
        """Back to the class session's scene, with its record and clock."""
        from game.ui.screens.play import PlayScreen

        if self.app.classroom is not None and self.app.session is not None:
            self.app.reset(PlayScreen(self.app))

    def resume(self) -> None:
        if self.latest is not None:
            self.app.load(self.latest.slot)

    def new_game(self) -> None:
        self.app.push(ContentNoteScreen(self.app))

    def classroom(self) -> None:
        from game.ui.screens.classroom_setup import enter_classroom

        enter_classroom(self.app)

    def open_load(self) -> None:
        from game.ui.screens.saves import SavesScreen

        self.app.push(SavesScreen(self.app, "load"))

    def open_settings(self) -> None:
        from game.ui.screens.settings import SettingsScreen

        self.app.push(SettingsScreen(self.app))

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            return False
        return self.focus.handle(event)

    def draw(self, surface: pygame.Surface) -> None:
        """The first frame's picture (game.ui.firstframe), with the menu where it said "Loading"."""
        metrics = self.ui.metrics
        draw_title_backdrop(surface, self.ui, self.app.assets)
        title, native = self._names()
        top_of_menu = min(b.rect.top for b in self.focus.buttons) if self.focus.buttons else metrics.height
        if metrics.margin * 2 + name_height(self.ui) <= top_of_menu:
            draw_name(surface, self.ui, title, native)
        else:  # a longer menu (Resume class) moved up into its space: the name on one line above it
            self._draw_name_line(surface, top_of_menu)
        self.focus.draw(self.ui, surface)
        draw_credit(surface, self.ui)

    def _names(self) -> tuple[str, str]:
        """The story's title and native title; the game's own while the story loads."""
        story = self.app.story
        if story is None:
            return word("game_title"), word("game_title_native")
        return story.title, story.title_native

    def _draw_name_line(self, surface: pygame.Surface, top_of_menu: int) -> None:
        """The game's name and 归途列车 on one line, as large as the room above the menu allows."""
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        title, native = self._names()
        room = top_of_menu - metrics.margin - metrics.gap
        size = metrics.title
        while size > metrics.small and ui.face("display", size).height > room:
            size -= 2
        face = ui.face("display", size)
        x, y = metrics.margin * 2, max(metrics.gap, top_of_menu - metrics.gap - face.height)
        box = Rect(x, 0, metrics.width - 2 * x, top_of_menu)
        ui.text(surface, title, face, palette.heading, (x, y), box)
        if native:  # its glyphs sit low and large beside the Latin: a size smaller
            native_face = ui.face("display", round(size * 0.7))
            ui.text(
                surface, native, native_face, palette.accent, (x + face.width(title) + metrics.pad, y), box
            )


class ContentNoteScreen(DocumentScreen):
    """The story's content note, then Begin (or Back)."""

    backdrop = "title"

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        block.add(
            word("content_note"), ui.face("display", metrics.heading), palette.heading, width, after=0.4
        )
        note = self.app.loaded_story.content_note or ""
        from game.story.model import paragraphs

        block.add_each(
            paragraphs(note), ui.face("prose", metrics.prose), palette.text, width, metrics.line_spacing
        )
        return block

    def buttons(self) -> list[Button]:
        return [
            Button(word("back"), self.app.pop, kind="menu"),
            Button(word("begin"), self.app.new_game, kind="menu"),
        ]
