"""line-profile functions over batches: lprof.py MODULE FUNC [MODULE FUNC ...]"""
import sys, datetime, importlib
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from line_profiler import LineProfiler
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(0, 1100)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(decoded.head(100), ref)
lp = LineProfiler()
args = sys.argv[1:]
for i in range(0, len(args), 2):
    mod = importlib.import_module(args[i]); fn = getattr(mod, args[i + 1])
    setattr(mod, args[i + 1], lp(fn))
extract_documents(decoded.slice(100, 1000), ref)
lp.print_stats(output_unit=1e-3, stripzeros=True)
