"""`transforms.prefilter`: offsets polars finds, as Python's character offsets."""
from __future__ import annotations

import polars as pl

from transforms.prefilter import char_offset


def test_an_offset_polars_finds_is_the_python_character_offset_whatever_unit_polars_counts_in():
    # polars up to 2.1 gives str.find and str.find_many offsets in bytes, 2.2 on in characters
    sentences = ["Police in Łódź and Kraków seized 12 servers", "no digit here", "Ünïcödé ÿ 7"]
    frame = pl.DataFrame({"sentence": sentences}).select(
        found=char_offset(pl.col("sentence"), pl.col("sentence").str.find(r"\d")),
        found_many=char_offset(pl.col("sentence"), pl.col("sentence").str.find_many(["seized", "7"]).list.first()),
    )
    assert frame["found"].to_list() == [sentences[0].index("1"), None, sentences[2].index("7")]
    assert frame["found_many"].to_list() == [sentences[0].index("seized"), None, sentences[2].index("7")]
