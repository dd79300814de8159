"""Lessons: routes through the story that fit a class period, declared in YAML beside the scenes.

A lesson has a title, its minutes, and one or more parts. A part begins at a scene (or at the first
of several that the class's road can reach) and covers a set of scenes (listed, or whole chapters);
when the story leaves them, the lesson travels along the real family's road to the next part, or
closes. A lesson names its key decisions (where the class votes), the discussion prompts it keeps,
a starting state, and how it closes: what really happened next and a last question.

    lessons:
      three_choices:
        title: Three choices
        minutes: 45
        summary: Leave the village, quit school, go home for New Year.
        parts:
          - title: Leaving Huilong
            from: huilong_decision
            scenes: [huilong_decision, huilong_stay_year, huilong_second_spring]
            bridge: Sixteen years pass.
        close:
          next: What really happened next.
          question: What would you have done?

No pygame and no engine here: this module reads and checks; game.engine.lessons plays.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from game.story.located import YList, YMap
from game.story.location import Diagnostics, SourceLocation
from game.story.model import Scene, paragraphs
from game.story.suggest import did_you_mean

_LESSON_KEYS = ("title", "minutes", "summary", "parts", "key", "prompts", "pause", "facts", "set", "close")
_PART_KEYS = ("title", "from", "scenes", "chapters", "bridge")
_CLOSE_KEYS = ("next", "question")
DEFAULT_PAUSE_MINUTES = 3


@dataclass(frozen=True)
class LessonPart:
    """One stretch of a lesson: where it may begin, the scenes it covers, and the words after it."""

    title: str
    starts: tuple[str, ...]  # the first of these the class's road reaches begins the part
    scenes: frozenset[str]
    bridge: str = ""  # read when the part ends and the lesson moves on


@dataclass(frozen=True)
class Lesson:
    """A lesson route: parts, key decisions, kept prompts, starting state and its close."""

    id: str
    title: str
    minutes: int
    parts: tuple[LessonPart, ...]
    key: frozenset[str]  # scenes where the class votes
    prompts: frozenset[str]  # scenes whose discussion prompt the lesson keeps
    summary: str = ""
    pause_minutes: int = DEFAULT_PAUSE_MINUTES  # for each kept discussion prompt
    sets: tuple[tuple[str, str], ...] = ()  # starting state, as `--set NAME=VALUE`
    close_next: str = ""  # what really happened next
    close_question: str = ""
    facts: bool = True  # whether the covered scenes' fact cards are shown
    location: SourceLocation = field(default=SourceLocation("<story>"), compare=False)

    @property
    def scenes(self) -> frozenset[str]:
        """Every scene the lesson covers."""
        return frozenset().union(*(part.scenes for part in self.parts))

    @property
    def start(self) -> str:
        return self.parts[0].starts[0]


class _Reader:
    """Reads the raw `lessons:` sections into Lessons, reporting every mistake with its place."""

    def __init__(self, scenes: Mapping[str, Scene], names: Any, diag: Diagnostics, incomplete: bool) -> None:
        self.scenes = scenes
        self.names = names  # the loader's names: people, stats, resources, flags
        self.diag = diag
        self.incomplete = incomplete  # a story file could not be read: its scenes are not known
        self.chapters: dict[str, list[str]] = {}
        for scene in scenes.values():
            if scene.chapter:
                self.chapters.setdefault(scene.chapter, []).append(scene.id)

    def error(self, loc: SourceLocation, message: str) -> None:
        self.diag.error(loc, message)

    def keys(self, data: YMap, allowed: tuple[str, ...], what: str) -> None:
        for key in data:
            if key not in allowed:
                self.error(data.key_loc(key), f"unknown field '{key}' in {what}" + did_you_mean(key, allowed))

    def text(self, data: YMap, key: str, what: str, required: bool = False) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.error(data.loc, f"{what} needs '{key}'")
            return ""
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(data.value_loc(key), f"'{key}' in {what} should be text")
            return ""
        return "\n\n".join(paragraphs(str(value)))

    def scene_ids(self, value: Any, loc: SourceLocation, what: str, item_loc: Any) -> list[str]:
        """A scene id or a list of them; unknown ids are reported (with a suggestion)."""
        items = list(value) if isinstance(value, YList) else [value]
        found = []
        for index, item in enumerate(items):
            where = item_loc(index) if isinstance(value, YList) else loc
            if not isinstance(item, str) or item not in self.scenes:
                if not (self.incomplete and isinstance(item, str)):
                    self.error(
                        where, f"{what}: there is no scene '{item}'" + did_you_mean(str(item), self.scenes)
                    )
                continue
            found.append(item)
        return found

    def list_of_scenes(self, data: YMap, key: str, what: str) -> list[str] | None:
        if key not in data:
            return None
        value = data[key]
        if not isinstance(value, (YList, str)):
            self.error(data.value_loc(key), f"'{key}' in {what} should be a scene id or a list of them")
            return []
        items = value.item_loc if isinstance(value, YList) else None
        return self.scene_ids(value, data.value_loc(key), f"'{key}' in {what}", items)

    # ------------------------------------------------------------------ one lesson

    def lesson(self, lesson_id: str, data: YMap, loc: SourceLocation) -> Lesson | None:
        what = f"lesson '{lesson_id}'"
        self.keys(data, _LESSON_KEYS, what)
        title = self.text(data, "title", what, required=True)
        minutes = data.get("minutes")
        if isinstance(minutes, bool) or not isinstance(minutes, int) or not 5 <= minutes <= 240:
            where = data.value_loc("minutes") if "minutes" in data else data.loc
            self.error(where, f"{what} needs 'minutes': a whole number of minutes from 5 to 240")
            minutes = 0
        pause = data.get("pause", DEFAULT_PAUSE_MINUTES)
        if isinstance(pause, bool) or not isinstance(pause, int) or not 0 <= pause <= 30:
            self.error(
                data.value_loc("pause"),
                f"'pause' in {what} should be the minutes for each discussion prompt, from 0 to 30",
            )
            pause = DEFAULT_PAUSE_MINUTES
        facts = data.get("facts", True)
        if not isinstance(facts, bool):
            self.error(
                data.value_loc("facts"),
                f"'facts' in {what} should be true or false (whether the fact cards of its scenes are shown)",
            )
            facts = True
        parts = self.parts(data, what)
        covered = frozenset().union(*(p.scenes for p in parts)) if parts else frozenset()
        key = self.key_scenes(data, what, covered)
        prompts = self.prompt_scenes(data, what, covered)
        sets = self.sets(data, what)
        close_next = close_question = ""
        if "close" not in data:
            self.error(
                data.loc,
                f"{what} needs 'close': 'next' (what really happened next) and "
                "'question' (the last question for the class)",
            )
        elif not isinstance(data["close"], YMap):
            self.error(
                data.value_loc("close"), f"'close' in {what} should be a mapping with 'next' and 'question'"
            )
        else:
            close = data["close"]
            self.keys(close, _CLOSE_KEYS, f"the close of {what}")
            close_next = self.text(close, "next", f"the close of {what}", required=True)
            close_question = self.text(close, "question", f"the close of {what}", required=True)
        if not parts or not title or not minutes:
            return None
        return Lesson(
            lesson_id,
            title,
            minutes,
            tuple(parts),
            key,
            prompts,
            self.text(data, "summary", what),
            pause,
            sets,
            close_next,
            close_question,
            facts,
            loc,
        )

    def parts(self, data: YMap, what: str) -> list[LessonPart]:
        raw = data.get("parts")
        if not isinstance(raw, YList) or not raw:
            where = data.value_loc("parts") if "parts" in data else data.loc
            self.error(where, f"{what} needs 'parts': a list, each with 'from' and 'scenes' or 'chapters'")
            return []
        parts = []
        for index, spec in enumerate(raw):
            part_what = f"part {index + 1} of {what}"
            if not isinstance(spec, YMap):
                self.error(
                    raw.item_loc(index),
                    f"{part_what} should be a mapping with 'from' and 'scenes' or 'chapters'",
                )
                continue
            self.keys(spec, _PART_KEYS, part_what)
            scenes = set(self.list_of_scenes(spec, "scenes", part_what) or ())
            scenes |= set(self.chapter_scenes(spec, part_what))
            if "scenes" not in spec and "chapters" not in spec:
                self.error(spec.loc, f"{part_what} needs 'scenes' or 'chapters': what the class reads")
            starts = self.list_of_scenes(spec, "from", part_what)
            if starts is None:
                self.error(spec.loc, f"{part_what} needs 'from': the scene where it begins")
                continue
            for start in starts:
                if scenes and start not in scenes:
                    self.error(
                        spec.value_loc("from"),
                        f"{part_what} begins at '{start}', which is not among its scenes",
                    )
            if not starts or not scenes:
                continue
            parts.append(
                LessonPart(
                    self.text(spec, "title", part_what) or f"Part {index + 1}",
                    tuple(starts),
                    frozenset(scenes),
                    self.text(spec, "bridge", part_what),
                )
            )
        return parts

    def chapter_scenes(self, spec: YMap, what: str) -> list[str]:
        if "chapters" not in spec:
            return []
        value = spec["chapters"]
        items = list(value) if isinstance(value, YList) else [value]
        found = []
        for index, chapter in enumerate(items):
            where = value.item_loc(index) if isinstance(value, YList) else spec.value_loc("chapters")
            if not isinstance(chapter, str) or chapter not in self.chapters:
                if self.incomplete and isinstance(chapter, str):
                    continue
                self.error(
                    where,
                    f"'chapters' in {what}: there is no chapter '{chapter}'"
                    + did_you_mean(str(chapter), self.chapters),
                )
                continue
            found += self.chapters[chapter]
        return found

    def key_scenes(self, data: YMap, what: str, covered: frozenset[str]) -> frozenset[str]:
        """The listed key decisions, or every covered scene the story marks `key:`."""
        listed = self.list_of_scenes(data, "key", what)
        if listed is None:
            return frozenset(s for s in covered if self.scenes[s].key)
        for index, scene_id in enumerate(listed):
            loc = data["key"].item_loc(index) if isinstance(data["key"], YList) else data.value_loc("key")
            if covered and scene_id not in covered:
                self.error(loc, f"'key' in {what}: the lesson does not cover '{scene_id}'")
            elif len(self.scenes[scene_id].choices) < 2:
                self.error(loc, f"'key' in {what}: '{scene_id}' has no decision to vote on")
        return frozenset(listed)

    def prompt_scenes(self, data: YMap, what: str, covered: frozenset[str]) -> frozenset[str]:
        """The listed discussion prompts, or every covered scene's prompt."""
        listed = self.list_of_scenes(data, "prompts", what)
        if listed is None:
            return frozenset(s for s in covered if self.scenes[s].discuss)
        for index, scene_id in enumerate(listed):
            value = data["prompts"]
            loc = value.item_loc(index) if isinstance(value, YList) else data.value_loc("prompts")
            if covered and scene_id not in covered:
                self.error(loc, f"'prompts' in {what}: the lesson does not cover '{scene_id}'")
            elif not self.scenes[scene_id].discuss:
                self.error(loc, f"'prompts' in {what}: '{scene_id}' has no discussion prompt")
        return frozenset(listed)

    def sets(self, data: YMap, what: str) -> tuple[tuple[str, str], ...]:
        """The starting state (`set: {savings: 2000, qin.hope: 3}`), checked against the story."""
        if "set" not in data:
            return ()
        value = data["set"]
        if not isinstance(value, YMap):
            self.error(data.value_loc("set"), f"'set' in {what} should be a mapping of names to values")
            return ()
        names = self.names
        found = []
        for name, item in value.items():
            loc = value.key_loc(name)
            person, _, stat = str(name).partition(".")
            if stat and person in names.people and stat in names.stats or name in names.resources:
                if isinstance(item, bool) or not isinstance(item, int):
                    self.error(value.value_loc(name), f"'{name}' in {what} takes a whole number")
                    continue
            elif name in names.flags:
                if not isinstance(item, bool):
                    self.error(value.value_loc(name), f"the flag '{name}' in {what} takes true or false")
                    continue
                item = "true" if item else "false"
            else:
                every = [
                    *names.resources,
                    *names.flags,
                    *(f"{p}.{s}" for p in names.people for s in names.stats),
                ]
                self.error(
                    loc,
                    f"'set' in {what}: '{name}' is not a flag, resource or person's stat"
                    + did_you_mean(str(name), every),
                )
                continue
            found.append((str(name), str(item)))
        return tuple(found)


