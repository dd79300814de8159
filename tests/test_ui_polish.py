"""After the second visual review: the class reads the vote and the flowchart off a projector,
the tie is broken by mouse as well as keys, the winner is marked, the save list looks finished,
Back looks the same everywhere, the pause menu is not crammed and the typing says Space skips."""

from __future__ import annotations

import collections
import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.story import default_story_dir
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.classroom_setup import ChapterSelectScreen, ClassroomSetupScreen
from game.ui.screens.flowchart import FlowchartScreen
from game.ui.screens.menu import PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.saves import SavesScreen, SlotRow
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.vote import VoteScreen
from game.ui.words import word
from tests.uikit import click, drawn, settle

SMALL = (960, 540)


def _class_at(size: tuple[int, int], start: str) -> App:
    """A class session (largest text, as classroom mode sets it) at the play screen of `start`."""
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=size, classroom=True, start=start)
    )
    assert isinstance(app.top, ClassroomSetupScreen) and app.settings.text_size == "largest"
    click(app, next(b for b in app.top.focus.buttons if b.label == word("start_beginning")).rect)
    for _ in range(20):  # the content note, the pages of text, the cards
        if (
            isinstance(app.top, PlayScreen)
            and not app.top.revealing
            and app.top.choices
            and not app.top.cards_waiting
        ):
            break
        settle(app, key(pygame.K_SPACE))
    assert isinstance(app.top, PlayScreen) and app.top.choices
    return app


@pytest.fixture
def tie_vote(data_dir: Path):
    app = _class_at(SMALL, "ny_parents_answer")
    play = app.top
    settle(app, key(pygame.K_1))
    vote = app.top
    assert isinstance(vote, VoteScreen) and len(vote.board.rows) == 4
    yield app, play, vote
    pygame.quit()


# ---------------------------------------------------------------------- the vote (#8, #15)


def _all_options_in_view(vote: VoteScreen) -> bool:
    return all(vote.board.rows_view.contains(rect) for _, rect, _ in vote.board.rows)


@pytest.mark.parametrize("size", [SMALL, (1024, 768), (1920, 1080)])
def test_every_option_of_the_vote_and_its_result_shows_at_once(data_dir: Path, size) -> None:
    # At 1920x1080 with the largest text, four long options showed as "1-2 of 4" and the result
    # scrolled away from the options that lost; now the panel widens and the text steps down.
    app = _class_at(size, "ny_parents_answer")
    try:
        play = app.top
        choice_size = play.plan.choice_buttons[0].face(app.ui).key[1]
        settle(app, key(pygame.K_1))
        vote = app.top
        assert isinstance(vote, VoteScreen) and len(vote.board.rows) == 4
        assert _all_options_in_view(vote) and vote.board.scroll.limit == 0
        option_texts = {view.text for view in vote.choices}
        drawn_options = {text for text, _, _ in drawn(app) if any(text and text in o for o in option_texts)}
        assert all(any(line in o for line in drawn_options) for o in option_texts)
        # No smaller than they need to be: the play screen's size where they fit, never below small.
        assert app.ui.metrics.small <= vote.board.text_size <= choice_size
        settle(app, key(pygame.K_4), key(pygame.K_9), key(pygame.K_RETURN), key(pygame.K_RETURN))
        assert vote.phase == "result" and vote.winner is not None and vote.winner.number == 4
        assert _all_options_in_view(vote)
        taken = [rect for view, rect, _ in vote.board.rows if view is vote.winner][0]
        marks = [r for text, _, r in drawn(app) if text == word("vote_taken")]
        assert marks and taken.contains(marks[0])
    finally:
        pygame.quit()


def test_the_tie_is_broken_with_a_click_on_take_this(tie_vote) -> None:
    app, _, vote = tie_vote
    for view, _, _ in vote.board.rows:
        vote.counts[view.id] = 7
    settle(app, key(pygame.K_RETURN))
    assert vote.phase == "tie" and len(vote.board.takes) == 4
    visible = [b for b in vote.board.takes if vote.board.rows_view.contains(b.rect)]
    assert visible, "the tied options show a Take this button"
    second = visible[1]
    option = next(view for view, rect, _ in vote.board.rows if rect.top == second.rect.top)
    click(app, second.rect)
    assert vote.phase == "result" and vote.tie_broken
    assert vote.winner is option
    # The winner is marked in words, not by colour alone.
    assert any(text == word("vote_taken") for text, _, _ in drawn(app))


