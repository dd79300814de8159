"""What the window's first frame needs, and nothing more: the window, the player's settings, the
title's picture, its fonts and words, and "Loading the story…".

The player's start (game.ui.start) draws this frame before the story, the engine and the screens
are imported, and imports them behind it. So this module, and everything it imports, reads no
story and plays none: tests/test_architecture.py checks that importing it imports neither
game.story nor game.engine. The title screen (game.ui.screens.title) draws its picture, its name
and its credit with the functions here, so the first frame and the title are the same picture.
"""

from __future__ import annotations

import functools
import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pygame

from game.options import LaunchOptions
from game.paths import shipped_dir, user_data_dir
from game.settings import Settings, load_settings
from game.ui.motion import ANCHOR, cover_transform
from game.ui.text import Fonts
from game.ui.theme import HIGH_CONTRAST, NIGHT, metrics
from game.ui.widgets import Rect, Ui
from game.ui.words import word

log = logging.getLogger("game.ui")

ASSETS = shipped_dir("assets")
DEFAULT_SIZE = (1280, 720)
# The title's picture is the game's own, not a story's: its name is fixed (make_art.py also makes
# copies for the usual window sizes, `title@1280x720.png`, which decode without scaling).
TITLE_PICTURE = Path("backdrops") / "title.png"
CREDIT = "After Lixin Fan's documentary Last Train Home (2009)"


@dataclass
class FirstFrame:
    """The window as the first frame left it: what the rest of the game starts from."""

    surface: pygame.Surface
    settings: Settings
    data_dir: Path
    warnings: list[str]  # about the settings file, shown once the game is up
    ui: Ui


def open_first_frame(options: LaunchOptions) -> FirstFrame:
    """Starts pygame's display, reads the settings, opens the window and draws the title card."""
    pygame.display.init()
    pygame.font.init()
    data_dir = user_data_dir()
    settings, warnings = load_settings(data_dir)
    surface = open_window(options, settings)
    palette = HIGH_CONTRAST if settings.high_contrast else NIGHT
    ui = Ui(Fonts(ASSETS / "fonts"), palette, metrics(surface.get_size(), settings.text_scale))
    first = FirstFrame(surface, settings, data_dir, warnings, ui)
    draw_card(first)
    return first


def draw_card(first: FirstFrame) -> None:
    """The title as it is before the game is ready: the game's name and "Loading the story…"
    where the menu will be; flipped to the window."""
    surface, ui = first.surface, first.ui
    ui.metrics = metrics(surface.get_size(), first.settings.text_scale)  # (again after a resize)
    draw_title_backdrop(surface, ui)
    draw_name(surface, ui, word("game_title"), word("game_title_native"))
    face, m = ui.face("ui", ui.metrics.small), ui.metrics
    window = Rect(0, 0, m.width, m.height)
    ui.text(surface, word("loading_story"), face, ui.palette.text_dim, (m.margin * 2, menu_top(ui)), window)
    draw_credit(surface, ui)
    pygame.display.flip()


def open_window(options: LaunchOptions | None, settings: Settings) -> pygame.Surface:
    """Opens the game window (resizable; fullscreen if the settings say so)."""
    size = (options.window_size if options and options.window_size else None) or DEFAULT_SIZE
    if pygame.display.get_driver() == "x11":
        # The game draws each frame itself, in software, on the window's surface. Under X11,
        # SDL shows that surface through OpenGL by default (a texture uploaded at every flip),
        # which loads the GL driver as the window opens: about 90 ms of CPU with Mesa's software
        # GL, and 9-10 ms a flip there. X11's own shared-memory image shows the same pixels at
        # 0.6 ms a flip with no driver to load (SDL makes this choice itself on Windows). Only
        # for X11: Wayland has no such image. A value the player set is kept.
        os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")
    pygame.display.set_caption("Last Train Home · 归途列车")
    pygame.display.set_icon(window_icon())
    if settings.fullscreen and not (options and options.autoplay):
        try:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        except pygame.error as exc:
            log.warning("fullscreen is not available: %s", exc)
    return pygame.display.set_mode(size, pygame.RESIZABLE)


