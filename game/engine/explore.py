"""Exploring a story by playing it: every distinct state, or many random playthroughs.

Both drive the same `Session` the players use, so what the explorer finds is what a player
meets. Nothing here prints: the `explore` command, the benchmark, the tests and the classroom
flowchart format the results themselves.

A state is "distinct" when anything that can change what happens next differs: the scene and the
stats, resources, flags, visits and decisions that some condition or effect value reads (a stat
that only the family panel shows, the year, the rest of the log do not matter and are merged).
Stats nothing reads are still checked against their bounds, in every state the search meets.
"""

from __future__ import annotations

import gc
import heapq
import itertools
import random
from collections import deque
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from game.engine.session import ChoiceError, Session
from game.engine.state import GameState
from game.story.expressions import (
    Binary,
    Call,
    ExpressionError,
    Name,
    Node,
    Unary,
    parse_effect,
    parse_expression,
)
from game.story.model import Story

Progress = Callable[[int, "int | None"], None]  # (done, total or None when unknown)

DEFAULT_MAX_STATES = 200_000
DEFAULT_MAX_STEPS = 2_000
_PROGRESS_EVERY = 1_000


# ----------------------------------------------------------------------------- what matters


@dataclass(frozen=True)
class Relevance:
    """The parts of a state that some condition (or an effect's value) reads."""

    stats: tuple[tuple[str, str], ...] = ()  # (person, stat); family(stat) reads every person's
    resources: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    visited: tuple[str, ...] = ()  # scenes read by visited(): only whether they were reached
    visits: tuple[str, ...] = ()  # scenes read by visits(): the count matters
    chose: tuple[str, ...] = ()  # full choice ids read by chose()


def _conditions(story: Story) -> Iterable[str]:
    for scene in story.scenes.values():
        for choice in scene.choices:
            if choice.condition is not None:
                yield choice.condition.source
        for variant in scene.variants:
            if variant.condition is not None:
                yield variant.condition.source
    for ending in story.endings:
        if ending.condition is not None:
            yield ending.condition.source
        for lines in ending.epilogue.values():
            for line in lines:
                if line.condition is not None:
                    yield line.condition.source


def _effect_values(story: Story) -> Iterable[Node]:
    for scene in story.scenes.values():
        for choice in scene.choices:
            for effect in choice.effects:
                try:
                    yield parse_effect(effect.source).value
                except ExpressionError:  # pragma: no cover - the loader has already parsed it
                    continue


def _walk(node: Node) -> Iterable[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Call):
            stack.extend(current.args)
        elif isinstance(current, Binary):
            stack.extend((current.left, current.right))
        elif isinstance(current, Unary):
            stack.append(current.operand)


def relevance(story: Story) -> Relevance:
    """What of a state the story's conditions and effect values read (text variants included).

    Text placeholders are left out on purpose: `{savings}` is one word whatever it shows, so they
    change neither what happens next nor the word counts.
    """
    nodes: list[Node] = []
    for source in _conditions(story):
        try:
            nodes.append(parse_expression(source))
        except ExpressionError:  # pragma: no cover - the loader has already parsed it
            continue
    nodes.extend(_effect_values(story))
    stats: set[tuple[str, str]] = set()
    names: set[str] = set()
    visited: set[str] = set()
    visits: set[str] = set()
    chose: set[str] = set()
    for root in nodes:
        for node in _walk(root):
            if isinstance(node, Name):
                if len(node.parts) == 2:
                    stats.add((node.parts[0], node.parts[1]))
                else:
                    names.add(node.parts[0])
                continue
            if not isinstance(node, Call) or not node.args:
                continue
            arg = ".".join(getattr(node.args[0], "parts", ()))
            if node.function == "visited":
                visited.add(arg)
            elif node.function == "visits":
                visits.add(arg)
            elif node.function == "chose":
                chose.add(arg)
            elif node.function == "family":
                stats.update((person, arg) for person in story.people)
    ordered_stats = tuple((p, s) for p in story.people for s in story.stats if (p, s) in stats)
    return Relevance(ordered_stats, tuple(r for r in story.resources if r in names),
                     tuple(f for f in story.flags if f in names), tuple(sorted(visited - visits)),
                     tuple(sorted(visits)), tuple(sorted(chose)))


