"""The theme and the two volumes: music on the title and at the endings, ambience in the scenes."""

from __future__ import annotations

import json
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.settings import Settings, load_settings, save_settings
from game.ui.app import ASSETS, App, build_app
from game.ui.audio import ENDING_CUE, THEME, Ambience
from game.ui.autoplay import key
from game.ui.screens.ending import EndingScreen
from game.ui.screens.play import PlayScreen
from game.ui.screens.settings import SettingRow, SettingsScreen
from game.ui.screens.title import TitleScreen
from tests.uikit import drawn, settle

SOUNDS = ASSETS / "sounds"


def test_an_old_single_volume_becomes_both(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"volume": 0.4, "text_size": "large"}))
    settings, warnings = load_settings(tmp_path)
    assert (settings.music_volume, settings.ambience_volume, settings.text_size) == (0.4, 0.4, "large")
    assert warnings == []
    assert save_settings(tmp_path, settings) is None
    saved = json.loads((tmp_path / "settings.json").read_text())
    assert "volume" not in saved and saved["music_volume"] == saved["ambience_volume"] == 0.4


def test_a_new_volume_wins_over_the_old_one(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"volume": 0.4, "music_volume": 0.1}))
    settings, warnings = load_settings(tmp_path)
    assert (settings.music_volume, settings.ambience_volume, warnings) == (0.1, 0.4, [])


def test_settings_without_any_volume_load_with_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"text_speed": "fast"}))
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings(text_speed="fast") and warnings == []


