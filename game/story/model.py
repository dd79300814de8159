"""The loaded story: frozen values, shared by every session that plays it.

The small values are NamedTuples and the large ones frozen dataclasses: both immutable, but a
dataclass's methods are generated from source when the module is imported (about half a
millisecond each, on every start of the game), while the loader and tests `replace()` only
scenes, choices and the story."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from game.story.expressions import Condition, Effect
from game.story.location import Diagnostic, SourceLocation

if TYPE_CHECKING:
    from game.story.lessons import Lesson


class Text(NamedTuple):
    """Prose with optional `{savings}`-style placeholders, resolved at load."""

    source: str
    parts: tuple[str | Callable[[Any], Any], ...] = ()

    def render(self, state: Any) -> str:
        if not self.parts:
            return self.source
        out = []
        for part in self.parts:
            if isinstance(part, str):
                out.append(part)
            else:
                value = part(state)
                out.append(
                    f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else str(value)
                )
        return "".join(out)

    def __str__(self) -> str:
        return self.source


def paragraphs(text: str) -> list[str]:
    """Splits prose at blank lines and joins each paragraph's lines with spaces."""
    blocks = re.split(r"\n\s*\n", text.strip())
    return [
        " ".join(line.strip() for line in block.splitlines()).strip() for block in blocks if block.strip()
    ]


def paragraph_words(parts: Iterable[str]) -> int:
    """Words in paragraphs as `paragraphs` makes them."""
    # Their words are joined by single spaces: counting the spaces is exact and much cheaper
    # than splitting, on the explorer's hot path.
    return sum(p.count(" ") + 1 for p in parts if p)


def count_words(text: str) -> int:
    return len(text.split())


class StatDef(NamedTuple):
    """A stat every person has (wellbeing, closeness, hope): bounds and the words for a change."""

    id: str
    label: str
    min: int
    max: int
    start: int
    rise: str
    fall: str


class ResourceDef(NamedTuple):
    """A resource of the family (savings): bounds, unit and the words for a change."""

    id: str
    label: str
    start: int
    min: int | None
    max: int | None
    unit: str
    rise: str
    fall: str
    notable: int = 1  # the smallest change that shows the consequence card by itself


class FlagDef(NamedTuple):
    """A true-or-false fact about the playthrough, with its words for the player."""

    id: str
    start: bool
    label: str  # shown when it becomes true ("" : never shown: no internal name reaches a player)
    location: SourceLocation
    unset: str = ""  # shown when it becomes false ("": not shown)


class Person(NamedTuple):
    """A family member: names, role, birth year, portraits by year and starting stats."""

    id: str
    name: str
    short: str
    role: str
    born: int | None
    portraits: tuple[tuple[int, str], ...]  # (from year, image), sorted
    start: Mapping[str, int]

    def portrait(self, year: int | None) -> str | None:
        """The portrait image for the story year (the earliest one before any year is known)."""
        if not self.portraits:
            return None
        chosen = self.portraits[0][1]
        for since, image in self.portraits:
            if year is not None and year >= since:
                chosen = image
        return chosen

    def present(self, year: int | None) -> bool:
        return self.born is None or year is None or year >= self.born


class Variant(NamedTuple):
    """Text added to (or replacing) a scene's text when its condition holds."""

    condition: Condition | None
    text: Text
    replace: bool = False
    backdrop: str | None = None  # the picture behind the scene while this variant holds


@dataclass(frozen=True)
class Choice:
    """One choice of a scene: text, condition, lock reason, effects, words and target."""

    id: str  # unique within its scene
    scene: str
    text: str
    goto: str
    condition: Condition | None = None
    locked: str | None = None  # shown when the condition fails; hidden if None
    effects: tuple[Effect, ...] = ()
    says: Text | None = None
    is_continue: bool = False
    film: bool = False  # the choice the real family made, as the documentary shows it
    quiet: bool = False  # no consequence card after it: its changes go quietly to the family page
    location: SourceLocation = field(default=SourceLocation("<story>"), compare=False)

    @functools.cached_property
    def full_id(self) -> str:
        """`scene.choice`, as conditions, saves and decision logs name it."""
        return f"{self.scene}.{self.id}"


