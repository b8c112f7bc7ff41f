"""Hypothesis strategies and checks shared by the property tests of every extractor.

The alphabet mixes what extractors look for (figures, qualifiers, currencies, countries,
agencies, platforms, dates, operation names) with what breaks naive code: other scripts and
digit systems, SQL and HTML fragments, bidirectional marks, control characters, backslashes.
"""
from __future__ import annotations

import math

import polars as pl
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from transforms.sentences import split_sentences

WORDS = [
    "police", "arrested", "11", "over", "22 million", "users", "servers", "seized", "in", "Italy", "Croatian",
    "Europol", "Netflix", "Operation", "“Taken Down”", "yesterday", "€1.6m", "searches", "a dozen", "\n", ".",
    "'; DROP TABLE dim_document; --", "<script>alert(1)</script>", "\\", "\u202e", "\x07",
    # figures, currencies and digit systems
    "1,500", "1.500", "1 500", "3,5", "0", "-4", "1e308", "99999999999999999999", "nearly 200", "tens of millions",
    "up to", "at least", "$", "£", "¥", "₿", "€3bn", "22m", "USD", "EUR 1.6 million", "½", "²", "٣٤", "𝟙𝟚",
    "100%", "24/7", "Windows 10", "2023", "1999-2024", "+39 06 1234 5678",
    # dates, countries, agencies, platforms, operations in several languages
    "3 May 2024", "17/11/2022", "on Tuesday", "ieri", "am Dienstag", "27 novembre 2024", "Holland", "the UK",
    "U.S.", "Pays-Bas", "Guardia di Finanza", "Polizia Postale", "Guardia Civil", "Eurojust", "FBI", "DAZN",
    "Sky", "ACE", "undici arresti", "oltre", "mais de 250 sites", "Operazione", "Operación", "'Fake Star'",
    "the Sparks Group", "IPTV", "led by", "with the support of", "Romania", "România", "Deutschland",
    # hostile and odd characters
    "\u200f", "\u2066", "\u200b", "\ufeff", "\x00", "\r\n", "\t", "\"", "'", "’", "—", "«", "»", "مرحبا", "北京",
    "Ελλάδα", "Москва", "<b>", "</b>", "&amp;", "%s", "{0}", "$1", "\\n", "OR 1=1",
]
LANGUAGES = [None, "en", "it", "es", "pt", "fr", "de", "nl", "ro"]

texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), min_size=1, max_size=40).map("".join),
)
languages = st.sampled_from(LANGUAGES)

# derandomized (the same examples on every run, no flaky CI), bounded to a few seconds a test
quick = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                 suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

DOCUMENT_KEY = "f" * 64


def sentence_frame(text: str, language: str | None = None) -> pl.DataFrame:
    """Sentences of one document, as extractors receive them (with its language)."""
    documents = pl.DataFrame({"document_key": [DOCUMENT_KEY], "text": [text]})
    return split_sentences(documents).with_columns(language=pl.lit(language, pl.String))


def assert_spans_match(frame: pl.DataFrame, text: str, surface: str = "surface",
                       start: str = "char_start", end: str = "char_end") -> None:
    """Every row's surface is the text at its offsets."""
    for first, last, value in frame.select(start, end, surface).iter_rows():
        assert 0 <= first <= last <= len(text), (first, last, len(text))
        assert text[first:last] == value, (first, last, value)


def assert_figures_in_range(frame: pl.DataFrame) -> None:
    """Every value is finite and non-negative, and lies within its bounds where they are set."""
    for value, low, high in frame.select("value", "value_low", "value_high").iter_rows():
        assert value is not None and math.isfinite(value) and value >= 0, value
        for bound in (low, high):
            assert bound is None or (math.isfinite(bound) and bound >= 0), (value, low, high)
        assert low is None or low <= value, (value, low, high)
        assert high is None or value <= high, (value, low, high)


# Matchers that compile the whole registry per call (agencies: about 2 s) are tested on a batch
# of documents per example, with few examples.
batched = settings(quick, max_examples=5)
text_batches = st.lists(st.tuples(texts, languages), min_size=1, max_size=10)


def batch_sentences(batch: list[tuple[str, str | None]]) -> tuple[pl.DataFrame, dict[str, str]]:
    """Sentences of several documents (one per text), and each document's text by key."""
    keys = [f"{index:064x}" for index in range(len(batch))]
    documents = pl.DataFrame({"document_key": keys, "text": [text for text, _ in batch],
                              "language": [language for _, language in batch]}, schema_overrides={"language": pl.String})
    sentences = split_sentences(documents.select("document_key", "text")).join(
        documents.select("document_key", "language"), on="document_key", how="left")
    return sentences, dict(zip(keys, (text for text, _ in batch)))


def assert_batch_spans_match(frame: pl.DataFrame, text_of: dict[str, str], surface: str = "surface",
                             start: str = "char_start", end: str = "char_end") -> None:
    for key, first, last, value in frame.select("document_key", start, end, surface).iter_rows():
        assert text_of[key][first:last] == value, (key, first, last, value)
