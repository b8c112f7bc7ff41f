import sys, time
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.ingest import Limits, read_files, discover_files
from transforms import language as L
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(30000, 10000)
dec = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null())
texts = dec["text"].to_list()
samples = [s for s in map(L._sample, texts) if s]
t = time.perf_counter(); base = L.detector().detect_languages_in_parallel_of(samples); t1 = time.perf_counter() - t
t = time.perf_counter(); new = L._detect_samples(samples); t2 = time.perf_counter() - t
print(len(samples), f"old {t1:.2f} new {t2:.2f}", "diff", sum(a != b for a, b in zip(base, new)))
