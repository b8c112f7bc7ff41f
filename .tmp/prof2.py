import sys, pstats
exec(open("/work/main/.tmp/prof.py").read().split("# warm-up")[0])
import cProfile
extract_documents(decoded.head(50), ref)
pr = cProfile.Profile(); pr.enable()
extract_documents(decoded, ref)
pr.disable()
st = pstats.Stats(pr)
st.sort_stats("cumulative").print_callers("re/_compiler.py:740")
st.print_callers("_compile")
st.print_callers("__init__.py:225")
