"""A story folder as one JSON document, pre-parsed, for a Python without a YAML library.

The browser edition runs this package under Pyodide, which has no PyYAML. `make_bundle` (run where
PyYAML is) keeps every story file's exact text beside its located parse, in the parse cache's own
layout; `unpack` (run in the browser) writes the files back into a folder and primes the parse
cache with those parses, so the unchanged loader reads the story without parsing YAML at all, and
the story's fingerprint (a digest of the files' bytes) is the same as on the desktop.
"""

from __future__ import annotations

import json
import os
from pathlib import Path, PurePosixPath
from typing import Any

from game.paths import CACHE_ENV
from game.story import parsecache
from game.story.location import Diagnostics, display_path
from game.story.yamlsource import read_yaml

BUNDLE_FORMAT = 1
BUNDLE_KIND = "last-train-home story bundle"


class BundleError(ValueError):
    """A bundle that is not one `make_bundle` wrote, in a sentence."""


def make_bundle(root: Path, files: list[Path]) -> dict[str, Any]:
    """The story files (as the loader lists them) with their text and located parse."""
    entries = []
    for path in files:
        shown = display_path(path)
        diagnostics = Diagnostics()
        document = read_yaml(path, shown, diagnostics)
        if diagnostics.errors:
            raise BundleError(str(diagnostics.errors[0]))
        entries.append(
            {
                "path": path.relative_to(root).as_posix(),
                "text": path.read_bytes().decode("utf-8"),
                "parsed": parsecache.encode(document),
            }
        )
    return {"kind": BUNDLE_KIND, "format": BUNDLE_FORMAT, "files": entries}


def unpack(bundle: Any, root: Path, cache: Path) -> Path:
    """Writes a bundle's files under `root` and their parses into the parse cache at `cache`.

    Returns `root`, ready for `load_story`; raises BundleError if the bundle is malformed or
    names a path outside `root`.
    """
    if not isinstance(bundle, dict) or bundle.get("kind") != BUNDLE_KIND:
        raise BundleError("this is not a story bundle")
    if bundle.get("format") != BUNDLE_FORMAT:
        raise BundleError(f"the story bundle has format {bundle.get('format')}, not {BUNDLE_FORMAT}")
    os.environ[CACHE_ENV] = str(cache)
    for entry in bundle.get("files", []):
        relative = PurePosixPath(str(entry.get("path", "")))
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise BundleError(f"the story bundle names a file outside the story: {relative}")
        path = root.joinpath(*relative.parts)
        data = str(entry.get("text", "")).encode("utf-8")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        parsecache.store_encoded(display_path(path), data, entry.get("parsed"))
    return root


def bundle_text(bundle: dict[str, Any]) -> str:
    """The bundle as compact JSON text."""
    return json.dumps(bundle, ensure_ascii=False, separators=(",", ":"))
