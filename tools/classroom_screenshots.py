"""Screenshots of every classroom screen, as a class sees them on a projector:
`python -m tools.classroom_screenshots [OUT_DIR] [--size WxH ...] [--text-size SIZE]`.

Plays the 45-minute lesson through the real screens (SDL's dummy driver, the classroom's own
settings: the largest text unless asked otherwise), voting 14 to 9 at each key decision, and
saves the first sight of each screen: the lesson menu, a page of text waiting for the teacher, a
key decision, the vote and its result, the real family's panel, the bridge, a fact card, a
discussion prompt and the closing screen. Default: 1920x1080 and 1024x768 into a temporary folder
(the docs' pictures are the 1280x720 ones: `--size 1280x720 docs/screenshots`).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LESSON = "three_choices_45"


def shoot(size: tuple[int, int], text_size: str, out: Path) -> list[Path]:
    """Plays the lesson at `size` and saves each classroom screen's first sight; returns the files."""
    import pygame

    from game.cli import LaunchOptions
    from game.story import default_story_dir
    from game.ui.app import App, build_app
    from game.ui.autoplay import key
    from game.ui.screens import cards, consequence, ending, lesson, play, vote

    saved: list[Path] = []
    prefix = f"classroom-{size[0]}x{size[1]}-{text_size}"

    def save(app: App, name: str) -> None:
        path = out / f"{prefix}-{name}.png"
        if path in saved:
            return
        app.dirty = True
        app.frame([], 0.016)
        pygame.image.save(app.surface, str(path))
        saved.append(path)

    def settle(app: App, *events: pygame.event.Event) -> None:
        app.frame(list(events), 0.016)
        for _ in range(200):
            if not app.busy:
                break
            app.frame([], 0.05)

    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=size, classroom=True))
    app.change_settings(replace(app.settings, text_size=text_size, reduced_motion=True))
    settle(app)
    save(app, "setup")
    settle(app, key(pygame.K_RETURN))  # Start a lesson…
    save(app, "lessons")
    menu = app.top
    target = next(b for b in menu.focus.buttons if getattr(b, "scene", None) == LESSON)
    target.action()
    settle(app)
    for _ in range(500):
        top = app.top
        if isinstance(top, lesson.ClosingScreen):
            save(app, "closing")
            break
        if isinstance(top, play.PlayScreen):
            scene = top.scene
            if top.revealing:
                save(app, "page")
                settle(app, key(pygame.K_SPACE))
                continue
            if top.cards_waiting:
                save(app, "cards-waiting")
                settle(app, key(pygame.K_SPACE))
                continue
            if app.classroom is not None and app.classroom.is_key(top.session):
                save(app, "key-decision")
            settle(app, key(pygame.K_1))
            del scene
        elif isinstance(top, vote.VoteScreen):
            views = [v for v in top.choices if v.available]
            first, other = views[0].number, views[1].number
            space = key(pygame.K_SPACE)
            settle(app, key(pygame.K_0 + first), space, key(pygame.K_1), key(pygame.K_4), space)
            settle(app, key(pygame.K_0 + other), space, key(pygame.K_9), space)
            save(app, "vote")
            settle(app, key(pygame.K_RETURN))
            save(app, "vote-result")
            settle(app, key(pygame.K_RETURN))
        else:
            names = {
                lesson.FilmNoteScreen: "real-family",
                lesson.LessonBridgeScreen: "bridge",
                cards.FactCardScreen: "fact",
                cards.DiscussionScreen: "discussion",
                cards.NoteCardScreen: "note",
                consequence.ConsequenceScreen: "consequence",
                ending.EndingScreen: "ending",
            }
            name = next((n for kind, n in names.items() if isinstance(top, kind)), None)
            if name is not None:
                save(app, name)
            settle(app, key(pygame.K_SPACE) if name else key(pygame.K_ESCAPE))
    pygame.quit()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "out", nargs="?", type=Path, help="where the PNGs go (default: a new temporary folder)"
    )
    parser.add_argument("--size", action="append", help="window size WxH (repeatable)")
    parser.add_argument("--text-size", default="largest")
    args = parser.parse_args(argv)
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ["LAST_TRAIN_HOME_DATA"] = tempfile.mkdtemp(prefix="lth-class-shots-")
    sys.path.insert(0, str(ROOT))
    out = args.out or Path(tempfile.mkdtemp(prefix="lth-classroom-"))
    out.mkdir(parents=True, exist_ok=True)
    sizes = args.size or ["1920x1080", "1024x768"]
    for text in sizes:
        width, height = (int(x) for x in text.lower().split("x"))
        for path in shoot((width, height), args.text_size, out):
            print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
