"""The `explore` report when an exact search cannot finish: the abstract search's answers.

Every list says how it is known: "proved" (by the abstraction, for every state a player can
reach), or met in real play (witnesses and random playthroughs, with the choices that lead
there), or "undecided".
"""

from __future__ import annotations

import argparse
from typing import TextIO

from game.engine.explore import Exploration
from game.engine.proof import Proof
from game.tools.explore_text import choice_where, print_bounds, print_problems, variant_where, where, wrap


def _header(proof: Proof, bounded: Exploration, out: TextIO) -> None:
    story = proof.story
    print(
        f"Explored {story.title!r} from '{proof.start}': complete, through an abstraction. An exact "
        f"search stopped at {bounded.states:,} distinct states (--max-states), so the states were "
        f"gathered into {proof.states:,} abstract states (numbers as ranges, kept apart where a later "
        f"condition tells them apart), {proof.witnessed_states:,} of them met in real play.",
        file=out,
    )
    print(
        "  'proved' below holds for every state a player can reach; what is reached, and every "
        "error, was met in real play, with the choices that lead there.",
        file=out,
    )
    if proof.random_runs:
        print(
            f"  {proof.random_runs:,} random playthroughs (seeds 1–{proof.random_runs}, --fill) then "
            "looked for what real play had not met yet.",
            file=out,
        )
    skipped = [s for s in story.scenes if s not in proof.after_start]
    if skipped:
        print(
            f"  ({len(skipped)} scene{'s' * (len(skipped) != 1)} and their endings are not judged: "
            f"no choice leads to them from '{proof.start}'.)",
            file=out,
        )


def _proved(proof: Proof, out: TextIO) -> tuple[int, int]:
    """The lists of what can never (or always) happen; returns (errors, warnings)."""
    story, errors, warnings = proof.story, 0, 0
    never = proof.endings_never_reached
    print(f"Endings never reached (proved): {len(never) or 'none'}", file=out)
    for ending_id in never:
        ending = next(e for e in story.endings if e.id == ending_id)
        errors += 1
        print(f"  {ending.location}: error: no playthrough can reach the ending '{ending_id}'", file=out)
    scenes = proof.scenes_never_reached
    print(f"Scenes never reached (proved): {len(scenes) or 'none'}", file=out)
    for scene in scenes:
        warnings += 1
        print(f"  {where(story, scene)}: warning: no playthrough can reach the scene '{scene}'", file=out)
    choices = proof.choices_never_open
    print(f"Choices never open (proved): {len(choices) or 'none'}", file=out)
    for full_id in choices:
        warnings += 1
        choice = story.choice(full_id)
        condition = choice.condition.source if choice and choice.condition else "?"
        shown = f'shown locked ("{choice.locked}")' if choice and choice.locked else "hidden"
        print(
            wrap(
                f"{choice_where(story, full_id)}: warning: '{full_id}' is {shown} every time: its "
                f"condition '{condition}' never holds there",
                "  ",
            ),
            file=out,
        )
    for title, variants, why in (
        ("Variants never shown", proof.variants_never_shown, "its condition never holds there"),
        ("Variants always shown", proof.variants_always_shown, "its 'if' always holds there"),
    ):
        print(f"{title} (proved): {len(variants) or 'none'}", file=out)
        for sid, index in variants:
            warnings += 1
            print(wrap(f"{variant_where(story, sid, index)}: warning: {why}", "  "), file=out)
    dead = [f for f in proof.failures if f.kind == "dead-end"]
    if not dead and not proof.undecided_dead_ends:
        print(
            "Dead ends (proved): none: from every state a player can reach, an ending can be reached",
            file=out,
        )
    return errors, warnings


def _undecided(proof: Proof, out: TextIO) -> int:
    """What neither the abstraction nor real play settled; returns how many (warnings)."""
    story = proof.story
    lines = [f"{where(story, s)}: the scene '{s}' may be reachable" for s in proof.scenes_undecided]
    lines += [f"{choice_where(story, c)}: the choice '{c}' may be open" for c in proof.choices_undecided]
    lines += [
        f"{variant_where(story, sid, i)}: may show or not; real play showed it only one way"
        for sid, i in proof.variants_undecided
    ]
    lines += [f"the ending '{e}' may be reachable" for e in proof.endings_undecided]
    lines += [
        f"{where(story, s)}: could not prove that every state here can still reach an ending"
        for s in sorted(set(proof.undecided_dead_ends))
    ]
    print(f"Undecided (the abstraction allows it, real play never met it): {len(lines) or 'none'}", file=out)
    for line in lines:
        print(wrap(f"{line}", "  "), file=out)
    return len(lines)


def _endings(proof: Proof, out: TextIO) -> None:
    story = proof.story
    print("Endings met in real play (choices on the first way found):", file=out)
    width = max((len(e.id) for e in story.endings), default=0)
    for ending in story.endings:
        index = proof.endings_witnessed.get(ending.id)
        if index is None:
            continue
        path = proof.paths.get(index)
        if path is None:  # met only by the random playthroughs
            low, high = proof.random_words[ending.id]
            print(f"  {ending.id:<{width}}  by random playthroughs ({low:,}–{high:,} words)", file=out)
            continue
        print(f"  {ending.id:<{width}}  in {len(path)} choices", file=out)


def print_proof(proof: Proof, bounded: Exploration, args: argparse.Namespace, out: TextIO) -> tuple[int, int]:
    """Prints the abstract search's answers, as an author reads them, but the closing count of
    errors and warnings, which it returns."""
    story = proof.story
    _header(proof, bounded, out)
    errors, warnings = _proved(proof, out)
    warnings += _undecided(proof, out)
    hits = sorted(proof.bounds, key=lambda b: (b[0], b[1], b[2] or "", b[3]))
    print_bounds("Stats that hit their bounds (in real play)", [hit[1:] for hit in hits], out)
    _endings(proof, out)
    errors += print_problems(story, proof.failures, args, out)
    return errors, warnings
