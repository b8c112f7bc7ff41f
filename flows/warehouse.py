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
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from schemas.ddl import warehouse_ddl
from schemas.views import view_sql
from schemas.validate import conform
from schemas.warehouse import DOCUMENT_TABLES, REFERENCE_TABLES, TABLES

# Files written with this storage version open in the DuckDB CLI from the package index (1.5.x)
# as well as in duckdb 2.x; see README "DuckDB shell".
STORAGE_VERSION = "v1.4.0"


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
        stale.unlink(missing_ok=True)  # left by a crashed build; we hold the lock
    if warehouse.exists():
        shutil.copyfile(warehouse, temporary)
    connection = duckdb.connect(":memory:")
    version = "" if warehouse.exists() else f" (STORAGE_VERSION '{STORAGE_VERSION}')"
    run(connection, f"ATTACH '{_sql_path(temporary)}' AS warehouse{version}")
    run(connection, "USE warehouse")
    for statement in warehouse_ddl() + view_sql():
        run(connection, statement)
    return temporary, connection


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


def insert_frame(connection: duckdb.DuckDBPyConnection, table: str, frame: pl.DataFrame) -> None:
    if frame.height == 0:
        return
    frame = conform(table, frame)
    connection.register("incoming_frame", frame.to_arrow())
    try:
        columns = ", ".join(frame.columns)
        run(connection, f"INSERT INTO {table} ({columns}) SELECT {columns} FROM incoming_frame")
    finally:
        connection.unregister("incoming_frame")


def known_documents(connection: duckdb.DuckDBPyConnection) -> pl.DataFrame:
    """document_key and source_path of every document already loaded."""
    return connection.sql("SELECT document_key, source_path, is_removed FROM dim_document").pl()


def replace_reference_tables(connection: duckdb.DuckDBPyConnection, frames: dict[str, pl.DataFrame]) -> None:
    for table in REFERENCE_TABLES:
        run(connection, f"DELETE FROM {table}")
        insert_frame(connection, table, frames[table])


def delete_documents(connection: duckdb.DuckDBPyConnection, document_keys: list[str]) -> None:
    """Remove every row read from these documents (they are being replaced)."""
    if not document_keys:
        return
    keys = pl.DataFrame({"document_key": document_keys})
    connection.register("doomed_documents", keys.to_arrow())
    try:
        for table in DOCUMENT_TABLES + ["dim_document"]:
            run(connection, f"DELETE FROM {table} WHERE document_key IN (SELECT document_key FROM doomed_documents)")
    finally:
        connection.unregister("doomed_documents")


def mark_removed(connection: duckdb.DuckDBPyConnection, present_keys: list[str]) -> int:
    """Flag documents whose file has gone: rows are kept, never silently lost."""
    keys = pl.DataFrame({"document_key": present_keys}, schema={"document_key": pl.String})
    connection.register("present_documents", keys.to_arrow())
    try:
        run(connection, "UPDATE dim_document SET is_removed = document_key NOT IN (SELECT document_key FROM present_documents)")
        return connection.execute("SELECT count(*) FROM dim_document WHERE is_removed").fetchall()[0][0]
    finally:
        connection.unregister("present_documents")


def operation_reports(connection: duckdb.DuckDBPyConnection, operation_keys: list[str]) -> pl.DataFrame:
    """Every stored report (one per document) of the given operations, for re-deriving dim_operation."""
    keys = pl.DataFrame({"operation_key": operation_keys}, schema={"operation_key": pl.String})
    connection.register("affected_operations", keys.to_arrow())
    try:
        return connection.sql(
            "SELECT * FROM stg_document_operation WHERE operation_key IN (SELECT operation_key FROM affected_operations)"
        ).pl()
    finally:
        connection.unregister("affected_operations")


def replace_operations(connection: duckdb.DuckDBPyConnection, operation_keys: list[str], rows: pl.DataFrame) -> None:
    keys = pl.DataFrame({"operation_key": operation_keys}, schema={"operation_key": pl.String})
    connection.register("affected_operations", keys.to_arrow())
    try:
        run(connection, "DELETE FROM dim_operation WHERE operation_key IN (SELECT operation_key FROM affected_operations)")
    finally:
        connection.unregister("affected_operations")
    insert_frame(connection, "dim_operation", rows)


def operation_keys_of(connection: duckdb.DuckDBPyConnection, document_keys: list[str]) -> set[str]:
    """Operations these documents reported: their rollups change when the documents are replaced."""
    if not document_keys:
        return set()
    rows = connection.execute(
        "SELECT DISTINCT operation_key FROM stg_document_operation WHERE document_key IN (SELECT unnest(?))",
        [document_keys],
    ).fetchall()
    return {row[0] for row in rows}


def orphan_operation_keys(connection: duckdb.DuckDBPyConnection) -> list[str]:
    return [row[0] for row in connection.execute(
        "SELECT operation_key FROM dim_operation WHERE operation_key NOT IN (SELECT operation_key FROM stg_document_operation)"
    ).fetchall()]


def row_counts(connection: duckdb.DuckDBPyConnection) -> dict[str, int]:
    return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0] for table in TABLES}


def ledger_json(counts: dict[str, int]) -> str:
    return json.dumps(counts, sort_keys=True)


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
            duplicates = connection.execute(
                f"SELECT count(*) FROM (SELECT {', '.join(key)} FROM {table} GROUP BY ALL HAVING count(*) > 1)"
            ).fetchall()[0][0]
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