def state_key(state: GameState, relevant: Relevance) -> tuple:
    """What makes two states different for the rest of the story."""
    stats, resources, flags, visits = state.stats, state.resources, state.flags, state.visits
    log = set(state.log) if relevant.chose else ()
    return (
        state.scene,
        tuple([stats[p][s] for p, s in relevant.stats]),
        tuple([resources[r] for r in relevant.resources]),
        tuple([flags[f] for f in relevant.flags]),
        tuple([visits.get(s, 0) > 0 for s in relevant.visited]),
        tuple([visits.get(s, 0) for s in relevant.visits]),
        tuple([c in log for c in relevant.chose]) if relevant.chose else (),
    )


# ----------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Failure:
    """A playthrough that went wrong, with the decisions that lead there."""

    kind: str  # "stuck", "no-ending", "exception", "too-long"
    scene: str
    message: str
    path: tuple[str, ...]  # full choice ids from the start
    seed: int | None = None


@dataclass(frozen=True)
class PathStats:
    """Shortest and longest ways to one ending; a longest of None means a loop makes it unbounded."""

    shortest_choices: int
    longest_choices: int | None
    shortest_words: int
    longest_words: int | None
    shortest_path: tuple[str, ...]
    longest_path: tuple[str, ...] | None


@dataclass(frozen=True)
class BoundHit:
    """A stat (for one person) or resource that reaches its min or max in some state."""

    kind: str  # "stat" or "resource"
    name: str
    person: str | None
    bound: str  # "min" or "max"
    value: int

    @property
    def label(self) -> str:
        return f"{self.person}.{self.name}" if self.person else self.name


@dataclass
class Exploration:
    """The result of an exhaustive exploration."""

    story: Story
    start: str
    states: int
    transitions: int
    complete: bool  # False when --max-states stopped it
    scenes_reached: set[str]
    endings: dict[str, PathStats]  # ending id -> paths
    choices_offered: set[str]
    choices_available: set[str]
    bounds: list[BoundHit]
    failures: list[Failure]

    @property
    def scenes_never_reached(self) -> list[str]:
        return [s for s in self.story.scenes if s not in self.scenes_reached]

    @property
    def endings_never_reached(self) -> list[str]:
        return [e.id for e in self.story.endings if e.id not in self.endings]

    def _unavailable(self) -> list[str]:
        return [c.full_id for sid in self.scenes_reached for c in self.story.scenes[sid].choices
                if c.full_id not in self.choices_available]

    @property
    def choices_always_locked(self) -> list[str]:
        """Shown greyed with their reason every time, never takeable."""
        return sorted(c for c in self._unavailable() if self.story.choice(c).locked is not None)

    @property
    def choices_never_available(self) -> list[str]:
        """Hidden every time (their condition never holds where they are)."""
        return sorted(c for c in self._unavailable() if self.story.choice(c).locked is None)

    @property
    def has_errors(self) -> bool:
        """An ending no playthrough reaches (in a complete run), or a playthrough that fails."""
        return bool(self.failures) or (self.complete and bool(self.endings_never_reached))


@dataclass(frozen=True)
class Playthrough:
    """One random playthrough: its seed, the decisions taken, and how it ended."""

    seed: int
    path: tuple[str, ...]
    scenes: tuple[str, ...]
    ending: str | None
    failure: Failure | None
    words: int


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

    @property
    def scene_coverage(self) -> float:
        return 100.0 * len(self.scenes_seen) / max(1, len(self.story.scenes))

    @property
    def choices_total(self) -> int:
        """Choices in the story, "Continue"s left out."""
        return len(_real_choices(self.story))

    @property
    def choices_covered(self) -> int:
        return self.choices_total - len(self.choices_never_taken)

    @property
    def choice_coverage(self) -> float:
        return 100.0 * self.choices_covered / max(1, self.choices_total)

    @property
    def scenes_never_seen(self) -> list[str]:
        return [s for s in self.story.scenes if s not in self.scenes_seen]

    @property
    def choices_never_taken(self) -> list[str]:
        return [c.full_id for c in _real_choices(self.story) if c.full_id not in self.choices_taken]

    @property
    def has_errors(self) -> bool:
        return bool(self.failures)


