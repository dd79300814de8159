"""People for the backdrops: seated workers and passengers seen from the front, travellers seen
from behind, and crowds of them, all faceless (hair, skin, clothes, bags, umbrellas).

Sizes are in centimetres times ``k`` (canvas units per centimetre at the figure's depth), so the
same function draws the near worker and the hundredth head in the crowd. ``haze`` (a colour) and
``t`` (0..1) fade a far figure towards the air between it and us.
"""

from __future__ import annotations

import math

import numpy as np
from artkit import Canvas, Col, mix

SKINS = ["#d9a27e", "#c98f6a", "#e0b08c", "#b97f5c", "#d49a74"]
HAIRS = ["#1c1a1a", "#241f1d", "#2b2320", "#161516"]


class Persp:
    """A one-point perspective: world (X right, Y down from the eye, Z depth, in cm) to canvas."""

    def __init__(self, vx: float, vy: float, f: float = 900.0) -> None:
        self.vx, self.vy, self.f = vx, vy, f

    def __call__(self, X: float, Y: float, Z: float) -> tuple[float, float]:
        return (self.vx + self.f * X / Z, self.vy + self.f * Y / Z)

    def k(self, Z: float) -> float:
        """Canvas units per centimetre at depth Z."""
        return self.f / Z


def _fade(color, haze, t: float) -> Col:
    return mix(color, haze, t) if haze is not None else mix(color, color, 0)


def head_front(c: Canvas, x, y, k, skin, hair, style="short", bow=0.0, tilt=0.0, haze=None, t=0.0) -> None:
    """A head seen from the front, centre (x, y): a face without features, hair over it.

    ``bow`` 0..1 bends the head down (more hair, less face); ``tilt`` leans it sideways (cm)."""
    sk, hr = _fade(skin, haze, t), _fade(hair, haze, t)
    rx, ry = 8.0 * k, 10.5 * k
    x += tilt * k
    if style == "long":  # hair falling to the shoulders on either side of the face
        for side in (-1, 1):
            c.ellipse(x + side * rx * 0.85, y + ry * 0.55, rx * 0.5, ry * 1.0, hr)
    c.ellipse(x, y, rx, ry, sk)
    if rx > 3:  # the shaded side of the face gives it volume
        c.ellipse(x + rx * 0.35, y + ry * 0.1, rx * 0.7, ry * 0.85, mix(sk, (90, 60, 50), 0.16))
        c.ellipse(x - rx * 0.08, y + ry * 0.05, rx * 0.75, ry * 0.88, sk)
    cover = 0.42 + 0.45 * bow  # share of the head's height under hair
    top = y - ry * 1.06
    c.ellipse(x, y - ry * (1 - cover) * 0.55, rx * 1.06, ry * cover + 1.5 * k, hr)
    c.poly(
        [
            (x - rx * 1.06, y - ry * 0.25 + bow * ry * 0.4),
            (x - rx * 0.2, top + ry * (0.55 + 0.6 * bow)),
            (x + rx * 0.5, top + ry * (0.5 + 0.6 * bow)),
            (x + rx * 1.06, y - ry * 0.25 + bow * ry * 0.4),
            (x + rx * 1.0, y - ry * 0.7),
            (x - rx * 1.0, y - ry * 0.7),
        ],
        hr,
    )
    if style == "bun":
        c.circle(x + rx * 0.1, top + 1.5 * k, 4.5 * k, hr)
    elif style == "cap":
        c.ellipse(x, top + 3.5 * k, rx * 1.12, 5.5 * k, _fade("#3f5a6e", haze, t))
        c.ellipse(x, top + 7.5 * k, rx * 1.3, 2.2 * k, _fade("#34495a", haze, t))
    elif style == "ponytail":
        c.ellipse(x - rx * 0.95, y + ry * 0.2, 3.2 * k, 7 * k, hr)


