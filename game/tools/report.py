"""`python main.py report SESSION.json -o FILE.html|FILE.md`: the hand-out after a class session.

The path chapter by chapter with the votes as bars, what became of each family member, the family's
stats across the chapters as an inline SVG chart, what happened to the real family, the fact cards
shown with their sources, and questions for homework. The HTML is one file with no script, no
network and no external files, and prints on A4 and Letter; every story text is escaped.
"""

from __future__ import annotations

import argparse
import base64
import html
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.engine.classstats import ClassStats, StatsError, load_any
from game.engine.record import Decision, RecordError, SessionRecord
from game.paths import shipped_dir
from game.story.model import Fact, Story
from game.tools.class_summary import SUMMARY_CSS, summary_html, where_it_ended

USAGE_ERROR = 2
GENERAL_QUESTIONS = (
    "Which decision was the hardest for your class, and why was the vote close or not?",
    "Pick one family member. What did they gain and what did they lose because of the choices made?",
    "Which choices did the family really have, and which were made for them by money, distance "
    "or the rules of the household register?",
    "What did the real Zhang family do differently from your class? What might explain it?",
)
PERSON_COLOURS = ("#b03a2e", "#1f618d", "#b7950b", "#117a65", "#6c3483", "#784212", "#2e4053")
PERSON_DASHES = ("", "6 3", "2 3", "8 3 2 3", "12 4", "1 4", "4 4")
PERSON_MARKERS = ("circle", "square", "triangle", "diamond", "cross", "circle", "square")
CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --accent: #8e2c1f; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 Georgia, "Times New Roman", "Story CJK", "Noto Serif CJK SC", "Source Han Serif SC",
       "Songti SC", SimSun, serif; color: var(--ink); margin: 0 auto;
       max-width: 48rem; padding: 1.5rem; background: #fff; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, "Story CJK", "Noto Sans CJK SC", "Source Han Sans SC",
              "PingFang SC", "Microsoft YaHei", sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta, .note, .source { color: var(--muted); font-size: .9rem; }
.decision { border: 1px solid var(--line); border-radius: 4px; padding: .35rem .7rem;
            margin: .4rem 0; }
.decision p { margin: .1rem 0; }
.where { color: var(--muted); font-size: .85rem; margin: 0 0 .2rem; }
.jump { font-weight: bold; color: var(--accent); border-top: 2px dashed var(--accent);
        border-bottom: 2px dashed var(--accent); padding: .3rem .5rem; margin: .6rem 0; }
.taken { font-weight: bold; }
.taken .note { font-weight: normal; }
.bar { display: flex; align-items: center; gap: .5rem; font-size: .9rem; line-height: 1.3;
       margin: .1rem 0; }
.bar .label { flex: 0 0 60%; }
.bar.chosen .label { font-weight: bold; }
.tick { color: var(--accent); }
.bar .track { flex: 1 1 auto; background: #eef0f2; height: .9rem; border: 1px solid var(--line);
              position: relative; }
.bar .fill { display: block; height: 100%; background: #9aa5b1; }
.bar.chosen .fill { background: var(--accent); }
.bar .count { flex: 0 0 4.5rem; text-align: right; font-variant-numeric: tabular-nums; }
.decision .classes { font-size: .85rem; color: var(--muted); margin-top: .2rem; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; }
th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
         border-bottom: 1px solid var(--line); overflow-wrap: anywhere; }
