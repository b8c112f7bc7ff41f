"""Properties of role assignment: roles are in the contract's vocabulary and every row's
evidence sentence is the text at its offsets."""
import polars as pl
import pytest
from hypothesis import given

from tests.transforms.strategies import assert_batch_spans_match, batch_sentences, batched, text_batches
from transforms.agencies import find_agency_mentions
from transforms.countries import find_country_mentions
from transforms.metrics import assign_metric_countries, extract_metrics
from transforms.roles import assign_agency_roles, assign_country_roles, lead_countries, roles_from_scoped_metrics

COUNTRY_ROLES = {"lead", "participant", "searches", "arrests", "servers", "other"}
AGENCY_ROLES = {"lead", "coordinator", "participant", "support", "complainant", "other"}


@batched
@given(batch=text_batches)
def test_roles_are_in_the_vocabulary_and_evidence_matches(registry, batch):
    agencies, aliases = registry
    sentences, text_of = batch_sentences(batch)
    country_mentions = find_country_mentions(sentences)
    country_roles = assign_country_roles(country_mentions, sentences)
    figures = assign_metric_countries(extract_metrics(sentences), country_mentions, sentences)
    scoped = roles_from_scoped_metrics(figures, sentences)
    agency_roles = assign_agency_roles(find_agency_mentions(sentences, aliases), sentences, agencies)
    for frame, vocabulary in ((country_roles, COUNTRY_ROLES), (scoped, COUNTRY_ROLES), (agency_roles, AGENCY_ROLES)):
        assert set(frame["role"].to_list()) <= vocabulary
        assert_batch_spans_match(frame, text_of, "sentence", "sentence_start", "sentence_end")
    leads = lead_countries(pl.concat([country_roles, scoped]), agency_roles, agencies)
    assert leads["document_key"].is_duplicated().sum() == 0
