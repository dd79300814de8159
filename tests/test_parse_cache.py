"""The parse cache: an unchanged story loads without parsing YAML, and gives exactly what parsing
gives; an edited, damaged or tampered cache is never believed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from game.paths import CACHE_ENV
from game.story import load_story_with_diagnostics, parsecache, yamlsource

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    return folder


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("the YAML parser ran although the cache holds every file")

    monkeypatch.setattr(yamlsource, "_build", refuse)


def _same(a: object, b: object) -> bool:
    if isinstance(a, yamlsource.YMap):
        return (
            isinstance(b, yamlsource.YMap)
            and a.loc == b.loc
            and list(a) == list(b)
            and all(a.key_loc(k) == b.key_loc(k) and a.value_loc(k) == b.value_loc(k) for k in a)
            and all(_same(a[k], b[k]) for k in a)
        )
    if isinstance(a, yamlsource.YList):
        return (
            isinstance(b, yamlsource.YList)
            and a.loc == b.loc
            and len(a) == len(b)
            and all(a.item_loc(i) == b.item_loc(i) for i in range(len(a)))
            and all(_same(x, y) for x, y in zip(a, b, strict=True))
        )
    return type(a) is type(b) and (a == b or a != a and b != b)  # NaN is NaN


def test_a_cached_file_reads_back_exactly_as_parsed_with_every_location(cache, tmp_path):
    source = tmp_path / "odd.yaml"
    source.write_text(
        "title: 'quoted'\nnumbers: [1, -2, 3.5, .nan, .inf]\nflags: {yes: on, 7: null, ~: x}\n"
        "nested:\n  - a: |\n      two\n      lines\n  - [deep, [deeper, [deepest]]]\n"
        "empty_map: {}\nempty_list: []\nunicode: 归途列车 \U0001f686\n",
        encoding="utf-8",
    )
    found = yamlsource.Diagnostics()
    parsed = yamlsource.read_yaml(source, "odd.yaml", found)
    assert not found.items and any(cache.iterdir())
    hit, cached = parsecache.load(
        "odd.yaml", source.read_bytes(), yamlsource.MAX_DEPTH, yamlsource.MAX_NUMBER
    )
    assert hit and _same(parsed, cached)


def test_the_shipped_story_loads_from_the_cache_with_the_same_findings(cache, monkeypatch):
    story_dir = ROOT / "story"
    first, first_findings = load_story_with_diagnostics(story_dir)
    assert first is not None
    _no_parsing(monkeypatch)
    second, second_findings = load_story_with_diagnostics(story_dir)
    assert second is not None
    assert [str(d) for d in second_findings] == [str(d) for d in first_findings]
    assert second.scenes.keys() == first.scenes.keys()
    assert second.fingerprint == first.fingerprint
    for sid, scene in first.scenes.items():
        assert second.scenes[sid].location == scene.location
        assert [c.id for c in second.scenes[sid].choices] == [c.id for c in scene.choices]


def test_an_edited_file_is_parsed_again_and_its_mistake_located(cache, example_story):
    assert load_story_with_diagnostics(example_story)[0] is not None
    scenes = next(p for p in example_story.glob("*.yaml") if "scenes:" in p.read_text(encoding="utf-8"))
    text = scenes.read_text(encoding="utf-8")
    scenes.write_text(text + "\n  broken: [unclosed\n", encoding="utf-8")
    story, findings = load_story_with_diagnostics(example_story)
    assert story is None
    assert any(scenes.name in str(d) and "YAML" in d.message for d in findings)
    # A file with errors is never cached: it is reported again on the next load.
    again = load_story_with_diagnostics(example_story)[1]
    assert [str(d) for d in again] == [str(d) for d in findings]


@pytest.mark.parametrize(
    "damage",
    [
        "not json at all",
        "",
        json.dumps({"m": 1}),
        json.dumps(["m", 1, 1, ["key"], [], [1, 1, 1, 6]]),  # a value missing
        json.dumps(["m", 1, 1, ["key"], ["v"], [1, 1, 1]]),  # a place missing
        json.dumps(["m", 1, 1, ["key"], ["v"], [1, 1, 1, -6]]),  # a place that is no place
        json.dumps(["s", 1, 1, ["a"], [1, 1.5]]),  # a column that is not a whole number
        json.dumps(["m", "1", 1, [], [], []]),  # a line that is not a number
        json.dumps(["x", 1, 1, [], [], []]),  # no such container
        json.dumps(["m", 1, 1, [["list", "key"]], ["v"], [1, 1, 1, 6]]),  # a key that is a container
        json.dumps(["m", 1, 1, ["k"], [10**20], [1, 1, 1, 5]]),  # a number no story may hold
        json.dumps(["m", 1, 1, ["k", "k"], ["a", "b"], [1, 1, 1, 5, 2, 1, 2, 5]]),  # a key twice
        "[" * 100_000 + "]" * 100_000,  # nesting that would recurse
    ],
)
def test_a_damaged_or_tampered_entry_is_a_miss_and_the_story_still_loads(cache, example_story, damage):
    story, findings = load_story_with_diagnostics(example_story)
    assert story is not None
    entries = list(cache.glob("*.json"))
    assert entries
    for entry in entries:
        entry.write_text(damage, encoding="utf-8")
    again, again_findings = load_story_with_diagnostics(example_story)
    assert again is not None and again.scenes.keys() == story.scenes.keys()
    assert [str(d) for d in again_findings] == [str(d) for d in findings]


def test_cache_off_writes_nothing(tmp_path, monkeypatch, example_story):
    monkeypatch.setenv(CACHE_ENV, "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert load_story_with_diagnostics(example_story)[0] is not None
    assert not (tmp_path / "home").exists() and not (tmp_path / "xdg").exists()


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="needs a folder root cannot write")
def test_a_cache_folder_that_refuses_writes_changes_nothing(cache, example_story):
    cache.mkdir()
    cache.chmod(0o500)
    try:
        assert load_story_with_diagnostics(example_story)[0] is not None
    finally:
        cache.chmod(0o700)


def test_the_cache_stays_bounded(cache, tmp_path):
    for n in range(parsecache.MAX_ENTRIES + 10):
        source = tmp_path / f"f{n}.yaml"
        source.write_text(f"n: {n}\n", encoding="utf-8")
        yamlsource.read_yaml(source, source.name, yamlsource.Diagnostics())
    assert len(list(cache.glob("*.json"))) <= parsecache.MAX_ENTRIES


def test_a_warm_start_does_not_even_import_pyyaml(cache):
    code = (
        "import sys\nfrom game.story import default_story_dir, load_story\n"
        "load_story(default_story_dir())\nprint('yaml' in sys.modules)"
    )
    env = {**os.environ, CACHE_ENV: str(cache)}
    runs = [
        subprocess.run(
            [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs == [["True"], ["False"]]


_json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text(max_size=5)
    | st.sampled_from(["m", "s"]),
    lambda inner: st.lists(inner, max_size=12),
    max_leaves=60,
)


@settings(max_examples=300, deadline=None)
@given(_json_values)
def test_any_entry_is_either_a_document_or_a_miss(value) -> None:
    # What a tampered cache could hold: decoding returns plain located values or refuses, and
    # never raises anything else.
    try:
        document = parsecache._decode(value, "x.yaml", yamlsource.MAX_DEPTH, yamlsource.MAX_NUMBER)
    except parsecache.NotAnEntry:
        return
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, yamlsource.YMap):
            assert [key for key, *_ in item.located_items()] == list(item)
            stack.extend(item.values())
        elif isinstance(item, yamlsource.YList):
            assert len(list(item.located_items())) == len(item)
            stack.extend(item)
        else:
            assert item is None or isinstance(item, (str, int, float))