def _real_choices(story: Story):
    return [c for s in story.scenes.values() for c in s.choices if not c.is_continue]


# ----------------------------------------------------------------------------- exhaustive


def _words(paragraphs: Iterable[str]) -> int:
    # Paragraphs come with single spaces between words (see model.paragraphs): counting the
    # spaces is exact and much cheaper than splitting, on the explorer's hot path.
    return sum(p.count(" ") + 1 for p in paragraphs if p)


def _ending_words(view) -> int:
    return len(view.text.split()) + sum(len(line.split()) for _, _, line in view.epilogue)


def _bound_hits(story: Story, state: GameState, found: set[tuple]) -> None:
    for person, values in state.stats.items():
        for name, value in values.items():
            stat = story.stats.get(name)
            if stat is None:
                continue
            if value <= stat.min:
                found.add(("stat", name, person, "min", stat.min))
            elif value >= stat.max:
                found.add(("stat", name, person, "max", stat.max))
    for name, value in state.resources.items():
        resource = story.resources.get(name)
        if resource is None:
            continue
        if resource.min is not None and value <= resource.min:
            found.add(("resource", name, None, "min", resource.min))
        if resource.max is not None and value >= resource.max:
            found.add(("resource", name, None, "max", resource.max))


def explore(story: Story, *, start: str | None = None, sets: Mapping[str, str] | None = None,
            max_states: int = DEFAULT_MAX_STATES, progress: Progress | None = None) -> Exploration:
    """Visits every distinct state reachable from the start once, up to `max_states`.

    The order does not change a complete run's result. It matters when `max_states` stops the
    run: states at the scenes expanded least often go first, so a bounded run still spreads over
    the whole story and reaches its endings instead of enumerating the first chapter's variations.
    Raises ChoiceError/SetError for a bad `start` or `sets`, as `Session` does.
    """
    root_session = Session(story, start=start, sets=sets)
    relevant = relevance(story)
    root = root_session.state
    start_scene = root.scene
    keys: dict[tuple, int] = {state_key(root, relevant): 0}
    scene_of: list[str] = [root.scene]
    words: list[int] = [_words(root_session.transcript[-1].paragraphs)]
    edges: list[list[tuple[int, str, int]]] = [[]]  # per state: (child, choice id, says words)
    ending_of: dict[int, str] = {}
    pending: dict[int, GameState] = {0: root}
    # The frontier: waiting states by scene, and the scenes by how often they were expanded.
    waiting: dict[str, deque[int]] = {root.scene: deque([0])}
    scenes_by_use: list[tuple[int, str]] = [(0, root.scene)]
    expanded: dict[str, int] = {}
    offered: set[str] = set()
    available: set[str] = set()
    bounds: set[tuple] = set()
    found: list[tuple[str, str, str, int, str | None]] = []  # kind, scene, message, state, choice
    transitions = 0
    complete = True
    done = 0

    while scenes_by_use:
        uses, scene_id = heapq.heappop(scenes_by_use)
        queue = waiting[scene_id]
        if not queue or uses != expanded.get(scene_id, 0):
            continue  # a stale entry: the scene has a newer one
        index = queue.popleft()
        expanded[scene_id] = uses + 1
        if queue:
            heapq.heappush(scenes_by_use, (uses + 1, scene_id))
        state = pending.pop(index)
        _bound_hits(story, state, bounds)
        session = Session(story, state)
        done += 1
        if progress is not None and done % _PROGRESS_EVERY == 0:
            progress(len(keys), None)
        if session.is_over:
            view = session.ending
            if view is None:
                found.append(("no-ending", scene_id, f"the end scene '{scene_id}' has no ending "
                              "that applies to this state", index, None))
            else:
                ending_of[index] = view.id
                words[index] += _ending_words(view)
            continue
        views = session.choices()
        open_choices = [v for v in views if v.available]
        for view in views:
            offered.add(view.id)
        if not open_choices:
            found.append(("stuck", scene_id, session.stuck or "no choice is available", index, None))
            continue
        for view in open_choices:
            available.add(view.id)
            try:
                outcome = session.choose(view.id)
            except Exception as exc:  # noqa: BLE001 - any engine error is a finding, not a crash
                found.append(("exception", scene_id, f"{type(exc).__name__}: {exc}", index, view.id))
                continue
            child = session.state
            child_words = _words(session.transcript[-1].paragraphs)
            session.undo()
            transitions += 1
            key = state_key(child, relevant)
            target = keys.get(key)
            if target is None:
                _bound_hits(story, child, bounds)  # merged or not, its values were reached
                if len(keys) >= max_states:
                    complete = False
                    continue
                target = len(keys)
                keys[key] = target
                scene_of.append(child.scene)
                words.append(child_words)
                edges.append([])
                pending[target] = child
                queue = waiting.setdefault(child.scene, deque())
                if not queue:
                    heapq.heappush(scenes_by_use, (expanded.get(child.scene, 0), child.scene))
                queue.append(target)
            says = len(outcome.says.split()) if outcome.says else 0
            edges[index].append((target, view.id, says))
    if progress is not None:
        progress(len(keys), len(keys))

    path_to = _shortest_paths(len(keys), edges)
    failures = [Failure(kind, scene, message, path_to(index) + ((choice,) if choice else ()))
                for kind, scene, message, index, choice in found]
    failures.sort(key=lambda f: (len(f.path), f.path))
    endings = _paths(len(keys), edges, words, ending_of, path_to)
    hits = [BoundHit(kind, name, person, bound, value)
            for kind, name, person, bound, value in sorted(bounds, key=lambda b: (b[0], b[1],
                                                                                   b[2] or "", b[3]))]
    reached = set(scene_of)  # generated states count: a player can stand there
    return Exploration(story, start_scene, len(keys), transitions, complete, reached, endings,
                       offered, available, hits, failures)


