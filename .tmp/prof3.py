import sys, pstats, cProfile
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
extract_documents(decoded.head(50), ref)
pr = cProfile.Profile(); pr.enable()
extract_documents(decoded, ref)
pr.disable()
st = pstats.Stats(pr)
# attribute collect time to the nearest transforms/ frame: walk callers graph
import collections
stats = st.stats
def key_name(k): return f"{k[0].split('/work/main/')[-1]}:{k[1]}({k[2]})"
collect = [k for k in stats if k[2] == "<method 'collect' of 'builtins.PyLazyFrame' objects>" or "collect' of 'builtins.PyLazyFrame" in k[2]]
target = collect[0]
# BFS up callers summing time by first transforms frame
res = collections.Counter()
def up(k, t, depth=0):
    callers = stats[k][4]
    if depth > 12 or not callers: res["?"] += t; return
    total = sum(v[3] for v in callers.values()) or 1
    for ck, v in callers.items():
        share = t * v[3] / total
        if "/work/main/transforms/" in ck[0]:
            res[key_name(ck)] += share
        else:
            up(ck, share, depth + 1)
up(target, stats[target][3])
for k, v in res.most_common(25): print(f"{v:.3f} {k}")
