"""docs/vscode.md works as written: its settings name the schema and the story files, its task's
problem matcher reads every line `check` prints, and the story's own schema accepts the files an
author writes (the tutorial's branch too)."""

from __future__ import annotations

import fnmatch
import io
import json
import re
from pathlib import Path

import jsonschema
import yaml

from game.cli import main
from tests.storykit import BASE, write_story
from tests.test_schema import as_json

ROOT = Path(__file__).resolve().parents[1]
PAGE = (ROOT / "docs" / "vscode.md").read_text(encoding="utf-8")


def block(name: str) -> dict:
    found = re.search(rf"<!-- {name} -->\n```json\n(.*?)```", PAGE, re.S)
    assert found, name
    return json.loads(found.group(1))


def test_the_settings_name_the_schema_and_every_story_file() -> None:
    schemas = block("vscode-settings")["yaml.schemas"]
    (schema, patterns), *_ = schemas.items()
    assert (ROOT / schema).is_file()
    files = [p.relative_to(ROOT).as_posix() for p in (ROOT / "story").rglob("*.y*ml")]

    def matches(path: str, glob: str) -> bool:  # as VS Code reads it: "**/" is any folders, or none
        return fnmatch.fnmatch(path, glob) or fnmatch.fnmatch(path, glob.replace("**/", ""))

    assert files and all(any(matches(f, p) for p in patterns) for f in files)


def test_the_task_reads_every_finding_check_prints(tmp_path: Path) -> None:
    task = block("vscode-tasks")["tasks"][0]
    assert task["args"] == ["main.py", "check"]
    pattern = task["problemMatcher"]["pattern"]
    matcher = re.compile(pattern["regexp"])
    broken = write_story(
        tmp_path / "s", BASE.replace("goto: b\n      - id: rest", "goto: nowhere\n      - id: rest")
    )
    out = io.StringIO()
    assert main(["check", str(broken)], out=out, err=io.StringIO()) == 1
    findings = [line for line in out.getvalue().splitlines() if ": error: " in line or ": warning: " in line]
    assert findings
    for line in findings:
        found = matcher.match(line)
        assert found, line
        assert Path(found.group(pattern["file"])).is_file()
        assert int(found.group(pattern["line"])) > 0 and int(found.group(pattern["column"])) > 0
        assert found.group(pattern["severity"]) in ("error", "warning")


def test_the_story_schema_accepts_the_tutorial_branch(tmp_path: Path) -> None:
    target = tmp_path / "story.schema.json"
    assert main(["schema", "-o", str(target)], out=io.StringIO(), err=io.StringIO()) == 0
    validator = jsonschema.Draft202012Validator(json.loads(target.read_text(encoding="utf-8")))
    branch = (ROOT / "tests" / "fixtures" / "tutorial_branch.yaml").read_text(encoding="utf-8")
    assert [e.message for e in validator.iter_errors(as_json(yaml.safe_load(branch)))] == []
    misspelt = branch.replace("pov: ", "pov: suqinn  # ", 1)
    assert misspelt != branch
    assert any("suqinn" in e.message for e in validator.iter_errors(as_json(yaml.safe_load(misspelt))))
