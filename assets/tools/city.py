"""Guangzhou's streets: arcaded shophouses (qilou) with balconies, barred windows, air
conditioners and signs; the card phone under its orange hood at night; the street by day.

Signs use the few characters our Noto CJK subset holds (四川 for a Sichuan noodle shop, 火车站 on
a road sign, 春节 on a New Year banner); the rest are light boxes and bars.
"""

from __future__ import annotations

import math
from dataclasses import replace

import artkit
import numpy as np
import pygame
from artkit import Canvas, H, W, mix
from figures import seated_front, walker
from guangzhou import CJK_FONT
from poses import Look, Skeleton, parent_and_child, person, phone, shoulder_bag, sit, squat, taper, walk


def sign_text(c: Canvas, text, x, y, size, color) -> None:
    """Chinese characters from our font subset, centred on (x, y)."""
    font = pygame.font.Font(str(CJK_FONT), max(8, round(size * artkit.S)))
    img = font.render(text, True, color)
    c.surf.blit(img, (round(x * artkit.S - img.get_width() / 2), round(y * artkit.S - img.get_height() / 2)))


def shophouse(c: Canvas, x, w, top, base, body, rng, night, sign=None, tiles=False, gable=False) -> None:
    """A qilou: an arcade at street level on square columns, three or four floors of windows with
    bars, balconies with laundry, air-conditioner boxes, and a shop sign over the arcade.

    ``tiles`` covers the façade in small white tiles (as the 1990s re-fronted houses were);
    ``gable`` gives the parapet the old curved pediment of the 1920s houses."""
    dark = mix(body, "#000000", 0.35)
    c.rect(x, top, w, base - top, body)
    if tiles:  # a grid of tile joints, fainter than the windows
        joint = mix(body, "#8a8478", 0.35)
        for ty in np.arange(top + 8, base - 150, 14):
            c.line((x, ty), (x + w, ty), joint, 1)
        for tx in np.arange(x + 7, x + w, 14):
            c.line((tx, top), (tx, base - 150), joint, 1)
    if gable:  # a curved pediment over the middle of the parapet, with a round vent
        arc = [
            (x + w / 2 + w * 0.22 * math.cos(a), top - 10 - 60 * math.sin(a))
            for a in np.linspace(0, math.pi, 20)
        ]
        c.poly(arc, mix(body, "#ffffff", 0.12))
        c.circle(x + w / 2, top - 34, 13, mix(body, "#000000", 0.3))
        for side in (-1, 1):
            c.rect(x + w / 2 + side * w * 0.36 - 9, top - 34, 18, 26, mix(body, "#ffffff", 0.12))
    c.rect(x - 4, top - 10, w + 8, 12, mix(body, "#000000", 0.2))  # the parapet
    arcade = base - 150
    floors = max(2, int((arcade - 70 - top) / 110))
    cols = max(2, int(w / 95))
    for r in range(floors):
        fy = top + 30 + r * 110
        for k in range(cols):
            wx = x + 18 + k * (w - 24) / cols
            ww = (w - 24) / cols - 22
            lit = night and rng.random() < 0.4
            pane = rng.choice(["#e7b968", "#f0d9a0", "#bfe0e8"]) if lit else (dark if night else "#5a5c60")
            c.rect(wx, fy, ww, 66, pane)
            for b in range(1, 5):  # the bars over every window
                c.line((wx + ww * b / 5, fy), (wx + ww * b / 5, fy + 66), mix(body, "#000000", 0.5), 2)
            c.rect(wx - 4, fy + 66, ww + 8, 6, mix(body, "#000000", 0.2))
            if rng.random() < 0.35:  # an air-conditioner box under the window
                c.rect(wx + ww * 0.2, fy + 76, ww * 0.6, 24, mix("#d8d6cc", body, 0.3 if not night else 0.6))
                c.line((wx + ww * 0.25, fy + 88), (wx + ww * 0.75, fy + 88), mix("#8a8a84", body, 0.3), 2)
        if r % 2 == 1:  # a balcony rail and laundry on a line
            c.rect(x + 10, fy + 72, w - 20, 5, mix(body, "#000000", 0.45))
            for k in range(int(w / 40)):
                if rng.random() < 0.5:
                    lc = rng.choice(["#c8433a", "#e8e2d0", "#3f6f9a", "#d8b04a", "#6a8a5a"])
                    c.rect(
                        x + 20 + k * 40,
                        fy + 40,
                        22,
                        rng.uniform(22, 34),
                        mix(lc, body, 0.55 if night else 0.15),
                    )
    # the arcade: square columns, the shop's light inside
    inside = "#e0a860" if night else "#3e3a36"
    c.rect(x, arcade, w, base - arcade, inside)
    if night:
        c.glow(x + w / 2, base - 50, w * 0.7, "#ffc880", 0.3)
    for k in range(int(w / 110) + 1):
        cx = x + k * (w - 30) / max(1, int(w / 110))
        c.rect(cx, arcade, 30, base - arcade, mix(body, "#000000", 0.15))
    c.rect(x, arcade - 56, w, 56, mix(body, "#000000", 0.1))
    if sign is not None:  # the shop's board over the arcade
        col, text = sign
        c.rect(x + 14, arcade - 52, w - 28, 46, col)
        if night:
            c.glow(x + w / 2, arcade - 30, w * 0.6, col, 0.3)
        if text:
            sign_text(c, text, x + w / 2, arcade - 30, 36, "#fff4d8")