th { width: 28%; }
figure { margin: .75rem 0; }
figure svg { width: 100%; height: auto; }
figcaption { font-size: .9rem; font-weight: bold; }
figcaption .legend { font-weight: normal; }
figure .legend svg { width: 34px; height: 12px; }
.chart-note { color: var(--muted); font-size: .85rem; }
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; margin: .25rem 0; }
.legend svg { vertical-align: middle; }
.film { font-style: italic; color: var(--accent); margin: .35rem 0 0; }
.card { border-left: 4px solid var(--accent); padding: .25rem .75rem; margin: .75rem 0; }
.figure { font-size: 1.2rem; font-weight: bold; }
.shown { color: var(--muted); font-size: .85rem; margin: .1rem 0; }
ol li { margin: .35rem 0; }
@page { size: auto; margin: 16mm 14mm;
        @bottom-right { content: counter(page) " / " counter(pages); font: 8pt Arial, sans-serif;
                        color: #5f6368; } }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .decision, figure, .card, tr, li, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  .card { margin: .45rem 0; padding: .1rem .75rem; }
  .card h3 { display: inline; margin: 0; }
  .card .figure { display: inline; font-size: 1.05rem; margin-left: .5rem; }
  .card .figure::before { content: "· "; color: var(--muted); }
  .card p { margin: .15rem 0; }
  a { color: inherit; text-decoration: none; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: .8em; overflow-wrap: anywhere; }
}
"""
# The report's own print rules: a full session (some 50 decisions) fits on about ten pages.
REPORT_CSS = """
@page { margin: 12mm 13mm; }
@media print {
  body { font-size: 10pt; line-height: 1.4; }
  h2 { margin-top: 1.1rem; }
  h3 { margin: .7rem 0 .25rem; }
  p { margin: .35rem 0; }
  .decision { padding: .2rem .6rem; margin: .3rem 0; }
  .decision p { line-height: 1.3; }
  .bar { font-size: .85rem; line-height: 1.25; margin: .05rem 0; }
  .bar .track { height: .75rem; }
  #homework ol, #discussed ol { columns: 2; column-gap: 1.75rem; font-size: .92rem;
                                line-height: 1.35; }
  ol li { margin: .15rem 0; }
}
"""


CJK_FONT = shipped_dir("assets") / "fonts" / "NotoSerifCJKsc-Regular-subset.otf"


def font_css(*texts: str) -> str:
    """An @font-face rule that embeds the game's Chinese font subset (18 KB) when a text needs
    Chinese glyphs, so 归途列车 prints on a computer with no Chinese font and no network."""
    if not any("\u2e80" <= ch <= "\u9fff" for text in texts for ch in text):
        return ""
    try:
        data = base64.b64encode(CJK_FONT.read_bytes()).decode("ascii")
    except OSError:
        return ""  # the system's fonts, named in the CSS, still apply
    return (
        '@font-face { font-family: "Story CJK"; '
        f'src: url(data:font/otf;base64,{data}) format("opentype"); }}\n'
    )


def web_address(url: str | None) -> bool:
    """Whether `url` may become a link: http(s) only, and nothing that could end Markdown's <...>."""
    if not url:
        return False
    scheme, _, rest = url.partition("://")
    return (
        scheme.lower() in ("http", "https")
        and bool(rest)
        and not any(c.isspace() or c in "<>\"'`" or ord(c) < 32 for c in url)
    )


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class _Option:
    """One option of a decision as the report shows it: text, votes, taken or not."""

    text: str
    votes: int | None
    chosen: bool


def short_label(text: str, names: frozenset[str] = frozenset(), limit: int = 40, whole: bool = False) -> str:
    """An option's first clause, cut at a word: "Rent a room in the lanes" for the stats line.

    A first clause of fewer than three words says too little and is kept with the rest; `whole`
    keeps the whole text (still cut at `limit`), for options whose first clauses are the same.
    """
    text = " ".join(text.split())
    for mark in () if whole else (" — ", " – ", ": ", "; ", ". ", ", "):
        head = text.split(mark, 1)[0]
        if 0 < len(head) < len(text):
            if len(head.split()) >= 3:
                text = head
            break
    text = text.rstrip(".!?,;:")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(".,;:—–-") + "…"
    first = text.split(" ", 1)[0].strip("'’s,")
    keep = first in names or first == "I" or not text[1:2].islower()
    return text if keep else text[:1].lower() + text[1:]


