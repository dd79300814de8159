"""The benchmark runner's list of figures, the scripts that print them and bench/README.md agree,
and the runner fails a figure without a valid target. (The benchmarks themselves are not run here:
they measure, they do not test.)"""

from __future__ import annotations

import re
from pathlib import Path

from bench.__main__ import EXPECTED, Figure, checked, verdict

ROOT = Path(__file__).resolve().parents[1]
PRINTED = re.compile(r"RESULT (\w+) ")


def _printed_by(script: str) -> set[str]:
    source = (ROOT / "bench" / script).read_text(encoding="utf-8")
    names = set(PRINTED.findall(source))
    if "RESULT {name}" in source:  # a script that prints its figures from a table of names
        names |= {name for name, _ in EXPECTED[script] if f'"{name}"' in source}
    return names


def test_every_listed_figure_is_printed_by_its_script_and_in_the_readme() -> None:
    readme = (ROOT / "bench" / "README.md").read_text(encoding="utf-8")
    for script, figures in EXPECTED.items():
        for name, _ in figures:
            assert name in _printed_by(script), f"{script} does not print {name}"
            assert f"`{name}`" in readme, f"bench/README.md does not name {name}"


def test_every_printed_figure_is_listed() -> None:
    listed = {name for figures in EXPECTED.values() for name, _ in figures}
    for script in EXPECTED:
        assert _printed_by(script) <= listed, script


def test_a_figure_without_a_valid_target_fails() -> None:
    assert verdict("3", "<=4") == "pass"
    assert verdict("5", "<=4") == "FAIL"
    assert verdict("5", "-").startswith("FAIL")
    assert verdict("5", "about 4").startswith("FAIL")


def test_an_unlisted_or_missing_figure_fails() -> None:
    got = [Figure("surprise", "1", "x", "<=2", "load_bench.py", "pass")]
    rows = {f.name: f.verdict for f in checked("load_bench.py", got, None)}
    assert rows["surprise"].startswith("FAIL") and rows["load_check_ratio"].startswith("FAIL")
