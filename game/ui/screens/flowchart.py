"""The flowchart: one chapter's scenes (or the whole story's) left to right, the path lit.

Each box is named by its decision: a key decision's words, else the words of its choices; a
scene without a choice by its place and date. Arrows pan, + and - zoom, 0 fits the chapter; W
(or the Whole story button) shows every chapter at once, zoomed to fit, with the key decisions
named in text readable from the back of a classroom. The mouse drags to pan and the wheel zooms.
Esc, Enter or Close returns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pygame

from game.story import Story
from game.story.model import Scene
from game.ui.screens.base import Screen
from game.ui.widgets import Button, Rect
from game.ui.words import word

NODE_W, NODE_H, COL_GAP, ROW_GAP = 230, 96, 64, 26  # at zoom 1, for 15.5 px small text


@dataclass
class Node:
    """A scene's place in the flowchart: its layer (column) and row."""

    scene: str
    layer: int
    row: float
    exits: bool = False  # a choice leads out of the chapter
    leads: tuple[str, ...] = ()  # the chapters its choices lead on to ("" for an ending)


def chapter_layout(
    story: Story, chapter: str | None
) -> tuple[dict[str, Node], dict[tuple[str, str], list[str]]]:
    """Layers (longest path from the chapter's entries) and rows for each scene of the chapter
    (of the whole story if `chapter` is None).

    Returns the nodes and the edges within the chapter: (from, to) -> the choice ids between them.
    """
    scenes = [s for s in story.scenes.values() if chapter is None or s.chapter == chapter]
    ids = {s.id for s in scenes}
    edges: dict[tuple[str, str], list[str]] = {}
    exits: dict[str, list[str]] = {}
    for scene in scenes:
        for choice in scene.choices:
            if choice.goto in ids and choice.goto != scene.id:
                edges.setdefault((scene.id, choice.goto), []).append(choice.full_id)
            elif choice.goto not in ids:
                target = story.scenes.get(choice.goto)
                leads = exits.setdefault(scene.id, [])
                name = target.chapter if target is not None and target.chapter else ""
                if name not in leads:
                    leads.append(name)
    incoming = {to for _, to in edges}
    entries = [s.id for s in scenes if s.id not in incoming] or [scenes[0].id] if scenes else []
    # Depth-first from the entries: an edge to a scene still on the walk is a loop back, and
    # does not count; every other edge puts its target at least one layer right of its source.
    order: dict[str, int] = {}
    back: set[tuple[str, str]] = set()
    successors: dict[str, list[str]] = {}
    for fr, to in edges:
        successors.setdefault(fr, []).append(to)
    on_walk: set[str] = set()

    def walk(sid: str) -> None:
        order[sid] = len(order)
        on_walk.add(sid)
        for to in successors.get(sid, []):
            if to in on_walk:
                back.add((sid, to))
            elif to not in order:
                walk(to)
        on_walk.discard(sid)

    for sid in [*entries, *(s.id for s in scenes)]:
        if sid not in order:
            walk(sid)
    layer = {sid: 0 for sid in order}
    forward = [e for e in edges if e not in back]
    for _ in range(len(order)):
        changed = False
        for fr, to in forward:
            if layer[to] < layer[fr] + 1:
                layer[to] = layer[fr] + 1
                changed = True
        if not changed:
            break
    nodes: dict[str, Node] = {}
    columns: dict[int, list[str]] = {}
    for sid in sorted(order, key=lambda scene_id: order[scene_id]):
        columns.setdefault(layer[sid], []).append(sid)
    for col in sorted(columns):
        members = columns[col]

        def centre(sid: str) -> float:
            parents = [nodes[fr].row for (fr, to) in edges if to == sid and fr in nodes]
            return sum(parents) / len(parents) if parents else 0.0

        members.sort(key=lambda s: (centre(s), order[s]))
        offset = (len(members) - 1) / 2
        for index, sid in enumerate(members):
            nodes[sid] = Node(sid, col, index - offset, sid in exits, tuple(exits.get(sid, ())))
    return nodes, edges


