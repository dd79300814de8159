"""The player's whole journey through the real screens: every ending reached by keys and clicks,
its last scene read, the ending shown, and Continue bringing it back.

Each playthrough follows a path the engine's random player found to that ending, so a new
ending or a changed scene is covered without editing this file.
"""

from __future__ import annotations

import itertools
from dataclasses import replace
from pathlib import Path

import pygame
import pytest

from game.cli import LaunchOptions
from game.engine import AUTOSAVE, Session
from game.engine.explore import random_playthrough
from game.settings import TEXT_SIZES
from game.story import default_story_dir, load_story
from game.ui.app import App, build_app
from game.ui.autoplay import key
from game.ui.screens.chapter import ChapterCardScreen
from game.ui.screens.consequence import ConsequenceScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.lesson import FilmNoteScreen
from game.ui.screens.menu import PauseMenu
from game.ui.screens.play import PlayScreen
from game.ui.screens.title import ContentNoteScreen, TitleScreen
from tests.uikit import TextRecorder, begin_class, button, click, settle

STORY = load_story(default_story_dir())
ENDINGS = [ending.id for ending in STORY.endings]


@pytest.fixture(scope="module")
def paths() -> dict[str, tuple[str, ...]]:
    """A path of choice ids from the start to each ending, found by random playthroughs."""
    found: dict[str, tuple[str, ...]] = {}
    for seed in range(3000):
        playthrough, _ = random_playthrough(STORY, seed, describe=False)
        if playthrough.ending and playthrough.ending not in found:
            found[playthrough.ending] = playthrough.path
        if len(found) == len(ENDINGS):
            break
    return found


def quick(app: App) -> None:
    """No animation but the typing: the journey's steps, not its pace, are under test."""
    app.change_settings(replace(app.settings, text_speed="fast", reduced_motion=True))


def type_out(app: App) -> None:
    """Lets the scene's text type to its end as the frames would (without drawing each one),
    past the real family's panel after a key decision and a chapter's title card (Space passes
    each)."""
    for _ in range(4):
        if not isinstance(app.top, (ChapterCardScreen, FilmNoteScreen)):
            break
        app.frame([key(pygame.K_SPACE)], 0.016)
    play = app.top
    while isinstance(play, PlayScreen) and play.revealing:
        play.update(0.05)
    app.dirty = True
    app.frame([], 0.016)  # one frame, drawn: what the player now sees


def last_prose_line(play: PlayScreen) -> str:
    """The last line of the scene's own text (not a "stuck" note under it)."""
    prose = play.ui.face("prose", play.ui.metrics.prose)
    return [line.text for line in play.reading.block.lines if line.face is prose][-1]


def assert_scene_readable(app: App, shown: TextRecorder) -> None:
    """The invariant of the play screen: a scene's text, and a way forward, are on screen."""
    play = app.top
    assert isinstance(play, PlayScreen) and not play.revealing
    assert play.reading.texts, f"{play.scene.id}: a scene without text"
    assert shown.shows(last_prose_line(play)), f"{play.scene.id}: its last line is not in view"
    ways = [
        b
        for b in play.plan.choice_buttons
        if b.enabled and 0 <= b.rect.top and b.rect.bottom <= app.ui.metrics.height
    ]
    assert ways, f"{play.scene.id}: no way forward on screen"
    assert any(line in shown.now for line in ways[0]._lines), f"{play.scene.id}: its choice is not drawn"


def play_path(app: App, shown: TextRecorder, path: tuple[str, ...]) -> None:
    """Takes each choice of `path` by its number key (every third by a click), reading each scene."""
    for step, choice_id in enumerate(path):
        type_out(app)
        assert_scene_readable(app, shown)
        play = app.top
        view = next(v for v in play.choices if v.id == choice_id)
        if step % 3 == 2:
            click(app, play.plan.choice_buttons[view.number - 1].rect)
        else:
            settle(app, key(pygame.K_0 + view.number))
        if isinstance(app.top, ConsequenceScreen):
            app.frame([key(pygame.K_SPACE)], 0.016)  # the next scene types: see type_out


LAST_CHOICES = 6  # played through the screens; the engine plays the rest and saves


def start_from_a_save(app: App, path: tuple[str, ...]) -> None:
    """Plays `path` in the engine, saves it as the autosave, and continues it from the title."""
    session = Session(STORY)
    for choice_id in path:
        session.choose(choice_id)
    app.store.save(AUTOSAVE, session)
    app.reset(TitleScreen(app))
    assert app.top.focus.focused.label == "Continue"
    app.frame([key(pygame.K_RETURN)], 0.016)
    assert app.notice is not None and "autosave" in app.notice[0].lower()
    app.notice = None  # read: the frames below need not wait for it to fade


