import sys, time
sys.path.insert(0, "/work/main")
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
from transforms import clean as C
lines = []
for t in decoded["text"].to_list():
    lines += [l for l in C._normalise(t) if l]
s = pl.Series(lines)
for name, folded in [("anywhere", C._ANYWHERE_FOLDED), ("street", C._STREET_FOLDED), ("cue", C._CONTACT_CUE_FOLDED)]:
    pat = folded.lower.pattern
    t = time.perf_counter()
    low = s.str.to_lowercase()
    r = low.str.contains(pat)
    dt = time.perf_counter() - t
    t = time.perf_counter()
    py = [folded.search(l) for l in lines]
    dpy = time.perf_counter() - t
    print(name, "polars", round(dt, 4), "python", round(dpy, 4), "agree", sum(a == b for a, b in zip(r.to_list(), py)), len(lines))
    t = time.perf_counter()
    r2 = low.str.contains(pat.replace(r"\b", r"(?-u:\b)"))
    print("  ascii-b", round(time.perf_counter() - t, 4))
