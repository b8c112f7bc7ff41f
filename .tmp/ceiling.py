"""How fast is the baseline's own work (the gazetteer scan) done in polars' Rust, against spaCy, on one core?"""
import csv, os, sys, time
from pathlib import Path
import polars as pl, pycountry, spacy
root, reference = Path("/tmp/bench/n100k/corpus-100000-0/raw"), Path("/work/main/reference")
names = set()
for table, column in [("country_name_variants.csv", "alias"), ("country_common_names.csv", "name"), ("demonyms.csv", "demonym")]:
    with open(reference / table, encoding="utf-8") as handle:
        names |= {row[column] for row in csv.DictReader(handle) if row[column]}
for country in pycountry.countries:
    names |= {getattr(country, field) for field in ("name", "official_name", "common_name") if hasattr(country, field)}
with open(reference / "agency_aliases.csv", encoding="utf-8") as handle:
    agencies = {row["alias"] for row in csv.DictReader(handle) if row["alias"]}
files = sorted(p for p in root.rglob("*") if p.is_file())[:5000]
texts = [p.read_bytes().decode("utf-8", errors="replace") for p in files]
print(len(texts), sum(map(len, texts)) / 1e6, "M chars", len(names) + len(agencies), "patterns")
nlp = spacy.blank("en")
ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
ruler.add_patterns([{"label": "GPE", "pattern": n} for n in sorted(names)] + [{"label": "ORG", "pattern": a} for a in sorted(agencies)])
t = time.perf_counter(); ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64)); spacy_s = time.perf_counter() - t
print(f"spacy 1 process: {spacy_s:.2f} s, {ents} entities")
patterns = sorted({n.lower() for n in names | agencies})
s = pl.Series("t", texts)
t = time.perf_counter()
found = s.str.to_lowercase().str.find_many(patterns, overlapping=False)
n = found.list.len().sum()
ac_s = time.perf_counter() - t
print(f"polars find_many (Aho-Corasick), POLARS_MAX_THREADS={os.environ.get('POLARS_MAX_THREADS')}: {ac_s:.2f} s, {n} hits; spaCy/polars = {spacy_s/ac_s:.1f}x")
t = time.perf_counter(); ents = sum(len(d.ents) for d in nlp.pipe(texts, batch_size=64, n_process=2)); s2 = time.perf_counter() - t
print(f"spacy 2 processes: {s2:.2f} s, {ents} entities")
