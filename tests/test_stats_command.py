"""`main.py stats`: a teacher exports one computer's classes and imports them on another."""

from __future__ import annotations

import io
from pathlib import Path

from game.cli import main
from game.engine.explore import random_playthrough
from game.engine.record import record_from_session
from game.story import default_story_dir, load_story


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(argv, out=out, err=err), out.getvalue(), err.getvalue()


def test_export_then_import_on_another_computer_counts_each_class_once(tmp_path: Path) -> None:
    story = load_story(default_story_dir())
    room_a, room_b = tmp_path / "a", tmp_path / "b"
    for seed in range(3):
        record_from_session(random_playthrough(story, seed)[1]).save(room_a)
    for seed in range(3, 5):
        record_from_session(random_playthrough(story, seed)[1]).save(room_b)

    code, out, _ = run(["stats", "--sessions", str(room_a), "--export", str(tmp_path / "a.json")])
    assert code == 0 and "Exported 3 class sessions" in out

    code, out, _ = run(["stats", "--sessions", str(room_b), "--import", str(tmp_path / "a.json")])
    assert code == 0 and "Imported 3 new class sessions" in out and "5 in all" in out
    code, out, _ = run(["stats", "--sessions", str(room_b), "--import", str(tmp_path / "a.json")])
    assert code == 0 and "Imported 0 new class sessions" in out and "5 in all" in out

    # The import is kept beside the sessions folder, not in it: room b's folder holds its own two.
    assert len(list(room_b.glob("*.json"))) == 2
    assert len(list((tmp_path / "imported-statistics").glob("*.json"))) == 1
    code, out, _ = run(["stats", "--sessions", str(room_b)])
    assert code == 0
    assert "Last Train Home: 5 class sessions on record." in out
    assert "leave the village" in out and "%" in out and "Endings:" in out


def test_importing_a_damaged_file_is_a_clear_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    code, _, err = run(["stats", "--sessions", str(tmp_path / "s"), "--import", str(bad)])
    assert code == 1 and "not valid JSON" in err and "Traceback" not in err
