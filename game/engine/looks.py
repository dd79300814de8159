"""How a scene looks, decided once for every front end: the face shown beside the point-of-view
label, the faces on the consequence card, and the side of the window the text panel takes.

The desktop (game/ui/screens/play.py) and the browser (through game/engine/viewmodel.py) both
call these, so the two editions show the same face and keep the same part of the picture clear.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from game.engine.session import Change, Session
from game.story.model import Story

SIDES = ("left", "right")  # where the text panel can sit
SUBJECTS = ("left", "right", "centre")  # where a backdrop's subject is (its catalogue's `subject`)


def panel_side(subject: str | None) -> str:
    """The side the text panel takes: the one the backdrop's subject is not on (left for a
    subject in the centre, or none declared)."""
    return "left" if subject != "left" else "right"


def scene_panel_side(session: Session, subjects: Mapping[str, str]) -> str:
    """The panel's side for the scene shown now, from the subject of the backdrop it shows
    (`subjects`: backdrop name to its catalogue's `subject`)."""
    backdrop = session.backdrop
    return panel_side(subjects.get(backdrop) if backdrop else None)


def faces(portrait: str | None, mood: str | None) -> tuple[str, ...]:
    """The portraits to show for an expression, best first: the portrait drawn with that mood
    (`<portrait>_<mood>`), then the portrait itself (for "neutral", no mood, or a drawing that is
    missing); none without a portrait."""
    if not portrait:
        return ()
    if not mood or mood == "neutral":
        return (portrait,)
    return (f"{portrait}_{mood}", portrait)


def pov_faces(session: Session) -> tuple[str, ...]:
    """The point-of-view person's faces for the scene shown now (see `faces`): their portrait at
    the scene's year with the scene's `mood:`; none at an end scene or without a point of view."""
    scene = session.scene
    person = session.story.people.get(scene.pov) if scene.pov else None
    if person is None or scene.end:
        return ()
    return faces(person.portrait(session.year), scene.mood)


def moved_faces(story: Story, changes: Iterable[Change], year: int | None) -> dict[str, tuple[str, ...]]:
    """The consequence card's faces: each person a choice moved (in the order first moved), with
    their faces at what it did to them in all (see `moved_mood`), at `year`."""
    moved: dict[str, int] = {}
    for change in changes:
        person = change.person
        if change.kind == "stat" and person is not None and person in story.people:
            moved[person] = moved.get(person, 0) + change.delta
    return {
        person: faces(story.people[person].portrait(year), moved_mood(delta))
        for person, delta in moved.items()
    }


def moved_mood(moved: int) -> str | None:
    """A person's expression at what a choice just did to them: glad when their stats rose in
    all, sad when they fell, their plain face when nothing moved."""
    return "glad" if moved > 0 else "sad" if moved < 0 else None
