"""How much of the spaCy baseline's time is the matching of names itself?

    python tests/benchmarks/bench_gazetteer.py --raw CORPUS/raw [--docs 5000] [--rounds 3]

Runs, in one process and on the same texts, the baseline's work two ways: spaCy's EntityRuler
(`spacy_baseline.py`, n_process=1) and polars' Aho-Corasick (`str.find_many` over the
lower-cased texts, polars on one thread) with the same names. Prints one JSON line with the
seconds of each (the best of the rounds, alternated) and their ratio. Why: the ratio bounds what
a design that does its matching in compiled code can gain over the baseline; the rest of a
build's budget is what figures, dates, roles, validation and load may spend.
"""
from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")  # before polars is imported: one core, as the ruler

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import polars as pl  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from spacy_baseline import baseline_names, baseline_pipeline, read_texts  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def main() -> int:
    options = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    options.add_argument("--raw", type=Path, required=True)
    options.add_argument("--docs", type=int, default=5000)
    options.add_argument("--rounds", type=int, default=3)
    args = options.parse_args()
    texts = []
    for text in read_texts(str(args.raw)):
        texts.append(text)
        if len(texts) == args.docs:
            break
    names, agencies = baseline_names(ROOT / "reference")
    patterns = sorted({name.lower() for name in names | agencies})
    nlp, _, _ = baseline_pipeline(ROOT / "reference")
    series = pl.Series("text", texts)
    spacy_seconds, polars_seconds = [], []
    for _ in range(args.rounds):
        started = time.perf_counter()
        entities = sum(len(doc.ents) for doc in nlp.pipe(texts, batch_size=64))
        spacy_seconds.append(time.perf_counter() - started)
        started = time.perf_counter()
        hits = series.str.to_lowercase().str.find_many(patterns, overlapping=False).list.len().sum()
        polars_seconds.append(time.perf_counter() - started)
    print(json.dumps({
        "documents": len(texts), "megabytes": round(sum(len(t.encode()) for t in texts) / 1e6, 1),
        "patterns": len(patterns), "polars_threads": pl.thread_pool_size(),
        "spacy_entity_ruler_seconds": round(min(spacy_seconds), 2), "spacy_entities": entities,
        "polars_find_many_seconds": round(min(polars_seconds), 3), "polars_hits": int(hits),
        "spacy_over_polars": round(min(spacy_seconds) / min(polars_seconds), 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
