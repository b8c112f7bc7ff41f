import json, sys, re, unicodedata, duckdb
from pathlib import Path
def fold(s):
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", s).split())
gold_dir, wh = Path(sys.argv[1]), sys.argv[2]
con = duckdb.connect(wh, read_only=True)
docs = {Path(p).name: k for p, k in con.execute("select source_path, document_key from dim_document").fetchall()}
for g in sorted(gold_dir.glob("*.gold.json")):
    gold = json.loads(g.read_text()); key = docs.get(gold["file"])
    if key is None: continue
    gl = {}
    for op in gold["operations"]:
        for a in op["agencies"]: gl.setdefault(a["name"], {fold(a["name"])} | {fold(x) for x in a.get("aliases", [])})
    preds = {}
    for akey, name, acr in con.execute("select distinct a.agency_key, a.name, a.acronym from fact_operation_agency f join dim_agency a using (agency_key) where f.document_key=?", [key]).fetchall():
        forms = {fold(name), fold(acr)} - {""}
        forms |= {fold(r[0]) for r in con.execute("select alias from dim_agency_alias where agency_key=?", [akey]).fetchall()}
        preds[akey] = forms
    fn = [n for n, f in gl.items() if not any(f & p for p in preds.values())]
    fp = [k for k, p in preds.items() if not any(p & f for f in gl.values())]
    if fn or fp: print(gold["file"], "FN", fn, "FP", fp)
