import cProfile, pstats, sys, datetime, importlib
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(5000, 1100)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(decoded.head(100), ref)
mod = importlib.import_module(sys.argv[1]); name = sys.argv[2]; fn = getattr(mod, name)
pr = cProfile.Profile()
def wrapped(*a, **k):
    pr.enable()
    try: return fn(*a, **k)
    finally: pr.disable()
setattr(mod, name, wrapped)
import transforms.extract as X
for m in [X, *[getattr(X, n) for n in dir(X) if hasattr(getattr(X, n), name)]]:
    if getattr(m, name, None) is fn: setattr(m, name, wrapped)
extract_documents(decoded.slice(100, 1000), ref)
st = pstats.Stats(pr); st.sort_stats("cumulative").print_stats(25)
