"""The teacher guide's lesson plan: objectives, curriculum links, vocabulary, a map, each lesson's
procedure minute by minute (measured from the lesson itself), how to run classroom mode, a student
worksheet and an exit ticket (one printed page each), assessment and extensions.

The procedure's minutes come from game.engine.lessons.measure_lesson, so the plan can never promise
a lesson that does not fit its bell.
"""

from __future__ import annotations

from collections.abc import Callable

from game.engine.lessons import (
    CLOSE_MINUTES,
    INTRO_MINUTES,
    READ_ALOUD_WPM,
    VOTE_MINUTES,
    LessonTiming,
    measure_lesson,
)
from game.reporting.page import esc
from game.story.lessons import Lesson
from game.story.model import Story

LESSON_RUNS = 100

PLAN_CSS = """
.plan td, .plan th { width: auto; }
.plan .min { white-space: nowrap; width: 7.5rem; font-variant-numeric: tabular-nums; }
.vocab dt { font-weight: bold; margin-top: .4rem; }
.vocab dd { margin: 0 0 0 1rem; }
.map svg { width: 100%; max-width: 34rem; height: auto; display: block; margin: .5rem auto; }
.keys td:first-child { width: 11rem; font-weight: bold; }
.sheet { border: 1px solid var(--line); padding: .6rem 1rem; margin: 1.5rem 0; }
.sheet h2 { margin-top: .2rem; }
.sheet .line { border-bottom: 1px solid var(--ink); height: 1.7rem; margin: 0 0 .1rem; }
.sheet table td { height: 3.4rem; }
.sheet ol > li { margin: .5rem 0 .2rem; }
@media print {
  .sheet { break-before: page; page-break-before: always; break-after: page;
           page-break-after: always; break-inside: avoid;
           page-break-inside: avoid; border: none; padding: 0; margin: 0; }
  .sheet .line { height: 1.9rem; }
  .sheet table td { height: 4.2rem; }
  #procedures .lesson { break-inside: avoid; page-break-inside: avoid; }
}
"""

OBJECTIVES = (
    "Explain why hundreds of millions of rural Chinese people migrated to work in cities from the "
    "1990s on, using push and pull factors.",
    "Describe how internal migration and the hukou system shaped family life: parents in the city, "
    "left-behind children in the village, one journey home a year.",
    "Weigh a family decision from more than one point of view (parents, daughter, grandparents) and "
    "justify a choice with evidence from the story and the fact cards.",
    "Compare an imagined path with what the real family in Lixin Fan's documentary did, and tell a "
    "documented fact from the game's fiction.",
)

CURRICULUM = (
    (
        "Geography (England, KS3/KS4)",
        "population and urbanisation; migration: causes and "
        "consequences; development in an emerging economy (China).",
    ),
    (
        "IB Geography / AP Human Geography",
        "population distribution and change; internal "
        "migration; rural–urban links and remittances; the hukou system as a migration policy.",
    ),
    (
        "Citizenship / PSHE",
        "rights at work, education and opportunity; family decisions under economic pressure.",
    ),
    (
        "Global learning (UNHCR Against All Odds, PBS POV)",
        "the same empathy-first approach: play a decision, then compare it with documented lives.",
    ),
)

VOCABULARY = (
    (
        "hukou (户口)",
        "household registration. It ties each person to a place, rural or urban; a "
        "migrant worker with a rural hukou could work in a city but had limited access to its "
        "schools, health care and housing.",
    ),
    (
        "chunyun (春运)",
        "the Spring Festival travel season, about forty days around the Lunar New "
        "Year, when migrant workers travel home: the largest yearly movement of people on Earth.",
    ),
    (
        "left-behind children (留守儿童)",
        "children who stay in the village, often with grandparents, while one or both parents work far away.",
    ),
    (
        "gaokao (高考)",
        "the national university entrance examination, taken at the end of senior "
        "high school; for rural families, the road out of factory work.",
    ),
    (
        "piece rate",
        "pay by the piece finished (each pair of jeans sewn), not by the hour: the faster "
        "you work, the more you earn, and long hours follow.",
    ),
    ("remittance", "money a migrant worker sends home to the family."),
)