def read_lessons(
    sections: list[tuple[Any, SourceLocation]],
    scenes: Mapping[str, Scene],
    names: Any,
    diag: Diagnostics,
    incomplete: bool = False,
) -> tuple[Lesson, ...]:
    """The lessons of every `lessons:` section (in reading order); mistakes go to `diag`. With
    `incomplete` (a story file could not be read), a scene or chapter not found is not reported:
    it may live in that file, whose own error is what the author needs."""
    reader = _Reader(scenes, names, diag, incomplete)
    lessons: dict[str, Lesson] = {}
    seen: dict[str, SourceLocation] = {}
    for data, loc in sections:
        if not isinstance(data, YMap):
            diag.error(loc, "'lessons' should be a mapping of lesson ids to lessons")
            continue
        for lesson_id, spec in data.items():
            key_loc = data.key_loc(lesson_id)
            if (
                not isinstance(lesson_id, str)
                or not lesson_id.replace("_", "a").isalnum()
                or not lesson_id[:1].islower()
            ):
                diag.error(
                    key_loc,
                    f"the lesson id '{lesson_id}' should be lowercase letters, digits "
                    "and '_', starting with a letter",
                )
                continue
            if lesson_id in seen:
                diag.error(key_loc, f"the lesson id '{lesson_id}' is used twice (first at {seen[lesson_id]})")
                continue
            seen[lesson_id] = key_loc
            if not isinstance(spec, YMap):
                diag.error(
                    data.value_loc(lesson_id),
                    f"lesson '{lesson_id}' should be a mapping with 'title', 'minutes', 'parts' and 'close'",
                )
                continue
            lesson = reader.lesson(lesson_id, spec, key_loc)
            if lesson is not None:
                lessons[lesson_id] = lesson
    return tuple(lessons.values())


__all__ = ["DEFAULT_PAUSE_MINUTES", "Lesson", "LessonPart", "read_lessons"]
