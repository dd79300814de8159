"""Reads YAML safely into plain values that remember where they came from.

The document is built from the parser's event stream (libyaml's C parser when present) rather
than by a constructor, so that no tag can ever construct a Python object, aliases (the "billion
laughs" bomb) are refused before they can expand, and nesting depth is bounded without recursion.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.safeio import UnreadableFile, read_regular
from game.story import parsecache
from game.story.located import YList, YMap
from game.story.location import Diagnostics, SourceLocation

if TYPE_CHECKING:
    from yaml import events

MAX_FILE_BYTES = 8 * 1024 * 1024
# Control characters a font cannot draw and a terminal would obey (U+0000, ESC, ...). The YAML
# reader refuses them written as they are; a double-quoted string's escapes ("\0", "\e", "\x1b")
# are the only way in, and are refused where they are read. Tabs and line breaks are fine.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
MAX_DEPTH = 64
_ALLOWED_TAGS = {
    "!",
    *(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null", "float", "seq", "map")),
}


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
        self.__dict__.update(
            yaml=yaml,
            events=events,
            Loader=loader,
            resolver=yaml.resolver.Resolver(),
            constructor=yaml.constructor.SafeConstructor(),
        )
        return self.__dict__[name]


_py = _PyYaml()


MAX_NUMBER = 10**15
# Plain scalars YAML 1.1 would turn into something other than text, a number, true/false or
# nothing: dates, '=' and '<<' (merge keys need aliases, which are refused anyway). Story files have
# no use for them, so they stay the text the author wrote.
_AS_TEXT = {f"tag:yaml.org,2002:{t}" for t in ("timestamp", "value", "merge", "yaml")}


def _implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """`Resolver.resolve` for a plain scalar, without its per-call list building.

    Only true and false are true/false, as in YAML 1.2 (what editors and docs/story.schema.json
    read): YAML 1.1's yes, no, on and off stay text, so the game reads a file as the editor does."""
    if implicit[0]:
        table = _py.resolver.yaml_implicit_resolvers
        for tag, regexp in (*table.get(value[:1], ()), *table.get(None, ())):
            if regexp.match(value):
                if tag == _BOOL and value.lower() not in ("true", "false"):
                    return _STR
                return str(tag)
    return _STR


_STR = "tag:yaml.org,2002:str"
_BOOL = "tag:yaml.org,2002:bool"


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
    too_large = _YamlRefused(
        where,
        f"the number {_shorten(event.value)} is too large for a story "
        f"(at most {len(str(MAX_NUMBER)) - 1} digits)",
    )
    try:
        value = constructor(_py.constructor, node)
    except (ValueError, OverflowError, _py.yaml.YAMLError):
        if tag == "tag:yaml.org,2002:int":  # more digits than Python converts
            raise too_large from None
        raise _YamlRefused(
            where,
            f"the value '{_shorten(event.value)}' cannot be read as "
            f"{tag.rpartition(':')[2]}: put it in quotes to use it as text",
        ) from None
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
            diagnostics.error(
                here,
                f"the file is {size // (1024 * 1024)} MB; story files are "
                f"limited to {MAX_FILE_BYTES // (1024 * 1024)} MB",
            )
            return None
        data = read_regular(path, MAX_FILE_BYTES)
    except OSError as exc:
        diagnostics.error(here, f"cannot read the file: {exc.strerror or exc}")
        return None
    except UnreadableFile as exc:
        diagnostics.error(here, f"cannot read the file: {exc}")
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        diagnostics.error(
            SourceLocation(shown, line, column), "the file is not valid UTF-8 text (save it as UTF-8)"
        )
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
        from game.story.yamlsyntax import syntax_problem  # (its tables: only a mistake needs them)

        line, column, message = syntax_problem(exc, text, MAX_DEPTH)
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


CUT_BY_COMMENT = "the rest of this line after '#' is a comment and is not shown; put the text in quotes"
# Values shown to the player as text (every text field of docs/story.schema.json): unquoted, a ' #'
# on their line starts a comment and silently cuts them short. (Ids, numbers, conditions and links
# may well be followed by a comment.)
_PROSE_KEYS = frozenset(
    (
        "text",
        "says",
        "title",
        "title_native",
        "discuss",
        "documentary",
        "figure",
        "label",
        "unset",
        "locked",
        "synopsis",
        "content_note",
        "chapter",
        "place",
        "when",
        "key",
        "name",
        "short",
        "role",
        "rise",
        "fall",
        "unit",
        "source",
    )
)
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
    events = _py.events
    loader = _py.Loader(text)
    builder = _Builder(text, shown, cut)
    documents = 0
    try:
        while True:
            event = loader.get_event()
            if event is None:
                break
            kind = type(event)
            if getattr(event, "anchor", None) is not None and kind is not events.AliasEvent:
                raise _YamlRefused(builder.loc(event.start_mark), ANCHOR_REFUSED)
            if kind is events.ScalarEvent:
                builder.scalar(event)
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                builder.open(event, kind is events.MappingStartEvent)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                builder.close()
            elif kind is events.AliasEvent:
                raise _YamlRefused(
                    builder.loc(event.start_mark),
                    "aliases (*name) are not allowed in story files; write the value out",
                )
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise _YamlRefused(
                        builder.loc(event.start_mark),
                        "a story file holds one YAML document; remove the second '---'",
                    )
    finally:
        loader.dispose()
    return builder.root


