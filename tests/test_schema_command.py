"""`schema -o FILE`: the schema with the story's own names, as an editor would use it."""

from __future__ import annotations

import io
import json
from pathlib import Path

import jsonschema
import yaml

from game.cli import main
from tests.test_schema import as_json

ROOT = Path(__file__).resolve().parents[1]


def written_schema(tmp_path: Path) -> dict:
    out = io.StringIO()
    assert main(["schema", "-o", str(tmp_path / "s.json")], out=out, err=io.StringIO()) == 0
    assert "97 scenes" in out.getvalue() or "scenes" in out.getvalue()
    return json.loads((tmp_path / "s.json").read_text(encoding="utf-8"))


def errors(schema: dict, text: str) -> list[str]:
    validator = jsonschema.Draft202012Validator(schema)
    return [e.message for e in validator.iter_errors(as_json(yaml.safe_load(text)))]


def test_every_field_of_the_general_schema_says_what_it_is():
    schema = json.loads((ROOT / "docs" / "story.schema.json").read_text(encoding="utf-8"))
    undescribed = []

    def walk(node, path):
        if isinstance(node, dict):
            for name, field in node.get("properties", {}).items():
                if isinstance(field, dict) and "description" not in field:
                    undescribed.append(f"{path}/{name}")
            for key, value in node.items():
                walk(value, f"{path}/{key}")
        elif isinstance(node, list):
            for value in node:
                walk(value, path)

    walk(schema, "")
    assert undescribed == []


def test_the_shipped_story_validates_against_its_own_schema(tmp_path):
    schema = written_schema(tmp_path)
    for path in sorted((ROOT / "story").glob("*.yaml")):
        assert errors(schema, path.read_text(encoding="utf-8")) == [], path.name


def test_the_story_schema_offers_the_story_names(tmp_path):
    defs = written_schema(tmp_path)["$defs"]
    assert "suqin" in defs["person_ref"]["allOf"][1]["enum"]
    assert "closeness" in defs["stat_ref"]["allOf"][1]["enum"]
    assert "after_next_new_year" in defs["scene_ref"]["anyOf"][0]["enum"]
    assert "chunyun" in defs["fact_ref"]["anyOf"][0]["enum"]
    assert "station_square_sleet" in defs["backdrop_ref"]["anyOf"][0]["enum"]


def test_a_misspelt_person_is_underlined_but_a_new_scene_is_not(tmp_path):
    schema = written_schema(tmp_path)
    branch = (
        "scenes:\n  my_new_scene:\n    pov: suqim\n    text: Hello.\n"
        "    choices:\n      - text: Walk on\n        goto: another_new_scene\n"
    )
    found = errors(schema, branch)
    assert len(found) == 1 and "suqim" in found[0]
    assert errors(schema, branch.replace("suqim", "suqin")) == []


def test_an_unwritable_output_is_a_sentence_not_a_traceback(tmp_path):
    err = io.StringIO()
    assert main(["schema", "-o", str(tmp_path / "missing" / "s.json")], out=io.StringIO(), err=err) == 1
    assert err.getvalue().startswith("schema: cannot write")