def test_the_tie_can_be_broken_with_tab_and_enter(tie_vote) -> None:
    app, _, vote = tie_vote
    for view, _, _ in vote.board.rows:
        vote.counts[view.id] = 3
    settle(app, key(pygame.K_RETURN))
    assert vote.phase == "tie" and vote.focus.focused is vote.board.takes[0]
    settle(app, key(pygame.K_TAB), key(pygame.K_RETURN))
    assert vote.phase == "result" and vote.winner.id == vote.board.rows[1][0].id


def test_classroom_text_is_16_px_or_more(data_dir: Path) -> None:
    app = _class_at(SMALL, "huilong_decision")
    try:
        screens = {"play": drawn(app)}
        settle(app, key(pygame.K_1))
        screens["vote"] = drawn(app)
        settle(app, key(pygame.K_ESCAPE))
        for chapter in dict.fromkeys(s.chapter for s in app.story.scenes.values()):
            app.push(FlowchartScreen(app, chapter))
            screens[chapter] = drawn(app)
            app.pop()
        for name, texts in screens.items():
            small = [(text, size) for text, size, _ in texts if size < 16]
            assert not small, (name, small[:5])
    finally:
        pygame.quit()


# ---------------------------------------------------------------------- the flowchart (#9)


def test_flowchart_boxes_are_inside_the_view_or_its_edge_fades(data_dir: Path) -> None:
    for size in (SMALL, (1280, 720)):
        app = _class_at(size, "huilong_decision")
        try:
            backdrop = app.ui.palette.backdrop
            for chapter in dict.fromkeys(s.chapter for s in app.story.scenes.values()):
                chart = FlowchartScreen(app, chapter)
                app.push(chart)
                app.draw()
                view = chart.view
                for node in chart.nodes.values():
                    rect = chart.node_rect(node)
                    if view.contains(rect) or not rect.colliderect(view):
                        continue
                    # Cut by an edge: that edge shows only the backdrop (the box fades out there).
                    for x in (view.left, view.right - 1):
                        if rect.left <= x < rect.right:
                            for y in range(max(rect.top, view.top), min(rect.bottom, view.bottom)):
                                assert tuple(app.surface.get_at((x, y)))[:3] == backdrop, (chapter, node)
                app.pop()
        finally:
            pygame.quit()


def test_the_flowchart_says_where_the_chapter_leads(data_dir: Path) -> None:
    app = _class_at((1280, 720), "huilong_decision")
    try:
        chart = FlowchartScreen(app, "The Guangzhou Years")
        app.push(chart)
        chart.pan = [
            chart.view.width - chart.node_rect(chart.nodes["gz_after"]).right + chart.view.x - 40,
            chart.pan[1],
        ]
        texts = drawn(app)
        chip = [(text, rect) for text, _, rect in texts if text.startswith("→ A New Year Home")]
        assert chip, "the exit from the chapter names the next one"
        assert chart.node_rect(chart.nodes["gz_after"]).contains(chip[0][1])
    finally:
        pygame.quit()


# ---------------------------------------------------------------------- saves (#10)


def _player(data_dir: Path, size: tuple[int, int], text_size: str = "medium", **more) -> App:
    (data_dir / "settings.json").write_text(
        json.dumps({"text_size": text_size, "text_speed": "instant", **more})
    )
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=size))
    app.new_game()
    settle(app)
    return app


def test_the_save_list_has_one_right_edge_and_the_empty_load_list_says_so(data_dir: Path) -> None:
    app = _player(data_dir, SMALL, "largest")
    try:
        app.push(SavesScreen(app, "load"))
        assert [b for b in app.top.focus.buttons if isinstance(b, SlotRow)] == []
        assert any(text.startswith("No saves yet") for text, _, _ in drawn(app))
        app.pop()
        app.save("slot2")
        app.push(SavesScreen(app, "save"))
        rows = [b for b in app.top.focus.buttons if isinstance(b, SlotRow)]
        assert len({row.rect.right for row in rows}) == 1, "a saved row and an empty one end together"
        texts = drawn(app)
        assert any(text == word("empty_slot") for text, _, _ in texts)
        for text, _, rect in texts:  # whole rows only: nothing drawn outside the list or cut by it
            assert app.top.panel.contains(rect), text
    finally:
        pygame.quit()