def assert_ending_then_continue_reopens_it(
    app: App, shown: TextRecorder, ending_id: str, path: tuple[str, ...]
) -> None:
    """From the last scene of `path`: its text and fact card, then the ending; one key press does
    not leave it; Continue from the title brings it back, with Undo and the flowchart."""
    type_out(app)
    play = app.top
    assert isinstance(play, PlayScreen) and play.scene.end
    assert_scene_readable(app, shown)
    fact = STORY.facts[play.scene.fact] if play.scene.fact else None
    if fact is not None:
        note = [line.text for line in play.plan.note.lines]  # beside the text, or its title on a button
        note += [play.plan.note_button.label] if play.plan.note_button is not None else []
        assert any(fact.title.split()[0].upper() in line.upper() for line in note), "its fact card"
        assert all(line in shown.now for line in note)
    settle(app, key(pygame.K_RETURN))
    ending = app.top
    assert isinstance(ending, EndingScreen) and app.ending_reached == ending_id
    title = next(e.title for e in STORY.endings if e.id == ending_id)
    assert any(title in line for line in shown.now)
    for code in (pygame.K_RETURN, pygame.K_SPACE, pygame.K_KP_ENTER):
        settle(app, key(code))
        assert app.top is ending

    click(app, button(app, "Back to the title").rect)
    title_screen = app.top
    assert isinstance(title_screen, TitleScreen)
    assert title_screen.focus.focused.label == "New game"  # the story is over: a new one first
    click(app, button(app, "Continue").rect)
    again = app.top
    assert isinstance(again, EndingScreen) and again.ending.id == ending_id
    assert button(app, "Undo").enabled and button(app, "Flowchart").enabled
    click(app, button(app, "Undo").rect)
    type_out(app)
    assert_scene_readable(app, shown)
    assert app.top.scene.id == path[-1].split(".")[0]  # back at the last choice


def test_a_whole_game_from_new_game_to_its_ending_by_keys_and_clicks(
    paths: dict[str, tuple[str, ...]], data_dir: Path
) -> None:
    ending_id = min(paths, key=lambda e: len(paths[e]))  # the shortest whole road
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    quick(app)
    shown = TextRecorder(app)
    assert isinstance(app.top, TitleScreen)
    settle(app, key(pygame.K_RETURN))  # New game (no save yet)
    assert isinstance(app.top, ContentNoteScreen)
    settle(app, key(pygame.K_RETURN))  # Begin
    play_path(app, shown, paths[ending_id])
    assert_ending_then_continue_reopens_it(app, shown, ending_id, paths[ending_id])
    pygame.quit()


@pytest.mark.parametrize("ending_id", ENDINGS)
def test_every_ending_shows_its_last_scene_then_the_ending_and_continue_reopens_it(
    ending_id: str, paths: dict[str, tuple[str, ...]], data_dir: Path
) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    quick(app)
    shown = TextRecorder(app)
    path = paths[ending_id]
    start_from_a_save(app, path[:-LAST_CHOICES])
    play_path(app, shown, path[-LAST_CHOICES:])
    assert_ending_then_continue_reopens_it(app, shown, ending_id, path)
    pygame.quit()


def open_scene(app: App, scene_id: str) -> PlayScreen:
    """Starts a playthrough at `scene_id` and shows it, its text typing."""
    app.session = Session(STORY, start=scene_id)
    app.reset(PlayScreen(app))
    return app.top


@pytest.mark.parametrize("window", [(800, 600), (1280, 720), (1920, 1080)])
@pytest.mark.parametrize("size", TEXT_SIZES)
def test_every_scene_shows_its_last_line_when_its_choices_appear(
    size: str, window: tuple[int, int], data_dir: Path
) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=window))
    app.change_settings(replace(app.settings, text_size=size, text_speed="fast", reduced_motion=True))
    shown = TextRecorder(app)
    for scene_id in STORY.scenes:
        open_scene(app, scene_id)
        type_out(app)
        assert_scene_readable(app, shown)
        play = app.top
        for b in play.plan.choice_buttons:  # each choice is whole on screen, or off it (never cut)
            assert b.rect.bottom <= 0 or play.plan.panel.contains(b.rect), scene_id
    pygame.quit()


