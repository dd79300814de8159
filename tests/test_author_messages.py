"""The mistakes a new author makes first get plain words, at the place to change.

From a new author's walk through docs/writing-stories.md: YAML syntax errors in plain words at the
real mistake, prose cut short by ' #', the names listed when none is close, quotes and decimals in
expressions, --start typos in every command, and the small slips of the tools' own sentences.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from game.cli import main
from game.engine import Session
from game.story import load_story, load_story_with_diagnostics
from tests.storykit import BASE, write_story
from tests.textkit import text_player


def findings(root: Path, severity: str = "error") -> list[str]:
    _, found = load_story_with_diagnostics(root, check_assets=False)
    return [str(f) for f in found if f.severity == severity]


def only(root: Path, severity: str = "error") -> str:
    found = findings(root, severity)
    assert len(found) == 1, found
    return found[0]


def broken(tmp_path: Path, old: str, new: str) -> Path:
    assert old in BASE, old
    return write_story(tmp_path, BASE.replace(old, new, 1))


# ----------------------------------------------------------------------------- YAML syntax


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        # a tab in the indentation: found exactly, wherever it is
        (
            "        goto: b\n      - id: rest",
            "\tgoto: b\n      - id: rest",
            "01_scenes.yaml:13:1: error: a tab character: indent with spaces only",
        ),
        (
            "        goto: b\n      - id: rest",
            "    \tgoto: b\n      - id: rest",
            "01_scenes.yaml:13:5: error: a tab character: indent with spaces only",
        ),
        # an unclosed quote: at the quote, not at the end of the file
        (
            "says: Qin hears your voice.",
            'says: "Qin hears your voice.',
            '01_scenes.yaml:12:15: error: the quote opened at 12:15 is never closed: end the text with "',
        ),
        # ... and when a later quote ends the runaway text, still at the quote that was left open
        (
            "says: Qin hears your voice.\n",
            'says: "Qin hears your voice.\n',
            None,
        ),  # filled in below: needs a second quote further down
        # no space after ':': at the line of the mistake, with the fix
        (
            "        goto: b\n      - id: rest",
            "        goto:b\n      - id: rest",
            "01_scenes.yaml:13:9: error: a space is missing after ':': write 'goto: b'",
        ),
        # ': ' inside unquoted text
        (
            "text: Call home",
            "text: Call home: now",
            "01_scenes.yaml:10:24: error: a ': ' inside unquoted text: put the text in quotes, as in "
            'text: "Call home: now"',
        ),
        # text that starts with '['
        (
            "text: Call home",
            "text: [Call] home",
            "01_scenes.yaml:10:15: error: text that starts with '[' must be put in quotes as a whole, as in "
            'text: "[Call] home"',
        ),
        # a key indented one space too little
        (
            "        goto: b\n      - id: rest",
            "       goto: b\n      - id: rest",
            "01_scenes.yaml:13:8: error: this line does not line up with the lines above it (the list that "
            "starts at line 9, column 7)",
        ),
        # a key indented one space too little, among its mapping's keys
        (
            "    place: Dorm\n",
            "   place: Dorm\n",
            "01_scenes.yaml:4:4: error: this line does not line up with the lines above it",
        ),
        # a key indented one space too much continues the text above
        (
            "    when: Spring 2006\n",
            "     when: Spring 2006\n",
            "01_scenes.yaml:5:6: error: this line is indented more than line 4 above it, so YAML reads it "
            "as more of that line's text",
        ),
        # a list entry without the space after '-'
        (
            "      - id: rest",
            "      -id: rest",
            "01_scenes.yaml:14:7: error: a list entry starts with '- ': put a space after the '-'",
        ),
        # an unclosed '['
        (
            "    place: Dorm\n",
            "    place: [Dorm\n",
            "01_scenes.yaml:4:12: error: the '[' opened here is never closed",
        ),
    ],
)
def test_yaml_syntax_errors_are_said_in_plain_words_at_the_mistake(tmp_path, old, new, expected):
    if expected is None:  # the runaway quote: the text runs on to the next quote, two lines down
        root = write_story(tmp_path, BASE.replace(old, new, 1).replace("text: Sleep", 'text: "Sleep"'))
        expected = (
            "01_scenes.yaml:12:15: error: the quote opened at 12:15 is never closed on its "
            'line, so the text runs on to the next " (line 15)'
        )
    else:
        root = broken(tmp_path, old, new)
    message = only(root)
    assert expected in message
    assert "did not find expected" not in message and "could not find expected" not in message


def test_a_block_of_text_indented_too_little_is_found_at_its_line(tmp_path):
    scenes = BASE.replace(
        "    text: You hold a phone card.\n",
        "    text: |\n      You hold a phone card.\n    It is worth ten minutes.\n",
    )
    message = only(write_story(tmp_path, scenes))
    assert (
        "01_scenes.yaml:9:5: error: this line is indented less than the text it continues (the "
        "block that starts at line 7): indent it to column 7"
    ) in message


def test_an_unexplained_yaml_error_says_where_the_part_it_read_started(tmp_path):
    root = broken(tmp_path, "    place: Dorm\n", "    place: {Dorm: x: y}\n")
    message = only(root)
    assert "01_scenes.yaml:4:" in message


# ----------------------------------------------------------------------------- ' #' in prose


def test_unquoted_prose_cut_by_a_comment_is_a_warning_and_ids_are_not(tmp_path):
    scenes = (
        BASE.replace("text: Call home", "text: Take seats #12 and #13")
        .replace("says: Qin hears your voice.", 'says: "Qin hears #1"')
        .replace("      - id: rest", "      - id: rest  # the other way")
        .replace("if: savings >= 500", "if: savings >= 500  # a lot")
        .replace("      qin: She writes back.", "      qin: She writes back # soon")
    )
    root = write_story(tmp_path, scenes)
    warnings = [w for w in findings(root, "warning") if "comment" in w]
    cut = "the rest of this line after '#' is a comment and is not shown; put the text in quotes"
    assert [w.split(": warning: ")[0].rsplit("01_scenes.yaml:", 1)[1] for w in warnings] == ["10:26", "36:28"]
    assert all(w.endswith(cut) for w in warnings)
    # the parse cache keeps finding-free parses only: a second load warns again
    assert [w for w in findings(root, "warning") if "comment" in w] == warnings


# ----------------------------------------------------------------------------- expressions


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "qin.hope += 1]",
            "hope += 1]",
            "'hope' is a stat of each person: write whose: suqin.hope, qin.hope",
        ),
        (
            "if: called and qin.hope >= 6",
            "if: called and hope >= 6",
            "'hope' is a stat of each person: write whose (suqin.hope, qin.hope), or 'family(hope)'",
        ),
        ("qin.hope += 1]", "family(hope) += 1]", "family() is the family's average and cannot be changed"),
        ("qin.hope += 1]", "qin.happiness += 1]", "unknown stat 'happiness' (the stats are: hope)"),
        ("savings -= 20", "money -= 20", "unknown name 'money' (resources: savings; flags: called)"),
        ("savings -= 20", "savings -= 20.5", ":11:30: error: whole numbers only: write 20, not 20.5"),
        (
            "if: savings >= 500",
            "if: called == 'yes'",
            ':20:23: error: unexpected character "\'": quotes are not used in conditions and effects',
        ),
        (
            "if: savings >= 500",
            "if: chose(a.phone)",
            "scene 'a' has no choice 'phone' (its choices are: call, rest, rich)",
        ),
        (
            "text: A call was made.",
            "text: A call was made, {savngs} yuan.",
            "'{savngs}' should name a resource, a flag or a person's stat (did you mean 'savings'?)",
        ),
        (
            "text: A call was made.",
            "text: A call {xyz}.",
            "'{xyz}' should name a resource, a flag or a person's stat (resources: savings; flags: called)",
        ),
    ],
)
def test_expression_mistakes_get_plain_words_and_the_valid_names(tmp_path, old, new, expected):
    assert expected in only(broken(tmp_path, old, new))


def test_a_duplicate_choice_id_says_where_the_first_is(tmp_path):
    root = write_story(
        tmp_path,
        BASE,
        extra_files={
            "02_more.yaml": """\
        extend:
          a:
            choices:
              - {id: rest, text: Rest again, goto: b}
        """
        },
    )
    message = only(root)
    assert re.search(
        r"02_more\.yaml:4:14: error: the choice id 'rest' is used twice in scene 'a' "
        r"\(first at \S*01_scenes\.yaml:14:13\)$",
        message,
    )


def test_check_given_a_file_says_to_give_the_folder(tmp_path):
    root = write_story(tmp_path, BASE)
    out = io.StringIO()
    assert main(["check", str(root / "01_scenes.yaml")], out=out, err=io.StringIO()) == 1
    assert "this is a file, not a story folder: give the folder that holds story.yaml" in out.getvalue()


# ----------------------------------------------------------------------------- the tools


def run(argv, stdin=""):
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err, stdin=io.StringIO(stdin))
    return code, out.getvalue(), err.getvalue()


def test_check_names_the_folder_it_read_and_counts_in_good_english(tmp_path):
    root = write_story(
        tmp_path / "mystory", BASE.replace("      - id: rest", "      - id: rest\n        if: called")
    )
    code, out, _ = run(["check", str(root)])
    assert code == 0
    assert re.search(
        r"Test Story \(\S*mystory/\): 2 scenes, 3 choices, 2 endings, 0 fact cards, "
        r"0 discussion prompts, [\d,]+ words in 2 files\.",
        out,
    )


def test_a_mistyped_start_scene_gets_a_suggestion_in_the_terminal_and_in_explore(tmp_path):
    root = write_story(
        tmp_path, BASE.replace("\n  b:\n", "\n  bus_station:\n").replace("goto: b", "goto: bus_station")
    )
    code, _, err = run(["play", "--text", "--story", str(root), "--start", "bus_statoin"])
    assert code == 2
    assert "there is no scene 'bus_statoin' in the story (did you mean 'bus_station'?)" in err
    code, _, err = run(["explore", "--story", str(root), "--start", "bus_statoin"])
    assert code == 2
    assert "explore: there is no scene 'bus_statoin' in the story (did you mean 'bus_station'?)" in err


def test_graph_refuses_start_and_set_rather_than_ignoring_them(tmp_path):
    root = write_story(tmp_path / "s", BASE)
    for extra in (["--start", "b"], ["--set", "savings=5"]):
        code, _, _ = run(["graph", "--story", str(root), "-o", str(tmp_path / "m.mmd"), *extra])
        assert code == 2
    code, out, _ = run(["graph", "--story", str(root), "--chapter", "one", "-o", str(tmp_path / "m.mmd")])
    assert code == 0, "a chapter's name in another case"
    assert re.search(r"1 scene, 0 endings, \d+ edges\.", out)  # "1 scene", not "1 scenes"


def test_a_replay_of_one_choice_says_choice(tmp_path):
    root = write_story(tmp_path, BASE)  # one choice from 'a' to the end scene 'b'
    code, out, _ = run(["explore", "--story", str(root), "--replay", "1"])
    assert code == 0
    assert "Playthrough with seed 1: 1 choice." in out


def test_without_pyyaml_the_tools_say_what_to_do(tmp_path, monkeypatch):
    root = write_story(tmp_path, BASE)
    monkeypatch.setenv("LAST_TRAIN_HOME_CACHE", "off")
    monkeypatch.setitem(sys.modules, "yaml", None)  # import yaml now fails, as without PyYAML
    from game.story import yamlsource

    monkeypatch.setattr(yamlsource, "_py", yamlsource._PyYaml())
    code, out, err = run(["check", str(root)])
    assert code == 1
    assert "Traceback" not in out + err
    assert "reading story files needs PyYAML" in err and ".venv/bin/python main.py" in err


# ----------------------------------------------------------------------------- hot reload


def _player(root: Path, tmp_path: Path, lines: list):
    return text_player(Session(load_story(root, check_assets=False)), tmp_path, lines)


def _edit(root: Path, old: str, new: str) -> None:
    import os

    path = root / "01_scenes.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))


def test_r_after_saving_reloads_once(tmp_path):
    root = write_story(tmp_path / "story", BASE)

    def save_then_r():
        _edit(root, "You hold a phone card.", "You hold a new phone card.")
        return "r\n"

    player, out = _player(root, tmp_path, [save_then_r, "h\n"])
    player.run()
    text = out.getvalue()
    assert text.count("Reloading the story.") == 1
    assert "A story file changed" not in text
    assert "You hold a new phone card." in text


def test_enter_after_saving_reloads_without_asking_for_a_number(tmp_path):
    root = write_story(tmp_path / "story", BASE)

    def save_then_enter():
        _edit(root, "You hold a phone card.", "You hold a new phone card.")
        return "\n"

    player, out = _player(root, tmp_path, [save_then_enter])
    player.run()
    text = out.getvalue()
    assert "Choose a number." not in text
    assert text.count("(A story file changed: reloading.)") == 1
    assert "You hold a new phone card." in text


# ----------------------------------------------------------------------------- operators and values
# From the second authoring review: a writer from other languages types '=>' or '>>', quotes a
# word where a number belongs, or guesses a function's name.


@pytest.mark.parametrize(
    ("condition", "expected"),
    [
        ("savings >> 10", "'>>' is not an operator: did you mean '>='?"),
        ("savings => 10", "'=>' is not an operator: did you mean '>='?"),
        ("savings =< 10", "'=<' is not an operator: did you mean '<='?"),
        ("savings <> 10", "'<>' is not an operator: did you mean '!='?"),
    ],
)
def test_an_operator_from_another_language_names_the_one_meant(tmp_path, condition, expected):
    message = only(broken(tmp_path, "if: savings >= 500", f"if: {condition}"))
    assert message.endswith("error: " + expected)
    assert ":20:21:" in message  # at the operator itself


def test_a_quoted_amount_says_a_number_is_needed(tmp_path):
    message = only(broken(tmp_path, "effects: [savings -= 20,", 'effects: [savings -= "lots",'))
    assert "'-=' needs a whole number, as in 'savings -= 100'" in message


def test_an_unknown_function_lists_the_real_ones(tmp_path):
    message = only(broken(tmp_path, "if: savings >= 500", "if: frobnicate(savings) > 1"))
    assert message.endswith(
        "unknown function 'frobnicate' (the functions are: visited, visits, chose, family, min, max)"
    )


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("    place: Dorm\n", "    place: Dorm room #4\n"),
        ("    when: Spring 2006\n", "    when: Spring 2006 #late\n"),
        ("    chapter: One\n", "    chapter: One #of nine\n"),
    ],
)
def test_a_comment_cutting_place_when_or_chapter_is_a_warning(tmp_path, old, new):
    """Every text field warns, not only the prose ones: the place and time line was cut silently."""
    root = write_story(tmp_path, BASE.replace(old, new))
    warnings = [w for w in findings(root, "warning") if "comment" in w]
    line, column = BASE[: BASE.index(old)].count("\n") + 1, new.index("#") + 1
    assert (
        len(warnings) == 1
        and f"01_scenes.yaml:{line}:{column}: warning: the rest of this line" in warnings[0]
    )


def test_a_comment_cutting_a_persons_name_is_a_warning(tmp_path):
    root = write_story(tmp_path, BASE)
    manifest = (root / "story.yaml").read_text(encoding="utf-8")
    (root / "story.yaml").write_text(
        manifest.replace(
            "  qin: {name: Zhang Qin, short: Qin, role: daughter}\n",
            "  qin:\n    name: Zhang Qin #2\n    short: Qin\n    role: daughter\n",
        ),
        encoding="utf-8",
    )
    warnings = [w for w in findings(root, "warning") if "comment" in w]
    assert len(warnings) == 1 and "story.yaml:" in warnings[0], warnings
