"""Paths through an explored state graph: the fewest and most choices and words to each ending,
the dead ends, and how many ways the scene graph alone has (for `game.engine.search`)."""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from game.story.model import Story

Edges = list[list[tuple[int, str, int]]]  # per state: (child, choice id, words of its says line)
_UNKNOWN = -1  # a path length not (yet) known


@dataclass(frozen=True)
class PathStats:
    """Shortest and longest ways to one ending; a longest of None means a loop makes it unbounded."""

    shortest_choices: int
    longest_choices: int | None
    shortest_words: int
    longest_words: int | None
    shortest_path: tuple[str, ...]
    longest_path: tuple[str, ...] | None


def dead_ends(count: int, edges: Edges, endings: set[int], failed: set[int]) -> list[int]:
    """The states from which no ending can be reached, where play enters them (the start, or a
    state after a choice from one that can still end). A failed state (stuck, no ending) has its
    own report: reaching one counts as an end here, so the states before it are not reported."""
    callers: list[list[int]] = [[] for _ in range(count)]
    for node in range(count):
        for child, _, _ in edges[node]:
            callers[child].append(node)
    can_end = [node in endings or node in failed for node in range(count)]
    queue = deque(node for node in range(count) if can_end[node])
    while queue:
        for caller in callers[queue.popleft()]:
            if not can_end[caller]:
                can_end[caller] = True
                queue.append(caller)
    dead = [node for node in range(count) if not can_end[node]]
    return [node for node in dead if node == 0 or any(can_end[c] for c in callers[node])]


def shortest_paths(count: int, edges: Edges) -> Callable[[int], tuple[str, ...]]:
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


def _fewest_words(count: int, edges: Edges, words: list[int]) -> list[int]:
    """Dijkstra over the explored graph: the fewest words read from the start to each state,
    counting each state's scene (node weights) and each choice's consequence line (edge weights)."""
    best = [_UNKNOWN] * count
    best[0] = words[0]
    heap = [(words[0], 0)]
    while heap:
        cost, node = heapq.heappop(heap)
        if cost > best[node]:
            continue
        for child, _, says in edges[node]:
            candidate = cost + says + words[child]
            if best[child] == _UNKNOWN or candidate < best[child]:
                best[child] = candidate
                heapq.heappush(heap, (candidate, child))
    return best


class _Longest:
    """Longest paths in choices and in words, in Kahn's topological order; states never ordered
    lie on or after a loop, where a path can be made as long as one likes."""

    def __init__(self, count: int, edges: Edges, words: list[int]) -> None:
        indegree = [0] * count
        for node in range(count):
            for child, _, _ in edges[node]:
                indegree[child] += 1
        self.choices = [_UNKNOWN] * count
        self.words = [_UNKNOWN] * count
        self.back: list[tuple[int, str] | None] = [None] * count
        self.choices[0], self.words[0] = 0, words[0]
        self.ordered = [False] * count
        order = deque(n for n in range(count) if indegree[n] == 0)
        while order:
            node = order.popleft()
            self.ordered[node] = True
            for child, choice, says in edges[node]:
                if self.choices[node] != _UNKNOWN:
                    steps = self.choices[node] + 1
                    if steps > self.choices[child]:
                        self.choices[child] = steps
                        self.back[child] = (node, choice)
                    self.words[child] = max(self.words[child], self.words[node] + says + words[child])
                indegree[child] -= 1
                if indegree[child] == 0:
                    order.append(child)

    def path(self, node: int) -> tuple[str, ...]:
        """The choices of the longest path to `node`."""
        steps = []
        step = self.back[node]
        while step is not None:
            node, choice = step
            steps.append(choice)
            step = self.back[node]
        return tuple(reversed(steps))


def ending_paths(
    count: int,
    edges: Edges,
    words: list[int],
    ending_of: dict[int, str],
    path_to: Callable[[int], tuple[str, ...]],
) -> dict[str, PathStats]:
    """Shortest (choices: BFS tree; words: Dijkstra) and longest (DAG order) paths to each ending."""
    fewest = _fewest_words(count, edges, words)
    longest = _Longest(count, edges, words)
    depth = [len(path_to(n)) if n in ending_of else 0 for n in range(count)]
    result: dict[str, PathStats] = {}
    for ending in dict.fromkeys(ending_of.values()):
        nodes = [n for n, e in ending_of.items() if e == ending]
        shortest = min(nodes, key=lambda n: depth[n])
        fewest_words = min(fewest[n] for n in nodes)
        if all(longest.ordered[n] for n in nodes):
            deepest = max(nodes, key=lambda n: longest.choices[n])
            result[ending] = PathStats(
                depth[shortest],
                longest.choices[deepest],
                fewest_words,
                max(longest.words[n] for n in nodes),
                path_to(shortest),
                longest.path(deepest),
            )
        else:
            result[ending] = PathStats(depth[shortest], None, fewest_words, None, path_to(shortest), None)
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
