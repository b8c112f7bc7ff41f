import sys, random
sys.path.insert(0, "/work/main")
from pathlib import Path
from transforms import dates as D
texts = [p.read_text(errors="replace") for p in sorted(Path("/tmp/bench/s5k/raw").rglob("*.txt"))[:3000]]
texts += [p.read_text(errors="replace") for p in sorted(Path("/work/shared/eval/dev").rglob("*.txt"))]
random.seed(1)
alphabet = "0123456789./-, 2020 2024 de May mai of 1st 12th ٣"
texts += ["".join(random.choice(alphabet) for _ in range(random.randint(0, 60))) for _ in range(20000)]
n = 0
for t in texts:
    for pat, sub in ((D._DATE_DAY_FIRST, t), (D._DATE_DAY_FIRST_LOWER, t.lower())):
        a = [(m.span(), m.groupdict()) for m in pat.finditer(sub)]
        b = [(m.span(), m.groupdict()) for m in D._day_first_matches(pat, sub)]
        assert a == b, (t, a, b)
        n += len(a)
print("same", n)
