"""docs/story.schema.json: every shipped file validates, and the schema agrees with the loader."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import jsonschema
import pytest
import yaml

from game.story import load_story_with_diagnostics

ROOT = Path(__file__).resolve().parents[1]
SCHEMA = json.loads((ROOT / "docs" / "story.schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)
SHIPPED = sorted([*(ROOT / "story").rglob("*.yaml"), *(ROOT / "docs" / "example").rglob("*.yaml")])


def as_json(value):
    """What a YAML language server hands the schema: mapping keys are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def schema_errors(text: str) -> list[str]:
    return [
        f"{list(e.absolute_path)}: {e.message}" for e in VALIDATOR.iter_errors(as_json(yaml.safe_load(text)))
    ]


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_shipped_story_file_validates(path: Path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0].startswith("# yaml-language-server: $schema=")
    assert schema_errors(text) == []


MANIFEST = """\
format: 1
title: Test
start: dorm
people:
  suqin: {name: Chen Suqin, short: Suqin, portraits: {1990: suqin_young}}
  qin: {name: Zhang Qin}
stats:
  hope: {label: Hope, min: 0, max: 10, start: 5}
resources:
  savings: {start: 100, min: 0, unit: yuan}
flags:
  called: {label: Called home}
"""

CONTENT = """\
defaults:
  chapter: The Call
scenes:
  dorm:
    place: The dormitory
    text: A phone card.
    choices:
      - id: call
        text: Call home
        effects: [called = true, savings -= 20]
        goto: night
      - id: rich
        text: Call every night
        if: savings >= 500
        locked: Needs 500 yuan
        goto: night
  night:
    text: The lights go out.
    variants:
      - if: called
        text: You smile.
    end: true
endings:
  - id: connected
    title: A Voice
    if: called
    text: A call.
    epilogue:
      suqin: She smiles.
      qin:
        - if: qin.hope > 5
          text: She writes back.
        - text: She waits.
  - id: silence
    title: Silence
    text: Quiet.
    epilogue: {suqin: She sleeps., qin: She waits.}
"""


