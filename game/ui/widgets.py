"""Drawing helpers shared by the screens: panels, text blocks, buttons, focus, scrolling, bars."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pygame

from game.ui.text import Face, Fonts
from game.ui.theme import Metrics, Palette
from game.ui.words import word

Rect = pygame.Rect


_PANEL_BYTES = 12 * 1024 * 1024  # cached panels: a full-window scrim is 3.5 MB at 1280x720


class Ui:
    """What every screen draws with: fonts, palette, metrics; records text rects for the tests."""

    def __init__(self, fonts: Fonts, palette: Palette, metrics: Metrics) -> None:
        self.fonts = fonts
        self.palette = palette
        self.metrics = metrics
        self.text_log: list[tuple[Rect, Rect]] | None = None  # (text, its box) when recording
        self._panels: dict[tuple, pygame.Surface] = {}
        self._panel_bytes = 0

    def face(self, role: str, size: int) -> Face:
        return self.fonts.face(role, size)

    def text(
        self,
        surface: pygame.Surface,
        text: str,
        face: Face,
        colour: tuple[int, int, int],
        pos: tuple[int, int],
        box: Rect | None = None,
        clip_width: int | None = None,
    ) -> Rect:
        """Blits one line at `pos` (top-left); `box` is the panel it must stay inside."""
        rendered = face.render(text, colour)
        area = None
        if clip_width is not None:
            area = Rect(0, 0, max(0, clip_width), rendered.get_height())
        rect = surface.blit(rendered, pos, area)
        if self.text_log is not None and box is not None and text.strip():
            self.text_log.append((Rect(pos, (face.width(text.rstrip()), face.height)), Rect(box)))
        return rect

    def panel(
        self,
        surface: pygame.Surface,
        rect: Rect,
        colour: tuple[int, int, int, int] | None = None,
        radius: int | None = None,
        edge: bool = True,
    ) -> None:
        """A soft rounded panel (cached per size and colour)."""
        colour = colour or self.palette.panel
        radius = self.metrics.radius if radius is None else radius
        key = (rect.size, colour, radius, edge, self.palette.edge)
        panel = self._panels.pop(key, None)  # put back below: the dict is kept in last-used order
        if panel is None:
            # Panels of a text's height differ from scene to scene: keep the recent ones by bytes.
            while self._panels and (len(self._panels) >= 64 or self._panel_bytes > _PANEL_BYTES):
                old = self._panels.pop(next(iter(self._panels)))
                self._panel_bytes -= old.get_pitch() * old.get_height()
            panel = pygame.Surface(rect.size, pygame.SRCALPHA)
            self._panel_bytes += panel.get_pitch() * panel.get_height()
            pygame.draw.rect(panel, colour, panel.get_rect(), border_radius=radius)
            if edge:
                width = 2 if self.palette.high_contrast else 1
                pygame.draw.rect(panel, self.palette.edge, panel.get_rect(), width, border_radius=radius)
        self._panels[key] = panel
        surface.blit(panel, rect)

    def shade_top(self, surface: pygame.Surface, solid: int, height: int, alpha: int = 205) -> None:
        """Darkens the top of a picture: evenly down to `solid` (behind the caption and buttons),
        then fading out by `height` (cached per size)."""
        if height <= 0:
            return
        colour = self.palette.scrim[:3]
        key = ("shade", surface.get_width(), solid, height, colour, alpha)
        shade = self._panels.pop(key, None)
        if shade is None:
            shade = pygame.Surface((1, height), pygame.SRCALPHA)
            for y in range(height):
                a = alpha if y < solid else round(alpha * (height - y) / max(1, height - solid))
                shade.set_at((0, y), (*colour, a))
            shade = pygame.transform.scale(shade, (surface.get_width(), height))
            self._panel_bytes += shade.get_pitch() * shade.get_height()
        self._panels[key] = shade
        surface.blit(shade, (0, 0))

    def fade(self, surface: pygame.Surface, rect: Rect, side: str, depth: int) -> None:
        """Fades the `side` edge of `rect` into the backdrop over `depth` pixels (cached), so what is
        cut by the edge melts away instead of stopping mid-word."""
        depth = max(1, min(depth, rect.width if side in ("left", "right") else rect.height))
        colour = self.palette.backdrop
        key = ("fade", side, depth, rect.width, rect.height, colour)
        strip = self._panels.pop(key, None)
        if strip is None:
            line = pygame.Surface((depth, 1), pygame.SRCALPHA)
            for x in range(depth):
                line.set_at((x, 0), (*colour, round(255 * (1 - x / depth) ** 1.5)))
            if side in ("left", "right"):
                strip = pygame.transform.scale(line, (depth, rect.height))
                if side == "right":
                    strip = pygame.transform.flip(strip, True, False)
            else:
                strip = pygame.transform.scale(pygame.transform.rotate(line, -90), (rect.width, depth))
                if side == "top":
                    strip = pygame.transform.flip(strip, False, True)
            self._panel_bytes += strip.get_pitch() * strip.get_height()
        self._panels[key] = strip
        at = {
            "left": rect.topleft,
            "top": rect.topleft,
            "right": (rect.right - depth, rect.top),
            "bottom": (rect.left, rect.bottom - depth),
        }[side]
        surface.blit(strip, at)

    def scrim(self, surface: pygame.Surface) -> None:
        """Darkens everything drawn so far (under an overlay)."""
        self.panel(surface, surface.get_rect(), self.palette.scrim, radius=0, edge=False)


@dataclass
class Line:
    """One laid-out line of text, relative to its block's top-left."""

    text: str
    face: Face
    colour: tuple[int, int, int]
    x: int
    y: int
    start: int = 0  # index of its first character in the block's reveal order
    typed: bool = True  # False: shown at once, not typed out


