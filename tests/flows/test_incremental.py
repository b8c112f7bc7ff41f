"""Incremental runs and `--full`, through real flow runs into real DuckDB files.

That an unchanged file is not read is shown without mocks: the run's `bytes_read` counter, and
a file whose bytes are swapped for others of the same size with its mtime put back, which the
next run (trusting size and mtime) keeps as it was.
"""
from __future__ import annotations

import os

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.build import build_warehouse
from schemas.warehouse import TABLES
from takedown.cli import parser

pytestmark = pytest.mark.usefixtures("prefect_server")

ARTICLE = (
    "Police in Spain arrested {arrests} people on Tuesday in an operation against an illegal IPTV service "
    "that had more than 30,000 subscribers. The Guardia Civil searched 6 homes in Madrid and Valencia "
    "and seized 12 servers. The service rebroadcast Netflix and DAZN content."
)
BOOKKEEPING = {"run_file", "run_ledger", "quarantine"}


def _build(raw, warehouse, **options):
    return build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse), **options)


def _frame(warehouse, sql) -> pl.DataFrame:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.sql(sql).pl()


def _content(warehouse) -> dict[str, pl.DataFrame]:
    """Every table that holds what the documents say, in a stable order, without load times."""
    frames = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for table in TABLES:
            if table in BOOKKEEPING:
                continue
            exclude = " EXCLUDE (ingested_at)" if table == "dim_document" else ""
            frames[table] = connection.sql(f"SELECT *{exclude} FROM {table} ORDER BY ALL").pl()
    return frames


def _write(path, arrests: int) -> None:
    path.write_text(ARTICLE.format(arrests=arrests))


@pytest.fixture
def two_stories(raw_folder):
    _write(raw_folder / "story.txt", 4)
    (raw_folder / "more").mkdir()
    _write(raw_folder / "more" / "other.txt", 9)
    return raw_folder


