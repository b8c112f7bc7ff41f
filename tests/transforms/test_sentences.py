import polars as pl
from polars.testing import assert_frame_equal

from transforms.sentences import split_sentences


def _split(text: str) -> pl.DataFrame:
    return split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))


def test_sentences_keep_exact_offsets():
    text = "Police arrested 11 people. The U.S. Department of Justice said so!\n\nHeadline here\nLast one."
    sentences = _split(text)
    assert sentences["sentence"].to_list() == [
        "Police arrested 11 people.", "The U.S. Department of Justice said so!", "Headline here", "Last one."]
    for start, end, sentence in sentences.select("sentence_start", "sentence_end", "sentence").iter_rows():
        assert text[start:end] == sentence


def test_abbreviations_and_quotes():
    sentences = _split('He said "it is over." Then Mr. Smith left. Art. 171-ter applies.')
    assert sentences["sentence"].to_list() == ['He said "it is over."', "Then Mr. Smith left.", "Art. 171-ter applies."]


def test_empty_document_has_no_sentences():
    expected = pl.DataFrame(schema={"document_key": pl.String, "sentence_index": pl.Int64, "sentence_start": pl.Int64,
                                    "sentence_end": pl.Int64, "sentence": pl.String})
    assert_frame_equal(_split("   \n\n"), expected)


def test_day_ordinals_do_not_end_a_sentence():
    sentences = _split("Beide wurden am 3. November in Córdoba festgenommen. Danach kam nichts.")
    assert sentences["sentence"].to_list() == ["Beide wurden am 3. November in Córdoba festgenommen.", "Danach kam nichts."]


def test_a_dot_leader_before_a_figure_does_not_end_a_sentence():
    sentences = _split("Arrests ......... 9 (7 in Brazil)\nAssets ... R$2.4 million\nLocation ... Santa Catarina\nHe ran... Then he hid.")
    assert sentences["sentence"].to_list() == [
        "Arrests ......... 9 (7 in Brazil)", "Assets ... R$2.4 million", "Location ...", "Santa Catarina", "He ran...",
        "Then he hid."]
