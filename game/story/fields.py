"""Reading a story's fields: typed access to YAML values that reports every mistake with its place.

`FieldReader` holds what every part of the loader shares: the findings, the names expressions
may use, the compiled expressions, and whether a file could not be read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.story.expression_syntax import ExpressionError
from game.story.expressions import Condition, Effect, compile_condition, compile_effect
from game.story.located import YList, YMap
from game.story.location import Diagnostics, SourceLocation
from game.story.model import FlagDef, Person, ResourceDef, StatDef, Text, paragraphs
from game.story.suggest import did_you_mean, did_you_mean_or_list
from game.story.yamlsource import CONTROL_CHARACTER

ID = re.compile(r"^[a-z][a-z0-9_]*$")
# The reader refuses control characters already; this second look covers any other way in.
_CONTROL = CONTROL_CHARACTER
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")


def brief(value: Any, limit: int = 40) -> str:
    """An author's value quoted in a message: one line, and short (a key may be a whole paragraph)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def type_name(value: Any) -> str:
    """What a YAML value is, in an author's words."""
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, YMap):
        return "a mapping"
    if isinstance(value, YList):
        return "a list"
    if value is None:
        return "nothing"
    return type(value).__name__


@dataclass
class Names:
    """What expressions may name, filled in as files are read."""

    people: dict[str, Person] = field(default_factory=dict)
    stats: dict[str, StatDef] = field(default_factory=dict)
    resources: dict[str, ResourceDef] = field(default_factory=dict)
    flags: dict[str, FlagDef] = field(default_factory=dict)
    scenes: dict[str, Any] = field(default_factory=dict)
    choice_ids: dict[str, None] = field(default_factory=dict)  # in reading order


