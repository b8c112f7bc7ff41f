"""The DuckDB side: copies, atomic publish, readers never block a build, one build at a time."""
from __future__ import annotations

import subprocess
import sys
import threading
import time

import duckdb
import polars as pl
import pytest

from flows import warehouse as store


def _build_once(path, run_id, country="ITA"):
    temporary, connection = store.connect_copy(path, run_id)
    store.run(connection, "BEGIN TRANSACTION")
    store.insert_frame(connection, "dim_country", pl.DataFrame([
        {"country_key": country, "iso2": country[:2], "name": country, "region": None, "subregion": None, "is_eu": True}
    ]))
    store.run(connection, "COMMIT")
    store.publish(connection, temporary, path)


def test_publish_creates_a_documented_warehouse(tmp_path):
    path = tmp_path / "w.duckdb"
    _build_once(path, "r1")
    with duckdb.connect(str(path), read_only=True) as connection:
        assert connection.execute("SELECT country_key FROM dim_country").fetchall() == [("ITA",)]
        comment = connection.execute("SELECT comment FROM duckdb_tables() WHERE table_name = 'dim_country'").fetchone()[0]
    assert comment.startswith("One row per ISO 3166-1 country")
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_reader_holding_the_file_open_does_not_block_the_build(tmp_path):
    path = tmp_path / "w.duckdb"
    _build_once(path, "r1")
    # another process holds the warehouse open read-only for the whole build
    reader = subprocess.Popen(
        [sys.executable, "-c",
         "import duckdb, sys, time; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print(c.execute('select count(*) from dim_country').fetchone()[0], flush=True); time.sleep(30)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        _build_once(path, "r2", country="FRA")
        with duckdb.connect(str(path), read_only=True) as connection:
            assert connection.execute("SELECT count(*) FROM dim_country").fetchone()[0] == 2
    finally:
        reader.kill()


def test_a_failed_build_leaves_the_previous_warehouse_intact(tmp_path):
    path = tmp_path / "w.duckdb"
    _build_once(path, "r1")
    before = path.read_bytes()
    temporary, connection = store.connect_copy(path, "r2")
    store.run(connection, "BEGIN TRANSACTION")
    store.run(connection, "DELETE FROM dim_country")
    store.discard(connection, temporary)
    assert path.read_bytes() == before
    assert not temporary.exists()


def test_a_second_build_waits_then_stops_with_a_clear_message(tmp_path):
    path = tmp_path / "w.duckdb"
    messages = []
    with store.build_lock(path):
        with pytest.raises(store.WarehouseBusy, match="another build is writing"):
            with store.build_lock(path, wait_seconds=0.5, on_wait=messages.append):
                pass
    assert messages and "waiting" in messages[0]


def test_a_waiting_build_proceeds_when_the_first_finishes(tmp_path):
    path = tmp_path / "w.duckdb"
    entered = []

    def second():
        with store.build_lock(path, wait_seconds=10):
            entered.append(time.monotonic())

    with store.build_lock(path):
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        released = time.monotonic()
    thread.join(5)
    assert entered and entered[0] >= released


def test_new_files_use_a_storage_version_older_clients_read(tmp_path):
    path = tmp_path / "w.duckdb"
    _build_once(path, "r1")
    with duckdb.connect(str(path), read_only=True) as connection:
        version = connection.execute(
            "SELECT tags FROM duckdb_databases() WHERE database_name = 'w'"
        ).fetchone()
    assert version is not None  # the file opens; the CLI check lives with the shell tests


def test_removed_documents_are_marked_not_deleted(tmp_path):
    path = tmp_path / "w.duckdb"
    temporary, connection = store.connect_copy(path, "r1")
    document = {"document_key": "b" * 64, "source_path": "x.txt", "title": None, "publisher": None, "published_date": None,
                "language": "en", "char_count": 1, "encoding": "utf-8", "clean_text": "x", "is_removed": False,
                "ingested_at": __import__("datetime").datetime(2024, 1, 1)}
    store.insert_frame(connection, "dim_document", pl.DataFrame([document]))
    assert store.mark_removed(connection, []) == 1
    assert connection.execute("SELECT is_removed FROM dim_document").fetchone() == (True,)
    store.discard(connection, temporary)


def _memory_limit(connection) -> str:
    return connection.execute("SELECT current_setting('memory_limit')").fetchone()[0]


def test_cache_released_lowers_duckdbs_limit_only_while_it_lasts(tmp_path):
    temporary, connection = store.connect_copy(tmp_path / "w.duckdb", "r1")
    store.run(connection, "BEGIN TRANSACTION")  # the build's, which it commits first
    before = _memory_limit(connection)
    with store.cache_released(connection):
        during = _memory_limit(connection)
    assert (before, _memory_limit(connection)) == (before, before)
    assert during != before and during.endswith("MiB")


def test_cache_released_restores_the_limit_when_the_work_fails(tmp_path):
    temporary, connection = store.connect_copy(tmp_path / "w.duckdb", "r1")
    store.run(connection, "BEGIN TRANSACTION")
    before = _memory_limit(connection)
    with pytest.raises(ZeroDivisionError), store.cache_released(connection):
        1 / 0
    assert _memory_limit(connection) == before


def test_cache_released_lets_a_duckdb_error_inside_through_as_itself(tmp_path):
    """A DuckDB error inside aborts the transaction, which then refuses the limit's restoring SET;
    the caller sees the first error, not that refusal."""
    temporary, connection = store.connect_copy(tmp_path / "w.duckdb", "r1")
    store.run(connection, "BEGIN TRANSACTION")
    with pytest.raises(duckdb.Error, match="the work failed"), store.cache_released(connection):
        store.run(connection, "SELECT error('the work failed')")
    store.run(connection, "ROLLBACK")
    store.run(connection, f"SET memory_limit = '{store.DUCKDB_MEMORY_LIMIT}'")  # as the build's cleanup would


def test_cache_released_keeps_the_work_when_duckdb_cannot_shrink(tmp_path, monkeypatch):
    """DuckDB refuses a limit below what it holds, and the refusal aborts the transaction; the
    work before it was committed, and the work inside goes on under the old limit."""
    temporary, connection = store.connect_copy(tmp_path / "w.duckdb", "r1")
    # what DuckDB holds must be unevictable, or it may evict it and accept the limit: a temporary
    # table with nowhere to spill stays in memory
    store.run(connection, "SET temp_directory = ''")
    store.run(connection, "CREATE TEMPORARY TABLE pinned AS SELECT range AS n FROM range(200000)")
    store.run(connection, "BEGIN TRANSACTION")
    store.run(connection, "CREATE TABLE held AS SELECT range AS n FROM range(200000)")
    monkeypatch.setattr(store, "RESOLUTION_DUCKDB_MEMORY_LIMIT", "1KB")
    before = _memory_limit(connection)
    with store.cache_released(connection):
        assert _memory_limit(connection) == before
        store.run(connection, "INSERT INTO held VALUES (-1)")
    store.run(connection, "COMMIT")
    assert connection.execute("SELECT count(*) FROM held").fetchone() == (200_001,)
