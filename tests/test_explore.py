"""The explorer plays small stories written here and must find what is wrong with them."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pytest

from game.cli import main
from game.engine.explore import (
    count_paths,
    explore,
    random_playthrough,
    random_playthroughs,
    relevance,
)
from game.story import load_story
from game.tools._progress import ProgressBar

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "example"

MANIFEST = """\
format: 1
title: Trouble
start: a
people:
  mum: {name: Mum Test, short: Mum}
stats:
  hope: {min: 0, max: 3, start: 1}
resources:
  savings: {start: 10, min: 0}
flags:
  rich: {}
"""

# A story with every problem the explorer reports: an ending no state satisfies, a scene where
# the player is stuck, a choice always locked, one always hidden, a loop, stats at both bounds.
TROUBLE = """\
scenes:
  a:
    text: The start.
    choices:
      - {id: up, text: Hope, effects: [mum.hope += 5], goto: b}
      - {id: down, text: Despair, effects: [mum.hope -= 5], goto: b}
      - {id: gold, text: Gold, if: savings >= 100, locked: Needs 100 yuan, goto: b}
      - {id: secret, text: Secret, if: rich, goto: b}
      - {id: trap, text: Trap, if: mum.hope == 1, goto: d}
  b:
    text: The middle.
    choices:
      - {id: onward, text: Go on, goto: c}
      - {id: back, text: Try again, if: not visited(c), goto: a}
  c:
    text: The end.
    end: true
  d:
    text: A trap.
    choices:
      - {id: out, text: Out, if: rich, effects: [rich = true], goto: c}
endings:
  - id: never
    title: Never
    if: mum.hope > 3
    text: Cannot happen.
    epilogue: {mum: No.}
  - id: hopeful
    title: Hopeful
    if: mum.hope >= 3
    text: Hope.
    epilogue: {mum: Yes.}
  - id: plain
    title: Plain
    text: Plain.
    epilogue: {mum: So.}
"""

# Two choices lead to the same state; a variant may or may not read which one was taken.
MERGE = """\
scenes:
  a:
    text: Pick.
    choices:
      - {id: x, text: X, goto: b}
      - {id: y, text: Y, goto: b}
  b:
    text: Then.
    variants: [{if: VARIANT, text: You took X.}]
    next: c
  c:
    text: End.
    end: true
endings:
  - {id: only, title: Only, text: Done., epilogue: {mum: Fine.}}
