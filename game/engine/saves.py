"""Save slots: atomic, versioned JSON files tied to the story they were made with.

A save holds where the playthrough began (`origin`), its decision log, and the state at the time.
Loading replays the log on the current story, so a save survives edits to the story as far as its
decisions still fit, and says what it could not restore.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.atomic import sweep_temporary_files, write_atomic
from game.safeio import UnreadableFile, parse_json, read_regular
from game.story.model import Story

if TYPE_CHECKING:  # imported where a save is loaded: the title screen only lists the slots
    from game.engine.session import Session
    from game.engine.state import GameState

SAVE_FORMAT = 1
MIN_SAVE_FORMAT = 1
AUTOSAVE = "autosave"
_SLOT = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
MAX_SAVE_BYTES = 4 * 1024 * 1024
STALE_TEMP_SECONDS = 600.0  # a temporary file this old belongs to a save that never finished


class SaveError(Exception):
    """A save that cannot be written or read, explained in a sentence for the player."""


@dataclass(frozen=True)
class SlotInfo:
    """What the save screens show of one slot, read without loading its session."""

    slot: str
    path: Path
    saved_at: str = ""
    chapter: str = ""
    place: str = ""
    when: str = ""
    scene: str = ""
    story_title: str = ""
    problem: str | None = None  # why this slot cannot be loaded, if it cannot

    @property
    def thumbnail(self) -> Path:
        return self.path.with_suffix(".png")


@dataclass
class LoadResult:
    """A loaded save: the session, and sentences on what could not be restored."""

    session: Session
    messages: list[str] = field(default_factory=list)  # what could not be restored, if anything
    # Made where a class finished: the front end's note of that class (its record's id and its
    # setup), so that loading it after a restart reopens the class's finish. None otherwise.
    classroom: dict[str, Any] | None = None


def _describe(slot: str) -> str:
    return "the autosave" if slot == AUTOSAVE else f"save '{slot}'"


class SaveStore:
    """The save slots in one folder."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)

    def path(self, slot: str) -> Path:
        if not _SLOT.match(slot):
            raise SaveError(f"'{slot}' is not a valid save name: use letters, digits, '-' and '_'")
        return self.directory / f"{slot}.json"

    def backup_path(self, slot: str) -> Path:
        return self.directory / f"{slot}.bak.json"

    def save(
        self,
        slot: str,
        session: Session,
        thumbnail: bytes | None = None,
        classroom: dict[str, Any] | None = None,
    ) -> Path:
        """Writes the session to a slot atomically, keeping the previous save as a backup
        (`classroom`: the note of a class that finished here, see LoadResult)."""
        path = self.path(slot)
        document = save_document(session, classroom)
        data = json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")
        try:
            # The picture first: if it cannot be written, the save itself is still untouched.
            if thumbnail is not None:
                write_atomic(path.with_suffix(".png"), thumbnail)
            write_atomic(path, data, backup=self.backup_path(slot))
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise SaveError(
                f"Could not save {_describe(slot)} in {self.directory}: {reason}. "
                "Your earlier saves are untouched."
            ) from exc
        return path

    def _read(self, slot: str) -> dict[str, Any]:
        path = self.path(slot)
        name = _describe(slot)
        kept = f"The file was left as it is: {path}"
        try:
            raw = read_regular(path, MAX_SAVE_BYTES)
        except FileNotFoundError:
            raise SaveError(f"There is no {name}.") from None
        except OSError as exc:
            raise SaveError(f"Could not read {name}: {exc.strerror or exc}.") from exc
        except UnreadableFile as exc:
            if "too large" in str(exc):
                raise SaveError(f"{name.capitalize()} is too large to be a save. {kept}") from None
            raise SaveError(f"{name.capitalize()} is not a save: {exc}. {kept}") from None
        return parse_save(raw, name, kept)

    def load(self, slot: str, story: Story) -> LoadResult:
        """Reads a slot and rebuilds the playthrough on `story`; raises SaveError if it cannot."""
        document = self._read(slot)
        return restore(document, story, _describe(slot), f"The file was left as it is: {self.path(slot)}")

    def slots(self) -> list[SlotInfo]:
        """Every save in the folder, newest first; damaged ones carry their problem."""
        if not self.directory.is_dir():
            return []
        self.sweep_temporary_files()
        infos = []
        for path in self.directory.glob("*.json"):
            slot = path.stem
            if slot.endswith(".bak") or not _SLOT.match(slot):
                continue
            try:
                document = self._read(slot)
            except SaveError as exc:
                infos.append(SlotInfo(slot, path, problem=str(exc)))
                continue
            summary, story = _table(document, "summary"), _table(document, "story")

            def text(table: dict[str, Any], key: str) -> str:
                value = table.get(key, "")
                return value if isinstance(value, str) else ""

            infos.append(
                SlotInfo(
                    slot,
                    path,
                    text(document, "saved_at"),
                    text(summary, "chapter"),
                    text(summary, "place"),
                    text(summary, "when"),
                    text(summary, "scene"),
                    text(story, "title"),
                )
            )
        return sorted(infos, key=lambda i: i.saved_at, reverse=True)

    def sweep_temporary_files(self, older_than: float = STALE_TEMP_SECONDS) -> int:
        """Removes temporary files left by saves that never finished (the game was killed); returns
        how many. A save being written now, by this game or another one running, is untouched."""
        return sweep_temporary_files(self.directory, older_than)

    def latest(self) -> SlotInfo | None:
        usable = [i for i in self.slots() if i.problem is None]
        return usable[0] if usable else None

    def delete(self, slot: str) -> None:
        for path in (self.path(slot), self.path(slot).with_suffix(".png"), self.backup_path(slot)):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise SaveError(f"Could not delete {_describe(slot)}: {exc.strerror or exc}.") from exc


