"""Classroom mode driven by events on the real screens, headless: votes, pauses, cards, record."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.engine import Session
from game.engine.classstats import from_records
from game.engine.explore import random_playthrough
from game.engine.record import SessionRecord, record_from_session
from game.reporting import render_html, render_markdown
from game.reporting.record import JUMP_NOTE, JUMP_NOTE_LAST
from game.story import default_story_dir, load_story
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.classroom import Classroom, ClassroomOptions, canonical_path, chapter_starts
from game.ui.screens.cards import DiscussionScreen, FactCardScreen, FactListScreen, NoteCardScreen
from game.ui.screens.classroom_setup import ChapterSelectScreen, ClassroomSetupScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.flowchart import FlowchartScreen, chapter_layout
from game.ui.screens.menu import PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import TitleScreen
from game.ui.screens.vote import VoteScreen
from game.ui.words import word
from tests.uikit import begin_class, button, click, drawn, read_through, settle


def to_the_ending(app: App) -> None:
    """From an end scene: past the class's cards for it (Enter closes each), then its ending."""
    for _ in range(6):
        if isinstance(app.top, EndingScreen):
            return
        settle(app, key(pygame.K_RETURN))
    assert isinstance(app.top, EndingScreen)


def records(data_dir: Path) -> list[dict]:
    return [json.loads(p.read_text()) for p in sorted((data_dir / "sessions").glob("*.json"))]


@pytest.fixture
def app(example_story: Path, data_dir: Path):
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720), classroom=True))
    yield app
    pygame.quit()


def test_classroom_from_the_command_line_opens_the_setup_in_large_type(app: App) -> None:
    assert isinstance(app.top, ClassroomSetupScreen)
    assert app.settings.text_size == "largest"
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, TitleScreen)
    assert any(b.label == "Classroom" for b in app.top.focus.buttons)


def test_a_class_session_end_to_end(app: App, data_dir: Path) -> None:
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    play = app.stack[0]
    assert isinstance(play, PlayScreen) and app.classroom is not None
    # The text is typed out; then the fact card is due.
    assert isinstance(app.top, FactCardScreen) and app.top.fact.id == "phone_cards"
    settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, DiscussionScreen) and "voice" in app.top.question
    app.top.opened -= 60  # a minute of talk
    click(app, app.top.panel)  # the class is done talking
    assert app.top is play
    settle(app, key(pygame.K_1))  # the facilitator opens the vote on option 1
    vote = app.top
    assert isinstance(vote, VoteScreen)
    settle(app, key(pygame.K_1), key(pygame.K_1), key(pygame.K_2), key(pygame.K_RETURN))  # 12 for 1
    settle(app, key(pygame.K_2), key(pygame.K_UP), key(pygame.K_UP), key(pygame.K_UP))  # 3 for 2
    click(app, vote.board.steppers[1][1].rect)  # + by mouse: 4 for 2
    settle(app, key(pygame.K_3), key(pygame.K_5))  # option 3 is locked: no votes, no typing
    assert vote.counts == {"dorm.call": 12, "dorm.rest": 4}
    settle(app, key(pygame.K_RETURN))  # decide: the majority
    assert vote.phase == "result" and vote.winner.id == "dorm.call"
    settle(app, key(pygame.K_RETURN))
    assert app.session.state.log == ["dorm.call"]
    saved = records(data_dir)
    assert len(saved) == 1 and saved[0]["decisions"][0]["tally"] == {"dorm.call": 12, "dorm.rest": 4}
    assert saved[0]["facts_shown"] == ["phone_cards"] and saved[0]["prompts_shown"] == ["dorm"]
    settle(app, key(pygame.K_SPACE))  # past the consequence
    assert app.top is play and play.scene.id == "booth"
    settle(app, key(pygame.K_BACKSPACE))  # undo: the decision leaves the record too
    assert play.scene.id == "dorm" and records(data_dir)[0]["decisions"] == []
    assert app.top is play  # the cards are not shown again after an undo
    settle(app, key(pygame.K_2))
    vote = app.top
    settle(
        app, key(pygame.K_UP), key(pygame.K_UP), key(pygame.K_1), key(pygame.K_2), key(pygame.K_RETURN)
    )  # 2 each: a tie
    settle(app, key(pygame.K_RETURN))
    assert vote.phase == "tie" and set(vote.tied) == {"dorm.call", "dorm.rest"}
    settle(app, key(pygame.K_2))  # the facilitator breaks it
    assert vote.phase == "result" and vote.winner.id == "dorm.rest"
    settle(app, key(pygame.K_RETURN))  # a change of one is quiet: no card, the night's end scene
    assert isinstance(app.top, PlayScreen) and app.session.is_over  # read before its ending
    to_the_ending(app)
    saved = records(data_dir)[0]
    assert saved["decisions"][0]["tie_broken"] is True
    assert saved["ending"] == "silence" and len(saved["epilogue"]) == 2
    notices: list[str] = []
    app.notify = notices.append
    click(app, button(app, "Class report").rect)
    report = app.top.report_path
    assert report.parent == data_dir / "reports" and "<html" in report.read_text()
    assert notices == [f"Class report written: {report}"]


