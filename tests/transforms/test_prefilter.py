"""`transforms.prefilter`: offsets polars finds, as Python's character offsets, and the widened
Rust forms of Python patterns."""
from __future__ import annotations

import re

import polars as pl
import pytest

from transforms.prefilter import char_offset, may_match, widened_rust_pattern


def test_an_offset_polars_finds_is_the_python_character_offset_whatever_unit_polars_counts_in():
    # polars up to 2.1 gives str.find and str.find_many offsets in bytes, 2.2 on in characters
    sentences = ["Police in Łódź and Kraków seized 12 servers", "no digit here", "Ünïcödé ÿ 7"]
    frame = pl.DataFrame({"sentence": sentences}).select(
        found=char_offset(pl.col("sentence"), pl.col("sentence").str.find(r"\d")),
        found_many=char_offset(pl.col("sentence"), pl.col("sentence").str.find_many(["seized", "7"]).list.first()),
    )
    assert frame["found"].to_list() == [sentences[0].index("1"), None, sentences[2].index("7")]
    assert frame["found_many"].to_list() == [sentences[0].index("seized"), None, sentences[2].index("7")]


@pytest.mark.parametrize(("pattern", "text"), [
    (r"(\d)([./-])\d\2", "1/2/"), (r"(\w)\1", "aa"), (r"(?i)(\w)\1", "aA"), (r"(?i:(a))\1", "AA"),
    (r"(?i:(a))(?-i:\1)", "AA"), (r"(?P<q>['\"])x(?P=q)", "'x'"),
])
def test_back_references_widen_to_what_their_group_matches(pattern, text):
    """A back-reference keeps the prefilter: it becomes its group's widened pattern, in any case."""
    assert re.search(pattern, text)
    assert widened_rust_pattern(pattern) is not None
    assert pl.DataFrame({"s": [text, "zz"]}).select(may_match(pl.col("s"), pattern))["s"].to_list()[0]
