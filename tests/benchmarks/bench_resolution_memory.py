"""Peak RSS of resolution across documents on a built warehouse, as the build runs it.

The signals are written to Parquet as the build writes them (`flows.warehouse._export_signals`'
queries) and `flows.warehouse.plan_moves_from_files` runs in a spawned process, whose peak RSS
(VmHWM) it returns, once per way a build can call it:
- everything: a full build, or a first build whose loaded reports are past the share
  (`RESOLVE_EVERYTHING_SHARE`);
- every document as seed: the seeds of a first build that did not count them first; before
  09f3689 `reports_to_resolve` built its nodes for every feature before giving up on them;
- 1% of documents as seed: an incremental run (seeds chosen with --seed).

    .venv/bin/python tests/benchmarks/bench_resolution_memory.py --warehouse /tmp/bench/bench.duckdb

Prints one JSON line: reports, feature rows, and per way the seconds and peak RSS (MB).
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import duckdb
import polars as pl

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from flows import warehouse as store  # noqa: E402

PUBLISHED_NONE = """
    SELECT coalesce(report_key, operation_key) AS report_key, document_key, operation_key,
           NULL::TIMESTAMP AS published_order
    FROM stg_document_operation LIMIT 0"""


def export(warehouse: Path, folder: Path) -> list[str]:
    """The build's files, from a published warehouse (nothing published before: a first build)."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for name, sql in (("reports", store.SIGNAL_REPORTS_SQL), ("features", store.SIGNAL_FEATURES_SQL),
                          ("published", PUBLISHED_NONE)):
            store.run(connection, f"COPY ({sql}) TO '{folder / f'{name}.parquet'}' (FORMAT parquet)")
        return [row[0] for row in connection.execute("SELECT DISTINCT document_key FROM stg_document_operation ORDER BY 1").fetchall()]


def measure(folder: Path, seed_documents: set[str] | None) -> dict:
    plan = dict(retired=set(), seed_documents=seed_documents, seed_operations=set(),
                give_up_share=store.RESOLVE_EVERYTHING_SHARE)
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn")) as process:
        resolved, peak_mb, _ = process.submit(store.plan_moves_from_files, str(folder), plan).result()
    return {"seconds": round(time.perf_counter() - started, 1), "peak_rss_mb": round(peak_mb), "reports_resolved": resolved}


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--warehouse", type=Path, required=True, help="a built warehouse (opened read-only)")
    options.add_argument("--seed", type=int, default=0)
    args = options.parse_args()
    with tempfile.TemporaryDirectory(prefix="takedown-resolution-") as work:
        folder = Path(work)
        documents = export(args.warehouse, folder)
        one_percent = set(random.Random(args.seed).sample(documents, max(1, len(documents) // 100)))
        result = {
            "reports": pl.scan_parquet(folder / "reports.parquet").select(pl.len()).collect().item(),
            "feature_rows": pl.scan_parquet(folder / "features.parquet").select(pl.len()).collect().item(),
            "everything": measure(folder, None),
            "every_document_as_seed": measure(folder, set(documents)),
            "one_percent_as_seed": measure(folder, one_percent),
        }
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
