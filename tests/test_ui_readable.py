"""The scene stays readable in a small window at the largest text: the text keeps its lines, the
fact note never loses its source unseen, and the "more below" cue never covers a line."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.story import Story, default_story_dir, load_story
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.cards import FactListScreen, NoteScreen
from game.ui.screens.family import FamilyScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.menu import PauseMenu
from game.ui.screens.play import PlayScreen
from tests.uikit import drawn

SMALL = (960, 540)


@pytest.fixture(scope="module")
def story() -> Story:
    return load_story(default_story_dir())


def _open(data_dir: Path, size: tuple[int, int], text_size: str, start: str | None = None) -> App:
    (data_dir / "settings.json").write_text(json.dumps({"text_size": text_size, "text_speed": "instant"}))
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=size, start=start))
    for _ in range(3):
        app.frame([], 0.05)
    return app


def _drawn(app: App) -> list[tuple[str, pygame.Rect]]:
    """Every line of text drawn, with where it went."""
    return [(text, rect) for text, _, rect in drawn(app)]


def _crowded_scene(story: Story) -> str:
    """The scene whose choices take the most words (with at least three of them)."""
    scenes = [s for s in story.scenes.values() if len(s.choices) >= 3]
    return max(scenes, key=lambda s: sum(len(c.text) for c in s.choices)).id


def test_long_choices_leave_the_scene_text_readable(story: Story, data_dir: Path) -> None:
    start = _crowded_scene(story)
    app = _open(data_dir, SMALL, "largest", start)
    try:
        play = app.top
        assert isinstance(play, PlayScreen) and not play.revealing and len(play.choices) >= 3
        prose = app.ui.face("prose", app.ui.metrics.prose)
        lines = [
            rect
            for text, rect in _drawn(app)
            if play.plan.text_box.contains(rect) and rect.height == prose.height
        ]
        assert len(lines) >= 3, f"{start}: only {len(lines)} lines of its text can be read"
        assert play.plan.text_box.height >= 3 * prose.height
        # Every choice can be reached: shown, or behind a cue that says so (a crowded list's, or
        # "more below" when the choices follow the text), and by keyboard alone.
        hidden = [b for b in play.plan.choice_buttons if b.rect.bottom <= 0]
        assert not hidden or play.plan.choice_cue is not None or play.reading.scroll.cue is not None
        for _ in play.plan.choice_buttons[1:]:
            app.frame([key(pygame.K_DOWN)], 0.01)
            focused = play.focus.focused
            if focused in play.plan.choice_buttons:
                assert play.plan.choice_view.contains(focused.rect), (
                    "the focused choice is scrolled into view"
                )
                assert play.plan.panel.contains(focused.rect)
    finally:
        pygame.quit()


@pytest.mark.parametrize("size,text_size", [((1280, 720), "medium"), (SMALL, "medium"), (SMALL, "largest")])
def test_a_fact_note_shows_its_source_or_a_way_to_read_it(
    story: Story, data_dir: Path, size, text_size
) -> None:
    with_facts = [s.id for s in story.scenes.values() if s.fact in story.facts and s.choices][:4]
    assert with_facts
    for scene_id in with_facts:
        app = _open(data_dir, size, text_size, scene_id)
        try:
            play = app.top
            fact = story.facts[story.scenes[scene_id].fact]
            drawn = _drawn(app)
            source = [rect for text, rect in drawn if text.startswith("Source:")]
            if play.plan.note_button is None:  # the whole note is beside the text: its last line too
                assert source and play.plan.note_box is not None
                assert all(
                    play.plan.note_box.contains(rect)
                    for _, rect in drawn
                    if rect.colliderect(play.plan.note_box)
                )
                last = app.ui.face("ui", app.ui.metrics.small).wrap(f"Source: {fact.source}", 10_000)[0]
                assert any(text == last or last.endswith(text) for text, _ in drawn)
                continue
            assert not source, "a cut source is never shown"
            assert play.plan.note_button.rect.bottom > 0 and play.plan.note_button in play.focus.buttons
            app.frame([key(pygame.K_n)], 0.01)
            assert isinstance(app.top, NoteScreen)
            app.frame([key(pygame.K_END)], 0.01)
            texts = [text for text, _ in _drawn(app)]
            assert any(t.startswith("Source:") for t in texts), "the note screen shows the source"
            app.frame([key(pygame.K_n)], 0.01)
            assert app.top is play
        finally:
            pygame.quit()


def test_the_more_below_cue_never_covers_the_text(data_dir: Path) -> None:
    app = _open(data_dir, SMALL, "medium", "qc_city_winter")
    try:
        play = app.top
        assert play.reading.scroll.more_below
        m = app.ui.metrics
        cue = play.reading.scroll.more_rect(app.ui, play.plan.text_box.inflate(m.pad, 0))
        assert not cue.colliderect(play.plan.text_box)
        assert play.plan.panel.contains(cue)
        drawn = _drawn(app)
        assert any(text.startswith("more below") for text, _ in drawn)
        for text, rect in drawn:
            if not text.startswith("more below"):
                assert not rect.colliderect(cue) or not play.plan.text_box.colliderect(rect), text
        # After a page down, no line is cut at the top: the view starts at a line.
        app.frame([key(pygame.K_PAGEDOWN)], 0.01)
        assert play.reading.scroll.offset in [line.y for line in play.reading.block.lines]
        for text, rect in _drawn(app):
            if rect.colliderect(play.plan.text_box):
                assert play.plan.text_box.inflate(2, 2).contains(rect), f"{text!r} cut by the text's edge"
        # The same on a document screen: the history's heading stays put as it scrolls.
        app.push(HistoryScreen(app))
        history = app.top
        app.frame([key(pygame.K_HOME)], 0.01)
        app.frame([key(pygame.K_PAGEDOWN)], 0.01)
        texts = [text for text, _ in _drawn(app)]
        assert "History" in texts
        if history.scroll.more_below:
            cue = history.scroll.more_rect(app.ui, history.box.inflate(m.pad, 0))
            assert not cue.colliderect(history.box)
    finally:
        pygame.quit()


def test_no_scroll_cue_while_the_text_is_still_typing(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text(json.dumps({"text_size": "medium"}))
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=SMALL, start="qc_city_winter"))
    try:
        app.frame([], 0.05)
        assert app.top.revealing
        assert not any(text.startswith("more below") for text, _ in _drawn(app))
    finally:
        pygame.quit()


def test_overlays_dim_the_scene_and_menus_do_not_show_through(data_dir: Path) -> None:
    app = _open(data_dir, SMALL, "largest", "qc_city_winter")
    try:
        app.push(FamilyScreen(app))
        assert app.top.dim
        assert app.top.panel.top >= app.stack[0].plan.panel.top  # not over the tool buttons
        app.pop()
        app.frame([key(pygame.K_ESCAPE)], 0.01)
        assert isinstance(app.top, PauseMenu)
        menu = app.top
        calls = []
        menu.draw = lambda surface: calls.append(surface)
        app.push(FactListScreen(app))
        app.draw()
        assert not calls, "the pause menu is not drawn under the fact cards"
        app.pop()
        app.draw()
        assert calls
    finally:
        pygame.quit()
