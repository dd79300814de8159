"""The layers of docs/architecture.md, checked by reading the imports of every module (with `ast`,
so that an import inside a function counts as much as one at the top)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "architecture.md"

# The ground floor: where folders are, reading damaged files safely, writing files atomically, the
# pace of reading aloud.
# None of it imports anything of the game's, so every floor (and the window's first frame) can use
# it without reading a story.
GROUND = {"game.paths", "game.safeio", "game.atomic", "game.pace"}
# Each floor and the floors it may import (its own and the ground included). Nothing may import
# the command line.
FLOORS = {
    **{module: set() for module in GROUND},
    "game.story": {"game.story"},
    "game.engine": {"game.engine", "game.story"},
    "game.options": {"game.options"},
    "game.launch": {"game.launch", "game.options", "game.engine", "game.story"},
    "game.settings": {"game.settings"},
    "game.textui": {"game.textui", "game.options", "game.launch", "game.engine", "game.story"},
    "game.reporting": {"game.reporting", "game.engine", "game.story"},
    "game.tools": {
        "game.tools",
        "game.reporting",
        "game.options",
        "game.launch",
        "game.engine",
        "game.story",
    },
    "game.ui": {
        "game.ui",
        "game.reporting",
        "game.options",
        "game.launch",
        "game.settings",
        "game.engine",
        "game.story",
    },
    "game.cli": {
        "game.cli",
        "game.ui",
        "game.textui",
        "game.tools",
        "game.reporting",
        "game.options",
        "game.launch",
        "game.settings",
        "game.engine",
        "game.story",
    },
    "game": {"game"},  # the package's own __init__
}
for _floor_name, _allowed in FLOORS.items():
    if _floor_name not in GROUND:
        _allowed.update(GROUND)
PYGAME_FLOORS = {"game.ui"}


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((ROOT / "game").rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            # `from game import cli` imports the module game.cli
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _floor(module: str) -> str | None:
    """The floor a module of the game belongs to (the longest matching prefix)."""
    parts = module.split(".")
    for length in range(len(parts), 0, -1):
        prefix = ".".join(parts[:length])
        if prefix in FLOORS:
            return prefix
    return None


def test_every_module_belongs_to_a_floor() -> None:
    assert [m for m in _modules() if _floor(m) is None] == []


def test_each_floor_imports_only_the_floors_below_it() -> None:
    modules = _modules()
    wrong = []
    for module, path in modules.items():
        floor = _floor(module)
        for imported in _imports(path):
            if not imported.startswith("game"):
                continue
            if imported not in modules and imported.rpartition(".")[0] in modules:
                continue  # `from game.x import name`: the module game.x is checked on its own
            target = _floor(imported)
            if target is not None and target not in FLOORS[floor]:
                wrong.append(f"{module} imports {imported}")
    assert wrong == []


def test_nothing_imports_the_command_line() -> None:
    importers = [m for m, path in _modules().items() if m != "game.cli" and "game.cli" in _imports(path)]
    assert importers == []


def test_only_the_window_imports_pygame() -> None:
    users = [
        m
        for m, path in _modules().items()
        if _floor(m) not in PYGAME_FLOORS
        and any(name == "pygame" or name.startswith("pygame.") for name in _imports(path))
    ]
    assert users == []


def test_the_checker_sees_an_arrow_that_breaks_a_rule(tmp_path: Path) -> None:
    # The rules would be worthless if the import reader missed the usual spellings.
    source = "def f():\n    from game.cli import main\n    import game.ui.app\n    from game import cli\n"
    (tmp_path / "m.py").write_text(source)
    assert {"game.cli", "game.ui.app"} <= _imports(tmp_path / "m.py")
    assert _floor("game.ui.screens.play") == "game.ui" and _floor("game.story.loader") == "game.story"
    assert "game.ui" not in FLOORS["game.engine"]


def _named_paths(text: str) -> set[str]:
    """The files and folders docs/architecture.md names, as paths from the repository's root or
    from game/; a bare `name.py` stands in the folder of the path named before it on its line."""
    named = set()
    for line in text.splitlines():
        folder = ""
        for token in re.findall(r"`([\w./]+)`|\b(game/[\w/]*\w(?:\.py|/))", line):
            path = token[0] or token[1]
            if "/" in path:
                named.add(path)
                folder = path if path.endswith("/") else path.rpartition("/")[0] + "/"
            elif path.endswith(".py") and folder:
                named.add(folder + path)
    return named


def test_every_file_the_architecture_page_names_exists() -> None:
    # game/shipped/ exists only inside a built wheel (pyproject.toml maps story/ and assets/ there).
    named = _named_paths(DOC.read_text(encoding="utf-8")) - {"game/shipped/"}
    assert len(named) > 40
    missing = sorted(p for p in named if not (ROOT / p).exists() and not (ROOT / "game" / p).exists())
    assert missing == []


def test_the_architecture_page_draws_every_floor() -> None:
    text = DOC.read_text(encoding="utf-8")
    picture = text.split("```")[1]
    for floor in FLOORS.keys() - {"game"}:
        path = floor.replace(".", "/")
        assert f"{path}/" in picture or f"{path}.py" in picture, f"{floor} is not in the picture"


def test_the_page_reader_resolves_names_in_their_folder() -> None:
    line = "| Saves | `engine/saves.py`, `atomic.py`; the window `ui/` with `app.py` and game/cli.py |"
    assert _named_paths(line) == {"engine/saves.py", "engine/atomic.py", "ui/", "ui/app.py", "game/cli.py"}


def test_the_first_frame_needs_neither_the_story_nor_the_engine() -> None:
    # The window's first frame is drawn before the story is read (game.ui.start): the command
    # line and the first frame's module, imported as main.py imports them, must not pull in the
    # story's reader, the engine, the tools or the screens (they are imported behind the frame).
    code = (
        "import sys, game.cli, game.ui.start, game.ui.firstframe\n"
        "game.cli.build_parser(tools=game.cli._needs_tools([]))\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('game'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = done.stdout.split()
    assert "game.ui.firstframe" in loaded
    heavy = ("game.story", "game.engine", "game.tools", "game.launch", "game.ui.app", "game.ui.screens")
    assert [m for m in loaded if m.startswith(heavy)] == []
