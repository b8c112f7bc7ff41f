"""Snapshot extract_documents output for dev + challenge-ish + synthetic docs; compare with a saved snapshot.
usage: snap.py save DIR | snap.py compare DIR"""
import sys, datetime, time
from pathlib import Path
import polars as pl
from polars.testing import assert_frame_equal
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents

ref = Reference.from_tables(load_reference_tables())
roots = [Path("/work/shared/eval/dev"), Path("/work/main/raw"), Path("/tmp/bench/s5k/raw/0000"), Path("/tmp/bench/s5k/raw/0001")]
frames = []
for r in roots:
    f = discover_files(r)
    f = f.filter(pl.col("source_path").str.ends_with(".txt")) if "source_path" in f.columns else f
    frames.append(f.with_columns(source_path=pl.lit(str(r)) + "/" + pl.col("source_path")))
files = pl.concat(frames, how="vertical_relaxed")
raw = read_files(files, Limits())
decoded = _decode(raw, Limits()).unique("document_key", keep="first", maintain_order=True).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
t = time.perf_counter()
outs = []
for i in range(0, decoded.height, 500):
    outs.append(extract_documents(decoded.slice(i, 500), ref))
print("docs", decoded.height, "seconds", round(time.perf_counter() - t, 2))
tables = {name: pl.concat([o[0][name] for o in outs], how="vertical_relaxed") for name in outs[0][0]}
tables["rejected"] = pl.concat([o[1] for o in outs])
out = Path(sys.argv[2]); out.mkdir(parents=True, exist_ok=True)
if sys.argv[1] == "save":
    for name, fr in tables.items():
        fr.write_parquet(out / f"{name}.parquet")
else:
    bad = 0
    for name, fr in tables.items():
        old = pl.read_parquet(out / f"{name}.parquet")
        try:
            assert_frame_equal(old, fr)
            print("same", name, fr.shape)
        except AssertionError as e:
            bad += 1
            print("DIFF", name, old.shape, fr.shape, str(e)[:300])
            cols = [c for c in fr.columns if fr.schema[c] != pl.Object]
            print("  only old:", old.join(fr, on=cols, how="anti", nulls_equal=True).head(5))
            print("  only new:", fr.join(old, on=cols, how="anti", nulls_equal=True).head(5))
    sys.exit(1 if bad else 0)