def seated_front(
    c: Canvas,
    x,
    y,
    k,
    shirt,
    skin="#d9a27e",
    hair="#1c1a1a",
    style="short",
    arms="work",
    bow=0.0,
    tilt=0.0,
    haze=None,
    t=0.0,
) -> None:
    """A seated person from the front, shoulder line at y, down to the waist.

    ``arms``: "work" (hands forward and down, at a machine or table), "fold" (crossed on the
    chest), "lap" (down at the sides), "hug" (holding a bag on the lap), "phone" (looking at a
    phone held at the chest)."""
    sh, sk = _fade(shirt, haze, t), _fade(skin, haze, t)
    dark = mix(sh, (20, 20, 30), 0.25)
    half = 21 * k
    # the torso: shoulders rounded, a little narrower at the waist
    c.poly(
        [
            (x - half, y + 5 * k),
            (x + half, y + 5 * k),
            (x + half * 0.85, y + 62 * k),
            (x - half * 0.85, y + 62 * k),
        ],
        sh,
    )
    c.circle(x - half + 5 * k, y + 5 * k, 5 * k, sh)
    c.circle(x + half - 5 * k, y + 5 * k, 5 * k, sh)
    c.rect(x - half + 5 * k, y, 2 * half - 10 * k, 6 * k, sh)
    c.rect(x - 4 * k + tilt * k * 0.5, y - 9 * k, 8 * k, 11 * k, mix(sk, (90, 60, 50), 0.2))  # neck
    c.poly([(x - 6 * k, y), (x + 6 * k, y), (x, y + 8 * k)], mix(sk, (90, 60, 50), 0.12))  # collar opening
    if arms == "work":
        for side in (-1, 1):
            c.thick(
                [
                    (x + side * (half - 4 * k), y + 8 * k),
                    (x + side * (half + 1 * k), y + 34 * k),
                    (x + side * 9 * k, y + 52 * k),
                ],
                dark,
                10 * k,
            )
            c.ellipse(x + side * 8 * k, y + 53 * k, 5 * k, 3.5 * k, sk)
    elif arms == "fold":
        for side in (-1, 1):
            c.thick(
                [(x + side * (half - 3 * k), y + 8 * k), (x + side * (half + 1 * k), y + 30 * k)],
                dark,
                10 * k,
            )
        c.thick([(x - half, y + 34 * k), (x + half, y + 30 * k)], dark, 11 * k)
    elif arms == "phone":  # forearms up, both hands round a phone at the chest, its screen lit
        for side in (-1, 1):
            c.thick(
                [
                    (x + side * (half - 3 * k), y + 8 * k),
                    (x + side * (half + 1 * k), y + 36 * k),
                    (x + side * 4 * k, y + 30 * k),
                ],
                dark,
                10 * k,
            )
        c.ellipse(x, y + 30 * k, 8 * k, 4.5 * k, sk)
        c.rect(x - 3.5 * k, y + 21 * k, 7 * k, 10 * k, _fade("#23252c", haze, t))
        c.rect(x - 2.6 * k, y + 22 * k, 5.2 * k, 7 * k, _fade("#cfe8f4", haze, t))
    elif arms == "hug":
        for side in (-1, 1):
            c.thick(
                [
                    (x + side * (half - 3 * k), y + 8 * k),
                    (x + side * (half + 2 * k), y + 34 * k),
                    (x + side * 6 * k, y + 44 * k),
                ],
                dark,
                10 * k,
            )
    else:  # lap
        for side in (-1, 1):
            c.thick(
                [(x + side * (half - 3 * k), y + 8 * k), (x + side * (half + 2 * k), y + 50 * k)],
                dark,
                10 * k,
            )
    head_front(c, x, y - 20 * k + bow * 5 * k, k, skin, hair, style, bow, tilt, haze, t)


