"""The engine's boundary as plain data: views a browser can draw, actions it can send."""

from __future__ import annotations

import json

import pytest

from game.engine import SaveStore, Session
from game.engine.viewmodel import ActionError, Player, story_view
from game.story import load_story
from tests.storykit import BASE, write_story


@pytest.fixture
def story(tmp_path):
    return load_story(write_story(tmp_path / "story", BASE), check_assets=False)


def test_views_are_plain_json(story):
    player = Player(story)
    view = player.view()
    assert json.loads(json.dumps(view)) == view
    assert json.loads(json.dumps(story_view(story)))["title"] == "Test Story"


def test_the_scene_shows_text_and_choices_with_locked_reasons(story):
    scene = Player(story).view()["scene"]
    assert scene["paragraphs"] == ["You hold a phone card."]
    assert scene["pov_name"] == "Suqin"
    assert [(c["number"], c["text"], c["available"], c["locked_reason"]) for c in scene["choices"]] == [
        (1, "Call home", True, None),
        (2, "Sleep", True, None),
        (3, "Call every night", False, "Needs 500 yuan"),
    ]


def test_a_choice_says_what_it_did_in_words_and_numbers(story):
    player = Player(story)
    view = player.act({"do": "choose", "choice": 1})
    outcome = view["outcome"]
    assert outcome["says"] == "Qin hears your voice."
    assert outcome["notable"] is True  # a flag became true: the consequence card shows
    changes = {(c["person"], c["name"]): c for c in outcome["changes"]}
    assert changes[("qin", "hope")]["delta"] == 1
    assert changes[("qin", "hope")]["words"] == "Qin finds hope (hope +1)"
    assert changes[(None, "savings")]["after"] == 80
    assert "Suqin called home" in view["family"]["flags"]
    # the variant that now holds is resolved into the text; the ending names each person
    assert view["scene"]["paragraphs"] == ["The lights go out.", "Qin sounded happy."]
    assert view["ending"]["title"] == "Heard"
    assert [(e["name"], e["line"]) for e in view["ending"]["epilogue"]] == [
        ("Chen Suqin", "She keeps the card."),
        ("Zhang Qin", "She writes back."),
    ]


def test_a_locked_choice_cannot_be_taken_and_says_why(story):
    player = Player(story)
    with pytest.raises(ActionError, match="Needs 500 yuan"):
        player.act({"do": "choose", "choice": "rich"})
    reply = json.loads(player.act_json('{"do": "choose", "choice": 3}'))
    assert "Needs 500 yuan" in reply["error"]
    assert player.view()["scene"]["id"] == "a"


def test_undo_goes_back_and_history_remembers(story):
    player = Player(story)
    player.act({"do": "choose", "choice": "call"})
    history = player.act({"do": "history"})["history"]
    assert [(h["scene"], h["choice_text"]) for h in history] == [("a", "Call home"), ("b", None)]
    view = player.act({"do": "undo"})
    assert view["scene"]["id"] == "a" and not view["can_undo"]
    assert view["family"]["resources"][0]["value"] == 100
    with pytest.raises(ActionError, match="nothing to undo"):
        player.act({"do": "undo"})


def test_a_save_is_the_desktop_format_and_loads_back(story, tmp_path):
    player = Player(story)
    player.act({"do": "choose", "choice": "rest"})
    document = player.act({"do": "save"})["save"]
    # the desktop game loads what the browser saved, and the other way round
    store = SaveStore(tmp_path / "saves")
    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "web.json").write_text(json.dumps(document), encoding="utf-8")
    assert store.load("web", story).session.state.to_json() == player.state()
    desktop = Session(story)
    store.save("desk", desktop)
    other = Player(story)
    other.act({"do": "choose", "choice": "call"})
    view = other.act({"do": "load", "save": (tmp_path / "saves" / "desk.json").read_text()})
    assert view["scene"]["id"] == "a" and other.state() == desktop.state.to_json()


def test_a_broken_save_is_refused_in_words_and_changes_nothing(story):
    player = Player(story)
    player.act({"do": "choose", "choice": "call"})
    before = player.state()
    for bad in ("not json", "{}", json.dumps({"game": "last-train-home", "format": 1})):
        with pytest.raises(ActionError) as info:
            player.act({"do": "load", "save": bad, "name": "the file"})
        assert str(info.value).startswith("The file ")
        assert player.state() == before


def test_a_prompt_counts_as_discussed_only_if_the_teacher_kept_it_up_ten_seconds(story):
    # The desktop's rule (game.engine.classview.kept_up), which the browser now sends its seconds to:
    # it recorded every prompt shown as discussed, even one put away at once.
    from pathlib import Path

    from game.engine.classview import KEPT_SECONDS
    from game.engine.record import SessionRecord

    shipped = load_story(Path(__file__).resolve().parents[1] / "story")

    def discussed_after(seconds: float | None) -> tuple[str, list[str]]:
        player = Player(shipped)
        view = player.act({"do": "class_begin"})
        while not shipped.scenes[view["scene"]["id"]].discuss:  # on to the first prompt
            view = player.act({"do": "choose", "choice": 1})
        player.act({"do": "class_seen", "prompt_seconds": seconds, "fact": True})
        record = SessionRecord.from_json(player.act({"do": "class_record"})["record"])
        return view["scene"]["id"], record.prompts_shown

    assert discussed_after(2.0)[1] == [] and discussed_after(None)[1] == []
    scene, discussed = discussed_after(KEPT_SECONDS)
    assert discussed == [scene]


