"""The browser edition end to end: the exported site served on localhost, played in headless
Chromium, against the same engine playing the same choices on the desktop side."""

from __future__ import annotations

import html
import json
import random
from pathlib import Path
from typing import Any

import pytest

from game.engine import Session
from game.engine.looks import moved_faces
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
    quiet: list[Any] = []
    for scene, choice_id, _ in steps:
        shown = web.text("#scene-text")
        assert all(p in shown for p in replay.paragraphs()), scene
        assert web.view()["scene"]["id"] == scene
        outcome = replay.choose(choice_id)
        web.page.click(f'#choices button[data-choice="{choice_id}"]')
        if outcome.notable and (outcome.says or outcome.changes):
            card = web.text("#outcome")
            assert all(change.words in card for change in outcome.changes)
            # each person moved shows a face, glad or sad at it, as the desktop's card does
            faces = web.page.eval_on_selector_all(
                "#outcome-changes img.face",
                "els => els.map((e) => [e.dataset.person, e.getAttribute('src')])",
            )
            expected = moved_faces(story, outcome.changes, replay.year)
            assert faces == [
                [person, f"assets/portraits/{names[0]}.png"] for person, names in expected.items()
            ]
            if outcome.says:
                assert outcome.says in card
            quiet = []
        else:  # the desktop's consequence rule: the words open the next scene, changes wait
            assert not web.visible("#outcome")
            if story.scenes[scene].key and story.scenes[scene].documentary:
                assert web.text("#lesson-card-kind") == "What the real family did"
                web.page.keyboard.press("Space")
            if outcome.says:
                assert web.text("#scene-lead") == outcome.says
            quiet += outcome.changes
            if quiet:
                assert web.text("#btn-family") == f"Family ({len(quiet)} new)"
            if len(quiet) >= 2:  # the family page lists them under Lately, then the count goes
                web.page.keyboard.press("f")
                lately = web.text("#family-lately")
                assert all(change.words in lately for change in quiet)
                web.page.keyboard.press("Escape")
                assert web.text("#btn-family") == "Family"
                quiet = []
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
    web.page.wait_for_selector("#saves", state="hidden")  # reading the file takes a moment
    assert web.state() == steps[1][2]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"game": "something else"}))
    web.page.keyboard.press("Escape")
    web.page.click("#btn-saves")
    web.page.set_input_files("#import-file", str(bad))
    web.page.wait_for_selector("#message[open]")
    assert "not a Last Train Home save" in web.text("#message")
    assert web.state() == steps[1][2]
    web.page.click("#message .close")


def test_the_site_is_self_contained(site: Path):
    assert (site / "licences" / "pyodide-LICENSE-MPL-2.0.txt").is_file()
    assert not list(site.rglob("*.yaml"))
    text = (
        "\n".join(p.read_text(encoding="utf-8") for p in site.glob("*.js"))
        + (site / "index.html").read_text()
    )
    assert "https://" not in text and "http://" not in text


