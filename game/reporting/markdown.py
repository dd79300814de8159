"""The session report as Markdown, for pasting into a learning platform or a document."""

from __future__ import annotations

from game.engine.classstats import ClassStats
from game.engine.record import Decision, SessionRecord
from game.reporting import chart
from game.reporting import record as read
from game.reporting.page import distinct_facts, scene_label, web_address
from game.reporting.summary import where_it_ended
from game.story.model import Story


def md_safe(text: object) -> str:
    """Markdown-safe text: escapes the characters that would start markup or HTML."""
    text = " ".join(str(text).split())
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(story: Story, record: SessionRecord, stats: ClassStats | None = None) -> str:
    """The whole report for one session record, as Markdown."""
    stats = read.without_self(record, stats)
    chapters = read.chapters(story, record)
    meta = (
        f"Played {md_safe(record.started_at[:10])} · **{md_safe(where_it_ended(story, record))}** · "
        f"{md_safe(read.counts(record, chapters))}"
    )
    lines = [f"# {md_safe(story.title)}: session report", "", meta, "", "## The path your class took", ""]
    jumped, trailing = read.after_jumps(story, record)
    roads = read.after_roads(record)
    for chapter, decisions in chapters:
        lines += [f"### {md_safe(chapter or 'The story')}", ""]
        for d in decisions:
            if id(d) in jumped:
                lines += [f"**↪ {md_safe(read.JUMP_NOTE)}**", ""]
            if id(d) in roads:
                lines += [f"**→ {md_safe(read.ROAD_NOTE)}**", ""]
            lines += _decision(story, d, stats)
        lines.append("")
    if trailing:
        lines += [f"**↪ {md_safe(read.JUMP_NOTE_LAST)}**", ""]
    lines += _family(story, record)
    lines += _closing_sections(story, record)
    return "\n".join(lines) + "\n"


def _decision(story: Story, d: Decision, stats: ClassStats | None) -> list[str]:
    """One decision as a list item, its options (with votes) nested below it."""
    scene = story.scenes.get(d.scene)
    extras = [
        x
        for x in (
            scene_label(scene) if scene else "",
            d.team and f"{d.team} decided",
            d.tie_broken and "tie broken by the facilitator",
            d.seconds and read.minutes(d.seconds),
        )
        if x
    ]
    lines = []
    if d.tally is None:
        lines.append(
            f"- ✔ **{md_safe(d.text)}** (no vote was taken)"
            + (f" — {md_safe(' · '.join(extras))}" if extras else "")
        )
    else:
        lines.append(f"- {md_safe(' · '.join(extras)) if extras else 'A vote'}")
    for option in read.options(story, d) if d.tally is not None else ():
        votes = option.votes or 0
        pct = 100 * votes / d.votes if d.votes else 0
        bar = "█" * round(pct / 5)
        text = md_safe(option.text.rstrip(".!?;:,") if option.text[-1:] in ".;:," else option.text)
        label = f"✔ **{text}**" if option.chosen else text
        lines.append(f"  - {label}: {votes} ({pct:.0f}%)" + (f" {bar}" if bar else ""))
    others = read.others_line(story, d, stats)
    if others:
        lines.append(f"  - all classes on record: {md_safe(others)}")
    note = read.film_note(story, d)
    if note:
        lines.append(f"  - *{md_safe(note)}*")
    return lines


def _family(story: Story, record: SessionRecord) -> list[str]:
    """What became of the family, and one small table per stat: chapters down, people across."""
    lines = ["## What happened to the family", ""]
    if record.epilogue:
        lines += [f"- **{md_safe(e.name)}**: {md_safe(e.line)}" for e in record.epilogue]
    else:
        lines.append("The session ended before the story did.")
    lines += ["", "## The family across the chapters", "", md_safe(chart.chart_note(story, record)), ""]
    gaps = chart.jump_between(record)
    labels = [("↪ " if i in gaps else "") + s.chapter for i, s in enumerate(record.snapshots)]
    for stat in story.stats.values():
        lines += [f"**{md_safe(stat.label)}** ({stat.min}–{stat.max})", ""]
        lines.append("| | " + " | ".join(md_safe(p.short) for p in story.people.values()) + " |")
        lines.append("|---" * (len(story.people) + 1) + "|")
        for label, snap in zip(labels, record.snapshots, strict=True):
            values = [str(snap.stats.get(p, {}).get(stat.id, "")) for p in story.people]
            lines.append(f"| {md_safe(label)} | " + " | ".join(values) + " |")
        lines.append("")
    for resource in story.resources.values():
        line = chart.resource_line(record, resource.id)
        lines += [f"**{md_safe(resource.label)}** ({md_safe(resource.unit)}): {md_safe(line)}", ""]
    return lines


def _closing_sections(story: Story, record: SessionRecord) -> list[str]:
    """The real family's story, the fact cards shown, homework, and the prompts discussed."""
    lines = ["## What happened to the real family", ""]
    for heading, note in read.documentary(story, record):
        lines += [f"### {md_safe(heading)}", "", md_safe(note), ""]
    lines += [
        "*From Lixin Fan's documentary Last Train Home (2009). The choices in the game are "
        "imagined; the documentary notes and fact cards are not.*",
        "",
        "## Fact cards",
        "",
    ]
    facts = distinct_facts(story, record.facts_shown)
    if not facts:
        lines += ["No fact cards were shown in this session.", ""]
    for fact in facts:
        url = f" <{fact.url}>" if web_address(fact.url) else f" ({md_safe(fact.url)})" if fact.url else ""
        lines += [f"### {md_safe(fact.title)}: {md_safe(fact.figure)}", "", md_safe(fact.text), ""]
        lines += [f"Source: {md_safe(fact.source)}{url}", ""]
    lines += ["## Questions for homework", ""]
    lines += [f"{n}. {md_safe(q)}" for n, q in enumerate(read.questions(story, record), 1)]
    discussed = read.discussed(story, record)
    if discussed:
        lines += ["", "## Discussed in class", ""]
        lines += [f"{n}. {md_safe(q)}" for n, q in enumerate(discussed, 1)]
    return lines