def standing_back(
    c: Canvas,
    x,
    y,
    k,
    coat,
    hair="#1c1a1a",
    skin="#c98f6a",
    carry=None,
    hood=False,
    haze=None,
    t=0.0,
    lean=0.0,
    act=None,
) -> None:
    """A standing person seen from behind, shoulder line at y, down to the knees.

    ``carry``: None, "shoulder" (a striped bag on the shoulder), "pack" (a backpack),
    "sack" (a bundle held up on the head), "strap" (a bag on a strap at the hip).
    ``act``: None, "child" (a child riding on the shoulders), "phone" (an arm up, a lit phone
    held high), "turn" (the head turned, a cheek and an ear showing), "bow" (looking down)."""
    co = _fade(coat, haze, t)
    dark = mix(co, (15, 15, 25), 0.3)
    half = 22 * k
    lx = lean * k
    c.poly(
        [
            (x - half, y + 6 * k),
            (x + half, y + 6 * k),
            (x + half * 0.9 + lx, y + 95 * k),
            (x - half * 0.9 + lx, y + 95 * k),
        ],
        co,
    )
    c.circle(x - half + 6 * k, y + 6 * k, 6 * k, co)
    c.circle(x + half - 6 * k, y + 6 * k, 6 * k, co)
    c.rect(x - half + 6 * k, y, 2 * half - 12 * k, 7 * k, co)
    if k * 22 > 6:  # arms at the sides, a seam of shadow
        c.thick([(x - half + 3 * k, y + 10 * k), (x - half - 1 * k + lx, y + 68 * k)], dark, 9 * k)
        c.thick([(x + half - 3 * k, y + 10 * k), (x + half + 1 * k + lx, y + 68 * k)], dark, 9 * k)
    hx, hy = x + lx * 0.3, y - 17 * k
    if act == "phone":  # the right arm up past the head, a phone's lit screen at the top
        c.thick(
            [(x + half - 4 * k, y + 8 * k), (x + half + 4 * k, y - 22 * k), (x + half - 2 * k, y - 48 * k)],
            dark,
            9 * k,
        )
        c.rect(x + half - 6 * k, y - 60 * k, 8 * k, 13 * k, _fade("#23252c", haze, t))
        c.rect(x + half - 5 * k, y - 59 * k, 6 * k, 10 * k, _fade("#d8eef8", haze, t * 0.5))
    if act == "bow":
        hy += 5 * k
    if hood:
        c.ellipse(hx, hy + 2 * k, 11 * k, 13 * k, mix(co, (15, 15, 25), 0.12))
    else:
        c.rect(hx - 4 * k, y - 8 * k, 8 * k, 9 * k, _fade(mix(skin, (60, 40, 30), 0.25), haze, t))
        c.circle(hx - 8.4 * k, hy + 1 * k, 2.4 * k, _fade(skin, haze, t))  # ears
        c.circle(hx + 8.4 * k, hy + 1 * k, 2.4 * k, _fade(skin, haze, t))
        c.ellipse(hx, hy, 8.3 * k, 10.5 * k, _fade(hair, haze, t))
        if act == "turn":  # looking aside: a cheek and the line of the jaw
            side = 1 if lean >= 0 else -1
            c.ellipse(hx + side * 5.5 * k, hy + 3 * k, 3.6 * k, 7 * k, _fade(skin, haze, t))
    if act == "child":  # a child on the shoulders, legs down either side of the head, hands on it
        kid = _fade(["#c0302a", "#d8b26a", "#3d7a9a"][int(x) % 3], haze, t)
        for side in (-1, 1):
            c.thick(
                [(hx + side * 5 * k, hy - 10 * k), (hx + side * 10 * k, hy + 10 * k)],
                _fade("#2a3a5a", haze, t),
                6 * k,
            )
        c.ellipse(hx, hy - 22 * k, 9 * k, 13 * k, kid)
        c.ellipse(hx, hy - 40 * k, 6 * k, 7.5 * k, _fade(hair, haze, t))
        for side in (-1, 1):
            c.thick([(hx + side * 7 * k, hy - 28 * k), (hx + side * 6 * k, hy - 12 * k)], kid, 4.5 * k)
    if carry == "shoulder":
        bag(c, x + half * 0.35, y - 30 * k, 42 * k, 30 * k, haze, t)
    elif carry == "pack":
        c.rect(x - 15 * k, y + 8 * k, 30 * k, 40 * k, _fade("#3a4a5e", haze, t))
        c.rect(x - 15 * k, y + 8 * k, 30 * k, 6 * k, _fade("#2c3848", haze, t))
    elif carry == "sack":  # a cloth bundle over the shoulder, knotted at the top
        c.ellipse(x - half * 0.6, y - 4 * k, 20 * k, 17 * k, _fade("#c8bca0", haze, t))
        c.circle(x - half * 0.6, y - 20 * k, 4 * k, _fade("#a89c80", haze, t))
    elif carry == "strap":
        c.line(
            (x - half * 0.6, y + 4 * k),
            (x + half * 0.9, y + 60 * k),
            _fade("#3a2e28", haze, t),
            max(1, 2.5 * k),
        )
        c.rect(x + half * 0.55, y + 52 * k, 24 * k, 20 * k, _fade("#5a3e30", haze, t))


def bag(c: Canvas, x, y, w, h, haze=None, t=0.0) -> None:
    """The red-white-blue woven nylon bag every traveller carries (centre x, top y)."""
    cols = [_fade(col, haze, t) for col in ("#c23b33", "#ece8df", "#2f5d9a", "#ece8df")]
    x0 = x - w / 2
    c.rect(x0, y, w, h, cols[0])
    n = 5
    for i in range(n):
        c.rect(x0 + w * i / n + w / n * 0.5, y, w / n * 0.28, h, cols[(i % 3) + 1])
    c.rect(x0, y + h * 0.42, w, h * 0.12, cols[2])
    c.rect(x0, y, w, max(1, h * 0.08), mix(cols[0], (0, 0, 0), 0.25))


def umbrella(c: Canvas, x, y, r, color, haze=None, t=0.0) -> None:
    """An open umbrella seen from behind and a little above: a dome with ribs, centre (x, y)."""
    col = _fade(color, haze, t)
    dome = [(x + r * math.cos(a), y - r * 0.55 * math.sin(a)) for a in np.linspace(math.pi, 0, 14)]
    scallop = [(x + r * math.cos(a), y + r * 0.1 * abs(math.sin(a * 4))) for a in np.linspace(0, math.pi, 14)]
    c.poly(dome + scallop, col)
    if r > 6:
        for a in (0.55, 1.2, 1.95, 2.6):
            c.line((x, y - r * 0.55), (x + r * math.cos(a), y), mix(col, (0, 0, 0), 0.22), max(1, r * 0.03))
        c.ellipse(x - r * 0.25, y - r * 0.3, r * 0.35, r * 0.12, mix(col, (255, 255, 255), 0.18))
    c.line((x, y - r * 0.55), (x, y - r * 0.7), col, max(1, r * 0.05))


