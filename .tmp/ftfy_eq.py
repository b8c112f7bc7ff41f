import random, sys, ftfy
sys.path.insert(0, "/work/main")
from transforms import decode as D
rng = random.Random(3)
pieces = ["abc", " ", "\n", "\r\n", "\r", "&amp;", "&lt;", "<b>", "&", "Ã©", "Ã¨", "é", "â€™", "’", "ﬁ", "ＡＢ", "\x1b[31m", "\x00", "\x07", "\x0c", "\x7f", "\x85", "\u2028", "Â ", "cafÃ©", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "&#39;", "&eacute;", "\t", "e\u0301", "\ud800" if False else "x"]
for i in range(60000):
    t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 15)))
    assert D.fix_text(t) == ftfy.fix_text(t, config=D._FTFY_CONFIG), repr(t)
# the corpus
sys.argv = ["x", "1000", "0"]
exec(open("/work/main/.tmp/prof.py").read().split("decoded = ")[0])
import time
texts = [c.decode("utf-8", "replace") for c in raw["content"].to_list()]
t0 = time.perf_counter(); a = [ftfy.fix_text(t, config=D._FTFY_CONFIG) for t in texts]; t1 = time.perf_counter()
b = [D.fix_text(t) for t in texts]; t2 = time.perf_counter()
assert a == b
print("equal; ftfy", round(t1 - t0, 3), "ours", round(t2 - t1, 3))