def test_a_skipped_vote_is_recorded_without_a_tally(app: App, data_dir: Path) -> None:
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    settle(app, key(pygame.K_SPACE))
    settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, PlayScreen)
    settle(app, key(pygame.K_2))
    click(app, button(app, "Skip vote").rect)
    decision = records(data_dir)[0]["decisions"][0]
    assert decision["choice"] == "dorm.rest" and decision["tally"] is None


def test_a_prompt_put_away_at_once_or_with_esc_is_not_counted_as_discussed(app: App, data_dir: Path) -> None:
    # The report listed every prompt the class met as "discussed in class", even one the teacher
    # skipped: now only a question kept on screen (KEPT_SECONDS) and put away with Space counts.
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    settle(app, key(pygame.K_SPACE))  # past the fact card
    assert isinstance(app.top, DiscussionScreen)
    assert word("discuss_hint") in [text for text, _, _ in drawn(app)]
    settle(app, key(pygame.K_SPACE))  # at once: skipped
    assert isinstance(app.top, PlayScreen) and records(data_dir)[0]["prompts_shown"] == []
    met: list[str] = []
    for put_away, counted in ((key(pygame.K_ESCAPE), []), (key(pygame.K_RETURN), ["q"])):
        app.push(DiscussionScreen(app, "A question?", discussed=lambda: met.append("q")))
        app.top.opened -= 60  # a minute on screen
        settle(app, put_away)
        assert met == counted


def test_a_class_sees_the_content_note_first(app: App, data_dir: Path) -> None:
    click(app, button(app, "Start from the beginning").rect)
    assert isinstance(app.top, NoteCardScreen) and app.top.text == app.story.content_note
    assert app.stack[0].reading.revealed == 0  # the scene's text waits under the note
    settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, PlayScreen)


def test_esc_on_a_note_opens_the_menu_and_resume_returns_to_it(app: App) -> None:
    # The note before the quarrel says "Esc opens the menu if you need to stop": it must.
    click(app, button(app, "Start from the beginning").rect)
    assert isinstance(app.top, NoteCardScreen)
    assert any("Esc: menu" in line for line, _, _ in drawn(app))  # the card says so
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    lines = [line for line, _, _ in drawn(app)]
    assert "Resume" in lines and "End the class here" in lines
    settle(app, key(pygame.K_RETURN))  # Resume, the menu's first button
    assert isinstance(app.top, NoteCardScreen)  # the note again, not the scene
    settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, PlayScreen)


def test_pauses_off_means_no_pause_and_votes_off_no_vote(app: App, data_dir: Path) -> None:
    click(app, button(app, "Discussion pauses: On").rect)
    click(app, button(app, "Class votes: On").rect)
    click(app, button(app, "Teams: Off").rect)
    assert any(b.label == "Suqin: Team Parents" for b in app.top.focus.buttons)
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    assert isinstance(app.top, FactCardScreen)  # fact cards stay: only the pauses are off
    settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, PlayScreen)
    settle(app, key(pygame.K_1))
    assert not isinstance(app.top, VoteScreen) and app.session.state.log == ["dorm.call"]
    saved = records(data_dir)[0]
    assert saved["prompts_shown"] == [] and saved["decisions"][0]["team"] == "Team Parents"


