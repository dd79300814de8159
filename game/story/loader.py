"""Turns a folder of YAML files into a `Story`, collecting every mistake with its location."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.story import checks, parsecache
from game.story.expressions import (
    Condition,
    Effect,
    ExpressionError,
    compile_condition,
    compile_effect,
)
from game.story.location import (
    Diagnostic,
    Diagnostics,
    SourceLocation,
    StoryError,
    display_path,
)
from game.story.model import (
    Choice,
    Ending,
    EpilogueLine,
    Fact,
    FlagDef,
    Person,
    ResourceDef,
    Scene,
    StatDef,
    Story,
    Text,
    Variant,
    paragraphs,
)
from game.story.suggest import did_you_mean, did_you_mean_or_list
from game.story.yamlsource import MAX_FILE_BYTES, YList, YMap, read_yaml

FORMAT_VERSION = 1
MANIFEST = "story.yaml"
ID = re.compile(r"^[a-z][a-z0-9_]*$")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([^{}]*)\}")

_CONTENT_KEYS = ("scenes", "extend", "endings", "facts", "flags", "defaults")
_MANIFEST_KEYS = ("format", "title", "title_native", "version", "start", "content_note",
                  "synopsis", "people", "stats", "resources", *_CONTENT_KEYS)
_SCENE_KEYS = ("chapter", "place", "when", "pov", "backdrop", "key", "text", "variants",
               "choices", "next", "end", "discuss", "fact", "documentary")
_DEFAULT_KEYS = ("chapter", "place", "when", "pov", "backdrop")
_CHOICE_KEYS = ("id", "text", "if", "locked", "effects", "says", "goto", "film", "quiet")
_ENDING_KEYS = ("id", "title", "priority", "from", "if", "text", "epilogue", "documentary")


def default_story_dir() -> Path:
    """The shipped story, beside the `game` package."""
    return Path(__file__).resolve().parents[2] / "story"


def default_assets_dir() -> Path:
    return Path(__file__).resolve().parents[2] / "assets"


_suggest = did_you_mean


def _brief(value: Any, limit: int = 40) -> str:
    """An author's value quoted in a message: one line, and short (a key may be a whole paragraph)."""
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit] + "…"


def _type_name(value: Any) -> str:
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
class _Names:
    """What expressions may name, filled in as files are read."""

    people: dict[str, Person] = field(default_factory=dict)
    stats: dict[str, StatDef] = field(default_factory=dict)
    resources: dict[str, ResourceDef] = field(default_factory=dict)
    flags: dict[str, FlagDef] = field(default_factory=dict)
    scenes: dict[str, Any] = field(default_factory=dict)
    choice_ids: dict[str, None] = field(default_factory=dict)  # in reading order


@dataclass
class _RawScene:
    """A scene as read, before defaults and `extend:` additions are folded in."""

    id: str
    data: YMap
    loc: SourceLocation
    defaults: YMap | None
    extra_choices: list[tuple[YMap, SourceLocation]] = field(default_factory=list)
    extra_variants: list[tuple[YMap, SourceLocation]] = field(default_factory=list)


