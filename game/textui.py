"""The terminal player: plays any story with numbered choices; works with piped input."""

from __future__ import annotations

import re
import shutil
import textwrap
from collections.abc import Callable
from typing import TextIO

from game.engine import AUTOSAVE, Outcome, SaveError, SaveStore, Session
from game.engine.reload import StoryWatcher, reload_session
from game.story.model import paragraphs

HELP = """Commands: a number chooses · Enter continues · u undo · s [NAME] save · l [NAME] load ·
saves list saves · h history · f family · r reload the story · ? help · q quit"""


# Control characters (ESC starts a terminal escape sequence) that a file name, a save's path or a
# story could carry; the terminal is given each as a visible U+FFFD instead. Line breaks and tabs stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class _Shown:
    """A text stream that never passes a control character on to the terminal."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def write(self, text: str) -> int:
        return self.out.write(_CONTROL.sub("\ufffd", text))

    def flush(self) -> None:
        self.out.flush()


class TextPlayer:
    """Reads commands from `read_line` (None at end of input) and writes to `out`."""

    def __init__(
        self,
        session: Session,
        store: SaveStore,
        read_line: Callable[[], str | None],
        out: TextIO,
        width: int | None = None,
        autosave: bool = True,
        watch: bool = True,
        pause_after_note: bool = False,
    ) -> None:
        self.session = session
        # Hot reload: edits to the story files are picked up before the next prompt.
        self.watcher = StoryWatcher(session.story.root) if watch else None
        self.store = store
        self.read_line = read_line
        self.out = _Shown(out)
        self.width = width or min(88, shutil.get_terminal_size((80, 24)).columns)
        self.autosave = autosave
        # At a terminal the note waits for Enter, as the window's waits for Begin; piped input does not.
        self.pause_after_note = pause_after_note

    # ------------------------------------------------------------------ output

    def say(self, text: str = "", indent: str = "") -> None:
        if not text:
            self.out.write("\n")
            return
        wrapped = textwrap.fill(text, self.width, initial_indent=indent, subsequent_indent=indent)
        self.out.write(wrapped + "\n")

    def rule(self, title: str) -> None:
        line = f"── {title} "
        self.out.write(line + "─" * max(3, self.width - len(line)) + "\n")

    def show_content_note(self) -> None:
        """The story's content note, as the window shows it before a new game."""
        note = self.session.story.content_note
        if not note:
            return
        self.say()
        self.rule("Before you begin")
        self.say()
        for paragraph in paragraphs(note):
            self.say(paragraph)
            self.say()

    def show_scene(self) -> None:
        session = self.session
        scene = session.scene
        self.say()
        self.rule(" · ".join(p for p in (scene.chapter, scene.place, scene.when) if p) or scene.id)
        if scene.pov and not scene.end:
            self.say(f"{session.story.people[scene.pov].short}'s choice")
        self.say()
        for paragraph in session.paragraphs():
            self.say(paragraph)
            self.say()
        if scene.fact:
            fact = session.story.facts[scene.fact]
            self.say(f"Fact card — {fact.title}: {fact.figure}".rstrip(": "), "  ")
            self.say(fact.text, "  ")
            self.say(f"Source: {fact.source}", "  ")
            self.say()
        if scene.discuss:
            self.say(f"To discuss: {scene.discuss}", "  ")
            self.say()
        if session.is_over:
            self.show_ending()
            return
        problem = session.stuck
        if problem:
            self.say(problem)
            self.say("Type u to undo.")
            return
        for choice in session.choices():
            label = "Continue" if choice.is_continue else choice.text
            if choice.available:
                self.say(f"{choice.number}. {label}", "  ")
            else:
                self.say(f"{choice.number}. {label}  [locked: {choice.locked_reason}]", "  ")

    def show_outcome(self, outcome: Outcome) -> None:
        if outcome.says:
            self.say()
            self.say(outcome.says, "  ")
        changes = [c for c in outcome.changes if c.kind != "flag"]
        for change in changes:
            self.say(f"· {change.words}", "  ")

    def show_ending(self) -> None:
        ending = self.session.ending
        if ending is None:
            self.say("The story ends here, but no ending applies (the story needs a fallback ending).")
            return
        self.rule(f"Ending: {ending.title}")
        self.say()
        if ending.text:
            self.say(ending.text)
            self.say()
        for _, name, line in ending.epilogue:
            self.say(f"{name}: {line}", "  ")
        if ending.documentary:
            self.say()
            self.say(f"What really happened: {ending.documentary}")
        self.say()
        self.say("The end. Type u to undo the last choice, or q to quit.")

    def show_family(self) -> None:
        story = self.session.story
        for person in self.session.people():
            if not person.present:
                continue
            stats = ", ".join(
                f"{story.stats[s].label} {v}/{story.stats[s].max}" for s, v in person.stats.items()
            )
            self.say(f"{person.name} ({person.role}): {stats}", "  ")
        for resource in story.resources.values():
            unit = f" {resource.unit}" if resource.unit else ""
            self.say(f"{resource.label}: {self.session.resource(resource.id):,}{unit}", "  ")

    def show_history(self) -> None:
        for step in self.session.transcript:
            self.rule(" · ".join(p for p in (step.chapter, step.place, step.when) if p) or step.scene)
            for paragraph in step.paragraphs:
                self.say(paragraph, "  ")
            if step.choice_text and not step.is_continue:
                self.say(f"> {step.choice_text}", "  ")

    # ------------------------------------------------------------------ the loop

    def run(self) -> int:
        self.store.sweep_temporary_files()  # the leftovers of a game that was killed mid-save
        if len(self.session.transcript) == 1 and not self.session.can_undo:  # a new game
            self.show_content_note()
            if self.pause_after_note and self.session.story.content_note:
                self.out.write("Enter: begin · q: quit > ")
                self.out.flush()
                line = self.read_line()
                if line is None or line.strip().lower() in ("q", "quit", "exit"):
                    self.say()
                    return 0
        self.show_scene()
        while True:
            if self.watcher is not None and self.watcher.poll():
                self.reload(automatic=True)
            self.out.write("> ")
            self.out.flush()
            line = self.read_line()
            if line is None:
                self.say()
                return 0
            if not self.command(line.strip()):
                return 0

    def command(self, line: str) -> bool:
        """Handles one line; False when the player quits."""
        session = self.session
        word, _, argument = line.partition(" ")
        word = word.lower()
        argument = argument.strip()
        if word in ("q", "quit", "exit"):
            self.say("Goodbye.")
            return False
        if word in ("?", "help"):
            self.say(HELP)
        elif word in ("u", "undo"):
            if session.undo():
                self.say("(undone)")
                self.show_scene()
            else:
                self.say("Nothing to undo.")
        elif word in ("r", "reload"):
            self.reload()
        elif word in ("h", "history"):
            self.show_history()
        elif word in ("f", "family"):
            self.show_family()
        elif word in ("s", "save"):
            self.save(argument or "1")
        elif word in ("l", "load"):
            self.load(argument or "1")
        elif word == "saves":
            slots = self.store.slots()
            if not slots:
                self.say("No saves yet.")
            for info in slots:
                where = info.problem or " · ".join(p for p in (info.chapter, info.place, info.when) if p)
                when = f" ({info.saved_at})" if info.saved_at else ""
                self.say(f"{info.slot}: {where}{when}", "  ")
        elif word == "" or (word.isascii() and word.isdigit()):
            self.take(word)
        else:
            self.say(f"Unknown command '{word}'. {HELP}")
        return True

    def take(self, word: str) -> None:
        session = self.session
        if session.is_over:
            self.say("The story is over. Type u to undo, or q to quit.")
            return
        choices = session.choices()
        if word == "":
            continues = [c for c in choices if c.is_continue]
            if not continues:
                if self.watcher is None or not self.watcher.pending():  # else: Enter reloads
                    self.say("Choose a number.")
                return
            number = continues[0].number
        else:
            if len(word.lstrip("0")) > 6:  # no scene has a million choices (and int() has limits)
                self.say(f"There is no choice {word[:12]}….")
                return
            number = int(word)
        view = next((c for c in choices if c.number == number), None)
        if view is None:
            self.say(f"There is no choice {number}.")
            return
        if not view.available:
            self.say(f"That choice is locked: {view.locked_reason}")
            return
        outcome = session.choose(view.id)
        self.show_outcome(outcome)
        if self.autosave:
            try:
                self.store.save(AUTOSAVE, session)
            except SaveError as exc:
                self.say(f"(autosave failed) {exc}")
        self.show_scene()

    def save(self, slot: str) -> None:
        try:
            self.store.save(slot, self.session)
        except SaveError as exc:
            self.say(str(exc))
            return
        self.say(f"Saved as '{slot}'.")

    def load(self, slot: str) -> None:
        try:
            result = self.store.load(slot, self.session.story)
        except SaveError as exc:
            self.say(str(exc))
            return
        self.session = result.session
        for message in result.messages:
            self.say(message)
        self.say(f"Loaded '{slot}'.")
        self.show_scene()

    def reload(self, automatic: bool = False) -> None:
        """Loads the story again and replays the decisions; on errors, keeps the last good version."""
        why = "A story file changed: reloading." if automatic else "Reloading the story."
        self.say(f"({why})")
        if self.watcher is not None and not automatic:
            self.watcher.poll()  # this reload covers the edits seen so far: no second one
        result = reload_session(self.session)
        if result.session is None:
            for finding in result.errors:
                self.out.write(f"{finding}\n")
            for message in result.messages:
                self.say(message)
            return
        self.session = result.session
        for message in result.messages:
            self.say(message)
        self.show_scene()
