import sys, cProfile, pstats
sys.argv = ["x", "500", "0"]
src = open("/work/main/.tmp/prof.py").read().split("decoded = ")[0]
exec(src)
_decode(raw, Limits())
pr = cProfile.Profile(); pr.enable()
_decode(raw, Limits())
pr.disable()
pstats.Stats(pr).sort_stats("tottime").print_stats(15)
