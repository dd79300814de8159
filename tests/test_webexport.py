"""export-web and serve-web without a browser: the pre-parsed story, the folder rules, the messages."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.story import load_story
from game.story.bundle import BundleError, bundle_text, make_bundle, unpack
from game.story.loader import _story_files
from game.tools import webexport

ROOT = Path(__file__).resolve().parents[1]


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out, err), out.getvalue(), err.getvalue()


def test_the_bundled_story_loads_without_pyyaml_and_is_the_same_story(tmp_path, monkeypatch):
    desktop = load_story(ROOT / "story")
    bundle = json.loads(bundle_text(make_bundle(ROOT / "story", _story_files(ROOT / "story"))))
    monkeypatch.setitem(sys.modules, "yaml", None)  # importing PyYAML now fails, as in Pyodide
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("LAST_TRAIN_HOME_CACHE", str(tmp_path / "cache"))  # unpack points it there
    root = unpack(bundle, tmp_path / "story", tmp_path / "cache")
    browser = load_story(root, check_assets=False)
    assert browser.fingerprint == desktop.fingerprint
    assert browser.scenes.keys() == desktop.scenes.keys()
    assert [e.id for e in browser.endings] == [e.id for e in desktop.endings]
    assert browser.scenes[desktop.start].text.source == desktop.scenes[desktop.start].text.source


def test_a_bundle_cannot_write_outside_its_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LAST_TRAIN_HOME_CACHE", str(tmp_path / "cache"))
    bundle = {
        "kind": "last-train-home story bundle",
        "format": 1,
        "files": [{"path": "../escape.yaml", "text": "x", "parsed": "x"}],
    }
    with pytest.raises(BundleError, match="outside the story"):
        unpack(bundle, tmp_path / "story", tmp_path / "cache")
    assert not (tmp_path / "escape.yaml").exists()
    with pytest.raises(BundleError, match="not a story bundle"):
        unpack([], tmp_path / "story", tmp_path / "cache")


def test_export_refuses_a_folder_it_did_not_write(tmp_path):
    (tmp_path / "mine.txt").write_text("keep me")
    code, _, err = run("export-web", "-o", str(tmp_path))
    assert code == 1 and "not empty and was not written by export-web" in err
    assert (tmp_path / "mine.txt").read_text() == "keep me"


def test_export_says_how_to_get_pyodide_when_npm_is_missing(tmp_path, monkeypatch):
    web = tmp_path / "web"
    web.mkdir()
    (web / "package.json").write_text(json.dumps({"dependencies": {"pyodide": "314.0.8"}}))
    monkeypatch.setattr(webexport, "WEB", web)
    monkeypatch.setattr(webexport.shutil, "which", lambda name: None)
    code, _, err = run("export-web", "-o", str(tmp_path / "site"))
    assert code == 1
    assert "npm was not found" in err and "npm ci" in err and "Pyodide 314.0.8" in err
    assert not (tmp_path / "site").exists()


def test_export_reports_story_errors_and_writes_nothing(tmp_path):
    broken = tmp_path / "story"
    broken.mkdir()
    (broken / "story.yaml").write_text("title: Broken\nstart: nowhere\npeople: {}\n")
    code, _, err = run("export-web", "--story", str(broken), "-o", str(tmp_path / "site"))
    assert code == 1 and "story.yaml:" in err and "nothing was written" in err
    assert not (tmp_path / "site").exists()


def test_serve_web_wants_an_exported_site(tmp_path):
    code, _, err = run("serve-web", str(tmp_path))
    assert code == 1 and "not a site written by export-web" in err


def _contrast(a: str, b: str) -> float:
    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = ((c / 12.92) if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_pages_colours_pass_wcag_aa_in_both_themes():
    import re

    css = (ROOT / "web" / "src" / "style.css").read_text(encoding="utf-8")
    for block in (
        css.split(":root {", 1)[1].split("}", 1)[0],
        css.split(":root.contrast {", 1)[1].split("}", 1)[0],
    ):
        colours = {
            name: value if len(value) == 7 else "#" + "".join(c * 2 for c in value[1:])
            for name, value in re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})\b", block)
        }
        for text in ("text", "muted", "accent"):
            for ground in ("bg", "panel"):
                assert _contrast(colours[text], colours[ground]) >= 4.5, (text, ground)
        for text in ("rise", "fall"):
            assert _contrast(colours[text], colours["panel"]) >= 4.5, text
        assert _contrast(colours["button-text"], colours["button"]) >= 4.5


def test_the_shipped_python_is_enough_to_play_and_report(tmp_path):
    import shutil
    import subprocess

    for name in webexport._shipped_sources():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); sys.modules['yaml'] = None; "
        "import game.story, game.story.bundle, game.engine.viewmodel, game.reporting"
    )
    done = subprocess.run(
        [sys.executable, "-S", "-c", code, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