def phone_hood(c: Canvas, px, base) -> None:
    """The IC-card phone under its orange plastic hood on a post; the brim at a man's head."""
    brim = base - 350
    c.rect(px - 6, brim, 12, base - brim, "#3a3a44")
    hood = [(px + 120 * math.cos(a), brim - 150 * math.sin(a)) for a in np.linspace(math.pi, 0, 24)]
    c.poly([(px - 120, brim)] + hood + [(px + 120, brim)], "#e07b2a")
    inner = [(px + 98 * math.cos(a), brim - 124 * math.sin(a)) for a in np.linspace(math.pi, 0, 24)]
    c.poly([(px - 98, brim)] + inner + [(px + 98, brim)], "#a8501c")
    c.rect(px - 44, brim - 100, 88, 120, "#d6d3ca")
    c.rect(px - 30, brim - 86, 60, 22, "#7fd0a0")  # the little screen showing the card's units
    for r in range(4):
        for k in range(3):
            c.rect(px - 26 + k * 20, brim - 56 + r * 16, 12, 10, "#8a887f")
    c.glow(px, brim - 60, 220, "#ffb070", 0.25)


def bd_phone_booth(c: Canvas) -> None:
    """A wet night street of shophouses; on the right, under the orange hood, a man calls home."""
    rng = np.random.default_rng(131)
    c.vgrad([(0, "#0f1426"), (0.7, "#2a2840"), (1, "#5a4050")], h=620)
    c.glow(1200, 620, 900, "#c0704a", 0.22)
    for i in range(11):  # towers far off in the haze, a few windows lit
        x = 60 + i * 175 + rng.uniform(-40, 40)
        top = rng.uniform(120, 330)
        c.rect(x, top, rng.uniform(90, 150), 600 - top, "#26283e")
        for _ in range(10):
            c.rect(x + rng.uniform(8, 80), rng.uniform(top + 10, 560), 8, 6, "#6a6070")
    c.band(300, 620, "#4a3a52", 0, 150)
    houses = [
        ("#4a4050", None),
        ("#3e4250", ("#b8322a", "四川")),
        ("#4a4448", ("#2f6f9a", None)),
        ("#403a46", ("#c8a03a", None)),
    ]
    x = -60
    for body, sign in houses:
        w = 460 + rng.uniform(-40, 60)
        shophouse(c, x, w, 250 + rng.uniform(-40, 60), 820, body, rng, True, sign)
        x += w + 20
    # the pavement and the road, wet, with the lights run long in them
    c.vgrad([(0, "#2b2634"), (1, "#141420")], y=820, h=H - 820)
    for lx, col in (
        (300, "#e0a860"),
        (900, "#b8322a"),
        (1260, "#e0a860"),
        (1560, "#e07b2a"),
        (1760, "#ffd08a"),
    ):
        c.begin(60)
        for k in range(5):
            c.rect(lx - 40 + k * 20 + rng.uniform(-6, 6), 830 + k * 4, 9, 140 + k * 26, col)
        c.end()
    c.rect(-10, 818, W + 20, 8, "#55505a")  # the kerb
    # a street lamp and its cone of sodium light
    c.line((1250, 930), (1250, 240), "#1c1c26", 10)
    c.lines([(1250, 240), (1290, 214), (1370, 208)], "#1c1c26", 8)
    c.begin(46)
    c.poly([(1360, 214), (1384, 214), (1560, 930), (1180, 930)], "#f2b45a")
    c.end()
    c.glow(1372, 218, 130, "#ffc46a", 0.8)
    phone_hood(c, 1660, 1000)
    walker(c, 1600, 1010, 330, "#2a3148", "#1c2230")
    c.line((1660, 660), (1632, 700), "#1a1a1a", 3)  # the cord
    c.thick([(1622, 746), (1640, 728), (1630, 700)], "#222838", 20)  # his arm up to the receiver
    c.rect(1622, 676, 14, 40, "#2a2a2a")
    c.band(930, H + 10, "#0b0b12", 0, 150)


