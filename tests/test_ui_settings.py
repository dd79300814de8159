"""Settings: kept between runs; a damaged file gives the defaults, a warning, and is kept aside."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from game.settings import Settings, load_settings, save_settings


def test_settings_round_trip(tmp_path: Path) -> None:
    chosen = replace(
        Settings(),
        text_size="largest",
        text_speed="fast",
        music_volume=0.3,
        ambience_volume=0.9,
        high_contrast=True,
        reduced_motion=True,
    )
    assert save_settings(tmp_path, chosen) is None
    loaded, warnings = load_settings(tmp_path)
    assert loaded == chosen and warnings == []


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path) == (Settings(), [])


def test_corrupt_file_falls_back_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_bytes(b"{not json at all")
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings()
    assert len(warnings) == 1 and "damaged" in warnings[0]
    assert (tmp_path / "settings.json.broken").read_bytes() == b"{not json at all"
    assert not (tmp_path / "settings.json").exists()


def test_unknown_values_keep_the_good_ones(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(
        json.dumps({"text_size": "enormous", "volume": 0.5, "fullscreen": "yes", "extra": 1})
    )
    settings, warnings = load_settings(tmp_path)
    assert (
        settings.music_volume == settings.ambience_volume == 0.5
        and settings.text_size == "medium"
        and not settings.fullscreen
    )
    assert "text_size" in warnings[0] and "fullscreen" in warnings[0]
