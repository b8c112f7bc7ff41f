"""A polars prefilter for any Python regex: which sentences may match, decided for a whole batch.

Python's regex engine tries every alternative of a long word list at every character, which made
per-sentence pattern loops the slowest part of extraction. Polars' (Rust) engine scans a batch for
such lists about a hundred times faster but lacks lookarounds and differs in a few character
classes, so it is given a widened copy of the pattern that matches every string the Python pattern
matches (maybe more); it only decides which sentences go to the Python loop, and matches still come
from the Python pattern alone.

`transforms.numbers.rust_superset` is the other widening in the project: it turns a word-start
lexicon into one Rust pattern whose matches are counted (language guessing) and re-checked; this
module widens any single pattern, from Python's own parse of it, for a yes/no prefilter.

The other speed-up for long IGNORECASE lists, a case-sensitive pattern over lower-cased text
(`clean`, `dates`, `operations`), is exact only where `lower_as_ignorecase` says so; it lives
here with the other facts about how Python folds case.
"""
from __future__ import annotations

import re
from functools import lru_cache
from re import _constants as _sre, _parser as _sre_parse

import polars as pl

_WIDE_CATEGORY = {  # Python's classes, as supersets in Rust syntax (Python's \w takes all of \p{N})
    _sre.CATEGORY_WORD: r"\w\p{N}", _sre.CATEGORY_SPACE: r"\s\x1c-\x1f", _sre.CATEGORY_DIGIT: r"\d",
}
# Python's ignore-case also equates i, I, İ and ı; Rust's does not, so a sentence holding one of
# the latter two always goes to the Python loop, and a pattern's İ or ı accepts any of the four
# (checked for every Latin letter by a test).
_CASE_ONLY_PYTHON = "[İı]"
# Characters for which lower-casing is not what Python's IGNORECASE does (`lower_as_ignorecase`):
# "İ" lower-cases to two characters (offsets shift), and IGNORECASE also folds "ı" to "i" and "ſ" to "s"
_DOTTED_I = (0x130, 0x131)


def _rust_char(code: int) -> str:
    char = chr(code)
    if code in _DOTTED_I:
        return "[iI\\x{130}\\x{131}]"  # a nested class is a union in Rust, also inside [...]
    return char if char.isascii() and char.isalnum() else "\\x{%x}" % code


def _rust_class(items: list) -> str:
    negate = bool(items) and items[0][0] is _sre.NEGATE
    parts = []
    for op, arg in items[1:] if negate else items:
        if op is _sre.LITERAL:
            parts.append(_rust_char(arg))
        elif op is _sre.RANGE:
            parts.append("\\x{%x}-\\x{%x}" % arg + ("iI" if arg[0] <= _DOTTED_I[1] and arg[1] >= _DOTTED_I[0] else ""))
        elif op is _sre.CATEGORY and not negate and arg in _WIDE_CATEGORY:
            parts.append(_WIDE_CATEGORY[arg])
        elif op is _sre.CATEGORY:
            if not negate:  # \W, \S, \D: any character
                return r"[\s\S]"
            # a negated class that excludes fewer characters still matches a superset
        else:
            raise ValueError(f"no Rust form for {op}")
    if negate:
        return "[^" + "".join(parts) + "]" if parts else r"[\s\S]"
    return "[" + "".join(parts) + "]"


def _rust_pattern(tree, groups: dict[int, str] | None = None) -> str:
    """`groups`: the Rust form of each numbered group seen so far, for the back-references."""
    groups = {} if groups is None else groups
    out = []
    for op, arg in tree:
        if op is _sre.LITERAL:
            out.append(_rust_char(arg))
        elif op is _sre.NOT_LITERAL:
            out.append("[^" + _rust_char(arg) + "]")
        elif op is _sre.ANY:
            out.append(r"[\s\S]")
        elif op is _sre.IN:
            out.append(_rust_class(arg))
        elif op in (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT):
            pass  # anchors and lookarounds only ever reject; dropping them widens
        elif op is _sre.BRANCH:
            out.append("(?:" + "|".join(_rust_pattern(branch, groups) for branch in arg[1]) + ")")
        elif op is _sre.SUBPATTERN:
            group, add, remove, sub = arg
            flags = ("i" if add & _sre.SRE_FLAG_IGNORECASE else "") + ("-i" if remove & _sre.SRE_FLAG_IGNORECASE else "")
            inner = _rust_pattern(sub, groups)
            if group is not None:
                groups[group] = inner
            out.append(f"(?{flags}:" + inner + ")")
        elif op is _sre.GROUPREF and arg in groups:
            # what the group matched, so what its own pattern matches, in any case ("(.)\1": "aA")
            out.append("(?i:" + groups[arg] + ")")
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
            low, high, sub = arg
            out.append("(?:" + _rust_pattern(sub, groups) + ")"
                       + ("{%d,}" % low if high is _sre.MAXREPEAT else "{%d,%d}" % (low, high)))
        elif op is _sre.ATOMIC_GROUP:
            out.append("(?:" + _rust_pattern(arg, groups) + ")")
        else:
            raise ValueError(f"no Rust form for {op}")
    return "".join(out)


