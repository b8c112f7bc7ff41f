"""Extraction benchmark: seconds per batch of one worker's work (decode, extract, validate), per step,
and against another commit in the same run.

    python tests/benchmarks/bench_extraction.py --raw DIR [--docs 2000] [--batch 500] [--against REV] [--rounds 3]

A worker of `takedown build` decodes, extracts and validates batches; this times that work on the
same documents without Prefect, DuckDB or the process pool, so a change to the transforms can be
measured in a minute instead of a full build. Each round runs one subprocess per code tree (this
checkout, and with `--against` a temporary `git worktree` of REV), alternating, so both meet the
same machine load; the first batch of each subprocess is a warm-up (lazy models, regex caches) and
is not counted. Prints progress on stderr and ONE JSON line on stdout: per tree the median seconds
per batch of decode, extract and validate, and per extraction step (the `transforms` functions
`extract_documents` calls, timed outermost only); and `speedup`, REV's time over this checkout's.
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import datetime, functools, json, sys, time
root, raw_root, docs, batch = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
sys.path.insert(0, root)
from pathlib import Path
import polars as pl
from flows.build import _decode
from flows.ingest import Limits, discover_files, read_files
from flows.reference import load_reference_tables
from schemas.validate import validate_rows
import transforms.extract as extract

steps, depth = {}, [0]

def timed(module, name):
    function = getattr(module, name)
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        depth[0] += 1
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                key = module.__name__.rsplit(".", 1)[-1] + "." + name
                steps[key] = steps.get(key, 0.0) + time.perf_counter() - started
    setattr(module, name, wrapper)

for attribute in dir(extract):
    module = getattr(extract, attribute)
    if type(module).__name__ == "module" and module.__name__.startswith("transforms."):
        for name in dir(module):
            function = getattr(module, name)
            if (not name.startswith("_") and callable(function) and type(function).__name__ == "function"
                    and function.__module__ == module.__name__):
                timed(module, name)

files = discover_files(Path(raw_root)).filter(pl.col("skip_reason").is_null()).sort("source_path").head(docs + batch)
reference = extract.Reference.from_tables(load_reference_tables())
limits = Limits()
totals = {"decode": 0.0, "extract": 0.0, "validate": 0.0}
counted = 0
for number, start in enumerate(range(0, files.height, batch)):
    raw = read_files(files.slice(start, batch), limits)
    started = time.perf_counter()
    decoded = _decode(raw, limits).filter(pl.col("decode_error").is_null()).with_columns(
        ingested_at=pl.lit(datetime.datetime(2026, 1, 1)))
    decoded_at = time.perf_counter()
    tables, _ = extract.extract_documents(decoded, reference)
    extracted_at = time.perf_counter()
    for table, frame in tables.items():
        validate_rows(table, frame)
    validated_at = time.perf_counter()
    if number == 0:  # warm-up
        steps.clear()
        continue
    counted += 1
    totals["decode"] += decoded_at - started
    totals["extract"] += extracted_at - decoded_at
    totals["validate"] += validated_at - extracted_at
print(json.dumps({"batches": counted, **{k: v / counted for k, v in totals.items()},
                  "steps": {k: v / counted for k, v in sorted(steps.items(), key=lambda kv: -kv[1])}}))
"""


def _run_child(tree: Path, raw: Path, docs: int, batch: int) -> dict:
    done = subprocess.run([sys.executable, "-c", CHILD, str(tree), str(raw), str(docs), str(batch)],
                          cwd=tree, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"extraction run in {tree} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median_run(runs: list[dict]) -> dict:
    steps = {name for run in runs for name in run["steps"]}
    return {
        **{key: round(statistics.median(run[key] for run in runs), 4) for key in ("decode", "extract", "validate")},
        "batch_seconds": round(statistics.median(run["decode"] + run["extract"] + run["validate"] for run in runs), 4),
        "steps": dict(sorted(((name, round(statistics.median(run["steps"].get(name, 0.0) for run in runs), 4))
                             for name in steps), key=lambda kv: -kv[1])),
    }


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--raw", type=Path, required=True, help="folder of documents (a synthetic corpus's raw/)")
    options.add_argument("--docs", type=int, default=2000, help="documents timed, after one warm-up batch")
    options.add_argument("--batch", type=int, default=500)
    options.add_argument("--against", help="a git revision to compare with, in the same run")
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    trees = {"this": ROOT}
    with tempfile.TemporaryDirectory(prefix="bench-extraction-") as temporary:
        if args.against:
            other = Path(temporary) / "against"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(other), args.against],
                           check=True, capture_output=True)
            trees[args.against] = other
        try:
            runs: dict[str, list[dict]] = {name: [] for name in trees}
            for round_number in range(args.rounds):
                for name, tree in trees.items():
                    started = time.perf_counter()
                    runs[name].append(_run_child(tree, args.raw, args.docs, args.batch))
                    print(f"[bench {time.strftime('%H:%M:%S')}] round {round_number + 1}/{args.rounds} {name}: "
                          f"{time.perf_counter() - started:.1f} s", file=sys.stderr)
        finally:
            if args.against:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.against])],
                               capture_output=True)
    result = {"documents": args.docs, "batch": args.batch, "rounds": args.rounds,
              "trees": {name: _median_run(tree_runs) for name, tree_runs in runs.items()}}
    if args.against:
        result["speedup"] = round(result["trees"][args.against]["batch_seconds"] / result["trees"]["this"]["batch_seconds"], 3)
        result["extract_speedup"] = round(result["trees"][args.against]["extract"] / result["trees"]["this"]["extract"], 3)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
