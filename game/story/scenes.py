"""Reading scenes and their choices: the second pass, once every name is declared."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from game.story.expressions import Effect
from game.story.fields import ID, FieldReader, brief, type_name
from game.story.located import YList, YMap
from game.story.location import SourceLocation
from game.story.model import MOODS, Choice, Fact, Scene, Variant
from game.story.suggest import did_you_mean

SCENE_KEYS = (
    "chapter",
    "place",
    "when",
    "pov",
    "mood",
    "backdrop",
    "key",
    "text",
    "variants",
    "choices",
    "next",
    "end",
    "discuss",
    "fact",
    "documentary",
    "teacher_note",
)
_CHOICE_KEYS = ("id", "text", "if", "locked", "effects", "says", "goto", "film", "quiet")
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass
class RawScene:
    """A scene as read, before defaults and `extend:` additions are folded in."""

    id: str
    data: YMap
    loc: SourceLocation
    defaults: YMap | None
    extra_choices: list[tuple[YMap, SourceLocation]] = field(default_factory=list)
    extra_variants: list[tuple[YMap, SourceLocation]] = field(default_factory=list)


def raw_choice_items(raw: RawScene) -> list[tuple[Any, SourceLocation]]:
    """A scene's choices as written: its own, then those added by `extend:`."""
    items: list[tuple[Any, SourceLocation]] = []
    choices = raw.data.get("choices")
    if isinstance(choices, YList):
        items.extend((item, choices.item_loc(i)) for i, item in enumerate(choices))
    items.extend(raw.extra_choices)
    return items


class _SceneFields:
    """A scene's single-valued fields, each from the scene or else its file's `defaults:`, read with
    what is wrong in them reported."""

    def __init__(self, reader: FieldReader, raw: RawScene) -> None:
        self.reader = reader
        self.raw = raw
        self.what = f"scene '{raw.id}'"

    def find(self, key: str) -> tuple[Any, SourceLocation] | None:
        """The value and its place, from the scene or its defaults; None when neither has it."""
        data, defaults = self.raw.data, self.raw.defaults
        if key in data:
            return data[key], data.value_loc(key)
        if defaults is not None and key in defaults:
            return defaults[key], defaults.value_loc(key)
        return None

    def where(self, key: str) -> SourceLocation:
        """Where the value of `key` was written (the scene, when nowhere)."""
        found = self.find(key)
        return found[1] if found else self.raw.loc

    def plain(self, key: str) -> str:
        """A text field ("" when absent or not text, which is reported)."""
        found = self.find(key)
        if found is None or found[0] is None:
            return ""
        value, loc = found
        if isinstance(value, (YMap, YList)) or isinstance(value, bool):
            self.reader.error(loc, f"'{key}' in {self.what} should be text, not {type_name(value)}")
            return ""
        return str(value)

    def check_headings(self) -> None:
        """Chapter, place and time are shown as written: their text is checked for that."""
        for key in ("chapter", "place", "when"):
            found = self.find(key)
            if found is not None and isinstance(found[0], str):
                self.reader.shown_as_written(found[0], found[1], f"'{key}'")

    def pov(self) -> str | None:
        """The point-of-view person, who must be one of the story's people."""
        pov = self.plain("pov") or None
        people = self.reader.names.people
        if pov is not None and pov not in people:
            message = f"unknown person '{brief(pov)}' as the point of view" + did_you_mean(pov, people)
            self.reader.error(self.where("pov"), message)
        return pov

    def mood(self) -> str | None:
        """One of MOODS; None (after an error) for any other."""
        mood = self.plain("mood") or None
        if mood is not None and mood not in MOODS:
            self.reader.error(
                self.where("mood"),
                f"unknown mood '{brief(mood)}': one of {', '.join(MOODS)}" + did_you_mean(mood, MOODS),
            )
            return None
        return mood

    def backdrop(self) -> str | None:
        """A backdrop's name, which must be an identifier with a picture in the assets."""
        backdrop = self.plain("backdrop") or None
        if backdrop is None:
            return None
        loc = self.where("backdrop")
        if self.reader.identifier(backdrop, loc, "the backdrop") is None:
            return None
        self.reader.asset_exists("backdrops", backdrop, loc)
        return backdrop

    def fact(self, facts: dict[str, Fact]) -> str | None:
        """The fact card's id, which must name one of the story's fact cards."""
        data, reader = self.raw.data, self.reader
        fact = reader.text(data, "fact", self.what)
        if fact is not None and fact not in facts and not reader.incomplete:
            reader.error(
                data.value_loc("fact"), f"unknown fact card '{brief(fact)}'" + did_you_mean(fact, facts)
            )
        return fact


