"""`python main.py report SESSION.json -o FILE.html|FILE.md`: the hand-out after a class session.

The path chapter by chapter with the votes as bars, what became of each family member, the family's
stats across the chapters as an inline SVG chart, what happened to the real family, the fact cards
shown with their sources, and questions for homework. The HTML is one file with no script, no
network and no external files, and prints on A4 and Letter; every story text is escaped.
"""

from __future__ import annotations

import argparse
import html
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.engine.classstats import ClassStats, StatsError, load_any
from game.engine.record import Decision, RecordError, SessionRecord
from game.story.model import Fact, Story

USAGE_ERROR = 2
GENERAL_QUESTIONS = (
    "Which decision was the hardest for your class, and why was the vote close or not?",
    "Pick one family member. What did they gain and what did they lose because of the choices made?",
    "Which choices did the family really have, and which were made for them by money, distance "
    "or the rules of the household register?",
    "What did the real Zhang family do differently from your class? What might explain it?",
)
PERSON_COLOURS = ("#b03a2e", "#1f618d", "#b7950b", "#117a65", "#6c3483", "#784212", "#2e4053")
PERSON_DASHES = ("", "6 3", "2 3", "8 3 2 3", "1 2", "10 4", "4 4")
CSS = """
:root { --ink: #1d1d1f; --muted: #5f6368; --line: #d0d4d9; --accent: #8e2c1f; }
* { box-sizing: border-box; }
body { font: 11pt/1.5 Georgia, "Times New Roman", serif; color: var(--ink); margin: 0 auto;
       max-width: 48rem; padding: 1.5rem; background: #fff; }
h1, h2, h3 { font-family: "Helvetica Neue", Arial, sans-serif; line-height: 1.25; }
h1 { font-size: 1.7rem; margin: 0 0 .25rem; color: var(--accent); }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem;
     margin-top: 2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; }
.meta, .note, .source { color: var(--muted); font-size: .9rem; }
.decision { border: 1px solid var(--line); border-radius: 4px; padding: .35rem .7rem;
            margin: .4rem 0; }
.decision p { margin: .1rem 0; }
.where { color: var(--muted); font-size: .85rem; margin: 0 0 .2rem; }
.jump { color: var(--muted); font-style: italic; border-left: 3px solid var(--muted);
        padding-left: .5rem; margin: .4rem 0; }
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
.legend { display: flex; flex-wrap: wrap; gap: .25rem 1rem; font-size: .85rem; margin: .25rem 0; }
.legend svg { vertical-align: middle; }
.film { font-style: italic; color: var(--accent); margin: .35rem 0 0; }
.card { border-left: 4px solid var(--accent); padding: .25rem .75rem; margin: .75rem 0; }
.figure { font-size: 1.2rem; font-weight: bold; }
ol li { margin: .35rem 0; }
@page { size: auto; margin: 16mm 14mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  .decision, figure, .card, tr, li, .legend { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
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
  #homework ol { columns: 2; column-gap: 1.75rem; font-size: .92rem; line-height: 1.35; }
  .card { margin: .45rem 0; padding: .1rem .75rem; }
  .card h3 { display: inline; margin: 0; }
  .card .figure { display: inline; font-size: 1.05rem; margin-left: .5rem; }
  .card .figure::before { content: "· "; color: var(--muted); }
  .card p { margin: .15rem 0; }
  ol li { margin: .15rem 0; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


@dataclass(frozen=True)
class _Option:
    text: str
    votes: int | None
    chosen: bool


def short_label(text: str, names: frozenset[str] = frozenset(), limit: int = 40) -> str:
    """An option's first clause, cut at a word: "Rent a room in the lanes" for the stats line."""
    text = " ".join(text.split())
    for mark in (" — ", " – ", ": ", "; ", ". ", ", "):
        head = text.split(mark, 1)[0]
        if 0 < len(head) < len(text):
            text = head
            break
    text = text.rstrip(".!?,;:")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].rstrip(".,;:—–-") + "…"
    first = text.split(" ", 1)[0].strip("'’s,")
    keep = first in names or first == "I" or not text[1:2].islower()
    return text if keep else text[:1].lower() + text[1:]


