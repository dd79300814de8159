"""The story read and checked in a background thread while the title screen shows.

Reading the story's YAML and checking it takes longer than opening the window and drawing the
title; the player sees the title at once and its New game and Continue come alive when the
story is ready (or the story's errors replace it when they are known).

The thread only builds its own objects (the Story, or the findings) and touches nothing of
pygame's; the main loop asks `done` once a frame and takes the result after joining it.
"""

from __future__ import annotations

import threading
from pathlib import Path

from game.story import Story, StoryError, load_story


class StoryLoading:
    """Loads one story folder in a daemon thread, once `start()` is called."""

    def __init__(self, story_dir: Path, *, draft: bool = False) -> None:
        self.story_dir = story_dir
        self.draft = draft  # a scene nothing leads to yet is a warning (game.story: draft mode)
        self.story: Story | None = None
        self.findings: list[str] = []  # `path:line:col: message` lines when it could not load
        self._error: Exception | None = None
        self._thread = threading.Thread(target=self._load, name="story-loading", daemon=True)

    @property
    def started(self) -> bool:
        return self._thread.ident is not None

    @property
    def done(self) -> bool:
        """Whether the story (or its findings) is ready; joins the finished thread."""
        if not self.started or self._thread.is_alive():
            return False
        self._thread.join()
        return True

    def start(self) -> None:
        if not self.started:
            self._thread.start()

    def wait(self) -> None:
        """Starts the loading if it has not begun, and waits for it to end."""
        self.start()
        self._thread.join()

    def _load(self) -> None:
        try:
            self.story = load_story(self.story_dir, draft=self.draft)
        except StoryError as exc:
            self.findings = [str(d) for d in exc.diagnostics] or [str(exc)]
        except Exception as exc:  # noqa: BLE001 - a bug: raised again in the main thread by `result`
            self._error = exc

    def result(self) -> Story | None:
        """The story, or None with `findings` set; raises what the thread raised if it failed."""
        if self._error is not None:
            raise self._error
        return self.story