class FieldReader:
    """Reads fields of the story's YAML, reporting each mistake to `diag` and carrying on."""

    def __init__(self, assets: Path | None) -> None:
        self.assets = assets
        self.diag = Diagnostics()
        self.names = Names()
        self.condition_reads: list[Condition] = []
        self.effects: list[Effect] = []
        self.incomplete = False  # a file could not be read: unknown names may live in it
        # Stories repeat the same expressions ("qin.hope += 1") many times: compile each once.
        self.compiled: dict[tuple[str, str], Condition | Effect | ExpressionError] = {}
        self.file_lines: dict[str, list[str]] = {}  # read only to place a placeholder's error

    def error(self, loc: SourceLocation, message: str) -> None:
        self.diag.error(loc, message)

    def mapping(self, value: Any, loc: SourceLocation, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.error(loc, f"{what} should be a mapping (key: value lines), not {type_name(value)}")
        return None

    def keys(self, data: YMap, allowed: Iterable[str], what: str) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                self.error(
                    data.key_loc(key), f"unknown field '{brief(key)}' in {what}" + did_you_mean(key, allowed)
                )

    def text(self, data: YMap, key: str, what: str, required: bool = False) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.error(data.loc, f"{what} needs '{key}'")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(data.value_loc(key), f"'{key}' in {what} should be text, not {type_name(value)}")
            return None
        control = _CONTROL.search(str(value))
        if control:
            self.error(
                data.value_loc(key),
                f"'{key}' in {what} holds the control character "
                f"U+{ord(control.group()):04X}, which cannot be shown: "
                "remove it",
            )
            return None
        return str(value)

    def url(self, data: YMap, key: str, what: str) -> str | None:
        """A web address: http or https only (a `javascript:` link would run in a report)."""
        value = self.text(data, key, what)
        if value is None:
            return None
        scheme, _, rest = value.strip().partition("://")
        if scheme.lower() not in ("http", "https") or not rest or any(c.isspace() for c in value.strip()):
            self.error(
                data.value_loc(key),
                f"'{key}' in {what} should be a web address starting "
                f"with https:// or http://, not '{value[:40]}'",
            )
            return None
        return value.strip()

    def prose(self, data: YMap, key: str, what: str, required: bool = False) -> str | None:
        """A text field read as prose: line breaks inside a paragraph (as a `|` block keeps
        them) become spaces, and paragraphs stay apart, so no front end shows the source's wrapping."""
        value = self.text(data, key, what, required)
        return None if value is None else "\n\n".join(paragraphs(value))

    def integer(self, data: YMap, key: str, what: str, default: int | None = None) -> int | None:
        if key not in data:
            return default
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(
                data.value_loc(key), f"'{key}' in {what} should be a whole number, not {type_name(value)}"
            )
            return default
        return value

    def identifier(self, value: Any, loc: SourceLocation, what: str) -> str | None:
        if isinstance(value, bool):
            self.error(
                loc,
                f"{what} was read as {str(value).lower()}: YAML reads true and false "
                "that way; choose another name or put it in quotes",
            )
            return None
        if not isinstance(value, str) or not ID.match(value):
            self.error(
                loc,
                f"{what} '{brief(value)}' should be lowercase letters, digits and '_', "
                "starting with a letter",
            )
            return None
        return value

    def compile_text(self, source: str, loc: SourceLocation) -> Text:
        if "{" not in source and "}" not in source:
            return Text(source)
        parts: list[Any] = []
        position = 0
        for match in _PLACEHOLDER.finditer(source):
            parts.append(source[position : match.start()])
            position = match.end()
            token = match.group(0)
            if token in ("{{", "}}"):
                parts.append(token[0])
                continue
            name = match.group(1).strip()
            problem = self._placeholder_problem(name)
            if problem:
                self.error(self._placeholder_loc(loc, source, match), problem)
                continue
            parts.append(self._value_of(name))
        rest = source[position:]
        if "{" in rest or "}" in rest:
            self.error(loc, "a lone '{' or '}' in the text: write '{{' or '}}' for a brace")
        parts.append(rest)
        return Text(source, tuple(p for p in parts if p != ""))

    def shown_as_written(self, value: str | None, loc: SourceLocation, what: str) -> None:
        """Reports a `{placeholder}` in text that no front end fills in (a choice's text, ...)."""
        if not value or "{" not in value:
            return
        match = _PLACEHOLDER.search(value)
        while match is not None and match.group(0) in ("{{", "}}"):
            match = _PLACEHOLDER.search(value, match.end())
        if match is not None:
            self.error(
                self._placeholder_loc(loc, value, match),
                f"'{brief(match.group(0))}' is shown as written in {what}: placeholders are "
                "filled in a scene's text and variants, a choice's 'says' and the endings; "
                "write the words out, or tell the amount in the scene's text",
            )

    def _placeholder_loc(self, loc: SourceLocation, source: str, match: re.Match[str]) -> SourceLocation:
        """Where the placeholder `match` of `source` (a value starting at `loc`) is in its file.

        A block of text ('|' or '>') starts on the line after its key, and YAML joins the lines
        of other text, so the placeholder is looked for in the file itself; `loc` if not found."""
        token = match.group(0)
        skip = source.count(token, 0, match.start())  # the same typo earlier in the same text
        lines = self._file_lines(loc.path)
        last = min(len(lines), loc.line + source.count(" ") + source.count("\n") + 2)
        column = max(0, loc.column - 1)
        for index in range(max(0, loc.line - 1), last):
            found = lines[index].find(token, column)
            while found >= 0:
                if skip == 0:
                    return SourceLocation(loc.path, index + 1, found + 1)
                skip -= 1
                found = lines[index].find(token, found + 1)
            column = 0
        return loc

    def _file_lines(self, path: str) -> list[str]:
        """The lines of a story file, read again only when a placeholder error needs its place."""
        if path not in self.file_lines:
            try:
                self.file_lines[path] = Path(path).read_text(encoding="utf-8", errors="replace").split("\n")
            except OSError:
                self.file_lines[path] = []
        return self.file_lines[path]

    def _placeholder_problem(self, name: str) -> str | None:
        names = self.names
        shown = "{" + name + "}"
        if "." in name:
            person, _, stat = name.partition(".")
            if person not in names.people:
                return f"in '{shown}': unknown person '{person}'" + did_you_mean_or_list(
                    person, {"the people are": names.people}
                )
            if stat not in names.stats:
                return f"in '{shown}': unknown stat '{stat}'" + did_you_mean_or_list(
                    stat, {"the stats are": names.stats}
                )
            return None
        if name in names.resources or name in names.flags:
            return None
        return f"'{shown}' should name a resource, a flag or a person's stat" + did_you_mean_or_list(
            name, {"resources": names.resources, "flags": names.flags}
        )

    def _value_of(self, name: str) -> Callable[[Any], Any]:
        if "." in name:
            person, stat = name.split(".")
            return lambda s: s.stats[person][stat]
        if name in self.names.flags:
            return lambda s: "yes" if s.flags[name] else "no"
        return lambda s: s.resources[name]

    def _compiled(self, kind: str, source: Any) -> Any:
        """The compiled condition or effect for `source`, from the cache when seen before."""
        compile_one = compile_condition if kind == "if" else compile_effect
        if not isinstance(source, str):
            return compile_one(source, self.names)
        key = (kind, source)
        found = self.compiled.get(key)
        if found is None:
            try:
                found = compile_one(source, self.names)
            except ExpressionError as exc:
                found = exc
            self.compiled[key] = found
        if isinstance(found, ExpressionError):
            raise found
        return found

    def effect(self, source: Any, loc: SourceLocation) -> Effect | None:
        """One effect of a choice, compiled and remembered for the checks; None after reporting."""
        try:
            effect: Effect = self._compiled("effect", source)
        except ExpressionError as exc:
            self.expression_error(loc, exc)
            return None
        self.effects.append(effect)
        return effect

    def condition(self, data: YMap, key: str) -> Condition | None:
        if key not in data:
            return None
        source = data[key]
        loc = data.value_loc(key)
        if isinstance(source, bool):
            source = "true" if source else "false"
        if not isinstance(source, str):
            self.error(
                loc, f"'{key}' should be a condition such as 'savings >= 100', not {type_name(source)}"
            )
            return None
        try:
            condition: Condition = self._compiled("if", source)
        except ExpressionError as exc:
            self.expression_error(loc, exc)
            return None
        self.condition_reads.append(condition)
        return condition

    def expression_error(self, loc: SourceLocation, exc: ExpressionError) -> None:
        """Reports a mistake in an expression, except a scene or name that the file that could
        not be read may define (one mistake there is not repeated at every use elsewhere)."""
        if not (self.incomplete and exc.undefined):
            self.error(loc.shifted(exc.offset), exc.message)

    def target_exists(self, target: Any, loc: SourceLocation, what: str) -> bool:
        if not isinstance(target, str):
            self.error(loc, f"the target in {what} should be a scene id, not {type_name(target)}")
            return False
        if target not in self.names.scenes:
            if self.incomplete:  # probably defined in the file that could not be read
                return False
            self.error(loc, f"unknown scene '{brief(target)}'" + did_you_mean(target, self.names.scenes))
            return False
        return True

    def asset_exists(self, kind: str, name: str, loc: SourceLocation) -> None:
        if self.assets is None:
            return
        try:
            found = (self.assets / kind / f"{name}.png").is_file()
        except OSError:  # e.g. a name longer than the file system allows
            found = False
        if not found:
            self.diag.warning(
                loc, f"there is no picture '{brief(name)}' in assets/{kind}/: a plain fallback will be shown"
            )
