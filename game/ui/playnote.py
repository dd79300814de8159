"""The scene's side note on the play screen: its discussion prompt and fact card beside the text,
and the whole of them full-screen (N, or the note's button).

Out of class both show; in class the fact card is not shown beside the text, and the prompt only
when the class does not pause for it full-screen (game.ui.playdue shows those)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from game.engine import Session
from game.story import Scene
from game.ui.playlayout import Note

if TYPE_CHECKING:
    from game.ui.app import App


def side_note(app: App, session: Session, scene: Scene, open_whole: Callable[[], None]) -> Note | None:
    """The discussion prompt and fact card shown beside `scene`'s text, if any; `open_whole` is
    what its button does."""
    discuss = scene.discuss if _shows_discussion(app, scene) else None
    fact = session.story.facts.get(scene.fact) if _shows_fact(app, session, scene) and scene.fact else None
    return Note(discuss, fact, open_whole) if discuss or fact is not None else None


def open_whole(app: App, session: Session, scene: Scene) -> None:
    """Opens the whole prompt and fact card full-screen, if `scene` has either."""
    fact = session.story.facts.get(scene.fact) if scene.fact else None
    discuss = scene.discuss if _shows_discussion(app, scene) else None
    if fact is None and not discuss:
        return
    from game.ui.screens.cards import NoteScreen

    app.push(NoteScreen(app, discuss, fact if _shows_fact(app, session, scene) else None))


def _shows_discussion(app: App, scene: Scene) -> bool:
    classroom = app.classroom  # in class, cards were shown full-screen: not again here
    return bool(scene.discuss) and (classroom is None or not classroom.options.pauses)


def _shows_fact(app: App, session: Session, scene: Scene) -> bool:
    return bool(scene.fact) and scene.fact in session.story.facts and app.classroom is None
