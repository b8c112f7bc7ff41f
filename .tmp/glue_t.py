import sys, time, datetime
sys.path.insert(0, "/work/main")
from pathlib import Path
import polars as pl
from flows.build import _decode
from flows.ingest import Limits, read_files, discover_files
from transforms import clean as C, language as L
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(5000, 1000)
dec = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null())
langs = L.detect_languages(dec)["language"].to_list()
texts = dec["text"].to_list()
gate = C.gate_lines(texts)
kept = [C._without_boilerplate(t, gate)[0] for t in texts]
t0 = time.perf_counter(); g = C.texts_with_glued_words(kept, langs); t1 = time.perf_counter() - t0
print("glued docs", sum(g), "of", len(g), f"{t1*1000:.0f} ms")
t0 = time.perf_counter(); [C.repair_glue(t, l, True) for t, l in zip(kept, langs)]; print(f"all {1000*(time.perf_counter()-t0):.0f} ms")
t0 = time.perf_counter(); [C.repair_glue(t, l, m) for t, l, m in zip(kept, langs, g)]; print(f"gated {1000*(time.perf_counter()-t0):.0f} ms")
t0 = time.perf_counter(); [C.repair_glue(t, None, True) for t, l in zip(kept, langs)]; print(f"subs only {1000*(time.perf_counter()-t0):.0f} ms")
