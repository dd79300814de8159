"""Backdrops of the city years, redrawn with people who read as people: the jeans factory's
sewing hall, the hard-seat carriage home, and Guangzhou station with its crowd.

Each backdrop keeps its subject in the right third and the upper two-thirds of the picture: the
play screen's text panel covers the left.
"""

from __future__ import annotations

import pathlib
from dataclasses import replace

import artkit
import numpy as np
import pygame
from artkit import Canvas, H, W, mix
from figures import HAIRS, SKINS, Persp, bag, crowd_from_behind, seated_front, standing_back
from poses import Look, neck_height, person, phone, sew, shoulder_bag, sit, squat, stand, walk

DENIM = ["#243e6b", "#2c4a7d", "#1f355c", "#34548a", "#2a4677"]
SHIRTS = ["#d9dfe6", "#c98d9a", "#8fb0c8", "#e8e0cf", "#6d8fa8", "#b0c4a0", "#d8b26a", "#a8849c"]


# ---------------------------------------------------------------------------
# the factory floor
# ---------------------------------------------------------------------------


def sewing_machine(c: Canvas, x, y, k, body, haze=None, t=0.0) -> None:
    """An industrial sewing machine from the front on a table top at y: bed, pillar, arm, head,
    needle, thread spool and a small lamp; (x, y) is under the needle."""
    col = mix(body, haze, t) if haze is not None else body
    shade = mix(col, (40, 40, 40), 0.3)
    c.rect(x - 8 * k, y - 5 * k, 48 * k, 5 * k, shade)  # bed
    c.rect(x + 26 * k, y - 30 * k, 11 * k, 26 * k, col)  # pillar
    c.rect(x - 6 * k, y - 34 * k, 44 * k, 9 * k, col)  # arm
    c.rect(x - 7 * k, y - 34 * k, 10 * k, 22 * k, col)  # head
    c.rect(x - 3 * k, y - 13 * k, 2 * k, 8 * k, shade)  # needle bar
    c.circle(x + 36 * k, y - 26 * k, 5 * k, shade)  # hand wheel
    if k > 0.6:
        c.rect(x + 18 * k, y - 42 * k, 4 * k, 8 * k, mix("#e6e0cc", col, 0.3))  # spool
        c.line((x + 20 * k, y - 42 * k), (x - 2 * k, y - 28 * k), mix("#e6e0cc", col, 0.3), max(1, 0.6 * k))


def jeans_piece(c: Canvas, x, y, k, color, hang=0.0) -> None:
    """A cut denim leg lying on the table under the needle, ``hang`` cm of it over the edge."""
    seam = mix(color, "#d9b070", 0.35)
    c.poly(
        [(x - 14 * k, y - 3 * k), (x + 12 * k, y - 3 * k), (x + 16 * k, y + 2 * k), (x - 20 * k, y + 2 * k)],
        color,
    )
    if hang:  # the rest of the leg falls over the table's edge towards us, its seam showing
        c.poly(
            [
                (x - 22 * k, y + 2 * k),
                (x + 2 * k, y + 2 * k),
                (x + 4 * k, y + hang * k),
                (x - 19 * k, y + hang * 0.9 * k),
            ],
            color,
        )
        c.line((x - 1 * k, y + 2 * k), (x + 1 * k, y + hang * k), seam, max(1, 0.8 * k))


def piece_stack(c: Canvas, x, y, k, n, rng) -> None:
    """Cut denim pieces stacked on the table, a paper bundle ticket on top."""
    for i in range(n):
        col = DENIM[rng.integers(len(DENIM))]
        w = (34 + rng.uniform(-3, 3)) * k
        c.rect(x - w / 2 + rng.uniform(-1, 1) * k, y - (i + 1) * 2.6 * k, w, 2.6 * k, col)
        c.rect(x - w / 2, y - (i + 1) * 2.6 * k, w, 0.6 * k, mix(col, "#ffffff", 0.18))
    c.rect(x - 4 * k, y - n * 2.6 * k - 1.5 * k, 8 * k, 3 * k, "#ece4cc")