"""


def write_story(folder: Path, content: str, manifest: str = MANIFEST) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "story.yaml").write_text(textwrap.dedent(manifest), encoding="utf-8")
    (folder / "01.yaml").write_text(textwrap.dedent(content), encoding="utf-8")
    return folder


@pytest.fixture
def trouble(tmp_path: Path):
    return load_story(write_story(tmp_path / "trouble", TROUBLE), check_assets=False)


def run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out=out, err=err)
    return status, out.getvalue(), err.getvalue()


def test_exploration_finds_every_problem(trouble):
    result = explore(trouble)
    assert result.complete
    assert result.endings_never_reached == ["never"]
    assert set(result.endings) == {"hopeful", "plain"}
    assert result.choices_always_locked == ["a.gold"]
    assert result.choices_never_available == ["a.secret", "d.out"]
    stuck = [f for f in result.failures if f.kind == "stuck"]
    assert [(f.scene, f.path) for f in stuck] == [("d", ("a.trap",))]
    assert {(b.label, b.bound) for b in result.bounds} == {("mum.hope", "max"), ("mum.hope", "min")}
    assert result.has_errors


def test_loops_make_the_longest_path_unbounded(trouble):
    paths = explore(trouble).endings["hopeful"]
    assert paths.shortest_choices == 2
    assert paths.shortest_path == ("a.up", "b.onward")
    assert paths.longest_choices is None  # b.back leads to a, from where b is reached again


def test_shortest_and_longest_paths_without_loops():
    result = explore(load_story(EXAMPLE, check_assets=False))
    connected = result.endings["connected"]
    assert (connected.shortest_choices, connected.longest_choices) == (2, 2)
    assert connected.shortest_path == ("dorm.call", "booth.continue")
    assert connected.shortest_words == connected.longest_words > 0
    silence = result.endings["silence"]
    assert silence.shortest_words < connected.shortest_words
    assert not result.has_errors


def test_states_that_differ_only_in_unread_history_are_merged(tmp_path):
    blind = load_story(write_story(tmp_path / "blind", MERGE.replace("VARIANT", "rich")), check_assets=False)
    seeing = load_story(
        write_story(tmp_path / "seeing", MERGE.replace("VARIANT", "chose(a.x)")), check_assets=False
    )
    assert relevance(seeing).chose == ("a.x",)
    assert explore(blind).states == 3  # a, b (twice merged), c
    assert explore(seeing).states == 5  # b and c remember which choice was taken


def test_a_bounded_run_goes_on_through_the_abstraction_with_the_same_answers(trouble, tmp_path):
    result = explore(trouble, max_states=2)
    assert not result.complete
    assert result.states == 2
    assert not result.has_errors  # an ending not reached yet is not an error in a bounded run
    status, out, _ = run("explore", "--story", str(trouble.root), "--max-states", "2", "--fill", "0")
    assert status == 1
    assert "complete, through an abstraction. An exact search stopped at 2 distinct states" in out
    text = " ".join(out.split())
    # what the exact run finds (test_exploration_finds_every_problem), proved or met in real play
    assert "Endings never reached (proved): 1" in text and "reach the ending 'never'" in text
    assert "'a.gold' is shown locked (\"Needs 100 yuan\") every time" in text
    assert "'a.secret' is hidden every time" in text and "'d.out' is hidden every time" in text
    assert "error: stuck: no choice is available at 'd'" in text and "choices: a.trap" in text
    assert "hope reaches its max (3) for mum" in text


def test_explore_command_reports_errors_with_locations(trouble):
    status, out, _ = run("explore", "--story", str(trouble.root))
    assert status == 1
    assert "01.yaml:" in out and "no playthrough reaches the ending 'never'" in out
    assert "stuck" in out and "choices: a.trap" in out
    assert "'a.gold' is shown locked every time (\"Needs 100 yuan\")" in out
    assert "hope reaches its max (3) for mum" in out


def test_explore_command_exits_zero_on_a_sound_story():
    status, out, _ = run("explore", "--story", str(EXAMPLE))
    assert status == 0, out
    assert "0 errors" in out


def test_random_playthroughs_are_reproducible(trouble):
    first = random_playthrough(trouble, 7)[0]
    again = random_playthrough(trouble, 7)[0]
    assert first == again
    report = random_playthroughs(trouble, 60, seed=100)
    assert report.runs == 60
    stuck = [f for f in report.failures if f.kind == "stuck"]
    assert stuck and all(f.path == ("a.trap",) for f in stuck)
    replayed = random_playthrough(trouble, stuck[0].seed)[0]
    assert replayed.failure == stuck[0]
    assert "c" in report.scenes_seen and report.scene_coverage == 100.0
    assert "a.gold" in report.choices_never_taken


def test_random_command_prints_coverage_and_how_to_replay_a_failure(trouble):
    status, out, _ = run("explore", "--story", str(trouble.root), "--random", "40", "--seed", "3")
    assert status == 1
    assert "Coverage: scenes 100.0% (4/4), choices" in out
    assert "replay: python main.py explore --story" in out
    seed = int(out.split("error: seed ")[1].split(":")[0])
    status, out, _ = run("explore", "--story", str(trouble.root), "--replay", str(seed))
    assert status == 1
    assert "choices: a.trap" in out and "A trap." in out


def test_replay_of_a_good_playthrough_prints_the_ending():
    status, out, _ = run("explore", "--story", str(EXAMPLE), "--replay", "4")
    assert status == 0
    assert "Ending: " in out and "── dorm" in out


@pytest.fixture
def looping(tmp_path):
    """A story that goes round a and b for ever: the way out needs a flag nothing sets."""
    return load_story(
        write_story(
            tmp_path / "loop",
            """\
        scenes:
          a:
            text: Round.
            choices:
              - {id: again, text: Again, goto: b}
              - {id: stop, text: Stop, if: rich, goto: c}
          b: {text: And round., next: a}
          c: {text: End., end: true}
        endings:
          - {id: only, title: Only, text: Done., epilogue: {mum: Fine.}}
        """,
        ),
        check_assets=False,
    )


def test_a_loop_without_an_exit_is_reported_as_too_long(looping):
    story = looping
    played = random_playthrough(story, 1, max_steps=50)[0]
    assert played.failure is not None and played.failure.kind == "too-long"
    result = explore(story)
    assert result.endings_never_reached == ["only"]  # the exit needs a flag nothing sets
    assert "a.stop" in result.choices_never_available


def test_bad_start_is_a_usage_error(trouble):
    status, _, err = run("explore", "--story", str(trouble.root), "--start", "nowhere")
    assert status == 2 and "nowhere" in err


class _Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_only_after_a_second():
    clock, stream = _Clock(), _Tty()
    bar = ProgressBar(stream, "Runs", clock=clock)
    bar(10, 100)
    assert stream.getvalue() == ""
    clock.now = 1.5
    bar(50, 100)
    assert "50/100" in stream.getvalue() and "\r" in stream.getvalue()
    bar.finish()
    assert stream.getvalue().endswith("\n")


def test_progress_is_one_final_line_when_not_a_tty():
    clock, stream = _Clock(), io.StringIO()
    bar = ProgressBar(stream, "States", clock=clock)
    clock.now = 2.0
    bar(500, None)
    assert stream.getvalue() == ""
    bar.finish()
    assert stream.getvalue() == "States: 500 in 2.0s\n"


def test_count_paths_through_the_scene_graph(trouble):
    example = load_story(EXAMPLE, check_assets=False)
    assert count_paths(example) == 3  # call, rest, rich (locked, but the graph ignores conditions)
    assert count_paths(example, "booth") == 1
    assert count_paths(trouble) is None  # b.back leads round again


def test_random_runs_report_the_shortest_and_longest_reading() -> None:
    story = load_story(Path(__file__).resolve().parents[1] / "docs" / "example")
    report = random_playthroughs(story, 40, seed=3)
    assert report.shortest is not None and report.longest is not None
    assert report.shortest.words <= report.total_words / report.runs <= report.longest.words
    for ending, (low, high) in report.ending_words.items():
        assert ending in report.endings_seen and low <= high
    # the two endings of the example are reached by paths of different lengths
    assert report.shortest.ending != report.longest.ending
    replayed = random_playthrough(story, report.longest.seed)[0]
    assert replayed.words == report.longest.words


def test_random_playthroughs_shared_among_processes_give_the_same_report():
    from game.story import default_story_dir, load_story

    story = load_story(default_story_dir())
    one = random_playthroughs(story, 600, 40, jobs=1)
    steps: list[int] = []
    shared = random_playthroughs(story, 600, 40, jobs=2, progress=lambda done, _: steps.append(done))
    for name in (
        "scenes_seen",
        "choices_taken",
        "endings_seen",
        "failures",
        "total_choices",
        "total_words",
        "ending_words",
        "shortest",
        "longest",
        "runs",
        "first_seed",
    ):
        assert getattr(shared, name) == getattr(one, name), name
    assert steps and steps[-1] == 600 and steps == sorted(steps)
    assert shared.story is story  # the parent's story, not one sent back by a worker


def test_a_random_failure_is_reported_short_with_its_last_choices_and_the_replay(looping):
    """A loop with no way out in 2,000 choices: the report gives the seed, the last few choices
    and the command that replays it, not the whole path (it was 3 MB on a real story)."""
    status, out, _ = run("explore", "--story", str(looping.root), "--random", "30", "--jobs", "1")
    assert status == 1
    assert "error: seed 0: too long (30 runs): no ending after 2000 choices" in out
    assert "last 6 of 2,000 choices: " in out and "… a.again b.continue" in out
    assert "replay: python main.py explore --story" in out and "--replay 0" in out
    assert len(out) < 3_000, len(out)


# Two routes from the start, each to its own end scene and ending.
FORK = """\
scenes:
  a:
    text: Pick.
    choices:
      - {id: left, text: Left, goto: b}
      - {id: right, text: Right, goto: e}
  b:
    text: Left road.
    next: c
  c:
    text: Left end.
    end: true
  e:
    text: Right end.
    end: true
