"""Small, cheap motion effects drawn over a backdrop.

Every effect works in the backdrop's own normalised coordinates (0..1 across
the source picture) and maps them through the same "cover" transform that
:class:`game.ui.art.ArtLibrary` uses to crop and scale the picture, so steam
rises from the painted kettle whatever the window size.

Contract (for the UI):
    motion.update(dt_seconds) -> bool   # True if anything moved
    motion.draw(surface, rect)          # draw over the backdrop drawn in `rect`

Effects keep a bounded number of particles and draw only small shapes (lines,
circles, small pre-rendered puffs), so they are cheap at ~30 fps. Nothing here
runs at import time.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence

import pygame

# Where the cover crop is anchored (0 = left/top, 1 = right/bottom). The
# interesting part of every backdrop sits top and right, so crops keep those.
ANCHOR = (0.6, 0.35)
SOURCE_SIZE = (1920, 1080)

Color = tuple[int, int, int]


def cover_transform(
    src_size: tuple[int, int], dst_size: tuple[int, int], anchor: tuple[float, float] = ANCHOR
) -> tuple[float, tuple[int, int], tuple[int, int]]:
    """Scale and crop that makes a ``src_size`` picture cover ``dst_size``.

    Returns ``(scale, scaled_size, crop_offset)``: the picture is scaled by
    ``scale`` to ``scaled_size`` and the window shows the part starting at
    ``crop_offset`` (in scaled pixels).
    """
    sw, sh = max(1, src_size[0]), max(1, src_size[1])
    dw, dh = max(1, dst_size[0]), max(1, dst_size[1])
    scale = max(dw / sw, dh / sh)
    scaled = (max(dw, round(sw * scale)), max(dh, round(sh * scale)))
    off = (round((scaled[0] - dw) * anchor[0]), round((scaled[1] - dh) * anchor[1]))
    return scale, scaled, off


class _Mapper:
    """Maps normalised source coordinates to screen pixels for one rect."""

    def __init__(self, rect: pygame.Rect, src_size: tuple[int, int]) -> None:
        scale, scaled, off = cover_transform(src_size, rect.size)
        self.rect = rect
        self.scale = scale
        self.sw, self.sh = scaled
        self.ox = rect.x - off[0]
        self.oy = rect.y - off[1]

    def pt(self, u: float, v: float) -> tuple[int, int]:
        return (round(self.ox + u * self.sw), round(self.oy + v * self.sh))

    def area(self, a: Sequence[float]) -> pygame.Rect:
        x0, y0 = self.pt(a[0], a[1])
        x1, y1 = self.pt(a[0] + a[2], a[1] + a[3])
        return pygame.Rect(x0, y0, max(1, x1 - x0), max(1, y1 - y0)).clip(self.rect)


def _color(value: object, default: Color) -> Color:
    if isinstance(value, str) and value.startswith("#") and len(value) == 7:
        try:
            return (int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))
        except ValueError:
            return default
    if isinstance(value, (list, tuple)) and len(value) == 3:
        try:
            return tuple(max(0, min(255, int(c))) for c in value)  # type: ignore[return-value]
        except (TypeError, ValueError):
            return default
    return default


def _area(value: object) -> tuple[float, float, float, float]:
    if isinstance(value, (list, tuple)) and len(value) == 4:
        try:
            x, y, w, h = (float(v) for v in value)
            return (x, y, w, h)
        except (TypeError, ValueError):
            pass
    return (0.0, 0.0, 1.0, 1.0)


class Motion:
    """Base class: an effect over a backdrop in normalised source coordinates."""

    name = "motion"

    def __init__(
        self,
        area: Sequence[float] | None = None,
        color: object = None,
        count: int | None = None,
        seed: int = 1,
        src_size: tuple[int, int] = SOURCE_SIZE,
    ) -> None:
        self.area = _area(area)
        self.color = _color(color, self.default_color())
        self.count = max(1, min(int(count) if count else self.default_count(), self.max_count()))
        self.rng = random.Random(seed)
        self.src_size = src_size
        self.time = 0.0

    # -- overridable defaults --------------------------------------------
    def default_color(self) -> Color:
        return (235, 235, 240)

    def default_count(self) -> int:
        return 60

    def max_count(self) -> int:
        return 200

    # -- contract ---------------------------------------------------------
    def update(self, dt_seconds: float) -> bool:
        """Advance the effect. Returns True if anything changed."""
        try:
            dt = float(dt_seconds)
        except (TypeError, ValueError):
            return False
        if not dt > 0:
            return False
        dt = min(dt, 0.25)  # a long pause must not make particles jump
        self.time += dt
        self.step(dt)
        return True

    def draw(self, surface: pygame.Surface, rect: pygame.Rect | Sequence[int] | None = None) -> None:
        """Draw over the backdrop that was drawn (cover-cropped) into ``rect``."""
        r = pygame.Rect(rect) if rect is not None else surface.get_rect()
        if r.width <= 0 or r.height <= 0:
            return
        m = _Mapper(r, self.src_size)
        old_clip = surface.get_clip()
        clip = m.area(self.area).clip(old_clip) if old_clip else m.area(self.area)
        surface.set_clip(clip)
        try:
            self.paint(surface, m)
        finally:
            surface.set_clip(old_clip)

    def step(self, dt: float) -> None:  # pragma: no cover - overridden
        pass

    def paint(self, surface: pygame.Surface, m: _Mapper) -> None:  # pragma: no cover
        pass


class Snow(Motion):
    """Slow, drifting flakes of two sizes."""

    name = "snow"

    def default_count(self) -> int:
        return 90

    def max_count(self) -> int:
        return 160

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ax, ay, aw, ah = self.area
        r = self.rng
        self.flakes = [
            [ax + r.random() * aw, ay + r.random() * ah, r.choice((1, 1, 1, 2, 2, 3)), r.random() * 6.28]
            for _ in range(self.count)
        ]

    def step(self, dt: float) -> None:
        ax, ay, aw, ah = self.area
        for f in self.flakes:
            size = f[2]
            f[1] += dt * (0.018 + 0.012 * size)
            f[0] += dt * (0.004 + 0.006 * math.sin(self.time * 0.7 + f[3]))
            if f[1] > ay + ah:
                f[1] = ay - 0.01
                f[0] = ax + self.rng.random() * aw
            if f[0] > ax + aw:
                f[0] -= aw

    def paint(self, surface: pygame.Surface, m: _Mapper) -> None:
        c = self.color
        k = max(0.6, m.scale)
        for x, y, size, _ in self.flakes:
            rad = max(1, round(size * k))
            pygame.draw.circle(surface, c, m.pt(x, y), rad)


class Rain(Motion):
    """Slanted streaks; ``sleet`` mixes slower streaks with wet flakes."""

    name = "rain"
    slant = 0.18
    speed = 0.9
    length = 0.035

    def default_color(self) -> Color:
        return (170, 185, 200)

    def default_count(self) -> int:
        return 110

    def max_count(self) -> int:
        return 180

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ax, ay, aw, ah = self.area
        r = self.rng
        self.drops = [
            [
                ax + r.random() * aw,
                ay + r.random() * ah,
                0.7 + 0.6 * r.random(),
                r.random() < self.flake_share(),
            ]
            for _ in range(self.count)
        ]

    def flake_share(self) -> float:
        return 0.0

    def step(self, dt: float) -> None:
        ax, ay, aw, ah = self.area
        for d in self.drops:
            v = self.speed * d[2] * (0.35 if d[3] else 1.0)
            d[1] += dt * v
            d[0] += dt * v * self.slant
            if d[1] > ay + ah:
                d[1] = ay - self.length
                d[0] = ax + self.rng.random() * aw - self.slant * 0.1
            if d[0] > ax + aw:
                d[0] -= aw

    def paint(self, surface: pygame.Surface, m: _Mapper) -> None:
        c = self.color
        flake = tuple(min(255, v + 40) for v in c)
        L = self.length
        width = 1 if m.scale < 0.8 else 2
        for x, y, s, is_flake in self.drops:
            if is_flake:
                pygame.draw.circle(surface, flake, m.pt(x, y), max(1, round(2 * m.scale)))
            else:
                ln = L * s
                pygame.draw.line(surface, c, m.pt(x, y), m.pt(x + ln * self.slant, y + ln), width)


class Sleet(Rain):
    name = "sleet"
    slant = 0.32
    speed = 0.55
    length = 0.025

    def default_color(self) -> Color:
        return (190, 200, 212)

    def flake_share(self) -> float:
        return 0.4


class Steam(Motion):
    """Soft puffs rising and widening from a point (a kettle, a pot)."""

    name = "steam"

    def default_color(self) -> Color:
        return (240, 236, 228)

    def default_count(self) -> int:
        return 14

    def max_count(self) -> int:
        return 30

    def __init__(self, *args, origin: Sequence[float] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ax, ay, aw, ah = self.area
        self.origin = (
            (float(origin[0]), float(origin[1]))
            if origin and len(origin) == 2
            else (ax + aw / 2, ay + ah * 0.95)
        )
        self.puffs: list[list[float]] = []
        self.life = 3.2
        for i in range(self.count):
            self.puffs.append(self._new(age=self.life * i / self.count))
        self._sprites: dict[int, pygame.Surface] = {}

    def _new(self, age: float = 0.0) -> list[float]:
        return [age, self.rng.uniform(-0.5, 0.5), self.rng.uniform(0.6, 1.0)]

    def step(self, dt: float) -> None:
        for i, p in enumerate(self.puffs):
            p[0] += dt
            if p[0] > self.life:
                self.puffs[i] = self._new()

    def _sprite(self, radius: int) -> pygame.Surface:
        radius = max(2, min(radius, 64))
        s = self._sprites.get(radius)
        if s is None:
            s = pygame.Surface((radius * 2, radius * 2), pygame.SRCALPHA)
            for k in range(4):  # a few stacked discs make a soft edge
                rr = round(radius * (1.0 - k * 0.22))
                pygame.draw.circle(s, (*self.color, 52), (radius, radius), rr)
            self._sprites[radius] = s
        return s

    def paint(self, surface: pygame.Surface, m: _Mapper) -> None:
        ox, oy = self.origin
        ax, ay, aw, ah = self.area
        rise = ah * 0.95
        for age, drift, strength in self.puffs:
            t = age / self.life
            u = ox + drift * aw * 0.35 * t + 0.012 * math.sin(age * 2.1 + drift * 5)
            v = oy - rise * t
            radius = round((10 + 46 * t) * m.scale * strength)
            spr = self._sprite(radius)
            alpha = int(255 * strength * min(1.0, t * 5) * (1.0 - t) ** 1.3)
            if alpha <= 3:
                continue
            spr.set_alpha(alpha)
            x, y = m.pt(u, v)
            surface.blit(spr, (x - spr.get_width() // 2, y - spr.get_height() // 2))


class Slide(Motion):
    """The near landscape sliding past a train window: poles, wires, bushes."""

    name = "slide"

    def default_color(self) -> Color:
        return (52, 66, 62)

    def default_count(self) -> int:
        return 9

    def max_count(self) -> int:
        return 20

    def __init__(self, *args, speed: float = 0.55, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ax, ay, aw, ah = self.area
        r = self.rng
        self.speed = float(speed)
        self.pole_gap = aw * 0.9
        self.pole_x = ax + aw * 0.3
        # bushes along the embankment: [x, width, height]
        self.bushes = [
            [ax + r.random() * aw * 1.3, aw * r.uniform(0.04, 0.1), ah * r.uniform(0.06, 0.16)]
            for _ in range(self.count)
        ]
        self.far_offset = 0.0

    def step(self, dt: float) -> None:
        ax, ay, aw, ah = self.area
        self.pole_x -= dt * self.speed * 1.6
        if self.pole_x < ax - 0.02:
            self.pole_x += self.pole_gap
        self.far_offset = (self.far_offset + dt * self.speed * 0.05) % 1.0
        for b in self.bushes:
            b[0] -= dt * self.speed
            if b[0] + b[1] < ax:
                b[0] = ax + aw + self.rng.random() * aw * 0.3
                b[1] = aw * self.rng.uniform(0.04, 0.1)
                b[2] = ah * self.rng.uniform(0.06, 0.16)

    def paint(self, surface: pygame.Surface, m: _Mapper) -> None:
        ax, ay, aw, ah = self.area
        base = ay + ah
        dark = self.color
        mid = tuple(min(255, c + 22) for c in dark)
        # a mid-distance ridge that drifts slowly (a few dozen points)
        pts = [m.pt(ax, base)]
        n = 28
        for i in range(n + 1):
            u = ax + aw * i / n
            ph = (u - ax) / aw + self.far_offset
            h = 0.10 + 0.035 * math.sin(ph * 9.0) + 0.02 * math.sin(ph * 23.0 + 1.3)
            pts.append(m.pt(u, base - ah * h))
        pts.append(m.pt(ax + aw, base))
        pygame.draw.polygon(surface, mid, pts)
        # bushes rushing past
        for x, w, h in self.bushes:
            cx, cy = m.pt(x + w / 2, base)
            rw = max(2, round(w * m.sw / 2))
            rh = max(2, round(h * m.sh))
            pygame.draw.ellipse(surface, dark, (cx - rw, cy - rh, rw * 2, rh * 2))
        # telegraph poles and their sagging wires
        x = self.pole_x
        while x < ax + aw + self.pole_gap:
            top = m.pt(x, ay + ah * 0.12)
            bottom = m.pt(x, base)
            pygame.draw.line(surface, dark, top, bottom, max(2, round(7 * m.scale)))
            pygame.draw.line(
                surface,
                dark,
                m.pt(x - 0.015, ay + ah * 0.15),
                m.pt(x + 0.015, ay + ah * 0.15),
                max(1, round(4 * m.scale)),
            )
            nx = x + self.pole_gap
            wire = [
                m.pt(x + (nx - x) * k / 8, ay + ah * (0.15 + 0.09 * math.sin(math.pi * k / 8)))
                for k in range(9)
            ]
            pygame.draw.lines(surface, dark, False, wire, max(1, round(2 * m.scale)))
            wire2 = [(px, py + round(ah * m.sh * 0.05)) for px, py in wire]
            pygame.draw.lines(surface, dark, False, wire2, 1)
            x = nx


class Sway(Motion):
    """Heads and shoulders in a packed crowd, swaying slightly, each a shade apart."""

    name = "sway"

    def default_color(self) -> Color:
        return (52, 52, 64)

    def default_count(self) -> int:
        return 24

    def max_count(self) -> int:
        return 60

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        ax, ay, aw, ah = self.area
        r = self.rng
        self.people = []
        for i in range(self.count):
            u = ax + aw * (i + r.uniform(-0.3, 0.3)) / self.count
            k = r.uniform(0.75, 1.2)
            coat = tuple(max(0, min(255, round(c * k))) for c in self.color)
            hair = tuple(round(c * 0.55) for c in self.color)
            phase, size, freq = r.uniform(0.0, 6.28), r.uniform(0.85, 1.1), r.uniform(0.3, 0.6)
            self.people.append((u, phase, size, freq, coat, hair))

    def step(self, dt: float) -> None:
        pass  # the sway is a pure function of time

    def paint(self, surface: pygame.Surface, m: _Mapper) -> None:
        ax, ay, aw, ah = self.area
        t = self.time
        head_r = max(3, round(ah * m.sh * 0.16))
        for u, phase, size, freq, coat, hair in self.people:
            dx = 0.003 * math.sin(t * freq * 2.2 + phase)
            dy = 0.004 * math.sin(t * freq * 1.6 + phase * 1.7)
            cx, cy = m.pt(u + dx, ay + ah * 0.42 + dy)
            hr = round(head_r * size)
            sw = round(hr * 2.0)
            pygame.draw.ellipse(surface, coat, (cx - sw, cy + hr * 0.8, sw * 2, hr * 2.6))
            pygame.draw.circle(surface, hair, (cx, cy), hr)


EFFECTS: dict[str, type[Motion]] = {
    "snow": Snow,
    "rain": Rain,
    "sleet": Sleet,
    "steam": Steam,
    "slide": Slide,
    "sway": Sway,
}


def make_motion(kind: str | None, options: dict | None = None, seed: int = 1) -> Motion | None:
    """Build the effect named ``kind`` with catalogue ``options``; None if unknown."""
    if not kind or kind not in EFFECTS:
        return None
    opts = dict(options or {})
    cls = EFFECTS[kind]
    kwargs: dict = {
        "area": opts.get("area"),
        "color": opts.get("colour", opts.get("color")),
        "count": opts.get("count"),
        "seed": seed,
    }
    if cls is Steam and "origin" in opts:
        kwargs["origin"] = opts.get("origin")
    if cls is Slide and "speed" in opts:
        try:
            kwargs["speed"] = float(opts["speed"])
        except (TypeError, ValueError):
            pass
    try:
        return cls(**kwargs)
    except Exception:  # a malformed option must never break a scene
        return cls(seed=seed)
