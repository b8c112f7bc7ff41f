import sys, time
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.ingest import Limits, read_files, discover_files
from lingua import LanguageDetectorBuilder
from transforms import language as L
roots = ["/tmp/bench/s5k/raw", "/work/shared/eval/dev", "/work/main/raw", "/work/main/tests/challenge"]
texts = []
for r in roots:
    files = discover_files(Path(r)).sort("source_path").head(3000)
    dec = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null())
    texts += dec["text"].to_list()
print(len(texts))
hi = LanguageDetectorBuilder.from_languages(*L.LANGUAGES).build()
lo = LanguageDetectorBuilder.from_languages(*L.LANGUAGES).with_low_accuracy_mode().build()
samples = [s for s in (L._sample(t) for t in texts) if s]
t = time.perf_counter(); base = hi.detect_languages_in_parallel_of(samples); print("hi par 2000", time.perf_counter() - t)
t = time.perf_counter(); base2 = [hi.detect_language_of(s) for s in samples]; print("hi ser 2000", time.perf_counter() - t)
for det, name in [(hi, "hi"), (lo, "lo")]:
    for n in [600, 1000, 2000]:
        sub = [s[:n] for s in samples]
        t = time.perf_counter(); out = [det.detect_language_of(s) for s in sub]; dt = time.perf_counter() - t
        print(name, n, f"{dt:.2f}", sum(a != b for a, b in zip(base, out)))