def fact_card_html(fact: Fact) -> str:
    """A fact card as HTML: title, figure, explanation, and its source (linked when it has a URL)."""
    source = _e(fact.source)
    if fact.url:
        source = f'<a href="{_e(fact.url)}">{source}</a>'
    return (f'<div class="card"><h3>{_e(fact.title)}</h3><p class="figure">{_e(fact.figure)}</p>'
            f'<p>{_e(fact.text)}</p><p class="source">Source: {source}</p></div>')


def _option_ids(decision: Decision) -> list[str]:
    ids = list(decision.tally) if decision.tally else [decision.choice]
    if decision.choice not in ids:
        ids.append(decision.choice)
    return ids


def _options(story: Story, decision: Decision) -> list[_Option]:
    result = []
    for cid in _option_ids(decision):
        choice = story.choice(cid)
        text = choice.text if choice else (decision.text if cid == decision.choice else cid)
        result.append(_Option(text, decision.tally.get(cid, 0) if decision.tally else None,
                              cid == decision.choice))
    return result


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
    parts = []
    for share, cid in sorted(shares, key=lambda item: -item[0].taken):
        if not share.taken:
            continue
        choice = story.choice(cid)
        text = choice.text if choice else (decision.text if cid == decision.choice else cid)
        parts.append(f"{share.percent:.0f}% {short_label(text, names)}")
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
    """A decision the class made (not a "Continue")."""
    choice = story.choice(decision.choice)
    if choice is not None and choice.is_continue:
        return False
    scene = story.scenes.get(decision.scene)
    return scene is None or sum(1 for c in scene.choices if not c.is_continue) > 1 or bool(
        decision.tally)


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


JUMP_NOTE = ("Here the class loaded a save from another playthrough: the path goes on from "
             "that save, not from the decision above.")
JUMP_NOTE_LAST = ("After the last decision above, the class loaded a save from another playthrough: "
                  "the ending below follows from that save.")


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
            label = f"Key decision: {scene.key}" if scene.key else (scene.place or scene.chapter)
            notes.append((f"{label} ({scene.when})" if scene.when else label, scene.documentary))
    return notes


def _questions(story: Story, record: SessionRecord) -> list[str]:
    prompts = []
    for scene_id in record.scenes_visited():
        scene = story.scenes.get(scene_id)
        if scene is not None and scene.discuss and scene.discuss not in prompts:
            prompts.append(scene.discuss)
    return prompts + list(GENERAL_QUESTIONS)


# ----------------------------------------------------------------------------- the chart


