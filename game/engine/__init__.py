"""Playing a story: the state, the session, saves. Nothing in this package imports pygame."""

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
from game.paths import user_data_dir

__all__ = [
    "AUTOSAVE",
    "Change",
    "ChoiceError",
    "ChoiceView",
    "EndingView",
    "GameState",
    "LoadResult",
    "Outcome",
    "PersonView",
    "SaveError",
    "SaveStore",
    "Session",
    "SetError",
    "SlotInfo",
    "StateError",
    "Step",
    "apply_setting",
    "user_data_dir",
]
