"""Profile extract_documents over a batch of synthetic docs. usage: prof.py N OFFSET [--noprof]"""
import cProfile, pstats, sys, time, datetime
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents

root = Path(sys.argv[3] if len(sys.argv) > 3 and not sys.argv[3].startswith("--") else "/tmp/bench/n100k/corpus-100000-0/raw")
n = int(sys.argv[1]); offset = int(sys.argv[2])
files = discover_files(root).sort("source_path").slice(offset, n)
ref = Reference.from_tables(load_reference_tables())
raw = read_files(files, Limits())
decoded = _decode(raw, Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
# warm-up
extract_documents(decoded.head(50), ref)
t = time.perf_counter()
if "--noprof" in sys.argv:
    tables, rej = extract_documents(decoded, ref)
    print("seconds", time.perf_counter() - t, "docs", decoded.height, "MB", decoded["text"].str.len_bytes().sum() / 1e6)
else:
    pr = cProfile.Profile(); pr.enable()
    tables, rej = extract_documents(decoded, ref)
    pr.disable()
    print("seconds", time.perf_counter() - t, "docs", decoded.height)
    st = pstats.Stats(pr); st.sort_stats("cumulative").print_stats(60)
    st.sort_stats("tottime").print_stats(40)