def save_document(session: Session, classroom: dict[str, Any] | None = None) -> dict[str, Any]:
    """The save of a session as plain JSON-ready data (what a slot file or a browser holds), with
    the note of a class that finished here if given."""
    scene = session.scene
    story = session.story
    document: dict[str, Any] = {
        "format": SAVE_FORMAT,
        "min_format": MIN_SAVE_FORMAT,
        "game": "last-train-home",
        "story": {"title": story.title, "version": story.version, "fingerprint": story.fingerprint},
        "saved_at": _now(),
        "summary": {"chapter": scene.chapter, "place": scene.place, "when": scene.when, "scene": scene.id},
        "origin": session.origin.to_json(),
        "log": list(session.state.log),
        "state": session.state.to_json(),
    }
    if classroom is not None:
        document["classroom"] = dict(classroom)
    return document


def parse_save(raw: bytes, name: str, kept: str) -> dict[str, Any]:
    """The save document in `raw`, checked; raises SaveError naming `name` and adding `kept`."""
    if len(raw) > MAX_SAVE_BYTES:
        raise SaveError(f"{name.capitalize()} is too large to be a save. {kept}")
    if not raw.strip():
        raise SaveError(f"{name.capitalize()} is empty (perhaps the disk was full). {kept}")
    try:
        document = parse_json(raw)
    except UnreadableFile as exc:
        why = str(exc)[:1].upper() + str(exc)[1:]
        raise SaveError(f"{name.capitalize()} is damaged and cannot be read. {why}. {kept}") from None
    if not isinstance(document, dict) or document.get("game") != "last-train-home":
        raise SaveError(f"{name.capitalize()} is not a Last Train Home save. {kept}")
    fmt = document.get("min_format", document.get("format"))
    if not isinstance(fmt, int) or fmt > SAVE_FORMAT:
        raise SaveError(
            f"{name.capitalize()} was made by a newer version of the game "
            f"(save format {document.get('format')}); update the game to load it. "
            f"{kept}"
        )
    shapes = (("origin", dict), ("state", dict), ("log", list))
    if any(not isinstance(document.get(key), kind) for key, kind in shapes):
        raise SaveError(f"{name.capitalize()} is damaged (it has no readable state). {kept}")
    return document


