"""Turns a folder of YAML files into a `Story`, collecting every mistake with its location.

The loader reads in two passes: first every file's names (flags, facts, scenes, endings), so that
any file may name what another declares; then the content. The parts live beside it:
`fields` (typed access with diagnostics), `manifest`, `scenes` (and choices), `endings`.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path
from typing import Any

from game.paths import shipped_dir
from game.safeio import UnreadableFile, find_files, read_regular
from game.story import checks
from game.story.endings import read_ending
from game.story.fields import FieldReader, brief, type_name
from game.story.lessons import read_lessons
from game.story.located import YList, YMap
from game.story.location import (
    Diagnostic,
    SourceLocation,
    StoryError,
    display_path,
)
from game.story.manifest import CONTENT_KEYS, FORMAT_VERSION, MANIFEST, MANIFEST_KEYS, read_manifest
from game.story.model import Ending, Fact, FlagDef, Scene, Story
from game.story.scenes import RawScene, raw_choice_items, read_scene
from game.story.suggest import did_you_mean
from game.story.yamlsource import MAX_FILE_BYTES, read_yaml

__all__ = [
    "FORMAT_VERSION",
    "MANIFEST",
    "default_assets_dir",
    "default_story_dir",
    "load_story",
    "load_story_with_diagnostics",
]

_DEFAULT_KEYS = ("chapter", "place", "when", "pov", "backdrop")


def default_story_dir() -> Path:
    """The story the game ships with."""
    return shipped_dir("story")


def default_assets_dir() -> Path:
    """The pictures, sounds and fonts the game ships with."""
    return shipped_dir("assets")


class _Loader(FieldReader):
    """The state of one load: what the first pass declared, for the second pass to read."""

    def __init__(self, root: Path, assets: Path | None) -> None:
        super().__init__(assets)
        self.root = root
        self.raw_scenes: dict[str, RawScene] = {}
        self.raw_endings: list[tuple[YMap, SourceLocation]] = []
        self.raw_lessons: list[tuple[Any, SourceLocation]] = []  # read by game.story.lessons
        self.facts: dict[str, Fact] = {}
        self.fact_locs: dict[str, SourceLocation] = {}
        self.extends: list[tuple[str, YMap, SourceLocation, SourceLocation]] = []

    def declare(self, data: YMap, shown: str) -> None:
        """Registers the flags, facts, scenes, extensions and endings of one file."""
        if "lessons" in data:
            self.raw_lessons.append((data["lessons"], data.value_loc("lessons")))
        if "flags" in data:
            self.declare_flags(data["flags"], data.value_loc("flags"))
        defaults = None
        if "defaults" in data:
            defaults = self.mapping(data["defaults"], data.value_loc("defaults"), "'defaults'")
            if defaults is not None:
                self.keys(defaults, _DEFAULT_KEYS, "'defaults'")
        if "facts" in data:
            facts = self.mapping(data["facts"], data.value_loc("facts"), "'facts'")
            if facts is not None:
                for fact_id, spec in facts.items():
                    self.declare_fact(fact_id, spec, facts)
        if "scenes" in data:
            scenes = self.mapping(data["scenes"], data.value_loc("scenes"), "'scenes'")
            if scenes is not None:
                self.declare_scenes(scenes, defaults)
        if "extend" in data:
            extend = self.mapping(data["extend"], data.value_loc("extend"), "'extend'")
            if extend is not None:
                for scene_id, spec in extend.items():
                    spec = self.mapping(spec, extend.value_loc(scene_id), f"the extension of '{scene_id}'")
                    if spec is not None:
                        self.extends.append((scene_id, spec, extend.key_loc(scene_id), extend.loc))
        if "endings" in data:
            endings = data["endings"]
            if not isinstance(endings, YList):
                self.error(
                    data.value_loc("endings"),
                    f"'endings' should be a list (lines starting with '- '), not {type_name(endings)}",
                )
            else:
                for index, spec in enumerate(endings):
                    spec = self.mapping(spec, endings.item_loc(index), "an ending")
                    if spec is not None:
                        self.raw_endings.append((spec, endings.item_loc(index)))

    def declare_scenes(self, scenes: YMap, defaults: YMap | None) -> None:
        """Registers the scenes of one file's `scenes:` section, to be read in the second pass."""
        for scene_id, spec in scenes.items():
            loc = scenes.key_loc(scene_id)
            if self.identifier(scene_id, loc, "the scene id") is None:
                continue
            if scene_id in self.raw_scenes:
                first = self.raw_scenes[scene_id].loc
                self.error(loc, f"the scene id '{scene_id}' is used twice (first at {first})")
                continue
            scene = self.mapping(spec, scenes.value_loc(scene_id), f"scene '{scene_id}'")
            if scene is None:
                continue
            self.raw_scenes[scene_id] = RawScene(scene_id, scene, loc, defaults)
            self.names.scenes[scene_id] = None  # the name only: the raw scene is let go once read

    def declare_flags(self, flags: Any, loc: SourceLocation) -> None:
        if isinstance(flags, YList):
            entries = [(name, None, flags.item_loc(i), flags.item_loc(i)) for i, name in enumerate(flags)]
        elif isinstance(flags, YMap):
            entries = [
                (name, spec, flags.key_loc(name), flags.value_loc(name)) for name, spec in flags.items()
            ]
        else:
            self.error(loc, f"'flags' should be a list or a mapping of names, not {type_name(flags)}")
            return
        for name, spec, key_loc, value_loc in entries:
            if self.identifier(name, key_loc, "the flag") is None:
                continue
            taken = self.names.flags.get(name)
            if taken is not None:
                self.error(key_loc, f"the flag '{name}' is declared twice (first at {taken.location})")
                continue
            if name in self.names.resources or name in self.names.people or name in self.names.stats:
                self.error(key_loc, f"'{name}' is already a person, stat or resource")
                continue
            start, label, unset = False, "", ""
            if spec is not None:
                spec = self.mapping(spec, value_loc, f"flag '{name}'")
                if spec is not None:
                    self.keys(spec, ("start", "label", "unset"), f"flag '{name}'")
                    if "start" in spec:
                        if not isinstance(spec["start"], bool):
                            self.error(spec.value_loc("start"), f"flag '{name}' starts true or false")
                        else:
                            start = spec["start"]
                    label = self.text(spec, "label", f"flag '{name}'") or label
                    unset = self.text(spec, "unset", f"flag '{name}'") or unset
            self.names.flags[name] = FlagDef(name, start, label, key_loc, unset)

    def declare_fact(self, fact_id: Any, spec: Any, facts: YMap) -> None:
        loc = facts.key_loc(fact_id)
        if self.identifier(fact_id, loc, "the fact id") is None:
            return
        if fact_id in self.facts:
            self.error(loc, f"the fact '{fact_id}' is defined twice (first at {self.fact_locs[fact_id]})")
            return
        spec = self.mapping(spec, facts.value_loc(fact_id), f"fact '{fact_id}'")
        if spec is None:
            return
        what = f"fact '{fact_id}'"
        self.keys(spec, ("title", "figure", "text", "source", "url"), what)
        self.facts[fact_id] = Fact(
            fact_id,
            self.prose(spec, "title", what, required=True) or fact_id,
            self.prose(spec, "figure", what) or "",
            self.prose(spec, "text", what, required=True) or "",
            self.prose(spec, "source", what, required=True) or "",
            self.url(spec, "url", what),
        )
        self.fact_locs[fact_id] = loc

    def choice_ids(self) -> None:
        """Every choice's full id, known before any `chose(...)` is compiled."""
        for scene_id, spec, key_loc, _ in self.extends:
            raw = self.raw_scenes.get(scene_id)
            if raw is None:
                self.error(
                    key_loc,
                    f"'extend' names the scene '{brief(scene_id)}', which does not exist"
                    + did_you_mean(scene_id, self.raw_scenes),
                )
                continue
            self.keys(spec, ("choices", "variants"), f"the extension of '{scene_id}'")
            for key, target in (("choices", raw.extra_choices), ("variants", raw.extra_variants)):
                if key in spec:
                    items = spec[key]
                    if not isinstance(items, YList):
                        self.error(spec.value_loc(key), f"'{key}' should be a list")
                        continue
                    target.extend((item, items.item_loc(i)) for i, item in enumerate(items))
        for raw in self.raw_scenes.values():
            for item, _ in raw_choice_items(raw):
                if isinstance(item, YMap):
                    local = item.get("id", item.get("goto"))
                    if isinstance(local, str):
                        self.names.choice_ids[f"{raw.id}.{local}"] = None
            if "next" in raw.data:
                self.names.choice_ids[f"{raw.id}.continue"] = None