@dataclass
class Block:
    """Paragraphs laid out to a width; `chars` counts characters for the typewriter."""

    lines: list[Line] = field(default_factory=list)
    height: int = 0
    chars: int = 0

    def add(
        self,
        text: str,
        face: Face,
        colour: tuple[int, int, int],
        width: int,
        indent: int = 0,
        spacing: float = 1.42,
        after: float = 0.6,
        typed: bool = True,
    ) -> None:
        """Appends a wrapped paragraph; `after` is the gap below it in line heights."""
        step = max(round(face.key[1] * spacing), face.font.get_ascent() - face.font.get_descent())
        for line in face.wrap(text, width - indent):
            self.lines.append(Line(line, face, colour, indent, self.height, self.chars, typed))
            if typed:
                self.chars += len(line) + 1
            self.height += step
        self.height += round(step * after)

    def add_each(
        self,
        texts: Iterable[str],
        face: Face,
        colour: tuple[int, int, int],
        width: int,
        spacing: float = 1.42,
    ) -> None:
        """Appends each of `texts` as a paragraph (prose split by `game.story.model.paragraphs`)."""
        for text in texts:
            self.add(text, face, colour, width, spacing=spacing)

    def space(self, pixels: int) -> None:
        self.height += pixels

    def draw(
        self,
        ui: Ui,
        surface: pygame.Surface,
        origin: tuple[int, int],
        box: Rect,
        revealed: float | None = None,
        scroll: int = 0,
    ) -> None:
        """Draws the lines inside `box`, up to `revealed` characters if given.

        Only whole lines are drawn: a line the box's edge would cut through is left out, so
        scrolled text never shows the tops or bottoms of letters.
        """
        clip = surface.get_clip()
        surface.set_clip(box.clip(clip) if clip else box)
        ox, oy = origin[0], origin[1] - scroll
        for line in self.lines:
            y = oy + line.y
            if y < box.top - 1 or y + line.face.height > box.bottom + 1:
                if y > box.bottom:
                    break
                continue
            if revealed is not None and line.typed and line.start >= revealed:
                break
            clip_width = None
            if revealed is not None and line.typed and revealed < line.start + len(line.text):
                clip_width = line.face.width(line.text[: int(revealed - line.start)])
            ui.text(surface, line.text, line.face, line.colour, (ox + line.x, y), box, clip_width)
        surface.set_clip(clip)


