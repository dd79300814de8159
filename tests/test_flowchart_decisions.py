"""The flowchart names each box by its decision, and shows the whole story zoomed to fit, with
the chapters and key decisions named at a readable size."""

from __future__ import annotations

from pathlib import Path

import pygame

from game.cli import LaunchOptions
from game.story import load_story
from game.story.loader import default_story_dir
from game.ui.app import build_app
from game.ui.autoplay import key
from game.ui.screens.flowchart import FlowchartScreen, decision_label, story_layout
from tests.uikit import click, drawn


def open_chart(data_dir: Path, size: tuple[int, int] = (1280, 720)):  # noqa: ANN201
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=size, start="huilong_decision"))
    chart = FlowchartScreen(app)
    app.push(chart)
    return app, chart


def test_boxes_are_named_by_their_decisions_not_their_first_words(data_dir: Path) -> None:
    app, chart = open_chart(data_dir)
    try:
        shown = [text for text, _, _ in drawn(app)]
        assert "Leave the village" in shown  # huilong_decision's key decision
        assert not any(text.startswith("You can't sleep") for text in shown)  # its first words
        scene = app.story.scenes["huilong_letter"] if "huilong_letter" in app.story.scenes else None
        if scene is not None and scene.choices and not scene.key:
            first = scene.choices[0].text.split()[0]
            assert any(text.startswith(first) for text in shown)
    finally:
        pygame.quit()


def test_the_whole_story_fits_and_names_chapters_and_key_decisions_readably(data_dir: Path) -> None:
    for size in ((1280, 720), (800, 600)):
        app, chart = open_chart(data_dir, size)
        try:
            click(app, next(b for b in chart.focus.buttons if b.label == "Whole story (W)").rect)
            assert chart.whole and len(chart.nodes) == len(app.story.scenes)
            for node in chart.nodes.values():  # every box in view: zoomed to fit the whole story
                assert chart.view.contains(chart.node_rect(node)), node
            texts = drawn(app)
            shown = [text for text, _, _ in texts]
            for chapter in app.story.chapters():
                assert chapter.upper() in shown
            keys = {decision_label(s) for s in app.story.scenes.values() if s.key}
            named = [(text, px) for text, px, _ in texts if text in keys]
            assert len({text for text, _ in named}) >= 2, named  # key decisions, by name
            assert min(px for _, px in named) >= 14
            app.frame([key(pygame.K_w)], 0.016)  # back to the chapter
            assert not chart.whole and "Leave the village" in [t for t, _, _ in drawn(app)]
        finally:
            pygame.quit()


def test_the_whole_story_layout_keeps_chapters_apart() -> None:
    story = load_story(default_story_dir())
    nodes, edges = story_layout(story)
    assert set(nodes) == set(story.scenes)
    by_chapter: dict[str, list] = {}
    for sid, node in nodes.items():
        by_chapter.setdefault(story.scenes[sid].chapter, []).append(node)
    spans = {
        ch: (min(n.row for n in ns), max(n.row for n in ns), min(n.layer for n in ns))
        for ch, ns in by_chapter.items()
    }
    for a, (lo_a, hi_a, col_a) in spans.items():
        for b, (lo_b, hi_b, col_b) in spans.items():
            same_column = abs(col_a - col_b) < 2
            if a != b and same_column:
                assert hi_a < lo_b or hi_b < lo_a, (a, b)  # no two chapters share a row