def factory_row(c: Canvas, P: Persp, Z, xs, rng, haze) -> None:
    """One row of workers facing us across their tables at depth Z, machines in front of them."""
    k = P.k(Z)
    t = min(0.78, max(0.0, (Z - 260) / 2600))
    top = mix("#9a9184", haze, t)
    edge = mix("#5a564e", haze, t)
    ty = P(0, 85, Z)[1]
    xl, xr = P(min(xs) - 90, 85, Z)[0], P(max(xs) + 90, 85, Z)[0]
    # the workers behind the table, then the table and what is on it
    seated = neck_height(sit())  # an upright sitter's shoulders; a bent one's are lower
    for X in xs:
        x = P(X, 0, Z + 40)[0]
        kk = P.k(Z + 40)
        look = Look(
            top=SHIRTS[rng.integers(len(SHIRTS))],
            bottom=DENIM[rng.integers(len(DENIM))],
            shoes="#4a4440",
            skin=SKINS[rng.integers(len(SKINS))],
            hair=HAIRS[rng.integers(len(HAIRS))],
            extras={"style": ["bun", "ponytail", "short", "bun", "cap"][rng.integers(5)]},
        )
        bent = replace(sew(), lean=rng.uniform(18, 40), bow=rng.uniform(12, 34))
        # seen level (elev=0): her lap is under the table
        person(c, x, P(0, 42, Z + 40)[1] + seated * kk, kk, bent, look, "front", haze=haze, t=t, elev=0)
    c.poly([(xl, ty - 14 * k), (xr, ty - 14 * k), (xr, ty), (xl, ty)], top)
    c.rect(xl, ty, xr - xl, 5 * k, edge)
    c.rect(xl, ty + 5 * k, xr - xl, 28 * k, mix("#3a3834", haze, t))  # the shadow under the top
    for X in xs:
        x = P(X, 0, Z)[0]
        jeans_piece(c, x - 6 * k, ty - 6 * k, k, mix(DENIM[rng.integers(len(DENIM))], haze, t))
        sewing_machine(c, x - 6 * k, ty - 7 * k, k, "#e4e1d6", haze, t)
        if t < 0.3 and rng.random() < 0.7:
            piece_stack(c, x + 44 * k, ty - 8 * k, k, int(rng.integers(3, 9)), rng)
    # the tubes over the row, one to every two machines, each on two wires
    for X in xs[::2]:
        a, b = P(X - 50, -95, Z + 20), P(X + 50, -95, Z + 20)
        for wx in (a[0] + 6 * k, b[0] - 6 * k) if k > 0.5 else ():
            c.line((wx, P(0, -300, Z + 20)[1]), (wx, a[1]), mix("#3c4440", haze, t), max(1, 0.4 * k))
        c.line(a, b, mix("#f6faf0", haze, t * 0.4), max(1.5, 3.4 * k))


