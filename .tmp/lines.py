import sys, time
sys.path.insert(0, "/work/main")
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
from transforms import clean as C
lines = []
for t in decoded["text"].to_list():
    lines += [l for l in C._normalise(t) if l]
print(len(lines), "lines", len(set(lines)), "distinct")
def timeit(name, f):
    t = time.perf_counter()
    for l in lines: f(l)
    print(f"{name:30s} {time.perf_counter()-t:.3f}")
timeit("all", lambda l: C._line_is_boilerplate(l, False))
timeit("word_count", C._word_count)
timeit("url_only", C._URL_ONLY.match)
timeit("is_contact", C._is_contact)
timeit("email", lambda l: "@" in l and C._EMAIL.search(l))
timeit("has_digit", C._has_digit)
timeit("phone", C._PHONE.findall)
timeit("street", C._STREET_FOLDED.count)
timeit("postcode", C._POSTCODE.findall)
timeit("cue", C._CONTACT_CUE_FOLDED.count)
timeit("lead", C._LEAD.match)
timeit("anywhere", C._ANYWHERE_FOLDED.search)
timeit("segments", C._segments)
timeit("is_nav", C._is_nav)
timeit("block", C._BLOCK_LEAD.match)
