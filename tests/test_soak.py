"""Under load: the engine through thousands of random steps, the real screens through random events.

bench/engine_stress.py runs the engine part with 100,000 steps; set SOAK_EVENTS to soak the
screens longer than the default (e.g. SOAK_EVENTS=100000 pytest tests/test_soak.py).
"""

from __future__ import annotations

import io
import os
import random
from collections import Counter
from pathlib import Path

import pytest

from bench.engine_stress import stress
from game.story import load_story, load_story_with_diagnostics

ROOT = Path(__file__).resolve().parents[1]


def _story_dir() -> Path:
    story, _ = load_story_with_diagnostics(ROOT / "story")
    return ROOT / "story" if story is not None else ROOT / "docs" / "example"


# ----------------------------------------------------------------------------- the engine


@pytest.mark.parametrize("where", ["shipped", "example"])
def test_the_engine_stays_consistent_through_5000_random_steps(tmp_path: Path, where: str) -> None:
    story_dir = _story_dir() if where == "shipped" else ROOT / "docs" / "example"
    story = load_story(story_dir)
    # stress() raises Inconsistent on the first broken promise: stats out of bounds, an undo that
    # does not restore, a load that differs from the save, a log that does not replay to the state.
    steps = 5_000 if where == "shipped" else 2_000
    report = stress(story, steps=steps, seed=11, save_dir=tmp_path / "saves", replay_every=20)
    assert report.ops["choose"] > steps // 4 and report.ops["undo"] > steps // 20
    assert report.ops["save"] > steps // 50 and report.ops["load"] > steps // 50
    assert report.endings > 0


# ----------------------------------------------------------------------------- the screens

pygame = pytest.importorskip("pygame")

KEYS = [
    pygame.K_1,
    pygame.K_2,
    pygame.K_3,
    pygame.K_4,
    pygame.K_9,
    pygame.K_KP1,
    pygame.K_SPACE,
    pygame.K_RETURN,
    pygame.K_KP_ENTER,
    pygame.K_ESCAPE,
    pygame.K_BACKSPACE,
    pygame.K_z,
    pygame.K_UP,
    pygame.K_DOWN,
    pygame.K_LEFT,
    pygame.K_RIGHT,
    pygame.K_TAB,
    pygame.K_PAGEUP,
    pygame.K_PAGEDOWN,
    pygame.K_HOME,
    pygame.K_END,
    pygame.K_h,
    pygame.K_f,
    pygame.K_s,
    pygame.K_l,
    pygame.K_q,
    pygame.K_a,
    pygame.K_DELETE,
    pygame.K_F1,
]


def _random_event(rng: random.Random, size: tuple[int, int]) -> pygame.event.Event:
    kind = rng.random()
    width, height = size
    if kind < 0.40:
        mod = rng.choice([0, 0, 0, pygame.KMOD_CTRL, pygame.KMOD_SHIFT, pygame.KMOD_ALT])
        return pygame.event.Event(pygame.KEYDOWN, key=rng.choice(KEYS), mod=mod, unicode="", scancode=0)
    if kind < 0.45:
        return pygame.event.Event(pygame.KEYUP, key=rng.choice(KEYS), mod=0, unicode="", scancode=0)
    if kind < 0.70:
        pos = (rng.randrange(-20, width + 20), rng.randrange(-20, height + 20))
        return pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=rng.choice([1, 1, 1, 2, 3, 4, 5]))
    if kind < 0.75:
        pos = (rng.randrange(width), rng.randrange(height))
        return pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=1)
    if kind < 0.83:
        pos = (rng.randrange(width), rng.randrange(height))
        return pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))
    if kind < 0.91:
        return pygame.event.Event(
            pygame.MOUSEWHEEL, x=0, y=rng.choice([-5, -1, 1, 3]), flipped=False, precise_x=0.0, precise_y=0.0
        )
    if kind < 0.95:
        return pygame.event.Event(
            pygame.VIDEORESIZE, size=(rng.randrange(320, 1600), rng.randrange(240, 1000))
        )
    return pygame.event.Event(
        rng.choice(
            [pygame.WINDOWFOCUSLOST, pygame.WINDOWFOCUSGAINED, pygame.WINDOWEXPOSED, pygame.WINDOWLEAVE]
        )
    )


def test_the_real_screens_survive_tens_of_thousands_of_random_events(data_dir: Path) -> None:
    from game.cli import LaunchOptions
    from game.ui.app import build_app
    from game.ui.screens.title import TitleScreen

    events = int(os.environ.get("SOAK_EVENTS", "10000"))
    rng = random.Random(3)
    app = build_app(LaunchOptions(story_dir=_story_dir(), window_size=(640, 360)))
    seen: Counter = Counter()
    quits = 0
    sent = 0
    try:
        while sent < events:
            batch = [_random_event(rng, app.surface.get_size()) for _ in range(rng.randint(1, 10))]
            if rng.random() < 0.01:  # now and then a real resize of the window
                size = (rng.randrange(320, 1400), rng.randrange(240, 900))
                pygame.display.set_mode(size, pygame.RESIZABLE)
                batch.append(pygame.event.Event(pygame.VIDEORESIZE, size=size))
            sent += len(batch)
            app.frame(batch, rng.choice([0.0, 0.016, 0.05, 0.3]))
            seen[type(app.top).__name__] += 1
            if not app.running:  # a menu's Quit: note it, and carry on from the title
                quits += 1
                app.running = True
                app.reset(TitleScreen(app))
        # Still responsive: a fresh start reaches the play screen and takes a choice.
        app.new_game()
        assert app.session is not None
        before = len(app.session.state.log)
        available = [c for c in app.session.choices() if c.available]
        if available:
            assert app.take_choice(available[0].id) is not None
            assert len(app.session.state.log) == before + 1
        assert app.frame([pygame.event.Event(pygame.WINDOWEXPOSED)], 0.016)
    finally:
        app.quit()
        pygame.quit()
    assert len(seen) >= 4, seen  # the random events reached several screens
    print(f"soak: {sent} events, screens on top: {dict(seen)}, quits: {quits}")


# ----------------------------------------------------------------------------- many games, one process


def test_many_games_in_one_window_save_pictures_without_pygame_image_save(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """pygame.image.save into a BytesIO leaks what it allocates on pygame-ce; thumbnails must not
    use it (bench/ui_soak.py measures the memory over 100 games)."""
    from bench.ui_soak import soak

    def leaks(*args: object, **kwargs: object) -> None:
        raise AssertionError("a thumbnail went through pygame.image.save")

    monkeypatch.setattr(pygame.image, "save", leaks)
    pictures: list[bytes] = []

    def look(game: int, app) -> None:  # noqa: ANN001
        pictures.append(app.store.slots()[0].thumbnail.read_bytes())

    assert soak(ROOT / "docs" / "example", 5, look) == 0
    assert len(pictures) == 5
    picture = pygame.image.load(io.BytesIO(pictures[-1]))
    assert picture.get_size() == (256, 144)