def fact_card_html(fact: Fact, shown_in: str = "") -> str:
    """A fact card as HTML: title, figure, explanation, and its source (linked when it has a URL);
    `shown_in` says where the game shows it (for the teacher guide)."""
    source = _e(fact.source)
    if web_address(fact.url):
        source = f'<a href="{_e(fact.url)}">{source}</a>'
    elif fact.url:  # never a link: a story read without check could hold "javascript:..."
        source = f"{source} ({_e(fact.url)})"
    where = f'<p class="shown">Shown in: {_e(shown_in)}</p>' if shown_in else ""
    return (
        f'<div class="card"><h3>{_e(fact.title)}</h3><p class="figure">{_e(fact.figure)}</p>'
        f'<p>{_e(fact.text)}</p><p class="source">Source: {source}</p>{where}</div>'
    )


def distinct_facts(story: Story, fact_ids: list[str]) -> list[Fact]:
    """The facts named, in order, without unknown ids or a second card with the same title and
    figure (two scenes may carry the same fact under different ids)."""
    seen: set[tuple[str, str]] = set()
    result = []
    for fact_id in fact_ids:
        fact = story.facts.get(fact_id)
        if fact is not None and (fact.title, fact.figure) not in seen:
            seen.add((fact.title, fact.figure))
            result.append(fact)
    return result


def scene_label(scene, *, chapter: bool = False) -> str:
    """Where a scene happens, as "Grandma's kitchen, New Year 2006" (the chapter first if asked,
    and nothing repeated or empty)."""
    parts = [scene.chapter] if chapter else []
    for part in (scene.place, scene.when):
        if part and not any(part in p for p in parts):
            if parts and part.startswith(("The ", "A ")):  # "Guangzhou, the first spring"
                part = part[:1].lower() + part[1:]
            parts.append(part)
    return ", ".join(parts)


def _option_ids(decision: Decision) -> list[str]:
    ids = list(decision.tally) if decision.tally else [decision.choice]
    if decision.choice not in ids:
        ids.append(decision.choice)
    return ids


def _option_text(story: Story, decision: Decision, cid: str) -> str:
    """An option's words: from the story, or as recorded if the story has lost that choice."""
    choice = story.choice(cid)
    return choice.text if choice else (decision.text if cid == decision.choice else cid)


def _options(story: Story, decision: Decision) -> list[_Option]:
    return [
        _Option(
            _option_text(story, decision, cid),
            decision.tally.get(cid, 0) if decision.tally else None,
            cid == decision.choice,
        )
        for cid in _option_ids(decision)
    ]


def others_line(story: Story, decision: Decision, stats: ClassStats | None) -> str | None:
    """One line for how other classes decided here: "62% rent a room, 38% take the bunk (13 classes)".

    Every option the scene offers that some class took, most taken first (options nobody took are
    left out); None without statistics or when no class on record reached this decision.
    """
    if stats is None:
        return None
    scene = story.scenes.get(decision.scene)
    ids = [c.full_id for c in scene.choices if not c.is_continue] if scene else []
    ids += [cid for cid in _option_ids(decision) if cid not in ids]
    shares = [(stats.share(cid, story.title), cid) for cid in ids]
    reached = max((share.reached for share, _ in shares), default=0)
    if not reached:
        return None
    names = frozenset(w for p in story.people.values() for w in (p.short, *p.name.split()))
    taken = [
        (share, _option_text(story, decision, cid))
        for share, cid in sorted(shares, key=lambda item: -item[0].taken)
        if share.taken
    ]
    labels = [short_label(text, names) for _, text in taken]
    for limit in (40, 60, 90):  # options whose short labels are the same are told apart
        clash = {label for label in labels if labels.count(label) > 1}
        if not clash:
            break
        labels = [
            short_label(text, names, limit, whole=True) if label in clash else label
            for label, (_, text) in zip(labels, taken, strict=True)
        ]
    parts = [f"{share.percent:.0f}% {label}" for (share, _), label in zip(taken, labels, strict=True)]
    plural = "es" if reached != 1 else ""
    return f"{', '.join(parts)} ({reached} class{plural})"


