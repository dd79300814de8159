"""Pictures for the game: backdrops, portraits, and what moves and sounds with them.

``ArtLibrary`` reads ``assets/backdrops/catalog.yaml`` (safe YAML) and the PNG
files under ``assets/``. It never raises for a missing, unknown or broken
picture: it logs one warning (logger ``game.art``) and returns a fallback that
looks deliberate (a soft gradient in the game's palette, or a silhouette).

Nothing runs at import time. Images are ``convert()``-ed only when a display
surface exists, so the library works headless.
"""

from __future__ import annotations

import logging
import pathlib
import re
from collections import OrderedDict
from typing import Any

import pygame

from game.ui.motion import ANCHOR, Motion, cover_transform, make_motion

log = logging.getLogger("game.art")

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")
_CACHE_LIMIT = 12  # scaled surfaces kept: a window-sized backdrop is ~4 MB at 1280x720
_CACHE_BYTES = 24 * 1024 * 1024  # and their pixels: six window-sized backdrops at 1280x720

# The game's palette: dusk over the Sichuan hills (used by the fallbacks).
PALETTE = {
    "sky_top": (43, 50, 68),
    "sky_low": (196, 160, 122),
    "hill_far": (104, 110, 124),
    "hill_near": (62, 68, 82),
    "paper": (236, 228, 212),
    "ink": (36, 38, 48),
}


def _clean_name(name: str | None, suffix: str = ".png") -> str | None:
    """Accept ``"changhua"``, ``"changhua.png"`` or ``"portraits/changhua.png"``."""
    if not isinstance(name, str):
        return None
    n = name.strip().replace("\\", "/").rsplit("/", 1)[-1]
    if n.lower().endswith(suffix):
        n = n[: -len(suffix)]
    return n if _NAME.match(n) else None


