import sys, time, datetime
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
from schemas.validate import validate_rows
root = Path("/tmp/bench/s5k/raw")
files = discover_files(root).sort("source_path")
ref = Reference.from_tables(load_reference_tables())
tot = {}
def tick(name, t):
    tot[name] = tot.get(name, 0) + time.perf_counter() - t
    return time.perf_counter()
for i in range(0, 3000, 500):
    t = time.perf_counter()
    raw = read_files(files.slice(i, 500), Limits()); t = tick("read", t)
    decoded = _decode(raw, Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1))); t = tick("decode", t)
    tables, rej = extract_documents(decoded, ref); t = tick("extract", t)
    for name, fr in tables.items():
        t0 = time.perf_counter()
        validate_rows(name, fr)
        tick("validate:" + name, t0)
    t = tick("validate", t)
    if i == 0: tot.clear()
for k, v in sorted(tot.items(), key=lambda kv: -kv[1]): print(f"{k:40s} {v/5:.3f} s/batch")
