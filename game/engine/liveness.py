"""Which values a later condition can still read, scene by scene (live variables).

A value is *live* at a scene when some condition, effect value or ending met from that scene on
(along some sequence of choices, conditions aside) reads it before an effect overwrites it. Two
states at one scene that agree on every live value play on alike: the same choices open, the
same variants show, the same ending applies, whatever else differs. This is what lets the
abstract search (`game.engine.prove`) keep fewer states without losing any.

Values are named by strings: a flag or resource by its id, a stat as `person.stat`, and
`visited(scene)`, `visits(scene)`, `chose(scene.choice)` as written in conditions.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from game.story.expression_syntax import Assignment, Binary, Call, Name, Node, Number, Unary
from game.story.expression_syntax import parse_effect as _parse_effect
from game.story.expression_syntax import parse_expression as _parse_expression
from game.story.model import Choice, Scene, Story

parse_expression = lru_cache(maxsize=None)(_parse_expression)
parse_effect = lru_cache(maxsize=None)(_parse_effect)


_NAMING = ("visited", "visits", "chose", "family")  # functions whose argument is a name, not a value


def walk(node: Node) -> Iterator[Node]:
    """Every node of an expression's tree, but not the names given to visited() and the like."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Call) and current.function not in _NAMING:
            stack.extend(current.args)
        elif isinstance(current, Binary):
            stack.extend((current.left, current.right))
        elif isinstance(current, Unary):
            stack.append(current.operand)


def reads(node: Node, story: Story) -> set[str]:
    """The values an expression reads, by the names above."""
    found: set[str] = set()
    for current in walk(node):
        if isinstance(current, Name):
            found.add(current.text)
        elif isinstance(current, Call) and current.args:
            arg = current.args[0]
            text = arg.text if isinstance(arg, Name) else ""
            if current.function in ("visited", "visits", "chose"):
                found.add(f"{current.function}({text})")
            elif current.function == "family":
                found.update(f"{person}.{text}" for person in story.people)
    return found


def target_name(assignment: Assignment) -> str:
    """The value an effect changes."""
    return assignment.target.text


def _choice_transfer(choice: Choice, live_after: frozenset[str], story: Story) -> set[str]:
    """What is live before taking `choice`, given what is live in the scene it leads to.

    Taking a choice runs its effects in order, logs it (chose() becomes true) and enters the next
    scene (visited() becomes true, visits() grows by one): walked here backwards."""
    live = set(live_after)
    live.discard(f"visited({choice.goto})")
    live.discard(f"chose({choice.full_id})")
    for effect in reversed(choice.effects):
        assignment = parse_effect(effect.source)
        if assignment.op == "=":
            live.discard(target_name(assignment))
        live |= reads(assignment.value, story)
    if choice.condition is not None:
        live |= reads(parse_expression(choice.condition.source), story)
    return live


def _scene_reads(scene: Scene, story: Story, text: bool) -> set[str]:
    """What the scene itself reads on arrival: its ending when it ends, and with `text` its
    variants' and epilogue lines' conditions too."""
    found: set[str] = set()
    for variant in scene.variants if text else ():
        if variant.condition is not None:
            found |= reads(parse_expression(variant.condition.source), story)
    if scene.end:
        for ending in story.endings:
            if ending.from_scenes is not None and scene.id not in ending.from_scenes:
                continue
            if ending.condition is not None:
                found |= reads(parse_expression(ending.condition.source), story)
            for lines in ending.epilogue.values() if text else ():
                for line in lines:
                    if line.condition is not None:
                        found |= reads(parse_expression(line.condition.source), story)
    return found


def live_values(story: Story, text: bool = True) -> dict[str, frozenset[str]]:
    """For each scene, the values live on arrival there (a backward fixpoint over the graph);
    `text=False` counts only what decides the way through the story (choices' conditions,
    effects and endings), not what only changes the words shown (variants, epilogue lines)."""
    here = {sid: frozenset(_scene_reads(scene, story, text)) for sid, scene in story.scenes.items()}
    live = dict(here)
    callers: dict[str, list[str]] = {sid: [] for sid in story.scenes}
    for sid, scene in story.scenes.items():
        for choice in scene.choices:
            callers[choice.goto].append(sid)
    pending = list(story.scenes)
    waiting = set(pending)
    while pending:
        sid = pending.pop()
        waiting.discard(sid)
        scene = story.scenes[sid]
        new = set(here[sid])
        for choice in scene.choices:
            new |= _choice_transfer(choice, live[choice.goto], story)
        if new != live[sid]:
            live[sid] = frozenset(new)
            for caller in callers[sid]:
                if caller not in waiting:
                    waiting.add(caller)
                    pending.append(caller)
    return live


def _decided_at(scene: Scene, story: Story) -> Iterable[Node]:
    """The conditions that decide what can happen at a scene: its choices', or its endings'."""
    for choice in scene.choices:
        if choice.condition is not None:
            yield parse_expression(choice.condition.source)
    if scene.end:
        for ending in story.endings:
            if ending.condition is not None and (
                ending.from_scenes is None or scene.id in ending.from_scenes
            ):
                yield parse_expression(ending.condition.source)


_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _name_of(node: Node) -> str | None:
    if isinstance(node, Name):
        return node.text
    if isinstance(node, Call) and node.function == "visits" and node.args:
        arg = node.args[0]
        return f"visits({arg.text})" if isinstance(arg, Name) else None
    return None


def cuts(scene: Scene, story: Story) -> dict[str, tuple[int, ...]]:
    """Where the scene's own conditions compare a number with a constant: for each number, the
    values that start a new region (`savings >= 500` cuts at 500, `qin.hope <= 4` at 5). Within
    a region each such comparison has one answer."""
    found: dict[str, set[int]] = {}
    for root in _decided_at(scene, story):
        for node in walk(root):
            if not isinstance(node, Binary) or node.op not in _MIRROR:
                continue
            name, number, op = _name_of(node.left), node.right, node.op
            if name is None:
                name, number, op = _name_of(node.right), node.left, _MIRROR[node.op]
            if name is None or not isinstance(number, Number):
                continue
            k = number.value
            at = found.setdefault(name, set())
            if op in (">=", "<"):
                at.add(k)
            elif op in (">", "<="):
                at.add(k + 1)
            else:
                at.update((k, k + 1))
    return {name: tuple(sorted(values)) for name, values in found.items()}


def carried_cuts(story: Story) -> dict[str, dict[str, tuple[int, ...]]]:
    """For each scene, its own cuts and those of the scenes it leads to through choices that
    leave the number alone (a fixpoint): a region that decides a later choice is kept apart
    until the number changes, so that a state which can never pass that choice is not merged
    with one that can (which would hide a dead end)."""
    found = {sid: {n: set(at) for n, at in cuts(scene, story).items()} for sid, scene in story.scenes.items()}
    callers: dict[str, list[tuple[str, Choice]]] = {sid: [] for sid in story.scenes}
    for sid, scene in story.scenes.items():
        for choice in scene.choices:
            callers[choice.goto].append((sid, choice))
    pending = list(story.scenes)
    while pending:
        sid = pending.pop()
        for caller, choice in callers[sid]:
            changed = {parse_effect(e.source).target.text for e in choice.effects}
            mine = found[caller]
            for name, at in found[sid].items():
                if name in changed or at <= mine.get(name, set()):
                    continue
                mine.setdefault(name, set()).update(at)
                pending.append(caller)
    return {sid: {n: tuple(sorted(at)) for n, at in table.items()} for sid, table in found.items()}
