"""Type: the font files, a cache of rendered text, and line wrapping.

A missing or broken font file logs one warning and falls back to pygame's built-in font.
Chinese characters are drawn with the CJK font, the rest with the face's own font.
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from pathlib import Path

import pygame

log = logging.getLogger("game.ui.text")

FONT_FILES = {
    "prose": "CharisSIL-Regular.ttf",
    "italic": "CharisSIL-Italic.ttf",
    "display": "EBGaramond12-Regular-subset.otf",
    "ui": "Inter-Regular-subset.otf",
    "ui_bold": "Inter-SemiBold-subset.otf",
    "cjk": "NotoSerifCJKsc-Regular-subset.otf",
}
_CJK = re.compile(r"([\u2e80-\u9fff\u3000-\u303f\uf900-\ufaff\uff00-\uffef]+)")
_RENDER_CACHE_LIMIT = 3000
# Pixels kept: two windows' worth (7 MB at 1280x720, 16 MB at 1920x1080), where all the text one
# screen shows takes well under one window; sized by the window, so a small one keeps less.
_RENDER_CACHE_WINDOWS = 2
_WRAP_CACHE_LIMIT = 600


class Face:
    """One font at one size (with a CJK companion): measures and renders runs of text."""

    def __init__(
        self, key: tuple[str, int], font: pygame.font.Font, cjk: pygame.font.Font | None, cache: TextCache
    ) -> None:
        self.key = key
        self.font = font
        self.cjk = cjk
        self._cache = cache
        self.height = font.get_linesize()
        self.ascent = font.get_ascent()

    def _runs(self, text: str) -> list[tuple[str, pygame.font.Font]]:
        if self.cjk is None or not _CJK.search(text):
            return [(text, self.font)]
        runs = []
        for index, part in enumerate(_CJK.split(text)):
            if part:
                runs.append((part, self.cjk if index % 2 else self.font))
        return runs

    def width(self, text: str) -> int:
        """The width of `text` in pixels."""
        return sum(font.size(part)[0] for part, font in self._runs(text))

    def render(self, text: str, colour: tuple[int, int, int]) -> pygame.Surface:
        """`text` drawn in `colour` on a transparent surface (cached)."""
        return self._cache.get((self.key, text, colour), lambda: self._draw(text, colour))

    def _draw(self, text: str, colour: tuple[int, int, int]) -> pygame.Surface:
        runs = self._runs(text)
        if len(runs) == 1:
            return runs[0][1].render(text or " ", True, colour)
        parts = [font.render(part, True, colour) for part, font in runs]
        out = pygame.Surface((sum(p.get_width() for p in parts), self.height), pygame.SRCALPHA)
        x = 0
        for (_, font), part in zip(runs, parts, strict=True):
            y = self.ascent - font.get_ascent()
            out.blit(part, (x, max(0, y)))
            x += part.get_width()
        return out

    def wrap(self, text: str, width: int) -> list[str]:
        """`text` broken into lines no wider than `width` (a too-long word is split)."""
        return self._cache.wrapped((self.key, text, width), lambda: _wrap(self, text, width))


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for index, part in enumerate(_CJK.split(text)):
        if index % 2:
            out.extend(part)  # every CJK character is a place to break
        else:
            out.extend(re.findall(r"\S+\s*", part) or ([] if not part else [part]))
    return out


def _wrap(face: Face, text: str, width: int) -> list[str]:
    if "\n" in text:  # a line break in the text is kept as one, never drawn inside a line
        return [line for part in text.split("\n") for line in _wrap(face, part, width)]
    width = max(8, width)
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        candidate = line + token
        if face.width(candidate.rstrip()) <= width:
            line = candidate
            continue
        if line:
            lines.append(line.rstrip())
            line = ""
        while not _fits(face, token.rstrip(), width):
            cut = _longest_fitting_prefix(face, token, width)
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip() or not lines:
        lines.append(line.rstrip())
    return lines


def _fits(face: Face, word: str, width: int) -> bool:
    """Whether `word` fits in `width` pixels (a single character always does), measuring at most
    `width` characters: no character is narrower than a pixel, so a longer word cannot fit."""
    return len(word) <= 1 or (len(word) <= width and face.width(word) <= width)


def _longest_fitting_prefix(face: Face, word: str, width: int) -> int:
    """The length (at least 1) of the longest start of `word` that fits in `width` pixels.

    A binary search over at most `width` characters: a line costs O(width log width) whatever
    the word's length, so a word wraps in time linear in its length.
    """
    low, high = 1, min(len(word), width)
    while low < high:
        middle = (low + high + 1) // 2
        if face.width(word[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _size_of(surface: pygame.Surface) -> int:
    """The bytes a surface's pixels take."""
    return surface.get_pitch() * surface.get_height()


