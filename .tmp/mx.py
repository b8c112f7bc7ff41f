import sys, polars as pl, datetime, hashlib
sys.path.insert(0, "/work/main")
from flows.reference import load_reference_tables
from transforms.extract import Reference, extract_documents
ref = Reference.from_tables(load_reference_tables())
texts = sys.argv[1:]
pl.Config.set_fmt_str_lengths(120); pl.Config.set_tbl_rows(50); pl.Config.set_tbl_width_chars(200)
for t in texts:
    body = "Pirate network dismantled\n\nBy Staff | 3 March 2025\n\n" + t
    dec = pl.DataFrame({"document_key": [hashlib.sha256(t.encode()).hexdigest()], "source_path": ["x.txt"], "text": [body], "encoding": ["utf-8"], "ingested_at": [datetime.datetime(2026,1,1)]})
    tables, rej = extract_documents(dec, ref)
    if rej.height: print(rej)
    m = tables.get("fact_operation_metric")
    print(t[:90]); print(m.select("metric", "value", "qualifier", "unit", "country_key") if m is not None else None)
