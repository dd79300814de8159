"""The browser edition end to end: the exported site served on localhost, played in headless
Chromium, against the same engine playing the same choices on the desktop side."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from game.engine import Session
from game.story import load_story
from tests.browserkit import ROOT, web_page

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def story():
    return load_story(ROOT / "story")


@pytest.fixture(scope="module")
def web(browser, site_url):
    """One tab for the module (each start of Pyodide costs seconds): tests begin at the title."""
    page = web_page(browser, site_url).open()
    yield page
    assert page.outside == [], "the site fetched something from outside"
    assert page.errors == []
    page.page.context.close()


def seeded_playthrough(story, seed: int) -> tuple[list[tuple[str, str, dict[str, Any]]], Session]:
    """A random playthrough on the desktop engine: (scene, choice id, state after) per step."""
    rng = random.Random(seed)
    session = Session(story)
    steps = []
    while not session.is_over:
        scene = session.scene.id
        choice = rng.choice(session.open_choices())
        session.choose(choice.full_id)
        steps.append((scene, choice.full_id, session.state.to_json()))
    return steps, session


def test_the_site_plays_to_an_ending_showing_the_engines_words(web, story):
    assert web.text("#title-text") == story.title
    web.home()
    web.page.click("#btn-new")
    assert web.visible("#note") and "Before you begin" in web.text("#note")
    web.page.keyboard.press("Space")
    steps, desktop = seeded_playthrough(story, 1)
    replay = Session(story)
    for scene, choice_id, _ in steps:
        shown = web.text("#scene-text")
        assert all(p in shown for p in replay.paragraphs()), scene
        assert web.view()["scene"]["id"] == scene
        outcome = replay.choose(choice_id)
        web.page.click(f'#choices button[data-choice="{choice_id}"]')
        if outcome.says or outcome.changes:
            card = web.text("#outcome")
            assert all(change.words in card for change in outcome.changes)
            if outcome.says:
                assert outcome.says in card
        web.settle()
    web.page.keyboard.press("Space")
    ending = desktop.ending
    assert web.text("#ending-title") == ending.title
    shown = web.text("#ending-epilogue")
    assert all(line in shown for _, _, line in ending.epilogue)
    if ending.documentary:
        assert "What really happened" in web.text("#ending")
    assert web.outside == [] and web.errors == []


def test_seeded_playthroughs_reach_the_same_scenes_states_and_endings(web, story):
    for seed in (2, 3, 4):
        steps, desktop = seeded_playthrough(story, seed)
        web.new_game()
        for scene, choice_id, state in steps:
            assert web.view()["scene"]["id"] == scene, f"seed {seed}"
            web.take(choice_id)
            assert web.state() == state, f"seed {seed}, after {choice_id}"
        assert web.view()["ending"]["id"] == desktop.ending.id
        web.page.keyboard.press("Space")
        assert web.text("#ending-title") == desktop.ending.title
    assert web.errors == []


def test_keys_choose_by_number_never_by_space_or_enter_and_undo_goes_back(web, story):
    web.new_game()
    start = web.state()
    web.page.focus("#choices button >> nth=0")
    web.page.keyboard.press("Enter")
    web.page.keyboard.press("Space")
    assert web.state() == start and not web.visible("#outcome")
    web.page.keyboard.press("1")
    web.settle()
    assert web.state()["log"] == [Session(story).choices()[0].id]
    web.page.keyboard.press("Control+z")
    assert web.state() == start
    assert web.page.is_disabled("#btn-undo")
    web.page.click("#choices button >> nth=1")
    web.settle()
    web.page.click("#btn-undo")
    assert web.state() == start


def test_a_saved_game_survives_reloading_the_page(web, story):
    steps, _ = seeded_playthrough(story, 5)
    web.new_game()
    for _, choice_id, _ in steps[:3]:
        web.take(choice_id)
    web.page.keyboard.press("Escape")
    web.page.click("#btn-saves")
    web.page.click("text=Save in Slot 1")
    assert "Saved in Slot 1" in web.text("#saves-message")
    web.page.click("#saves .close")
    web.take(steps[3][1])
    web.reload()
    assert web.visible("#btn-continue")
    web.page.click("#btn-continue")
    assert web.state() == steps[3][2]  # the autosave: every choice is saved as it is taken
    web.page.keyboard.press("Escape")
    web.page.click("#btn-saves")
    web.page.click("text=Load Slot 1")
    assert web.state() == steps[2][2]
    assert web.view()["scene"]["id"] == steps[3][0]


def test_a_save_exported_as_a_file_imports_and_loads_on_the_desktop(web, story, tmp_path):
    steps, _ = seeded_playthrough(story, 6)
    web.new_game()
    for _, choice_id, _ in steps[:2]:
        web.take(choice_id)
    web.page.keyboard.press("Escape")
    web.page.click("#btn-saves")
    with web.page.expect_download() as download:
        web.page.click("#btn-export")
    saved = tmp_path / "save.json"
    download.value.save_as(saved)
    from game.engine import SaveStore

    (tmp_path / "saves").mkdir()
    (tmp_path / "saves" / "web.json").write_bytes(saved.read_bytes())
    desktop = SaveStore(tmp_path / "saves").load("web", story)
    assert desktop.session.state.to_json() == steps[1][2] and desktop.messages == []
    web.page.click("#saves .close")
    web.take(steps[2][1])
    web.page.keyboard.press("Escape")
    web.page.click("#btn-saves")
    web.page.set_input_files("#import-file", str(saved))
    assert web.state() == steps[1][2]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"game": "something else"}))
    web.page.keyboard.press("Escape")
    web.page.click("#btn-saves")
    web.page.set_input_files("#import-file", str(bad))
    assert "not a Last Train Home save" in web.text("#message")
    assert web.state() == steps[1][2]
    web.page.click("#message .close")


def test_the_site_is_self_contained(site: Path):
    assert (site / "licences" / "pyodide-LICENSE-MPL-2.0.txt").is_file()
    assert not list(site.rglob("*.yaml"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in site.glob("*.js")) + (site / "index.html").read_text()
    assert "https://" not in text and "http://" not in text
