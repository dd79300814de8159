"""The engine under load: many random choose / undo / save / load / restart steps on a real story.

    python bench/engine_stress.py [--steps 100000] [--seed 1] [--story DIR]

After every step: stats and resources are within their bounds. After every undo: the state is
exactly the one before the choice it undid. After every load: the state is exactly the one saved,
and undo walks back through the same states as before the save. Every `--replay-every` steps: the
decision log replayed from the playthrough's origin gives the same state (the log matches the
state). Prints the figures and `RESULT` lines (see bench/README.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from game.engine import SaveStore, Session  # noqa: E402
from game.story import Story, load_story_with_diagnostics  # noqa: E402

SLOTS = ("1", "2", "3", "autosave")
WEIGHTS = {"choose": 60, "undo": 22, "save": 7, "load": 7, "restart": 4}


class Inconsistent(AssertionError):
    """The engine's state broke one of the promises above."""


@dataclass
class StressReport:
    steps: int = 0
    ops: Counter = field(default_factory=Counter)
    replays_checked: int = 0
    endings: int = 0
    longest_log: int = 0
    seconds: float = 0.0

    @property
    def per_second(self) -> float:
        return self.steps / self.seconds if self.seconds else 0.0


def _check_bounds(story: Story, session: Session) -> None:
    state = session.state
    for person, stats in state.stats.items():
        for stat_id, value in stats.items():
            bounds = story.stats[stat_id]
            if not bounds.min <= value <= bounds.max:
                raise Inconsistent(f"{person}.{stat_id} = {value} is outside {bounds.min}..{bounds.max}")
    for resource_id, value in state.resources.items():
        resource = story.resources[resource_id]
        if (resource.min is not None and value < resource.min) or (
            resource.max is not None and value > resource.max
        ):
            raise Inconsistent(f"{resource_id} = {value} is outside its bounds")


def _check_replay(story: Story, session: Session) -> None:
    replayed, restored = Session.replay(story, session.origin, list(session.state.log))
    if restored != len(session.state.log):
        raise Inconsistent(f"only {restored} of {len(session.state.log)} logged decisions replay")
    if replayed.state.to_json() != session.state.to_json():
        raise Inconsistent("replaying the log from the origin gives a different state")


def stress(story: Story, steps: int, seed: int, save_dir: Path, replay_every: int = 25) -> StressReport:
    """Runs `steps` random steps; raises Inconsistent at the first broken promise."""
    rng = random.Random(seed)
    store = SaveStore(save_dir)
    report = StressReport()
    session = Session(story)
    history: list[dict] = []  # the state before each choice still undoable, as JSON
    saved: dict[str, tuple[dict, list[dict]]] = {}  # slot -> (state, history) when saved
    ops, weights = list(WEIGHTS), list(WEIGHTS.values())
    started = time.perf_counter()
    for step in range(steps):
        op = rng.choices(ops, weights)[0]
        if op == "choose":
            available = [c for c in session.choices() if c.available]
            if session.is_over or not available:
                op = "undo" if history else "restart"
            else:
                before = session.state.to_json()
                outcome = session.choose(rng.choice(available).id)
                history.append(before)
                if outcome.ending is not None:
                    report.endings += 1
        if op == "undo":
            if session.undo():
                expected = history.pop()
                if session.state.to_json() != expected:
                    raise Inconsistent(f"step {step}: undo did not restore the state before the choice")
            elif history:
                raise Inconsistent(f"step {step}: undo refused with {len(history)} choices to undo")
        elif op == "save":
            slot = rng.choice(SLOTS)
            store.save(slot, session)
            saved[slot] = (session.state.to_json(), list(history))
        elif op == "load":
            slot = rng.choice(SLOTS)
            if slot not in saved:
                op = "load-missing"
            else:
                result = store.load(slot, story)
                if result.messages:
                    raise Inconsistent(f"step {step}: loading an unchanged story said {result.messages}")
                session = result.session
                state, history = saved[slot][0], list(saved[slot][1])
                if session.state.to_json() != state:
                    raise Inconsistent(f"step {step}: the loaded state differs from the saved one")
        elif op == "restart":
            session, history = Session(story), []
        report.ops[op] += 1
        _check_bounds(story, session)
        if replay_every and step % replay_every == 0:
            _check_replay(story, session)
            report.replays_checked += 1
        report.longest_log = max(report.longest_log, len(session.state.log))
    # Finally undo all the way back: every state on the way must be the recorded one.
    while history:
        expected = history.pop()
        if not session.undo() or session.state.to_json() != expected:
            raise Inconsistent("undoing back to the start did not retrace the recorded states")
    if session.state.to_json() != session.origin.to_json():
        raise Inconsistent("after undoing everything the state is not the origin")
    report.steps = steps
    report.seconds = time.perf_counter() - started
    return report


def scratch_dir() -> str | None:
    """Memory-backed scratch space when there is some: the figure is the engine's, not the disk's."""
    shm = Path("/dev/shm")
    return str(shm) if shm.is_dir() else None


def default_story() -> Path:
    shipped = ROOT / "story"
    story, _ = load_story_with_diagnostics(shipped)
    return shipped if story is not None else ROOT / "docs" / "example"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The engine under random choose/undo/save/load steps.")
    parser.add_argument("--steps", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--story", type=Path)
    parser.add_argument("--replay-every", type=int, default=25, metavar="K")
    args = parser.parse_args(argv)
    story_dir = args.story or default_story()
    story, findings = load_story_with_diagnostics(story_dir)
    if story is None:
        print(f"engine_stress: the story in {story_dir} does not load", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="engine-stress-", dir=scratch_dir()) as tmp:
        try:
            report = stress(story, args.steps, args.seed, Path(tmp), args.replay_every)
        except Inconsistent as exc:
            print(f"INCONSISTENT: {exc}")
            print("RESULT engine_consistent 0 bool ==1")
            return 1
    print(f"story: {story_dir} ({len(story.scenes)} scenes)")
    print(
        f"{report.steps:,} steps in {report.seconds:.1f} s: "
        + ", ".join(f"{op} {n:,}" for op, n in sorted(report.ops.items()))
    )
    print(
        f"{report.endings:,} endings reached, longest log {report.longest_log}, "
        f"{report.replays_checked:,} log replays checked"
    )
    print(f"RESULT engine_steps_per_s {report.per_second:.0f} steps/s >=2000")
    print("RESULT engine_consistent 1 bool ==1")
    return 0


if __name__ == "__main__":
    sys.exit(main())