def film_note(story: Story, decision: Decision) -> str | None:
    """What the real family chose at this decision, if the story marks it (`film: true`)."""
    scene = story.scenes.get(decision.scene)
    marked = [c for c in scene.choices if c.film] if scene else []
    if not marked:
        return None
    if any(c.full_id == decision.choice for c in marked):
        return "The real family made the same choice."
    return f"In the film, the real family chose: {marked[0].text}."


def _is_real(story: Story, decision: Decision) -> bool:
    """A decision the class made (not a "Continue", not the road a lesson took between parts)."""
    if decision.by_lesson:
        return False
    choice = story.choice(decision.choice)
    if choice is not None and choice.is_continue:
        return False
    scene = story.scenes.get(decision.scene)
    return scene is None or sum(1 for c in scene.choices if not c.is_continue) > 1 or bool(decision.tally)


def _chapters(story: Story, record: SessionRecord) -> list[tuple[str, list[Decision]]]:
    groups: list[tuple[str, list[Decision]]] = []
    for decision in record.decisions:
        if not _is_real(story, decision):
            continue
        if not groups or groups[-1][0] != decision.chapter:
            groups.append((decision.chapter, []))
        groups[-1][1].append(decision)
    return groups


def _after_jumps(story: Story, record: SessionRecord) -> tuple[set[int], bool]:
    """Where the class loaded another playthrough's save: the decisions (by id()) that come first
    after each load, and whether a load came after the last decision shown."""
    marked: set[int] = set()
    trailing = False
    for jump in record.jumps:
        first = next((d for d in record.decisions[jump:] if _is_real(story, d)), None)
        if first is None:
            trailing = True
        else:
            marked.add(id(first))
    return marked, trailing


JUMP_NOTE = (
    "Here the class loaded a save from another playthrough: the path goes on from "
    "that save, not from the decision above."
)
JUMP_NOTE_LAST = (
    "After the last decision above, the class loaded a save from another playthrough: "
    "the ending below follows from that save."
)


def _counts(record: SessionRecord, chapters: list[tuple[str, list[Decision]]]) -> str:
    """ "7 chapters · 49 decisions, 49 put to a vote · 146 min of play" for a report's header."""
    voted = sum(1 for d in record.decisions if d.tally)
    seconds = sum(d.seconds for d in record.decisions)
    return (
        f"{len(chapters)} chapters · {sum(len(ds) for _, ds in chapters)} decisions, "
        f"{voted} put to a vote" + (f" · {_minutes(seconds)} of play" if seconds else "")
    )


def _minutes(seconds: float) -> str:
    minutes = round(seconds / 60)
    return f"{minutes} min" if minutes else f"{round(seconds)} s"


def _documentary(story: Story, record: SessionRecord) -> list[tuple[str, str]]:
    """(heading, note) for the ending and for the scenes on the path that have a note."""
    notes = []
    ending = next((e for e in story.endings if e.id == record.ending), None)
    if ending is not None and ending.documentary:
        notes.append((f"Your ending: {ending.title}", ending.documentary))
    for scene_id in record.scenes_visited():
        scene = story.scenes.get(scene_id)
        if scene is not None and scene.documentary:
            where = scene_label(scene) or scene.chapter
            notes.append((f"Key decision: {scene.key} — {where}" if scene.key else where, scene.documentary))
    return notes


HOMEWORK_FROM_PATH = 8


def _path_prompts(story: Story, record: SessionRecord) -> list[tuple[str, bool, bool]]:
    """(prompt, discussed in class, at a key decision) for every prompt on the path, in order."""
    found: list[tuple[str, bool, bool]] = []
    for scene_id in record.scenes_visited():
        scene = story.scenes.get(scene_id)
        if scene is not None and scene.discuss and all(scene.discuss != p for p, _, _ in found):
            found.append((scene.discuss, scene_id in record.prompts_shown, bool(scene.key)))
    return found


