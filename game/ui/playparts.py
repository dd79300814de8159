"""The play screen's parts that game.ui.playlayout places: the scene's text as a block, and the
smaller drawings (the caption with chapter and place, a crowded choice list's cue, and the
classroom's clock and key-decision chip)."""

from __future__ import annotations

import pygame

from game.story import Scene
from game.ui.playlayout import PlayLayout
from game.ui.widgets import Block, Rect, Ui
from game.ui.words import word


def text_block(ui: Ui, width: int, lead: str | None, paragraphs: list[str], stuck: str | None) -> Block:
    """The scene's text laid out `width` wide: the last quiet choice's words (`lead`, in italics),
    the paragraphs, and a note when the player is `stuck` (no choice can be taken)."""
    metrics, palette = ui.metrics, ui.palette
    block = Block()
    if lead:
        block.add(
            lead, ui.face("italic", metrics.prose), palette.heading, width, spacing=metrics.line_spacing
        )
    for paragraph in paragraphs:
        block.add(
            paragraph, ui.face("prose", metrics.prose), palette.text, width, spacing=metrics.line_spacing
        )
    if stuck:
        block.add(word("stuck_title"), ui.face("ui_bold", metrics.ui), palette.fall, width)
        block.add(stuck, ui.face("ui", metrics.small), palette.text_dim, width)
    return block


def draw_caption(ui: Ui, surface: pygame.Surface, box: Rect, scene: Scene, chapter: bool = True) -> None:
    """The chapter (unless not `chapter`: its line then holds the point of view) and the place, at
    the top left over the picture, in `box`."""
    metrics, palette = ui.metrics, ui.palette
    small, face = ui.face("ui_bold", metrics.small), ui.face("ui", metrics.ui)
    title = small.wrap(scene.chapter.upper(), box.width)[0] if scene.chapter and chapter else ""
    place = " · ".join(part for part in (scene.place, scene.when) if part)
    place = face.wrap(place, box.width)[0] if place else ""
    y = box.y
    for text, f, colour in ((title, small, palette.focus), (place, face, palette.heading)):
        if text:
            if not palette.high_contrast:  # a shadow
                ui.text(surface, text, f, (0, 0, 0), (box.x + 1, y + 1))
            ui.text(surface, text, f, colour, (box.x, y), box.inflate(2, 2))
        y += f.height + metrics.gap // 2


def draw_choice_cue(ui: Ui, surface: pygame.Surface, plan: PlayLayout) -> None:
    """Under a crowded choice list: which choices are shown, and that there are more."""
    cue = plan.choice_cue
    if cue is None:
        return
    face = ui.face("ui", ui.metrics.small)
    count = len(plan.choice_buttons)
    text = word(
        "more_choices" if plan.choice_last < count - 1 else "earlier_choices",
        first=plan.choice_first + 1,
        last=plan.choice_last + 1,
        count=count,
    )
    text = face.wrap(text, cue.width)[0]
    ui.text(surface, text, face, ui.palette.focus, (cue.centerx - face.width(text) // 2, cue.y), cue)


def draw_clock(ui: Ui, surface: pygame.Surface, top: int, clock: str, key: str | None) -> None:
    """The class's clock at the top right from `top` down, and under it the `key` decision's chip
    (its words) if any."""
    metrics, palette = ui.metrics, ui.palette
    face = ui.face("ui_bold", metrics.ui)
    box = Rect(0, top, face.width(clock) + metrics.pad, face.height + metrics.gap)
    box.right = metrics.width - metrics.margin
    ui.panel(surface, box, palette.panel_solid, radius=box.height // 2)
    ui.text(surface, clock, face, palette.focus, (box.x + metrics.pad // 2, box.y + metrics.gap // 2), box)
    if key:
        chip = Rect(
            0, box.bottom + metrics.gap // 2, face.width(key) + metrics.pad, face.height + metrics.gap
        )
        chip.right = metrics.width - metrics.margin
        ui.panel(surface, chip, (*palette.focus, 255), radius=chip.height // 2)
        ink = palette.panel_solid[:3]
        ui.text(surface, key, face, ink, (chip.x + metrics.pad // 2, chip.y + metrics.gap // 2), chip)
