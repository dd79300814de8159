#!/usr/bin/env python3
"""Generate every backdrop and portrait PNG for Last Train Home.

    SDL_VIDEODRIVER=dummy .venv/bin/python assets/tools/make_art.py            # everything
    SDL_VIDEODRIVER=dummy .venv/bin/python assets/tools/make_art.py title dormitory  # a few
    SDL_VIDEODRIVER=dummy .venv/bin/python assets/tools/make_art.py --preview dormitory  # quick, to /tmp

Reproducible: every random choice comes from a fixed seed per picture.
Needs pygame-ce and numpy; Pillow (optional) is used to write compact
palette PNGs. The pictures are drawn at twice the final size with flat
polygons and gradients, then scaled down (which anti-aliases every edge),
given a faint paper grain and quantised to at most 256 colours.
"""

from __future__ import annotations

import math
import pathlib
import sys
import time
from dataclasses import replace

import artkit
import city
import guangzhou
import numpy as np
import poses
import pygame
from artkit import ROOT, C, Canvas, Col, H, W, hexc, mix, noise1d  # noqa: F401
from figures import bare_tree

# ---------------------------------------------------------------------------
# motifs
# ---------------------------------------------------------------------------


def house(
    c: Canvas,
    x,
    base,
    w,
    h,
    wall,
    roof,
    shade=None,
    door="#3a3430",
    window=None,
    lit=None,
    roof_h=None,
    snow=None,
) -> None:
    """A Sichuan farmhouse: pale wall, dark tiled roof with a gentle upturned eave."""
    roof_h = h * 0.55 if roof_h is None else roof_h
    shade = mix(wall, roof, 0.35) if shade is None else shade
    c.rect(x, base - h, w, h, wall)
    c.rect(x, base - h, w, h * 0.12, shade)  # shadow under the eave
    ov = w * 0.08
    top = base - h - roof_h
    c.poly(
        [(x - ov, base - h + 2), (x + w * 0.16, top), (x + w * 0.84, top), (x + w + ov, base - h + 2)], roof
    )
    # upturned corners
    c.poly(
        [
            (x - ov - w * 0.03, base - h - roof_h * 0.12),
            (x - ov + w * 0.06, base - h + 2),
            (x - ov, base - h + 2),
        ],
        roof,
    )
    c.poly(
        [
            (x + w + ov + w * 0.03, base - h - roof_h * 0.12),
            (x + w + ov - w * 0.06, base - h + 2),
            (x + w + ov, base - h + 2),
        ],
        roof,
    )
    c.rect(x + w * 0.14, top - roof_h * 0.08, w * 0.72, roof_h * 0.1, mix(roof, "#000000", 0.25))  # ridge
    if snow:
        c.poly(
            [
                (x + w * 0.16, top),
                (x + w * 0.84, top),
                (x + w * 0.9, top + roof_h * 0.35),
                (x + w * 0.1, top + roof_h * 0.35),
            ],
            snow,
        )
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
    for _i in range(n):
        a = lean + rng.uniform(-0.35, 0.35)
        hh = h * rng.uniform(0.7, 1.0)
        pts = []
        for k in range(9):
            t = k / 8
            pts.append(
                (
                    x + rng.uniform(-2, 2) + math.sin(a) * hh * t + a * hh * 0.25 * t * t,
                    base - hh * t * math.cos(a * 0.6),
                )
            )
        c.lines(pts, color, 2.2)
        tx, ty = pts[-1]
        for j in range(10):
            t = 0.45 + 0.55 * j / 9
            px = pts[0][0] + (tx - pts[0][0]) * t
            py = pts[0][1] + (ty - pts[0][1]) * t
            c.ellipse(
                px + rng.uniform(-h * 0.08, h * 0.08),
                py + rng.uniform(-6, 6),
                h * rng.uniform(0.05, 0.11),
                h * rng.uniform(0.025, 0.05),
                color,
            )


def tree(c: Canvas, x, base, h, color, seed, trunk=None, spread=1.0) -> None:
    """A rounded broadleaf tree from overlapping discs."""
    rng = np.random.default_rng(seed)
    trunk = trunk or mix(color, "#000000", 0.2)
    c.poly(
        [
            (x - h * 0.03, base),
            (x - h * 0.012, base - h * 0.55),
            (x + h * 0.012, base - h * 0.55),
            (x + h * 0.03, base),
        ],
        trunk,
    )
    for _ in range(9):
        c.circle(
            x + rng.uniform(-0.22, 0.22) * h * spread,
            base - h * rng.uniform(0.55, 0.85),
            h * rng.uniform(0.14, 0.24),
            color,
        )


def cypress(c: Canvas, x, base, h, color) -> None:
    c.poly(
        [
            (x, base - h),
            (x + h * 0.12, base - h * 0.35),
            (x + h * 0.09, base),
            (x - h * 0.09, base),
            (x - h * 0.12, base - h * 0.35),
        ],
        color,
    )


def person(c: Canvas, x, base, h, body, head=None, legs=None, bag=None, hat=None, lean=0.0) -> None:
    """A standing figure as a flat silhouette, ``h`` tall, feet at ``base``."""
    head = head or body
    legs = legs or mix(body, "#000000", 0.3)
    hr = h * 0.075
    sh = base - h * 0.8
    hip = base - h * 0.45
    lx = lean * h
    c.poly(
        [
            (x - h * 0.09, base),
            (x - h * 0.06 + lx * 0.3, hip),
            (x + h * 0.06 + lx * 0.3, hip),
            (x + h * 0.09, base),
        ],
        legs,
    )
    c.poly(
        [
            (x - h * 0.12 + lx * 0.5, sh + hr * 0.6),
            (x + h * 0.12 + lx * 0.5, sh + hr * 0.6),
            (x + h * 0.1 + lx * 0.3, hip + h * 0.05),
            (x - h * 0.1 + lx * 0.3, hip + h * 0.05),
        ],
        body,
    )
    c.circle(x - h * 0.12 + lx * 0.5 + hr * 0.8, sh + hr * 1.2, hr * 0.9, body)
    c.circle(x + h * 0.12 + lx * 0.5 - hr * 0.8, sh + hr * 1.2, hr * 0.9, body)
    c.circle(x + lx * 0.6, sh - hr * 0.6, hr, head)
    if hat == "straw":
        c.poly(
            [
                (x + lx * 0.6 - hr * 2.4, sh - hr * 0.8),
                (x + lx * 0.6, sh - hr * 2.6),
                (x + lx * 0.6 + hr * 2.4, sh - hr * 0.8),
            ],
            "#c9b47c",
        )
    elif hat == "cap":
        c.ellipse(x + lx * 0.6, sh - hr * 1.2, hr * 1.1, hr * 0.6, mix(body, "#000000", 0.2))
    if bag:
        c.ellipse(x + h * 0.12 + lx * 0.5, sh + h * 0.08, h * 0.13, h * 0.11, bag)


def crowd(
    c: Canvas,
    y0,
    y1,
    x0,
    x1,
    colors,
    seed,
    density=1.0,
    size0=10.0,
    size1=40.0,
    haze=None,
    haze_t=0.55,
    bundles=None,
    umbrellas=None,
    umbrella_share=0.0,
) -> None:
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
                c.poly(
                    [(x - r, yy - size * 0.2)]
                    + [
                        (x + r * math.cos(a), yy - size * 0.2 - r * 0.55 * math.sin(a))
                        for a in np.linspace(math.pi, 0, 12)
                    ]
                    + [(x + r, yy - size * 0.2)],
                    uc,
                )
                c.line(
                    (x, yy - size * 0.2 - r * 0.55), (x, yy - size * 0.2 - r * 0.75), uc, max(1, size * 0.06)
                )
                continue
            c.ellipse(x, yy + size * 0.95, size * 0.95, size * 0.9, col)
            c.circle(x, yy, size * 0.42, mix(col, "#000000", 0.15))
            if bundles and rng.random() < 0.18:
                bc = C(bundles[rng.integers(len(bundles))])
                if haze is not None:
                    bc = mix(bc, haze, haze_t * (1 - t) ** 1.5)
                c.ellipse(x + size * rng.choice([-0.7, 0.7]), yy + size * 0.1, size * 0.7, size * 0.5, bc)
        y += size * 0.55


def train(
    c: Canvas,
    x0,
    y,
    length,
    car_h,
    body,
    stripe,
    window,
    roof,
    n_cars=None,
    lit=None,
    loco=True,
    gap=6,
    facing=1,
) -> None:
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
        c.rect(
            lx + (lw * 0.8 if facing > 0 else 0),
            y - car_h * 0.9,
            lw * 0.2,
            car_h * 0.3,
            window if lit is None else lit,
        )
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
        line = list(zip(xs.tolist(), yline.tolist(), strict=False))
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
        arch = [
            (ax + 56 + 40 * math.cos(a), deck + 62 - 34 * math.sin(a)) for a in np.linspace(0, math.pi, 12)
        ]
        c.poly(
            [
                (ax, deck + 10),
                (ax + 112, deck + 10),
                (ax + 112, deck + 130),
                (ax + 96, deck + 130),
                (ax + 96, deck + 62),
            ]
            + arch
            + [(ax + 16, deck + 62), (ax + 16, deck + 130), (ax, deck + 130)],
            dark,
        )
    train(c, 520, deck, 1160, 42, "#2f4a40", "#c9a552", "#1c2a26", "#222c2a", n_cars=8, lit="#f6cf7d")
    c.glow(1800, deck - 20, 90, "#ffe3a0", 0.7, 2.2)
    c.circle(1797, deck - 22, 5, "#fff3cf")
    # pylons and a wire on the right
    for px in (1640, 1850):
        c.lines([(px - 16, 668), (px, 552), (px + 16, 668)], "#3d3450", 2.4)
        c.line((px - 24, 570), (px + 24, 570), "#3d3450", 2)
    c.lines(
        [(1420, 585)] + [(1420 + k * 31.4, 570 + 16 * math.sin(math.pi * k / 7)) for k in range(8)],
        "#3d3450",
        1.2,
    )
    c.lines(
        [(1640, 570)] + [(1640 + k * 30, 570 + 14 * math.sin(math.pi * k / 7)) for k in range(8)],
        "#3d3450",
        1.2,
    )
    # quiet dark fields below (the title text sits here)
    c.ridge(830, 16, "#231e2f", 14, base=2, octaves=3)
    c.band(830, 1090, "#15121d", 0, 220)
    for i in range(7):
        c.lines([(-10, 880 + i * 34), (1930, 850 + i * 40)], "#2b2438", 1.4)


