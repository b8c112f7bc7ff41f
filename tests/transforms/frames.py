"""Tiny frames in the shapes extractors take and give, for the transform tests."""
from __future__ import annotations

import polars as pl

from transforms.sentences import MENTION_SCHEMA, SENTENCE_SCHEMA


def sentences_frame(rows: list[tuple[str, int, int, str]]) -> pl.DataFrame:
    """rows: (document_key, sentence_index, sentence_start, sentence)."""
    return pl.DataFrame([(key, index, start, start + len(sentence), sentence) for key, index, start, sentence in rows],
                        schema=SENTENCE_SCHEMA, orient="row")


def mention_schema(**extra: pl.DataType) -> dict[str, pl.DataType]:
    """The mention columns, then the extractor's own (`agency_key=pl.String`)."""
    return {**MENTION_SCHEMA, **extra}
