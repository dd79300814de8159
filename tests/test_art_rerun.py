"""The pictures are made by our scripts: a rerun writes the committed files byte for byte, and
every file in backdrops/, portraits/ and sounds/ is made by a script or covered by a licence
record that assets/README.md names."""

from __future__ import annotations

import fnmatch
import os
import pathlib
import re
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
ASSETS = ROOT / "assets"
TOOLS = ASSETS / "tools"
FOLDERS = ("backdrops", "portraits", "sounds")

# One portrait (the faces' features and moods) and one backdrop drawn with posed people (walking,
# a child held by the hand, a bag over the shoulder): together about 5 s.
RERUN = ["grandpa", "path_home_winter"]


def readme_rows() -> list[tuple[str, str]]:
    """(file pattern, "made by" cell) for each row of assets/README.md's table of what made what."""
    rows = []
    for line in (ASSETS / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) >= 3 and cells[0].startswith("`"):
            rows.append((cells[0].strip("`"), cells[2]))
    return rows


def render(names: list[str], out: pathlib.Path) -> None:
    """Run make_art.py as the README says, writing into out instead of assets/."""
    env = dict(os.environ, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy")
    done = subprocess.run(
        [sys.executable, str(TOOLS / "make_art.py"), "--out", str(out), *names],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr


def differing(out: pathlib.Path) -> list[str]:
    """The pictures written in out whose bytes are not the committed ones."""
    made = sorted(p.relative_to(out) for p in out.glob("*/*.png"))
    assert made, "nothing was written"
    return [str(rel) for rel in made if (out / rel).read_bytes() != (ASSETS / rel).read_bytes()]


@pytest.fixture(scope="module")
def rerun(tmp_path_factory) -> pathlib.Path:
    pytest.importorskip("numpy")
    pytest.importorskip("PIL")
    out = tmp_path_factory.mktemp("art")
    render(RERUN, out)
    return out


def test_a_rerun_writes_the_committed_pictures_byte_for_byte(rerun):
    portraits = sorted(p.name for p in (rerun / "portraits").iterdir())
    assert portraits == ["grandpa.png", "grandpa_angry.png", "grandpa_glad.png", "grandpa_sad.png"]
    assert (rerun / "backdrops" / "path_home_winter.png").is_file()
    assert differing(rerun) == []


def test_the_comparison_sees_a_changed_picture(rerun):
    """A committed picture that the script would not make is caught (here: one pixel changed)."""
    from PIL import Image

    changed = rerun / "changed"
    (changed / "portraits").mkdir(parents=True)
    with Image.open(rerun / "portraits" / "grandpa_sad.png") as img:
        img = img.copy()
    img.putpixel((256, 300), (img.getpixel((256, 300)) + 1) % 256 if img.mode == "P" else (0, 0, 0, 255))
    img.save(changed / "portraits" / "grandpa_sad.png", optimize=True)
    assert differing(changed) == ["portraits/grandpa_sad.png"]


def test_every_asset_file_is_made_by_a_listed_script_or_licensed():
    rows = readme_rows()
    assert rows, "assets/README.md has no table of what made what"
    for pattern, made_by in rows:
        scripts = re.findall(r"tools/([\w.]+\.py)", made_by)
        if scripts:
            for script in scripts:
                assert (TOOLS / script).is_file(), f"assets/README.md names tools/{script}, which is missing"
        else:
            assert "by hand" in made_by, f"{pattern}: neither a script nor written by hand"
    licence = (ASSETS / "LICENSE-art.txt").read_text(encoding="utf-8")
    assert "CC0" in licence or "Creative Commons" in licence
    orphans = [
        f"{folder}/{path.name}"
        for folder in FOLDERS
        for path in sorted((ASSETS / folder).iterdir())
        if not any(fnmatch.fnmatch(f"{folder}/{path.name}", pattern) for pattern, _ in rows)
    ]
    assert orphans == [], f"not named in assets/README.md: {orphans}"


def test_the_scripts_make_exactly_the_committed_pictures_and_sounds():
    """Not just a pattern: the names the scripts write are the files in the folders."""
    pytest.importorskip("numpy")
    sys.path.insert(0, str(TOOLS))
    try:
        import make_art
        import make_music
        import make_sounds
    finally:
        sys.path.remove(str(TOOLS))
    backdrops = {f"{name}.png" for name in make_art.BACKDROPS}
    backdrops |= {f"{n}@{w}x{h}.png" for n, sizes in make_art.PRESCALED.items() for w, h in sizes}
    portraits = {
        f"{name}{'_' + mood if mood else ''}.png"
        for name in make_art.PORTRAITS
        for mood in ("", *make_art.MOODS)
    }
    sounds = {f"{name}.ogg" for name in (*make_sounds.SOUNDS, *make_music.PIECES)}
    on_disk = {folder: {p.name for p in (ASSETS / folder).iterdir()} for folder in FOLDERS}
    assert on_disk["backdrops"] - {"catalog.yaml"} == backdrops
    assert on_disk["portraits"] == portraits
    assert on_disk["sounds"] == sounds
