"""Property tests: on arbitrary text the composed extractors never raise, every evidence span
is the cleaned text at its offsets, and every figure is finite and non-negative."""
import datetime
import math

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flows.reference import load_reference_tables
from transforms.extract import Reference, extract_documents

WORDS = ["police", "arrested", "11", "over", "22 million", "users", "servers", "seized", "in", "Italy", "Croatian",
         "Europol", "Netflix", "Operation", "“Taken Down”", "yesterday", "€1.6m", "searches", "a dozen", "\n", ".",
         "'; DROP TABLE dim_document; --", "<script>alert(1)</script>", "\\", "\u202e", "\x07"]


@pytest.fixture(scope="module")
def reference():
    return Reference.from_tables(load_reference_tables())


texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=80).map(" ".join),
)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
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
    for value in tables["fact_operation_metric"]["value"].to_list():
        assert math.isfinite(value) and value >= 0