endings:
  - {id: left_end, title: Left, from: [c], text: L., epilogue: {mum: L.}}
  - {id: right_end, title: Right, from: [e], text: R., epilogue: {mum: R.}}
"""


def test_explore_from_a_later_scene_judges_only_what_comes_after_it(tmp_path):
    """--start b: the start 'a' and the other route's scene and ending are not reported as never
    reached (they cannot be, from there), and the run has no errors."""
    story = load_story(write_story(tmp_path / "fork", FORK), check_assets=False)
    result = explore(story, start="b")
    assert result.complete
    assert result.scenes_never_reached == []
    assert result.endings_never_reached == []
    assert not result.has_errors
    status, out, _ = run("explore", "--story", str(story.root), "--start", "b")
    assert status == 0, out
    assert "Endings never reached: none" in out and "Scenes never reached: none" in out
    assert "not judged" in out
    # from the real start, everything is reached
    assert explore(story).scenes_never_reached == []


# One variant that always shows where its scene is reached, one that never can, one that sometimes does.
VARIANTS = """\
scenes:
  a:
    text: Pick.
    choices:
      - {id: x, text: X, effects: [rich = true], goto: b}
      - {id: y, text: Y, goto: b}
  b:
    text: Then.
    variants:
      - {if: savings >= 0, text: Always.}
      - {if: savings > 1000, text: Never.}
      - {if: rich, text: Sometimes.}
    next: c
  c:
    text: End.
    end: true
