import json, sys, duckdb
from pathlib import Path
gold_dir, wh = Path(sys.argv[1]), sys.argv[2]
con = duckdb.connect(wh, read_only=True)
docs = {Path(p).name: k for p, k in con.execute("select source_path, document_key from dim_document").fetchall()}
for g in sorted(gold_dir.glob("*.gold.json")):
    gold = json.loads(g.read_text()); key = docs.get(gold["file"])
    gm = {}
    for op in gold["operations"]:
        for m in op["metrics"]: gm.setdefault((m["metric"], float(m["value"])), m)
    rows = con.execute("select metric, value, value_low, qualifier, country_key from fact_operation_metric where document_key=?", [key]).fetchall()
    pm = {}
    for metric, value, low, q, c in rows:
        pm.setdefault((metric, float(value)), (q, c))
        if low is not None: pm.setdefault((metric, float(low)), (q, c))
    for k, m in gm.items():
        hit = next((v for pk, v in pm.items() if pk[0] == k[0] and abs(pk[1] - k[1]) <= 0.01 * max(1, k[1])), None)
        if hit is None: print(gold["file"], "MISSED", k)
        elif hit[1] != m["country"] or hit[0] != m["qualifier"]: print(gold["file"], k, "gold", m["qualifier"], m["country"], "pred", hit)
    for pk, v in pm.items():
        if not any(pk[0] == k[0] and abs(pk[1] - k[1]) <= 0.01 * max(1, k[1]) for k in gm): print(gold["file"], "FALSE", pk, v)
