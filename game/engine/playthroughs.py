"""Random playthroughs: many games with uniformly random choices, shared among forked processes.

Each playthrough drives the same `Session` the players use; the same seed plays the same way, so a
failure is reported with the seed that reproduces it.
"""

from __future__ import annotations

import functools
import gc
import itertools
import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from game.engine.search import Failure, Progress, words_of_ending
from game.engine.session import Session, Step
from game.story.checks import reachable_scenes
from game.story.model import Choice, Scene, Story, count_words

if TYPE_CHECKING:
    from multiprocessing.context import ForkContext

DEFAULT_MAX_STEPS = 2_000
K = TypeVar("K")


@dataclass(frozen=True)
class Playthrough:
    """One random playthrough: its seed, the decisions taken, and how it ended."""

    seed: int
    path: tuple[str, ...]
    scenes: tuple[str, ...]
    ending: str | None
    failure: Failure | None
    words: int
    # (scene, variant index) each time a scene was shown with that variant's condition holding
    variants_shown: tuple[tuple[str, int], ...] = ()
    # (scene, variant index, or -1 for the scene's own text) each time a `replace:` variant hid it
    hidden: tuple[tuple[str, int], ...] = ()
    offered: tuple[str, ...] = ()  # each time a choice with a condition was shown (open or locked)


@dataclass
class RandomReport:
    """N random playthroughs with their coverage."""

    story: Story
    runs: int
    first_seed: int
    scenes_seen: set[str]
    choices_taken: set[str]
    endings_seen: dict[str, int]
    failures: list[Failure]
    total_choices: int
    total_words: int
    # ending id -> (fewest, most) words read on the way there, over these runs
    ending_words: dict[str, tuple[int, int]] = field(default_factory=dict)
    shortest: Playthrough | None = None  # fewest words, among runs that reached an ending
    longest: Playthrough | None = None
    # variant coverage, like ChoiceScript's randomtest: visits of scenes that have variants, and
    # how many of those visits showed each variant
    variant_visits: dict[str, int] = field(default_factory=dict)
    variants_shown: dict[tuple[str, int], int] = field(default_factory=dict)
    # line coverage (see game.engine.coverage): visits of every scene, texts hidden by a
    # `replace:` variant, conditional choices shown, choices taken
    scene_visits: dict[str, int] = field(default_factory=dict)
    hidden: dict[tuple[str, int], int] = field(default_factory=dict)
    offered: dict[str, int] = field(default_factory=dict)
    taken: dict[str, int] = field(default_factory=dict)
    start: str | None = None  # where the runs began: only what comes after it is judged

    @cached_property
    def judged(self) -> set[str]:
        """The scenes some sequence of choices leads to from the start: coverage counts these."""
        return reachable_scenes(self.story, self.start)

    def _variants_of_seen_scenes(self) -> list[tuple[str, int]]:
        return [
            (sid, i)
            for sid, visits in self.variant_visits.items()
            for i in range(len(self.story.scenes[sid].variants))
        ]

    @property
    def variants_never_shown(self) -> list[tuple[str, int]]:
        """Variants of scenes these runs saw whose condition never held there."""
        return [v for v in self._variants_of_seen_scenes() if not self.variants_shown.get(v)]

    @property
    def variants_always_shown(self) -> list[tuple[str, int]]:
        """Variants whose condition held at every visit of their scene (the 'if' may be needless)."""
        return [
            v
            for v in self._variants_of_seen_scenes()
            if self.variants_shown.get(v) == self.variant_visits[v[0]]
        ]

    @property
    def scene_coverage(self) -> float:
        return 100.0 * len(self.scenes_seen & self.judged) / max(1, len(self.judged))

    @property
    def choices_total(self) -> int:
        """Choices in the judged scenes, "Continue"s left out."""
        return len(_real_choices(self.story, self.judged))

    @property
    def choices_covered(self) -> int:
        return self.choices_total - len(self.choices_never_taken)

    @property
    def choice_coverage(self) -> float:
        return 100.0 * self.choices_covered / max(1, self.choices_total)

    @property
    def scenes_never_seen(self) -> list[str]:
        return [s for s in self.story.scenes if s in self.judged and s not in self.scenes_seen]

    @property
    def choices_never_taken(self) -> list[str]:
        return [
            c.full_id for c in _real_choices(self.story, self.judged) if c.full_id not in self.choices_taken
        ]

    @property
    def has_errors(self) -> bool:
        return bool(self.failures)


def _real_choices(story: Story, scenes: set[str]) -> list[Choice]:
    return [
        c for sid in story.scenes if sid in scenes for c in story.scenes[sid].choices if not c.is_continue
    ]


