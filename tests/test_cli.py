"""The command line and the terminal player, driven as a user would: arguments and piped input."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.cli import main
from tests.storykit import BASE, write_story

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "docs" / "example"


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("LAST_TRAIN_HOME_DATA", str(tmp_path / "data"))
    return tmp_path / "data"


def run(argv: list[str], stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_check_clean_story_prints_a_summary_and_exits_0() -> None:
    code, out, _ = run(["check", str(EXAMPLE)])
    assert code == 0
    # the summary names the folder it read (and says "1 discussion prompt", not "prompts")
    assert re.search(
        r"The Phone Card \(\S*example/\): 3 scenes, 3 choices, 2 endings, 1 fact card, "
        r"1 discussion prompt, [\d,]+ words in \d files\.",
        out,
    )
    assert out.strip().endswith("0 errors, 4 warnings.") or "0 errors" in out


def test_check_broken_story_lists_every_error_and_exits_1(tmp_path: Path) -> None:
    root = write_story(
        tmp_path / "s",
        BASE.replace("goto: b\n      - id: rest", "goto: nowhere\n      - id: rest").replace(
            "    place: Dorm\n", "    plase: Dorm\n"
        ),
    )
    code, out, _ = run(["check", str(root)])
    assert code == 1
    lines = [line for line in out.splitlines() if ": error: " in line]
    assert len(lines) == 2
    assert all(line.split(":")[1].isdigit() for line in lines)  # path:line:col
    assert "2 errors" in out


def test_usage_error_exits_2() -> None:
    code, _, _ = run(["check", "--bogus"])
    assert code == 2
    code, _, _ = run(["play", "--set", "nonsense"])
    assert code == 2


def test_terminal_player_with_piped_input(tmp_path: Path, data_dir: Path) -> None:
    code, out, _ = run(["play", "--text", "--story", str(EXAMPLE)], stdin="3\n1\nf\nu\n2\n\nh\nq\n")
    assert code == 0
    assert "Suqin's choice" in out
    assert "3. Call every night this week  [locked: Needs 500 yuan]" in out
    assert "That choice is locked: Needs 500 yuan" in out
    assert "· Qin feels closer (closeness +1)" in out
    assert "Savings: 80 yuan" in out  # the family command after the call
    assert "(undone)" in out
    assert "Ending: Silence" in out
    assert "Zhang Qin: She stops waiting by the phone." in out
    assert "> Sleep; the shift starts at seven" in out  # history shows the choice made
    assert (data_dir / "saves" / "autosave.json").is_file()


def test_terminal_player_shows_the_content_note_before_a_new_game() -> None:
    code, out, _ = run(["play", "--text", "--story", str(EXAMPLE)], stdin="1\ns mine\nl mine\nq\n")
    assert code == 0
    note, first_scene = out.index("A short example about a phone call home."), out.index("Suqin's choice")
    assert out.index("Before you begin") < note < first_scene
    assert out.count("Before you begin") == 1  # not again after a choice or a load


def test_at_a_terminal_the_content_note_waits_for_enter_and_q_leaves(tmp_path: Path) -> None:
    from game.engine import SaveStore, Session
    from game.story import load_story
    from game.textui import TextPlayer

    story = load_story(EXAMPLE, check_assets=False)
    for lines, begins in ((["\n", "q\n"], True), (["q\n"], False)):
        out, queue = io.StringIO(), list(lines)
        player = TextPlayer(
            Session(story),
            SaveStore(tmp_path / "saves"),
            lambda queue=queue: queue.pop(0) if queue else None,
            out,
            width=200,
            autosave=False,
            watch=False,
            pause_after_note=True,
        )
        assert player.run() == 0
        text = out.getvalue()
        assert "A short example about a phone call home." in text and "Enter: begin" in text
        assert ("Suqin's choice" in text) is begins


def test_the_stories_content_note_names_what_is_in_it() -> None:
    from game.story import load_story

    note = " ".join(load_story(ROOT / "story", check_assets=False).content_note.split()).lower()
    for subject in ("earthquake", "schoolchildren", "injur", "shenzhen", "clubs", "grief", "hits", "storm"):
        assert subject in note, subject


def test_terminal_save_and_load(tmp_path: Path) -> None:
    code, out, _ = run(["play", "--text", "--story", str(EXAMPLE)], stdin="1\ns mine\nu\nl mine\nq\n")
    assert code == 0
    assert "Saved as 'mine'." in out and "Loaded 'mine'." in out
    assert out.rsplit("Loaded 'mine'.", 1)[1].count("The line crackles") == 1


def test_terminal_reports_a_damaged_save_and_carries_on(data_dir: Path) -> None:
    (data_dir / "saves").mkdir(parents=True)
    (data_dir / "saves" / "bad.json").write_text("{not json")
    code, out, _ = run(["play", "--text", "--story", str(EXAMPLE)], stdin="l bad\n1\nq\n")
    assert code == 0
    assert "Save 'bad' is damaged and cannot be read." in out
    assert "The line crackles" in out


def test_play_from_any_scene_with_any_state() -> None:
    code, out, _ = run(
        ["play", "--text", "--story", str(EXAMPLE), "--start", "booth", "--set", "qin.closeness=9"],
        stdin="q\n",
    )
    assert code == 0 and "She tells you about school without being asked." in out
    code, _, err = run(["play", "--text", "--story", str(EXAMPLE), "--set", "qin.closenes=9"])
    assert code == 2 and "did you mean 'qin.closeness'" in err


def test_options_before_the_command_are_not_dropped() -> None:
    # `--story DIR check` used to check the shipped story: the command's own --story (unset)
    # overwrote the one given before it.
    code, out, _ = run(["--story", str(EXAMPLE), "check"])
    assert code == 0 and "The Phone Card" in out and "Last Train Home" not in out
    code, out, _ = run(["--story", str(EXAMPLE), "--start", "booth", "play", "--text"], stdin="q\n")
    assert code == 0 and "The line crackles" in out
    code, out, _ = run(["--story", str(EXAMPLE), "explore", "--random", "3"])
    assert code == 0 and "'The Phone Card'" in out
    # Given after the command, it still counts, as before.
    code, out, _ = run(["check", "--story", str(EXAMPLE)])
    assert code == 0 and "The Phone Card" in out


def test_playing_a_broken_story_reports_errors_without_a_traceback(tmp_path: Path) -> None:
    root = write_story(
        tmp_path / "s", BASE.replace("goto: b\n      - id: rest", "goto: nowhere\n      - id: rest")
    )
    code, _, err = run(["play", "--text", "--story", str(root)])
    assert code == 1
    assert "error: unknown scene 'nowhere'" in err and "Traceback" not in err


def test_main_py_runs_as_a_script() -> None:
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "0 errors" in result.stdout


def test_story_and_engine_import_without_pygame() -> None:
    code = (
        "import sys; sys.modules['pygame'] = None\n"
        "import game.story, game.engine, game.textui, game.cli\n"
        "assert 'pygame' not in [m for m in sys.modules if sys.modules[m] is not None]\n"
        "print('ok')"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
