import sys, time, datetime, functools
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
import transforms.extract as X
from transforms.extract import Reference, extract_documents
root = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/bench/s5k/raw")
files = discover_files(root).sort("source_path")
ref = Reference.from_tables(load_reference_tables())
tot = {}
depth = [0]
def wrap(mod, name):
    f = getattr(mod, name)
    @functools.wraps(f)
    def g(*a, **k):
        depth[0] += 1
        t = time.perf_counter()
        try: return f(*a, **k)
        finally:
            depth[0] -= 1
            if depth[0] == 0:
                key = f"{mod.__name__.split('.')[-1]}.{name}"
                tot[key] = tot.get(key, 0) + time.perf_counter() - t
    setattr(mod, name, g)
for modname in ["agency_rules", "clean", "countries", "dates", "language", "metrics", "operations", "platforms", "roles"]:
    mod = getattr(X, modname)
    for name in dir(mod):
        obj = getattr(mod, name)
        if callable(obj) and not name.startswith("_") and getattr(obj, "__module__", "") == mod.__name__ and isinstance(obj, type(wrap)):
            wrap(mod, name)
wrap(X, "split_sentences")
n = 0; total = 0
for i in range(0, 3000, 500):
    pass
for i in range(0, 60, 5):
    raw = read_files(files.slice(i, 5), Limits())
    decoded = _decode(raw, Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
    t = time.perf_counter()
    extract_documents(decoded, ref)
    if i == 0: tot.clear(); continue
    total += time.perf_counter() - t; n += 1
print(f"total {total/n:.3f} s/batch")
for k, v in sorted(tot.items(), key=lambda kv: -kv[1])[:30]: print(f"{k:50s} {v/n:.3f}")
