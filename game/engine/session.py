"""Session: one playthrough of a story. Front ends read its views and call `choose` and `undo`."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from game.engine.notable import matters
from game.engine.state import GameState
from game.story.expressions import Effect
from game.story.model import Choice, Ending, ResourceDef, Scene, StatDef, Story, paragraph_words, paragraphs
from game.story.suggest import did_you_mean


class ChoiceError(Exception):
    """A choice that cannot be taken now (unknown, locked, or the story is over)."""


class SetError(ValueError):
    """A `--set NAME=VALUE` that names nothing or has the wrong kind of value."""


@dataclass(frozen=True)
class ChoiceView:
    """A choice as the player sees it."""

    id: str  # full id, scene.choice
    number: int  # 1-based among the shown choices
    text: str
    available: bool
    locked_reason: str | None
    is_continue: bool


@dataclass(frozen=True)
class Change:
    """One value a choice changed, with the words to tell the player."""

    kind: str  # "stat", "resource" or "flag"
    person: str | None  # person id for stats
    name: str
    label: str
    before: Any
    after: Any
    words: str

    @property
    def delta(self) -> int:
        if self.kind == "flag":
            return 0
        return int(self.after) - int(self.before)

    def __str__(self) -> str:
        return self.words


@dataclass(frozen=True)
class EndingView:
    """The ending as the player reads it: title, text, and an epilogue line per person."""

    id: str
    title: str
    text: str
    epilogue: tuple[tuple[str, str, str], ...]  # (person id, name, line)
    documentary: str | None


class Outcome(NamedTuple):
    """What a choice did: its consequence line and every change, for whom, in words.

    A NamedTuple like `Step`: one is made for every choice taken (a frozen dataclass's
    constructor was 6 % of a random playthrough)."""

    choice_id: str
    choice_text: str
    says: str | None
    changes: tuple[Change, ...]
    scene: str  # where the story went
    ending: EndingView | None
    notable: bool = True  # shows the consequence card (game.engine.notable); else it goes quietly


class Step(NamedTuple):
    """One scene as it was read, and what was chosen there (for the history screen).

    A NamedTuple, as the story's small values are: two are made for every choice taken, and a
    frozen dataclass's constructor costs several times a tuple's (a sixth of a random
    playthrough's time)."""

    scene: str
    chapter: str
    place: str
    when: str
    paragraphs: tuple[str, ...]
    choice_text: str | None = None
    is_continue: bool = False
    says: str | None = None
    changes: tuple[Change, ...] = ()
    variants: tuple[int, ...] = ()  # the scene's variants that held, by position, as it was read
    words: int = 0  # the words of its paragraphs

    def chosen(
        self, text: str | None, is_continue: bool, says: str | None, changes: tuple[Change, ...]
    ) -> Step:
        """This step with what was chosen in it (or, all None and empty, with nothing chosen)."""
        # Built directly: `_replace` goes through every field by name, several times the cost.
        return Step(
            self.scene,
            self.chapter,
            self.place,
            self.when,
            self.paragraphs,
            text,
            is_continue,
            says,
            changes,
            self.variants,
            self.words,
        )


@dataclass(frozen=True)
class PersonView:
    """One family member as the family panel shows them now."""

    id: str
    name: str
    short: str
    role: str
    portrait: str | None
    present: bool
    stats: Mapping[str, int]


@functools.lru_cache(maxsize=4096)
def _read(text: str) -> tuple[tuple[str, ...], int]:
    """`paragraphs(text)` and their words, remembered together: the same scene text is split
    again on every visit (hot path)."""
    parts = tuple(paragraphs(text))
    return parts, paragraph_words(parts)


def _signed(n: int) -> str:
    return f"+{n:,}" if n > 0 else f"−{abs(n):,}"


class Session:
    """Drives one playthrough: the current scene, its text and choices, choose, undo, ending."""

    def __init__(
        self,
        story: Story,
        state: GameState | None = None,
        *,
        start: str | None = None,
        sets: Mapping[str, str] | None = None,
        keep_undo: bool = True,
        describe: bool = True,
    ) -> None:
        """A playthrough from `state`, or from the start (or `start`) with `sets` applied.

        `keep_undo=False` skips the per-choice snapshots: for automated playthroughs that never
        undo (one state copy per choice is a quarter of their cost). `describe=False` skips the
        words for what each choice changed (outcomes and transcript steps carry no changes), for
        automated playthroughs that read nobody's consequences.
        """
        self.story = story
        self.keep_undo = keep_undo
        self.describe = describe
        self._change_order: dict[tuple[str, str | None, str], int] | None = None
        if state is None:
            if start is not None and start not in story.scenes:
                raise ChoiceError(f"there is no scene '{start}' to start from")
            state = GameState.initial(story, start)
            for name, value in (sets or {}).items():
                apply_setting(story, state, name, value)
        self.state = state
        self.origin = state.copy()  # where this playthrough began: saves replay from here
        self._undo: list[GameState] = []
        self.transcript: list[Step] = [self._step()]

    # ------------------------------------------------------------------ reading

    @property
    def scene(self) -> Scene:
        return self.story.scenes[self.state.scene]

    @property
    def year(self) -> int | None:
        return self.state.year

    def paragraphs(self) -> list[str]:
        """The scene's text as the player reads it now, variants resolved."""
        return list(self._step().paragraphs)

    def _step(self) -> Step:
        """The scene as it reads now: its paragraphs, their words and the variants that hold."""
        scene, state = self.scene, self.state
        parts, words = _read(scene.text.render(state))
        shown = []
        for index, variant in enumerate(scene.variants):
            if variant.condition is None or variant.condition.holds(state):
                more, more_words = _read(variant.text.render(state))
                if variant.replace:
                    parts, words = more, more_words
                else:
                    parts, words = parts + more, words + more_words
                shown.append(index)
        return Step(
            scene.id, scene.chapter, scene.place, scene.when, parts, variants=tuple(shown), words=words
        )

    @property
    def backdrop(self) -> str | None:
        """The scene's picture now: the last holding variant's `backdrop`, else the scene's."""
        picture = self.scene.backdrop
        for variant in self.scene.variants:
            if variant.backdrop and (variant.condition is None or variant.condition.holds(self.state)):
                picture = variant.backdrop
        return picture

    def choices(self) -> list[ChoiceView]:
        """Shown choices in order: available ones, and locked ones that carry a reason."""
        views: list[ChoiceView] = []
        for choice in self.scene.choices:
            available = choice.condition is None or choice.condition.holds(self.state)
            if not available and choice.locked is None:
                continue
            views.append(
                ChoiceView(
                    choice.full_id,
                    len(views) + 1,
                    choice.text,
                    available,
                    None if available else choice.locked,
                    choice.is_continue,
                )
            )
        return views

    @property
    def is_over(self) -> bool:
        return self.scene.end

    @property
    def stuck(self) -> str | None:
        """An author's-words explanation when no choice is available here, else None."""
        if self.is_over or any(c.available for c in self.choices()):
            return None
        return (
            f"The story ran out of choices at '{self.scene.id}' ({self.scene.location}): "
            "every choice's condition failed. Does this scene need a choice without 'if'?"
        )

    @property
    def ending(self) -> EndingView | None:
        """The ending chosen from the state, once an end scene is reached."""
        if not self.is_over:
            return None
        ending = self._pick_ending()
        if ending is None:
            return None
        return self._ending_view(ending)

    def _pick_ending(self) -> Ending | None:
        for ending in self.story.endings:
            if ending.applies(self.state.scene, self.state):
                return ending
        return None

    def _ending_view(self, ending: Ending) -> EndingView:
        state = self.state
        lines = []
        for person in self.story.people.values():
            for line in ending.epilogue.get(person.id, ()):
                if line.condition is None or line.condition.holds(state):
                    lines.append((person.id, person.name, " ".join(_read(line.text.render(state))[0])))
                    break
        return EndingView(
            ending.id, ending.title, ending.text.render(state), tuple(lines), ending.documentary
        )

    def people(self) -> list[PersonView]:
        year = self.state.year
        return [
            PersonView(
                p.id, p.name, p.short, p.role, p.portrait(year), p.present(year), dict(self.state.stats[p.id])
            )
            for p in self.story.people.values()
        ]

    def resource(self, name: str) -> int:
        return self.state.resources[name]

    # ------------------------------------------------------------------ acting

    def _find(self, choice: str | int) -> Choice:
        if self.is_over:
            raise ChoiceError("the story is over: there is nothing left to choose")
        if isinstance(choice, int):
            for view in self.choices():
                if view.number == choice:
                    choice = view.id
                    break
            else:
                raise ChoiceError(f"there is no choice {choice} here")
        for candidate in self.scene.choices:
            if choice in (candidate.full_id, candidate.id):
                return candidate
        raise ChoiceError(f"the scene '{self.scene.id}' has no choice '{choice}'")

    def choose(self, choice: str | int) -> Outcome:
        """Takes a choice (full id, local id or shown number) and moves the story on."""
        taken = self._find(choice)
        if taken.condition is not None and not taken.condition.holds(self.state):
            reason = f": {taken.locked}" if taken.locked else ""
            raise ChoiceError(f"the choice '{taken.full_id}' is not available{reason}")
        return self.take(taken)

    def open_choices(self) -> list[Choice]:
        """The choices that can be taken now, in the scene's order (what `choices()` shows as
        available, without building the views)."""
        state = self.state
        return [c for c in self.scene.choices if c.condition is None or c.condition.holds(state)]

    def take(self, taken: Choice) -> Outcome:
        """Takes one of `open_choices()` (no lookup, no second check of its condition)."""
        story, state = self.story, self.state
        if self.keep_undo:
            self._undo.append(state.copy())
        changes = tuple(self._apply(taken))
        says = taken.says.render(state) if taken.says else None
        notable = matters(story, story.scenes[state.scene], taken, changes)
        self.transcript[-1] = self.transcript[-1].chosen(taken.text, taken.is_continue, says, changes)
        state.log.append(taken.full_id)
        state.enter(story, taken.goto)
        self.transcript.append(self._step())
        return Outcome(taken.full_id, taken.text, says, changes, taken.goto, self.ending, notable)

    def _apply(self, choice: Choice) -> list[Change]:
        """Runs the choice's effects (clamped) and describes what changed, in the story's order."""
        if not choice.effects:  # most choices ("Continue" above all): nothing can change
            return []
        if not self.describe:
            for effect in choice.effects:
                self._run(effect)
            return []
        before: dict[tuple[str, str | None, str], Any] = {}  # value before the first effect on it
        for effect in choice.effects:
            key, old = self._run(effect)
            before.setdefault(key, old)
        order = self._order()
        return [
            change
            for key in sorted(before, key=order.__getitem__)
            if (change := self._describe(key, before[key])) is not None
        ]

    def _run(self, effect: Effect) -> tuple[tuple[str, str | None, str], Any]:
        """Runs one effect, clamped to the bounds; returns what it changed and the value before."""
        state = self.state
        kind, name = effect.kind, effect.name
        value = effect.value(state)
        if kind == "flag":
            was = state.flags[name]
            state.flags[name] = bool(value)
            return (kind, None, name), was
        bounds: StatDef | ResourceDef
        if kind == "stat":
            assert effect.person is not None  # the loader gives every stat effect its person
            table, bounds = state.stats[effect.person], self.story.stats[name]
        else:
            table, bounds = state.resources, self.story.resources[name]
        old = table[name]
        new = value if effect.op == "=" else old + (value if effect.op == "+=" else -value)
        if bounds.min is not None and new < bounds.min:
            new = bounds.min
        if bounds.max is not None and new > bounds.max:
            new = bounds.max
        table[name] = new
        return (kind, effect.person, name), old

    def _order(self) -> dict[tuple[str, str | None, str], int]:
        """Stats by person then stat, then resources, then flags, as the story lists them."""
        if self._change_order is not None:
            return self._change_order
        story = self.story
        keys: list[tuple[str, str | None, str]] = [("stat", p, s) for p in story.people for s in story.stats]
        keys += [("resource", None, r) for r in story.resources]
        keys += [("flag", None, f) for f in story.flags]
        self._change_order = {key: index for index, key in enumerate(keys)}
        return self._change_order

    def _describe(self, key: tuple[str, str | None, str], old: Any) -> Change | None:
        """The words for one changed value, or None if the effects left it as it was."""
        story, state = self.story, self.state
        kind, person_id, name = key
        if kind == "stat":
            assert person_id is not None  # a stat change is always someone's
            new = state.stats[person_id][name]
            if new == old:
                return None
            stat, person = story.stats[name], story.people[person_id]
            phrase = stat.rise if new > old else stat.fall
            return Change(
                "stat",
                person_id,
                name,
                stat.label,
                old,
                new,
                f"{person.short} {phrase} ({stat.label.lower()} {_signed(new - old)})",
            )
        if kind == "resource":
            new = state.resources[name]
            if new == old:
                return None
            resource = story.resources[name]
            phrase = resource.rise if new > old else resource.fall
            unit = f" {resource.unit}" if resource.unit else ""
            return Change(
                "resource",
                None,
                name,
                resource.label,
                old,
                new,
                f"{phrase[:1].upper()}{phrase[1:]}: {_signed(new - old)}{unit} (now {new:,}{unit})",
            )
        new = state.flags[name]
        if new == old:
            return None
        flag = story.flags[name]
        words = flag.label if new else flag.unset  # the story's words, or the change is not shown
        if not words:
            return None
        return Change("flag", None, name, flag.label or flag.unset, old, new, words)

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    def undo(self) -> bool:
        """Steps back one choice; False if there is nothing to undo."""
        if not self._undo:
            return False
        self.state = self._undo.pop()
        self.transcript.pop()
        self.transcript[-1] = self.transcript[-1].chosen(None, False, None, ())
        return True

    # ------------------------------------------------------------------ replay

    @classmethod
    def replay(cls, story: Story, origin: GameState, log: list[str]) -> tuple[Session, int]:
        """Rebuilds a playthrough from its start and decision log, as far as the log still fits.

        Returns the session and how many decisions were restored. A playthrough that began
        mid-way (a lesson's part, a jump in writing mode) carries the decisions before it in its
        origin: those are not taken again.
        """
        session = cls(story, origin.copy())
        restored = len(origin.log) if log[: len(origin.log)] == origin.log else 0
        for choice_id in log[restored:]:
            try:
                session.choose(choice_id)
            except ChoiceError:
                break
            restored += 1
        return session, restored


_WHOLE_NUMBER = re.compile(r"[+-]?[0-9][0-9,_]{0,20}")


def _whole_number(name: str, raw: str) -> int:
    """`raw` as a whole number written in ASCII digits (1,500 and 1_500 too); else SetError."""
    digits = raw.replace(",", "").replace("_", "")
    if not _WHOLE_NUMBER.fullmatch(raw) or len(digits.lstrip("+-")) > 15:
        raise SetError(f"'{name}' takes a whole number such as 3 or 1500, not '{raw[:40]}'")
    return int(digits)


def apply_setting(story: Story, state: GameState, name: str, raw: str) -> None:
    """Applies `--set NAME=VALUE` to a starting state; raises SetError in the user's words."""
    raw = raw.strip()
    every = [*story.resources, *story.flags, *(f"{p}.{s}" for p in story.people for s in story.stats)]
    hint = did_you_mean(name, every)
    if "." in name:
        person, _, stat = name.partition(".")
        if person not in story.people or stat not in story.stats:
            raise SetError(f"'{name}' is not a person's stat{hint}")
        definition = story.stats[stat]
        value = _whole_number(name, raw)
        state.stats[person][stat] = max(definition.min, min(definition.max, value))
        return
    if name in story.resources:
        resource = story.resources[name]
        value = _whole_number(name, raw)
        if resource.min is not None:
            value = max(resource.min, value)
        if resource.max is not None:
            value = min(resource.max, value)
        state.resources[name] = value
        return
    if name in story.flags:
        if raw.lower() not in ("true", "false"):
            raise SetError(f"the flag '{name}' takes true or false, not '{raw}'")
        state.flags[name] = raw.lower() == "true"
        return
    raise SetError(f"'{name}' is not a flag, resource or person's stat{hint}")
