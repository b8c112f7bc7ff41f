import sys, polars as pl
sys.path.insert(0, "/work/main")
from transforms.clean import clean_documents
from transforms.dates import find_dates
text = open(sys.argv[1], encoding="utf-8").read()
out = clean_documents(pl.DataFrame({"document_key": ["d"], "text": [text], "language": ["en"]}))
print(out.columns); print(out["clean_text"][0][:800])
for line in text.split("\n")[:8]: print(repr(line[:100]), [(m.surface, m.year, m.month, m.day) for m in find_dates(line)])