class ArtLibrary:
    """Backdrops, portraits, motion and ambience, loaded lazily and cached."""

    def __init__(self, root: pathlib.Path, reduced_motion: bool = False) -> None:
        self.root = pathlib.Path(root)
        self.reduced_motion = bool(reduced_motion)
        self._catalog: dict[str, dict[str, Any]] | None = None
        self._raw: dict[tuple[str, str], pygame.Surface | None] = {}
        self._scaled: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._warned: set[str] = set()
        self._moods: dict[str, bool] = {}  # whether a portrait (with an expression) exists

    # -- catalogue ----------------------------------------------------------
    def _warn_once(self, key: str, message: str, *args: object) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)

    @property
    def catalog(self) -> dict[str, dict[str, Any]]:
        if self._catalog is None:
            self._catalog = self._read_catalog()
        return self._catalog

    def _read_catalog(self) -> dict[str, dict[str, Any]]:
        path = self.root / "backdrops" / "catalog.yaml"
        if not path.is_file():
            self._warn_once("catalog", "backdrop catalogue missing: %s", path)
            return {}
        # The story's safe reader, and its parse cache: no PyYAML import at start-up.
        from game.story.location import Diagnostics
        from game.story.yamlsource import read_yaml

        found = Diagnostics()
        data = read_yaml(path, str(path), found)
        if found.items:
            self._warn_once("catalog", "backdrop catalogue unreadable: %s", found.items[0])
            return {}
        entries = data.get("backdrops") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            self._warn_once("catalog", "backdrop catalogue has no 'backdrops' mapping: %s", path)
            return {}
        out: dict[str, dict[str, Any]] = {}
        for key, entry in entries.items():
            if isinstance(key, str) and _NAME.match(key):
                out[key] = entry if isinstance(entry, dict) else {}
        return out

    def backdrop_names(self) -> set[str]:
        names = set(self.catalog)
        try:
            names |= {p.stem for p in (self.root / "backdrops").glob("*.png") if _NAME.match(p.stem)}
        except OSError:
            pass
        return names

    def portrait_names(self) -> set[str]:
        try:
            return {p.stem for p in (self.root / "portraits").glob("*.png") if _NAME.match(p.stem)}
        except OSError:
            return set()

    def subjects(self) -> dict[str, str]:
        """Each backdrop's `subject` in the catalogue: where its subject is (left, right or
        centre), so the text panel can take the other side (game.engine.looks.panel_side)."""
        found: dict[str, str] = {}
        for name, entry in self.catalog.items():
            subject = entry.get("subject")
            if isinstance(subject, str):
                found[name] = subject
        return found

    def describe(self, backdrop: str | None) -> str:
        """The catalogue's one-line description ('' if none)."""
        entry = self.catalog.get(_clean_name(backdrop) or "", {})
        d = entry.get("description")
        return d if isinstance(d, str) else ""

    # -- loading ------------------------------------------------------------
    def _file_for(self, kind: str, name: str) -> pathlib.Path:
        if kind == "backdrops":
            f = self.catalog.get(name, {}).get("file")
            fname = _clean_name(f) if isinstance(f, str) else None
            return self.root / kind / f"{fname or name}.png"
        return self.root / kind / f"{name}.png"

    def _load_raw(self, kind: str, name: str) -> pygame.Surface | None:
        key = (kind, name)
        if key in self._raw:
            return self._raw[key]
        surf: pygame.Surface | None = None
        path = self._file_for(kind, name)
        if kind == "backdrops" and name not in self.catalog and not path.is_file():
            self._warn_once(f"{kind}:{name}", "unknown backdrop %r: using a fallback", name)
        elif not path.is_file():
            self._warn_once(
                f"{kind}:{name}", "%s %r: file missing (%s); using a fallback", kind[:-1], name, path
            )
        else:
            try:
                surf = pygame.image.load(str(path))
                if pygame.display.get_init() and pygame.display.get_surface() is not None:
                    surf = surf.convert_alpha() if kind == "portraits" else surf.convert()
                elif surf.get_bitsize() < 24 or (
                    kind == "portraits" and not surf.get_flags() & pygame.SRCALPHA
                ):
                    # palette PNGs: make a true-colour copy (smoothscale needs 24/32 bits)
                    flags = pygame.SRCALPHA if kind == "portraits" else 0
                    full = pygame.Surface(surf.get_size(), flags, 32)
                    full.fill((0, 0, 0, 0))
                    full.blit(surf, (0, 0))
                    surf = full
                if surf.get_width() < 2 or surf.get_height() < 2:
                    raise ValueError("image too small")
            except Exception as exc:  # corrupt file, unsupported format, ...
                self._warn_once(
                    f"{kind}:{name}",
                    "%s %r: cannot load %s (%s); using a fallback",
                    kind[:-1],
                    name,
                    path,
                    exc,
                )
                surf = None
        self._raw[key] = surf
        return surf

    def _remember(self, key: tuple, surf: pygame.Surface) -> pygame.Surface:
        self._scaled[key] = surf
        self._scaled.move_to_end(key)
        while len(self._scaled) > 1 and (
            len(self._scaled) > _CACHE_LIMIT or self.cached_bytes() > _CACHE_BYTES
        ):
            self._scaled.popitem(last=False)
        return surf

    def cached_bytes(self) -> int:
        """Pixel memory of the scaled pictures kept."""
        return sum(s.get_pitch() * s.get_height() for s in self._scaled.values())

    @staticmethod
    def _size(size: tuple[int, int]) -> tuple[int, int]:
        try:
            w, h = int(size[0]), int(size[1])
        except (TypeError, ValueError, IndexError):
            w, h = 1280, 720
        return max(1, min(w, 8192)), max(1, min(h, 8192))

    @staticmethod
    def _cover(src: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
        _, scaled, off = cover_transform(src.get_size(), size, ANCHOR)
        try:
            big = pygame.transform.smoothscale(src, scaled)
        except (ValueError, pygame.error):
            big = pygame.transform.scale(src, scaled)
        if src.get_bitsize() >= 24:
            out = pygame.Surface(size, src.get_flags() & pygame.SRCALPHA, src)
        else:
            out = pygame.Surface(size, 0, 32)
        out.blit(big, (-off[0], -off[1]))
        return out

    def backdrop(self, name: str | None, size: tuple[int, int]) -> pygame.Surface:
        """The backdrop scaled to cover ``size`` (cropped, aspect kept); never raises."""
        size = self._size(size)
        clean = _clean_name(name)
        if name is not None and clean is None:
            self._warn_once(f"badname:{name!r}", "invalid backdrop name %r: using a fallback", name)
        key = ("b", clean, size)
        if key in self._scaled:
            self._scaled.move_to_end(key)
            return self._scaled[key]
        try:
            ready = self._load_prescaled(clean, size) if clean else None
            if ready is not None:
                return self._remember(key, ready)
            raw = self._load_raw("backdrops", clean) if clean else None
            surf = self._cover(raw, size) if raw is not None else fallback_backdrop(size, clean or "")
            # A decoded 1920x1080 picture is 8 MB: keep only the window-sized copy; a resize
            # decodes the file again (tens of milliseconds) rather than holding every backdrop.
            if clean:
                self._raw.pop(("backdrops", clean), None)
        except Exception as exc:  # never let a picture break the game
            self._warn_once(f"backdrops:{clean}:draw", "backdrop %r failed (%s)", clean, exc)
            surf = fallback_backdrop(size, clean or "")
        return self._remember(key, surf)

    def _load_prescaled(self, name: str, size: tuple[int, int]) -> pygame.Surface | None:
        """A copy made for exactly this size by make_art.py (``title@1280x720.png``), or None.

        Decoding it costs a third of decoding and scaling the full picture (the title at start-up).
        """
        if name not in self.catalog:
            return None
        path = self._file_for("backdrops", name)
        path = path.with_name(f"{path.stem}@{size[0]}x{size[1]}.png")
        try:
            if not path.is_file():
                return None
            surf = pygame.image.load(str(path))
        except (OSError, pygame.error) as exc:
            self._warn_once(f"prescaled:{path}", "backdrop %r: cannot load %s (%s)", name, path, exc)
            return None
        if surf.get_size() != size:
            return None
        if pygame.display.get_init() and pygame.display.get_surface() is not None:
            return surf.convert()
        full = pygame.Surface(size, 0, 32)  # headless: a true-colour copy, as _load_raw makes
        full.blit(surf, (0, 0))
        return full

    def first_portrait(self, names: tuple[str, ...]) -> str | None:
        """The first of `names` (best first, as game.engine.looks.faces gives them) that has a
        picture, else the last: a missing mood's drawing falls back quietly to the plain face."""
        for name in names:
            if name not in self._moods:
                clean = _clean_name(name)
                self._moods[name] = clean is not None and (self.root / "portraits" / f"{clean}.png").is_file()
            if self._moods[name]:
                return name
        return names[-1] if names else None

    def portrait(self, image: str | None, size: tuple[int, int]) -> pygame.Surface:
        """The portrait scaled to cover ``size`` (transparent); fallback is a silhouette."""
        size = self._size(size)
        clean = _clean_name(image)
        if image is not None and clean is None:
            self._warn_once(f"badname:{image!r}", "invalid portrait name %r: using a fallback", image)
        key = ("p", clean, size)
        if key in self._scaled:
            self._scaled.move_to_end(key)
            return self._scaled[key]
        try:
            raw = self._load_raw("portraits", clean) if clean else None
            if raw is not None:
                surf = self._fit(raw, size)
            else:
                surf = fallback_portrait(size)
        except Exception as exc:
            self._warn_once(f"portraits:{clean}:draw", "portrait %r failed (%s)", clean, exc)
            surf = fallback_portrait(size)
        return self._remember(key, surf)

    @staticmethod
    def _fit(src: pygame.Surface, size: tuple[int, int]) -> pygame.Surface:
        # Portraits keep their aspect too. In a square box the crop keeps the whole
        # backdrop disc (centre 300 of 640) and the head, losing a little of the shoulders.
        scale, scaled, off = cover_transform(src.get_size(), size, (0.5, 0.35))
        if not src.get_flags() & pygame.SRCALPHA:
            rgba = pygame.Surface(src.get_size(), pygame.SRCALPHA)
            rgba.blit(src, (0, 0))
            src = rgba
        try:
            big = pygame.transform.smoothscale(src, scaled)
        except (ValueError, pygame.error):
            big = pygame.transform.scale(src, scaled)
        out = pygame.Surface(size, pygame.SRCALPHA)
        out.blit(big, (-off[0], -off[1]))
        return out

    # -- motion and sound -----------------------------------------------------
    def motion(self, backdrop: str | None) -> Motion | None:
        """A fresh motion effect for the backdrop, or None (none, unknown, reduced motion)."""
        if self.reduced_motion:
            return None
        clean = _clean_name(backdrop)
        if not clean:
            return None
        entry = self.catalog.get(clean)
        if not entry:
            return None
        kind = entry.get("motion")
        if not isinstance(kind, str):
            return None
        opts = entry.get("motion_options")
        seed = sum(map(ord, clean)) or 1
        m = make_motion(kind, opts if isinstance(opts, dict) else None, seed=seed)
        if m is None:
            self._warn_once(f"motion:{clean}", "backdrop %r: unknown motion %r", clean, kind)
        return m

    def ambience(self, backdrop: str | None) -> pathlib.Path | None:
        """The looping ambience file for the backdrop, or None."""
        clean = _clean_name(backdrop)
        if not clean:
            return None
        sound = self.catalog.get(clean, {}).get("ambience")
        sname = _clean_name(sound, ".ogg") if isinstance(sound, str) else None
        if not sname:
            return None
        path = self.root / "sounds" / f"{sname}.ogg"
        if not path.is_file():
            self._warn_once(f"sound:{sname}", "ambience %r missing: %s", sname, path)
            return None
        return path

    def sound(self, name: str) -> pathlib.Path | None:
        """Path of a short sound in ``assets/sounds`` (e.g. ``"choose"``), or None."""
        sname = _clean_name(name, ".ogg")
        path = self.root / "sounds" / f"{sname}.ogg" if sname else None
        return path if path is not None and path.is_file() else None


# -- fallbacks ---------------------------------------------------------------


def _lerp(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=False))  # type: ignore[return-value]


