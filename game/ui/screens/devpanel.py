"""The writing panel (F9 in writing mode, `--dev`): set any stat, resource or flag and jump to any
scene mid-play, through the engine's `game.engine.writing`.

One search field, like an editor's command palette: typing filters the values and the scenes
(ids, chapters, places, times and first words); `NAME=VALUE` and Enter sets a value, as `--set`
does; Enter (or a click) on a scene jumps there; on a value it puts `NAME=value` in the field.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.engine.session import ChoiceError, SetError
from game.engine.writing import (
    SceneEntry,
    Value,
    find_scenes,
    find_values,
    jump,
    scene_entries,
    set_value,
    values,
)
from game.ui.screens.base import Screen
from game.ui.text import Face
from game.ui.widgets import Rect, is_key
from game.ui.words import word


@dataclass
class Row:
    """One line of the list: a section heading, a value or a scene, at `y` in the list."""

    kind: str  # "heading", "value" or "scene"
    item: Value | SceneEntry | str
    y: int = 0
    height: int = 0


def open_writing_panel(app) -> None:  # noqa: ANN001 - the App
    """F9: the panel over the game (once); a sentence instead where it cannot work."""
    if isinstance(app.top, WritingPanel):
        app.pop()
    elif app.session is None:
        app.notify(word("writing_needs_game"))
    elif app.classroom is not None:
        app.notify(word("writing_not_in_class"))
    else:
        app.push(WritingPanel(app))


class WritingPanel(Screen):
    """The panel: a field, a message line, and the list of values and scenes that match."""

    opaque = False
    takes_text = True  # typed characters are the field's ("?" does not open the keys page)

    def __init__(self, app) -> None:  # noqa: ANN001
        super().__init__(app)
        self.query = ""
        self.message = ""  # what went wrong with the last Enter, in the author's words
        self.rows: list[Row] = []
        self.selected = 0  # index into the selectable rows
        self.offset = 0  # the list's scroll, in pixels
        self.panel = Rect(0, 0, 0, 0)
        self.field = Rect(0, 0, 0, 0)
        self.list_box = Rect(0, 0, 0, 0)
        self.scenes = scene_entries(app.playing.story)

    # ------------------------------------------------------------------ what is listed

    @property
    def choosable(self) -> list[Row]:
        return [row for row in self.rows if row.kind != "heading"]

    def _filter(self) -> None:
        """The rows that match the field (a `NAME=…` in it filters by the name)."""
        query = self.query.partition("=")[0] if "=" in self.query else self.query
        shown_values = find_values(values(self.app.playing), query)
        shown_scenes = [] if "=" in self.query else find_scenes(self.scenes, query)
        rows: list[Row] = []
        if shown_values:
            rows.append(Row("heading", word("writing_values", n=len(shown_values))))
            rows += [Row("value", v) for v in shown_values]
        if shown_scenes:
            rows.append(Row("heading", word("writing_scenes", n=len(shown_scenes))))
            rows += [Row("scene", s) for s in shown_scenes]
        self.rows = rows
        self.selected = min(self.selected, max(0, len(self.choosable) - 1))

    # ------------------------------------------------------------------ layout

    def layout(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        width = min(
            metrics.width - 2 * metrics.margin, max(round(900 * metrics.unit), round(metrics.width * 0.6))
        )
        self.panel = Rect(0, 0, width, metrics.height - 2 * metrics.margin)
        self.panel.center = (metrics.width // 2, metrics.height // 2)
        inner = self.panel.inflate(-2 * metrics.pad, -2 * metrics.pad)
        heading, small = ui.face("display", metrics.heading), ui.face("ui", metrics.small)
        hint_lines = len(small.wrap(word("writing_hint"), inner.width))
        top = inner.y + heading.height + metrics.gap + hint_lines * small.height + metrics.gap
        field_face = ui.face("ui", metrics.ui)
        self.field = Rect(inner.x, top, inner.width, field_face.height + metrics.pad)
        message = small.height + metrics.gap
        below = small.height  # room for "more below" under the list
        self.list_box = Rect(
            inner.x,
            self.field.bottom + message,
            inner.width,
            inner.bottom - self.field.bottom - message - below,
        )
        self._filter()
        self._place_rows()

    def _place_rows(self) -> None:
        ui, metrics = self.ui, self.ui.metrics
        y = 0
        for row in self.rows:
            row.y = y
            if row.kind == "heading":  # a gap above it, after a section
                row.height = ui.face("ui_bold", metrics.small).height + (
                    metrics.gap if y == 0 else 2 * metrics.gap
                )
            elif row.kind == "value":
                row.height = ui.face("ui", metrics.ui).height + metrics.gap // 2
            else:
                row.height = (
                    ui.face("ui", metrics.ui).height + ui.face("ui", metrics.small).height + metrics.gap
                )
            y += row.height
        self._keep_selected_in_view()

    def _keep_selected_in_view(self) -> None:
        rows = self.choosable
        if not rows:
            self.offset = 0
            return
        row = rows[self.selected]
        if row.y < self.offset:
            self.offset = row.y
        elif row.y + row.height > self.offset + self.list_box.height:
            self.offset = row.y + row.height - self.list_box.height
        if self.selected == 0:
            self.offset = 0  # the first section's heading stays in view
        last = self.rows[-1]
        self.offset = max(0, min(self.offset, last.y + last.height - self.list_box.height))

    # ------------------------------------------------------------------ acting

    def handle(self, event: pygame.event.Event) -> bool:
        if event.type == pygame.TEXTINPUT:
            self._type(self.query + event.text)
            return True
        if is_key(event, pygame.K_ESCAPE, pygame.K_F9):
            self.app.pop()
            return True
        if is_key(event, pygame.K_BACKSPACE):
            ctrl = bool(getattr(event, "mod", 0) & pygame.KMOD_CTRL)
            self._type("" if ctrl else self.query[:-1])
            return True
        if is_key(event, pygame.K_RETURN, pygame.K_KP_ENTER):
            self.enter()
            return True
        if is_key(event, pygame.K_UP, pygame.K_DOWN, pygame.K_PAGEUP, pygame.K_PAGEDOWN):
            step = {pygame.K_UP: -1, pygame.K_DOWN: 1, pygame.K_PAGEUP: -8, pygame.K_PAGEDOWN: 8}[event.key]
            self.selected = max(0, min(len(self.choosable) - 1, self.selected + step))
            self._keep_selected_in_view()
            return True
        if event.type == pygame.MOUSEWHEEL:
            last = self.rows[-1] if self.rows else Row("heading", "")
            most = max(0, last.y + last.height - self.list_box.height)
            self.offset = max(
                0, min(most, self.offset - event.y * self.ui.face("ui", self.ui.metrics.ui).height * 3)
            )
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            row = self._row_at(event.pos)
            if row is not None:
                self.selected = self.choosable.index(row)
                self.activate(row)
                return True
            if not self.panel.collidepoint(event.pos):
                self.app.pop()
                return True
        return event.type == pygame.KEYDOWN  # every other key is the panel's: none reaches the game

    def _type(self, text: str) -> None:
        self.query, self.message, self.selected = text, "", 0
        self._filter()
        self._place_rows()

    def _row_at(self, pos: tuple[int, int]) -> Row | None:
        if not self.list_box.collidepoint(pos):
            return None
        y = pos[1] - self.list_box.y + self.offset
        return next((r for r in self.choosable if r.y <= y < r.y + r.height), None)

    def enter(self) -> None:
        """Enter: sets `NAME=VALUE`, or acts on the highlighted row."""
        if "=" in self.query:
            name, _, raw = self.query.partition("=")
            self.set(name.strip(), raw.strip())
        elif self.choosable:
            self.activate(self.choosable[self.selected])

    def activate(self, row: Row) -> None:
        """A scene: jump there. A value: `NAME=value` in the field to edit (a flag: turned over)."""
        if isinstance(row.item, SceneEntry):
            self.jump(row.item.id)
        elif isinstance(row.item, Value):
            value = row.item
            shown = ("false" if value.value else "true") if value.kind == "flag" else value.shown
            self._type(f"{value.name}={shown}")

    def set(self, name: str, raw: str) -> None:
        try:
            session = set_value(self.app.playing, name, raw)
        except SetError as problem:
            self.message = str(problem)
            return
        self._show(session, reveal=False)
        self.app.notify(word("writing_set", name=name, value=_value_of(session, name)))
        self._type(name + "=")

    def jump(self, scene_id: str) -> None:
        try:
            session = jump(self.app.playing, scene_id)
        except ChoiceError as problem:
            self.message = str(problem)
            return
        self.app.pop()
        self._show(session, reveal=True)
        self.app.notify(word("writing_jumped", scene=scene_id))

    def _show(self, session, reveal: bool) -> None:  # noqa: ANN001 - a Session
        """Plays on from `session`: a new play screen under this panel (kept open after a set)."""
        from game.ui.screens.play import PlayScreen

        app = self.app
        keep = app.top is self
        app.session = session
        play = PlayScreen(app)
        app.reset(play)
        if not reveal:
            play.reading.show_all()
        play.open_ending()
        app.autosave()
        if keep:
            app.push(self)

    # ------------------------------------------------------------------ drawing

    def draw(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        ui.scrim(surface)
        ui.panel(surface, self.panel, palette.panel_solid)
        inner = self.panel.inflate(-2 * metrics.pad, -2 * metrics.pad)
        heading, small, face = (
            ui.face("display", metrics.heading),
            ui.face("ui", metrics.small),
            ui.face("ui", metrics.ui),
        )
        ui.text(surface, word("writing_title"), heading, palette.heading, inner.topleft, self.panel)
        y = inner.y + heading.height + metrics.gap
        for line in small.wrap(word("writing_hint"), inner.width):
            ui.text(surface, line, small, palette.text_dim, (inner.x, y), self.panel)
            y += small.height
        ui.panel(surface, self.field, palette.button, radius=metrics.radius // 2)
        pygame.draw.rect(surface, palette.focus, self.field, 2, border_radius=metrics.radius // 2)
        inside = self.field.inflate(-metrics.pad, 0)
        ty = self.field.y + (self.field.height - face.height) // 2
        if self.query:
            shown = _tail(face, self.query, inside.width - 4)
            ui.text(surface, shown, face, palette.text, (inside.x, ty), self.field)
            caret_x = inside.x + face.width(shown) + 1
        else:
            ui.text(
                surface,
                _fit(face, word("writing_placeholder"), inside.width),
                face,
                palette.text_dim,
                (inside.x, ty),
                self.field,
            )
            caret_x = inside.x
        pygame.draw.line(surface, palette.focus, (caret_x, ty + 2), (caret_x, ty + face.height - 2), 2)
        if self.message:
            ui.text(
                surface,
                _fit(small, self.message, inner.width),
                small,
                palette.fall,
                (inner.x, self.field.bottom + metrics.gap // 2),
                self.panel,
            )
        self._draw_rows(surface)

    def _draw_rows(self, surface: pygame.Surface) -> None:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        box = self.list_box
        small, bold, face = (
            ui.face("ui", metrics.small),
            ui.face("ui_bold", metrics.small),
            ui.face("ui", metrics.ui),
        )
        if not self.rows:
            ui.text(surface, word("writing_nothing"), face, palette.text_dim, box.topleft, box)
            return
        chosen = self.choosable[self.selected] if self.choosable else None
        here = self.app.playing.state.scene
        clip = surface.get_clip()
        surface.set_clip(box)
        for row in self.rows:
            top = box.y + row.y - self.offset
            if top < box.y - 1 or top + row.height > box.bottom + 1:
                continue  # whole rows only
            if row is chosen:
                ui.panel(
                    surface,
                    Rect(box.x, top, box.width, row.height),
                    palette.button_hover,
                    radius=metrics.radius // 2,
                    edge=False,
                )
            x, width = box.x + metrics.gap, box.width - 2 * metrics.gap
            if isinstance(row.item, str):
                above = row.height - bold.height - metrics.gap
                ui.text(surface, row.item.upper(), bold, palette.focus, (box.x, top + above), box)
            elif isinstance(row.item, Value):
                value = row.item
                right = f"{value.name} = {value.shown}"
                room = width - face.width(right) - metrics.gap
                ui.text(surface, _fit(face, value.label, room), face, palette.text, (x, top), box)
                ui.text(surface, right, face, palette.heading, (x + width - face.width(right), top), box)
            else:
                scene = row.item
                where = " · ".join(part for part in (scene.chapter, scene.place, scene.when) if part)
                title = scene.id + (f"  {word('writing_here')}" if scene.id == here else "")
                ui.text(
                    surface,
                    _fit(face, f"{title} — {where}" if where else title, width),
                    face,
                    palette.heading,
                    (x, top),
                    box,
                )
                ui.text(
                    surface,
                    _fit(small, scene.opening, width),
                    small,
                    palette.text_dim,
                    (x, top + face.height),
                    box,
                )
        surface.set_clip(clip)
        last = self.rows[-1]
        if last.y + last.height > self.offset + box.height:  # more below: say so, under the list
            cue = word("more_below")
            ui.text(
                surface, cue, small, palette.focus, (box.right - small.width(cue), box.bottom), self.panel
            )


def _value_of(session, name: str) -> str:  # noqa: ANN001 - a Session
    return next((v.shown for v in values(session) if v.name == name), "")


def _fit(face: Face, text: str, width: int) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    if face.width(text) <= width:
        return text
    while text and face.width(text + "…") > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _tail(face: Face, text: str, width: int) -> str:
    """The end of `text` that fits `width` (the field shows where one is typing)."""
    while text and face.width(text) > width:
        text = text[1:]
    return text