def _questions(story: Story, record: SessionRecord) -> list[str]:
    """The general questions first, then up to HOMEWORK_FROM_PATH prompts from the path that the
    class did not discuss in the lesson (those at key decisions first), in story order."""
    open_prompts = [(p, key) for p, discussed, key in _path_prompts(story, record) if not discussed]
    ranked = [p for p, key in open_prompts if key] + [p for p, key in open_prompts if not key]
    chosen = set(ranked[:HOMEWORK_FROM_PATH])
    return list(GENERAL_QUESTIONS) + [p for p, _ in open_prompts if p in chosen]


def _discussed(story: Story, record: SessionRecord) -> list[str]:
    return [p for p, discussed, _ in _path_prompts(story, record) if discussed]


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


def _jump_between(record: SessionRecord) -> set[int]:
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


# ----------------------------------------------------------------------------- the chart


def _marker(kind: str, px: float, py: float, colour: str, size: float = 3.0) -> str:
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


def _style(n: int) -> tuple[str, str, str]:
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
        f'role="img" aria-label="{_e(definition.label if definition else stat)}">'
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
            f'font-size="10.5" fill="#5f6368">{_e(label)}</text>'
        )
    gaps = _jump_between(record)
    for i in sorted(gaps):
        mid = (x(i - 1) + x(i)) / 2
        parts.append(
            f'<line x1="{mid:.1f}" x2="{mid:.1f}" y1="{top - 4}" y2="{height - bottom}" '
            'stroke="#8e2c1f" stroke-width="1.2" stroke-dasharray="3 3"/>'
            f'<text x="{mid + 3:.1f}" y="{top + 6}" font-size="9.5" fill="#8e2c1f">'
            "save loaded</text>"
        )
    for n, person in enumerate(people):
        colour, dash, marker = _style(n)
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
            parts.extend(_marker(marker, px, py, colour) for px, py in run)
    parts.append("</svg>")
    return "".join(parts)


def _legend(story: Story) -> str:
    items = []
    for n, person in enumerate(story.people.values()):
        colour, dash, marker = _style(n)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(
            f'<span><svg width="34" height="12" viewBox="0 0 34 12"><line x1="0" x2="34" '
            f'y1="6" y2="6" stroke="{colour}" stroke-width="2.2"{dash_attr}/>'
            f"{_marker(marker, 17, 6, colour)}</svg> {_e(person.name)}</span>"
        )
    return f'<span class="legend">{"".join(items)}</span>'


def _resource_line(record: SessionRecord, resource_id: str) -> str:
    """A resource across the chapter snapshots: "300 (Huilong, 1990) → … ↪ 1,170 (…)"."""
    gaps = _jump_between(record)
    shown = []
    for i, snap in enumerate(record.snapshots):
        value = snap.resources.get(resource_id)
        if value is not None:
            arrow = "" if not shown else (" ↪ " if i in gaps else " → ")
            shown.append(f"{arrow}{value:,} ({snap.chapter})")
    return "".join(shown)


# ----------------------------------------------------------------------------- HTML


def _others(record: SessionRecord, stats: ClassStats | None) -> ClassStats | None:
    """The statistics without this session: a class is never compared with itself."""
    if stats is None or record.id not in stats.sessions:
        return stats
    return ClassStats({sid: s for sid, s in stats.sessions.items() if sid != record.id})


def _after_roads(record: SessionRecord) -> set[int]:
    """The class decisions (by id()) that come first after a lesson moved on along the film's road."""
    marked: set[int] = set()
    moved = False
    for decision in record.decisions:
        if decision.by_lesson:
            moved = True
        elif moved:
            marked.add(id(decision))
            moved = False
    return marked


ROAD_NOTE = (
    "Here the lesson moved on to its next part: the decisions in between were taken by "
    "the lesson (the real family's where the story marks them), not by the class."
)


