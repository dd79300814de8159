"""`schema -o FILE`: the story file schema with this story's own names, for editor completion.

The general schema (docs/story.schema.json) checks the shape of any story. Written for one story,
its named references (scene, person, stat, fact, backdrop, portrait) list that story's ids, so a
YAML editor offers them as you type. Names a branch may add (scenes, facts, pictures) stay open:
any id is still accepted there; people and stats come only from the manifest, so only they are
closed lists.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any, TextIO

from game.paths import shipped_dir

USAGE_ERROR = 2
SCHEMA_NAME = "story.schema.json"  # in docs/, shipped in the wheel as game/shipped/docs/


def story_schema(general: dict[str, Any], names: dict[str, list[str]]) -> dict[str, Any]:
    """The general schema with each named reference listing `names[kind]` (kinds: scene, person,
    stat, fact, backdrop, portrait)."""
    schema = json.loads(json.dumps(general))
    defs = schema["$defs"]
    closed = {"person", "stat"}
    for kind, ids in names.items():
        ref = defs[f"{kind}_ref"]
        listed = {"enum": sorted(ids)}
        if kind in closed:
            defs[f"{kind}_ref"] = {
                "allOf": [{"$ref": "#/$defs/id"}, listed],
                "description": ref["description"],
            }
        else:
            defs[f"{kind}_ref"] = {
                "anyOf": [listed, {"$ref": "#/$defs/id"}],
                "description": ref["description"],
            }
    schema["title"] = f"{general['title']} (with the names of one story)"
    return schema


def _pictures(folder: Path) -> list[str]:
    return sorted(p.stem for p in folder.glob("*.png") if "@" not in p.stem) if folder.is_dir() else []


def register(subparsers: Any, add_common: Any) -> None:
    parser = subparsers.add_parser(
        "schema",
        help="write the story file schema with this story's own names (editor completion)",
        description="Writes a JSON Schema for the story's YAML files whose scene, person, stat, fact, "
        "backdrop and portrait fields list this story's ids, for completion in an editor "
        "(see docs/writing-stories.md, 'Editor setup').",
    )
    parser.add_argument(
        "--story", type=Path, metavar="DIR", help="the story folder (default: the shipped story)"
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="where to write the schema (.json)"
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from game.launch import load_or_report
    from game.story.loader import default_assets_dir
    from game.story.suggest import plural

    story = load_or_report(args.story, err)
    if story is None:
        return 1
    general = json.loads((shipped_dir("docs") / SCHEMA_NAME).read_text(encoding="utf-8"))
    assets = default_assets_dir()
    names = {
        "scene": list(story.scenes),
        "person": list(story.people),
        "stat": list(story.stats),
        "fact": list(story.facts),
        "backdrop": _pictures(assets / "backdrops"),
        "portrait": _pictures(assets / "portraits"),
    }
    text = json.dumps(story_schema(general, names), indent=2, ensure_ascii=False) + "\n"
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as problem:
        print(f"schema: cannot write {args.output}: {problem.strerror or problem}", file=err)
        return 1
    counts = ", ".join(
        plural(len(ids), "person" if kind == "person" else kind).replace(" persons", " people")
        for kind, ids in names.items()
    )
    print(f"Wrote {args.output}: the story schema with {counts}.", file=out)
    return 0
