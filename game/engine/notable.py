"""When a choice's consequences deserve the consequence card, and when they go quietly.

A card after every choice (about fifty a path) flattens the prose. The card shows when
something changes that matters; every other change goes quietly to the family page, and the
choice's `says` line (if any) opens the next scene instead. The rule, in the order it is tried:

1. A choice marked `quiet: true` never shows a card (the author's call: a moment where a
   read-out would be crass, such as the blow in the confrontation).
2. A key decision's choice (its scene has `key:`) always shows its card.
3. A stat that moves by `STAT_STEP` (2) or more shows it.
4. A resource that moves by at least its `notable:` amount (the manifest's; 1 if not given)
   shows it.
5. A flag that becomes true shows it: a flag is a fact the story names in words
   ("Qin left school"). A flag turned off is told only beside something else that matters.

Anything else (a stat moving by one, a little money, words alone) is quiet.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from game.story.model import Choice, Scene, Story

STAT_STEP = 2


def matters(story: Story, scene: Scene, choice: Choice, changes: Iterable[Any]) -> bool:
    """Whether taking `choice` in `scene`, which made `changes`, shows the consequence card."""
    if choice.quiet:
        return False
    if scene.key and not choice.is_continue:
        return True
    for change in changes:
        if change.kind == "stat" and abs(change.delta) >= STAT_STEP:
            return True
        if change.kind == "resource" and abs(change.delta) >= story.resources[change.name].notable:
            return True
        if change.kind == "flag" and change.after:
            return True
    return False
