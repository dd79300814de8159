"""The story map: DOT, Mermaid, and Graphviz output, drawn from small stories written here."""

from __future__ import annotations

import io
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from game.cli import main
from game.story import load_story
from game.tools import graph as graph_tool
from game.tools.graph import build_graph, to_dot, to_mermaid

MANIFEST = """\
format: 1
title: Two "Chapters"
start: dorm
people:
  suqin: {name: Chen Suqin, short: Suqin}
resources:
  savings: {start: 100, min: 0}
flags:
  called: {}
"""

SCENES = """\
scenes:
  dorm:
    chapter: The Call
    place: The dormitory
    when: Spring 2006
    text: A phone card.
    choices:
      - {id: call, text: Call home, effects: [called = true], goto: booth}
      - {id: rich, text: Call every night, if: savings >= 500, locked: Needs 500 yuan, goto: booth}
      - {id: quiet, text: Say nothing, if: not called, goto: night}
  booth:
    chapter: The Call
    text: The line crackles.
    next: night
  night:
    chapter: Night
    text: The lights go out.
    end: true
endings:
  - {id: connected, title: A Voice, if: called, text: A call., epilogue: {suqin: She smiles.}}
  - {id: silence, title: Silence, text: Quiet., epilogue: {suqin: She sleeps.}}
"""


@pytest.fixture
def story(tmp_path: Path):
    root = tmp_path / "story"
    root.mkdir()
    (root / "story.yaml").write_text(MANIFEST, encoding="utf-8")
    (root / "01.yaml").write_text(textwrap.dedent(SCENES), encoding="utf-8")
    return load_story(root, check_assets=False)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def test_dot_has_chapters_as_clusters_and_styles_conditions(story):
    dot = to_dot(build_graph(story))
    assert dot.count("subgraph cluster_") == 2
    assert 'label="The Call"' in dot and 'label="Night"' in dot
    assert '"s_dorm" -> "s_booth" [label="Call home"];' in dot
    assert '"s_dorm" -> "s_booth" [label="Call every night\\n(locked: Needs 500 yuan)", style=dashed];' in dot
    assert '"s_dorm" -> "s_night" [label="Say nothing\\n(if not called)", style=dashed];' in dot
    assert '"s_booth" -> "s_night";' in dot  # a Continue has no label
    assert '"e_connected" [label="Ending: A Voice\\n(connected)", shape=doubleoctagon' in dot
    assert '"s_night" -> "e_connected" [label="if called", style=dashed' in dot
    assert '"s_night" -> "e_silence" [color=' in dot  # the fallback: not dashed
    assert 'label="Two \\"Chapters\\""' in dot  # quotes are escaped


def test_mermaid_has_subgraphs_endings_and_dashed_conditions(story):
    chart = to_mermaid(build_graph(story))
    assert chart.startswith('---\ntitle: "Two \\"Chapters\\""\n---\nflowchart TD\n')
    assert '  subgraph chapter_1["The Call"]' in chart and '  subgraph chapter_2["Night"]' in chart
    assert '  s_dorm -->|"Call home"| s_booth' in chart
    assert '  s_dorm -.->|"Call every night<br/>(locked: Needs 500 yuan)"| s_booth' in chart
    assert "  s_booth --> s_night" in chart
    assert '  e_connected{{"Ending: A Voice<br/>(connected)"}}' in chart
    assert "  class e_connected,e_silence ending" in chart
    assert "  class s_night endscene" in chart


def test_one_chapter_shows_where_its_choices_lead_outside(story):
    chart = to_mermaid(build_graph(story, "The Call"))
    assert "chapter_2" not in chart and "s_night[" not in chart
    assert '  x_night>"night<br/>(Night)"]' in chart
    assert "  s_booth --> x_night" in chart
    assert "e_connected" not in chart  # no end scene in this chapter


def test_graph_command_writes_dot_and_mermaid(story, tmp_path):
    for name in ("map.dot", "map.gv", "map.mmd"):
        status, out, err = run("graph", "--story", str(story.root), "-o", str(tmp_path / name))
        assert status == 0, err
        assert "3 scenes, 2 endings" in out
    assert (tmp_path / "map.dot").read_text(encoding="utf-8").startswith("digraph story {")
    assert (tmp_path / "map.mmd").read_text(encoding="utf-8").startswith("---\n")


def test_unknown_format_and_chapter_are_usage_errors(story, tmp_path):
    status, _, err = run("graph", "--story", str(story.root), "-o", str(tmp_path / "map.txt"))
    assert status == 2 and ".mmd" in err
    status, _, err = run(
        "graph", "--story", str(story.root), "--chapter", "Nope", "-o", str(tmp_path / "map.dot")
    )
    assert status == 2 and "Chapters: The Call; Night" in err


def test_svg_without_graphviz_says_how_to_install_it(story, tmp_path, monkeypatch):
    monkeypatch.setattr(graph_tool.shutil, "which", lambda name: None)
    status, _, err = run("graph", "--story", str(story.root), "-o", str(tmp_path / "map.svg"))
    assert status == 1
    assert "apt-get install graphviz" in err and ".dot or .mmd" in err
    assert not (tmp_path / "map.svg").exists()


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
def test_graphviz_accepts_the_dot_and_draws_svg(story, tmp_path):
    status, _, err = run("graph", "--story", str(story.root), "-o", str(tmp_path / "map.svg"))
    assert status == 0, err
    assert "<svg" in (tmp_path / "map.svg").read_text(encoding="utf-8")
    checked = subprocess.run(
        ["dot", "-Tcanon"], input=to_dot(build_graph(story)).encode(), capture_output=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
