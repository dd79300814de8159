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
FORMAT = b"lth-parse-4"
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
# A mapping is ["m", line, col, key, key line, key col, value line, value col, value, ...]; a
# sequence ["s", line, col, item line, item col, item, ...]; a scalar is itself (JSON has no other
# lists, so a list is always a container).


def _encode(value: Any) -> Any:
    if isinstance(value, YMap):
        out: list[Any] = ["m", value.loc.line, value.loc.column]
        for key, item, (kl, kc), (vl, vc) in value.located_items():
            out += (key, kl, kc, vl, vc, _encode(item))
        return out
    if isinstance(value, YList):
        out = ["s", value.loc.line, value.loc.column]
        for item, (line, column) in value.located_items():
            out += (line, column, _encode(item))
        return out
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

    def node(value: Any, depth: int) -> Any:
        if type(value) is not list:
            return scalar(value)
        if depth >= max_depth or len(value) < 3:
            raise NotAnEntry
        tag = value[0]
        if tag == "m" and (len(value) - 3) % 6 == 0:
            mapping = YMap(location(value[1], value[2]))
            for i in range(3, len(value), 6):
                key = scalar(value[i])
                if key in mapping:
                    raise NotAnEntry
                if type(key) is str:
                    key = sys.intern(key)  # as the reader does: one string for each repeated key
                mapping.put(
                    key,
                    location(value[i + 1], value[i + 2]),
                    node(value[i + 5], depth + 1),
                    location(value[i + 3], value[i + 4]),
                )
            return mapping
        if tag == "s" and (len(value) - 3) % 3 == 0:
            sequence = YList(location(value[1], value[2]))
            for i in range(3, len(value), 3):
                sequence.add(node(value[i + 2], depth + 1), location(value[i], value[i + 1]))
            return sequence
        raise NotAnEntry

    return node(root, 0)
