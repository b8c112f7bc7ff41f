"""Attribute polars collect time to the transforms/ line that caused it. usage: collect_sites.py BATCH N"""
import sys, time, datetime, traceback, collections
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
batch, n = int(sys.argv[1]), int(sys.argv[2])
files = discover_files(Path("/tmp/bench/s5k/raw")).sort("source_path").slice(0, batch * n + 50)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(decoded.head(50), ref)
import polars.lazyframe.engine as F
orig = F._LocalEngine.collect
sites = collections.Counter(); counts = collections.Counter()
def collect(self, *a, **k):
    t = time.perf_counter()
    try: return orig(self, *a, **k)
    finally:
        dt = time.perf_counter() - t
        for fr in reversed(traceback.extract_stack(limit=30)):
            if "/work/main/transforms/" in fr.filename:
                key = f"{fr.filename.split('/')[-1]}:{fr.lineno}"; break
        else: key = "?"
        sites[key] += dt; counts[key] += 1
F._LocalEngine.collect = collect
t = time.perf_counter()
for i in range(n):
    extract_documents(decoded.slice(50 + i * batch, batch), ref)
total = time.perf_counter() - t
print(f"total {total/n:.3f} s/batch, collect {sum(sites.values())/n:.3f}")
for k, v in sites.most_common(40): print(f"{k:30s} {v/n*1000:7.1f} ms  x{counts[k]//n}")
