"""Saves survive edits: play a copy of the shipped story, save, edit the copy, load.

The save must load as far as its decision log still fits the edited story, and say what it could
not restore. The edits are made the way an author makes them, in the YAML text, at the places the
loader located (so they work on whatever the shipped story holds today). When story/ does not load
(the writers are at work), docs/example/ stands in for it.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from game.engine import SaveStore
from game.engine.explore import random_playthrough
from game.story import load_story_with_diagnostics
from game.story.location import Diagnostics
from game.story.yamlsource import YList, YMap, read_yaml

ROOT = Path(__file__).resolve().parents[1]


def _source() -> Path:
    story, _ = load_story_with_diagnostics(ROOT / "story", check_assets=False)
    return ROOT / "story" if story is not None else ROOT / "docs" / "example"


@dataclass
class Played:
    root: Path
    store: SaveStore
    log: list[str]


def _load(root: Path):
    story, findings = load_story_with_diagnostics(root, check_assets=False)
    assert story is not None, [str(f) for f in findings if f.severity == "error"][:5]
    return story


@pytest.fixture
def played(tmp_path) -> Played:
    """A copy of the story, played some way in by seeded random choices, and saved in slot '1'."""
    root = tmp_path / "story"
    shutil.copytree(_source(), root)
    story = _load(root)
    for seed in range(50):  # a playthrough long enough to edit its middle
        playthrough, _ = random_playthrough(story, seed)
        if len(playthrough.path) >= 3 and playthrough.failure is None:
            break
    steps = playthrough.path[: max(3, min(14, len(playthrough.path) - 1))]
    _, session = random_playthrough(story, seed, max_steps=len(steps))
    assert list(session.state.log) == list(steps)
    store = SaveStore(tmp_path / "saves")
    store.save("1", session)
    return Played(root, store, list(steps))


# ----------------------------------------------------------------------------- editing helpers


def _files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.yaml"))


def _read(path: Path):
    return read_yaml(path, str(path), Diagnostics())


def _replace_at(path: Path, line: int, column: int, old: str, new: str) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    text = lines[line - 1]
    assert text[column - 1 : column - 1 + len(old)] == old, (text, old)
    lines[line - 1] = text[: column - 1] + new + text[column - 1 + len(old) :]
    path.write_text("\n".join(lines), encoding="utf-8")


def _replace_word(root: Path, old: str, new: str) -> None:
    """Replaces an id wherever it stands as a whole word (targets, conditions, chose(...))."""
    pattern = re.compile(rf"(?<![A-Za-z0-9_]){re.escape(old)}(?![A-Za-z0-9_])")
    for path in _files(root):
        text = path.read_text(encoding="utf-8")
        path.write_text(pattern.sub(new, text), encoding="utf-8")


def _choice_spec(root: Path, full_id: str) -> tuple[Path, YMap]:
    """The YAML mapping that defines a choice, in `scenes:` or in an `extend:`."""
    scene, _, local = full_id.rpartition(".")
    for path in _files(root):
        data = _read(path)
        if not isinstance(data, YMap):
            continue
        for section in ("scenes", "extend"):
            table = data.get(section)
            if not isinstance(table, YMap) or not isinstance(table.get(scene), YMap):
                continue
            choices = table[scene].get("choices")
            for item in choices if isinstance(choices, YList) else []:
                if isinstance(item, YMap) and item.get("id", item.get("goto")) == local:
                    return path, item
    raise AssertionError(f"no choice {full_id}")


def _restored(store: SaveStore, root: Path):
    result = store.load("1", _load(root))
    return result, list(result.session.state.log)


# ----------------------------------------------------------------------------- the edits


def test_an_unchanged_story_restores_everything(played):
    result, log = _restored(played.store, played.root)
    assert log == played.log
    assert result.messages == []


def test_a_renamed_scene(played):
    index = len(played.log) // 2
    scene = played.log[index].rpartition(".")[0]
    _replace_word(played.root, scene, f"{scene}_renamed")
    result, log = _restored(played.store, played.root)
    # Every decision up to the first one that names the scene (as where it was taken, or as the
    # target a choice id comes from) still fits; that one and all after it do not.
    first = next(i for i, d in enumerate(played.log) if scene in re.split(r"\.", d))
    assert log == played.log[:first]
    if first == index:  # it stopped at the renamed scene itself
        assert result.session.state.scene == f"{scene}_renamed"
    assert f"{first} of {len(played.log)} decisions could be restored" in result.messages[-1]


def test_an_inserted_scene(played):
    index = len(played.log) // 2
    path, spec = _choice_spec(played.root, played.log[index])
    target = spec["goto"]
    loc = spec.value_loc("goto")
    _replace_at(path, loc.line, loc.column, target, "inserted_scene")
    (played.root / "zz_inserted.yaml").write_text(
        f"scenes:\n  inserted_scene:\n    text: A scene written after the save.\n    next: {target}\n",
        encoding="utf-8",
    )
    result, log = _restored(played.store, played.root)
    if "id" in spec:  # the choice keeps its id and now leads to the new scene
        assert log == played.log[: index + 1]
        assert result.session.state.scene == "inserted_scene"
    else:  # its id came from its target, which changed
        assert log == played.log[:index]
    assert f"{len(log)} of {len(played.log)} decisions could be restored" in result.messages[-1]
    assert f"after '{result.session.state.scene}' no longer fit" in result.messages[-1]


def _scene_block(path: Path, scene: str) -> tuple[int, int]:
    """The lines (0-based, end exclusive) of a scene's entry under `scenes:`."""
    data = _read(path)
    scenes = data["scenes"]
    keys = list(scenes)
    start = scenes.key_loc(scene).line - 1
    lines = path.read_text(encoding="utf-8").split("\n")
    after = keys.index(scene) + 1
    if after < len(keys):
        end = scenes.key_loc(keys[after]).line - 1
    else:  # the last scene: up to the next top-level key, or the end of the file
        end = next((i for i in range(start + 1, len(lines)) if re.match(r"[A-Za-z_]", lines[i])), len(lines))
    return start, end