def test_teams_name_the_team_whose_choice_it_is(app: App) -> None:
    click(app, button(app, "Teams: Off").rect)
    suqin = button(app, "Suqin: Team Parents")
    app.top.focus.index = app.top.focus.buttons.index(suqin)
    settle(app, key(pygame.K_RIGHT))  # cycles Suqin to the next team
    assert any(b.label == "Suqin: Team Children" for b in app.top.focus.buttons)
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    for code in (pygame.K_SPACE, pygame.K_SPACE, pygame.K_1):
        settle(app, key(code))
    assert isinstance(app.top, VoteScreen) and app.top.heading() == "Team Children decides"


def test_chapter_select_starts_at_the_chosen_chapter(data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(960, 540), classroom=True))
    click(app, button(app, "Start at a chapter…").rect)
    assert isinstance(app.top, ChapterSelectScreen)
    chapters = chapter_starts(app.story)
    number = next(i for i, (_, scene) in enumerate(chapters, 1) if scene == "storm_arrive")
    settle(app, key(pygame.K_0 + number))
    assert isinstance(app.top, NoteCardScreen)  # the content note, then the chapter
    settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, PlayScreen) and app.session.scene.id == "storm_arrive"
    assert not app.session.can_undo  # the replayed road is not the class's to undo
    assert records(data_dir)[0]["start_scene"] == "storm_arrive"
    pygame.quit()


def test_every_chapter_start_is_reachable_on_the_canonical_path() -> None:
    story = load_story(default_story_dir())
    for _, scene in chapter_starts(story):
        assert canonical_path(story, scene) is not None, scene
    assert "ny_qin_decides.swallow" not in canonical_path(story, "storm_arrive")  # the film's road


def test_the_flowchart_opens_and_closes_and_lights_the_path(example_story: Path, data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(960, 540)))
    app.new_game()
    play = app.top
    for code in (pygame.K_SPACE, pygame.K_1, pygame.K_SPACE, pygame.K_ESCAPE):
        settle(app, key(code))
    click(app, button(app, "Flowchart").rect)
    chart = app.top
    assert isinstance(chart, FlowchartScreen)
    assert chart.visited[:2] == ["dorm", "booth"] and "dorm.call" in chart.taken
    settle(app, key(pygame.K_PLUS), key(pygame.K_LEFT), key(pygame.K_0))
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    click(app, button(app, "Fact cards").rect)
    assert isinstance(app.top, FactListScreen)
    settle(app, key(pygame.K_ESCAPE), key(pygame.K_ESCAPE))
    assert app.top is play
    settle(app, key(pygame.K_g))
    assert isinstance(app.top, FlowchartScreen)
    pygame.quit()


def test_the_chapter_layout_goes_left_to_right() -> None:
    story = load_story(default_story_dir())
    nodes, edges = chapter_layout(story, "A New Year Home")
    assert nodes["ny_tickets"].layer == 0
    forward = [(a, b) for a, b in edges if nodes[a].layer < nodes[b].layer]
    assert len(forward) == len(edges)  # this chapter has no loops


def test_the_flowchart_is_offered_after_each_chapter(data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), start="gz_after", classroom=True))
    click(app, button(app, "Discussion pauses: On").rect)
    click(app, button(app, "Class votes: On").rect)
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    assert app.session.scene.id == "gz_after"
    read_through(app)
    settle(app, key(pygame.K_1))  # choose (quiet: no consequence card)
    chart = app.top
    assert isinstance(chart, FlowchartScreen) and chart.chapter == "The Guangzhou Years"
    settle(app, key(pygame.K_RETURN))
    assert app.session.scene.chapter == "A New Year Home"
    assert not isinstance(app.top, FlowchartScreen)
    pygame.quit()


