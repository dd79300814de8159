"""A mutation fuzzer for story folders: breaks a copy of a story in many ways and runs `check` on it.

    python tools/fuzz_story.py [--story DIR] [--cases N] [--seed S] [--subprocess-every K]

Each case copies nothing twice: the story is copied once into a work folder, one or more of its
files are mutated (lines deleted, duplicated or swapped, indentation broken, ids and keys changed,
values of the wrong type, files truncated, random bytes, invalid UTF-8, YAML syntax, expressions,
and the hostile kinds of issue #18: control characters, 10,000-character words and 4,301-digit
numbers in shown text, links that are not http(s), NaN and non-ASCII digits, gotos sent round in loops),
`check` runs on it in-process (every K-th case also as a real subprocess, to see real stderr), and
the file is restored. A case fails if `check` raises, prints a Python traceback, takes longer than a
few seconds, or prints a line that is neither a located finding nor a summary. When the mutated
story still loads, a short random playthrough (choose, undo, render) runs on it as well.

Findings are printed with the case number and seed so that any case can be replayed alone with
`--only CASE --keep DIR`.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script from anywhere
    sys.path.insert(0, str(ROOT))
# Every case is a file no one will load again: parse it each time, and keep the player's parse
# cache free of thousands of mutants (subprocesses inherit this).
os.environ.setdefault("LAST_TRAIN_HOME_CACHE", "off")

from game import cli  # noqa: E402
from game.engine import ChoiceError, Session  # noqa: E402
from game.story import load_story_with_diagnostics  # noqa: E402

# A finding names a file, a line and a column. The path-only form is kept for findings about
# something that does not exist as a file (a missing folder or manifest); a finding about a file
# that exists always carries line:col (whole-file problems point at 1:1).
FINDING = re.compile(r"^(?P<path>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (error|warning): \S")
PATH_ONLY = re.compile(r"^(?P<path>[^:\n]+): (error|warning): \S")
COUNTS = re.compile(r"^\d+ errors?, \d+ warnings?\.$")
SUMMARY = re.compile(r" \d+ scenes?, [\d,]+ choices?, .* in \d+ files?\.$")
CASE_SECONDS = 5.0  # "finishes within a few seconds"
SUBPROCESS_SECONDS = 15.0  # includes starting Python

Mutator = Callable[[random.Random, bytes, "Context"], bytes]


@dataclass
class Context:
    """What mutations may borrow from: every identifier and key in the story."""

    identifiers: list[str]
    keys: list[str]


@dataclass
class Problem:
    case: int
    kind: str
    file: str
    detail: str

    def __str__(self) -> str:
        return f"case {self.case} [{self.kind} in {self.file}]: {self.detail}"


@dataclass
class Report:
    cases: int = 0
    kinds: Counter = field(default_factory=Counter)
    loaded: int = 0  # mutated stories that still loaded (and were played)
    findings: int = 0  # findings printed in total
    subprocess_runs: int = 0
    slowest: float = 0.0
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)


# ----------------------------------------------------------------------------- mutations

_WORD = re.compile(rb"[a-z][a-z0-9_]{2,}")
_KEY_LINE = re.compile(rb"^(\s*(?:- )?)([A-Za-z_][\w]*)(:)", re.M)
_VALUE_LINE = re.compile(rb"^(\s*(?:- )?[A-Za-z_][\w]*: )(.+)$", re.M)
_ITEM_LINE = re.compile(rb"^(\s*- )(.+)$", re.M)
_EXPR_LINE = re.compile(rb"^(\s*(?:- )?(?:if|effects): )(.+)$", re.M)

WRONG_VALUES = [
    b"[1, 2, 3]",
    b"{a: 1}",
    b"123",
    b"-5",
    b"1.5",
    b"true",
    b"false",
    b"null",
    b"~",
    b'""',
    b"''",
    b"[]",
    b"{}",
    b"0x1F",
    b"1e999",
    b".nan",
    b"2008-01-25",
    b"=",
    b"<<",
    b"12:30:00",
    b'"text with {savings} and {nobody}"',
    b"{{",
    b"}",
    b"99999999999999999999999",
    b"!!str 5",
    b"!!python/object/apply:os.system ['touch /tmp/pwned']",
    b"&anchor value",
    b"*anchor",
    b"|\n  block text",
    b">-",
    b"- item",
    b"? complex",
    b"'unterminated",
    b'"unterminated',
    b"\xe2\x80\xae reversed",
    b"\t\ttabs",
    b"`backtick`",
    b"@at",
    b"%percent",
]
WRONG_IDS = [
    "",
    "X",
    "Upper",
    "with space",
    "123",
    "-dash",
    "qín",
    "../../etc/passwd",
    "/etc/passwd",
    "a.b",
    "__import__",
    "__class__",
    "true",
    "and",
    "not",
    "story",
    "x" * 300,
    "{savings}",
]
YAML_SNIPPETS = [
    b"{",
    b"}",
    b"[",
    b"]",
    b"&a ",
    b"*a",
    b"!!python/object:os.system ",
    b"!local ",
    b"---\n",
    b"...\n",
    b"? ",
    b"| ",
    b"> ",
    b"%YAML 1.1\n",
    b"@",
    b"`",
    b": ",
    b"- ",
    b"#",
    b'"',
    b"'",
    b"\t",
    b"\x00",
    b"\x07",
    b"\r",
    b"\r\n",
    b"\xc2\x85",
    b"\xe2\x80\xa8",
    b"\xef\xbb\xbf",
    b",",
    b"<<: {a: 1}\n",
    b"=",
    b"\\",
    b"{{",
    b"}}",
    b"{qin.hope}",
    b"{nobody}",
]
INVALID_UTF8 = [
    b"\xff",
    b"\xfe",
    b"\xc3",
    b"\xe2\x82",
    b"\xed\xa0\x80",
    b"\xf8\x88\x80\x80\x80",
    b"\x80",
    b"\xc0\xaf",
    b"\xf4\x90\x80\x80",
]
EXPR_CHARS = "()+-<>=!&|.,0123456789 _abcdefghijklmnopqrstuvwxyz"
EXPR_SNIPPETS = [
    " and ",
    " or ",
    " not ",
    "==",
    "!=",
    "<=",
    ">=",
    "+=",
    "-=",
    "=",
    "(",
    ")",
    "((",
    "))",
    "__import__('os')",
    "a.__class__",
    "2**99999",
    "9" * 30,
    "visited(",
    "chose(x.y)",
    "family(nothing)",
    "min()",
    "max(1,",
    ".",
    "..",
    "qin.",
    ".hope",
    "true",
    "false",
    "'s'",
]


def _lines(data: bytes) -> list[bytes]:
    return data.splitlines(keepends=True) or [b""]


def _pick_line(rng: random.Random, lines: list[bytes]) -> int:
    return rng.randrange(len(lines))


def delete_lines(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    lines = _lines(data)
    start = _pick_line(rng, lines)
    del lines[start : start + rng.choice((1, 1, 1, 2, 3, 8))]
    return b"".join(lines)


def duplicate_lines(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    lines = _lines(data)
    start = _pick_line(rng, lines)
    block = lines[start : start + rng.choice((1, 1, 2, 5, 12))]
    if block and not block[-1].endswith(b"\n"):
        block = [*block[:-1], block[-1] + b"\n"]
    lines[start:start] = block
    return b"".join(lines)


def swap_lines(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    lines = _lines(data)
    a = _pick_line(rng, lines)
    b = min(len(lines) - 1, a + 1) if rng.random() < 0.5 else _pick_line(rng, lines)
    lines[a], lines[b] = lines[b], lines[a]
    return b"".join(lines)


def break_indentation(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    lines = _lines(data)
    index = _pick_line(rng, lines)
    line = lines[index]
    body = line.lstrip(b" \t")
    indent = len(line) - len(body)
    how = rng.choice(("more", "less", "tab", "zero", "block"))
    if how == "more":
        indent += rng.randint(1, 4)
    elif how == "less":
        indent = max(0, indent - rng.randint(1, 4))
    elif how == "zero":
        indent = 0
    if how == "tab":
        lines[index] = b"\t" + body
    elif how == "block":  # shift a run of lines
        shift = rng.choice((-2, -1, 1, 2))
        for j in range(index, min(len(lines), index + rng.randint(2, 10))):
            stripped = lines[j].lstrip(b" ")
            width = max(0, len(lines[j]) - len(stripped) + shift)
            lines[j] = b" " * width + stripped
    else:
        lines[index] = b" " * indent + body
    return b"".join(lines)


def change_identifier(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    matches = list(_WORD.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    word = match.group().decode()
    how = rng.random()
    if how < 0.3 and len(word) > 1:  # a typo
        i = rng.randrange(len(word))
        new = word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + rng.choice("aeiouxz") + word[i:]
    elif how < 0.6 and ctx.identifiers:  # another name from the story
        new = rng.choice(ctx.identifiers)
    else:
        new = rng.choice(WRONG_IDS)
    return data[: match.start()] + new.encode() + data[match.end() :]


def change_key(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    matches = list(_KEY_LINE.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    key = match.group(2).decode()
    options = [*ctx.keys, key.upper(), key[:-1] or "x", key + "s", "<<", "?", "1990", "true", "null"]
    new = rng.choice(options).encode()
    return data[: match.start(2)] + new + data[match.end(2) :]


def wrong_type(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    matches = list(_VALUE_LINE.finditer(data)) + list(_ITEM_LINE.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    return data[: match.start(2)] + rng.choice(WRONG_VALUES) + data[match.end(2) :]


def truncate(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    return data[: rng.randrange(len(data) + 1)]


def random_bytes(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    at = rng.randrange(len(data) + 1)
    noise = bytes(rng.randrange(256) for _ in range(rng.randint(1, 16)))
    if rng.random() < 0.3:  # overwrite rather than insert
        return data[:at] + noise + data[at + len(noise) :]
    return data[:at] + noise + data[at:]


def invalid_utf8(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(INVALID_UTF8) + data[at:]


def yaml_syntax(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    at = rng.randrange(len(data) + 1)
    return data[:at] + rng.choice(YAML_SNIPPETS) + data[at:]


def break_expression(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    matches = list(_EXPR_LINE.finditer(data))
    if not matches:
        return yaml_syntax(rng, data, ctx)
    match = rng.choice(matches)
    text = match.group(2).decode("utf-8", "replace")
    at = rng.randrange(len(text) + 1)
    if rng.random() < 0.5:
        insert = rng.choice(EXPR_SNIPPETS)
    else:
        insert = "".join(rng.choice(EXPR_CHARS) for _ in range(rng.randint(1, 6)))
    cut = rng.choice((0, 0, 1, 3))
    text = text[:at] + insert + text[at + cut :]
    return data[: match.start(2)] + text.encode() + data[match.end(2) :]


def replace_file(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    return rng.choice(
        [
            b"",
            b"\n",
            b"# only a comment\n",
            b"~\n",
            b"[]\n",
            b"{}\n",
            b"just text\n",
            b"scenes:\n",
            b"scenes: []\n",
            b"scenes: {}\n",
            b"\xef\xbb\xbf",
            b"---\n---\n",
            b"- a\n- b\n",
            b"42\n",
            data + data,
        ]
    )


# The kinds of hostile input issue #18 found: text a renderer or a terminal must never pass on,
# numbers past Python's int-conversion limit, links that would run script, ways round the story
# that never reach an end. Each must be refused or shown safely, never crash or hang `check`.
_SHOWN_LINE = re.compile(rb"^(\s*(?:- )?(?:text|says|place|when|chapter|title|locked|label): )(.+)$", re.M)
_URL_LINE = re.compile(rb"^(\s*url: )(.+)$", re.M)
_GOTO_LINE = re.compile(rb"^(\s*(?:goto|next): )(\S+)\s*$", re.M)
HOSTILE_TEXT = [
    b'"a NUL \\0 here"',
    b'"an escape \\e[31m red"',
    b'"a bell \\a"',
    b"raw \x00 nul",
    b"raw \x1b[2J clear screen",
    b"raw \x07 bell and \x08 backspace",
    b"x" * 10_000,
    b"9" * 4_301,
    b"\xd9\xa3 Arabic-Indic three",
    b"&anchor unaliased",
    b"\xe2\x80\xae right-to-left override",
]
HOSTILE_URLS = [
    b"javascript:alert(1)",
    b"JavaScript:alert(1)",
    b"data:text/html,<script>alert(1)</script>",
    b'"https://example.org/\\"><script>alert(1)</script>"',
    b"vbscript:msgbox(1)",
    b"file:///etc/passwd",
    b"//example.org/no-scheme",
    b'"https://example.org/ space"',
]
HOSTILE_NUMBERS = [b"9" * 4_301, b"-" + b"9" * 5_000, b".nan", b".inf", b"-.inf", b"\xd9\xa3", b"\xc2\xb2"]


def hostile_text(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    """Control characters, a 10,000-character word, a 4,301-digit number in text that is shown."""
    matches = list(_SHOWN_LINE.finditer(data))
    if not matches:
        return data + b"\n" + rng.choice(HOSTILE_TEXT) + b"\n"
    match = rng.choice(matches)
    return data[: match.start(2)] + rng.choice(HOSTILE_TEXT) + data[match.end(2) :]


def hostile_link(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    """A fact's link that is not http(s), or that tries to break out of the link it becomes."""
    matches = list(_URL_LINE.finditer(data))
    if not matches:
        return wrong_type(rng, data, ctx)
    match = rng.choice(matches)
    return data[: match.start(2)] + rng.choice(HOSTILE_URLS) + data[match.end(2) :]


