"""`export-web -o DIR`: the browser edition as a self-contained static site.

The site runs this very `game/story` and `game/engine` under Pyodide (CPython compiled to
WebAssembly, pinned in web/package.json and copied from web/node_modules), fed the story
pre-parsed (game/story/bundle.py), with the pictures, fonts and sounds of assets/ and the
HTML/CSS/JS front end of web/src/. Nothing on the page is fetched from anywhere but the site.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any, TextIO

from game.engine.classview import lessons_view
from game.engine.viewmodel import Player, story_view
from game.pace import READ_ALOUD_CPS
from game.story.bundle import bundle_text, make_bundle
from game.story.model import Story

USAGE_ERROR = 2
REPO = Path(__file__).resolve().parents[2]
WEB = REPO / "web"
MARKER = "lth-site.json"
# What the page loads of Pyodide: its loader, the compiled interpreter and the standard library
# (no packages: the game needs none in the browser).
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# Shipped as they are, with game/__init__.py; the classroom's session report is the desktop's own
# page (game/reporting needs only the engine).
PACKAGES = ("game/story", "game/engine", "game/reporting")
ASSET_FOLDERS = ("backdrops", "portraits", "fonts", "sounds")
ASSET_SUFFIXES = (".png", ".ttf", ".otf", ".ogg", ".txt")


class ExportError(Exception):
    """Why the site could not be written, in a sentence for the person exporting it."""


def pinned_pyodide() -> str:
    """The Pyodide version web/package.json pins."""
    return json.loads((WEB / "package.json").read_text(encoding="utf-8"))["dependencies"]["pyodide"]


def pyodide_dir(err: TextIO) -> Path:
    """web/node_modules/pyodide at the pinned version, running `npm ci` first if it is missing."""
    folder = WEB / "node_modules" / "pyodide"
    wanted = pinned_pyodide()

    def installed() -> str | None:
        try:
            return json.loads((folder / "package.json").read_text(encoding="utf-8")).get("version")
        except (OSError, ValueError):
            return None

    if installed() == wanted and all((folder / name).is_file() for name in PYODIDE_FILES):
        return folder
    npm = shutil.which("npm")
    if npm is None:
        raise ExportError(
            f"the browser runtime (Pyodide {wanted}) is not installed in web/node_modules, and npm "
            "was not found to install it. Install Node.js with npm (https://nodejs.org, or "
            "'apt install npm'), then run 'npm ci' in the web/ folder, or run export-web again."
        )
    print(f"export-web: installing Pyodide {wanted} with 'npm ci' in {WEB} (once) …", file=err)
    result = subprocess.run(
        [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=WEB,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 or installed() != wanted:
        raise ExportError(f"'npm ci' in {WEB} failed:\n{result.stderr.strip() or result.stdout.strip()}")
    return folder


def _check_target(out: Path) -> None:
    """Refuses a file, or a folder with things in it that export-web did not write."""
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out} is a file, not a folder")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).is_file():
        raise ExportError(
            f"{out} is not empty and was not written by export-web: choose an empty or new folder"
        )


def _prepare(out: Path) -> None:
    """An empty output folder (an earlier export's is emptied)."""
    _check_target(out)
    if out.is_dir() and any(out.iterdir()):
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)


_TOP_LEVEL = re.compile(r"^\s*(?:from game\.(\w+) import|import game\.(\w+))", re.M)


def _shipped_sources() -> list[str]:
    """The packages, and every top-level game module they import (such as game/paths.py,
    found by reading their imports, so that a module moved there later is shipped too)."""
    files = ["game/__init__.py"]
    for package in PACKAGES:
        files += [p.relative_to(REPO).as_posix() for p in sorted((REPO / package).rglob("*.py"))]
    todo = list(files)
    while todo:
        source = (REPO / todo.pop()).read_text(encoding="utf-8")
        for match in _TOP_LEVEL.finditer(source):
            name = f"game/{match[1] or match[2]}.py"
            if (REPO / name).is_file() and name not in files:
                files.append(name)
                todo.append(name)
    return files


def _game_zip(target: Path) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in _shipped_sources():
            archive.write(REPO / name, name)


def _catalog(assets: Path) -> dict[str, Any]:
    """The backdrop catalogue as plain data (file, ambience, description and subject per backdrop)."""
    from game.story.location import Diagnostics
    from game.story.yamlsource import read_yaml

    document = read_yaml(
        assets / "backdrops" / "catalog.yaml", "assets/backdrops/catalog.yaml", Diagnostics()
    )
    backdrops = document.get("backdrops", {}) if isinstance(document, dict) else {}
    return {
        name: {
            "file": entry.get("file"),
            "ambience": entry.get("ambience"),
            "description": entry.get("description", ""),
            "subject": entry.get("subject"),
        }
        for name, entry in json.loads(json.dumps(backdrops)).items()
        if isinstance(entry, dict)
    }