def bd_factory_floor(c: Canvas) -> None:
    """Rows of women at sewing machines under tubes, the nearest row big on the right."""
    P = Persp(560, 400, 900)
    haze = (170, 182, 176)
    c.vgrad([(0, "#4c5854"), (1, "#8b968f")], h=400)  # ceiling
    c.vgrad([(0, "#9aa59d"), (1, "#5d6660")], y=400, h=H - 400)  # floor
    # the far wall with high windows and the daylight through them
    z = 3400
    (x0, y0), (x1, y1) = P(-2400, -260, z), P(3600, 160, z)
    c.rect(x0, y0, x1 - x0, y1 - y0, "#b3bdb3")
    for i in range(10):
        ax, ay = P(-2200 + i * 560, -200, z)
        c.rect(ax, ay, 90, 46, "#e2eadf")
        c.glow(ax + 45, ay + 23, 90, "#f0f6ea", 0.35)
    # concrete columns and tubes in rows going back
    for Z in (2400, 1500, 900):
        for X in (-1500, 1300):
            a, b = P(X - 25, -300, Z), P(X + 25, 160, Z)
            c.rect(a[0], a[1], b[0] - a[0], b[1] - a[1], mix("#a7b0a8", haze, min(0.7, Z / 3000)))
    rng = np.random.default_rng(2108)
    for Z in range(3200, 560, -260):
        xs = list(range(-1800, 2400, 120))
        factory_row(c, P, Z, xs, rng, haze)
        if Z < 1600:
            c.band(P(0, -120, Z)[1], P(0, 150, Z)[1], haze, 0, 26)  # blue dust in the light
    # the near row: two women at their machines on the right, the light of their lamps
    factory_row(c, P, 260, [-400, -280, -160, -40, 80, 200, 320], np.random.default_rng(7), haze)
    # scraps of denim and loose threads on the floor in front
    for _ in range(16):
        fx, fy = rng.uniform(0, W), rng.uniform(880, H)
        c.poly(
            [
                (fx, fy),
                (fx + rng.uniform(18, 40), fy + rng.uniform(-4, 4)),
                (fx + rng.uniform(6, 26), fy + rng.uniform(6, 14)),
            ],
            DENIM[rng.integers(len(DENIM))],
        )
    # baskets of finished legs on the floor in front
    for bx in (1300, 1560, 1820):
        c.ellipse(bx, 1040, 120, 26, "#2d2b28")
        c.poly([(bx - 110, 950), (bx + 110, 950), (bx + 96, 1040), (bx - 96, 1040)], "#b0463c")
        for j in range(5):
            c.ellipse(
                bx - 70 + j * 35 + rng.uniform(-8, 8), 948 + rng.uniform(-6, 6), 36, 14, DENIM[j % len(DENIM)]
            )
    # in the aisle in front: a woman carrying a bundle of cut legs to her row, another squatting
    # to count the finished ones into the baskets
    carrier = Look(top="#c98d9a", bottom="#2a3a5a", skin=SKINS[1], extras={"load": "denim"})
    person(c, 930, 1010, 2.3, replace(shoulder_bag(), legs=walk(0.7).legs), carrier, "side", 1)
    counter = Look(top="#8fb0c8", bottom="#34548a", skin=SKINS[0], long_hair=True)
    person(c, 1150, 1048, 2.9, replace(squat(), arms=((50, 112), (44, 100))), counter, "side", 1)
    c.band(900, H + 10, "#3a423e", 0, 120)


# ---------------------------------------------------------------------------
# the hard-seat carriage at night
# ---------------------------------------------------------------------------

SEAT = "#2f5a78"
COVER = "#ece8dc"
PASSENGER = ["#3a3f4a", "#5a4a3e", "#7a2e34", "#2f4a3c", "#8a7a62", "#44506a", "#6a3a5a", "#b8a890"]


def seat_back(c: Canvas, P: Persp, X0, X1, Z, haze, t) -> None:
    """A bench's back seen from behind or in front: blue vinyl, a white cloth over the top."""
    a, b = P(X0, 50, Z), P(X1, 120, Z)
    c.rect(a[0], a[1], b[0] - a[0], b[1] - a[1], mix(SEAT, haze, t))
    k = P.k(Z)
    c.rect(a[0], a[1], b[0] - a[0], 2.5 * k, mix("#4a7696", haze, t))
    n = max(1, round((X1 - X0) / 52))
    for i in range(n):  # one white cover to a seat
        cx = a[0] + (b[0] - a[0]) * (i + 0.5) / n
        c.rect(cx - 16 * k, a[1] - 1 * k, 32 * k, 11 * k, mix(COVER, haze, t))


