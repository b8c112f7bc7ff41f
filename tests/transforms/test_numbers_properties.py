"""Properties of figure finding: spans are the text at their offsets, values finite and in range."""
import math

from hypothesis import given

from tests.transforms.strategies import (assert_figures_in_range, assert_spans_match, languages, quick, sentence_frame,
                                         texts)
from transforms.numbers import extract_figures, find_figures, mask_non_figures, parse_digits


@quick
@given(text=texts, language=languages)
def test_find_figures_spans_and_values(text, language):
    previous_end = 0
    for figure in find_figures(text, language):
        assert previous_end <= figure.start <= figure.num_start <= figure.num_end <= figure.end <= len(text)
        previous_end = figure.end
        assert math.isfinite(figure.value) and figure.value >= 0, figure
        assert figure.value_low is None or figure.value_low <= figure.value, figure
        assert figure.value_high is None or figure.value <= figure.value_high, figure
    assert len(mask_non_figures(text)) == len(text)


@quick
@given(text=texts, language=languages)
def test_extract_figures_offsets_point_into_the_document(text, language):
    figures = extract_figures(sentence_frame(text, language))
    assert_spans_match(figures, text)
    assert_figures_in_range(figures)


@quick
@given(text=texts)
def test_parse_digits_never_raises(text):
    value = parse_digits(text.strip() or "0")
    assert value is None or math.isfinite(value)