def test_a_class_votes_with_teams_and_prints_its_report(web, story):
    web.home()
    web.page.click("#btn-class")
    web.page.check("#class-form [name=teams]")
    web.page.click("#btn-class-start")
    if web.visible("#note"):
        web.page.keyboard.press("Space")

    def to_a_vote() -> dict[str, Any]:
        for _ in range(50):
            web.read_class_scene()
            scene = web.view()["scene"]
            real = [c for c in scene["choices"] if c["available"] and not c["is_continue"]]
            if len(real) > 1:
                return scene
            web.take(next(c for c in scene["choices"] if c["available"])["id"])
        raise AssertionError("no decision with two choices")

    scene = to_a_vote()
    first, second = [c for c in scene["choices"] if c["available"]][:2]
    team = web.text("#scene-team")
    assert team.startswith("Team ") and team.endswith("decides")
    web.page.keyboard.press("1")  # opens the vote, as on the desktop
    assert web.visible("#vote")
    for key in ("2", "2", "1"):
        web.page.keyboard.press(key)
    assert web.text(f'[data-votes="{second["id"]}"]') == "2"
    assert web.text(f'[data-votes="{first["id"]}"]') == "1"  # checked: the vote's own counts
    web.page.click("#btn-vote-take")
    web.settle()
    assert web.state()["log"][-1] == second["id"]
    voted_first = (first["id"], second["id"])

    scene = to_a_vote()
    first, second = [c for c in scene["choices"] if c["available"]][:2]
    web.page.click(f'#choices button[data-choice="{first["id"]}"]')
    web.page.click(f'[data-vote="{first["number"]}"]')
    web.page.click(f'[data-vote="{second["number"]}"]')
    web.page.click("#btn-vote-take")
    assert "A tie" in web.text("#vote-status")
    web.page.click("#vote-options li.winner >> nth=1 >> text=Take this one")
    web.settle()
    assert web.state()["log"][-1] == second["id"]

    record = web.page.evaluate("async () => (await window.lth.engine.act({do: 'class_record'})).record")
    voted = [d for d in record["decisions"] if d["tally"]]
    assert {k: v for k, v in voted[0]["tally"].items() if v} == {voted_first[0]: 1, voted_first[1]: 2}
    assert voted[0]["tie_broken"] is False and voted[1]["tie_broken"] is True
    assert voted[0]["team"].startswith("Team ")

    for _ in range(300):  # the rest of the story, skipping the votes
        web.read_class_scene()
        if web.view()["scene"]["is_over"]:
            break
        web.page.click("#choices button:not(:disabled) >> nth=0")
        if web.visible("#vote"):
            web.page.click("#btn-vote-skip")
        web.settle()
    web.page.keyboard.press("Space")
    title = web.text("#ending-title")
    web.page.click("#btn-ending-report")
    report = web.page.frame_locator(".report-frame")
    assert "session report" in report.locator("h1").inner_text()
    text = report.locator("body").inner_text()
    assert title in text and second["text"][:30] in text
    web.page.click("#report >> text=Back")
    assert web.text("#ending-title") == title
    web.page.click("#btn-ending-stats")  # the class reached an ending: it counts, once
    assert "1 reached an ending" in web.text("#stats-body")
    web.page.click("#btn-stats-back")
    assert web.text("#ending-title") == title


def test_text_is_typed_space_shows_it_all_and_settings_apply_at_once(web):
    web.home()
    web.page.click("#btn-settings")
    web.page.select_option("#settings-form [name=speed]", "20")
    web.page.uncheck("#settings-form [name=motion]")
    web.page.select_option("#settings-form [name=size]", "1.75")
    web.page.check("#settings-form [name=contrast]")
    assert web.page.evaluate("document.documentElement.classList.contains('contrast')")
    assert web.page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") >= 28
    web.page.keyboard.press("Escape")
    web.new_game()
    assert web.visible("#skip-hint")  # still typing: the choices are not there yet
    assert web.page.locator("#choices button").count() == 0
    web.page.keyboard.press("Space")
    assert not web.visible("#skip-hint") and web.page.locator("#choices button").count() >= 2
    web.page.keyboard.press("Escape")
    web.page.click("#btn-menu-settings")
    web.page.select_option("#settings-form [name=speed]", "0")
    web.page.check("#settings-form [name=motion]")
    web.page.select_option("#settings-form [name=size]", "1")
    web.page.uncheck("#settings-form [name=contrast]")
    web.page.keyboard.press("Escape")


def test_a_lesson_with_class_votes_closes_counts_in_the_statistics_and_prints(web, story, tmp_path):
    from game.engine.classstats import ClassStats

    lesson = story.lesson("three_choices_20")
    web.home()
    web.page.click("#btn-class")
    assert web.text("#lesson-list li >> nth=0").startswith(story.lessons[0].title)  # lessons first
    web.page.click(f'[data-lesson="{lesson.id}"]')
    if web.visible("#note"):
        web.page.keyboard.press("Space")
    votes = notes = 0
    for _ in range(80):
        web.read_class_scene()
        if web.visible("#closing"):
            break
        view = web.view()
        assert "part" in web.text("#scene-lesson")
        web.page.keyboard.press("1")
        if web.visible("#vote"):  # only at the lesson's key decisions, marked as such
            assert view["classroom"]["key"] and "key decision" in web.text("#vote-title")
            web.page.keyboard.press("1")
            web.page.click("#btn-vote-take")
            votes += 1
        else:
            assert not view["classroom"]["key"] or len(view["scene"]["choices"]) == 1
        if web.visible("#outcome"):
            web.page.keyboard.press("Space")
        if web.visible("#lesson-card") and "real family" in web.text("#lesson-card-kind"):
            notes += 1
        web.settle()
    assert web.visible("#closing") and votes >= 3 and notes >= 3
    closing = web.text("#closing")
    assert lesson.title in closing and lesson.close_question in closing
    assert "decided by vote, 1 of 1" in closing and "Where the family stands" in closing

    web.page.click("#btn-closing-stats")  # the lesson closed mid-story: it counts
    assert "1 was a lesson closed mid-story" in web.text("#stats-body")  # (the tab's other class ended)
    with web.page.expect_download() as download:
        web.page.click("#btn-stats-export")
    exported = tmp_path / "stats.json"
    download.value.save_as(exported)
    kept = ClassStats.load(exported)  # what `stats --import` reads
    closed = [s for s in kept.sessions.values() if s.ending is None]
    assert len(closed) == 1 and closed[0].decisions[0][0] == lesson.start
    web.page.click("#btn-stats-back")

    web.page.click("#btn-closing-report")
    web.page.wait_for_selector("#report:not([hidden])")  # not the last class's report, still in the page
    report = web.page.frame_locator(".report-frame")
    text = report.locator("body").inner_text()
    assert lesson.title in text and "the lesson closed mid-story" in text
    web.page.click("#report >> text=Back")
    assert web.visible("#closing")