def seat_front(c: Canvas, P: Persp, X0, X1, Z, rng, haze, t) -> None:
    """The front of a bench facing us, and the laps and legs of the people on it (their bodies
    are drawn by passengers_facing, 38 cm further back); a bag under it."""
    k = P.k(Z)
    a, b = P(X0, 118, Z), P(X1, 165, Z)
    c.rect(a[0], a[1], b[0] - a[0], 8 * k, mix("#3a6888", haze, t))
    c.rect(a[0], a[1] + 8 * k, b[0] - a[0], b[1] - a[1] - 8 * k, mix("#241c1c", haze, t))
    if rng.random() < 0.6:
        bag(c, (a[0] + b[0]) / 2, b[1] - 26 * k, (b[0] - a[0]) * 0.5, 24 * k, haze, t)
    n = round((X1 - X0) / 52)
    for i in range(n):
        X = X0 + (X1 - X0) * (i + 0.5) / n
        trousers = mix(["#2a2c34", "#3a3f52", "#2c3a52", "#4a4036"][rng.integers(4)], haze, t)
        waist_l, waist_r = P(X - 17, 122, Z + 38), P(X + 17, 122, Z + 38)
        knee_l, knee_r = P(X - 19, 114, Z - 4), P(X + 19, 114, Z - 4)
        c.poly([waist_l, waist_r, knee_r, knee_l], trousers)
        for side in (-1, 1):
            top, foot = P(X + side * 10, 112, Z - 6), P(X + side * 11, 162, Z - 10)
            kk = P.k(Z - 6)
            c.poly(
                [
                    (top[0] - 7 * kk, top[1]),
                    (top[0] + 7 * kk, top[1]),
                    (foot[0] + 5.5 * kk, foot[1]),
                    (foot[0] - 5.5 * kk, foot[1]),
                ],
                trousers,
            )
            c.ellipse(foot[0] + side * 2 * kk, foot[1], 7 * kk, 3.5 * kk, mix("#151414", haze, t))


def passengers_facing(c: Canvas, P: Persp, X0, X1, Z, rng, haze, t) -> None:
    """The people on a bench that faces us: some awake, one asleep against the window."""
    n = round((X1 - X0) / 52)
    for i in range(n):
        X = X0 + (X1 - X0) * (i + 0.5) / n + rng.uniform(-4, 4)
        x, y = P(X, 62, Z)
        asleep = rng.random() < 0.35
        window = abs(X1) > abs(X0) and i == n - 1 or abs(X0) > abs(X1) and i == 0
        seated_front(
            c,
            x,
            y,
            P.k(Z),
            PASSENGER[rng.integers(len(PASSENGER))],
            SKINS[rng.integers(len(SKINS))],
            HAIRS[rng.integers(len(HAIRS))],
            ["short", "short", "long", "ponytail", "cap"][rng.integers(5)],
            arms := ["fold", "lap", "hug", "phone", "fold"][rng.integers(5)],
            bow=0.5 if asleep or arms == "phone" else rng.uniform(0.0, 0.25),
            tilt=(6 if X > 0 else -6) if asleep and window else rng.uniform(-1.5, 1.5),
            haze=haze,
            t=t,
        )


def heads_from_behind(c: Canvas, P: Persp, X0, X1, Z, rng, haze, t) -> None:
    """The backs of heads showing over a bench's back (people facing away)."""
    n = round((X1 - X0) / 52)
    for i in range(n):
        if rng.random() < 0.15:
            continue
        X = X0 + (X1 - X0) * (i + 0.5) / n + rng.uniform(-5, 5)
        x, y = P(X, rng.uniform(40, 47), Z)
        k = P.k(Z)
        skin = mix(SKINS[rng.integers(len(SKINS))], haze, t)
        c.circle(x - 8.2 * k, y + 2 * k, 2.3 * k, skin)  # ears
        c.circle(x + 8.2 * k, y + 2 * k, 2.3 * k, skin)
        c.ellipse(x, y, 8.4 * k, 10.5 * k, mix(HAIRS[rng.integers(len(HAIRS))], haze, t))