def _licence_page(out: Path) -> None:
    """licences/index.html: what the site is made of, under which licence (a static host shows
    no folder listings)."""
    items = "".join(f'<li><a href="{p.name}">{p.name}</a></li>' for p in sorted((out / "licences").iterdir()))
    fonts = "".join(
        f'<li><a href="../assets/fonts/{p.name}">{p.name}</a></li>'
        for p in sorted((out / "assets" / "fonts").glob("LICENSE-*"))
    )
    (out / "licences" / "index.html").write_text(
        '<!doctype html><html lang="en"><meta charset="utf-8"><title>Licences</title>'
        '<link rel="stylesheet" href="../style.css"><main id="app"><section class="screen">'
        "<h1>Licences</h1><p>The game's code is MIT-licensed; its story text is CC BY 4.0. "
        "Pyodide (the Python runtime in <code>pyodide/</code>) is under the Mozilla Public "
        "License 2.0. Pictures and sounds were made for the game (see the art licence); the "
        f"fonts carry their own licences.</p><ul>{items}{fonts}</ul>"
        '<p><a href="../">Back to the game</a></p></section></main></html>',
        encoding="utf-8",
    )


def _subjects(catalog: dict[str, Any]) -> dict[str, str]:
    """Each backdrop's subject (left, right or centre), for the engine's panel side."""
    return {name: entry["subject"] for name, entry in catalog.items() if isinstance(entry["subject"], str)}


def _start_page(story: Story, catalog: dict[str, Any], target: Path) -> None:
    """start.json: what the page shows before Python has started, made by the engine itself: the
    story's titles and note, its lessons, the backdrop catalogue, and the first scene's view."""
    start = {
        "story": story_view(story),
        "lessons": lessons_view(story),
        "catalog": catalog,
        "first": Player(story, subjects=_subjects(catalog)).view(),
        "speeds": {"aloud": READ_ALOUD_CPS, "instant": 0},  # the class's text speeds, the desktop's
    }
    target.write_text(json.dumps(start, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def export(story_dir: Path, out: Path, err: TextIO) -> tuple[int, int]:
    """Writes the site; returns (files, bytes). Raises ExportError or StoryError."""
    from game.story import default_story_dir
    from game.story.loader import _story_files, default_assets_dir, load_story

    story_dir = Path(story_dir or default_story_dir())
    story = load_story(story_dir)  # the browser loads it without asset checks: check them here
    _check_target(out)
    runtime = pyodide_dir(err)
    _prepare(out)
    (out / MARKER).write_text("{}", encoding="utf-8")  # written first: a failed export is redone
    shutil.copytree(WEB / "src", out, dirs_exist_ok=True)
    (out / "pyodide").mkdir()
    for name in PYODIDE_FILES:
        shutil.copy2(runtime / name, out / "pyodide" / name)
    licences = out / "licences"
    licences.mkdir()
    shutil.copy2(WEB / "licences" / "pyodide-LICENSE-MPL-2.0.txt", licences)
    shutil.copy2(REPO / "LICENSE", licences / "last-train-home-LICENSE.txt")
    _game_zip(out / "game.zip")
    assets = default_assets_dir()
    for folder in ASSET_FOLDERS:
        for path in sorted((assets / folder).iterdir()):
            if path.suffix in ASSET_SUFFIXES and path.is_file():
                (out / "assets" / folder).mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out / "assets" / folder / path.name)
    shutil.copy2(assets / "LICENSE-art.txt", licences / "art-LICENSE.txt")
    _licence_page(out)
    bundle = make_bundle(story_dir, _story_files(story_dir))
    catalog = _catalog(assets)
    subjects = json.dumps(_subjects(catalog), separators=(",", ":"))
    (out / "story.json").write_text(
        '{"bundle":' + bundle_text(bundle) + ',"subjects":' + subjects + "}", encoding="utf-8"
    )
    _start_page(story, catalog, out / "start.json")
    files = [p for p in out.rglob("*") if p.is_file()]
    (out / MARKER).write_text(
        json.dumps({"game": "last-train-home", "pyodide": pinned_pyodide(), "files": len(files)}),
        encoding="utf-8",
    )
    return len(files), sum(p.stat().st_size for p in files)


def register(subparsers, add_common) -> None:
    parser = subparsers.add_parser(
        "export-web",
        help="write the browser edition as a static site (Pyodide)",
        description="Writes a self-contained static site that plays the story in a browser with "
        "the same engine: put the folder on any web server, or serve it with serve-web.",
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="DIR",
        help="the folder to write (new, empty, or an earlier export)",
    )
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.story import StoryError

    try:
        files, size = export(args.story, args.output, err)
    except StoryError as exc:
        for finding in exc.diagnostics:
            print(finding, file=err)
        print("export-web: the story has errors; nothing was written.", file=err)
        return 1
    except (ExportError, OSError) as exc:
        print(f"export-web: {exc}", file=err)
        return 1
    print(
        f"Wrote the browser edition to {args.output} ({files} files, {size / 1e6:.1f} MB).\n"
        f"Play it: python main.py serve-web {args.output}  (or put the folder on a web server)",
        file=out,
    )
    return 0
