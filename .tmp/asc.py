import sys, time, ftfy
sys.argv = ["x", "500", "0"]
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
from transforms import decode as D
texts = [c.decode("utf-8", "replace") for c in raw["content"].to_list()]
print("ascii docs", sum(t.isascii() for t in texts) / len(texts))
lines = [l for t in texts for l in t.split("\n")]
print("ascii lines", sum(l.isascii() for l in lines) / len(lines), len(lines))
import ftfy.badness as B
t0 = time.perf_counter(); [ftfy.fix_text(t, config=D._FTFY_CONFIG) for t in texts]; print("fix_text", time.perf_counter() - t0)
