"""Properties of the cleaner on arbitrary text: it never raises, and what it returns is text
the rest of the pipeline can point into."""
import polars as pl
from hypothesis import given

from tests.transforms.strategies import DOCUMENT_KEY, languages, quick, texts
from transforms.clean import (clean_documents, clean_text, extract_publisher, extract_title, not_article_reason,
                              repair_glue)


@quick
@given(text=texts, language=languages)
def test_clean_text_never_raises_and_returns_text(text, language):
    cleaned, dropped = clean_text(text, language)
    assert isinstance(cleaned, str) and dropped >= 0
    assert isinstance(repair_glue(text, language), str)
    reason = not_article_reason(cleaned)
    assert reason is None or reason.startswith("not an article")
    for attribute in (extract_title(text), extract_publisher(text)):
        assert attribute is None or isinstance(attribute, str)


@quick
@given(text=texts, language=languages)
def test_clean_documents_keeps_one_row_per_document(text, language):
    documents = pl.DataFrame({"document_key": [DOCUMENT_KEY, "e" * 64], "text": [text, None],
                              "language": [language, None]}, schema_overrides={"language": pl.String})
    out = clean_documents(documents)
    assert out.height == 2
    assert (out["clean_text"][0], out["boilerplate_chars"][0]) == clean_text(text, language)  # gated = ungated
    assert out["clean_text"][1] is None and out["not_article_reason"][1] is not None
