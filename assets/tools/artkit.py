"""The drawing kit shared by the art scripts: colours, value noise, the supersampled Canvas
(flat polygons, gradients, translucent layers, soft lights, ridges) and save_surface (paper grain,
vignette, 256 colours)."""

from __future__ import annotations

import math
import os
import pathlib

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
    if len(s) == 3:
        s = "".join(ch * 2 for ch in s)
    return (int(s[0:2], 16), int(s[2:4], 16), int(s[4:6], 16))


def mix(a, b, t: float) -> Col:
    a = hexc(a) if isinstance(a, str) else a
    b = hexc(b) if isinstance(b, str) else b
    return tuple(int(round(x + (y - x) * t)) for x, y in zip(a, b, strict=False))  # type: ignore


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
        pygame.draw.rect(
            self.surf, C(color), pygame.Rect(*self.p(x, y), max(1, round(w * S)), max(1, round(h * S)))
        )

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
        for a, b in zip(points, points[1:], strict=False):
            dx, dy = b[0] - a[0], b[1] - a[1]
            d = math.hypot(dx, dy) or 1
            nx, ny = -dy / d * width / 2, dx / d * width / 2
            self.poly(
                [
                    (a[0] + nx, a[1] + ny),
                    (b[0] + nx, b[1] + ny),
                    (b[0] - nx, b[1] - ny),
                    (a[0] - nx, a[1] - ny),
                ],
                color,
            )
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
            for (t0, c0), (t1, c1) in zip(stops, stops[1:], strict=False):
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
    def ridge(
        self,
        y,
        amp,
        color,
        seed,
        base=4,
        octaves=5,
        x0=-10,
        x1=None,
        bottom=None,
        n=220,
        persistence=0.5,
        shape=None,
    ) -> list[tuple[float, float]]:
        """A hill/mountain silhouette: noise line around y, filled down to ``bottom``."""
        x1 = self.w + 10 if x1 is None else x1
        bottom = self.h + 10 if bottom is None else bottom
        nz = noise1d(n, seed, octaves, base, persistence)
        xs = np.linspace(x0, x1, n)
        ys = y - amp * nz
        if shape is not None:
            ys = ys - np.array([shape((xx - x0) / (x1 - x0)) for xx in xs])
        top = list(zip(xs.tolist(), ys.tolist(), strict=False))
        self.poly([(x0, bottom)] + top + [(x1, bottom)], color)
        return top

    def save(
        self,
        path: pathlib.Path,
        grain: float = 3.0,
        vignette: float = 0.18,
        colors: int = 256,
        seed: int = 0,
        dither: float = 0.0,
    ) -> int:
        small = pygame.transform.smoothscale(self.surf, (self.w, self.h))
        return save_surface(
            small, path, grain=grain, vignette=vignette, colors=colors, seed=seed, dither=dither
        )


def save_surface(
    surf: pygame.Surface,
    path: pathlib.Path,
    grain: float = 3.0,
    vignette: float = 0.18,
    colors: int = 256,
    seed: int = 0,
    dither: float = 0.0,
) -> int:
    """Paper grain + vignette, quantise, write PNG; returns the file size.

    ``dither`` (in colour levels) adds a 4x4 ordered pattern before the 256-colour quantising, so
    that a pale, slow gradient breaks into fine texture instead of soft contour rings."""
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
        pygame.surfarray.blit_array(
            ssurf, np.repeat(np.clip(128 + small * 40, 0, 255).astype(np.uint8)[..., None], 3, 2)
        )
        coarse = pygame.surfarray.array_red(pygame.transform.smoothscale(ssurf, (w, h))).T.astype(np.float32)
        coarse = (coarse - 128) / 40
        # (fine per-pixel noise would triple the PNG size, so the grain is a soft mottle)
        rgb += (coarse * grain)[..., None]
    if dither:
        bayer = (
            np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float32) / 16 - 0.47
        )
        rgb += (np.tile(bayer, (h // 4 + 1, w // 4 + 1))[:h, :w] * dither)[..., None]
    rgb = np.clip(rgb, 0, 255).astype(np.uint8)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        from PIL import Image

        if alpha is None:
            img = Image.fromarray(rgb, "RGB").quantize(
                colors=colors, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE
            )
        else:
            rgba = np.dstack([rgb, alpha])
            img = Image.fromarray(rgba, "RGBA").quantize(
                colors=colors, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
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