def fallback_backdrop(size: tuple[int, int], name: str = "") -> pygame.Surface:
    """A soft dusk gradient with two quiet ridges: deliberate, never alarming."""
    w, h = size
    surf = pygame.Surface((w, h))
    top, low = PALETTE["sky_top"], PALETTE["sky_low"]
    for row in range(h):
        t = (row / max(1, h - 1)) ** 1.4
        surf.fill(_lerp(top, low, t), (0, row, w, 1))
    if w >= 16 and h >= 16:
        import math

        seed = (sum(map(ord, name)) % 97) / 97.0
        for layer, (color, base, amp) in enumerate(
            ((PALETTE["hill_far"], 0.70, 0.07), (PALETTE["hill_near"], 0.82, 0.05))
        ):
            pts: list[tuple[float, float]] = [(0, h)]
            steps = 24
            for i in range(steps + 1):
                x = w * i / steps
                u = i / steps + seed + layer * 0.37
                y = h * (base - amp * (0.6 * math.sin(u * 7.1) + 0.4 * math.sin(u * 15.3 + 1.0)))
                pts.append((x, y))
            pts.append((w, h))
            pygame.draw.polygon(surf, color, pts)
    return surf


def fallback_portrait(size: tuple[int, int]) -> pygame.Surface:
    """A head-and-shoulders silhouette on a soft disc."""
    w, h = size
    surf = pygame.Surface((w, h), pygame.SRCALPHA)
    r = min(w, h) // 2
    cx, cy = w // 2, h // 2
    pygame.draw.circle(surf, (*PALETTE["paper"], 200), (cx, cy), r)
    ink = (*PALETTE["hill_near"], 255)
    head = max(2, r * 2 // 5)
    pygame.draw.circle(surf, ink, (cx, cy - r // 5), head)
    body = pygame.Rect(0, 0, r * 2 - r // 4, r * 2)
    body.midtop = (cx, cy + r // 3)
    clip = surf.get_clip()
    disc = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.ellipse(disc, ink, body)
    mask = pygame.Surface((w, h), pygame.SRCALPHA)
    pygame.draw.circle(mask, (255, 255, 255, 255), (cx, cy), r)
    disc.blit(mask, (0, 0), special_flags=pygame.BLEND_RGBA_MIN)
    surf.blit(disc, (0, 0))
    surf.set_clip(clip)
    return surf
