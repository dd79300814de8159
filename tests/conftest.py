"""Test-wide setup: every test runs headless, silent, and with its own data folder."""

from __future__ import annotations

import os

# Before anything imports pygame: no window, no sound device needed.
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Parsed story files are cached (game/story/parsecache.py): the suite keeps its own cache, so it
# never reads or fills the player's.
import tempfile  # noqa: E402

os.environ.setdefault("LAST_TRAIN_HOME_CACHE", tempfile.mkdtemp(prefix="lth-test-cache-"))


# --- desktop player (tests/test_ui_*.py) ----------------------------------------------------

import shutil  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh user data folder (saves, settings, screenshots) for one test."""
    folder = tmp_path / "data"
    folder.mkdir()
    monkeypatch.setenv("LAST_TRAIN_HOME_DATA", str(folder))
    return folder


@pytest.fixture
def example_story(tmp_path: Path) -> Path:
    """A private copy of the complete small example story in docs/example."""
    target = tmp_path / "story"
    shutil.copytree(ROOT / "docs" / "example", target)
    return target


# --- browser edition (tests/test_web.py): the exported site, served, in headless Chromium ------

from tests.browserkit import browser, site, site_url  # noqa: E402, F401 - session fixtures
