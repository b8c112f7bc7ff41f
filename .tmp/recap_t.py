import sys, pickle, time
sys.path.insert(0, "/work/main")
import polars as pl
from transforms import operations as O
(a, k) = pickle.load(open("/tmp/cap-mark_recap_sentences.pkl", "rb"))
s, pub = a
print(s.height, s.columns)
col = pl.col("sentence")
def t(name, expr):
    best = 9
    for _ in range(3):
        t0 = time.perf_counter(); s.select(expr); best = min(best, time.perf_counter() - t0)
    print(f"{name:20s} {best*1000:7.1f} ms")
t("recap", col.str.contains(O.RECAP_PATTERN))
t("strong", col.str.contains(O._STRONG_RECAP))
t("enforce", col.str.contains(O._ENFORCEMENT_VERB))
t("period", col.str.replace_all(O._PERIOD_PATTERN, " "))
t("years", col.str.extract_all(r"\b(?:19|20)\d\d\b"))
t("arrest", col.str.contains(r"(?i)\b(?:arrest|raid|seiz|dismantl|shut|indict|charg|took down|taken down|detenid|arrestat|festgenommen|beschlagnahm)"))
t("recap ascii-b", col.str.contains(O.RECAP_PATTERN.replace(r"\b", r"(?-u:\b)")))
t("enforce ascii-b", col.str.contains(O._ENFORCEMENT_VERB.replace(r"\b", r"(?-u:\b)")))
t("enforce no b", col.str.contains(O._ENFORCEMENT_VERB.replace(r"\b", "")))
t("all", O.mark_recap_sentences(s, pub) is None)
t0 = time.perf_counter(); O.mark_recap_sentences(s, pub); print("whole", time.perf_counter() - t0)
def exact(col, p):
    wide = p.replace(r"\b", "")
    return pl.when(col.str.contains(wide)).then(col).str.contains(p).fill_null(False)
for name, p in [("recap", O.RECAP_PATTERN), ("enforce", O._ENFORCEMENT_VERB), ("strong", O._STRONG_RECAP)]:
    t(name + " masked", exact(col, p))
    assert s.select(exact(col, p)).to_series().equals(s.select(col.str.contains(p)).to_series())
    print("  candidates", s.select(col.str.contains(p.replace(r"\b", ""))).to_series().sum(), s.select(col.str.contains(p)).to_series().sum())
p = O._ENFORCEMENT_VERB
cand = s.filter(col.str.contains(p.replace(r"\b", "")))
t("enforce on cand", col.str.contains(p)) if False else None
best = 9
for _ in range(3):
    t0 = time.perf_counter(); cand.select(col.str.contains(p)); best = min(best, time.perf_counter() - t0)
print("enforce on cand only", cand.height, best * 1000)
masked = s.select(pl.when(col.str.contains(p.replace(r"\b", ""))).then(col))
best = 9
for _ in range(3):
    t0 = time.perf_counter(); masked.select(col.str.contains(p)); best = min(best, time.perf_counter() - t0)
print("enforce on masked col", best * 1000, masked["sentence"].null_count())
import re
def lookless(p):
    # leading \b before word chars -> (?:^|\W); trailing \b after word chars -> (?:\W|$)
    return p.replace(r"\b(?:", r"(?:^|\W)(?:", 1)
for name, p in [("recap", O.RECAP_PATTERN), ("enforce", O._ENFORCEMENT_VERB)]:
    q = lookless(p)
    print(q[:40])
    t(name + " lookless", col.str.contains(q))
    assert s.select(col.str.contains(q)).to_series().equals(s.select(col.str.contains(p)).to_series())
