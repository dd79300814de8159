"""Where the game's folders are: the story and assets it ships with, and the player's own files
(saves, settings, classroom records, the cache of parsed story files) in the platform's usual place.

The lowest floor of the game: it imports nothing of the game's own, so the story reader and the
engine both find their folders here.
"""

from __future__ import annotations

import os
import sys
from importlib import resources
from pathlib import Path

APP_NAME = "last-train-home"
DISPLAY_NAME = "Last Train Home"  # the folder name on Windows and macOS
DATA_ENV = "LAST_TRAIN_HOME_DATA"
CACHE_ENV = "LAST_TRAIN_HOME_CACHE"
_OFF = ("off", "0", "no", "none")
SHIPPED = "shipped"  # the wheel's game/shipped/ holds the repository's top-level story/ and assets/


def shipped_dir(name: str) -> Path:
    """A folder the game ships with: "story", "assets" or "docs" (of which the wheel has only the
    story file schema).

    An installed wheel carries it inside the package (game/shipped/NAME, mapped in pyproject.toml);
    a checkout, or an editable install of one, has it at the top of the repository."""
    installed = resources.files(__package__ or "game") / SHIPPED / name
    if isinstance(installed, Path) and installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[1] / name


def user_data_dir() -> Path:
    """The per-user data folder: $LAST_TRAIN_HOME_DATA if set, else the platform's usual place."""
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming") / DISPLAY_NAME
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / DISPLAY_NAME
    return Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share") / APP_NAME


def user_cache_dir() -> Path | None:
    """The folder for caches, or None when caching is turned off.

    $LAST_TRAIN_HOME_CACHE names it (or `off`); a private $LAST_TRAIN_HOME_DATA keeps its own
    cache inside it; otherwise the platform's usual place."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return None if override.lower() in _OFF else Path(override)
    data = os.environ.get(DATA_ENV)
    if data:
        return Path(data) / "cache"
    home = Path.home()
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / DISPLAY_NAME / "cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / DISPLAY_NAME
    return Path(os.environ.get("XDG_CACHE_HOME") or home / ".cache") / APP_NAME