def bd_city_street(c: Canvas) -> None:
    """A humid Guangzhou street by day: the overpass, a row of qilou shophouses, a banyan,
    scooters and people walking, a road sign to the station."""
    rng = np.random.default_rng(141)
    c.vgrad([(0, "#b9b8ae"), (1, "#ddd3bd")], h=640)
    for i in range(12):
        x = i * 170 + rng.uniform(-30, 30)
        top = rng.uniform(120, 400)
        c.rect(x, top, rng.uniform(80, 150), 640 - top, mix("#a9aaa4", "#ddd3bd", rng.uniform(0.1, 0.5)))
    c.band(300, 640, "#ddd3bd", 0, 150)
    c.glow(1500, 120, 700, "#f4e8c8", 0.45)  # the sun through the humid haze
    # houses of different ages: a tiled one, old ones with curved pediments, a tall later block
    houses = [
        ("#c8b79c", None, 230, False, True),
        ("#e4e0d6", ("#b8322a", "四川"), 150, True, False),
        ("#c9a98a", ("#2e6b8f", None), 270, False, True),
        ("#b8b4a4", ("#d2a640", None), 120, True, False),
    ]
    x = 0
    for body, sign, top, tiles, gable in houses:
        w = 440 + rng.uniform(-30, 50)
        shophouse(c, x, w, top + rng.uniform(-20, 20), 780, body, rng, False, sign, tiles, gable)
        x += w + 16
    arcade_life(c, rng)
    # the overpass crossing high on the left, on round columns
    c.poly([(-10, 110), (1100, 170), (1100, 236), (-10, 186)], "#8c8a84")
    c.poly([(-10, 186), (1100, 236), (1100, 254), (-10, 204)], "#6f6d68")
    for px in (240, 820):
        y = 200 + px * 0.05
        c.rect(px - 30, y, 60, 780 - y, "#7c7a74")
        c.rect(px - 30, y, 12, 780 - y, "#8f8d86")
    # a banner across for the New Year, and the blue road sign to the station
    c.rect(1180, 300, 560, 60, "#c0302a")
    sign_text(c, "春节", 1460, 330, 40, "#f6e0a0")
    c.rect(1500, 560, 8, 250, "#5a5a5a")
    c.rect(1380, 480, 250, 90, "#2c5a9a")
    c.rect(1386, 486, 238, 78, "#2c5a9a")
    c.line((1386, 486), (1624, 486), "#e8ecf0", 3)
    sign_text(c, "火车站", 1490, 525, 44, "#f2f4f6")
    c.poly([(1590, 510), (1612, 525), (1590, 540)], "#f2f4f6")
    # the road, lanes, and people
    c.vgrad([(0, "#7a766e"), (1, "#55524c")], y=780, h=H - 780)
    c.rect(-10, 776, W + 20, 10, "#9a968c")
    for k in range(8):
        c.rect(120 + k * 240, 900, 120, 8, "#d8d2c0")
    coats = ["#e8e2d6", "#3d5a80", "#7a4a5a", "#d9c27a", "#5a6a4a", "#2e2e36"]
    people = sorted((rng.uniform(1000, 1900), rng.uniform(790, 860)) for _ in range(7))
    for i, (px, base) in enumerate(sorted(people, key=lambda p: p[1])):  # far first
        k = rng.uniform(0.9, 1.06) * (0.8 + (base - 790) / 300)
        look = Look(
            top=coats[i % len(coats)], bottom=["#2a2a30", "#3a4660", "#4a4036"][i % 3], long_hair=i % 2 == 1
        )
        facing = 1 if rng.random() < 0.5 else -1
        if i == 2:  # a mother taking her son to the station by the hand
            parent_and_child(c, px, base, k, look, Look(top="#c0302a", bottom="#2a3a5a"), facing)
            continue
        pose = [walk(1.0), walk(-0.8), phone(), replace(shoulder_bag(), legs=walk(0.9).legs), walk(0.6)][
            i % 5
        ]
        person(c, px, base, k, pose, look, "side", facing)
    banyan(c, 1830, 800, rng)
    for i, (sx, sy, s) in enumerate(((1260, 980, 1.2), (1640, 1010, 1.35), (960, 960, 1.0))):
        scooter(c, sx, sy, s, ["#2f5d8a", "#8a2f2f", "#3f3f3f"][i], coats[(i + 2) % len(coats)], i == 1)
    c.band(900, H + 10, "#3a3834", 0, 110)


