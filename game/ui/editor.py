"""Opening a story file at a finding's line in the author's own editor ($VISUAL or $EDITOR).

`editor_command` builds the command line each editor understands (VS Code's `--goto file:line:col`,
`+LINE file` for vi, vim, nano, emacs and their kin); `open_in_editor` starts it without waiting
and answers in a sentence, never with a traceback. No pygame here: the error screens call it.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from game.ui.words import word

# `path:line:col: error: message` (or `path: error: …` for a finding about a whole file).
_FINDING = re.compile(r"^(?P<path>.+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: (?:error|warning): ")

# Editors that take `--goto file:line:col` (VS Code and its forks).
GOTO = {"code", "code-insiders", "codium", "vscodium", "cursor", "windsurf"}
# Editors that take `file:line:col` as the file to open.
COLON = {"subl", "sublime_text", "zed", "hx", "helix"}
# Editors that take `+LINE file`; those that run in a terminal need the terminal the game runs in.
PLUS_LINE = {"vi", "vim", "nvim", "gvim", "mvim", "nano", "pico", "emacs", "emacsclient", "kak", "joe", "ne"}
TERMINAL = {"vi", "vim", "nvim", "nano", "pico", "kak", "joe", "ne", "hx", "helix", "micro"}


@dataclass(frozen=True)
class Place:
    """A place in a story file to open: a path and 1-based line and column (0: not known)."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


def finding_place(finding: str) -> Place | None:
    """Where a `path:line:col: error: message` line points (None for a line that names no file)."""
    match = _FINDING.match(finding)
    if match is None:
        return None
    return Place(match["path"], int(match["line"] or 0), int(match["col"] or 0))


def editor_setting(environ: Mapping[str, str]) -> tuple[str, str] | None:
    """The editor the author chose: ($VISUAL or $EDITOR, its value), or None if neither is set."""
    for name in ("VISUAL", "EDITOR"):
        value = environ.get(name, "").strip()
        if value:
            return name, value
    return None


def _program(word: str) -> str:
    name = Path(word).name.lower()
    for suffix in (".exe", ".cmd", ".bat"):
        name = name.removesuffix(suffix)
    return name


def editor_command(editor: str, place: Place) -> list[str]:
    """The command line that opens `place` in `editor` (a program, perhaps with its own options,
    as $EDITOR holds it: "code --wait", "vim", "emacs -nw")."""
    words = shlex.split(editor, posix=os.name != "nt") or [editor]
    program, path = _program(words[0]), place.path
    line, column = max(place.line, 1), max(place.column, 1)
    if not place.line:
        return [*words, path]
    if program in GOTO:
        return [*words, "--goto", f"{path}:{line}:{column}"]
    if program in COLON:
        return [*words, f"{path}:{line}:{column}"]
    if program in PLUS_LINE:
        return [*words, f"+{line}", path]
    return [*words, path]  # an editor we do not know: the file at least, never a stray "+12"


def open_in_editor(
    place: Place,
    environ: Mapping[str, str] | None = None,
    start: Callable[[list[str]], object] | None = None,
    has_terminal: bool | None = None,
) -> str:
    """Opens `place` in the author's editor without waiting; returns what happened, in a sentence.

    `start` runs the command (default: a process of its own); tests pass their own.
    """
    environ = os.environ if environ is None else environ
    chosen = editor_setting(environ)
    if chosen is None:
        return word("editor_none", place=place)
    variable, editor = chosen
    try:
        command = editor_command(editor, place)
    except ValueError:
        return word("editor_unreadable", variable=variable, editor=editor)
    program = command[0]
    if shutil.which(program) is None:
        return word("editor_missing", program=program, variable=variable)
    terminal = _in_terminal(command)
    if has_terminal is None:
        has_terminal = sys.stdin is not None and sys.stdin.isatty()
    if terminal and not has_terminal:
        return word("editor_needs_terminal", program=program, variable=variable)
    try:
        (start or _start)(command)
    except OSError as problem:
        return word("editor_failed", program=program, reason=problem.strerror or problem)
    return word("editor_opened_terminal" if terminal else "editor_opened", place=place, program=program)


def _in_terminal(command: list[str]) -> bool:
    """Whether the editor runs in the terminal (it then needs the one the game was started from)."""
    program = _program(command[0])
    return program in TERMINAL or (
        program == "emacs" and ("-nw" in command or "--no-window-system" in command)
    )


def _start(command: list[str]) -> None:
    """Starts the editor and lets it run on its own: the game does not wait for it, and a thread
    of its own collects it when it ends (no zombie process, no warning)."""
    if _in_terminal(command):  # it needs the terminal's input and output
        process = subprocess.Popen(command)
    else:
        process = subprocess.Popen(
            command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
    threading.Thread(target=process.wait, name="editor", daemon=True).start()
