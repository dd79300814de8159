"""The command line: `python main.py [COMMAND]` and the `last-train-home` script.

Exit status: 0 success, 1 a story with errors (or a failed run), 2 a usage error.

Opening the window is the command the player waits on: it reads no story here (the window shows
its title first and reads the story behind it, game.ui.start), and a tool's module is imported only
when the command line names a tool. The commands that read a story import the story's package
where they run.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from game.options import LaunchOptions
from game.paths import shipped_dir

if TYPE_CHECKING:
    from game.engine import Session
    from game.story import Story

USAGE_ERROR = 2
DRAFT_HELP = "a story being written: a scene or ending nothing leads to yet is a warning, not an error"
DEV_HELP = "writing mode: the writing panel (F9) to set values and jump to any scene; implies --draft"
NO_PYYAML = (
    "last-train-home: reading story files needs PyYAML, which this Python does not have. "
    "Run the game with the Python of its environment (.venv/bin/python main.py …, or "
    "activate it first: source .venv/bin/activate, or .venv\\Scripts\\activate on Windows), "
    "or install it there: .venv/bin/pip install -e ."
)


def _setting(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, as in qin.hope=3, not '{text}'")
    return name.strip(), value.strip()


MAX_WINDOW = (7680, 4320)  # 8K: larger windows make SDL allocate gigabytes and draw for minutes


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected WIDTHxHEIGHT, as in 1280x720, not '{text}'") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError("the window must be at least 320x240")
    if width > MAX_WINDOW[0] or height > MAX_WINDOW[1]:
        raise argparse.ArgumentTypeError(
            f"the window can be at most {MAX_WINDOW[0]}x{MAX_WINDOW[1]} (use F11 for full screen)"
        )
    return width, height


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.add_argument("--start", metavar="SCENE", help="begin at this scene")
    parser.add_argument(
        "--set",
        dest="sets",
        action="append",
        type=_setting,
        default=[],
        metavar="NAME=VALUE",
        help="begin with this value (repeatable), "
        "e.g. --set savings=2000 --set qin.hope=3 --set qin_in_school=false",
    )
    parser.add_argument("--draft", action="store_true", help=DRAFT_HELP)


def build_parser(tools: bool = True) -> argparse.ArgumentParser:
    """The parser of every command (`tools`: with the tools' commands, which imports them)."""
    parser = argparse.ArgumentParser(
        prog="last-train-home",
        description="Last Train Home (归途列车): a branching story about a family of migrant "
        "workers and their journeys home. With no command, opens the game window.",
    )
    _common(parser)
    parser.add_argument("--classroom", action="store_true", help="start in classroom mode")
    parser.add_argument("--window", type=_size, metavar="WxH", help="window size, e.g. 1280x720")
    parser.add_argument("--dev", action="store_true", help=DEV_HELP)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    play = commands.add_parser("play", help="play the story (window, terminal or autoplay)")
    _common(play)
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument(
        "--autoplay", action="store_true", help="play random choices to an ending through the real screens"
    )
    play.add_argument("--seed", type=int, help="random seed for --autoplay")
    play.add_argument(
        "--screenshots", type=Path, metavar="DIR", help="with --autoplay: save a PNG of each scene here"
    )
    play.add_argument("--classroom", action="store_true", help="start in classroom mode")
    play.add_argument("--window", type=_size, metavar="WxH", help="window size, e.g. 1280x720")
    play.add_argument("--dev", action="store_true", help=DEV_HELP)

    check = commands.add_parser("check", help="check a story and print every error and warning")
    check.add_argument(
        "story_dir",
        nargs="?",
        type=Path,
        metavar="STORY_DIR",
        help="the story folder (default: the shipped story)",
    )
    check.add_argument("--story", type=Path, metavar="DIR", help=argparse.SUPPRESS)
    check.add_argument("--no-warnings", action="store_true", help="print errors only")
    check.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    check.add_argument("--draft", action="store_true", help=DRAFT_HELP)

    for module in _TOOLS.values() if tools else ():
        importlib.import_module(module).register(commands, _common)
    _defer_to_global(parser, commands)
    return parser


def _defer_to_global(parser: argparse.ArgumentParser, commands: Any) -> None:
    """An option given before the command (`--story DIR check`) is kept: argparse would otherwise
    overwrite it with the command's own default for the same option (None, False or [])."""
    shared = {action.dest for action in parser._actions} - {"help", "command"}
    for command in commands.choices.values():
        for action in command._actions:
            if action.dest in shared:
                action.default = argparse.SUPPRESS


# The tools add their own sub-command through `register(subparsers, add_common)`.
_TOOLS = {
    "explore": "game.tools.explore",
    "graph": "game.tools.graph",
    "report": "game.tools.report",
    "guide": "game.tools.guide",
    "stats": "game.tools.stats",
    "schema": "game.tools.schema",
    "export-web": "game.tools.webexport",
    "serve-web": "game.tools.webserve",
}


def _command_word(parser: argparse.ArgumentParser, argv: Sequence[str]) -> str | None:
    """The command `argv` names: its first word that is neither an option nor an option's value
    (None without one; "-h" when help is asked for before it)."""
    takes_value = {name for action in parser._actions if action.nargs != 0 for name in action.option_strings}
    words = iter(argv)
    for word in words:
        if word in ("-h", "--help"):
            return "-h"
        if word.startswith("-"):
            if word in takes_value:  # (`--story=DIR` holds its value)
                next(words, None)
            continue
        return word
    return None


def _needs_tools(argv: Sequence[str]) -> bool:
    """Whether the command line may name a tool (or lists them all: help, a mistyped command)."""
    return _command_word(build_parser(tools=False), argv) not in (None, "play", "check")


def run_check(args: argparse.Namespace, out: TextIO) -> int:
    from game.story import load_story_with_diagnostics
    from game.story.location import display_path
    from game.story.suggest import plural

    story_dir = args.story_dir or args.story or shipped_dir("story")
    story, findings = load_story_with_diagnostics(story_dir, draft=args.draft)
    errors = [f for f in findings if f.severity == "error"]
    warnings = [f for f in findings if f.severity == "warning"]
    for finding in findings:
        if finding.severity == "warning" and args.no_warnings:
            continue
        print(finding, file=out)
    if story is not None:
        choices = sum(len([c for c in s.choices if not c.is_continue]) for s in story.scenes.values())
        folder = display_path(Path(story_dir)).rstrip("/\\") + "/"
        prompts = sum(1 for s in story.scenes.values() if s.discuss)
        print(
            f"{story.title} ({folder}): {plural(len(story.scenes), 'scene')}, "
            f"{plural(choices, 'choice')}, {plural(len(story.endings), 'ending')}, "
            f"{plural(len(story.facts), 'fact card')}, {plural(prompts, 'discussion prompt')}, "
            f"{plural(story.words(), 'word')} in {plural(len(story.files), 'file')}.",
            file=out,
        )
    print(f"{plural(len(errors), 'error')}, {plural(len(warnings), 'warning')}.", file=out)
    if errors or (args.strict and warnings):
        return 1
    return 0


def _options(args: argparse.Namespace) -> LaunchOptions:
    return LaunchOptions(
        story_dir=args.story or shipped_dir("story"),
        start=args.start,
        sets=dict(args.sets),
        classroom=getattr(args, "classroom", False),
        autoplay=getattr(args, "autoplay", False),
        seed=getattr(args, "seed", None),
        screenshots=getattr(args, "screenshots", None),
        window_size=getattr(args, "window", None),
        draft=args.draft or getattr(args, "dev", False),
        dev=getattr(args, "dev", False),
    )


def _new_session(story: Story, options: LaunchOptions, err: TextIO) -> Session | None:
    from game.engine import ChoiceError, Session, SetError

    try:
        return Session(story, start=options.start, sets=options.sets)
    except (ChoiceError, SetError) as exc:
        print(f"last-train-home: {exc}", file=err)
        return None


def run_text(options: LaunchOptions, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    from game.engine import SaveStore, user_data_dir
    from game.launch import load_or_report, start_problem
    from game.textui import TextPlayer

    story = load_or_report(options.story_dir, err, draft=options.draft)
    if story is None:
        return 1
    problem = start_problem(story, options.start)
    if problem:
        print(f"last-train-home: {problem}", file=err)
        return USAGE_ERROR
    session = _new_session(story, options, err)
    if session is None:
        return USAGE_ERROR

    def read_line() -> str | None:
        line = stdin.readline()
        return None if line == "" else line

    player = TextPlayer(
        session, SaveStore(user_data_dir() / "saves"), read_line, out, pause_after_note=stdin.isatty()
    )
    return player.run()


def _launch_problem(options: LaunchOptions, err: TextIO) -> int | None:
    """The exit status if `--start`, `--set` or `--screenshots` cannot be used (said on `err`),
    checked before any window opens, so every front end answers a bad argument the same way (2)."""
    if options.screenshots is not None:
        folder = Path(options.screenshots)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            probe = folder / f".last-train-home-{os.getpid()}.probe"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            print(f"last-train-home: cannot save screenshots in {folder}: {exc.strerror or exc}", file=err)
            return USAGE_ERROR
    if not options.start and not options.sets:
        return None
    from game.launch import load_or_report, start_problem  # a start inside the story: read it here

    story = load_or_report(options.story_dir, err)
    if story is None:
        return None  # the window shows the story's errors itself
    problem = start_problem(story, options.start)
    if problem:
        print(f"last-train-home: {problem}", file=err)
        return USAGE_ERROR
    if _new_session(story, options, err) is None:
        return USAGE_ERROR
    return None


def run_desktop(options: LaunchOptions, err: TextIO) -> int:

    # pygame greets on stdout when imported; the game's own window is greeting enough.
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        from game.ui.start import run
    except ModuleNotFoundError as exc:
        if exc.name != "pygame":
            raise
        print(
            "last-train-home: the desktop player needs pygame-ce: "
            "pip install pygame-ce (or play in the terminal: play --text)",
            file=err,
        )
        return 1
    return run(options)


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    stdin: TextIO | None = None,
) -> int:
    # With stdout or stderr closed (`>&-`), Python has None there: write to the null device.
    out = out or sys.stdout or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    err = err or sys.stderr or open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    stdin = stdin or sys.stdin or open(os.devnull, encoding="utf-8")  # noqa: SIM115
    parser = build_parser(tools=_needs_tools(sys.argv[1:] if argv is None else argv))
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed the usage error
        return int(exc.code or 0)
    try:
        status = _dispatch(args, out, err, stdin)
        out.flush()
        return status
    except BrokenPipeError:  # the reader went away (`check | head -1`): nothing more to say
        _quiet(out)
        return 1
    except OSError as exc:  # a full device, a closed stdout
        if exc.errno is None or exc.filename is not None:
            raise
        _quiet(out)
        with contextlib.suppress(OSError):
            print(f"last-train-home: cannot write the output: {exc.strerror or exc}", file=err)
        return 1


def _quiet(out: TextIO) -> None:
    """Points `out` (when it is this process's stdout) at the null device, so that the flush at
    exit does not fail a second time with a traceback."""
    if out is not sys.__stdout__ or out is None:
        return
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, out.fileno())
        os.close(devnull)


def _dispatch(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Runs the command `args` names; returns the exit status."""
    try:
        if args.command in (None, "play") and not getattr(args, "text", False):
            options = _options(args)
            problem = _launch_problem(options, err)
            return problem if problem is not None else run_desktop(options, err)
        return _run_reading_command(args, out, err, stdin)
    except ModuleNotFoundError as exc:
        if exc.name != "yaml":
            raise
        print(NO_PYYAML, file=err)
        return 1
    except KeyboardInterrupt:
        print("", file=err)
        return 130


def _run_reading_command(args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO) -> int:
    """Runs a command that reads the story before anything else (check, play --text, the tools);
    a story that cannot be read is reported as its findings."""
    from game.story import StoryError

    try:
        if args.command == "check":
            return run_check(args, out)
        if args.command in _TOOLS:
            return args.run(args, out, err)
        return run_text(_options(args), out, err, stdin)
    except StoryError as exc:
        for finding in exc.diagnostics:
            print(finding, file=err)
        return 1


def main_entry() -> None:
    """The `last-train-home` console script."""
    sys.exit(main())
