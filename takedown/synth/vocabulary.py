"""Real-world names the generator writes: agencies and platforms from `reference/`, countries
checked against pycountry.

The CSVs are read as a list of names a journalist would use (and to give the gold the names an
annotator would list); nothing of the extractor is imported. Loaded once per process.
"""
from __future__ import annotations

import csv
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pycountry

from takedown.synth import lexicon

REFERENCE = Path(__file__).resolve().parents[2] / "reference"


# forms that inflect a registry name as grammar wants it (the registry has "Bayerisches ...")
INFLECTED = {"das |Bayerische Landeskriminalamt"}


@dataclass(frozen=True)
class Agency:
    key: str
    name: str  # canonical English name, as an annotator writes it
    acronym: str
    country: str | None
    aliases: tuple[str, ...]  # other names the body is commonly known by


@dataclass(frozen=True)
class Vocabulary:
    agencies: dict[str, Agency]  # by registry key
    platforms: dict[str, tuple[str, ...]]  # canonical name -> other names


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold().strip()


def _curated_forms():
    for table in (lexicon.POLICE, lexicon.PROSECUTORS):
        for entries in table.values():
            for key, english, native in entries:
                yield key, english + native
    for key, (english, native) in {**lexicon.INTERNATIONAL, **lexicon.INDUSTRY}.items():
        yield key, english + native


@lru_cache(maxsize=1)
def load() -> Vocabulary:
    rows = {r["agency_key"]: r for r in csv.DictReader((REFERENCE / "agencies.csv").open(encoding="utf-8"))}
    alias_rows = defaultdict(list)
    for r in csv.DictReader((REFERENCE / "agency_aliases.csv").open(encoding="utf-8")):
        alias_rows[r["agency_key"]].append(r["alias"])
    agencies: dict[str, Agency] = {}
    for key, forms in _curated_forms():
        if key not in rows:
            raise ValueError(f"agency {key!r} is not in reference/agencies.csv")
        r = rows[key]
        known = {_fold(a) for a in alias_rows[key]} | {_fold(r["name"]), _fold(r["acronym"])}
        for form in forms:
            # a form names the body by one of its registry names, possibly inside a phrase
            # ("Italy's Guardia di Finanza", "DIICOT prosecutors", "... (BKA)")
            text = f" {_fold(form.replace('|', ''))} "
            if not any(f" {k} " in text or f"{k} " in text.replace("(", " ").replace(")", " ") for k in known if len(k) > 2) \
                    and form not in INFLECTED:
                raise ValueError(f"{form!r} is not a known name of {key}")
        aliases = tuple(dict.fromkeys(a for a in [r["acronym"], *alias_rows[key]] if a and a != r["name"]))[:8]
        agencies[key] = Agency(key, r["name"], r["acronym"], r["country_key"] or None, aliases)
    platform_names = {r["platform_key"]: r["name"] for r in csv.DictReader((REFERENCE / "platforms.csv").open(encoding="utf-8"))}
    platform_aliases = defaultdict(list)
    for r in csv.DictReader((REFERENCE / "platform_aliases.csv").open(encoding="utf-8")):
        platform_aliases[platform_names.get(r["platform_key"], "")].append(r["alias"])
    platforms = {}
    for names in lexicon.PLATFORMS_BY_COUNTRY.values():
        for name in names:
            if name not in platform_names.values():
                raise ValueError(f"platform {name!r} is not in reference/platforms.csv")
            platforms[name] = tuple(a for a in platform_aliases[name] if a != name)[:3]
    for code in lexicon.COUNTRIES_EN:
        if pycountry.countries.get(alpha_3=code) is None:
            raise ValueError(f"{code} is not an ISO 3166-1 alpha-3 code")
    return Vocabulary(agencies, platforms)
