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
    texts += [(r, t) for p, t in zip(dec["source_path"].to_list(), dec["text"].to_list()) if not p.endswith(".json")]
hi = LanguageDetectorBuilder.from_languages(*L.LANGUAGES).build()
samples = [(r, s) for r, s in ((r, L._sample(t)) for r, t in texts) if s]
base = hi.detect_languages_in_parallel_of([s for _, s in samples])
for n in [400, 600, 1000]:
    t = time.perf_counter()
    confs = hi.compute_language_confidence_values_in_parallel([s[:n] for _, s in samples])
    print(n, "conf time", time.perf_counter() - t)
    for (r, s), b, c in zip(samples, base, confs):
        top = c[0]
        if top.language != b:
            print("  DIFF", r, b, [(x.language.name, round(x.value, 3)) for x in c[:3]], repr(s[:80]))
    import collections
    tops = sorted(c[0].value for c in confs)
    print("  quantiles of top conf", [round(tops[int(q * (len(tops) - 1))], 3) for q in (0, .01, .05, .1, .5)])
