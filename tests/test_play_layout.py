"""The play screen's layout by itself (game.ui.playlayout): for each window and text size, the
parts are inside the window, apart, and the text keeps its room beside the choices."""

from __future__ import annotations

import pygame
import pytest

from game.settings import TEXT_SCALE
from game.story.model import Fact
from game.ui.app import ASSETS
from game.ui.playlayout import Note, PlayLayout
from game.ui.text import Fonts
from game.ui.theme import NIGHT, metrics
from game.ui.widgets import Block, Button, Scroller, Ui

SIZES = [(800, 600), (1280, 720), (1920, 1080)]
PARAGRAPH = (
    "The neighbour's rooster starts while it is still dark. You lie still: Qin sleeps between "
    "you and Suqin, one small fist in your ribs, and the terraces below are grey with mist."
)


@pytest.fixture(scope="module")
def fonts() -> Fonts:
    pygame.font.init()
    return Fonts(ASSETS / "fonts")


def layout(
    fonts: Fonts,
    size: tuple[int, int],
    text: str,
    paragraphs: int,
    choices: list[str],
    subject: str | None = None,
    shrink: bool = False,
) -> tuple[PlayLayout, list[Button]]:
    """The layout and its tool buttons for a scene of `paragraphs` paragraphs and these choices, laid out at a window and text size
    over a backdrop whose subject is on that side (`shrink`: a short scene's panel fits its text)."""
    ui = Ui(fonts, NIGHT, metrics(size, TEXT_SCALE[text]))
    plan = PlayLayout(ui, Scroller(), subject=subject)
    tools = [Button(label, lambda: None, kind="small") for label in ("Undo", "Family", "History", "Menu")]
    plan.place_tools(tools)
    fact = Fact("f", "Migrant workers", "60 million", "Many left the villages.", "A source")
    plan.place_note(Note("What would you do?", fact, lambda: None), "CHANGHUA'S CHOICE")
    block = Block()
    prose = ui.face("prose", ui.metrics.prose)
    for _ in range(paragraphs):
        block.add(PARAGRAPH, prose, NIGHT.text, plan.inner, spacing=ui.metrics.line_spacing)
    buttons = [Button(label, lambda: None, number=i + 1, kind="choice") for i, label in enumerate(choices)]
    if shrink:
        plan.shrink(block, buttons)
    plan.fit_choices(buttons, block, hint=False)
    return plan, tools


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text", list(TEXT_SCALE))
def test_the_parts_are_inside_the_window_and_apart(fonts: Fonts, size: tuple[int, int], text: str) -> None:
    plan, tools = layout(fonts, size, text, 4, ["Read the letter out at supper", "Show it to Suqin first"])
    window = pygame.Rect((0, 0), size)
    assert window.contains(plan.panel)
    for tool in tools:
        assert window.contains(tool.rect) and not tool.rect.colliderect(plan.panel)
    assert plan.panel.contains(plan.text_box)
    for button in plan.choice_buttons:
        if plan.flow:  # in the text's scroll after its end: in its view, or off screen
            assert button.rect.bottom < 0 or plan.text_box.contains(button.rect)
        else:
            assert plan.panel.contains(button.rect)
            assert button.rect.top >= plan.text_box.bottom, "the choices are under the text, not over it"
    if plan.note_box is not None:  # beside the panel
        assert window.contains(plan.note_box) and not plan.note_box.colliderect(plan.panel)
    else:  # a chip in the panel's top, the text under it
        assert plan.note_button is not None and plan.panel.contains(plan.note_button.rect)
        assert plan.text_top >= plan.note_button.rect.bottom


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text", list(TEXT_SCALE))
def test_a_crowded_list_scrolls_or_follows_the_text_and_the_text_keeps_four_lines(
    fonts: Fonts, size: tuple[int, int], text: str
) -> None:
    long = "Say nothing now, and go to the station alone before anyone in the house is awake " * 2
    plan, _ = layout(fonts, size, text, 6, [long] * 7)
    ui_prose = plan.ui.face("prose", plan.ui.metrics.prose)
    assert plan.text_box.height >= 4 * ui_prose.height
    if plan.flow:  # the choices follow the text: the keyboard's choice is scrolled into view
        for button in plan.choice_buttons:
            plan.show_choice(button)
            assert plan.text_box.contains(button.rect)
        return
    assert plan.choice_cue is not None and plan.choice_last < 6  # not all seven fit
    shown = [b for b in plan.choice_buttons if b.rect.bottom > 0]
    assert all(plan.choice_view.contains(b.rect) for b in shown)
    plan.show_choice(plan.choice_buttons[-1])
    assert plan.choice_last == 6 and plan.choice_view.contains(plan.choice_buttons[-1].rect)
    assert plan.choice_buttons[0].rect.bottom < 0, "scrolled off: never under the mouse"
    plan.rewind_choices()
    assert plan.choice_first == 0 and plan.choice_view.contains(plan.choice_buttons[0].rect)


