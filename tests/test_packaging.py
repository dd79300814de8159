"""The wheel carries everything the game needs: every package, the story and the assets.

CI builds the real wheel and plays it from a clean virtual environment (.ci/run); these checks
catch, in the ordinary test run, a new package or asset folder that pyproject.toml would leave out.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path

import pytest

from game.paths import shipped_dir

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[1]
SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]


def test_every_package_of_the_game_is_in_the_wheel() -> None:
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "game").rglob("__init__.py")}
    assert found <= set(SETUPTOOLS["packages"])


@pytest.mark.parametrize("name", ["story", "assets"])
def test_every_file_the_game_reads_is_in_the_wheel(name: str) -> None:
    package = f"game.shipped.{name}"
    assert SETUPTOOLS["package-dir"][package] == name
    patterns = SETUPTOOLS["package-data"][package]
    folder = ROOT / name
    runtime = [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file()
        and path.parts[len(folder.parts)] != "tools"  # the art's makers
        and "__pycache__" not in path.parts
    ]
    left_out = [path for path in runtime if not any(fnmatch.fnmatch(path, p) for p in patterns)]
    assert runtime and left_out == []


def test_a_checkout_finds_the_story_and_assets_at_the_top_of_the_repository() -> None:
    assert shipped_dir("story") == ROOT / "story"
    assert shipped_dir("assets") == ROOT / "assets"
    assert shipped_dir("docs") == ROOT / "docs"


def test_the_wheel_carries_the_schema_that_the_schema_command_builds_on() -> None:
    # `schema -o FILE` reads it; a wheel without it failed outside the checkout.
    from game.tools.schema import SCHEMA_NAME

    assert SETUPTOOLS["package-dir"]["game.shipped.docs"] == "docs"
    assert SETUPTOOLS["package-data"]["game.shipped.docs"] == [SCHEMA_NAME]
    assert (shipped_dir("docs") / SCHEMA_NAME).is_file()