def _story_files(root: Path, loader: _Loader | None = None) -> list[Path]:
    """The story's YAML files, the manifest first; what had to be skipped is a warning of
    `loader`'s (an error for the story folder itself)."""
    files, problems = find_files(root, (".yaml", ".yml"))
    for where, problem in problems:
        if loader is not None:
            report = loader.diag.error if where == root else loader.diag.warning
            report(SourceLocation(display_path(where)), problem)
    return sorted(files, key=lambda p: (p.name != MANIFEST or p.parent != root, str(p.relative_to(root))))


def _read_files(loader: _Loader, manifest_path: Path) -> tuple[list[tuple[Path, str, YMap]], str] | None:
    """Every story file of the folder as (path, path shown in messages, document), the manifest
    first, and a fingerprint of their bytes; None when the manifest cannot be read (nothing
    else can be read without it)."""
    documents: list[tuple[Path, str, YMap]] = []
    digest = hashlib.sha256()
    root = loader.root
    real_root = root.resolve()
    for path in _story_files(root, loader):
        shown = display_path(path)
        if not path.resolve().is_relative_to(real_root):
            # A link could make `check` read any file of the player's (and show parts of it).
            loader.error(
                SourceLocation(shown, 1, 1),
                "this file is a link to a file outside the "
                "story folder, which is not read: copy the "
                "file into the folder instead",
            )
            if path == manifest_path:
                return None
            loader.incomplete = True
            continue
        try:  # read_yaml reports a file it cannot read
            data = read_regular(path, MAX_FILE_BYTES)
            digest.update(str(path.relative_to(root)).encode() + b"\0" + data + b"\0")
        except (OSError, UnreadableFile):
            pass
        errors_before = len(loader.diag.errors)
        data = read_yaml(path, shown, loader.diag)
        if data is None and len(loader.diag.errors) == errors_before:
            # An empty document (blank, comments only, '~'): nothing failed, but nothing is there.
            if path == manifest_path:
                loader.error(
                    SourceLocation(shown, 1, 1),
                    "the manifest is empty: it needs at least 'title', 'start' and 'people'",
                )
                return None
            loader.diag.warning(SourceLocation(shown, 1, 1), "the file is empty")
            continue
        if data is None:
            loader.incomplete = True
            if path == manifest_path:
                return None
            continue
        if not isinstance(data, YMap):
            loader.error(
                SourceLocation(shown, 1, 1), "a story file should be a mapping of sections such as 'scenes:'"
            )
            continue
        documents.append((path, shown, data))
    return documents, digest.hexdigest()[:16]