def crowd_from_behind(
    c: Canvas,
    persp: Persp,
    z_far,
    z_near,
    x_span,
    coats,
    seed,
    haze,
    eye=160.0,
    rain=False,
    carry_share=0.3,
    umbrellas=None,
    umbrella_share=0.0,
    spacing=62.0,
) -> None:
    """A standing crowd from z_far to z_near (cm), every person seen from behind, far first.

    People stand on loose rows ``spacing`` cm apart, jittered, so their heads and shoulders overlap
    as in a packed square; near people get bags, hoods and, in rain, umbrellas."""
    rng = np.random.default_rng(seed)
    carries = ["shoulder", "shoulder", "pack", "sack", "strap"]
    z = z_far
    while z > z_near:
        t = min(1.0, max(0.0, (z - z_near) / (z_far - z_near))) ** 0.7 * 0.85
        width = spacing * (0.9 + 0.2 * rng.random())
        xs = np.arange(x_span[0] * z / 1000, x_span[1] * z / 1000, width)
        for X in xs:
            X += rng.uniform(-0.35, 0.35) * width
            height = rng.uniform(150, 175)
            zz = z + rng.uniform(-0.3, 0.3) * spacing
            kk = persp.k(zz)
            x, y = persp(X, eye - height + 18, zz)
            coat = coats[rng.integers(len(coats))]
            hair = HAIRS[rng.integers(len(HAIRS))]
            carry = carries[rng.integers(len(carries))] if kk > 0.35 and rng.random() < carry_share else None
            # a few do something: a child on the shoulders, a phone held up, a head turned or bowed
            roll = rng.random()
            act = None if kk < 0.3 else "child" if roll < 0.02 else "phone" if roll < 0.04 else None
            act = act or ("turn" if roll > 0.9 else "bow" if roll > 0.8 else None)
            if umbrellas and rng.random() < umbrella_share:
                standing_back(c, x, y, kk, coat, hair, haze=haze, t=t)
                umbrella(
                    c,
                    x + rng.uniform(-6, 6) * kk,
                    y - 42 * kk,
                    rng.uniform(48, 58) * kk,
                    umbrellas[rng.integers(len(umbrellas))],
                    haze,
                    t,
                )
                continue
            standing_back(
                c,
                x,
                y,
                kk,
                coat,
                hair,
                carry=carry,
                hood=rain and rng.random() < 0.5,
                haze=haze,
                t=t,
                lean=rng.uniform(-3, 3),
                act=act,
            )
        z -= spacing * 0.8


def walker(c: Canvas, x, base, h, coat, trousers="#26262e", hair="#1c1a1a", lean=0.0) -> None:
    """A whole standing person seen from behind, feet at base, h tall."""
    k = h / 170
    y = base - 140 * k  # the shoulder line
    for side in (-1, 1):
        c.poly(
            [
                (x + side * 3 * k, y + 88 * k),
                (x + side * 17 * k, y + 88 * k),
                (x + side * 13 * k, base - 3 * k),
                (x + side * 5 * k, base - 3 * k),
            ],
            trousers,
        )
        c.ellipse(x + side * 9 * k, base - 2 * k, 7 * k, 3 * k, "#141416")
    standing_back(c, x, y, k, coat, hair, lean=lean)


def bare_tree(c: Canvas, x, base, h, color, seed, depth=6) -> None:
    """A winter tree without leaves: a trunk forking into thinner and thinner branches."""
    rng = np.random.default_rng(seed)

    def branch(x0, y0, angle, length, width, level) -> None:
        x1 = x0 + length * math.cos(angle)
        y1 = y0 - length * math.sin(angle)
        c.thick([(x0, y0), (x1, y1)], color, max(1.0, width))
        if level == 0:
            return
        for turn in (-1, 1):
            branch(
                x1,
                y1,
                angle + turn * rng.uniform(0.25, 0.6),
                length * rng.uniform(0.62, 0.8),
                width * 0.62,
                level - 1,
            )
        if rng.random() < 0.4:
            branch(x1, y1, angle + rng.uniform(-0.15, 0.15), length * 0.7, width * 0.6, level - 1)

    branch(x, base, math.pi / 2 + rng.uniform(-0.08, 0.08), h * 0.32, h * 0.06, depth)
