"""Property: sentences tile the text in order, each equal to the text at its offsets."""
from hypothesis import given
from hypothesis import strategies as st

from tests.transforms.strategies import assert_spans_match, quick, sentence_frame, texts


@quick
@given(text=texts)
def test_sentences_are_the_text_at_their_offsets_in_order(text):
    sentences = sentence_frame(text)
    assert_spans_match(sentences, text, "sentence", "sentence_start", "sentence_end")
    assert sentences["sentence_index"].to_list() == list(range(sentences.height))
    ends = [0, *sentences["sentence_end"].to_list()]
    assert all(start >= previous for start, previous in zip(sentences["sentence_start"].to_list(), ends))


def test_the_abbreviation_window_holds_every_abbreviation():
    """Only the last characters before a boundary are searched: no abbreviation is longer."""
    from re import _parser

    from transforms.sentences import _ABBREVIATION, _LONGEST_ABBREVIATION

    assert _parser.parse(_ABBREVIATION.pattern).getwidth()[1] <= _LONGEST_ABBREVIATION


_ABBREVIATION_TEXT = st.lists(st.sampled_from(["Mr.", "Dr.", "U.S.", "A.B.", "12.", "No.", "etc.", "approx.", "Sept.",
                                               "x", "Zoe.", "said", "\n", " ", "  ", "!", "?", "”", "»", "Ab."]),
                              max_size=40).map(" ".join)


@quick
@given(text=st.one_of(texts, _ABBREVIATION_TEXT))
def test_spans_match_a_search_of_the_whole_sentence_so_far(text):
    """The windowed abbreviation test ends sentences exactly where searching all of it does."""
    from transforms.sentences import _ABBREVIATION, _BOUNDARY, _LINE, _sentence_spans

    spans = []
    for line in _LINE.finditer(text):
        start, end = line.start(), line.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start >= end:
            continue
        cursor = start
        for boundary in _BOUNDARY.finditer(text, start, end):
            if _ABBREVIATION.search(text[cursor:boundary.start()]):
                continue
            stop = boundary.start()
            while stop < boundary.end() and not text[stop].isspace():
                stop += 1
            spans.append((cursor, stop))
            cursor = boundary.end()
        if cursor < end:
            spans.append((cursor, end))
    assert _sentence_spans(text) == spans
