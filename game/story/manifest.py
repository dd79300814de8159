"""Reading the manifest, story.yaml: the title, the start, the people, their stats and resources."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from game.story.fields import FieldReader
from game.story.located import YMap
from game.story.model import Person, ResourceDef, StatDef
from game.story.suggest import did_you_mean_or_list

FORMAT_VERSION = 1
MANIFEST = "story.yaml"
CONTENT_KEYS = ("scenes", "extend", "endings", "facts", "flags", "defaults", "lessons")
MANIFEST_KEYS = (
    "format",
    "title",
    "title_native",
    "version",
    "start",
    "content_note",
    "synopsis",
    "people",
    "stats",
    "resources",
    *CONTENT_KEYS,
)


def read_manifest(reader: FieldReader, data: YMap) -> dict[str, Any]:
    """The manifest's own fields; declares its stats, resources and people in `reader.names`."""
    reader.keys(data, MANIFEST_KEYS, "the manifest")
    fmt = reader.integer(data, "format", "the manifest", FORMAT_VERSION)
    if fmt is not None and fmt > FORMAT_VERSION:
        reader.error(
            data.value_loc("format"),
            f"this story needs story format {fmt}; this "
            f"version of the game reads format {FORMAT_VERSION}: update the game",
        )
    info: dict[str, Any] = {
        "title": reader.text(data, "title", "the manifest", required=True) or "Untitled",
        "title_native": reader.text(data, "title_native", "the manifest") or "",
        "version": reader.text(data, "version", "the manifest") or "",
        "content_note": reader.text(data, "content_note", "the manifest") or "",
        "synopsis": reader.text(data, "synopsis", "the manifest") or "",
        "start": None,
    }
    if "start" not in data:
        reader.error(data.loc, "the manifest needs 'start': the id of the first scene")
    else:
        info["start"] = (data["start"], data.value_loc("start"))

    _read_stats(reader, data)
    _read_resources(reader, data)
    _read_people(reader, data)
    return info


def _read_stats(reader: FieldReader, data: YMap) -> None:
    """Declares the stats every person has."""
    for stat_id, spec in _declared(reader, data, "stats", "stat"):
        what = f"stat '{stat_id}'"
        reader.keys(spec, ("label", "min", "max", "start", "rise", "fall"), what)
        low = reader.integer(spec, "min", what, 0)
        high = reader.integer(spec, "max", what, 10)
        start = reader.integer(spec, "start", what, low)
        if low is not None and high is not None and low > high:
            reader.error(spec.value_loc("min"), f"{what}: min {low} is above max {high}")
        elif start is not None and low is not None and high is not None and not low <= start <= high:
            reader.error(spec.value_loc("start"), f"{what}: start {start} is outside {low}..{high}")
        reader.names.stats[stat_id] = StatDef(
            stat_id,
            reader.text(spec, "label", what) or stat_id.replace("_", " ").capitalize(),
            low or 0,
            high if high is not None else 10,
            start or 0,
            reader.text(spec, "rise", what) or f"{stat_id} rises",
            reader.text(spec, "fall", what) or f"{stat_id} falls",
        )


def _read_resources(reader: FieldReader, data: YMap) -> None:
    """Declares the family's resources, such as savings."""
    for res_id, spec in _declared(reader, data, "resources", "resource"):
        what = f"resource '{res_id}'"
        reader.keys(spec, ("label", "start", "min", "max", "unit", "rise", "fall", "notable"), what)
        start = reader.integer(spec, "start", what, 0) or 0
        notable = reader.integer(spec, "notable", what, 1)
        if notable is None or notable < 1:
            reader.error(
                spec.value_loc("notable"),
                f"{what}: 'notable' is the smallest change that shows the consequence card: 1 or more",
            )
            notable = 1
        low, high = reader.integer(spec, "min", what), reader.integer(spec, "max", what)
        if low is not None and high is not None and low > high:
            reader.error(spec.value_loc("min"), f"{what}: min {low} is above max {high}")
        elif low is not None and start < low:
            reader.error(spec.value_loc("start"), f"{what}: start {start} is below its min {low}")
        elif high is not None and start > high:
            reader.error(spec.value_loc("start"), f"{what}: start {start} is above its max {high}")
        reader.names.resources[res_id] = ResourceDef(
            res_id,
            reader.text(spec, "label", what) or res_id.replace("_", " ").capitalize(),
            start,
            low,
            high,
            reader.text(spec, "unit", what) or "",
            reader.text(spec, "rise", what) or f"{res_id} grows",
            reader.text(spec, "fall", what) or f"{res_id} shrinks",
            notable,
        )


