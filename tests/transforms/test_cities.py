"""Cities as mentions of their country (reference/cities.csv)."""
from __future__ import annotations

import polars as pl

from transforms.countries import find_city_mentions
from transforms.sentences import split_sentences


def test_large_cities_name_their_country_case_sensitively_on_word_boundaries() -> None:
    text = ("Two men were detained in Hanoi. Raids took place in Gothenburg, Malmö and Stockholm. "
            "Romania is a country, not a city; reading the file is not Reading; houston in lower case is not a city.")
    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
    found = find_city_mentions(sentences)
    assert found.select("surface", "country_key").rows() == [
        ("Hanoi", "VNM"), ("Gothenburg", "SWE"), ("Malmö", "SWE"), ("Stockholm", "SWE")]
    assert set(found["mention_kind"]) == {"city"}
    # offsets point at the name in the document
    assert [text[s:e] for s, e in found.select("char_start", "char_end").rows()] == found["surface"].to_list()
