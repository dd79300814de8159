"""Whole people in poses: a skeleton of a few joints set by angles, limbs drawn as tapered strokes.

A pose is a handful of angles in degrees (``Pose``). Every limb's angle is absolute: 0 points
straight down, 90 points the way the person faces, 180 straight up, -90 backwards. ``lean`` tips
the torso forward from upright and ``bow`` the head forward from the torso. The same pose can be
drawn from the side (``view="side"``, ``facing`` +1 right or -1 left), from the front or from
behind: seen from the front, a limb pointing at us is foreshortened to its width, so a worker bent
over her machine is drawn with the same angles as one seen from the side.

Sizes are centimetres times ``k`` (canvas units per centimetre); ``base`` is where the feet (or,
seated, the soles) rest. ``haze`` and ``t`` fade the person towards the air, as in figures.py.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from artkit import Canvas, Col, mix
from figures import head_front

# segment lengths (cm) of a 165 cm adult; a child is drawn with ``scale``
TORSO, NECK, UPPER_ARM, FOREARM, THIGH, SHIN = 50.0, 9.0, 29.0, 27.0, 44.0, 45.0
HIP_HALF, SHOULDER_HALF = 9.0, 17.0  # lateral half-widths of the joints, as seen from the front
# We look at people a little from above: seen from the front, what comes towards us sinks by this
# share of its length (a sitter's lap shows), seen from behind what goes away rises.
ELEV = 0.3


@dataclass(frozen=True)
class Pose:
    """Angles of one pose; arms and legs are (upper, lower) pairs, near side first."""

    lean: float = 0.0
    bow: float = 0.0
    arms: tuple[tuple[float, float], tuple[float, float]] = ((4, 6), (-4, -2))
    legs: tuple[tuple[float, float], tuple[float, float]] = ((0, 0), (0, 0))
    splay: float = 8.0  # how far (deg) arms hang out to the side, seen from the front or behind
    inward: float = 0.0  # seen from the front, how far (0..1) forearms reaching forward turn inwards
    prop: str = ""  # "phone", "shoulder_bag", "hand_bag", "sew" (hands at a machine's bed)


@dataclass(frozen=True)
class Look:
    """What a person wears and looks like."""

    top: object = "#3d4e6b"
    bottom: object = "#2a2a30"
    skin: object = "#d49a74"
    hair: object = "#1c1a1a"
    shoes: object = "#161618"
    long_hair: bool = False
    extras: dict = field(default_factory=dict)


def stand() -> Pose:
    """Standing at rest, arms at the sides."""
    return Pose()


def walk(phase: float = 1.0) -> Pose:
    """Mid-stride; ``phase`` +1 leads with the near leg, -1 with the far one, between is less."""
    s = phase
    return Pose(
        lean=4,
        arms=((-22 * s, -8 * s + 10), (22 * s, 30 * s + 10)),
        legs=((26 * s, 2 * s - 4), (-22 * s, -40 * max(s, 0) - 8 * max(-s, 0))),
    )


def sit() -> Pose:
    """Sitting upright on a stool or seat, hands in the lap."""
    return Pose(lean=4, arms=((12, 75), (10, 70)), legs=((88, 2), (84, 6)), splay=4)


def sew() -> Pose:
    """Sitting bent over a sewing machine, both hands forward on its bed feeding the cloth."""
    return Pose(
        lean=32, bow=28, arms=((38, 96), (34, 92)), legs=((86, 4), (82, 8)), splay=2, inward=0.45, prop="sew"
    )


def squat() -> Pose:
    """Squatting on the heels, forearms resting on the knees."""
    return Pose(lean=38, bow=8, arms=((34, 98), (30, 94)), legs=((122, -30), (116, -34)), splay=6)


def phone() -> Pose:
    """Standing, looking down at a phone held in both hands at the chest."""
    return Pose(
        lean=3, bow=34, arms=((8, 128), (4, 124)), legs=((3, 0), (-3, 0)), splay=3, inward=0.5, prop="phone"
    )


def shoulder_bag() -> Pose:
    """Standing a little bent under a bag on the near shoulder, the near hand up holding its strap."""
    return Pose(
        lean=8,
        bow=6,
        arms=((22, 165), (-6, 2)),
        legs=((6, 0), (-5, 0)),
        splay=6,
        inward=0.6,
        prop="shoulder_bag",
    )


def hold_hand(child_side: float = 1.0) -> Pose:
    """Standing or slowly walking with the near arm reaching down to a child's hand."""
    return Pose(lean=2, arms=((14, 26), (-8, -4)), legs=((10, 2), (-10, -6)), prop="")