def prose_lines_drawn(play: PlayScreen, shown: TextRecorder) -> int:
    """How many lines of the scene's own text the last frame drew."""
    prose = play.ui.face("prose", play.ui.metrics.prose)
    return sum(line.text in shown.now for line in play.reading.block.lines if line.face is prose)


def test_largest_text_at_1280x720_gives_the_text_room(data_dir: Path) -> None:
    """The picture gives way to the text: at the largest size in a 1280x720 window the text has
    room for nine lines as it types (eight beside a fact's chip; three or four before this
    layout), and when the choices
    appear, following the text's end in its scroll, its last lines stay with them: four at
    least, six or more in most scenes (two to four before)."""
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    app.change_settings(replace(app.settings, text_size="largest", text_speed="fast", reduced_motion=True))
    shown = TextRecorder(app)
    prose = app.ui.face("prose", app.ui.metrics.prose)
    at_choice: list[int] = []
    for scene_id in STORY.scenes:
        play = open_scene(app, scene_id)
        lines = [line for line in play.reading.block.lines if line.face is prose]
        if len(lines) < 10 or not play.session.choices():
            continue
        while play.reading.revealed < lines[9].start:  # typing its tenth line
            play.update(0.05)
        app.dirty = True
        app.frame([], 0.016)
        box, offset = play.plan.text_box, play.reading.scroll.offset
        step = min(b.y - a.y for a, b in itertools.pairwise(lines))  # within a paragraph
        rows = 9 if play.plan.note_button is None else 8  # a fact's chip takes a row above the text
        assert box.height >= rows * step, f"{scene_id}: room for {rows} lines"
        in_view = [
            line for line in lines if box.top <= box.top + line.y - offset <= box.bottom - prose.height
        ]
        typed = [line for line in in_view if line.start < play.reading.revealed]
        assert prose_lines_drawn(play, shown) >= len(typed) - 1  # drawn whole, but the one typing
        type_out(app)
        assert_scene_readable(app, shown)
        at_choice.append(prose_lines_drawn(play, shown))
    assert at_choice and min(at_choice) >= 4
    assert sorted(at_choice)[len(at_choice) // 2] >= 6  # most scenes: six lines or more
    pygame.quit()


def test_space_and_enter_never_take_a_choice(data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720)))
    app.change_settings(replace(app.settings, text_speed="fast", reduced_motion=True))
    for scene_id in STORY.scenes:
        play = open_scene(app, scene_id)
        app.frame([key(pygame.K_SPACE)], 0.016)  # shows the whole text
        assert not play.revealing
        if len(play.choices) == 1 and play.choices[0].is_continue:
            app.frame([key(pygame.K_RETURN)], 0.016)  # Continue is the one way on: Enter takes it
            assert app.session.state.log or app.session.is_over, scene_id
            continue
        app.frame([key(pygame.K_SPACE), key(pygame.K_RETURN), key(pygame.K_KP_ENTER)], 0.016)
        assert app.top is play and app.session.state.log == [], scene_id
    # After the arrow keys move the focus onto a choice, Enter takes it.
    play = open_scene(app, "huilong_dawn")
    settle(app, key(pygame.K_SPACE), key(pygame.K_DOWN), key(pygame.K_DOWN))
    assert play.focus.focused is play.plan.choice_buttons[1]
    second = play.choices[1].id
    settle(app, key(pygame.K_RETURN))
    assert app.session.state.log == [second]
    pygame.quit()


def test_the_classroom_has_its_own_settings_and_leaves_the_players_alone(
    example_story: Path, data_dir: Path
) -> None:
    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    app.change_settings(replace(app.settings, text_size="small"))  # the player's own choice
    solo = (data_dir / "settings.json").read_text()
    click(app, button(app, "Classroom").rect)
    assert app.settings.text_size == "largest"  # for the projector
    app.change_settings(replace(app.settings, text_size="large"))  # the teacher's choice
    settle(app, key(pygame.K_ESCAPE))  # back to the title without starting a class
    assert isinstance(app.top, TitleScreen) and app.settings.text_size == "small"
    assert (data_dir / "settings.json").read_text() == solo
    click(app, button(app, "Classroom").rect)
    assert app.settings.text_size == "large"  # the class's own profile remembered it
    begin_class(app)
    while not isinstance(app.top, PauseMenu):  # past the cards the class sees first
        settle(app, key(pygame.K_ESCAPE))
    click(app, button(app, "Title screen").rect)
    click(app, button(app, "Yes").rect)
    title = app.top
    assert isinstance(title, TitleScreen) and app.classroom is not None
    assert app.settings.text_size == "large"  # the class is still open
    shown = TextRecorder(app)
    settle(app, pygame.event.Event(pygame.WINDOWEXPOSED))
    assert app.story.title in shown.now  # the game's name stays above the longer menu
    title.new_game()
    settle(app, key(pygame.K_RETURN))  # Begin: a game of the player's own
    assert app.classroom is None and app.settings.text_size == "small"
    assert (data_dir / "settings.json").read_text() == solo
    pygame.quit()