def random_playthrough(
    story: Story,
    seed: int,
    *,
    start: str | None = None,
    sets: Mapping[str, str] | None = None,
    max_steps: int = DEFAULT_MAX_STEPS,
    describe: bool = True,
) -> tuple[Playthrough, Session]:
    """Plays uniformly random available choices from the start; the same seed plays the same way.

    `describe=False` leaves the words for each choice's changes out of the session's transcript
    (a sixth of the cost), for runs that only count."""
    rng = random.Random(seed)
    session = Session(story, start=start, sets=sets, keep_undo=False, describe=describe)
    # What the session does not keep is counted on the way: the conditional choices shown, and
    # the words of each choice's `says`; the scenes, their variants and words, and the path are
    # read from its transcript and decision log at the end.
    offered: list[str] = []
    says_words = 0
    failure = None
    view = session.ending  # the ending reached, as each choice's outcome tells it
    log = session.state.log
    while True:
        scene = session.scene
        if scene.end:
            if view is None:
                failure = Failure(
                    "no-ending",
                    scene.id,
                    f"the end scene '{scene.id}' has no ending that applies to this state",
                    tuple(log),
                    seed,
                )
            break
        if len(log) >= max_steps:
            failure = Failure(
                "too-long", scene.id, f"no ending after {max_steps} choices (a loop?)", tuple(log), seed
            )
            break
        open_choices = session.open_choices()
        _offered(scene, open_choices, offered)
        if not open_choices:
            failure = Failure("stuck", scene.id, session.stuck or "no choice is available", tuple(log), seed)
            break
        taken = rng.choice(open_choices)
        try:
            outcome = session.take(taken)
        except Exception as exc:  # noqa: BLE001 - reported with the seed that reproduces it
            failure = Failure(
                "exception", scene.id, f"{type(exc).__name__}: {exc}", (*log, taken.full_id), seed
            )
            break
        view = outcome.ending
        if outcome.says:
            says_words += _words(outcome.says)
    steps = session.transcript
    words = sum(step.words for step in steps) + says_words
    ending = None
    if failure is None and view is not None:
        ending = view.id
        words += words_of_ending(view)
    hidden: list[tuple[str, int]] = []
    shown = [key for step in steps if step.variants for key in _variants_holding(story, step, hidden)]
    played = Playthrough(
        seed,
        tuple(log),
        tuple(step.scene for step in steps),
        ending,
        failure,
        words,
        tuple(shown),
        tuple(hidden),
        tuple(offered),
    )
    return played, session


_words = functools.lru_cache(maxsize=4096)(count_words)  # a choice's `says` is met again and again