def read_scene(reader: FieldReader, raw: RawScene, facts: dict[str, Fact]) -> Scene:
    """The scene `raw` with its defaults and extensions folded in; reports what is wrong."""
    data, sid = raw.data, raw.id
    fields = _SceneFields(reader, raw)
    what = fields.what
    reader.keys(data, SCENE_KEYS, what)
    text_source = reader.text(data, "text", what, required=True) or ""
    text = reader.compile_text(text_source, data.value_loc("text"))
    when = fields.plain("when")
    fields.check_headings()
    years = _YEAR.findall(when)
    pov = fields.pov()
    mood = fields.mood()
    backdrop = fields.backdrop()
    fact = fields.fact(facts)
    variants = _read_variants(reader, raw)
    choices, end = _read_ways_on(reader, raw, what)
    return Scene(
        id=sid,
        text=text,
        chapter=fields.plain("chapter"),
        place=fields.plain("place"),
        when=when,
        year=int(years[-1]) if years else None,
        pov=pov,
        mood=mood,
        backdrop=backdrop,
        key=reader.prose(data, "key", what),
        variants=tuple(variants),
        choices=tuple(choices),
        end=end,
        discuss=reader.prose(data, "discuss", what),
        fact=fact,
        documentary=reader.prose(data, "documentary", what),
        teacher_note=reader.prose(data, "teacher_note", what),
        location=raw.loc,
    )


def _read_ways_on(reader: FieldReader, raw: RawScene, what: str) -> tuple[list[Choice], bool]:
    """A scene's way on, exactly one of: its choices (with those added by `extend:`), `next:` (a
    single Continue) or `end: true`; returns the choices and whether it is an end."""
    data, sid = raw.data, raw.id
    ways = [key for key in ("choices", "next", "end") if key in data]
    if raw.extra_choices and "choices" not in ways:
        ways.append("choices")
    if len(ways) > 1:
        reader.error(
            raw.loc,
            f"{what} has {' and '.join(repr(w) for w in ways)}: give it only one "
            "way on (choices, next or end)",
        )
    choices: list[Choice] = []
    end = False
    if "end" in data:
        end = data["end"] is True
        if data["end"] is not True:
            reader.error(data.value_loc("end"), "'end' should be true (or leave it out)")
    if "next" in data:
        target = data["next"]
        if reader.target_exists(target, data.value_loc("next"), what):
            choices.append(
                Choice("continue", sid, "", target, is_continue=True, location=data.value_loc("next"))
            )
    if "choices" in data and not isinstance(data["choices"], YList):
        reader.error(data.value_loc("choices"), "'choices' should be a list (lines starting with '- ')")
    seen: dict[str, SourceLocation] = {}
    for item, loc in raw_choice_items(raw):
        choice = read_choice(reader, sid, item, loc, seen)
        if choice is not None:
            choices.append(choice)
    if not ways and not raw.extra_choices:
        reader.error(raw.loc, f"{what} has no way on: add 'choices', 'next: SCENE' or 'end: true'")
    elif not raw_choice_items(raw) and "choices" in data:
        reader.error(data.value_loc("choices"), f"{what} has an empty list of choices")
    return choices, end


def _read_variants(reader: FieldReader, raw: RawScene) -> list[Variant]:
    """A scene's variants: its own, then those added by `extend:`."""
    data = raw.data
    variants = []
    raw_variants: list[tuple[Any, SourceLocation]] = []
    if "variants" in data:
        if isinstance(data["variants"], YList):
            items = data["variants"]
            raw_variants.extend((item, items.item_loc(i)) for i, item in enumerate(items))
        else:
            reader.error(
                data.value_loc("variants"), "'variants' should be a list of '- if: …' / 'text: …' entries"
            )
    raw_variants.extend(raw.extra_variants)
    for item, loc in raw_variants:
        spec = reader.mapping(item, loc, "a variant")
        if spec is None:
            continue
        reader.keys(spec, ("if", "text", "replace", "backdrop"), "a variant")
        source = reader.text(spec, "text", "a variant", required="backdrop" not in spec) or ""
        picture = reader.text(spec, "backdrop", "a variant")
        if picture is not None:
            if reader.identifier(picture, spec.value_loc("backdrop"), "the backdrop") is None:
                picture = None
            else:
                reader.asset_exists("backdrops", picture, spec.value_loc("backdrop"))
        replace = spec.get("replace", False)
        if not isinstance(replace, bool):
            reader.error(spec.value_loc("replace"), "'replace' should be true or false")
            replace = False
        if "if" not in spec:
            reader.error(spec.loc, "a variant needs 'if': the condition that shows it")
        text_loc = spec.value_loc("text") if "text" in spec else spec.loc
        variants.append(
            Variant(reader.condition(spec, "if"), reader.compile_text(source, text_loc), replace, picture)
        )
    return variants


