import json, sys, duckdb
from pathlib import Path
from collections import Counter
gold_dir, wh = Path(sys.argv[1]), sys.argv[2]
con = duckdb.connect(wh, read_only=True)
docs = {Path(p).name: k for p, k in con.execute("select source_path, document_key from dim_document").fetchall()}
fpc, fnc = Counter(), Counter()
for g in sorted(gold_dir.glob("*.gold.json")):
    gold = json.loads(g.read_text()); key = docs.get(gold["file"])
    gcr = {(c, r) for op in gold["operations"] for c, rs in op["countries"].items() for r in rs}
    pcr = set(con.execute("select country_key, role from fact_operation_country where document_key=?", [key]).fetchall())
    fp, fn = pcr - gcr, gcr - pcr
    for c, r in fp: fpc[r] += 1
    for c, r in fn: fnc[r] += 1
    if fp or fn: print(gold["file"], "FP", sorted(fp), "FN", sorted(fn))
print("FP by role", fpc); print("FN by role", fnc)