def story_layout(story: Story, columns: int = 2) -> tuple[dict[str, Node], dict[tuple[str, str], list[str]]]:
    """The whole story: each chapter laid out as on its own page, the chapters one under another
    in `columns` columns (in story order, down the first column first), with their edges."""
    chapters = story.chapters()
    if any(not scene.chapter for scene in story.scenes.values()):
        chapters.append("")
    blocks = [chapter_layout(story, chapter) for chapter in chapters]
    per_column = max(1, -(-len(blocks) // columns))
    width = max((max((n.layer for n in b[0].values()), default=0) + 2 for b in blocks), default=1)
    nodes: dict[str, Node] = {}
    edges: dict[tuple[str, str], list[str]] = {}
    y = 0.0
    for index, (block, block_edges) in enumerate(blocks):
        if index % per_column == 0:
            y = 0.0
        if not block:
            continue
        low = min(n.row for n in block.values())
        for sid, n in block.items():
            nodes[sid] = Node(sid, n.layer + (index // per_column) * width, y + n.row - low, n.exits, n.leads)
        y += max(n.row for n in block.values()) - low + 2.2  # room for the next name
        edges.update(block_edges)
    return nodes, edges


def decision_label(scene: Scene) -> str:
    """What a box is called: the key decision's words, else its choices' words, else its place."""
    if scene.key:
        return scene.key[:1].upper() + scene.key[1:]
    real = [c.text for c in scene.choices if not c.is_continue]
    if real:
        return " / ".join(real)
    return scene.place or scene.when or scene.id


def _first_lines(face, text: str, width: int, count: int) -> list[str]:  # noqa: ANN001
    """The first `count` wrapped lines of `text`, the last ending in '…' if any text is left over."""
    lines = face.wrap(text, width)
    if len(lines) <= count:
        return lines
    last = lines[count - 1].rstrip(" …")
    while last and face.width(last + "…") > width:
        last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
    return [*lines[: count - 1], last + "…"]


class FlowchartScreen(Screen):
    """The chapter's graph; `done` (if given) runs when it closes, e.g. to go on to the next chapter."""

    def __init__(
        self,
        app,
        chapter: str | None = None,  # noqa: ANN001
        done: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(app)
        session = app.session
        self.chapter = chapter if chapter is not None else session.scene.chapter
        self.done = done
        self.whole = False  # every chapter at once (W)
        self.bands: dict[str, str] = {}  # chapter -> its first scene, in the whole story
        self.nodes, self.edges = chapter_layout(app.loaded_story, self.chapter)
        self.visited = [step.scene for step in session.transcript]
        self.taken = set(session.state.log)
        self.zoom = 1.0
        self.pan = [0.0, 0.0]
        self.view = Rect(0, 0, 0, 0)
        self._drag: tuple[int, int] | None = None
        self._fitted = False

    # ------------------------------------------------------------------ geometry

    def _scale(self) -> float:
        """Pixels per layout unit: follows the text size, so labels stay readable when projected."""
        return self.ui.metrics.small / 15.5 * self.zoom

    def node_rect(self, node: Node) -> Rect:
        s = self._scale()
        x = self.view.x + self.pan[0] + node.layer * (NODE_W + COL_GAP) * s
        y = self.view.centery + self.pan[1] + node.row * (NODE_H + ROW_GAP) * s - NODE_H * s / 2
        return Rect(round(x), round(y), round(NODE_W * s), round(NODE_H * s))

    def floor(self) -> int:
        """The smallest text on the chart: 16 px in class (read off a projector), else 14."""
        return 16 if self.app.classroom is not None else 14

    def fonts(self):  # noqa: ANN201
        """The faces for a box's name, its place and date, and the vote-share labels."""
        ui, s, floor = self.ui, self._scale(), self.floor()
        return (
            ui.face("ui_bold", max(floor, round(15 * s))),
            ui.face("ui", max(floor, round(13 * s))),
            ui.face("ui_bold", max(floor, round(14 * s))),
        )

    def fit(self) -> None:
        """Zoom to fit the whole chapter as far as its smallest text stays readable (the floor);
        a chapter still too big starts at the class's latest scene, and the view's edges fade."""
        if not self.nodes:
            return
        layers = max(n.layer for n in self.nodes.values()) + 1
        rows = max(n.row for n in self.nodes.values()) - min(n.row for n in self.nodes.values()) + 1
        unit = self.ui.metrics.small / 15.5
        need_w = (layers * (NODE_W + COL_GAP) - COL_GAP) * unit
        need_h = (rows * (NODE_H + ROW_GAP) - ROW_GAP) * unit
        readable = self.floor() / (13 * unit)  # the zoom at which the place line is at the floor
        fits = min(1.3, self.view.width / need_w, self.view.height / need_h)
        self.zoom = fits if self.whole else max(readable, fits)  # the whole story: all of it, always
        s = self._scale()
        width = (layers * (NODE_W + COL_GAP) - COL_GAP) * s
        self.pan = [max(0.0, (self.view.width - width) / 2), 0.0]
        min_row = min(n.row for n in self.nodes.values())
        max_row = max(n.row for n in self.nodes.values())
        self.pan[1] = -(min_row + max_row) / 2 * (NODE_H + ROW_GAP) * s
        here = [self.nodes[sid] for sid in self.visited if sid in self.nodes]
        if here:
            rect = self.node_rect(here[-1])
            if rect.right > self.view.right:
                self.pan[0] -= rect.right - self.view.right + self.view.width // 4
            if (max_row - min_row + 1) * (NODE_H + ROW_GAP) * s > self.view.height:
                self.pan[1] = -here[-1].row * (NODE_H + ROW_GAP) * s

    def overflow(self) -> set[str]:
        """The view's edges ("left", "right", "top", "bottom") that boxes reach past."""
        sides: set[str] = set()
        v = self.view
        for node in self.nodes.values():
            r = self.node_rect(node)
            if r.left < v.left:
                sides.add("left")
            if r.right > v.right:
                sides.add("right")
            if r.top < v.top:
                sides.add("top")
            if r.bottom > v.bottom:
                sides.add("bottom")
        return sides

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        heading = ui.face("display", metrics.heading)
        top = metrics.margin + heading.height + ui.face("ui", metrics.small).height + metrics.gap
        close = Button(word("press_continue") if self.done else word("close"), self.close, kind="menu")
        w = close.face(ui).width(close.label) + 2 * metrics.pad
        h = close.measure(ui, w)
        close.rect = Rect(metrics.width - metrics.margin - w, metrics.height - metrics.margin - h, w, h)
        whole = Button(
            word("flowchart_chapter" if self.whole else "flowchart_whole"), self.toggle_whole, kind="menu"
        )
        ww = whole.face(ui).width(whole.label) + 2 * metrics.pad
        whole.rect = Rect(close.rect.left - metrics.gap - ww, close.rect.top, ww, h)
        self.view = Rect(
            metrics.margin, top, metrics.width - 2 * metrics.margin, close.rect.top - metrics.gap - top
        )
        self.focus.set([close, whole], keep=False)
        self.focus.index = 0
        if not self._fitted:
            self.fit()
            self._fitted = True

    def toggle_whole(self) -> None:
        """Between this chapter and the whole story, fitted to the view."""
        self.whole = not self.whole
        story = self.app.loaded_story
        self.nodes, self.edges = story_layout(story) if self.whole else chapter_layout(story, self.chapter)
        self.bands = {}  # the whole story: each chapter's name goes above its first box
        if self.whole:
            for sid, _node in sorted(self.nodes.items(), key=lambda item: (item[1].layer, item[1].row)):
                self.bands.setdefault(story.scenes[sid].chapter, sid)
        self._fitted = False
        self.layout()

    def close(self) -> None:
        self.app.pop()
        if self.done is not None:
            self.done()

    # ------------------------------------------------------------------ events

    def zoom_by(self, factor: float) -> None:
        old = self.zoom
        self.zoom = max(0.02 if self.whole else 0.4, min(2.5, self.zoom * factor))
        ratio = self.zoom / old
        self.pan = [self.pan[0] * ratio, self.pan[1] * ratio]

    def handle(self, event: pygame.event.Event) -> bool:
        step = 60 * self.ui.metrics.unit
        if event.type == pygame.KEYDOWN:
            moves = {
                pygame.K_LEFT: (step, 0),
                pygame.K_RIGHT: (-step, 0),
                pygame.K_UP: (0, step),
                pygame.K_DOWN: (0, -step),
            }
            if event.key in moves:
                dx, dy = moves[event.key]
                self.pan = [self.pan[0] + dx, self.pan[1] + dy]
                return True
            if event.key in (pygame.K_PLUS, pygame.K_EQUALS, pygame.K_KP_PLUS):
                self.zoom_by(1.2)
                return True
            if event.key in (pygame.K_MINUS, pygame.K_KP_MINUS):
                self.zoom_by(1 / 1.2)
                return True
            if event.key in (pygame.K_0, pygame.K_KP0):
                self.fit()
                return True
            if event.key == pygame.K_w:
                self.toggle_whole()
                return True
            if event.key in (pygame.K_ESCAPE, pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                self.close()
                return True
            return False
        if event.type == pygame.MOUSEWHEEL:
            self.zoom_by(1.15 if event.y > 0 else 1 / 1.15)
            return True
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1 and self.view.collidepoint(event.pos):
            self._drag = event.pos
            return True
        if event.type == pygame.MOUSEMOTION and self._drag is not None:
            dx, dy = event.pos[0] - self._drag[0], event.pos[1] - self._drag[1]
            self.pan = [self.pan[0] + dx, self.pan[1] + dy]
            self._drag = event.pos
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1 and self._drag is not None:
            self._drag = None
            if not any(b.rect.collidepoint(event.pos) for b in self.focus.buttons):
                return True
        return self.focus.handle(event)

    # ------------------------------------------------------------------ drawing

    def _draw_exit(
        self,
        surface: pygame.Surface,
        node: Node,
        rect: Rect,
        inner: Rect,
        face,  # noqa: ANN001
        lit: bool,
    ) -> None:
        """A chip at the foot of a box whose choices leave the chapter: "→ the next chapter"."""
        ui, palette = self.ui, self.ui.palette
        names = [name for name in node.leads if name]
        label = "→ " + (" / ".join(names) if names else word("flowchart_next"))
        chip = Rect(inner.x - 4, 0, 0, face.height + 2)
        text = _first_lines(face, label, inner.width, 1)[0]
        chip.width = min(inner.width + 8, face.width(text) + 12)
        chip.bottom = rect.bottom - max(3, (rect.bottom - inner.bottom) // 2)
        colour = palette.focus if lit else palette.text_dim
        ui.panel(surface, chip, palette.panel_solid, radius=chip.height // 2, edge=False)
        pygame.draw.rect(surface, colour, chip, 1, border_radius=chip.height // 2)
        ui.text(surface, text, face, colour, (chip.x + 5, chip.y + 1), chip)

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics = self.ui, self.ui.metrics
        surface.fill(ui.palette.backdrop)
        self._draw_heading(surface)
        clip = surface.get_clip()
        surface.set_clip(self.view)
        rects = {sid: self.node_rect(node) for sid, node in self.nodes.items()}
        self._draw_edges(surface, rects)
        tags: list[tuple[Rect, str, bool]] = []  # key decisions named above boxes too small for text
        visited = set(self.visited)
        for sid, rect in rects.items():
            if rect.colliderect(self.view):
                self._draw_node(surface, sid, rect, sid in visited, tags)
        self._draw_labels(surface, rects, tags)
        for side in self.overflow():
            depth = metrics.pad * 3 if side in ("left", "right") else metrics.pad
            ui.fade(surface, self.view, side, depth)
        surface.set_clip(clip)
        self.focus.draw(ui, surface, "center")

    def _draw_heading(self, surface: pygame.Surface) -> None:
        """The chart's title (this chapter, or the whole story) and the hint under it."""
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        heading = ui.face("display", metrics.heading)
        small = ui.face("ui", metrics.small)
        title = word("flowchart_whole_title") if self.whole else word("flowchart_title", chapter=self.chapter)
        window = Rect(0, 0, metrics.width, metrics.height)
        top = metrics.margin - metrics.gap
        ui.text(surface, title, heading, palette.heading, (metrics.margin, top), window)
        hint = small.wrap(word("flowchart_hint"), metrics.width - 2 * metrics.margin)[0]
        ui.text(surface, hint, small, palette.text_dim, (metrics.margin, top + heading.height), window)

    def _draw_edges(self, surface: pygame.Surface, rects: dict[str, Rect]) -> None:
        """The links between scenes: dim, and lit over them where this playthrough went (with the
        class's vote share on a taken link in a class session)."""
        ui, palette, scale = self.ui, self.ui.palette, self._scale()
        classroom = self.app.classroom
        label_face = self.fonts()[2]
        lit_edges = []
        for (origin, target), choice_ids in self.edges.items():
            taken = [c for c in choice_ids if c in self.taken]
            a, b = rects[origin], rects[target]
            start, end = (a.right, a.centery), (b.left, b.centery)
            if b.left <= a.right:  # a loop back: go round below
                start, end = (a.centerx, a.bottom), (b.centerx, b.bottom)
            if taken:
                lit_edges.append((start, end, taken))
                continue
            pygame.draw.line(surface, palette.text_dim, start, end, 2)
        for start, end, taken in lit_edges:
            pygame.draw.line(surface, palette.focus, start, end, max(2, round(3 * scale)))
            pygame.draw.circle(surface, palette.focus, end, max(3, round(5 * scale)))
            share = classroom.vote_share(taken[-1]) if classroom is not None else None
            if share is not None:
                text = f"{round(100 * share)}%"
                mid = ((start[0] + end[0]) // 2, (start[1] + end[1]) // 2)
                w, h = label_face.width(text) + 8, label_face.height
                box = Rect(mid[0] - w // 2, mid[1] - h - 3, w, h)  # above its line, not on it
                ui.panel(surface, box, palette.panel_solid, radius=h // 2, edge=True)
                ui.text(surface, text, label_face, palette.focus, (box.x + 4, box.y), box)

    def _draw_node(
        self, surface: pygame.Surface, sid: str, rect: Rect, lit: bool, tags: list[tuple[Rect, str, bool]]
    ) -> None:
        """One scene's box: lit if visited, edged in gold if a key decision, named by its decision
        with the place and time under it; a box too small for words adds a tag to `tags` instead."""
        ui, palette, scale = self.ui, self.ui.palette, self._scale()
        scene = self.app.loaded_story.scenes[sid]
        name_face, when_face, _ = self.fonts()
        radius = max(2, min(round(8 * scale), rect.height // 3))
        ui.panel(surface, rect, palette.panel_solid, radius=radius, edge=False)
        ui.panel(surface, rect, palette.button_hover if lit else palette.button, radius=radius, edge=True)
        if scene.key:  # a key decision: a gold edge
            pygame.draw.rect(surface, palette.focus, rect, 1, border_radius=radius)
        if self.visited and sid == self.visited[-1]:
            pygame.draw.rect(surface, palette.focus, rect, 2, border_radius=radius)
        inner = rect.inflate(-round(16 * scale), -round(10 * scale))
        if inner.height < 2 * name_face.height:  # too small for its words at a readable size
            if scene.key:
                tags.append((rect, decision_label(scene), lit))
            return
        y = inner.y
        # Named by the decision taken here (the place goes under), not by the text's first words.
        decides = scene.key or any(not c.is_continue for c in scene.choices)
        lines = 2 if inner.height >= 3 * name_face.height + when_face.height else 1
        for line in _first_lines(name_face, decision_label(scene), inner.width, lines if decides else 1):
            ui.text(surface, line, name_face, palette.heading if lit else palette.locked, (inner.x, y), rect)
            y += name_face.height
        where = " · ".join(part for part in (scene.place, scene.when) if part) if decides else scene.when
        node = self.nodes[sid]
        chip_h = when_face.height + 4 if node.exits else 0
        room = (rect.bottom - chip_h - round(4 * scale) - y) // max(1, when_face.height)
        for line in _first_lines(when_face, where, inner.width, max(0, min(2, room))) if room > 0 else []:
            ui.text(surface, line, when_face, palette.text if lit else palette.locked, (inner.x, y), rect)
            y += when_face.height
        if node.exits:
            self._draw_exit(surface, node, rect, inner, when_face, lit)

    def _draw_labels(
        self, surface: pygame.Surface, rects: dict[str, Rect], tags: list[tuple[Rect, str, bool]]
    ) -> None:
        """The chapters' names over their first scenes, then the tags of small key decisions
        where they do not overlap a label already placed."""
        ui, palette = self.ui, self.ui.palette
        name_face = self.fonts()[0]
        placed: list[Rect] = []  # labels never overlap: a later one that would is left out
        for chapter, sid in self.bands.items():
            rect = rects[sid]
            text = chapter.upper() or "—"
            box = Rect(
                rect.x, rect.top - round(1.6 * name_face.height), name_face.width(text) + 8, name_face.height
            )
            placed.append(box)
            ui.text(surface, text, name_face, palette.text_dim, (box.x, box.y), box)
        for rect, label, lit in tags:
            text = _first_lines(name_face, label, max(rect.width * 4, 12 * name_face.height), 1)[0]
            box = Rect(0, 0, name_face.width(text) + 8, name_face.height)
            box.midbottom = (rect.centerx, rect.top - 2)
            if any(box.colliderect(other) for other in placed):
                continue
            placed.append(box)
            ui.panel(surface, box, palette.panel_solid, radius=4, edge=False)
            ui.text(
                surface, text, name_face, palette.focus if lit else palette.heading, (box.x + 4, box.y), box
            )