def test_the_title_note_and_first_scene_show_before_the_engine_is_ready(web, story, site):
    """The page starts from start.json (the engine's own first view, exported with the site):
    held back from Python, it still shows the title, the note and the first scene; the choices
    open when the engine is ready, and the engine's view is the one that was shown."""
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    web.page.route("**/story.json", hold)  # Python cannot read the story until released
    web.page.reload()
    web.page.wait_for_function("window.lth && window.lth.shown === true")
    assert web.visible("#title") and web.page.is_disabled("#btn-class")
    web.page.click("#btn-new")
    web.page.keyboard.press("Space")
    first = Session(story).paragraphs()
    assert all(p in web.text("#scene-text") for p in first)
    assert web.visible("#starting") and web.page.is_disabled("#choices button >> nth=0")
    web.page.keyboard.press("1")  # nothing to take it yet: nothing happens
    for _ in range(600):  # the worker asks for the story once Pyodide is fetched
        if held:
            break
        web.page.wait_for_timeout(100)
    held[0].continue_()
    web.page.unroute("**/story.json")
    web._started()
    assert not web.visible("#starting") and not web.page.is_disabled("#choices button >> nth=0")
    exported = json.loads((site / "start.json").read_text(encoding="utf-8"))["first"]
    assert web.page.evaluate("window.lth.engine.act({do: 'view'})") == exported
    assert web.state()["log"] == []


def test_a_class_sees_the_content_note_and_the_teacher_note_before_the_confrontation(web, story):
    web.home()
    web.page.click("#btn-class")
    web.page.uncheck("#class-form [name=votes]")
    web.page.click('[data-lesson="chapter_home"]')
    assert web.visible("#note")  # the story's content note as the class begins
    assert story.content_note.split()[0] in web.text("#note") and "Before you begin" in web.text("#note")
    web.page.keyboard.press("Space")
    teacher = " ".join(story.scenes["home_quarrel"].teacher_note.split())
    cards: list[tuple[str, str, str]] = []  # (scene, kind, text) of each class card shown
    for _ in range(10):
        scene = web.view()["scene"]
        cards += [(scene["id"], kind, text) for kind, text in web.read_class_scene()]
        if scene["id"] == "home_quarrel":
            break
        web.take(next(c for c in scene["choices"] if c["available"])["id"])
    notes = [(where, " ".join(text.split())) for where, kind, text in cards if kind == "For the teacher"]
    assert notes == [("home_quarrel", teacher)]
    at_quarrel = [kind for where, kind, _ in cards if where == "home_quarrel"]
    assert at_quarrel[0] == "For the teacher"  # before the discussion pause


@pytest.fixture(scope="module")
def projector(browser, site_url):
    """A small projector's window (800×600) with the text typed, as a class sees it."""
    settings = {"size": "1", "speed": "45", "contrast": False, "motion": False, "volume": 0}
    page = web_page(browser, site_url, settings, viewport=(800, 600)).open()
    yield page
    assert page.errors == []
    page.page.context.close()


def start_lesson(web, lesson: str, speed: str = "aloud", votes: bool = False) -> None:
    web.home()
    web.page.click("#btn-class")
    web.page.select_option("#class-form [name=speed]", speed)
    (web.page.check if votes else web.page.uncheck)("#class-form [name=votes]")
    web.page.click(f'[data-lesson="{lesson}"]')
    if web.visible("#note"):
        web.page.keyboard.press("Space")


def reading(web) -> dict[str, Any] | None:
    return web.page.evaluate("window.lth.reading()")


