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
    from unittest import mock

    from transforms import sentences

    with mock.patch.object(sentences, "_LONGEST_ABBREVIATION", len(text) + 1):  # a window over it all
        whole = sentences._sentence_spans(text)
    assert sentences._sentence_spans(text) == whole
    # where a window starts at a sentence's start, \b sees a space, a line break or the start of
    # the text before it, as it did when the sentence so far was a string of its own
    assert all(start == 0 or text[start - 1].isspace() for start, _ in whole)