def test_f1_and_question_mark_show_every_key(example_story: Path, data_dir: Path) -> None:
    from game.ui.screens.keys import KEYS, KeysScreen

    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    app.new_game()
    play = app.top
    shown = TextRecorder(app)
    for opener in (
        key(pygame.K_F1),
        pygame.event.Event(
            pygame.KEYDOWN, key=pygame.K_SLASH, mod=pygame.KMOD_SHIFT, unicode="?", scancode=0
        ),
    ):
        settle(app, opener)
        assert isinstance(app.top, KeysScreen)
        for _, rows in KEYS[:1]:
            assert all(keys in shown.now for keys, _ in rows[:8])  # the first rows, without scrolling
        settle(app, key(pygame.K_ESCAPE))
        assert app.top is play
    pygame.quit()


def test_the_keys_page_and_the_play_screen_name_the_same_keys(example_story: Path, data_dir: Path) -> None:
    """The keys page lists every key the play screen answers to (its SHORTCUTS table), no letter
    it does not, and each letter listed does something; W does in the flowchart."""
    from game.ui.playcontrols import SHORTCUTS
    from game.ui.screens.flowchart import FlowchartScreen
    from game.ui.screens.keys import KEYS, KeysScreen

    special = {pygame.K_ESCAPE: "Esc", pygame.K_BACKSPACE: "Backspace"}
    names = {code: special.get(code) or chr(code).upper() for code in SHORTCUTS}
    sections = dict(KEYS)
    listed = {name.strip() for keys, _ in sections["keys_reading"] for name in keys.split(",")}
    assert set(names.values()) <= listed, "a key the play screen answers to is not on the keys page"
    letters = {name for name in listed if len(name) == 1 and name.isalpha()}
    assert letters <= set(names.values()), "the keys page lists a letter the play screen ignores"
    assert "W" in {keys for keys, _ in sections["keys_in_flowchart"]}

    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    app.new_game()
    play = app.top
    settle(app, key(pygame.K_SPACE))
    for code, name in names.items():  # each does something a player sees
        before = (app.top, app.advance, app.notice)
        app.frame([key(code)], 0.016)
        assert (app.top, app.advance, app.notice) != before, f"{name} did nothing"
        while app.top is not play:
            settle(app, key(pygame.K_ESCAPE))
        app.advance, app.notice = "", None
    settle(app, key(pygame.K_g), key(pygame.K_w))
    assert isinstance(app.top, FlowchartScreen) and app.top.whole
    shown = TextRecorder(app)
    settle(app, key(pygame.K_ESCAPE), key(pygame.K_F1))
    page = app.top
    assert isinstance(page, KeysScreen)
    for _ in range(12):  # read down the page
        settle(app, key(pygame.K_PAGEDOWN))
    for _, rows in KEYS:
        for keys, _ in rows:
            assert shown.ever(keys), f"{keys} is not drawn on the keys page"
    pygame.quit()


@pytest.mark.parametrize("size", [(1280, 720), (800, 600)])
def test_a_notice_never_covers_a_button(size: tuple[int, int], data_dir: Path) -> None:
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=size, start="huilong_dawn"))
    play = app.top
    settle(app, key(pygame.K_SPACE))
    app.notify("A notice long enough to reach across the middle of the window, where the choices are")
    for screen in (play, None):
        if screen is None:
            settle(app, key(pygame.K_ESCAPE))  # the menu's buttons too
        box = app._notice_place(pygame.Rect(0, 0, min(size[0] - 80, 900), 60))
        assert all(not box.colliderect(b.rect) for b in app.top.focus.buttons if b.rect.bottom > 0)
    pygame.quit()


def test_a_click_beside_the_family_panel_closes_it(example_story: Path, data_dir: Path) -> None:
    from game.ui.screens.family import FamilyScreen

    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    app.new_game()
    play = app.top
    settle(app, key(pygame.K_SPACE), key(pygame.K_f))
    assert isinstance(app.top, FamilyScreen)
    click(app, pygame.Rect(app.top.panel.x - 60, 300, 10, 10))
    assert app.top is play and app.session.state.log == []  # closed, and no choice taken
    pygame.quit()


