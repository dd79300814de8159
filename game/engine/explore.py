"""Exploring a story by playing it: every distinct state, or many random playthroughs.

Both drive the same `Session` the players use, so what the explorer finds is what a player
meets. Nothing here prints: the `explore` command, the benchmark, the tests and the classroom
flowchart format the results themselves. The work lives in three modules, gathered here:
`relevance` (what of a state matters), `search` (the exhaustive search and its path statistics),
`prove` (the abstract search for stories too large for it, with `liveness`, `layout`,
`intervals` and `proof`) and `playthroughs` (random playthroughs and the process pool).
"""

from game.engine.paths import PathStats, count_paths
from game.engine.playthroughs import (
    DEFAULT_MAX_STEPS,
    Playthrough,
    RandomReport,
    random_playthrough,
    random_playthroughs,
)
from game.engine.proof import Proof
from game.engine.prove import prove
from game.engine.relevance import Relevance, relevance, state_key
from game.engine.search import (
    DEFAULT_MAX_STATES,
    BoundHit,
    Exploration,
    Failure,
    explore,
)
from game.engine.session import ChoiceError

__all__ = [
    "DEFAULT_MAX_STATES",
    "DEFAULT_MAX_STEPS",
    "BoundHit",
    "ChoiceError",
    "Exploration",
    "Failure",
    "PathStats",
    "Proof",
    "Playthrough",
    "RandomReport",
    "Relevance",
    "count_paths",
    "explore",
    "prove",
    "random_playthrough",
    "random_playthroughs",
    "relevance",
    "state_key",
]
