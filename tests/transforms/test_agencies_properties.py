"""Properties of agency finding: spans are the text at their offsets, keys are registry keys."""
import polars as pl
import pytest
from hypothesis import given

from tests.transforms.strategies import assert_batch_spans_match, batch_sentences, batched, text_batches
from transforms.agencies import find_agency_mentions, find_unresolved_agency_mentions, resolve_agency_names


@batched
@given(batch=text_batches)
def test_agency_mentions_are_the_text_at_their_offsets(registry, batch):
    agencies, aliases = registry
    sentences, text_of = batch_sentences(batch)
    keys = set(agencies["agency_key"].to_list())
    found = find_agency_mentions(sentences, aliases)
    assert_batch_spans_match(found, text_of)
    assert set(found["agency_key"].to_list()) <= keys
    unresolved = find_unresolved_agency_mentions(sentences, aliases)
    assert_batch_spans_match(unresolved, text_of)
    resolved = resolve_agency_names(unresolved.select("name", pl.lit(None, pl.String).alias("country_key")).unique(),
                                    agencies, aliases)
    assert set(resolved["agency_key"].drop_nulls().to_list()) <= keys
