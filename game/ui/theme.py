"""The look: two palettes (night and high contrast) and sizes computed from the window."""

from __future__ import annotations

from typing import NamedTuple

Colour = tuple[int, int, int]
RGBA = tuple[int, int, int, int]


class Palette(NamedTuple):
    """Every colour the interface uses; screens never invent their own.

    (A NamedTuple rather than a dataclass: as immutable, and a millisecond cheaper to declare at
    start-up, where every millisecond is measured.)"""

    backdrop: Colour  # behind everything, before a picture is drawn
    panel: RGBA  # text panels over pictures
    panel_solid: RGBA  # dialogs and full screens
    edge: RGBA  # hairline around panels
    scrim: RGBA  # darkens what lies under an overlay
    text: Colour  # prose
    text_dim: Colour  # captions, hints
    heading: Colour
    accent: Colour  # lantern red, used sparingly
    focus: Colour  # keyboard focus ring and selected values
    button: RGBA
    button_hover: RGBA
    button_text: Colour
    locked: Colour
    bar_back: RGBA
    bar_fill: Colour
    rise: Colour
    fall: Colour
    high_contrast: bool = False


NIGHT = Palette(
    backdrop=(20, 24, 40),
    panel=(16, 19, 34, 218),
    panel_solid=(22, 26, 44, 246),
    edge=(236, 226, 204, 34),
    scrim=(8, 10, 20, 150),
    text=(238, 229, 210),
    text_dim=(170, 166, 168),
    heading=(246, 238, 222),
    accent=(200, 70, 56),
    focus=(232, 178, 104),
    button=(236, 226, 204, 18),
    button_hover=(236, 226, 204, 40),
    button_text=(238, 229, 210),
    locked=(146, 143, 152),  # 5:1 on the shaded top bar (the disabled Undo), 4.5:1 or more on panels
    bar_back=(236, 226, 204, 30),
    bar_fill=(214, 196, 160),
    rise=(150, 196, 150),
    fall=(222, 112, 92),
)

HIGH_CONTRAST = Palette(
    backdrop=(0, 0, 0),
    panel=(0, 0, 0, 255),
    panel_solid=(0, 0, 0, 255),
    edge=(255, 255, 255, 255),
    scrim=(0, 0, 0, 255),
    text=(255, 255, 255),
    text_dim=(230, 230, 230),
    heading=(255, 255, 255),
    accent=(255, 230, 0),
    focus=(255, 230, 0),
    button=(0, 0, 0, 255),
    button_hover=(60, 60, 0, 255),
    button_text=(255, 255, 255),
    locked=(190, 190, 190),
    bar_back=(70, 70, 70, 255),
    bar_fill=(255, 255, 255),
    rise=(120, 255, 120),
    fall=(255, 140, 120),
    high_contrast=True,
)


class Metrics(NamedTuple):
    """Sizes in pixels for one window size and text size."""

    width: int
    height: int
    unit: float  # 1.0 at 1280x720
    prose: int
    ui: int
    small: int
    heading: int
    title: int
    margin: int
    pad: int
    gap: int
    radius: int
    button_height: int
    line_spacing: float = 1.42


def metrics(size: tuple[int, int], text_scale: float) -> Metrics:
    """Sizes for a window of `size` at a text scale (1.0 = medium)."""
    width, height = max(320, size[0]), max(240, size[1])
    unit = min(width / 1280, height / 720)
    text = unit * text_scale

    def px(value: float, floor: int) -> int:
        return max(floor, round(value))

    ui = px(19 * text, 13)
    return Metrics(
        width=width,
        height=height,
        unit=unit,
        prose=px(24 * text, 15),
        ui=ui,
        small=px(15.5 * text, 14),  # 14: readable at 960x540
        heading=px(34 * text, 20),
        title=px(76 * unit, 34),
        margin=px(40 * unit, 14),
        pad=px(26 * unit, 12),
        gap=px(10 * unit, 5),
        radius=px(14 * unit, 6),
        button_height=px(ui * 2.1, 28),
    )
