"""The session report as one HTML page: no script, no network, no external files; it prints on A4
and Letter, and every story text is escaped."""

from __future__ import annotations

from collections.abc import Callable

from game.engine.classstats import ClassStats
from game.engine.record import Decision, SessionRecord
from game.reporting import chart
from game.reporting import record as read
from game.reporting.page import CSS, distinct_facts, esc, fact_card_html, font_css, scene_label
from game.reporting.summary import SUMMARY_CSS, summary_html, where_it_ended
from game.story.model import Story

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

Add = Callable[[str], None]


def render_html(story: Story, record: SessionRecord, stats: ClassStats | None = None) -> str:
    """The whole report page for one session record (other classes' statistics optional)."""
    out: list[str] = []
    add = out.append
    add(
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(story.title)}: session report</title>\n"
        f"<style>{font_css(story.title_native)}{CSS}{REPORT_CSS}{SUMMARY_CSS}</style>\n"
        "</head>\n<body>"
    )
    native = f" ({esc(story.title_native)})" if story.title_native else ""
    add(f'<header id="top"><h1>{esc(story.title)}{native}: session report</h1>')
    chapters = read.chapters(story, record)
    add(
        f'<p class="meta">Played {esc(record.started_at[:10])} · '
        f"<strong>{esc(where_it_ended(story, record))}</strong> · "
        f"{esc(read.counts(record, chapters))}</p></header>"
    )
    add(summary_html(story, record, [d for _, ds in chapters for d in ds]))
    _path(story, record, read.without_self(record, stats), chapters, add)
    _family(story, record, add)
    _closing_sections(story, record, add)
    add("</body>\n</html>\n")
    return "\n".join(out)


def _path(
    story: Story,
    record: SessionRecord,
    stats: ClassStats | None,
    chapters: list[tuple[str, list[Decision]]],
    add: Add,
) -> None:
    """The path the class took, chapter by chapter, with the notes where it jumped."""
    add('<section id="path"><h2>The path your class took</h2>')
    jumped, trailing = read.after_jumps(story, record)
    roads = read.after_roads(record)
    for chapter, decisions in chapters:
        if id(decisions[0]) in jumped:  # the note goes before the heading it would hide under
            add(f'<p class="jump">↪ {esc(read.JUMP_NOTE)}</p>')
        if id(decisions[0]) in roads:
            add(f'<p class="jump">→ {esc(read.ROAD_NOTE)}</p>')
        add(f"<h3>{esc(chapter or 'The story')}</h3>")
        for n, d in enumerate(decisions):
            if n and id(d) in jumped:
                add(f'<p class="jump">↪ {esc(read.JUMP_NOTE)}</p>')
            if n and id(d) in roads:
                add(f'<p class="jump">→ {esc(read.ROAD_NOTE)}</p>')
            _decision(story, d, stats, add)
    if trailing:
        add(f'<p class="jump">↪ {esc(read.JUMP_NOTE_LAST)}</p>')
    add("</section>")


def _decision(story: Story, d: Decision, stats: ClassStats | None, add: Add) -> None:
    """One decision: where, who and how long, the votes as bars, other classes, the real family."""
    scene = story.scenes.get(d.scene)
    where = scene_label(scene) if scene else ""
    extras = [
        x
        for x in (
            d.team and f"{d.team} decided",
            d.tie_broken and "tie broken by the facilitator",
            d.seconds and f"{read.minutes(d.seconds)} in this scene",
        )
        if x
    ]
    add('<div class="decision">')
    if where or extras:
        add(f'<p class="where">{esc(" · ".join(x for x in (where, *extras) if x))}</p>')
    if d.tally is None:
        add(f'<p class="taken">{esc(d.text)} <span class="note">(no vote was taken)</span></p>')
    for option in read.options(story, d) if d.tally is not None else ():
        votes = option.votes or 0
        pct = 100 * votes / d.votes if d.votes else 0
        chosen = " chosen" if option.chosen else ""
        mark = '<span class="tick">✔ </span>' if option.chosen else ""
        add(
            f'<div class="bar{chosen}"><span class="label">{mark}{esc(option.text)}</span>'
            f'<span class="track"><span class="fill" style="width:{pct:.0f}%"></span></span>'
            f'<span class="count">{votes} ({pct:.0f}%)</span></div>'
        )
    others = read.others_line(story, d, stats)
    if others:
        add(f'<p class="classes">All classes on record: {esc(others)}</p>')
    note = read.film_note(story, d)
    if note:
        add(f'<p class="film">{esc(note)}</p>')
    add("</div>")


def _family(story: Story, record: SessionRecord, add: Add) -> None:
    """What became of each family member, and their stats and resources across the chapters."""
    add('<section id="family"><h2>What happened to the family</h2>')
    if record.epilogue:
        add("<table><tbody>")
        for entry in record.epilogue:
            add(f"<tr><th>{esc(entry.name)}</th><td>{esc(entry.line)}</td></tr>")
        add("</tbody></table>")
    else:
        add(
            '<p class="note">The session ended before the story did'
            + (": the lesson closed there." if record.closed_at else ".")
            + "</p>"
        )
    add("</section>")

    add('<section id="chart"><h2>The family across the chapters</h2>')
    add(f'<p class="chart-note">{esc(chart.chart_note(story, record))}</p>')
    legend = chart.legend(story)
    for stat in story.stats.values():
        add(
            f"<figure><figcaption>{esc(stat.label)} ({stat.min}–{stat.max}) {legend}</figcaption>"
            f"{chart.chart_svg(story, record, stat.id)}</figure>"
        )
    for resource in story.resources.values():
        add(
            f"<p><strong>{esc(resource.label)}</strong> ({esc(resource.unit)}): "
            f"{esc(chart.resource_line(record, resource.id))}</p>"
        )
    add("</section>")


def _closing_sections(story: Story, record: SessionRecord, add: Add) -> None:
    """The real family's story, the fact cards shown, homework, and the prompts discussed."""
    add('<section id="real-family"><h2>What happened to the real family</h2>')
    for heading, note in read.documentary(story, record):
        add(f"<h3>{esc(heading)}</h3><p>{esc(note)}</p>")
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
    add("".join(f"<li>{esc(q)}</li>" for q in read.questions(story, record)))
    add("</ol></section>")
    discussed = read.discussed(story, record)
    if discussed:
        add(
            '<section id="discussed"><h2>Discussed in class</h2><p class="note">The discussion '
            "prompts the class met on its path, in order.</p><ol>"
        )
        add("".join(f"<li>{esc(q)}</li>" for q in discussed))
        add("</ol></section>")
