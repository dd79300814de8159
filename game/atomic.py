"""Writing files so that a crash leaves either the old file or the new one, never half of one.

Temporary files are named `.<file>.<pid>.<random>.tmp`, so two processes never share one, and a
later start can tell the leftovers of a killed process (its pid is gone) from a save in progress.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: replacing a file is already exclusive there
    fcntl = None  # type: ignore[assignment]

LOCK_FILE = ".lock"


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
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
    temp = Path(temp_name)
    try:
        if os.name != "nt":
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if backup is None:
            os.replace(temp, path)
        else:  # one writer at a time, so the backup is always the save before this one
            with _folder_lock(path.parent):
                if path.exists():
                    _replace_backup(path, backup)
                os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    _fsync_dir(path.parent)


def _replace_backup(path: Path, backup: Path) -> None:
    """Makes `backup` a copy of `path` without ever leaving `path` missing."""
    staging = backup.with_name(f".{backup.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
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


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[None]:
    """Holds an exclusive lock on `folder`'s lock file (POSIX; elsewhere, and if the lock file
    cannot be made, writers are not serialised, and each step is still atomic)."""
    if fcntl is None:
        yield
        return
    try:
        fd = os.open(folder / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError:
        yield
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def sweep_temporary_files(folder: Path, older_than: float) -> int:
    """Removes temporary files left in `folder` by writes that never finished; returns how many.

    A file whose writer's process is gone goes at once; one whose writer cannot be told (another
    system, an older name) only when older than `older_than` seconds, so a write in progress in
    another running game is never touched.
    """
    removed = 0
    cutoff = time.time() - older_than
    for temp in Path(folder).glob(".*.tmp"):
        try:
            if _writer_is_gone(temp) or temp.stat().st_mtime < cutoff:
                temp.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def _writer_is_gone(temp: Path) -> bool:
    parts = temp.name.split(".")
    if os.name == "nt" or len(parts) < 4 or not parts[-3].isascii() or not parts[-3].isdigit():
        return False  # on Windows, os.kill(pid, 0) would end the process: only age counts there
    pid = int(parts[-3])
    if pid == os.getpid() or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # it exists, as another user's process
        return False
    return False
