import sys, polars as pl
sys.path.insert(0, "/work/main")
from transforms.countries import find_country_mentions
from transforms.sentences import split_sentences
from transforms.roles import assign_country_roles
for text in ["Z-Library Goes Dark: Two Russians Arrested, 249 Domains Seized.",
     "Two Russian nationals, Valeriia Ermakova and Anton Napolsky, were arrested in Argentina on November 3.",
     "Police arrested a 34-year-old Bulgarian man and two Romanians in Madrid.",
     "Fueron detenidos dos ciudadanos rusos en Córdoba, Argentina.",
     "The Bulgarian National Police raided 12 homes.",
     "Spanish police arrested 11 people.",
     "The Swiss authorities searched 3 homes."]:
    s = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
    print(text[:50], sorted(assign_country_roles(find_country_mentions(s), s).select("country_key", "role").rows()))
