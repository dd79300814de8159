"""A cache of parsed story files, so that an unchanged story starts without parsing YAML.

Reading a file with libyaml and building its located values is most of the time it takes to load
the shipped story, and the game does it on every start. Like Ren'Py's compiled scripts, the result
is kept in the player's cache folder and used again while the file's bytes are the same: an entry's
name is a digest of the cache format, the path shown in messages and the file's exact bytes, so an
edited file simply misses. Only files that parsed without a finding are cached.

An entry is JSON (plain data only, never anything that could run), and it is checked as strictly as
it is read: a damaged or tampered entry is treated as a miss and the file is parsed as usual.

``LAST_TRAIN_HOME_CACHE`` names another folder, or ``off`` to read every file afresh (see
`game.paths`).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

from game.paths import user_cache_dir
from game.safeio import read_regular
from game.story.located import YList, YMap
from game.story.location import SourceLocation

# Bump when the layout below, the values the YAML reader produces or the findings it reports
# for a file change (a stale entry would hide a new warning).
FORMAT = b"lth-parse-5"
MAX_ENTRIES = 256
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a story file is at most 8 MB


def entry_name(shown: str, data: bytes) -> str:
    digest = hashlib.sha256(FORMAT + b"\0" + shown.encode("utf-8", "surrogatepass") + b"\0" + data)
    return digest.hexdigest()[:40] + ".json"


class NotAnEntry(Exception):
    """The entry is not one this program wrote."""


def load(shown: str, data: bytes, max_depth: int, max_number: int) -> tuple[bool, Any]:
    """(True, the parsed document) from the cache, or (False, None) on a miss."""
    folder = user_cache_dir()
    if folder is None:
        return False, None
    try:
        entry = read_regular(folder / entry_name(shown, data), MAX_ENTRY_BYTES)
        text = entry.decode("utf-8")
        return True, _decode(json.loads(text), shown, max_depth, max_number)
    except (OSError, ValueError, RecursionError, NotAnEntry):
        return False, None


def store(shown: str, data: bytes, document: Any) -> None:
    """Keeps a parsed document; a cache that cannot be written is silently not used."""
    if user_cache_dir() is None:
        return  # (the cache is off: nothing to encode the document for)
    try:
        encoded = _encode(document)
    except (ValueError, RecursionError):
        return
    store_encoded(shown, data, encoded)


def encode(document: Any) -> Any:
    """A parsed document in the cache's JSON layout (for a story shipped pre-parsed)."""
    return _encode(document)


def store_encoded(shown: str, data: bytes, encoded: Any) -> None:
    """Keeps a document already in the cache's layout (checked again when it is read)."""
    folder = user_cache_dir()
    if folder is None:
        return
    target = folder / entry_name(shown, data)
    temp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temp.write_text(json.dumps(encoded, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        os.replace(temp, target)
        _prune(folder)
    except (OSError, ValueError, RecursionError):
        with contextlib.suppress(OSError):
            temp.unlink()


def _prune(folder: Path) -> None:
    entries = list(folder.glob("*.json"))
    if len(entries) <= MAX_ENTRIES:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) - MAX_ENTRIES // 2]:
        with contextlib.suppress(OSError):
            old.unlink()


# -- the layout ------------------------------------------------------------------------------
# A mapping is ["m", line, col, [key, ...], [value, ...], [key line, key col, value line, value col,
# ...]]; a sequence ["s", line, col, [item, ...], [item line, item col, ...]]; a scalar is itself.
# The places are kept as the located values keep them (four numbers a key, two an item), so that a
# container is made whole from its entry; a list where a value or an item goes is always a
# container.


def _encode(value: Any) -> Any:
    if isinstance(value, YMap):
        keys: list[Any] = []
        values: list[Any] = []
        places: list[int] = []
        for key, item, key_place, value_place in value.located_items():
            keys.append(key)
            values.append(_encode(item))
            places += (*key_place, *value_place)
        return ["m", value.loc.line, value.loc.column, keys, values, places]
    if isinstance(value, YList):
        items: list[Any] = []
        places = []
        for item, place in value.located_items():
            items.append(_encode(item))
            places += place
        return ["s", value.loc.line, value.loc.column, items, places]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise ValueError(f"cannot cache a {type(value).__name__}")


def _decode(root: Any, shown: str, max_depth: int, max_number: int) -> Any:
    def location(line: Any, column: Any) -> SourceLocation:
        if (
            type(line) is not int
            or type(column) is not int
            or not 0 <= line < 2**32
            or not 0 <= column < 2**32
        ):
            raise NotAnEntry
        return SourceLocation(shown, line, column)

    def scalar(value: Any) -> Any:
        kind = type(value)
        if kind is str or kind is bool or value is None or kind is float:
            return value
        if kind is int and abs(value) < max_number:
            return value
        raise NotAnEntry

    def key(value: Any) -> Any:
        value = scalar(value)
        return sys.intern(value) if type(value) is str else value  # one string per repeated key

    def node(value: Any, depth: int) -> Any:
        if type(value) is not list:
            return scalar(value)
        if depth >= max_depth or not all(type(part) is list for part in value[3:]):
            raise NotAnEntry
        # (A place that is JSON's true or false reads as 1 or 0: a wrong place in a message at
        # worst, as any tampered number would be.)
        if value[:1] == ["m"] and len(value) == 6 and len(value[3]) == len(value[4]):
            _, line, column, keys, values, places = value
            items = [(key(k), node(v, depth + 1)) for k, v in zip(keys, values, strict=True)]
            try:
                return YMap.whole(location(line, column), items, places)
            except ValueError:
                raise NotAnEntry from None
        if value[:1] == ["s"] and len(value) == 5:
            _, line, column, items, places = value
            try:
                return YList.whole(location(line, column), [node(v, depth + 1) for v in items], places)
            except ValueError:
                raise NotAnEntry from None
        raise NotAnEntry

    return node(root, 0)
