"""The session report, for a session that reached each ending of the shipped story."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Session
from game.engine.classstats import ClassStats, SessionSummary, from_records
from game.engine.explore import random_playthrough
from game.engine.record import SessionRecord, record_from_session
from game.reporting import render_html, render_markdown
from game.reporting.record import GENERAL_QUESTIONS, HOMEWORK_FROM_PATH, others_line, short_label
from game.story import default_story_dir, load_story
from tests.htmlkit import parse_page

SECTIONS = {"path", "family", "chart", "real-family", "facts", "homework"}


@pytest.fixture(scope="module")
def story():
    return load_story(default_story_dir())


@pytest.fixture(scope="module")
def records_by_ending(story) -> dict[str, SessionRecord]:
    """One record per ending: random playthroughs with seeds 0, 1, ... until every one is met."""
    found: dict[str, SessionRecord] = {}
    for seed in range(2000):
        played, session = random_playthrough(story, seed)
        if played.ending and played.ending not in found:
            found[played.ending] = record_from_session(session)
        if len(found) == len(story.endings):
            break
    return found


def test_every_ending_of_the_story_is_reached(story, records_by_ending):
    assert set(records_by_ending) == {e.id for e in story.endings}


def test_the_report_for_each_ending_has_every_part(story, records_by_ending):
    for ending_id, record in records_by_ending.items():
        page = render_html(story, record)
        parts = parse_page(page)
        text = parts.words
        assert SECTIONS <= parts.ids, ending_id
        assert "svg" in parts.tags and "polyline" in parts.tags
        assert "script" not in parts.tags and "link" not in parts.tags
        assert not any(a.startswith(("src=http", "href=//")) for a in parts.attrs)
        assert len(record.epilogue) == len(story.people)
        for entry in record.epilogue:
            assert " ".join(entry.line.split()) in text, (ending_id, entry.person)
            assert entry.name in text
        ending = next(e for e in story.endings if e.id == ending_id)
        if ending.documentary:
            assert " ".join(ending.documentary.split()) in text
        for fact_id in record.facts_shown:
            assert story.facts[fact_id].source in text
        for scene_id in record.scenes_visited():
            if story.scenes[scene_id].discuss:
                assert " ".join(story.scenes[scene_id].discuss.split()) in text


def test_story_text_is_escaped(story, records_by_ending):
    record = next(iter(records_by_ending.values()))
    record.decisions[0].text = '<script>alert("x")</script> & more'
    record.epilogue[0].line = "<b>bold</b> & <i>"
    record.decisions[0].tally = None
    page = render_html(story, record)
    assert "<script>" not in page and "<b>bold" not in page
    assert html.escape('<script>alert("x")</script> & more') in page
    parts = parse_page(page)
    assert "script" not in parts.tags and "b" not in parts.tags
    assert "<b>bold</b> & <i>" in " ".join(parts.text)
    markdown = render_markdown(story, record)
    assert "<script>" not in markdown and "\\<b\\>bold" in markdown


def test_votes_show_as_bars_and_ties_are_named(story):
    played, _ = random_playthrough(story, 11)
    session = Session(story)
    record = SessionRecord.begin(session)
    for choice_id in played.path:
        offered = [c.id for c in session.choices() if c.available]
        tally = {c: 3 for c in offered} if len(offered) > 1 else None
        record.record_decision(session, choice_id, tally, seconds=90, team="Team Yang")
        session.choose(choice_id)
    record.finish(session)
    stats = from_records([record, record_from_session(random_playthrough(story, 12)[1])])
    page = render_html(story, record, stats)
    assert 'class="bar chosen"' in page
    assert "width:50%" in page or "width:33%" in page
    assert "tie broken by the facilitator" in page and "Team Yang decided" in page
    assert "All classes on record" in page
    markdown = render_markdown(story, record, stats)
    assert "✔" in markdown and "tie broken" in markdown


def test_other_classes_take_one_line_per_decision(story):
    played = [record_from_session(random_playthrough(story, seed)[1]) for seed in range(6)]
    record, stats = played[0], from_records(played)
    page = render_html(story, record, stats)
    markdown = render_markdown(story, record, stats)
    decisions = page.count('<div class="decision">')
    lines = page.count('<p class="classes">All classes on record: ')
    assert 0 < lines <= decisions  # one line per decision, never one per option
    assert markdown.count("all classes on record: ") == lines
    # The other five classes: the report never compares a class with itself.
    assert "(5 classes)" in page and "(6 classes)" not in page and "% of " not in page
    first = record.decisions[0]
    shares = [stats.share(c.full_id, story.title) for c in story.scenes[first.scene].choices]
    assert sum(s.taken for s in shares) == shares[0].reached == 6


def test_short_labels_keep_the_first_clause_and_names():
    assert short_label("Rent a room in the lanes — forty yuan a month") == "rent a room in the lanes"
    assert short_label("Changhua goes first; you stay", frozenset({"Changhua"})) == "Changhua goes first"
    assert short_label("Wait " + "very " * 20 + "long").endswith("…")
    assert len(short_label("Wait " + "very " * 20 + "long")) <= 41


def test_the_command_writes_html_and_markdown(story, records_by_ending, tmp_path: Path, capsys):
    record = next(iter(records_by_ending.values()))
    saved = record.save(tmp_path / "sessions")
    assert (
        main(
            [
                "report",
                str(saved),
                "-o",
                str(tmp_path / "r.html"),
                "--class-stats",
                str(tmp_path / "sessions"),
            ]
        )
        == 0
    )
    assert (tmp_path / "r.html").read_text().startswith("<!DOCTYPE html>")
    assert main(["report", str(saved), "-o", str(tmp_path / "r.md")]) == 0
    assert "## Questions for homework" in (tmp_path / "r.md").read_text()
    assert main(["report", str(saved), "-o", str(tmp_path / "r.pdf")]) == 2
    (tmp_path / "bad.json").write_text("{")
    assert main(["report", str(tmp_path / "bad.json"), "-o", str(tmp_path / "x.html")]) == 1
    assert "not valid JSON" in capsys.readouterr().err


def test_the_report_names_what_the_real_family_chose(story):
    # Qin stays in school here, unlike the real Qin: the report says what the film showed.
    session = Session(story)
    while session.scene.id != "ny_qin_decides":
        open_choices = [c for c in session.choices() if c.available]
        marked = [c for c in open_choices if story.choice(c.id).film]
        session.choose((marked or open_choices)[0].id)
    session.choose("ny_qin_decides.swallow")
    while not session.is_over:
        session.choose(next(c.id for c in session.choices() if c.available))
    page = render_html(story, record_from_session(session))
    assert "The real family made the same choice." in page  # leaving the village together
    assert "In the film, the real family chose: Say it straight. You&#x27;re not going back." in page
    assert "the real family chose" in render_markdown(story, record_from_session(session))


def _played_to_the_end(story, seed: int) -> Session:
    return random_playthrough(story, seed)[1]


def test_homework_puts_the_general_questions_first_and_keeps_discussed_prompts_apart(story):
    session = _played_to_the_end(story, 3)
    in_class = record_from_session(session)  # every prompt on the path was discussed
    page = render_html(story, in_class)
    homework = page[page.index('id="homework"') : page.index('id="discussed"')]
    assert homework.index(html.escape(GENERAL_QUESTIONS[0], quote=True)) < 200
    assert homework.count("<li>") == len(GENERAL_QUESTIONS)  # nothing already discussed
    discussed = page[page.index('id="discussed"') :]
    assert discussed.count("<li>") == len(in_class.prompts_shown) > HOMEWORK_FROM_PATH
    # Played without pauses: some of the path's prompts become homework, the key ones first.
    at_home = record_from_session(session, cards_shown=False)
    page = render_html(story, at_home)
    assert 'id="discussed"' not in page
    homework = page[page.index('id="homework"') :]
    assert homework.count("<li>") == len(GENERAL_QUESTIONS) + HOMEWORK_FROM_PATH
    keyed = [s for s in at_home.scenes_visited() if story.scenes[s].discuss and story.scenes[s].key]
    for scene_id in keyed[:HOMEWORK_FROM_PATH]:
        assert html.escape(" ".join(story.scenes[scene_id].discuss.split()), quote=True) in homework


def test_a_fact_card_met_twice_under_two_ids_is_printed_once(story):
    record = record_from_session(_played_to_the_end(story, 3))
    fact_id = next(iter(story.facts))
    twin = story.facts[fact_id]
    story_with_twin = replace(story, facts={**story.facts, "twin": twin})
    record.facts_shown = [fact_id, "twin"]
    page = render_html(story_with_twin, record)
    assert page.count(f"<h3>{html.escape(twin.title, quote=True)}</h3>") == 1
    assert render_markdown(story_with_twin, record).count(f"### {twin.title}") == 1


def test_the_charts_and_savings_break_where_another_playthrough_was_loaded(story):
    record = next(
        r
        for r in (record_from_session(_played_to_the_end(story, seed)) for seed in range(50))
        if len(r.snapshots) >= 6
    )
    middle = record.snapshots[3].decisions  # a load between the third and fourth chapters
    unbroken = render_html(story, record)
    record.jumps = [middle]
    page = render_html(story, record)
    assert "save loaded" in page and "save loaded" not in unbroken
    # Each person's line is drawn in two runs instead of one, on each of the three charts.
    assert page.count("<polyline") == unbroken.count("<polyline") + len(story.people) * len(story.stats)
    savings = page[page.index("<strong>Savings</strong>") :].split("</p>")[0]
    assert savings.count("↪") == 1 and "→" in savings
    assert "↪" in render_markdown(story, record).split("## The family across the chapters")[1]


def test_options_with_the_same_first_clause_are_told_apart_in_the_classes_line(story):
    scene = next(s for s in story.scenes.values() if len([c for c in s.choices if not c.is_continue]) >= 2)
    first, second = [c for c in scene.choices if not c.is_continue][:2]
    twins = {first.full_id: "Go home to give birth, in March", second.full_id: "Go home to give birth, now"}
    choices = tuple(replace(c, text=twins.get(c.full_id, c.text)) for c in scene.choices)
    patched = replace(story, scenes={**story.scenes, scene.id: replace(scene, choices=choices)})
    session = Session(patched, start=scene.id)
    record = SessionRecord.begin(session)
    record.record_decision(session, first.full_id, {first.full_id: 2, second.full_id: 1})
    stats = ClassStats()
    for n, taken in enumerate((first, second, second)):  # three classes on record
        stats.sessions[f"class{n}"] = SessionSummary(story.title, ((scene.id, taken.full_id),), "x")
    line = others_line(patched, record.decisions[0], stats)
    assert line is not None and "in March" in line and "now" in line


def test_the_markdown_report_reads_once_and_says_what_is_fiction(story):
    record = record_from_session(_played_to_the_end(story, 7))
    text = render_markdown(story, record)
    assert "The choices in the game are imagined" in text
    assert ".:" not in text  # an option's full stop is not followed by the count's colon
    chosen = record.decisions[0].text
    assert text.count(chosen) <= 2  # in the path once (and at most once more in a later scene)
    unfinished = record_from_session(_played_to_the_end(story, 7))
    unfinished.epilogue = []
    assert "The session ended before the story did." in render_markdown(story, unfinished)


def test_the_chinese_title_prints_without_a_chinese_font_on_the_computer(story, records_by_ending):
    page = render_html(story, next(iter(records_by_ending.values())))
    assert story.title_native in page
    assert '@font-face { font-family: "Story CJK"; src: url(data:font/otf;base64,' in page
    fetched = re.sub(r'href="[^"]*"', "", page)  # a link to a fact's source is not fetched
    assert "http://" not in fetched.replace('xmlns="http://www.w3.org/2000/svg"', "")


def test_a_lesson_stopped_at_the_bell_and_the_same_lesson_closed(story) -> None:
    # A lesson the class stopped before its close says so and is not in the statistics; once it
    # closes mid-story it counts, and its report says where it closed and asks the last question.
    from game.engine.lessons import LessonRun

    lesson = story.lesson("three_choices_20")
    run = LessonRun(story, lesson)
    session = run.begin()
    record = SessionRecord.begin(session)
    record.lesson, record.lesson_title = lesson.id, lesson.title
    stats = ClassStats()
    step = None
    for n in range(60):
        views = [v for v in session.choices() if v.available]
        choice, other = views[0].id, views[-1].id
        key = run.is_key(session.scene.id)
        record.record_decision(
            session, choice, tally={choice: 14, other: 9} if key and choice != other else None
        )
        session.choose(choice)
        step = run.after_choice(session)
        if n == 0:  # the bell rings after the first vote
            page = render_html(story, record)
            assert "not finished" in page and "decided by vote, 14 of 23" in page
            assert "The session ended before the story did." in render_markdown(story, record)
            assert not stats.add(record) and stats.count() == 0
        if step.kind == "bridge":
            record.lesson_took(session, step.road)
            session = step.session
        elif step.kind in ("close", "ending"):
            break
    assert step is not None and step.kind == "close"
    record.close(session)
    assert stats.add(record) and stats.count() == 1
    page = render_html(story, record)
    assert "the lesson closed mid-story" in page and html.escape(lesson.close_question, quote=True) in page
    summary = page.split('id="summary"')[1].split("</section>")[0]
    assert summary.count("decided by vote") == sum(1 for d in record.decisions if d.tally)
    assert "The session ended before the story did: the lesson closed there." in page