class _Builder:
    """The document under construction: the containers still open, innermost last, and for each
    mapping among them the key waiting for its value."""

    def __init__(self, text: str, shown: str, cut: list[SourceLocation] | None) -> None:
        self.text, self.shown, self.cut = text, shown, cut
        self.comment_lines = (
            _comment_lines(text) if cut is not None and (" #" in text or "\t#" in text) else set()
        )
        self.lines: list[str] = []  # the text's lines, split when a comment is first looked at
        self.stack: list[Any] = []
        self.pending_key: list[Any] = []  # per container: (key, its place) or _NO_KEY (and for lists)
        self.root: Any = None

    def loc(self, mark: Any) -> SourceLocation:
        return SourceLocation(self.shown, mark.line + 1, mark.column + 1)

    def scalar(self, event: Any) -> None:
        """A plain or quoted value, resolved as YAML 1.1's safe types (tags other than ours refused)."""
        where = self.loc(event.start_mark)
        tag = event.tag
        if tag is not None and tag not in _ALLOWED_TAGS:
            raise _YamlRefused(where, f"the tag '{event.tag}' is not allowed in story files")
        style = event.style
        if style == "'" or style == '"':
            where = where.shifted(1)
        if tag is None and not style:  # the common case: plain text, a number, true/false
            if self.comment_lines and event.end_mark.line in self.comment_lines:
                self._note_cut_short(event)
            resolved = _implicit_tag(event.value, event.implicit)
            value = event.value if resolved == _STR else _scalar_value(event, where)
        else:
            value = _scalar_value(event, where)
            if style == '"' and isinstance(value, str):
                _refuse_control_characters(value, where)
        self.attach(value, where)

    def open(self, event: Any, mapping: bool) -> None:
        """A mapping (or else a list) begins: attached where it stands, then filled until `close`."""
        where = self.loc(event.start_mark)
        if event.tag not in (None, *_ALLOWED_TAGS):
            raise _YamlRefused(where, f"the tag '{event.tag}' is not allowed in story files")
        if len(self.stack) >= MAX_DEPTH:
            raise _YamlRefused(where, f"nesting deeper than {MAX_DEPTH} levels is not allowed")
        container = YMap(where) if mapping else YList(where)
        self.attach(container, where)
        self.stack.append(container)
        self.pending_key.append(_NO_KEY)

    def close(self) -> None:
        self.stack.pop()
        self.pending_key.pop()

    def attach(self, value: Any, where: SourceLocation) -> None:
        """Puts a value into the innermost container: a list's next item, or a mapping's key or
        the value of its pending key (refusing a key given twice, or one that is not plain)."""
        if not self.stack:
            self.root = value
            return
        parent = self.stack[-1]
        if isinstance(parent, YList):
            parent.add(value, where)
            return
        pending = self.pending_key[-1]
        if pending is not _NO_KEY:
            key, key_where = pending
            parent.put(key, key_where, value, where)
            self.pending_key[-1] = _NO_KEY
            return
        if isinstance(value, (YMap, YList)):
            raise _YamlRefused(where, "a mapping key must be a plain value, not a list or mapping")
        if value in parent:
            raise _YamlRefused(
                where,
                f"the key '{_shorten(str(value))}' appears twice in this mapping "
                f"(first at line {parent.key_loc(value).line})",
            )
        # Every scene repeats the same few keys ("text", "goto"): one string for each.
        self.pending_key[-1] = (sys.intern(value) if type(value) is str else value, where)

    def _note_cut_short(self, event: Any) -> None:
        """Notes a plain prose value followed by a comment on its last line."""
        stack = self.stack
        if not stack or not event.value or not isinstance(stack[-1], YMap):
            return
        pending = self.pending_key[-1]
        if pending is _NO_KEY:
            return
        key = pending[0]
        if key not in _PROSE_KEYS and not (  # the mapping's own key: its grandparent's last
            len(stack) > 1
            and isinstance(stack[-2], YMap)
            and stack[-2]
            and next(reversed(stack[-2])) in _PROSE_PARENTS
        ):
            return
        if not self.lines:
            self.lines.extend(self.text.split("\n"))
        end = event.end_mark
        rest = self.lines[end.line][end.column :] if end.line < len(self.lines) else ""
        gap = len(rest) - len(rest.lstrip(" \t"))
        if self.cut is not None and rest[gap : gap + 1] == "#":
            self.cut.append(SourceLocation(self.shown, end.line + 1, end.column + gap + 1))


def _refuse_control_characters(value: str, where: SourceLocation) -> None:
    control = CONTROL_CHARACTER.search(value)
    if control:
        raise _YamlRefused(
            where,
            f"this text holds the control character U+{ord(control.group()):04X} (an escape such "
            "as \\0 or \\e), which cannot be shown: remove it",
        )


_NO_KEY = object()
# An anchor alone does nothing, but unquoted text starting with '&' silently loses its first word.
ANCHOR_REFUSED = "anchors (&name) are not allowed in story files; put text that starts with '&' in quotes"