def hostile_number(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    """Numbers past the int-conversion limit, NaN, infinities and digits that are not ASCII."""
    matches = list(_EXPR_LINE.finditer(data)) + list(_VALUE_LINE.finditer(data))
    if not matches:
        return data
    match = rng.choice(matches)
    digits = list(re.finditer(rb"\d+", match.group(2)))
    number = rng.choice(HOSTILE_NUMBERS)
    if not digits:
        return data[: match.start(2)] + number + data[match.end(2) :]
    old = rng.choice(digits)
    start = match.start(2) + old.start()
    return data[:start] + number + data[match.start(2) + old.end() :]


def loop_back(rng: random.Random, data: bytes, ctx: Context) -> bytes:
    """A `goto` or `next` sent back to a scene of the story, often making a way round with no end."""
    matches = list(_GOTO_LINE.finditer(data))
    if not matches or not ctx.identifiers:
        return data
    match = rng.choice(matches)
    target = (
        rng.choice([m.group(2) for m in matches])
        if rng.random() < 0.7
        else rng.choice(ctx.identifiers).encode()
    )
    return data[: match.start(2)] + target + data[match.end(2) :]


MUTATORS: dict[str, Mutator] = {
    "delete-lines": delete_lines,
    "duplicate-lines": duplicate_lines,
    "swap-lines": swap_lines,
    "break-indentation": break_indentation,
    "change-id": change_identifier,
    "change-key": change_key,
    "wrong-type": wrong_type,
    "truncate": truncate,
    "random-bytes": random_bytes,
    "invalid-utf8": invalid_utf8,
    "yaml-syntax": yaml_syntax,
    "break-expression": break_expression,
    "replace-file": replace_file,
    "hostile-text": hostile_text,
    "hostile-link": hostile_link,
    "hostile-number": hostile_number,
    "loop-back": loop_back,
}


# ----------------------------------------------------------------------------- one case


class _Timeout(Exception):
    pass


def _on_alarm(signum: int, frame: object) -> None:
    raise _Timeout


def check_output(text: str) -> list[str]:
    """What is wrong with `check`'s printed output: lines that are neither findings nor summaries."""
    wrong = []
    for line in text.splitlines():
        if not line.strip():
            continue
        if "Traceback (most recent call last)" in line:
            wrong.append("a Python traceback was printed")
            continue
        match = FINDING.match(line)
        if match:
            if int(match["line"]) < 1 or int(match["col"]) < 1:
                wrong.append(f"a finding at line/column 0: {line[:160]!r}")
            continue
        match = PATH_ONLY.match(line)
        if match:
            if Path(match["path"]).is_file():
                wrong.append(f"a finding about an existing file without line:col: {line[:160]!r}")
            continue
        if COUNTS.match(line) or SUMMARY.search(line):
            continue
        wrong.append(f"an output line that is not a located finding: {line[:160]!r}")
    return wrong


def _play(story_dir: Path, rng: random.Random) -> str | None:
    """Plays a loaded mutated story a little; returns a traceback if anything but ChoiceError raised."""
    try:
        story, _ = load_story_with_diagnostics(story_dir)
        if story is None:
            return None
        session = Session(story)
        for _ in range(60):
            session.paragraphs()
            session.people()
            if session.is_over:
                session.ending  # noqa: B018 - rendering the ending is the point
                if not session.undo():
                    break
                continue
            available = [c for c in session.choices() if c.available]
            if not available or rng.random() < 0.1:
                if not session.undo():
                    break
                continue
            try:
                session.choose(rng.choice(available).id)
            except ChoiceError:
                pass
        return None
    except Exception:  # the point is to report anything unexpected
        return traceback.format_exc(limit=-4)


def run_check(story_dir: Path) -> tuple[int | None, str, str, float, str | None]:
    """`check` in-process: (exit status, stdout, stderr, seconds, traceback if it raised)."""
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    raised = None
    status = None
    old = signal.signal(signal.SIGALRM, _on_alarm) if hasattr(signal, "SIGALRM") else None
    if old is not None:
        signal.setitimer(signal.ITIMER_REAL, CASE_SECONDS * 4)
    try:
        status = cli.main(["check", str(story_dir)], out=out, err=err)
    except _Timeout:
        raised = f"check did not finish within {CASE_SECONDS * 4:.0f} s"
    except BaseException:  # noqa: B036 - SystemExit and friends count as failures too
        raised = traceback.format_exc(limit=-6)
    finally:
        if old is not None:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return status, out.getvalue(), err.getvalue(), time.perf_counter() - started, raised


def run_check_subprocess(story_dir: Path) -> tuple[int | None, str, str, float]:
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "check", str(story_dir)],
            capture_output=True,
            text=True,
            timeout=SUBPROCESS_SECONDS,
            cwd=ROOT,
            env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        )
    except subprocess.TimeoutExpired:
        return None, "", "timed out", time.perf_counter() - started
    return done.returncode, done.stdout, done.stderr, time.perf_counter() - started