def _declared(reader: FieldReader, data: YMap, section: str, kind: str) -> Iterator[tuple[str, YMap]]:
    """The well-formed entries of a declaration table (`stats:` or `resources:`) as (id, spec),
    each malformed section, id or entry reported and skipped."""
    if section not in data:
        return
    table = reader.mapping(data[section], data.value_loc(section), f"'{section}'")
    if table is None:
        return
    for entry_id, spec in table.items():
        if reader.identifier(entry_id, table.key_loc(entry_id), f"the {kind} id") is None:
            continue
        entry = reader.mapping(spec, table.value_loc(entry_id), f"{kind} '{entry_id}'")
        if entry is not None:
            yield entry_id, entry


def _read_people(reader: FieldReader, data: YMap) -> None:
    """Declares the people, with their own starting stats and portraits."""
    people = (
        reader.mapping(data["people"], data.value_loc("people"), "'people'") if "people" in data else None
    )
    if not people:
        reader.error(data.loc, "the manifest needs 'people': at least one person")
        return
    for person_id, spec in people.items():
        loc = people.key_loc(person_id)
        if reader.identifier(person_id, loc, "the person id") is None:
            continue
        if person_id in reader.names.stats or person_id in reader.names.resources:
            reader.error(loc, f"'{person_id}' is already the name of a stat or resource")
        spec = reader.mapping(spec, people.value_loc(person_id), f"person '{person_id}'")
        if spec is None:
            continue
        what = f"person '{person_id}'"
        reader.keys(spec, ("name", "short", "role", "born", "portraits", "start"), what)
        name = reader.text(spec, "name", what, required=True) or person_id
        starts = _read_starts(reader, spec, what)
        portraits = _read_portraits(reader, spec, what)
        reader.names.people[person_id] = Person(
            person_id,
            name,
            reader.text(spec, "short", what) or name.split()[-1],
            reader.text(spec, "role", what) or "",
            reader.integer(spec, "born", what),
            tuple(sorted(portraits)),
            starts,
        )


def _read_starts(reader: FieldReader, spec: YMap, what: str) -> dict[str, int]:
    """A person's own starting stats, where they differ from the stat's start."""
    starts: dict[str, int] = {}
    if "start" not in spec:
        return starts
    own = reader.mapping(spec["start"], spec.value_loc("start"), f"{what}'s 'start'")
    if own is None:
        return starts
    for stat_id in own:
        if stat_id not in reader.names.stats:
            reader.error(
                own.key_loc(stat_id),
                f"unknown stat '{stat_id}'"
                + did_you_mean_or_list(stat_id, {"the stats are": reader.names.stats}),
            )
            continue
        stat = reader.names.stats[stat_id]
        number = reader.integer(own, stat_id, f"{what}'s 'start'")
        if number is not None and not stat.min <= number <= stat.max:
            reader.error(
                own.value_loc(stat_id), f"{what}: {stat_id} {number} is outside {stat.min}..{stat.max}"
            )
        elif number is not None:
            starts[stat_id] = number
    return starts


def _read_portraits(reader: FieldReader, spec: YMap, what: str) -> list[tuple[int, str]]:
    """A person's portraits by year: one name, or a mapping of year to name."""
    portraits: list[tuple[int, str]] = []
    if "portraits" not in spec:
        return portraits
    table = spec["portraits"]
    table_map: dict[Any, Any]
    if isinstance(table, str):
        table_map = {0: table}
        locs = {0: spec.value_loc("portraits")}
    else:
        mapping = reader.mapping(table, spec.value_loc("portraits"), f"{what}'s 'portraits'")
        table_map = dict(mapping) if mapping is not None else {}
        locs = {k: mapping.value_loc(k) for k in table_map} if mapping is not None else {}
    for year, image in table_map.items():
        if isinstance(year, bool) or not isinstance(year, int):
            reader.error(locs[year], f"{what}'s portraits are keyed by year, as in 1990: name")
            continue
        if reader.identifier(image, locs[year], "the portrait") is not None:
            reader.asset_exists("portraits", image, locs[year])
            portraits.append((year, image))
    return portraits