def test_unchanged_files_are_not_read_again(two_stories, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    first = _build(two_stories, warehouse)
    assert first.documents_loaded == 2 and first.bytes_read > 0

    second = _build(two_stories, warehouse)
    assert (second.documents_unchanged, second.documents_loaded, second.bytes_read) == (2, 0, 0)

    # other bytes of the same size, mtime put back: size and mtime say unchanged, and the run
    # believes them, so the warehouse still holds the old text: the file was not read
    story = two_stories / "story.txt"
    before = story.stat()
    _write(story, 7)
    os.utime(story, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert story.stat().st_size == before.st_size
    third = _build(two_stories, warehouse)
    assert (third.documents_unchanged, third.bytes_read) == (2, 0)
    arrests = _frame(warehouse, """SELECT f.value FROM fact_operation_metric f JOIN dim_document d USING (document_key)
                                   WHERE d.source_path = 'story.txt' AND f.metric = 'arrests'""")
    assert arrests["value"].to_list() == [4.0]
    ledger = _frame(warehouse, "SELECT bytes_read, full_rebuild FROM run_ledger ORDER BY started_at")
    assert ledger["bytes_read"].to_list() == [first.bytes_read, 0, 0]
    assert ledger["full_rebuild"].to_list() == [False, False, False]


def test_a_touched_file_with_the_same_bytes_is_hashed_and_unchanged(two_stories, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    _build(two_stories, warehouse)
    story = two_stories / "story.txt"
    os.utime(story, ns=(story.stat().st_atime_ns, story.stat().st_mtime_ns + 5_000_000_000))
    summary = _build(two_stories, warehouse)
    assert (summary.documents_unchanged, summary.documents_loaded) == (2, 0)
    assert summary.bytes_read == story.stat().st_size
    # the new mtime is recorded: the run after that reads nothing
    assert _build(two_stories, warehouse).bytes_read == 0


def test_a_changed_file_is_read_and_replaces_its_rows(two_stories, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    _build(two_stories, warehouse)
    old_key = _frame(warehouse, "SELECT document_key FROM dim_document WHERE source_path = 'story.txt'").item()
    _write(two_stories / "story.txt", 17)
    summary = _build(two_stories, warehouse)
    assert (summary.documents_loaded, summary.documents_unchanged, summary.documents_removed) == (1, 1, 0)
    assert summary.bytes_read == (two_stories / "story.txt").stat().st_size
    rows = _frame(warehouse, """SELECT d.document_key, f.value FROM fact_operation_metric f JOIN dim_document d USING (document_key)
                                WHERE d.source_path = 'story.txt' AND f.metric = 'arrests'""")
    assert rows["value"].to_list() == [17.0] and old_key not in rows["document_key"].to_list()
    assert _frame(warehouse, f"SELECT count(*) AS n FROM stg_document_operation WHERE document_key = '{old_key}'").item() == 0


def test_full_rebuild_reads_everything_and_equals_a_fresh_build(two_stories, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    _build(two_stories, warehouse)
    first_loaded = _frame(warehouse, "SELECT document_key, ingested_at FROM dim_document ORDER BY ALL")
    _write(two_stories / "story.txt", 17)
    _build(two_stories, warehouse)

    full = _build(two_stories, warehouse, full=True)
    total_bytes = sum(path.stat().st_size for path in two_stories.rglob("*.txt"))
    assert (full.documents_loaded, full.documents_unchanged, full.bytes_read) == (2, 0, total_bytes)
    fresh = tmp_path / "fresh.duckdb"
    _build(two_stories, fresh)
    rebuilt, expected = _content(warehouse), _content(fresh)
    for table in expected:
        assert_frame_equal(rebuilt[table], expected[table], check_row_order=True), table
    # a rebuilt document keeps the time it was first loaded
    kept = _frame(warehouse, "SELECT document_key, ingested_at FROM dim_document ORDER BY ALL").join(
        first_loaded, on="document_key", how="inner", suffix="_first")
    assert kept.height == 1 and kept["ingested_at"].to_list() == kept["ingested_at_first"].to_list()
    assert _frame(warehouse, "SELECT full_rebuild FROM run_ledger ORDER BY started_at")["full_rebuild"].to_list() == [
        False, False, True]


def test_full_rebuild_keeps_documents_whose_file_has_gone(two_stories, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    _build(two_stories, warehouse)
    (two_stories / "more" / "other.txt").unlink()
    summary = _build(two_stories, warehouse, full=True)
    assert (summary.documents_loaded, summary.documents_removed) == (1, 1)
    rows = _frame(warehouse, """SELECT d.source_path, d.is_removed, f.value FROM fact_operation_metric f
                                JOIN dim_document d USING (document_key) WHERE f.metric = 'arrests' ORDER BY 1""")
    assert rows.rows() == [("more/other.txt", True, 9.0), ("story.txt", False, 4.0)]
    assert _frame(warehouse, "SELECT count(*) AS n FROM dim_operation").item() >= 1


def test_worker_processes_give_the_same_warehouse(raw_folder, tmp_path):
    """Batches extracted in two worker processes; the same bytes in two batches load once."""
    for arrests in (3, 5, 8):
        _write(raw_folder / f"story-{arrests}.txt", arrests)
    _write(raw_folder / "story-9-copy.txt", 3)  # the same bytes as story-3.txt, in another batch
    parallel, serial = tmp_path / "parallel.duckdb", tmp_path / "serial.duckdb"
    summary = _build(raw_folder, parallel, batch_size=1, workers=2)
    _build(raw_folder, serial, batch_size=1, workers=1)
    assert (summary.documents_loaded, summary.documents_unchanged) == (3, 1)
    got, expected = _content(parallel), _content(serial)
    for table in expected:
        assert_frame_equal(got[table], expected[table]), table


def test_cli_build_takes_full_and_workers():
    args = parser().parse_args(["build", "--full", "--workers", "1"])
    assert args.full is True and args.workers == 1
    assert parser().parse_args(["build"]).full is False
