"""Property tests: on arbitrary text the composed extractors never raise, every evidence span
is the cleaned text at its offsets, and every figure is finite and within its bounds."""
import datetime

import polars as pl
import pytest
from hypothesis import given

from flows.reference import load_reference_tables
from tests.transforms.strategies import assert_figures_in_range, quick, texts
from transforms.extract import Reference, extract_documents


@pytest.fixture(scope="module")
def reference():
    return Reference.from_tables(load_reference_tables())


@quick
@given(text=texts)
def test_extraction_never_raises_and_evidence_matches(reference, text):
    decoded = pl.DataFrame({"document_key": ["f" * 64], "source_path": ["x.txt"], "text": [text], "encoding": ["utf-8"],
                            "ingested_at": [datetime.datetime(2024, 1, 1)]})
    tables, rejected = extract_documents(decoded, reference)
    if not tables["dim_document"].height:
        assert rejected.height == 1
        return
    clean_text = tables["dim_document"]["clean_text"][0]
    for name, frame in tables.items():
        if "evidence" in frame.columns:
            for evidence, start, end in frame.select("evidence", "char_start", "char_end").iter_rows():
                assert clean_text[start:end] == evidence, name
    assert_figures_in_range(tables["fact_operation_metric"])
