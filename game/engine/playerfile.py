"""A player's small per-story record in the user data folder (read texts, found endings).

One JSON document `{"format": N, "stories": {story title: entry}}`, written atomically. A file
that cannot be read is reported in a sentence; a damaged one is kept aside as NAME.broken and the
record starts afresh, so play always goes on.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.safeio import UnreadableFile, read_json

FORMAT = 1
MAX_PLAYER_FILE_BYTES = 16 * 1024 * 1024  # a read log of 100,000 scenes is about 2 MB


def read_stories(path: Path, valid: Callable[[Any], bool], what: str) -> tuple[dict[str, Any], str | None]:
    """The per-story table in `path` (empty if there is none) and a sentence saying why it was not
    used, if it was not. `valid` judges one story's entry; `what` names the record in messages,
    as in "the endings you have found"."""
    try:
        document = read_json(path, MAX_PLAYER_FILE_BYTES)
        stories = document["stories"] if isinstance(document, dict) else None
        if not isinstance(stories, dict) or not all(valid(entry) for entry in stories.values()):
            raise UnreadableFile("it is not a table of stories")
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"Could not read {what} ({exc.strerror or exc})."
    except (UnreadableFile, KeyError) as exc:
        kept = ""
        if path.is_file() or path.is_symlink():  # a pipe or device someone put there is left alone
            broken = path.with_name(path.name + ".broken")
            try:
                os.replace(path, broken)
                kept = f" The damaged file was kept as {broken}."
            except OSError:
                pass
        why = f" ({exc})" if isinstance(exc, UnreadableFile) else ""
        return {}, f"The record of {what} was damaged{why}, so it starts afresh.{kept}"
    return stories, None


def write_stories(path: Path, stories: dict[str, Any], what: str) -> str | None:
    """Writes the table atomically; a sentence if it could not be saved."""
    from game.atomic import write_atomic

    data = json.dumps({"format": FORMAT, "stories": stories}, ensure_ascii=False).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data)
    except OSError as exc:
        return f"Could not save {what} ({exc.strerror or exc})."
    return None
