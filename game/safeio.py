"""Reading data files that may be damaged or hostile: regular files only, bounded, strict JSON.

Every reader of a file a player or another program could have put in place (story files, saves,
settings, session records, class statistics, the parse cache) goes through here, so that a FIFO
never blocks, a link to /dev/zero never fills memory, and no number, nesting or encoding reaches
the caller in a form that raises later. Failures are `UnreadableFile`, whose text is a reason that
fits after "cannot be read: ".
"""

from __future__ import annotations

import json
import math
import os
import stat
from pathlib import Path
from typing import Any

# Whole numbers in our data files are stats, money, counts and years; anything longer than this is
# damage (and Python refuses to convert more than 4,300 digits at all).
MAX_INT_DIGITS = 18


class UnreadableFile(ValueError):
    """A file that is not a regular file, too large, not UTF-8 or not the strict JSON we write."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of `path` if it is a regular file of at most `limit` bytes.

    Raises FileNotFoundError if it does not exist, other OSError if it cannot be opened, and
    UnreadableFile for a FIFO, device, socket or folder (checked before and after opening, without
    blocking) or a file over the limit (never read past it, even if it grows while being read).
    """
    path = Path(path)
    before = os.stat(path)
    _require_regular(before.st_mode, before.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    try:
        after = os.fstat(fd)
        _require_regular(after.st_mode, after.st_size, limit)
        chunks = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
    finally:
        os.close(fd)
    data = b"".join(chunks)
    if len(data) > limit:
        raise UnreadableFile(_too_large(limit))
    return data


def _require_regular(mode: int, size: int, limit: int) -> None:
    if stat.S_ISDIR(mode):
        raise UnreadableFile("it is a folder, not a regular file")
    if not stat.S_ISREG(mode):
        raise UnreadableFile("it is a pipe, device or socket, not a regular file")
    if size > limit:
        raise UnreadableFile(_too_large(limit))


def _too_large(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"it is too large (over {limit // (1024 * 1024)} MB)"
    return f"it is too large (over {max(1, limit // 1024)} KB)"


def parse_json(data: bytes, finite: bool = True) -> Any:
    """Strict JSON from UTF-8 bytes: no whole number over MAX_INT_DIGITS digits, nesting only as
    deep as the interpreter allows, and (if `finite`) no NaN, Infinity or overflowing float; else
    UnreadableFile. With `finite=False` those arrive as float NaN or infinities for the caller to
    refuse one value at a time.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise UnreadableFile("it is not UTF-8 text") from None
    try:
        if not finite:
            return json.loads(text, parse_int=_int)
        return json.loads(text, parse_constant=_refuse_constant, parse_int=_int, parse_float=_float)
    except UnreadableFile:
        raise
    except json.JSONDecodeError as exc:
        raise UnreadableFile(
            f"it is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise UnreadableFile("it is nested too deeply") from None
    except (ValueError, OverflowError, MemoryError):
        raise UnreadableFile("it is not valid JSON") from None


def read_json(path: Path, limit: int, finite: bool = True) -> Any:
    """`parse_json` of `read_regular(path, limit)`: the same errors."""
    return parse_json(read_regular(path, limit), finite)


def _refuse_constant(name: str) -> Any:
    raise UnreadableFile(f"it holds '{name}' where a number should be")


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise UnreadableFile(f"it holds a number of {len(text.lstrip('-')):,} digits")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise UnreadableFile(f"it holds a number too large to use ({text[:20]})")
    return value


__all__ = ["MAX_INT_DIGITS", "UnreadableFile", "parse_json", "read_json", "read_regular"]


MAX_FOLDER_DEPTH = 16  # story folders nest a level or two; a thousand levels is an attack


def find_files(root: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Files under `root` whose names end in one of `suffixes`, and (folder or file, problem) for
    what was skipped: unreadable folders, names that are not UTF-8, nesting past MAX_FOLDER_DEPTH.

    Walks without recursion and does not enter linked folders; a linked file counts (the caller
    decides whether it may be read). Never raises.
    """
    found: list[Path] = []
    problems: list[tuple[Path, str]] = []
    stack = [(Path(root), 0)]
    while stack:
        folder, depth = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=lambda e: e.name)
        except OSError as exc:
            problems.append(
                (
                    folder,
                    f"cannot read the folder ({exc.strerror or exc}): the story files in it are not read",
                )
            )
            continue
        for entry in entries:
            path = Path(entry.path)
            try:
                entry.name.encode("utf-8")
            except UnicodeEncodeError:
                shown = entry.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                problems.append(
                    (folder / shown, "this name is not valid UTF-8 text, so it is skipped: rename it")
                )
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 > MAX_FOLDER_DEPTH:
                        problems.append(
                            (path, f"folders nested more than {MAX_FOLDER_DEPTH} deep are not read")
                        )
                    else:
                        stack.append((path, depth + 1))
                elif path.suffix in suffixes and entry.is_file():
                    found.append(path)
            except OSError:
                continue
    return found, problems