class _Loader:
    def __init__(self, root: Path, assets: Path | None) -> None:
        self.root = root
        self.assets = assets
        self.diag = Diagnostics()
        self.names = _Names()
        self.raw_scenes: dict[str, _RawScene] = {}
        self.raw_endings: list[tuple[YMap, SourceLocation]] = []
        self.facts: dict[str, Fact] = {}
        self.fact_locs: dict[str, SourceLocation] = {}
        self.extends: list[tuple[str, YMap, SourceLocation, SourceLocation]] = []
        self.condition_reads: list[Condition] = []
        self.effects: list[Effect] = []
        self.incomplete = False  # a file could not be read: unknown names may live in it
        # Stories repeat the same expressions ("qin.hope += 1") many times: compile each once.
        self.compiled: dict[tuple[str, str], Condition | Effect | ExpressionError] = {}

    # ------------------------------------------------------------------ small validators

    def error(self, loc: SourceLocation, message: str) -> None:
        self.diag.error(loc, message)

    def mapping(self, value: Any, loc: SourceLocation, what: str) -> YMap | None:
        if isinstance(value, YMap):
            return value
        self.error(loc, f"{what} should be a mapping (key: value lines), not {_type_name(value)}")
        return None

    def keys(self, data: YMap, allowed: Iterable[str], what: str) -> None:
        allowed = tuple(allowed)
        for key in data:
            if key not in allowed:
                self.error(data.key_loc(key), f"unknown field '{_brief(key)}' in {what}"
                           + _suggest(key, allowed))

    def text(self, data: YMap, key: str, what: str, required: bool = False) -> str | None:
        if key not in data or data[key] is None:
            if required:
                self.error(data.loc, f"{what} needs '{key}'")
            return None
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(data.value_loc(key), f"'{key}' in {what} should be text, not {_type_name(value)}")
            return None
        return str(value)

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
            self.error(data.value_loc(key), f"'{key}' in {what} should be a whole number, "
                                            f"not {_type_name(value)}")
            return default
        return value

    def identifier(self, value: Any, loc: SourceLocation, what: str) -> str | None:
        if isinstance(value, bool):
            self.error(loc, f"{what} was read as {str(value).lower()}: YAML reads yes, no, on, off, "
                            "true and false that way; choose another name or put it in quotes")
            return None
        if not isinstance(value, str) or not ID.match(value):
            self.error(loc, f"{what} '{_brief(value)}' should be lowercase letters, digits and '_', "
                            "starting with a letter")
            return None
        return value

    def compile_text(self, source: str, loc: SourceLocation) -> Text:
        if "{" not in source and "}" not in source:
            return Text(source)
        parts: list[Any] = []
        position = 0
        for match in _PLACEHOLDER.finditer(source):
            parts.append(source[position:match.start()])
            position = match.end()
            token = match.group(0)
            if token in ("{{", "}}"):
                parts.append(token[0])
                continue
            name = match.group(1).strip()
            problem = self._placeholder_problem(name)
            if problem:
                self.error(loc, problem)
                continue
            parts.append(self._value_of(name))
        rest = source[position:]
        if "{" in rest or "}" in rest:
            self.error(loc, "a lone '{' or '}' in the text: write '{{' or '}}' for a brace")
        parts.append(rest)
        return Text(source, tuple(p for p in parts if p != ""))

    def _placeholder_problem(self, name: str) -> str | None:
        names = self.names
        shown = "{" + name + "}"
        if "." in name:
            person, _, stat = name.partition(".")
            if person not in names.people:
                return f"in '{shown}': unknown person '{person}'" + did_you_mean_or_list(
                    person, {"the people are": names.people})
            if stat not in names.stats:
                return f"in '{shown}': unknown stat '{stat}'" + did_you_mean_or_list(
                    stat, {"the stats are": names.stats})
            return None
        if name in names.resources or name in names.flags:
            return None
        return (f"'{shown}' should name a resource, a flag or a person's stat" + did_you_mean_or_list(
                    name, {"resources": names.resources, "flags": names.flags}))

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

    def condition(self, data: YMap, key: str) -> Condition | None:
        if key not in data:
            return None
        source = data[key]
        loc = data.value_loc(key)
        if isinstance(source, bool):
            source = "true" if source else "false"
        if not isinstance(source, str):
            self.error(loc, f"'{key}' should be a condition such as 'savings >= 100', "
                            f"not {_type_name(source)}")
            return None
        try:
            condition = self._compiled("if", source)
        except ExpressionError as exc:
            self.expression_error(loc, exc)
            return None
        self.condition_reads.append(condition)
        return condition

    # ------------------------------------------------------------------ the manifest

    def manifest(self, data: YMap) -> dict[str, Any]:
        self.keys(data, _MANIFEST_KEYS, "the manifest")
        fmt = self.integer(data, "format", "the manifest", FORMAT_VERSION)
        if fmt is not None and fmt > FORMAT_VERSION:
            self.error(data.value_loc("format"), f"this story needs story format {fmt}; this "
                       f"version of the game reads format {FORMAT_VERSION}: update the game")
        info = {
            "title": self.text(data, "title", "the manifest", required=True) or "Untitled",
            "title_native": self.text(data, "title_native", "the manifest") or "",
            "version": self.text(data, "version", "the manifest") or "",
            "content_note": self.text(data, "content_note", "the manifest") or "",
            "synopsis": self.text(data, "synopsis", "the manifest") or "",
            "start": None,
        }
        if "start" not in data:
            self.error(data.loc, "the manifest needs 'start': the id of the first scene")
        else:
            info["start"] = (data["start"], data.value_loc("start"))

        stats = self.mapping(data.get("stats", YMap()), data.value_loc("stats"), "'stats'") \
            if "stats" in data else None
        for stat_id, spec in (stats or {}).items():
            loc = stats.key_loc(stat_id)
            if self.identifier(stat_id, loc, "the stat id") is None:
                continue
            spec = self.mapping(spec, stats.value_loc(stat_id), f"stat '{stat_id}'")
            if spec is None:
                continue
            what = f"stat '{stat_id}'"
            self.keys(spec, ("label", "min", "max", "start", "rise", "fall"), what)
            low = self.integer(spec, "min", what, 0)
            high = self.integer(spec, "max", what, 10)
            start = self.integer(spec, "start", what, low)
            if low is not None and high is not None and low > high:
                self.error(spec.value_loc("min"), f"{what}: min {low} is above max {high}")
            elif start is not None and low is not None and high is not None and not low <= start <= high:
                self.error(spec.value_loc("start"), f"{what}: start {start} is outside {low}..{high}")
            self.names.stats[stat_id] = StatDef(
                stat_id, self.text(spec, "label", what) or stat_id.replace("_", " ").capitalize(),
                low or 0, high if high is not None else 10, start or 0,
                self.text(spec, "rise", what) or f"{stat_id} rises",
                self.text(spec, "fall", what) or f"{stat_id} falls")

        resources = self.mapping(data["resources"], data.value_loc("resources"), "'resources'") \
            if "resources" in data else None
        for res_id, spec in (resources or {}).items():
            loc = resources.key_loc(res_id)
            if self.identifier(res_id, loc, "the resource id") is None:
                continue
            spec = self.mapping(spec, resources.value_loc(res_id), f"resource '{res_id}'")
            if spec is None:
                continue
            what = f"resource '{res_id}'"
            self.keys(spec, ("label", "start", "min", "max", "unit", "rise", "fall", "notable"), what)
            start = self.integer(spec, "start", what, 0) or 0
            notable = self.integer(spec, "notable", what, 1)
            if notable is None or notable < 1:
                self.error(spec.value_loc("notable"), f"{what}: 'notable' is the smallest change "
                                                      "that shows the consequence card: 1 or more")
                notable = 1
            low, high = self.integer(spec, "min", what), self.integer(spec, "max", what)
            if low is not None and high is not None and low > high:
                self.error(spec.value_loc("min"), f"{what}: min {low} is above max {high}")
            elif low is not None and start < low:
                self.error(spec.value_loc("start"), f"{what}: start {start} is below its min {low}")
            elif high is not None and start > high:
                self.error(spec.value_loc("start"), f"{what}: start {start} is above its max {high}")
            self.names.resources[res_id] = ResourceDef(
                res_id, self.text(spec, "label", what) or res_id.replace("_", " ").capitalize(),
                start, low, high,
                self.text(spec, "unit", what) or "",
                self.text(spec, "rise", what) or f"{res_id} grows",
                self.text(spec, "fall", what) or f"{res_id} shrinks", notable)

        people = self.mapping(data["people"], data.value_loc("people"), "'people'") \
            if "people" in data else None
        if not people:
            self.error(data.loc, "the manifest needs 'people': at least one person")
        for person_id, spec in (people or {}).items():
            loc = people.key_loc(person_id)
            if self.identifier(person_id, loc, "the person id") is None:
                continue
            if person_id in self.names.stats or person_id in self.names.resources:
                self.error(loc, f"'{person_id}' is already the name of a stat or resource")
            spec = self.mapping(spec, people.value_loc(person_id), f"person '{person_id}'")
            if spec is None:
                continue
            what = f"person '{person_id}'"
            self.keys(spec, ("name", "short", "role", "born", "portraits", "start"), what)
            name = self.text(spec, "name", what, required=True) or person_id
            starts: dict[str, int] = {}
            if "start" in spec:
                own = self.mapping(spec["start"], spec.value_loc("start"), f"{what}'s 'start'")
                for stat_id in own or {}:
                    if stat_id not in self.names.stats:
                        self.error(own.key_loc(stat_id), f"unknown stat '{stat_id}'"
                                   + did_you_mean_or_list(stat_id, {"the stats are": self.names.stats}))
                        continue
                    stat = self.names.stats[stat_id]
                    number = self.integer(own, stat_id, f"{what}'s 'start'")
                    if number is not None and not stat.min <= number <= stat.max:
                        self.error(own.value_loc(stat_id), f"{what}: {stat_id} {number} is outside "
                                                           f"{stat.min}..{stat.max}")
                    elif number is not None:
                        starts[stat_id] = number
            portraits: list[tuple[int, str]] = []
            if "portraits" in spec:
                table = spec["portraits"]
                if isinstance(table, str):
                    table_map = {0: table}
                    locs = {0: spec.value_loc("portraits")}
                else:
                    table = self.mapping(table, spec.value_loc("portraits"), f"{what}'s 'portraits'")
                    table_map = dict(table or {})
                    locs = {k: table.value_loc(k) for k in table_map} if table else {}
                for year, image in table_map.items():
                    if isinstance(year, bool) or not isinstance(year, int):
                        self.error(locs[year], f"{what}'s portraits are keyed by year, as in 1990: name")
                        continue
                    if self.identifier(image, locs[year], "the portrait") is not None:
                        self.asset_exists("portraits", image, locs[year])
                        portraits.append((year, image))
            self.names.people[person_id] = Person(
                person_id, name, self.text(spec, "short", what) or name.split()[-1],
                self.text(spec, "role", what) or "", self.integer(spec, "born", what),
                tuple(sorted(portraits)), starts)
        return info

    def asset_exists(self, kind: str, name: str, loc: SourceLocation) -> None:
        if self.assets is None:
            return
        try:
            found = (self.assets / kind / f"{name}.png").is_file()
        except OSError:  # e.g. a name longer than the file system allows
            found = False
        if not found:
            self.diag.warning(loc, f"there is no picture '{_brief(name)}' in assets/{kind}/: a plain "
                                   "fallback will be shown")

    # ------------------------------------------------------------------ first pass: names

    def declare(self, data: YMap, shown: str) -> None:
        """Registers the flags, facts, scenes, extensions and endings of one file."""
        if "flags" in data:
            self.declare_flags(data["flags"], data.value_loc("flags"))
        defaults = None
        if "defaults" in data:
            defaults = self.mapping(data["defaults"], data.value_loc("defaults"), "'defaults'")
            if defaults is not None:
                self.keys(defaults, _DEFAULT_KEYS, "'defaults'")
        if "facts" in data:
            facts = self.mapping(data["facts"], data.value_loc("facts"), "'facts'")
            for fact_id, spec in (facts or {}).items():
                self.declare_fact(fact_id, spec, facts)
        if "scenes" in data:
            scenes = self.mapping(data["scenes"], data.value_loc("scenes"), "'scenes'")
            for scene_id, spec in (scenes or {}).items():
                loc = scenes.key_loc(scene_id)
                if self.identifier(scene_id, loc, "the scene id") is None:
                    continue
                if scene_id in self.raw_scenes:
                    first = self.raw_scenes[scene_id].loc
                    self.error(loc, f"the scene id '{scene_id}' is used twice (first at {first})")
                    continue
                spec = self.mapping(spec, scenes.value_loc(scene_id), f"scene '{scene_id}'")
                if spec is None:
                    continue
                self.raw_scenes[scene_id] = _RawScene(scene_id, spec, loc, defaults)
                self.names.scenes[scene_id] = spec
        if "extend" in data:
            extend = self.mapping(data["extend"], data.value_loc("extend"), "'extend'")
            for scene_id, spec in (extend or {}).items():
                spec = self.mapping(spec, extend.value_loc(scene_id), f"the extension of '{scene_id}'")
                if spec is not None:
                    self.extends.append((scene_id, spec, extend.key_loc(scene_id), extend.loc))
        if "endings" in data:
            endings = data["endings"]
            if not isinstance(endings, YList):
                self.error(data.value_loc("endings"), "'endings' should be a list (lines starting "
                                                     f"with '- '), not {_type_name(endings)}")
            else:
                for index, spec in enumerate(endings):
                    spec = self.mapping(spec, endings.item_loc(index), "an ending")
                    if spec is not None:
                        self.raw_endings.append((spec, endings.item_loc(index)))

    def declare_flags(self, flags: Any, loc: SourceLocation) -> None:
        if isinstance(flags, YList):
            entries = [(name, None, flags.item_loc(i), flags.item_loc(i)) for i, name in enumerate(flags)]
        elif isinstance(flags, YMap):
            entries = [(name, spec, flags.key_loc(name), flags.value_loc(name))
                       for name, spec in flags.items()]
        else:
            self.error(loc, f"'flags' should be a list or a mapping of names, not {_type_name(flags)}")
            return
        for name, spec, key_loc, value_loc in entries:
            if self.identifier(name, key_loc, "the flag") is None:
                continue
            taken = self.names.flags.get(name)
            if taken is not None:
                self.error(key_loc, f"the flag '{name}' is declared twice (first at {taken.location})")
                continue
            if name in self.names.resources or name in self.names.people or name in self.names.stats:
                self.error(key_loc, f"'{name}' is already a person, stat or resource")
                continue
            start, label = False, name.replace("_", " ")
            if spec is not None:
                spec = self.mapping(spec, value_loc, f"flag '{name}'")
                if spec is not None:
                    self.keys(spec, ("start", "label"), f"flag '{name}'")
                    if "start" in spec:
                        if not isinstance(spec["start"], bool):
                            self.error(spec.value_loc("start"), f"flag '{name}' starts true or false")
                        else:
                            start = spec["start"]
                    label = self.text(spec, "label", f"flag '{name}'") or label
            self.names.flags[name] = FlagDef(name, start, label, key_loc)

    def declare_fact(self, fact_id: Any, spec: Any, facts: YMap) -> None:
        loc = facts.key_loc(fact_id)
        if self.identifier(fact_id, loc, "the fact id") is None:
            return
        if fact_id in self.facts:
            self.error(loc, f"the fact '{fact_id}' is defined twice (first at {self.fact_locs[fact_id]})")
            return
        spec = self.mapping(spec, facts.value_loc(fact_id), f"fact '{fact_id}'")
        if spec is None:
            return
        what = f"fact '{fact_id}'"
        self.keys(spec, ("title", "figure", "text", "source", "url"), what)
        self.facts[fact_id] = Fact(
            fact_id, self.prose(spec, "title", what, required=True) or fact_id,
            self.prose(spec, "figure", what) or "", self.prose(spec, "text", what, required=True) or "",
            self.prose(spec, "source", what, required=True) or "", self.text(spec, "url", what))
        self.fact_locs[fact_id] = loc

    def choice_ids(self) -> None:
        """Every choice's full id, known before any `chose(...)` is compiled."""
        for scene_id, spec, key_loc, _ in self.extends:
            raw = self.raw_scenes.get(scene_id)
            if raw is None:
                self.error(key_loc, f"'extend' names the scene '{_brief(scene_id)}', which does not exist"
                           + _suggest(scene_id, self.raw_scenes))
                continue
            self.keys(spec, ("choices", "variants"), f"the extension of '{scene_id}'")
            for key, target in (("choices", raw.extra_choices), ("variants", raw.extra_variants)):
                if key in spec:
                    items = spec[key]
                    if not isinstance(items, YList):
                        self.error(spec.value_loc(key), f"'{key}' should be a list")
                        continue
                    target.extend((item, items.item_loc(i)) for i, item in enumerate(items))
        for raw in self.raw_scenes.values():
            for item, _ in self.raw_choice_items(raw):
                if isinstance(item, YMap):
                    local = item.get("id", item.get("goto"))
                    if isinstance(local, str):
                        self.names.choice_ids[f"{raw.id}.{local}"] = None
            if "next" in raw.data:
                self.names.choice_ids[f"{raw.id}.continue"] = None

    def raw_choice_items(self, raw: _RawScene) -> list[tuple[Any, SourceLocation]]:
        items: list[tuple[Any, SourceLocation]] = []
        choices = raw.data.get("choices")
        if isinstance(choices, YList):
            items.extend((item, choices.item_loc(i)) for i, item in enumerate(choices))
        items.extend(raw.extra_choices)
        return items

    # ------------------------------------------------------------------ second pass: content

    def scene(self, raw: _RawScene) -> Scene:
        data, sid = raw.data, raw.id
        what = f"scene '{sid}'"
        self.keys(data, _SCENE_KEYS, what)

        def field_or_default(key: str) -> tuple[Any, SourceLocation] | None:
            if key in data:
                return data[key], data.value_loc(key)
            if raw.defaults is not None and key in raw.defaults:
                return raw.defaults[key], raw.defaults.value_loc(key)
            return None

        def plain(key: str) -> str:
            found = field_or_default(key)
            if found is None or found[0] is None:
                return ""
            value, loc = found
            if isinstance(value, (YMap, YList)) or isinstance(value, bool):
                self.error(loc, f"'{key}' in {what} should be text, not {_type_name(value)}")
                return ""
            return str(value)

        text_source = self.text(data, "text", what, required=True) or ""
        text = self.compile_text(text_source, data.value_loc("text"))
        when = plain("when")
        years = _YEAR.findall(when)
        pov = plain("pov") or None
        if pov is not None and pov not in self.names.people:
            found = field_or_default("pov")
            self.error(found[1] if found else raw.loc, f"unknown person '{_brief(pov)}' as the point of view"
                       + _suggest(pov, self.names.people))
        backdrop = plain("backdrop") or None
        if backdrop is not None:
            found = field_or_default("backdrop")
            loc = found[1] if found else raw.loc
            if self.identifier(backdrop, loc, "the backdrop") is None:
                backdrop = None
            else:
                self.asset_exists("backdrops", backdrop, loc)
        fact = self.text(data, "fact", what)
        if fact is not None and fact not in self.facts and not self.incomplete:
            self.error(data.value_loc("fact"), f"unknown fact card '{_brief(fact)}'"
                       + _suggest(fact, self.facts))

        variants = []
        raw_variants: list[tuple[Any, SourceLocation]] = []
        if "variants" in data:
            if isinstance(data["variants"], YList):
                items = data["variants"]
                raw_variants.extend((item, items.item_loc(i)) for i, item in enumerate(items))
            else:
                self.error(data.value_loc("variants"), "'variants' should be a list of "
                                                       "'- if: …' / 'text: …' entries")
        raw_variants.extend(raw.extra_variants)
        for item, loc in raw_variants:
            spec = self.mapping(item, loc, "a variant")
            if spec is None:
                continue
            self.keys(spec, ("if", "text", "replace"), "a variant")
            source = self.text(spec, "text", "a variant", required=True) or ""
            replace = spec.get("replace", False)
            if not isinstance(replace, bool):
                self.error(spec.value_loc("replace"), "'replace' should be true or false")
                replace = False
            if "if" not in spec:
                self.error(spec.loc, "a variant needs 'if': the condition that shows it")
            variants.append(Variant(self.condition(spec, "if"),
                                    self.compile_text(source, spec.value_loc("text")), replace))

        ways = [key for key in ("choices", "next", "end") if key in data]
        if raw.extra_choices and "choices" not in ways:
            ways.append("choices")
        if len(ways) > 1:
            self.error(raw.loc, f"{what} has {' and '.join(repr(w) for w in ways)}: give it only one "
                                "way on (choices, next or end)")
        choices: list[Choice] = []
        end = False
        if "end" in data:
            end = data["end"] is True
            if data["end"] is not True:
                self.error(data.value_loc("end"), "'end' should be true (or leave it out)")
        if "next" in data:
            target = data["next"]
            if self.target_exists(target, data.value_loc("next"), what):
                choices.append(Choice("continue", sid, "", target, is_continue=True,
                                      location=data.value_loc("next")))
        if "choices" in data and not isinstance(data["choices"], YList):
            self.error(data.value_loc("choices"), "'choices' should be a list (lines starting with '- ')")
        seen: dict[str, SourceLocation] = {}
        for item, loc in self.raw_choice_items(raw):
            choice = self.choice(sid, item, loc, seen)
            if choice is not None:
                choices.append(choice)
        if not ways and not raw.extra_choices:
            self.error(raw.loc, f"{what} has no way on: add 'choices', 'next: SCENE' or 'end: true'")
        elif not self.raw_choice_items(raw) and "choices" in data:
            self.error(data.value_loc("choices"), f"{what} has an empty list of choices")

        return Scene(
            id=sid, text=text, chapter=plain("chapter"), place=plain("place"), when=when,
            year=int(years[-1]) if years else None, pov=pov, backdrop=backdrop,
            key=self.prose(data, "key", what), variants=tuple(variants), choices=tuple(choices),
            end=end, discuss=self.prose(data, "discuss", what), fact=fact,
            documentary=self.prose(data, "documentary", what), location=raw.loc)

    def expression_error(self, loc: SourceLocation, exc: ExpressionError) -> None:
        """Reports a mistake in an expression, except a scene or name that the file that could
        not be read may define (one mistake there is not repeated at every use elsewhere)."""
        if not (self.incomplete and exc.undefined):
            self.error(loc.shifted(exc.offset), exc.message)

    def target_exists(self, target: Any, loc: SourceLocation, what: str) -> bool:
        if not isinstance(target, str):
            self.error(loc, f"the target in {what} should be a scene id, not {_type_name(target)}")
            return False
        if target not in self.raw_scenes:
            if self.incomplete:  # probably defined in the file that could not be read
                return False
            self.error(loc, f"unknown scene '{_brief(target)}'" + _suggest(target, self.raw_scenes))
            return False
        return True

    def choice(self, sid: str, item: Any, loc: SourceLocation,
               seen: dict[str, SourceLocation]) -> Choice | None:
        spec = self.mapping(item, loc, "a choice")
        if spec is None:
            return None
        self.keys(spec, _CHOICE_KEYS, "a choice")
        text = self.prose(spec, "text", "a choice", required=True) or ""
        if "goto" not in spec:
            self.error(spec.loc, "a choice needs 'goto': the scene it leads to")
            return None
        goto = spec["goto"]
        if not self.target_exists(goto, spec.value_loc("goto"), "a choice"):
            return None
        local = spec.get("id", goto)
        id_loc = spec.value_loc("id") if "id" in spec else spec.value_loc("goto")
        if self.identifier(local, id_loc, "the choice id") is None:
            return None
        if local in seen:
            hint = "" if "id" in spec else "; two choices lead there: give each an 'id'"
            self.error(id_loc, f"the choice id '{local}' is used twice in scene '{sid}' "
                               f"(first at {seen[local]}{hint})")
            return None
        seen[local] = id_loc
        effects: list[Effect] = []
        if "effects" in spec:
            raw_effects = spec["effects"]
            if isinstance(raw_effects, str):
                raw_effects_list = [(raw_effects, spec.value_loc("effects"))]
            elif isinstance(raw_effects, YList):
                raw_effects_list = [(e, raw_effects.item_loc(i)) for i, e in enumerate(raw_effects)]
            else:
                self.error(spec.value_loc("effects"), "'effects' should be a list such as "
                                                      "[savings -= 100, qin.hope += 1]")
                raw_effects_list = []
            for source, effect_loc in raw_effects_list:
                try:
                    effect = self._compiled("effect", source)
                except ExpressionError as exc:
                    self.expression_error(effect_loc, exc)
                    continue
                effects.append(effect)
                self.effects.append(effect)
        says = self.prose(spec, "says", "a choice")
        locked = self.prose(spec, "locked", "a choice")
        if locked is not None and "if" not in spec:
            self.error(spec.value_loc("locked"), "'locked' explains a failing 'if': add the "
                                                 "condition, or remove 'locked'")
        film = spec.get("film", False)
        if not isinstance(film, bool):
            self.error(spec.value_loc("film"), "'film' should be true (the real family's choice) "
                                               "or left out")
            film = False
        quiet = spec.get("quiet", False)
        if not isinstance(quiet, bool):
            self.error(spec.value_loc("quiet"), "'quiet' should be true (no consequence card after "
                                                "this choice) or left out")
            quiet = False
        return Choice(local, sid, text, goto, self.condition(spec, "if"), locked, tuple(effects),
                      self.compile_text(says, spec.value_loc("says")) if says else None,
                      film=film, quiet=quiet, location=loc)

    def ending(self, spec: YMap, loc: SourceLocation, order: int, seen: dict[str, SourceLocation],
               scenes: dict[str, Scene]) -> Ending | None:
        self.keys(spec, _ENDING_KEYS, "an ending")
        ending_id = spec.get("id")
        if ending_id is None:
            self.error(loc, "an ending needs an 'id'")
            return None
        if self.identifier(ending_id, spec.value_loc("id"), "the ending id") is None:
            return None
        if ending_id in seen:
            self.error(spec.value_loc("id"), f"the ending id '{ending_id}' is used twice "
                                             f"(first at {seen[ending_id]})")
            return None
        seen[ending_id] = spec.value_loc("id")
        what = f"ending '{ending_id}'"
        from_scenes = None
        if "from" in spec:
            raw_from = spec["from"]
            items = [raw_from] if isinstance(raw_from, str) else raw_from
            if not isinstance(items, list):
                self.error(spec.value_loc("from"), "'from' should be a list of end scene ids")
                items = []
            names = set()
            for index, name in enumerate(items):
                item_loc = items.item_loc(index) if isinstance(items, YList) else spec.value_loc("from")
                if not isinstance(name, str) or name not in scenes:
                    if self.target_exists(name, item_loc, what):
                        pass
                    continue
                if not scenes[name].end:
                    self.error(item_loc, f"'{name}' is not an end scene (it has no 'end: true')")
                names.add(name)
            from_scenes = frozenset(names)
        epilogue: dict[str, tuple[EpilogueLine, ...]] = {}
        raw_epilogue = spec.get("epilogue")
        if raw_epilogue is None:
            self.error(loc, f"{what} needs an 'epilogue' with a line for each person")
        else:
            table = self.mapping(raw_epilogue, spec.value_loc("epilogue"), f"the epilogue of {what}")
            for person in (table or {}):
                if person not in self.names.people:
                    self.error(table.key_loc(person), f"unknown person '{_brief(person)}' in the epilogue"
                               + _suggest(person, self.names.people))
            for person in self.names.people:
                if table is None:
                    break
                if person not in table:
                    self.error(table.loc, f"the epilogue of {what} has no line for '{person}'")
                    continue
                epilogue[person] = self.epilogue_lines(table[person], table.value_loc(person),
                                                       f"{person}'s epilogue in {what}")
        priority = self.integer(spec, "priority", what, 0) or 0
        del order
        return Ending(
            ending_id, self.prose(spec, "title", what, required=True) or ending_id,
            self.compile_text(self.text(spec, "text", what) or "", spec.value_loc("text")),
            epilogue, self.condition(spec, "if"), from_scenes, priority,
            self.prose(spec, "documentary", what), loc)

    def epilogue_lines(self, value: Any, loc: SourceLocation, what: str) -> tuple[EpilogueLine, ...]:
        if isinstance(value, str):
            return (EpilogueLine(None, self.compile_text(value, loc)),)
        if not isinstance(value, YList) or not value:
            self.error(loc, f"{what} should be a line of text or a list of '- if: …' / 'text: …'")
            return ()
        lines = []
        for index, item in enumerate(value):
            spec = self.mapping(item, value.item_loc(index), what)
            if spec is None:
                continue
            self.keys(spec, ("if", "text"), what)
            source = self.text(spec, "text", what, required=True) or ""
            lines.append(EpilogueLine(self.condition(spec, "if"),
                                      self.compile_text(source, spec.value_loc("text"))))
        if lines and lines[-1].condition is not None:
            self.error(value.item_loc(len(value) - 1), f"the last entry of {what} should have no "
                                                       "'if', so that some line always applies")
        return tuple(lines)


