"""Lessons: declared in YAML, checked with file:line:col, played part by part, measured to the bell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.engine.lessons import LessonRun, film_road, measure_lesson
from game.story import load_story, load_story_with_diagnostics
from game.story.loader import default_story_dir
from tests.storykit import write_story

# A village, a long middle the lesson skips along the film's road, and a station where it closes.
SCENES = """\
scenes:
  home:
    chapter: Village
    key: leave
    text: Stay or go?
    discuss: Would you go?
    documentary: In the film they went.
    choices:
      - {id: go, text: Go, goto: city, film: true}
      - {id: stay, text: Stay, goto: fields}
  fields:
    chapter: Village
    text: The fields.
    choices:
      - {id: carry, text: Carry on, goto: school}
  city:
    chapter: City
    text: The city.
    choices:
      - {id: work, text: Work, goto: years, film: true, effects: [savings += 50]}
      - {id: rest, text: Rest, goto: years}
  years:
    chapter: City
    text: Years pass.
    choices:
      - {id: next, text: Later, goto: school}
  school:
    chapter: School
    key: quit
    text: School or work?
    discuss: Should she stay?
    choices:
      - {id: quit, text: Quit, goto: station, film: true}
      - {id: stay, text: Stay, goto: station}
  station:
    chapter: Station
    text: The trains stop.
    choices:
      - {id: wait, text: Wait, goto: end}
  end:
    text: Home at last.
    end: true
endings:
  - id: home
    title: Home
    text: They are home.
    epilogue: {suqin: Home., qin: Home.}
"""

LESSON = """\
lessons:
  short:
    title: Two choices
    minutes: 20
    set: {savings: 300}
    parts:
      - title: Leaving
        from: home
        scenes: [home, fields]
        bridge: Years pass.
      - title: School
        from: school
        scenes: [school]
    close:
      next: She quit.
      question: Was she right?
