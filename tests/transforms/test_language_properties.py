"""Property: language detection answers one of the project's languages or None, for any text."""
import polars as pl
from hypothesis import given

from tests.transforms.strategies import DOCUMENT_KEY, LANGUAGES, quick, texts
from transforms.language import detect_language, detect_languages


@quick
@given(text=texts)
def test_detection_gives_a_known_language_or_none(text):
    assert detect_language(text) in LANGUAGES
    frame = detect_languages(pl.DataFrame({"document_key": [DOCUMENT_KEY, "e" * 64], "text": [text, None]}))
    assert frame["language"].to_list() == [detect_language(text), None]