def load_story_with_diagnostics(
    root: Path, assets: Path | None = None, check_assets: bool = True, *, draft: bool = False
) -> tuple[Story | None, list[Diagnostic]]:
    """Loads and checks a story; returns it (None if it has errors) and every finding, sorted.

    In `draft` mode a scene (or ending) that nothing leads to yet is a warning, not an error."""
    root = Path(root)
    if assets is None and check_assets:
        assets = default_assets_dir()
    loader = _Loader(root, assets if check_assets else None)
    manifest_path = root / MANIFEST
    problem = _not_a_story_folder(root, manifest_path)
    if problem is not None:
        loader.error(*problem)
        return None, loader.diag.sorted()
    read = _read_files(loader, manifest_path)
    if read is None:
        return None, loader.diag.sorted()
    documents, fingerprint = read

    info = _declare(loader, documents, manifest_path)  # first pass: every name the story declares
    files = tuple(shown for _, shown, _ in documents)
    # Each scene's located values are let go of as soon as the scene is read, so that the model
    # grows into the memory the read files held (all of them are held until here: any file may
    # name what another declares).
    del documents, read
    scenes = {}
    for sid in list(loader.raw_scenes):
        scenes[sid] = read_scene(loader, loader.raw_scenes.pop(sid), loader.facts)
    endings = _read_endings(loader, scenes)
    start = _start_scene(loader, info, manifest_path)
    story = Story(
        title=info.get("title", "Untitled"),
        start=start or "",
        people=dict(loader.names.people),
        stats=dict(loader.names.stats),
        resources=dict(loader.names.resources),
        flags=dict(loader.names.flags),
        scenes=scenes,
        endings=endings,
        facts=dict(loader.facts),
        title_native=info.get("title_native", ""),
        version=info.get("version", ""),
        content_note=info.get("content_note", ""),
        synopsis=info.get("synopsis", ""),
        root=root,
        fingerprint=fingerprint,
        files=files,
        lessons=read_lessons(loader.raw_lessons, scenes, loader.names, loader.diag, loader.incomplete),
        draft=draft,
    )
    if start is not None and not loader.diag.errors:
        checks.check_story(
            story,
            loader.diag,
            loader.condition_reads,
            loader.effects,
            SourceLocation(display_path(manifest_path), 1, 1),
            draft=draft,
        )
    findings = loader.diag.sorted()
    if any(d.severity == "error" for d in findings):
        return None, findings
    return _with_warnings(story, findings), findings


