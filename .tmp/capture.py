"""Capture args of MODULE.FUNC during a 1000-doc extraction into /tmp/cap-FUNC.pkl"""
import sys, datetime, pickle
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
import importlib
import transforms.extract as X
from transforms.extract import Reference, extract_documents
modname, fname = sys.argv[1], sys.argv[2]
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(5000, 1000)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
mod = importlib.import_module(modname)
orig = getattr(mod, fname)
def cap(*a, **k):
    pickle.dump((a, k), open(f"/tmp/cap-{fname}.pkl", "wb"))
    return orig(*a, **k)
setattr(mod, fname, cap)
for m in list(sys.modules.values()):
    if getattr(m, "__name__", "").startswith("transforms") and getattr(m, fname, None) is orig:
        setattr(m, fname, cap)
extract_documents(decoded, ref)
