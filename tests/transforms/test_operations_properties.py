"""Properties of operation finding: names and targets are the text at their offsets, every
document gets reports, every sentence at most one operation, keys are stable."""
import datetime

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

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


_CUE_WORDS = ["Operators", "of", "ran", "RUNNING", "the", "Site", "ExampleTV", "behind", "BEHIND", "İ", "ı", "ſite", "×",
              "Called", "named", "Gründer", "GRÜNDER", "von", "Kinoflux", "IPTV-service", "website", "la piattaforma",
              "pirata", "Hinter", "Dienst", "ΣΣ", "K", "\n", "  "]


@quick
@given(text=st.one_of(texts, st.lists(st.sampled_from(_CUE_WORDS), max_size=14).map(" ".join)),
       first=st.integers(min_value=0, max_value=20))
def test_target_patterns_tried_from_their_cues_find_what_finditer_finds(text, first):
    """Searching the lower-cased cue group first skips positions, never a match."""
    import re

    from transforms.operations import TARGET_PATTERNS, _leading_cues, _matches_from_cues
    from transforms.prefilter import lower_as_ignorecase

    for source in TARGET_PATTERNS.values():
        pattern = re.compile(source)
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text, first)]
        found = _matches_from_cues(pattern, _leading_cues(source), text, lower_as_ignorecase(text), first)
        assert [(m.span(), m.groups()) for m in found] == expected


def test_four_target_patterns_open_with_a_cue_group():
    from transforms.operations import TARGET_PATTERNS, _leading_cues

    assert {kind for kind, source in TARGET_PATTERNS.items() if _leading_cues(source)} == {
        "called", "operated", "typed_before", "against"}
    assert _leading_cues("(?i:[À-Þ]x)y") is None  # a range does not lower-case to its characters' lower case


@quick
@given(text=st.one_of(texts, st.lists(st.sampled_from(_CUE_WORDS + ["OPERAÇÃO", "Operațiunea", "arrested", "İ", "ARREST",
                                                                   "xraid", "Crackdown", "sequestro", "Op."]),
                                      max_size=12).map(" ".join)))
def test_speaking_of_an_action_over_lower_cased_text_is_the_ignorecase_answer(text):
    from transforms.operations import _ENFORCEMENT_VERB_RE, _SPEAKS_OF_OPERATION, _speaks_of_action

    assert _speaks_of_action(text) == bool(_SPEAKS_OF_OPERATION.search(text) or _ENFORCEMENT_VERB_RE.search(text))
