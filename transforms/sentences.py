"""Split cleaned documents into sentences with exact offsets.

Every fact's `evidence` is the sentence it was read from, so sentence spans are the unit of
auditing: `text[sentence_start:sentence_end] == sentence` always holds.
"""
from __future__ import annotations

import re

import polars as pl

# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) when whitespace and
# an upper-case letter, digit or opening quote follow; a line break always ends a sentence.
# Abbreviations such as "U.S." or "No." and day ordinals ("am 3. November") do not end a sentence.
_BOUNDARY = re.compile(
    r"""(?<=[.!?])["'”’»)\]]*\s+(?=["'“‘«(\[]?[A-ZÀ-ÖØ-Þ0-9¿¡])"""
)
_LINE = re.compile(r"[^\n]+")
_ABBREVIATION = re.compile(
    r"(?:\b\d{1,2}\.|\b(?:[A-Z]\.){1,3}|\b(?:Mr|Mrs|Ms|Dr|St|No|Nr|Inc|Ltd|Co|Corp|Jr|Sr|vs|etc|approx|ca|Art|Abs|Sig|Dott|Sra|Sr|Av|Gen|Col|Lt|Sgt|Prof|Hon|Rep|Sen|Gov|Dept|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Mio|Mrd|Tsd|Mln|mln|mld|bn|Nr|nr|ca)\.)$"
)

_FIGURE_AHEAD = re.compile(r"\S{0,4}\d")
_LONGEST_ABBREVIATION = 16  # characters; every alternative of _ABBREVIATION is at most 7 long (a test checks)


# One row per sentence of a document: what `split_sentences` gives and every extractor takes.
SENTENCE_SCHEMA = {
    "document_key": pl.String,
    "sentence_index": pl.Int64,
    "sentence_start": pl.Int64,
    "sentence_end": pl.Int64,
    "sentence": pl.String,
}
# The columns every extractor's mentions start with (offsets into the document's clean text),
# before its own (a key, a kind, a date).
MENTION_SCHEMA = {
    "document_key": pl.String,
    "sentence_index": pl.Int64,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "surface": pl.String,
}


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        # trim surrounding whitespace of the line
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        cursor = start
        for boundary in _BOUNDARY.finditer(text, start, end):
            # an abbreviation ends the sentence so far (`$`): only its last characters are read
            # (the character before `cursor` is a space or a line break, as the start of a string)
            if _ABBREVIATION.search(text, max(cursor, boundary.start() - _LONGEST_ABBREVIATION), boundary.start()):
                continue
            # a dot leader before a figure ("Arrests ......... 9", "Assets ... R$2.4 million") is a label, not an end
            if text.startswith("...", boundary.start() - 3) and _FIGURE_AHEAD.match(text, boundary.end(), end):
                continue
            # the boundary match includes closing quotes before the whitespace
            stop = boundary.start()
            while stop < boundary.end() and not text[stop].isspace():
                stop += 1
            spans.append((cursor, stop))
            cursor = boundary.end()
        if cursor < end:
            spans.append((cursor, end))
    return spans


def split_sentences(documents: pl.DataFrame) -> pl.DataFrame:
    """One row per sentence of each document's cleaned `text`.

    A per-document regex pass is used because polars has no "find all with offsets"
    expression; it costs well under the rest of extraction (see tests/benchmarks).
    """
    keys: list[str] = []
    indexes: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    sentences: list[str] = []
    for key, text in documents.select("document_key", "text").iter_rows():
        for index, (start, end) in enumerate(_sentence_spans(text or "")):
            keys.append(key)
            indexes.append(index)
            starts.append(start)
            ends.append(end)
            sentences.append(text[start:end])
    return pl.DataFrame(
        {
            "document_key": keys,
            "sentence_index": indexes,
            "sentence_start": starts,
            "sentence_end": ends,
            "sentence": sentences,
        },
        schema=SENTENCE_SCHEMA,
    )
