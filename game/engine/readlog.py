"""Which scene text this player has read, kept in the user data folder for "skip read text".

A scene's text counts as read per story, scene and exact wording shown (so a variant read for the
first time is new text). The file is small JSON, written atomically; a damaged one is kept aside
with a clear message and play goes on with nothing marked read.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable
from pathlib import Path

from game.engine.atomic import write_atomic

READ_FILE = "read.json"
FORMAT = 1


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
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            self.problem = (
                f"Could not read which scenes you have read ({exc.strerror or exc}); "
                "skip will stop at every scene."
            )
            return
        try:
            document = json.loads(raw.decode("utf-8"))
            stories = document["stories"]
            if not isinstance(stories, dict) or not all(
                isinstance(keys, list) and all(isinstance(k, str) for k in keys) for keys in stories.values()
            ):
                raise ValueError("not a table of stories")
        except (UnicodeDecodeError, ValueError, KeyError, TypeError, RecursionError):
            broken = self.path.with_name(READ_FILE + ".broken")
            try:
                os.replace(self.path, broken)
                kept = f" The damaged file was kept as {broken}."
            except OSError:
                kept = ""
            self.problem = f"The record of the scenes you have read was damaged, so skip starts afresh.{kept}"
            return
        self._all = stories
        self._read = set(stories.get(self.story, []))

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
        data = json.dumps({"format": FORMAT, "stories": self._all}, ensure_ascii=False).encode("utf-8")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, data)
        except OSError as exc:
            self.problem = f"Could not save which scenes you have read ({exc.strerror or exc})."
