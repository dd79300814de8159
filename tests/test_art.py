"""Pictures, motion and ambience: everything loads, nothing raises, headless."""

from __future__ import annotations

import logging
import os
import pathlib
import shutil

os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")

import pygame  # noqa: E402
import pytest  # noqa: E402
import yaml  # noqa: E402

from game.ui import motion as motion_mod  # noqa: E402
from game.ui.art import ArtLibrary  # noqa: E402
from game.ui.audio import Ambience  # noqa: E402

ASSETS = pathlib.Path(__file__).resolve().parents[1] / "assets"
CATALOG = yaml.safe_load((ASSETS / "backdrops" / "catalog.yaml").read_text(encoding="utf-8"))["backdrops"]

BACKDROPS = [
    "title",
    "huilong_dawn",
    "huilong_night",
    "terraced_fields",
    "grandparents_kitchen",
    "village_school",
    "river_landing",
    "hillside_grave",
    "factory_floor",
    "dormitory",
    "phone_booth",
    "city_street",
    "guangzhou_station",
    "station_square_sleet",
    "train_interior",
    "train_window",
    "mountain_bus",
    "river_boat",
    "path_home",
    "shenzhen_night",
]
PORTRAITS = [
    "changhua_young",
    "changhua",
    "suqin_young",
    "suqin",
    "qin_baby",
    "qin_child",
    "qin_teen",
    "yang_child",
    "yang_boy",
    "grandma",
    "grandpa",
]
MOTIONS = {"snow", "sleet", "rain", "steam", "slide", "sway", None}
SUBJECTS = {"left", "right", "centre"}  # the text panel takes the other side (game.engine.looks)


@pytest.fixture
def art() -> ArtLibrary:
    return ArtLibrary(ASSETS)


def test_catalogue_names_every_backdrop_with_valid_fields():
    assert set(BACKDROPS) <= set(CATALOG)
    for name, entry in CATALOG.items():
        assert entry["motion"] in MOTIONS, name
        assert isinstance(entry["description"], str) and entry["description"], name
        assert entry["subject"] in SUBJECTS, f"{name}: where is its subject (left, right or centre)?"
        if entry["ambience"] is not None:
            assert (ASSETS / "sounds" / f"{entry['ambience']}.ogg").is_file(), name


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_catalogued_backdrop_exists_and_loads(name, caplog):
    art = ArtLibrary(ASSETS)
    assert (ASSETS / "backdrops" / CATALOG[name]["file"]).is_file()
    with caplog.at_level(logging.WARNING, logger="game.art"):
        surf = art.backdrop(name, (640, 360))
    assert surf.get_size() == (640, 360)
    assert not caplog.records, caplog.text
    # a real picture, not a flat fill: many distinct colours in a row
    row = {tuple(surf.get_at((x, 180)))[:3] for x in range(0, 640, 8)}
    assert len(row) > 5


@pytest.mark.parametrize("name", PORTRAITS)
def test_every_portrait_loads(name, caplog):
    art = ArtLibrary(ASSETS)
    with caplog.at_level(logging.WARNING, logger="game.art"):
        surf = art.portrait(name, (256, 320))
    assert surf.get_size() == (256, 320)
    assert surf.get_flags() & pygame.SRCALPHA
    assert not caplog.records, caplog.text
    assert surf.get_at((2, 2)).a == 0  # transparent corner
    assert surf.get_at((128, 150)).a == 255  # the face


def test_names_are_listed(art):
    assert set(BACKDROPS) <= art.backdrop_names()
    assert set(PORTRAITS) <= art.portrait_names()


def test_cover_scaling_any_aspect_and_cache(art):
    for size in ((1280, 720), (800, 800), (400, 900), (1, 1)):
        assert art.backdrop("title", size).get_size() == size
    assert art.backdrop("title", (1280, 720)) is art.backdrop("title", (1280, 720))


def test_unknown_backdrop_gives_fallback_and_warns_once(art, caplog):
    with caplog.at_level(logging.WARNING, logger="game.art"):
        a = art.backdrop("no_such_place", (320, 200))
        b = art.backdrop("no_such_place", (640, 400))
    assert a.get_size() == (320, 200) and b.get_size() == (640, 400)
    warnings = [r for r in caplog.records if "no_such_place" in r.getMessage()]
    assert len(warnings) == 1


def test_unknown_portrait_gives_silhouette_and_warns(art, caplog):
    with caplog.at_level(logging.WARNING, logger="game.art"):
        surf = art.portrait("nobody", (100, 125))
    assert surf.get_size() == (100, 125)
    assert any("nobody" in r.getMessage() for r in caplog.records)


def test_none_and_hostile_names_never_raise(art):
    assert art.backdrop(None, (64, 36)).get_size() == (64, 36)
    assert art.portrait(None, (64, 80)).get_size() == (64, 80)
    for bad in ("../../etc/passwd", "a/../../b", "", " ", "x" * 500, 42):
        assert art.backdrop(bad, (32, 18)).get_size() == (32, 18)  # type: ignore[arg-type]
        assert art.portrait(bad, (32, 40)).get_size() == (32, 40)  # type: ignore[arg-type]
        assert art.motion(bad) is None  # type: ignore[arg-type]
        assert art.ambience(bad) is None  # type: ignore[arg-type]


