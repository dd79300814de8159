"""Where the play screen's parts go: the text panel, the tool buttons, the side note, the
point-of-view label, the choices and the text between them.

The play screen (game/ui/screens/play.py) decides what is shown; this module decides where, from
the window's size and the text size (the `Ui`'s metrics and faces) and the sizes of what is
shown. It draws nothing and takes no decisions about the story, so it is tested by itself
(tests/test_play_layout.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from game.engine.looks import panel_side
from game.story.model import Fact
from game.ui.widgets import Block, Button, Rect, Scroller, Ui
from game.ui.words import word

MEASURE = 70  # about 70 characters a line of prose
NARROW_MEASURE = 45  # fewer beside a side note: the panel takes the window's width instead
MIN_NOTE_ROOM = 220  # pixels: a side note narrower than this becomes a button in the panel
FLOW_LINES = 8  # fewer lines of text than this above two choices: the choices follow the text
WIDE_SHARE = 0.64  # the most of the window's width the panel takes over a picture's centre
SIDE_SHARE = 0.5  # and beside a subject on one side of the picture, which it leaves clear
FACE = 112  # the point-of-view face's side beside the panel, in pixels at 1280x720


@dataclass
class Note:
    """What the side note holds: a discussion prompt, a fact card, or both."""

    discuss: str | None
    fact: Fact | None
    open_whole: Callable[[], object]  # opens the whole note, when only its headings fit


class PlayLayout:
    """The rectangles of the play screen for one window size, text size and scene.

    Made for a window and text size and the backdrop's `subject` (left, right or centre: the
    panel takes the other `side`), then told what the scene shows in order: `place_tools`,
    `place_note` (which also places the header), `shrink` (a short scene's panel fits its text and
    choices, so more of the picture shows), `fit_choices`. A
    crowded choice list scrolls a whole choice at a time (`scroll_choices`, `show_choice`); the
    text gets the height the choices leave, in `text_box`, and `scroll` is set for it.
    """

    def __init__(self, ui: Ui, scroll: Scroller, paged: bool = False, subject: str | None = None) -> None:
        self.ui = ui
        self.scroll = scroll  # the text's scroll offset outlives a layout: it is the screen's
        self.paged = paged
        metrics = ui.metrics
        prose = ui.face("prose", metrics.prose)
        measure = prose.width("n") * MEASURE
        top = (
            metrics.margin
            + ui.face("ui_bold", metrics.small).height
            + ui.face("ui", metrics.ui).height
            + metrics.gap * 2
        )
        # In class the panel keeps the left: the clock and the key decision's mark have the top right.
        self.side = "left" if paged else panel_side(subject)
        width = min(max(measure + 2 * metrics.pad, int(metrics.width * 0.5)), int(metrics.width * WIDE_SHARE))
        self.beside_subject = subject in ("left", "right") and not paged
        if self.beside_subject:  # narrower, down to half the window or 45 characters a line
            width = min(
                width,
                max(int(metrics.width * SIDE_SHARE), prose.width("n") * NARROW_MEASURE + 2 * metrics.pad),
            )
        # Large text in a small window: fewer than about 45 characters a line beside a side note
        # leaves too little room for text and choices. The panel then takes the window's width,
        # and the note becomes a button at the panel's top.
        self.narrow = (width - 2 * metrics.pad) < prose.width("n") * NARROW_MEASURE
        if self.narrow:
            width = metrics.width - 2 * metrics.margin
        x = metrics.margin if self.side == "left" else metrics.width - metrics.margin - width
        self.panel = Rect(x, top, width, metrics.height - top - metrics.margin)
        self.vpad = metrics.pad  # the panel's padding above and below the text
        # Large text for the window: two choices under the text would leave it fewer than eight
        # lines. The picture gives way (the panel reaches down to the window's edge), the point of
        # view moves up into the caption, and the choices follow the text in its scroll. Not in
        # class (`paged`): there the text turns pages (game.ui.pages), every choice shows under it
        # for the vote, and the clock and the key decision's mark keep their place under the tools.
        self.flow = not paged and self._fixed_lines() < FLOW_LINES
        if self.flow:  # from just under the caption and the tools to just above the window's edge
            small, face = ui.face("ui_bold", metrics.small), ui.face("ui", metrics.ui)
            caption = metrics.margin - metrics.gap + small.height + metrics.gap // 2 + face.height
            tools = (
                metrics.margin
                - metrics.gap
                + max(round(metrics.button_height * 0.85), small.height + 2 * metrics.gap)
            )
            self.panel.top = max(caption, tools) + metrics.gap
            self.panel.height = metrics.height - self.panel.top - metrics.gap
            self.vpad = metrics.gap
        self.inner = width - 2 * metrics.pad  # the width of the text and the choices
        self.note = Block()  # the side note's text (all of it, or its headings)
        self.note_box: Rect | None = None  # the side note beside the panel
        self.note_button: Button | None = None  # "read the whole note", or the note as a chip
        self.pov = ""  # the point-of-view label, cut to the panel's width
        self.pov_at = (0, 0)
        self.face_size = 0  # its side, when the label has a face
        self.face_rect: Rect | None = None  # the point-of-view person's portrait
        self.face_outside = False  # beside the panel's top corner, over the picture
        self.text_top = 0  # where the text starts (below the note chip in a narrow window)
        self.text_box = Rect(0, 0, 0, 0)  # where the text is drawn
        self.choice_buttons: list[Button] = []
        self.choice_room = Rect(0, 0, 0, 0)  # the most the choices may take
        self.choice_view = Rect(0, 0, 0, 0)  # where the choices shown are drawn
        self.choice_gap = metrics.gap
        self.choice_first = 0  # a crowded list shows choices from this one on
        self.choice_last = -1
        self.choice_cue: Rect | None = None  # "more choices" under a crowded list
        self._block = Block()
        self._hint = False
        self._flow_tops: list[int] = []  # flowing choices: each one's top in the scrolled content

    def _fixed_lines(self) -> int:
        """How many lines of prose the panel shows above two one-line choices fixed under them."""
        ui, metrics = self.ui, self.ui.metrics
        prose, label = ui.face("prose", metrics.prose), ui.face("ui_bold", metrics.small)
        step = max(
            round(metrics.prose * metrics.line_spacing), prose.font.get_ascent() - prose.font.get_descent()
        )
        choice = max(metrics.button_height, ui.face("prose", metrics.ui + 1).height + 2 * metrics.gap)
        pov_row = round(label.height * 1.6)
        room = (
            self.panel.height
            - 3 * metrics.pad
            - pov_row
            - 2 * choice
            - metrics.gap
            - Scroller.hint_height(ui)
        )
        return room // step

    # ------------------------------------------------------------------ the top

    def place_tools(self, tools: list[Button]) -> None:
        """Puts the tool buttons in a row at the window's top right, the last one rightmost."""
        ui, metrics = self.ui, self.ui.metrics
        x = metrics.width - metrics.margin
        for button in reversed(tools):
            button.plate = True
            w = button.face(ui).width(button.label) + metrics.pad + metrics.gap * 2
            button.rect = Rect(x - w, metrics.margin - metrics.gap, w, button.measure(ui, w))
            x -= w + metrics.gap

    def caption_box(self, right: int) -> Rect:
        """Where the chapter (or, when the choices flow, the point of view) and the place go: the
        top left, up to `right` (the first tool button)."""
        metrics = self.ui.metrics
        return Rect(
            metrics.margin,
            metrics.margin - metrics.gap,
            right - metrics.margin - metrics.gap,
            self.panel.top - metrics.margin,
        )

    # ------------------------------------------------------------------ the note and the header

    def place_note(self, note: Note | None, pov: str, keep_clear: int = 0, face: bool = False) -> None:
        """The discussion prompt and fact card as a quiet note beside the text panel, and the
        point-of-view label above the text.

        When the whole note does not fit beside the text, it shows its headings and a button
        that opens it in full: nothing, least of all a source, is cut off unseen. In a narrow
        window the note is a button at the panel's top. `keep_clear` pixels stay free above the
        note (the classroom's clock). `face`: the point-of-view person's portrait goes beside the
        panel's top corner, over the picture, where it costs the text no line; in a window too
        narrow for that, a small one goes left of the label (not when the choices flow).
        """
        ui, metrics = self.ui, self.ui.metrics
        label = ui.face("ui_bold", metrics.small)
        big = round(FACE * metrics.unit)
        self.face_outside = (
            bool(face and pov) and metrics.width - self.panel.width - 2 * metrics.margin >= big + metrics.gap
        )
        if self.face_outside:
            self.face_size = big
            keep_clear += big + metrics.gap
        else:
            self.face_size = round(label.height * 3.0) if face and pov and not self.flow else 0
        room = self.inner - (self.face_size + metrics.gap if self.face_size and not self.face_outside else 0)
        self.pov = label.wrap(pov, room)[0] if pov else ""
        self.note, self.note_box, self.note_button = Block(), None, None
        self._place_header(None)
        if note is None or (not note.discuss and note.fact is None):
            return
        room, full = metrics.width - self.panel.width - 3 * metrics.margin, round(420 * metrics.unit)
        # Beside a subject the note would cover it: there it sits beside only at its full width.
        if self.narrow or room < MIN_NOTE_ROOM or (self.beside_subject and room < full):
            self._note_chip(note)
        else:
            self._note_beside(note, min(room, full), self.panel.height - keep_clear)

    def _note_chip(self, note: Note) -> None:
        """The note as a button at the panel's top right, its titles on it."""
        ui, metrics = self.ui, self.ui.metrics
        fact = note.fact
        label = word("note_chip_fact", title=fact.title) if fact is not None else word("note_chip")
        if fact is not None and note.discuss:
            label = f"{word('to_discuss')} · {label}"
        button = Button(label, note.open_whole, kind="small")
        button.plate = True
        w = min(self.inner, button.face(ui).width(label) + 2 * metrics.pad)
        h = button.measure(ui, w)
        button.rect = Rect(self.panel.right - metrics.pad - w, self.panel.y + metrics.pad // 2, w, h)
        self.note_button = button
        self._place_header(button.rect)

    def _note_beside(self, note: Note, width: int, height: int) -> None:
        """The note in a box `width` wide beside the panel, at most `height` tall."""
        ui, metrics = self.ui, self.ui.metrics
        inner = width - 2 * metrics.pad
        full = _note_block(ui, note, inner, discuss=True, figure=True, body=True)
        button_h = 0
        if full.height + metrics.pad > height:  # the headings, as many whole parts as fit, and a button
            button = Button(
                word("read_fact") if note.fact is not None else word("read_note"),
                note.open_whole,
                kind="small",
            )
            button.plate = True
            button_h = button.measure(ui, inner)
            budget = height - metrics.pad - button_h - metrics.gap
            for discuss, figure in ((True, True), (True, False), (False, True), (False, False)):
                full = _note_block(ui, note, inner, discuss=discuss, figure=figure, body=False)
                if full.height <= budget:
                    break
            self.note_button = button
        self.note = full
        box_h = min(height, full.height + metrics.pad + (button_h + metrics.gap if self.note_button else 0))
        x = metrics.width - metrics.margin - width if self.side == "left" else metrics.margin
        self.note_box = Rect(x, self.panel.bottom - box_h, width, box_h)
        if self.note_button is not None:
            self.note_button.rect = Rect(
                self.note_box.x + metrics.pad,
                self.note_box.bottom - metrics.pad // 2 - button_h,
                inner,
                button_h,
            )

    def _place_header(self, chip: Rect | None) -> None:
        """The point-of-view label, its person's face (beside the panel, or left of the label),
        and a narrow window's note chip, above the text."""
        ui, metrics = self.ui, self.ui.metrics
        label = ui.face("ui_bold", metrics.small)
        x, top = self.panel.x + metrics.pad, self.panel.y + self.vpad
        face = 0 if self.flow or self.face_outside else self.face_size
        lx = x + (face + metrics.gap if face else 0)  # where the label starts
        if self.flow:  # the point of view is the caption's first line, over the picture
            self.pov_at = (metrics.margin, metrics.margin - metrics.gap)
            self.text_top = chip.bottom + metrics.gap if chip is not None else top
        elif chip is None:
            row = max(face, label.height)
            self.pov_at = (lx, top + (row - label.height) // 2)
            self.text_top = top + (row + round(label.height * 0.6) if self.pov else 0)
        elif not self.pov or lx + label.width(self.pov) + metrics.gap <= chip.left:  # side by side
            self.pov_at = (lx, chip.centery - label.height // 2)
            self.text_top = max(chip.bottom, chip.centery + face // 2) + metrics.gap
        else:
            row = max(face, label.height)
            self.pov_at = (lx, chip.bottom + metrics.gap // 2 + (row - label.height) // 2)
            self.text_top = chip.bottom + metrics.gap // 2 + row + metrics.gap
        self.face_rect = None
        if self.face_outside and self.pov:
            size, panel = self.face_size, self.panel
            left = panel.right + metrics.gap if self.side == "left" else panel.left - metrics.gap - size
            self.face_rect = Rect(left, panel.top, size, size)
        elif face and self.pov:
            mid = self.pov_at[1] + label.height // 2
            self.face_rect = Rect(x, mid - face // 2, face, face)

    def shrink(self, block: Block, buttons: list[Button]) -> None:
        """A short scene's panel: as tall as its header, its text (`block`) and its choices
        (`buttons`, the ones it will show once the text is read) need, its bottom kept, so the
        picture shows above it. Not when the choices flow or in class, where the text turns pages."""
        ui, metrics, panel = self.ui, self.ui.metrics, self.panel
        if self.flow or self.paged:
            return
        choices = sum(b.measure(ui, self.inner) for b in buttons) + metrics.gap * max(0, len(buttons) - 1)
        need = (self.text_top - panel.y) + block.height + metrics.pad + choices + metrics.pad + metrics.gap
        drop = panel.height - need
        if drop <= 0:
            return
        panel.y += drop
        panel.height -= drop
        self.text_top += drop
        self.pov_at = (self.pov_at[0], self.pov_at[1] + drop)
        if self.face_rect is not None:
            self.face_rect.y += drop
        if self.note_button is not None and self.note_box is None:  # the chip in the panel's top
            self.note_button.rect.y += drop

    # ------------------------------------------------------------------ the choices and the text

    def fit_choices(self, buttons: list[Button], block: Block, hint: bool, paged: bool = False) -> None:
        """The choices at the bottom of the panel, the text (`block`) above them.

        The text keeps at least four lines (or 45% of the panel): when long choices would take
        more, their padding shrinks and then the list scrolls, a whole choice at a time. `hint`:
        no choices yet, and "show all" has its own strip under the typing text. `paged`: in class
        the text turns pages (game.ui.pages), so it keeps two lines, every choice shows,
        and the hints keep a strip under them.
        """
        ui, metrics, panel, inner = self.ui, self.ui.metrics, self.panel, self.inner
        self.choice_buttons, self._block, self._hint = buttons, block, hint
        if self.flow:
            self._fit_flow()
            return
        # In class the hints (pages, cards) keep a strip of their own under the choices.
        edge = panel.bottom - (Scroller.hint_height(ui) if paged else 0)
        room = edge - metrics.pad - self.text_top
        four, three = self._text_height(4), self._text_height(3)
        self.choice_first, self.choice_last, self.choice_cue = 0, len(buttons) - 1, None
        self.choice_gap = metrics.gap
        if not buttons:
            self.choice_room = Rect(panel.x + metrics.pad, panel.bottom - metrics.pad, inner, 0)
            self._place_choices()
            return
        heights = [b.measure(ui, inner) for b in buttons]
        list_h = sum(heights) + metrics.gap * (len(buttons) - 1)
        text_min = min(block.height, self._text_height(2) if paged else max(four, round(0.45 * room)))
        if text_min + metrics.pad + list_h > room:  # crowded: tighter buttons first
            self.choice_gap = max(2, metrics.gap // 2)
            for b in buttons:
                b.compact = True
            heights = [b.measure(ui, inner) for b in buttons]
            list_h = sum(heights) + self.choice_gap * (len(buttons) - 1)
        crowded = self.choice_gap < metrics.gap
        list_room = room - (metrics.gap if crowded else metrics.pad) - text_min
        if list_h > list_room >= list_h - (four - three):  # a line less of text shows every choice
            list_room = list_h
        if list_h > list_room:  # still crowded: the list scrolls, with a cue under it
            cue = Scroller.hint_height(ui)
            list_room += metrics.pad // 2  # the cue takes the panel's bottom padding
            list_h = max(max(heights), list_room - cue)
            cue_top = edge - metrics.pad // 2 - cue + metrics.gap // 2
            self.choice_cue = Rect(panel.x + metrics.pad, cue_top, inner, cue - metrics.gap // 2)
            bottom = self.choice_cue.top - metrics.gap // 2
        else:
            bottom = edge - metrics.pad
        self.choice_room = Rect(panel.x + metrics.pad, bottom - list_h, inner, list_h)
        self._place_choices()

    def _text_height(self, count: int) -> int:
        """The height the text's first `count` lines of prose take (with the "more below" cue
        under them when there is more)."""
        ui, metrics, block = self.ui, self.ui.metrics, self._block
        prose = ui.face("prose", metrics.prose)
        step = max(round(metrics.prose * metrics.line_spacing), prose.height)
        lines = [line for line in block.lines if line.face is prose]
        height = lines[min(count, len(lines)) - 1].y + step if lines else 0
        cue = Scroller.hint_height(ui) if block.height > height else 0
        return min(block.height, height + cue)

    def _place_choices(self) -> None:
        """Puts the choices from `choice_first` on that fit above the panel's bottom (the others
        off screen), and gives the text the height they leave."""
        ui, metrics = self.ui, self.ui.metrics
        room, gap = self.choice_room, self.choice_gap
        shown: list[Button] = []
        total = 0
        for b in self.choice_buttons[self.choice_first :]:
            need = total + (gap if shown else 0) + b.measure(ui, room.width)
            if need > room.height and shown:
                break
            total = need
            shown.append(b)
        self.choice_view = Rect(room.x, room.bottom - total, room.width, total)
        y = self.choice_view.top
        self.choice_last = self.choice_first - 1
        for index, b in enumerate(self.choice_buttons):
            h = b.measure(ui, room.width)
            if b not in shown:
                b.rect = Rect(room.x, -10 * (h + 1000), room.width, h)  # hidden: never under the mouse
                continue
            b.rect = Rect(room.x, y, room.width, h)
            y += h + gap
            self.choice_last = index
        if self.choice_buttons:
            text_bottom = self.choice_view.top - (metrics.gap if gap < metrics.gap else metrics.pad)
        else:
            text_bottom = self.panel.bottom - metrics.pad
            if self._hint:  # its own strip under the typing text
                text_bottom -= Scroller.hint_height(ui)
        prose = ui.face("prose", metrics.prose)
        area = Rect(
            self.panel.x + metrics.pad,
            self.text_top,
            room.width,
            max(prose.height, text_bottom - self.text_top),
        )
        lines = self._block.lines
        self.text_box = self.scroll.fit(
            ui, area, self._block.height, prose.height, [line.y for line in lines]
        )

    def _fit_flow(self) -> None:
        """The choices after the text's last line, scrolled with it; the text box takes the panel."""
        ui, metrics, block = self.ui, self.ui.metrics, self._block
        self.choice_first, self.choice_last, self.choice_cue = 0, len(self.choice_buttons) - 1, None
        self.choice_gap = max(2, metrics.gap // 2)
        last = max((line.y + line.face.height for line in block.lines), default=0)
        y, self._flow_tops = last + metrics.gap, []
        for b in self.choice_buttons:
            b.compact = True
            self._flow_tops.append(y)
            y += b.measure(ui, self.inner) + self.choice_gap
        area = Rect(
            self.panel.x + metrics.pad,
            self.text_top,
            self.inner,
            self.panel.bottom - self.vpad - self.text_top,
        )
        prose = ui.face("prose", metrics.prose)
        stops = [line.y for line in block.lines] + self._flow_tops
        content = y - self.choice_gap if self.choice_buttons else block.height
        self.text_box = self.scroll.fit(ui, area, content, prose.height, stops)
        if self._hint and self.text_box.height == area.height:  # "show all" needs the cue's strip
            area.height -= Scroller.hint_height(ui)
            self.text_box = self.scroll.fit(ui, area, content, prose.height, stops)
        self.choice_room = self.choice_view = self.text_box
        self.follow_scroll()

    def follow_scroll(self) -> None:
        """Flowing choices: moves them with the text's scroll (those not wholly in view are put
        off screen, where the mouse never finds them)."""
        if not self.flow:
            return
        box, offset = self.text_box, self.scroll.offset
        for b, top in zip(self.choice_buttons, self._flow_tops, strict=True):
            h = b.measure(self.ui, self.inner)
            y = box.top + top - offset
            if y < box.top - 1 or y + h > box.bottom + 1:
                y = -10 * (h + 1000)
            b.rect = Rect(box.x, y, self.inner, h)

    def text_end(self) -> int:
        """How far down the content the view must reach when the text has typed to its end: its
        last line; when the choices flow, the choices down to the first that can be taken, and
        the next ones while the view still holds the text's last eight lines (FLOW_LINES)."""
        lines = self._block.lines
        end = max((line.y + line.face.height for line in lines), default=0)
        if not self.flow:
            return end
        prose = self.ui.face("prose", self.ui.metrics.prose)
        tops = [line.y for line in lines if line.face is prose] or [0]
        keep = tops[-min(FLOW_LINES, len(tops))]  # the top of the eighth line from the end
        way_on = False  # a choice that can be taken is always shown
        for b, top in zip(self.choice_buttons, self._flow_tops, strict=True):
            bottom = top + b.measure(self.ui, self.inner)
            if way_on and bottom - keep > self.text_box.height:
                break
            end, way_on = bottom, way_on or b.enabled
        return end

    def scroll_choices(self, step: int) -> bool:
        """Shows the next (1) or previous (-1) choices of a crowded list; True if it moved."""
        if self.choice_cue is None:
            return False
        first = max(0, min(len(self.choice_buttons) - 1, self.choice_first + step))
        if step > 0 and self.choice_last >= len(self.choice_buttons) - 1:
            return False
        if first == self.choice_first:
            return False
        self.choice_first = first
        self._place_choices()
        return True

    def rewind_choices(self) -> None:
        """Back to the start of a crowded list."""
        self.choice_first = 0
        self._place_choices()

    def show_choice(self, button: Button | None) -> None:
        """Scrolls a crowded list, or the text the choices flow in, so `button` (the keyboard's
        choice) is in view."""
        if button is None or button not in self.choice_buttons:
            return
        index = self.choice_buttons.index(button)
        if self.flow:
            top = self._flow_tops[index]
            if top < self.scroll.offset:
                self.scroll.offset = top
            else:
                self.scroll.show_bottom(top + button.measure(self.ui, self.inner))
            self.follow_scroll()
            return
        if self.choice_cue is None:
            return
        if index < self.choice_first:
            self.choice_first = index
            self._place_choices()
        while index > self.choice_last and self.choice_first < index:
            self.choice_first += 1
            self._place_choices()


def _note_block(ui: Ui, note: Note, inner: int, discuss: bool, figure: bool, body: bool) -> Block:
    """The side note's text `inner` wide: the prompt (if `discuss`), the fact's heading (its
    figure if `figure`), and its text and source if `body`."""
    metrics, palette = ui.metrics, ui.palette
    label, small = ui.face("ui_bold", metrics.small), ui.face("ui", metrics.small)
    block = Block()
    if note.discuss and discuss:
        block.add(word("to_discuss").upper(), label, palette.focus, inner, after=0.2)
        block.add(note.discuss, ui.face("italic", metrics.small + 1), palette.text, inner)
    fact = note.fact
    if fact is not None:
        block.add(f"{word('fact').upper()} · {fact.title}".upper(), label, palette.focus, inner, after=0.2)
        if figure and fact.figure:
            block.add(fact.figure, ui.face("display", metrics.heading), palette.heading, inner, after=0.2)
        if body:
            block.add(fact.text, small, palette.text, inner, after=0.3)
            block.add(f"{word('source')}: {fact.source}", small, palette.text_dim, inner)
    elif not discuss:
        block.add(word("to_discuss").upper(), label, palette.focus, inner, after=0.2)
    return block
