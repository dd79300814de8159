"""Skip read text and auto-advance, as visual-novel players expect, for replaying toward other endings.

- Skip (S): text this player has read before shows at once and a lone Continue is taken at
  once; skip waits at every real choice (the player chooses, and it goes on) and turns itself off
  at text not read before.
- Auto (A): a lone Continue is taken by itself once the text has had time to be read (about
  `READING_CPS` characters a second, at least `MIN_WAIT` seconds after the text is all shown);
  auto waits at every real choice too.
Which text was read lives in the user data folder (game.engine.readlog). Not offered in class.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.readlog import ReadLog
from game.ui.words import word

if TYPE_CHECKING:
    from game.ui.screens.play import PlayScreen

SKIP_DELAY = 0.12  # seconds on each read scene while skipping: enough to see it pass
READING_CPS = 20.0  # characters a second, a comfortable reading pace
MIN_WAIT = 1.2  # seconds after the text is all shown, however short it is


@dataclass
class Pace:
    """Skip and auto at one scene: its text's key in the read log (game.engine.readlog.text_key),
    the seconds spent at it, and when its text was all shown (None until then)."""

    read_key: str = ""
    elapsed: float = 0.0
    typed_at: float | None = None


def read_log(app) -> ReadLog:  # noqa: ANN001
    """The app's record of read text, opened on first use (a problem is told once)."""
    if app.read_log is None:
        app.read_log = ReadLog(app.data_dir, app.story.title)
        if app.read_log.problem:
            app.notify(app.read_log.problem)
    return app.read_log


def toggle(app, mode: str) -> None:  # noqa: ANN001
    """Turns `mode` ("skip" or "auto") on, or off if it is on; the other one goes off."""
    if app.classroom is not None:
        return
    app.advance = "" if app.advance == mode else mode
    app.notify(word(f"{mode}_on" if app.advance == mode else f"{mode}_off"))


def lone_continue(play: PlayScreen):  # noqa: ANN201 - a ChoiceView or None
    """The scene's only way on, when that is a plain Continue (never a real choice)."""
    available = [c for c in play.choices if c.available]
    if len(available) == 1 and available[0].is_continue:
        return available[0]
    return None


def step(play: PlayScreen, dt: float) -> bool:
    """Advances the play screen as the mode asks; True if something changed on screen."""
    app = play.app
    mode = app.advance
    if not mode or play.frozen or app.top is not play or app.classroom is not None:
        return False
    pace = play.pace
    pace.elapsed += dt
    if mode == "skip":
        if pace.read_key not in read_log(app):
            app.advance = ""
            app.notify(word("skip_stopped"))
            return True
        if play.revealing:
            play.reading.show_all()
            return True
        going = lone_continue(play)
        if going is not None and pace.elapsed >= SKIP_DELAY:
            play.choose(going)
            return True
        return False
    if play.revealing:
        return False
    if pace.typed_at is None:
        pace.typed_at = pace.elapsed
    going = lone_continue(play)
    chars = sum(len(text) for text in play.reading.texts)
    if going is not None and pace.elapsed >= max(chars / READING_CPS, pace.typed_at + MIN_WAIT):
        play.choose(going)
        return True
    return False
