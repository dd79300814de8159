#!/usr/bin/env python3
"""Generate every backdrop and portrait PNG for Last Train Home.

    SDL_VIDEODRIVER=dummy .venv/bin/python assets/tools/make_art.py            # everything
    SDL_VIDEODRIVER=dummy .venv/bin/python assets/tools/make_art.py title dormitory  # a few

Reproducible: every random choice comes from a fixed seed per picture.
Needs pygame-ce and numpy; Pillow (optional) is used to write compact
palette PNGs. The pictures are drawn at twice the final size with flat
polygons and gradients, then scaled down (which anti-aliases every edge),
given a faint paper grain and quantised to at most 256 colours.
"""

from __future__ import annotations

import math
import os
import pathlib
import sys
import time

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import numpy as np  # noqa: E402
import pygame  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]  # assets/
W, H = 1920, 1080
S = 2  # supersampling factor

Col = tuple[int, int, int]


# ---------------------------------------------------------------------------
# colour helpers
# ---------------------------------------------------------------------------


def hexc(s: str) -> Col:
    s = s.lstrip("#")
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def mix(a, b, t: float) -> Col:
    a = hexc(a) if isinstance(a, str) else a
    b = hexc(b) if isinstance(b, str) else b
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b))  # type: ignore


def C(c) -> Col:
    return hexc(c) if isinstance(c, str) else tuple(int(v) for v in c)  # type: ignore


def noise1d(n: int, seed: int, octaves: int = 4, base: int = 5, persistence: float = 0.5) -> np.ndarray:
    """Smooth value noise in about [-1, 1], n samples across 0..1."""
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, n)
    out = np.zeros(n)
    amp, freq, total = 1.0, base, 0.0
    for _ in range(octaves):
        pts = rng.uniform(-1, 1, freq + 2)
        xi = x * freq
        i = np.floor(xi).astype(int)
        f = xi - i
        f = f * f * (3 - 2 * f)
        out += amp * (pts[i] * (1 - f) + pts[i + 1] * f)
        total += amp
        amp *= persistence
        freq *= 2
    return out / total


# ---------------------------------------------------------------------------
# the canvas: 1920x1080 units, drawn at S x resolution
# ---------------------------------------------------------------------------


class Canvas:
    def __init__(self, w: int = W, h: int = H, alpha: bool = False) -> None:
        self.w, self.h = w, h
        flags = pygame.SRCALPHA if alpha else 0
        self.surf = pygame.Surface((w * S, h * S), flags)
        if alpha:
            self.surf.fill((0, 0, 0, 0))
        self._stack: list[tuple[pygame.Surface, int]] = []

    # coordinates ------------------------------------------------------------
    @staticmethod
    def p(x: float, y: float) -> tuple[int, int]:
        return (int(round(x * S)), int(round(y * S)))

    def pts(self, points) -> list[tuple[int, int]]:
        return [self.p(x, y) for x, y in points]

    # translucent layers -----------------------------------------------------
    def begin(self, alpha: int) -> None:
        layer = pygame.Surface(self.surf.get_size(), pygame.SRCALPHA)
        layer.fill((0, 0, 0, 0))
        self._stack.append((self.surf, alpha))
        self.surf = layer

    def end(self) -> None:
        layer = self.surf
        self.surf, alpha = self._stack.pop()
        if alpha < 255:
            layer.set_alpha(alpha)  # per-pixel and surface alpha combine in pygame-ce
        self.surf.blit(layer, (0, 0))

    # primitives ---------------------------------------------------------------
    def fill(self, color) -> None:
        self.surf.fill(C(color))

    def poly(self, points, color) -> None:
        if len(points) >= 3:
            pygame.draw.polygon(self.surf, C(color), self.pts(points))

    def rect(self, x, y, w, h, color) -> None:
        pygame.draw.rect(self.surf, C(color), pygame.Rect(*self.p(x, y), max(1, round(w * S)), max(1, round(h * S))))

    def ellipse(self, cx, cy, rx, ry, color) -> None:
        r = pygame.Rect(0, 0, max(1, round(rx * 2 * S)), max(1, round(ry * 2 * S)))
        r.center = self.p(cx, cy)
        pygame.draw.ellipse(self.surf, C(color), r)

    def circle(self, cx, cy, r, color) -> None:
        pygame.draw.circle(self.surf, C(color), self.p(cx, cy), max(1, round(r * S)))

    def line(self, a, b, color, width: float = 1) -> None:
        pygame.draw.line(self.surf, C(color), self.p(*a), self.p(*b), max(1, round(width * S)))

    def lines(self, points, color, width: float = 1) -> None:
        if len(points) >= 2:
            pygame.draw.lines(self.surf, C(color), False, self.pts(points), max(1, round(width * S)))

    def thick(self, points, color, width: float) -> None:
        """A polyline of constant width drawn as joined quads (clean joints)."""
        for a, b in zip(points, points[1:]):
            dx, dy = b[0] - a[0], b[1] - a[1]
            d = math.hypot(dx, dy) or 1
            nx, ny = -dy / d * width / 2, dx / d * width / 2
            self.poly([(a[0] + nx, a[1] + ny), (b[0] + nx, b[1] + ny), (b[0] - nx, b[1] - ny), (a[0] - nx, a[1] - ny)], color)
        for q in points[1:-1]:
            self.circle(q[0], q[1], width / 2, color)

    def vgrad(self, stops, x=0, y=0, w=None, h=None) -> None:
        """Vertical gradient through (t, colour) stops."""
        w = self.w if w is None else w
        h = self.h if h is None else h
        stops = [(t, C(c)) for t, c in stops]
        y0, y1 = round(y * S), round((y + h) * S)
        x0, ww = round(x * S), round(w * S)
        n = max(1, y1 - y0)
        for i in range(n):
            t = i / max(1, n - 1)
            for (t0, c0), (t1, c1) in zip(stops, stops[1:]):
                if t0 <= t <= t1:
                    k = (t - t0) / max(1e-6, t1 - t0)
                    k = k * k * (3 - 2 * k)
                    self.surf.fill(mix(c0, c1, k), (x0, y0 + i, ww, 1))
                    break

    def band(self, y0, y1, color, a0: int, a1: int, x0=0, x1=None) -> None:
        """A translucent horizontal band whose alpha runs a0 -> a1 (mist, haze, light)."""
        x1 = self.w if x1 is None else x1
        hh = max(1, round((y1 - y0) * S))
        layer = pygame.Surface((max(1, round((x1 - x0) * S)), hh), pygame.SRCALPHA)
        c = C(color)
        for i in range(hh):
            t = i / max(1, hh - 1)
            a = a0 + (a1 - a0) * (t * t * (3 - 2 * t))
            layer.fill((*c, int(a)), (0, i, layer.get_width(), 1))
        self.surf.blit(layer, self.p(x0, y0))

    def glow(self, cx, cy, r, color, strength: float = 1.0, power: float = 2.0, add: bool = False) -> None:
        """A soft radial light."""
        R = max(2, int(r * S))
        yy, xx = np.mgrid[-R:R, -R:R]
        d = np.sqrt(xx * xx + yy * yy) / R
        a = np.clip(1 - d, 0, 1) ** power * strength
        c = C(color)
        layer = pygame.Surface((2 * R, 2 * R), pygame.SRCALPHA)
        if add:
            rgb = np.zeros((2 * R, 2 * R, 3))
            for k in range(3):
                rgb[..., k] = c[k] * a
            layer = pygame.Surface((2 * R, 2 * R), 0, 24)
            pygame.surfarray.blit_array(layer, np.clip(rgb, 0, 255).transpose(1, 0, 2).astype(np.uint8))
            self.surf.blit(layer, (round(cx * S) - R, round(cy * S) - R), special_flags=pygame.BLEND_RGB_ADD)
        else:
            layer.fill((*c, 0))
            arr = pygame.surfarray.pixels_alpha(layer)
            arr[:] = np.clip(a.T * 255, 0, 255).astype(np.uint8)
            del arr
            self.surf.blit(layer, (round(cx * S) - R, round(cy * S) - R))

    # landscape ----------------------------------------------------------------
    def ridge(self, y, amp, color, seed, base=4, octaves=5, x0=-10, x1=None, bottom=None, n=220,
              persistence=0.5, shape=None) -> list[tuple[float, float]]:
        """A hill/mountain silhouette: noise line around y, filled down to ``bottom``."""
        x1 = self.w + 10 if x1 is None else x1
        bottom = self.h + 10 if bottom is None else bottom
        nz = noise1d(n, seed, octaves, base, persistence)
        xs = np.linspace(x0, x1, n)
        ys = y - amp * nz
        if shape is not None:
            ys = ys - np.array([shape((xx - x0) / (x1 - x0)) for xx in xs])
        top = list(zip(xs.tolist(), ys.tolist()))
        self.poly([(x0, bottom)] + top + [(x1, bottom)], color)
        return top

    def save(self, path: pathlib.Path, grain: float = 3.0, vignette: float = 0.18, colors: int = 256,
             seed: int = 0) -> int:
        small = pygame.transform.smoothscale(self.surf, (self.w, self.h))
        return save_surface(small, path, grain=grain, vignette=vignette, colors=colors, seed=seed)


