"""Hot reload in the desktop player (issue 5): F5, or a story file changing on disk, loads the story
again and keeps the player's place by replaying the decision log (`game.engine.reload`).

A story with errors never replaces the one being played: its findings are shown on an error screen
that goes back to the game, and the last version that loaded keeps running.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.reload import StoryWatcher, reload_session
from game.story.loader import load_story_with_diagnostics
from game.ui.screens.errors import ErrorScreen
from game.ui.widgets import Button
from game.ui.words import word

if TYPE_CHECKING:
    from game.engine.session import Session
    from game.story.location import Diagnostic
    from game.ui.app import App

POLL_SECONDS = 1.0  # how often the main loop looks at the story files (a stat per file)


class HotReload:
    """Watches the story folder and reloads the app's story; `poll()` is cheap between checks."""

    def __init__(
        self, app: App, interval: float = POLL_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.app = app
        self.interval = interval
        self.clock = clock
        root = app.story.root if app.story is not None else _options_root(app)
        self.watcher = StoryWatcher(root) if root is not None else None
        self.root = root
        self._next = clock() + interval

    def poll(self) -> bool:
        """Looks at the story files at most once per interval; reloads if one changed (True)."""
        if self.watcher is None:
            return False
        now = self.clock()
        if now < self._next:
            return False
        self._next = now + self.interval
        if not self.watcher.poll():
            return False
        self.reload()
        return True

    def reload(self) -> bool:
        """Loads the story again; True if the new version now runs, False if it has errors."""
        app = self.app
        if self.watcher is not None:
            self.watcher.poll()  # this reload covers the edits seen so far
        if app.story is None:  # the story never loaded: its errors are on screen
            return self._load_fixed_story()
        if app.session is None:  # at the title: nothing to replay
            story, findings = load_story_with_diagnostics(app.story.root, draft=app.story.draft)
            if story is None:
                self._show_errors(findings)
                return False
            app.story = story
            app.relayout()
            app.notify(word("story_reloaded"))
            return True
        result = reload_session(app.session)
        if result.session is None:
            self._show_errors(result.findings)
            return False
        app.session = result.session
        app.story = result.session.story
        self._show_session(result.session)
        app.notify(" ".join([word("story_reloaded"), *result.messages]))
        return True

    def _load_fixed_story(self) -> bool:
        """In writing mode, a story that failed at start-up is read again when a file changes:
        fixed, the title comes up with it; still broken, its error page lists the new findings."""
        from game.ui.app import story_errors
        from game.ui.screens.title import TitleScreen

        app = self.app
        if self.root is None:
            return False
        draft = bool(app.options and app.options.draft)
        story, findings = load_story_with_diagnostics(self.root, draft=draft)
        if story is None:
            lines = [str(f) for f in sorted(findings, key=lambda f: f.severity != "error")]
            app.reset(story_errors(app, lines))
            return False
        app.story = story
        app.reset(TitleScreen(app))
        app.notify(word("story_reloaded"))
        return True

    def _show_session(self, session: Session) -> None:
        """Puts the replayed session on screen, its text shown at once (the player has read it);
        a dialog the player had open (menu, saves, settings, the writing panel…) stays open."""
        from game.ui.screens.play import PlayScreen

        app = self.app
        kept = [screen for screen in app.stack if isinstance(screen, _dialogs())]
        play = PlayScreen(app)
        app.reset(play)
        play.reading.show_all()
        play.open_ending()  # at an end scene, its ending again
        for screen in kept:
            app.push(screen)  # laid out again: it shows the reloaded session

    def _show_errors(self, findings: list[Diagnostic]) -> None:
        lines = [str(f) for f in sorted(findings, key=lambda f: f.severity != "error")]
        if isinstance(self.app.top, ReloadErrorScreen):
            self.app.pop()
        self.app.push(ReloadErrorScreen(self.app, lines))
        self.app.notify(word("story_reload_kept"))


def _options_root(app: App) -> Path | None:
    """The story folder the window was started with, watched in writing mode when the story
    could not be loaded (outside writing mode a broken story waits for a restart)."""
    options = app.options
    if options is None or not options.dev:
        return None
    return Path(options.story_dir)


def _dialogs() -> tuple[type, ...]:
    """The screens a reload keeps open: dialogs the player opened, which read the app's session
    afresh when laid out. Cards about the old scene (a choice's consequences, the ending, a chapter
    title, a failed reload's errors) go: the reloaded scene shows its own."""
    from game.ui.screens.cards import FactListScreen
    from game.ui.screens.devpanel import WritingPanel
    from game.ui.screens.family import FamilyScreen
    from game.ui.screens.flowchart import FlowchartScreen
    from game.ui.screens.history import HistoryScreen
    from game.ui.screens.keys import KeysScreen
    from game.ui.screens.menu import ConfirmScreen, PauseMenu
    from game.ui.screens.saves import SavesScreen
    from game.ui.screens.settings import SettingsScreen

    return (
        PauseMenu,
        ConfirmScreen,
        SavesScreen,
        SettingsScreen,
        KeysScreen,
        FamilyScreen,
        HistoryScreen,
        FlowchartScreen,
        FactListScreen,
        WritingPanel,
    )


class ReloadErrorScreen(ErrorScreen):
    """The findings of a reload that failed; going back keeps playing the last good version."""

    title_key, help_key = "story_reload_errors", "story_reload_help"

    def buttons(self) -> list[Button]:
        return [*self.editor_button(), Button(word("keep_playing"), self.app.pop)]

    def cancel(self) -> None:
        self.app.pop()