def _shortest_paths(count: int, edges: list[list[tuple[int, str, int]]]
                    ) -> Callable[[int], tuple[str, ...]]:
    """Breadth first over the explored graph: the fewest choices from the start to each state."""
    parent = [-1] * count
    via = [""] * count
    seen = [False] * count
    seen[0] = True
    queue = deque([0])
    while queue:
        node = queue.popleft()
        for child, choice, _ in edges[node]:
            if not seen[child]:
                seen[child] = True
                parent[child] = node
                via[child] = choice
                queue.append(child)

    def path_to(index: int) -> tuple[str, ...]:
        steps = []
        while index > 0:
            steps.append(via[index])
            index = parent[index]
        return tuple(reversed(steps))

    return path_to


def _paths(count: int, edges: list[list[tuple[int, str, int]]], words: list[int],
           ending_of: dict[int, str], path_to: Callable[[int], tuple[str, ...]]) -> dict[str, PathStats]:
    """Shortest (choices: BFS tree; words: Dijkstra) and longest (DAG order) paths to each ending."""
    # Shortest in words: node weights (scene words) plus edge weights (consequence lines).
    best = [None] * count
    best[0] = words[0]
    heap = [(words[0], 0)]
    while heap:
        cost, node = heapq.heappop(heap)
        if cost > best[node]:
            continue
        for child, _, says in edges[node]:
            candidate = cost + says + words[child]
            if best[child] is None or candidate < best[child]:
                best[child] = candidate
                heapq.heappush(heap, (candidate, child))

    # Longest: Kahn's topological order; states never ordered lie on or after a loop (unbounded).
    indegree = [0] * count
    for node in range(count):
        for child, _, _ in edges[node]:
            indegree[child] += 1
    longest_choices: list[int | None] = [None] * count
    longest_words: list[int | None] = [None] * count
    back: list[tuple[int, str] | None] = [None] * count
    longest_choices[0], longest_words[0] = 0, words[0]
    order = deque(n for n in range(count) if indegree[n] == 0)
    ordered = [False] * count
    while order:
        node = order.popleft()
        ordered[node] = True
        for child, choice, says in edges[node]:
            if longest_choices[node] is not None:
                steps = longest_choices[node] + 1
                if longest_choices[child] is None or steps > longest_choices[child]:
                    longest_choices[child] = steps
                    back[child] = (node, choice)
                total = longest_words[node] + says + words[child]
                if longest_words[child] is None or total > longest_words[child]:
                    longest_words[child] = total
            indegree[child] -= 1
            if indegree[child] == 0:
                order.append(child)

    def longest_path(node: int) -> tuple[str, ...]:
        steps = []
        while back[node] is not None:
            node, choice = back[node]
            steps.append(choice)
        return tuple(reversed(steps))

    depth = [len(path_to(n)) if n in ending_of else 0 for n in range(count)]
    result: dict[str, PathStats] = {}
    for ending in dict.fromkeys(ending_of.values()):
        nodes = [n for n, e in ending_of.items() if e == ending]
        shortest = min(nodes, key=lambda n: depth[n])
        fewest_words = min(best[n] for n in nodes)
        bounded = all(ordered[n] for n in nodes)
        if bounded:
            deepest = max(nodes, key=lambda n: longest_choices[n])
            result[ending] = PathStats(depth[shortest], longest_choices[deepest], fewest_words,
                                       max(longest_words[n] for n in nodes), path_to(shortest),
                                       longest_path(deepest))
        else:
            result[ending] = PathStats(depth[shortest], None, fewest_words, None, path_to(shortest),
                                       None)
    return result


