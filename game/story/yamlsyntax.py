"""libyaml's syntax errors, said in an author's words: where to look and what to do.

libyaml reports a problem ("mapping values are not allowed here"), a context ("while scanning a
quoted scalar") and their marks; its words name the parser's state and often point at the line
after the mistake. Each matcher below recognises one kind of mistake from those and
the file's lines, and returns (line, column, message), or None to let the next one try. They are
tried in the order of `MATCHERS`: the first that recognises the mistake speaks.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Place = tuple[int, int, str]  # 1-based line, column, message

_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:'\"\[\]{},][^:#]*?):(\s+)(.*)$")
_NO_SPACE = re.compile(r"^([^\s#:'\"\[\]{},][^\s:#]*):([^\s:/].*)$")
_BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")
_DASH_WITHOUT_SPACE = re.compile(r"\s*-[^\s-]")


@dataclass(frozen=True)
class Mistake:
    """What libyaml said about one file: its problem and context, their marks, and the text."""

    problem: str
    context: str
    problem_mark: Any  # a yaml Mark: 0-based .line and .column
    context_mark: Any | None
    text: str

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    def line(self, index: int) -> str:
        """Line `index` (0-based) without its line end; empty outside the file."""
        lines = self.lines
        return lines[index].rstrip("\r") if 0 <= index < len(lines) else ""

    @property
    def here(self) -> str:
        """The line the parser stopped on."""
        return self.line(self.problem_mark.line)

    def at_problem(self, message: str) -> Place:
        return self.problem_mark.line + 1, self.problem_mark.column + 1, message

    def at_context(self, message: str) -> Place:
        assert self.context_mark is not None
        return self.context_mark.line + 1, self.context_mark.column + 1, message


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted_example(key_part: str, value: str) -> str:
    """`key: "value"` for a message, the value cut short and quoted with the quote it lacks."""
    value = value.rstrip()
    quote = "'" if '"' in value and "'" not in value else '"'
    shown = value if len(value) <= 32 else value[:32] + "…"
    return f"{key_part.strip()}: {quote}{shown}{quote}"


def tab(mistake: Mistake) -> Place | None:
    """A tab anywhere in the indentation of the line (or at the place the parser stopped)."""
    for mark in (mistake.problem_mark, mistake.context_mark):
        if mark is None:
            continue
        line = mistake.line(mark.line)
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            return mark.line + 1, lead.index("\t") + 1, "a tab character: indent with spaces only"
    column = mistake.problem_mark.column
    if "tab" in mistake.problem or mistake.here[column : column + 1] == "\t":
        return mistake.at_problem("a tab character: indent with spaces only")
    return None


def unclosed_quote(mistake: Mistake) -> Place | None:
    """A quoted text that the file ends inside."""
    cm = mistake.context_mark
    if cm is None or "quoted scalar" not in mistake.context:
        return None
    quote = mistake.line(cm.line)[cm.column : cm.column + 1] or '"'
    return mistake.at_context(
        f"the quote opened at {cm.line + 1}:{cm.column + 1} is never closed: end the text with "
        f"{quote} (to put a {quote} inside the text, quote it with the other kind of quote)"
    )


def runaway_quote(mistake: Mistake) -> Place | None:
    """A quoted text that ran on past its line and ended in the middle of a later one."""
    import yaml  # already imported by the reader that met the mistake

    last = None
    problem_line = mistake.problem_mark.line
    try:
        for token in yaml.scan(mistake.text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            if token.start_mark.line > problem_line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except yaml.YAMLError:
        pass
    if last is None or not last.start_mark.line < last.end_mark.line == problem_line:
        return None
    start, quote = last.start_mark, last.style
    return (
        start.line + 1,
        start.column + 1,
        (
            f"the quote opened at {start.line + 1}:{start.column + 1} is never closed on its line, so "
            f"the text runs on to the next {quote} (line {last.end_mark.line + 1}): end the text "
            f"with {quote} (to put a {quote} inside the text, quote it with the other kind of quote)"
        ),
    )


def unclosed_bracket(mistake: Mistake) -> Place | None:
    """A [list] or {mapping} written inline with a mistake inside, or never closed."""
    cm = mistake.context_mark
    if cm is None or "flow" not in mistake.context or "did not find expected" not in mistake.problem:
        return None
    line = mistake.line(cm.line)
    bracket = line[cm.column : cm.column + 1] or "["
    closing = "]" if bracket == "[" else "}"
    kind = "list" if bracket == "[" else "mapping"
    if closing in line[cm.column :]:
        return mistake.at_context(
            f"the {kind} that starts here with '{bracket}' has a mistake before its '{closing}' "
            f"(a missing ',', or a ': ' inside an entry?); if it is text, put it in quotes"
        )
    return mistake.at_context(
        f"the '{bracket}' opened here is never closed, so YAML reads on for the rest of the "
        f"{kind}: end it with '{closing}' (text that starts with '{bracket}' must be put in quotes)"
    )


def alias_sign(mistake: Mistake) -> Place | None:
    """Text that starts with '*' or '&', which YAML reads as an alias or an anchor."""
    cm = mistake.context_mark
    if cm is None or ("alias" not in mistake.context and "anchor" not in mistake.context):
        return None
    sign = mistake.line(cm.line)[cm.column : cm.column + 1] or "*"
    return mistake.at_context(
        f"text that starts with '{sign}' must be put in quotes ('{sign}' starts an alias or anchor)"
    )


def list_on_key_line(mistake: Mistake) -> Place | None:
    """`key: - item`: a list begun on the line of its key."""
    if "block sequence entries are not allowed" not in mistake.problem:
        return None
    return mistake.at_problem(
        "a '- ' list cannot start on the line of its key: start it on the "
        "next line, indented, or put text that starts with '- ' in quotes"
    )


def reserved_sign(mistake: Mistake) -> Place | None:
    """Text that starts with a sign YAML keeps for itself, such as '@' or '`'."""
    if "cannot start any token" not in mistake.problem:
        return None
    column = mistake.problem_mark.column
    return mistake.at_problem(
        f"text that starts with '{mistake.here[column : column + 1]}' must be put in quotes"
    )


def missing_colon(mistake: Mistake) -> Place | None:
    """A line that is not `key: value`: no ':' after the key, no space after it, or a line of a
    text block indented less than the block."""
    cm = mistake.context_mark
    if (
        cm is None
        or "could not find expected ':'" not in mistake.problem
        or "simple key" not in mistake.context
    ):
        return None
    missing = _NO_SPACE.match(mistake.line(cm.line)[cm.column :])
    if missing:
        return mistake.at_context(
            f"a space is missing after ':': write '{missing.group(1)}: {missing.group(2).strip()}'"
        )
    for above in range(cm.line - 1, -1, -1):  # the text block this line was meant to continue
        previous = mistake.line(above)
        if not previous.strip() or _indent(previous) > cm.column:
            continue
        if _BLOCK_START.search(previous):
            first = next((mistake.line(i) for i in range(above + 1, cm.line) if mistake.line(i).strip()), "")
            return mistake.at_context(
                f"this line is indented less than the text it continues (the block that starts "
                f"at line {above + 1}): indent it to column {_indent(first) + 1}, like the text's "
                "first line"
            )
        break
    return mistake.at_context(
        "this line is not 'key: value': add the ':' after the key, or put a space after it"
    )


def colon_in_text(mistake: Mistake) -> Place | None:
    """`mapping values are not allowed`: a ': ' inside unquoted text, a '-' without its space on
    the line above, or a line indented more than the one above it."""
    if "mapping values are not allowed" not in mistake.problem:
        return None
    pm, here = mistake.problem_mark, mistake.here
    before = _KEY_VALUE.match(here[: pm.column] + ": ")
    if before and before.group(4).strip():
        start = len(before.group(1)) + len(before.group(2)) + 1 + len(before.group(3))
        example = _quoted_example(before.group(1) + before.group(2), here[start:])
        return mistake.at_problem(f"a ': ' inside unquoted text: put the text in quotes, as in {example}")
    above = next(
        (
            i
            for i in range(pm.line - 1, -1, -1)
            if mistake.line(i).strip() and not mistake.line(i).lstrip().startswith("#")
        ),
        None,
    )
    if above is not None and _DASH_WITHOUT_SPACE.match(mistake.line(above)):
        dash = mistake.line(above).index("-")
        return above + 1, dash + 1, "a list entry starts with '- ': put a space after the '-'"
    if above is not None and _indent(here) > _indent(mistake.line(above)):
        return (
            pm.line + 1,
            _indent(here) + 1,
            (
                f"this line is indented more than line {above + 1} above it, so YAML reads it as more "
                "of that line's text: start the keys of one mapping in the same column (and each new "
                "list entry with '- ')"
            ),
        )
    return mistake.at_problem("a ': ' inside unquoted text: put the text in quotes")


def misaligned(mistake: Mistake) -> Place | None:
    """A line that does not line up with the mapping or list it belongs to."""
    problem = mistake.problem
    if "did not find expected key" not in problem and "did not find expected '-' indicator" not in problem:
        return None
    pm, cm, here = mistake.problem_mark, mistake.context_mark, mistake.here
    if _DASH_WITHOUT_SPACE.match(here):
        return pm.line + 1, here.index("-") + 1, "a list entry starts with '- ': put a space after the '-'"
    key_value = _KEY_VALUE.match(here)
    if key_value:
        value = key_value.group(4)
        if value[:1] in ("[", "{", '"', "'") and pm.column > len(here) - len(value):
            example = _quoted_example(key_value.group(1) + key_value.group(2), value)
            return (
                pm.line + 1,
                len(here) - len(value) + 1,
                (f"text that starts with '{value[0]}' must be put in quotes as a whole, as in {example}"),
            )
    where = ""
    if cm is not None and cm.line < pm.line:
        kind = "list" if "collection" in mistake.context or "sequence" in mistake.context else "mapping"
        where = f" (the {kind} that starts at line {cm.line + 1}, column {cm.column + 1})"
    return (
        pm.line + 1,
        _indent(here) + 1,
        (
            f"this line does not line up with the lines above it{where}, so YAML cannot tell where it "
            "belongs: the keys of one mapping, and the '- ' of each list entry, start in the same column"
        ),
    )


MATCHERS: tuple[Callable[[Mistake], Place | None], ...] = (
    tab,
    unclosed_quote,
    runaway_quote,
    unclosed_bracket,
    alias_sign,
    list_on_key_line,
    reserved_sign,
    missing_colon,
    colon_in_text,
    misaligned,
)


def syntax_problem(exc: Any, text: str, max_depth: int) -> Place:
    """(line, column, message) for a YAML syntax error (line 0 when the parser gave no place);
    `max_depth` is the reader's nesting limit, named when libyaml stops at its own."""
    problem = exc.problem or exc.context or "not valid YAML"
    context = exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    if "nesting depth" in problem:  # libyaml >= 0.2.6 stops deep flow nesting while scanning ahead
        mark = pm or cm
        message = f"nesting deeper than {max_depth} levels is not allowed"
        return (mark.line + 1, mark.column + 1, message) if mark else (0, 0, message)
    if pm is None:
        return 0, 0, f"YAML syntax: {problem}"
    mistake = Mistake(problem, context, pm, cm, text)
    for matcher in MATCHERS:
        found = matcher(mistake)
        if found is not None:
            return found
    started = ""
    if cm is not None and (cm.line, cm.column) < (pm.line, pm.column):
        started = f" (started at line {cm.line + 1}, column {cm.column + 1})"
    return mistake.at_problem(f"YAML syntax: {problem}{started}")
