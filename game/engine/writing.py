"""Writing mode's changes to a playthrough (the window's writing panel, `--dev`): set any stat,
resource or flag, and jump to any scene, mid-play.

Each change continues the playthrough from a new origin (the state after the change), so saves
and hot reloads replay the decisions after it on top of it; Undo goes back as far as the change.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.session import ChoiceError, Session, apply_setting
from game.engine.state import GameState
from game.story.model import Story
from game.story.suggest import did_you_mean

OPENING_WORDS = 12  # how much of a scene's text the scene list shows


@dataclass(frozen=True)
class Value:
    """One value an author can set: its name as `--set` takes it, what it is, and where it stands."""

    name: str  # "qin.hope", "savings", "qin_in_school"
    kind: str  # "stat", "resource" or "flag"
    value: int | bool
    label: str  # in the story's words: "Zhang Qin · Hope", "Savings (yuan)", "Qin is in school"
    low: int | None = None
    high: int | None = None

    @property
    def shown(self) -> str:
        """The value as the panel shows and takes it: a number, or true/false."""
        if isinstance(self.value, bool):
            return "true" if self.value else "false"
        return str(self.value)


@dataclass(frozen=True)
class SceneEntry:
    """A scene as the jump list shows it: its id, chapter, place, time and first words."""

    id: str
    chapter: str
    place: str
    when: str
    opening: str

    def matches(self, words: list[str]) -> bool:
        """Whether every word (lower case) is in its id, chapter, place, time or first words."""
        haystack = " ".join((self.id, self.chapter, self.place, self.when, self.opening)).lower()
        return all(word in haystack for word in words)


def values(session: Session) -> list[Value]:
    """Every stat of every person, every resource and every flag, with its value now."""
    story, state = session.story, session.state
    found: list[Value] = []
    for person in story.people.values():
        for stat in story.stats.values():
            found.append(
                Value(
                    f"{person.id}.{stat.id}",
                    "stat",
                    state.stats[person.id][stat.id],
                    f"{person.short or person.name} · {stat.label or stat.id}",
                    stat.min,
                    stat.max,
                )
            )
    for resource in story.resources.values():
        unit = f" ({resource.unit})" if resource.unit else ""
        found.append(
            Value(
                resource.id,
                "resource",
                state.resources[resource.id],
                f"{resource.label or resource.id}{unit}",
            )
        )
    for flag in story.flags.values():
        found.append(Value(flag.id, "flag", state.flags[flag.id], flag.label or flag.id))
    return found


def find_values(found: list[Value], query: str) -> list[Value]:
    """The values whose name or label holds every word of `query` (all of them for an empty one)."""
    words = query.lower().split()
    return [v for v in found if all(w in f"{v.name} {v.label}".lower() for w in words)]


def set_value(session: Session, name: str, raw: str) -> Session:
    """The playthrough going on with `name` set to `raw` (as `--set NAME=VALUE` takes them);
    raises SetError, in the author's words, for an unknown name or a value of the wrong kind."""
    state = session.state.copy()
    apply_setting(session.story, state, name.strip(), raw)
    return _from_here(session, state, moved=False)


def jump(session: Session, scene_id: str) -> Session:
    """The playthrough going on at `scene_id`, with every value as it stands; raises ChoiceError
    (naming the nearest scene id) if the story has no such scene."""
    story = session.story
    if scene_id not in story.scenes:
        raise ChoiceError(
            f"there is no scene '{scene_id}' in the story" + did_you_mean(scene_id, story.scenes)
        )
    state = session.state.copy()
    state.enter(story, scene_id)
    return _from_here(session, state, moved=True)


def _from_here(session: Session, state: GameState, moved: bool) -> Session:
    """A session that begins at `state`, keeping the way so far for the history page."""
    fresh = Session(session.story, state, describe=session.describe)
    earlier = session.transcript if moved else session.transcript[:-1]
    fresh.transcript = [*earlier, *fresh.transcript]
    return fresh


def scene_entries(story: Story) -> list[SceneEntry]:
    """Every scene in reading order, as the jump list shows it."""
    entries = []
    for scene in story.scenes.values():
        words = scene.text.source.split()
        opening = " ".join(words[:OPENING_WORDS]) + (" …" if len(words) > OPENING_WORDS else "")
        entries.append(SceneEntry(scene.id, scene.chapter, scene.place, scene.when, opening))
    return entries


def find_scenes(entries: list[SceneEntry], query: str) -> list[SceneEntry]:
    """The scenes that hold every word of `query`: those whose id starts with it first, then those
    whose id holds it, then the rest, each in reading order."""
    words = query.lower().split()
    if not words:
        return list(entries)
    found = [e for e in entries if e.matches(words)]
    text = query.strip().lower()

    def rank(entry: SceneEntry) -> int:
        return 0 if entry.id.startswith(text) else 1 if text in entry.id else 2

    return sorted(found, key=rank)
