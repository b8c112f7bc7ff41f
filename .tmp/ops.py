import sys, polars as pl
sys.path.insert(0, "/work/main")
from transforms.sentences import split_sentences
from transforms import operations as O
for t in sys.argv[1:]:
    s = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [t]})).with_columns(language=pl.lit("it"))
    print(t[:80])
    try: print(" names", O.find_operation_names(s).select([c for c in O.find_operation_names(s).columns if c in ("name","operation_name","surface")]).rows())
    except Exception as e: print(" names err", e)
    try:
        tg = O.find_target_groups(s)
        print(" targets", tg.select([c for c in tg.columns if c in ("target_group","surface","name")]).rows())
    except Exception as e: print(" targets err", repr(e)[:300])