def test_the_vote_result_shows_how_other_classes_chose(example_story: Path, data_dir: Path) -> None:
    story = load_story(example_story)
    sessions = data_dir / "sessions"
    earlier = [record_from_session(random_playthrough(story, seed)[1]) for seed in range(8)]
    for record in earlier:
        record.save(sessions)
    stats = from_records(earlier)
    assert stats.count() == 8
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(960, 540), classroom=True))
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    settle(app, key(pygame.K_SPACE))
    click(app, app.top.panel)  # past the fact card and the discussion
    settle(app, key(pygame.K_1))
    vote = app.top
    assert isinstance(vote, VoteScreen)
    settle(app, key(pygame.K_1), key(pygame.K_5), key(pygame.K_RETURN), key(pygame.K_RETURN))
    assert vote.phase == "result" and vote.winner.id == "dorm.call"
    app.draw()  # the result screen draws its notes
    for view in (c for c in vote.choices if c.available):
        share = stats.share(view.id, story.title)
        assert share.reached == 8
        expected = f"{round(share.percent)}% of 8 other classes chose this"
        assert vote.result_note(view).endswith(expected), vote.result_note(view)
    assert vote.result_note(vote.winner).startswith("100% · ")
    assert "62% of 8 other classes" in vote.result_note(vote.winner)  # 5 of the 8 seeded classes
    settle(app, key(pygame.K_RETURN))
    assert app.session.state.log == ["dorm.call"]
    pygame.quit()


def test_the_title_screen_offers_to_resume_the_class(app: App, data_dir: Path) -> None:
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    classroom = app.classroom
    settle(app, key(pygame.K_SPACE))
    click(app, app.top.panel)
    settle(app, key(pygame.K_ESCAPE))
    assert isinstance(app.top, PauseMenu)
    click(app, button(app, "Title screen").rect)
    click(app, button(app, "Yes").rect)
    assert isinstance(app.top, TitleScreen) and app.classroom is classroom  # not over yet
    resume = button(app, "Resume class")
    assert app.top.focus.focused is resume and resume.note.startswith("The Call · 0:")
    settle(app, key(pygame.K_RETURN))
    assert isinstance(app.top, PlayScreen) and app.session.scene.id == "dorm"
    assert app.classroom is classroom  # the cards already shown are not shown again
    settle(app, key(pygame.K_2))
    click(app, button(app, "Skip vote").rect)
    saved = records(data_dir)
    assert len(saved) == 1 and [d["choice"] for d in saved[0]["decisions"]] == ["dorm.rest"]
    app.new_game()  # a new game from the title is not the class's
    assert app.classroom is None


def test_loading_a_save_in_class_keeps_classroom_mode(app: App, data_dir: Path) -> None:
    notices: list[str] = []
    begin_class(app)
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    app.notify = notices.append
    classroom = app.classroom
    settle(app, key(pygame.K_SPACE))
    click(app, app.top.panel)
    assert app.save("slot1")  # at the first decision
    settle(app, key(pygame.K_1))
    click(app, button(app, "Skip vote").rect)
    settle(app, key(pygame.K_SPACE))
    assert app.session.scene.id == "booth" and len(records(data_dir)[0]["decisions"]) == 1
    assert app.load("slot1")  # back to the first decision: the later one is taken back
    assert app.classroom is classroom and app.session.scene.id == "dorm"
    assert records(data_dir)[0]["decisions"] == []
    assert "class record continues from this scene (later decisions taken back: 1)" in notices[-1]
    assert isinstance(app.top, PlayScreen)  # the cards were shown: not again
    settle(app, key(pygame.K_SPACE))  # the scene's text, typed out again
    settle(app, key(pygame.K_2))
    assert isinstance(app.top, VoteScreen)  # still voting
    click(app, button(app, "Skip vote").rect)
    assert [d["choice"] for d in records(data_dir)[0]["decisions"]] == ["dorm.rest"]
    to_the_ending(app)  # a change of one is quiet: no card, the end scene, then its ending
    assert records(data_dir)[0]["ending"] == "silence"
    assert app.load("slot1")  # after the ending: the finished record stays, a new one starts
    assert "finished class record is kept" in notices[-1]
    finished, fresh = sorted(records(data_dir), key=lambda r: r["ending"] is None)
    assert finished["ending"] == "silence" and fresh["ending"] is None
    assert fresh["start_scene"] == "dorm" and fresh["decisions"] == []
    settle(app, key(pygame.K_ESCAPE))
    click(app, button(app, "Title screen").rect)
    click(app, button(app, "Yes").rect)
    assert any(b.label == "Resume class" for b in app.top.focus.buttons)


