import sys, polars as pl
sys.path.insert(0, "/work/main")
from transforms.sentences import split_sentences
from transforms.agencies import complainant_mentions
texts = sys.argv[1:]
for t in texts:
    s = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [t]}))
    rows = []
    import re
    for name in ["Canal+", "beIN SPORTS", "Sky Italia", "DAZN", "MultiChoice Nigeria", "Premier League", "ACE", "LaLiga"]:
        for m in re.finditer(re.escape(name), t):
            rows.append({"document_key": "d", "sentence_index": 0, "char_start": m.start(), "char_end": m.end(), "name": name})
    if not rows: continue
    ms = pl.DataFrame(rows)
    # sentence index per mention
    ms = ms.join_asof(s.select("sentence_index", "sentence_start").sort("sentence_start").rename({"sentence_index": "si"}), left_on="char_start", right_on="sentence_start").with_columns(sentence_index="si").drop("si", "sentence_start")
    print(t[:70], complainant_mentions(ms, s)["name"].to_list())
