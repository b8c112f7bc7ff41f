import sys, time
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.ingest import Limits, read_files, discover_files
from lingua import LanguageDetectorBuilder
from transforms import language as L
files = discover_files(Path("/tmp/bench/s5k/raw")).sort("source_path").head(2000)
dec = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null())
texts = dec["text"].to_list()
hi = LanguageDetectorBuilder.from_languages(*L.LANGUAGES).build()
samples = [s for s in (L._sample(t) for t in texts) if s]
base = hi.detect_languages_in_parallel_of(samples)
for n in [300, 500, 700, 800, 1000, 1500, 2000]:
    sub = [s[:n] for s in samples]
    t = time.perf_counter(); out = [hi.detect_language_of(s) for s in sub]; dt = time.perf_counter() - t
    print(n, f"{dt:.2f}", sum(a != b for a, b in zip(base, out)))
