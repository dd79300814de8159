"""A word longer than a line (a pasted URL, a hostile story) wraps in time linear in its length.

Measured in characters given to the font to measure, not in seconds: the old wrapping measured
every shorter prefix of every line's remainder (cubic), which hung the window for minutes on a
10,000-character word.
"""

from __future__ import annotations

import pygame
import pytest

from game.ui.text import Face, Fonts
from tests.conftest import ROOT


class Counting:
    """A font that counts the characters it is asked to measure."""

    def __init__(self, font: pygame.font.Font) -> None:
        self.font = font
        self.measured = 0

    def size(self, text: str) -> tuple[int, int]:
        self.measured += len(text)
        return self.font.size(text)

    def __getattr__(self, name: str):  # noqa: ANN204 - everything else as the real font
        return getattr(self.font, name)


@pytest.fixture()
def face() -> Face:
    pygame.font.init()
    real = Fonts(ROOT / "assets" / "fonts").face("prose", 22)
    counting = Counting(real.font)
    yield Face(("counting", 22), counting, None, real._cache)  # type: ignore[arg-type]
    pygame.font.quit()


@pytest.mark.parametrize("length", [3_000, 30_000])
def test_a_long_word_wraps_into_lines_that_fit_measuring_each_character_a_few_times(
    face: Face, length: int
) -> None:
    word = "".join("abcdefghijklmnopqrstuvwxyz"[i % 26] for i in range(length))
    lines = face.wrap(f"Before {word} after.", 400)
    assert "".join(lines).replace(" ", "") == f"Before{word}after."
    assert all(face.font.font.size(line)[0] <= 400 for line in lines)
    assert len(lines) > length // 60
    assert face.font.measured < 40 * length  # the old wrapping: ~ length**3 / 2,000


def test_text_of_many_words_is_still_broken_between_words(face: Face) -> None:
    lines = face.wrap("The train is late again and the station is full of people going home.", 200)
    assert len(lines) > 1 and all(not line.startswith(" ") for line in lines)
    assert " ".join(lines) == "The train is late again and the station is full of people going home."
