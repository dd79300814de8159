"""The browser's classroom through the view model: lessons (key votes, the real family's note, the
road between parts, the closing screen) and the class statistics a browser keeps, played on the
same engine as the desktop (game.engine.lessons, game.engine.record, game.engine.classstats)."""

from __future__ import annotations

import io
import json
import random

import pytest

from game.cli import main
from game.engine.classstats import ClassStats
from game.engine.lessons import LessonRun
from game.engine.record import SessionRecord
from game.engine.viewmodel import ActionError, Player
from game.story import default_story_dir, load_story


@pytest.fixture(scope="module")
def story():
    return load_story(default_story_dir())


def play_lesson(player: Player, lesson: str, seed: int) -> tuple[list[dict], dict]:
    """A lesson played with seeded choices, a vote at every key decision: (views, last view)."""
    rng = random.Random(seed)
    view = player.act({"do": "class_begin", "lesson": lesson})
    views = [view]
    while not view["scene"]["is_over"] and view["closing"] is None:
        open_ = [c for c in view["scene"]["choices"] if c["available"]]
        taken = rng.choice(open_)
        tally = {c["id"]: 2 if c is taken else 1 for c in open_} if view["classroom"]["key"] else None
        view = player.act({"do": "choose", "choice": taken["id"], "tally": tally})
        views.append(view)
    return views, view


def test_a_lesson_plays_as_on_the_desktop_and_closes_mid_story(story):
    lesson = story.lesson("three_choices_20")
    views, last = play_lesson(Player(story), lesson.id, seed=3)
    # The desktop's lesson run, fed the same decisions, goes the same way.
    run = LessonRun(story, lesson)
    session = run.begin()
    assert views[0]["scene"]["id"] == session.scene.id == lesson.start
    for before, after in zip(views, views[1:], strict=False):
        assert before["scene"]["id"] == session.scene.id
        assert before["classroom"]["key"] == run.is_key(session.scene.id)
        assert before["classroom"]["votes_here"] == run.is_key(session.scene.id)
        scene = session.scene
        session.choose(after["outcome"]["choice_id"])
        # After a key decision, what the real family did (the scene's documentary note).
        assert bool(after["outcome"]["film_note"]) == bool(scene.key and scene.documentary)
        step = run.after_choice(session)
        assert (after["bridge"] is not None) == (step.kind == "bridge")
        if step.kind == "bridge":
            assert after["bridge"]["ended"] == step.ended.title
            session = step.session
            assert after["can_undo"] is False  # the road was the lesson's, not the class's
    assert step.kind == "close" and last["scene"]["id"] == session.scene.id
    closing = last["closing"]
    assert closing["title"] == lesson.title
    assert closing["question"] == lesson.close_question
    assert " ".join(closing["next"]) == " ".join(lesson.close_next.split())
    voted = [v for v in views[:-1] if v["classroom"]["key"]]
    assert len(closing["decided"]) == len(voted) >= 3
    assert all(row["votes"] == 2 and row["total"] >= 3 for row in closing["decided"])
    assert {p["short"] for p in closing["people"]} <= {p.short for p in story.people.values()}
    assert last["classroom"]["finished"] and last["classroom"]["closed"]


def test_the_lesson_is_kept_and_restored_with_its_part(story):
    player = Player(story)
    views, _ = play_lesson(player, "three_choices_45", seed=1)
    kept = player.act({"do": "class_record"})
    assert kept["record"]["lesson"] == "three_choices_45" and kept["lesson_part"] > 0
    again = Player(story, player.session)
    view = again.act({"do": "class_restore", "record": kept["record"], "lesson_part": kept["lesson_part"]})
    assert view["classroom"]["lesson"]["part"] == kept["lesson_part"]
    assert view["closing"] == views[-1]["closing"]
    with pytest.raises(ActionError, match="no lesson 'nope'"):
        player.act({"do": "class_begin", "lesson": "nope"})