def rack(c: Canvas, P: Persp, Xw, Xe, Z0, Z1, rng, haze) -> None:
    """The luggage rack along one wall, packed with striped bags and boxes, far to near."""
    step = 45
    z = Z1
    while z > Z0:
        k = P.k(z)
        t = min(0.8, (z - Z0) / 2600)
        kind = rng.random()
        x0, yb = P(min(Xw, Xe), -18, z)
        x1, _ = P(max(Xw, Xe), -18, z)
        h = rng.uniform(24, 38) * k
        if kind < 0.45:
            bag(c, (x0 + x1) / 2, yb - h, (x1 - x0) * rng.uniform(0.7, 0.95), h, mix("#1a1e26", haze, 0.3), t)
        elif kind < 0.75:
            c.rect(x0 + 2 * k, yb - h, (x1 - x0) * 0.8, h, mix("#b89870", haze, t))
            c.rect(x0 + 2 * k, yb - h, (x1 - x0) * 0.8, 2 * k, mix("#8a6e4e", haze, t))
        elif kind < 0.9:
            c.rect(
                x0 + 4 * k,
                yb - h * 0.8,
                (x1 - x0) * 0.7,
                h * 0.8,
                mix(["#6a3a3a", "#3a4a6a", "#3e3e3e"][rng.integers(3)], haze, t),
            )
        z -= step * rng.uniform(0.8, 1.3)
    a0, a1 = P(Xw, -18, Z0), P(Xw, -18, Z1)
    b0, b1 = P(Xe, -18, Z0), P(Xe, -18, Z1)
    c.line(b0, b1, mix("#c8ccc8", haze, 0.2), 3)
    c.line(a0, a1, mix("#c8ccc8", haze, 0.2), 2)


def bd_train_interior(c: Canvas) -> None:
    """Down the aisle of a packed hard-seat carriage at night, the aisle's end on the right."""
    P = Persp(1300, 420, 900)
    haze = (196, 190, 160)  # the warm, smoky light of the lamps
    Zend, Znear = 2300, 70
    L, R, FL, CE = -150, 200, 165, -75  # left and right walls, floor and ceiling (cm from the eye)

    def quad(X0, Y0, X1, Y1, color) -> None:  # a wall, floor or ceiling strip from near to far
        c.poly([P(X0, Y0, Znear), P(X1, Y1, Znear), P(X1, Y1, Zend), P(X0, Y0, Zend)], color)

    quad(L, CE, R, CE, "#cdc6a8")  # ceiling
    quad(L, FL, R, FL, "#5e3e34")  # floor
    quad(L, CE, L, FL, "#c2bc9c")  # left wall
    quad(R, CE, R, FL, "#b6b096")  # right wall
    quad(L, 70, L, FL, "#7f9a86")  # the lower walls, painted green
    quad(R, 70, R, FL, "#73907c")
    # the end wall and its door
    a, b = P(L, CE, Zend), P(R, FL, Zend)
    c.rect(a[0], a[1], b[0] - a[0], b[1] - a[1], "#c2bea6")
    d0, d1 = P(-30, -30, Zend), P(40, FL, Zend)
    c.rect(d0[0], d0[1], d1[0] - d0[0], d1[1] - d0[1], "#8f9a84")
    # windows: the night outside, black-blue, a lamp reflected in each
    bays = list(range(Zend - 170, 60, -170))  # the nearest bay is where we stand
    for X in (L, R):
        for Z in bays:
            w0, w1 = P(X, -5, Z + 20), P(X, 60, Z + 130)
            w2, w3 = P(X, 60, Z + 20), P(X, -5, Z + 130)
            c.poly([w0, w3, w1, w2], "#1b2434")
            c.poly([w0, w3, P(X, 10, Z + 130), P(X, 10, Z + 20)], "#263348")
    # ceiling lamps and fans
    for Z in range(Zend - 100, 150, -240):
        k = P.k(Z)
        for X in (-60, 70):  # a lamp across the ceiling, in its frame
            c.poly(
                [
                    P(X - 40, CE + 1, Z),
                    P(X + 40, CE + 1, Z),
                    P(X + 40, CE + 1, Z + 22),
                    P(X - 40, CE + 1, Z + 22),
                ],
                "#a8a690",
            )
            c.poly(
                [
                    P(X - 36, CE + 1, Z + 4),
                    P(X + 36, CE + 1, Z + 4),
                    P(X + 36, CE + 1, Z + 18),
                    P(X - 36, CE + 1, Z + 18),
                ],
                "#fffbe8",
            )
        c.glow(*P(5, CE + 5, Z + 40), 220 * k, "#fff4d0", 0.25)
    rng = np.random.default_rng(25)
    rack(c, P, R - 45, R, 200, Zend - 50, rng, haze)
    rack(c, P, L, L + 45, 200, Zend - 50, rng, haze)
    # the bays, far to near: who faces us, the table, who sits with their back to us
    for Z in bays:
        t = min(0.75, max(0.0, (Z - 150) / 2600))
        for X0, X1 in ((35, R - 4), (L + 4, -35)):
            seat_back(c, P, X0, X1, Z + 165, haze, t)
            passengers_facing(c, P, X0, X1, Z + 150, rng, haze, t)
            seat_front(c, P, X0, X1, Z + 112, rng, haze, t)  # (their laps and legs)
            tw = (X1 - 48, X1) if X0 > 0 else (X0, X0 + 48)
            ta, tb = P(tw[0], 90, Z + 95), P(tw[1], 92, Z + 60)
            c.rect(
                min(ta[0], tb[0]), ta[1], abs(tb[0] - ta[0]), max(2, 3 * P.k(Z + 70)), mix("#e8e6de", haze, t)
            )
            if Z > 150:
                heads_from_behind(c, P, X0, X1, Z + 30, rng, haze, t)
                seat_back(c, P, X0, X1, Z, haze, t)
        if Z > 150:
            aisle_people(c, P, Z, rng, haze, t)
    c.band(900, H + 10, "#2a1e1c", 0, 130)


