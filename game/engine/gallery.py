"""The endings this player has found, each with the way back to its last choice.

Kept in the user data folder as `endings.json`: per story title and ending id, where the
playthrough began (its origin state) and its decisions, so that the ending can be replayed from
the choice that led to it. Written atomically; a damaged file is kept aside with a message and
the gallery starts empty.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from game.engine.playerfile import read_stories, write_stories
from game.engine.session import Session
from game.engine.state import GameState, StateError
from game.story.model import Story

ENDINGS_FILE = "endings.json"
WHAT = "the endings you have found"


class Gallery:
    """Found endings of one story; `problem` says (in a sentence) why the file was not used."""

    def __init__(self, directory: Path, story: Story) -> None:
        self.path = Path(directory) / ENDINGS_FILE
        self.story = story
        self.problem: str | None = None
        self._all: dict[str, dict[str, Any]] = {}
        self._load()

    def _load(self) -> None:
        self._all, self.problem = read_stories(self.path, lambda entry: isinstance(entry, dict), WHAT)

    @property
    def _found(self) -> dict[str, Any]:
        return self._all.setdefault(self.story.title, {})

    def found(self) -> list[str]:
        """Ids of the endings found, in the story's order (endings no longer in the story left out)."""
        return [e.id for e in self.story.endings if e.id in self._found]

    def record(self, ending: str, session: Session) -> None:
        """Remembers that `session` reached `ending` (the latest way there replaces an older one)."""
        self._found[ending] = {"origin": session.origin.to_json(), "log": list(session.state.log)}
        self.problem = write_stories(self.path, self._all, WHAT) or self.problem

    def replay(self, ending: str) -> tuple[Session, bool] | None:
        """A session at the last choice before `ending`, and whether the whole way there still fits
        the story (False after an edit: it stops where the story changed). None if not found."""
        entry = self._found.get(ending)
        if not isinstance(entry, dict):
            return None
        try:
            origin = GameState.from_json(entry.get("origin"))
        except StateError:
            return None
        log = entry.get("log")
        if not isinstance(log, list) or not all(isinstance(c, str) for c in log) or origin.fits(self.story):
            return None
        last = len(log) - 1  # the last real decision: the Continues after it are replayed too
        while last > 0 and (choice := self.story.choice(log[last])) is not None and choice.is_continue:
            last -= 1
        way = log[: max(0, last)]
        session, restored = Session.replay(self.story, origin, way)
        return session, restored == len(way)