def chart_svg(story: Story, record: SessionRecord, stat: str) -> str:
    """One stat for every family member across the chapter snapshots, as inline SVG."""
    snaps = record.snapshots
    definition = story.stats.get(stat)
    low, high = (definition.min, definition.max) if definition else (0, 10)
    width, height, left, right, top, bottom = 640, 210, 34, 70, 12, 58
    span_x = width - left - right
    span_y = height - top - bottom
    count = max(1, len(snaps) - 1)

    def x(i: int) -> float:
        return left + span_x * i / count

    def y(v: int) -> float:
        return top + span_y * (1 - (v - low) / max(1, high - low))

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
             f'role="img" aria-label="{_e(definition.label if definition else stat)}">']
    for value in range(low, high + 1, max(1, (high - low) // 5)):
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y(value):.1f}" '
                     f'y2="{y(value):.1f}" stroke="#e3e6ea"/>')
        parts.append(f'<text x="{left - 6}" y="{y(value) + 4:.1f}" font-size="11" '
                     f'text-anchor="end" fill="#5f6368">{value}</text>')
    for i, snap in enumerate(snaps):
        label = snap.chapter if len(snap.chapter) <= 18 else snap.chapter[:17] + "…"
        parts.append(f'<text transform="translate({x(i):.1f},{height - bottom + 14}) rotate(30)" '
                     f'font-size="10.5" fill="#5f6368">{_e(label)}</text>')
    for n, person in enumerate(story.people):
        points = [(x(i), y(s.stats[person][stat])) for i, s in enumerate(snaps)
                  if stat in s.stats.get(person, {})]
        if not points:
            continue
        colour = PERSON_COLOURS[n % len(PERSON_COLOURS)]
        dash = PERSON_DASHES[n % len(PERSON_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        line = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" '
                     f'stroke-width="2.2"{dash_attr}/>')
        parts.extend(f'<circle cx="{px:.1f}" cy="{py:.1f}" r="2.6" fill="{colour}"/>'
                     for px, py in points)
    parts.append("</svg>")
    return "".join(parts)


def _legend(story: Story) -> str:
    items = []
    for n, person in enumerate(story.people.values()):
        colour = PERSON_COLOURS[n % len(PERSON_COLOURS)]
        dash = PERSON_DASHES[n % len(PERSON_DASHES)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(f'<span><svg width="28" height="10" viewBox="0 0 28 10"><line x1="0" x2="28" '
                     f'y1="5" y2="5" stroke="{colour}" stroke-width="2.2"{dash_attr}/></svg> '
                     f'{_e(person.name)}</span>')
    return f'<div class="legend">{"".join(items)}</div>'


# ----------------------------------------------------------------------------- HTML


def render_html(story: Story, record: SessionRecord, stats: ClassStats | None = None) -> str:
    out: list[str] = []
    add = out.append
    ending = record.ending_title or "not finished"
    add(f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(story.title)}: session report</title>\n<style>{CSS}{REPORT_CSS}</style>\n"
        "</head>\n<body>")
    native = f" ({_e(story.title_native)})" if story.title_native else ""
    add(f'<header id="top"><h1>{_e(story.title)}{native}: session report</h1>')
    voted = sum(1 for d in record.decisions if d.tally)
    seconds = sum(d.seconds for d in record.decisions)
    add(f'<p class="meta">Played {_e(record.started_at[:10])} · ending: '
        f"<strong>{_e(ending)}</strong> · {len(_chapters(story, record))} chapters · "
        f"{sum(len(ds) for _, ds in _chapters(story, record))} decisions, {voted} put to a vote"
        + (f" · {_e(_minutes(seconds))} of play" if seconds else "") + "</p></header>")

    add('<section id="path"><h2>The path your class took</h2>')
    jumped, trailing = _after_jumps(story, record)
    for chapter, decisions in _chapters(story, record):
        add(f"<h3>{_e(chapter or 'The story')}</h3>")
        for d in decisions:
            if id(d) in jumped:
                add(f'<p class="jump">↪ {_e(JUMP_NOTE)}</p>')
            scene = story.scenes.get(d.scene)
            where = ", ".join(x for x in (scene.place, scene.when) if x) if scene else ""
            extras = [x for x in (d.team and f"{d.team} decided", d.tie_broken and
                                  "tie broken by the facilitator",
                                  d.seconds and f"{_minutes(d.seconds)} in this scene") if x]
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
                add(f'<div class="bar{chosen}"><span class="label">{mark}{_e(option.text)}</span>'
                    f'<span class="track"><span class="fill" style="width:{pct:.0f}%"></span></span>'
                    f'<span class="count">{option.votes} ({pct:.0f}%)</span></div>')
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
        add('<p class="note">The session ended before the story did.</p>')
    add("</section>")

    add('<section id="chart"><h2>The family across the chapters</h2>')
    add(_legend(story))
    for stat in story.stats.values():
        add(f"<figure><figcaption>{_e(stat.label)} ({stat.min}–{stat.max})</figcaption>"
            f"{chart_svg(story, record, stat.id)}</figure>")
    for resource in story.resources.values():
        values = [s.resources.get(resource.id) for s in record.snapshots]
        shown = " → ".join(f"{v:,}" for v in values if v is not None)
        add(f'<p><strong>{_e(resource.label)}</strong> ({_e(resource.unit)}): {_e(shown)}</p>')
    add("</section>")

    add('<section id="real-family"><h2>What happened to the real family</h2>')
    for heading, note in _documentary(story, record):
        add(f'<h3>{_e(heading)}</h3><p>{_e(note)}</p>')
    add('<p class="note">From Lixin Fan\'s documentary <em>Last Train Home</em> (2009). The choices '
        "in the game are imagined; the documentary notes and fact cards are not.</p></section>")

    add('<section id="facts"><h2>Fact cards</h2>')
    facts = [story.facts[f] for f in record.facts_shown if f in story.facts]
    if not facts:
        add('<p class="note">No fact cards were shown in this session.</p>')
    for fact in facts:
        add(fact_card_html(fact))
    add("</section>")

    add('<section id="homework"><h2>Questions for homework</h2><ol>')
    add("".join(f"<li>{_e(q)}</li>" for q in _questions(story, record)))
    add("</ol></section>\n</body>\n</html>\n")
    return "\n".join(out)


# ----------------------------------------------------------------------------- Markdown


def _md(text: object) -> str:
    """Markdown-safe text: escapes the characters that would start markup or HTML."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(story: Story, record: SessionRecord, stats: ClassStats | None = None) -> str:
    ending = record.ending_title or "not finished"
    lines = [f"# {_md(story.title)}: session report", "",
             f"Played {_md(record.started_at[:10])} · ending: **{_md(ending)}**",
             "", "## The path your class took", ""]
    jumped, trailing = _after_jumps(story, record)
    for chapter, decisions in _chapters(story, record):
        lines += [f"### {_md(chapter or 'The story')}", ""]
        for d in decisions:
            if id(d) in jumped:
                lines.append(f"- ↪ *{_md(JUMP_NOTE)}*")
            lines.append(f"- **{_md(d.text)}**" + (f" ({_md(d.team)} decided)" if d.team else "")
                         + (" — tie broken by the facilitator" if d.tie_broken else ""))
            if d.tally is None:
                lines.append("  - no vote was taken")
            for option in _options(story, d) if d.tally is not None else ():
                pct = 100 * option.votes / d.votes if d.votes else 0
                bar = "█" * round(pct / 5)
                mark = " ✔" if option.chosen else ""
                lines.append(f"  - {_md(option.text)}: {option.votes} ({pct:.0f}%) {bar}{mark}")
            others = others_line(story, d, stats)
            if others:
                lines.append(f"  - all classes on record: {_md(others)}")
            note = film_note(story, d)
            if note:
                lines.append(f"  - *{_md(note)}*")
        lines.append("")
    if trailing:
        lines += [f"↪ *{_md(JUMP_NOTE_LAST)}*", ""]
    lines += ["## What happened to the family", ""]
    lines += [f"- **{_md(e.name)}**: {_md(e.line)}" for e in record.epilogue]
    lines += ["", "## The family across the chapters", ""]
    labels = [s.chapter for s in record.snapshots]
    lines.append("| | " + " | ".join(_md(label) for label in labels) + " |")
    lines.append("|---" * (len(labels) + 1) + "|")
    for person in story.people.values():
        for stat in story.stats.values():
            values = [str(s.stats.get(person.id, {}).get(stat.id, "")) for s in record.snapshots]
            lines.append(f"| {_md(person.short)}: {_md(stat.label)} | " + " | ".join(values) + " |")
    for resource in story.resources.values():
        values = [f"{s.resources.get(resource.id, 0):,}" for s in record.snapshots]
        lines.append(f"| {_md(resource.label)} | " + " | ".join(values) + " |")
    lines += ["", "## What happened to the real family", ""]
    for heading, note in _documentary(story, record):
        lines += [f"### {_md(heading)}", "", _md(note), ""]
    lines += ["## Fact cards", ""]
    for fact in (story.facts[f] for f in record.facts_shown if f in story.facts):
        url = f" <{fact.url}>" if fact.url else ""
        lines += [f"### {_md(fact.title)}: {_md(fact.figure)}", "", _md(fact.text), "",
                  f"Source: {_md(fact.source)}{url}", ""]
    lines += ["## Questions for homework", ""]
    lines += [f"{n}. {_md(q)}" for n, q in enumerate(_questions(story, record), 1)]
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- command


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "report", help="write the report of a class session (.html or .md)",
        description="Writes a printable report of a saved session record: the path and votes, "
                    "the family's fate and stats, the real family's story, facts and homework.")
    parser.add_argument("session", type=Path, metavar="SESSION_JSON", help="a saved session record")
    parser.add_argument("-o", "--output", type=Path, required=True, metavar="FILE",
                        help="where to write: .html or .md")
    parser.add_argument("--story", type=Path, metavar="DIR",
                        help="the story folder (default: the shipped story)")
    parser.add_argument("--class-stats", type=Path, action="append", default=[], metavar="PATH",
                        help="compare with other classes: a folder of session records or an "
                             "exported statistics file (repeatable)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.cli import load_or_report

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
        print(f"report: note: the session was played with {record.story_title} "
              f"{record.story_version}; the story has changed since, so some choices may be "
              "named by their ids", file=err)
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
