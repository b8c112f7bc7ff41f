import cProfile, pstats, sys, datetime
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(5000, 1000)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(decoded.head(50), ref)
pr = cProfile.Profile(); pr.enable(); extract_documents(decoded, ref); pr.disable()
st = pstats.Stats(pr); st.sort_stats("tottime")
for name in sys.argv[1:]:
    st.print_callers(name)
