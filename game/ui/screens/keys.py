"""The keys page (F1 or ?): every key the player can press, from the program's own table."""

from __future__ import annotations

from game.ui.screens.document import DocumentScreen
from game.ui.widgets import Block, Button
from game.ui.words import word

# (keys, what they do) by screen. The play screen's own table (game.ui.playcontrols.SHORTCUTS) and
# README.md's "How to play" say the same (tests/test_ui_journey.py, tests/test_readme.py).
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "keys_reading",
        (
            ("1 – 9", "keys_choose"),
            ("Space, Enter", "keys_continue"),
            ("↑ ↓, Tab", "keys_focus"),
            ("Enter (on a choice)", "keys_take"),
            ("PgUp, PgDn, Home, End", "keys_scroll"),
            ("Backspace, Ctrl+Z", "keys_undo"),
            ("F", "keys_family"),
            ("H", "keys_history"),
            ("G", "keys_flowchart"),
            ("N", "keys_note"),
            ("S", "keys_skip"),
            ("A", "keys_auto"),
            ("Esc", "keys_menu"),
        ),
    ),
    (
        "keys_in_flowchart",
        (
            ("W", "keys_whole"),
            ("+, −", "keys_zoom"),
            ("0", "keys_fit"),
            ("↑ ↓ ← →", "keys_pan"),
        ),
    ),
    (
        "keys_anywhere",
        (
            ("F1, ?", "keys_help"),
            ("F11", "keys_fullscreen"),
            ("F12", "keys_screenshot"),
            ("F5", "keys_reload"),
        ),
    ),
)

# Writing mode's keys (`--dev`), shown after the others while it is on.
WRITING_KEYS = (
    "keys_writing",
    (
        ("F9", "keys_writing_panel"),
        ("F5", "keys_reload"),
        ("E (errors page)", "keys_editor"),
    ),
)


class KeysScreen(DocumentScreen):
    """What each key does, in two columns: the keys, then their meaning."""

    opaque = False
    max_width = 760

    def heading(self, width: int) -> Block:
        ui, metrics = self.ui, self.ui.metrics
        block = Block()
        block.add(
            word("keys_title"), ui.face("display", metrics.heading), ui.palette.heading, width, after=0.4
        )
        return block

    def build(self, width: int) -> Block:
        ui, metrics, palette = self.ui, self.ui.metrics, self.ui.palette
        block = Block()
        bold, face = ui.face("ui_bold", metrics.ui), ui.face("ui", metrics.ui)
        groups = (*KEYS, WRITING_KEYS) if self.app.options is not None and self.app.options.dev else KEYS
        column = min(width // 2, max(bold.width(k) for _, rows in groups for k, _ in rows) + metrics.pad)
        for heading, rows in groups:
            block.add(
                word(heading).upper(), ui.face("ui_bold", metrics.small), palette.focus, width, after=0.3
            )
            for keys, meaning in rows:
                top, chars = block.height, block.chars
                block.add(keys, bold, palette.heading, column - metrics.gap, after=0.0)
                left = block.height
                block.height, block.chars = top, chars
                block.add(word(meaning), face, palette.text, width, indent=column, after=0.25)
                block.height = max(block.height, left + round(face.height * 0.25))
            block.space(metrics.gap)
        return block

    def buttons(self) -> list[Button]:
        return [Button(word("close"), self.app.pop)]
