"""Properties of operation finding: names and targets are the text at their offsets, every
document gets reports, every sentence at most one operation, keys are stable."""
import datetime

import polars as pl
from hypothesis import given

from tests.transforms.strategies import DOCUMENT_KEY, assert_spans_match, languages, quick, sentence_frame, texts
from transforms.operations import (assign_operations, find_operation_names, find_target_groups, mark_recap_sentences,
                                   operation_key)

PUBLISHED = pl.DataFrame({"document_key": [DOCUMENT_KEY], "published_date": [datetime.date(2024, 3, 1)]})


@quick
@given(text=texts, language=languages)
def test_operations_point_into_the_text(text, language):
    sentences = mark_recap_sentences(sentence_frame(text, language), PUBLISHED)
    assert sentences["is_recap"].dtype == pl.Boolean
    names = find_operation_names(sentences)
    assert_spans_match(names, text)
    targets = find_target_groups(sentences, {"europol", "netflix"})
    for start, end in targets.select("char_start", "char_end").iter_rows():
        assert 0 <= start <= end <= len(text)
    no_action = pl.DataFrame({"document_key": [DOCUMENT_KEY], "action_date": [None]}, schema_overrides={"action_date": pl.Date})
    reports, sentence_operations = assign_operations(sentences, PUBLISHED, names, targets, no_action)
    assert reports["operation_key"].null_count() == 0
    assert sentence_operations.select("document_key", "sentence_index").is_duplicated().sum() == 0
    assert set(sentence_operations["operation_key"].to_list()) <= set(reports["operation_key"].to_list())
    for name in names["operation_name"].to_list():
        assert operation_key(name, None, 2024, DOCUMENT_KEY, 0) == operation_key(name, None, 2024, "e" * 64, 3)
