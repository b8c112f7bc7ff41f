"""Log every polars str regex call (method, pattern, caller) during a 1000-doc extraction, then time each on the sentences."""
import sys, datetime, pickle, traceback, time, collections
from pathlib import Path
import polars as pl
sys.path.insert(0, "/work/main")
from flows.build import _decode
from flows.reference import load_reference_tables
from flows.ingest import Limits, read_files, discover_files
from transforms.extract import Reference, extract_documents
from polars.expr.string import ExprStringNameSpace as NS
log = collections.OrderedDict()
for meth in ["contains", "count_matches", "extract_all", "extract", "replace_all", "replace", "find", "extract_groups", "contains_any", "extract_many", "find_many", "replace_many"]:
    orig = getattr(NS, meth)
    def w(self, pattern, *a, __orig=orig, __m=meth, **k):
        if isinstance(pattern, str) and (k.get("literal") is not True) and not (a and a[-1] is True and __m in ("contains", "replace", "replace_all", "find")):
            fr = [f for f in traceback.extract_stack(limit=8) if "/work/main/transforms/" in f.filename]
            site = f"{fr[-1].filename.split('/')[-1]}:{fr[-1].lineno}" if fr else "?"
            log.setdefault((__m, pattern), site)
        return __orig(self, pattern, *a, **k)
    setattr(NS, meth, w)
files = discover_files(Path("/tmp/bench/n100k/corpus-100000-0/raw")).sort("source_path").slice(5000, 1000)
ref = Reference.from_tables(load_reference_tables())
decoded = _decode(read_files(files, Limits()), Limits()).filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(datetime.datetime(2026,1,1)))
extract_documents(decoded, ref)
(a, k) = pickle.load(open("/tmp/cap-mark_recap_sentences.pkl", "rb"))
s = a[0]
res = []
for (m, p), site in log.items():
    if m not in ("contains", "count_matches", "extract_all", "find", "replace_all"): continue
    try:
        e = getattr(pl.col("sentence").str, m)
        e = e(p) if m != "replace_all" else e(p, " ")
        best = 9
        for _ in range(2):
            t0 = time.perf_counter(); s.select(e); best = min(best, time.perf_counter() - t0)
        res.append((best, m, site, p))
    except Exception as ex:
        pass
res.sort(reverse=True)
for best, m, site, p in res[:45]:
    print(f"{best*1000:7.1f} ms {m:13s} {site:18s} {'B' if chr(92)+'b' in p else ' '} {len(p):6d} {p[:60]!r}")
print("total", sum(r[0] for r in res))
