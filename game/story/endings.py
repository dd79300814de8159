"""Reading endings and their epilogues, once the scenes are read."""

from __future__ import annotations

from typing import Any

from game.story.fields import FieldReader, brief
from game.story.located import YList, YMap
from game.story.location import SourceLocation
from game.story.model import Ending, EpilogueLine, Scene
from game.story.suggest import did_you_mean

ENDING_KEYS = ("id", "title", "priority", "from", "if", "text", "epilogue", "documentary")


def read_ending(
    reader: FieldReader,
    spec: YMap,
    loc: SourceLocation,
    seen: dict[str, SourceLocation],
    scenes: dict[str, Scene],
) -> Ending | None:
    """One ending, or None when it cannot be used; `seen` holds the ending ids so far."""
    reader.keys(spec, ENDING_KEYS, "an ending")
    ending_id = spec.get("id")
    if ending_id is None:
        reader.error(loc, "an ending needs an 'id'")
        return None
    if reader.identifier(ending_id, spec.value_loc("id"), "the ending id") is None:
        return None
    if ending_id in seen:
        reader.error(
            spec.value_loc("id"), f"the ending id '{ending_id}' is used twice (first at {seen[ending_id]})"
        )
        return None
    seen[ending_id] = spec.value_loc("id")
    what = f"ending '{ending_id}'"
    from_scenes = None
    if "from" in spec:
        raw_from = spec["from"]
        items = [raw_from] if isinstance(raw_from, str) else raw_from
        if not isinstance(items, list):
            reader.error(spec.value_loc("from"), "'from' should be a list of end scene ids")
            items = []
        names = set()
        for index, name in enumerate(items):
            item_loc = items.item_loc(index) if isinstance(items, YList) else spec.value_loc("from")
            if not isinstance(name, str) or name not in scenes:
                reader.target_exists(name, item_loc, what)  # reports an unknown or odd name
                continue
            if not scenes[name].end:
                reader.error(item_loc, f"'{name}' is not an end scene (it has no 'end: true')")
            names.add(name)
        from_scenes = frozenset(names)
    epilogue = _read_epilogue(reader, spec, loc, what)
    priority = reader.integer(spec, "priority", what, 0) or 0
    return Ending(
        ending_id,
        reader.prose(spec, "title", what, required=True) or ending_id,
        reader.compile_text(reader.text(spec, "text", what) or "", spec.value_loc("text")),
        epilogue,
        reader.condition(spec, "if"),
        from_scenes,
        priority,
        reader.prose(spec, "documentary", what),
        loc,
    )


def _read_epilogue(
    reader: FieldReader, spec: YMap, loc: SourceLocation, what: str
) -> dict[str, tuple[EpilogueLine, ...]]:
    """An ending's epilogue: lines for every person of the story, and for no one else."""
    epilogue: dict[str, tuple[EpilogueLine, ...]] = {}
    raw_epilogue = spec.get("epilogue")
    if raw_epilogue is None:
        reader.error(loc, f"{what} needs an 'epilogue' with a line for each person")
        return epilogue
    table = reader.mapping(raw_epilogue, spec.value_loc("epilogue"), f"the epilogue of {what}")
    if table is None:
        return epilogue
    for person in table:
        if person not in reader.names.people:
            reader.error(
                table.key_loc(person),
                f"unknown person '{brief(person)}' in the epilogue"
                + did_you_mean(person, reader.names.people),
            )
    for person in reader.names.people:
        if person not in table:
            reader.error(table.loc, f"the epilogue of {what} has no line for '{person}'")
            continue
        epilogue[person] = epilogue_lines(
            reader, table[person], table.value_loc(person), f"{person}'s epilogue in {what}"
        )
    return epilogue


def epilogue_lines(
    reader: FieldReader, value: Any, loc: SourceLocation, what: str
) -> tuple[EpilogueLine, ...]:
    """One person's epilogue: a line, or conditional lines whose last always applies."""
    if isinstance(value, str):
        return (EpilogueLine(None, reader.compile_text(value, loc)),)
    if not isinstance(value, YList) or not value:
        reader.error(loc, f"{what} should be a line of text or a list of '- if: …' / 'text: …'")
        return ()
    lines = []
    for index, item in enumerate(value):
        spec = reader.mapping(item, value.item_loc(index), what)
        if spec is None:
            continue
        reader.keys(spec, ("if", "text"), what)
        source = reader.text(spec, "text", what, required=True) or ""
        lines.append(
            EpilogueLine(reader.condition(spec, "if"), reader.compile_text(source, spec.value_loc("text")))
        )
    if lines and lines[-1].condition is not None:
        reader.error(
            value.item_loc(len(value) - 1),
            f"the last entry of {what} should have no 'if', so that some line always applies",
        )
    return tuple(lines)
