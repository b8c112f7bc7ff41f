"""The spaCy baseline of the benchmarks: what a user would otherwise reach for.

    python tests/benchmarks/spacy_baseline.py RAW_DIR REFERENCE_DIR PROCESSES

`spacy.blank("en")` with an EntityRuler loaded with the names the extractor knows (country
names, variants and demonyms from reference/, pycountry's names, the agency aliases), matched
on lower-cased tokens, run with `nlp.pipe(texts, n_process=PROCESSES)` over every file under
RAW_DIR. Prints one line: documents, entities, country names, agency aliases, ruler set-up
seconds, pipe seconds. Needs `pip install -e .[bench]`.
"""
from __future__ import annotations

import csv
import os
import sys
import time
from pathlib import Path


def baseline_names(reference: Path) -> tuple[set[str], set[str]]:
    """(country names, agency aliases): the same names the extractor is loaded with."""
    import pycountry

    names: set[str] = set()
    for table, column in [("country_name_variants.csv", "alias"), ("country_common_names.csv", "name"),
                          ("demonyms.csv", "demonym")]:
        with open(reference / table, encoding="utf-8") as handle:
            names |= {row[column] for row in csv.DictReader(handle) if row[column]}
    for country in pycountry.countries:
        names |= {getattr(country, field) for field in ("name", "official_name", "common_name") if hasattr(country, field)}
    with open(reference / "agency_aliases.csv", encoding="utf-8") as handle:
        agencies = {row["alias"] for row in csv.DictReader(handle) if row["alias"]}
    return names, agencies


def baseline_pipeline(reference: Path):
    import spacy

    names, agencies = baseline_names(reference)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.add_patterns([{"label": "GPE", "pattern": name} for name in sorted(names)]
                       + [{"label": "ORG", "pattern": alias} for alias in sorted(agencies)])
    return nlp, len(names), len(agencies)


def read_texts(root: str):
    for folder, _, files in sorted(os.walk(root)):
        for name in sorted(files):
            with open(os.path.join(folder, name), "rb") as handle:
                yield handle.read().decode("utf-8", errors="replace")


def main() -> int:
    root, reference, processes = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    set_up = time.perf_counter()
    nlp, names, agencies = baseline_pipeline(reference)
    set_up = time.perf_counter() - set_up
    piped = time.perf_counter()
    entities = documents = 0
    for doc in nlp.pipe(read_texts(root), n_process=processes, batch_size=64):
        documents += 1
        entities += len(doc.ents)
    print(documents, entities, names, agencies, round(set_up, 2), round(time.perf_counter() - piped, 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
