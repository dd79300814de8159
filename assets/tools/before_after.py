#!/usr/bin/env python3
"""Before/after pairs of redrawn backdrops for docs/art-before-after/.

    .venv/bin/python assets/tools/before_after.py OLD_COMMIT name [name ...]

Each pair puts the picture as it was at OLD_COMMIT (read with git show) left of the picture as it
is now, both 640x360, in one 256-colour PNG named after the backdrop. The name ``portraits``
makes portraits.png instead: every face in its four moods at 112 px high (the play screen's size),
as it was (upper row of each pair) and as it is.
"""

from __future__ import annotations

import io
import pathlib
import subprocess
import sys

from PIL import Image

REPO = pathlib.Path(__file__).resolve().parents[2]
SIZE = (640, 360)


def pair(commit: str, name: str) -> pathlib.Path:
    """Writes docs/art-before-after/<name>.png; returns its path."""
    path = f"assets/backdrops/{name}.png"
    old = subprocess.run(
        ["git", "show", f"{commit}:{path}"], cwd=REPO, capture_output=True, check=True
    ).stdout
    before = Image.open(io.BytesIO(old)).convert("RGB").resize(SIZE, Image.Resampling.LANCZOS)
    after = Image.open(REPO / path).convert("RGB").resize(SIZE, Image.Resampling.LANCZOS)
    sheet = Image.new("RGB", (SIZE[0] * 2 + 8, SIZE[1]), (28, 30, 38))
    sheet.paste(before, (0, 0))
    sheet.paste(after, (SIZE[0] + 8, 0))
    out = REPO / "docs" / "art-before-after" / f"{name}.png"
    out.parent.mkdir(parents=True, exist_ok=True)
    sheet.quantize(256, dither=Image.Dither.NONE).save(out, optimize=True)
    return out


PEOPLE = [
    "changhua_young",
    "changhua",
    "suqin_young",
    "suqin",
    "qin_child",
    "qin_teen",
    "yang_child",
    "yang_boy",
    "grandma",
    "grandpa",
]
MOODS = ["", "_sad", "_glad", "_angry"]
FACE = (90, 112)


def faces(commit: str) -> pathlib.Path:
    """Writes docs/art-before-after/portraits.png; returns its path."""
    cols = 2  # people side by side, each as two rows of four
    w, h = FACE[0] * 4 + 24, FACE[1] * 2 + 16
    rows = (len(PEOPLE) + cols - 1) // cols
    sheet = Image.new("RGBA", (w * cols + 8, h * rows + 8), (28, 30, 38, 255))
    for i, person in enumerate(PEOPLE):
        x0, y0 = 8 + (i % cols) * w, 8 + (i // cols) * h
        for j, mood in enumerate(MOODS):
            path = f"assets/portraits/{person}{mood}.png"
            old = subprocess.run(
                ["git", "show", f"{commit}:{path}"], cwd=REPO, capture_output=True, check=True
            ).stdout
            for row, data in enumerate((old, (REPO / path).read_bytes())):
                img = Image.open(io.BytesIO(data)).convert("RGBA").resize(FACE, Image.Resampling.LANCZOS)
                sheet.alpha_composite(img, (x0 + j * FACE[0], y0 + row * FACE[1]))
    out = REPO / "docs" / "art-before-after" / "portraits.png"
    sheet.convert("RGB").quantize(256, dither=Image.Dither.NONE).save(out, optimize=True)
    return out


def main(argv: list[str]) -> int:
    commit, names = argv[0], argv[1:]
    for name in names:
        out = faces(commit) if name == "portraits" else pair(commit, name)
        print(f"{out.relative_to(REPO)}  {out.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
