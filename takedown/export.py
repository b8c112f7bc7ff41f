"""`takedown export --parquet DIR`: the warehouse as Parquet, for tools that do not speak DuckDB.

Every table is written, and every analyst view as computed at export time. Tables read from
documents (dim_document and the per-document facts) are hive-partitioned by the publication year
of their document (`published_year=2024/`, `published_year=__HIVE_DEFAULT_PARTITION__/` when the
date is unknown): the usual slice of an analysis, and a re-export of a new year adds a folder.
The warehouse is opened read-only, so a running build or an open notebook is never disturbed. The
export is written next to DIR and renamed into place, replacing an earlier export only.
"""
from __future__ import annotations

import argparse
import datetime
import json
import shutil
import sys
import tempfile
from pathlib import Path

import duckdb

from schemas.ddl import table_description
from schemas.views import VIEWS
from schemas.warehouse import DOCUMENT_TABLES, TABLES

PARTITION_COLUMN = "published_year"
PARTITIONED_TABLES = ["dim_document", *DOCUMENT_TABLES]
MANIFEST = "manifest.json"


class ExportError(RuntimeError):
    """The export cannot start: missing warehouse, or a target folder we must not replace."""


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _run(connection: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return connection.execute(sql).fetchall()


def partitioned_select(table: str) -> str:
    """The rows of a document table with its document's publication year as the last column."""
    if table == "dim_document":
        return f"SELECT *, year(published_date) AS {PARTITION_COLUMN} FROM dim_document"
    return (f"SELECT t.*, year(d.published_date) AS {PARTITION_COLUMN} FROM {table} t "
            f"LEFT JOIN dim_document d ON d.document_key = t.document_key")


def _write(connection: duckdb.DuckDBPyConnection, select: str, target: Path, partitioned: bool) -> int:
    rows = _run(connection, f"SELECT count(*) FROM ({select})")[0][0]
    if partitioned and rows:
        _run(connection, f"COPY ({select}) TO {_sql_string(str(target))} "
                         f"(FORMAT parquet, PARTITION_BY ({PARTITION_COLUMN}))")
    elif partitioned:
        # DuckDB writes no file for an empty partitioned copy; keep the schema readable anyway
        target.mkdir(parents=True)
        _run(connection, f"COPY ({select}) TO {_sql_string(str(target / 'data_0.parquet'))} (FORMAT parquet)")
    else:
        _run(connection, f"COPY ({select}) TO {_sql_string(str(target))} (FORMAT parquet)")
    return rows


def _readme(entries: list[dict], warehouse: Path) -> str:
    lines = [
        "# takedown warehouse as Parquet",
        "",
        f"Exported by `takedown export` from `{warehouse}`. `manifest.json` lists the same objects with their row",
        "counts. Descriptions of every column: `docs/data-dictionary.md` in the takedown repository.",
        "",
        "- `tables/<table>.parquet`: one file per table.",
        f"- `tables/<table>/{PARTITION_COLUMN}=<year>/data_0.parquet`: tables read from documents, partitioned by the",
        f"  publication year of the document (`{PARTITION_COLUMN}=__HIVE_DEFAULT_PARTITION__` when it is unknown).",
        "  Read the folder with hive partitioning, e.g.",
        "  `polars.read_parquet('tables/fact_operation_metric', hive_partitioning=True)`; the partition",
        f"  column `{PARTITION_COLUMN}` is added back.",
        "- `views/<view>.parquet`: the analyst views as computed at export time.",
        "",
        "| object | kind | path | rows | description |",
        "|---|---|---|---:|---|",
    ]
    for entry in entries:
        lines.append(f"| `{entry['name']}` | {entry['kind']} | `{entry['path']}` | {entry['rows']} | "
                     f"{entry['description'].replace('|', '/')} |")
    return "\n".join(lines) + "\n"


def export_parquet(warehouse: Path, out: Path) -> list[dict]:
    """Write the warehouse to `out` as Parquet; returns the manifest entries."""
    if not warehouse.is_file():
        raise ExportError(f"warehouse {warehouse} does not exist (build it with `takedown build`)")
    if out.exists() and (not out.is_dir() or (any(out.iterdir()) and not (out / MANIFEST).is_file())):
        raise ExportError(f"{out} exists and is not an earlier export (no {MANIFEST}); choose an empty or new folder")
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        try:
            connection = duckdb.connect(str(warehouse), read_only=True)
        except duckdb.Error as error:
            raise ExportError(f"cannot open {warehouse} as a DuckDB warehouse: {error}") from error
        entries = []
        with connection:
            present = {name for (name,) in _run(connection, "SELECT table_name FROM duckdb_tables()")}
            present |= {name for (name,) in _run(connection, "SELECT view_name FROM duckdb_views() WHERE NOT internal")}
            missing = [name for name in [*TABLES, *VIEWS] if name not in present]
            if missing:
                raise ExportError(f"{warehouse} lacks {', '.join(missing)}; rebuild it with `takedown build`")
            (staging / "tables").mkdir()
            (staging / "views").mkdir()
            for table, model in TABLES.items():
                partitioned = table in PARTITIONED_TABLES
                path = Path("tables") / (table if partitioned else f"{table}.parquet")
                select = partitioned_select(table) if partitioned else f"SELECT * FROM {table}"
                rows = _write(connection, select, staging / path, partitioned)
                entries.append({"name": table, "kind": "table", "path": path.as_posix(), "rows": rows,
                                "partition_by": [PARTITION_COLUMN] if partitioned else [],
                                "description": table_description(model)})
            for name, view in VIEWS.items():
                path = Path("views") / f"{name}.parquet"
                rows = _write(connection, f"SELECT * FROM {name}", staging / path, partitioned=False)
                entries.append({"name": name, "kind": "view", "path": path.as_posix(), "rows": rows,
                                "partition_by": [], "description": view.comment.split(". ")[0].rstrip(".") + "."})
        manifest = {"warehouse": str(warehouse), "exported_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                    "partition_column": PARTITION_COLUMN, "objects": entries}
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
        (staging / "README.md").write_text(_readme(entries, warehouse), encoding="utf-8")
        if out.exists():
            shutil.rmtree(out)
        staging.rename(out)
        return entries
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def command_export(args: argparse.Namespace) -> int:
    warehouse, out = Path(args.warehouse), Path(args.parquet)
    try:
        entries = export_parquet(warehouse, out)
    except ExportError as error:
        print(f"takedown export: {error}", file=sys.stderr)
        return 2
    tables = sum(1 for entry in entries if entry["kind"] == "table")
    print(f"exported {tables} tables and {len(entries) - tables} views from {warehouse} to {out} "
          f"({sum(entry['rows'] for entry in entries if entry['kind'] == 'table'):,} table rows); layout in {out / 'README.md'}")
    return 0