def story_context(story_dir: Path) -> Context:
    words: set[str] = set()
    keys: set[str] = set()
    for path in story_dir.rglob("*.y*ml"):
        data = path.read_bytes()
        words.update(m.group().decode() for m in _WORD.finditer(data))
        keys.update(m.group(2).decode() for m in _KEY_LINE.finditer(data))
    return Context(sorted(words), sorted(keys))


def mutate(rng: random.Random, files: list[Path], ctx: Context) -> tuple[str, list[Path]]:
    """Applies one to three mutations to random files; returns the kind(s) and the files touched."""
    count = rng.choice((1, 1, 1, 1, 2, 3))
    kinds, touched = [], []
    for _ in range(count):
        kind = rng.choice(list(MUTATORS))
        path = rng.choice(files)
        path.write_bytes(MUTATORS[kind](rng, path.read_bytes(), ctx))
        kinds.append(kind)
        touched.append(path)
    return "+".join(kinds), touched


def fuzz(
    story_dir: Path,
    cases: int,
    seed: int,
    subprocess_every: int = 0,
    only: int | None = None,
    keep: Path | None = None,
    log: Callable[[str], None] | None = None,
) -> Report:
    """Runs `cases` mutated copies of the story through `check`; returns what was found."""
    story_dir = Path(story_dir)
    report = Report()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz-story-") as tmp:
        work = Path(tmp) / "story"
        shutil.copytree(story_dir, work, symlinks=True)
        files = sorted(p for p in work.rglob("*") if p.is_file() and p.suffix in (".yaml", ".yml"))
        originals = {p: p.read_bytes() for p in files}
        ctx = story_context(work)
        numbers = [only] if only is not None else range(cases)
        for case in numbers:
            rng = random.Random(seed * 1_000_003 + case)
            kind, touched = mutate(rng, files, ctx)
            shown = ",".join(sorted({p.name for p in touched}))
            for name in kind.split("+"):
                report.kinds[name] += 1
            report.cases += 1

            def problem(detail: str, case: int = case, kind: str = kind, shown: str = shown) -> None:
                report.problems.append(Problem(case, kind, shown, detail))
                if log:
                    log(str(report.problems[-1]))

            status, out, err, seconds, raised = run_check(work)
            report.slowest = max(report.slowest, seconds)
            if raised:
                problem(f"check raised:\n{raised}")
            if seconds > CASE_SECONDS:
                problem(f"check took {seconds:.1f} s")
            if status not in (0, 1):
                problem(f"check exited with {status}")
            for wrong in check_output(out) + check_output(err):
                problem(wrong)
            report.findings += sum(1 for line in out.splitlines() if FINDING.match(line))
            if subprocess_every and case % subprocess_every == 0:
                report.subprocess_runs += 1
                sub_status, sub_out, sub_err, sub_seconds = run_check_subprocess(work)
                if sub_status not in (0, 1):
                    problem(f"`main.py check` exited with {sub_status}: {sub_err[-2000:]}")
                if "Traceback" in sub_err or sub_err.strip():
                    problem(f"`main.py check` wrote to stderr: {sub_err[-2000:]}")
                for wrong in check_output(sub_out):
                    problem(f"subprocess: {wrong}")
            if status == 0:
                report.loaded += 1
                crash = _play(work, rng)
                if crash:
                    problem(f"playing the story that loaded raised:\n{crash}")
            if keep is not None and (only is not None or any(p.case == case for p in report.problems)):
                target = keep / f"case-{case}"
                shutil.rmtree(target, ignore_errors=True)
                shutil.copytree(work, target, symlinks=True)
            for path, data in originals.items():
                path.write_bytes(data)
    report.seconds = time.perf_counter() - started
    return report


