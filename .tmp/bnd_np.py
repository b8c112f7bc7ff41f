import sys, pickle, time
sys.path.insert(0, "/work/main")
import polars as pl
from transforms import platforms as P
from transforms.boundaries import contains_form
(a, k) = pickle.load(open("/tmp/cap-mark_recap_sentences.pkl", "rb"))
s = a[0]; col = pl.col("sentence")
for p in [P.NOT_PIRATED_CUE, contains_form(P.NOT_PIRATED_CUE)]:
    best = 9
    for _ in range(2):
        t0 = time.perf_counter(); s.select(col.str.contains(p)); best = min(best, time.perf_counter() - t0)
    print(best, p[:300])
