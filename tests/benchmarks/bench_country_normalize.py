"""Benchmark `normalize_country_names` on 1,000,000 names drawn with repeats from a mix of
ISO names, curated variants, demonyms, codes, case and punctuation noise and unknown names.

Run: `python tests/benchmarks/bench_country_normalize.py` (not collected by pytest). Prints one
JSON line. The baseline is the naive approach: a pure-Python loop folding every name and
looking it up in a dict built from the same alias table (no deduplication, no fallbacks).
"""
from __future__ import annotations

import json
import re
import sys
import time
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import polars as pl  # noqa: E402
import pycountry  # noqa: E402

from schemas.reference import read_reference_csv  # noqa: E402
from transforms.countries import build_country_aliases, normalize_country_names  # noqa: E402

N_NAMES = 1_000_000
UNKNOWN = ["Atlantis", "Gotham", "Mexico City", "New Jersey", "Europe", "Asia", "n/a", "", "Unknown",
           "Narnia", "Sweden except Stockholm", "Georgia (US state)"]


def _name_pool() -> list[str]:
    """Distinct inputs a country column really holds: names as written plus noisy copies."""
    names = [c.name for c in pycountry.countries] + [c.alpha_3 for c in pycountry.countries]
    names += [getattr(c, "official_name", c.name) for c in pycountry.countries]
    names += read_reference_csv("country_name_variants.csv")["alias"].to_list()
    names += read_reference_csv("demonyms.csv")["demonym"].to_list()
    noisy = [n.upper() for n in names[:400]] + [f"  {n.lower()}. " for n in names[:400]]
    return names + noisy + UNKNOWN


def _sample(pool: list[str]) -> pl.Series:
    return pl.Series("country", pool).sample(N_NAMES, with_replacement=True, seed=20240101)


_PUNCT = re.compile(r"[^\w]+")


def _python_fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(_PUNCT.sub(" ", stripped.replace(".", "").replace("'", "")).split())


def _baseline(names: list[str], lookup: dict[str, str]) -> list[str | None]:
    return [lookup.get(_python_fold(name)) for name in names]


def main() -> None:
    started = time.perf_counter()
    aliases = build_country_aliases()  # builds and caches the gazetteer
    normalize_country_names(pl.Series(["warm-up"]))
    build_seconds = time.perf_counter() - started

    names = _sample(_name_pool())
    started = time.perf_counter()
    resolved = normalize_country_names(names)
    seconds = time.perf_counter() - started

    lookup = dict(aliases.select("alias", "country_key").iter_rows())
    python_names = names.to_list()
    started = time.perf_counter()
    _baseline(python_names, lookup)
    baseline_seconds = time.perf_counter() - started

    print(json.dumps({
        "names": names.len(),
        "distinct_names": names.n_unique(),
        "resolved_share": round(1 - resolved.null_count() / names.len(), 4),
        "seconds": round(seconds, 3),
        "names_per_second": round(names.len() / seconds),
        "baseline_python_dict_seconds": round(baseline_seconds, 3),
        "baseline_names_per_second": round(names.len() / baseline_seconds),
        "speedup_vs_baseline": round(baseline_seconds / seconds, 1),
        "gazetteer_build_seconds": round(build_seconds, 3),
    }))


if __name__ == "__main__":
    main()