def arcade_life(c: Canvas, rng) -> None:
    """What spills out of the shops under the arcades: stools, crates of fruit, a rack of clothes,
    a shopkeeper on a stool, a man squatting over a bowl."""
    floor = 780
    for sx in (400, 1210):  # stacked red plastic stools
        for j in range(4):
            c.poly(
                [
                    (sx - 18, floor - 30 - j * 7),
                    (sx + 18, floor - 30 - j * 7),
                    (sx + 14, floor),
                    (sx - 14, floor),
                ],
                mix("#c0302a", "#000000", 0.06 * j),
            )
    for cx in (520, 560, 600):  # crates of oranges and pomelos for the New Year
        c.rect(cx - 18, floor - 26, 36, 26, "#b08a58")
        for k in range(4):
            c.circle(cx - 12 + k * 8, floor - 28, 6, "#e88a2a" if cx != 560 else "#d8d070")
    c.line((1000, floor - 120), (1090, floor - 120), "#5a5a5a", 3)  # a rail of clothes for sale
    for k in range(7):
        c.rect(
            1004 + k * 12,
            floor - 118,
            10,
            rng.uniform(40, 60),
            ["#c85a7a", "#3a6a9a", "#e8e0c8", "#6a8a4a"][k % 4],
        )
    c.line((1004, floor - 120), (1004, floor), "#5a5a5a", 3)
    c.line((1086, floor - 120), (1086, floor), "#5a5a5a", 3)
    keeper = Look(top="#e8e0d0", bottom="#3a3a40", hair="#3a3634")
    c.poly([(640, floor - 34), (676, floor - 34), (672, floor), (644, floor)], "#2e6b8f")  # his stool
    person(c, 660, floor, 0.95, sit(), keeper, "side", -1)
    eater = Look(top="#5a6a4a", bottom="#2a2a30")
    person(
        c, 760, floor, 0.95, replace(squat(), lean=18, arms=((40, 150), (30, 140)), bow=26), eater, "side", -1
    )
    c.ellipse(744, floor - 70, 10, 5, "#e8e4da")  # his bowl


