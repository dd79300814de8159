"""Driving the real screens in tests: feed events, let animations run out, click, and see the text
that was drawn."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pygame

from game.options import LaunchOptions
from game.ui.app import App, build_app
from game.ui.autoplay import key


def open_app(story_dir: Path, size: tuple[int, int] = (1280, 720), **settings: object) -> App:
    """The game's window on the story in `story_dir`, its text shown at once unless `settings`
    (fields of the player's Settings) say otherwise."""
    app = build_app(LaunchOptions(story_dir=story_dir, window_size=size))
    app.change_settings(replace(app.settings, **{"text_speed": "instant", **settings}))
    return app


def settle(app: App, *events: pygame.event.Event) -> None:
    """Feeds events, lets animations run out, then draws once more (the play screen shows what is
    due on its next update)."""
    app.frame(list(events), 0.016)
    for _ in range(200):
        if not app.busy:
            break
        app.frame([], 0.05)
    app.frame([], 0.016)


def click(app: App, rect: pygame.Rect) -> None:
    settle(
        app,
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=rect.center),
        pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=rect.center),
    )


def button(app: App, label: str):  # noqa: ANN201 - a widgets.Button
    """The top screen's button with this label."""
    return next(b for b in app.top.focus.buttons if b.label == label)


def begin_class(app: App, label: str = "Start from the beginning") -> None:
    """Starts the class from the setup screen's button `label` and reads past the story's
    content note, which a class sees first."""
    from game.ui.screens.cards import NoteCardScreen

    click(app, button(app, label).rect)
    if isinstance(app.top, NoteCardScreen):
        settle(app, key(pygame.K_SPACE))


def read_through(app: App) -> None:
    """Turns the play screen's pages (in class the text shows a page at a time) until it is all
    shown."""
    from game.ui.screens.play import PlayScreen

    for _ in range(30):
        if not (isinstance(app.top, PlayScreen) and app.top.revealing):
            return
        settle(app, key(pygame.K_SPACE))
    raise AssertionError("the text never showed whole")


def drawn(app: App) -> list[tuple[str, int, pygame.Rect]]:
    """Draws the stack; returns every line of text drawn: (text, its size in px, where)."""
    seen: list[tuple[str, int, pygame.Rect]] = []
    real = app.ui.text

    def text(surface, line, face, colour, pos, box=None, clip_width=None):  # noqa: ANN001, ANN202
        if line.strip():
            seen.append((line, face.key[1], pygame.Rect(pos, (face.width(line.rstrip()), face.height))))
        return real(surface, line, face, colour, pos, box, clip_width)

    app.ui.text = text
    try:
        app.draw()
    finally:
        del app.ui.text
    return seen


class TextRecorder:
    """Records every line of text the screens draw, frame by frame, while the test runs.

    `frames[-1]` is what the window shows now; `ever(words)` tells whether a line holding those
    words was drawn at any time since the recorder started."""

    def __init__(self, app: App) -> None:
        self.app = app
        self.frames: list[list[str]] = [[]]
        real_text, real_draw = app.ui.text, app.draw

        def text(surface, line, face, colour, pos, box=None, clip_width=None):  # noqa: ANN001, ANN202
            if line.strip() and clip_width is None:  # a line still typing is not yet drawn whole
                self.frames[-1].append(line)
            return real_text(surface, line, face, colour, pos, box, clip_width)

        def draw() -> None:
            self.frames.append([])
            real_draw()

        app.ui.text = text
        app.draw = draw

    @property
    def now(self) -> list[str]:
        """The lines of the last frame drawn."""
        return next((frame for frame in reversed(self.frames) if frame), [])

    def shows(self, line: str) -> bool:
        """Whether the last frame drew this exact line."""
        return line in self.now

    def ever(self, words: str) -> bool:
        """Whether some frame drew a line containing `words`."""
        return any(words in line for frame in self.frames for line in frame)
