"""Projector reading: in class a scene's text shows a page at a time, and the teacher turns pages.

A page is what fits in the text's box from the scroll offset. The box is the panel's while the
text from the page's top is taller than that; the last pages keep the room of the choices, which
come when the text is read (game/ui/screens/play.py, `layout_choices`). The text appears up to the page's
end (at reading pace, or at once: the classroom profile's text speed) and never scrolls by
itself: Space, Enter, →, a click or a choice's number shows the rest of the page, then turns to
the next one, whose first line is the first line the last page could not show whole.
"""

from __future__ import annotations

from game.ui.widgets import Block, Line


def page_end(block: Block, top: int, height: int) -> int:
    """The reveal index where the page from `top` (`height` high) ends: the start of the first
    line below it, or the whole text's length on the last page."""
    below = _first_below(block, top, height)
    return block.chars if below is None else below.start


def next_page(block: Block, top: int, height: int) -> int | None:
    """The scroll offset of the page after the one from `top`: its first line's top (None on the
    last page)."""
    below = _first_below(block, top, height)
    return None if below is None else below.y


def fits(block: Block, top: int, height: int) -> bool:
    """Whether the text from `top` on fits in `height` (the last page)."""
    return _first_below(block, top, height) is None


def page_count(block: Block, height: int, top: int = 0) -> int:
    """How many pages of `height` the text takes from `top` on."""
    count = 1
    while (top_next := next_page(block, top, height)) is not None and top_next > top:
        count, top = count + 1, top_next
    return count


def _first_below(block: Block, top: int, height: int) -> Line | None:
    """The first line that the page from `top` cannot show whole (Block.draw's one-pixel slack)."""
    bottom = top + height + 1
    return next((line for line in block.lines if line.y + line.face.height > bottom), None)
