import sys, polars as pl, datetime
sys.path.insert(0, "/work/main")
from pathlib import Path
from flows.build import _decode
from flows.ingest import Limits, read_files, discover_files
from flows.reference import load_reference_tables
from transforms.extract import Reference, extract_documents
files = discover_files(Path(sys.argv[1])).filter(pl.col("source_path").str.contains(sys.argv[2]) & pl.col("source_path").str.ends_with(".txt"))
dec = _decode(read_files(files, Limits()), Limits()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
tables, rej = extract_documents(dec, Reference.from_tables(load_reference_tables()))
pl.Config.set_fmt_str_lengths(200); pl.Config.set_tbl_rows(50)
print(rej)
d = tables["dim_document"]; print(d.select([c for c in d.columns if c in ("language","published_date","publisher","title")]))