def render_html(story: Story, record: SessionRecord, stats: ClassStats | None = None) -> str:
    out: list[str] = []
    add = out.append
    stats = _others(record, stats)
    ending = where_it_ended(story, record)
    add(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(story.title)}: session report</title>\n"
        f"<style>{font_css(story.title_native)}{CSS}{REPORT_CSS}{SUMMARY_CSS}</style>\n"
        "</head>\n<body>"
    )
    native = f" ({_e(story.title_native)})" if story.title_native else ""
    add(f'<header id="top"><h1>{_e(story.title)}{native}: session report</h1>')
    chapters = _chapters(story, record)
    add(
        f'<p class="meta">Played {_e(record.started_at[:10])} · '
        f"<strong>{_e(ending)}</strong> · {_e(_counts(record, chapters))}</p></header>"
    )
    add(summary_html(story, record, [d for _, ds in chapters for d in ds]))

    add('<section id="path"><h2>The path your class took</h2>')
    jumped, trailing = _after_jumps(story, record)
    roads = _after_roads(record)
    for chapter, decisions in chapters:
        if id(decisions[0]) in jumped:  # the note goes before the heading it would hide under
            add(f'<p class="jump">↪ {_e(JUMP_NOTE)}</p>')
        if id(decisions[0]) in roads:
            add(f'<p class="jump">→ {_e(ROAD_NOTE)}</p>')
        add(f"<h3>{_e(chapter or 'The story')}</h3>")
        for n, d in enumerate(decisions):
            if n and id(d) in jumped:
                add(f'<p class="jump">↪ {_e(JUMP_NOTE)}</p>')
            if n and id(d) in roads:
                add(f'<p class="jump">→ {_e(ROAD_NOTE)}</p>')
            scene = story.scenes.get(d.scene)
            where = scene_label(scene) if scene else ""
            extras = [
                x
                for x in (
                    d.team and f"{d.team} decided",
                    d.tie_broken and "tie broken by the facilitator",
                    d.seconds and f"{_minutes(d.seconds)} in this scene",
                )
                if x
            ]
            add('<div class="decision">')
            if where or extras:
                add(f'<p class="where">{_e(" · ".join(x for x in (where, *extras) if x))}</p>')
            options, total = _options(story, d), d.votes
            if d.tally is None:
                add(f'<p class="taken">{_e(d.text)} <span class="note">(no vote was taken)</span></p>')
            for option in options if d.tally is not None else ():
                pct = 100 * option.votes / total if total else 0
                chosen = " chosen" if option.chosen else ""
                mark = '<span class="tick">✔ </span>' if option.chosen else ""
                add(
                    f'<div class="bar{chosen}"><span class="label">{mark}{_e(option.text)}</span>'
                    f'<span class="track"><span class="fill" style="width:{pct:.0f}%"></span></span>'
                    f'<span class="count">{option.votes} ({pct:.0f}%)</span></div>'
                )
            others = others_line(story, d, stats)
            if others:
                add(f'<p class="classes">All classes on record: {_e(others)}</p>')
            note = film_note(story, d)
            if note:
                add(f'<p class="film">{_e(note)}</p>')
            add("</div>")
    if trailing:
        add(f'<p class="jump">↪ {_e(JUMP_NOTE_LAST)}</p>')
    add("</section>")

    add('<section id="family"><h2>What happened to the family</h2>')
    if record.epilogue:
        add("<table><tbody>")
        for entry in record.epilogue:
            add(f"<tr><th>{_e(entry.name)}</th><td>{_e(entry.line)}</td></tr>")
        add("</tbody></table>")
    else:
        add(
            '<p class="note">The session ended before the story did'
            + (": the lesson closed there." if record.closed_at else ".")
            + "</p>"
        )
    add("</section>")

    add('<section id="chart"><h2>The family across the chapters</h2>')
    add(f'<p class="chart-note">{_e(chart_note(story, record))}</p>')
    legend = _legend(story)
    for stat in story.stats.values():
        add(
            f"<figure><figcaption>{_e(stat.label)} ({stat.min}–{stat.max}) {legend}</figcaption>"
            f"{chart_svg(story, record, stat.id)}</figure>"
        )
    for resource in story.resources.values():
        add(
            f"<p><strong>{_e(resource.label)}</strong> ({_e(resource.unit)}): "
            f"{_e(_resource_line(record, resource.id))}</p>"
        )
    add("</section>")

    add('<section id="real-family"><h2>What happened to the real family</h2>')
    for heading, note in _documentary(story, record):
        add(f"<h3>{_e(heading)}</h3><p>{_e(note)}</p>")
    add(
        '<p class="note">From Lixin Fan\'s documentary <em>Last Train Home</em> (2009). The choices '
        "in the game are imagined; the documentary notes and fact cards are not.</p></section>"
    )

    add('<section id="facts"><h2>Fact cards</h2>')
    facts = distinct_facts(story, record.facts_shown)
    if not facts:
        add('<p class="note">No fact cards were shown in this session.</p>')
    for fact in facts:
        add(fact_card_html(fact))
    add("</section>")

    add('<section id="homework"><h2>Questions for homework</h2><ol>')
    add("".join(f"<li>{_e(q)}</li>" for q in _questions(story, record)))
    add("</ol></section>")
    discussed = _discussed(story, record)
    if discussed:
        add(
            '<section id="discussed"><h2>Discussed in class</h2><p class="note">The discussion '
            "prompts the class met on its path, in order.</p><ol>"
        )
        add("".join(f"<li>{_e(q)}</li>" for q in discussed))
        add("</ol></section>")
    add("</body>\n</html>\n")
    return "\n".join(out)