def window_icon(size: int = 64) -> pygame.Surface:
    """The window's icon, drawn here (no file to lose): a lit train lamp at the end of two rails
    on the night palette's blue, in a rounded square."""
    icon = pygame.Surface((size, size), pygame.SRCALPHA)
    unit = size / 64
    pygame.draw.rect(icon, (*NIGHT.backdrop, 255), icon.get_rect(), border_radius=round(12 * unit))
    horizon = round(26 * unit)
    pygame.draw.rect(
        icon,
        (34, 40, 64, 255),
        (0, horizon, size, size - horizon),
        border_bottom_left_radius=round(12 * unit),
        border_bottom_right_radius=round(12 * unit),
    )
    rail = (*NIGHT.bar_fill, 255)
    for foot, top in ((10, 29), (54, 35)):  # two rails meeting at the lamp
        pygame.draw.line(
            icon, rail, (round(foot * unit), size - 1), (round(top * unit), horizon), max(2, round(3 * unit))
        )
    for y in (40, 50, 60):  # sleepers, wider as they come closer
        half = (y - 22) * 0.62
        pygame.draw.line(
            icon,
            (*NIGHT.text_dim, 255),
            (round((32 - half) * unit), round(y * unit)),
            (round((32 + half) * unit), round(y * unit)),
            max(1, round(2 * unit)),
        )
    lamp = (round(32 * unit), round(18 * unit))
    glow = pygame.Surface((size, size), pygame.SRCALPHA)
    for radius, alpha in ((15, 40), (11, 70)):  # a soft halo, blended over the sky
        pygame.draw.circle(glow, (*NIGHT.focus, alpha), lamp, round(radius * unit))
    icon.blit(glow, (0, 0))
    pygame.draw.circle(icon, (*NIGHT.focus, 255), lamp, round(7 * unit))
    pygame.draw.circle(icon, (255, 244, 214, 255), lamp, round(4 * unit))
    return icon


# ---------------------------------------------------------------------- the title's picture


def draw_title_backdrop(surface: pygame.Surface, ui: Ui, assets: Path = ASSETS) -> None:
    """The title's picture under a veil at the left (a plain fill in high contrast)."""
    if ui.palette.high_contrast:
        surface.fill(ui.palette.backdrop)
        return
    width, height = surface.get_size()
    surface.blit(title_picture(assets, (width, height)), (0, 0))
    surface.blit(_shade(round(width * 0.6), height), (0, 0))


@functools.lru_cache(maxsize=2)
def title_picture(assets: Path, size: tuple[int, int]) -> pygame.Surface:
    """The title's picture covering `size` (cropped, aspect kept): the copy made for that size
    when there is one, else the picture scaled; the night's backdrop colour if it cannot be read."""
    path = assets / TITLE_PICTURE
    made = path.with_name(f"{path.stem}@{size[0]}x{size[1]}.png")
    try:
        picture = pygame.image.load(made if made.is_file() else path)
    except (OSError, pygame.error) as exc:
        log.warning("the title's picture cannot be read: %s", exc)
        plain = pygame.Surface(size)
        plain.fill(NIGHT.backdrop)
        return plain
    if pygame.display.get_surface() is not None:
        picture = picture.convert()
    if picture.get_size() == size:
        return picture
    _, scaled, offset = cover_transform(picture.get_size(), size, ANCHOR)
    cover = pygame.Surface(size, 0, picture)
    cover.blit(pygame.transform.smoothscale(picture, scaled), (-offset[0], -offset[1]))
    return cover


@functools.lru_cache(maxsize=4)
def _shade(width: int, height: int) -> pygame.Surface:
    """A night-blue veil, dark at the left edge and fading out to the right."""
    strip = pygame.Surface((width, 1), pygame.SRCALPHA)  # one row, stretched: a fill per pixel
    for x in range(width):  # of a column cost ms at start-up
        strip.set_at((x, 0), (12, 14, 30, round(170 * (1 - x / width) ** 1.6)))
    return pygame.transform.scale(strip, (width, height))


# ---------------------------------------------------------------------- the title's words


def menu_top(ui: Ui) -> int:
    """Where the title's menu begins: under the name and its native line."""
    m = ui.metrics
    title_h = ui.face("display", m.title).height + ui.face("display", round(m.title * 0.55)).height
    return m.margin * 2 + title_h + m.pad * 2


def name_height(ui: Ui) -> int:
    """The height the name and its native line take, drawn by `draw_name`."""
    title = ui.metrics.title
    return ui.face("display", title).height + ui.face("display", round(title * 0.5)).height


def draw_name(surface: pygame.Surface, ui: Ui, title: str, native: str) -> None:
    """The name, large, at the top left (wrapped if long), and the native title under it."""
    m, palette = ui.metrics, ui.palette
    x, y = m.margin * 2, m.margin * 2
    box = Rect(x, y - m.gap, m.width - 2 * x, m.height)
    big, native_face = ui.face("display", m.title), ui.face("display", round(m.title * 0.5))
    for line in big.wrap(title, box.width):
        ui.text(surface, line, big, palette.heading, (x, y), box)
        y += big.height
    if native:
        ui.text(surface, native, native_face, palette.accent, (x + 2, y), box)


def draw_credit(surface: pygame.Surface, ui: Ui) -> None:
    """The documentary the game follows, small at the bottom right (when the window is wide)."""
    m = ui.metrics
    small = ui.face("ui", m.small)
    if m.width <= 2 * small.width(CREDIT):
        return
    for line in small.wrap(CREDIT, m.width // 2)[-1:]:
        pos = (m.width - m.margin - small.width(line), m.height - m.margin - small.height)
        ui.text(surface, line, small, ui.palette.text_dim, pos, Rect(0, 0, m.width, m.height))