endings:
  - {id: only, title: Only, text: Done., epilogue: {mum: Fine.}}
"""


def test_random_runs_report_variants_never_and_always_shown(tmp_path):
    """Like ChoiceScript's randomtest: a variant whose condition never held (dead text) or always
    held (a needless 'if') where its scene was shown is listed, the same with one process or two."""
    story = load_story(write_story(tmp_path / "variants", VARIANTS), check_assets=False)
    report = random_playthroughs(story, 40, seed=0)
    assert report.variant_visits == {"b": 40}
    assert report.variants_never_shown == [("b", 1)]
    assert report.variants_always_shown == [("b", 0)]
    assert 0 < report.variants_shown[("b", 2)] < 40
    shared = random_playthroughs(story, 600, seed=0, jobs=2)
    alone = random_playthroughs(story, 600, seed=0, jobs=1)
    assert shared.variants_shown == alone.variants_shown and shared.variant_visits == alone.variant_visits
    status, out, _ = run("explore", "--story", str(story.root), "--random", "40", "--jobs", "1")
    assert status == 0, out
    out = " ".join(out.split())  # a long path wraps the lines
    assert "Variants never shown: 1" in out and "scene 'b', variant 2 (if: savings > 1000), 40 visits" in out
    assert "Variants always shown: 1" in out and "scene 'b', variant 1 (if: savings >= 0)" in out


# Two paragraphs always shown, a variant that never holds, a choice never shown (hidden until a
# flag set by the choice beside it), a says line, and a `replace:` variant hiding a scene's text.
LINES = """\
scenes:
  a:
    text: |
      First paragraph of the market.

      Second paragraph of the market.
    variants:
      - {if: rich, text: Gold everywhere., replace: true}
    choices:
      - {id: x, text: Take X, effects: [rich = true], says: You took X., goto: b}
      - {id: y, text: Take Y, goto: b}
      - {id: z, text: The secret door, if: rich, goto: b}
  b:
    text: The plain middle.
    variants:
      - {if: rich, text: The golden middle., replace: true}
    next: c
  c: {text: The end., end: true}
