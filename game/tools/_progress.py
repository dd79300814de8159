"""A progress bar on stderr for runs longer than a second (a final line when stderr is not a tty)."""

from __future__ import annotations

import time
from typing import TextIO

_WIDTH = 30
_DELAY = 1.0


class ProgressBar:
    """Call with (done, total or None); `finish()` prints a last line if the run took over a second."""

    def __init__(self, stream: TextIO, what: str, clock=time.monotonic) -> None:
        self.stream = stream
        self.what = what
        self.clock = clock
        self.started = clock()
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.drawn = False
        self.done = 0
        self.total: int | None = None

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total
        if not self.tty or self.clock() - self.started < _DELAY:
            return
        self.stream.write("\r" + self._line())
        self.stream.flush()
        self.drawn = True

    def _line(self) -> str:
        elapsed = self.clock() - self.started
        if self.total:
            filled = int(_WIDTH * self.done / self.total)
            bar = "█" * filled + "·" * (_WIDTH - filled)
            return f"{self.what} [{bar}] {self.done:,}/{self.total:,} {elapsed:5.1f}s"
        return f"{self.what}: {self.done:,} so far {elapsed:5.1f}s"

    def finish(self) -> None:
        elapsed = self.clock() - self.started
        if self.drawn:
            self.stream.write("\r" + self._line() + "\n")
        elif elapsed >= _DELAY:
            self.stream.write(f"{self.what}: {self.done:,} in {elapsed:.1f}s\n")
        self.stream.flush()