def _story_files(root: Path) -> list[Path]:
    files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()]
    return sorted(files, key=lambda p: (p.name != MANIFEST or p.parent != root, str(p.relative_to(root))))


def load_story_with_diagnostics(root: Path, assets: Path | None = None,
                                check_assets: bool = True) -> tuple[Story | None, list[Diagnostic]]:
    """Loads and checks a story; returns it (None if it has errors) and every finding, sorted."""
    root = Path(root)
    if assets is None and check_assets:
        assets = default_assets_dir()
    loader = _Loader(root, assets if check_assets else None)
    manifest_path = root / MANIFEST
    if root.is_file():
        loader.error(SourceLocation(str(root)), "this is a file, not a story folder: give the folder "
                                                f"that holds {MANIFEST}")
        return None, loader.diag.sorted()
    if not root.is_dir():
        loader.error(SourceLocation(str(root)), "there is no story folder here")
        return None, loader.diag.sorted()
    if not manifest_path.is_file():
        loader.error(SourceLocation(display_path(manifest_path)),
                     f"a story folder needs a manifest '{MANIFEST}'")
        return None, loader.diag.sorted()

    documents: list[tuple[Path, str, YMap]] = []
    digest = parsecache.sha256()
    real_root = root.resolve()
    for path in _story_files(root):
        shown = display_path(path)
        if not path.resolve().is_relative_to(real_root):
            # A link could make `check` read any file of the player's (and show parts of it).
            loader.error(SourceLocation(shown, 1, 1), "this file is a link to a file outside the "
                                                      "story folder, which is not read: copy the "
                                                      "file into the folder instead")
            if path == manifest_path:
                return None, loader.diag.sorted()
            loader.incomplete = True
            continue
        try:
            if path.stat().st_size <= MAX_FILE_BYTES:  # read_yaml reports a larger one
                digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
        except OSError:
            pass
        errors_before = len(loader.diag.errors)
        data = read_yaml(path, shown, loader.diag)
        if data is None and len(loader.diag.errors) == errors_before:
            # An empty document (blank, comments only, '~'): nothing failed, but nothing is there.
            if path == manifest_path:
                loader.error(SourceLocation(shown, 1, 1), "the manifest is empty: it needs at least "
                                                          "'title', 'start' and 'people'")
                return None, loader.diag.sorted()
            loader.diag.warning(SourceLocation(shown, 1, 1), "the file is empty")
            continue
        if data is None:
            loader.incomplete = True
            if path == manifest_path:
                return None, loader.diag.sorted()
            continue
        if not isinstance(data, YMap):
            loader.error(SourceLocation(shown, 1, 1),
                         "a story file should be a mapping of sections such as 'scenes:'")
            continue
        documents.append((path, shown, data))

    info: dict[str, Any] = {}
    for path, shown, data in documents:
        if path == manifest_path:
            info = loader.manifest(data)
        else:
            for key in data:
                if key not in _CONTENT_KEYS:
                    hint = " (that belongs in story.yaml)" if key in _MANIFEST_KEYS else ""
                    loader.error(data.key_loc(key), f"unknown section '{_brief(key)}'{hint}"
                                 + _suggest(key, _CONTENT_KEYS))
        loader.declare(data, shown)
    loader.choice_ids()

    scenes = {sid: loader.scene(raw) for sid, raw in loader.raw_scenes.items()}
    seen: dict[str, SourceLocation] = {}
    endings = [e for order, (spec, loc) in enumerate(loader.raw_endings)
               if (e := loader.ending(spec, loc, order, seen, scenes)) is not None]
    endings.sort(key=lambda e: -e.priority)  # stable: equal priorities keep the reading order

    start = None
    if info.get("start") is not None:
        start_id, start_loc = info["start"]
        if loader.target_exists(start_id, start_loc, "'start'"):
            start = start_id
    if start is None and not loader.diag.errors:  # never hand out a story with nowhere to begin
        loader.error(SourceLocation(display_path(manifest_path), 1, 1), "the story has no start scene")

    story = Story(
        title=info.get("title", "Untitled"), start=start or "", people=dict(loader.names.people),
        stats=dict(loader.names.stats), resources=dict(loader.names.resources),
        flags=dict(loader.names.flags), scenes=scenes, endings=tuple(endings),
        facts=dict(loader.facts), title_native=info.get("title_native", ""),
        version=info.get("version", ""), content_note=info.get("content_note", ""),
        synopsis=info.get("synopsis", ""), root=root,
        fingerprint=digest.hexdigest()[:16], files=tuple(shown for _, shown, _ in documents))
    if start is not None and not loader.diag.errors:
        checks.check_story(story, loader.diag, loader.condition_reads, loader.effects,
                           SourceLocation(display_path(manifest_path), 1, 1))
    findings = loader.diag.sorted()
    if any(d.severity == "error" for d in findings):
        return None, findings
    return _with_warnings(story, findings), findings


def _with_warnings(story: Story, findings: list[Diagnostic]) -> Story:
    from dataclasses import replace
    return replace(story, warnings=tuple(d for d in findings if d.severity == "warning"))


def load_story(root: Path, assets: Path | None = None, check_assets: bool = True) -> Story:
    """Loads a story or raises StoryError with every finding."""
    story, findings = load_story_with_diagnostics(root, assets, check_assets)
    if story is None:
        raise StoryError(findings)
    return story