endings:
  - {id: only, title: Only, text: Done at last., epilogue: {mum: Fine.}}
"""


def test_random_runs_count_how_often_each_line_was_shown(tmp_path):
    from game.engine.coverage import line_coverage

    story = load_story(write_story(tmp_path / "lines", LINES), check_assets=False)
    report = random_playthroughs(story, 40, seed=0)
    took_x = report.taken["a.x"]
    assert 0 < took_x < 40
    shown = {(line.kind, line.owner, line.text): line.shown for line in line_coverage(report)}
    assert shown == {
        ("text", "a", "First paragraph of the market."): 40,
        ("text", "a", "Second paragraph of the market."): 40,
        ("variant", "a", "Gold everywhere."): 0,
        ("choice", "a.x", "Take X"): 40,
        ("says", "a.x", "You took X."): took_x,
        ("choice", "a.y", "Take Y"): 40,
        ("choice", "a.z", "The secret door"): 0,
        ("text", "b", "The plain middle."): 40 - took_x,  # the golden middle replaced it
        ("variant", "b", "The golden middle."): took_x,
        ("text", "c", "The end."): 40,
        ("ending", "only", "Done at last."): 40,
    }
    shared = random_playthroughs(story, 600, seed=0, jobs=2)
    alone = random_playthroughs(story, 600, seed=0, jobs=1)
    assert line_coverage(shared) == line_coverage(alone)
    status, out, _ = run("explore", "--story", str(story.root), "--random", "40", "--jobs", "1")
    assert status == 0, out
    assert "Lines of text (paragraphs, choices, says, endings): 9 of 11 shown (81.8%)." in out
    assert "Lines never shown: 2" in out
    where, text = str(story.root / "01.yaml"), " ".join(out.split())  # a long path wraps the lines
    assert f"{where}:8:26: scene 'a', variant 1: \"Gold everywhere.\"" in text
    assert f"{where}:12:23: choice 'a.z': \"The secret door\"" in text


def test_random_runs_from_a_later_scene_judge_coverage_from_there(tmp_path):
    """--start b with --random: the scenes before b and the other route's are neither counted
    in the coverage nor listed as never seen, nor are their lines."""
    story = load_story(write_story(tmp_path / "fork", FORK), check_assets=False)
    status, out, _ = run("explore", "--story", str(story.root), "--start", "b", "--random", "20")
    assert status == 0, out
    assert "Coverage: scenes 100.0% (2/2), choices" in out
    assert "Scenes never seen: none" in out and "Lines never shown: none" in out
    assert "(2 scenes and their lines are not judged: no choice leads to them from 'b'.)" in out
    assert "Lines of text (paragraphs, choices, says, endings): 3 of 3 shown (100.0%)." in out
    report = random_playthroughs(story, 20, start="b")
    assert report.scene_coverage == 100.0 and report.scenes_never_seen == []


def test_an_exact_run_proves_variants_never_and_always_shown(tmp_path):
    story = load_story(write_story(tmp_path / "variants", VARIANTS), check_assets=False)
    result = explore(story)
    assert result.complete
    assert result.variants_never_shown == [("b", 1)]
    assert result.variants_always_shown == [("b", 0)]
    status, out, _ = run("explore", "--story", str(story.root))
    text = " ".join(out.split())
    assert status == 0, out
    assert (
        "Variants never shown: 1" in text and "variant 2 (if: savings > 1000): warning: its condition" in text
    )
    assert (
        "Variants always shown: 1" in text
        and "variant 1 (if: savings >= 0): warning: its 'if' always" in text
    )