def village_cluster(
    c: Canvas,
    x0,
    x1,
    ground,
    seed,
    wall,
    roof,
    green,
    scale=1.0,
    lit=None,
    snow=None,
    window=None,
    door="#3a3430",
    n=6,
) -> None:
    """Farmhouses and bamboo along a slope between x0 and x1; ground(x) gives the ground line."""
    rng = np.random.default_rng(seed)
    xs = sorted(rng.uniform(x0, x1, n))
    for i, x in enumerate(xs):
        w = rng.uniform(90, 150) * scale
        h = rng.uniform(42, 58) * scale
        if rng.random() < 0.6:
            bamboo(
                c,
                x - w * 0.3,
                ground(x - w * 0.3) + 4,
                rng.uniform(110, 170) * scale,
                green,
                seed + i,
                lean=rng.uniform(-0.3, 0.3),
                n=6,
            )
        g = max(ground(x), ground(x + w))
        house(
            c,
            x,
            g + 6 * scale,
            w,
            h,
            wall,
            roof,
            door=door,
            window=window,
            lit=lit if (lit is not None and i == len(xs) // 2) else None,
            snow=snow,
        )


@backdrop
def bd_huilong_dawn(c: Canvas) -> None:
    # cool dawn: blue-grey above, peach at the horizon, mist in every valley
    c.vgrad([(0, "#8fa3b8"), (0.45, "#c9c9c6"), (0.75, "#efd2b4"), (1, "#f3dcc0")], h=560)
    c.glow(1380, 470, 420, "#fff0d8", 0.55, 1.8)
    layers = [
        (400, 80, "#aab8bd", 21, 3),
        (450, 70, "#9aaeae", 22, 4),
        (510, 70, "#85a09a", 23, 4),
    ]
    for y, amp, col, sd, b in layers:
        c.ridge(y, amp, col, sd, base=b, octaves=5)
        c.band(y - 20, y + 80, "#eee3d6", 0, 150)
    # the village ridge (right) with terraces falling away
    top = c.ridge(600, 70, "#6f8f6c", 24, base=3, octaves=5, shape=lambda u: 120 * max(0.0, u - 0.45) ** 1.2)
    xs = np.array([p[0] for p in top])
    ys = np.array([p[1] for p in top])
    ground = lambda x: float(np.interp(x, xs, ys))
    village_cluster(c, 1150, 1820, ground, 25, "#e9e2d4", "#4e5358", "#4f6b4c", scale=1.0, n=7)
    # a thread of kitchen smoke
    c.lines([(1480 + 14 * math.sin(k * 0.5), 520 - k * 14) for k in range(18)], "#d8d4cc", 2.5)
    c.band(600, 720, "#efe6da", 0, 170)
    # near slope: calm, darker green, a few terrace lines
    c.ridge(760, 40, "#55704f", 26, base=2, octaves=4)
    for i in range(5):
        y0 = 800 + i * 55
        c.lines(
            [(x, y0 + 30 * math.sin(x / 420 + i) + (x / 1920) * 20) for x in range(-10, 1940, 40)],
            "#4b6446",
            2,
        )
    c.band(700, 1090, "#2f3e30", 0, 150)
    tree(c, 1760, 860, 260, "#3f563b", 27)
    tree(c, 1860, 880, 200, "#46603f", 28)


@backdrop
def bd_huilong_night(c: Canvas) -> None:
    """A moonlit winter night: snow on the fields and roofs shows the village clearly, which
    sits large on the right, two windows lit, smoke from one chimney."""
    c.vgrad([(0, "#101a34"), (0.55, "#2a3a62"), (1, "#5a6a90")], h=640)
    stars(c, 160, 380, 31, "#dfe2f0")
    c.glow(1560, 200, 520, "#8a9ac8", 0.35)  # moonlight in the haze
    c.circle(1560, 170, 44, "#f4eed8")
    c.circle(1580, 158, 41, mix("#2a3a62", "#101a34", 0.35))
    c.glow(1560, 170, 200, "#c8d0ea", 0.3)
    c.ridge(430, 90, "#3a4a72", 32, base=3, octaves=5)
    c.band(400, 540, "#6a7aa0", 0, 110)
    c.ridge(510, 70, "#34426a", 33, base=4, octaves=5)
    c.band(500, 600, "#7686aa", 0, 90)
    # the near slope under snow, the village on it
    top = c.ridge(640, 60, "#8c98b8", 34, base=3, octaves=5, shape=lambda u: 110 * max(0.0, u - 0.45))
    xs = np.array([p[0] for p in top])
    ys = np.array([p[1] for p in top])
    ground = lambda x: float(np.interp(x, xs, ys))
    village_cluster(
        c,
        1080,
        1860,
        ground,
        35,
        "#a8aec4",
        "#232a40",
        "#1e2a3a",
        scale=1.5,
        lit="#f4c06a",
        snow="#dce2f0",
        window="#3a4058",
        door="#262a3a",
        n=5,
    )
    lx = 1080 + 1.5 * 60
    c.glow(1480, ground(1480) - 40, 220, "#f4c06a", 0.18)
    c.begin(70)  # kitchen smoke, pale and thin in the moonlight
    for i in range(7):
        c.circle(lx + 380 + i * 22, ground(1480) - 130 - i * 38, 12 + i * 5, "#b8c0d8")
    c.end()
    # furrows of the fallow fields under snow, in blue shadow
    for i in range(7):
        c.lines(
            [(x, 760 + i * 50 + 24 * math.sin(x / 380 + i * 1.7)) for x in range(-10, 1940, 40)], "#6c7898", 3
        )
    c.band(760, 1090, "#1a2238", 0, 150)


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
    # a farmer in a straw hat bent to plant out the rice, upper right, and a buffalo grazing
    k = 70 / 165
    planting = poses.Pose(lean=70, bow=12, arms=((10, 24), (-4, 14)), legs=((10, 2), (-12, -4)))
    look = poses.Look(top="#3c4a5c", bottom="#2e3640", skin="#8a6a55", hair="#2a2420")
    farmer = poses.person(c, 1500, 512, k, planting, look, facing=-1)
    hx, hy = farmer.joint("head")
    c.poly([(hx - 19, hy + 2), (hx + 1, hy - 12), (hx + 21, hy + 4)], "#c9b47c")  # the conical hat
    c.ellipse(1500, 513, 24, 3, "#b4c8c4")  # ripples round her shins
    for sx in range(1420, 1490, 12):  # the seedlings she has planted, in a row
        c.line((sx, 514), (sx - 1, 506), "#6f9160", 2)
    ox = "#3b3a3a"
    for lx, top in ((1606, 494), (1620, 496), (1660, 494), (1674, 492)):  # legs
        poses.taper(c, (lx, top), (lx + 1, 522), 8, 5, ox)
    c.ellipse(1640, 488, 50, 18, ox)  # the body, a hump over the shoulders, the tail
    c.ellipse(1672, 480, 20, 14, ox)
    c.line((1592, 482), (1586, 512), ox, 2)
    poses.taper(c, (1680, 482), (1696, 498), 18, 13, ox)  # the head lowered to graze
    c.ellipse(1701, 503, 7, 5, ox)  # the muzzle
    for dx in (0, 6):  # the wide horns, a crescent up and back from the head
        c.lines([(1692 + dx, 490), (1702 + dx, 477), (1700 + dx, 465), (1688 + dx, 460)], ox, 3)
    c.band(700, 1090, "#3d5638", 0, 60)


@backdrop
def bd_village_school(c: Canvas) -> None:
    """A two-storey rural school with its red flag, three children in the dusty yard."""
    school(c, winter=False)


@backdrop
def bd_village_school_winter(c: Canvas) -> None:
    """The same school in the cold January of 2008: a low grey sky, frost on the yard and the
    wall, bare trees, pupils in padded coats."""
    school(c, winter=True)


def school(c: Canvas, winter: bool) -> None:
    """The school and its yard, in mild weather or in the hard winter."""
    if winter:
        c.vgrad([(0, "#a2a8ae"), (0.8, "#d6d6d0"), (1, "#dedcd4")], h=560)
        c.ridge(360, 80, "#aab0ae", 51, base=3)
        c.band(340, 460, "#dcdcd6", 0, 170)
        c.ridge(470, 70, "#8a948a", 52, base=4)
        bare_tree(c, 820, 640, 300, "#4e4c44", 53)
        bare_tree(c, 1840, 650, 340, "#4a4840", 54)
    else:
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
    # the dusty yard (frosted in winter) and a low wall
    yard = ("#cfcbc0", "#b8b4a8", "#c4c0b6") if winter else ("#cdbfa4", "#b3a488", "#b7a789")
    c.rect(-10, 660, W + 20, 430, yard[0])
    c.rect(-10, 660, W + 20, 10, yard[1])
    c.band(660, 1090, yard[2], 0, 160)
    c.rect(-10, 700, 700, 40, "#bdb1a0" if not winter else "#c8c6be")
    c.rect(-10, 700, 700, 8, "#a69a88")
    k = 84 / 165 / 0.62  # canvas units per cm for a child of about ten
    if winter:  # pupils in padded coats, bent into the cold, hurrying in; a grandmother with the smallest
        for i, (x, col, phase) in enumerate([(1250, "#3a4a6a", 0.9), (1330, "#8a3a3c", -0.6)]):
            hunched = replace(poses.walk(phase), lean=14, bow=12)
            poses.person(c, x, 724 + i * 4, k, hunched, poses.Look(top=col, bottom="#2a2a30"), scale=0.62)
        poses.parent_and_child(
            c, 1430, 740, k * 0.9, poses.Look(top="#4a4a52", hair="#8a8a86"), poses.Look(top="#4a5a4a")
        )
    else:  # two pupils squatting over a game of marbles, a third running up with her satchel
        kids = [poses.Look(top=col, bottom="#2a2f44") for col in ("#2f4f7a", "#9b3d3a", "#e8e4da")]
        poses.person(c, 1232, 724, k, poses.squat(), kids[0], facing=1, scale=0.62)
        poses.person(c, 1300, 726, k, poses.squat(), kids[2], facing=-1, scale=0.62)
        for mx, my in ((1262, 722), (1270, 725), (1251, 726)):
            c.circle(mx, my, 1.6, "#5f86a4")
        runner = replace(poses.walk(1.0), lean=12, prop="shoulder_bag")
        poses.person(c, 1390, 736, k, runner, kids[1], facing=-1, scale=0.62)


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
        c.poly(
            [
                (x, y),
                (1940, y - (1 - t) * 140),
                (1940, y - (1 - t) * 140 + 14 + t * 10),
                (x + 8, y + 14 + t * 10),
            ],
            "#a8a493",
        )
        c.line((x, y), (1940, y - (1 - t) * 140), "#6f6d61", 1.5 + t * 2)
    village_cluster(
        c, 1380, 1860, lambda x: 300 + (1940 - x) * 0.16 - 10, 65, "#e6e0d2", "#505559", "#52704f", n=4
    )
    # a moored wooden boat with a curved canopy
    bx, by = 1160, 760
    c.poly([(bx - 260, by - 20), (bx + 240, by - 24), (bx + 200, by + 26), (bx - 210, by + 24)], "#4b3b2e")
    c.poly(
        [(bx - 110, by - 20)]
        + [(bx - 10 + 110 * math.cos(a), by - 20 - 62 * math.sin(a)) for a in np.linspace(math.pi, 0, 14)]
        + [(bx + 100, by - 20)],
        "#3e4a4c",
    )
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
    c.ridge(520, 40, "#8c9470", 73, base=2, shape=lambda u: -80 * u)

    cols = ["#8c9470", "#a09673", "#7d8a62", "#9a8a6a", "#86906a"]
    for i in range(12):
        y0 = 540 + i * 48
        c.poly(
            [
                (-10, y0 + 30 + i * 4),
                (1940, y0 - 60 + i * 8),
                (1940, y0 - 12 + i * 9),
                (-10, y0 + 78 + i * 5),
            ],
            cols[i % len(cols)],
        )
        c.lines([(-10, y0 + 30 + i * 4), (1940, y0 - 60 + i * 8)], "#6d7356", 1.5)
    cypress(c, 1830, 560, 260, "#3f4c3c")
    cypress(c, 1760, 560, 200, "#485544")
    cypress(c, 1150, 520, 160, "#566350")
    # mound graves with stone fronts, and paper streamers on sticks
    for i, (x, y, r) in enumerate([(1320, 590, 80), (1520, 610, 105), (1690, 640, 70)]):
        c.ellipse(x, y, r * 1.3, r * 0.72, "#7c6a52")
        c.ellipse(x - r * 0.2, y - r * 0.18, r * 0.9, r * 0.42, "#8d7a5f")
        c.poly(
            [
                (x - r * 0.35, y + r * 0.55),
                (x - r * 0.3, y - r * 0.12),
                (x + r * 0.3, y - r * 0.12),
                (x + r * 0.35, y + r * 0.55),
            ],
            "#a19c90",
        )
        c.rect(x - r * 0.22, y - r * 0.02, r * 0.44, r * 0.06, "#7f7a70")
        sx = x + r * 0.95
        c.line((sx, y - r * 0.1), (sx, y - r * 0.9), "#6b5a44", 3)
        for k in range(5):
            c.line(
                (sx, y - r * 0.85),
                (sx + 6 + k * 3, y - r * 0.85 + 26 + k * 6),
                ["#f2efe6", "#e8d7c6", "#d14b3c"][k % 3],
                3,
            )
        # incense sticks with a thin curl of smoke
        for k in range(3):
            ix = x - 12 + k * 12
            c.line((ix, y + r * 0.5), (ix, y + r * 0.3), "#9a3b2c", 2)
            c.circle(ix, y + r * 0.3, 2, "#ff8d4a")
        c.lines([(x + 14 * math.sin(k * 0.35 + i), y + r * 0.28 - k * 12) for k in range(22)], "#e9e6df", 1.6)
    c.band(700, 1090, "#77805e", 0, 110)


@backdrop
def bd_path_home(c: Canvas) -> None:
    """Late afternoon in spring or autumn: wheat and fallow strips, the sun low on the right."""
    path_home(c, winter=False)


@backdrop
def bd_path_home_winter(c: Canvas) -> None:
    """The same path at New Year, in February: an overcast sky, bare trees, frost on the fallow
    strips, green winter wheat, smoke from the chimneys, the family walking up with their bags."""
    path_home(c, winter=True)


def path_home(c: Canvas, winter: bool) -> None:
    """The path through the fields up to the village, in late light or in winter."""
    if winter:
        c.vgrad([(0, "#9ea4a8"), (0.6, "#c9c8c0"), (1, "#d8d4c8")], h=520)
        c.glow(1500, 300, 500, "#eceae0", 0.3, 1.6)
        ridges = ("#a4a8a4", "#d2d0c6", "#8c948a", "#7a8472")
    else:
        c.vgrad([(0, "#c8c6b8"), (0.6, "#ecd7ad"), (1, "#f4d9a6")], h=520)
        c.glow(1560, 380, 600, "#fff0c8", 0.55, 1.6)
        c.circle(1560, 380, 40, "#fff3d4")
        ridges = ("#c1b59e", "#f0dcb4", "#a0a07f", "#87916a")
    c.ridge(420, 70, ridges[0], 81, base=3)
    c.band(400, 520, ridges[1], 0, 160)
    c.ridge(480, 60, ridges[2], 82, base=4)
    top = c.ridge(540, 30, ridges[3], 83, base=3, shape=lambda u: 40 * max(0.0, u - 0.5))
    xs = np.array([p[0] for p in top])
    ys = np.array([p[1] for p in top])
    ground = lambda x: float(np.interp(x, xs, ys)) + 4
    village_cluster(
        c,
        1220,
        1720,
        ground,
        84,
        "#efe3cc" if not winter else "#e2ddd0",
        "#5c5a57",
        "#6a7a50" if not winter else "#5a6650",
        scale=0.8,
        n=5,
    )
    if winter:  # kitchen smoke: someone is cooking for the New Year
        c.begin(90)
        for i in range(8):
            c.circle(1400 + i * 12, ground(1400) - 70 - i * 22, 6 + i * 2.2, "#e8e6e0")
        c.end()
    # fields in strips: wheat green and fallow ochre, or winter wheat and frosted fallow
    if winter:
        cols = ["#7c8a5e", "#a8a08a", "#6f7e54", "#b4ab94", "#84905f"]
    else:
        cols = ["#9aa56b", "#b59f6c", "#8b9a60", "#c2a873", "#a1a96c"]
    for i in range(9):
        y0 = 560 + i * 60 * (1 + i * 0.12)
        c.poly(
            [(-10, y0 + 40), (1940, y0 - 10), (1940, y0 + 70 + i * 14), (-10, y0 + 110 + i * 10)],
            cols[i % len(cols)],
        )
    # the path: a pale band curving from the bottom left up to the village
    path = [(420, 1100), (600, 960), (860, 840), (1060, 740), (1220, 650), (1330, 590), (1380, 560)]
    widths = [180, 150, 110, 80, 50, 30, 18]
    left = [(x - wd / 2, y) for (x, y), wd in zip(path, widths, strict=True)]
    right = [(x + wd / 2, y) for (x, y), wd in zip(path, widths, strict=True)]
    c.poly(left + right[::-1], "#d9c291" if not winter else "#a89a84")
    c.lines(right, "#b39b6c" if not winter else "#857864", 2)
    if winter:  # the family walking up with their bags, bigger, nearer the village
        loaded = replace(poses.walk(0.8), lean=10, prop="shoulder_bag")
        k = 96 / 165
        poses.person(c, 1130, 690, k, loaded, poses.Look(top="#3d4e6b"))
        poses.parent_and_child(
            c, 1212, 670, k * 0.9, poses.Look(top="#7a3f44", long_hair=True), poses.Look(top="#c86a8a")
        )
        bare_tree(c, 1810, 780, 420, "#4a4a40", 85)
        bare_tree(c, 1030, 620, 160, "#6a6a5e", 87, depth=5)
        bamboo(c, 1680, 700, 240, "#5e6a48", 86, lean=0.2)
        c.band(780, 1090, "#5a5c4a", 0, 110)
    else:
        # two walkers carrying bags, small, well up the path
        loaded = replace(poses.walk(0.7), lean=9, prop="shoulder_bag")
        poses.person(c, 1200, 664, 70 / 165, loaded, poses.Look(top="#3d4e6b"))
        poses.person(
            c, 1245, 642, 64 / 165, replace(loaded, legs=poses.walk(-0.6).legs), poses.Look(top="#7a3f44")
        )
        tree(c, 1810, 760, 330, "#6f7a48", 85)
        bamboo(c, 1680, 700, 240, "#70804d", 86, lean=0.2)
        c.band(780, 1090, "#7c7a4e", 0, 110)


@backdrop
def bd_river_boat(c: Canvas) -> None:
    c.vgrad([(0, "#aebfbf"), (1, "#e3e4d6")], h=480)
    # steep rounded hills closing in from both sides, paler with distance
    c.ridge(300, 100, "#a3b4a8", 91, base=3)
    c.band(260, 440, "#e3e5da", 0, 170)
    c.ridge(250, 150, "#86a08c", 92, base=2, shape=lambda u: -900 * max(0.0, u - 0.42) ** 1.5)
    c.ridge(230, 160, "#6f8f77", 93, base=2, shape=lambda u: -900 * max(0.0, 0.55 - u) ** 1.5)
    c.band(380, 500, "#e3e5da", 0, 120)
    c.vgrad([(0, "#aac3b6"), (0.5, "#6f988a"), (1, "#4a7263")], y=470, h=620)
    # reflections of the hills, and light on the water
    c.begin(70)
    c.poly([(-10, 470), (780, 470), (560, 560), (-10, 600)], "#86a08c")
    c.poly([(1940, 470), (1060, 470), (1300, 540), (1940, 620)], "#6f8f77")
    c.end()
    rng = np.random.default_rng(95)
    for _ in range(50):
        y = 480 + (rng.random()) ** 1.5 * 600
        x = rng.uniform(-100, 1800)
        c.line((x, y), (x + rng.uniform(40, 220) * (0.4 + y / 900), y), "#9ebfb2", 1.5 + y / 600)
    # the ferry: white hull, blue canopy, a wake spreading behind
    bx, by = 1620, 600  # right of the text panel
    for k in range(6):
        c.lines(
            [(bx - 130 - k * 60, by + 8 + k * 4), (bx - 160 - k * 100, by + 22 + k * 18)],
            "#c5dad0",
            3 - k * 0.3,
        )
        c.lines(
            [(bx - 130 - k * 60, by - 2 - k * 2), (bx - 170 - k * 100, by - 10 - k * 8)],
            "#b4cfc4",
            2.5 - k * 0.3,
        )
    c.poly([(bx - 150, by - 16), (bx + 170, by - 20), (bx + 120, by + 20), (bx - 130, by + 18)], "#e8e6de")
    c.rect(bx - 150, by - 6, 300, 8, "#38607a")
    c.poly([(bx - 110, by - 18), (bx - 100, by - 90), (bx + 110, by - 92), (bx + 116, by - 20)], "#d8d4c8")
    c.rect(bx - 118, by - 100, 240, 14, "#3f6c85")
    for k in range(6):
        c.rect(bx - 90 + k * 34, by - 78, 22, 30, "#4c5860")
    c.line((bx + 130, by - 92), (bx + 130, by - 150), "#6a6a6a", 3)
    c.poly([(bx + 132, by - 150), (bx + 176, by - 140), (bx + 132, by - 130)], "#c4372e")
    c.begin(60)
    c.poly([(bx - 150, by + 20), (bx + 120, by + 22), (bx + 100, by + 60), (bx - 120, by + 56)], "#2f5548")
    c.end()
    c.band(900, 1090, "#3d6256", 0, 110)


@backdrop
def bd_mountain_bus(c: Canvas) -> None:
    c.vgrad([(0, "#a7bac3"), (1, "#e0e2d8")], h=520)
    # far ranges on the left, fading into the valley haze
    c.ridge(330, 80, "#a9b8b2", 101, base=3)
    c.band(300, 460, "#e2e5dc", 0, 150)
    c.ridge(420, 70, "#93a89a", 105, base=4, shape=lambda u: -600 * max(0.0, u - 0.5))
    c.band(400, 1090, "#e2e5dc", 0, 150)
    # the big mountain: a steep face rising to the right
    face = lambda u: 820 * (u - 0.3) if u > 0.3 else -400 * (0.3 - u)
    c.ridge(760, 50, "#6e8f6a", 102, base=5, shape=lambda u: face(u) - 140 * max(0.0, u - 0.85))
    rng = np.random.default_rng(104)
    for k in range(30):  # faint terrace lines across the face
        y = 300 + k * 26
        x0 = -10 + (0.3 + (760 - y) / 820) * 1950 + 60
        if x0 < 1900:
            c.lines([(x0, y + 10), (1940, y - 30 + 10 * math.sin(k))], "#67865f", 1.5)
    # switchbacks: each leg a little shorter and thinner as it climbs
    legs = [
        (760, 960, 1880, 900, 40),
        (1860, 800, 1020, 740, 33),
        (1060, 650, 1800, 600, 27),
        (1780, 520, 1230, 480, 22),
        (1260, 410, 1720, 380, 17),
        (1700, 320, 1400, 300, 13),
    ]
    road = "#d7ccb2"
    edge = "#857a62"
    for i, (x0, y0, x1, y1, w) in enumerate(legs):
        c.thick([(x0, y0), (x1, y1)], road, w)
        c.line((x0, y0 + w / 2), (x1, y1 + w / 2), edge, 2.5)
        if i + 1 < len(legs):
            nx, ny = legs[i + 1][0], legs[i + 1][1]
            cx, cy = (x1 + nx) / 2, (y1 + ny) / 2
            r = abs(y1 - ny) / 2
            side = 1 if x1 > x0 else -1
            arc = [
                (cx + side * r * 0.9 * math.sin(a), cy + r * math.cos(a)) for a in np.linspace(0, math.pi, 12)
            ]
            c.thick(arc, road, (w + legs[i + 1][4]) / 2)
    for _ in range(70):  # trees and shrubs on the face
        x, y = rng.uniform(900, 1940), rng.uniform(260, 1000)
        if y > 760 - 820 * ((x + 10) / 1950 - 0.3):
            c.circle(x, y, rng.uniform(7, 16) * (0.6 + y / 1000), "#55744f")
    # the bus on the upper bend
    bx, by = 1560, 612
    c.poly([(bx - 74, by), (bx + 74, by - 8), (bx + 72, by - 60), (bx - 70, by - 54)], "#e9e5da")
    c.poly([(bx - 74, by - 16), (bx + 74, by - 24), (bx + 74, by - 17), (bx - 74, by - 9)], "#2f6fa0")
    for k in range(5):
        x = bx - 60 + k * 25
        c.poly([(x, by - 48 - k * 0.4), (x + 19, by - 49), (x + 19, by - 33), (x, by - 32)], "#3b4b57")
    c.circle(bx - 42, by + 2, 10, "#2a2a2a")
    c.circle(bx + 42, by - 4, 10, "#2a2a2a")
    c.poly([(bx - 64, by - 56), (bx + 52, by - 62), (bx + 34, by - 78), (bx - 52, by - 72)], "#6b5346")
    stripe_bag(c, bx - 40, by - 92, 40, 20)
    # valley mist lower left, and the quiet foreground
    c.glow(300, 1000, 900, "#dfe3da", 0.85, 1.2)
    c.band(620, 1090, "#dfe3da", 0, 90)
    c.band(900, 1090, "#55704f", 0, 60)


class Persp:
    """A one-point perspective: world (X right, Y down from the eye, Z depth) to canvas."""

    def __init__(self, vx, vy, f=900.0):
        self.vx, self.vy, self.f = vx, vy, f

    def __call__(self, X, Y, Z):
        return (self.vx + self.f * X / Z, self.vy + self.f * Y / Z)

    def k(self, Z):
        return self.f / Z


def stripe_bag(c: Canvas, x, y, w, h, haze=None, t=0.0) -> None:
    """The red-white-blue woven bag every traveller carries."""
    cols = ["#c23b33", "#ece8df", "#2f5d9a", "#ece8df"]
    if haze is not None:
        cols = [mix(k, haze, t) for k in cols]
    c.rect(x, y, w, h, cols[0])
    n = 6
    for i in range(n):
        c.rect(x + w * i / n, y, w / n * 0.35, h, cols[(i % 3) + 1])
    c.rect(x, y + h * 0.45, w, h * 0.1, cols[2])


@backdrop
def bd_grandparents_kitchen(c: Canvas) -> None:
    """A dark farmhouse kitchen by day: earth wall, a brick stove, a small bright window."""
    kitchen(c, night=False)


@backdrop
def bd_grandparents_kitchen_night(c: Canvas) -> None:
    """The same kitchen at night: the window dark blue, a bare bulb on its flex, the fire."""
    kitchen(c, night=True)


def kitchen(c: Canvas, night: bool) -> None:
    """The grandparents' kitchen; at night the light comes from the bulb and the stove."""
    if night:
        c.vgrad([(0, "#1a1412"), (0.5, "#35291f"), (1, "#3e3026")], h=780)
        c.vgrad([(0, "#2a211b"), (1, "#140f0c")], y=780, h=300)
    else:
        c.vgrad([(0, "#2c231e"), (0.5, "#4f3f33"), (1, "#5a483a")], h=780)
        c.vgrad([(0, "#3a2e26"), (1, "#231b17")], y=780, h=300)
    c.rect(-10, 772, W + 20, 10, "#2a201a")
    # the window (upper right): hills in morning haze, or the night, through a wooden lattice
    # the stove, kettle and wok stand right of the text panel; the window is left of them
    dx = 330
    wx, wy, ww, wh = 990, 170, 300, 240
    if night:
        c.vgrad([(0, "#0e1428"), (1, "#2a3658")], x=wx, y=wy, w=ww, h=wh)
        for sx, sy in ((wx + 40, wy + 30), (wx + 130, wy + 70), (wx + 210, wy + 24), (wx + 260, wy + 95)):
            c.circle(sx, sy, 1.6, "#cfd6ea")
        c.ridge(wy + 150, 30, "#1c2640", 111, x0=wx, x1=wx + ww, bottom=wy + wh, n=40)
        c.ridge(wy + 190, 20, "#141b2e", 112, x0=wx, x1=wx + ww, bottom=wy + wh, n=40)
    else:
        c.vgrad([(0, "#c9d6d2"), (1, "#e9e4d2")], x=wx, y=wy, w=ww, h=wh)
        c.ridge(wy + 150, 30, "#a5b9ac", 111, x0=wx, x1=wx + ww, bottom=wy + wh, n=40)
        c.ridge(wy + 190, 20, "#8ea68f", 112, x0=wx, x1=wx + ww, bottom=wy + wh, n=40)
    for k in range(1, 4):
        c.line((wx + ww * k / 4, wy), (wx + ww * k / 4, wy + wh), "#3b2d22", 8)
    c.line((wx, wy + wh / 2), (wx + ww, wy + wh / 2), "#3b2d22", 8)
    c.rect(wx - 16, wy - 16, ww + 32, 16, "#3b2d22")
    c.rect(wx - 16, wy + wh, ww + 32, 20, "#3b2d22")
    c.rect(wx - 16, wy, 16, wh, "#3b2d22")
    c.rect(wx + ww, wy, 16, wh, "#3b2d22")
    if not night:  # a shaft of light falling from the window across the stove
        c.begin(46)
        c.poly([(wx, wy + 30), (wx + ww, wy), (wx + ww + 440, 1000), (wx + 100, 1000)], "#f3e3c0")
        c.end()
        c.glow(wx + ww / 2, wy + wh / 2, 380, "#f0e2c2", 0.35)
    # the beam with cured meat and chillies for New Year
    c.rect(-10, 60, W + 20, 36, "#2a1f18")
    for i, x in enumerate([980 + dx, 1040 + dx, 1110 + dx, 1190 + dx, 1250 + dx]):
        L = 120 + (i * 37) % 60
        c.line((x, 96), (x, 120), "#8c7a5a", 2)
        c.poly(
            [(x - 14, 120), (x + 14, 120), (x + 12, 120 + L), (x - 10, 120 + L - 8)],
            "#6e2f22" if i % 2 else "#5a261c",
        )
        c.rect(x - 12, 120 + L * 0.3, 24, 8, "#b98d6a")
    for k in range(9):
        c.ellipse(1340 + dx, 120 + k * 22, 9, 14, "#b8322a")
    c.line((1340 + dx, 96), (1340 + dx, 120), "#8c7a5a", 2)
    # the chimney stack and the stove
    c.rect(1180 + dx, 96, 110, 420, "#6a4a3a")
    for r in range(0, 420, 34):
        c.line((1180 + dx, 96 + r), (1290 + dx, 96 + r), "#5a3e31", 2)
    sx0, sx1, stop, sbot = 1000 + dx, 1560 + dx, 610, 800
    c.rect(sx0, stop, sx1 - sx0, sbot - stop, "#8b6a55")
    for r in range(stop + 30, sbot, 30):
        c.line((sx0, r), (sx1, r), "#76584a", 2)
    c.poly([(sx0 - 20, stop), (sx1 + 20, stop), (sx1, stop + 26), (sx0, stop + 26)], "#a5836a")
    c.rect(sx0 - 20, stop - 8, sx1 - sx0 + 40, 10, "#b1927a")
    # the fire's mouth, glowing low in the stove front
    c.ellipse(1130 + dx, 745, 56, 40, "#2a1a12")
    c.ellipse(1130 + dx, 755, 40, 24, "#e0803a")
    c.glow(1130 + dx, 750, 200, "#ff9a4a", 0.45, 1.6)
    # the big wok under its wooden lid, and the kettle on the second hole
    c.ellipse(1430 + dx, stop - 2, 110, 22, "#1f1b19")
    c.poly(
        [(1330 + dx, stop - 6)]
        + [(1430 + dx + 100 * math.cos(a), stop - 6 - 60 * math.sin(a)) for a in np.linspace(math.pi, 0, 16)]
        + [(1530 + dx, stop - 6)],
        "#8a6a48",
    )
    c.rect(1410 + dx, stop - 80, 40, 14, "#5a4330")
    kx, ky = 1230 + dx, 596
    c.poly([(kx - 46, ky + 8), (kx - 40, ky - 30), (kx + 40, ky - 30), (kx + 46, ky + 8)], "#3d3d3e")
    c.ellipse(kx, ky - 32, 40, 12, "#4b4b4d")
    c.circle(kx, ky - 44, 7, "#2a2a2a")
    c.poly([(kx + 40, ky - 6), (kx + 78, ky - 40), (kx + 84, ky - 34), (kx + 44, ky + 4)], "#3d3d3e")
    c.lines([(kx - 32, ky - 34), (kx, ky - 74), (kx + 32, ky - 34)], "#2a2a2a", 3)
    # a shelf of bowls, a water jar, a low stool: quiet, in the shadow
    c.rect(120, 300, 360, 12, "#3b2d22")
    for k in range(6):
        c.ellipse(160 + k * 56, 290, 24, 11, "#d8d2c4" if k % 2 else "#c4cbd0")
    c.ellipse(640, 760, 90, 40, "#3a3029")
    c.poly([(560, 700), (720, 700), (700, 800), (580, 800)], "#4c3d32")
    c.ellipse(640, 700, 80, 16, "#2a221d")
    c.rect(800, 790, 120, 16, "#5b4634")
    c.rect(810, 806, 12, 40, "#4a382a")
    c.rect(898, 806, 12, 40, "#4a382a")
    if night:  # the bare bulb on its flex from the beam, its warm light on the wall and stove
        bx, by = 1480, 420
        c.line((bx, 96), (bx, by - 18), "#1a1410", 3)
        c.glow(bx, by + 100, 560, "#ffb86a", 0.16, 1.4)
        c.glow(bx, by, 200, "#ffd89a", 0.45, add=True)
        c.rect(bx - 9, by - 22, 18, 12, "#3a3430")
        c.ellipse(bx, by, 16, 20, "#fff2c8")
        c.glow(1130 + dx, 750, 300, "#ff8a3a", 0.22, 1.4)
    c.band(800, 1090, "#150f0c", 0, 140)


@backdrop
def bd_train_window(c: Canvas) -> None:
    # outside first: a misty morning in the mountains, terraces on the slopes
    wx0, wy0, wx1, wy1 = 576, 151, 1651, 756
    c.vgrad([(0, "#b9c8cc"), (1, "#e8e6da")], h=760)
    c.ridge(330, 90, "#a5b6b0", 181, base=3)
    c.band(300, 440, "#e6e6dc", 0, 160)
    c.ridge(430, 90, "#87a08e", 182, base=3)
    terraces(c, 900, 1700, 440, 560, 4, 183, "#c8d8d0", "#6f8f6c", "#86a47a", curve=16)
    c.band(440, 580, "#e6e6dc", 0, 130)
    c.ridge(600, 60, "#5f7d60", 184, base=4)
    c.rect(0, 640, W, 140, "#51695a")
    # the carriage wall around the window
    wall = "#7e9284"
    c.rect(0, 0, W, wy0, wall)
    c.rect(0, 0, wx0, H, wall)
    c.rect(wx1, 0, W - wx1, H, wall)
    c.rect(0, wy1, W, H - wy1, wall)
    c.vgrad([(0, "#8ea193"), (1, "#6a7d70")], y=wy1, h=H - wy1)
    c.vgrad([(0, "#6c7f72"), (1, "#8ea193")], h=wy0)
    # window frame, the sash bar, a bunched curtain
    c.rect(wx0 - 22, wy0 - 22, wx1 - wx0 + 44, 22, "#c9c8bc")
    c.rect(wx0 - 22, wy1, wx1 - wx0 + 44, 26, "#c9c8bc")
    c.rect(wx0 - 22, wy0, 22, wy1 - wy0, "#c9c8bc")
    c.rect(wx1, wy0, 22, wy1 - wy0, "#c9c8bc")
    c.rect(wx0, (wy0 + wy1) / 2 - 8, wx1 - wx0, 16, "#b8b7aa")
    c.begin(40)
    c.rect(wx0, wy0, wx1 - wx0, (wy1 - wy0) / 2 - 8, "#dfe8ea")
    c.end()
    for k in range(7):
        c.poly(
            [
                (wx0 - 40 + k * 20, wy0 - 30),
                (wx0 - 26 + k * 20, wy0 - 30),
                (wx0 - 10 + k * 18 + (k % 2) * 8, wy1 + 10),
                (wx0 - 28 + k * 18, wy1 + 10),
            ],
            "#a64a42" if k % 2 else "#8e3c36",
        )
    c.rect(wx0 - 60, wy0 - 44, wx1 - wx0 + 120, 12, "#4a4f4a")
    # the little table: tea in a glass, a cup of noodles, two mandarins
    ty = 800
    c.poly([(wx0 + 200, ty), (wx1 + 40, ty), (wx1 + 90, ty + 70), (wx0 + 150, ty + 70)], "#d9d5c6")
    c.rect(wx0 + 150, ty + 70, wx1 - wx0 - 20, 16, "#a9a596")
    gx = 1380
    c.poly([(gx - 26, ty - 110), (gx + 26, ty - 110), (gx + 22, ty + 20), (gx - 22, ty + 20)], "#cfe0d8")
    c.poly([(gx - 24, ty - 60), (gx + 24, ty - 60), (gx + 22, ty + 20), (gx - 22, ty + 20)], "#b7b46a")
    c.rect(gx - 28, ty - 124, 56, 16, "#5a6a8a")
    for k in range(4):
        c.ellipse(gx - 10 + k * 6, ty - 30 + k * 10, 8, 3, "#6a7a3a")
    nx = 1530
    c.poly([(nx - 50, ty - 100), (nx + 50, ty - 100), (nx + 40, ty + 20), (nx - 40, ty + 20)], "#e8e0cc")
    c.rect(nx - 44, ty - 70, 88, 36, "#c8402e")
    c.ellipse(nx, ty - 100, 50, 10, "#f2ede2")
    c.circle(1230, ty + 6, 26, "#e88a2a")
    c.circle(1282, ty + 12, 24, "#ef9a36")
    c.circle(1236, ty - 16, 4, "#4a6a2a")
    c.band(850, 1090, "#3f4d44", 0, 110)


@backdrop
def bd_shenzhen_night(c: Canvas) -> None:
    rng = np.random.default_rng(191)
    c.vgrad([(0, "#0b0b24"), (0.55, "#261a48"), (0.85, "#6a2c5e"), (1, "#b0506a")], h=760)
    # far towers in the glow
    for i in range(16):
        x = i * 125 + rng.uniform(-30, 30)
        top = rng.uniform(260, 560)
        c.rect(x, top, rng.uniform(60, 120), 760 - top, "#3a2a5a")
    c.band(500, 780, "#8a3a6a", 0, 120)
    # the big towers on the right, with window grids and crown lights
    towers = [
        (1000, 180, 170, "#1c1d3a"),
        (1190, 60, 210, "#16183a"),
        (1420, 140, 180, "#1d1a36"),
        (1620, 20, 230, "#13142e"),
        (820, 320, 150, "#1f1e3c"),
    ]
    for x, top, w, col in towers:
        c.rect(x, top, w, 800 - top, col)
        c.poly([(x, top), (x + w / 2, top - 50), (x + w, top)], col) if w > 200 else None
        for r in range(int((800 - top) / 26)):
            for k in range(int(w / 22)):
                if rng.random() < 0.32:
                    c.rect(
                        x + 8 + k * 22,
                        top + 14 + r * 26,
                        12,
                        10,
                        rng.choice(["#f0c878", "#cfe6f0", "#9fd8f0", "#f6e0b0"]),
                    )
        edge = rng.choice(["#ff4fa8", "#38e0f0", "#f0f0ff"])
        c.line((x, top), (x, 800), edge, 3)
        c.glow(x, top + 20, 120, edge, 0.35)
    # a big screen and neon signs lower down
    c.rect(1240, 520, 300, 170, "#2c7ad0")
    c.rect(1240, 600, 300, 90, "#d04a9a")
    c.glow(1390, 600, 400, "#7a6ae0", 0.3)
    for _i, (x, y, w, col) in enumerate(
        [
            (860, 700, 220, "#ff4fa8"),
            (1110, 730, 160, "#38e0f0"),
            (1560, 700, 260, "#f6d04a"),
            (1800, 720, 140, "#ff5a4a"),
        ]
    ):
        c.rect(x, y, w, 44, col)
        c.glow(x + w / 2, y + 22, w, col, 0.45)
        for k in range(int((w - 30) / 36)):
            c.rect(x + 18 + k * 36, y + 10, 22, 24, mix(col, "#ffffff", 0.6))
    # the wet street, its reflections, and the quiet dark foreground
    c.vgrad([(0, "#241a36"), (1, "#0b0b18")], y=800, h=290)
    for x, col in (
        (970, "#ff4fa8"),
        (1190, "#38e0f0"),
        (1390, "#7a6ae0"),
        (1690, "#f6d04a"),
        (1870, "#ff5a4a"),
    ):
        c.begin(80)
        for k in range(5):
            c.rect(x - 50 + k * 24, 806 + k * 3, 10, 200 - k * 20, col)
        c.end()
    c.band(880, 1090, "#07070f", 0, 170)


PORTRAITS: dict = {}
# Expressions drawn for every portrait besides its plain (calm) one: <name>_<mood>.png.
MOODS = ("sad", "glad", "angry")


# ---------------------------------------------------------------------------
# portraits: 512x640, transparent, a soft disc behind a flat head-and-shoulders
# ---------------------------------------------------------------------------

SKIN = {"young": "#e1b08a", "adult": "#d29d76", "weathered": "#c08a64", "child": "#e8bb96", "old": "#c89876"}


HEAD_K = 1.15  # every head is drawn a little larger than its nominal radii


# the redrawn city backdrops live in their own module
BACKDROPS["factory_floor"] = guangzhou.bd_factory_floor
BACKDROPS["train_interior"] = guangzhou.bd_train_interior
BACKDROPS["guangzhou_station"] = guangzhou.bd_guangzhou_station
BACKDROPS["station_square_sleet"] = guangzhou.bd_station_square_sleet
BACKDROPS["phone_booth"] = city.bd_phone_booth
BACKDROPS["city_street"] = city.bd_city_street
BACKDROPS["dormitory"] = city.bd_dormitory


def portrait(fn):
    PORTRAITS[fn.__name__.removeprefix("pt_")] = fn
    return fn


def backdisc(c: Canvas, color, ring=None) -> None:
    c.circle(256, 300, 236, mix(color, "#ffffff", 0.15))
    c.circle(256, 300, 236 - 10, color)
    if ring:
        c.begin(60)
        c.circle(256, 520, 200, ring)
        c.end()


def body(
    c: Canvas,
    color,
    width=230,
    top=468,
    collar=None,
    collar_color=None,
    inner=None,
    neck_w=44,
    cx=256,
    skin="#d29d76",
    lapels=None,
    zip_line=None,
    scarf=None,
) -> None:
    # neck
    c.rect(cx - neck_w / 2, top - 90, neck_w, 110, mix(skin, "#000000", 0.12))
    # shoulders: a rounded trapezoid down to the bottom
    c.poly(
        [
            (cx - width, 660),
            (cx - width + 20, top + 60),
            (cx - width * 0.55, top),
            (cx + width * 0.55, top),
            (cx + width - 20, top + 60),
            (cx + width, 660),
        ],
        color,
    )
    c.circle(cx - width * 0.55, top + 60, 60, color)
    c.circle(cx + width * 0.55, top + 60, 60, color)
    if inner:
        c.poly([(cx - 44, top - 4), (cx + 44, top - 4), (cx, top + 90)], inner)
    if collar == "shirt":
        cc = collar_color or "#eeeae0"
        c.poly([(cx - 46, top - 16), (cx - 6, top + 40), (cx - 60, top + 30)], cc)
        c.poly([(cx + 46, top - 16), (cx + 6, top + 40), (cx + 60, top + 30)], cc)
    elif collar == "round":
        c.ellipse(cx, top + 2, 54, 20, collar_color or mix(color, "#000000", 0.2))
        c.ellipse(cx, top - 4, 40, 14, mix(skin, "#000000", 0.12))
    elif collar == "mandarin":
        c.rect(cx - 40, top - 22, 80, 26, collar_color or mix(color, "#000000", 0.15))
        for k in range(3):
            c.circle(cx, top + 30 + k * 44, 5, mix(color, "#000000", 0.35))
    elif collar == "side":  # the side-fastening jacket of older women
        cc = collar_color or mix(color, "#000000", 0.2)
        c.rect(cx - 40, top - 20, 80, 24, cc)
        c.lines([(cx - 10, top + 4), (cx + 60, top + 40), (cx + 110, top + 60)], cc, 6)
        for k in range(3):
            c.circle(cx + 40 + k * 30, top + 30 + k * 12, 5, "#d8cfb8")
    elif collar == "hood":
        cc = collar_color or mix(color, "#ffffff", 0.15)
        c.poly([(cx - 120, top + 10), (cx - 70, top - 30), (cx - 20, top + 40)], cc)
        c.poly([(cx + 120, top + 10), (cx + 70, top - 30), (cx + 20, top + 40)], cc)
    if lapels:
        c.poly([(cx - 46, top - 8), (cx - 8, top + 120), (cx - 90, top + 40)], lapels)
        c.poly([(cx + 46, top - 8), (cx + 8, top + 120), (cx + 90, top + 40)], lapels)
    if zip_line:
        c.line((cx, top + 40), (cx, 660), zip_line, 3)
    if scarf:  # the Young Pioneers' red scarf
        c.poly([(cx - 60, top - 6), (cx + 60, top - 6), (cx + 8, top + 40), (cx - 8, top + 40)], scarf)
        c.poly([(cx - 6, top + 30), (cx - 40, top + 130), (cx - 14, top + 134), (cx + 2, top + 40)], scarf)
        c.poly(
            [(cx + 6, top + 30), (cx + 34, top + 120), (cx + 10, top + 124), (cx - 2, top + 40)],
            mix(scarf, "#000000", 0.15),
        )


def head(
    c: Canvas,
    skin,
    cx=256,
    cy=300,
    rx=86,
    ry=108,
    age=0.0,
    mood="calm",
    blush=False,
    eyes_y=None,
    brows="#2a211c",
    lean=0.0,
) -> None:
    """A simple face: crescent shading, small dark eyes, a short mouth, lines with age.

    ``mood``: calm, glad (crescent eyes, a smile), sad (brows up in the middle, eyes down, the
    mouth's corners down), angry (brows drawn down and in, narrowed eyes, a tight mouth), and
    sleep (closed eyes); the older names smile, worry, stern and down still work."""
    mood = {"smile": "glad", "worry": "sad", "stern": "angry", "down": "sad"}.get(mood, mood)
    rx, ry = rx * HEAD_K, ry * HEAD_K
    shade = mix(skin, "#6a3a2a", 0.22)
    ink = "#241c18"
    c.ellipse(cx - rx + 6, cy + 6, 16, 26, shade)  # ears
    c.ellipse(cx + rx - 6, cy + 6, 16, 26, shade)
    c.ellipse(cx, cy, rx, ry, shade)
    c.ellipse(cx - 8, cy - 4, rx - 8, ry - 6, skin)
    ey = cy + (eyes_y if eyes_y is not None else ry * 0.05)
    ex = rx * 0.42
    # Features are drawn bold, as the play screen shows a face about 110 px high (a fifth of this):
    # a line must be 10 units wide to stay two pixels there, and each mood changes brows, eyes
    # and mouth together so that it reads at a glance.
    inner = {"sad": -17, "angry": 15, "glad": -2}.get(mood, 0)  # how far the brows' inner ends drop
    lift = {"sad": 6, "glad": 6, "angry": -4}.get(mood, 0)
    for s in (-1, 1):
        x = cx + s * ex
        if mood == "sleep":
            c.lines([(x - 13, ey), (x, ey + 7), (x + 13, ey)], "#2a211c", 5)
        elif mood == "glad":  # eyes creased upwards by the smile
            c.thick([(x - 13, ey + 4), (x, ey - 7), (x + 13, ey + 4)], ink, 7)
        elif mood == "angry":  # narrowed under a lid that slants down to the nose
            c.ellipse(x, ey + 2, 11, 7, ink)
            c.poly([(x - 16, ey - 9), (x + 16, ey - 9), (x - s * 16, ey + 1), (x + s * 16, ey - 7)], skin)
        elif mood == "sad":  # eyes a little lowered, the upper lids drooping to the outside
            c.ellipse(x, ey + 4, 10, 8, ink)
            c.poly([(x - 16, ey - 8), (x + 16, ey - 8), (x + s * 16, ey + 2), (x - s * 14, ey - 4)], skin)
        else:
            c.ellipse(x, ey, 10, 9, ink)
            c.circle(x + 3, ey - 3, 2.5, "#f4efe6")
        bl = 19 + rx * 0.05
        by = ey - 26 - lift
        outer, inner_x = x + s * bl, x - s * bl * 0.85
        c.thick([(outer, by - inner * 0.35), (inner_x, by + inner)], brows, 9)
        if age > 0.5:
            c.lines([(cx + s * (ex + 20), ey + 2), (cx + s * (ex + 32), ey - 4)], shade, 3)
            c.lines([(cx + s * (ex + 20), ey + 8), (cx + s * (ex + 32), ey + 10)], shade, 3)
    if mood == "angry":  # a crease between the brows
        c.thick([(cx - 4, ey - 34), (cx - 6, ey - 16)], shade, 5)
    if mood == "sad":  # the worried lines the lifted brows draw on the forehead
        c.thick([(cx - 18, ey - 50), (cx, ey - 44), (cx + 18, ey - 50)], shade, 4)
    # nose: a soft shadow on the shaded side
    c.poly([(cx + 4, ey + 10), (cx + 14, ey + 44), (cx - 4, ey + 48)], shade)
    my = ey + 74 * (ry / 108)
    lip = "#7a3a30"
    if mood == "glad":  # an open smile
        c.poly(
            [(cx - 30, my - 6), (cx - 16, my + 10), (cx, my + 14), (cx + 16, my + 10), (cx + 30, my - 6)],
            lip,
        )
        c.poly([(cx - 22, my - 2), (cx + 22, my - 2), (cx + 14, my + 3), (cx - 14, my + 3)], "#f2ebe0")
    elif mood == "sad":
        c.thick([(cx - 24, my + 10), (cx - 10, my + 1), (cx + 10, my + 1), (cx + 24, my + 10)], lip, 7)
    elif mood == "angry":
        c.thick([(cx - 22, my + 6), (cx - 14, my + 1), (cx + 14, my + 1), (cx + 22, my + 6)], lip, 8)
    elif mood == "sleep":
        c.ellipse(cx, my, 8, 4, "#b5655a")
    else:
        c.thick([(cx - 19, my), (cx + 19, my)], lip, 6)
    if blush:
        c.begin(80)
        c.circle(cx - ex - 6, ey + 40, 20, "#e87a6a")
        c.circle(cx + ex + 6, ey + 40, 20, "#e87a6a")
        c.end()
    if age >= 0.6:  # years of long shifts: hollows under the cheekbones, bags under the eyes
        c.begin(90)
        for s in (-1, 1):
            c.ellipse(cx + s * (rx * 0.62), ey + 46, rx * 0.16, 24, shade)
            c.lines(
                [(cx + s * ex - 10, ey + 12), (cx + s * ex, ey + 16), (cx + s * ex + 10, ey + 12)], shade, 3
            )
        c.end()
    if age > 0.4:
        c.lines([(cx - 40, my - 24), (cx - 32, my + 6)], shade, 2)
        c.lines([(cx + 40, my - 24), (cx + 32, my + 6)], shade, 2)
    if age > 0.7:
        for k in range(3):
            c.line(
                (cx - 36 + k * 4, cy - ry * 0.55 + k * 12),
                (cx + 36 - k * 4, cy - ry * 0.55 + k * 12),
                shade,
                2,
            )


def hair_short(c: Canvas, color, cx=256, cy=300, rx=86, ry=108, part=1, grey=None, recede=0.0) -> None:
    rx, ry = rx * HEAD_K, ry * HEAD_K
    top = cy - ry - 8 + recede * 30
    pts = [(cx - rx - 6, cy - 6), (cx - rx - 4, cy - ry * 0.5)]
    pts += [
        (cx + (rx + 6) * math.cos(a), cy - ry * 0.25 - (ry * 0.8 + 4 - recede * 24) * math.sin(a))
        for a in np.linspace(math.pi * 0.97, 0.03, 20)
    ]
    pts += [
        (cx + rx + 4, cy - ry * 0.5),
        (cx + rx + 6, cy - 6),
        (cx + rx - 6, cy - ry * 0.45),
        (cx + part * 20, cy - ry * 0.62 + recede * 20),
        (cx - rx + 8, cy - ry * 0.45),
    ]
    c.poly(pts, color)
    if grey:
        c.begin(150)
        for k in range(9):
            x = cx - rx + 12 + k * rx * 0.21
            c.lines([(x, top + 24 + abs(k - 4) * 6), (x + 8, cy - ry * 0.5)], grey, 3)
        c.poly(
            [
                (cx - rx - 4, cy - 6),
                (cx - rx, cy - ry * 0.5),
                (cx - rx + 12, cy - ry * 0.45),
                (cx - rx + 4, cy - 4),
            ],
            grey,
        )
        c.poly(
            [
                (cx + rx + 4, cy - 6),
                (cx + rx, cy - ry * 0.5),
                (cx + rx - 12, cy - ry * 0.45),
                (cx + rx - 4, cy - 4),
            ],
            grey,
        )
        c.end()


def hair_long_back(c: Canvas, color, cx=256, cy=300, rx=86, ry=108, length=200, width=1.15) -> None:
    rx, ry = rx * HEAD_K, ry * HEAD_K
    c.ellipse(cx, cy - 10, rx * width + 6, ry + 10, color)
    c.poly(
        [
            (cx - rx * width - 4, cy - 10),
            (cx + rx * width + 4, cy - 10),
            (cx + rx * width - 6, cy + length),
            (cx - rx * width + 6, cy + length),
        ],
        color,
    )


def hair_front(c: Canvas, color, cx=256, cy=300, rx=86, ry=108, fringe=0.45, side=0.0, grey=None) -> None:
    """A cap of hair with a fringe; side > 0 sweeps it to the right."""
    rx, ry = rx * HEAD_K, ry * HEAD_K
    pts = [(cx - rx - 8, cy + ry * 0.2)]
    pts += [
        (cx + (rx + 10) * math.cos(a), cy - ry * 0.2 - (ry * 0.85 + 6) * math.sin(a))
        for a in np.linspace(math.pi, 0, 22)
    ]
    pts += [(cx + rx + 8, cy + ry * 0.2), (cx + rx - 8, cy - ry * 0.1)]
    fy = cy - ry * (0.55 - fringe)
    pts += [
        (cx + rx * 0.6, fy - 6),
        (cx + rx * 0.1 + side * 40, fy + 6 * (1 - side)),
        (cx - rx * 0.5, fy - 10 + side * 10),
        (cx - rx + 6, cy - ry * 0.1),
    ]
    c.poly(pts, color)
    if grey:
        c.begin(140)
        for k in range(7):
            x = cx - rx * 0.7 + k * rx * 0.24
            c.lines([(x, cy - ry * 0.95 + abs(k - 3) * 5), (x + 6, fy - 10)], grey, 3)
        c.end()


@portrait
def pt_changhua_young(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#b9c7a8")
    skin = SKIN["young"]
    body(c, "#3f5270", collar="shirt", collar_color="#e8e4d8", inner="#e8e4d8", skin=skin, lapels="#34455e")
    head(c, skin, rx=84, ry=106, mood=mood)
    hair_short(c, "#1e1a18", rx=84, ry=106, part=1)


@portrait
def pt_changhua(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#a9b4bf")
    skin = SKIN["weathered"]
    body(
        c,
        "#56606a",
        collar="shirt",
        collar_color="#a8a49a",
        inner="#7a6a5a",
        skin=skin,
        lapels="#4a525a",
        zip_line=None,
    )
    head(c, skin, rx=78, ry=108, age=0.9, mood=mood)
    hair_short(c, "#2a2624", rx=78, ry=108, part=-1, grey="#b8b4ac", recede=0.55)


@portrait
def pt_suqin_young(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#c9c2a2")
    skin = SKIN["young"]
    hair_long_back(c, "#1c1816", rx=80, ry=102, length=170)
    body(c, "#b84a4a", collar="round", collar_color="#f0e6d6", skin=skin, width=210)
    for k in range(6):
        c.circle(150 + k * 44, 600 - (k % 2) * 30, 6, "#e8c8a0")
    head(c, skin, rx=80, ry=102, mood=mood, blush=True)
    hair_front(c, "#1c1816", rx=80, ry=102, fringe=0.3, side=0.2)


@portrait
def pt_suqin(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#b7aab2")
    skin = SKIN["adult"]
    hair_long_back(c, "#221d1b", rx=80, ry=104, length=110, width=1.05)
    body(c, "#6a3f55", collar="round", collar_color="#d8cfc0", skin=skin, width=214, zip_line="#55304a")
    head(c, skin, rx=78, ry=104, age=0.75, mood=mood)
    hair_front(c, "#221d1b", rx=78, ry=104, fringe=0.05, side=0.6, grey="#a8a298")


@portrait
def pt_qin_baby(c: Canvas, mood: str = "sleep") -> None:
    backdisc(c, "#d4c6a6")
    # the mother's arms in blue sleeves, and a red flowered quilt
    c.ellipse(256, 520, 210, 150, "#b8363a")
    for k, (x, y) in enumerate(
        [(150, 470), (230, 560), (330, 500), (380, 600), (120, 600), (300, 620), (200, 440)]
    ):
        for a in range(5):
            c.circle(
                x + 14 * math.cos(a * 1.256),
                y + 14 * math.sin(a * 1.256),
                8,
                "#f0c05a" if k % 2 else "#f2e6d2",
            )
        c.circle(x, y, 6, "#7a2a2a")
    c.poly([(40, 660), (60, 560), (200, 600), (320, 660)], "#3f5a80")
    c.poly([(472, 660), (450, 540), (330, 590), (210, 660)], "#34506f")
    c.ellipse(256, 316, 134, 144, "#b8363a")  # the hood of the quilt
    skin = SKIN["child"]
    head(c, skin, cy=330, rx=84, ry=88, mood=mood, blush=True, eyes_y=4)
    c.poly([(236, 240), (252, 226), (262, 238), (276, 228), (270, 246)], "#2a2220")


@portrait
def pt_qin_child(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#bcc9b0")
    skin = SKIN["child"]
    for s in (-1, 1):  # two short bunches
        c.ellipse(256 + s * 124, 326, 28, 52, "#1e1a18")
        c.circle(256 + s * 108, 290, 10, "#d8453a")
    body(
        c,
        "#e6e4dc",
        collar="round",
        collar_color="#3f6aa0",
        skin=skin,
        width=170,
        top=484,
        neck_w=36,
        scarf="#d8363a",
    )
    c.rect(86, 560, 40, 100, "#3f6aa0")
    c.rect(386, 560, 40, 100, "#3f6aa0")
    head(c, skin, cy=300, rx=88, ry=100, mood=mood, blush=True)
    hair_front(c, "#1e1a18", cy=300, rx=88, ry=100, fringe=0.55)


@portrait
def pt_qin_teen(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#c7b3bd")
    skin = SKIN["young"]
    hair_long_back(c, "#2a1e1a", rx=80, ry=104, length=220)
    c.poly([(346, 250), (360, 250), (358, 520), (342, 520)], "#7a3a2a")  # a dyed streak
    body(c, "#e2a6b4", collar="hood", collar_color="#f0ddd8", skin=skin, width=206, zip_line="#b8808e")
    c.rect(200, 560, 26, 60, "#f2ece6")
    head(c, skin, rx=80, ry=104, mood=mood)
    hair_front(c, "#2a1e1a", rx=80, ry=104, fringe=0.25, side=1.0)
    c.poly([(306, 196), (340, 202), (350, 344), (330, 344)], "#5a2e22")
    c.circle(166, 352, 6, "#e8e2d0")


@portrait
def pt_yang_child(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#c2ccb0")
    skin = SKIN["child"]
    body(
        c,
        "#4f7a52",
        collar="round",
        collar_color="#e0c060",
        skin=skin,
        width=160,
        top=496,
        neck_w=34,
        zip_line="#3a5e3e",
    )
    head(c, skin, cy=310, rx=92, ry=98, mood=mood, blush=True)
    hair_short(c, "#1a1716", cy=310, rx=92, ry=98, part=0)


@portrait
def pt_yang_boy(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#b4c0c8")
    skin = SKIN["child"]
    body(
        c,
        "#2f5a8f",
        collar="round",
        collar_color="#e8e6de",
        skin=skin,
        width=186,
        top=482,
        neck_w=38,
        scarf="#d8363a",
    )
    c.rect(70, 570, 30, 100, "#e8e6de")
    c.rect(412, 570, 30, 100, "#e8e6de")
    head(c, skin, cy=298, rx=86, ry=102, mood=mood)
    hair_front(c, "#1a1716", cy=298, rx=86, ry=102, fringe=0.45, side=-0.3)


@portrait
def pt_grandma(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#c8bea6")
    skin = SKIN["old"]
    c.circle(256, 168, 48, "#9a948a")  # the bun
    body(c, "#2e3f5c", collar="side", skin=skin, width=200)
    head(c, skin, rx=80, ry=102, age=1.0, mood=mood)
    hair_front(c, "#8e8880", rx=80, ry=102, fringe=-0.05, side=0.0, grey="#c8c4bc")


@portrait
def pt_grandpa(c: Canvas, mood: str = "calm") -> None:
    backdisc(c, "#bfc2a8")
    skin = SKIN["old"]
    body(c, "#3c4a58", collar="mandarin", skin=skin, width=210)
    head(c, skin, rx=80, ry=106, age=1.0, mood=mood)
    hair_short(c, "#bdb8ae", rx=80, ry=106, part=0, recede=0.6)
    # his old blue cap
    c.poly([(256 - 104, 226), (256 - 94, 164), (256 + 94, 164), (256 + 104, 226)], "#35506a")
    c.ellipse(256, 164, 94, 30, "#3d5a76")
    c.poly([(256 - 110, 220), (256 + 110, 220), (256 + 92, 246), (256 - 92, 246)], "#2a4056")


# Window-sized copies that the game loads without scaling (the title: the first frame at start-up).
# Pale, slow skies that quantise into soft contour rings get an ordered dither (in colour levels).
DITHER = {"hillside_grave": 4.0, "terraced_fields": 4.0}

PRESCALED = {"title": [(1280, 720)]}


def prescale(name: str, size: tuple[int, int]) -> int:
    """Writes backdrops/<name>@<w>x<h>.png, `name`.png scaled to `size` (high-quality resampling)."""
    from PIL import Image

    src = ROOT / "backdrops" / f"{name}.png"
    out = src.with_name(f"{name}@{size[0]}x{size[1]}.png")
    with Image.open(src) as img:
        small = img.convert("RGB").resize(size, Image.Resampling.LANCZOS)
    small.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        out, optimize=True
    )
    return out.stat().st_size


def main(argv: list[str]) -> int:
    pygame.init()
    out = ROOT
    if "--out" in argv:  # somewhere else (tests/test_art_rerun.py compares a rerun with assets/)
        at = argv.index("--out")
        out = pathlib.Path(argv[at + 1])
        argv = argv[:at] + argv[at + 2 :]
        for folder in ("backdrops", "portraits"):
            (out / folder).mkdir(parents=True, exist_ok=True)
    names = [a for a in argv if not a.startswith("-")]
    if "--preview" in argv:  # quick look while drawing: no supersampling, written to /tmp
        artkit.S = 1
        out = pathlib.Path("/tmp/art-preview")
    t_all = time.perf_counter()
    total = 0
    for name, fn in BACKDROPS.items():
        if names and name not in names:
            continue
        t0 = time.perf_counter()
        c = Canvas()
        fn(c)
        size = c.save(
            out / "backdrops" / f"{name}.png", seed=sum(map(ord, name)), dither=DITHER.get(name, 0.0)
        )
        total += size
        print(f"backdrops/{name}.png  {size / 1024:6.0f} KB  {time.perf_counter() - t0:5.1f} s")
        for wh in PRESCALED.get(name, []) if out == ROOT else []:
            extra = prescale(name, wh)
            total += extra
            print(f"backdrops/{name}@{wh[0]}x{wh[1]}.png  {extra / 1024:6.0f} KB")
    for name, fn in PORTRAITS.items():
        if names and name not in names:
            continue
        for mood in ("", *MOODS):  # the plain portrait (calm) and one file for each expression
            t0 = time.perf_counter()
            c = Canvas(512, 640, alpha=True)
            fn(c, mood) if mood else fn(c)
            file = f"{name}_{mood}.png" if mood else f"{name}.png"
            size = c.save(out / "portraits" / file, grain=0, vignette=0, seed=sum(map(ord, name)))
            total += size
            print(f"portraits/{file}  {size / 1024:6.0f} KB  {time.perf_counter() - t0:5.1f} s")
    print(f"total {total / 1024:.0f} KB in {time.perf_counter() - t_all:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
