"""Entering a class vote by keyboard, through the real vote screen on a projector-sized window at
the largest text: what the teacher types, and what the class then sees."""

from __future__ import annotations

import pygame
import pytest

from game.cli import LaunchOptions
from game.story import default_story_dir
from game.ui.app import build_app
from game.ui.autoplay import key
from game.ui.screens.play import PlayScreen
from game.ui.screens.vote import MAX_COUNT, VoteScreen
from tests.uikit import TextRecorder, begin_class, read_through, settle

SPACE = key(pygame.K_SPACE)


def digits(text: str) -> list[pygame.event.Event]:
    """The key presses that type `text` (digits and spaces)."""
    return [SPACE if ch == " " else key(pygame.K_0 + int(ch)) for ch in text]


@pytest.fixture
def vote(data_dir) -> VoteScreen:  # noqa: ANN001
    """The vote at the key decision "quit school" (four options), at 1024x768, largest text."""
    app = build_app(
        LaunchOptions(
            story_dir=default_story_dir(), window_size=(1024, 768), classroom=True, start="ny_parents_answer"
        )
    )
    assert app.settings.text_size == "largest"
    begin_class(app)
    read_through(app)
    settle(app, SPACE)  # the class has read: the cards
    while not isinstance(app.top, PlayScreen):
        settle(app, SPACE)
    settle(app, key(pygame.K_1))
    assert isinstance(app.top, VoteScreen) and len([c for c in app.top.choices if c.available]) == 4
    yield app.top
    pygame.quit()


def ids(vote: VoteScreen) -> list[str]:
    return [c.id for c in vote.choices if c.available]


def test_one_space_eight_space_two_space_four_gives_eight_and_four_then_enter_decides(
    vote: VoteScreen,
) -> None:
    app, first, second = vote.app, *ids(vote)[:2]
    settle(app, *digits("1 8 2 4"))
    assert vote.counts[first] == 8 and vote.counts[second] == 4  # never 824 for option 1
    shown = TextRecorder(app)
    settle(app, key(pygame.K_RETURN))  # ends the typing of "4"
    assert vote.phase == "vote" and vote.counts[second] == 4
    settle(app, key(pygame.K_RETURN))  # decides
    assert vote.phase == "result" and vote.winner.id == first
    assert shown.shows("The class decided") and shows_option(shown, vote, 1) and shown.shows("Taken")


def test_spaces_never_decide_the_vote(vote: VoteScreen) -> None:
    app, first, second = vote.app, *ids(vote)[:2]
    settle(app, *digits("1  8  2   4  "))  # doubled spaces, as hurried typing gives
    assert vote.phase == "vote" and vote.counts[first] == 8 and vote.counts[second] == 4
    settle(app, *digits("3"), key(pygame.K_RETURN))  # an option selected, nothing typed: Enter decides
    assert vote.phase == "result" and vote.winner.id == first


def shows_option(shown: TextRecorder, vote: VoteScreen, number: int) -> bool:
    """Whether the last frame drew option `number`'s text (its first wrapped line at least)."""
    text = vote.view(number).text
    return any(line and text.startswith(line.strip()) for line in shown.now if len(line.strip()) > 8)


def test_digits_typed_without_spaces_are_refused_past_a_class_size_with_a_message(
    vote: VoteScreen,
) -> None:
    app, first = vote.app, ids(vote)[0]
    shown = TextRecorder(app)
    settle(app, *digits("1824"))  # the spaces forgotten: not 824 votes for option 1
    assert vote.counts[first] <= MAX_COUNT and vote.counts[first] != 824
    assert vote.counts[first] == 0  # the slip is not kept as a count
    assert shown.ever("824 votes for one option") and shown.ever("1 8 2 4: 8 for 1, 4 for 2")
    settle(app, *digits("12 "))  # typing goes on where it was: a new count for option 1
    assert vote.counts[first] == 12


def test_plus_stops_at_a_class_size_with_a_message(vote: VoteScreen) -> None:
    app, first = vote.app, ids(vote)[0]
    vote.counts[first] = MAX_COUNT
    shown = TextRecorder(app)
    settle(app, key(pygame.K_PLUS))
    assert vote.counts[first] == MAX_COUNT
    assert shown.ever(f"at most {MAX_COUNT}")


def test_backspace_takes_back_the_last_digit_typed(vote: VoteScreen) -> None:
    app, first = vote.app, ids(vote)[0]
    settle(app, *digits("1 15"))
    shown = TextRecorder(app)
    settle(app, key(pygame.K_BACKSPACE))
    assert vote.counts[first] == 1 and shown.shows("1_")  # the digits being typed, on screen
    settle(app, key(pygame.K_BACKSPACE))
    assert vote.counts[first] == 0 and shown.shows("_")
    settle(app, *digits("7 "))
    assert vote.counts[first] == 7 and shown.shows("7")
    settle(app, key(pygame.K_BACKSPACE))  # not typing: Backspace changes no count
    assert vote.counts[first] == 7 and vote.phase == "vote"


def test_enter_on_any_tabbed_button_of_the_counts_never_presses_it(vote: VoteScreen) -> None:
    app = vote.app
    settle(app, *digits("1 9 2 3 3 5 4 2 "))
    counts = dict(vote.counts)
    steppers = len(vote.board.stepper_buttons)
    assert steppers == 8
    for stop in range(1, steppers + 1):  # Enter after 1, 2, ... Tabs: each lands on a − or a +
        settle(app, key(pygame.K_ESCAPE)) if vote.phase != "vote" else None
        vote.focus.index = None
        settle(app, *[key(pygame.K_TAB)] * stop)
        assert vote.focus.focused in vote.board.stepper_buttons
        settle(app, key(pygame.K_RETURN))
        assert vote.counts == counts, f"Enter after {stop} Tabs changed a count"
        assert vote.phase == "result" and vote.winner.number == 1
        settle(app, key(pygame.K_ESCAPE))  # back to the counts


def test_after_a_long_vote_the_result_shows_the_winning_option(vote: VoteScreen) -> None:
    app = vote.app
    # A long vote: counts typed, changed, taken back, the last option winning by one.
    settle(app, *digits("1 12 2 7 3 9 4 11 "))
    settle(app, *digits("3"), *[key(pygame.K_UP)] * 4, key(pygame.K_DOWN))  # option 3: 12
    settle(app, *digits("4"), key(pygame.K_UP), key(pygame.K_UP))  # option 4: 13
    settle(app, *digits("1"), key(pygame.K_PAGEUP))  # the view back at the top
    assert [vote.counts[i] for i in ids(vote)] == [12, 7, 12, 13]
    shown = TextRecorder(app)
    settle(app, key(pygame.K_RETURN))
    assert vote.phase == "result" and vote.winner.number == 4
    assert shown.shows("The class decided") and shown.shows("Taken")
    assert shows_option(shown, vote, 4), shown.now
    rect = next(r for v, r, _ in vote.board.rows if v.number == 4)
    assert vote.board.rows_view.contains(rect)
    settle(app, key(pygame.K_RETURN))  # the class's choice is taken
    assert app.session.state.log[-1] == vote.winner.id
