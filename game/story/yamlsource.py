"""Reads YAML safely into plain values that remember where they came from.

The document is built from the parser's event stream (libyaml's C parser when present) rather
than by a constructor, so that no tag can ever construct a Python object, aliases (the "billion
laughs" bomb) are refused before they can expand, and nesting depth is bounded without recursion.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.story import parsecache
from game.story.location import Diagnostics, SourceLocation

if TYPE_CHECKING:
    from yaml import events

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_DEPTH = 64
_ALLOWED_TAGS = {
    "!",
    *(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null", "float", "seq", "map")),
}


class YMap(dict):
    """A mapping read from YAML, with the location of itself, its keys and its values."""

    loc: SourceLocation
    key_locs: dict[Any, SourceLocation]
    value_locs: dict[Any, SourceLocation]

    def key_loc(self, key: Any) -> SourceLocation:
        return self.key_locs.get(key, self.loc)

    def value_loc(self, key: Any) -> SourceLocation:
        return self.value_locs.get(key, self.loc)


class YList(list):
    """A sequence read from YAML, with the location of itself and of each item."""

    loc: SourceLocation
    item_locs: list[SourceLocation]

    def item_loc(self, index: int) -> SourceLocation:
        return self.item_locs[index] if 0 <= index < len(self.item_locs) else self.loc


class _YamlRefused(Exception):
    def __init__(self, location: SourceLocation, message: str) -> None:
        super().__init__(message)
        self.location = location
        self.message = message


class _PyYaml:
    """PyYAML, imported on the first parse: an unchanged story is read from the parse cache, and
    importing PyYAML (about 10 ms, most of it compiling its pure-Python reader's expressions) is
    then not needed at all."""

    def __getattr__(self, name: str) -> Any:
        import yaml
        from yaml import events

        try:  # libyaml's parser: several times faster than the pure-Python one
            loader = yaml.CSafeLoader
        except AttributeError:  # pragma: no cover - depends on how PyYAML was built
            loader = yaml.SafeLoader
        self.__dict__.update(yaml=yaml, events=events, Loader=loader,
                             resolver=yaml.resolver.Resolver(),
                             constructor=yaml.constructor.SafeConstructor())
        return self.__dict__[name]


_py = _PyYaml()


MAX_NUMBER = 10**15
# Plain scalars YAML 1.1 would turn into something other than text, a number, true/false or
# nothing: dates, '=' and '<<' (merge keys need aliases, which are refused anyway). Story files have
# no use for them, so they stay the text the author wrote.
_AS_TEXT = {f"tag:yaml.org,2002:{t}" for t in ("timestamp", "value", "merge", "yaml")}


def _implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """`Resolver.resolve` for a plain scalar, without its per-call list building."""
    if implicit[0]:
        table = _py.resolver.yaml_implicit_resolvers
        for tag, regexp in (*table.get(value[:1], ()), *table.get(None, ())):
            if regexp.match(value):
                return tag
    return _STR


_STR = "tag:yaml.org,2002:str"


def _scalar_value(event: events.ScalarEvent, where: SourceLocation) -> Any:
    if event.tag not in (None, "!") or event.style:
        tag = event.tag if event.tag not in (None, "!") else _STR
    else:
        tag = _implicit_tag(event.value, event.implicit)
    if tag == "tag:yaml.org,2002:str" or tag in _AS_TEXT:
        return event.value
    constructor = _py.constructor.yaml_constructors.get(tag)
    if constructor is None:  # pragma: no cover - every resolvable tag is handled above
        raise _YamlRefused(where, f"the value '{_shorten(event.value)}' cannot be read: put it in quotes")
    node = _py.yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    too_large = _YamlRefused(where, f"the number {_shorten(event.value)} is too large for a story "
                                    f"(at most {len(str(MAX_NUMBER)) - 1} digits)")
    try:
        value = constructor(_py.constructor, node)
    except (ValueError, OverflowError, _py.yaml.YAMLError):
        if tag == "tag:yaml.org,2002:int":  # more digits than Python converts
            raise too_large from None
        raise _YamlRefused(where, f"the value '{_shorten(event.value)}' cannot be read as "
                                  f"{tag.rpartition(':')[2]}: put it in quotes to use it as text") from None
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= MAX_NUMBER:
        raise too_large
    return value


def _shorten(text: str, limit: int = 24) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def read_yaml(path: Path, shown: str, diagnostics: Diagnostics) -> Any:
    """The file's single document as YMap/YList/scalars, or None after reporting every problem."""
    here = SourceLocation(shown, 1, 1)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            diagnostics.error(here, f"the file is {size // (1024 * 1024)} MB; story files are "
                                    f"limited to {MAX_FILE_BYTES // (1024 * 1024)} MB")
            return None
        data = path.read_bytes()
    except OSError as exc:
        diagnostics.error(here, f"cannot read the file: {exc.strerror or exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(SourceLocation(shown, line, column),
                          "the file is not valid UTF-8 text (save it as UTF-8)")
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    hit, document = parsecache.load(shown, data, MAX_DEPTH, MAX_NUMBER)
    if hit:
        return document
    yaml = _py.yaml
    try:
        cut: list[SourceLocation] = []
        document = _build(text, shown, cut)
        for where in cut:
            diagnostics.warning(where, CUT_BY_COMMENT)
        if not cut:  # the cache keeps finding-free parses only
            parsecache.store(shown, data, document)
        return document
    except _YamlRefused as exc:
        diagnostics.error(exc.location, exc.message)
    except yaml.MarkedYAMLError as exc:
        line, column, message = _syntax_problem(exc, text)
        diagnostics.error(SourceLocation(shown, line, column) if line else here, message)
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        mark = getattr(exc, "position", None)
        where = here
        if isinstance(mark, int):
            line = text.count("\n", 0, mark) + 1
            where = SourceLocation(shown, line, mark - (text.rfind("\n", 0, mark) + 1) + 1)
        reason = getattr(exc, "reason", None) or "not valid YAML"
        diagnostics.error(where, f"YAML: {reason}")
    return None


CUT_BY_COMMENT = ("the rest of this line after '#' is a comment and is not shown; put the text in "
                  "quotes")
# Values shown to the player as text (every text field of docs/story.schema.json): unquoted, a ' #'
# on their line starts a comment and silently cuts them short. (Ids, numbers, conditions and links
# may well be followed by a comment.)
_PROSE_KEYS = frozenset(("text", "says", "title", "title_native", "discuss", "documentary", "figure",
                         "label", "locked", "synopsis", "content_note", "chapter", "place", "when",
                         "key", "name", "short", "role", "rise", "fall", "unit", "source"))
_PROSE_PARENTS = frozenset(("epilogue",))  # person: line
_COMMENT = re.compile(r"[ \t]#")


def _comment_lines(text: str) -> set[int]:
    """0-based numbers of the lines where a comment may follow a value (' #' or a tab and '#')."""
    found: set[int] = set()
    line, position = 0, 0
    for match in _COMMENT.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        found.add(line)
    return found


def _build(text: str, shown: str, cut: list[SourceLocation] | None = None) -> Any:
    """Builds the document from parser events iteratively, refusing tags, aliases and depth.

    Unquoted prose that a comment cuts short is added to `cut` (the place of its '#')."""
    loader = _py.Loader(text)
    comment_lines = (_comment_lines(text) if cut is not None and (" #" in text or "\t#" in text)
                     else set())
    lines: list[str] = []

    def cut_short(event: Any) -> None:
        """Notes a plain prose value followed by a comment on its last line."""
        if not stack or not event.value or not isinstance(stack[-1], YMap):
            return
        key = pending_key[-1]
        if key is _NO_KEY:
            return
        if key not in _PROSE_KEYS and not (  # the mapping's own key: its grandparent's last
                len(stack) > 1 and isinstance(stack[-2], YMap) and stack[-2]
                and next(reversed(stack[-2])) in _PROSE_PARENTS):
            return
        if not lines:
            lines.extend(text.split("\n"))
        end = event.end_mark
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        gap = len(rest) - len(rest.lstrip(" \t"))
        if rest[gap:gap + 1] == "#":
            cut.append(make(SourceLocation, (shown, end.line + 1, end.column + gap + 1)))
    events = _py.events
    stack: list[Any] = []  # containers under construction
    pending_key: list[Any] = []  # per mapping on the stack: the key waiting for its value
    root: Any = None
    documents = 0

    make = tuple.__new__  # SourceLocation(...) without the NamedTuple constructor's call overhead

    def loc(mark: Any) -> SourceLocation:
        return make(SourceLocation, (shown, mark.line + 1, mark.column + 1))

    def attach(value: Any, where: SourceLocation) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        parent = stack[-1]
        if isinstance(parent, YList):
            parent.append(value)
            parent.item_locs.append(where)
            return
        key = pending_key[-1]
        if key is _NO_KEY:
            if isinstance(value, (YMap, YList)):
                raise _YamlRefused(where, "a mapping key must be a plain value, not a list or mapping")
            if value in parent.key_locs:
                raise _YamlRefused(where, f"the key '{_shorten(str(value))}' appears twice in this mapping "
                                          f"(first at line {parent.key_locs[value].line})")
            parent.key_locs[value] = where
            pending_key[-1] = value
        else:
            parent[key] = value
            parent.value_locs[key] = where
            pending_key[-1] = _NO_KEY

    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if kind is events.ScalarEvent:
                where = loc(event.start_mark)
                tag = event.tag
                if tag is not None and tag not in _ALLOWED_TAGS:
                    raise _YamlRefused(where, f"the tag '{event.tag}' is not allowed in story files")
                style = event.style
                if style == "'" or style == '"':
                    where = where.shifted(1)
                if tag is None and not style:  # the common case: plain text, a number, true/false
                    if comment_lines and event.end_mark.line in comment_lines:
                        cut_short(event)
                    resolved = _implicit_tag(event.value, event.implicit)
                    value = event.value if resolved == _STR else _scalar_value(event, where)
                else:
                    value = _scalar_value(event, where)
                attach(value, where)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                where = loc(event.start_mark)
                if event.tag not in (None, *_ALLOWED_TAGS):
                    raise _YamlRefused(where, f"the tag '{event.tag}' is not allowed in story files")
                if len(stack) >= MAX_DEPTH:
                    raise _YamlRefused(where, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
                if kind is events.MappingStartEvent:
                    container: Any = YMap()
                    container.key_locs, container.value_locs = {}, {}
                else:
                    container = YList()
                    container.item_locs = []
                container.loc = where
                attach(container, where)
                stack.append(container)
                pending_key.append(_NO_KEY)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                stack.pop()
                pending_key.pop()
            elif kind is events.AliasEvent:
                raise _YamlRefused(loc(event.start_mark),
                                   "aliases (*name) are not allowed in story files; write the value out")
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _YamlRefused(loc(event.start_mark),
                                       "a story file holds one YAML document; remove the second '---'")
    finally:
        loader.dispose()
    return root


_NO_KEY = object()


# -- YAML syntax errors in an author's words ------------------------------------------------------
# libyaml's messages name the parser's state ("did not find expected key") and often point at the
# line after the mistake. The common ones are recognised here from the problem, its context and
# the source lines, and said in plain words at the place the author has to change.

_KEY_VALUE = re.compile(r"^(\s*(?:-\s+)*)([^\s#:'\"\[\]{},][^:#]*?):(\s+)(.*)$")
_NO_SPACE = re.compile(r"^([^\s#:'\"\[\]{},][^\s:#]*):([^\s:/].*)$")
_BLOCK_START = re.compile(r":\s*[|>][-+0-9]*\s*(#.*)?$")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _quoted_example(key_part: str, value: str) -> str:
    """`key: "value"` for a message, the value cut short and quoted with the quote it lacks."""
    value = value.rstrip()
    quote = "'" if '"' in value and "'" not in value else '"'
    shown = value if len(value) <= 32 else value[:32] + "…"
    return f"{key_part.strip()}: {quote}{shown}{quote}"


def _runaway_quote(text: str, problem_line: int) -> Any:
    """The quoted scalar that ran on past its line into the line of the error, if any."""
    last = None
    try:
        for token in _py.yaml.scan(text, Loader=_py.Loader):
            if token.start_mark.line > problem_line:
                break
            if isinstance(token, _py.yaml.ScalarToken) and token.style in ('"', "'"):
                last = token
    except _py.yaml.YAMLError:
        pass
    if last is not None and last.start_mark.line < last.end_mark.line == problem_line:
        return last
    return None


def _syntax_problem(exc: Any, text: str) -> tuple[int, int, str]:
    """(line, column, message) for a YAML syntax error: where the author has to look, and what
    to do (line 0 when the parser gave no place)."""
    problem = exc.problem or exc.context or "not valid YAML"
    context = exc.context or ""
    pm, cm = exc.problem_mark, exc.context_mark
    if "nesting depth" in problem:  # libyaml >= 0.2.6 stops deep flow nesting while scanning ahead
        mark = pm or cm
        message = f"nesting deeper than {MAX_DEPTH} levels is not allowed"
        return (mark.line + 1, mark.column + 1, message) if mark else (0, 0, message)
    if pm is None:
        return 0, 0, f"YAML syntax: {problem}"
    lines = text.split("\n")

    def line_of(index: int) -> str:
        return lines[index].rstrip("\r") if 0 <= index < len(lines) else ""

    here = line_of(pm.line)
    at = (pm.line + 1, pm.column + 1)
    # A tab anywhere in the indentation of the line (or at the place the parser stopped).
    for mark in (pm, cm):
        if mark is None:
            continue
        line = line_of(mark.line)
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in lead:
            return mark.line + 1, lead.index("\t") + 1, "a tab character: indent with spaces only"
    if "tab" in problem or here[pm.column: pm.column + 1] == "\t":
        return *at, "a tab character: indent with spaces only"

    if cm is not None and "quoted scalar" in context:
        quote = line_of(cm.line)[cm.column: cm.column + 1] or '"'
        return cm.line + 1, cm.column + 1, (
            f"the quote opened at {cm.line + 1}:{cm.column + 1} is never closed: end the text with "
            f"{quote} (to put a {quote} inside the text, quote it with the other kind of quote)")
    runaway = _runaway_quote(text, pm.line)
    if runaway is not None:
        start = runaway.start_mark
        quote = runaway.style
        return start.line + 1, start.column + 1, (
            f"the quote opened at {start.line + 1}:{start.column + 1} is never closed on its line, so "
            f"the text runs on to the next {quote} (line {runaway.end_mark.line + 1}): end the text "
            f"with {quote} (to put a {quote} inside the text, quote it with the other kind of quote)")

    if cm is not None and "flow" in context and "did not find expected" in problem:
        bracket = line_of(cm.line)[cm.column: cm.column + 1] or "["
        closing = "]" if bracket == "[" else "}"
        kind = "list" if bracket == "[" else "mapping"
        if closing in line_of(cm.line)[cm.column:]:
            return cm.line + 1, cm.column + 1, (
                f"the {kind} that starts here with '{bracket}' has a mistake before its '{closing}' "
                f"(a missing ',', or a ': ' inside an entry?); if it is text, put it in quotes")
        return cm.line + 1, cm.column + 1, (
            f"the '{bracket}' opened here is never closed, so YAML reads on for the rest of the "
            f"{kind}: end it with '{closing}' (text that starts with '{bracket}' must be put in "
            "quotes)")
    if cm is not None and ("alias" in context or "anchor" in context):
        sign = line_of(cm.line)[cm.column: cm.column + 1] or "*"
        return cm.line + 1, cm.column + 1, (
            f"text that starts with '{sign}' must be put in quotes ('{sign}' starts an "
            "alias or anchor)")
    if "block sequence entries are not allowed" in problem:
        return *at, ("a '- ' list cannot start on the line of its key: start it on the next line, "
                     "indented, or put text that starts with '- ' in quotes")
    if "cannot start any token" in problem:
        sign = here[pm.column: pm.column + 1]
        return *at, f"text that starts with '{sign}' must be put in quotes"

    if "could not find expected ':'" in problem and cm is not None and "simple key" in context:
        line = line_of(cm.line)
        rest = line[cm.column:]
        missing = _NO_SPACE.match(rest)
        if missing:
            return cm.line + 1, cm.column + 1, (
                f"a space is missing after ':': write '{missing.group(1)}: {missing.group(2).strip()}'")
        for above in range(cm.line - 1, -1, -1):  # the text block this line was meant to continue
            previous = line_of(above)
            if not previous.strip() or _indent(previous) > cm.column:
                continue
            if _BLOCK_START.search(previous):
                first = next((line_of(i) for i in range(above + 1, cm.line) if line_of(i).strip()), "")
                return cm.line + 1, cm.column + 1, (
                    f"this line is indented less than the text it continues (the block that "
                    f"starts at line {above + 1}): indent it to column {_indent(first) + 1}, like "
                    "the text's first line")
            break
        return cm.line + 1, cm.column + 1, (
            "this line is not 'key: value': add the ':' after the key, or put a space after it")

    if "mapping values are not allowed" in problem:
        before = _KEY_VALUE.match(here[: pm.column] + ": ")
        if before and before.group(4).strip():
            example = _quoted_example(before.group(1) + before.group(2), here[len(before.group(1))
                                      + len(before.group(2)) + 1 + len(before.group(3)):])
            return *at, f"a ': ' inside unquoted text: put the text in quotes, as in {example}"
        above = next((i for i in range(pm.line - 1, -1, -1)
                      if line_of(i).strip() and not line_of(i).lstrip().startswith("#")), None)
        first = _indent(here) + 1
        if above is not None and re.match(r"\s*-[^\s-]", line_of(above)):
            dash = line_of(above).index("-")
            return above + 1, dash + 1, "a list entry starts with '- ': put a space after the '-'"
        if above is not None and _indent(here) > _indent(line_of(above)):
            return pm.line + 1, first, (
                f"this line is indented more than line {above + 1} above it, so YAML reads it as "
                "more of that line's text: start the keys of one mapping in the same column "
                "(and each new list entry with '- ')")
        return *at, "a ': ' inside unquoted text: put the text in quotes"

    if "did not find expected key" in problem or "did not find expected '-' indicator" in problem:
        if re.match(r"\s*-[^\s-]", here):
            return pm.line + 1, here.index("-") + 1, ("a list entry starts with '- ': put a space "
                                                      "after the '-'")
        key_value = _KEY_VALUE.match(here)
        value = key_value.group(4) if key_value else ""
        if value[:1] in ("[", "{", '"', "'") and pm.column > len(here) - len(value):
            example = _quoted_example(key_value.group(1) + key_value.group(2), value)
            return pm.line + 1, len(here) - len(value) + 1, (
                f"text that starts with '{value[0]}' must be put in quotes as a whole, as in "
                f"{example}")
        where = ""
        if cm is not None and cm.line < pm.line:
            kind = "list" if "collection" in context or "sequence" in context else "mapping"
            where = f" (the {kind} that starts at line {cm.line + 1}, column {cm.column + 1})"
        return pm.line + 1, _indent(here) + 1, (
            f"this line does not line up with the lines above it{where}, so YAML cannot tell where "
            "it belongs: the keys of one mapping, and the '- ' of each list entry, start in the same "
            "column")

    started = ""
    if cm is not None and (cm.line, cm.column) < (pm.line, pm.column):
        started = f" (started at line {cm.line + 1}, column {cm.column + 1})"
    return *at, f"YAML syntax: {problem}{started}"
