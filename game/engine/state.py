"""GameState: every value that changes during a playthrough, as one plain, JSON-ready dataclass."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from game.story.model import Story


class StateError(ValueError):
    """A serialised state that does not have the expected shape."""


def _copy(value: Any) -> Any:
    """A deep copy of the state's JSON-like tables.

    Every table holds one kind of value (numbers, true/false, text, or tables of numbers), so
    looking at the first item is enough to know whether to go deeper: this is on the explorer's
    and the benchmark's hot path (one copy per choice, for undo).
    """
    if isinstance(value, dict):
        if value and isinstance(next(iter(value.values())), (dict, list)):
            return {k: _copy(v) for k, v in value.items()}
        return value.copy()
    if isinstance(value, list):
        if value and isinstance(value[0], (dict, list)):
            return [_copy(v) for v in value]
        return value.copy()
    return value


@dataclass
class GameState:
    """The whole changing state; undo, saves and exploration all copy this one object."""

    scene: str
    stats: dict[str, dict[str, int]] = field(default_factory=dict)  # person -> stat -> value
    resources: dict[str, int] = field(default_factory=dict)
    flags: dict[str, bool] = field(default_factory=dict)
    visits: dict[str, int] = field(default_factory=dict)  # scene -> times reached
    log: list[str] = field(default_factory=list)  # full ids of the choices taken, in order
    year: int | None = None  # the story year of the latest scene that named one

    @classmethod
    def initial(cls, story: Story, start: str | None = None) -> GameState:
        """The state at the beginning of the story (or of another scene, for testing a branch)."""
        stats = {
            person.id: {stat.id: person.start.get(stat.id, stat.start) for stat in story.stats.values()}
            for person in story.people.values()
        }
        state = cls(
            scene=start or story.start,
            stats=stats,
            resources={r.id: r.start for r in story.resources.values()},
            flags={f.id: f.start for f in story.flags.values()},
        )
        state.enter(story, state.scene)
        return state

    def enter(self, story: Story, scene_id: str) -> None:
        """Moves to a scene: counts the visit and takes the scene's year."""
        self.scene = scene_id
        self.visits[scene_id] = self.visits.get(scene_id, 0) + 1
        year = story.scenes[scene_id].year
        if year is not None:
            self.year = year

    def copy(self) -> GameState:
        return GameState(**{name: _copy(value) for name, value in vars(self).items()})

    def to_json(self) -> dict[str, Any]:
        return {f.name: _copy(getattr(self, f.name)) for f in fields(self)}

    @classmethod
    def from_json(cls, data: Any) -> GameState:
        """Rebuilds a state, checking every field's shape; raises StateError if it is wrong."""
        if not isinstance(data, dict):
            raise StateError("the state is not a JSON object")
        expected = {f.name for f in fields(cls)}
        unknown = set(data) - expected
        if unknown:
            raise StateError(f"the state has unknown fields: {', '.join(sorted(unknown))}")
        if not isinstance(data.get("scene"), str):
            raise StateError("the state has no scene")

        def table(name: str, kind: type, nested: bool = False) -> dict[str, Any]:
            value = data.get(name, {})
            if not isinstance(value, dict):
                raise StateError(f"'{name}' is not a table")
            for key, item in value.items():
                items = item.values() if nested and isinstance(item, dict) else [item]
                if nested and not isinstance(item, dict):
                    raise StateError(f"'{name}.{key}' is not a table")
                for inner in items:
                    if kind is int and (isinstance(inner, bool) or not isinstance(inner, int)):
                        raise StateError(f"'{name}.{key}' holds a value that is not a whole number")
                    if kind is bool and not isinstance(inner, bool):
                        raise StateError(f"'{name}.{key}' holds a value that is not true/false")
            copied: dict[str, Any] = _copy(value)
            return copied

        log = data.get("log", [])
        if not isinstance(log, list) or not all(isinstance(x, str) for x in log):
            raise StateError("'log' is not a list of choice ids")
        year = data.get("year")
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
            raise StateError("'year' is not a whole number")
        return cls(
            scene=data["scene"],
            stats=table("stats", int, nested=True),
            resources=table("resources", int),
            flags=table("flags", bool),
            visits=table("visits", int),
            log=list(log),
            year=year,
        )

    def fits(self, story: Story) -> list[str]:
        """What in this state the story does not know (empty if it fits)."""
        problems = []
        if self.scene not in story.scenes:
            problems.append(f"the scene '{self.scene}' no longer exists")
        for person in story.people:
            if person not in self.stats or set(self.stats[person]) != set(story.stats):
                problems.append(f"the stats of '{person}' do not match the story")
        if set(self.resources) != set(story.resources):
            problems.append("the resources do not match the story")
        if set(self.flags) != set(story.flags):
            problems.append("the flags do not match the story")
        return problems