def count_paths(story: Story, start: str | None = None) -> int | None:
    """How many ways through the scene graph lead from `start` to an end scene, ignoring
    conditions: an upper bound on what an exhaustive run faces. None when a loop makes it endless."""
    first = start or story.start
    counts: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[tuple[str, bool]] = [(first, False)]
    while stack:
        scene_id, children_done = stack.pop()
        if scene_id in counts:
            continue
        scene = story.scenes[scene_id]
        if children_done:
            on_stack.discard(scene_id)
            counts[scene_id] = 1 if scene.end else sum(counts[c.goto] for c in scene.choices)
            continue
        on_stack.add(scene_id)
        stack.append((scene_id, True))
        for choice in scene.choices:
            if choice.goto in on_stack:
                return None
            if choice.goto not in counts:
                stack.append((choice.goto, False))
    return counts[first]


# ----------------------------------------------------------------------------- random


def random_playthrough(story: Story, seed: int, *, start: str | None = None,
                       sets: Mapping[str, str] | None = None, max_steps: int = DEFAULT_MAX_STEPS,
                       describe: bool = True) -> tuple[Playthrough, Session]:
    """Plays uniformly random available choices from the start; the same seed plays the same way.

    `describe=False` leaves the words for each choice's changes out of the session's transcript
    (a sixth of the cost), for runs that only count."""
    rng = random.Random(seed)
    session = Session(story, start=start, sets=sets, keep_undo=False, describe=describe)
    path: list[str] = []
    scenes = [session.state.scene]
    words = _words(session.transcript[-1].paragraphs)
    failure = None
    ending = None
    while True:
        scene = session.state.scene
        if session.is_over:
            view = session.ending
            if view is None:
                failure = Failure("no-ending", scene, f"the end scene '{scene}' has no ending "
                                  "that applies to this state", tuple(path), seed)
            else:
                ending = view.id
                words += _ending_words(view)
            break
        if len(path) >= max_steps:
            failure = Failure("too-long", scene, f"no ending after {max_steps} choices (a loop?)",
                              tuple(path), seed)
            break
        open_choices = session.open_choices()
        if not open_choices:
            failure = Failure("stuck", scene, session.stuck or "no choice is available",
                              tuple(path), seed)
            break
        taken = rng.choice(open_choices)
        picked = taken.full_id
        try:
            outcome = session.take(taken)
        except Exception as exc:  # noqa: BLE001 - reported with the seed that reproduces it
            failure = Failure("exception", scene, f"{type(exc).__name__}: {exc}",
                              (*path, picked), seed)
            break
        path.append(picked)
        scenes.append(session.state.scene)
        words += _words(session.transcript[-1].paragraphs)
        if outcome.says:
            words += len(outcome.says.split())
    return Playthrough(seed, tuple(path), tuple(scenes), ending, failure, words), session


