"""Replay a built warehouse's inserts into a fresh DuckDB file, 500 documents per commit, and
print the process's RSS every 20 batches: what DuckDB alone holds as a warehouse grows, without
extraction or Prefect. `--repeat 4` inserts every document four times (keys suffixed), so a
100k warehouse stands for 400k documents.

    python tests/benchmarks/replay_inserts.py WAREHOUSE --limit 256MB [--no-primary-keys] [--repeat 4]

With primary keys, DuckDB pins their ART indexes in memory: at 256 MB the replay of a 100k
warehouse failed after about 95,000 documents ("failed to pin block"); without them it stayed
flat over 400,000 (`results/replay-inserts-256MB.txt`).
"""
from __future__ import annotations

import argparse
import re
import tempfile
from pathlib import Path

import duckdb
import polars as pl

from schemas.warehouse import DOCUMENT_TABLES

TABLES = ["dim_document", *DOCUMENT_TABLES]  # the tables a build inserts into per document


def resident_megabytes() -> int:
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) // 1024
    return 0


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("warehouse", type=Path)
    options.add_argument("--limit", default="256MB", help="DuckDB memory_limit")
    options.add_argument("--no-primary-keys", action="store_true")
    options.add_argument("--repeat", type=int, default=1)
    options.add_argument("--batch-size", type=int, default=500)
    args = options.parse_args()

    with duckdb.connect(str(args.warehouse), read_only=True) as source:
        frames = {table: source.sql(f"SELECT * FROM {table}").pl() for table in TABLES}
        ddl = {table: source.execute("SELECT sql FROM duckdb_tables() WHERE table_name = ?", [table]).fetchall()[0][0]
               for table in TABLES}
    keys = frames["dim_document"]["document_key"].to_list()
    target = Path(tempfile.mkdtemp(prefix="takedown-replay-")) / "replay.duckdb"
    connection = duckdb.connect(":memory:")
    connection.execute(f"SET memory_limit = '{args.limit}'")
    connection.execute(f"ATTACH '{target}' AS replay")
    connection.execute("USE replay")
    for table in TABLES:
        sql = ddl[table]
        if args.no_primary_keys:
            sql = re.sub(r",\s*PRIMARY KEY\s*\([^)]*\)", "", sql)
        connection.execute(sql)
    print("start", resident_megabytes(), "MB", flush=True)
    batch = 0
    connection.execute("BEGIN TRANSACTION")
    for round_number in range(args.repeat):
        for start in range(0, len(keys), args.batch_size):
            chunk = pl.DataFrame({"document_key": keys[start:start + args.batch_size]})
            for table, frame in frames.items():
                part = frame.join(chunk, on="document_key", how="semi").with_columns(
                    document_key=pl.col("document_key") + str(round_number))
                connection.register("incoming", part.to_arrow())
                # as a build does: a document's old rows go before its new ones
                connection.execute(f"DELETE FROM {table} WHERE document_key IN (SELECT document_key FROM incoming)")
                connection.execute(f"INSERT INTO {table} SELECT * FROM incoming")
                connection.unregister("incoming")
            connection.execute("COMMIT")
            connection.execute("BEGIN TRANSACTION")
            batch += 1
            if batch % 20 == 0:
                print(f"batch {batch} ({batch * args.batch_size} documents): {resident_megabytes()} MB", flush=True)
    connection.execute("COMMIT")
    print(connection.execute("SELECT tag, memory_usage_bytes // 1000000 FROM duckdb_memory() WHERE memory_usage_bytes > 1000000").fetchall())


if __name__ == "__main__":
    main()
