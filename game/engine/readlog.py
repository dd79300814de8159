"""Which scene text this player has read, kept in the user data folder for "skip read text".

A scene's text counts as read per story, scene and exact wording shown (so a variant read for the
first time is new text). The file is small JSON, written atomically; a damaged one is kept aside
with a clear message and play goes on with nothing marked read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

from game.engine.playerfile import read_stories, write_stories

READ_FILE = "read.json"
WHAT = "the scenes you have read"


def _is_key_list(entry: object) -> bool:
    return isinstance(entry, list) and all(isinstance(key, str) for key in entry)


def text_key(scene: str, paragraphs: Iterable[str]) -> str:
    """The key of one scene's text as shown: its id and a short digest of the words."""
    digest = hashlib.sha1("\n\n".join(paragraphs).encode("utf-8")).hexdigest()[:12]
    return f"{scene}:{digest}"


class ReadLog:
    """The texts read, per story title; `problem` says (in a sentence) why the file was not used."""

    def __init__(self, directory: Path, story: str) -> None:
        self.path = Path(directory) / READ_FILE
        self.story = story
        self.problem: str | None = None
        self._all: dict[str, list[str]] = {}
        self._read: set[str] = set()
        self._load()

    def _load(self) -> None:
        self._all, self.problem = read_stories(self.path, _is_key_list, WHAT)
        self._read = set(self._all.get(self.story, []))

    def __contains__(self, key: str) -> bool:
        return key in self._read

    def __len__(self) -> int:
        return len(self._read)

    def mark(self, key: str) -> None:
        """Marks a text read and saves the record (a failed write is reported once, not raised)."""
        if key in self._read:
            return
        self._read.add(key)
        self._all[self.story] = sorted(self._read)
        self.problem = write_stories(self.path, self._all, WHAT) or self.problem