def restore(document: dict[str, Any], story: Story, name: str, kept: str) -> LoadResult:
    """Rebuilds the playthrough of a parsed save on `story`; raises SaveError if it cannot."""
    from game.engine.session import Session
    from game.engine.state import GameState, StateError

    info = _table(document, "story")
    title = info.get("title")
    if title != story.title:
        raise SaveError(
            f"{name.capitalize()} belongs to another story ('{title}'), not '{story.title}'. {kept}"
        )
    try:
        origin = GameState.from_json(document.get("origin"))
        saved = GameState.from_json(document.get("state"))
    except StateError as exc:
        raise SaveError(f"{name.capitalize()} is damaged ({exc}). {kept}") from None
    log = document.get("log")
    if not isinstance(log, list) or not all(isinstance(x, str) for x in log):
        raise SaveError(f"{name.capitalize()} is damaged (its decision log is unreadable). {kept}")

    messages: list[str] = []
    if origin.fits(story):
        problems = origin.fits(story)
        if origin.scene not in story.scenes:
            messages.append(
                f"The scene this playthrough began at ('{origin.scene}') no longer "
                f"exists; it was replayed from the story's start instead."
            )
        else:
            messages.append(
                "The story's people, stats or flags have changed since this save ("
                + "; ".join(problems)
                + "); new values start as the story says."
            )
        origin = _adapt(origin, story)
    if _clamp(origin, story):
        messages.append(
            "Some values in this save were outside what the story allows and were brought within its limits."
        )
    session, restored = Session.replay(story, origin, log)
    if restored < len(log):
        lost = len(log) - restored
        messages.append(
            f"The story has changed since this save: {restored} of {len(log)} decisions could "
            f"be restored; {lost} after '{session.scene.id}' no longer fit and were dropped."
        )
    elif story.fingerprint != info.get("fingerprint") and saved.to_json() != session.state.to_json():
        messages.append(
            "The story has changed since this save; every decision was replayed on "
            "the new version, so some values may differ from when you saved."
        )
    note = document.get("classroom")
    return LoadResult(session, messages, note if isinstance(note, dict) else None)


def _adapt(origin: GameState, story: Story) -> GameState:
    """A starting state that fits the story, keeping whatever of `origin` still has a meaning
    (the road that led to its scene too, while that scene exists)."""
    from game.engine.state import GameState

    fresh = GameState.initial(story, origin.scene if origin.scene in story.scenes else None)
    if origin.scene in story.scenes:
        fresh.log = list(origin.log)
    for person, stats in fresh.stats.items():
        for stat in stats:
            old = origin.stats.get(person, {}).get(stat)
            if old is not None:
                definition = story.stats[stat]
                stats[stat] = max(definition.min, min(definition.max, old))
    tables: tuple[tuple[dict[str, Any], dict[str, Any]], ...] = (
        (fresh.resources, origin.resources),
        (fresh.flags, origin.flags),
    )
    for table, old_table in tables:
        for key in table:
            if key in old_table:
                table[key] = old_table[key]
    return fresh


def _clamp(state: GameState, story: Story) -> bool:
    """Brings every stat and resource of `state` within the story's bounds; True if any moved."""
    moved = False
    for stats in state.stats.values():
        for stat, value in stats.items():
            definition = story.stats.get(stat)
            if definition is not None and not definition.min <= value <= definition.max:
                stats[stat] = max(definition.min, min(definition.max, value))
                moved = True
    for resource, value in state.resources.items():
        bounds = story.resources.get(resource)
        if bounds is None:
            continue
        low = bounds.min if bounds.min is not None else value
        high = bounds.max if bounds.max is not None else value
        if not low <= value <= high:
            state.resources[resource] = max(low, min(high, value))
            moved = True
    return moved


def _now() -> str:
    """The time of a save, in UTC (datetime is imported here: the title screen lists saves, and
    start-up is measured)."""
    from datetime import datetime, timezone

    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _table(document: dict[str, Any], key: str) -> dict[str, Any]:
    """`document[key]` when it is a table, else an empty one (a damaged save's missing part)."""
    value = document.get(key)
    return value if isinstance(value, dict) else {}
