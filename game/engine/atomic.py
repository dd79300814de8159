"""Writing files so that a crash leaves either the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _fsync_dir(directory: Path) -> None:
    if os.name == "nt":  # directories cannot be opened for fsync on Windows
        return
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_atomic(path: Path, data: bytes, backup: Path | None = None, mode: int = 0o644) -> None:
    """Writes `data` to `path` via a temporary file, fsync and rename.

    If `backup` is given and `path` exists, the old file becomes the backup first (also atomically).
    The file gets `mode` (readable by others by default, like any file a program writes; the
    temporary file would otherwise keep mkstemp's owner-only mode). Raises OSError if the disk
    refuses; the existing file is then untouched.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        if os.name != "nt":
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is not None and path.exists():
            _replace_backup(path, backup)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(path.parent)


def _replace_backup(path: Path, backup: Path) -> None:
    """Makes `backup` a copy of `path` without ever leaving `path` missing."""
    staging = backup.with_name(f".{backup.name}.tmp")
    with contextlib.suppress(OSError):
        staging.unlink()
    try:
        try:
            os.link(path, staging)
        except OSError:  # no hard links here: copy the bytes instead
            staging.write_bytes(path.read_bytes())
        os.replace(staging, backup)
    except BaseException:
        with contextlib.suppress(OSError):
            staging.unlink()
        raise