def test_statistics_count_a_lesson_closed_mid_story_once_and_not_an_unfinished_one(story, tmp_path):
    player = Player(story)
    player.act({"do": "class_begin", "lesson": "three_choices_20"})
    first = player.view()["scene"]["choices"][0]["id"]
    player.act({"do": "choose", "choice": first})
    kept = player.act({"do": "stats_sync", "stats": None})
    assert kept["counted"] is False and kept["stats"]["sessions"] == {}  # under way: not counted
    play_lesson(player, "three_choices_20", seed=2)  # a new class session, closed mid-story
    kept = player.act({"do": "stats_sync", "stats": kept["stats"]})
    assert kept["counted"] is True
    again = player.act({"do": "stats_sync", "stats": kept["stats"]})
    assert again["stats"] == kept["stats"]  # once
    summary = player.act({"do": "stats_view", "stats": kept["stats"]})["summary"]
    assert (summary["sessions"], summary["ended"], summary["closed"]) == (1, 0, 1)
    assert summary["decisions"][0]["key"] == "leave the village"
    player.act({"do": "undo"})  # back before the close: no longer finished, no longer counted
    assert player.act({"do": "stats_sync", "stats": kept["stats"]})["stats"]["sessions"] == {}

    # The exported file is the desktop's: `stats --import` reads it and counts the class.
    exported = player.act({"do": "stats_view", "stats": kept["stats"]})["file"]
    path = tmp_path / "browser.json"
    path.write_text(json.dumps(exported), encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    code = main(["stats", "--sessions", str(tmp_path / "sessions"), "--import", str(path)], out=out, err=err)
    assert code == 0, err.getvalue()
    assert "Imported 1 new class session" in out.getvalue()
    assert ClassStats.load(path).count(story.title) == 1


def test_statistics_merge_another_export_and_refuse_a_stranger_file(story):
    player = Player(story)
    _, last = play_lesson(player, "chapter_storm", seed=4)
    record = SessionRecord.from_json(player.act({"do": "class_record"})["record"])
    theirs = ClassStats()
    theirs.add(record)
    merged = player.act({"do": "stats_merge", "stats": None, "file": theirs.to_json()})
    assert merged["new"] == 1
    assert player.act({"do": "stats_merge", "stats": merged["stats"], "file": theirs.to_json()})["new"] == 0
    with pytest.raises(ActionError, match="not a Last Train Home class statistics file"):
        player.act({"do": "stats_merge", "stats": None, "file": {"game": "other"}})


def test_solo_play_shows_the_real_familys_note_after_a_key_decision(story):
    player = Player(story)
    view = player.view()
    while not view["scene"]["key"]:
        view = player.act({"do": "choose", "choice": view["scene"]["choices"][0]["id"]})
    scene = story.scenes[view["scene"]["id"]]
    view = player.act({"do": "choose", "choice": view["scene"]["choices"][0]["id"]})
    assert " ".join(view["outcome"]["film_note"]) == " ".join(scene.documentary.split())
    assert view["classroom"] is None and view["closing"] is None


def test_lessons_are_listed_with_minutes_and_key_decisions(story):
    lessons = Player(story).act({"do": "lessons"})["lessons"]
    assert [lesson["id"] for lesson in lessons] == [lesson.id for lesson in story.lessons]
    assert all(lesson["minutes"] > 0 and lesson["keys"] >= 1 for lesson in lessons)


def test_the_teacher_note_is_due_before_the_confrontation_in_class_only(story):
    player = Player(story)
    view = player.act({"do": "class_begin", "lesson": "chapter_home"})
    seen = []
    while view["scene"]["id"] != "home_quarrel":
        seen += view["classroom"]["notes"]
        view = player.act({"do": "choose", "choice": view["scene"]["choices"][0]["id"]})
    assert seen == []  # no other scene on the way carries one
    (note,) = view["classroom"]["notes"]
    assert (note["kind"], note["title"]) == ("teacher", "For the teacher")
    assert " ".join(note["text"]) == " ".join(story.scenes["home_quarrel"].teacher_note.split())
    # Undone and chosen again, it is the same visit under the same key: shown once, as on the desktop.
    again = player.act({"do": "undo"})
    again = player.act({"do": "choose", "choice": again["scene"]["choices"][0]["id"]})
    assert again["classroom"]["notes"] == [note]
    # Outside the classroom the player never sees it.
    player.act({"do": "class_end"})
    assert player.view()["classroom"] is None
