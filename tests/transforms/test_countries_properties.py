"""Properties of country finding: spans are the text at their offsets, keys are ISO alpha-3."""
import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from tests.transforms.strategies import assert_spans_match, languages, quick, sentence_frame, texts
from transforms.countries import build_country_dimension, find_country_mentions, normalize_country_names

COUNTRIES = set(build_country_dimension()["country_key"].to_list())


@quick
@given(text=texts, language=languages)
def test_country_mentions_are_the_text_at_their_offsets(text, language):
    mentions = find_country_mentions(sentence_frame(text, language))
    assert_spans_match(mentions, text)
    assert set(mentions["country_key"].to_list()) <= COUNTRIES


@quick
@given(names=st.lists(texts, max_size=5))
def test_normalizing_any_names_gives_one_iso_key_or_null_each(names):
    keys = normalize_country_names(pl.Series("name", names, dtype=pl.String))
    assert keys.len() == len(names)
    assert set(keys.drop_nulls().to_list()) <= COUNTRIES