# Longitude, latitude of the places on the map (Huilong's place is approximate: a village in
# Sichuan, as the film describes it), and of a rough outline of the south China coast.
PLACES = (
    ("Huilong", 106.4, 30.3, "the family's village (Sichuan)"),
    ("Chengdu", 104.07, 30.67, "capital of Sichuan"),
    ("Guangzhou", 113.26, 23.13, "the parents' factory, the station"),
    ("Shenzhen", 114.06, 22.54, "where Qin goes in the film"),
)
COAST = (
    (106.7, 20.7),
    (108.3, 21.6),
    (109.7, 21.5),
    (110.4, 20.3),
    (110.6, 21.2),
    (112.0, 21.7),
    (113.6, 22.2),
    (114.3, 22.3),
    (115.5, 22.7),
    (116.7, 23.3),
    (117.8, 24.2),
    (118.5, 24.6),
    (119.5, 25.6),
    (119.6, 26.6),
    (120.5, 27.5),
    (121.0, 28.5),
    (121.9, 29.6),
    (121.9, 30.9),
)


def map_svg() -> str:
    """Huilong, Chengdu, Guangzhou and Shenzhen, with the journey home, drawn from coordinates
    (an equirectangular sketch of our own: no map data is copied)."""
    west, east, south, north = 99.5, 123.0, 20.0, 32.5
    width, height = 560, 340

    def at(lon: float, lat: float) -> tuple[float, float]:
        return (
            round((lon - west) / (east - west) * width, 1),
            round((north - lat) / (north - south) * height, 1),
        )

    coast = " ".join(f"{x},{y}" for x, y in (at(lon, lat) for lon, lat in COAST))
    home = at(PLACES[0][1], PLACES[0][2])
    city = at(PLACES[2][1], PLACES[2][2])
    km = 500 / (111.32 * 0.88)  # degrees of longitude in 500 km at about 28°N
    bar = km / (east - west) * width
    parts = [
        f'<svg viewBox="0 0 {width} {height}" role="img" xmlns="http://www.w3.org/2000/svg" '
        'aria-label="Map: Huilong and Chengdu in Sichuan, Guangzhou and Shenzhen in Guangdong, '
        'about 2,100 km apart by the journey home">',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#fbfaf7" stroke="#d0d4d9"/>',
        f'<polyline points="{coast}" fill="none" stroke="#7a9cc6" stroke-width="2"/>',
        f'<text x="{at(117.5, 20.8)[0]}" y="{at(117.5, 20.8)[1]}" font-size="12" fill="#7a9cc6" '
        'font-style="italic">South China Sea</text>',
        f'<path d="M{city[0]},{city[1]} Q{at(111.5, 28.5)[0]},{at(111.5, 28.5)[1]} '
        f'{home[0]},{home[1]}" fill="none" stroke="#8e2c1f" stroke-width="2.5" '
        'stroke-dasharray="7 4"/>',
        f'<text x="{at(111.6, 27.4)[0]}" y="{at(111.6, 27.4)[1]}" font-size="12" fill="#8e2c1f">'
        "the journey home: about 2,100 km</text>",
        f'<text x="{at(111.6, 26.7)[0]}" y="{at(111.6, 26.7)[1]}" font-size="11" fill="#8e2c1f">'
        "train, bus, boat, on foot: 2–3 days</text>",
    ]
    # Where each label sits: (below the dot?, to its left?), clear of the route and the sea.
    placing = {
        "Huilong": (True, True),
        "Chengdu": (False, False),
        "Guangzhou": (False, False),
        "Shenzhen": (True, False),
    }
    for name, lon, lat, note in PLACES:
        x, y = at(lon, lat)
        below, left = placing.get(name, (False, False))
        parts.append(f'<circle cx="{x}" cy="{y}" r="5" fill="#1d1d1f"/>')
        ty = y + 18 if below else y - 20
        anchor = "end" if left else "start"
        dx = -8 if left else 8
        parts.append(
            f'<text x="{x + dx}" y="{ty}" font-size="14" font-weight="bold" '
            f'text-anchor="{anchor}">{esc(name)}</text>'
        )
        parts.append(
            f'<text x="{x + dx}" y="{ty + 13}" font-size="10.5" fill="#5f6368" '
            f'text-anchor="{anchor}">{esc(note)}</text>'
        )
    parts.append(
        f'<line x1="20" y1="{height - 20}" x2="{20 + bar:.1f}" y2="{height - 20}" '
        'stroke="#1d1d1f" stroke-width="2"/>'
    )
    parts.append(f'<text x="20" y="{height - 27}" font-size="11">500 km</text>')
    parts.append(
        f'<text x="{width - 26}" y="28" font-size="14" font-weight="bold">N</text>'
        f'<path d="M{width - 22},34 l-5,14 h10 z" fill="#1d1d1f"/>'
    )
    parts.append("</svg>")
    return "".join(parts)


