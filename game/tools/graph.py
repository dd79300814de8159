"""`python main.py graph -o FILE`: the story's map as DOT, Mermaid, or SVG/PNG through Graphviz.

Chapters are clusters (subgraphs), end scenes lead to the endings they can pick, a conditional
choice is a dashed edge, and a choice shown locked carries its reason.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from game.story.model import Story
from game.story.suggest import plural

USAGE_ERROR = 2
_LABEL_LIMIT = 48
FORMATS = {".dot": "dot", ".gv": "dot", ".mmd": "mermaid", ".svg": "svg", ".png": "png"}
INSTALL_GRAPHVIZ = (
    "Graphviz's 'dot' program is needed for .svg and .png but is not installed. "
    "Install it (Debian/Ubuntu: sudo apt-get install graphviz; macOS: brew install "
    "graphviz; Windows: winget install graphviz) or write a .dot or .mmd file, "
    "which need nothing else (.mmd renders in Markdown viewers such as GitHub's)."
)


# ----------------------------------------------------------------------------- the graph


@dataclass(frozen=True)
class Node:
    """A box of the story map: a scene or an ending."""

    id: str  # graph id: s_<scene> or e_<ending>; x_<scene> for a scene outside the chapter shown
    label: str
    kind: str  # "scene", "start", "end", "ending", "outside"
    chapter: str = ""


@dataclass(frozen=True)
class Edge:
    """An arrow of the story map: a choice, a Continue, or the way to an ending."""

    source: str
    target: str
    label: str
    conditional: bool = False  # dashed
    kind: str = "choice"  # "choice", "continue", "ending"


@dataclass(frozen=True)
class StoryGraph:
    """The story map: its chapters, boxes and arrows."""

    title: str
    chapters: tuple[str, ...]
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def _short(text: str, limit: int = _LABEL_LIMIT) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def build_graph(story: Story, chapter: str | None = None) -> StoryGraph:
    """The scenes (of one chapter, or all), their choices, and the endings end scenes lead to."""
    shown = [s for s in story.scenes.values() if chapter is None or s.chapter == chapter]
    inside = {s.id for s in shown}
    nodes: list[Node] = []
    edges: list[Edge] = []
    outside: dict[str, Node] = {}
    for scene in shown:
        kind = "start" if scene.id == story.start else "end" if scene.end else "scene"
        details = " · ".join(p for p in (scene.place, scene.when) if p)
        label = scene.id + (f"\n{_short(details)}" if details else "")
        nodes.append(Node(f"s_{scene.id}", label, kind, scene.chapter))
        for choice in scene.choices:
            target = f"s_{choice.goto}"
            if choice.goto not in inside:
                other = story.scenes[choice.goto]
                outside.setdefault(
                    choice.goto,
                    Node(f"x_{choice.goto}", f"{choice.goto}\n({other.chapter or 'no chapter'})", "outside"),
                )
                target = f"x_{choice.goto}"
            if choice.is_continue:
                edges.append(Edge(f"s_{scene.id}", target, "", False, "continue"))
                continue
            label = _short(choice.text)
            if choice.condition is not None and choice.locked:
                label += f"\n(locked: {_short(choice.locked, 36)})"
            elif choice.condition is not None:
                label += f"\n(if {_short(choice.condition.source, 36)})"
            edges.append(Edge(f"s_{scene.id}", target, label, choice.condition is not None))
    endings_used: dict[str, None] = {}
    for scene in shown:
        if not scene.end:
            continue
        for ending in story.endings:
            if ending.from_scenes is not None and scene.id not in ending.from_scenes:
                continue
            endings_used[ending.id] = None
            label = "" if ending.condition is None else f"if {_short(ending.condition.source, 40)}"
            edges.append(
                Edge(f"s_{scene.id}", f"e_{ending.id}", label, ending.condition is not None, "ending")
            )
            if ending.condition is None:
                break  # the fallback: no later ending is ever tried from this scene
    for ending in story.endings:
        if ending.id in endings_used:
            nodes.append(
                Node(f"e_{ending.id}", f"Ending: {_short(ending.title, 40)}\n({ending.id})", "ending")
            )
    chapters = tuple(c for c in story.chapters() if chapter is None or c == chapter)
    if any(not n.chapter for n in nodes if n.kind in ("scene", "start", "end")):
        chapters += ("",)
    return StoryGraph(story.title, chapters, tuple(nodes) + tuple(outside.values()), tuple(edges))


# ----------------------------------------------------------------------------- DOT


def _dot_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'


_DOT_NODE = {
    "scene": 'shape=box, style="rounded"',
    "start": 'shape=box, style="rounded,bold", penwidth=2',
    "end": 'shape=box, style="rounded,filled", fillcolor="#e8e0f0", peripheries=2',
    "ending": 'shape=doubleoctagon, style=filled, fillcolor="#f5e6c8"',
    "outside": 'shape=note, style=dashed, fontcolor="#666666"',
}


def to_dot(graph: StoryGraph) -> str:
    """Graphviz DOT: chapters as clusters, endings as double octagons, conditional edges dashed."""
    lines = [
        "digraph story {",
        f'  graph [label={_dot_string(graph.title)}, labelloc=t, fontname="Helvetica", '
        "rankdir=TB, newrank=true];",
        '  node [fontname="Helvetica", fontsize=10];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]

    def node_line(node: Node, indent: str) -> str:
        return f"{indent}{_dot_string(node.id)} [label={_dot_string(node.label)}, {_DOT_NODE[node.kind]}];"

    for number, chapter in enumerate(graph.chapters, start=1):
        members = [n for n in graph.nodes if n.kind in ("scene", "start", "end") and n.chapter == chapter]
        if not members:
            continue
        if chapter:
            lines.append(f"  subgraph cluster_{number} {{")
            lines.append(f'    label={_dot_string(chapter)}; style="rounded"; color="#999999";')
            lines.extend(node_line(n, "    ") for n in members)
            lines.append("  }")
        else:
            lines.extend(node_line(n, "  ") for n in members)
    lines.extend(node_line(n, "  ") for n in graph.nodes if n.kind in ("ending", "outside"))
    for edge in graph.edges:
        attributes = []
        if edge.label:
            attributes.append(f"label={_dot_string(edge.label)}")
        if edge.conditional:
            attributes.append("style=dashed")
        if edge.kind == "ending":
            attributes.append('color="#8a6d3b"')
        suffix = f" [{', '.join(attributes)}]" if attributes else ""
        lines.append(f"  {_dot_string(edge.source)} -> {_dot_string(edge.target)}{suffix};")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- Mermaid


def _mermaid_text(text: str) -> str:
    escaped = (
        text.replace("&", "#amp;")
        .replace('"', "#quot;")
        .replace("<", "#lt;")
        .replace(">", "#gt;")
        .replace("|", "#124;")
    )
    return escaped.replace("\n", "<br/>")


_MERMAID_SHAPE = {
    "scene": ('["', '"]'),
    "start": ('(["', '"])'),
    "end": ('[["', '"]]'),
    "ending": ('{{"', '"}}'),
    "outside": ('>"', '"]'),
}


def to_mermaid(graph: StoryGraph) -> str:
    """A Mermaid flowchart (renders in Markdown viewers): chapters as subgraphs, dashed conditions."""
    lines = ["---", f"title: {json.dumps(graph.title, ensure_ascii=False)}", "---", "flowchart TD"]

    def node_line(node: Node, indent: str) -> str:
        left, right = _MERMAID_SHAPE[node.kind]
        return f"{indent}{node.id}{left}{_mermaid_text(node.label)}{right}"

    for number, chapter in enumerate(graph.chapters, start=1):
        members = [n for n in graph.nodes if n.kind in ("scene", "start", "end") and n.chapter == chapter]
        if not members:
            continue
        if chapter:
            lines.append(f'  subgraph chapter_{number}["{_mermaid_text(chapter)}"]')
            lines.extend(node_line(n, "    ") for n in members)
            lines.append("  end")
        else:
            lines.extend(node_line(n, "  ") for n in members)
    lines.extend(node_line(n, "  ") for n in graph.nodes if n.kind in ("ending", "outside"))
    for edge in graph.edges:
        arrow = "-.->" if edge.conditional else "-->"
        label = f'|"{_mermaid_text(edge.label)}"|' if edge.label else ""
        lines.append(f"  {edge.source} {arrow}{label} {edge.target}")
    lines.append("  classDef ending fill:#f5e6c8,stroke:#8a6d3b")
    lines.append("  classDef endscene fill:#e8e0f0,stroke:#6a5a8a")
    lines.append("  classDef outside fill:#ffffff,stroke:#999999,stroke-dasharray:4 3,color:#666666")
    for kind, css in (("ending", "ending"), ("end", "endscene"), ("outside", "outside")):
        ids = [n.id for n in graph.nodes if n.kind == kind]
        if ids:
            lines.append(f"  class {','.join(ids)} {css}")
    return "\n".join(lines) + "\n"


# ----------------------------------------------------------------------------- the command


def render(graph: StoryGraph, fmt: str) -> bytes:
    """The graph in a format of FORMATS; raises FileNotFoundError if Graphviz is needed and missing."""
    if fmt == "dot":
        return to_dot(graph).encode("utf-8")
    if fmt == "mermaid":
        return to_mermaid(graph).encode("utf-8")
    program = shutil.which("dot")
    if program is None:
        raise FileNotFoundError(INSTALL_GRAPHVIZ)
    done = subprocess.run(
        [program, f"-T{fmt}"],
        input=to_dot(graph).encode("utf-8"),
        capture_output=True,
        timeout=120,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace").strip() or "dot failed")
    return done.stdout


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "graph",
        help="draw the story's map: DOT, Mermaid (.mmd), or SVG/PNG with Graphviz",
        description="Writes the story graph. The format follows the file name: .dot/.gv (Graphviz), "
        ".mmd (Mermaid, renders in Markdown viewers), .svg/.png (needs Graphviz's dot).",
    )
    # Only --story: the map shows the whole story, so --start and --set (which the other commands
    # take) would change nothing, and are refused rather than silently ignored.
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="FILE",
        help="where to write: .dot, .gv, .mmd, .svg or .png",
    )
    parser.add_argument("--chapter", metavar="NAME", help="only this chapter's scenes")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.launch import load_or_report

    fmt = FORMATS.get(args.output.suffix.lower())
    if fmt is None:
        print(
            f"graph: cannot tell the format from '{args.output.name}': name the file .dot, .gv, "
            ".mmd, .svg or .png",
            file=err,
        )
        return USAGE_ERROR
    story = load_or_report(args.story, err)
    if story is None:
        return 1
    if args.chapter is not None and args.chapter not in story.chapters():
        same = [c for c in story.chapters() if c.casefold() == args.chapter.strip().casefold()]
        if len(same) == 1:  # "2008: the storm" for "2008: The Storm"
            args.chapter = same[0]
    if args.chapter is not None and args.chapter not in story.chapters():
        names = "; ".join(story.chapters()) or "none"
        print(f"graph: there is no chapter '{args.chapter}'. Chapters: {names}", file=err)
        return USAGE_ERROR
    graph = build_graph(story, args.chapter)
    try:
        data = render(graph, fmt)
    except FileNotFoundError as exc:
        print(f"graph: {exc}", file=err)
        return 1
    except (RuntimeError, subprocess.TimeoutExpired, OSError) as exc:
        print(f"graph: Graphviz could not draw the graph: {exc}", file=err)
        return 1
    try:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_bytes(data)
    except OSError as exc:
        print(f"graph: cannot write {args.output}: {exc.strerror or exc}", file=err)
        return 1
    scenes = sum(1 for n in graph.nodes if n.kind in ("scene", "start", "end"))
    endings = sum(1 for n in graph.nodes if n.kind == "ending")
    print(
        f"Wrote {args.output}: {plural(scenes, 'scene')}, {plural(endings, 'ending')}, "
        f"{plural(len(graph.edges), 'edge')}.",
        file=out,
    )
    return 0