def test_corrupt_png_gives_fallback(tmp_path, caplog):
    root = tmp_path / "assets"
    shutil.copytree(ASSETS / "backdrops", root / "backdrops")
    shutil.copytree(ASSETS / "portraits", root / "portraits")
    (root / "backdrops" / "title.png").write_bytes(b"\x89PNG\r\n\x1a\nthis is not a picture" * 10)
    (root / "portraits" / "grandma.png").write_bytes(b"garbage")
    art = ArtLibrary(root)
    with caplog.at_level(logging.WARNING, logger="game.art"):
        b = art.backdrop("title", (320, 180))
        p = art.portrait("grandma", (64, 80))
    assert b.get_size() == (320, 180) and p.get_size() == (64, 80)
    assert any("title" in r.getMessage() for r in caplog.records)
    assert any("grandma" in r.getMessage() for r in caplog.records)
    # the others still load
    assert art.backdrop("dormitory", (64, 36)).get_size() == (64, 36)


def test_missing_or_broken_catalogue_does_not_raise(tmp_path, caplog):
    root = tmp_path / "assets"
    (root / "backdrops").mkdir(parents=True)
    (root / "backdrops" / "catalog.yaml").write_text("backdrops: [unclosed\n", encoding="utf-8")
    art = ArtLibrary(root)
    with caplog.at_level(logging.WARNING, logger="game.art"):
        assert art.backdrop("title", (50, 30)).get_size() == (50, 30)
        assert art.motion("title") is None
        assert art.ambience("title") is None
    assert ArtLibrary(tmp_path / "nothing").backdrop_names() == set()


@pytest.mark.parametrize("name", sorted(n for n, e in CATALOG.items() if e.get("motion")))
def test_motion_updates_and_draws(art, name):
    m = art.motion(name)
    assert isinstance(m, motion_mod.Motion)
    assert m.name == CATALOG[name]["motion"]
    screen = pygame.Surface((640, 360))
    before = pygame.image.tobytes(screen, "RGB")
    changed = False
    for _ in range(40):
        changed |= m.update(1 / 30)
        m.draw(screen, screen.get_rect())
    assert changed
    assert pygame.image.tobytes(screen, "RGB") != before
    assert m.update(0) is False
    m.update(10.0)  # a long pause is clamped
    m.draw(screen, pygame.Rect(100, 50, 300, 200))  # a smaller rect, any aspect
    m.draw(screen, pygame.Rect(0, 0, 0, 0))


def test_every_effect_is_bounded():
    for cls in motion_mod.EFFECTS.values():
        m = cls(count=10_000)
        assert m.count <= m.max_count() <= 200


def test_motion_none_without_effect_or_under_reduced_motion():
    assert ArtLibrary(ASSETS).motion("title") is None
    assert ArtLibrary(ASSETS).motion("nowhere") is None
    calm = ArtLibrary(ASSETS, reduced_motion=True)
    for name in CATALOG:
        assert calm.motion(name) is None


def test_ambience_paths(art):
    assert art.ambience("train_window") == ASSETS / "sounds" / "train.ogg"
    assert art.ambience(None) is None
    for name, entry in CATALOG.items():
        path = art.ambience(name)
        assert (path is None) == (entry["ambience"] is None)


def test_ambience_with_failing_mixer_does_nothing(monkeypatch):
    def broken(*_a, **_k):
        raise pygame.error("no audio device")

    monkeypatch.setattr(pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(pygame.mixer, "init", broken)
    monkeypatch.setattr(pygame.mixer, "Sound", broken)
    amb = Ambience(ASSETS)
    amb.play(ASSETS / "sounds" / "train.ogg")
    amb.set_volume(0.3)
    amb.set_volume("loud")  # type: ignore[arg-type]
    amb.click()
    amb.play(None)
    amb.stop()
    assert amb.available is False


def test_ambience_plays_and_crossfades_with_dummy_audio():
    amb = Ambience(ASSETS, volume=0.5, fade_ms=10)
    if not amb.available:
        pytest.skip("no mixer even with the dummy driver")
    amb.play(ASSETS / "sounds" / "village.ogg")
    amb.play(ASSETS / "sounds" / "village.ogg")  # same loop: nothing to do
    amb.play(ASSETS / "sounds" / "train.ogg")
    amb.play(ASSETS / "sounds" / "missing.ogg")  # a bad file is skipped quietly
    amb.set_volume(2.0)
    assert amb.volume == 1.0
    amb.click()
    amb.stop()
    pygame.mixer.quit()


def test_modules_do_nothing_at_import():
    # in a fresh interpreter, so that this test cannot disturb other modules' imports
    import subprocess
    import sys

    code = (
        "import pygame, game.ui.motion, game.ui.art, game.ui.audio; "
        "assert not pygame.display.get_init(); assert not pygame.mixer.get_init(); print('ok')"
    )
    root = pathlib.Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "ok" in out.stdout