def aisle_people(c: Canvas, P: Persp, Z, rng, haze, t) -> None:
    """Those without a seat: standing, sitting on their bags, a bag in the aisle."""

    r = rng.random()
    X = rng.uniform(-20, 20)
    k = P.k(Z + 60)
    look = Look(
        top=PASSENGER[rng.integers(len(PASSENGER))],
        bottom=["#2a2c34", "#3a3f52", "#2c3a52"][rng.integers(3)],
        skin=SKINS[rng.integers(len(SKINS))],
        hair=HAIRS[rng.integers(len(HAIRS))],
        long_hair=rng.random() < 0.4,
    )
    floor = P(X, 165, Z + 60)[1]
    if r < 0.3 and Z > 500:  # standing, facing down the carriage, some with a phone
        pose = phone() if rng.random() < 0.5 else replace(stand(), lean=rng.uniform(-3, 4))
        person(c, P(X, 0, Z + 60)[0], floor, k, pose, look, "back", haze=haze, t=t)
    elif r < 0.55:  # squatting in the aisle, or sitting on a bag, facing us
        x, y = P(X, 140, Z + 55)
        bag(c, x, y, 50 * P.k(Z + 55), 26 * P.k(Z + 55), haze, t)
        pose = squat() if rng.random() < 0.5 else replace(sit(), lean=20, bow=24)
        lift = 0.0 if pose.legs[0][0] > 100 else 26 * k  # a sitter's seat is the bag
        person(c, P(X, 0, Z + 50)[0], floor - lift, k, pose, look, "front", haze=haze, t=t)
    elif r < 0.8:
        x, y = P(X, 138, Z + 80)
        bag(c, x, y, 55 * P.k(Z + 80), 28 * P.k(Z + 80), haze, t)


# ---------------------------------------------------------------------------
# Guangzhou station and its square
# ---------------------------------------------------------------------------

CJK_FONT = pathlib.Path(__file__).resolve().parents[1] / "fonts" / "NotoSerifCJKsc-Regular-subset.otf"


