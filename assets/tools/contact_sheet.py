#!/usr/bin/env python3
"""Draw docs/art.png: every backdrop and portrait in one labelled grid.

SDL_VIDEODRIVER=dummy .venv/bin/python assets/tools/contact_sheet.py [out.png]
"""

from __future__ import annotations

import os
import pathlib
import sys

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from game.ui.art import ArtLibrary  # noqa: E402

TW, TH = 480, 270  # backdrop thumbnails
PW, PH = 144, 180  # portrait thumbnails: each person's four expressions in a row
MOODS = ("", "_sad", "_glad", "_angry")
PAD, LABEL = 16, 26
COLS = 4
BG = (28, 30, 38)
INK = (226, 222, 210)


def main(argv: list[str]) -> int:
    out = pathlib.Path(argv[0]) if argv else REPO / "docs" / "art.png"
    pygame.init()
    art = ArtLibrary(REPO / "assets")
    font = pygame.font.Font(None, 26)
    backs = sorted(art.catalog) if art.catalog else sorted(art.backdrop_names())
    if "title" in backs:
        backs.remove("title")
        backs.insert(0, "title")
    names = art.portrait_names()
    people = sorted(n for n in names if not n.endswith(MOODS[1:]))
    ports = [f"{p}{m}" for p in people for m in MOODS if f"{p}{m}" in names or not m]
    brows = (len(backs) + COLS - 1) // COLS
    pcols = (COLS * (TW + PAD) - PAD) // (PW + PAD) // len(MOODS) * len(MOODS)
    prows = (len(ports) + pcols - 1) // pcols
    width = PAD + COLS * (TW + PAD)
    height = PAD + brows * (TH + LABEL + PAD) + prows * (PH + LABEL + PAD) + PAD
    sheet = pygame.Surface((width, height))
    sheet.fill(BG)
    for i, name in enumerate(backs):
        x = PAD + (i % COLS) * (TW + PAD)
        y = PAD + (i // COLS) * (TH + LABEL + PAD)
        sheet.blit(art.backdrop(name, (TW, TH)), (x, y))
        entry = art.catalog.get(name, {})
        extra = " · ".join(str(v) for v in (entry.get("motion"), entry.get("ambience")) if v)
        sheet.blit(font.render(f"{name}   {extra}", True, INK), (x, y + TH + 4))
    y0 = PAD + brows * (TH + LABEL + PAD) + PAD
    for i, name in enumerate(ports):
        x = PAD + (i % pcols) * (PW + PAD)
        y = y0 + (i // pcols) * (PH + LABEL + PAD)
        pygame.draw.rect(sheet, (60, 62, 72), (x, y, PW, PH))
        sheet.blit(art.portrait(name, (PW, PH)), (x, y))
        mood = next((m for m in MOODS[1:] if name.endswith(m)), "")
        sheet.blit(font.render(mood[1:] if mood else name, True, INK), (x, y + PH + 4))
    out.parent.mkdir(parents=True, exist_ok=True)
    try:  # a palette PNG keeps the sheet small; plain pygame PNG otherwise
        from PIL import Image

        rgb = pygame.image.tobytes(sheet, "RGB")
        img = Image.frombytes("RGB", sheet.get_size(), rgb).quantize(256, dither=Image.Dither.NONE)
        img.save(out, optimize=True)
    except ImportError:
        pygame.image.save(sheet, str(out))
    print(f"{out} {width}x{height}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