def test_bad_volumes_are_a_sentence_and_the_defaults(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text(json.dumps({"music_volume": "loud", "ambience_volume": 2}))
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings()
    assert warnings == [
        "Some settings were not understood and use their defaults: music_volume = 'loud', ambience_volume = 2."
    ]
    (tmp_path / "settings.json").write_text(json.dumps({"volume": True}))
    settings, warnings = load_settings(tmp_path)
    assert settings == Settings() and "volume = True" in warnings[0]


def _ambience() -> list[float]:
    """The volumes of the ambience channels that are playing."""
    return [pygame.mixer.Channel(i).get_volume() for i in (0, 1) if pygame.mixer.Channel(i).get_busy()]


def test_music_and_ambience_play_at_their_own_volumes() -> None:
    audio = Ambience(ASSETS, volume=0.25, music_volume=0.75, fade_ms=0)
    if not audio.available:
        pytest.skip("no mixer even with the dummy driver")
    music = pygame.mixer.music
    try:
        audio.play_music(THEME)
        assert music.get_busy() and music.get_volume() == pytest.approx(0.75, abs=1 / 64)
        assert _ambience() == []  # no ambience under the theme
        audio.play(SOUNDS / "village.ogg")  # a scene: the theme gives way to its ambience
        assert not music.get_busy()
        assert _ambience() == [pytest.approx(0.25, abs=1 / 64)]
        audio.set_music_volume(0.1)  # the music's volume leaves the ambience alone
        assert _ambience() == [pytest.approx(0.25, abs=1 / 64)]
        audio.set_volume(0.5)  # and the other way round
        assert _ambience() == [pytest.approx(0.5, abs=1 / 64)]
        assert music.get_volume() == pytest.approx(0.1, abs=1 / 64)
        audio.play_music(ENDING_CUE, loop=False)
        assert music.get_busy() and music.get_volume() == pytest.approx(0.1, abs=1 / 64)
        assert _ambience() == []
        assert audio.chosen == (None, SOUNDS / f"{ENDING_CUE}.ogg")
    finally:
        audio.stop()
        pygame.mixer.quit()


def test_nothing_starts_the_mixer_before_the_first_frame_is_drawn() -> None:
    pygame.mixer.quit()
    audio = Ambience(ASSETS, music_volume=0.5, fade_ms=0, deferred=True)
    audio.play_music(THEME)  # what the title asks for as it is made
    assert not pygame.mixer.get_init() and audio.chosen == (None, SOUNDS / f"{THEME}.ogg")
    audio.begin()  # the app, once its first frame is on screen
    if not audio.available:
        pytest.skip("no mixer even with the dummy driver")
    try:
        assert pygame.mixer.music.get_busy() and audio.chosen == (None, SOUNDS / f"{THEME}.ogg")
    finally:
        audio.stop()
        pygame.mixer.quit()


def test_the_theme_files_are_there_and_long_enough() -> None:
    if not Ambience(ASSETS).available:
        pytest.skip("no mixer even with the dummy driver")
    try:
        assert 40 <= pygame.mixer.Sound(str(SOUNDS / f"{THEME}.ogg")).get_length() <= 70
        assert 10 <= pygame.mixer.Sound(str(SOUNDS / f"{ENDING_CUE}.ogg")).get_length() <= 40
    finally:
        pygame.mixer.quit()


@pytest.fixture
def app(example_story: Path, data_dir: Path):
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    yield app
    pygame.quit()


def test_the_title_plays_the_theme_the_scenes_their_ambience_and_the_ending_its_cue(app: App) -> None:
    assert isinstance(app.top, TitleScreen)
    assert app.audio.chosen == (None, SOUNDS / f"{THEME}.ogg")
    settle(app)  # (the theme starts once the first frame is on screen)
    assert app.audio.available and pygame.mixer.music.get_busy()
    settle(app, key(pygame.K_RETURN), key(pygame.K_RETURN))  # New game, then past the content note
    assert isinstance(app.top, PlayScreen)
    ambience, music = app.audio.chosen
    assert music is None and ambience == app.art.ambience(app.top.backdrop.name)
    settle(app, key(pygame.K_2))  # the last scene, read before its ending
    settle(app, key(pygame.K_SPACE), key(pygame.K_RETURN))
    assert isinstance(app.top, EndingScreen)
    assert app.audio.chosen == (None, SOUNDS / f"{ENDING_CUE}.ogg")


def test_two_volumes_on_the_settings_screen_by_keyboard_and_mouse(app: App, data_dir: Path) -> None:
    app.push(SettingsScreen(app))
    settle(app)
    rows = {b.label: b for b in app.top.focus.buttons if isinstance(b, SettingRow)}
    music, ambience = rows["Music volume"], rows["Ambient sound volume"]
    while app.top.focus.focused is not music:
        settle(app, key(pygame.K_DOWN))
    settle(app, key(pygame.K_RIGHT))
    assert (app.settings.music_volume, app.settings.ambience_volume) == (0.8, 0.7)
    assert app.audio.music_volume == 0.8 and app.audio.volume == 0.7
    left = (ambience.value_span[0] + 2, ambience.rect.centery)  # '‹' steps back
    settle(
        app,
        pygame.event.Event(pygame.MOUSEBUTTONDOWN, button=1, pos=left),
        pygame.event.Event(pygame.MOUSEBUTTONUP, button=1, pos=left),
    )
    assert (app.settings.music_volume, app.settings.ambience_volume) == (0.8, 0.6)
    assert app.audio.volume == 0.6
    saved = json.loads((data_dir / "settings.json").read_text())
    assert (saved["music_volume"], saved["ambience_volume"]) == (0.8, 0.6)


def test_both_volumes_fit_at_the_largest_text_in_a_small_window(example_story: Path, data_dir: Path) -> None:
    (data_dir / "settings.json").write_text(json.dumps({"text_size": "largest", "volume": 0.5}))
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(800, 600)))
    try:
        app.push(SettingsScreen(app))
        settle(app)
        lines = drawn(app)
        window = pygame.Rect(0, 0, 800, 600)
        for words in ("Music volume", "Ambient sound volume"):
            hits = [rect for text, _, rect in lines if words in text]
            assert hits and all(window.contains(r) for r in hits), words
        assert sum("50%" in text for text, _, _ in lines) == 2
    finally:
        pygame.quit()
