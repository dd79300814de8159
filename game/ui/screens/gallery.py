"""The endings gallery, from the title screen: which endings this player has found, each
replayable from its last choice; the titles of the others stay hidden."""

from __future__ import annotations

import functools

import pygame

from game.engine.gallery import Gallery
from game.ui.screens.base import Screen
from game.ui.widgets import Button, Rect, is_key
from game.ui.words import word


def gallery(app) -> Gallery:  # noqa: ANN001
    """The app's gallery, opened on first use (a problem is told once)."""
    if app.gallery is None:
        app.gallery = Gallery(app.data_dir, app.story)
        if app.gallery.problem:
            app.notify(app.gallery.problem)
    return app.gallery


def record_ending(app, ending: str) -> None:  # noqa: ANN001
    """Adds the ending the session just reached to the gallery (not in class: a class's path is
    the class's, not this player's)."""
    if app.classroom is None and app.story is not None and app.session is not None:
        gallery(app).record(ending, app.session)


class GalleryScreen(Screen):
    """Every ending as a button in the story's order: found ones replay, the others are locked."""

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.buttons: list[Button] = []
        self.offset = 0  # how far the list is scrolled, in pixels
        self.list_box = Rect(0, 0, 0, 0)
        self.title_at = (0, 0)

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        story, found = self.app.loaded_story, set(gallery(self.app).found())
        self.buttons = []
        for number, ending in enumerate(story.endings, start=1):
            if ending.id in found:
                self.buttons.append(
                    Button(
                        ending.title,
                        functools.partial(self.replay, ending.id),
                        note=word("replay_ending"),
                        number=number,
                    )
                )
            else:
                self.buttons.append(Button(word("ending_hidden"), lambda: None, False, number=number))
        back = Button(word("back"), self.app.pop)
        width = min(
            metrics.width - 2 * metrics.margin,
            round(1000 * metrics.unit * max(1.0, self.app.settings.text_scale * 0.8)),
        )
        heading = ui.face("display", metrics.heading)
        self.title_at = ((metrics.width - width) // 2, metrics.margin)
        top = metrics.margin + heading.height + ui.face("ui", metrics.small).height + metrics.pad
        back_h = back.measure(ui, width // 3)
        back.rect = Rect(
            (metrics.width - width) // 2, metrics.height - metrics.margin - back_h, width // 3, back_h
        )
        self.list_box = Rect((metrics.width - width) // 2, top, width, back.rect.top - metrics.gap - top)
        columns = 2 if width >= 2 * ui.face("ui", metrics.ui).width("n") * 28 else 1
        col_w = (width - (columns - 1) * metrics.gap) // columns
        y = [top] * columns
        for index, b in enumerate(self.buttons):
            b.compact = True
            column = index % columns
            h = b.measure(ui, col_w)
            b.rect = Rect(self.list_box.x + column * (col_w + metrics.gap), y[column] - self.offset, col_w, h)
            y[column] += h + metrics.gap // 2
        self.content_bottom = max(y)
        self.focus.set(self.buttons + [back], keep=True)
        if self.focus.index is None:
            self.focus.index = len(self.buttons)  # Back: nothing starts by accident

    def replay(self, ending: str) -> None:
        from game.ui.screens.play import PlayScreen

        replayed = gallery(self.app).replay(ending)
        if replayed is None:
            self.app.notify(word("replay_failed"))
            return
        session, whole = replayed
        self.app.classroom = None
        self.app.session = session
        self.app.reset(PlayScreen(self.app))
        self.app.notify(word("replaying" if whole else "replaying_changed"))

    def _scroll_to(self, button: Button) -> None:
        """Scrolls so the keyboard's button is in the list's view."""
        if button not in self.buttons:
            return
        if button.rect.bottom > self.list_box.bottom:
            self.offset += button.rect.bottom - self.list_box.bottom
        elif button.rect.top < self.list_box.top:
            self.offset -= self.list_box.top - button.rect.top
        self.layout()

    def handle(self, event: pygame.event.Event) -> bool:
        if is_key(event, pygame.K_ESCAPE):
            self.app.pop()
            return True
        if event.type == pygame.MOUSEWHEEL:
            room = max(0, self.content_bottom - self.list_box.bottom + self.offset)
            self.offset = max(0, min(room, self.offset - event.y * 40))
            self.layout()
            return True
        used = self.focus.handle(event)
        if used and event.type == pygame.KEYDOWN and self.focus.focused is not None:
            self._scroll_to(self.focus.focused)
        return used

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        surface.blit(self.app.art.backdrop("title", surface.get_size()), (0, 0))
        ui.shade_top(surface, surface.get_height(), surface.get_height(), alpha=190)
        x, y = self.title_at
        heading = ui.face("display", metrics.heading)
        ui.text(surface, word("endings_title"), heading, palette.heading, (x, y))
        count = word(
            "endings_found", found=len(gallery(self.app).found()), total=len(self.app.loaded_story.endings)
        )
        ui.text(surface, count, ui.face("ui", metrics.small), palette.text_dim, (x, y + heading.height))
        clip = surface.get_clip()
        surface.set_clip(self.list_box.inflate(4, 4))
        for i, b in enumerate(self.focus.buttons):
            if b in self.buttons and not b.rect.colliderect(self.list_box):
                continue
            if b not in self.buttons:
                surface.set_clip(clip)
            b.draw(ui, surface, i == self.focus.index)
        surface.set_clip(clip)
