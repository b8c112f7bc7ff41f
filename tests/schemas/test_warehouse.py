"""Each pandera model accepts a valid frame and rejects an invalid one."""
from __future__ import annotations

import datetime

import polars as pl
import pytest

from schemas.validate import validate_rows
from schemas.warehouse import TABLES

KEY = "a" * 64
NOW = datetime.datetime(2024, 11, 28, 9, 0)
DAY = datetime.date(2024, 11, 26)
EVIDENCE = {"operation_key": "op-taken-down-2024", "document_key": KEY, "evidence": "11 arrests.", "char_start": 0, "char_end": 11}

VALID_ROWS = {
    "dim_country": {"country_key": "ITA", "iso2": "IT", "name": "Italy", "region": "Europe", "subregion": "Southern Europe", "is_eu": True},
    "dim_agency": {"agency_key": "it-polizia-postale", "name": "Italian Postal Police", "acronym": None, "agency_type": "police",
                   "scope": "national", "country_key": "ITA", "parent_agency_key": None},
    "dim_agency_alias": {"alias": "polizia postale", "agency_key": "it-polizia-postale", "language": "it"},
    "dim_platform": {"platform_key": "netflix", "name": "Netflix", "platform_type": "streaming"},
    "dim_platform_alias": {"alias": "netflix", "platform_key": "netflix"},
    "dim_document": {"document_key": KEY, "source_path": "a/b.txt", "title": None, "publisher": None, "published_date": DAY,
                     "language": "en", "char_count": 11, "encoding": "utf-8", "clean_text": "11 arrests.", "is_removed": False,
                     "ingested_at": NOW},
    "stg_document_operation": {"operation_key": "op-taken-down-2024", "document_key": KEY, "is_primary": True,
                               "operation_name": "Taken Down", "target_group": None, "action_date": DAY, "published_date": DAY,
                               "lead_country_key": "ITA", "evidence": "11 arrests.", "char_start": 0, "char_end": 11,
                               "report_key": "op-taken-down-2024", "edition": None, "action_year": 2024},
    "retired_operation_key": {"retired_key": "op-es-2024-03-02", "operation_key": "op-es-2024-03-01", "run_id": "r1"},
    "dim_operation": {"operation_key": "op-taken-down-2024", "operation_name": "Taken Down", "target_group": None,
                      "action_date": DAY, "announced_date": DAY, "lead_country_key": "ITA", "summary": "11 arrests.", "document_count": 1},
    "fact_operation_document": {**EVIDENCE, "is_primary": True},
    "fact_operation_metric": {**EVIDENCE, "metric": "arrests", "value": 11.0, "value_low": 11.0, "value_high": 11.0,
                              "qualifier": "exact", "unit": None, "country_key": "HRV", "figure_start": 0, "figure_end": 10,
                              "figure_text": "11 arrests"},
    "fact_operation_country": {**EVIDENCE, "country_key": "HRV", "role": "arrests"},
    "fact_operation_agency": {**EVIDENCE, "agency_key": "it-polizia-postale", "role": "lead"},
    "fact_operation_platform": {**EVIDENCE, "platform_key": "netflix"},
    "unresolved_agency_mention": {**EVIDENCE, "name": "Catania Flying Squad", "country_key": "ITA"},
    "quarantine": {"run_id": "r1", "source_path": "x.txt", "document_key": None, "stage": "decode", "table_name": None,
                   "reason": "binary content", "quarantined_at": NOW},
    "run_file": {"run_id": "r1", "source_path": "x.txt", "document_key": None, "status": "quarantined", "stage": "decode",
                 "reason": "binary content", "size": 12, "mtime_ns": 1_700_000_000_000_000_000},
    "run_ledger": {"run_id": "r1", "started_at": NOW, "finished_at": NOW, "raw_root": "raw", "documents_seen": 1,
                   "documents_loaded": 1, "documents_unchanged": 0, "documents_quarantined": 0, "documents_removed": 0,
                   "row_counts": "{}", "seconds": 1.5, "bytes_read": 12, "full_rebuild": False},
}

# One broken value per table that a check (not just a null) must catch.
INVALID_VALUES = {
    "dim_country": ("country_key", "IT"),
    "dim_agency": ("agency_type", "secret society"),
    "dim_agency_alias": ("alias", ""),
    "dim_platform": ("platform_type", "newspaper"),
    "dim_platform_alias": ("alias", ""),
    "dim_document": ("document_key", "not-a-sha256"),
    "stg_document_operation": ("char_start", -1),
    "retired_operation_key": ("operation_key", None),
    "dim_operation": ("document_count", -1),
    "fact_operation_document": ("char_end", -5),
    "fact_operation_metric": ("metric", "parking_tickets"),
    "fact_operation_country": ("role", "villain"),
    "fact_operation_agency": ("role", "villain"),
    "fact_operation_platform": ("char_start", -1),
    "unresolved_agency_mention": ("char_start", -1),
    "quarantine": ("stage", "lunch"),
    "run_file": ("status", "misplaced"),
    "run_ledger": ("seconds", -1.0),
}


def test_every_table_has_examples():
    assert set(VALID_ROWS) == set(TABLES) == set(INVALID_VALUES)


@pytest.mark.parametrize("table", sorted(TABLES))
def test_model_accepts_a_valid_frame(table):
    valid, rejected = validate_rows(table, pl.DataFrame([VALID_ROWS[table]]))
    assert valid.height == 1
    assert rejected.height == 0


@pytest.mark.parametrize("table", sorted(TABLES))
def test_model_rejects_an_invalid_frame(table):
    column, bad = INVALID_VALUES[table]
    broken = {**VALID_ROWS[table], column: bad}
    frame = pl.DataFrame([broken], schema=pl.DataFrame([VALID_ROWS[table]]).schema)
    valid, rejected = validate_rows(table, frame)
    assert (valid.height, rejected.height) == (0, 1)
    assert column in rejected["rejection_reason"][0]


def test_invalid_rows_are_split_from_valid_ones():
    good = VALID_ROWS["fact_operation_metric"]
    bad = {**good, "figure_start": 40, "qualifier": "roughly"}
    valid, rejected = validate_rows("fact_operation_metric", pl.DataFrame([good, bad]))
    assert valid["figure_start"].to_list() == [0]
    assert rejected["figure_start"].to_list() == [40]
    assert "qualifier" in rejected["rejection_reason"][0]


def test_duplicate_keys_are_rejected():
    row = VALID_ROWS["dim_country"]
    valid, rejected = validate_rows("dim_country", pl.DataFrame([row, row]))
    assert rejected.height == 2 and "field_uniqueness" in rejected["rejection_reason"][0]


def test_missing_column_is_a_programming_error():
    with pytest.raises(ValueError, match="lacks columns"):
        validate_rows("dim_country", pl.DataFrame({"country_key": ["ITA"]}))