# ---------------------------------------------------------------------- footers, menus (#11, #16)


def test_back_is_one_compact_button_at_the_bottom_right(data_dir: Path) -> None:
    app = _player(data_dir, SMALL, "largest")
    try:
        m = app.ui.metrics
        screens = [
            SettingsScreen(app),
            SavesScreen(app, "save"),
            ClassroomSetupScreen(app),
            ChapterSelectScreen(app, lambda scene: None),
        ]
        for screen in screens:
            app.push(screen)
            back = next(b for b in screen.focus.buttons if b.label == word("back"))
            assert back.rect.right == screen.panel.right - m.pad, type(screen).__name__
            assert back.rect.bottom == screen.panel.bottom - m.pad, type(screen).__name__
            assert back.rect.width < screen.panel.width // 2, type(screen).__name__
            assert back.align == "center"
            app.pop()
    finally:
        pygame.quit()


def test_the_pause_menu_is_not_crammed_at_the_largest_text(data_dir: Path) -> None:
    app = _player(data_dir, SMALL, "largest")
    try:
        settle(app, key(pygame.K_ESCAPE))
        menu = app.top
        assert isinstance(menu, PauseMenu)
        m = app.ui.metrics
        assert menu.panel.top >= m.margin and menu.panel.bottom <= m.height - m.margin
        columns = collections.defaultdict(list)
        for b in menu.focus.buttons:
            assert menu.panel.contains(b.rect)
            columns[b.rect.x].append(b.rect)
        for rects in columns.values():
            rects.sort(key=lambda r: r.y)
            assert all(b.top - a.bottom >= m.gap for a, b in zip(rects, rects[1:], strict=False))
    finally:
        pygame.quit()


def test_chapter_cards_in_a_row_line_up(data_dir: Path) -> None:
    app = _player(data_dir, SMALL, "largest")
    try:
        chapters = ChapterSelectScreen(app, lambda scene: None)
        app.push(chapters)
        titles = {b.label for b in chapters.focus.buttons}
        rows = collections.defaultdict(set)
        for text, _, rect in drawn(app):
            if text in titles and text != word("back"):
                card = next(b for b in chapters.focus.buttons if b.rect.contains(rect))
                rows[card.rect.y].add(rect.y)
        assert rows and all(len(ys) == 1 for ys in rows.values())
    finally:
        pygame.quit()


# ---------------------------------------------------------------------- the play screen (#14)


def test_space_show_all_shows_while_the_text_types(data_dir: Path) -> None:
    for reduced, shown in ((False, True), (True, False)):
        (data_dir / "settings.json").write_text(json.dumps({"reduced_motion": reduced}))
        app = build_app(
            LaunchOptions(story_dir=default_story_dir(), window_size=SMALL, start="qc_city_winter")
        )
        try:
            app.frame([], 0.05)
            play = app.top
            assert isinstance(play, PlayScreen) and play.revealing
            texts = drawn(app)
            hint = [rect for text, _, rect in texts if text == word("show_all_hint")]
            assert bool(hint) is shown
            if hint:
                assert not play.plan.text_box.colliderect(hint[0]), "the hint never covers the text"
            settle(app, key(pygame.K_SPACE))
            assert not play.revealing
            assert not any(text == word("show_all_hint") for text, _, _ in drawn(app))
        finally:
            pygame.quit()


def _luminance(colour: tuple[int, ...]) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = colour[:3]
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def test_the_disabled_undo_is_readable(data_dir: Path) -> None:
    for size in ((1280, 720), SMALL):
        app = _player(data_dir, size)
        try:
            play = app.top
            undo = play.tools[0]
            assert not undo.enabled
            app.draw()
            r = undo.rect.inflate(-6, -6)
            pixels = collections.Counter(
                tuple(app.surface.get_at((x, y)))[:3]
                for x in range(r.left, r.right)
                for y in range(r.top, r.bottom)
            )
            back = pixels.most_common(1)[0][0]
            text = app.ui.palette.locked
            high, low = sorted((_luminance(text), _luminance(back)), reverse=True)
            assert (high + 0.05) / (low + 0.05) >= 4.5, (size, back)
        finally:
            pygame.quit()