def edit(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


# (name, manifest, content): valid stories, then one structural mistake each.
VALID = [
    ("base", MANIFEST, CONTENT),
    ("flags as a list", edit(MANIFEST, "flags:\n  called: {label: Called home}", "flags: [called]"), CONTENT),
    ("a flag with no details", edit(MANIFEST, "called: {label: Called home}", "called:"), CONTENT),
    ("a portrait as one name", edit(MANIFEST, "portraits: {1990: suqin_young}", "portraits: suqin"), CONTENT),
    (
        "effects as one text",
        MANIFEST,
        edit(CONTENT, "effects: [called = true, savings -= 20]", "effects: called = true"),
    ),
    ("a condition written true", MANIFEST, edit(CONTENT, "if: savings >= 500", "if: true")),
    (
        "from as one scene",
        MANIFEST,
        edit(CONTENT, "    title: Silence\n", "    title: Silence\n    from: night\n"),
    ),
    (
        "a replacing variant",
        MANIFEST,
        edit(CONTENT, "        text: You smile.", "        text: You smile.\n        replace: true"),
    ),
    (
        "next instead of choices",
        MANIFEST,
        edit(
            CONTENT,
            """\
    choices:
      - id: call
        text: Call home
        effects: [called = true, savings -= 20]
        goto: night
      - id: rich
        text: Call every night
        if: savings >= 500
        locked: Needs 500 yuan
        goto: night
""",
            "    next: night\n",
        ),
    ),
]

INVALID = [
    (
        "an unknown scene field",
        MANIFEST,
        edit(CONTENT, "    place: The dormitory", "    place: The dormitory\n    colour: blue"),
    ),
    (
        "a choice without goto",
        MANIFEST,
        edit(
            CONTENT,
            "        effects: [called = true, savings -= 20]\n        goto: night\n",
            "        effects: [called = true, savings -= 20]\n",
        ),
    ),
    ("a choice without text", MANIFEST, edit(CONTENT, "        text: Call home\n", "")),
    ("a scene without text", MANIFEST, edit(CONTENT, "    text: The lights go out.\n", "")),
    ("a scene with next and end", MANIFEST, edit(CONTENT, "    end: true", "    end: true\n    next: dorm")),
    ("end: false", MANIFEST, edit(CONTENT, "    end: true", "    end: false")),
    ("a stat bound in words", edit(MANIFEST, "min: 0, max: 10", "min: low, max: 10"), CONTENT),
    ("a misspelt section", MANIFEST, edit(CONTENT, "scenes:", "scene:")),
    ("a manifest without start", edit(MANIFEST, "start: dorm\n", ""), CONTENT),
    (
        "a manifest without people",
        edit(
            MANIFEST,
            """\
people:
  suqin: {name: Chen Suqin, short: Suqin, portraits: {1990: suqin_young}}
  qin: {name: Zhang Qin}
""",
            "",
        ),
        CONTENT,
    ),
    (
        "an ending without an epilogue",
        MANIFEST,
        edit(CONTENT, "    epilogue: {suqin: She sleeps., qin: She waits.}\n", ""),
    ),
    (
        "an ending without an id",
        MANIFEST,
        edit(CONTENT, "  - id: silence\n    title: Silence", "  - title: Silence"),
    ),
    (
        "variants as a mapping",
        MANIFEST,
        edit(
            CONTENT,
            "      - if: called\n        text: You smile.",
            "      if: called\n      text: You smile.",
        ),
    ),
    ("effects as a number", MANIFEST, edit(CONTENT, "effects: [called = true, savings -= 20]", "effects: 5")),
    ("locked without if", MANIFEST, edit(CONTENT, "        if: savings >= 500\n", "")),
    ("a scene id in capitals", MANIFEST, CONTENT.replace("dorm:", "Dorm:")),
    ("a choice id in capitals", MANIFEST, edit(CONTENT, "id: call", "id: Call")),
    ("a flag that starts 'maybe'", edit(MANIFEST, "{label: Called home}", "{start: maybe}"), CONTENT),
    (
        "choices as a mapping",
        MANIFEST,
        edit(CONTENT, "      - id: rich\n", "      - id: rich\n")
        .replace("    choices:\n      - id: call", "    choices:\n      first:\n        id: call")
        .replace("      - id: rich", "      second:\n        id: rich"),
    ),
    (
        "a fact card without a source",
        MANIFEST,
        CONTENT + "facts:\n  cards: {title: Cards, text: Calls cost.}\n",
    ),
    ("extend with a text", MANIFEST, CONTENT + "extend:\n  dorm:\n    text: More.\n"),
    (
        "replace: yes please",
        MANIFEST,
        edit(CONTENT, "        text: You smile.", "        text: You smile.\n        replace: yes please"),
    ),
    ("a person without a name", edit(MANIFEST, "qin: {name: Zhang Qin}", "qin: {short: Qin}"), CONTENT),
    (
        "a priority in words",
        MANIFEST,
        edit(CONTENT, "    title: A Voice", "    title: A Voice\n    priority: high"),
    ),
    ("a story file that is a list", MANIFEST, "- scenes\n- endings\n"),
]


def write(tmp_path: Path, manifest: str, content: str) -> Path:
    root = tmp_path / "story"
    root.mkdir()
    (root / "story.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (root / "01.yaml").write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("name", "manifest", "content"), VALID + INVALID, ids=[case[0] for case in VALID + INVALID]
)
def test_schema_and_loader_agree(tmp_path, name, manifest, content):
    root = write(tmp_path, manifest, content)
    story, findings = load_story_with_diagnostics(root, check_assets=False)
    loader_error = story is None
    schema_found = schema_errors(manifest) + schema_errors(content)
    expected_error = any(name == case[0] for case in INVALID)
    assert loader_error == expected_error, [str(f) for f in findings if f.severity == "error"]
    assert bool(schema_found) == expected_error, schema_found


def test_locked_without_if_is_caught_by_draft_07_servers_too():
    """VS Code's YAML server validates with draft-07 rules: 'dependencies' says there what
    'dependentRequired' says in 2020-12."""
    choice = {"scenes": {"a": {"text": "x", "choices": [{"text": "t", "goto": "a", "locked": "why"}]}}}
    draft7 = jsonschema.Draft7Validator({k: v for k, v in SCHEMA.items() if k != "$schema"})
    assert any("'if' is a dependency of 'locked'" in e.message for e in draft7.iter_errors(choice))
    assert any("'if' is a dependency of 'locked'" in e.message for e in VALIDATOR.iter_errors(choice))
