"""The desktop player: one main loop over a stack of screens, driving the engine's Session.

`run(options)` is the only entry point; pygame starts inside it, never at import time.
"""

from __future__ import annotations

import logging
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pygame

from game.engine import AUTOSAVE, SaveError, SaveStore
from game.settings import (
    CLASSROOM_SETTINGS_FILE,
    SETTINGS_FILE,
    Settings,
    classroom_defaults,
    load_settings,
    save_settings,
)
from game.story import Story
from game.ui.art import ArtLibrary
from game.ui.audio import Ambience
from game.ui.firstframe import ASSETS, FirstFrame, open_first_frame
from game.ui.loading import StoryLoading
from game.ui.png import png_bytes
from game.ui.screens.base import Screen
from game.ui.text import Fonts
from game.ui.theme import HIGH_CONTRAST, NIGHT, metrics
from game.ui.widgets import Ui
from game.ui.words import word

if TYPE_CHECKING:
    from game.engine import Outcome, Session
    from game.options import LaunchOptions
    from game.ui.classroom import Classroom
    from game.ui.hotreload import HotReload

log = logging.getLogger("game.ui")

BUSY_FPS = 60
IDLE_WAIT_MS = 1000
# pygame.event.wait() polls inside SDL (about 3% of a core under X11 even for a bare window);
# sleeping between cheap polls costs about 0.3% and answers input within two frames.
IDLE_POLL_S = 0.03
NOTICE_SECONDS = 4.0