def test_large_text_lets_the_choices_follow_the_text(fonts: Fonts) -> None:
    medium, _ = layout(fonts, (1280, 720), "medium", 8, ["Read the letter out", "Show it to Suqin first"])
    assert not medium.flow  # two choices under the text leave it eight lines or more
    plan, _ = layout(
        fonts, (1280, 720), "largest", 8, ["Read the letter out", "Show it to Suqin", "Say nothing"]
    )
    assert plan.flow
    m = plan.ui.metrics
    assert plan.panel.bottom >= m.height - m.gap and plan.pov_at[1] < plan.panel.top  # the picture gives way
    assert plan.text_box.height > 8 * plan.ui.face("prose", m.prose).height  # under the fact chip
    first, last = plan.choice_buttons[0], plan.choice_buttons[-1]
    assert first.rect.bottom < 0 and last.rect.bottom < 0  # below the text, out of view at its top
    plan.scroll.show_bottom(plan.text_end())
    plan.follow_scroll()
    assert plan.text_box.contains(first.rect)
    plan.scroll.offset = 0
    plan.show_choice(last)
    assert plan.text_box.contains(last.rect)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("text", list(TEXT_SCALE))
@pytest.mark.parametrize("subject", ["left", "right", "centre", None])
def test_the_panel_takes_the_side_the_pictures_subject_is_not_on(
    fonts: Fonts, size: tuple[int, int], text: str, subject: str | None
) -> None:
    plan, tools = layout(fonts, size, text, 4, ["Read the letter out", "Show it to Suqin"], subject, True)
    window, m = pygame.Rect((0, 0), size), plan.ui.metrics
    assert window.contains(plan.panel) and plan.panel.contains(plan.text_box)
    assert all(plan.panel.contains(b.rect) for b in plan.choice_buttons if not plan.flow)
    if plan.narrow:  # large text in a small window: the panel takes the window's width
        return
    if subject == "left":
        assert plan.side == "right" and plan.panel.right == size[0] - m.margin
        assert plan.panel.left > size[0] // 3  # the left of the picture shows
    else:
        assert plan.side == "left" and plan.panel.left == m.margin
    if subject == "right":
        assert plan.panel.right < size[0] * 0.66  # the right third and more shows
    if plan.note_box is not None:  # the note on the picture's side, clear of the panel
        assert not plan.note_box.colliderect(plan.panel) and window.contains(plan.note_box)
        assert (plan.note_box.centerx > plan.panel.centerx) == (plan.side == "left")


def test_beside_a_subject_the_panel_leaves_the_subjects_half_clear_at_1280x720(fonts: Fonts) -> None:
    wide, _ = layout(fonts, (1280, 720), "medium", 4, ["Go", "Stay"], "centre")
    plan, _ = layout(fonts, (1280, 720), "medium", 4, ["Go", "Stay"], "right")
    assert wide.panel.right > 0.66 * 1280  # over a centred subject the panel keeps its width
    assert plan.panel.right < 0.6 * 1280 and not plan.narrow  # about 55 characters a line still


@pytest.mark.parametrize("size", SIZES)
def test_a_short_scenes_panel_shrinks_to_its_text_so_more_picture_shows(
    fonts: Fonts, size: tuple[int, int]
) -> None:
    full, _ = layout(fonts, size, "medium", 1, ["Go on"], "right")
    plan, _ = layout(fonts, size, "medium", 1, ["Go on"], "right", shrink=True)
    assert plan.panel.bottom == full.panel.bottom and plan.panel.top > full.panel.top + size[1] // 5
    assert plan.text_box.height >= plan._block.height  # every line shows, nothing to scroll
    assert plan.text_box.top >= plan.panel.top and plan.text_box.bottom <= plan.choice_view.top
    assert plan.panel.contains(plan.choice_buttons[0].rect)
    long, _ = layout(fonts, size, "medium", 8, ["Go on"], "right", shrink=True)
    assert long.panel.top == full.panel.top  # a long scene keeps the whole height
