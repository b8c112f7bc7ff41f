import sys, time
sys.path.insert(0, "/work/main")
from pathlib import Path
from transforms import dates as D
texts = [p.read_text(errors="replace").lower() for p in sorted(Path("/tmp/bench/n100k/corpus-100000-0/raw").rglob("*.txt"))[5000:6000]]
def t(name, f):
    t0 = time.perf_counter()
    for x in texts: f(x)
    print(f"{name:20s} {(time.perf_counter()-t0)*1000:.1f} ms")
t("dayfirst finditer", lambda x: list(D._DATE_DAY_FIRST_LOWER.finditer(x)))
t("monthfirst", lambda x: list(D._DATE_MONTH_FIRST_LOWER.finditer(x)))
import re
rest = re.compile(D._DATE_MONTH_FIRST_LOWER.pattern.removeprefix(r"(?<!\w)"), D._DATE_MONTH_FIRST_LOWER.flags)
W = re.compile(r"\w")
def mf(x):
    out = []; pos = 0
    while (m := rest.search(x, pos)) is not None:
        s = m.start()
        if s > 0 and W.match(x, s - 1):
            pos = s + 1; continue
        out.append(m); pos = m.end() if m.end() > s else s + 1
    return out
t("monthfirst split", mf)
assert all([(m.span(), m.groupdict()) for m in mf(x)] == [(m.span(), m.groupdict()) for m in D._DATE_MONTH_FIRST_LOWER.finditer(x)] for x in texts)
print("same")