def station_name(c: Canvas, x, y, size, color, glow=None) -> None:
    """广州站 in Noto Serif CJK (our subset holds the three characters), centred on x, top y;
    thickened by drawing it a few times offset, as the red letters on the roof are bold."""
    font = pygame.font.Font(str(CJK_FONT), max(8, round(size * artkit.S)))
    text = font.render("广州站", True, color)
    w, h = text.get_size()
    x0, y0 = x * artkit.S - w / 2, y * artkit.S
    if glow is not None:
        c.glow(x, y + size * 0.55, size * 2.2, glow, 0.3)
    r = max(1, round(size * artkit.S * 0.018))
    for dx in range(-r, r + 1, max(1, r)):
        for dy in range(-r, r + 1, max(1, r)):
            c.surf.blit(text, (round(x0 + dx), round(y0 + dy)))


def station_building(c: Canvas, P: Persp, Z, wall, windows, frame, clock) -> tuple[float, float]:
    """The station: long low wings, the taller centre block with its clock; returns the point
    above the centre block where the name stands."""

    def box(X0, Y0, X1, Y1, color) -> tuple[float, float, float, float]:
        (a, b), (cx, d) = P(X0, Y0, Z), P(X1, Y1, Z)
        c.rect(a, b, cx - a, d - b, color)
        return a, b, cx, d

    ground = 400
    box(-12000, ground - 1500, 7000, ground, wall)  # the wings
    box(-12000, ground - 1560, 7000, ground - 1500, frame)
    for X in range(-11800, 6900, 420):  # tall windows along the wings, a row of small ones above
        box(X, ground - 1250, X + 220, ground - 420, windows)
        box(X, ground - 1430, X + 220, ground - 1320, windows)
    box(-12000, ground - 1300, 7000, ground - 1270, frame)  # a cornice between the rows
    box(-12000, ground - 420, 7000, ground - 340, frame)  # the long canopy over the entrances
    box(-12000, ground - 340, 7000, ground, mix(windows, (20, 20, 28), 0.35))  # the shade under it
    for X in range(-11600, 6900, 840):  # the canopy's posts
        box(X, ground - 340, X + 60, ground, frame)
    box(1700, ground - 2900, 4300, ground, mix(wall, (255, 255, 255), 0.08))  # the centre
    box(1660, ground - 2960, 4340, ground - 2900, frame)
    box(1700, ground - 2160, 4300, ground - 2110, frame)  # the centre's cornice under the clock
    for i in range(7):  # its tall glazed bays down to the doors
        X = 1880 + i * 350
        box(X, ground - 2000, X + 200, ground - 150, windows)
        box(X + 90, ground - 2000, X + 110, ground - 150, frame)  # a mullion
    cx_, cy_ = P(3000, ground - 2450, Z)
    r = 300 * P.k(Z)
    c.circle(cx_, cy_, r, frame)
    c.circle(cx_, cy_, r * 0.86, clock)
    c.line((cx_, cy_), (cx_, cy_ - r * 0.6), "#2a2a2a", max(1, r * 0.08))
    c.line((cx_, cy_), (cx_ + r * 0.45, cy_ + r * 0.25), "#2a2a2a", max(1, r * 0.08))
    return P(3000, ground - 2960, Z)


def square_lamps(c: Canvas, P: Persp, haze) -> None:
    """The square's tall lamp posts, each with a ring of lamps just lit at dusk, far to near; the
    crowd (drawn after) hides their feet."""
    for Z, Xs in ((5600, (-5200, -1500, 2300)), (3600, (-3300, 300))):
        t = min(0.7, Z / 8000)
        k = P.k(Z)
        pole = mix("#3a3a44", haze, t)
        for X in Xs:
            (x, y0), (_, y1) = P(X, 400, Z), P(X, -1400, Z)
            c.line((x, y0), (x, y1), pole, max(1.5, 14 * k))
            c.line((x - 80 * k, y1 + 20 * k), (x + 80 * k, y1 + 20 * k), pole, max(1.5, 8 * k))
            for dx in (-80, -27, 27, 80):
                c.circle(x + dx * k, y1 + 12 * k, max(1.5, 16 * k), mix("#ffe0a8", haze, t * 0.5))
            c.glow(x, y1 + 12 * k, 500 * k, "#ffcf90", 0.25)