@lru_cache(maxsize=64)
def widened_rust_pattern(pattern: str, flags: int = 0) -> str | None:
    """A polars (Rust) pattern matching every string `pattern` (compiled with `flags`) matches in
    Python, or None when the pattern uses something without a Rust form (then no sentence may be
    skipped)."""
    try:
        tree = _sre_parse.parse(pattern, flags)
        body = _rust_pattern(tree)
    except (ValueError, TypeError, AttributeError):
        return None
    return ("(?i)" if tree.state.flags & _sre.SRE_FLAG_IGNORECASE else "") + body


def _widened(pattern: str | re.Pattern[str]) -> str | None:
    """`widened_rust_pattern` of a string (flags inline) or of a compiled pattern (its flags)."""
    if isinstance(pattern, re.Pattern):
        return widened_rust_pattern(pattern.pattern, pattern.flags)
    return widened_rust_pattern(pattern)


def may_match(sentence: pl.Expr, pattern: str | re.Pattern[str]) -> pl.Expr:
    """False only where the Python `pattern` cannot match the sentence.

    A compiled pattern brings its flags (IGNORECASE, VERBOSE); a string must carry them inline.
    """
    rust = _widened(pattern)
    if rust is None:
        return pl.lit(True)
    return sentence.str.contains(rust) | sentence.str.contains(_CASE_ONLY_PYTHON)


def first_possible_start(sentence: pl.Expr, pattern: str | re.Pattern[str]) -> pl.Expr:
    """Where the Python `pattern` can first start a match in the sentence, as `str.find` gives
    offsets (null where it cannot match at all): the start of the widened pattern's leftmost
    match, which no match of the narrower Python pattern precedes (0 where Rust and Python fold
    case apart). `char_offset` turns it into the position for `pattern.finditer(sentence,
    position)`, which then finds what `pattern.finditer(sentence)` finds without trying the
    positions before.
    """
    rust = _widened(pattern)
    if rust is None:
        return pl.lit(0, dtype=pl.UInt32)
    return pl.when(sentence.str.contains(_CASE_ONLY_PYTHON)).then(pl.lit(0, dtype=pl.UInt32)).otherwise(
        sentence.str.find(rust))


@lru_cache(maxsize=1)
def find_counts_characters() -> bool:
    """Whether polars' `str.find` and `str.find_many` give character offsets (polars 2.2 on)
    rather than byte offsets (up to 2.1). Asked of polars itself, once per process and at first
    use, never at import: a polars query at import starts its thread pool in a forkserver."""
    return pl.select(pl.lit("\u00e9x").str.find("x")).item() == 1


def char_offset(sentence: pl.Expr, found: pl.Expr) -> pl.Expr:
    """An offset from `str.find` or `str.find_many` into the sentence as a character offset (null
    stays null), whichever unit this polars counts in."""
    if find_counts_characters():
        return found
    return pl.when(found.is_not_null()).then(
        sentence.cast(pl.Binary).bin.head(found.fill_null(0)).cast(pl.String).str.len_chars())


def lower_case_pattern(source: str, flags: int = 0) -> re.Pattern[str] | None:
    """`source`, an IGNORECASE pattern, as a case-sensitive one for the text `lower_as_ignorecase`
    gives (the same matches at the same offsets), or None where lower-casing the source would
    change more than its letters: an escape ("\\S"), a group name, inline flags, or a range of
    non-ASCII capitals ([À-Þ] holds "×", and [à-þ] does not)."""
    if re.search(r"\\[A-Z]|\(\?P|\(\?[a-zA-Z-]+[:)]|\[[^\]]*(?:[À-Þ]-|-[À-Þ])", source):
        return None
    return re.compile(source.lower(), flags & ~re.IGNORECASE)


def lower_as_ignorecase(text: str) -> str | None:
    """`text.lower()` when case-sensitive matching of a lower-case pattern over it finds exactly
    what IGNORECASE matching finds over `text`, at the same offsets; None otherwise."""
    if text.isascii():  # O(1) in CPython: the flag of a compact string
        return text.lower()
    return None if "İ" in text or "ı" in text or "ſ" in text else text.lower()
