"""Writes docs/example-report.html: a class session on the shipped story with seeded votes.

    python tools/make_example_report.py [--seed 7] [-o docs/example-report.html]
    python tools/make_example_report.py --lesson three_choices_45 [-o docs/example-lesson-report.html]

A class of 24 votes at every choice (seeded, so the file is reproducible); the majority's choice
is taken, ties go to the first option, and the scene's prompt and fact card count as shown. With
--lesson, the class plays that lesson: votes at its key decisions only (the teacher picks the
other choices), its kept prompts, the road between its parts, and its close.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from game.engine import Session  # noqa: E402
from game.engine.lessons import LessonRun  # noqa: E402
from game.engine.record import SessionRecord  # noqa: E402
from game.reporting import render_html  # noqa: E402
from game.story import default_story_dir, load_story  # noqa: E402

CLASS_SIZE = 24


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path(__file__).resolve().parents[1] / "docs" / "example-report.html",
    )
    parser.add_argument("--lesson", metavar="ID", help="play this lesson of the story")
    args = parser.parse_args(argv)
    if args.lesson and args.output.name == "example-report.html":
        args.output = args.output.with_name("example-lesson-report.html")
    rng = random.Random(args.seed)
    story = load_story(default_story_dir())
    run = LessonRun(story, story.lesson(args.lesson)) if args.lesson else None
    session = run.begin() if run else Session(story)
    record = SessionRecord.begin(session, started_at="2026-11-23T10:00:00+00:00")
    if run:
        record.lesson, record.lesson_title = run.lesson.id, run.lesson.title
    while not session.is_over:
        scene = session.scene
        if scene.discuss and (run is None or run.keeps_prompt(scene.id)):
            record.prompt_shown(scene.id)
        if scene.fact and (run is None or run.lesson.facts):
            record.fact_shown(scene.fact)
        open_choices = [c for c in session.choices() if c.available]
        seconds = rng.randint(60, 300)
        if run is not None and not run.is_key(scene.id) and len(open_choices) > 1:
            picked = rng.choice(open_choices)  # the teacher takes it with the class, no vote
            record.record_decision(session, picked.id, seconds=seconds)
            session.choose(picked.id)
        elif len(open_choices) == 1:
            record.record_decision(session, open_choices[0].id, seconds=seconds)
            session.choose(open_choices[0].id)
        else:
            weights = [rng.random() for _ in open_choices]
            tally = dict.fromkeys((c.id for c in open_choices), 0)
            for _ in range(CLASS_SIZE):
                tally[rng.choices(open_choices, weights)[0].id] += 1
            taken = max(open_choices, key=lambda c: tally[c.id])
            record.record_decision(session, taken.id, tally=tally, seconds=seconds)
            session.choose(taken.id)
        step = run.after_choice(session) if run else None
        if step is not None and step.kind == "bridge":
            record.lesson_took(session, step.road)
            session = step.session
        elif step is not None and step.kind == "close":
            break
    played = sum(d.seconds for d in record.decisions)  # the clock agrees with the time in scenes
    finished = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc) + timedelta(seconds=played)
    if session.is_over:
        record.finish(session, finished_at=finished.isoformat())
    else:
        record.close(session, finished_at=finished.isoformat())
    args.output.write_text(render_html(story, record), encoding="utf-8")
    print(f"Wrote {args.output} ({record.ending_title or 'closed at ' + str(record.closed_at)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
