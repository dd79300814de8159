"""Hot reload: load the story again and keep the player's place by replaying the decision log.

A front end calls `reload_session` when the player asks (a key or a command) or when a
`StoryWatcher` it polls says a story file changed. A story with errors never replaces the one
being played: the result carries the findings to show, and the old session goes on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine.saves import _adapt
from game.engine.session import Session
from game.safeio import find_files
from game.story.loader import load_story_with_diagnostics
from game.story.location import Diagnostic


@dataclass
class ReloadResult:
    """The new session (None when the story has errors: keep playing the old one), every finding
    of the load, and in the player's words what of the playthrough could not be restored."""

    session: Session | None
    findings: list[Diagnostic] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.session is not None

    @property
    def errors(self) -> list[Diagnostic]:
        return [f for f in self.findings if f.severity == "error"]


def reload_session(
    session: Session, story_dir: Path | None = None, *, assets: Path | None = None, check_assets: bool = True
) -> ReloadResult:
    """Loads the story in `story_dir` (default: the session's own) and replays the session on it."""
    story, findings = load_story_with_diagnostics(
        Path(story_dir or session.story.root), assets, check_assets, draft=session.story.draft
    )
    if story is None:
        count = sum(1 for f in findings if f.severity == "error")
        return ReloadResult(
            None,
            findings,
            [
                f"The story has {count} error{'s' * (count != 1)}: still playing the last version that "
                "loaded. Fix the files and reload again."
            ],
        )
    messages: list[str] = []
    origin = session.origin
    problems = origin.fits(story)
    if problems:
        if origin.scene not in story.scenes:
            messages.append(
                f"The scene this playthrough began at ('{origin.scene}') no longer exists; "
                "it was replayed from the story's start instead."
            )
        else:
            messages.append(
                "The story's people, stats or flags have changed ("
                + "; ".join(problems)
                + "); new values start as the story says."
            )
        origin = _adapt(origin, story)
    log = list(session.state.log)
    new_session, restored = Session.replay(story, origin, log)
    if restored < len(log):
        dropped = log[restored]
        after = len(log) - restored - 1
        gone = (
            "it was dropped"
            if after == 0
            else "it and the one after it were dropped"
            if after == 1
            else f"it and the {after} after it were dropped"
        )
        messages.append(
            f"{restored} of {len(log)} decisions could be replayed "
            f"on the edited story: '{dropped}' no longer fits at "
            f"'{new_session.scene.id}', so {gone}."
        )
    elif new_session.state.to_json() != session.state.to_json():
        messages.append("Every decision was replayed on the edited story; some values now differ.")
    return ReloadResult(new_session, findings, messages)


class StoryWatcher:
    """Tells whether any story file changed since the last poll: a cheap scan, no threads."""

    def __init__(self, story_dir: Path) -> None:
        self.story_dir = Path(story_dir)
        self._seen = self._scan()

    def _scan(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        paths, _ = find_files(self.story_dir, (".yaml", ".yml"))  # the loader reports problems
        for path in paths:
            try:
                info = path.stat()
            except OSError:  # removed while we looked
                continue
            found[str(path)] = (info.st_mtime_ns, info.st_size)
        return found

    def pending(self) -> bool:
        """True when a story file changed since the last poll (without taking the change)."""
        return self._scan() != self._seen

    def poll(self) -> bool:
        """True once for each change (a file edited, added or removed) since the last poll."""
        now = self._scan()
        if now == self._seen:
            return False
        self._seen = now
        return True