class Button:
    """A clickable, focusable label. `action` runs on click, Enter or Space."""

    def __init__(
        self,
        label: str,
        action: Callable[[], object],
        enabled: bool = True,
        number: int | None = None,
        note: str | None = None,
        kind: str = "menu",
    ) -> None:
        self.label = label
        self.action = action
        self.enabled = enabled
        self.number = number
        self.note = note  # e.g. why a choice is locked
        self.kind = kind  # "menu", "choice" or "small"
        self.compact = False  # True: no more padding than the text needs (a crowded choice list)
        self.plate = False  # True: an opaque plate behind it (buttons floating over pictures)
        self.align = "center" if kind == "small" else "left"
        self.valign = "center"  # "top": the label starts at the top (cards in a row line up)
        self.rect = Rect(0, 0, 0, 0)
        self.hover = False
        self._lines: list[str] = []

    def face(self, ui: Ui) -> Face:
        if self.kind == "choice":
            return ui.face("prose", ui.metrics.ui + 1)
        return ui.face("ui", ui.metrics.ui if self.kind == "menu" else ui.metrics.small)

    def measure(self, ui: Ui, width: int) -> int:
        """Lays the label out for `width`; returns the height the button needs."""
        face = self.face(ui)
        inner = width - self._inset(ui) - ui.metrics.pad // 2
        self._lines = face.wrap(self.label, inner)
        if self.note:
            self._lines += ui.face("ui", ui.metrics.small).wrap(self.note, inner)
        if self.compact:
            return len(self._lines) * face.height + ui.metrics.gap
        height = len(self._lines) * face.height + ui.metrics.gap * 2
        return max(
            ui.metrics.button_height if self.kind != "small" else round(ui.metrics.button_height * 0.85),
            height,
        )

    def _inset(self, ui: Ui) -> int:
        return ui.metrics.pad // 2 + (round(ui.metrics.ui * 1.9) if self.number is not None else 0)

    def draw(self, ui: Ui, surface: pygame.Surface, focused: bool, align: str | None = None) -> None:
        palette = ui.palette
        align = align or self.align
        if not self._lines:
            self.measure(ui, self.rect.width)
        colour = palette.button_hover if (self.hover or focused) and self.enabled else palette.button
        if self.plate and not palette.high_contrast:
            ui.panel(surface, self.rect, palette.panel, radius=max(4, ui.metrics.radius // 2), edge=False)
        ui.panel(
            surface, self.rect, colour, radius=max(4, ui.metrics.radius // 2), edge=palette.high_contrast
        )
        if focused:
            pygame.draw.rect(
                surface, palette.focus, self.rect, 2, border_radius=max(4, ui.metrics.radius // 2)
            )
        face = self.face(ui)
        text_colour = palette.button_text if self.enabled else palette.locked
        label_lines = face.wrap(self.label, self.rect.width - self._inset(ui) - ui.metrics.pad // 2)
        total = len(self._lines) * face.height
        y = self.rect.centery - total // 2 if self.valign == "center" else self.rect.y + ui.metrics.gap
        if self.number is not None:
            badge = ui.face("ui_bold", ui.metrics.small)
            colour_n = (
                palette.focus
                if focused and self.enabled
                else (palette.text_dim if self.enabled else palette.locked)
            )
            ui.text(
                surface,
                str(self.number),
                badge,
                colour_n,
                (self.rect.x + ui.metrics.pad // 2, y + (face.height - badge.height) // 2),
                self.rect,
            )
        for index, line in enumerate(self._lines):
            is_note = index >= len(label_lines)
            line_face = ui.face("ui", ui.metrics.small) if is_note else face
            width = line_face.width(line)
            if align == "center":
                x = self.rect.centerx - width // 2
            else:
                x = self.rect.x + self._inset(ui)
            ui.text(surface, line, line_face, palette.text_dim if is_note else text_colour, (x, y), self.rect)
            y += face.height


class FocusGroup:
    """Buttons in reading order with one keyboard focus; handles arrows, Tab, Enter and the mouse."""

    def __init__(self, buttons: list[Button] | None = None, wrap: bool = True) -> None:
        self.buttons: list[Button] = buttons or []
        self.index: int | None = None
        self.wrap = wrap
        self._pressed: Button | None = None

    def set(self, buttons: list[Button], keep: bool = True) -> None:
        old = self.focused
        self.buttons = buttons
        self.index = None
        if keep and old is not None:
            for i, b in enumerate(buttons):
                if b.label == old.label:
                    self.index = i

    @property
    def focused(self) -> Button | None:
        if self.index is None or not 0 <= self.index < len(self.buttons):
            return None
        return self.buttons[self.index]

    def move(self, step: int) -> None:
        usable = [i for i, b in enumerate(self.buttons) if b.enabled]
        if not usable:
            return
        if self.index is None or self.index not in usable:
            self.index = usable[0] if step > 0 else usable[-1]
            return
        pos = usable.index(self.index) + step
        if self.wrap:
            pos %= len(usable)
        self.index = usable[max(0, min(len(usable) - 1, pos))]

    def handle(self, event: pygame.event.Event) -> bool:
        """Consumes focus keys and clicks on its buttons; True if it did."""
        if event.type == pygame.KEYDOWN:
            if event.key in (pygame.K_DOWN, pygame.K_RIGHT) or (
                event.key == pygame.K_TAB and not event.mod & pygame.KMOD_SHIFT
            ):
                self.move(1)
                self._unhover()
                return True
            if event.key in (pygame.K_UP, pygame.K_LEFT) or event.key == pygame.K_TAB:
                self.move(-1)
                self._unhover()
                return True
            if event.key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_SPACE):
                button = self.focused
                if button is not None and button.enabled:
                    button.action()
                    return True
            return False
        if event.type == pygame.MOUSEMOTION:
            changed = False
            for b in self.buttons:
                inside = b.rect.collidepoint(event.pos)
                if inside and not b.hover:  # the mouse takes over: one highlight, not two
                    self.index = None
                changed |= inside != b.hover
                b.hover = inside
            return changed
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            self._pressed = next((b for b in self.buttons if b.rect.collidepoint(event.pos)), None)
            return self._pressed is not None
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            pressed, self._pressed = self._pressed, None
            for b in self.buttons:
                if b.rect.collidepoint(event.pos) and b.enabled and (pressed is None or pressed is b):
                    b.action()
                    return True
        return False

    def _unhover(self) -> None:
        """The keyboard takes over: the button under the mouse is no longer lit."""
        for b in self.buttons:
            b.hover = False

    def draw(self, ui: Ui, surface: pygame.Surface, align: str | None = None) -> None:
        for i, b in enumerate(self.buttons):
            b.draw(ui, surface, i == self.index, align)


class Scroller:
    """A vertical scroll offset for content taller than its view (wheel, arrows, PgUp/PgDn)."""

    def __init__(self) -> None:
        self.offset = 0
        self.content = 0
        self.view = 0
        self.line = 24
        self.stops: list[int] = []  # the tops of the lines: the view starts at one of them
        self.track: Rect | None = None  # where the bar was last drawn (None: not shown)
        self.cue: Rect | None = None  # where "more below" was last drawn
        self._drag: tuple[int, int] | None = None  # (mouse y, offset) when the thumb was taken

    @property
    def limit(self) -> int:
        return max(0, self.content - self.view)

    @property
    def end(self) -> int:
        """The furthest offset: the limit, moved on to a line's top so no line is cut at the top."""
        limit = self.limit
        if not self.stops or limit == 0:
            return limit
        return next((stop for stop in self.stops if stop >= limit), limit)

    def set(self, content: int, view: int, line: int, stops: list[int] | None = None) -> None:
        self.content, self.view, self.line = content, view, max(1, line)
        if stops is not None:
            self.stops = sorted(set(stops))
        self.offset = max(0, min(self.offset, self.end))

    def scroll(self, pixels: int) -> bool:
        old = self.offset
        target = max(0, min(self.end, self.offset + pixels))
        if self.stops and 0 < target < self.end:  # start the view at a whole line
            before = [stop for stop in self.stops if stop <= target]
            target = before[-1] if before else 0
            if pixels > 0 and target <= old:
                target = next((stop for stop in self.stops if stop > old), self.end)
        self.offset = target
        return old != self.offset

    def handle(self, event: pygame.event.Event, keys: bool = True) -> bool:
        if event.type == pygame.MOUSEWHEEL:
            return self.scroll(-event.y * self.line * 3)
        if keys and event.type == pygame.KEYDOWN:
            step = {
                pygame.K_UP: -self.line,
                pygame.K_DOWN: self.line,
                pygame.K_PAGEUP: -max(self.line, self.view - self.line * 2),
                pygame.K_PAGEDOWN: max(self.line, self.view - self.line * 2),
                pygame.K_HOME: -self.content,
                pygame.K_END: self.content,
            }.get(event.key)
            if step is not None:
                self.scroll(step)
                return True
        return False

    def handle_mouse(self, event: pygame.event.Event) -> bool:
        """A click on "more below" scrolls a page; the bar's thumb can be dragged (or its track
        clicked). True if the event was used."""
        if event.type == pygame.MOUSEBUTTONDOWN and event.button == 1:
            if self.cue is not None and self.cue.inflate(16, 8).collidepoint(event.pos):
                return self.scroll(max(self.line, self.view - self.line * 2)) or True
            if self.track is not None and self.track.inflate(16, 0).collidepoint(event.pos):
                thumb = self._thumb()
                if not thumb.inflate(16, 0).collidepoint(event.pos):  # the track: jump there
                    self._drag_to(event.pos[1] - thumb.height // 2 - self.track.top)
                self._drag = (event.pos[1], self.offset)
                return True
        if event.type == pygame.MOUSEMOTION and self._drag is not None:
            start_y, start_offset = self._drag
            room = max(1, self.track.height - self._thumb().height) if self.track else 1
            self.offset = max(0, min(self.end, start_offset + (event.pos[1] - start_y) * self.limit // room))
            return True
        if event.type == pygame.MOUSEBUTTONUP and event.button == 1:
            if self._drag is not None:
                self._drag = None
                self.scroll(0)  # settle on a whole line
                return True
            return self.cue is not None and self.cue.inflate(16, 8).collidepoint(event.pos)
        return False

    def _thumb(self) -> Rect:
        track = self.track or Rect(0, 0, 0, 0)
        height = max(24, track.height * self.view // max(1, self.content))
        top = track.top + (track.height - height) * min(self.offset, self.limit) // max(1, self.limit)
        return Rect(track.x, top, track.width, height)

    def _drag_to(self, y: int) -> None:
        """Puts the thumb's top `y` pixels down its track."""
        if self.track is None:
            return
        room = max(1, self.track.height - self._thumb().height)
        self.offset = max(0, min(self.end, y * self.limit // room))

    @staticmethod
    def hint_height(ui: Ui) -> int:
        """The strip kept free under a scrolling view for the "more below" cue."""
        return ui.face("ui", ui.metrics.small).height + ui.metrics.gap

    def fit(self, ui: Ui, box: Rect, content: int, line: int, stops: list[int] | None = None) -> Rect:
        """Sets the scroller for `content` pixels in `box`; returns the view to draw the text in.

        When the content is taller than the box, the view leaves a strip at the bottom of the box
        for the "more below" cue, so the cue never covers a line of text.
        """
        view = Rect(box)
        if content > box.height + line:  # more than trailing space: it will scroll
            view.height = max(line, box.height - self.hint_height(ui))
        self.set(content, view.height, line, stops)
        return view

    def draw(self, ui: Ui, surface: pygame.Surface, box: Rect, hint: bool = True) -> None:
        """A thin bar at the right edge of `box` when there is more to see, and the cue below it."""
        self.track = self.cue = None
        if self.limit <= self.line:  # only trailing space below the text: nothing to scroll to
            return
        self.track = Rect(box.right - 4, box.top, 3, box.height)
        pygame.draw.rect(surface, ui.palette.bar_fill, self._thumb(), border_radius=2)
        if hint and self.more_below:
            self._draw_more(ui, surface, box)
            self.cue = self.more_rect(ui, box)

    @property
    def more_below(self) -> bool:
        """Whether unread content lies below the view (more than a line of it)."""
        if self.stops:  # a line that starts too low to be whole in the view is unread
            return (
                self.offset + self.view < self.content
                and self.stops[-1] > self.offset + self.view - self.line
            )
        return self.limit - self.offset > self.line

    def show_bottom(self, bottom: int) -> bool:
        """Scrolls down (to a line's top) until content `bottom` pixels down is in view."""
        need = bottom - self.view
        if need <= self.offset:
            return False
        old = self.offset
        self.offset = min(self.end, next((stop for stop in self.stops if stop >= need), need))
        return old != self.offset

    def more_rect(self, ui: Ui, box: Rect) -> Rect:
        """Where the "more below" cue goes: in the strip under the view `box`, never over its text."""
        face = ui.face("ui", ui.metrics.small)
        label = word("more_below")
        rect = Rect(0, 0, face.width(label), face.height)
        rect.midtop = (box.centerx, box.bottom + ui.metrics.gap // 2)
        return rect

    def _draw_more(self, ui: Ui, surface: pygame.Surface, box: Rect) -> None:
        """A quiet cue centred under the text saying there is more to read."""
        face = ui.face("ui", ui.metrics.small)
        rect = self.more_rect(ui, box)
        ui.text(surface, word("more_below"), face, ui.palette.focus, rect.topleft, rect)


def bar(
    ui: Ui,
    surface: pygame.Surface,
    rect: Rect,
    value: float,
    low: int,
    high: int,
    colour: tuple[int, int, int] | None = None,
    ghost: float | None = None,
) -> None:
    """A rounded bar filled to `value` between `low` and `high`; `ghost` marks a previous value."""
    palette = ui.palette
    radius = rect.height // 2
    ui.panel(surface, rect, palette.bar_back, radius=radius, edge=palette.high_contrast)
    span = max(1, high - low)

    def width(v: float) -> int:
        return round(rect.width * max(0.0, min(1.0, (v - low) / span)))

    if ghost is not None and width(ghost) > width(value):
        pygame.draw.rect(
            surface, palette.fall, (rect.x, rect.y, width(ghost), rect.height), border_radius=radius
        )
    fill = width(value)
    if fill > 0:
        pygame.draw.rect(
            surface,
            colour or palette.bar_fill,
            (rect.x, rect.y, max(fill, rect.height), rect.height),
            border_radius=radius,
        )


def is_key(event: pygame.event.Event, *keys: int) -> bool:
    return event.type == pygame.KEYDOWN and event.key in keys


def is_click(event: pygame.event.Event) -> bool:
    return event.type == pygame.MOUSEBUTTONUP and event.button == 1


def footer_button(ui: Ui, label: str, action: Callable[[], object], panel: Rect) -> Button:
    """Back, Close and the like, the same on every screen: a compact button with its label
    centred, at the bottom right of `panel`."""
    metrics = ui.metrics
    button = Button(label, action, kind="menu")
    button.align = "center"
    width = min(panel.width // 2, button.face(ui).width(label) + 2 * metrics.pad)
    height = button.measure(ui, width)
    button.rect = Rect(panel.right - metrics.pad - width, panel.bottom - metrics.pad - height, width, height)
    return button


def footer_height(ui: Ui) -> int:
    """The height `footer_button` gives its button."""
    return Button("Back", lambda: None, kind="menu").measure(ui, ui.metrics.width)


def layout_column(buttons: list[Button], ui: Ui, x: int, y: int, width: int, gap: int) -> int:
    """Places buttons one under another from (x, y); returns the y below the last one."""
    for b in buttons:
        h = b.measure(ui, width)
        b.rect = Rect(x, y, width, h)
        y += h + gap
    return y
