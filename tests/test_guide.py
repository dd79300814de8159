"""The teacher guide is generated from the story: everything a teacher needs is in it."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from game.cli import main
from game.story import default_story_dir, load_story
from game.story.model import paragraphs
from game.tools.guide import render_guide
from tests.htmlkit import parse_page


@pytest.fixture(scope="module")
def story():
    return load_story(default_story_dir())


@pytest.fixture(scope="module")
def guide(story):
    page = render_guide(story, runs=20)
    parts = parse_page(page)
    return page, parts, parts.words


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_guide_has_every_part(guide):
    _, parts, _ = guide
    assert {
        "synopsis",
        "content-note",
        "chapters",
        "key-decisions",
        "prompts",
        "facts",
        "real-family",
    } <= parts.ids
    assert "script" not in parts.tags


def test_every_prompt_fact_key_and_note_of_the_story_is_in_the_guide(story, guide):
    _, _, text = guide
    for scene in story.scenes.values():
        if scene.discuss:
            assert _flat(scene.discuss) in text, scene.id
        if scene.documentary:
            assert _flat(scene.documentary) in text, scene.id
        for paragraph in paragraphs(scene.teacher_note or ""):
            assert _flat(paragraph) in text, scene.id
        if scene.key:
            assert scene.key[1:] in text
            for choice in scene.choices:
                if choice.film:  # the real family's choice is marked at each key decision
                    assert f"{_flat(choice.text)} ◆ the real family" in text, scene.id
    for fact in story.facts.values():
        assert _flat(fact.text) in text and _flat(fact.source) in text
    for ending in story.endings:
        if ending.documentary:
            assert _flat(ending.documentary) in text
    for paragraph in paragraphs(story.content_note) + paragraphs(story.synopsis):
        assert paragraph in text
    for chapter in story.chapters():
        assert chapter in text
    assert any(scene.teacher_note for scene in story.scenes.values())  # the note before the fight


def test_timings_cover_every_chapter(story, guide):
    page, _, _ = guide
    rows = re.findall(r"<tr><th>([^<]*)</th><td>[^<]*</td><td>([\d,]+)</td><td>about (\d+)</td>", page)
    assert [html.unescape(chapter) for chapter, _, _ in rows] == story.chapters()
    assert all(int(words.replace(",", "")) > 0 and int(minutes) > 0 for _, words, minutes in rows)


def test_whole_paths_are_totalled_per_route_not_by_adding_every_chapter(story, guide):
    """The village branch and the city chapters are never on one path: no total adds them up."""
    page, _, text = guide
    totals = re.findall(
        r'<tr class="total"><th>([^<]*)</th><td>(\d+) of (\d+) paths</td>'
        r"<td>([\d,]+)</td>",
        page,
    )
    assert len(totals) >= 2  # the route that stays in Huilong and the one that leaves
    assert sum(int(n) for _, n, _, _ in totals) == int(totals[0][2])  # every sampled path once
    longest = max(int(words.replace(",", "")) for *_, words in totals)
    assert 4_000 <= longest <= 9_000  # one path's words, as the story's length rule says
    assert re.search(r"about \d+ lessons? of 45 minutes", text)


def test_labels_never_show_an_empty_place_or_doubled_punctuation(guide):
    _, _, text = guide
    assert "(, " not in text and ".." not in text.replace("...", "") and ".;" not in text


def test_the_command_writes_the_guide(tmp_path: Path):
    assert main(["guide", "-o", str(tmp_path / "g.html")]) == 0
    assert "teacher guide" in (tmp_path / "g.html").read_text()
    assert main(["guide", "-o", str(tmp_path / "g.txt")]) == 2


def test_the_guide_is_a_lesson_plan(story, guide):
    page, parts, text = guide
    assert {
        "objectives",
        "curriculum",
        "vocabulary",
        "map",
        "procedures",
        "running",
        "worksheet",
        "exit-ticket",
        "assessment",
        "content-note",
    } <= parts.ids
    for word in ("hukou", "chunyun", "left-behind children", "gaokao", "piece rate"):
        assert word in text
    for place in ("Huilong", "Chengdu", "Guangzhou", "Shenzhen"):
        assert f">{place}</text>" in page  # labelled on the map
    for lesson in story.lessons:
        assert f'id="lesson-{lesson.id}"' in page and lesson.title in text


def test_every_lesson_procedure_fits_its_minutes(story, guide):
    page, _, _ = guide
    for lesson in story.lessons:
        section = page.split(f'id="lesson-{lesson.id}"')[1].split("</div>")[0]
        measured = re.search(r"about (\d+) minutes \(longest (\d+)\) of (\d+)", section)
        assert measured, lesson.id
        typical, longest, minutes = map(int, measured.groups())
        assert minutes == lesson.minutes and typical <= longest <= minutes, lesson.id
        ends = [int(m) for m in re.findall(r"–(\d+) min</td>", section)]
        assert ends and max(ends) <= lesson.minutes, lesson.id  # the procedure ends by the bell