def test_a_removed_scene(played, tmp_path):
    # Remove a scene the playthrough went through, sending what led there to where it led on.
    tried = []
    for index in range(1, len(played.log)):
        scene = played.log[index].rpartition(".")[0]
        if scene in tried or scene == played.log[index - 1].rpartition(".")[0]:
            continue
        tried.append(scene)
        trial = tmp_path / f"trial_{scene}"
        shutil.copytree(played.root, trial)
        story = _load(trial)
        onward = story.scenes[scene].choices[0].goto
        path = next(
            p
            for p in _files(trial)
            if isinstance(_read(p), YMap)
            and isinstance(_read(p).get("scenes"), YMap)
            and scene in _read(p)["scenes"]
        )
        start, end = _scene_block(path, scene)
        lines = path.read_text(encoding="utf-8").split("\n")
        path.write_text("\n".join(lines[:start] + lines[end:]), encoding="utf-8")
        _replace_word(trial, scene, onward)
        edited, _ = load_story_with_diagnostics(trial, check_assets=False)
        if edited is None:  # this scene cannot simply be cut out (a condition names it, ...)
            continue
        result = played.store.load("1", edited)
        log = list(result.session.state.log)
        led_there = played.log[index - 1]
        kept_id = led_there.rpartition(".")[2] != scene
        assert log == played.log[: index if kept_id else index - 1]
        assert scene not in edited.scenes
        assert "decisions could be restored" in result.messages[-1]
        return
    pytest.fail(f"no scene of the playthrough could be removed: tried {tried}")


def test_a_changed_choice_id(played):
    written = [
        i
        for i, d in enumerate(played.log)
        if not d.endswith(".continue") and "id" in _choice_spec(played.root, d)[1]
    ]
    if not written:
        pytest.skip("no decision of this playthrough has a written id")
    index = written[len(written) // 2]
    decision = played.log[index]
    path, spec = _choice_spec(played.root, decision)
    loc = spec.value_loc("id")
    scene, _, old = decision.rpartition(".")
    _replace_at(path, loc.line, loc.column, old, f"{old}_v2")
    _replace_word(played.root, decision, f"{scene}.{old}_v2")  # chose(...) that name it
    result, log = _restored(played.store, played.root)
    assert log == played.log[:index]
    assert result.session.state.scene == scene
    assert (
        f"{index} of {len(played.log)} decisions could be restored; {len(played.log) - index} "
        f"after '{scene}' no longer fit"
    ) in result.messages[-1]
