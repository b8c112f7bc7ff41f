import cProfile, pstats, sys, time, datetime
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
files = discover_files(Path("/tmp/bench/s5k/raw")).sort("source_path").slice(0, 200)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(decoded.head(50), ref)
pr = cProfile.Profile(); pr.enable()
for i in range(0, 100, 5):
    extract_documents(decoded.slice(i, 5), ref)
pr.disable()
st = pstats.Stats(pr); st.sort_stats("tottime").print_stats(25)
st.print_callers(12)