def _scene_names(story: Story, scene_ids: frozenset[str]) -> str:
    names = [story.scenes[s] for s in story.scenes if s in scene_ids]
    return "; ".join(f"{s.when or s.chapter} ({s.key})" if s.key else (s.when or s.chapter) for s in names)


def procedure_rows(story: Story, lesson: Lesson, timing: LessonTiming) -> list[tuple[float, float, str]]:
    """(from minute, to minute, what happens) for the lesson, from its measured medians."""
    rows: list[tuple[float, float, str]] = []
    clock = 0.0
    rows.append(
        (
            clock,
            clock + INTRO_MINUTES,
            "Open classroom mode → Start a lesson… → "
            f"“{lesson.title}”. Read the content note aloud; show the map and the words.",
        )
    )
    clock += INTRO_MINUTES
    for index, part in enumerate(lesson.parts):
        spent = timing.part_minutes(index)
        share = timing.part_share(index)
        if not spent:
            continue
        keys = [s for s in lesson.key if s in part.scenes]
        prompts = [s for s in lesson.prompts if s in part.scenes]
        what = [f"<strong>{esc(part.title)}</strong>"]
        if share < 1:
            what.append(f"(only if the class's road leads here: {share:.0%} of measured runs)")
        if keys:
            what.append(
                "Class vote at " + esc(_scene_names(story, frozenset(keys))) + ", then the "
                "real family's panel."
            )
        if prompts:
            what.append(
                f"Discussion ({lesson.pause_minutes} min each): "
                + " / ".join(f"“{esc(story.scenes[s].discuss)}”" for s in sorted(prompts))
            )
        if part.bridge and index < len(lesson.parts) - 1:
            what.append(f"The lesson moves on: “{esc(part.bridge)}”")
        rows.append((clock, clock + spent, " ".join(what)))
        clock += spent if share >= 0.5 else 0  # a rare part is time in hand, not on the clock
    rows.append(
        (
            clock,
            clock + CLOSE_MINUTES,
            "Closing screen: what the class decided, where the "
            "family stands, what really happened next. The class answers the last question: "
            f"“{esc(lesson.close_question)}”",
        )
    )
    clock += CLOSE_MINUTES
    if clock < lesson.minutes:
        rows.append(
            (
                clock,
                float(lesson.minutes),
                "Exit ticket (or homework from the class report); time in hand for a longer discussion.",
            )
        )
    return rows