def bd_guangzhou_station(c: Canvas) -> None:
    """The station with its red name above a vast crowd, seen from the footbridge at dusk."""
    P = Persp(1240, 640, 1000)
    c.vgrad([(0, "#5d6478"), (0.55, "#a69a98"), (1, "#d7b79a")], h=700)
    c.vgrad([(0, "#8a7e7a"), (1, "#4a4448")], y=700, h=H - 700)
    c.glow(1500, 520, 700, "#e8c0a0", 0.3)
    haze = (185, 172, 164)
    top = station_building(c, P, 7000, "#bdb7ac", "#6f747c", "#9f9a90", "#f4f2ea")
    station_name(c, top[0], top[1] - 175, 140, (200, 48, 42), glow="#e0604a")
    c.band(P(0, -600, 7000)[1], P(0, 400, 7000)[1] + 20, haze, 0, 110)
    square_lamps(c, P, haze)
    coats = ["#2f3140", "#3a3a46", "#45404a", "#2b3440", "#4a3a3a", "#3c4650", "#5a4a3a", "#6a3030"]
    crowd_from_behind(c, P, 6500, 420, (-1400, 800), coats, 151, haze, eye=400, carry_share=0.3)
    c.band(860, H + 10, "#1e1f28", 0, 140)


def bd_station_square_sleet(c: Canvas) -> None:
    """The station at night in the 2008 storm: sodium lamps, a police line, a square of umbrellas
    and hoods in the sleet."""
    P = Persp(1240, 640, 1000)
    c.vgrad([(0, "#161a26"), (0.6, "#3a3440"), (1, "#7a5a48")], h=700)
    c.vgrad([(0, "#4a3c3a"), (1, "#1e1a1e")], y=700, h=H - 700)
    c.glow(1300, 330, 700, "#d08a50", 0.25)
    haze = (92, 76, 72)
    top = station_building(c, P, 7000, "#45434c", "#c7a060", "#34323a", "#f2ead0")
    station_name(c, top[0], top[1] - 175, 140, (255, 74, 58), glow="#ff5040")
    for X in (-5200, -1800, 2600):  # sodium lamps on the square
        a, b = P(X, 400, 5000), P(X, -900, 5000)
        c.line(a, b, "#1a1a22", 5)
        c.circle(b[0], b[1], 9, "#ffd08a")
        c.glow(b[0], b[1], 260, "#ffb060", 0.4)
    c.band(P(0, -600, 7000)[1], P(0, 400, 7000)[1] + 30, "#6a5a58", 0, 140)
    # the police line across the square, caps and greatcoats
    for X in range(-7000, 3500, 60):
        x, y = P(X, 400 - 160, 4300)
        standing_back(c, x, y, P.k(4300), "#2c3a34", haze=haze, t=0.35)
        c.ellipse(x, y - 24 * P.k(4300), 10 * P.k(4300), 4 * P.k(4300), "#3a4a40")
    c.line(P(-7000, 300, 4200), P(3500, 300, 4200), "#d8c060", 2)
    umbrellas = [
        mix(u, "#1a1a22", 0.4)
        for u in ("#3a4a6a", "#6a2a2a", "#2f5a4a", "#4a4a52", "#8a6a2a", "#3c3c3c", "#9a3a3a")
    ]
    coats = ["#24262e", "#2e2a30", "#333844", "#2a2e28", "#3a3036", "#46383a"]
    crowd_from_behind(
        c,
        P,
        4100,
        420,
        (-1400, 800),
        coats,
        161,
        haze,
        eye=400,
        rain=True,
        carry_share=0.3,
        umbrellas=umbrellas,
        umbrella_share=0.35,
    )
    c.band(800, H + 10, "#0e0f14", 0, 170)