def test_in_class_the_text_shows_a_page_at_a_time_and_waits_for_the_teacher(projector, story):
    web = projector
    start_lesson(web, "chapter_home")  # its first scene is longer than the window
    assert web.view()["scene"]["id"] == "home_arrival"
    first = reading(web)
    assert first is not None and first["page"] == 1 and first["pages"] >= 2
    assert web.text("#page-hint").startswith(f"Page 1 of {first['pages']}")
    box = "document.querySelector('#scene-text').scrollTop"
    web.page.wait_for_timeout(600)
    typed = reading(web)["revealed"]
    assert 0 < typed < 40  # reading aloud: about 13 characters a second
    web.page.keyboard.press("Space")  # the rest of the page, at once
    whole = reading(web)
    assert whole["page"] == 1 and typed < whole["revealed"] < whole["total"]
    assert "Space or →: next page" in web.text("#page-hint")
    web.page.wait_for_timeout(1200)  # the page stays: nothing moves until the teacher turns it
    assert reading(web) == whole and web.page.evaluate(box) == 0
    assert web.page.locator("#choices button").count() == 0
    web.page.keyboard.press("Space")
    assert reading(web)["page"] == 2 and web.text("#page-hint").startswith(f"Page 2 of {first['pages']}")
    top = web.page.evaluate(box)
    assert top > 0  # the next page's first line at the top of the box
    web.page.wait_for_timeout(800)
    assert web.page.evaluate(box) == top  # typing on page 2 does not scroll either
    while reading(web) is not None:
        web.page.keyboard.press("ArrowRight")
    # The text is read: the prompt waits for the teacher, it does not cover the text.
    assert not web.visible("#class-card") and web.page.evaluate("window.lth.cardsWaiting()")
    assert "Space: to discuss" in web.text("#page-hint")
    web.page.keyboard.press("Space")
    web.page.click("#btn-class-card-ok")
    # The choices come under the last page, which shows whole: its last line above them.
    assert web.page.locator("#choices button").count() >= 2
    last = web.page.evaluate(
        "document.querySelector('#scene-text p:last-of-type').getBoundingClientRect().bottom"
    )
    box = web.page.locator("#scene-text").bounding_box()
    choices = web.page.locator("#choices").bounding_box()
    assert box["y"] < last <= box["y"] + box["height"] + 1 <= choices["y"] + 1


def test_a_prompt_counts_as_discussed_only_if_the_teacher_kept_it_up(projector, story):
    web = projector
    start_lesson(web, "chapter_home", speed="instant")
    kept = story.scenes["home_arrival"].discuss
    while reading(web) is not None:
        web.page.keyboard.press("Space")
    web.page.keyboard.press("Space")  # the teacher asks for the prompt
    assert web.text("#class-card-kind") == "Discuss" and kept in web.text("#class-card-body")
    assert "not counted as discussed" in web.text("#class-card-hint")
    # The class talks for twelve seconds (the card's clock moved on, not slept through).
    web.page.evaluate("() => { const c = window.lth.classroom, real = c.now; c.now = () => real() + 12000; }")
    web.page.keyboard.press("Space")
    web.page.evaluate("() => { window.lth.classroom.now = () => performance.now(); }")
    quick = []
    for _ in range(6):  # on to the next prompts, each put away at once (or skipped with Esc)
        web.take(next(c for c in web.view()["scene"]["choices"] if c["available"])["id"])
        scene = web.view()["scene"]["id"]
        for kind, _text in web.read_class_scene():
            if kind == "Discuss":
                quick.append(story.scenes[scene].discuss)
        if len(quick) >= 1:
            break
    assert quick
    report = web.page.evaluate("window.lth.engine.report()")
    discussed = report[report.index('<section id="discussed">') :]
    discussed = discussed[: discussed.index("</section>")]
    assert html.escape(kept) in discussed
    assert all(html.escape(q) not in discussed for q in quick)


def test_the_teacher_note_fits_a_small_window_and_esc_opens_the_menu(projector, story):
    web = projector
    start_lesson(web, "chapter_home", speed="instant")
    for _ in range(10):
        if web.visible("#class-card") and web.text("#class-card-kind") == "For the teacher":
            break
        web.read_class_scene()
        web.take(next(c for c in web.view()["scene"]["choices"] if c["available"])["id"])
    assert web.view()["scene"]["id"] == "home_quarrel"
    card = web.page.locator("#class-card")
    assert "Esc opens the menu" in web.text("#class-card-body")
    assert card.evaluate("e => e.scrollHeight <= e.clientHeight")  # no scrollbar at 800×600
    box = card.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 600
    web.page.keyboard.press("Escape")
    assert web.visible("#menu") and web.visible("#class-card")  # the menu, over the note
    web.page.click("#btn-resume")
    assert web.visible("#class-card") and web.text("#class-card-kind") == "For the teacher"
    web.page.keyboard.press("Space")
    assert not web.visible("#class-card") and web.visible("#scene-text")


