"""Playthroughs written as test plans: choices in, text, state and ending out."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from game.engine import ChoiceError, GameState, Session, SetError
from game.story import load_story
from tests.storykit import BASE, write_story

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "example"


@pytest.fixture()
def story(tmp_path: Path):
    return load_story(write_story(tmp_path, BASE), check_assets=False)


def test_the_documented_example_plays_to_both_endings() -> None:
    story = load_story(EXAMPLE)
    session = Session(story)
    assert (
        session.paragraphs()[0] == "The phone card in your pocket has 100 yuan of your savings riding on it."
    )
    assert [(c.number, c.text, c.available, c.locked_reason) for c in session.choices()] == [
        (1, "Walk to the booth and call Qin", True, None),
        (2, "Sleep; the shift starts at seven", True, None),
        (3, "Call every night this week", False, "Needs 500 yuan"),
    ]
    outcome = session.choose("dorm.call")
    assert outcome.says == "Qin hears your voice for the first time since New Year."
    assert [c.words for c in outcome.changes if c.kind != "flag"] == [
        "Qin feels closer (closeness +1)",
        "Savings shrink: −20 yuan (now 80 yuan)",
    ]
    assert session.paragraphs() == [
        "The line crackles. Qin says she is fine.",
        "She tells you about school without being asked.",
    ]
    [only] = session.choices()
    assert only.is_continue
    session.choose(only.id)
    assert session.is_over
    ending = session.ending
    assert ending is not None and ending.title == "A Voice on the Line"
    assert dict((p, line) for p, _, line in ending.epilogue) == {
        "suqin": "She keeps the spent card in her purse.",
        "qin": "She writes back for the first time.",
    }

    other = Session(story)
    other.choose("rest")
    assert other.paragraphs() == ["The lights go out at eleven.", "You lie awake listening to the fan."]
    assert other.ending is not None and other.ending.id == "silence"


def test_locked_and_unknown_choices_are_refused(story) -> None:
    session = Session(story)
    with pytest.raises(ChoiceError, match="not available: Needs 500 yuan"):
        session.choose("a.rich")
    with pytest.raises(ChoiceError, match="has no choice 'fly'"):
        session.choose("fly")
    assert session.state.log == []


def test_stats_clamp_to_their_bounds(story) -> None:
    session = Session(story, sets={"qin.hope": "10"})
    outcome = session.choose("call")
    assert session.state.stats["qin"]["hope"] == 10
    assert all(c.person != "qin" for c in outcome.changes)


def test_variant_and_conditional_epilogue_read_the_state(story) -> None:
    session = Session(story, sets={"qin.hope": "5"})
    session.choose("call")
    assert session.paragraphs() == ["The lights go out.", "Qin sounded happy."]
    assert session.ending.id == "heard"

    quiet = Session(story, sets={"qin.hope": "2"})
    quiet.choose("rest")
    assert quiet.paragraphs() == ["The lights go out."]
    assert dict((p, line) for p, _, line in quiet.ending.epilogue)["qin"] == "She stops waiting."


def test_undo_is_unlimited_and_exact(story) -> None:
    session = Session(story)
    before = session.state.to_json()
    session.choose("call")
    assert session.can_undo
    assert session.undo()
    assert session.state.to_json() == before
    assert len(session.transcript) == 1 and session.transcript[0].choice_text is None
    assert not session.undo()


def test_history_records_text_and_choices(story) -> None:
    session = Session(story)
    session.choose("call")
    first, second = session.transcript
    assert first.paragraphs == ("You hold a phone card.",) and first.choice_text == "Call home"
    assert first.says == "Qin hears your voice."
    assert second.scene == "b" and second.choice_text is None


def test_start_anywhere_with_any_state(story) -> None:
    session = Session(story, start="b", sets={"called": "true", "savings": "2,000"})
    assert session.scene.id == "b" and session.state.resources["savings"] == 2000
    assert session.ending.id == "heard"
    with pytest.raises(SetError, match="did you mean 'savings'"):
        Session(story, sets={"savigns": "1"})
    with pytest.raises(SetError, match="takes true or false"):
        Session(story, sets={"called": "maybe"})
    with pytest.raises(ChoiceError, match="no scene 'zz'"):
        Session(story, start="zz")


def test_state_json_round_trip_covers_every_field(story) -> None:
    session = Session(story)
    session.choose("call")
    state = session.state
    # every field must hold a non-default value, so a forgotten field would show up
    for f in dataclasses.fields(GameState):
        assert getattr(state, f.name) not in (None, [], {}), f.name
    restored = GameState.from_json(json.loads(json.dumps(state.to_json())))
    assert restored == state
    assert restored.copy() == state and restored.copy() is not state


def test_year_comes_from_the_scene_date(story) -> None:
    session = Session(story)
    assert session.year == 2006


def test_a_scene_with_every_choice_locked_explains_itself(tmp_path: Path) -> None:
    scenes = BASE.replace(
        "      - id: call\n        text: Call home\n",
        "      - id: call\n        text: Call home\n        if: savings > 1000\n",
    )
    scenes = scenes.replace(
        "      - id: rest\n        text: Sleep\n",
        "      - id: rest\n        text: Sleep\n        if: called\n",
    )
    session = Session(load_story(write_story(tmp_path, scenes), check_assets=False))
    assert session.stuck is not None and "ran out of choices at 'a'" in session.stuck


def test_a_quiet_session_reaches_the_same_states_as_one_that_describes_changes():
    """describe=False (automated playthroughs) changes nothing but the words for the changes."""
    from game.engine.explore import random_playthrough
    from game.story import default_story_dir

    shipped = load_story(default_story_dir())
    for seed in range(30):
        loud, loud_session = random_playthrough(shipped, seed)
        quiet, quiet_session = random_playthrough(shipped, seed, describe=False)
        assert quiet == loud  # the same path, scenes, ending and words
        assert quiet_session.state == loud_session.state
        assert not any(step.changes for step in quiet_session.transcript)
    assert any(step.changes for step in loud_session.transcript)


def test_a_flag_shows_the_storys_words_or_nothing_never_its_name(tmp_path: Path) -> None:
    from tests.storykit import write_story

    root = write_story(
        tmp_path / "s",
        """\
        scenes:
          a:
            text: A
            choices:
              - {text: Go, effects: [called = true, in_school = false, secret = true], goto: b}
          b:
            text: B
            choices:
              - {text: Back, effects: [called = false, in_school = true], goto: c}
          c:
            text: C
            end: true
        endings:
          - {id: e, title: E, text: E, epilogue: {suqin: S, qin: Q}}
        """,
        manifest_extra="  in_school: {start: true, label: Qin is in school, unset: Qin has left school}\n"
        "  secret: {}\n",
    )
    session = Session(load_story(root))
    words = [c.words for c in session.choose(1).changes if c.kind == "flag"]
    assert words == ["Suqin called home", "Qin has left school"]  # 'secret' has no words: unseen
    words = [c.words for c in session.choose(1).changes if c.kind == "flag"]
    assert words == ["Qin is in school"]  # 'called' going false has no 'off' words: unseen
    assert not any("secret" in w or "No longer" in w for w in words)
