"""A class that finished, then the game quit and started again: Continue reopens the class's
closing screen or ending with its record, as it does within one run of the game; and a class the
teacher ends at the bell, from the menu."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.engine import AUTOSAVE
from game.engine.classstats import from_folder
from game.engine.record import SessionRecord
from game.story import default_story_dir
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.ending import EndingScreen
from game.ui.screens.lesson import ClosingScreen
from game.ui.screens.menu import ConfirmScreen, PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from tests.test_ui_lessons import play_lesson, start_lesson
from tests.uikit import TextRecorder, begin_class, button, click, settle


def restart(story_dir: Path, *, classroom: bool = False) -> App:
    """The game quit and started again on the same user data folder, at its title screen."""
    pygame.quit()
    return build_app(LaunchOptions(story_dir=story_dir, window_size=(1280, 720), classroom=classroom))


def press_continue(app: App) -> TextRecorder:
    """Continue on the title screen, recording the text drawn from then on."""
    assert isinstance(app.top, TitleScreen)
    shown = TextRecorder(app)
    click(app, button(app, "Continue").rect)
    return shown


@pytest.fixture
def story() -> Path:
    return default_story_dir()


def close_the_20_minute_lesson(story: Path) -> App:
    app = build_app(LaunchOptions(story_dir=story, window_size=(1280, 720), classroom=True))
    start_lesson(app, "three_choices_20")
    play_lesson(app, option=1)
    assert isinstance(app.top, ClosingScreen)
    return app


def test_continue_after_a_restart_reopens_a_closed_lessons_closing_screen(
    story: Path, data_dir: Path
) -> None:
    app = close_the_20_minute_lesson(story)
    lesson = app.story.lesson("three_choices_20")
    closed_at, record_id = app.session.scene.id, app.classroom.record.id
    decided = [d.text for d in app.classroom.record.class_decisions() if d.tally]
    assert decided

    app = restart(story)
    shown = press_continue(app)
    assert isinstance(app.top, ClosingScreen) and app.session.scene.id == closed_at
    # What the teacher sees: the lesson's closing screen with what the class decided, by vote.
    assert shown.ever("THE LESSON CLOSES HERE") and shown.ever(lesson.title)
    assert shown.ever("What the class decided") and shown.ever("decided by vote, 14 of 23")
    assert f"Spring 1990: {decided[0]}" in shown.now  # the first key decision, as the class voted
    assert shown.ever("Class report")
    assert app.classroom is not None and app.classroom.record.id == record_id
    assert len(list((data_dir / "sessions").glob("*.json"))) == 1  # no new record was begun
    # The report button writes the class's report from its record.
    click(app, button(app, "Class report").rect)
    html = app.top.report_path.read_text()
    assert lesson.title in html and "the lesson closed mid-story" in html
    # And Back to the title: the player's title again, Continue still reopens it.
    click(app, button(app, "Back to the title").rect)
    assert isinstance(app.top, TitleScreen) and app.classroom is None
    click(app, button(app, "Continue").rect)
    assert isinstance(app.top, ClosingScreen)
    pygame.quit()


def test_a_save_elsewhere_after_a_restart_plays_on_alone(story: Path, data_dir: Path) -> None:
    # The record says where the class finished: a save elsewhere is played on, not reopened.
    app = close_the_20_minute_lesson(story)
    document = json.loads((data_dir / "saves" / f"{AUTOSAVE}.json").read_text())
    document["log"] = document["log"][:-1]  # one decision before the close
    (data_dir / "saves" / f"{AUTOSAVE}.json").write_text(json.dumps(document))
    app = restart(story)
    press_continue(app)
    assert isinstance(app.top, PlayScreen) and app.classroom is None
    pygame.quit()


def test_a_missing_record_after_a_restart_plays_on_alone(story: Path, data_dir: Path) -> None:
    app = close_the_20_minute_lesson(story)
    for path in (data_dir / "sessions").glob("*.json"):
        path.unlink()
    app = restart(story)
    press_continue(app)
    assert app.classroom is None and not isinstance(app.top, ClosingScreen)
    pygame.quit()


def test_continue_after_a_restart_reopens_a_class_ending_with_its_report(
    example_story: Path, data_dir: Path
) -> None:
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720), classroom=True))
    begin_class(app)
    for _ in range(200):  # votes skipped, cards read, the first choice each time
        top = app.top
        if isinstance(top, EndingScreen):
            break
        if isinstance(top, PlayScreen) and not (top.revealing or top.cards_waiting):
            settle(app, key(pygame.K_1))
        elif type(top).__name__ == "VoteScreen":
            settle(app, key(pygame.K_1), key(pygame.K_3), key(pygame.K_RETURN), key(pygame.K_RETURN))
        else:
            settle(app, key(pygame.K_SPACE))
    ending = app.top
    assert isinstance(ending, EndingScreen) and app.classroom.record.is_finished
    title = ending.ending.title

    app = restart(example_story)
    shown = press_continue(app)
    assert isinstance(app.top, EndingScreen) and shown.ever(title)
    assert shown.ever("Class report") and app.classroom is not None
    assert app.classroom.record.ending == app.top.ending.id
    pygame.quit()


def test_the_teacher_ends_the_class_at_the_bell_and_it_counts(story: Path, data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=story, window_size=(1280, 720), classroom=True))
    start_lesson(app, "three_choices_45")

    def voted_once(app: App) -> bool:
        record = app.classroom.record
        top = app.top
        return any(d.tally for d in record.decisions) and isinstance(top, PlayScreen) and not top.revealing

    play_lesson(app, option=1, until=voted_once)
    where = app.session.scene
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    shown = TextRecorder(app)
    click(app, button(app, "End the class here").rect)
    assert isinstance(app.top, ConfirmScreen) and shown.ever("End the class here?")
    click(app, button(app, "Yes").rect)
    assert isinstance(app.top, ClosingScreen) and app.session.scene is where
    assert shown.shows("THE LESSON CLOSES HERE") and shown.shows("What the class decided")
    assert shown.ever("Spring 1990: Go together, both of you, as soon as the rice is planted")
    assert shown.ever("decided by vote, 14 of 23")
    # The record is closed where the class stood, and counts in the statistics.
    (path,) = (data_dir / "sessions").glob("*.json")
    record = SessionRecord.load(path)
    assert record.closed_at == where.id and record.is_finished
    assert from_folder(data_dir / "sessions")[0].count() == 1
    click(app, button(app, "Class report").rect)
    assert "the lesson closed mid-story" in app.top.report_path.read_text()
    # After a restart, Continue reopens that closing screen.
    app = restart(story)
    press_continue(app)
    assert isinstance(app.top, ClosingScreen) and app.classroom.record.id == record.id
    pygame.quit()


def test_the_menu_offers_no_end_of_class_outside_a_class(story: Path, data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=story, window_size=(1280, 720), start="huilong_decision"))
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    assert "End the class here" not in [b.label for b in app.top.focus.buttons]
    pygame.quit()
