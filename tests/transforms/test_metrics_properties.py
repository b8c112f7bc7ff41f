"""Properties of metric extraction: spans are the text at their offsets, the metric is in the
vocabulary, values finite and in range, country scopes are ISO codes."""
from hypothesis import given

from tests.transforms.strategies import (assert_figures_in_range, assert_spans_match, languages, quick, sentence_frame,
                                         texts)
from transforms.countries import build_country_dimension, find_country_mentions
from transforms.metrics import assign_metric_countries, classify_sentence, extract_metrics

METRICS = {"arrests", "suspects", "searches", "servers_seized", "domains_seized", "users_affected", "officers_deployed",
           "countries_involved", "legal_requests", "financial_damage", "assets_seized"}
COUNTRIES = set(build_country_dimension()["country_key"].to_list())


@quick
@given(text=texts, language=languages)
def test_metrics_spans_vocabulary_and_values(text, language):
    sentences = sentence_frame(text, language)
    metrics = extract_metrics(sentences)
    assert_spans_match(metrics, text)
    assert_figures_in_range(metrics)
    assert set(metrics["metric"].to_list()) <= METRICS
    scoped = assign_metric_countries(metrics, find_country_mentions(sentences), sentences)
    assert scoped.height == metrics.height
    assert set(scoped["country_key"].drop_nulls().to_list()) <= COUNTRIES


@quick
@given(text=texts, language=languages)
def test_classify_sentence_never_raises(text, language):
    for figure, metric, _ in classify_sentence(text, language):
        assert metric in METRICS and 0 <= figure.start <= figure.end <= len(text)
