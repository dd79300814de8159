"""What the play screen shows full-screen at a scene besides its text: a chapter's title card, and
in class a lesson's bridge to its next part, the chapter's flowchart, discussion prompts and fact
cards (these wait until the class has read the text and the teacher asks for them)."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from game.engine import Session
from game.engine.lessons import Step

if TYPE_CHECKING:
    from game.ui.app import App

# ("chapter", its name), ("bridge", the lesson's step), ("flowchart", the chapter that ended),
# ("content", "") the story's content note as a class begins, ("teacher", a scene's id) its note
# for the teacher, ("fact", a fact's id), ("discuss", a scene's id).
Due = tuple[str, str | Step]

AFTER_READING = ("fact", "discuss")  # the others come before the text


class Dues:
    """What waits to show full-screen at the scene, first first (`items`), and in class whether
    the teacher has asked for the prompt and card that wait until the text is read (`asked`)."""

    def __init__(self) -> None:
        self.items: list[Due] = []
        self.asked = False

    def start(self, items: list[Due]) -> None:
        """A new scene's, nothing asked for yet."""
        self.items, self.asked = items, False

    @property
    def cards_wait(self) -> bool:
        """A discussion prompt or fact card waits for the text to be read and the teacher to ask."""
        return any(kind in AFTER_READING for kind, _ in self.items)

    def take_next(self, read: bool) -> Due | None:
        """The next to show now, taken off the list; a prompt or card only once the text is
        `read` and the teacher has asked."""
        if not self.items or (self.items[0][0] in AFTER_READING and not (read and self.asked)):
            return None
        return self.items.pop(0)


def due_at(app: App, session: Session, chapter: str, step: Step | None, reveal: bool) -> list[Due]:
    """What is due at the session's scene, first first. `chapter`: the chapter shown before it;
    `step`: the lesson's move to its next part, if it moved; `reveal`: the scene is new (not
    shown again after an undo or a load)."""
    scene, classroom = session.scene, app.classroom
    new_chapter = scene.chapter != chapter and reveal
    if classroom is None:
        return [("chapter", scene.chapter)] if new_chapter and scene.chapter else []
    due: list[Due] = list(classroom.cards_due(session))
    if step is not None:
        due.insert(0, ("bridge", step))
    elif new_chapter:
        due.insert(0, ("flowchart", chapter))
    return due


def show_due(app: App, session: Session, due: Due) -> bool:
    """Opens the screen for `due`; False if there is none to open (a chapter card while skipping)."""
    kind, what = due
    if isinstance(what, Step):  # a lesson's bridge to its next part
        from game.ui.screens.lesson import LessonBridgeScreen

        app.push(LessonBridgeScreen(app, what))
        return True
    if kind == "chapter":
        if app.advance == "skip":  # skipping read text: no pause for the title
            return False
        from game.ui.screens.chapter import ChapterCardScreen

        app.push(ChapterCardScreen(app, session.scene))
        return True
    if kind == "flowchart":
        from game.ui.screens.flowchart import FlowchartScreen

        app.push(FlowchartScreen(app, chapter=what))
        return True
    from game.ui.screens.cards import DiscussionScreen, FactCardScreen, NoteCardScreen
    from game.ui.words import word

    classroom = app.classroom
    if classroom is not None:
        classroom.shown_card(session, kind, what)
    if kind == "content":
        app.push(NoteCardScreen(app, word("content_note"), session.story.content_note))
    elif kind == "teacher":
        app.push(NoteCardScreen(app, word("for_the_teacher"), session.story.scenes[what].teacher_note or ""))
    elif kind == "fact":
        app.push(FactCardScreen(app, session.story.facts[what]))
    else:
        # Counted as discussed only if the teacher keeps the question up (DiscussionScreen).
        discussed = functools.partial(classroom.discussed, what) if classroom is not None else None
        question = session.story.scenes[what].discuss or ""
        app.push(DiscussionScreen(app, question, discussed=discussed))
    return True
