import sys, polars as pl
sys.path.insert(0, "/work/main")
from transforms.countries import find_country_mentions
s = ["Z-Library Goes Dark: Two Russians Arrested, 249 Domains Seized",
     "Two Russian nationals were arrested in Argentina on November 3.",
     "Police arrested a 34-year-old Bulgarian man and two Romanians in Madrid.",
     "Fueron detenidos dos ciudadanos rusos en Córdoba, Argentina.",
     "The Bulgarian National Police raided 12 homes."]
df = pl.DataFrame({"document_key": ["d"]*len(s), "sentence_index": list(range(len(s))), "sentence_start": [0]*len(s), "sentence": s, "language": ["en","en","en","es","en"]})
print(find_country_mentions(df))