def banyan(c: Canvas, x, base, rng) -> None:
    """A big banyan at the kerb: a thick trunk of twisted stems, a dark canopy over the street,
    aerial roots hanging from its branches."""
    bark, leaf = "#5a5046", "#46583e"
    for k in range(4):  # the trunk: several stems grown together, tapering as they rise
        x0, x1, x2 = x - 36 + k * 24, x - 24 + k * 16 + rng.uniform(-8, 8), x - 70 + k * 40
        tone = mix(bark, "#000000", 0.1 * (k % 2))
        taper(c, (x0, base), (x1, base - 220), 34, 24, tone)
        taper(c, (x1, base - 220), (x2, base - 400), 24, 14, tone)
    for ax, ay, bx, by in (
        (x - 30, base - 330, x - 280, base - 470),
        (x + 20, base - 340, x + 130, base - 490),
    ):
        taper(c, (ax, ay), ((ax + bx) / 2, ay - 70), 20, 13, bark)
        taper(c, ((ax + bx) / 2, ay - 70), (bx, by), 13, 7, bark)
    for _ in range(9):  # the canopy in overlapping clumps, above the banner
        c.ellipse(
            x + rng.uniform(-220, 140),
            base - rng.uniform(600, 720),
            rng.uniform(100, 150),
            rng.uniform(50, 75),
            mix(leaf, "#2e3a2a", rng.uniform(0, 0.5)),
        )
    for _ in range(22):  # aerial roots hanging down from the branches
        rx = x + rng.uniform(-210, 110)
        top = base - rng.uniform(560, 620)
        c.line((rx, top), (rx + rng.uniform(-6, 6), top + rng.uniform(80, 260)), mix(bark, "#c8c0a8", 0.2), 2)


def scooter(c: Canvas, x, y, s, color, rider, load) -> None:
    """A small motor scooter seen from the side with its rider, a box tied on the back if load."""
    c.circle(x - 56 * s, y, 20 * s, "#1e1e1e")
    c.circle(x + 58 * s, y, 20 * s, "#1e1e1e")
    c.poly(
        [
            (x - 74 * s, y - 16 * s),
            (x + 30 * s, y - 22 * s),
            (x + 60 * s, y - 70 * s),
            (x + 72 * s, y - 66 * s),
            (x + 64 * s, y - 8 * s),
            (x - 74 * s, y - 2 * s),
        ],
        color,
    )
    c.rect(x - 60 * s, y - 36 * s, 60 * s, 14 * s, "#222")  # the seat
    riding = replace(sit(), lean=14, arms=((72, 96), (68, 92)), legs=((84, 10), (80, 14)))
    person(c, x - 12 * s, y - 6 * s, 0.9 * s, riding, Look(top=rider, bottom="#2a2a33"), "side", 1)
    if load:
        c.rect(x - 96 * s, y - 80 * s, 56 * s, 44 * s, "#c8b890")
        c.line((x - 96 * s, y - 58 * s), (x - 40 * s, y - 58 * s), "#8a7a5a", 2)


# ---------------------------------------------------------------------------
# the dormitory
# ---------------------------------------------------------------------------