# ----------------------------------------------------------------------------- Markdown


def _md(text: object) -> str:
    """Markdown-safe text: escapes the characters that would start markup or HTML."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(story: Story, record: SessionRecord, stats: ClassStats | None = None) -> str:
    stats = _others(record, stats)
    ending = where_it_ended(story, record)
    chapters = _chapters(story, record)
    meta = f"Played {_md(record.started_at[:10])} · **{_md(ending)}** · {_md(_counts(record, chapters))}"
    lines = [f"# {_md(story.title)}: session report", "", meta, "", "## The path your class took", ""]
    jumped, trailing = _after_jumps(story, record)
    for chapter, decisions in chapters:
        lines += [f"### {_md(chapter or 'The story')}", ""]
        roads = _after_roads(record)
        for d in decisions:
            if id(d) in jumped:
                lines += [f"**↪ {_md(JUMP_NOTE)}**", ""]
            if id(d) in roads:
                lines += [f"**→ {_md(ROAD_NOTE)}**", ""]
            scene = story.scenes.get(d.scene)
            where = scene_label(scene) if scene else ""
            extras = [
                x
                for x in (
                    where,
                    d.team and f"{d.team} decided",
                    d.tie_broken and "tie broken by the facilitator",
                    d.seconds and _minutes(d.seconds),
                )
                if x
            ]
            if d.tally is None:
                lines.append(
                    f"- ✔ **{_md(d.text)}** (no vote was taken)"
                    + (f" — {_md(' · '.join(extras))}" if extras else "")
                )
            else:
                lines.append(f"- {_md(' · '.join(extras)) if extras else 'A vote'}")
            for option in _options(story, d) if d.tally is not None else ():
                pct = 100 * option.votes / d.votes if d.votes else 0
                bar = "█" * round(pct / 5)
                text = _md(option.text.rstrip(".!?;:,") if option.text[-1:] in ".;:," else option.text)
                label = f"✔ **{text}**" if option.chosen else text
                lines.append(f"  - {label}: {option.votes} ({pct:.0f}%)" + (f" {bar}" if bar else ""))
            others = others_line(story, d, stats)
            if others:
                lines.append(f"  - all classes on record: {_md(others)}")
            note = film_note(story, d)
            if note:
                lines.append(f"  - *{_md(note)}*")
        lines.append("")
    if trailing:
        lines += [f"**↪ {_md(JUMP_NOTE_LAST)}**", ""]
    lines += ["## What happened to the family", ""]
    if record.epilogue:
        lines += [f"- **{_md(e.name)}**: {_md(e.line)}" for e in record.epilogue]
    else:
        lines.append("The session ended before the story did.")
    lines += ["", "## The family across the chapters", "", _md(chart_note(story, record)), ""]
    gaps = _jump_between(record)
    labels = [("↪ " if i in gaps else "") + s.chapter for i, s in enumerate(record.snapshots)]
    for stat in story.stats.values():  # one small table per stat: chapters down, people across
        lines += [f"**{_md(stat.label)}** ({stat.min}–{stat.max})", ""]
        lines.append("| | " + " | ".join(_md(p.short) for p in story.people.values()) + " |")
        lines.append("|---" * (len(story.people) + 1) + "|")
        for label, snap in zip(labels, record.snapshots, strict=True):
            values = [str(snap.stats.get(p, {}).get(stat.id, "")) for p in story.people]
            lines.append(f"| {_md(label)} | " + " | ".join(values) + " |")
        lines.append("")
    for resource in story.resources.values():
        lines += [
            f"**{_md(resource.label)}** ({_md(resource.unit)}): {_md(_resource_line(record, resource.id))}",
            "",
        ]
    lines += ["## What happened to the real family", ""]
    for heading, note in _documentary(story, record):
        lines += [f"### {_md(heading)}", "", _md(note), ""]
    lines += [
        "*From Lixin Fan's documentary Last Train Home (2009). The choices in the game are "
        "imagined; the documentary notes and fact cards are not.*",
        "",
    ]
    lines += ["## Fact cards", ""]
    facts = distinct_facts(story, record.facts_shown)
    if not facts:
        lines += ["No fact cards were shown in this session.", ""]
    for fact in facts:
        url = f" <{fact.url}>" if web_address(fact.url) else f" ({_md(fact.url)})" if fact.url else ""
        lines += [
            f"### {_md(fact.title)}: {_md(fact.figure)}",
            "",
            _md(fact.text),
            "",
            f"Source: {_md(fact.source)}{url}",
            "",
        ]
    lines += ["## Questions for homework", ""]
    lines += [f"{n}. {_md(q)}" for n, q in enumerate(_questions(story, record), 1)]
    discussed = _discussed(story, record)
    if discussed:
        lines += ["", "## Discussed in class", ""]
        lines += [f"{n}. {_md(q)}" for n, q in enumerate(discussed, 1)]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- command


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "report",
        help="write the report of a class session (.html or .md)",
        description="Writes a printable report of a saved session record: the path and votes, "
        "the family's fate and stats, the real family's story, facts and homework.",
    )
    parser.add_argument("session", type=Path, metavar="SESSION_JSON", help="a saved session record")
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="where to write: .html or .md"
    )
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.add_argument(
        "--class-stats",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="compare with other classes: a folder of session records or an "
        "exported statistics file (repeatable)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.launch import load_or_report

    suffix = args.output.suffix.lower()
    if suffix not in (".html", ".htm", ".md"):
        print(f"report: name the output .html or .md, not '{args.output.name}'", file=err)
        return USAGE_ERROR
    try:
        record = SessionRecord.load(args.session)
    except RecordError as exc:
        print(f"report: {exc}", file=err)
        return 1
    story = load_or_report(args.story, err)
    if story is None:
        return 1
    if record.story_fingerprint and record.story_fingerprint != story.fingerprint:
        print(
            f"report: note: the session was played with {record.story_title} "
            f"{record.story_version}; the story has changed since, so some choices may be "
            "named by their ids",
            file=err,
        )
    stats = None
    for path in args.class_stats:
        try:
            found, problems = load_any(path)
        except StatsError as exc:
            print(f"report: {exc}", file=err)
            return 1
        for problem in problems:
            print(f"report: {problem}", file=err)
        stats = stats or ClassStats()
        stats.merge(found)
    text = (render_markdown if suffix == ".md" else render_html)(story, record, stats)
    try:
        from game.engine.atomic import write_atomic

        write_atomic(args.output, text.encode("utf-8"))
    except OSError as exc:
        print(f"report: cannot write {args.output}: {exc.strerror or exc}", file=err)
        return 1
    print(f"Wrote {args.output}", file=out)
    return 0
