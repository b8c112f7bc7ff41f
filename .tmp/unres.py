import sys, polars as pl
sys.path.insert(0, "/work/main")
from transforms.sentences import split_sentences
from transforms.agencies import find_unresolved_agency_mentions, load_agency_registry, find_agency_mentions
agencies, aliases = load_agency_registry()
for t in sys.argv[1:]:
    s = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [t]}))
    print(t[:70]); print(" registry", find_agency_mentions(s, aliases, agencies)["agency_key"].to_list())
    print(" unresolved", find_unresolved_agency_mentions(s, aliases, agencies)["name"].to_list())
