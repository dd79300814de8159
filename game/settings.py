"""The player's settings: a small JSON file in the user data folder, kept between runs.

No pygame here. A missing file gives the defaults; a damaged one gives the defaults plus a
warning, and the damaged file is kept aside as `settings.json.broken`.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

from game.atomic import write_atomic
from game.pace import READ_ALOUD_CPS
from game.safeio import UnreadableFile, read_json

log = logging.getLogger("game.settings")

SETTINGS_FILE = "settings.json"
CLASSROOM_SETTINGS_FILE = "settings-classroom.json"  # the projector's profile, kept apart
MAX_SETTINGS_BYTES = 64 * 1024
TEXT_SPEEDS = ("aloud", "slow", "normal", "fast", "instant")
TEXT_SIZES = ("small", "medium", "large", "largest")
# "aloud": the pace of a teacher reading to a class, about 130 words (of some 6 characters with
# their space) a minute: the classroom's default, where the text shows a page at a time.
CHARS_PER_SECOND = {"aloud": READ_ALOUD_CPS, "slow": 28.0, "normal": 55.0, "fast": 110.0, "instant": 0.0}
TEXT_SCALE = {"small": 0.88, "medium": 1.0, "large": 1.18, "largest": 1.4}
VOLUMES = ("music_volume", "ambience_volume")  # each 0..1, kept to two decimals


@dataclass(frozen=True)
class Settings:
    """Every setting with its default; a frozen value, changed with `dataclasses.replace`."""

    text_speed: str = "normal"
    text_size: str = "medium"
    fullscreen: bool = False
    music_volume: float = 0.7  # the theme on the title and at the endings
    ambience_volume: float = 0.7  # a scene's background sound, and the click of a choice
    high_contrast: bool = False
    reduced_motion: bool = False

    @property
    def chars_per_second(self) -> float:
        """Typewriter speed; 0 means the text appears at once."""
        return CHARS_PER_SECOND[self.text_speed]

    @property
    def text_scale(self) -> float:
        return TEXT_SCALE[self.text_size]


def _is_volume(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and 0.0 <= float(value) <= 1.0


def _migrate(raw: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Files written before music had its own volume have one `volume`: both volumes take it."""
    if "volume" not in raw:
        return raw, []
    raw = dict(raw)
    old = raw.pop("volume")
    if not _is_volume(old):
        return raw, [f"volume = {old!r}"]
    for name in VOLUMES:
        raw.setdefault(name, old)
    return raw, []


def _clean(raw: dict[str, Any], defaults: Settings) -> tuple[Settings, list[str]]:
    """Keeps every known, well-typed value of `raw`; returns the problems with the rest."""
    raw, problems = _migrate(raw)
    values: dict[str, Any] = {}
    for f in fields(Settings):
        if f.name not in raw:
            continue
        value, default = raw[f.name], getattr(defaults, f.name)
        if f.name == "text_speed" and value in TEXT_SPEEDS:
            values[f.name] = value
        elif f.name == "text_size" and value in TEXT_SIZES:
            values[f.name] = value
        elif f.name in VOLUMES and _is_volume(value):
            values[f.name] = round(float(value), 2)
        elif isinstance(default, bool) and isinstance(value, bool):
            values[f.name] = value
        else:
            problems.append(f"{f.name} = {value!r}")
    return replace(defaults, **values), problems


def classroom_defaults() -> Settings:
    """A class's settings before a teacher changes them: the largest text, for the projector, at
    the pace of reading aloud (a teacher who reads the page first sets Instant: all at once)."""
    return Settings(text_size="largest", text_speed="aloud")


def load_settings(
    directory: Path, name: str = SETTINGS_FILE, defaults: Settings | None = None
) -> tuple[Settings, list[str]]:
    """Reads `directory/name` (settings.json: the player's own); returns the settings and
    warnings for the player.

    Never raises: an unreadable file gives the defaults and is renamed to NAME.broken.
    """
    path = Path(directory) / name
    defaults = defaults or Settings()
    try:
        document = read_json(path, MAX_SETTINGS_BYTES, finite=False)  # one bad value: only it
        if not isinstance(document, dict):
            raise UnreadableFile("it is not a table of settings")
    except FileNotFoundError:
        return defaults, []
    except OSError as exc:
        return defaults, [f"Could not read your settings ({exc.strerror or exc}); using the defaults."]
    except UnreadableFile as exc:
        kept = ""
        if path.is_file() or path.is_symlink():  # a pipe or device someone put there is left alone
            broken = path.with_name(name + ".broken")
            try:
                os.replace(path, broken)
                kept = f" The damaged file was kept as {broken}."
            except OSError:
                pass
        message = f"Your settings file was damaged ({exc}), so the default settings are used.{kept}"
        log.warning(message)
        return defaults, [message]
    settings, problems = _clean(document, defaults)
    warnings = []
    if problems:
        message = "Some settings were not understood and use their defaults: " + ", ".join(problems) + "."
        log.warning(message)
        warnings.append(message)
    return settings, warnings


def save_settings(directory: Path, settings: Settings, name: str = SETTINGS_FILE) -> str | None:
    """Writes the settings atomically; returns a sentence for the player if it could not."""
    path = Path(directory) / name
    data = json.dumps(asdict(settings), indent=1).encode("utf-8")
    try:
        write_atomic(path, data)
    except OSError as exc:
        message = f"Could not save your settings in {path.parent}: {exc.strerror or exc}."
        log.warning(message)
        return message
    return None


def step_choice(options: tuple[str, ...], current: str, step: int, wrap: bool = True) -> str:
    """The option `step` places after `current`, wrapping around (or stopping at either end)."""
    index = options.index(current) if current in options else 0
    if not wrap:
        return options[max(0, min(len(options) - 1, index + step))]
    return options[(index + step) % len(options)]
