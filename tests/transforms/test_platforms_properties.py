"""Properties of platform finding: spans are the text at their offsets, keys are registry keys."""
import pytest
from hypothesis import given

from flows.reference import load_reference_tables
from tests.transforms.strategies import assert_spans_match, languages, quick, sentence_frame, texts
from transforms.platforms import find_platform_mentions, keep_pirated_platform_mentions


@pytest.fixture(scope="module")
def registry():
    tables = load_reference_tables()
    return tables["dim_platform"], tables["platform_aliases"]


@quick
@given(text=texts, language=languages)
def test_platform_mentions_are_the_text_at_their_offsets(registry, text, language):
    platforms, aliases = registry
    sentences = sentence_frame(text, language)
    found = find_platform_mentions(sentences, aliases)
    assert_spans_match(found, text)
    assert set(found["platform_key"].to_list()) <= set(platforms["platform_key"].to_list())
    kept = keep_pirated_platform_mentions(found, sentences)
    assert kept.height <= found.height
    assert_spans_match(kept, text)
