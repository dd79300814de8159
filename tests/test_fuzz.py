"""A fast slice of the story fuzzer (tools/fuzz_story.py runs the long version).

Every mutated story — lines deleted, duplicated or swapped, indentation broken, ids and keys
changed, values of the wrong type, truncation, random bytes, invalid UTF-8, YAML syntax, broken
expressions, and the hostile kinds (control characters, huge words and numbers, script links,
loops) — must be checked within seconds, without a traceback, with every finding located.
"""

from __future__ import annotations

from pathlib import Path

from tools.fuzz_story import MUTATORS, Report, check_output, fuzz

ROOT = Path(__file__).resolve().parents[1]


def _assert_clean(report: Report) -> None:
    assert not report.problems, "\n\n".join(str(p) for p in report.problems[:5])


def test_mutated_example_stories_are_checked_cleanly() -> None:
    report = fuzz(ROOT / "docs" / "example", cases=200, seed=20261123, subprocess_every=100)
    _assert_clean(report)
    assert report.cases == 200 and report.subprocess_runs == 2
    assert set(report.kinds) == set(MUTATORS)  # every kind of mutation was tried
    assert report.findings > 200  # the mutations really broke things
    assert report.slowest < 5


def test_mutated_shipped_stories_are_checked_cleanly() -> None:
    report = fuzz(ROOT / "story", cases=15, seed=7, subprocess_every=15)
    _assert_clean(report)


def test_the_output_check_catches_what_it_should() -> None:
    assert check_output("story/a.yaml:3:5: error: unknown scene 'x'\n1 error, 0 warnings.\n") == []
    assert check_output("Traceback (most recent call last):\n")
    assert check_output("story/a.yaml: error: no line\n") == []  # a path that is not a file
    assert check_output(f"{ROOT / 'main.py'}: error: a file without a line\n")
    assert check_output("half a message that went on\n")