"""


def story_with(tmp_path: Path, lessons: str):  # noqa: ANN201
    root = write_story(tmp_path, SCENES, start="home", extra_files={"lessons.yaml": lessons})
    return load_story_with_diagnostics(root, check_assets=False)


def errors(tmp_path: Path, lessons: str) -> list[str]:
    _, findings = story_with(tmp_path, lessons)
    return [str(f) for f in findings if f.severity == "error"]


def test_a_lesson_is_read_with_its_parts_keys_prompts_state_and_close(tmp_path: Path) -> None:
    story, findings = story_with(tmp_path, LESSON)
    assert story is not None, findings
    lesson = story.lesson("short")
    assert lesson.title == "Two choices" and lesson.minutes == 20
    assert [p.title for p in lesson.parts] == ["Leaving", "School"]
    assert lesson.key == {"home", "school"}  # the covered scenes the story marks key
    assert lesson.prompts == {"home", "school"}  # every covered prompt by default
    assert lesson.sets == (("savings", "300"),)
    assert (lesson.close_next, lesson.close_question) == ("She quit.", "Was she right?")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            ("from: school", "from: shcool"),
            r"lessons\.yaml:12:15: error: 'from' in part 2 of lesson 'short': there is no scene 'shcool' "
            r"\(did you mean 'school'\?\)",
        ),
        (
            ("minutes: 20", "minutes: soon"),
            r"lessons\.yaml:4:14: error: lesson 'short' needs 'minutes': a whole number of minutes",
        ),
        (
            ("      question: Was she right?\n", ""),
            r"lessons\.yaml:15:7: error: the close of lesson 'short' needs 'question'",
        ),
        (
            ("set: {savings: 300}", "set: {savngs: 300}"),
            r"lessons\.yaml:5:11: error: 'set' in lesson 'short': 'savngs' is not a flag, resource or "
            r"person's stat \(did you mean 'savings'\?\)",
        ),
        (
            ("    parts:", "    key: [city]\n    parts:"),
            r"lessons\.yaml:6:11: error: 'key' in lesson 'short': the lesson does not cover 'city'",
        ),
        (
            ("scenes: [school]", "chapters: [Shool]"),
            r"lessons\.yaml:13:20: error: 'chapters' in part 2 of lesson 'short': there is no chapter "
            r"'Shool' \(did you mean 'School'\?\)",
        ),
        (
            ("from: home", "from: fields\n        title2: x"),
            r"lessons\.yaml:9:9: error: unknown field 'title2' in part 1 of lesson 'short'",
        ),
    ],
)
def test_every_mistake_in_a_lesson_names_its_place(
    tmp_path: Path, change: tuple[str, str], expected: str
) -> None:
    old, new = change
    assert old in LESSON
    found = errors(tmp_path, LESSON.replace(old, new, 1))
    assert any(re.search(expected, line) for line in found), found


def test_a_prompt_the_scene_does_not_have_is_an_error(tmp_path: Path) -> None:
    found = errors(tmp_path, LESSON.replace("    parts:", "    prompts: [fields]\n    parts:"))
    assert any("'fields' has no discussion prompt" in line for line in found), found


def test_the_lesson_starts_with_its_state_and_moves_on_along_the_films_road(tmp_path: Path) -> None:
    story, _ = story_with(tmp_path, LESSON)
    run = LessonRun(story, story.lesson("short"))
    session = run.begin()
    assert session.state.scene == "home" and session.state.resources["savings"] == 300
    session.choose("go")
    step = run.after_choice(session)
    # The class left the part's scenes: the lesson travels to School along the film's road.
    assert step.kind == "bridge" and step.ended.title == "Leaving"
    assert step.road == ("city.work", "years.next")
    session = step.session
    assert session.state.scene == "school" and session.state.resources["savings"] == 350
    assert not session.can_undo  # undo stops at the part's first scene
    session.choose("quit")
    assert run.after_choice(session).kind == "close"


def test_a_part_inside_the_lesson_keeps_the_class_reading(tmp_path: Path) -> None:
    story, _ = story_with(tmp_path, LESSON)
    run = LessonRun(story, story.lesson("short"))
    session = run.begin()
    session.choose("stay")
    assert run.after_choice(session).kind == "read"  # fields is in the first part
    session.choose("carry")
    step = run.after_choice(session)
    assert step.kind == "bridge" and step.road == ()  # already at school


def test_film_road_prefers_the_real_familys_choices(tmp_path: Path) -> None:
    story, _ = story_with(tmp_path, LESSON)
    assert film_road(story, ["station"]) == ["home.go", "city.work", "years.next", "school.quit"]


# ----------------------------------------------------------------------------- the shipped lessons


@pytest.fixture(scope="module")
def story():  # noqa: ANN201
    return load_story(default_story_dir())


def test_the_story_ships_a_20_and_a_45_minute_lesson_through_the_three_key_choices(story) -> None:  # noqa: ANN001
    by_minutes = {lesson.minutes: lesson for lesson in story.lessons if lesson.id.startswith("three")}
    for minutes in (20, 45):
        lesson = by_minutes[minutes]
        labels = {story.scenes[s].key for s in lesson.key}
        assert {"leave the village", "quit school", "go home for New Year"} <= labels, lesson.id
        assert lesson.close_next and lesson.close_question


def test_every_chapter_has_a_lesson(story) -> None:  # noqa: ANN001
    covered = {story.scenes[s].chapter for lesson in story.lessons for s in lesson.scenes}
    assert set(story.chapters()) <= covered


def test_every_lesson_fits_its_minutes_on_its_longest_measured_way(story) -> None:  # noqa: ANN001
    for lesson in story.lessons:
        timing = measure_lesson(story, lesson, runs=60)
        assert timing.longest_minutes <= lesson.minutes, (lesson.id, timing.longest_minutes)
        assert min(timing.votes) >= 1, lesson.id  # every lesson lets the class vote


def test_a_save_in_a_lessons_later_part_loads_without_saying_the_story_changed(tmp_path: Path) -> None:
    # A lesson's part begins at a scene reached along the film's road: its first state carries the
    # road in its log. Loading the class's autosave replayed that road on top of it, failed at its
    # first decision and said "the story has changed: 0 of 37 decisions could be restored".
    from game.engine import SaveStore, Session
    from game.engine.lessons import session_at

    story = load_story(default_story_dir())
    lesson = story.lesson("three_choices_45")
    later = session_at(story, lesson.parts[-1].starts[0])
    assert later.origin.log, "the part is reached along a road"
    choice = next(v for v in later.choices() if v.available)
    later.choose(choice.id)
    store = SaveStore(tmp_path / "saves")
    store.save("autosave", later)
    result = store.load("autosave", story)
    assert result.messages == []
    assert result.session.state.log == later.state.log and result.session.scene.id == later.scene.id
    # A playthrough from the story's start replays as before.
    plain = Session(story)
    plain.choose(next(v for v in plain.choices() if v.available).id)
    assert Session.replay(story, plain.origin, plain.state.log)[1] == 1