def _procedures(story: Story, add: Callable[[str], None]) -> list[LessonTiming]:
    timings = []
    add('<section id="procedures"><h2>Lesson procedures, minute by minute</h2>')
    add(
        f'<p class="note">Each lesson is measured over {LESSON_RUNS} seeded playthroughs of the '
        f"lesson itself: every word put on the screen read aloud at {READ_ALOUD_WPM} words a minute "
        "(a steady reading-aloud pace; reading aloud to a class usually runs 120–150), "
        f"{VOTE_MINUTES:g} minute for each class vote, each lesson's own minutes for each discussion "
        f"prompt it keeps, {INTRO_MINUTES:g} minutes to open and {CLOSE_MINUTES:g} for the closing "
        "question. The minutes below are medians; “longest” is the slowest measured way through the "
        "lesson, which must fit its bell.</p>"
    )
    for lesson in story.lessons:
        timing = measure_lesson(story, lesson, LESSON_RUNS)
        timings.append(timing)
        add(f'<div class="lesson" id="lesson-{esc(lesson.id)}"><h3>{esc(lesson.title)}</h3>')
        if lesson.summary:
            add(f"<p>{esc(lesson.summary)}</p>")
        add(
            f'<p class="note">Measured: {timing.median_words:,} words read (longest '
            f"{timing.longest_words:,}), {timing.median('votes'):g} votes, "
            f"{timing.median('prompts'):g} discussions; about {timing.median_minutes:.0f} minutes "
            f"(longest {timing.longest_minutes:.0f}) of {lesson.minutes}.</p>"
        )
        add('<table class="plan"><tbody>')
        for start, end, what in procedure_rows(story, lesson, timing):
            add(f'<tr><td class="min">{start:.0f}–{end:.0f} min</td><td>{what}</td></tr>')
        add("</tbody></table></div>")
    add("</section>")
    return timings


def _running(add: Callable[[str], None]) -> None:
    add(
        '<section id="running"><h2>Running classroom mode</h2>'
        "<p>From the title screen choose <strong>Classroom</strong>: the text switches to the "
        "largest size for the projector. Set the discussion pauses, class votes and teams, then "
        "<strong>Start a lesson…</strong> (or start at a chapter, or at the beginning). A lesson "
        "starts at its first scene with the state the real family's road leads to.</p>"
        '<table class="keys"><tbody>'
        "<tr><td>Space / Enter</td><td>show the whole text at once; go on past a card</td></tr>"
        "<tr><td>1–9</td><td>choose an option (in a lesson, a key decision opens the vote)</td></tr>"
        "<tr><td>Vote: 1 ␣ 14 ␣ 2 ␣ 9 ␣</td><td>option 1 gets 14 votes, option 2 gets 9: an option's "
        "number, a space, its votes, a space; +/− or ↑/↓ change a count; Enter decides; S skips "
        "the vote</td></tr>"
        "<tr><td>Ctrl+Z / Backspace</td><td>undo the last decision (it leaves the record too)</td></tr>"
        "<tr><td>Tab</td><td>the family's page</td></tr>"
        "<tr><td>Esc</td><td>the menu: save, load, history, settings, <strong>End the class "
        "here</strong> (at the bell: the closing screen, and the session counts), back to the title "
        "(the class goes on with Resume class)</td></tr></tbody></table>"
        "<p><strong>Votes</strong> are taken only at the lesson's key decisions, marked on the play "
        "screen (“Key decision · class vote”); after each, the class sees what the real family did. "
        "<strong>Teams</strong> give each family member's decisions to a team (“Team Parents”). "
        "No student's name is asked for or stored. Every decision is saved at once in the sessions "
        "folder; the closing or ending screen writes the <strong>Class report</strong>.</p></section>"
    )


