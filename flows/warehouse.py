"""DuckDB side of the build: lock, copy, load in one transaction, publish atomically.

A build never writes the published file in place. It copies the warehouse to a private
temporary file, loads there inside one transaction, checkpoints, and `os.replace`s the copy
over the published file. So a crash at any moment leaves the previous warehouse intact, and a
notebook holding the warehouse open read-only keeps its snapshot instead of blocking the build
(DuckDB refuses a read-write open of a file another process has open).
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import multiprocessing
import os
import shutil
import tempfile
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from schemas.ddl import warehouse_ddl
from schemas.views import view_sql
from schemas.validate import conform
from schemas.warehouse import DECLARED_KEY_TABLES, DOCUMENT_TABLES, REFERENCE_TABLES, TABLES
from transforms.agencies import UNREGISTERED_PREFIX

# Files written with this storage version open in the DuckDB CLI from the package index (1.5.x)
# as well as in duckdb 2.x; see README "DuckDB shell".
STORAGE_VERSION = "v1.4.0"
# DuckDB keeps the table blocks it wrote or read cached up to its memory limit (a replay of 80k
# documents' inserts: flat at a 100 MB limit, growing 3 to 5 MB per 1,000 documents at 1 GB), so
# the limit bounds what a build holds for DuckDB, and at 1 GB a 400k build held twice what a 100k
# one did. It could not go lower while the growing tables had primary keys (their ART indexes are
# pinned: a replay at 256 MB failed after ~95k documents); without them it stays flat to 400k
# documents at 256 MB (`tests/benchmarks/results/replay-inserts-256MB.txt`)
DUCKDB_MEMORY_LIMIT = "512MB"
# DuckDB's limit while resolution across documents works in Python (`cache_released`)
RESOLUTION_DUCKDB_MEMORY_LIMIT = "128MB"
# documents whose reports move operation per transaction (`move_reports`): bounds DuckDB's memory
MOVED_DOCUMENTS_PER_COMMIT = 20_000
# when the reports a run's changes can move are more than this share of all, resolving everything
# costs less than finding them
RESOLVE_EVERYTHING_SHARE = 0.5
# from this many stored reports on, resolution across documents runs in a fresh process
# (`_plan_in_fresh_process`); below, starting one costs more than it saves
RESOLUTION_PROCESS_MIN_REPORTS = 20_000


class WarehouseBusy(RuntimeError):
    """Another build holds the warehouse lock for longer than we were willing to wait."""


@dataclass
class Staging:
    published: Path
    temporary: Path
    connection: duckdb.DuckDBPyConnection
    lock_handle: object
    new_operation_keys: set[str] = field(default_factory=set)


def run(connection: duckdb.DuckDBPyConnection, sql: str, parameters: list | None = None) -> list[tuple]:
    """Execute and drain a statement: duckdb 2 refuses new work while a result is unfinished."""
    return connection.execute(sql, parameters or []).fetchall()


def lock_path(warehouse: Path) -> Path:
    return warehouse.with_name(warehouse.name + ".lock")


@contextlib.contextmanager
def build_lock(warehouse: Path, wait_seconds: float = 600.0, on_wait=None):
    """Hold an exclusive advisory lock for the whole build: a second build waits, then fails clearly."""
    warehouse.parent.mkdir(parents=True, exist_ok=True)
    handle = open(lock_path(warehouse), "a+")
    deadline = time.monotonic() + wait_seconds
    told = False
    while True:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                handle.close()
                raise WarehouseBusy(
                    f"another build is writing {warehouse} (lock {lock_path(warehouse)} held for over "
                    f"{wait_seconds:.0f} s); try again when it has finished"
                )
            if not told and on_wait:
                on_wait(f"another build is writing {warehouse}; waiting for it to finish")
                told = True
            time.sleep(0.2)
    try:
        yield handle
    finally:
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def connect_copy(warehouse: Path, run_id: str) -> tuple[Path, duckdb.DuckDBPyConnection]:
    """Copy the published warehouse (if any) to a private file and open it read-write."""
    temporary = warehouse.with_name(f".{warehouse.name}.{run_id}.tmp")
    for stale in warehouse.parent.glob(f".{warehouse.name}.*.tmp*"):
        if stale.is_dir():  # a resolution's files, beside the copy (`_plan_in_fresh_process`)
            shutil.rmtree(stale, ignore_errors=True)
        else:
            stale.unlink(missing_ok=True)  # left by a crashed build; we hold the lock
    if warehouse.exists():
        shutil.copyfile(warehouse, temporary)
    connection = duckdb.connect(":memory:")
    # DuckDB's buffer pool would otherwise grow towards 80% of RAM as the warehouse grows;
    # past the limit it spills to a folder beside the warehouse
    run(connection, f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    run(connection, f"SET temp_directory = '{_sql_path(warehouse.with_name(f'.{warehouse.name}.spill'))}'")
    version = "" if warehouse.exists() else f" (STORAGE_VERSION '{STORAGE_VERSION}')"
    run(connection, f"ATTACH '{_sql_path(temporary)}' AS warehouse{version}")
    run(connection, "USE warehouse")
    # one transaction: ~250 statements committed one by one cost over a second per run
    run(connection, "BEGIN TRANSACTION")
    for statement in warehouse_ddl():
        run(connection, statement)
    add_missing_columns(connection)
    for statement in view_sql():
        run(connection, statement)
    run(connection, "COMMIT")
    return temporary, connection


def add_missing_columns(connection: duckdb.DuckDBPyConnection) -> None:
    """Columns a newer model added to a table of an older warehouse (CREATE TABLE IF NOT EXISTS
    leaves existing tables alone); old rows get NULL, or false/0 for the ledger's new counters."""
    from schemas.ddl import duckdb_type

    present = {(table, column) for table, column in connection.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE database_name = current_database()").fetchall()}
    for table, model in TABLES.items():
        for name, column in model.to_schema().columns.items():
            if (table, name) not in present:
                sql_type = duckdb_type(column.dtype)
                default = "" if column.nullable else (" DEFAULT false" if sql_type == "BOOLEAN" else " DEFAULT 0")
                run(connection, f"ALTER TABLE {table} ADD COLUMN {name} {sql_type}{default}")


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def publish(connection: duckdb.DuckDBPyConnection, temporary: Path, warehouse: Path) -> None:
    """Make the loaded copy the published warehouse in one rename."""
    run(connection, "CHECKPOINT")
    run(connection, "USE memory")
    run(connection, "DETACH warehouse")
    connection.close()
    with open(temporary, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, warehouse)
    directory = os.open(warehouse.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def discard(connection: duckdb.DuckDBPyConnection | None, temporary: Path) -> None:
    if connection is not None:
        with contextlib.suppress(Exception):
            connection.close()
    temporary.unlink(missing_ok=True)
    temporary.with_name(temporary.name + ".wal").unlink(missing_ok=True)


@contextlib.contextmanager
def registered(connection: duckdb.DuckDBPyConnection, name: str, frame: pl.DataFrame):
    """A polars frame visible to SQL as `name` for the duration of the block."""
    connection.register(name, frame.to_arrow())
    try:
        yield name
    finally:
        connection.unregister(name)


def insert_frame(connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height == 0:
        return
    frame = conform(table, frame)
    with registered(connection, "incoming_frame", frame):
        columns = ", ".join(frame.columns)
        run(connection, f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_frame")


def previous_run_id(connection: duckdb.DuckDBPyConnection, raw_root: str) -> str | None:
    """The last completed run over the same raw folder: its run_file rows hold each file's size and mtime."""
    rows = connection.execute(
        "SELECT run_id FROM run_ledger WHERE raw_root = ? ORDER BY started_at DESC, run_id DESC LIMIT 1", [raw_root]
    ).fetchall()
    return rows[0][0] if rows else None


def unchanged_by_stat(connection: duckdb.DuckDBPyConnection, previous_run: str | None, files: pl.DataFrame) -> pl.DataFrame:
    """Files (source_path, document_key) whose size and mtime_ns equal those of their loaded or
    unchanged row in the previous run, and whose document is still in the warehouse: unchanged
    without reading a byte."""
    empty = pl.DataFrame(schema={"source_path": pl.String, "document_key": pl.String})
    if previous_run is None or files.height == 0:
        return empty
    with registered(connection, "batch_files", files.select("source_path", "size", "mtime_ns")):
        return connection.sql(f"""
            SELECT f.source_path, r.document_key
            FROM batch_files f
            JOIN run_file r ON r.run_id = {_sql_literal(previous_run)} AND r.source_path = f.source_path
                           AND r.size = f.size AND r.mtime_ns = f.mtime_ns
                           AND r.status IN ('loaded', 'unchanged') AND r.document_key IS NOT NULL
            JOIN dim_document d ON d.document_key = r.document_key
        """).pl().cast({"source_path": pl.String, "document_key": pl.String})  # joins, not IN (subquery): hash table on the small side


def _sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def loaded_keys(connection: duckdb.DuckDBPyConnection, run_id: str, document_keys: list[str],
                include_earlier_runs: bool) -> set[str]:
    """Which of these documents need no extraction: loaded earlier in this run (the same bytes
    under another path) or, unless the run rebuilds everything, already in the warehouse."""
    if not document_keys:
        return set()
    keys = pl.DataFrame({"document_key": document_keys}, schema={"document_key": pl.String})
    earlier = "UNION SELECT document_key FROM batch_keys JOIN dim_document USING (document_key)" if include_earlier_runs else ""
    with registered(connection, "batch_keys", keys):
        rows = connection.execute(f"""
            SELECT b.document_key FROM batch_keys b
            JOIN run_file r ON r.run_id = ? AND r.status IN ('loaded', 'unchanged') AND r.document_key = b.document_key
            {earlier}
        """, [run_id]).fetchall()
    return {row[0] for row in rows}


def first_ingested(connection: duckdb.DuckDBPyConnection, document_keys: list[str]) -> pl.DataFrame:
    """When these documents were first loaded (a full rebuild keeps that date)."""
    keys = pl.DataFrame({"document_key": document_keys}, schema={"document_key": pl.String})
    with registered(connection, "batch_keys", keys):
        return connection.sql(
            "SELECT document_key, ingested_at AS first_ingested_at FROM dim_document "
            "WHERE document_key IN (SELECT document_key FROM batch_keys)"
        ).pl()


def superseded_documents(connection: duckdb.DuckDBPyConnection, run_id: str) -> list[str]:
    """Documents whose file this run loaded with other bytes, and whose old bytes no file of this
    run still has: their rows are replaced by the new version's."""
    return [row[0] for row in connection.execute("""
        SELECT DISTINCT d.document_key
        FROM dim_document d JOIN run_file f ON f.run_id = ? AND f.status = 'loaded' AND f.source_path = d.source_path
        WHERE d.document_key <> f.document_key
          AND d.document_key NOT IN (SELECT document_key FROM run_file
                                     WHERE run_id = ? AND status IN ('loaded', 'unchanged') AND document_key IS NOT NULL)
    """, [run_id, run_id]).fetchall()]


def operation_keys_to_roll_up(connection: duckdb.DuckDBPyConnection, run_id: str, extra_keys: set[str],
                              everything: bool) -> list[str]:
    """Operations whose dim_operation row must be derived again: those reported by documents this
    run loaded, the given ones (reported by replaced documents), or all of them."""
    if everything:
        rows = connection.execute("SELECT DISTINCT operation_key FROM stg_document_operation ORDER BY 1").fetchall()
        return [row[0] for row in rows]
    rows = connection.execute("""
        SELECT DISTINCT operation_key FROM stg_document_operation
        WHERE document_key IN (SELECT document_key FROM run_file WHERE run_id = ? AND status = 'loaded')
    """, [run_id]).fetchall()
    return sorted({row[0] for row in rows} | extra_keys)


def file_counts(connection: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, int]:
    """Files per status in this run's run_file rows."""
    return dict(connection.execute("SELECT status, count(*) FROM run_file WHERE run_id = ? GROUP BY ALL", [run_id]).fetchall())


def replace_reference_tables(connection: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    """The registry as curated now; agencies read from documents (not in the registry) stay while facts use them."""
    for table in REFERENCE_TABLES:
        if table == "dim_agency":
            run(connection, f"""DELETE FROM dim_agency WHERE agency_key NOT LIKE '{UNREGISTERED_PREFIX}%'
                                OR agency_key NOT IN (SELECT agency_key FROM fact_operation_agency)""")
            insert_frame(connection, table, frames[table])  # registry keys never take the unregistered prefix
            continue
        run(connection, f"DELETE FROM {table}")
        insert_frame(connection, table, frames[table])


def add_unregistered_agencies(connection: duckdb.DuckDBPyConnection, agencies: pl.DataFrame) -> None:
    """Agencies a batch named that the warehouse does not have yet (same name, same key: first one kept)."""
    if agencies.height == 0:
        return
    present = connection.sql("SELECT agency_key FROM dim_agency").pl()
    insert_frame(connection, "dim_agency", agencies.join(present, on="agency_key", how="anti"))


def delete_documents(connection: duckdb.DuckDBPyConnection, document_keys: list[str]) -> None:
    """Remove every row read from these documents (they are being replaced)."""
    if not document_keys:
        return
    with registered(connection, "doomed_documents", pl.DataFrame({"document_key": document_keys})):
        for table in DOCUMENT_TABLES + ["dim_document"]:
            run(connection, f"DELETE FROM {table} WHERE document_key IN (SELECT document_key FROM doomed_documents)")


def mark_removed(connection: duckdb.DuckDBPyConnection, run_id: str) -> int:
    """Flag documents no file of this run has (loaded or unchanged): rows are kept, never silently lost."""
    run(connection, """
        UPDATE dim_document SET is_removed = NOT is_removed
        WHERE is_removed = (document_key IN (
            SELECT document_key FROM run_file WHERE run_id = ? AND status IN ('loaded', 'unchanged') AND document_key IS NOT NULL))
    """, [run_id])  # only the rows whose flag changes are written
    return connection.execute("SELECT count(*) FROM dim_document WHERE is_removed").fetchall()[0][0]


def operation_reports(connection: duckdb.DuckDBPyConnection, operation_keys: list[str]) -> pl.DataFrame:
    """Every stored report (one per document) of the given operations, for re-deriving dim_operation."""
    with registered(connection, "affected_operations", _operation_key_frame(operation_keys)):
        return connection.sql(
            "SELECT * FROM stg_document_operation WHERE operation_key IN (SELECT operation_key FROM affected_operations)"
        ).pl()


def replace_operations(connection: duckdb.DuckDBPyConnection, operation_keys: list[str], rows: pl.DataFrame) -> None:
    with registered(connection, "affected_operations", _operation_key_frame(operation_keys)):
        run(connection, "DELETE FROM dim_operation WHERE operation_key IN (SELECT operation_key FROM affected_operations)")
    insert_frame(connection, "dim_operation", rows)


def _operation_key_frame(operation_keys: list[str]) -> pl.DataFrame:
    return pl.DataFrame({"operation_key": operation_keys}, schema={"operation_key": pl.String})


SIGNAL_REPORTS_SQL = """
    SELECT rowid AS report_id, coalesce(report_key, operation_key) AS report_key, document_key, is_primary, operation_name,
           target_group, edition, action_date, published_date, action_year::INTEGER AS action_year,
           lead_country_key, operation_key
    FROM stg_document_operation"""
# rows may repeat (a figure stated twice): the consumers count each distinct feature once.
# Without DISTINCT the join streams, so it runs under the resolution limit
SIGNAL_FEATURES_SQL = """
    WITH reports AS (SELECT rowid AS report_id, document_key, operation_key FROM stg_document_operation)
    SELECT r.report_id, f.feature FROM reports r JOIN (
        SELECT document_key, operation_key, 'c:' || country_key AS feature FROM fact_operation_country
        UNION ALL SELECT document_key, operation_key, 'a:' || agency_key FROM fact_operation_agency
        UNION ALL SELECT document_key, operation_key, 'p:' || platform_key FROM fact_operation_platform
        UNION ALL SELECT document_key, operation_key, 'm:' || metric || '=' || CAST(value AS VARCHAR)
                  FROM fact_operation_metric
    ) f USING (document_key, operation_key)"""


def operation_signals(connection: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Every stored report with what resolution across documents reads: (reports, features).

    A feature is one signal of a report: `c:<country>`, `a:<agency>`, `p:<platform>`,
    `m:<metric>=<value>`, and names its report by report_id, the report's rowid in this
    transaction (`transforms.operations.RESOLUTION_FEATURE_BY_ID_SCHEMA`). Reports of older
    warehouses without report_key use their operation_key.
    """
    reports = connection.sql(SIGNAL_REPORTS_SQL).pl()
    features = _categorical_frame(connection.sql(SIGNAL_FEATURES_SQL))
    return reports, features


def _categorical_frame(relation: duckdb.DuckDBPyRelation, rows_per_chunk: int = 500_000) -> pl.DataFrame:
    """A query's result with its text columns Categorical, fetched chunk by chunk: features repeat
    a few keys and names millions of times, so 4 bytes a value instead of the text (a 400k-document
    warehouse has about 5 million), and the text of only one chunk is in memory at a time."""
    chunks = [pl.from_arrow(batch).cast({pl.String: pl.Categorical})
              for batch in relation.to_arrow_reader(rows_per_chunk)]
    if not chunks:
        return pl.DataFrame(schema={name: pl.Categorical for name in relation.columns})
    return pl.concat(chunks)


def _signals_within_limit(connection: duckdb.DuckDBPyConnection) -> tuple[pl.DataFrame, pl.DataFrame]:
    return _within_released_limit(connection, lambda: operation_signals(connection))


def _within_released_limit(connection: duckdb.DuckDBPyConnection, read):
    """`read()` (of the signals) under the released limit, else under the build's: DuckDB cannot
    always work within it. Called inside `cache_released`, which has just committed, before
    anything is written, so a failed read aborts an empty transaction."""
    try:
        return read()
    except (duckdb.Error, OSError) as error:  # the Arrow stream reports DuckDB's failure as OSError
        if "Out of Memory" not in str(error):
            raise
        warnings.warn(f"reading the signals under {RESOLUTION_DUCKDB_MEMORY_LIMIT} ran out of DuckDB memory "
                      f"({str(error).splitlines()[0]}); reading them under {DUCKDB_MEMORY_LIMIT}", RuntimeWarning, stacklevel=3)
    run(connection, "ROLLBACK")
    run(connection, "BEGIN TRANSACTION")
    run(connection, f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
    try:
        return read()
    finally:
        run(connection, f"SET memory_limit = '{RESOLUTION_DUCKDB_MEMORY_LIMIT}'")


def memory_in_use(connection: duckdb.DuckDBPyConnection) -> str:
    """DuckDB's limit and what it holds by kind, for the build's log: what a build's memory is
    made of cannot be told from outside the process."""
    limit = run(connection, "SELECT current_setting('memory_limit')")[0][0]
    held = run(connection, """
        SELECT tag, memory_usage_bytes, temporary_storage_bytes FROM duckdb_memory()
        WHERE memory_usage_bytes + temporary_storage_bytes > 0 ORDER BY memory_usage_bytes DESC""")
    parts = [f"{tag} {used / 2**20:.0f} MiB" + (f" (+{spilled / 2**20:.0f} MiB on disk)" if spilled else "")
             for tag, used, spilled in held]
    return f"limit {limit}; holds {sum(used for _, used, _ in held) / 2**20:.0f} MiB: {', '.join(parts) or 'nothing'}"


def commit_and_continue(connection: duckdb.DuckDBPyConnection) -> None:
    """Commit the build's work so far to its private copy and open the next transaction. DuckDB
    keeps a transaction's new and updated rows in memory until it commits, so long phases commit
    as they go; the build stays all-or-nothing because the copy is published only at its end."""
    run(connection, "COMMIT")
    run(connection, "BEGIN TRANSACTION")


@contextlib.contextmanager
def cache_released(connection: duckdb.DuckDBPyConnection):
    """Shrink DuckDB's cache while Python does memory-hungry work with little DuckDB work in it.

    DuckDB keeps cached blocks up to its limit and the OS cannot take them back, so a build's
    peak was DuckDB's full cache plus resolution's frames. Lowering the limit makes DuckDB evict
    clean blocks and give the memory back (a 100k warehouse: 783 MB to 317 MB of RSS); they are
    read again from the file afterwards. When DuckDB cannot shrink that far, it keeps its limit
    and the work goes on. The work so far is committed first (`commit_and_continue`): a failed
    SET aborts the transaction, which is then an empty one to begin again."""
    commit_and_continue(connection)
    try:
        run(connection, f"SET memory_limit = '{RESOLUTION_DUCKDB_MEMORY_LIMIT}'")
    except duckdb.Error:
        run(connection, "ROLLBACK")
        run(connection, "BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        # an error inside may have aborted the transaction, which then refuses the SET too; the
        # caller must see its own error, not that refusal
        with contextlib.suppress(duckdb.Error):
            run(connection, f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        raise
    run(connection, f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")


def move_reports(connection: duckdb.DuckDBPyConnection, moves: pl.DataFrame) -> None:
    """Give reports their resolved operation: rewrite operation_key in staging and every fact
    table for (document_key, old_key) -> new_key. Two passes through a unique interim key, so a
    document whose two reports swap operations never collides with itself.

    The caller holds a transaction on the build's private copy; it is committed after every
    MOVED_DOCUMENTS_PER_COMMIT documents (`commit_and_continue`): a 400k full build moving most
    reports in one transaction ran out of DuckDB's 1 GB limit here."""
    if moves.height == 0:
        return
    moves = moves.select("document_key", "old_key", "new_key").sort("document_key", "old_key")
    documents = moves["document_key"].unique(maintain_order=True)
    for start in range(0, documents.len(), MOVED_DOCUMENTS_PER_COMMIT):
        # a document's moves stay in one chunk: its two passes must see all of them
        chunk = moves.filter(pl.col("document_key").is_in(documents.slice(start, MOVED_DOCUMENTS_PER_COMMIT).implode()))
        with registered(connection, "report_moves", chunk):
            for table in DOCUMENT_TABLES:
                run(connection, f"""
                    UPDATE {table} t SET operation_key = '~' || m.old_key || '~' || m.new_key
                    FROM report_moves m WHERE t.document_key = m.document_key AND t.operation_key = m.old_key""")
                run(connection, f"""
                    UPDATE {table} t SET operation_key = m.new_key
                    FROM report_moves m WHERE t.document_key = m.document_key
                      AND t.operation_key = '~' || m.old_key || '~' || m.new_key""")
        commit_and_continue(connection)


def snapshot_published_keys(connection: duckdb.DuckDBPyConnection) -> None:
    """Remember, before this run loads anything, which operation every report was published
    under: the run's resolution keeps those keys (`transforms.operation_keys`). A temporary table,
    so it costs no memory in Python however large the warehouse."""
    run(connection, """
        CREATE OR REPLACE TEMPORARY TABLE published_reports AS
        SELECT coalesce(r.report_key, r.operation_key) AS report_key, r.document_key, r.operation_key,
               d.ingested_at AS published_order
        FROM stg_document_operation r JOIN dim_document d USING (document_key)
        WHERE r.operation_key IN (SELECT operation_key FROM dim_operation)""")


def published_reports(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """The keys `snapshot_published_keys` remembered at the start of this run."""
    return connection.sql("SELECT * FROM published_reports").pl()


def record_retired_keys(connection: duckdb.DuckDBPyConnection, retirements: pl.DataFrame, run_id: str) -> None:
    """Add the keys retired now; older retired keys that pointed to one of them follow it."""
    if retirements.height == 0:
        return
    with registered(connection, "new_retirements", retirements):
        run(connection, """
            UPDATE retired_operation_key t SET operation_key = n.operation_key
            FROM new_retirements n WHERE t.operation_key = n.retired_key""")
        run(connection, "DELETE FROM retired_operation_key WHERE retired_key IN (SELECT retired_key FROM new_retirements)")
        run(connection, "INSERT INTO retired_operation_key SELECT retired_key, operation_key, ? FROM new_retirements", [run_id])


def resolve_operations_across_documents(connection: duckdb.DuckDBPyConnection, run_id: str,
                                        changed_operations: set[str], everything: bool,
                                        log=lambda message: None) -> tuple[set[str], int, int]:
    """Put every report in its real-world operation across all documents (see
    `transforms.operations.resolve_operations`), keeping the keys operations were published
    under (`transforms.operation_keys`). Returns the operations whose reports changed (old and
    new keys), whose dim_operation rows must be derived again, the number of reports resolved
    and the number stored.

    Unless `everything`, only the reports a change can move are resolved
    (`transforms.operations.reports_to_resolve`): those of documents this run loaded, of the
    operations replaced documents were in (`changed_operations`), and every report a shared
    name, target, link or operation reaches from them. The rest keep their operations, and their
    keys stay out of reach of the new groups.

    From RESOLUTION_PROCESS_MIN_REPORTS stored reports on, the work in Python runs in a fresh
    process (`_plan_in_fresh_process`)."""
    from transforms.operation_keys import plan_operation_moves

    retired = {row[0] for row in connection.execute("SELECT retired_key FROM retired_operation_key").fetchall()}
    stored = run(connection, "SELECT count(*) FROM stg_document_operation")[0][0]
    loaded = None
    if not everything:
        # the loaded documents' reports are seeds: past the share, reports_to_resolve gives up on
        # them alone, so a first build does not ship every document key to find that out
        loaded_sql = "SELECT document_key FROM run_file WHERE run_id = ? AND status = 'loaded'"
        seeded = run(connection, f"SELECT count(*) FROM stg_document_operation WHERE document_key IN ({loaded_sql})",
                     [run_id])[0][0]
        everything = seeded > int(RESOLVE_EVERYTHING_SHARE * stored)
        if not everything:  # the seeds of an incremental run
            loaded = {row[0] for row in run(connection, loaded_sql, [run_id])}
    plan = dict(retired=retired, seed_documents=loaded, seed_operations=changed_operations,
                give_up_share=RESOLVE_EVERYTHING_SHARE)
    # the signals are read after DuckDB's cache is released, under the low limit: their query streams
    with cache_released(connection):  # from here to the moves, the work is in Python
        log(f"DuckDB for resolution: {memory_in_use(connection)}")
        if stored >= RESOLUTION_PROCESS_MIN_REPORTS:
            moves, retirements, resolved = _plan_in_fresh_process(connection, plan, log)
        else:
            reports, features = _signals_within_limit(connection)
            log(f"signals read: {stored} reports, {features.height} feature rows; DuckDB {memory_in_use(connection)}")
            moves, retirements, resolved = plan_operation_moves(reports, features, published_reports(connection), **plan)
            del reports, features
    move_reports(connection, moves)
    record_retired_keys(connection, retirements, run_id)
    return set(moves["old_key"].to_list()) | set(moves["new_key"].to_list()), resolved, stored


def _plan_in_fresh_process(connection: duckdb.DuckDBPyConnection, plan: dict, log) -> tuple[pl.DataFrame, pl.DataFrame, int]:
    """`plan_operation_moves` in a process of its own, on the signals DuckDB writes to Parquet.

    Resolution's frames come on top of what the build process holds after its batches (about
    0.8 GB at 400k documents, and 0.23 GB more for the signals it read); a fresh process starts
    from its imports, and gives everything back to the OS when it ends. The build never holds the
    signals: DuckDB streams them to files (`COPY`), under the released limit."""
    database = run(connection, "SELECT path FROM duckdb_databases() WHERE database_name = current_database()")[0][0]
    folder = Path(database).parent
    with tempfile.TemporaryDirectory(dir=folder, prefix=f"{Path(database).name}.resolution-") as work:
        work = Path(work)
        _within_released_limit(connection, lambda: _export_signals(connection, work))
        started = time.monotonic()
        try:
            with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as process:
                resolved, peak_mb, features = process.submit(plan_moves_from_files, str(work), plan).result()
        except BrokenProcessPool as error:
            raise RuntimeError(
                "resolution across documents runs in a process of its own, and it ended abruptly: killed for "
                "memory, or it could not start (a script that builds must call the flow under "
                "`if __name__ == '__main__':`, and cannot be read from stdin). Nothing was published") from error
        log(f"resolution process: {resolved} reports resolved from {features} feature rows in "
            f"{time.monotonic() - started:.1f} s, peak RSS {peak_mb:.0f} MB")
        return pl.read_parquet(work / "moves.parquet"), pl.read_parquet(work / "retirements.parquet"), resolved


def _export_signals(connection: duckdb.DuckDBPyConnection, folder: Path) -> None:
    for name, sql in (("reports", SIGNAL_REPORTS_SQL), ("features", SIGNAL_FEATURES_SQL),
                      ("published", "SELECT * FROM published_reports")):
        run(connection, f"COPY ({sql}) TO '{_sql_path(folder / f'{name}.parquet')}' (FORMAT parquet)")


def plan_moves_from_files(folder: str, plan: dict) -> tuple[int, float, int]:
    """The fresh process's work: signals from `_export_signals`' files, moves and retirements to
    files beside them. Returns the reports resolved, the process's peak RSS (MB) and the feature rows."""
    from transforms.operation_keys import plan_operation_moves

    work = Path(folder)
    reports = pl.read_parquet(work / "reports.parquet")
    # Categorical as `operation_signals` gives them: features repeat a few keys millions of times
    features = pl.scan_parquet(work / "features.parquet").with_columns(pl.col("feature").cast(pl.Categorical)).collect()
    feature_rows = features.height
    moves, retirements, resolved = plan_operation_moves(reports, features, pl.read_parquet(work / "published.parquet"), **plan)
    moves.write_parquet(work / "moves.parquet")
    retirements.write_parquet(work / "retirements.parquet")
    return resolved, _peak_rss_mb(), feature_rows


def _peak_rss_mb() -> float:
    """This process's peak RSS. Not ru_maxrss: Linux carries a parent's over fork and exec."""
    with open("/proc/self/status") as status:
        return next((int(line.split()[1]) / 1024 for line in status if line.startswith("VmHWM:")), float("nan"))


def operation_keys_of(connection: duckdb.DuckDBPyConnection, document_keys: list[str]) -> set[str]:
    """Operations these documents reported: their rollups change when the documents are replaced."""
    if not document_keys:
        return set()
    rows = connection.execute(
        "SELECT DISTINCT operation_key FROM stg_document_operation WHERE document_key IN (SELECT unnest(?))",
        [document_keys],
    ).fetchall()
    return {row[0] for row in rows}


def remove_orphan_operations(connection: duckdb.DuckDBPyConnection) -> None:
    """Operations no report names any more (their documents were all replaced) go, and so do
    retired keys that pointed to them: nothing is left to find under either."""
    replace_operations(connection, orphan_operation_keys(connection), pl.DataFrame())
    run(connection, "DELETE FROM retired_operation_key WHERE operation_key NOT IN (SELECT operation_key FROM dim_operation)")


def orphan_operation_keys(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT operation_key FROM dim_operation WHERE operation_key NOT IN (SELECT operation_key FROM stg_document_operation)"
    ).fetchall()]


def row_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for table in TABLES}


def ledger_json(counts: dict[str, int]) -> str:
    return json.dumps(counts, sort_keys=True)


def _duplicate_key_count(connection: duckdb.DuckDBPyConnection, table: str, key: list[str], where: str = "TRUE") -> int:
    """How many values of `key` more than one row of `table` (those matching `where`) holds."""
    return run(connection, f"SELECT count(*) FROM (SELECT {', '.join(key)} FROM {table} "
                           f"WHERE {where} GROUP BY ALL HAVING count(*) > 1)")[0][0]


def duplicate_keys(connection: duckdb.DuckDBPyConnection, run_id: str, operation_keys: list[str]) -> list[str]:
    """Keys this run wrote twice, in the tables that declare no PRIMARY KEY (`DECLARED_KEY_TABLES`).

    Only the rows a run can have written are looked at, through a column of the key: those of the
    documents it loaded, of the operations it rolled up (`operation_keys`, which include every
    operation a report moved out of or into) and of the run itself. Keys without such a column
    (dim_operation, retired_operation_key) are checked over the whole table, one row per operation."""
    from schemas.ddl import primary_key

    problems = []
    with registered(connection, "checked_operations", _operation_key_frame(operation_keys)):
        for table, model in TABLES.items():
            key = primary_key(model)
            if not key or table in DECLARED_KEY_TABLES:
                continue
            scope = []
            if "document_key" in key:
                scope.append("document_key IN (SELECT document_key FROM run_file "
                             f"WHERE run_id = {_sql_literal(run_id)} AND status = 'loaded')")
                if "operation_key" in key:
                    scope.append("operation_key IN (SELECT operation_key FROM checked_operations)")
            elif "run_id" in key:
                scope.append(f"run_id = {_sql_literal(run_id)}")
            duplicates = _duplicate_key_count(connection, table, key, " OR ".join(scope) or "TRUE")
            if duplicates:
                problems.append(f"{table}: {duplicates} keys written twice ({', '.join(key)})")
    return problems


def integrity_problems(connection: duckdb.DuckDBPyConnection) -> list[str]:
    """What is wrong with a warehouse: missing tables, duplicate keys, dangling references,
    evidence that does not match the cleaned text, a ledger that disagrees with run_file."""
    from schemas.ddl import primary_key
    from schemas.warehouse import TABLES as MODELS

    present = {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    problems = [f"missing table {table}" for table in MODELS if table not in present]
    for table, model in MODELS.items():
        if table not in present:
            continue
        key = primary_key(model)
        if key:
            duplicates = _duplicate_key_count(connection, table, key)
            if duplicates:
                problems.append(f"{table}: {duplicates} duplicate keys ({', '.join(key)})")
        for column_name, column in model.to_schema().columns.items():
            reference = (column.metadata or {}).get("references")
            if not reference:
                continue
            target_table, target_column = reference.split(".")
            if target_table not in present:
                continue
            dangling = connection.execute(
                f"SELECT count(*) FROM {table} WHERE {column_name} IS NOT NULL AND {column_name} NOT IN "
                f"(SELECT {target_column} FROM {target_table})"
            ).fetchall()[0][0]
            if dangling:
                problems.append(f"{table}.{column_name}: {dangling} values not in {reference}")
    for fact in [t for t in MODELS if t.startswith("fact_")]:
        if fact in present:
            wrong = connection.execute(
                f"SELECT count(*) FROM {fact} f JOIN dim_document d USING (document_key) "
                "WHERE substr(d.clean_text, f.char_start + 1, f.char_end - f.char_start) <> f.evidence"
            ).fetchall()[0][0]
            if wrong:
                problems.append(f"{fact}: {wrong} rows whose evidence differs from the cleaned text at its offsets")
    if {"run_ledger", "run_file"} <= present:
        inconsistent = connection.execute("""
            SELECT count(*) FROM run_ledger l
            WHERE documents_loaded <> (SELECT count(*) FROM run_file f WHERE f.run_id = l.run_id AND status = 'loaded')
               OR documents_unchanged <> (SELECT count(*) FROM run_file f WHERE f.run_id = l.run_id AND status = 'unchanged')
               OR documents_seen <> (SELECT count(*) FROM run_file f WHERE f.run_id = l.run_id)
        """).fetchall()[0][0]
        if inconsistent:
            problems.append(f"run_ledger: {inconsistent} runs whose counts disagree with run_file")
    return problems
