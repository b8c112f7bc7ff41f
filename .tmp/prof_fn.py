"""cProfile one step of extract_documents: prof_fn.py MODULE FUNC"""
import sys, cProfile, pstats, functools
sys.argv = [sys.argv[0], "1000", "0", "/tmp/bench/n100k/corpus-100000-0/raw"] + sys.argv[1:]
mod_name, fn_name = sys.argv[4], sys.argv[5]
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
import importlib
mod = importlib.import_module(mod_name)
orig = getattr(mod, fn_name)
pr = cProfile.Profile()
state = {"on": False}
def wrapped(*a, **k):
    if not state["on"]:
        return orig(*a, **k)
    pr.enable()
    try: return orig(*a, **k)
    finally: pr.disable()
setattr(mod, fn_name, wrapped)
import transforms.extract as X
extract_documents(decoded.head(100), ref)
state["on"] = True
extract_documents(decoded.slice(100, 500), ref)
st = pstats.Stats(pr); st.sort_stats("tottime").print_stats(25)