def default_story() -> Path:
    """The shipped story if it loads, else the documentation's example."""
    shipped = ROOT / "story"
    story, _ = load_story_with_diagnostics(shipped)
    return shipped if story is not None else ROOT / "docs" / "example"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--story", type=Path, help="story folder (default: story/ if it loads, else docs/example)"
    )
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--subprocess-every",
        type=int,
        default=100,
        metavar="K",
        help="also run every K-th case as `python main.py check` (0: never)",
    )
    parser.add_argument("--only", type=int, metavar="CASE", help="replay one case")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="copy failing cases here")
    args = parser.parse_args(argv)
    story_dir = args.story or default_story()
    print(f"fuzzing {story_dir} — {args.cases if args.only is None else 1} cases, seed {args.seed}")
    report = fuzz(
        story_dir,
        args.cases,
        args.seed,
        args.subprocess_every,
        args.only,
        args.keep,
        log=lambda line: print(line, flush=True),
    )
    print(
        f"\n{report.cases} cases in {report.seconds:.1f} s "
        f"({report.cases / max(report.seconds, 1e-9):.0f}/s), "
        f"slowest check {report.slowest * 1000:.0f} ms; "
        f"{report.subprocess_runs} via subprocess; {report.loaded} mutated stories still loaded "
        f"and were played; {report.findings} located findings printed."
    )
    print("mutations tried: " + ", ".join(f"{k} {n}" for k, n in sorted(report.kinds.items())))
    distinct = Counter(p.detail.splitlines()[-1][:120] for p in report.problems)
    print(f"problems: {len(report.problems)} ({len(distinct)} distinct)")
    for detail, count in distinct.most_common():
        print(f"  {count:5d} × {detail}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