def test_in_the_two_column_menu_down_stays_in_its_column(data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(960, 540), start="huilong_dawn")
    )
    app.change_settings(replace(app.settings, text_size="largest"))
    settle(app, key(pygame.K_ESCAPE))
    menu = app.top
    assert isinstance(menu, PauseMenu) and menu.column_break < len(menu.focus.buttons)
    left = {id(b) for b in menu.focus.buttons[: menu.column_break]}
    for _ in range(len(menu.focus.buttons)):
        settle(app, key(pygame.K_DOWN))
        assert id(menu.focus.focused) in left
    settle(app, key(pygame.K_RIGHT))
    assert id(menu.focus.focused) not in left
    pygame.quit()


def test_settings_never_wrap_the_text_size_from_largest_to_small(example_story: Path, data_dir: Path) -> None:
    from game.ui.screens.settings import SettingsScreen

    app = build_app(LaunchOptions(story_dir=example_story, window_size=(1280, 720)))
    app.push(SettingsScreen(app))
    settle(app, key(pygame.K_DOWN))  # onto the text size
    for _ in range(5):
        settle(app, key(pygame.K_RIGHT))
    assert app.settings.text_size == "largest"
    for _ in range(5):
        settle(app, key(pygame.K_LEFT))
    assert app.settings.text_size == "small"
    pygame.quit()


def test_more_below_on_a_consequence_card_scrolls_it_and_does_not_pass_it(data_dir: Path) -> None:
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), start="after_spring")
    )
    app.change_settings(replace(app.settings, text_size="largest", reduced_motion=True))
    settle(app, key(pygame.K_SPACE), key(pygame.K_1))
    card = app.top
    assert isinstance(card, ConsequenceScreen) and card.scroll.cue is not None  # more than fits
    click(app, card.scroll.cue)
    assert app.top is card and card.scroll.offset > 0
    pygame.quit()


def test_the_close_event_ends_the_game_without_another_frame(data_dir: Path) -> None:
    """Quitting is not held up by a last frame (the window then closes before the sound device:
    bench/ui_quit.py measures it)."""
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), start="huilong_dawn")
    )
    app.frame([], 0.016)
    assert app.top.revealing  # typing: every frame would draw
    drawn = TextRecorder(app)
    assert not app.frame([pygame.event.Event(pygame.QUIT)], 0.016)
    assert not app.running and drawn.frames == [[]]
    pygame.quit()


@pytest.mark.parametrize("start", ["huilong_dawn", "ny_train"])
def test_a_notice_goes_beside_the_text_on_a_wide_window(start: str, data_dir: Path) -> None:
    """At 1920x1080 a short notice ("Saved") is drawn in the room beside the text's panel, on
    whichever side of the window the panel leaves free, not over the words being read."""
    app = build_app(LaunchOptions(story_dir=default_story_dir(), window_size=(1920, 1080), start=start))
    play = app.top
    settle(app, key(pygame.K_SPACE))
    drawn: list[tuple[str, tuple[int, int]]] = []
    real_text = app.ui.text

    def text(surface, line, face, colour, pos, box=None, clip_width=None):  # noqa: ANN001, ANN202
        drawn.append((line, (int(pos[0]), int(pos[1]))))
        return real_text(surface, line, face, colour, pos, box, clip_width)

    app.ui.text = text
    app.notify("Saved")
    settle(app)
    spots = [pos for line, pos in drawn if line == "Saved"]
    assert spots, "the notice was not drawn"
    x, _ = spots[-1]
    panel = play.plan.panel
    assert not panel.left <= x <= panel.right, f"the notice at x={x} is over the text panel {panel}"
    pygame.quit()


def test_the_rendered_text_kept_follows_the_window(data_dir: Path) -> None:
    """The rendered text the window keeps is about two windows' worth of pixels: a game played
    at 1280x720 keeps no more than that, and a window made smaller keeps less at once."""
    app = build_app(
        LaunchOptions(story_dir=default_story_dir(), window_size=(1280, 720), start="huilong_dawn")
    )
    cache = app.fonts.cache
    for _ in range(6):  # several scenes read to their end
        settle(app, key(pygame.K_SPACE))
        settle(app, key(pygame.K_1))
    assert 0 < cache.bytes <= 2 * 1280 * 720 * 4
    pygame.display.set_mode((800, 600), pygame.RESIZABLE)  # what the window manager does
    settle(app, pygame.event.Event(pygame.VIDEORESIZE, size=(800, 600), w=800, h=600))
    assert cache.bytes <= 2 * 800 * 600 * 4
    pygame.quit()
