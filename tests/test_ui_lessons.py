"""Lessons through the real screens, headless: the menu, votes at key decisions only, the real
family's panel, bridges, cards and the closing screen; the record, report and statistics."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.engine.classstats import from_folder
from game.engine.record import SessionRecord
from game.reporting import render_html
from game.story import default_story_dir
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.cards import DiscussionScreen, FactCardScreen, NoteCardScreen
from game.ui.screens.classroom_setup import ClassroomSetupScreen
from game.ui.screens.consequence import ConsequenceScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.flowchart import FlowchartScreen
from game.ui.screens.lesson import ClosingScreen, FilmNoteScreen, LessonBridgeScreen, LessonSelectScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.vote import VoteScreen
from tests.uikit import TextRecorder, begin_class, button, click, drawn, settle


@pytest.fixture
def app(data_dir: Path):
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), classroom=True))
    yield app
    pygame.quit()


def start_lesson(app: App, lesson_id: str) -> None:
    assert isinstance(app.top, ClassroomSetupScreen)
    assert app.top.focus.focused.label == "Start a lesson…"  # lessons come first
    settle(app, key(pygame.K_RETURN))
    assert isinstance(app.top, LessonSelectScreen)
    click(app, next(b for b in app.top.focus.buttons if b.scene == lesson_id).rect)  # type: ignore[attr-defined]


def play_lesson(
    app: App, option: int = 1, shown: TextRecorder | None = None, until: Callable[[App], bool] | None = None
) -> list[str]:
    """Plays on through every screen, voting `option` at each vote, to the close or ending (or
    until `until(app)`); returns what was met (with `shown`, also what the window showed:
    "drawn:" and the page hint, the cards' hint, the real family's heading)."""
    met: list[str] = []
    for _ in range(400):
        top = app.top
        if isinstance(top, (ClosingScreen, EndingScreen)) or (until is not None and until(app)):
            met.append(type(top).__name__)
            return met
        met.append(type(top).__name__)
        if isinstance(top, NoteCardScreen):
            met.append(f"note:{top.heading}")
        if shown is not None:
            settle(app)
            hints = ("Page ", "Space: to discuss", "WHAT THE REAL FAMILY DID")
            met += [f"drawn:{line}" for line in shown.now if line.startswith(hints)]
        if isinstance(top, PlayScreen):
            if top.revealing or top.cards_waiting:  # the text, then the teacher asks for the cards
                settle(app, key(pygame.K_SPACE))
                continue
            met.append(f"scene:{top.scene.id}")
            number = option if option <= len([c for c in top.choices if c.available]) else 1
            settle(app, key(pygame.K_0 + number))
        elif isinstance(top, VoteScreen):
            met.append(f"vote:{app.session.scene.id}")
            views = [v for v in top.choices if v.available]
            # 14 votes for our option, 9 for another: typed with spaces between digits
            first = views[min(option, len(views)) - 1].number
            other = next(v.number for v in views if v.number != first)
            space = key(pygame.K_SPACE)
            settle(app, key(pygame.K_0 + first), space, key(pygame.K_1), key(pygame.K_4), space)
            settle(app, key(pygame.K_0 + other), space, key(pygame.K_9), space)
            assert top.counts[views[min(option, len(views)) - 1].id] == 14
            settle(app, key(pygame.K_RETURN))
            assert top.phase == "result" and top.winner.number == first
            settle(app, key(pygame.K_RETURN))
        elif isinstance(
            top,
            (
                ConsequenceScreen,
                NoteCardScreen,
                FilmNoteScreen,
                LessonBridgeScreen,
                FactCardScreen,
                DiscussionScreen,
                FlowchartScreen,
            ),
        ):
            settle(app, key(pygame.K_SPACE) if not isinstance(top, FlowchartScreen) else key(pygame.K_ESCAPE))
        else:
            raise AssertionError(f"unexpected screen {top!r}")
    raise AssertionError("the lesson did not close")


def test_the_45_minute_lesson_end_to_end(app: App, data_dir: Path) -> None:
    start_lesson(app, "three_choices_45")
    lesson = app.story.lesson("three_choices_45")
    assert app.session.scene.id == lesson.start
    shown = TextRecorder(app)
    met = play_lesson(app, option=1, shown=shown)
    assert met[-1] == "ClosingScreen"
    # Pages turn at the teacher's key: a long scene shows "Page 1 of N", then page 2.
    pages = [m for m in met if m.startswith("drawn:Page ")]
    assert any("Page 1 of" in p for p in pages) and any("Page 2 of" in p for p in pages)
    # Prompts wait for the teacher: the scene's text stays, with the hint, before the prompt.
    assert "drawn:Space: to discuss, and the fact card" in met
    waited = met.index("drawn:Space: to discuss, and the fact card")
    assert "DiscussionScreen" in met[waited:] and "DiscussionScreen" not in met[:waited]
    # After each key vote with a note of what the real family did, the class sees it drawn.
    noted = [i for i, m in enumerate(met) if m.startswith("vote:") and app.story.scenes[m[5:]].documentary]
    assert len(noted) >= 3
    for index in noted:
        entry, following = met[index], met[index + 1 :]
        upto = next((i for i, m in enumerate(following) if m.startswith(("scene:", "vote:"))), None)
        assert "drawn:WHAT THE REAL FAMILY DID" in following[:upto], entry
    votes = [m.split(":")[1] for m in met if m.startswith("vote:")]
    played = [m.split(":")[1] for m in met if m.startswith("scene:")]
    # Votes at the lesson's key decisions only, and at every one the class met.
    assert votes and set(votes) <= lesson.key
    assert [s for s in played if s in lesson.key] == votes
    assert "huilong_kitchen" in played and "huilong_kitchen" not in votes
    assert "FilmNoteScreen" in met and "LessonBridgeScreen" in met
    assert "FactCardScreen" in met and "DiscussionScreen" in met
    assert met[0] == "NoteCardScreen"  # the class first sees the story's content note
    # The closing screen: the class's decisions, the family, what happened next, a last question.
    assert shown.shows("THE LESSON CLOSES HERE") and shown.shows(lesson.title)
    assert shown.shows("What the class decided") and shown.shows("decided by vote, 14 of 23")
    assert "What the class decided" in " ".join(line for line, _, _ in drawn(app))
    text = " ".join(line.text for line in app.top.block.lines)
    for heading in (
        "What the class decided",
        "Where the family stands",
        "What really happened next",
        "A last question",
    ):
        assert heading in text
    assert "decided by vote, 14 of 23" in text
    # The record is closed, counts in the statistics and reads as a closed lesson in the report.
    saved = [json.loads(p.read_text()) for p in (data_dir / "sessions").glob("*.json")]
    assert len(saved) == 1
    record = SessionRecord.from_json(saved[0])
    assert record.lesson == "three_choices_45" and record.closed_at is not None and record.is_finished
    assert any(d.by_lesson for d in record.decisions)  # the road between the parts
    assert [d.scene for d in record.decisions if d.tally] == votes
    stats = from_folder(data_dir / "sessions")[0]
    assert stats.count() == 1
    class_scenes = {scene for scene, _ in next(iter(stats.sessions.values())).decisions}
    assert class_scenes == {d.scene for d in record.class_decisions()}  # not the lesson's road
    click(app, button(app, "Class report").rect)
    html = app.top.report_path.read_text()
    assert "Three choices (45 minutes)" in html and render_html(app.story, record)
    assert "the lesson closed mid-story" in html and 'id="summary"' in html
    summary = html.split('id="summary"')[1].split("</section>")[0]
    assert summary.count("decided by vote") == len(votes)  # "decided" only where a vote was taken
    assert "What really happened next" in summary and lesson.close_question in summary


def test_the_real_familys_panel_follows_a_key_decision_when_playing_alone(data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), start="huilong_decision")
    )
    try:
        app.new_game() if not isinstance(app.top, PlayScreen) else None
        play = app.top
        assert isinstance(play, PlayScreen) and play.scene.id == "huilong_decision"
        settle(app, key(pygame.K_SPACE))
        settle(app, key(pygame.K_1))
        while isinstance(app.top, ConsequenceScreen):
            settle(app, key(pygame.K_SPACE))
        assert isinstance(app.top, FilmNoteScreen)
        assert "In the film" in app.top.note
        # The next scene is not shown behind the panel: the play screen still shows the decision.
        assert play.scene.id == "huilong_decision"
        settle(app, key(pygame.K_SPACE))
        assert app.top is play and play.scene.id != "huilong_decision"
    finally:
        pygame.quit()


@pytest.fixture
def class_app(example_story: Path, data_dir: Path):
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720), classroom=True))
    begin_class(app)
    while not isinstance(app.top, PlayScreen) or app.top.cards_waiting:
        settle(app, key(pygame.K_SPACE))
    settle(app, key(pygame.K_1))
    assert isinstance(app.top, VoteScreen)
    yield app
    pygame.quit()


def test_typing_one_space_eight_space_two_space_four_gives_eight_and_four(class_app: App) -> None:
    vote = class_app.top
    space = key(pygame.K_SPACE)
    settle(
        class_app,
        key(pygame.K_1),
        space,
        key(pygame.K_8),
        space,
        key(pygame.K_2),
        space,
        key(pygame.K_4),
        space,
    )
    assert vote.counts == {"dorm.call": 8, "dorm.rest": 4}
    assert vote.phase == "vote"  # the spaces decided nothing


def test_enter_after_tab_decides_instead_of_pressing_a_minus(class_app: App) -> None:
    vote = class_app.top
    settle(class_app, key(pygame.K_1), key(pygame.K_5), key(pygame.K_RETURN))
    settle(class_app, key(pygame.K_TAB))
    assert vote.focus.focused.label in ("\u2212", "+")  # the focus is on a stepper
    settle(class_app, key(pygame.K_RETURN))
    assert vote.counts["dorm.call"] == 5 and vote.phase == "result"
    assert vote.winner.id == "dorm.call"


def test_a_prompt_waits_for_the_teacher_after_the_text_is_read(class_app: App) -> None:
    settle(class_app, key(pygame.K_ESCAPE))  # back from the vote to the scene
    class_app.classroom.shown.clear()
    play = class_app.top
    assert isinstance(play, PlayScreen)
    play.enter_scene(reveal=False)  # the scene as first shown: its cards are due
    settle(class_app)
    assert class_app.top is play and play.cards_waiting  # the text stays on screen
    assert any("to discuss" in line for line, _, _ in drawn(class_app))
    settle(class_app, key(pygame.K_SPACE))
    assert isinstance(class_app.top, (FactCardScreen, DiscussionScreen))


def test_continue_after_a_closed_lesson_reopens_its_closing_screen(app: App, data_dir: Path) -> None:
    # Continue loaded the autosave at the close as a new solo game (after "the story has changed
    # since this save: 0 of 37 decisions could be restored"); it reopens the class's close.
    start_lesson(app, "three_choices_45")
    play_lesson(app, option=1)
    assert isinstance(app.top, ClosingScreen)
    closed_at, decisions = app.session.scene.id, len(app.classroom.record.decisions)
    notices: list[str] = []
    shown = app.notify
    app.notify = lambda text: (notices.append(text), shown(text))  # type: ignore[method-assign]
    click(app, button(app, "Back to the title").rect)
    assert app.classroom is None  # the class is over: the title is the player's again
    click(app, button(app, "Continue").rect)
    assert isinstance(app.top, ClosingScreen) and app.session.scene.id == closed_at
    assert notices == ["Loaded Autosave."]
    assert app.classroom is not None and len(app.classroom.record.decisions) == decisions
    assert any(b.label == "Class report" for b in app.top.focus.buttons)
    assert len(list((data_dir / "sessions").glob("*.json"))) == 1  # no new record was begun


def test_the_teacher_sees_the_storys_note_before_the_confrontation(app: App) -> None:
    start_lesson(app, "chapter_home")
    met = play_lesson(app, option=1)
    assert met[:2] == ["NoteCardScreen", "note:Before you begin"]  # the content note first
    scenes = [m for m in met if m.startswith(("scene:", "note:"))]
    assert "scene:home_quarrel" in scenes
    # The note for the teacher comes before the quarrel's text, once, and says what is coming.
    before = scenes.index("scene:home_quarrel") - 1
    assert scenes[before] == "note:For the teacher" and scenes.count("note:For the teacher") == 1
    assert "hits her" in app.story.scenes["home_quarrel"].teacher_note