MOODS = ("neutral", "sad", "glad", "angry")  # the expressions a portrait is drawn with


@dataclass(frozen=True)
class Scene:
    """One scene: where and when, whose choice, text and variants, choices or an end."""

    id: str
    text: Text
    chapter: str = ""
    place: str = ""
    when: str = ""
    year: int | None = None
    pov: str | None = None
    mood: str | None = None  # the point-of-view person's expression (one of MOODS)
    backdrop: str | None = None
    key: str | None = None
    variants: tuple[Variant, ...] = ()
    choices: tuple[Choice, ...] = ()
    end: bool = False
    discuss: str | None = None
    fact: str | None = None
    documentary: str | None = None
    teacher_note: str | None = None  # for the teacher, shown in class before the scene
    location: SourceLocation = field(default=SourceLocation("<story>"), compare=False)

    def words(self) -> int:
        total = count_words(self.text.source) + sum(count_words(v.text.source) for v in self.variants)
        for choice in self.choices:
            total += count_words(choice.text) + (count_words(choice.says.source) if choice.says else 0)
        return total


class EpilogueLine(NamedTuple):
    """One person's epilogue line in an ending, with the condition it needs."""

    condition: Condition | None
    text: Text


@dataclass(frozen=True)
class Ending:
    """An ending: where and when it applies, its title and text, an epilogue per person."""

    id: str
    title: str
    text: Text
    epilogue: Mapping[str, tuple[EpilogueLine, ...]]
    condition: Condition | None = None
    from_scenes: frozenset[str] | None = None
    priority: int = 0
    documentary: str | None = None
    location: SourceLocation = field(default=SourceLocation("<story>"), compare=False)

    def applies(self, scene: str, state: Any) -> bool:
        if self.from_scenes is not None and scene not in self.from_scenes:
            return False
        return self.condition is None or self.condition.holds(state)

    def words(self) -> int:
        lines = sum(count_words(line.text.source) for ls in self.epilogue.values() for line in ls)
        return count_words(self.text.source) + lines


class Fact(NamedTuple):
    """A fact card: title, figure, explanation and source."""

    id: str
    title: str
    figure: str
    text: str
    source: str
    url: str | None = None


@dataclass(frozen=True)
class Story:
    """Everything the engine needs to play a story; never changes once loaded."""

    title: str
    start: str
    people: Mapping[str, Person]
    stats: Mapping[str, StatDef]
    resources: Mapping[str, ResourceDef]
    flags: Mapping[str, FlagDef]
    scenes: Mapping[str, Scene]
    endings: tuple[Ending, ...]  # in the order they are tried
    facts: Mapping[str, Fact]
    title_native: str = ""
    version: str = ""
    content_note: str = ""
    synopsis: str = ""  # for the teacher guide: the whole story in a few paragraphs
    root: Path = Path(".")
    fingerprint: str = ""
    files: tuple[str, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    lessons: tuple[Lesson, ...] = ()  # lesson routes for classroom mode (game.story.lessons)
    draft: bool = False  # loaded in draft mode: unreachable scenes were warnings (a reload keeps it)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def choice(self, full_id: str) -> Choice | None:
        scene_id, _, choice_id = full_id.rpartition(".")
        scene = self.scenes.get(scene_id)
        if scene is None:
            return None
        for choice in scene.choices:
            if choice.id == choice_id:
                return choice
        return None

    def chapters(self) -> list[str]:
        """Chapter names in the order their first scene appears."""
        seen: dict[str, None] = {}
        for scene in self.scenes.values():
            if scene.chapter:
                seen.setdefault(scene.chapter, None)
        return list(seen)

    def words(self) -> int:
        return sum(s.words() for s in self.scenes.values()) + sum(e.words() for e in self.endings)
