import sys, time, re
sys.argv = ["x", "500", "0"]
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
from transforms import dates as D
texts = [t.lower() for t in decoded["text"].to_list()]
for pat, off, langs in D._RELATIVE_LOWER + [(D._WEEKDAY_MENTION_LOWER, 0, None)]:
    t = time.perf_counter()
    for x in texts: list(pat.finditer(x))
    a = time.perf_counter() - t
    body = pat.pattern.replace("(?<!\\w)", "", 1)
    p2 = re.compile(body, pat.flags)
    t = time.perf_counter()
    for x in texts: list(p2.finditer(x))
    b = time.perf_counter() - t
    print(round(a, 4), round(b, 4), pat.pattern[:50])
for pat, off, langs in D._RELATIVE + [(D._WEEKDAY_MENTION, 0, None), (D._DATE_DAY_FIRST, 0, None), (D._DATE_MONTH_FIRST, 0, None)]:
    print(sum(1 for x in decoded["text"].to_list() if pat.search(x)) / decoded.height, pat.pattern[:40])
