"""Where the game keeps a player's saves, settings and classroom records (the OS convention)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "last-train-home"
ENV_OVERRIDE = "LAST_TRAIN_HOME_DATA"


def user_data_dir() -> Path:
    """The per-user data folder: $LAST_TRAIN_HOME_DATA if set, else the platform's usual place."""
    override = os.environ.get(ENV_OVERRIDE)
    if override:
        return Path(override)
    home = Path.home()
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or home / "AppData" / "Roaming")
        return base / "Last Train Home"
    if sys.platform == "darwin":
        return home / "Library" / "Application Support" / "Last Train Home"
    base = Path(os.environ.get("XDG_DATA_HOME") or home / ".local" / "share")
    return base / APP_NAME
