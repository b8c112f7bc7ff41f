import sys, pickle, time, re
sys.path.insert(0, "/work/main")
import polars as pl
from transforms import operations as O, platforms as P, roles as R, metrics as M, agencies as A, extract as X
from transforms.boundaries import contains_form
(a, k) = pickle.load(open("/tmp/cap-mark_recap_sentences.pkl", "rb"))
s = a[0]
col = pl.col("sentence")
pats = {}
for mod in (O, P, R, M, A, X):
    for name in dir(mod):
        v = getattr(mod, name)
        if isinstance(v, str) and "\\b" in v and len(v) > 20:
            pats[f"{mod.__name__.split('.')[-1]}.{name}"] = v
def tm(p):
    best = 9
    for _ in range(2):
        t0 = time.perf_counter(); r = s.select(col.str.contains(p)).to_series(); best = min(best, time.perf_counter() - t0)
    return best, r
for name, p in sorted(pats.items()):
    try:
        q = contains_form(p)
    except Exception as e:
        print("ERR", name, e); continue
    if q == p:
        print(f"{name:40s} unchanged"); continue
    try:
        t1, r1 = tm(p); t2, r2 = tm(q)
    except Exception as e:
        print(name, "polars error", e); continue
    print(f"{name:40s} {t1*1000:6.1f} -> {t2*1000:6.1f} ms  same={r1.equals(r2)} hits={r1.sum()}")
