"""Every kind of author mistake is reported with its file, line, column and a helpful message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.story import load_story, load_story_with_diagnostics
from tests.storykit import BASE, write_story


def errors(root: Path) -> list[str]:
    story, findings = load_story_with_diagnostics(root, check_assets=False)
    return [str(f) for f in findings if f.severity == "error"]


def only_error(root: Path) -> str:
    found = errors(root)
    assert len(found) == 1, found
    return found[0]


def test_the_base_story_is_clean(tmp_path: Path) -> None:
    story, findings = load_story_with_diagnostics(write_story(tmp_path, BASE), check_assets=False)
    assert story is not None
    assert [f for f in findings if f.severity == "error"] == []


def test_missing_target_names_the_line_and_suggests(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("goto: b\n      - id: rest", "goto: bb\n      - id: rest"))
    message = only_error(root)
    assert re.match(r".*01_scenes\.yaml:13:15: error: unknown scene 'bb' \(did you mean 'b'\?\)", message)


def test_misspelt_stat_in_condition_points_inside_the_expression(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("if: called and qin.hope >= 6", "if: called and qin.hop >= 6"))
    message = only_error(root)
    # the column points at 'hop', inside the expression
    assert "01_scenes.yaml:26:28: error: unknown stat 'hop' (did you mean 'hope'?)" in message


def test_misspelt_person_and_flag(tmp_path: Path) -> None:
    root = write_story(
        tmp_path, BASE.replace("qin.hope += 1]", "qinn.hope += 1]").replace("if: called\n", "if: caled\n")
    )
    found = errors(root)
    assert any("unknown person 'qinn' (did you mean 'qin'?)" in m for m in found)
    assert any("unknown name 'caled' (did you mean 'called'?)" in m for m in found)


def test_type_mistake_in_expression(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("if: savings >= 500", "if: savings + called"))
    assert "expected a number here, not true/false" in only_error(root)


def test_effect_on_flag_with_plus(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("called = true", "called += 1"))
    assert "'called' is a flag: set it with 'called = true'" in only_error(root)


def test_duplicate_scene_id_across_files(tmp_path: Path) -> None:
    root = write_story(
        tmp_path, BASE, extra_files={"02_more.yaml": "scenes:\n  a:\n    text: x\n    end: true\n"}
    )
    message = only_error(root)
    assert "02_more.yaml:2:3: error: the scene id 'a' is used twice (first at" in message


def test_duplicate_key_in_a_mapping(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("    place: Dorm\n", "    place: Dorm\n    place: Room\n"))
    assert "the key 'place' appears twice in this mapping (first at line 4)" in only_error(root)


def test_unknown_field_is_reported_with_suggestion(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("    place: Dorm\n", "    plaec: Dorm\n"))
    assert "unknown field 'plaec' in scene 'a' (did you mean 'place'?)" in only_error(root)


def test_wrong_type_of_value(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("    text: The lights go out.\n", "    text: [a, b]\n"))
    assert "'text' in scene 'b' should be text, not a list" in " ".join(errors(root))


def test_scene_nothing_leads_to(tmp_path: Path) -> None:
    root = write_story(
        tmp_path, BASE, extra_files={"02_orphan.yaml": "scenes:\n  orphan:\n    text: x\n    next: b\n"}
    )
    message = only_error(root)
    assert "02_orphan.yaml:2:3: error: no choice leads to the scene 'orphan'" in message


def test_scene_with_no_way_on(tmp_path: Path) -> None:
    root = write_story(
        tmp_path,
        BASE.replace("    text: The lights go out.\n", "    text: The lights go out.\n").replace(
            "    end: true\nendings", "endings"
        ),
    )
    message = only_error(root)
    assert "scene 'b' has no way on: add 'choices', 'next: SCENE' or 'end: true'" in message


def test_end_scene_without_fallback_ending(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("    title: Quiet\n", "    title: Quiet\n    if: not called\n"))
    assert "the end scene 'b' needs a fallback ending" in only_error(root)


def test_ending_shadowed_by_an_earlier_fallback(tmp_path: Path) -> None:
    swapped = BASE.replace(
        "  - id: heard\n    title: Heard\n    if: called\n", "  - id: heard\n    title: Heard\n"
    )
    swapped = swapped.replace(
        "  - id: quiet\n    title: Quiet\n", "  - id: quiet\n    title: Quiet\n    if: called\n"
    )
    assert "the ending 'quiet' can never be chosen" in only_error(write_story(tmp_path, swapped))


def test_epilogue_missing_a_person(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("      qin: She writes back.\n", ""))
    assert "the epilogue of ending 'heard' has no line for 'qin'" in only_error(root)


def test_python_tag_is_refused_and_nothing_runs(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    evil = BASE.replace(
        "    text: You hold a phone card.\n",
        f"    text: !!python/object/apply:os.system ['touch {marker}']\n",
    )
    message = only_error(write_story(tmp_path / "s", evil))
    assert "the tag 'tag:yaml.org,2002:python/object/apply:os.system' is not allowed" in message
    assert not marker.exists()


def test_alias_is_refused(tmp_path: Path) -> None:
    bomb = BASE.replace("    place: Dorm\n", "    place: &p Dorm\n    when: *p\n").replace(
        "    when: Spring 2006\n", ""
    )
    # The anchor comes first, and is refused already (an alias needs one).
    assert "anchors (&name) are not allowed" in only_error(write_story(tmp_path, bomb))


def test_yaml_syntax_error_has_a_location(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("    place: Dorm\n", "    place: [Dorm\n"))
    message = only_error(root)
    assert re.match(r".*01_scenes\.yaml:4:12: error: the '\[' opened here is never closed", message)


def test_a_file_that_cannot_be_read_is_one_error_not_one_per_reference(tmp_path: Path) -> None:
    """Scenes, flags and fact cards of a broken file are not reported again wherever they are used."""
    extra = BASE.replace("scenes:\n", "scenes:\n  far:\n    text: Far.\n    end: true\n", 1)
    referring = extra.replace("if: savings >= 500", "if: savings >= 500 and not visited(later)")
    referring = referring.replace("    place: Dorm\n", "    place: Dorm\n    fact: later_card\n")
    broken = (
        "flags:\n  later_flag: {label: Later}\nfacts:\n  later_card: {title: T, figure: F, "
        "text: T, source: S}\nscenes:\n  later:\n\ttext: a tab breaks this file\n"
    )
    root = write_story(tmp_path, referring, extra_files={"02_later.yaml": broken})
    found = errors(root)
    assert len(found) == 1 and "02_later.yaml" in found[0] and "tab" in found[0], found


def test_all_errors_are_reported_in_one_run(tmp_path: Path) -> None:
    broken = (
        BASE.replace("goto: b\n      - id: rest", "goto: nowhere\n      - id: rest")
        .replace("if: savings >= 500", "if: savings >= ")
        .replace("    place: Dorm\n", "    plase: Dorm\n")
    )
    found = errors(write_story(tmp_path, broken))
    assert len(found) == 3, found


def test_choices_sharing_a_target_need_ids(tmp_path: Path) -> None:
    no_ids = BASE.replace("      - id: call\n        text: Call home", "      - text: Call home")
    no_ids = no_ids.replace("      - id: rest\n        text: Sleep", "      - text: Sleep")
    root = write_story(tmp_path, no_ids)
    message = only_error(root)
    assert "the choice id 'b' is used twice in scene 'a' (first at " in message
    assert re.search(r"01_scenes\.yaml:\d+:\d+; two choices lead there: give each an 'id'\)$", message)


def test_extend_unknown_scene(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE, extra_files={"02_branch.yaml": "extend:\n  aa:\n    choices: []\n"})
    assert (
        "02_branch.yaml:2:3: error: 'extend' names the scene 'aa', which does not exist (did you mean 'a'?)"
        in only_error(root)
    )


def test_extend_adds_a_choice_from_a_new_file(tmp_path: Path) -> None:
    branch = """\
    extend:
      a:
        choices:
          - id: walk
            text: Walk to the river instead
            goto: river
    scenes:
      river:
        text: The river is high.
        next: b
    """
    story = load_story(
        write_story(tmp_path, BASE, extra_files={"02_branch.yaml": branch}), check_assets=False
    )
    assert [c.id for c in story.scenes["a"].choices] == ["call", "rest", "rich", "walk"]


def test_invalid_utf8_is_located(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE)
    (root / "02_bad.yaml").write_bytes(b"scenes:\n  x:\n    text: caf\xe9\n")
    assert "02_bad.yaml:3:14: error: the file is not valid UTF-8 text" in only_error(root)


def test_missing_manifest(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    assert "a story folder needs a manifest 'story.yaml'" in only_error(tmp_path)


@pytest.mark.parametrize(
    "placeholder,message",
    [
        (
            "{savigs}",
            "'{savigs}' should name a resource, a flag or a person's stat (did you mean 'savings'?)",
        ),
        ("{qin.hop}", "unknown stat 'hop'"),
    ],
)
def test_placeholders_are_checked(tmp_path: Path, placeholder: str, message: str) -> None:
    root = write_story(tmp_path, BASE.replace("You hold a phone card.", f"You have {placeholder} yuan."))
    assert message in only_error(root)


def test_warnings_for_unused_flag_and_all_conditional_choices(tmp_path: Path) -> None:
    scenes = BASE.replace(
        "      - id: rest\n        text: Sleep\n",
        "      - id: rest\n        text: Sleep\n        if: called\n",
    )
    scenes = scenes.replace(
        "      - id: call\n        text: Call home\n",
        "      - id: call\n        text: Call home\n        if: savings > 0\n",
    )
    root = write_story(tmp_path, scenes, manifest_extra="  unused_flag: {}\n")
    story, findings = load_story_with_diagnostics(root, check_assets=False)
    warnings = [str(f) for f in findings if f.severity == "warning"]
    assert story is not None
    assert any("nothing reads the flag 'unused_flag'" in w for w in warnings)
    assert any("every choice in 'a' has a condition" in w for w in warnings)


def test_true_or_false_as_an_id_gets_a_hint(tmp_path: Path) -> None:
    root = write_story(tmp_path, BASE.replace("      - id: rest\n", "      - id: false\n"))
    assert "the choice id was read as false: YAML reads true and false that way" in only_error(root)


def test_yes_no_on_off_are_text_as_in_yaml_1_2_and_the_schema(tmp_path: Path) -> None:
    """Editors read YAML 1.2, where only true and false are true/false; the game reads the same:
    'no' is a choice id and a line of text, and 'yes' is not a true/false value."""
    scenes = (
        BASE.replace("      - id: rest\n", "      - id: no\n")
        .replace("    place: Dorm\n", "    place: Off\n")
        .replace("        text: Sleep\n", "        text: Yes\n")
    )
    story = load_story(write_story(tmp_path / "text", scenes), check_assets=False)
    assert [c.id for c in story.scenes["a"].choices] == ["call", "no", "rich"]
    assert story.scenes["a"].place == "Off" and story.scenes["a"].choices[1].text == "Yes"
    bad = write_story(
        tmp_path / "bad",
        BASE.replace(
            "        says: Qin hears your voice.\n",
            "        says: Qin hears your voice.\n        film: yes\n",
        ),
    )
    assert "'film' should be true (the real family's choice) or left out" in only_error(bad)


def test_film_marks_the_real_familys_choice(tmp_path: Path) -> None:
    root = write_story(
        tmp_path / "ok",
        BASE.replace(
            "        says: Qin hears your voice.\n",
            "        says: Qin hears your voice.\n        film: true\n",
        ),
    )
    story = load_story(root, check_assets=False)
    assert [c.id for c in story.scenes["a"].choices if c.film] == ["call"]
    bad = write_story(
        tmp_path / "bad",
        BASE.replace(
            "        says: Qin hears your voice.\n",
            "        says: Qin hears your voice.\n        film: maybe\n",
        ),
    )
    assert "'film' should be true (the real family's choice) or left out" in only_error(bad)


def test_prose_written_as_a_block_reads_as_one_paragraph(tmp_path: Path) -> None:
    scenes = BASE.replace(
        "    text: You hold a phone card.\n",
        "    text: You hold a phone card.\n    discuss: |\n      What would you\n      give up?\n",
    )
    story = load_story(write_story(tmp_path, scenes), check_assets=False)
    assert story.scenes["a"].discuss == "What would you give up?"


def test_a_misspelt_goto_hides_no_other_mistake(tmp_path: Path) -> None:
    """Seven independent mistakes, seven reports: a bad or missing 'goto' no longer stops the
    choice's 'if', effects, 'says' and id from being checked, nor the next choice's duplicate id."""
    broken = (
        BASE.replace(
            "        effects: [savings -= 20, called = true, qin.hope += 1]\n"
            "        says: Qin hears your voice.\n        goto: b\n",
            "        if: savigs > 0\n"
            "        effects: [savings -= 20, caled = true, qin.hope += 1]\n"
            "        says: Qin hears {savngs}.\n        goto: bb\n",
        )
        .replace("      - id: rest\n", "      - id: call\n")
        .replace(
            "        if: savings >= 500\n        locked: Needs 500 yuan\n        goto: b\n",
            "        if: savings >= 500\n        locked: Needs 500 yuan\n        effects: [qin.hop += 1]\n",
        )
    )
    found = errors(write_story(tmp_path, broken))
    expected = [
        "unknown name 'savigs'",
        "unknown name 'caled'",
        "'{savngs}' should name",
        "unknown scene 'bb'",
        "the choice id 'call' is used twice",
        "needs 'goto'",
        "unknown stat 'hop'",
    ]
    assert len(found) == len(expected), found
    for part in expected:
        assert any(part in message for message in found), (part, found)


@pytest.mark.parametrize(
    ("old", "new", "what"),
    [
        ("text: Call every night", "text: Call every night ({savings} yuan left)", "a choice's 'text'"),
        ("locked: Needs 500 yuan", "locked: Needs 500 yuan, you have {savings}", "a choice's 'locked'"),
        ("place: Dorm", "place: Dorm {qin.hope}", "'place'"),
    ],
)
def test_a_placeholder_where_nothing_fills_it_is_an_error_at_the_brace(
    tmp_path: Path, old: str, new: str, what: str
) -> None:
    """A choice's text and locked reason (and the place line) are shown as written: a placeholder
    there would reach the player as '{savings}', so it is refused where it stands."""
    root = write_story(tmp_path, BASE.replace(old, new))
    message = only_error(root)
    line = BASE[: BASE.index(old)].count("\n") + 1
    column = BASE.split("\n")[line - 1].index(old) + new.index("{") + 1
    assert f"01_scenes.yaml:{line}:{column}: error: " in message
    assert f"is shown as written in {what}: placeholders are filled in a scene's text" in message


def test_a_placeholder_typo_in_a_block_points_at_its_own_line(tmp_path: Path) -> None:
    scenes = BASE.replace(
        "    text: You hold a phone card.\n",
        "    text: |\n      You hold a phone card.\n\n"
        "      It is worth {savngs} yuan,\n      or {qin.hop} hope.\n",
    )
    found = errors(write_story(tmp_path, scenes))
    assert len(found) == 2, found
    assert "01_scenes.yaml:10:19: error: '{savngs}' should name" in found[0]
    assert "01_scenes.yaml:11:10: error: in '{qin.hop}': unknown stat 'hop'" in found[1]