def _not_a_story_folder(root: Path, manifest_path: Path) -> tuple[SourceLocation, str] | None:
    """Where and why `root` is no story folder (a file, nothing, no manifest); None if it is one."""
    if root.is_file():
        return (
            SourceLocation(str(root)),
            f"this is a file, not a story folder: give the folder that holds {MANIFEST}",
        )
    if not root.is_dir():
        return SourceLocation(str(root)), "there is no story folder here"
    if not manifest_path.is_file():
        return SourceLocation(display_path(manifest_path)), f"a story folder needs a manifest '{MANIFEST}'"
    return None


def _declare(loader: _Loader, documents: list[tuple[Path, str, YMap]], manifest_path: Path) -> dict[str, Any]:
    """The first pass over every file: the manifest's fields, and each name declared anywhere
    (scenes, flags, facts, choices), so that the second pass can check references to them."""
    info: dict[str, Any] = {}
    for path, shown, data in documents:
        if path == manifest_path:
            info = read_manifest(loader, data)
        else:
            for key in data:
                if key not in CONTENT_KEYS:
                    hint = " (that belongs in story.yaml)" if key in MANIFEST_KEYS else ""
                    loader.error(
                        data.key_loc(key),
                        f"unknown section '{brief(key)}'{hint}" + did_you_mean(key, CONTENT_KEYS),
                    )
        loader.declare(data, shown)
    loader.choice_ids()
    return info


def _read_endings(loader: _Loader, scenes: dict[str, Scene]) -> tuple[Ending, ...]:
    """The well-formed endings, highest priority first (equal priorities keep the reading order)."""
    seen: dict[str, SourceLocation] = {}
    endings = [
        ending
        for spec, loc in loader.raw_endings
        if (ending := read_ending(loader, spec, loc, seen, scenes)) is not None
    ]
    endings.sort(key=lambda ending: -ending.priority)
    return tuple(endings)


def _start_scene(loader: _Loader, info: dict[str, Any], manifest_path: Path) -> str | None:
    """The manifest's start scene if it exists; a story with none is an error."""
    start = None
    if info.get("start") is not None:
        start_id, start_loc = info["start"]
        if loader.target_exists(start_id, start_loc, "'start'"):
            start = start_id
    if start is None and not loader.diag.errors:  # never hand out a story with nowhere to begin
        loader.error(SourceLocation(display_path(manifest_path), 1, 1), "the story has no start scene")
    return start


def _with_warnings(story: Story, findings: list[Diagnostic]) -> Story:
    return replace(story, warnings=tuple(d for d in findings if d.severity == "warning"))


def load_story(
    root: Path, assets: Path | None = None, check_assets: bool = True, *, draft: bool = False
) -> Story:
    """Loads a story or raises StoryError with every finding (`draft`: see above)."""
    story, findings = load_story_with_diagnostics(root, assets, check_assets, draft=draft)
    if story is None:
        raise StoryError(findings)
    return story
