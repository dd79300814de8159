"""Each matcher that turns one kind of libyaml syntax error into an author's words, on its own."""

from __future__ import annotations

import pytest
import yaml

from game.story import yamlsyntax
from game.story.yamlsyntax import Mistake, syntax_problem

# (matcher, a file with that mistake, words of the message it must give)
CASES = [
    (yamlsyntax.tab, "scene:\n\ttext: hello\n", "a tab character"),
    (yamlsyntax.unclosed_quote, 'text: "never closed\n', 'is never closed: end the text with "'),
    (yamlsyntax.runaway_quote, 'a: "one\nb: two" more\n', "is never closed on its line"),
    (yamlsyntax.unclosed_bracket, "a: [1, 2\nb: 3\n", "is never closed"),
    (yamlsyntax.alias_sign, "a: * star\n", "'*' starts an alias or anchor"),
    (yamlsyntax.list_on_key_line, "a: - b\n", "a '- ' list cannot start"),
    (yamlsyntax.reserved_sign, "a: @home\n", "text that starts with '@'"),
    (yamlsyntax.missing_colon, "a: 1\nb:2\nc: 3\n", "a space is missing after ':'"),
    (yamlsyntax.colon_in_text, "text: He said: no\n", "a ': ' inside unquoted text"),
    (yamlsyntax.misaligned, "a:\n  b: 1\n c: 2\n", "does not line up"),
]


def _mistake(text: str) -> tuple[Mistake, yaml.MarkedYAMLError]:
    with pytest.raises(yaml.MarkedYAMLError) as caught:
        for _ in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
            pass
    exc = caught.value
    return Mistake(exc.problem or "", exc.context or "", exc.problem_mark, exc.context_mark, text), exc


@pytest.mark.parametrize(("matcher", "text", "words"), CASES, ids=[c[0].__name__ for c in CASES])
def test_each_matcher_recognises_its_mistake(matcher, text: str, words: str) -> None:
    mistake, exc = _mistake(text)
    found = matcher(mistake)
    assert found is not None and words in found[2]
    assert syntax_problem(exc, text, 64) == found  # and it is the one that speaks for it


@pytest.mark.parametrize("matcher", yamlsyntax.MATCHERS, ids=lambda m: m.__name__)
def test_each_matcher_leaves_a_mistake_of_another_kind_alone(matcher) -> None:
    other = "text: He said: no\n" if matcher is not yamlsyntax.colon_in_text else "a: @home\n"
    mistake, _ = _mistake(other)
    assert matcher(mistake) is None


def test_every_matcher_is_tested() -> None:
    assert {case[0] for case in CASES} == set(yamlsyntax.MATCHERS)
