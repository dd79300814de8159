"""The one-page class summary at the top of a session report: class and teacher fields to fill in,
the lesson, the decisions the class took (voted or not), the ending or the lesson's close, and how
the class's road compares with the real family's."""

from __future__ import annotations

from game.engine.record import Decision, SessionRecord
from game.reporting.page import esc
from game.story.model import Story

SUMMARY_CSS = """
.summary { border: 2px solid var(--accent); border-radius: 6px; padding: .4rem 1rem .6rem;
           margin: 1rem 0; }
.summary h2 { margin-top: .4rem; }
.fields { table-layout: auto; margin: .3rem 0 .6rem; }
.fields th { width: auto; white-space: nowrap; border: none; padding-right: .3rem; }
.fields td { border-bottom: 1px solid var(--ink); min-width: 9rem; }
.summary ol { margin: .2rem 0 .4rem; padding-left: 1.4rem; }
.summary li { margin: .2rem 0; }
.summary .how { color: var(--muted); font-size: .88rem; }
.summary .same { color: var(--accent); font-size: .88rem; }
@media print { .summary { break-after: page; page-break-after: always; border: none; padding: 0; } }
"""


def _film_choice(story: Story, decision: Decision) -> str | None:
    """The real family's choice at this decision, if the story marks one."""
    scene = story.scenes.get(decision.scene)
    marked = [c for c in scene.choices if c.film] if scene else []
    return marked[0].full_id if marked else None


def _how(decision: Decision) -> str:
    """ "decided by vote, 14 of 23" only where a vote was taken."""
    if not decision.tally:
        return "chosen by the teacher, without a vote"
    votes = decision.tally.get(decision.choice, 0)
    tie = ", tie broken by the teacher" if decision.tie_broken else ""
    return f"decided by vote, {votes} of {decision.votes}{tie}"


def where_it_ended(story: Story, record: SessionRecord) -> str:
    """The ending's title, the place where a lesson closed, or "not finished"."""
    if record.ending_title:
        return f"ending: {record.ending_title}"
    if record.closed_at:
        scene = story.scenes.get(record.closed_at)
        where = " · ".join(x for x in (scene.place, scene.when) if x) if scene else record.closed_at
        return f"the lesson closed mid-story ({where})"
    return "not finished"


def summary_html(story: Story, record: SessionRecord, decisions: list[Decision]) -> str:
    """The summary section; `decisions` are the class's real decisions (not "Continue", not the
    road a lesson took between its parts)."""
    out = [
        '<section id="summary" class="summary"><h2>Class summary</h2>',
        '<table class="fields"><tr><th>Class:</th><td contenteditable="true"></td>'
        '<th>Teacher:</th><td contenteditable="true"></td>'
        f"<th>Date:</th><td>{esc(record.started_at[:10])}</td></tr></table>",
    ]
    lesson = story.lesson(record.lesson) if record.lesson else None
    title = record.lesson_title or (lesson.title if lesson else None)
    what = f"Lesson: <strong>{esc(title)}</strong> · " if title else ""
    out.append(f"<p>{what}{esc(where_it_ended(story, record))}</p>")
    key = [d for d in decisions if d.tally or (story.scenes.get(d.scene) and story.scenes[d.scene].key)]
    shown = key or decisions
    heading = "The key decisions" if key and len(key) < len(decisions) else "The decisions"
    out.append(f"<h3>{heading}</h3><ol>")
    same = compared = 0
    for decision in shown:
        scene = story.scenes.get(decision.scene)
        when = (scene.when if scene else "") or decision.chapter
        film = _film_choice(story, decision)
        how = f'<span class="how">({esc(_how(decision))})</span>'
        line = f"<li>{esc(when)}: <strong>{esc(decision.text)}</strong> {how}"
        if film is not None:
            compared += 1
            if film == decision.choice:
                same += 1
                line += ' <span class="same">— as the real family did</span>'
            else:
                chosen = story.choice(film)
                line += (
                    f' <span class="same">— the real family: {esc(chosen.text if chosen else film)}</span>'
                )
        out.append(line + "</li>")
    if not shown:
        out.append("<li>No decisions were taken.</li>")
    out.append("</ol>")
    if compared:
        out.append(
            f"<p><strong>Compared with the real family:</strong> at {same} of {compared} "
            "decisions where the film shows what the Zhangs did, the class chose as they did.</p>"
        )
    if lesson is not None and record.closed_at:
        out.append(f"<p><strong>What really happened next:</strong> {esc(lesson.close_next)}</p>")
        out.append(f"<p><strong>The last question:</strong> {esc(lesson.close_question)}</p>")
    out.append("</section>")
    return "\n".join(out)


__all__ = ["SUMMARY_CSS", "summary_html", "where_it_ended"]
