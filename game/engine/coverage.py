"""Line coverage of random playthroughs, like ChoiceScript's randomtest: how often each paragraph
of text was shown.

A "line" is one paragraph as the author wrote it: of a scene's text, of a variant's text, a
choice's words, a choice's `says:` line, or an ending's text. The counts come from a
`RandomReport`: a scene's text shows at each visit (but where a `replace:` variant hid it), a
variant's when its condition held (and no later `replace:` hid it), a choice's words when the
choice was shown (open, or locked with a reason), its `says:` line when it was taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.story.model import Scene, paragraphs

if TYPE_CHECKING:
    from game.engine.playthroughs import RandomReport


@dataclass(frozen=True)
class Line:
    """One paragraph of the story's text and how many times the playthroughs showed it."""

    kind: str  # "text", "variant", "choice", "says" or "ending"
    owner: str  # the scene, the choice's full id or the ending's id
    variant: int  # the variant's index, for "variant"; else -1
    text: str  # the paragraph as written, placeholders unfilled
    shown: int


def _scene_lines(scene: Scene, report: RandomReport) -> list[Line]:
    sid, visits = scene.id, report.scene_visits.get(scene.id, 0)
    shown = visits - report.hidden.get((sid, -1), 0)
    lines = [Line("text", sid, -1, p, shown) for p in paragraphs(scene.text.source)]
    for index, variant in enumerate(scene.variants):
        shown = report.variants_shown.get((sid, index), 0) - report.hidden.get((sid, index), 0)
        lines += [Line("variant", sid, index, p, shown) for p in paragraphs(variant.text.source)]
    for choice in scene.choices:
        if choice.is_continue:
            continue
        shown = visits if choice.condition is None else report.offered.get(choice.full_id, 0)
        lines.append(Line("choice", choice.full_id, -1, choice.text, shown))
        if choice.says is not None:
            taken = report.taken.get(choice.full_id, 0)
            lines += [Line("says", choice.full_id, -1, p, taken) for p in paragraphs(choice.says.source)]
    return lines


def line_coverage(report: RandomReport) -> list[Line]:
    """Every line of the scenes after the runs' start (and of their endings), in story order,
    with how often it was shown."""
    story = report.story
    lines: list[Line] = []
    for sid in story.scenes:
        if sid in report.judged:
            lines += _scene_lines(story.scenes[sid], report)
    ends = {s for s in report.judged if story.scenes[s].end}
    for ending in story.endings:
        if ending.from_scenes is None or not ends.isdisjoint(ending.from_scenes):
            times = report.endings_seen.get(ending.id, 0)
            lines += [Line("ending", ending.id, -1, p, times) for p in paragraphs(ending.text.source)]
    return lines
