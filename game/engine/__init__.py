"""Playing a story: the state, the session, saves. Nothing in this package imports pygame.

The names below are imported from their modules on first use (PEP 562), so that a program that
only lists saves, as the title screen does, does not pay for the session's classes at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.engine.paths import user_data_dir
    from game.engine.saves import AUTOSAVE, LoadResult, SaveError, SaveStore, SlotInfo
    from game.engine.session import (
        Change,
        ChoiceError,
        ChoiceView,
        EndingView,
        Outcome,
        PersonView,
        Session,
        SetError,
        Step,
        apply_setting,
    )
    from game.engine.state import GameState, StateError

_WHERE = {
    "user_data_dir": "paths",
    **dict.fromkeys(("AUTOSAVE", "LoadResult", "SaveError", "SaveStore", "SlotInfo"), "saves"),
    **dict.fromkeys(("Change", "ChoiceError", "ChoiceView", "EndingView", "Outcome", "PersonView",
                     "Session", "SetError", "Step", "apply_setting"), "session"),
    **dict.fromkeys(("GameState", "StateError"), "state"),
}
__all__ = [  # noqa: RUF022 - the same names as _WHERE, spelled out for tools
    "AUTOSAVE", "Change", "ChoiceError", "ChoiceView", "EndingView", "GameState", "LoadResult",
    "Outcome", "PersonView", "SaveError", "SaveStore", "Session", "SetError", "SlotInfo",
    "StateError", "Step", "apply_setting", "user_data_dir",
]
assert sorted(__all__) == sorted(_WHERE)


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'game.engine' has no attribute '{name}'")
    value = getattr(importlib.import_module(f"game.engine.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_WHERE})