def _variants_holding(story: Story, read: Step, hidden: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The variants of a scene as it was read that held, as (scene, index); adds to `hidden` what
    a holding `replace:` variant hides (-1: the scene's own text)."""
    sid = read.scene
    holding = [(sid, i) for i in read.variants]
    variants = story.scenes[sid].variants
    replacing = [i for i in read.variants if variants[i].replace]
    if replacing:  # the text and the variants before the last replacing one are not shown
        hidden.append((sid, -1))
        hidden.extend(key for key in holding if key[1] < replacing[-1])
    return holding


def _offered(scene: Scene, open_choices: list[Choice], offered: list[str]) -> None:
    """Adds the choices with a condition that the scene shows now: open, or locked with a reason."""
    for choice in scene.choices:
        # by identity: `in` would compare two different choices field by field
        if choice.condition is not None and (
            choice.locked is not None or any(choice is taken for taken in open_choices)
        ):
            offered.append(choice.full_id)


def random_playthroughs(
    story: Story,
    runs: int,
    seed: int = 0,
    *,
    start: str | None = None,
    sets: Mapping[str, str] | None = None,
    max_steps: int = DEFAULT_MAX_STEPS,
    progress: Progress | None = None,
    jobs: int = 1,
) -> RandomReport:
    """`runs` random playthroughs with seeds seed, seed+1, ...; replay one with its own seed.

    With `jobs` > 1 the runs are shared among that many processes (forked, so they play this very
    story object); the report is the same as with one, seed for seed. Where processes cannot be
    forked (Windows), or for few runs, they are played here.
    """
    report = RandomReport(story, runs, seed, set(), set(), {}, [], 0, 0, start=start)
    jobs = max(1, min(jobs, runs // MIN_RUNS_PER_JOB))
    context = _fork_context() if jobs > 1 else None
    if context is None:
        _play(report, story, range(seed, seed + runs), start, sets, max_steps, progress)
        return report
    # Chunks in seed order, several per process so the progress bar moves; merged in that order,
    # which keeps "the first with the fewest words" the same as a single process finds.
    pieces = min(runs // MIN_RUNS_PER_JOB, jobs * 8)
    bounds = [seed + runs * i // pieces for i in range(pieces + 1)]
    global _SHARED  # noqa: PLW0603 - read by the forked workers, which inherit it
    _SHARED = (story, start, sets, max_steps)
    done = 0
    # The workers share the parent's memory page by page until they write to it; their garbage
    # collector would write to every object it walks (a bounded exploration can hold hundreds of
    # MB), so the objects that exist now are set aside from collection while the workers run.
    gc.freeze()
    try:
        with context.Pool(jobs) as pool:
            for part in pool.imap(_play_chunk, itertools.pairwise(bounds)):
                _merge(report, part)
                done += part.runs
                if progress is not None:
                    progress(done, runs)
    finally:
        _SHARED = None
        gc.unfreeze()
    return report


MIN_RUNS_PER_JOB = 250  # below this, starting a process costs more than it saves
# What the forked workers play: the story, start, --set values and the step limit.
_SHARED: tuple[Story, str | None, Mapping[str, str] | None, int] | None = None


def _fork_context() -> ForkContext | None:
    """The context that forks workers, or None where processes cannot be forked."""
    import multiprocessing  # only a run shared among processes needs it

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return None


def _play_chunk(span: tuple[int, int]) -> RandomReport:
    assert _SHARED is not None, "set by random_playthroughs before the workers start"
    story, start, sets, max_steps = _SHARED
    first, end = span
    part = RandomReport(story, end - first, first, set(), set(), {}, [], 0, 0)
    _play(part, story, range(first, end), start, sets, max_steps)
    part.story = None  # type: ignore[assignment]  # the parent has it; don't send it back
    return part


def _play(
    report: RandomReport,
    story: Story,
    seeds: range,
    start: str | None,
    sets: Mapping[str, str] | None,
    max_steps: int,
    progress: Progress | None = None,
) -> None:
    """Plays one random playthrough per seed and counts each into `report`."""
    every = max(1, len(seeds) // 100)
    for done, number in enumerate(seeds, 1):
        played, _ = random_playthrough(
            story, number, start=start, sets=sets, max_steps=max_steps, describe=False
        )
        _count(report, played)
        if progress is not None and done % every == 0:
            progress(done, len(seeds))


def _tally(table: dict[K, int], keys: Iterable[K]) -> None:
    for key in keys:
        table[key] = table.get(key, 0) + 1


def _add(table: dict[K, int], other: dict[K, int]) -> None:
    for key, times in other.items():
        table[key] = table.get(key, 0) + times


def _count(report: RandomReport, played: Playthrough) -> None:
    report.scenes_seen.update(played.scenes)
    report.choices_taken.update(played.path)
    _tally(report.scene_visits, played.scenes)
    _tally(report.hidden, played.hidden)
    _tally(report.offered, played.offered)
    _tally(report.taken, played.path)
    report.total_choices += len(played.path)
    report.total_words += played.words
    for sid in played.scenes:
        if report.story.scenes[sid].variants:
            report.variant_visits[sid] = report.variant_visits.get(sid, 0) + 1
    for key in played.variants_shown:
        report.variants_shown[key] = report.variants_shown.get(key, 0) + 1
    if played.ending is not None:
        report.endings_seen[played.ending] = report.endings_seen.get(played.ending, 0) + 1
        low, high = report.ending_words.get(played.ending, (played.words, played.words))
        report.ending_words[played.ending] = (min(low, played.words), max(high, played.words))
        if report.shortest is None or played.words < report.shortest.words:
            report.shortest = played
        if report.longest is None or played.words > report.longest.words:
            report.longest = played
    if played.failure is not None:
        report.failures.append(played.failure)


def _merge(report: RandomReport, part: RandomReport) -> None:
    """Adds a later chunk's counts to `report`, as if its runs had been counted here."""
    report.scenes_seen |= part.scenes_seen
    report.choices_taken |= part.choices_taken
    _add(report.scene_visits, part.scene_visits)
    _add(report.hidden, part.hidden)
    _add(report.offered, part.offered)
    _add(report.taken, part.taken)
    report.total_choices += part.total_choices
    report.total_words += part.total_words
    for sid, visits in part.variant_visits.items():
        report.variant_visits[sid] = report.variant_visits.get(sid, 0) + visits
    for key, times in part.variants_shown.items():
        report.variants_shown[key] = report.variants_shown.get(key, 0) + times
    for ending, times in part.endings_seen.items():
        report.endings_seen[ending] = report.endings_seen.get(ending, 0) + times
        low, high = part.ending_words[ending]
        if ending in report.ending_words:
            known = report.ending_words[ending]
            low, high = min(low, known[0]), max(high, known[1])
        report.ending_words[ending] = (low, high)
    if part.shortest is not None and (report.shortest is None or part.shortest.words < report.shortest.words):
        report.shortest = part.shortest
    if part.longest is not None and (report.longest is None or part.longest.words > report.longest.words):
        report.longest = part.longest
    report.failures.extend(part.failures)