class TextCache:
    """Rendered text and wrapped lines, least recently used first out."""

    def __init__(self) -> None:
        self._surfaces: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wraps: OrderedDict[tuple, list[str]] = OrderedDict()
        self.bytes = 0  # pixel memory of the cached surfaces
        self.budget = 0  # the most pixel memory kept (fit_window sets it)
        self.fit_window((1280, 720))

    def fit_window(self, size: tuple[int, int]) -> None:
        """Keeps the rendered text of about two windows of `size` (called when the window changes)."""
        self.budget = _RENDER_CACHE_WINDOWS * size[0] * size[1] * 4
        self._trim()

    def _trim(self) -> None:
        while len(self._surfaces) > 1 and (
            len(self._surfaces) > _RENDER_CACHE_LIMIT or self.bytes > self.budget
        ):
            self.bytes -= _size_of(self._surfaces.popitem(last=False)[1])

    def get(self, key: tuple, make) -> pygame.Surface:
        found = self._surfaces.get(key)
        if found is not None:
            self._surfaces.move_to_end(key)
            return found
        surface = make()
        self._surfaces[key] = surface
        self.bytes += _size_of(surface)
        self._trim()
        return surface

    def wrapped(self, key: tuple, make) -> list[str]:
        found = self._wraps.get(key)
        if found is None:
            found = self._wraps[key] = make()
            if len(self._wraps) > _WRAP_CACHE_LIMIT:
                self._wraps.popitem(last=False)
        return list(found)  # a copy: callers may extend it


class Fonts:
    """Loads the game's fonts from `font_dir` on demand; `face(role, size)` never raises."""

    def __init__(self, font_dir: Path) -> None:
        self.font_dir = Path(font_dir)
        self.cache = TextCache()
        self._fonts: dict[tuple[str, int], pygame.font.Font | None] = {}
        self._faces: dict[tuple[str, int], Face] = {}
        self._warned: set[str] = set()

    def _load(self, role: str, size: int) -> pygame.font.Font | None:
        key = (role, size)
        if key in self._fonts:
            return self._fonts[key]
        path = self.font_dir / FONT_FILES[role]
        font: pygame.font.Font | None = None
        try:
            font = pygame.font.Font(str(path), size)
        except (OSError, pygame.error, FileNotFoundError) as exc:
            if role not in self._warned:
                self._warned.add(role)
                log.warning("font %s (%s) could not be loaded: %s; using a plain fallback", role, path, exc)
        self._fonts[key] = font
        return font

    def face(self, role: str, size: int) -> Face:
        """The face for a role ('prose', 'italic', 'display', 'ui', 'ui_bold') at `size` pixels."""
        key = (role, size)
        face = self._faces.get(key)
        if face is None:
            font = self._load(role, size)
            if font is None:
                font = self._fallback(size)
            cjk = self._load("cjk", size)
            face = self._faces[key] = Face(key, font, cjk, self.cache)
        return face

    def _fallback(self, size: int) -> pygame.font.Font:
        key = ("fallback", size)
        font = self._fonts.get(key)
        if font is None:
            font = self._fonts[key] = pygame.font.Font(None, round(size * 1.25))
        return font
