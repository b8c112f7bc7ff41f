import sys, time
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.ingest import Limits, read_files, discover_files
from lingua import LanguageDetectorBuilder
from transforms import language as L
files = discover_files(Path("/tmp/bench/s5k/raw")).sort("source_path")
dec = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null())
texts = dec["text"].to_list()
def run(det, n):
    samples = [s for s in (L._sample(t) for t in texts) if s]
    samples = [s[:n] for s in samples]
    det.detect_languages_in_parallel_of(samples[:50])
    t = time.perf_counter(); out = det.detect_languages_in_parallel_of(samples); dt = time.perf_counter() - t
    t = time.perf_counter(); out2 = [det.detect_language_of(s) for s in samples]; dt2 = time.perf_counter() - t
    return out, dt, dt2
hi = LanguageDetectorBuilder.from_languages(*L.LANGUAGES).build()
lo = LanguageDetectorBuilder.from_languages(*L.LANGUAGES).with_low_accuracy_mode().build()
base, t0, s0 = run(hi, 2000)
print("high 2000", t0, "serial", s0)
for name, det, n in [("high 1000", hi, 1000), ("high 600", hi, 600), ("low 2000", lo, 2000), ("low 1000", lo, 1000)]:
    out, dt, dt2 = run(det, n)
    print(name, f"{dt:.2f} serial {dt2:.2f}", "diff", sum(a != b for a, b in zip(base, out)), "of", len(base))