def save_surface(surf: pygame.Surface, path: pathlib.Path, grain: float = 3.0, vignette: float = 0.18,
                 colors: int = 256, seed: int = 0) -> int:
    """Paper grain + vignette, quantise, write PNG; returns the file size."""
    alpha = None
    rgb = pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(np.float32)
    if surf.get_flags() & pygame.SRCALPHA:
        alpha = pygame.surfarray.array_alpha(surf).T.copy()
    h, w = rgb.shape[:2]
    if vignette:
        yy, xx = np.mgrid[0:h, 0:w]
        d = np.sqrt(((xx - w / 2) / (w / 2)) ** 2 + ((yy - h / 2) / (h / 2)) ** 2) / math.sqrt(2)
        rgb *= (1 - vignette * d**2.2)[..., None]
    if grain:
        rng = np.random.default_rng(seed + 99)
        # paper: a soft large-scale mottle plus fine fibres, identical in every channel
        small = rng.normal(0, 1, (w // 24 + 2, h // 24 + 2))
        ssurf = pygame.Surface(small.shape, 0, 24)
        pygame.surfarray.blit_array(ssurf, np.repeat(np.clip(128 + small * 40, 0, 255).astype(np.uint8)[..., None], 3, 2))
        coarse = pygame.surfarray.array_red(pygame.transform.smoothscale(ssurf, (w, h))).T.astype(np.float32)
        coarse = (coarse - 128) / 40
        # (fine per-pixel noise would triple the PNG size, so the grain is a soft mottle)
        rgb += (coarse * grain)[..., None]
    rgb = np.clip(rgb, 0, 255).astype(np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        from PIL import Image

        if alpha is None:
            img = Image.fromarray(rgb, "RGB").quantize(colors=colors, method=Image.Quantize.MEDIANCUT,
                                                       dither=Image.Dither.NONE)
        else:
            rgba = np.dstack([rgb, alpha])
            img = Image.fromarray(rgba, "RGBA").quantize(colors=colors, method=Image.Quantize.FASTOCTREE,
                                                         dither=Image.Dither.NONE)
        img.save(path, optimize=True)
    except ImportError:
        out = pygame.Surface((w, h), pygame.SRCALPHA if alpha is not None else 0)
        pygame.surfarray.blit_array(out, rgb.transpose(1, 0, 2))
        if alpha is not None:
            a = pygame.surfarray.pixels_alpha(out)
            a[:] = alpha.T
            del a
        pygame.image.save(out, str(path))
    return path.stat().st_size


# ---------------------------------------------------------------------------
# motifs
# ---------------------------------------------------------------------------


def house(c: Canvas, x, base, w, h, wall, roof, shade=None, door="#3a3430", window=None, lit=None,
          roof_h=None, snow=None) -> None:
    """A Sichuan farmhouse: pale wall, dark tiled roof with a gentle upturned eave."""
    roof_h = h * 0.55 if roof_h is None else roof_h
    shade = mix(wall, roof, 0.35) if shade is None else shade
    c.rect(x, base - h, w, h, wall)
    c.rect(x, base - h, w, h * 0.12, shade)  # shadow under the eave
    ov = w * 0.08
    top = base - h - roof_h
    c.poly([(x - ov, base - h + 2), (x + w * 0.16, top), (x + w * 0.84, top), (x + w + ov, base - h + 2)], roof)
    # upturned corners
    c.poly([(x - ov - w * 0.03, base - h - roof_h * 0.12), (x - ov + w * 0.06, base - h + 2), (x - ov, base - h + 2)], roof)
    c.poly([(x + w + ov + w * 0.03, base - h - roof_h * 0.12), (x + w + ov - w * 0.06, base - h + 2), (x + w + ov, base - h + 2)], roof)
    c.rect(x + w * 0.14, top - roof_h * 0.08, w * 0.72, roof_h * 0.1, mix(roof, "#000000", 0.25))  # ridge
    if snow:
        c.poly([(x + w * 0.16, top), (x + w * 0.84, top), (x + w * 0.9, top + roof_h * 0.35),
                (x + w * 0.1, top + roof_h * 0.35)], snow)
    if door:
        c.rect(x + w * 0.42, base - h * 0.62, w * 0.16, h * 0.62, door)
    if window is not None or lit is not None:
        col = lit if lit is not None else window
        c.rect(x + w * 0.14, base - h * 0.62, w * 0.16, h * 0.24, col)
        c.rect(x + w * 0.70, base - h * 0.62, w * 0.16, h * 0.24, window if window else col)
        if lit is not None:
            c.glow(x + w * 0.22, base - h * 0.5, w * 0.5, lit, 0.35)


def bamboo(c: Canvas, x, base, h, color, seed, lean=0.0, n=7) -> None:
    """A clump of bamboo: thin arching stalks ending in feathery leaf masses."""
    rng = np.random.default_rng(seed)
    for i in range(n):
        a = lean + rng.uniform(-0.35, 0.35)
        hh = h * rng.uniform(0.7, 1.0)
        pts = []
        for k in range(9):
            t = k / 8
            pts.append((x + rng.uniform(-2, 2) + math.sin(a) * hh * t + a * hh * 0.25 * t * t, base - hh * t * math.cos(a * 0.6)))
        c.lines(pts, color, 2.2)
        tx, ty = pts[-1]
        for j in range(10):
            t = 0.45 + 0.55 * j / 9
            px = pts[0][0] + (tx - pts[0][0]) * t
            py = pts[0][1] + (ty - pts[0][1]) * t
            c.ellipse(px + rng.uniform(-h * 0.08, h * 0.08), py + rng.uniform(-6, 6),
                      h * rng.uniform(0.05, 0.11), h * rng.uniform(0.025, 0.05), color)


def tree(c: Canvas, x, base, h, color, seed, trunk=None, spread=1.0) -> None:
    """A rounded broadleaf tree from overlapping discs."""
    rng = np.random.default_rng(seed)
    trunk = trunk or mix(color, "#000000", 0.2)
    c.poly([(x - h * 0.03, base), (x - h * 0.012, base - h * 0.55), (x + h * 0.012, base - h * 0.55), (x + h * 0.03, base)], trunk)
    for _ in range(9):
        c.circle(x + rng.uniform(-0.22, 0.22) * h * spread, base - h * rng.uniform(0.55, 0.85), h * rng.uniform(0.14, 0.24), color)


def cypress(c: Canvas, x, base, h, color) -> None:
    c.poly([(x, base - h), (x + h * 0.12, base - h * 0.35), (x + h * 0.09, base), (x - h * 0.09, base), (x - h * 0.12, base - h * 0.35)], color)


def person(c: Canvas, x, base, h, body, head=None, legs=None, bag=None, hat=None, lean=0.0) -> None:
    """A standing figure as a flat silhouette, ``h`` tall, feet at ``base``."""
    head = head or body
    legs = legs or mix(body, "#000000", 0.3)
    hr = h * 0.075
    sh = base - h * 0.8
    hip = base - h * 0.45
    lx = lean * h
    c.poly([(x - h * 0.09, base), (x - h * 0.06 + lx * 0.3, hip), (x + h * 0.06 + lx * 0.3, hip), (x + h * 0.09, base)], legs)
    c.poly([(x - h * 0.12 + lx * 0.5, sh + hr * 0.6), (x + h * 0.12 + lx * 0.5, sh + hr * 0.6),
            (x + h * 0.1 + lx * 0.3, hip + h * 0.05), (x - h * 0.1 + lx * 0.3, hip + h * 0.05)], body)
    c.circle(x - h * 0.12 + lx * 0.5 + hr * 0.8, sh + hr * 1.2, hr * 0.9, body)
    c.circle(x + h * 0.12 + lx * 0.5 - hr * 0.8, sh + hr * 1.2, hr * 0.9, body)
    c.circle(x + lx * 0.6, sh - hr * 0.6, hr, head)
    if hat == "straw":
        c.poly([(x + lx * 0.6 - hr * 2.4, sh - hr * 0.8), (x + lx * 0.6, sh - hr * 2.6), (x + lx * 0.6 + hr * 2.4, sh - hr * 0.8)], "#c9b47c")
    elif hat == "cap":
        c.ellipse(x + lx * 0.6, sh - hr * 1.2, hr * 1.1, hr * 0.6, mix(body, "#000000", 0.2))
    if bag:
        c.ellipse(x + h * 0.12 + lx * 0.5, sh + h * 0.08, h * 0.13, h * 0.11, bag)


def crowd(c: Canvas, y0, y1, x0, x1, colors, seed, density=1.0, size0=10.0, size1=40.0, haze=None,
          haze_t=0.55, bundles=None, umbrellas=None, umbrella_share=0.0) -> None:
    """Rows of heads-and-shoulders from far (small, hazy) to near (big, dark)."""
    rng = np.random.default_rng(seed)
    y = y0
    while y < y1:
        t = (y - y0) / max(1, (y1 - y0))
        size = size0 + (size1 - size0) * t
        n = int((x1 - x0) / (size * 1.05) * density) + 1
        for _ in range(n):
            x = rng.uniform(x0 - size, x1 + size)
            col = C(colors[rng.integers(len(colors))])
            if haze is not None:
                col = mix(col, haze, haze_t * (1 - t) ** 1.5)
            yy = y + rng.uniform(-size * 0.3, size * 0.3)
            if umbrellas and rng.random() < umbrella_share:
                uc = C(umbrellas[rng.integers(len(umbrellas))])
                if haze is not None:
                    uc = mix(uc, haze, haze_t * (1 - t) ** 1.5)
                r = size * 1.15
                c.ellipse(x, yy + size * 0.6, size * 0.9, size * 1.2, col)
                c.poly([(x - r, yy - size * 0.2)] + [(x + r * math.cos(a), yy - size * 0.2 - r * 0.55 * math.sin(a))
                                                   for a in np.linspace(math.pi, 0, 12)] + [(x + r, yy - size * 0.2)], uc)
                c.line((x, yy - size * 0.2 - r * 0.55), (x, yy - size * 0.2 - r * 0.75), uc, max(1, size * 0.06))
                continue
            c.ellipse(x, yy + size * 0.95, size * 0.95, size * 0.9, col)
            c.circle(x, yy, size * 0.42, mix(col, "#000000", 0.15))
            if bundles and rng.random() < 0.18:
                bc = C(bundles[rng.integers(len(bundles))])
                if haze is not None:
                    bc = mix(bc, haze, haze_t * (1 - t) ** 1.5)
                c.ellipse(x + size * rng.choice([-0.7, 0.7]), yy + size * 0.1, size * 0.7, size * 0.5, bc)
        y += size * 0.55


def train(c: Canvas, x0, y, length, car_h, body, stripe, window, roof, n_cars=None, lit=None, loco=True,
          gap=6, facing=1) -> None:
    """A Chinese long-distance train in profile: green cars, a yellow stripe, rows of windows."""
    n_cars = n_cars or max(1, int(length / (car_h * 6.5)))
    car_w = (length - gap * (n_cars - 1)) / n_cars
    for i in range(n_cars):
        cx = x0 + i * (car_w + gap)
        c.rect(cx, y - car_h, car_w, car_h, body)
        c.rect(cx + 2, y - car_h - car_h * 0.08, car_w - 4, car_h * 0.1, roof)
        c.rect(cx, y - car_h * 0.3, car_w, car_h * 0.07, stripe)
        c.rect(cx, y - car_h * 0.6, car_w, car_h * 0.04, stripe)
        nw = max(3, int(car_w / (car_h * 0.55)))
        for k in range(nw):
            wx = cx + car_w * (k + 0.25) / nw
            c.rect(wx, y - car_h * 0.82, car_w / nw * 0.55, car_h * 0.3, lit if lit is not None else window)
        c.rect(cx, y - car_h * 0.1, car_w, car_h * 0.1, mix(body, "#000000", 0.4))
    if loco:
        lx = x0 + length + gap if facing > 0 else x0 - gap - car_w * 0.8
        lw = car_w * 0.8
        c.rect(lx, y - car_h * 1.05, lw, car_h * 1.05, mix(body, "#000000", 0.15) if False else "#8c2f2a")
        c.rect(lx, y - car_h * 0.3, lw, car_h * 0.07, stripe)
        c.rect(lx + (lw * 0.8 if facing > 0 else 0), y - car_h * 0.9, lw * 0.2, car_h * 0.3, window if lit is None else lit)
        c.rect(lx, y - car_h * 0.1, lw, car_h * 0.1, "#1d1c1c")


def stars(c: Canvas, n, y1, seed, color="#e8e6f0", x0=0, x1=W) -> None:
    rng = np.random.default_rng(seed)
    for _ in range(n):
        x, y = rng.uniform(x0, x1), rng.uniform(0, y1) ** 1.0
        r = rng.choice([0.8, 0.8, 1.1, 1.5])
        c.circle(x, y * (y / y1) ** 0.3, r, mix(color, "#000000", rng.uniform(0, 0.5)))


def terraces(c: Canvas, x0, x1, y0, y1, n, seed, water, edge, green, sky_t=0.0, curve=60.0, tilt=0.0) -> None:
    """Rice terraces: stacked curved bands, each a water surface with a green bank below."""
    rng = np.random.default_rng(seed)
    ys = np.linspace(y0, y1, n + 1)
    nz_s = [noise1d(80, seed + i, 3, 2) for i in range(n + 1)]
    xs = np.linspace(x0, x1, 80)
    prev = None
    for i in range(n + 1):
        t = i / n
        yline = ys[i] + curve * nz_s[i] * (0.6 + t) + tilt * (xs - x0) / (x1 - x0)
        line = list(zip(xs.tolist(), yline.tolist()))
        if prev is not None:
            wc = mix(water, green, rng.uniform(0.0, 0.45)) if rng.random() < 0.35 else C(water)
            wc = mix(wc, "#ffffff", rng.uniform(-0.02, 0.08) if False else rng.uniform(0, 0.08))
            bank = [(x, y - (6 + 10 * t)) for x, y in line]
            c.poly(prev + bank[::-1], wc)
            c.poly(bank + line[::-1], green)
            c.lines(bank, edge, 1.2 + 1.5 * t)
        prev = line


# ---------------------------------------------------------------------------
# backdrops
# ---------------------------------------------------------------------------

BACKDROPS: dict = {}


def backdrop(fn):
    BACKDROPS[fn.__name__.removeprefix("bd_")] = fn
    return fn


@backdrop
def bd_title(c: Canvas) -> None:
    # dusk: indigo above, rose and amber at the horizon; a low sun on the right
    c.vgrad([(0, "#1e2340"), (0.4, "#3d3d68"), (0.62, "#a0647a"), (0.8, "#e3a47c"), (1, "#f2c98f")], h=660)
    c.glow(1490, 560, 560, "#ffd9a0", 0.5, 1.8)
    c.circle(1490, 556, 44, "#fbe6bb")
    stars(c, 40, 260, 3, "#c9c8e0")
    c.ridge(565, 70, "#9a7590", 11, base=3, octaves=5)
    c.band(520, 650, "#e8b08a", 0, 130)
    c.ridge(610, 55, "#755d7c", 12, base=4, octaves=5)
    c.band(600, 670, "#d49a86", 0, 90)
    c.ridge(655, 35, "#524463", 13, base=5, octaves=5)
    # the embankment and viaduct carrying the train
    deck = 712
    dark = "#2a2437"
    c.poly([(-10, deck), (560, deck), (560, 900), (-10, 900)], dark)
    c.rect(-10, deck, W + 20, 12, dark)
    for i in range(13):
        ax = 560 + i * 112
        arch = [(ax + 56 + 40 * math.cos(a), deck + 62 - 34 * math.sin(a)) for a in np.linspace(0, math.pi, 12)]
        c.poly([(ax, deck + 10), (ax + 112, deck + 10), (ax + 112, deck + 130), (ax + 96, deck + 130), (ax + 96, deck + 62)]
               + arch + [(ax + 16, deck + 62), (ax + 16, deck + 130), (ax, deck + 130)], dark)
    train(c, 520, deck, 1160, 42, "#2f4a40", "#c9a552", "#1c2a26", "#222c2a", n_cars=8, lit="#f6cf7d")
    c.glow(1800, deck - 20, 90, "#ffe3a0", 0.7, 2.2)
    c.circle(1797, deck - 22, 5, "#fff3cf")
    # pylons and a wire on the right
    for px in (1640, 1850):
        c.lines([(px - 16, 668), (px, 552), (px + 16, 668)], "#3d3450", 2.4)
        c.line((px - 24, 570), (px + 24, 570), "#3d3450", 2)
    c.lines([(1420, 585)] + [(1420 + k * 31.4, 570 + 16 * math.sin(math.pi * k / 7)) for k in range(8)], "#3d3450", 1.2)
    c.lines([(1640, 570)] + [(1640 + k * 30, 570 + 14 * math.sin(math.pi * k / 7)) for k in range(8)], "#3d3450", 1.2)
    # quiet dark fields below (the title text sits here)
    c.ridge(830, 16, "#231e2f", 14, base=2, octaves=3)
    c.band(830, 1090, "#15121d", 0, 220)
    for i in range(7):
        c.lines([(-10, 880 + i * 34), (1930, 850 + i * 40)], "#2b2438", 1.4)


def village_cluster(c: Canvas, x0, x1, ground, seed, wall, roof, green, scale=1.0, lit=None, snow=None,
                    window=None, door="#3a3430", n=6) -> None:
    """Farmhouses and bamboo along a slope between x0 and x1; ground(x) gives the ground line."""
    rng = np.random.default_rng(seed)
    xs = sorted(rng.uniform(x0, x1, n))
    for i, x in enumerate(xs):
        w = rng.uniform(90, 150) * scale
        h = rng.uniform(42, 58) * scale
        if rng.random() < 0.6:
            bamboo(c, x - w * 0.3, ground(x - w * 0.3) + 4, rng.uniform(110, 170) * scale, green, seed + i, lean=rng.uniform(-0.3, 0.3), n=6)
        g = max(ground(x), ground(x + w))
        house(c, x, g + 6 * scale, w, h, wall, roof, door=door, window=window,
              lit=lit if (lit is not None and i == len(xs) // 2) else None, snow=snow)


@backdrop
def bd_huilong_dawn(c: Canvas) -> None:
    # cool dawn: blue-grey above, peach at the horizon, mist in every valley
    c.vgrad([(0, "#8fa3b8"), (0.45, "#c9c9c6"), (0.75, "#efd2b4"), (1, "#f3dcc0")], h=560)
    c.glow(1380, 470, 420, "#fff0d8", 0.55, 1.8)
    layers = [
        (400, 80, "#aab8bd", 21, 3), (450, 70, "#9aaeae", 22, 4), (510, 70, "#85a09a", 23, 4),
    ]
    for y, amp, col, sd, b in layers:
        c.ridge(y, amp, col, sd, base=b, octaves=5)
        c.band(y - 20, y + 80, "#eee3d6", 0, 150)
    # the village ridge (right) with terraces falling away
    top = c.ridge(600, 70, "#6f8f6c", 24, base=3, octaves=5, shape=lambda u: 120 * max(0.0, u - 0.45) ** 1.2)
    xs = np.array([p[0] for p in top]); ys = np.array([p[1] for p in top])
    ground = lambda x: float(np.interp(x, xs, ys))
    village_cluster(c, 1150, 1820, ground, 25, "#e9e2d4", "#4e5358", "#4f6b4c", scale=1.0, n=7)
    # a thread of kitchen smoke
    c.lines([(1480 + 14 * math.sin(k * 0.5), 520 - k * 14) for k in range(18)], "#d8d4cc", 2.5)
    c.band(600, 720, "#efe6da", 0, 170)
    # near slope: calm, darker green, a few terrace lines
    near = c.ridge(760, 40, "#55704f", 26, base=2, octaves=4)
    for i in range(5):
        y0 = 800 + i * 55
        c.lines([(x, y0 + 30 * math.sin(x / 420 + i) + (x / 1920) * 20) for x in range(-10, 1940, 40)], "#4b6446", 2)
    c.band(700, 1090, "#2f3e30", 0, 150)
    tree(c, 1760, 860, 260, "#3f563b", 27)
    tree(c, 1860, 880, 200, "#46603f", 28)


@backdrop
def bd_huilong_night(c: Canvas) -> None:
    c.vgrad([(0, "#0d1326"), (0.6, "#1e2a46"), (1, "#34405e")], h=640)
    stars(c, 140, 420, 31, "#dfe2f0")
    # a thin moon, high right
    c.circle(1560, 170, 42, "#efe7cf")
    c.circle(1578, 160, 40, "#141b31")
    c.glow(1560, 170, 180, "#a9b4d6", 0.25)
    c.ridge(470, 90, "#2a3552", 32, base=3, octaves=5)
    c.band(440, 560, "#3c4868", 0, 120)
    c.ridge(540, 70, "#222c45", 33, base=4, octaves=5)
    top = c.ridge(640, 60, "#1a2236", 34, base=3, octaves=5, shape=lambda u: 90 * max(0.0, u - 0.5))
    xs = np.array([p[0] for p in top]); ys = np.array([p[1] for p in top])
    ground = lambda x: float(np.interp(x, xs, ys))
    village_cluster(c, 1100, 1800, ground, 35, "#4a5068", "#151a28", "#141b2b", lit="#f4c06a",
                    snow="#9aa3bb", window="#262c40", door="#1b1f2c", n=6)
    c.band(640, 1090, "#0f1422", 0, 210)
    for i in range(5):
        c.lines([(x, 780 + i * 60 + 26 * math.sin(x / 380 + i * 1.7)) for x in range(-10, 1940, 40)], "#1c2336", 2)


@backdrop
def bd_terraced_fields(c: Canvas) -> None:
    c.vgrad([(0, "#a9c0c4"), (0.7, "#dfe4d8"), (1, "#eef0e2")], h=400)
    c.ridge(250, 60, "#9fb3a8", 41, base=3)
    c.band(230, 330, "#e6ebe0", 0, 160)
    c.ridge(320, 60, "#86a08a", 42, base=4)
    c.band(300, 400, "#e6ebe0", 0, 140)
    # terraces: water holding the pale sky, green banks; tighter and smaller far up
    terraces(c, -20, 1940, 360, 560, 7, 43, "#cfdcd6", "#5f7d55", "#7f9f69", curve=30)
    terraces(c, -20, 1940, 560, 1100, 8, 44, "#c4d6d2", "#4c6b47", "#6f9160", curve=55, tilt=-40)
    # a farmer with a straw hat, upper right, and a buffalo
    person(c, 1500, 505, 70, "#3c4a5c", head="#8a6a55", hat="straw")
    c.ellipse(1640, 490, 50, 22, "#3b3a3a")
    c.circle(1690, 478, 14, "#3b3a3a")
    c.lines([(1684, 466), (1676, 456), (1668, 458)], "#3b3a3a", 3)
    for x in (1610, 1625, 1655, 1670):
        c.line((x, 500), (x, 520), "#3b3a3a", 5)
    c.band(700, 1090, "#3d5638", 0, 60)


@backdrop
def bd_village_school(c: Canvas) -> None:
    c.vgrad([(0, "#9db6c8"), (0.8, "#e4e4d8"), (1, "#ece6d6")], h=560)
    c.ridge(360, 80, "#a3b5ac", 51, base=3)
    c.band(340, 460, "#e9e8dc", 0, 150)
    c.ridge(470, 70, "#7f9c80", 52, base=4)
    tree(c, 820, 640, 260, "#5d7a55", 53)
    tree(c, 1840, 650, 300, "#57744f", 54)
    # the school: a two-storey block, pale tiles, a blue trim, a row of windows
    x0, base, w, h = 980, 660, 760, 260
    c.rect(x0, base - h, w, h, "#ece8de")
    c.rect(x0, base - h, w, 16, "#c9c2b5")
    c.rect(x0, base - h / 2 - 6, w, 12, "#5f86a4")
    c.rect(x0 - 10, base - h - 24, w + 20, 26, "#d9d3c6")
    c.rect(x0 + w * 0.3, base - h - 20, w * 0.4, 16, "#b8423a")  # a red name band (no words)
    for row in range(2):
        for k in range(8):
            wx = x0 + 36 + k * 90
            wy = base - h + 44 + row * 128
            c.rect(wx, wy, 52, 64, "#48627a")
            c.rect(wx, wy, 52, 6, "#3a4f63")
            c.line((wx + 26, wy), (wx + 26, wy + 64), "#d8d6cc", 3)
    c.rect(x0 + w * 0.46, base - 92, 66, 92, "#3a3f48")
    # the flagpole and its red flag
    fx = 1820
    c.line((fx, 660), (fx, 300), "#c9c9c9", 5)
    c.circle(fx, 298, 6, "#d8b54a")
    c.poly([(fx + 3, 310), (fx + 130, 318 + 8), (fx + 128, 386), (fx + 3, 380)], "#c4372e")
    c.poly([(fx + 20, 326), (fx + 26, 338), (fx + 14, 332), (fx + 26, 332), (fx + 14, 338)], "#f1cf4a")
    c.rect(fx - 18, 650, 36, 14, "#b9b2a4")
    # the dusty yard and a low wall
    c.rect(-10, 660, W + 20, 430, "#cdbfa4")
    c.rect(-10, 660, W + 20, 10, "#b3a488")
    c.band(660, 1090, "#b7a789", 0, 160)
    c.rect(-10, 700, 700, 40, "#bdb1a0")
    c.rect(-10, 700, 700, 8, "#a69a88")
    for i, (x, col) in enumerate([(1240, "#2f4f7a"), (1290, "#9b3d3a"), (1330, "#2f4f7a")]):
        person(c, x, 720 + i * 4, 78, col, head="#3b2e28", bag="#c24a3c" if i == 1 else None)


@backdrop
def bd_river_landing(c: Canvas) -> None:
    c.vgrad([(0, "#b3c3c2"), (0.7, "#e1e3d7"), (1, "#e9e6d8")], h=460)
    c.ridge(300, 90, "#a4b4aa", 61, base=3)
    c.band(280, 420, "#e5e6dc", 0, 160)
    c.ridge(380, 70, "#879f8c", 62, base=4, x1=1200)
    c.ridge(360, 100, "#7a957d", 63, base=3, x0=1000, shape=lambda u: 120 * u)
    # the river: jade, paler far away, with long light streaks
    c.vgrad([(0, "#b8cbbf"), (0.4, "#7fa496"), (1, "#4d7869")], y=440, h=650)
    rng = np.random.default_rng(64)
    for i in range(40):
        y = 450 + (i / 40) ** 1.6 * 600
        x = rng.uniform(-100, 1700)
        c.line((x, y), (x + rng.uniform(60, 260) * (0.4 + y / 900), y), "#9fc0b2", 1.5 + y / 500)
    # the stone landing: steps descending from the village at the right
    bank = [(1180, 440), (1940, 300), (1940, 1090), (1500, 1090)]
    c.poly(bank, "#8d8a7b")
    for k in range(16):
        t = k / 15
        y = 450 + t * 560
        x = 1200 + t * 320
        c.poly([(x, y), (1940, y - (1 - t) * 140), (1940, y - (1 - t) * 140 + 14 + t * 10), (x + 8, y + 14 + t * 10)], "#a8a493")
        c.line((x, y), (1940, y - (1 - t) * 140), "#6f6d61", 1.5 + t * 2)
    village_cluster(c, 1380, 1860, lambda x: 300 + (1940 - x) * 0.16 - 10, 65, "#e6e0d2", "#505559", "#52704f", n=4)
    # a moored wooden boat with a curved canopy
    bx, by = 1160, 760
    c.poly([(bx - 260, by - 20), (bx + 240, by - 24), (bx + 200, by + 26), (bx - 210, by + 24)], "#4b3b2e")
    c.poly([(bx - 110, by - 20)] + [(bx - 10 + 110 * math.cos(a), by - 20 - 62 * math.sin(a)) for a in np.linspace(math.pi, 0, 14)] + [(bx + 100, by - 20)], "#3e4a4c")
    c.line((bx - 260, by - 20), (bx + 240, by - 24), "#6b5442", 4)
    c.line((bx + 200, by - 10), (1400, 700), "#3a3a34", 2)
    c.band(980, 1090, "#3b5e52", 0, 120)


@backdrop
def bd_hillside_grave(c: Canvas) -> None:
    # overcast winter: pale sky, muted greens and earth
    c.vgrad([(0, "#b9bcb8"), (1, "#dcdad0")], h=460)
    c.ridge(330, 70, "#a8afa6", 71, base=3)
    c.band(300, 440, "#dcdbd2", 0, 160)
    c.ridge(420, 60, "#8f9a88", 72, base=4)
    # fields in strips on the slope
    slope = c.ridge(520, 40, "#8c9470", 73, base=2, shape=lambda u: -80 * u)
    rng = np.random.default_rng(74)
    cols = ["#8c9470", "#a09673", "#7d8a62", "#9a8a6a", "#86906a"]
    for i in range(12):
        y0 = 540 + i * 48
        c.poly([(-10, y0 + 30 + i * 4), (1940, y0 - 60 + i * 8), (1940, y0 - 12 + i * 9), (-10, y0 + 78 + i * 5)], cols[i % len(cols)])
        c.lines([(-10, y0 + 30 + i * 4), (1940, y0 - 60 + i * 8)], "#6d7356", 1.5)
    cypress(c, 1830, 560, 260, "#3f4c3c")
    cypress(c, 1760, 560, 200, "#485544")
    cypress(c, 1150, 520, 160, "#566350")
    # mound graves with stone fronts, and paper streamers on sticks
    for i, (x, y, r) in enumerate([(1320, 590, 80), (1520, 610, 105), (1690, 640, 70)]):
        c.ellipse(x, y, r * 1.3, r * 0.72, "#7c6a52")
        c.ellipse(x - r * 0.2, y - r * 0.18, r * 0.9, r * 0.42, "#8d7a5f")
        c.poly([(x - r * 0.35, y + r * 0.55), (x - r * 0.3, y - r * 0.12), (x + r * 0.3, y - r * 0.12), (x + r * 0.35, y + r * 0.55)], "#a19c90")
        c.rect(x - r * 0.22, y - r * 0.02, r * 0.44, r * 0.06, "#7f7a70")
        sx = x + r * 0.95
        c.line((sx, y - r * 0.1), (sx, y - r * 0.9), "#6b5a44", 3)
        for k in range(5):
            c.line((sx, y - r * 0.85), (sx + 6 + k * 3, y - r * 0.85 + 26 + k * 6), ["#f2efe6", "#e8d7c6", "#d14b3c"][k % 3], 3)
        # incense sticks with a thin curl of smoke
        for k in range(3):
            ix = x - 12 + k * 12
            c.line((ix, y + r * 0.5), (ix, y + r * 0.3), "#9a3b2c", 2)
            c.circle(ix, y + r * 0.3, 2, "#ff8d4a")
        c.lines([(x + 14 * math.sin(k * 0.35 + i), y + r * 0.28 - k * 12) for k in range(22)], "#e9e6df", 1.6)
    c.band(700, 1090, "#77805e", 0, 110)


@backdrop
def bd_path_home(c: Canvas) -> None:
    # late afternoon: warm haze, the sun low on the right
    c.vgrad([(0, "#c8c6b8"), (0.6, "#ecd7ad"), (1, "#f4d9a6")], h=520)
    c.glow(1560, 380, 600, "#fff0c8", 0.55, 1.6)
    c.circle(1560, 380, 40, "#fff3d4")
    c.ridge(420, 70, "#c1b59e", 81, base=3)
    c.band(400, 520, "#f0dcb4", 0, 160)
    c.ridge(480, 60, "#a0a07f", 82, base=4)
    top = c.ridge(540, 30, "#87916a", 83, base=3, shape=lambda u: 40 * max(0.0, u - 0.5))
    xs = np.array([p[0] for p in top]); ys = np.array([p[1] for p in top])
    village_cluster(c, 1220, 1720, lambda x: float(np.interp(x, xs, ys)) + 4, 84, "#efe3cc", "#5c5a57", "#6a7a50", scale=0.8, n=5)
    # fields: wheat green and fallow ochre in strips, lit from the right
    cols = ["#9aa56b", "#b59f6c", "#8b9a60", "#c2a873", "#a1a96c"]
    for i in range(9):
        y0 = 560 + i * 60 * (1 + i * 0.12)
        c.poly([(-10, y0 + 40), (1940, y0 - 10), (1940, y0 + 70 + i * 14), (-10, y0 + 110 + i * 10)], cols[i % len(cols)])
    # the path: a pale band curving from the bottom left up to the village
    path = [(420 - 0.0 * t, 1100) for t in [0]] + [(600, 960), (860, 840), (1060, 740), (1220, 650), (1330, 590), (1380, 560)]
    widths = [180, 150, 110, 80, 50, 30, 18]
    left = []; right = []
    for (x, y), wd in zip(path, widths):
        left.append((x - wd / 2, y)); right.append((x + wd / 2, y))
    c.poly(left + right[::-1], "#d9c291")
    c.lines(right, "#b39b6c", 2)
    # two walkers carrying bags, small, well up the path
    person(c, 1200, 664, 70, "#3d4e6b", head="#2e2622", bag="#a64235")
    person(c, 1245, 642, 64, "#7a3f44", head="#2e2622", bag="#385c7a")
    tree(c, 1810, 760, 330, "#6f7a48", 85)
    bamboo(c, 1680, 700, 240, "#70804d", 86, lean=0.2)
    c.band(780, 1090, "#7c7a4e", 0, 110)


@backdrop
def bd_river_boat(c: Canvas) -> None:
    c.vgrad([(0, "#aebfbf"), (1, "#e3e4d6")], h=480)
    # steep rounded hills closing in from both sides
    c.ridge(260, 120, "#a3b4a8", 91, base=3)
    c.band(240, 420, "#e3e5da", 0, 170)
    c.ridge(300, 160, "#86a08c", 92, base=2, x1=900, shape=lambda u: -220 * u)
    c.ridge(250, 180, "#6f8f77", 93, base=2, x0=1100, shape=lambda u: 260 * u - 100)
    c.band(380, 500, "#e3e5da", 0, 120)
    c.vgrad([(0, "#aac3b6"), (0.5, "#6f988a"), (1, "#4a7263")], y=470, h=620)
    c.ridge(500, 200, "#58786a", 94, base=2, x0=1500, bottom=620, shape=lambda u: 300 * u - 140)
    # reflections
    rng = np.random.default_rng(95)
    for i in range(50):
        y = 480 + (i / 50) ** 1.5 * 600
        x = rng.uniform(-100, 1800)
        c.line((x, y), (x + rng.uniform(40, 220) * (0.4 + y / 900), y), "#9ebfb2", 1.5 + y / 600)
    # the ferry: white hull, blue canopy, a wake spreading behind
    bx, by = 1330, 600
    for k in range(6):
        c.lines([(bx - 130 - k * 60, by + 8 + k * 4), (bx - 160 - k * 100, by + 22 + k * 18)], "#c5dad0", 3 - k * 0.3)
        c.lines([(bx - 130 - k * 60, by - 2 - k * 2), (bx - 170 - k * 100, by - 10 - k * 8)], "#b4cfc4", 2.5 - k * 0.3)
    c.poly([(bx - 150, by - 16), (bx + 170, by - 20), (bx + 120, by + 20), (bx - 130, by + 18)], "#e8e6de")
    c.rect(bx - 150, by - 6, 300, 8, "#38607a")
    c.poly([(bx - 110, by - 18), (bx - 100, by - 90), (bx + 110, by - 92), (bx + 116, by - 20)], "#d8d4c8")
    c.rect(bx - 118, by - 100, 240, 14, "#3f6c85")
    for k in range(6):
        c.rect(bx - 90 + k * 34, by - 78, 22, 30, "#4c5860")
    c.line((bx + 130, by - 92), (bx + 130, by - 150), "#6a6a6a", 3)
    c.poly([(bx + 132, by - 150), (bx + 176, by - 140), (bx + 132, by - 130)], "#c4372e")
    c.band(900, 1090, "#3d6256", 0, 110)


@backdrop
def bd_mountain_bus(c: Canvas) -> None:
    c.vgrad([(0, "#a7bac3"), (1, "#e0e2d8")], h=420)
    c.ridge(240, 90, "#a7b6ae", 101, base=3)
    c.band(220, 360, "#e2e5dc", 0, 160)
    # the big mountain with its switchback road
    top = c.ridge(210, 60, "#6e8f6a", 102, base=2, shape=lambda u: -260 * (u - 0.7) ** 2 * 4 + 200)
    c.ridge(520, 100, "#5f7f5c", 103, base=3, x1=900)
    # switchbacks: pale road zigzagging up the right of the mountain
    road = [(900, 1000), (1820, 880), (1120, 760), (1780, 650), (1240, 560), (1720, 470), (1380, 400)]
    for a, b in zip(road, road[1:]):
        pass
    wd = [46, 40, 34, 28, 22, 18, 14]
    for i, (a, b) in enumerate(zip(road, road[1:])):
        c.thick([a, b], "#d7ccb2", wd[i])
    for i, (a, b) in enumerate(zip(road, road[1:])):
        c.line((a[0], a[1] + wd[i] / 2), (b[0], b[1] + wd[i + 1] / 2), "#8a8068", 2)
    # a few terrace lines and trees on the slope
    rng = np.random.default_rng(104)
    for _ in range(40):
        x, y = rng.uniform(950, 1900), rng.uniform(380, 980)
        c.circle(x, y, rng.uniform(8, 20) * (0.5 + y / 1000), "#56764f")
    # the bus on the upper bend
    bx, by = 1560, 620
    c.poly([(bx - 70, by), (bx + 70, by - 12), (bx + 70, by - 58), (bx - 66, by - 48)], "#e9e5da")
    c.poly([(bx - 70, by - 14), (bx + 70, by - 26), (bx + 70, by - 20), (bx - 70, by - 8)], "#2f6fa0")
    for k in range(5):
        c.poly([(bx - 56 + k * 24, by - 44 - k * 2), (bx - 38 + k * 24, by - 45 - k * 2), (bx - 38 + k * 24, by - 30 - k * 2), (bx - 56 + k * 24, by - 29 - k * 2)], "#3b4b57")
    c.circle(bx - 40, by + 2, 10, "#2a2a2a")
    c.circle(bx + 40, by - 6, 10, "#2a2a2a")
    c.poly([(bx - 62, by - 50), (bx + 50, by - 60), (bx + 30, by - 76), (bx - 50, by - 68)], "#6b5346")
    # valley mist lower left
    c.band(560, 1090, "#dfe3da", 0, 190, x1=1100)
    c.band(800, 1090, "#55704f", 0, 60)


def main(argv: list[str]) -> int:
    pygame.init()
    names = [a for a in argv if not a.startswith("-")]
    t_all = time.perf_counter()
    total = 0
    for name, fn in BACKDROPS.items():
        if names and name not in names:
            continue
        t0 = time.perf_counter()
        c = Canvas()
        fn(c)
        size = c.save(ROOT / "backdrops" / f"{name}.png", seed=sum(map(ord, name)))
        total += size
        print(f"backdrops/{name}.png  {size / 1024:6.0f} KB  {time.perf_counter() - t0:5.1f} s")
    for name, fn in PORTRAITS.items():
        if names and name not in names:
            continue
        t0 = time.perf_counter()
        c = Canvas(512, 640, alpha=True)
        fn(c)
        size = c.save(ROOT / "portraits" / f"{name}.png", grain=1.5, vignette=0, seed=sum(map(ord, name)))
        total += size
        print(f"portraits/{name}.png  {size / 1024:6.0f} KB  {time.perf_counter() - t0:5.1f} s")
    print(f"total {total / 1024:.0f} KB in {time.perf_counter() - t_all:.1f} s")
    return 0


PORTRAITS: dict = {}

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