class App:
    """Everything the screens share: the story, the session, settings, art, sound and the stack."""

    def __init__(
        self,
        surface: pygame.Surface,
        story: Story | None,
        settings: Settings,
        data_dir: Path,
        options: LaunchOptions | None = None,
        assets: Path = ASSETS,
        fonts: Fonts | None = None,
    ) -> None:
        self.surface = surface
        self.story = story
        self.settings = settings
        self.data_dir = Path(data_dir)
        self.options = options
        self.assets = assets
        self.store = SaveStore(self.data_dir / "saves")
        self.session: Session | None = None
        self.art = ArtLibrary(assets, reduced_motion=settings.reduced_motion)
        quiet = bool(options and options.autoplay)
        self.audio = Ambience(
            assets,
            volume=settings.ambience_volume,
            music_volume=settings.music_volume,
            enabled=not quiet,
            deferred=True,
        )
        self.fonts = fonts or Fonts(assets / "fonts")  # the first frame's, already loaded
        self.ui = Ui(self.fonts, NIGHT, metrics(surface.get_size(), settings.text_scale))
        self.fonts.cache.fit_window(surface.get_size())
        self.stack: list[Screen] = []
        self.running = True
        self.exit_code = 0
        self.dirty = True
        self.busy = False
        self.notice: tuple[str, float] | None = None
        self.windowed_size = surface.get_size()
        self.ending_reached: str | None = None  # for autoplay and tests
        self.hot_reload: HotReload | None = None  # made by main_loop or the first F5
        self.classroom: Classroom | None = None  # while a class session runs
        self.finished_class: Classroom | None = None  # the last class that finished, for Continue
        self.unseen_changes = 0  # quiet changes since the family page or a card last showed them
        self.advance = ""  # "skip", "auto" or "" (game.ui.advance)
        self.read_log = None  # game.engine.readlog.ReadLog, opened by the play screen
        self.gallery = None  # game.engine.gallery.Gallery, the endings found, opened on first use
        self.settings_file = SETTINGS_FILE  # the profile in use: the player's, or the classroom's
        self.loading: StoryLoading | None = None  # the story being read while the title shows
        self._apply_look()

    # ------------------------------------------------------------------ the stack

    @property
    def top(self) -> Screen | None:
        return self.stack[-1] if self.stack else None

    def push(self, screen: Screen) -> None:
        screen.layout()
        self.stack.append(screen)
        self.dirty = True

    @property
    def playing(self) -> Session:
        """The session being played, for the screens that only exist while a game is on."""
        assert self.session is not None, "no game is being played"
        return self.session

    @property
    def loaded_story(self) -> Story:
        """The story, for the screens that only exist once it has loaded."""
        assert self.story is not None, "the story has not loaded"
        return self.story

    def pop(self) -> Screen | None:
        screen = self.stack.pop() if self.stack else None
        if self.top is not None:
            self.top.on_top()
        self.dirty = True
        return screen

    def pop_to(self, kind: type) -> None:
        """Pops screens until one of `kind` is on top (or the stack is empty)."""
        while self.stack and not isinstance(self.top, kind):
            self.stack.pop()
        if self.top is not None:
            self.top.on_top()
        self.dirty = True

    def reset(self, screen: Screen) -> None:
        """Replaces the whole stack with `screen`."""
        self.stack.clear()
        self.push(screen)

    def relayout(self) -> None:
        """Lays every screen out again (after a resize or a settings change)."""
        self.ui.metrics = metrics(self.surface.get_size(), self.settings.text_scale)
        self.fonts.cache.fit_window(self.surface.get_size())
        for screen in self.stack:
            screen.layout()
        self.dirty = True

    # ------------------------------------------------------------------ one frame

    def frame(self, events: list[pygame.event.Event], dt: float) -> bool:
        """Handles `events`, updates the top screen by `dt` and draws if needed; True if drawn."""
        for event in events:
            if self.dispatch(event):
                self.dirty = True
        if not self.running:  # quitting: no frame more (the window closes next, in `run`)
            return False
        if self.loading is not None and self.loading.done:
            self._story_loaded(self.loading)
        moved = self.top.update(min(dt, 0.05)) if self.top is not None else False
        if self.notice is not None:
            text, left = self.notice
            left -= dt
            self.notice = (text, left) if left > 0 else None
            moved = moved or self.notice is None
        self.busy = moved or self.notice is not None or self.loading is not None
        if not (moved or self.dirty):
            return False
        self.draw()
        pygame.display.flip()
        self.dirty = False
        if self.loading is not None:  # after the first frame: drawing it does not wait on the loader
            self.loading.start()
        self.audio.begin()  # nor on the mixer
        return True

    def _story_loaded(self, loading: StoryLoading) -> None:
        """Takes the story read behind the title: its buttons come alive, or its errors show."""
        self.loading = None
        self.story = loading.result()
        if self.story is None:
            self.reset(story_errors(self, loading.findings))
        else:
            self.relayout()

    def dispatch(self, event: pygame.event.Event) -> bool:
        """Global keys and window events first, then the top screen."""
        if event.type == pygame.QUIT:
            self.quit()
            return True
        if event.type in (pygame.VIDEORESIZE, pygame.WINDOWSIZECHANGED):
            self.surface = pygame.display.get_surface() or self.surface
            if not self.settings.fullscreen:
                self.windowed_size = self.surface.get_size()
            self.relayout()
            return True
        if event.type in (pygame.WINDOWEXPOSED, pygame.WINDOWRESTORED, pygame.WINDOWSHOWN):
            return True
        if event.type == pygame.KEYDOWN:
            if event.key == pygame.K_F11:
                self.change_settings(replace(self.settings, fullscreen=not self.settings.fullscreen))
                return True
            if event.key == pygame.K_F5:
                self.reload_story()
                return True
            if event.key == pygame.K_F12:
                self.screenshot()
                return True
            if event.key == pygame.K_F9 and self.options is not None and self.options.dev:
                from game.ui.screens.devpanel import open_writing_panel

                open_writing_panel(self)
                return True
            typing = getattr(self.top, "takes_text", False)  # "?" is a typed character there
            help_key = event.key == pygame.K_F1 or (getattr(event, "unicode", "") == "?" and not typing)
            if help_key and self.story is not None:
                self.show_keys()
                return True
        return self.top.handle(event) if self.top is not None else False

    def draw(self) -> None:
        base = len(self.stack) - 1
        while base > 0 and not self.stack[base].opaque:
            base -= 1
        if not self.stack or not self.stack[base].opaque:
            self.surface.fill(self.ui.palette.backdrop)
        top = len(self.stack) - 1
        for index, screen in enumerate(self.stack[max(0, base) :], start=max(0, base)):
            if index < top and getattr(screen, "hide_when_covered", False):
                continue  # a menu under another panel: not shown through it
            screen.draw(self.surface)
        if self.notice is not None:
            self._draw_notice(self.notice[0])

    def _draw_notice(self, text: str) -> None:
        ui, metrics = self.ui, self.ui.metrics
        face = ui.face("ui", metrics.small)
        width = min(metrics.width - 2 * metrics.margin, face.width(text) + 2 * metrics.pad)
        lines = face.wrap(text, width - 2 * metrics.pad)
        height = len(lines) * face.height + metrics.pad
        box = self._notice_place(pygame.Rect(0, 0, width, height))
        ui.panel(self.surface, box, ui.palette.panel_solid)
        y = box.y + metrics.pad // 2
        for line in lines:
            ui.text(self.surface, line, face, ui.palette.text, (box.x + metrics.pad, y), box)
            y += face.height

    def show_keys(self) -> None:
        """The keys page over whatever is shown (F1 or ?), once."""
        from game.ui.screens.keys import KeysScreen

        if not isinstance(self.top, KeysScreen):
            self.push(KeysScreen(self))

    def _notice_place(self, box: pygame.Rect) -> pygame.Rect:
        """Where a notice goes: at the bottom centre, else the first place up the window (then
        down from its top) that covers none of the top screen's buttons."""
        metrics, top = self.ui.metrics, self.top
        buttons = [
            b.rect.inflate(4, 4)
            for b in (top.focus.buttons if top else [])
            if b.rect.width and b.rect.bottom > 0
        ]
        cue = getattr(getattr(top, "scroll", None), "cue", None)  # "more below" is a button too
        buttons += [cue] if cue is not None else []
        centres = [metrics.width // 2]
        panel = getattr(top, "panel", None)  # beside the play screen's text, where there is room
        if panel is not None:
            if metrics.width - panel.right - 2 * metrics.margin >= box.width:  # the panel on the left
                centres.insert(0, (panel.right + metrics.width) // 2)
            elif panel.left - 2 * metrics.margin >= box.width:  # on the right
                centres.insert(0, panel.left // 2)
        step = max(8, box.height // 4)
        for centre in centres:
            for bottom in range(metrics.height - metrics.margin, box.height + metrics.gap, -step):
                box.midbottom = (centre, bottom)
                if box.collidelist(buttons) < 0:
                    return box
        box.midbottom = (
            metrics.width // 2,
            metrics.height - metrics.margin,
        )  # nowhere free: the bottom, as before
        return box

    def notify(self, text: str) -> None:
        """Shows a short message at the bottom of the window for a few seconds."""
        log.info("%s", text)
        self.notice = (text, NOTICE_SECONDS)
        self.dirty = True

    # ------------------------------------------------------------------ settings

    def _apply_look(self) -> None:
        self.ui.palette = HIGH_CONTRAST if self.settings.high_contrast else NIGHT
        self.art.reduced_motion = self.settings.reduced_motion
        self.audio.set_volume(self.settings.ambience_volume)
        self.audio.set_music_volume(self.settings.music_volume)

    def change_settings(self, new: Settings) -> None:
        """Applies new settings at once and keeps them for the next run."""
        old, self.settings = self.settings, new
        if new.fullscreen != old.fullscreen:
            self._set_fullscreen(new.fullscreen)
        self._apply_look()
        problem = save_settings(self.data_dir, new, self.settings_file)
        if problem:
            self.notify(problem)
        self.relayout()

    def use_classroom_settings(self, on: bool) -> None:
        """Switches to the classroom's own settings (largest text unless a teacher changed it) or
        back to the player's: neither profile changes the other. The window stays as it is."""
        name = CLASSROOM_SETTINGS_FILE if on else SETTINGS_FILE
        if name == self.settings_file:
            return
        self.settings_file = name
        loaded, warnings = load_settings(self.data_dir, name, classroom_defaults() if on else None)
        self.settings = replace(loaded, fullscreen=self.settings.fullscreen)
        self._apply_look()
        for warning in warnings:
            self.notify(warning)
        self.relayout()

    def _set_fullscreen(self, on: bool) -> None:
        try:
            if on:
                pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
            else:
                pygame.display.set_mode(self.windowed_size, pygame.RESIZABLE)
        except pygame.error as exc:
            log.warning("fullscreen could not be changed: %s", exc)
        self.surface = pygame.display.get_surface() or self.surface

    # ------------------------------------------------------------------ the session

    def new_game(self) -> None:
        """Starts a playthrough from the story's start (or --start/--set) and shows it."""
        from game.engine.session import ChoiceError, Session
        from game.ui.screens.play import PlayScreen

        story = self.story
        assert story is not None, "the title offers a new game only for a loaded story"
        self.classroom = None  # a new game is not a class session (a class's record stays saved)
        self.use_classroom_settings(False)
        options = self.options
        start = options.start if options else None
        sets = options.sets if options else {}
        try:
            self.session = Session(story, start=start, sets=sets)
        except (ChoiceError, ValueError) as exc:
            from game.launch import start_problem

            problem = start_problem(story, start) or str(exc)
            self.notify(f"{problem}: playing from the story's start instead")
            log.warning("%s", problem)
            self.session = Session(story)
        play = PlayScreen(self)
        self.reset(play)
        if not start:  # an author's --start jumps into a scene: no title card
            play.announce_chapter()

    def load(self, slot: str) -> bool:
        """Loads a save slot and shows it; False (with a notice) if it cannot be loaded."""
        from game.ui.screens.play import PlayScreen

        assert self.story is not None, "saves are offered only for a loaded story"
        try:
            result = self.store.load(slot, self.story)
        except SaveError as exc:
            self.notify(str(exc))
            return False
        self.session = result.session
        messages = list(result.messages)
        label = word("autosave") if slot == AUTOSAVE else word("slot", n=slot.removeprefix("slot"))
        if self._reopen_finished_class(result.classroom):
            self.notify(" ".join([word("loaded", slot=label), *messages]))
            return True
        if self.classroom is not None:  # the class goes on from the loaded scene
            kind, back = self.classroom.continue_from(self.session)
            key = "class_taken_back" if back else "class_new_record" if kind == "new" else "class_goes_on"
            messages.append(word(key, n=back))
        play = PlayScreen(self)
        self.reset(play)
        play.open_ending()  # a save at an ending reopens it (Undo goes back into the story)
        self.notify(" ".join([word("loaded", slot=label), *messages]))
        return True

    def _reopen_finished_class(self, note: dict[str, object] | None = None) -> bool:
        """A save made where a class finished, loaded: its closing screen (a lesson that closed
        mid-story) or its ending opens again, with the class's record and report; True if so.

        The class is the one of this run of the game, or (after a restart) the one the save's
        `note` names, rebuilt from its record in the sessions folder."""
        from game.ui.classfinish import reopen_finished
        from game.ui.screens.lesson import ClosingScreen
        from game.ui.screens.play import PlayScreen

        if self.session is None:
            return False
        finished = self.classroom or self.finished_class
        if finished is None or not finished.finished_at(self.session):
            if not note or (self.classroom is not None and self.classroom.is_open):
                return False  # a class under way goes on from the save (see load)
            sessions = self.data_dir / "sessions"
            finished = reopen_finished(self.loaded_story, note, sessions, self.session)
            if finished is None:
                return False
            self.classroom = None  # a class of this run that finished elsewhere is over
        if self.classroom is None:
            self.classroom = finished
            self.use_classroom_settings(True)
        if finished.record is not None and finished.record.closed_at is not None:
            self.reset(ClosingScreen(self))
        else:
            play = PlayScreen(self)
            self.reset(play)
            play.open_ending()
        return True

    def save(self, slot: str, thumbnail: pygame.Surface | None = None) -> bool:
        """Saves the session in `slot` with a small picture; False (with a notice) on failure."""
        if self.session is None:
            return False
        try:
            self.store.save(slot, self.session, self.thumbnail(thumbnail), self._class_note())
        except SaveError as exc:
            self.notify(str(exc))
            return False
        return True

    def _class_note(self) -> dict[str, object] | None:
        """For a save made where the class finished: what reopens the class after a restart."""
        if self.classroom is None or self.session is None:
            return None
        return self.classroom.finish_note(self.session)

    def thumbnail(self, picture: pygame.Surface | None = None) -> bytes:
        """A 256x144 PNG of `picture` (or of the current scene's backdrop)."""
        if picture is None:
            backdrop = self.session.scene.backdrop if self.session else None
            small = self.art.backdrop(backdrop, (256, 144))
        else:
            small = pygame.transform.smoothscale(picture, (256, 144))
        return png_bytes(small)  # not pygame.image.save into a BytesIO: that leaks every time

    def take_choice(self, choice_id: str) -> Outcome | None:
        """Takes a choice, autosaves, and returns what it did (None if refused)."""
        from game.engine.session import ChoiceError

        if self.session is None:
            return None
        try:
            if self.classroom is not None:
                self.classroom.before_choice(self.session, choice_id)
            outcome = self.session.choose(choice_id)
        except ChoiceError as exc:
            if self.classroom is not None and self.classroom.record is not None:
                self.classroom.record.undo()
            self.notify(str(exc))
            return None
        if self.classroom is not None:
            self.classroom.after_choice(self.session)
            if self.classroom.save_problem:
                self.notify(word("record_failed", reason=self.classroom.save_problem))
        self.audio.click()
        self.autosave()
        return outcome

    def autosave(self) -> None:
        """Saves the session in the autosave slot (a notice if that fails)."""
        if self.session is None:
            return
        try:
            self.store.save(AUTOSAVE, self.session, self.thumbnail(), self._class_note())
        except SaveError as exc:
            self.notify(word("autosave_failed", reason=str(exc)))

    def end_class_here(self) -> None:
        """Closes the class where it stands (the pause menu's End the class here): the closing
        screen, the record closed and counted, and the autosave made at the close."""
        from game.ui.screens.lesson import ClosingScreen

        if self.classroom is None or self.session is None:
            return
        self.classroom.close_here(self.session)
        if self.classroom.save_problem:
            self.notify(word("record_failed", reason=self.classroom.save_problem))
        self.autosave()
        self.reset(ClosingScreen(self))

    def start_classroom(self, classroom, session: Session) -> None:  # noqa: ANN001
        """Begins a class session at `session`'s scene (the record starts and is saved at once)."""
        from game.ui.screens.play import PlayScreen

        self.classroom = classroom
        self.session = session
        classroom.begin(session)
        classroom.save()
        self.reset(PlayScreen(self))

    def screenshot(self, path: Path | None = None) -> Path | None:
        """Saves the window as a PNG (default: user data folder/screenshots); returns the path."""
        if path is None:
            stamp = time.strftime("%Y%m%d-%H%M%S")
            path = self.data_dir / "screenshots" / f"last-train-home-{stamp}.png"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            pygame.image.save(self.surface, str(path))
        except (OSError, pygame.error) as exc:
            self.notify(word("screenshot_failed", reason=str(exc)))
            return None
        if self.options is None or not self.options.autoplay:
            self.notify(word("screenshot_saved", path=str(path)))
        return path

    def reload_story(self) -> None:
        """Loads the story again and keeps the player's place (F5; see game.ui.hotreload)."""
        if self.story is None:  # still loading, or it could not be read: nothing to reload yet
            return
        if self.hot_reload is None:
            from game.ui.hotreload import HotReload

            self.hot_reload = HotReload(self)
        self.hot_reload.reload()

    def quit(self, status: int = 0) -> None:
        self.running = False
        self.exit_code = status
        self.audio.stop()


def wait_for_events(limit: float) -> list[pygame.event.Event]:
    """The events that arrive within `limit` seconds (empty if none), sleeping between polls."""
    deadline = time.monotonic() + limit
    while True:
        events = pygame.event.get()
        if events or time.monotonic() >= deadline:
            return events
        time.sleep(IDLE_POLL_S)


def main_loop(app: App, driver=None) -> int:  # noqa: ANN001 - driver: an Autoplayer or None
    """Runs until the app stops: drain events, update, draw only on change, sleep when idle."""
    clock = pygame.time.Clock()
    watch = not (app.options and app.options.autoplay)
    while app.running:
        if watch and app.hot_reload is None and (app.story is not None or _fixable(app)):
            from game.ui.hotreload import HotReload

            app.hot_reload = HotReload(app)  # polled below: the idle wait wakes at least once a second
        if app.busy or app.dirty or driver is not None:
            events = pygame.event.get()
        else:
            events = wait_for_events(IDLE_WAIT_MS / 1000.0)
        dt = clock.tick(BUSY_FPS if app.busy and driver is None else 0) / 1000.0
        app.frame(events, dt)
        if app.hot_reload is not None:
            app.hot_reload.poll()
        if driver is not None:
            driver.step(app)
    return app.exit_code


def _fixable(app: App) -> bool:
    """A story that failed to load, in writing mode: watched so that saving the fix reloads it."""
    return app.loading is None and app.options is not None and app.options.dev


def build_app(options: LaunchOptions, *, background: bool = False, first: FirstFrame | None = None) -> App:
    """Puts the game into the window the first frame opened (opening it now if `first` is None):
    reads the story and shows the first screen.

    With `background` (the player's start) the title screen comes up at once and the story is read
    behind it; without, or when the start needs the story (autoplay, --start, --set, a class), the
    story is loaded first.
    """
    from game.ui.screens.title import TitleScreen

    first = first or open_first_frame(options)
    loading = StoryLoading(options.story_dir, draft=options.draft)
    needs_story = bool(options.classroom or options.autoplay or options.start or options.sets)
    if not background or needs_story:
        loading.wait()
    story = loading.result() if loading.done else None
    app = App(first.surface, story, first.settings, first.data_dir, options, fonts=first.ui.fonts)
    if not loading.done:
        app.loading = loading  # started once the title's first frame is drawn
        app.push(TitleScreen(app))
    elif app.story is None:
        app.push(story_errors(app, loading.findings))
    elif options.classroom and not options.autoplay:
        from game.ui.screens.classroom_setup import enter_classroom

        app.push(TitleScreen(app))
        enter_classroom(app)
    elif options.autoplay or options.start or options.sets:
        app.new_game()
    else:
        app.push(TitleScreen(app))
    if options.dev:
        app.notify(word("writing_mode_on"))
    for warning in first.warnings:
        app.notify(warning)
    return app


def story_errors(app: App, findings: list[str]) -> Screen:
    """The screen listing why the story could not be loaded; the findings go to stderr too."""
    from game.ui.screens.errors import ErrorScreen

    for line in findings:
        print(line, file=sys.stderr)
    return ErrorScreen(app, findings)


def play(options: LaunchOptions, first: FirstFrame) -> int:
    """Plays the game (or autoplays it) in the window of the first frame; returns the exit status."""
    app = build_app(options, background=True, first=first)
    driver = None
    if options.autoplay:
        from game.ui.autoplay import Autoplayer

        driver = Autoplayer(options.seed, options.screenshots, options.max_steps)
    status = main_loop(app, driver)
    if driver is not None and status == 0:
        print(driver.summary(app))
    return status