def bunk(c: Canvas, x0, x1, floor, rng, sheet, quilt_colors) -> None:
    """A two-level metal bunk seen from the front: posts, rails, thin mattresses, folded quilts,
    and a sheet hung from the upper rail for privacy, half drawn."""
    frame, shade = "#5a6a72", "#3a454c"
    low, up, top = floor - 140, floor - 460, floor - 690
    for y in (low, up):  # mattress and its rail
        c.rect(x0, y - 26, x1 - x0, 26, "#d8d2c0")
        c.rect(x0, y, x1 - x0, 14, frame)
        c.rect(x0, y + 14, x1 - x0, 6, shade)
    for qx, qc in zip((x0 + 40, x1 - 230), quilt_colors, strict=True):  # quilts folded at the ends
        for y in (low, up):
            c.rect(qx, y - 70, 190, 46, qc)
            c.rect(qx, y - 52, 190, 4, mix(qc, "#000000", 0.2))
    c.rect(x0, top, x1 - x0, 12, frame)  # the top rail, for hanging things
    for x in (x0, x1 - 16):
        c.rect(x, top, 16, floor - top, frame)
        c.rect(x + 11, top, 5, floor - top, shade)
    for y in range(low - 60, up, -60):  # the ladder at the end
        c.rect(x1 - 70, y, 54, 8, frame)
    c.rect(x1 - 74, up, 8, low - up, frame)
    # the sheet, pinned to the top rail, drawn back to one side over the upper bunk
    folds = [(x0 + 20 + k * 40, top + 12) for k in range(6)]
    c.poly(folds + [(x0 + 150, up - 10), (x0 + 20, up + 10)], sheet)
    for k in range(5):
        c.line((x0 + 40 + k * 38, top + 14), (x0 + 30 + k * 22, up), mix(sheet, "#000000", 0.2), 3)
    # a bag and a towel on the upper bunk, a basin under the lower one
    bag_x = x0 + (x1 - x0) * 0.5
    c.rect(bag_x, up - 90, 120, 64, "#2f4a6a")
    c.line((bag_x + 10, up - 90), (bag_x + 110, up - 90), "#24384f", 6)
    c.rect(x1 - 200, top + 12, 60, 120, rng.choice(["#e8e0c8", "#c8d8e8"]))  # a towel on the rail