def test_in_class_the_pages_are_made_again_when_the_window_changes_size(projector):
    web = projector
    start_lesson(web, "chapter_home", speed="instant")
    small = reading(web)
    assert small is not None and small["page"] == 1 and small["pages"] >= 2
    try:
        web.page.set_viewport_size({"width": 1200, "height": 1000})
        web.page.wait_for_function(f"window.lth.reading().pages < {small['pages']}")
        large = reading(web)  # fewer, larger pages; what was shown stays shown, nothing turned
        assert large["page"] == 1 and large["revealed"] == small["revealed"]
    finally:
        web.page.set_viewport_size({"width": 800, "height": 600})
    web.page.wait_for_function(f"window.lth.reading().pages === {small['pages']}")
    box = web.page.locator("#scene-text").bounding_box()
    assert box["y"] + box["height"] <= 600


def test_the_title_plays_the_theme_and_settings_have_two_volumes(browser, site_url, site):
    """The title asks for the theme (the old single volume, 40, gives the music its value); the
    settings show a music and an ambient sound volume; the exported site carries both cues."""
    assert (site / "assets" / "sounds" / "theme.ogg").is_file()
    assert (site / "assets" / "sounds" / "theme_end.ogg").is_file()
    page = web_page(
        browser, site_url, {"size": "1", "speed": "0", "contrast": False, "motion": True, "volume": 40}
    )
    asked: list[str] = []
    page.page.on("request", lambda request: asked.append(request.url))
    try:
        page.page.goto(page.url)
        page.page.wait_for_function("window.lth && window.lth.shown === true")
        page.page.wait_for_timeout(500)
        assert any(url.endswith("/assets/sounds/theme.ogg") for url in asked), asked
        page.page.click("#btn-settings")
        music = page.page.get_by_label("Music volume")
        ambience = page.page.get_by_label("Ambient sound volume")
        assert music.input_value() == "40" and ambience.input_value() == "40"
        music.fill("70")  # a range input takes fill() as a player's drag
        stored = json.loads(page.page.evaluate("localStorage.getItem('lth.settings')"))
        assert (stored["music"], stored["volume"]) == (70, 40)
        assert page.outside == []
    finally:
        page.page.context.close()


def path_to_a_mood(story) -> tuple[list[str], Session]:
    """The fewest choices from the start to a scene with a point of view and a `mood:`."""
    from collections import deque

    todo = deque([([], Session(story))])
    while todo:
        path, session = todo.popleft()
        scene = session.scene
        if scene.mood not in (None, "neutral") and scene.pov and not scene.end:
            return path, session
        for choice in session.open_choices():
            after = Session(story)
            for taken in [*path, choice.full_id]:
                after.choose(taken)
            todo.append(([*path, choice.full_id], after))
    raise AssertionError("no scene with a mood")


def test_the_pov_face_shows_the_scenes_mood_and_the_panel_leaves_the_subject_clear(web, story):
    path, desktop = path_to_a_mood(story)
    web.new_game()
    for choice_id in path:
        web.take(choice_id)
    scene = desktop.scene
    person = story.people[scene.pov]
    assert web.view()["scene"]["id"] == scene.id
    face = web.page.locator("#scene-face")
    expected = f"assets/portraits/{person.portrait(desktop.year)}_{scene.mood}.png"
    assert face.get_attribute("src") == expected  # the engine's choice, as the desktop draws it
    web.page.wait_for_function("document.querySelector('#scene-face').naturalWidth > 0")
    box = face.bounding_box()
    assert 96 <= box["width"] <= 128 and box["width"] == box["height"]  # a face to read, at 1280x720
    panel = web.page.locator("#play").bounding_box()
    assert web.view()["scene"]["panel"] == "left"  # its backdrop's subject is on the right
    assert panel["x"] + panel["width"] < 1280 * 0.8  # the panel keeps to the left: the right shows
    assert panel["x"] < 1280 - (panel["x"] + panel["width"])
