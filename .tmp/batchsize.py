import sys, time, datetime
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(20000, 4200)
ref = Reference.from_tables(load_reference_tables())
d = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(d.head(200), ref)
d = d.slice(200, 4000)
for rnd in range(2):
    for size in (500, 1000, 2000, 4000):
        t = time.perf_counter()
        for i in range(0, 4000, size):
            extract_documents(d.slice(i, size), ref)
        print(rnd, size, f"{time.perf_counter()-t:.2f}", flush=True)
