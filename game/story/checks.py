"""Static checks on a loaded story: the graph, the endings, and names nothing uses."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from game.story.expressions import Condition, Effect
from game.story.location import Diagnostics, SourceLocation
from game.story.model import Scene, Story


def reachable_scenes(story: Story, start: str | None = None) -> set[str]:
    """Scenes some sequence of choices leads to, ignoring conditions."""
    first = start or story.start
    seen = {first}
    queue = deque([first])
    while queue:
        scene = story.scenes[queue.popleft()]
        for choice in scene.choices:
            if choice.goto not in seen and choice.goto in story.scenes:
                seen.add(choice.goto)
                queue.append(choice.goto)
    return seen


def scenes_that_reach_an_end(story: Story) -> set[str]:
    """Scenes from which some sequence of choices leads to an end scene, ignoring conditions."""
    leads_here: dict[str, list[str]] = {}
    for scene in story.scenes.values():
        for choice in scene.choices:
            leads_here.setdefault(choice.goto, []).append(scene.id)
    found = {s.id for s in story.scenes.values() if s.end}
    queue = deque(found)
    while queue:
        for before in leads_here.get(queue.popleft(), ()):
            if before not in found:
                found.add(before)
                queue.append(before)
    return found


def _loops_without_exit(story: Story, reached: set[str], diag: Diagnostics) -> None:
    """An error at each way into a group of scenes that only lead to one another (a `next:` or
    choice loop with no way out): the player would go round for ever. Dead ends are reported
    by the loader; this finds the loops."""
    can_end = scenes_that_reach_an_end(story)
    trapped = {sid for sid in reached if sid not in can_end}
    if any(not story.scenes[sid].choices for sid in trapped):
        return  # a scene with no way out is already an error of its own
    for sid in sorted(trapped):
        scene = story.scenes[sid]
        entered_from_outside = sid == story.start or any(
            c.goto == sid
            for other in story.scenes.values()
            if other.id in reached and other.id not in trapped
            for c in other.choices
        )
        if not entered_from_outside:
            continue
        loop = _loop_from(story, sid, trapped)
        diag.error(
            scene.location,
            f"no ending can be reached from the scene '{sid}': its choices "
            f"only go round {' -> '.join(loop)}; give one of these scenes a "
            "choice that leads on",
        )


def _loop_from(story: Story, start: str, trapped: set[str]) -> list[str]:
    """The scenes met following the first choice from `start` until one repeats (at most 6 named)."""
    path = [start]
    while len(path) < 7:
        following = next((c.goto for c in story.scenes[path[-1]].choices if c.goto in trapped), None)
        if following is None:
            break
        path.append(following)
        if following in path[:-1]:
            break
    if len(path) == 7:
        path[-1] = "…"
    return path


def check_story(
    story: Story,
    diag: Diagnostics,
    conditions: list[Condition],
    effects: list[Effect],
    manifest: SourceLocation,
    *,
    draft: bool = False,
) -> None:
    """Adds graph and usage findings for a story that loaded without errors (in `draft` mode, a
    scene or ending nothing leads to yet is a warning)."""
    reached = reachable_scenes(story)
    unreachable = diag.warning if draft else diag.error
    note = " (draft mode: a warning for now)" if draft else ""
    _check_scenes(story, reached, diag, unreachable, note)
    _loops_without_exit(story, reached, diag)
    end_scenes = [s for s in story.scenes.values() if s.end]
    _check_end_scenes(story, end_scenes, diag, manifest)
    _check_endings(story, {s.id for s in end_scenes}, reached, diag, unreachable, note)
    _check_unused(story, conditions, effects, diag, manifest)


# How a scene or ending nothing leads to is reported: an error, or in draft mode a warning (with a
# note that says so).
Report = Callable[[SourceLocation, str], object]


def _check_scenes(story: Story, reached: set[str], diag: Diagnostics, unreachable: Report, note: str) -> None:
    """A scene no choice leads to is an error (a warning in draft mode); one whose every choice
    has a condition may strand the player."""
    for scene in story.scenes.values():
        if scene.id not in reached:
            unreachable(
                scene.location,
                f"no choice leads to the scene '{scene.id}' from the start '{story.start}'{note}",
            )
        conditional = [c for c in scene.choices if c.condition is not None]
        if scene.choices and len(conditional) == len(scene.choices):
            diag.warning(
                scene.location,
                f"every choice in '{scene.id}' has a condition: if none "
                "holds, the player is stuck; add one without 'if'",
            )


def _check_end_scenes(
    story: Story, end_scenes: list[Scene], diag: Diagnostics, manifest: SourceLocation
) -> None:
    """The story has an end scene, and each has an ending that always applies (a fallback)."""
    for scene in end_scenes:
        candidates = [e for e in story.endings if e.from_scenes is None or scene.id in e.from_scenes]
        if not candidates:
            diag.error(
                scene.location,
                f"the end scene '{scene.id}' has no ending: add one to "
                "'endings' (with 'from' naming it, or no 'from')",
            )
        elif all(e.condition is not None for e in candidates):
            diag.error(
                scene.location,
                f"the end scene '{scene.id}' needs a fallback ending: one with no 'if', tried last",
            )
    if not end_scenes:
        diag.error(manifest, "the story has no end scene: give at least one scene 'end: true'")


def _check_endings(
    story: Story, end_scenes: set[str], reached: set[str], diag: Diagnostics, unreachable: Report, note: str
) -> None:
    """Each ending can be reached, and is not shadowed by an earlier one without 'if'."""
    for position, ending in enumerate(story.endings):
        sources = ending.from_scenes if ending.from_scenes is not None else end_scenes
        if not any(s in reached for s in sources):
            unreachable(
                ending.location,
                f"the ending '{ending.id}' can never be reached: no end scene it applies to can be "
                f"reached{note}",
            )
            continue
        shadowed = all(
            any(
                other.condition is None and (other.from_scenes is None or s in other.from_scenes)
                for other in story.endings[:position]
            )
            for s in sources
        )
        if shadowed:
            diag.error(
                ending.location,
                f"the ending '{ending.id}' can never be chosen: an ending "
                "without 'if' is tried before it (give it a higher "
                "'priority')",
            )


def _check_unused(
    story: Story,
    conditions: list[Condition],
    effects: list[Effect],
    diag: Diagnostics,
    manifest: SourceLocation,
) -> None:
    """Warnings for flags nothing reads or sets, stats nothing changes or reads, unshown facts."""
    read_flags = {f for c in conditions for f in c.reads.flags}
    read_stats = {s for c in conditions for s in c.reads.stats}
    set_flags = {e.name for e in effects if e.kind == "flag"}
    changed_stats = {e.name for e in effects if e.kind == "stat"}
    for flag in story.flags.values():
        if flag.id not in read_flags:
            diag.warning(flag.location, f"nothing reads the flag '{flag.id}'")
        if flag.id not in set_flags:
            diag.warning(flag.location, f"no effect sets the flag '{flag.id}'")
    for stat in story.stats:
        if stat not in changed_stats:
            diag.warning(manifest, f"no effect changes the stat '{stat}'")
        if stat not in read_stats:
            diag.warning(manifest, f"no condition reads the stat '{stat}'")
    shown_facts = {s.fact for s in story.scenes.values() if s.fact}
    for fact in story.facts:
        if fact not in shown_facts:
            diag.warning(manifest, f"no scene shows the fact card '{fact}'")
