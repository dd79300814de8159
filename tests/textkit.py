"""Driving the terminal player in tests: scripted input lines (or callables that act, then return
a line), output captured."""

from __future__ import annotations

import io
from pathlib import Path

from game.engine import SaveStore, Session
from game.textui import TextPlayer


def text_player(
    session: Session, tmp_path: Path, lines: list, watch: bool = True
) -> tuple[TextPlayer, io.StringIO]:
    out = io.StringIO()
    queue = list(lines)

    def read_line():
        if not queue:
            return None
        item = queue.pop(0)
        return item() if callable(item) else item

    player = TextPlayer(
        session, SaveStore(tmp_path / "saves"), read_line, out, width=200, autosave=False, watch=watch
    )
    return player, out
