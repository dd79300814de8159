"""Static checks on a loaded story: the graph, the endings, and names nothing uses."""

from __future__ import annotations

from collections import deque

from game.story.expressions import Condition, Effect
from game.story.location import Diagnostics, SourceLocation
from game.story.model import Story


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


def check_story(
    story: Story,
    diag: Diagnostics,
    conditions: list[Condition],
    effects: list[Effect],
    manifest: SourceLocation,
) -> None:
    """Adds graph and usage findings for a story that loaded without errors."""
    reached = reachable_scenes(story)
    for scene in story.scenes.values():
        if scene.id not in reached:
            diag.error(
                scene.location, f"no choice leads to the scene '{scene.id}' from the start '{story.start}'"
            )
        conditional = [c for c in scene.choices if c.condition is not None]
        if scene.choices and len(conditional) == len(scene.choices):
            diag.warning(
                scene.location,
                f"every choice in '{scene.id}' has a condition: if none "
                "holds, the player is stuck; add one without 'if'",
            )

    end_scenes = [s for s in story.scenes.values() if s.end]
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
    for ending in story.endings:
        sources = ending.from_scenes if ending.from_scenes is not None else {s.id for s in end_scenes}
        if not any(s in reached for s in sources):
            diag.error(
                ending.location,
                f"the ending '{ending.id}' can never be reached: no end scene it applies to can be reached",
            )
            continue
        # An earlier unconditional ending for every end scene it applies to shadows it.
        shadowed = all(
            any(
                other is not ending
                and other.condition is None
                and (other.from_scenes is None or s in other.from_scenes)
                for other in story.endings[: story.endings.index(ending)]
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

    read_flags = {f for c in conditions for f in c.reads.flags}
    read_stats = {s for c in conditions for s in c.reads.stats}
    read_resources = {r for c in conditions for r in c.reads.resources}
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
    del read_resources
    shown_facts = {s.fact for s in story.scenes.values() if s.fact}
    for fact in story.facts:
        if fact not in shown_facts:
            diag.warning(manifest, f"no scene shows the fact card '{fact}'")
