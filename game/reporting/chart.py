"""The family's stats and resources across the chapters, as inline SVG charts and lines of text."""

from __future__ import annotations

from game.engine.record import SessionRecord
from game.reporting.page import esc
from game.story.model import Story

PERSON_COLOURS = ("#b03a2e", "#1f618d", "#b7950b", "#117a65", "#6c3483", "#784212", "#2e4053")
PERSON_DASHES = ("", "6 3", "2 3", "8 3 2 3", "12 4", "1 4", "4 4")
PERSON_MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle", "square")


def chart_note(story: Story, record: SessionRecord) -> str:
    """What the charts show, in words a class can read: when each point is taken, what the stats
    mean (from the story's own words), and the load of another save if there was one."""
    meaning = "; ".join(f"{s.label} rises when someone {s.rise}" for s in story.stats.values() if s.rise)
    note = (
        f"Each point is the family on entering a chapter; the last point, End, is the ending. {meaning}."
        if meaning
        else "Each point is the family on entering a chapter; the last point, End, is the ending."
    )
    if record.jumps:
        note += " A dashed line marks where the class loaded a save from another playthrough."
    return note


def jump_between(record: SessionRecord) -> set[int]:
    """Snapshot indexes i where a save from another playthrough was loaded between snapshot i-1
    and snapshot i (a snapshot after the first belongs after a load at decision count j when it
    was taken with j or more decisions behind it)."""
    result = set()
    for jump in record.jumps:
        for i in range(1, len(record.snapshots)):
            before = i - 1 == 0 or record.snapshots[i - 1].decisions < jump
            if before and record.snapshots[i].decisions >= jump:
                result.add(i)
                break
    return result


def marker(kind: str, px: float, py: float, colour: str, size: float = 3.0) -> str:
    """A point marker; each person has their own shape, so lines stay apart in greyscale."""
    if kind == "square":
        return (
            f'<rect x="{px - size:.1f}" y="{py - size:.1f}" width="{2 * size:.1f}" '
            f'height="{2 * size:.1f}" fill="{colour}"/>'
        )
    if kind == "triangle":
        return (
            f'<polygon points="{px:.1f},{py - size * 1.2:.1f} {px - size * 1.1:.1f},'
            f'{py + size * 0.9:.1f} {px + size * 1.1:.1f},{py + size * 0.9:.1f}" fill="{colour}"/>'
        )
    if kind == "diamond":
        return (
            f'<polygon points="{px:.1f},{py - size * 1.3:.1f} {px + size * 1.1:.1f},{py:.1f} '
            f'{px:.1f},{py + size * 1.3:.1f} {px - size * 1.1:.1f},{py:.1f}" fill="{colour}"/>'
        )
    if kind == "cross":
        return (
            f'<path d="M{px - size:.1f},{py - size:.1f}L{px + size:.1f},{py + size:.1f}'
            f'M{px - size:.1f},{py + size:.1f}L{px + size:.1f},{py - size:.1f}" '
            f'stroke="{colour}" stroke-width="1.8"/>'
        )
    return f'<circle cx="{px:.1f}" cy="{py:.1f}" r="{size:.1f}" fill="{colour}"/>'


def person_style(n: int) -> tuple[str, str, str]:
    """The n-th person's colour, dash pattern and marker shape."""
    return (
        PERSON_COLOURS[n % len(PERSON_COLOURS)],
        PERSON_DASHES[n % len(PERSON_DASHES)],
        PERSON_MARKERS[n % len(PERSON_MARKERS)],
    )


def chart_svg(story: Story, record: SessionRecord, stat: str) -> str:
    """One stat for every family member across the chapter snapshots, as inline SVG.

    Lines that share a value are drawn a little apart so none hides another; where the class
    loaded a save from another playthrough the lines break at a marked gap.
    """
    snaps = record.snapshots
    definition = story.stats.get(stat)
    low, high = (definition.min, definition.max) if definition else (0, 10)
    width, height, left, right, top, bottom = 640, 220, 34, 84, 12, 66
    span_x = width - left - right
    span_y = height - top - bottom
    count = max(1, len(snaps) - 1)
    people = list(story.people)
    spread = 1.6  # pixels between lines that share a value

    def x(i: int) -> float:
        return left + span_x * i / count

    def y(v: int, n: int = 0) -> float:
        offset = (n - (len(people) - 1) / 2) * spread
        return top + span_y * (1 - (v - low) / max(1, high - low)) + offset

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{esc(definition.label if definition else stat)}">'
    ]
    for value in range(low, high + 1, max(1, (high - low) // 5)):
        stroke = "#8d949c" if value == low else "#c8ccd1"
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" '
            f'y2="{y(value):.1f}" stroke="{stroke}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#5f6368">{value}</text>'
        )
    for i, snap in enumerate(snaps):
        label = snap.chapter if len(snap.chapter) <= 22 else snap.chapter[:21] + "…"
        parts.append(
            f'<text transform="translate({x(i) - 3:.1f},{height - bottom + 14}) rotate(35)" '
            f'font-size="10.5" fill="#5f6368">{esc(label)}</text>'
        )
    gaps = jump_between(record)
    for i in sorted(gaps):
        mid = (x(i - 1) + x(i)) / 2
        parts.append(
            f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{top - 4}" y2="{height - bottom}" '
            'stroke="#8e2c1f" stroke-width="1.2" stroke-dasharray="3 3"/>'
            f'<text x="{mid + 3:.1f}" y="{top + 6}" font-size="9.5" fill="#8e2c1f">'
            "save loaded</text>"
        )
    for n, person in enumerate(people):
        colour, dash, shape = person_style(n)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        runs: list[list[tuple[float, float]]] = []
        for i, snap in enumerate(snaps):
            if stat not in snap.stats.get(person, {}):
                continue
            if not runs or i in gaps:
                runs.append([])
            runs[-1].append((x(i), y(snap.stats[person][stat], n)))
        for run in runs:
            if len(run) > 1:
                line = " ".join(f"{px:.1f},{py:.1f}" for px, py in run)
                parts.append(
                    f'<polyline points="{line}" fill="none" stroke="{colour}" stroke-width="2.2"{dash_attr}/>'
                )
            parts.extend(marker(shape, px, py, colour) for px, py in run)
    parts.append("</svg>")
    return "".join(parts)


def legend(story: Story) -> str:
    """Each family member's colour, line and marker, named."""
    items = []
    for n, person in enumerate(story.people.values()):
        colour, dash, shape = person_style(n)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(
            f'<span><svg width="34" height="12" viewBox="0 0 34 12"><line x1="0" x2="34" '
            f'y1="6" y2="6" stroke="{colour}" stroke-width="2.2"{dash_attr}/>'
            f"{marker(shape, 17, 6, colour)}</svg> {esc(person.name)}</span>"
        )
    return f'<span class="legend">{"".join(items)}</span>'


def resource_line(record: SessionRecord, resource_id: str) -> str:
    """A resource across the chapter snapshots: "300 (Huilong, 1990) → … ↪ 1,170 (…)"."""
    gaps = jump_between(record)
    shown: list[str] = []
    for i, snap in enumerate(record.snapshots):
        value = snap.resources.get(resource_id)
        if value is not None:
            arrow = "" if not shown else (" ↪ " if i in gaps else " → ")
            shown.append(f"{arrow}{value:,} ({snap.chapter})")
    return "".join(shown)