def test_unknown_actions_are_errors_not_tracebacks(story):
    player = Player(story)
    assert "no action 'fly'" in json.loads(player.act_json('{"do": "fly"}'))["error"]
    assert "not valid JSON" in json.loads(player.act_json("{"))["error"]
    assert "choice's id" in json.loads(player.act_json('{"do": "choose", "choice": true}'))["error"]


def test_classroom_mode_records_votes_prompts_and_the_ending(story):
    from game.engine.record import SessionRecord

    player = Player(story)
    view = player.act({"do": "class_begin"})
    assert (view["classroom"]["decisions"], view["classroom"]["finished"]) == (0, False)
    assert view["classroom"]["lesson"] is None
    player.act({"do": "class_seen", "prompt_seconds": 12.5, "fact": True})
    view = player.act(
        {
            "do": "choose",
            "choice": 2,
            "tally": {"a.call": 3, "a.rest": 5},
            "team": "Team Qin",
            "seconds": 42.5,
        }
    )
    assert (view["classroom"]["decisions"], view["classroom"]["finished"]) == (1, True)
    record = SessionRecord.from_json(player.act({"do": "class_record"})["record"])
    decision = record.decisions[0]
    assert (decision.choice, decision.tally, decision.team, decision.seconds) == (
        "a.rest",
        {"a.call": 3, "a.rest": 5},
        "Team Qin",
        42.5,
    )
    assert record.ending == "quiet"
    player.act({"do": "undo"})
    again = SessionRecord.from_json(player.act({"do": "class_record"})["record"])
    assert again.decisions == [] and again.ending is None
    # a vote naming something that is not a choice here changes nothing
    with pytest.raises(ActionError, match="not a choice"):
        player.act({"do": "choose", "choice": "call", "tally": {"a.fly": 2}})
    assert player.state()["log"] == []
    restored = Player(story)
    restored.act({"do": "class_restore", "record": record.to_json()})
    assert restored.view()["classroom"]["finished"]
    with pytest.raises(ActionError, match="could not be restored"):
        restored.act({"do": "class_restore", "record": {"kind": "nonsense"}})
    player.act({"do": "restart"})
    with pytest.raises(ActionError, match="not on"):
        player.act({"do": "class_seen", "prompt_seconds": 12.5})


def test_the_scene_carries_the_pov_face_with_its_mood_and_the_panels_side(tmp_path):
    from tests.storykit import MANIFEST
    from tests.test_moods import PEOPLE, SCENES

    root = write_story(
        tmp_path / "moods", SCENES.replace("pov: suqin\n", "pov: suqin\n    backdrop: phone_booth\n")
    )
    head, _, tail = MANIFEST.format(start="a").partition("people:\n")
    (root / "story.yaml").write_text(
        f"{head}people:\n{PEOPLE.format()}stats:{tail.split('stats:', 1)[1]}", encoding="utf-8"
    )
    story = load_story(root, check_assets=False)
    player = Player(story, subjects={"phone_booth": "left"})
    scene = player.view()["scene"]
    assert scene["face"] == "portraits/suqin_angry.png" and scene["face_fallback"] == "portraits/suqin.png"
    assert scene["mood"] == "angry" and scene["panel"] == "right"  # the booth on the left: the panel right
    assert Player(story, subjects={"phone_booth": "right"}).view()["scene"]["panel"] == "left"
    after = player.act({"do": "choose", "choice": 1})["scene"]
    assert after["face"] == "portraits/qin_teen.png" and after["face_fallback"] is None  # no mood: plain
    assert after["panel"] == "left"  # no backdrop


def test_the_consequence_card_carries_each_moved_persons_face_glad_or_sad():
    # As on the desktop's card (game.engine.looks.moved_faces): a face per person a choice moved,
    # glad when their stats rose in all, sad when they fell, with the plain face to fall back on.
    from game.paths import shipped_dir
    from game.story import default_story_dir

    story = load_story(default_story_dir())
    player, seen = Player(story), 0
    for _ in range(40):
        view = player.view()
        if view["ending"] or not view["scene"]["choices"]:
            break
        number = next(c["number"] for c in view["scene"]["choices"] if c["available"])
        outcome = player.act({"do": "choose", "choice": number})["outcome"]
        moved: dict[str, int] = {}
        for change in outcome["changes"]:
            if change["kind"] == "stat":
                moved[change["person"]] = moved.get(change["person"], 0) + change["delta"]
        assert list(outcome["faces"]) == list(moved)  # in the order first moved
        for person, delta in moved.items():
            first, *rest = outcome["faces"][person]
            mood = "_glad.png" if delta > 0 else "_sad.png" if delta < 0 else None
            assert first.endswith(mood) if mood else not rest
            assert all((shipped_dir("assets") / face).is_file() for face in outcome["faces"][person])
            seen += 1
    assert seen >= 3