def random_playthroughs(story: Story, runs: int, seed: int = 0, *, start: str | None = None,
                        sets: Mapping[str, str] | None = None, max_steps: int = DEFAULT_MAX_STEPS,
                        progress: Progress | None = None, jobs: int = 1) -> RandomReport:
    """`runs` random playthroughs with seeds seed, seed+1, ...; replay one with its own seed.

    With `jobs` > 1 the runs are shared among that many processes (forked, so they play this very
    story object); the report is the same as with one, seed for seed. Where processes cannot be
    forked (Windows), or for few runs, they are played here.
    """
    report = RandomReport(story, runs, seed, set(), set(), {}, [], 0, 0)
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
_SHARED: tuple | None = None


def _fork_context():  # noqa: ANN202 - a multiprocessing context, or None
    import multiprocessing

    try:
        return multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return None


def _play_chunk(span: tuple[int, int]) -> RandomReport:
    story, start, sets, max_steps = _SHARED  # type: ignore[misc]
    first, end = span
    part = RandomReport(story, end - first, first, set(), set(), {}, [], 0, 0)
    _play(part, story, range(first, end), start, sets, max_steps)
    part.story = None  # type: ignore[assignment]  # the parent has it; don't send it back
    return part


def _play(report: RandomReport, story: Story, seeds: range, start: str | None,
          sets: Mapping[str, str] | None, max_steps: int, progress: Progress | None = None) -> None:
    """Plays one random playthrough per seed and counts each into `report`."""
    every = max(1, len(seeds) // 100)
    for done, number in enumerate(seeds, 1):
        played, _ = random_playthrough(story, number, start=start, sets=sets,
                                       max_steps=max_steps, describe=False)
        _count(report, played)
        if progress is not None and done % every == 0:
            progress(done, len(seeds))


def _count(report: RandomReport, played: Playthrough) -> None:
    report.scenes_seen.update(played.scenes)
    report.choices_taken.update(played.path)
    report.total_choices += len(played.path)
    report.total_words += played.words
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
    report.total_choices += part.total_choices
    report.total_words += part.total_words
    for ending, times in part.endings_seen.items():
        report.endings_seen[ending] = report.endings_seen.get(ending, 0) + times
        low, high = part.ending_words[ending]
        if ending in report.ending_words:
            known = report.ending_words[ending]
            low, high = min(low, known[0]), max(high, known[1])
        report.ending_words[ending] = (low, high)
    if part.shortest is not None and (report.shortest is None
                                      or part.shortest.words < report.shortest.words):
        report.shortest = part.shortest
    if part.longest is not None and (report.longest is None
                                     or part.longest.words > report.longest.words):
        report.longest = part.longest
    report.failures.extend(part.failures)


__all__ = [
    "DEFAULT_MAX_STATES",
    "DEFAULT_MAX_STEPS",
    "BoundHit",
    "ChoiceError",
    "Exploration",
    "Failure",
    "PathStats",
    "Playthrough",
    "RandomReport",
    "Relevance",
    "count_paths",
    "explore",
    "random_playthrough",
    "random_playthroughs",
    "relevance",
    "state_key",
]
