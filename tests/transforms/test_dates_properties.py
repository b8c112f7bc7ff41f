"""Properties of date finding: spans are the text at their offsets, dates are real dates."""
import datetime

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tests.transforms.strategies import DOCUMENT_KEY, assert_spans_match, languages, quick, sentence_frame, texts
from transforms.dates import (action_date_mentions, extract_action_dates, extract_published_dates, find_dates,
                              find_relative_dates, published_date_of)


@quick
@given(text=texts, language=languages)
def test_found_dates_are_the_text_at_their_offsets(text, language):
    for mention in find_dates(text):
        assert text[mention.start:mention.end] == mention.surface
        assert 1 <= mention.month <= 12 and 1 <= mention.day <= 31
    for mention in find_relative_dates(text, language):
        assert text[mention.start:mention.end] == mention.surface
        assert mention.resolve(datetime.date(2024, 3, 1)) is not None


@quick
@given(text=texts, language=languages)
def test_published_and_action_dates_point_into_the_text(text, language):
    date, start, end, surface = published_date_of(text)
    assert date is None or text[start:end] == surface
    published = extract_published_dates(pl.DataFrame({"document_key": [DOCUMENT_KEY], "text": [text]}))
    assert_spans_match(published.drop_nulls("surface"), text)
    published = published.with_columns(language=pl.lit(language, pl.String))
    sentences = sentence_frame(text, language)
    action = extract_action_dates(sentences, published)
    assert action.height == 1
    assert_spans_match(action.drop_nulls("surface"), text)
    assert_spans_match(action_date_mentions(sentences, published), text)


RELATIVE_TEXTS = ["Police said yesterday", "İERİ ve bugün", "am Dienstag und vorgestern", "hier soir, la police",
                  "ONTEM à noite", "Luni, poliția", "this morning's raid on Friday", "nothing relative here", ""]


@quick
@given(text=texts, language=languages)
def test_the_batch_gate_never_changes_the_relative_dates_found(text, language):
    from transforms.dates import date_gates

    batch = [text, *RELATIVE_TEXTS]
    for one, may in zip(batch, date_gates(pl.Series(batch, dtype=pl.String))):
        assert find_relative_dates(one, language, may) == find_relative_dates(one, language), one


@quick
@given(text=texts)
def test_the_batch_gate_never_changes_the_dates_found(text):
    from transforms.dates import date_gates

    batch = [text, "on May 3, 2024 police", "3 May 2024", "Mai 3", "nothing"]
    for one, gates in zip(batch, date_gates(pl.Series(batch, dtype=pl.String))):
        assert find_dates(one, may_month_first=gates[-1]) == find_dates(one), one


_CUE_TEXT = st.lists(st.sampled_from(["Arrested", "ARRESTI", "said", "SAGTE", "según", "SEGÚN", "operación", "İ", "ſaid",
                                      "ı", "K", "announced", "xsaid", "said2", "Durchgeführt", " ", "\n", "."]),
                     max_size=20).map(" ".join)


@quick
@given(text=st.one_of(texts, _CUE_TEXT))
def test_role_cues_over_lower_cased_text_are_the_ignorecase_ones(text):
    """Where lower-casing is what IGNORECASE does, the case-sensitive cue lists find the same spans."""
    from transforms.dates import _ACTION, _ACTION_LOWER, _ANNOUNCE, _ANNOUNCE_LOWER
    from transforms.prefilter import lower_as_ignorecase

    lower = lower_as_ignorecase(text)
    if lower is None:
        return
    for pattern, lowered in ((_ACTION, _ACTION_LOWER), (_ANNOUNCE, _ANNOUNCE_LOWER)):
        assert [m.span() for m in lowered.finditer(lower)] == [m.span() for m in pattern.finditer(text)]


@quick
@given(text=st.one_of(texts, st.text(alphabet="0123456789./- 19982024", max_size=40)))
def test_the_prefilter_finds_every_numeric_date(text):
    """`_NUMERIC_DATE` has a back-reference (the same separator twice): its widened form keeps it."""
    from transforms.dates import _NUMERIC_DATE
    from transforms.prefilter import may_match

    if _NUMERIC_DATE.search(text):
        assert pl.DataFrame({"text": [text]}).select(may_match(pl.col("text"), _NUMERIC_DATE)).item()