def test_a_save_from_another_road_continues_the_record(example_story: Path, data_dir: Path) -> None:
    story = load_story(example_story)
    classroom = Classroom(ClassroomOptions(), data_dir / "sessions", clock=lambda: 0.0)
    session = Session(story)
    classroom.begin(session)
    classroom.before_choice(session, "dorm.call")
    session.choose("dorm.call")
    other = Session(story)
    other.choose("dorm.rest")  # a save from another class's road
    assert classroom.continue_from(other) == ("jump", 0)
    assert [d.choice for d in classroom.record.decisions] == ["dorm.call"]
    assert classroom.continue_from(other) == ("back", 0)  # the same place again: nothing to undo
    # With no decision of the class's own after the load, the report says so below the path.
    record = SessionRecord.loads(classroom.record.dumps())
    assert record.jumps == [1]
    assert render_markdown(story, record).count(JUMP_NOTE_LAST) == 1
    assert render_html(story, record).count('class="jump"') == 1
    # A save that began somewhere else is another road, even before its first decision.
    assert classroom.continue_from(Session(story, start="booth")) == ("jump", 0)
    assert [d.choice for d in classroom.record.decisions] == ["dorm.call"]


def test_the_report_marks_where_a_save_from_another_road_was_loaded(data_dir: Path) -> None:
    story = load_story(default_story_dir())
    classroom = Classroom(ClassroomOptions(), data_dir / "sessions", clock=lambda: 0.0)
    ours, theirs = Session(story), Session(story)
    classroom.begin(ours)

    def take(session: Session, which: int) -> str:
        choice = [v.id for v in session.choices() if v.available][which]
        classroom.before_choice(session, choice)
        session.choose(choice)
        return choice

    first = take(ours, 0)
    theirs.choose([v.id for v in theirs.choices() if v.available][1])  # another road
    assert classroom.continue_from(theirs) == ("jump", 0)
    after = take(theirs, 0)
    record = SessionRecord.loads(classroom.record.dumps())
    assert record.jumps == [1]
    text = render_markdown(story, record)
    assert text.count(JUMP_NOTE) == 1 and JUMP_NOTE_LAST not in text
    assert text.index(story.choice(first).text) < text.index(JUMP_NOTE) < text.index(story.choice(after).text)
    assert render_html(story, record).count('class="jump"') == 1
    record.undo()  # taking back the decision after the load keeps the break, before it
    assert record.jumps == [1]
    record.undo()
    assert record.jumps == []


def test_four_long_options_fit_the_vote_at_960x540_with_the_largest_text(data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(
            story_dir=default_story_dir(), window_size=(960, 540), classroom=True, start="ny_parents_answer"
        )
    )
    assert app.settings.text_size == "largest"
    begin_class(app)
    read_through(app)  # the pages of text
    settle(app, key(pygame.K_SPACE))  # the class has read: the teacher asks for the cards
    while not isinstance(app.top, PlayScreen):
        settle(app, key(pygame.K_SPACE))  # the discussion, the fact card
    settle(app, key(pygame.K_1))
    vote = app.top
    assert isinstance(vote, VoteScreen) and len(vote.board.rows) == 4

    def fits() -> None:
        # The options keep their size; those that do not fit scroll inside the panel, above the
        # buttons, and each one can be brought into view.
        actions = vote.board.actions
        assert vote.board.panel.top >= 0 and vote.board.panel.bottom <= 540
        assert vote.board.panel.contains(vote.board.rows_view)
        assert not any(vote.board.rows_view.colliderect(b.rect) for b in actions), vote.phase
        for view, _, _ in vote.board.rows:
            vote.show_row(view.number)
            rect = next(r for v, r, _ in vote.board.rows if v is view)
            assert vote.board.rows_view.contains(rect), (rect, vote.board.rows_view)

    fits()
    vote.counts = {view.id: 3 for view, _, _ in vote.board.rows}
    vote.counts[vote.board.rows[2][0].id] = 9
    settle(app, key(pygame.K_RETURN), key(pygame.K_RETURN))
    assert vote.phase == "result"
    fits()
    pygame.quit()