def _sheets(story: Story, add: Callable[[str], None]) -> None:
    keys = [
        ("Leave the village", "1990"),
        ("Quit school", "Qin at sixteen"),
        ("Go home for New Year", "2008"),
    ]
    add(
        '<section id="worksheet" class="sheet"><h2>Student worksheet</h2>'
        "<p>Name: ______________________ Class: __________ Date: __________</p>"
        "<ol><li>Label Huilong, Chengdu, Guangzhou and Shenzhen on a map of China. About how far "
        'is the journey home?<div class="line"></div></li>'
        "<li>In your own words: <em>hukou</em>, <em>chunyun</em>, <em>left-behind child</em>, "
        '<em>piece rate</em>.<div class="line"></div><div class="line"></div>'
        '<div class="line"></div></li>'
        "<li>For each key decision: what did your class choose, your reason, and what did the real "
        "family do?<table><thead><tr><th>Decision</th><th>Our class chose</th><th>Our reason</th>"
        "<th>The real family</th></tr></thead><tbody>"
    )
    for name, year in keys:
        add(f"<tr><td>{esc(name)} ({year})</td><td></td><td></td><td></td></tr>")
    add(
        "</tbody></table></li>"
        "<li>One push factor and one pull factor for the parents' move to Guangzhou.<div "
        'class="line"></div><div class="line"></div></li>'
        "<li>Which family member paid most for the family's choices? Give evidence from the "
        'story or a fact card.<div class="line"></div><div class="line"></div>'
        '<div class="line"></div></li></ol></section>'
    )
    add(
        '<section id="exit-ticket" class="sheet"><h2>Exit ticket</h2>'
        "<p>Name: ______________________ Class: __________</p><ol>"
        "<li>One fact you learned today about migrant workers in China (with its number, if it "
        'had one):<div class="line"></div><div class="line"></div></li>'
        '<li>The decision you found hardest, and why:<div class="line"></div>'
        '<div class="line"></div></li>'
        '<li>Answer the lesson\'s last question in one sentence:<div class="line"></div>'
        '<div class="line"></div></li>'
        '<li>One question you still have:<div class="line"></div></li></ol>'
        '<p class="note">Tear off and hand in.</p></section>'
    )


def render_plan(story: Story, add: Callable[[str], None]) -> list[LessonTiming]:
    """Adds the lesson plan's sections (before the story reference); returns each lesson's timing."""
    add(
        '<section id="objectives"><h2>Learning objectives</h2><p>By the end of a lesson, students '
        "can:</p><ul>" + "".join(f"<li>{esc(o)}</li>" for o in OBJECTIVES) + "</ul></section>"
    )
    add(
        '<section id="curriculum"><h2>Curriculum links</h2><table><tbody>'
        + "".join(f"<tr><th>{esc(a)}</th><td>{esc(b)}</td></tr>" for a, b in CURRICULUM)
        + "</tbody></table></section>"
    )
    add(
        '<section id="vocabulary"><h2>Vocabulary</h2><dl class="vocab">'
        + "".join(f"<dt>{esc(a)}</dt><dd>{esc(b)}</dd>" for a, b in VOCABULARY)
        + "</dl></section>"
    )
    add(
        '<section id="map" class="map"><h2>Map: Huilong to Guangzhou</h2>'
        + map_svg()
        + "<p class=\"note\">Drawn for this guide from the places' coordinates; Huilong's position is "
        "approximate. The coast is a rough outline.</p></section>"
    )
    timings = _procedures(story, add)
    _running(add)
    add(
        '<section id="assessment"><h2>Assessment and extensions</h2><ul>'
        "<li><strong>Formative:</strong> the votes and discussions (the class report records each "
        "vote and the prompts discussed), the worksheet and the exit ticket.</li>"
        "<li><strong>Summative:</strong> an extended answer: “To what extent did the family have "
        "a choice?” using two fact cards and the real family's story as evidence.</li>"
        "<li><strong>Extension:</strong> play the “what if” chapter (Staying in Huilong) and "
        "compare it with the film's road; research chunyun today with the fact cards' sources; "
        "watch an extract of the documentary (check its rating for your class).</li>"
        "<li><strong>Support:</strong> turn on “show all” text (no typing), use the vocabulary list "
        "first, and pair readers.</li></ul></section>"
    )
    _sheets(story, add)
    return timings


__all__ = ["LESSON_RUNS", "PLAN_CSS", "map_svg", "procedure_rows", "render_plan"]