def _dir(angle: float) -> tuple[float, float]:
    """(forward, down) of a unit vector at an absolute angle."""
    a = math.radians(angle)
    return math.sin(a), math.cos(a)


def taper(c: Canvas, a, b, w0: float, w1: float, color) -> None:
    """A limb from a (width w0) to b (width w1) with rounded ends."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    d = math.hypot(dx, dy)
    if d > 1e-6:
        nx, ny = -dy / d, dx / d
        c.poly(
            [
                (a[0] + nx * w0 / 2, a[1] + ny * w0 / 2),
                (b[0] + nx * w1 / 2, b[1] + ny * w1 / 2),
                (b[0] - nx * w1 / 2, b[1] - ny * w1 / 2),
                (a[0] - nx * w0 / 2, a[1] - ny * w0 / 2),
            ],
            color,
        )
    c.circle(a[0], a[1], w0 / 2, color)
    c.circle(b[0], b[1], w1 / 2, color)


def neck_height(pose: Pose, scale: float = 1.0) -> float:
    """How high (cm) the base of the neck is above the feet in ``pose``."""
    sk = Skeleton(pose, "side", 1, scale)
    return sk.floor - sk.neck[1]


class Skeleton:
    """The joints of a pose in world centimetres: x forward (side view) or lateral (front/back), y down."""

    def __init__(self, pose: Pose, view: str, facing: int, scale: float, elev: float = ELEV) -> None:
        self.pose, self.view, self.facing, self.s = pose, view, facing, scale
        side = view == "side"
        lean = math.radians(pose.lean)
        self.hip = (0.0, 0.0)
        fwd, up = math.sin(lean), math.cos(lean)
        self.tilt = {"front": elev, "back": -elev}.get(view, 0.0)
        self.neck = (fwd * TORSO * scale if side else 0.0, (-up + fwd * self.tilt) * TORSO * scale)
        self.limbs: dict[str, list[tuple[float, float]]] = {}
        for i, (upper, lower) in enumerate(pose.arms):
            self.limbs[f"arm{i}"] = self._chain(
                self.neck, i, SHOULDER_HALF, (upper, lower), (UPPER_ARM, FOREARM)
            )
        for i, (upper, lower) in enumerate(pose.legs):
            self.limbs[f"leg{i}"] = self._chain(self.hip, i, HIP_HALF, (upper, lower), (THIGH, SHIN))
        head_pitch = pose.lean + pose.bow
        hf, hd = _dir(180 - head_pitch)
        reach = (NECK + 10.0) * scale
        # the head's centre; seen from the front a bowed head comes towards us and sinks
        self.head = (
            self.neck[0] + (hf * reach if side else 0.0),
            self.neck[1] + hd * reach
            if side
            else self.neck[1] - reach * (math.cos(math.radians(head_pitch)) - hf * self.tilt),
        )
        ys = [p[1] for limb in self.limbs.values() for p in limb]
        self.floor = max(ys + [0.0]) + 2.0 * scale

    def _chain(self, root, i: int, half: float, angles, lengths) -> list[tuple[float, float]]:
        side = 1 if i == 0 else -1  # near side / far side; right / left seen from the front
        if self.view == "side":
            x, y = root[0] + (-1.5 if i else 1.5) * self.s, root[1]
        else:
            x, y = root[0] + side * half * self.s, root[1]
        pts = [(x, y)]
        for j, (angle, length) in enumerate(zip(angles, lengths, strict=True)):
            f, d = _dir(angle)
            if self.view == "side":
                x, y = x + f * length * self.s, y + d * length * self.s
            else:  # seen from the front the forward part goes into depth
                splay = math.radians(self.pose.splay) * side
                x += math.sin(splay) * length * self.s * abs(d)
                if j == 1 and half == SHOULDER_HALF:  # forearms reaching forward turn in
                    x -= side * self.pose.inward * length * self.s * abs(f)
                y += (d + f * self.tilt) * length * self.s
            pts.append((x, y))
        return pts


def person(
    c: Canvas,
    x: float,
    base: float,
    k: float,
    pose: Pose,
    look: Look | None = None,
    view: str = "side",
    facing: int = 1,
    scale: float = 1.0,
    haze=None,
    t: float = 0.0,
    elev: float = ELEV,
) -> Placed:
    """Draw one person in ``pose`` with the feet on ``base``; returns the skeleton placed in the
    picture (canvas units), so a caller can put a stool under the hip or a bag in a hand.
    ``elev`` is how much we look down on them (ELEV by default; 0 seen level)."""
    look = look or Look()
    sk = Skeleton(pose, view, facing, scale, elev)
    fx = facing if view == "side" else (1 if view == "front" else -1)

    def P(p) -> tuple[float, float]:
        return (x + p[0] * fx * k, base + (p[1] - sk.floor) * k)

    def col(value) -> Col:
        return mix(value, haze, t) if haze is not None else mix(value, value, 0)

    top, bottom, skin, hair = col(look.top), col(look.bottom), col(look.skin), col(look.hair)
    top_far, bottom_far = mix(top, (15, 15, 25), 0.22), mix(bottom, (10, 10, 15), 0.25)
    w = k * scale

    def leg(i: int, colour) -> None:
        hip, knee, ankle = (P(p) for p in sk.limbs[f"leg{i}"])
        taper(c, hip, knee, 15 * w, 11 * w, colour)
        taper(c, knee, ankle, 11 * w, 8 * w, colour)
        toe = 1 if view == "side" else 0
        c.ellipse(
            ankle[0] + toe * fx * 7 * w, ankle[1] + 1 * w, (12 if toe else 6) * w, 3.5 * w, col(look.shoes)
        )

    def arm(i: int, colour) -> None:
        sh, el, wr = (P(p) for p in sk.limbs[f"arm{i}"])
        taper(c, sh, el, 11 * w, 9 * w, colour)
        taper(c, el, wr, 9 * w, 7.5 * w, colour)
        c.circle(wr[0], wr[1], 4.2 * w, skin)

    def torso() -> None:
        hip, neck = P(sk.hip), P(sk.neck)
        if view == "side":
            taper(c, hip, neck, 22 * w, 28 * w, top)
            c.ellipse(hip[0], hip[1], 13.5 * w, 9 * w, bottom)  # the trousers' seat
        else:
            half_s, half_h = SHOULDER_HALF * w + 5 * w, HIP_HALF * w + 8 * w
            c.poly(
                [
                    (neck[0] - half_s, neck[1] + 4 * w),
                    (neck[0] + half_s, neck[1] + 4 * w),
                    (hip[0] + half_h, hip[1] + 4 * w),
                    (hip[0] - half_h, hip[1] + 4 * w),
                ],
                top,
            )
            c.circle(neck[0] - half_s + 5 * w, neck[1] + 5 * w, 5 * w, top)
            c.circle(neck[0] + half_s - 5 * w, neck[1] + 5 * w, 5 * w, top)

    def head() -> None:
        hx, hy = P(sk.head)
        neck = P(sk.neck)
        taper(c, neck, (hx, hy), 9 * w, 8 * w, mix(skin, (70, 45, 35), 0.2))
        rx, ry = 8.2 * w, 10.5 * w
        if view == "back":
            c.circle(hx - rx, hy + 1 * w, 2.3 * w, skin)
            c.circle(hx + rx, hy + 1 * w, 2.3 * w, skin)
            c.ellipse(hx, hy, rx, ry, hair)
        elif view == "front":
            bow = min(1.0, (pose.bow + pose.lean * 0.5) / 90)
            head_front(c, hx, hy, w, skin, hair, look.extras.get("style", "short"), bow)
            return
        else:  # profile: the face forward, hair over the crown and the back of the head
            pitch = math.radians(pose.lean + pose.bow)
            c.ellipse(hx, hy, 9.5 * w, ry, skin)
            c.circle(
                hx + fx * 8.5 * w * math.cos(pitch), hy + 1.5 * w + 4 * w * math.sin(pitch), 2.2 * w, skin
            )
            back = hx - fx * 2.8 * w - fx * 3 * w * math.sin(pitch)
            c.ellipse(back, hy - 2.5 * w, 8.2 * w, 9.0 * w, hair)
            if look.long_hair:
                c.ellipse(back - fx * 3 * w, hy + 8 * w, 5.5 * w, 12 * w, hair)
        if look.long_hair and view != "side":
            c.ellipse(hx, hy + 7 * w, rx * (1.05 if view == "back" else 1.15), 11 * w, hair)
            if view == "front":
                c.ellipse(hx, hy + 1.5 * w, rx * 0.72, ry * 0.72, skin)

    def load() -> None:
        """A bag (or a bundle of cut legs) slung over the near shoulder, hanging on the back."""
        if pose.prop != "shoulder_bag":
            return
        sh, hand = P(sk.limbs["arm0"][0]), P(sk.limbs["arm0"][2])
        bw, bh = 38 * w, 30 * w
        back = {"side": -fx * 19 * w, "front": 14 * w, "back": -14 * w}[view]
        bx, by = sh[0] + back, sh[1] + 4 * w
        c.line(hand, (sh[0], sh[1] - 3 * w), col("#3a2e28"), max(1, 2.2 * w))
        if look.extras.get("load") == "denim":
            for j in range(6):
                tone = col(("#2c4a7d", "#1f355c", "#34548a")[j % 3])
                c.rect(bx - bw / 2 + (j % 2) * 2 * w, by + j * 4.6 * w, bw, 4.8 * w, tone)
        else:
            _bag(c, bx, by, bw, bh, col)

    def prop_after() -> None:
        if pose.prop == "phone":
            hand = P(sk.limbs["arm0"][2])
            c.rect(hand[0] - 3 * w, hand[1] - 6 * w, 6 * w, 9 * w, col("#2a2c34"))
            if view != "back":
                c.rect(hand[0] - 2.2 * w, hand[1] - 5.2 * w, 4.4 * w, 6 * w, col("#bfe0f0"))

    if view == "side":
        arm(1, top_far)
        leg(1, bottom_far)
        load()
        torso()
        head()
        leg(0, bottom)
        arm(0, top)
    else:
        # seen from the front, limbs reaching forward come in front of the body; from behind, behind it
        forward = [i for i in (0, 1) if pose.arms[i][1] > 45 or pose.arms[i][0] > 45]
        lap = [i for i in (0, 1) if pose.legs[i][0] > 45] if view == "front" and elev > 0 else []
        for i in (0, 1):
            if i not in lap:
                leg(i, bottom)
        if view == "back":
            for i in forward:
                arm(i, top_far)
        if view == "front":
            load()
        torso()
        for i in lap:  # a sitter's or squatter's thighs come towards us, over the torso's foot
            leg(i, bottom)
        if view == "back":
            load()
        for i in (0, 1):
            if view == "front" or i not in forward:
                arm(i, top)
        head()
    prop_after()
    return Placed(sk, P)


def _bag(c: Canvas, x, y, w, h, col) -> None:
    """A red-white-blue woven bag, centre x, top y, coloured through ``col`` (haze)."""
    cols = [col(v) for v in ("#c23b33", "#ece8df", "#2f5d9a")]
    c.ellipse(x, y + h / 2, w / 2, h / 2, cols[0])
    for i in range(4):
        c.rect(x - w * 0.38 + i * w * 0.22, y + h * 0.12, w * 0.07, h * 0.76, cols[1 + i % 2])
    c.rect(x - w * 0.45, y + h * 0.45, w * 0.9, h * 0.1, cols[2])


class Placed:
    """A skeleton and the mapping that placed it, to find a joint on the canvas."""

    def __init__(self, sk: Skeleton, to_canvas) -> None:
        self.sk, self.to_canvas = sk, to_canvas

    def joint(self, name: str, index: int = -1) -> tuple[float, float]:
        """A joint on the canvas: "hip", "neck", "head", or a limb ("arm0", "leg1") point."""
        if name in ("hip", "neck", "head"):
            return self.to_canvas(getattr(self.sk, name))
        return self.to_canvas(self.sk.limbs[name][index])


def parent_and_child(
    c: Canvas,
    x: float,
    base: float,
    k: float,
    adult: Look,
    child: Look,
    facing: int = 1,
    phase: float = 0.5,
    haze=None,
    t: float = 0.0,
) -> None:
    """An adult walking with a child by the hand, the child a step behind on the near side,
    reaching forward and up to the adult's hand (side view)."""
    grown = replace(walk(phase), arms=((-16, -8), walk(phase).arms[1]))
    big = Skeleton(grown, "side", facing, 1.0)
    hand = (big.limbs["arm0"][2][0], big.limbs["arm0"][2][1] - big.floor)  # from the feet
    kid_s = 0.6
    small = Skeleton(walk(-phase), "side", facing, kid_s)
    shoulder = (small.neck[0], small.neck[1] - small.floor)
    reach = (UPPER_ARM + FOREARM) * kid_s * 0.97
    rise = shoulder[1] - hand[1]  # how far the hand is above (negative) or below the shoulder
    across = math.sqrt(max(0.0, reach * reach - rise * rise))
    angle = math.degrees(math.atan2(across, rise))
    offset = hand[0] - shoulder[0] - across  # where the child walks, relative to the adult
    kid = replace(walk(-phase), arms=(walk(-phase).arms[0], (angle, angle)))
    person(c, x, base, k, grown, adult, "side", facing, haze=haze, t=t)
    person(c, x + facing * offset * k, base + 1.5 * k, k, kid, child, "side", facing, kid_s, haze, t)
