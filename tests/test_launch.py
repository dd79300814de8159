"""Launching: a broken module is reported as itself, never hidden as a missing command."""

from __future__ import annotations

import io
import sys

import pytest

from game.cli import main


def test_a_tool_that_fails_to_import_surfaces_its_error(monkeypatch) -> None:
    # Setting a module to None in sys.modules makes importing it raise ImportError, as a broken
    # import inside the tool would; before, `graph` then vanished as "invalid choice".
    monkeypatch.setitem(sys.modules, "game.tools.graph", None)
    with pytest.raises(ImportError):
        main(["graph", "--help"], out=io.StringIO(), err=io.StringIO())


def test_the_window_without_pygame_says_how_to_install_it(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "game.ui.start", raising=False)
    monkeypatch.setattr("builtins.__import__", _failing_import("game.ui.start", "pygame"))
    err = io.StringIO()
    assert main(["play"], out=io.StringIO(), err=err) == 1
    assert "needs pygame-ce" in err.getvalue()


def test_the_window_with_another_broken_import_shows_that_error(monkeypatch) -> None:
    monkeypatch.delitem(sys.modules, "game.ui.start", raising=False)
    monkeypatch.setattr("builtins.__import__", _failing_import("game.ui.start", "game.ui.oops"))
    with pytest.raises(ModuleNotFoundError) as caught:
        main(["play"], out=io.StringIO(), err=io.StringIO())
    assert caught.value.name == "game.ui.oops"


def _failing_import(module: str, missing: str):
    """An `__import__` under which importing `module` fails as if `missing` were not installed."""
    real = __import__

    def fake(name: str, *args, **kwargs):
        if name == module:
            raise ModuleNotFoundError(f"No module named '{missing}'", name=missing)
        return real(name, *args, **kwargs)

    return fake
