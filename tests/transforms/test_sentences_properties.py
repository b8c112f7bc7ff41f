"""Property: sentences tile the text in order, each equal to the text at its offsets."""
from hypothesis import given

from tests.transforms.strategies import assert_spans_match, quick, sentence_frame, texts


@quick
@given(text=texts)
def test_sentences_are_the_text_at_their_offsets_in_order(text):
    sentences = sentence_frame(text)
    assert_spans_match(sentences, text, "sentence", "sentence_start", "sentence_end")
    assert sentences["sentence_index"].to_list() == list(range(sentences.height))
    ends = [0, *sentences["sentence_end"].to_list()]
    assert all(start >= previous for start, previous in zip(sentences["sentence_start"].to_list(), ends))
