"""The README's quick start is what CI runs, so the two cannot drift apart."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    test_command = next(line for line in ci_lines if "pytest" in line)
    assert test_command in readme
    assert "main.py check" in "\n".join(ci_lines)


def test_quick_start_has_exactly_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("```", 2)[1]
    commands = [line for line in quick.splitlines()[1:] if line.strip() and not line.startswith("#")]
    assert len(commands) == 2
    assert commands[0].endswith(".venv/bin/python main.py")
    assert "pytest" in commands[1]


def test_the_readme_names_the_keys_the_game_answers_to() -> None:
    from game.ui.screens.keys import KEYS

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    how = readme.split("### How to play", 1)[1].split("###", 1)[0]
    assert "Tab shows the family" not in how  # Tab moves the highlight; F shows the family
    for _, rows in KEYS:
        for keys, _ in rows:
            if keys in ("F5",) or "on a choice" in keys:
                continue  # F5 is for authors
            for name in keys.replace("–", ",").replace("↑ ↓", "arrow").split(","):
                name = name.strip()
                if name and not name.isdigit() and name not in ("PgUp", "PgDn", "Home", "End"):
                    assert name.split()[0] in how, name