def read_choice(
    reader: FieldReader, sid: str, item: Any, loc: SourceLocation, seen: dict[str, SourceLocation]
) -> Choice | None:
    """The choice `item` of scene `sid`, or None after reporting what is wrong with it.

    Every part is checked even when another is wrong (a misspelt 'goto' does not hide a mistake
    in the choice's 'if' or effects, nor the next choice's repeated id), so that one run of
    `check` reports every mistake."""
    spec = reader.mapping(item, loc, "a choice")
    if spec is None:
        return None
    reader.keys(spec, _CHOICE_KEYS, "a choice")
    text = reader.prose(spec, "text", "a choice", required=True) or ""
    goto = spec.get("goto")
    if "goto" in spec:
        leads_on = reader.target_exists(goto, spec.value_loc("goto"), "a choice")
    else:
        reader.error(spec.loc, "a choice needs 'goto': the scene it leads to")
        leads_on = False
    local: str | None = None
    if "id" in spec:
        id_loc = spec.value_loc("id")
        local = reader.identifier(spec["id"], id_loc, "the choice id")
    elif isinstance(goto, str) and ID.match(goto):  # a misspelt target still names the choice
        id_loc = spec.value_loc("goto")
        local = goto
    unique = local is not None and local not in seen
    if local is not None and not unique:
        hint = "" if "id" in spec else "; two choices lead there: give each an 'id'"
        reader.error(
            id_loc, f"the choice id '{local}' is used twice in scene '{sid}' (first at {seen[local]}{hint})"
        )
    elif local is not None:
        seen[local] = id_loc
    effects: list[Effect] = []
    if "effects" in spec:
        raw_effects = spec["effects"]
        if isinstance(raw_effects, str):
            raw_effects_list = [(raw_effects, spec.value_loc("effects"))]
        elif isinstance(raw_effects, YList):
            raw_effects_list = [(e, raw_effects.item_loc(i)) for i, e in enumerate(raw_effects)]
        else:
            reader.error(
                spec.value_loc("effects"),
                "'effects' should be a list such as [savings -= 100, qin.hope += 1]",
            )
            raw_effects_list = []
        for source, effect_loc in raw_effects_list:
            effect = reader.effect(source, effect_loc)
            if effect is not None:
                effects.append(effect)
    says = reader.prose(spec, "says", "a choice")
    locked = reader.prose(spec, "locked", "a choice")
    if "text" in spec:
        reader.shown_as_written(text, spec.value_loc("text"), "a choice's 'text'")
    if locked is not None:
        reader.shown_as_written(locked, spec.value_loc("locked"), "a choice's 'locked'")
    if locked is not None and "if" not in spec:
        reader.error(
            spec.value_loc("locked"),
            "'locked' explains a failing 'if': add the condition, or remove 'locked'",
        )
    film = spec.get("film", False)
    if not isinstance(film, bool):
        reader.error(spec.value_loc("film"), "'film' should be true (the real family's choice) or left out")
        film = False
    quiet = spec.get("quiet", False)
    if not isinstance(quiet, bool):
        reader.error(
            spec.value_loc("quiet"),
            "'quiet' should be true (no consequence card after this choice) or left out",
        )
        quiet = False
    condition = reader.condition(spec, "if")
    said = reader.compile_text(says, spec.value_loc("says")) if says else None
    if not leads_on or not isinstance(goto, str) or local is None or not unique:
        return None
    return Choice(
        local, sid, text, goto, condition, locked, tuple(effects), said, film=film, quiet=quiet, location=loc
    )
