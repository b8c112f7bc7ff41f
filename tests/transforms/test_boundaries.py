r"""`contains_form`: the same `str.contains` answers as the pattern, without `\b` where it can."""
import importlib
import pkgutil

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import transforms
from tests.conftest import ROOT, SAMPLE_RAW
from tests.transforms.strategies import quick
from transforms.boundaries import contains_form


def _contains(texts: list[str], pattern: str) -> list[bool]:
    return pl.Series(texts, dtype=pl.String).str.contains(pattern).to_list()


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"(?i)\b(?:arrest|raid)", r"(?i)(?:^|\W)(?:arrest|raid)"),
    (r"(?i)\b(?:arrest|raid)\b", r"(?i)(?:^|\W)(?:arrest|raid)(?:\W|$)"),
    (r"\b(?:-led|led by)", r"(?:\w(?:-led)|(?:^|\W)(?:led by))"),
    (r"\b(?:costs? €|than)\b", r"(?:^|\W)(?:(?:costs? €)\w|(?:than)(?:\W|$))"),
    (r"(?i);|\b(?:but|ma)\b", r"(?i);|(?:^|\W)(?:but|ma)(?:\W|$)"),
    (r"(?i)\b(?:seiz\w*|stolen)", r"(?i)(?:^|\W)(?:seiz|stolen)"),  # an optional tail is no test
    (r"\b(?:[ée]tranger|abroad)\b", r"(?:^|\W)(?:[ée]tranger|abroad)(?:\W|$)"),
])
def test_rewritten_forms(pattern, expected):
    assert contains_form(pattern) == expected


@pytest.mark.parametrize("pattern", [
    r"\bfoo\s+\bbar",  # a boundary inside the match
    r"^\bfoo",  # an anchor before it
    r"foo\b$",  # an anchor after it
    r"(?:\bfoo)+",  # repeated
    r"\b(?:foo|)",  # an alternative that can be empty
    r"\b[^a]",  # a class of both kinds
    r"(?-u:\b)(?:foo)",  # ASCII boundaries are fast already
    r"no boundary at all",
    r"(?x) \b foo",  # verbose mode
])
def test_other_shapes_are_returned_unchanged(pattern):
    assert contains_form(pattern) == pattern


_FRAGMENTS = ["ab", "é", "-a", "a-", "'s", "a\\w*", "b?", "(?:a|-)", "[ée]a", "a ", " a", "\\d+", "€", "a\\s+b",
              "ß", "_a", "(?:ab)?c", "[,;]", "x\\b"]
_patterns = st.builds(
    lambda flags, lead, alternatives, trail, other: (
        flags + (other + "|" if other else "") + (r"\b" if lead else "") + "(?:" + "|".join(alternatives) + ")"
        + (r"\b" if trail else "")
    ),
    st.sampled_from(["", "(?i)"]), st.booleans(), st.lists(st.sampled_from(_FRAGMENTS), min_size=1, max_size=4),
    st.booleans(), st.sampled_from(["", ";", r"\bq"]),
)
_texts = st.lists(st.text(alphabet="abcqAÉé-'s ;,€ß_1²\n", max_size=12), min_size=1, max_size=30)


@quick
@given(pattern=_patterns, texts=_texts)
def test_same_answers_as_the_pattern(pattern, texts):
    assert _contains(texts, contains_form(pattern)) == _contains(texts, pattern)


def _project_patterns() -> dict[str, str]:
    """Every module-level pattern in `transforms` with a word boundary."""
    found = {}
    for module_info in pkgutil.iter_modules(transforms.__path__):
        module = importlib.import_module(f"transforms.{module_info.name}")
        for name, value in vars(module).items():
            if isinstance(value, str) and "\\b" in value and len(value) > 12:
                found[f"{module_info.name}.{name}"] = value
    return found


def test_project_patterns_answer_the_same_on_real_sentences():
    """Each cue list of the project, over every line of the sample and challenge articles."""
    paths = sorted([*SAMPLE_RAW.rglob("*.txt"), *(ROOT / "tests" / "challenge").glob("*.txt")])
    lines = [line for path in paths for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line]
    rewritten = 0
    for name, pattern in _project_patterns().items():
        form = contains_form(pattern)
        if form == pattern:
            continue
        rewritten += 1
        try:
            expected = _contains(lines, pattern)
        except pl.exceptions.ComputeError:  # a Python-only pattern (lookarounds): not for polars
            continue
        assert _contains(lines, form) == expected, name
    assert rewritten >= 20


def test_word_characters_are_rusts():
    """Every character the categories decide is a word character exactly where Rust's `\\w` says so
    (circled letters are Alphabetic though symbols, "²" is no word character)."""
    from transforms.boundaries import NON_WORD, WORD, _char_class

    chars = [chr(code) for code in range(0x10000) if not 0xD800 <= code < 0xE000]
    rust = pl.Series(chars, dtype=pl.String).str.contains(r"^\w$").to_list()
    decided = [(_char_class(char), word) for char, word in zip(chars, rust)]
    assert all((kind == WORD) == word for kind, word in decided if kind is not None)
    assert sum(kind is not None for kind, _ in decided) > 0.8 * len(chars)  # not private use, unassigned
    assert _char_class("Ⓐ") is None and _char_class("\u200d") is None and _char_class("²") is None
    assert (_char_class("a"), _char_class("‿"), _char_class("’")) == (WORD, WORD, NON_WORD)