def bd_dormitory(c: Canvas) -> None:
    """A factory dormitory room at night, seen square on: one clear bunk on the right with a
    woman sitting on it mending and a younger one above her on her phone, a barred window on the
    city, laundry on a line, a thermos, a basin and a cooker on the floor."""
    rng = np.random.default_rng(1308)
    floor = 900
    c.vgrad([(0, "#a8aa9c"), (1, "#bcbcac")], h=520)  # the whitewashed upper wall
    c.vgrad([(0, "#7d9488"), (1, "#6a7e74")], y=520, h=floor - 520)  # the green-painted dado
    c.rect(-10, 516, W + 20, 8, "#5e7266")
    for _ in range(9):  # damp stains on the wall
        c.begin(40)
        c.ellipse(
            rng.uniform(0, W), rng.uniform(80, 480), rng.uniform(40, 140), rng.uniform(20, 60), "#8a8c7c"
        )
        c.end()
    c.vgrad([(0, "#5e5a52"), (1, "#3e3a36")], y=floor, h=H - floor)  # concrete floor
    # the window on the city at night, barred
    wx, wy, ww, wh = 760, 170, 380, 260
    c.vgrad([(0, "#141a34"), (1, "#3a3050")], x=wx, y=wy, w=ww, h=wh)
    for i in range(7):
        bx = wx + i * 56 + rng.uniform(-10, 10)
        bt = wy + rng.uniform(60, 170)
        c.rect(bx, bt, 44, wy + wh - bt, "#242840")
        for _ in range(5):
            c.rect(
                bx + rng.uniform(4, 34),
                rng.uniform(bt + 6, wy + wh - 10),
                6,
                6,
                rng.choice(["#f2c46a", "#9ad0e6"]),
            )
    c.glow(wx + ww / 2, wy + wh, 260, "#d08a50", 0.2)
    for k in range(1, 6):
        c.rect(wx + ww * k / 6 - 3, wy, 6, wh, "#3a3c40")
    c.rect(wx - 14, wy - 14, ww + 28, 14, "#6a6c66")
    c.rect(wx - 14, wy + wh, ww + 28, 18, "#6a6c66")
    # the tube on the wall and its cold light
    c.rect(1260, 92, 300, 14, "#f6f6ea")
    c.glow(1410, 110, 560, "#eef2e4", 0.2)
    # the bunks: one clear on the right, the edge of another on the left
    bunk(c, 1170, 1900, floor + 10, rng, "#b3565a", ("#c7a0b6", "#d9c27a"))
    bunk(c, -200, 560, floor + 10, rng, "#5d7da3", ("#8a9a6a", "#e0d8c4"))
    # the woman on the lower bunk, mending a pair of jeans on her lap (3 canvas units a cm)
    seat, k = floor + 10 - 166, 3.0
    seated_front(c, 1480, seat - 55 * k, k, "#8a6a7a", "#d9a27e", "#1c1a1a", "bun", "work", bow=0.45)
    for side in (-1, 1):  # her legs down to the floor, plastic slippers
        c.rect(1480 + side * 10 * k - 7 * k, seat - 4 * k, 14 * k, floor - seat, "#3a3f52")
        c.ellipse(1480 + side * 10 * k, floor + 2, 9 * k, 3 * k, "#c8433a")
    c.poly([(1380, seat - 30), (1580, seat - 36), (1610, seat + 40), (1360, seat + 40)], "#2c4a7d")
    c.line((1440, seat - 30), (1420, seat + 40), "#c8a060", 3)
    # on the upper bunk, a younger woman sits on the edge, legs down, reading a message home
    upper = 432
    reading = replace(phone(), lean=6, bow=30, legs=((88, 4), (86, -6)))
    girl = Look(top="#d89aa8", bottom="#3a4a6a", skin="#e0b08c", long_hair=True, extras={"style": "long"})
    hip_up = Skeleton(reading, "front", 1, 1.0).floor  # from her feet up to the hip on the mattress
    girl_at = person(c, 1560, upper + hip_up * k * 0.92, k * 0.92, reading, girl, "front")
    hand = girl_at.joint("arm0")
    c.glow(hand[0], hand[1] - 20, 120, "#bfe0f0", 0.35)  # the screen's light on her face

    # laundry on a line across the room
    line = [(0, 150), (W, 190)]
    c.line(*line, "#2e2e2e", 2)
    for k in range(14):
        x = 80 + k * 130 + rng.uniform(-20, 20)
        y = 150 + 40 * x / W
        col = rng.choice(["#c8433a", "#e8e2d0", "#3f6f9a", "#d8b04a", "#6a8a5a", "#2c4a7d"])
        if 1440 < x < 1640:  # a gap in the washing where the young woman sits
            continue
        if rng.random() < 0.4:  # a pair of jeans by the cuffs
            c.poly(
                [
                    (x, y),
                    (x + 60, y),
                    (x + 56, y + 150),
                    (x + 34, y + 150),
                    (x + 30, y + 40),
                    (x + 26, y + 150),
                    (x + 4, y + 150),
                ],
                "#2c4a7d",
            )
        else:
            c.poly([(x, y), (x + 70, y), (x + 64, y + 90), (x + 6, y + 90)], col)
    # on the floor: a thermos, an enamel basin, a bucket, a small cooker with a pot
    c.rect(1090, floor - 150, 44, 150, "#c23b33")
    c.ellipse(1112, floor - 150, 22, 8, "#9a2a26")
    c.rect(1100, floor - 166, 24, 16, "#3a3a3a")
    c.ellipse(900, floor + 40, 110, 30, "#e8e6de")
    c.ellipse(900, floor + 34, 92, 20, "#3f8fc8")
    c.poly([(660, floor - 80), (780, floor - 80), (766, floor + 20), (674, floor + 20)], "#3f8fc8")
    c.ellipse(720, floor - 80, 60, 14, "#2f6f9a")
    c.rect(560, floor - 50, 90, 60, "#d8d6cc")
    c.ellipse(605, floor - 60, 40, 12, "#5a5a5a")
    c.rect(580, floor - 100, 50, 40, "#8a8a84")
    c.band(900, H + 10, "#1e1c1a", 0, 120)
