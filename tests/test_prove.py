"""The abstract search finishes where the exact one cannot, and proves what it says: scenes, choices
and variants that never (or always) happen, dead ends with the choices that lead into them."""

from __future__ import annotations

from pathlib import Path

from game.engine.explore import explore, prove, random_playthroughs
from game.story import load_story
from tests.test_explore import EXAMPLE, run, write_story

# Work adds 10 yuan each time round, for ever: no bound on the states lets an exact search
# finish. Savings start at 10 and only grow, so 'steal' (savings < 5) never opens, its scene and
# ending are never reached, the first variant always shows and the second never can.
MARKET = """\
scenes:
  a:
    text: The market.
    variants:
      - {if: savings >= 10, text: You have money.}
      - {if: rich, text: Riches.}
      - {if: visited(work_day), text: Back again.}
    choices:
      - {id: work, text: Work, effects: [savings += 10], goto: work_day}
      - {id: buy, text: Buy, if: savings >= 30, goto: bought}
      - {id: steal, text: Steal, if: savings < 5, goto: caught}
  work_day: {text: A day's work., next: a}
  bought: {text: Bought., end: true}
  caught: {text: Caught., end: true}
endings:
  - {id: home, title: Home, from: [bought], text: B., epilogue: {mum: B.}}
  - {id: jail, title: Jail, from: [caught], text: C., epilogue: {mum: C.}}
"""

# Spend the fare and the shop's only way out needs it again: waiting goes round for ever. Not a
# loop no choice can leave (buying leaves it), not stuck (waiting is always open): a dead end.
FARE = """\
scenes:
  a:
    text: Payday.
    choices:
      - {id: keep, text: Keep the fare, goto: shop}
      - {id: spend, text: Spend it all, effects: [savings -= 10], goto: shop}
  shop:
    text: The ticket office.
    choices:
      - {id: buy, text: Buy the ticket, if: savings >= 10, goto: home}
      - {id: wait, text: Wait, goto: street}
  street: {text: The street., next: shop}
  home: {text: Home., end: true}
endings:
  - {id: home, title: Home, text: Home., epilogue: {mum: Home.}}
"""


def _story(tmp_path: Path, name: str, scenes: str):
    return load_story(write_story(tmp_path / name, scenes), check_assets=False)


def test_the_abstraction_finishes_where_the_exact_search_cannot(tmp_path):
    story = _story(tmp_path, "market", MARKET)
    assert not explore(story, max_states=500).complete  # savings grow without end
    proof = prove(story, check=True)
    assert proof.scenes_never_reached == ["caught"]
    assert proof.choices_never_open == ["a.steal"]
    assert proof.variants_never_shown == [("a", 1)]
    assert proof.variants_always_shown == [("a", 0)]
    assert proof.endings_never_reached == ["jail"]
    # The rest was met in real play: 'buy', the ending 'home', the third variant both ways.
    assert proof.scenes_undecided == proof.choices_undecided == proof.variants_undecided == []
    assert proof.endings_undecided == []
    # That working long enough always opens 'buy' needs an argument about the loop that ranges
    # cannot make: whether some state there can never end is left undecided, and said so.
    assert set(proof.undecided_dead_ends) == {"a", "work_day"}
    assert {"a.work", "a.buy"} <= proof.witnessed_choices and "home" in proof.endings_witnessed
    assert proof.failures == [] and proof.has_errors  # an ending no one can reach is an error


def test_the_explore_command_says_what_is_proved(tmp_path):
    story = _story(tmp_path, "market", MARKET)
    status, out, _ = run("explore", "--story", str(story.root), "--max-states", "100", "--fill", "0")
    assert status == 1, out
    text = " ".join(out.split())
    assert "complete, through an abstraction" in text
    assert "Endings never reached (proved): 1" in text and "the ending 'jail'" in text
    assert "Scenes never reached (proved): 1" in text and "the scene 'caught'" in text
    assert "Choices never open (proved): 1" in text and "'a.steal' is hidden every time" in text
    assert "Variants always shown (proved): 1" in text and "variant 1 (if: savings >= 10)" in text
    assert "Variants never shown (proved): 1" in text and "variant 2 (if: rich)" in text
    assert "Undecided (the abstraction allows it, real play never met it): 2" in text
    assert "could not prove that every state here can still reach an ending" in text
    assert "1 error, 6 warnings." in text


def test_a_dead_end_is_found_with_the_choices_that_lead_into_it(tmp_path):
    story = _story(tmp_path, "fare", FARE)
    exact = explore(story)
    assert exact.complete
    dead = [(f.kind, f.scene, f.path) for f in exact.failures]
    assert dead == [("dead-end", "shop", ("a.spend",))]
    proof = prove(story, check=True)
    assert [(f.kind, f.scene, f.path) for f in proof.failures] == [("dead-end", "shop", ("a.spend",))]
    assert proof.has_errors
    for argv in ((), ("--max-states", "2")):  # exact, then through the abstraction
        status, out, _ = run("explore", "--story", str(story.root), *argv)
        assert status == 1, out
        assert "error: dead end" in out and "choices: a.spend" in out, out


def test_a_story_without_problems_is_proved_sound(tmp_path):
    story = load_story(EXAMPLE, check_assets=False)
    proof = prove(story, check=True)
    assert not proof.has_errors and proof.undecided == 0
    assert set(proof.endings_witnessed) == set(explore(story).endings)


def test_every_state_random_play_meets_lies_in_the_abstraction(tmp_path):
    """Soundness, checked against real play: each random playthrough's scenes, choices and
    variants are ones the abstraction allows."""
    story = load_story(EXAMPLE, check_assets=False)
    market = _story(tmp_path, "market", MARKET)
    for each in (story, market):
        proof = prove(each)
        report = random_playthroughs(each, 200, max_steps=60)
        assert report.scenes_seen <= proof.abstract_scenes
        assert all(proof.choice_answers[c] & 1 for c in report.choices_taken)
        for (sid, index), shown in report.variants_shown.items():
            assert proof.variant_answers[(sid, index)] & 1, (sid, index)
            if shown < report.variant_visits[sid]:
                assert proof.variant_answers[(sid, index)] & 2, (sid, index)


def test_random_playthroughs_settle_what_real_play_had_not_met(tmp_path):
    from tests.test_explore import VARIANTS

    story = _story(tmp_path, "variants", VARIANTS)
    proof = prove(story)
    assert proof.variants_never_shown == [("b", 1)] and proof.variants_always_shown == [("b", 0)]
    assert proof.undecided == 0
    for seen in (
        proof.variant_seen,
        proof.witnessed_scenes,
        proof.witnessed_choices,
        proof.endings_witnessed,
    ):
        seen.clear()  # as if no witness had met anything
    assert proof.scenes_undecided == ["a", "b", "c"] and proof.variants_undecided == [("b", 2)]
    proof.absorb(random_playthroughs(story, 100))
    assert proof.undecided == 0 and proof.random_runs == 100 and "only" in proof.random_words
