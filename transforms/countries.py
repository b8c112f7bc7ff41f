"""Country gazetteer: the ISO 3166-1 dimension, an alias table, name normalization and
country mentions in running text.

Alias sources, best first when two of them disagree about an alias:
  0. `reference/country_name_variants.csv`: curated short, colloquial, historic and native
     forms, and the spellings statistical agencies use ("Korea, Rep.", "China, Hong Kong SAR")
  1. pycountry's English name, official name and common name (+ `country_common_names.csv`)
  2. forms derived from 0-1 by general rules (inversion of "Korea, Republic of",
     dropping "Republic of"/"Kingdom of"/..., adding "Republic of X", parentheses removed)
  3. `reference/demonyms.csv` in English
  4. pycountry's gettext translations in the languages we search text in (it es pt fr de nl ro)
  5. demonyms in those languages
  6. translations in every other language pycountry ships
  7. forms derived from translations
An alias naming two countries at its best level is dropped (it resolves to null), and so is
every alias listed in `reference/country_ambiguous_names.csv` ("Congolese", "Koreans", ...).
Nothing is guessed fuzzily: a name resolves when its folded form (`fold_expr`) is a known
alias, or when a general rewrite of it is ("Guam (US)" -> "Guam", "China excluding Hong Kong"
-> "China", "Bank of Japan" -> "Japan"); otherwise it is null.

Text search (`find_country_mentions`) is stricter than normalization: it is case-sensitive,
uses only names, short forms, demonyms and the it/es/pt/fr/de/nl/ro translations (no historic
or curated native names, no ISO codes), and lets the phrases in
`reference/country_mention_blockers.csv` ("New Jersey", "Latin America", "GB", first names
such as "Chad") and the ambiguous forms win the longest-match race without producing a
mention. "Jersey", "Georgia" and "Jordan" stay searchable: the blockers catch their common
non-country contexts (New Jersey, District of Georgia, "Atlanta, Georgia"), and otherwise they
are far more often the country in this corpus. Lower-case adjectives of the Romance languages
("italiana") are matched as written, not capitalised at the start of a sentence.
"""
from __future__ import annotations

import gettext
import os
import re
from functools import lru_cache

import ftfy
import polars as pl
import pycountry

from schemas.reference import read_reference_csv
from transforms.boundaries import contains_form
from transforms.prefilter import char_offset
from transforms.sentences import MENTION_SCHEMA

TEXT_LANGUAGES: tuple[str, ...] = ("it", "es", "pt", "fr", "de", "nl", "ro")

EU_MEMBERS: frozenset[str] = frozenset(
    "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA DEU GRC HUN IRL ITA LVA LTU LUX MLT NLD POL PRT "
    "ROU SVK SVN ESP SWE".split()
)

_KIND_RANK = {"variant": 0, "name": 1, "derived": 2, "demonym_en": 3, "translation_text": 4,
              "demonym_text": 5, "translation_other": 6, "translation_derived": 7}

_ALIAS_SCHEMA = {"alias": pl.String, "country_key": pl.String, "kind": pl.String,
                 "language": pl.String, "is_acronym": pl.Boolean}

_MENTION_SCHEMA = {**MENTION_SCHEMA, "country_key": pl.String, "mention_kind": pl.String}

# "Republic of X", "Hashemite Kingdom of X", "United States of X" -> "X"
_POLITICAL_PREFIX = re.compile(
    r"^(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:republic|kingdom|state|states|commonwealth|principality|"
    r"duchy|sultanate|federation|union|emirates?|confederation)\s+of\s+(?:the\s+)?(?P<rest>.+)$",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r"\s*\([^)]*\)")
_ACRONYM = re.compile(r"^(?:the\s+)?(?:[A-Z]\.?\s?){2,5}$")


# ---------------------------------------------------------------- folding


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """Lookup key of a name: accents stripped, case-folded, periods dropped ("U.S." = "US"),
    other punctuation to spaces, abbreviations spelled out ("St." -> saint, "Isds" -> islands,
    "&" -> and, "S. Korea" -> south korea, Dutch "Sint" -> saint) and the words "the", "of",
    "and" dropped, so that spelling noise never blocks a match."""
    folded = (
        expr.str.normalize("NFKD")
        .str.replace_all(r"\p{Mn}+", "")
        .str.to_lowercase()
        .str.replace_many(
            ["ß", "æ", "œ", "ø", "đ", "ł", "ı", "þ", "ð", "ə", "&"],
            ["ss", "ae", "oe", "o", "d", "l", "i", "th", "d", "e", " and "],
        )
        .str.replace_all(r"['’ʼ`´ʻʾʿ‘ʹ.]", "")
        .str.replace_all(r"[^\p{L}\p{N}]+", " ")
        .str.strip_chars()
    )
    for pattern, replacement in _FOLD_WORDS:
        folded = folded.str.replace_all(pattern, replacement)
    folded = folded.str.replace_many(_DOUBLES, [d[0] for d in _DOUBLES])
    return folded.str.replace_all(r" +", " ").str.strip_chars()


_FOLD_WORDS: tuple[tuple[str, str], ...] = (
    (r"(\p{L}{2,}) s\b", "${1}s"),  # "People s" (apostrophe lost upstream) -> peoples
    (r"\bst\b", "saint"),
    (r"\bste\b", "sainte"),
    (r"\bsint\b", "saint"),
    (r"\brep\b", "republic"),
    (r"\bdem\b", "democratic"),
    (r"\b(?:isds|isls|isl|islands)\b", "island"),
    (r" is$", " island"),
    (r"\bterr\b", "territory"),
    (r"\bocc\b", "occupied"),
    (r"^br\b", "british"),
    (r"^s (\p{L})", "south $1"),
    (r"^n (\p{L})", "north $1"),
    (r"\b(?:the|of|and)\b", " "),
    (r"\b([dl]) (\p{L})", "${1}${2}"),  # "Côte d Ivoire" = "Côte d'Ivoire"
)
# transliterations disagree on doubled letters (Urdunniyah / Urduniyah, Phillipines)
_DOUBLES = [c + c for c in "abcdefghijklmnopqrstuvwxyz"]


def fold(names: pl.Series) -> pl.Series:
    """`fold_expr` applied to a Series (used by the benchmark and the tests)."""
    return names.to_frame("n").select(fold_expr(pl.col("n")))["n"]


# ---------------------------------------------------------------- dimension


@lru_cache(maxsize=1)
def _dimension() -> pl.DataFrame:
    common = dict(read_reference_csv("country_common_names.csv").iter_rows())
    regions = read_reference_csv("country_regions.csv").rename({"alpha3": "country_key"})
    base = pl.DataFrame(
        {
            "country_key": [c.alpha_3 for c in pycountry.countries],
            "iso2": [c.alpha_2 for c in pycountry.countries],
            "name": [
                common.get(c.alpha_3) or getattr(c, "common_name", None) or c.name
                for c in pycountry.countries
            ],
        }
    )
    return (
        base.join(regions, on="country_key", how="left", validate="1:1")
        .with_columns(is_eu=pl.col("country_key").is_in(list(EU_MEMBERS)))
        .sort("country_key")
    )


def build_country_dimension() -> pl.DataFrame:
    """Every ISO 3166-1 country (249): `country_key` (alpha-3), `iso2`, `name` (common English
    name), `region`, `subregion` (UN M49), `is_eu`. All countries, so facts can reference any."""
    return _dimension().clone()


# ---------------------------------------------------------------- alias sources


def _english_names() -> list[tuple[str, str]]:
    """(name, alpha3) for pycountry's name, official name and common name."""
    rows = []
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                rows.append((value, country.alpha_3))
    return rows


def _translations() -> list[tuple[str, str, str, str]]:
    """(translated name, alpha3, language, English source name) for every pycountry locale."""
    rows = []
    english = _english_names()
    for language in sorted(os.listdir(pycountry.LOCALES_DIR)):
        try:
            catalog = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:
            continue
        code = language.split("_")[0].split("@")[0]
        for name, key in english:
            translated = catalog.gettext(name)
            if translated != name:
                rows.append((translated, key, code, name))
    return rows


def _derived_forms(name: str, english: bool, head_alone: bool = True) -> list[str]:
    """General morphological variants of one name so that unseen spellings resolve:
    "Korea, Republic of" -> "Republic of Korea" and "Korea"; "Cocos (Keeling) Islands" ->
    "Cocos Islands"; "Österreich" -> "Oesterreich"; (English only) "Islamic Republic of Iran"
    -> "Iran" and "Chile" -> "Republic of Chile". `head_alone=False` keeps "Virgin Islands"
    out of "Virgin Islands, U.S." when that head names several countries."""
    forms: list[str] = []
    bare = _PARENTHESIS.sub("", name).strip()
    if bare != name:
        forms.append(bare)
    if ", " in bare:
        head, tail = bare.split(", ", 1)
        forms += [f"{tail} {head}", head] if head_alone else [f"{tail} {head}"]
    if english:
        for form in [bare, *forms]:
            match = _POLITICAL_PREFIX.match(form)
            if match:
                forms.append(match.group("rest"))
        if "," not in bare and not _POLITICAL_PREFIX.match(bare):
            forms.append(f"Republic of {bare}")
    forms += [f.translate(_UMLAUTS) for f in [name, *forms] if any(c in f for c in "äöüÄÖÜ")]
    return [f for f in dict.fromkeys(forms) if f and f != name]


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _is_acronym(surface: str) -> bool:
    """Upper-case initialisms ("UK", "U.S.", "the UAE"): they fold to ordinary words ("us",
    "car", "png"), so normalization accepts them only when written in capitals."""
    return bool(_ACRONYM.match(surface.strip()))


def _island_stems() -> pl.DataFrame:
    """Folded English names minus "Island(s)"/"Isle of" ("norfolk" for Norfolk Island): a
    translation that drops the generic word is a bare place name, not the territory."""
    names = pl.DataFrame({"name": [n for n, _ in _english_names()]})
    stems = names.with_columns(stem=pl.col("name").str.extract(r"^(?:Isle of )?(.+?)(?: Islands?)?$"))
    return stems.filter(pl.col("stem") != pl.col("name")).select(alias=fold_expr(pl.col("stem"))).unique()


@lru_cache(maxsize=1)
def _alias_sources() -> pl.DataFrame:
    """Every (surface, country, kind, language, rank) before folding and conflict resolution."""
    rows: list[tuple[str, str, str, str | None, int]] = []
    variants = read_reference_csv("country_name_variants.csv")
    common = read_reference_csv("country_common_names.csv")
    english = _english_names() + list(common.select("name", "country_key").iter_rows())
    for alias, key, kind in variants.select("alias", "country_key", "kind").iter_rows():
        rows.append((alias, key, kind, None, _KIND_RANK["variant"]))
        rows += [(f, key, kind, None, _KIND_RANK["derived"]) for f in _derived_forms(alias, True)]
    for name, key in english:
        rows.append((name, key, "name", "en", _KIND_RANK["name"]))
        rows += [(f, key, "short", "en", _KIND_RANK["derived"]) for f in _derived_forms(name, True)]
    demonyms = read_reference_csv("demonyms.csv")
    for demonym, key, language in demonyms.select("demonym", "country_key", "language").iter_rows():
        rank = _KIND_RANK["demonym_en"] if language == "en" else _KIND_RANK["demonym_text"]
        rows.append((demonym, key, "demonym", language, rank))
    translated = []
    shared = _shared_heads(english)
    for name, key, language, source in _translations():
        rank = _KIND_RANK["translation_text" if language in TEXT_LANGUAGES else "translation_other"]
        translated.append((name, key, "translation", language, rank))
        head_alone = source.split(", ")[0] not in shared
        translated += [(f, key, "translation", language, _KIND_RANK["translation_derived"])
                       for f in _derived_forms(name, False, head_alone)]
    schema = {"surface": pl.String, "country_key": pl.String, "kind": pl.String,
              "language": pl.String, "rank": pl.Int64}
    translations = _plausible_translations(
        pl.DataFrame(translated, schema=schema, orient="row").with_columns(alias=fold_expr(pl.col("surface")))
    )
    frame = pl.concat([
        pl.DataFrame(rows, schema=schema, orient="row").with_columns(alias=fold_expr(pl.col("surface"))),
        translations,
    ])
    return frame.with_columns(
        is_acronym=pl.col("surface").map_elements(_is_acronym, return_dtype=pl.Boolean),
    ).filter(pl.col("alias").str.len_chars() >= 2)


def _shared_heads(english: list[tuple[str, str]]) -> set[str]:
    """English heads before a comma or parenthesis naming more than one country ("Korea",
    "Congo", "Virgin Islands"): their translations must not be used alone."""
    keys: dict[str, set[str]] = {}
    for name, key in english:
        for head in {name, _PARENTHESIS.sub("", name).split(", ")[0]}:
            keys.setdefault(head, set()).add(key)
    return {head for head, owners in keys.items() if len(owners) > 1}


def _plausible_translations(translations: pl.DataFrame) -> pl.DataFrame:
    """Drop translated forms that would resolve ordinary words: very short ones (Vietnamese
    "Mỹ", "Áo" fold to "my", "ao") and bare island names ("Norfolk" for Norfolk Island)."""
    return translations.filter(pl.col("alias").str.len_chars() >= 4).join(
        _island_stems(), on="alias", how="anti"
    )


@lru_cache(maxsize=1)
def _ambiguous_aliases() -> pl.DataFrame:
    names = read_reference_csv("country_ambiguous_names.csv")
    return names.select(alias=fold_expr(pl.col("alias"))).unique()


def _best_country(best: pl.DataFrame) -> pl.DataFrame:
    """alias -> the one country its best-ranked sources name. Curated and English sources
    must agree; translations vote by language (a country needs twice the runner-up's
    languages), because pycountry's catalogues contain the odd mistranslation."""
    votes = best.group_by("alias", "country_key").agg(
        pl.col("language").n_unique().alias("support"), pl.col("rank").first(),
        pl.col("is_acronym").all(),
    ).sort("alias", "support", descending=[False, True])
    ranked = votes.with_columns(
        countries=pl.len().over("alias"),
        runner_up=pl.col("support").shift(-1).over("alias").fill_null(0),
        position=pl.int_range(pl.len()).over("alias"),
    ).filter(pl.col("position") == 0)
    voted = (pl.col("rank") >= _KIND_RANK["translation_text"]) & (pl.col("support") >= 2 * pl.col("runner_up"))
    return ranked.filter((pl.col("countries") == 1) | voted).select("alias", "country_key", "is_acronym")


@lru_cache(maxsize=1)
def _alias_table() -> pl.DataFrame:
    sources = _alias_sources().join(_ambiguous_aliases(), on="alias", how="anti")
    best = sources.filter(pl.col("rank") == pl.col("rank").min().over("alias"))
    winners = _best_country(best)
    chosen = (
        best.join(winners.select("alias", "country_key"), on=["alias", "country_key"], how="semi")
        .sort("rank", "kind", "language", "surface", nulls_last=True)
        .unique("alias", keep="first", maintain_order=True)
        .drop("is_acronym")
        .join(winners.select("alias", "is_acronym"), on="alias", how="inner")
    )
    return chosen.with_columns(kind=_output_kind(pl.col("kind"))).select(list(_ALIAS_SCHEMA)).sort("alias")


def _output_kind(kind: pl.Expr) -> pl.Expr:
    """Curated kinds map onto the published vocabulary (colloquial forms count as short)."""
    published = ["name", "short", "historic", "demonym", "translation"]
    return pl.when(kind.is_in(published)).then(kind).otherwise(pl.lit("short"))


def build_country_aliases() -> pl.DataFrame:
    """One row per folded alias: `alias` (the `fold_expr` form, the lookup key), `country_key`,
    `kind` (name, short, historic, demonym, translation), `language` (ISO 639-1, null for
    curated variants), `is_acronym` (resolve only when the input is written in capitals).
    Aliases that name several countries are left out, so they resolve to null."""
    return _alias_table().clone()


# ---------------------------------------------------------------- normalization


@lru_cache(maxsize=1)
def _code_table() -> pl.DataFrame:
    dim = _dimension()
    return pl.concat(
        [dim.select(code="country_key", code_key="country_key"),
         dim.select(code="iso2", code_key="country_key")]
    )


def _lookup(values: pl.Series) -> pl.Series:
    """Exact resolution: an ISO code written in capitals, else a folded alias (initialisms
    only when written in capitals). Aligned with `values`; null when unknown."""
    raw = pl.col("raw")
    letters = raw.str.replace(r"(?i)^\s*the\s+", "").str.replace_all(r"[^\p{L}]", "")
    code = raw.str.strip_chars().str.replace_all(r"[.\s]", "")
    keyed = values.to_frame("raw").with_columns(
        alias=fold_expr(raw),
        upper=(letters == letters.str.to_uppercase()) & (letters.str.len_chars() >= 2),
        code=pl.when(code.str.contains(r"^[A-Z]{2,3}$")).then(code),
    )
    joined = keyed.join(_alias_table().select("alias", "country_key", "is_acronym"), on="alias",
                        how="left", maintain_order="left").join(
        _code_table(), on="code", how="left", maintain_order="left")
    by_alias = pl.when(pl.col("is_acronym").not_() | pl.col("upper")).then(pl.col("country_key"))
    return joined.select(pl.coalesce("code_key", by_alias))["code_key"]


# Fallback rewrites of a name that did not resolve as written, most specific first. Each
# yields a candidate (resolved recursively) and, for some, a part that must itself resolve.
_QUALIFIER = (r"(?i)^(?:former(?:ly)?|(?:up to|until|before|since|from) \d{4}|\d{4}.*|"
              r"(?:\+|incl\.?|including|with)\b.*|\+.*|local name:\s*(.+))$")
_REWRITES: tuple[tuple[str, str, str | None], ...] = (
    # "Congo (Democratic Republic of the)" -> "Democratic Republic of the Congo"
    (r"^(.+?)\s*\(([^)]+)\)\s*$", "${2} ${1}", None),
    # "Palestinian territory, occupied" -> "occupied Palestinian territory"
    (r"^([^,:(]+?)\s*[,:]\s*([^,:(]+)$", "${2} ${1}", None),
    # "China excluding Hong Kong" -> "China" (only when the excluded part is a country)
    (r"(?i)^(.+?)\s+(?:excluding|except|without|excl\.?|ex\.)\s+(.+)$", "${1}", "part"),
    # "Territory of Norfolk Island", "Most Serene Republic of San Marino"
    (r"(?i)^(?:the\s+)?(?:[\w'’-]+\s+){0,3}?(?:republic|kingdom|state|states|commonwealth|principality|"
     r"duchy|sultanate|federation|union|emirates?|confederation|territory|collectivity|department|"
     r"country|nation|bailiwick|province|region)\s+of\s+(?:the\s+)?(.+)$", "${1}", None),
    # "República de Angola", "Republika Srbija", "Dawlat Libya" -> the country's name
    (r"(?i)^(?:rep[uú]blica|republik|republika|r[ée]publique|repubblica|respublika|respublikasi|"
     r"estado|stato|staat|[ée]tat|dawlat|reino|royaume|regno|k[öo]nigreich|koninkrijk|kongeriket|"
     r"konungariket|kongeriget|jamhuri ya|bundesrepublik)\s+(?:(?:de|del|da|do|della|di|du|des|"
     r"der|van|la|le|of|ya)\s+)*(.+)$", "${1}", None),
    # "N. Mariana Isds" -> "Northern Mariana Isds" (the fold reads a leading "N." as North)
    (r"^N\.?\s+(.+)$", "Northern ${1}", None),
    # "Yemeni Republic" -> "Yemeni"
    (r"(?i)^(.+?)\s+(?:republic|kingdom|state|federation|confederation|commonwealth|sultanate|"
     r"principality|emirate)$", "${1}", None),
    # "Vatican citizens", "Jan Mayen residents" -> "Vatican", "Jan Mayen"
    (r"(?i)^(.+?)\s+(?:people|peoples|citizens|nationals|residents|natives|inhabitants)$", "${1}", None),
    # "Cook Island", "Bouvet Islanders" -> "Cook Islands", "Bouvet Island"
    (r"(?i)^(.+?)\s+island(?:er|ers)?$", "${1} Islands", None),
    (r"(?i)^(.+?)\s+islanders?$", "${1} Island", None),
    (r"(?i)^(.+?)\s+island(?:er|ers)?$", "${1}", None),
)
_PAIR = r"(?i)^(.+?)\s*(?:,|/|\bor\b|\band\b|&)\s*(.+)$"


def _resolve(values: pl.Series, depth: int = 2) -> pl.Series:
    """Exact lookup, then (for names that fail) the `_REWRITES` and "A, B"/"A or B" pairs
    naming one country, up to `depth` rewrites deep. Aligned with `values`."""
    resolved = _lookup(values)
    if depth == 0:
        return resolved
    open_ = resolved.is_null() & values.is_not_null()
    if not open_.any():
        return resolved
    todo = values.filter(open_)
    rewrites = [_rewrite(todo, rule, depth) for rule in _REWRITES]
    candidates = rewrites[:2] + [_parenthetical(todo, depth)] + rewrites[2:] + [_pair(todo), _phrase(todo)]
    found = pl.select(pl.coalesce(candidates)).to_series()
    return resolved.scatter(open_.arg_true(), found)


def _rewrite(todo: pl.Series, rule: tuple[str, str, str | None], depth: int) -> pl.Series:
    """Apply one rewrite; resolve the rewritten name (and check its condition)."""
    pattern, template, condition = rule
    matches = todo.str.contains(pattern)
    rewritten = pl.select(pl.when(matches).then(todo.str.replace(pattern, template))).to_series()
    if condition is not None:  # "China excluding Hong Kong": the excluded part is a country
        ok = _resolve(todo.str.extract(pattern, 2), 0).is_not_null()
        rewritten = pl.select(pl.when(ok.fill_null(False)).then(rewritten)).to_series()
    keep = rewritten.is_not_null()
    out = pl.Series(values=[None] * len(todo), dtype=pl.String)
    if keep.any():
        out = out.scatter(keep.arg_true(), _resolve(rewritten.filter(keep), depth - 1))
    return out


_PARENTHESIZED = r"^(.+?)\s*\(([^)]+)\)\s*$"


def _parenthetical(todo: pl.Series, depth: int) -> pl.Series:
    """"X (Y)": a neutral qualifier ("former", "local name: ...") or a restatement ("Slovakia
    (slovak republic)") leaves X; a two-letter sovereign code ("Guam (US)") leaves X; any
    other country in the parentheses settles an ambiguous X ("Congo (DRC)"). "Georgia (US
    state)" and "Svatý Martin (Francie)" stay null."""
    head = todo.str.extract(_PARENTHESIZED, 1)
    inner = todo.str.extract(_PARENTHESIZED, 2).str.strip_chars()
    head_key = _resolve(head, depth - 1)
    inner_key = _resolve(inner, 0)
    qualifier = inner.str.contains(_QUALIFIER)
    code_like = inner.str.replace_all(r"\.", "").str.contains(r"^[A-Z]{2}$")
    return pl.select(
        pl.when(qualifier | (inner_key == head_key) | (code_like & inner_key.is_not_null()))
        .then(head_key)
        .when(head_key.is_not_null())
        .then(inner_key)
    ).to_series()


def _pair(todo: pl.Series) -> pl.Series:
    """"Antiguan, Barbudan" or "Kittitian or Nevisian": both halves name the same country."""
    first = _resolve(todo.str.extract(_PAIR, 1), 0)
    second = _resolve(todo.str.extract(_PAIR, 2), 0)
    return pl.select(pl.when(first == second).then(first)).to_series()


_GEOGRAPHIC = re.compile(
    r"\b(?:City|Town|Village|Islands?|Islanders?|Isles?|Sea|Ocean|Gulf|Bay|Coast|Province|State|County|Region|"
    r"Peninsula|River|Lake|Mountains?|Desert|Strait|Channel|Territory|District|Creek|Valley|Hills?|"
    r"Park|Street|Road|Avenue|Falls|Point|Port|Beach|Basin|Plateau|Highlands|Lowlands)\b"
)
_COMPASS = re.compile(r"^(?:North|South|East|West|Northern|Southern|Eastern|Western|Central)[\s-]+")
_ORGANISATION = re.compile(
    r"\b(?:Bank|Embassy|Consulate|Senate|Government|Ministry|Minister|Parliament|Congress|Assembly|"
    r"Council|Court|Police|Army|Navy|Military|Federal|Reserve|Authority|Agency|Office|Administration|"
    r"President|Presidency|Cabinet|Treasury|Customs|University|School|Institute|Academy|Association|"
    r"Federation|League|Party|Company|Corporation|Airlines?|Railways?|Post|Television|Radio|"
    r"Broadcasting|Commission|Committee|Service|Guard|Prosecutor|Attorney|Justice|Chamber|Mission|"
    r"Delegation|Press|Foreign|Interior|Defence|Defense|Forces)\b"
)
_ORG_TAIL = re.compile(r"^(?:\s+(?:[A-Z][\w'’.&-]*|of|for|and|&|on|the))+$")
_ORG_HEAD = re.compile(r"^(?:[A-Z][\w'’.&-]*\s+)+(?:of|for)\s+(?:the\s+)?$")


def _phrase(todo: pl.Series) -> pl.Series:
    """A phrase built on exactly one country: "Mexican Senate", "US Federal Reserve", "Bank
    of Japan", "Western US". Only capitalised, non-geographic words may surround the country
    (so "Mexico City", "Sweden except Stockholm", "New Holland" stay null). The phrases are
    few (the names no other rule resolved), so a Python pass over their mentions is cheap."""
    frame = pl.DataFrame({"sentence": todo}).with_row_index("document_key").select(
        pl.col("document_key").cast(pl.String), sentence_index=pl.lit(0, pl.Int64),
        sentence_start=pl.lit(0, pl.Int64), sentence_end=pl.col("sentence").str.len_chars().cast(pl.Int64),
        sentence=pl.col("sentence").fill_null(""),
    )
    mentions = find_country_mentions(frame)
    found: dict[int, str] = {}
    for key, group in mentions.group_by("document_key"):
        row = int(key[0])
        if group["country_key"].n_unique() != 1:
            continue
        name = todo[row]
        start, end = group["char_start"].min(), group["char_end"].max()
        head, tail = name[:start], name[end:]
        if _GEOGRAPHIC.search(head + tail):
            continue
        organisation = bool(_ORGANISATION.search(head + tail))
        if (not head and organisation and _ORG_TAIL.match(tail)) or (
            not tail and ((organisation and _ORG_HEAD.match(head)) or _COMPASS.fullmatch(head))
        ):
            found[row] = group["country_key"][0]
    return pl.Series([found.get(i) for i in range(len(todo))], dtype=pl.String)


def _repair(names: pl.Series) -> pl.Series:
    """Undo mojibake ("CÃ´te d'Ivoire") in the few names that show its marks."""
    broken = names.str.contains(r"Ã|Â|â€")
    if not broken.fill_null(False).any():
        return names
    fixed = names.filter(broken).map_elements(ftfy.fix_encoding, return_dtype=pl.String)
    return names.clone().scatter(broken.fill_null(False).arg_true(), fixed)


def normalize_country_names(names: pl.Series) -> pl.Series:
    """Alpha-3 code of each country name (any language, variant, demonym or ISO code written
    in capitals), null when unknown or ambiguous. Resolves the distinct names once and joins
    back, so the cost follows the number of distinct names, not rows."""
    frame = names.cast(pl.String).to_frame("raw")
    unique = frame.unique().drop_nulls()["raw"]
    resolved = pl.DataFrame({"raw": unique, "country_key": _resolve(_repair(unique))})
    out = frame.join(resolved, on="raw", how="left", maintain_order="left")["country_key"]
    return out.alias(names.name)


# ---------------------------------------------------------------- mentions


def _text_surface_variants(surface: str, language: str | None, kind: str | None = None) -> list[str]:
    """Spellings a name takes in running text: without a leading "the", with a typographic
    apostrophe, and (Romanian) the genitive-dative of one-word names in -a ("Germania" ->
    "Germaniei", "Franța" -> "Franței") and the cedilla letters older keyboards produce."""
    surface = re.sub(r"^(?:the|The)\s+", "", surface)
    out = {surface, surface.replace("'", "’")}
    if language == "ro":
        if kind == "translation" and re.fullmatch(r"[A-ZȘȚĂÂÎ][a-zșțăâî]+a", surface):
            out.add(surface[:-1] + "ei")
        out |= {s.translate(str.maketrans("șțȘȚ", "şţŞŢ")) for s in list(out)}
    return sorted(out)


@lru_cache(maxsize=1)
def _mention_patterns() -> pl.DataFrame:
    """`surface` (case-sensitive pattern), `country_key` (null = blocker), `mention_kind`,
    longest first so Aho-Corasick leftmost-first matching gives leftmost-longest matches."""
    curated_native = (pl.col("kind") == "translation") & pl.col("language").is_null()
    sources = _alias_sources().filter(
        pl.col("kind").is_in(["name", "short", "demonym", "translation"]) & ~curated_native
        & (pl.col("language").is_null() | pl.col("language").is_in(["en", *TEXT_LANGUAGES]))
        & pl.col("rank").is_in([_KIND_RANK[k] for k in
                                ("variant", "name", "derived", "demonym_en", "translation_text",
                                 "demonym_text", "translation_derived")])
        & ~pl.col("surface").str.contains(r"[,()]")
    )
    text_rows = [(v, language, surface) for surface, language, kind in
                 sources.select("surface", "language", "kind").unique().iter_rows()
                 for v in _text_surface_variants(surface, language, kind)]
    surfaces = pl.DataFrame(
        text_rows, schema={"surface": pl.String, "language": pl.String, "written": pl.String}, orient="row"
    ).unique("surface")
    # a variant resolves as the name it was derived from ("Germaniei" as "Germania")
    resolved = surfaces.with_columns(alias=fold_expr(pl.col("written"))).join(
        _alias_table().select("alias", "country_key", "kind"), on="alias", how="inner"
    )
    blockers = pl.concat(
        [read_reference_csv("country_mention_blockers.csv").select(surface="phrase"),
         read_reference_csv("country_ambiguous_names.csv").select(surface="alias")]
    ).unique()
    named = resolved.join(blockers, on="surface", how="anti").select(
        "surface", "country_key",
        mention_kind=pl.when(pl.col("kind") == "demonym").then(pl.lit("demonym")).otherwise(pl.lit("name")),
    )
    blocked = blockers.with_columns(country_key=pl.lit(None, pl.String), mention_kind=pl.lit(None, pl.String))
    return (
        pl.concat([named, blocked])
        .filter(pl.col("surface").str.len_chars() >= 2)
        .unique("surface", keep="first")
        .sort(pl.col("surface").str.len_bytes(), "surface", descending=[True, False])
    )


def find_country_mentions(sentences: pl.DataFrame) -> pl.DataFrame:
    """Country names, short forms, demonyms and it/es/pt/fr/de/nl/ro names and adjectives in
    each sentence, with `char_start`/`char_end` offsets into the document's cleaned text.

    One Aho-Corasick pass (`str.find_many` for offsets and `str.extract_many` for the
    matched text, both leftmost-first over longest-first patterns) runs over all sentences;
    matches inside words ("Indiana", "USB") and blocker phrases ("New Jersey") are then
    dropped, all as polars expressions.
    """
    patterns = _mention_patterns()
    surfaces = patterns["surface"].to_list()
    if sentences.height == 0:
        return pl.DataFrame(schema=_MENTION_SCHEMA)
    genitive = (
        pl.col("language").is_in(list(_GENITIVE_S_LANGUAGES)) if "language" in sentences.columns else pl.lit(False)
    )
    found = sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence",
        found_at=pl.col("sentence").str.find_many(surfaces, leftmost=True),
        surface=pl.col("sentence").str.extract_many(surfaces, leftmost=True),
        genitive_s=genitive.fill_null(False),
    ).explode("found_at", "surface").drop_nulls("surface")
    return _located(found).join(patterns, on="surface", how="inner").drop_nulls("country_key").select(
        "document_key", "sentence_index",
        char_start=pl.col("sentence_start") + pl.col("start"),
        char_end=pl.col("sentence_start") + pl.col("end"),
        surface=pl.col("sentence").str.slice(pl.col("start"), pl.col("end") - pl.col("start")),
        country_key="country_key", mention_kind="mention_kind",
    ).cast(_MENTION_SCHEMA).sort("document_key", "sentence_index", "char_start")


# German and Dutch write the genitive of a name with a bare -s ("Deutschlands", "Großbritanniens")
_GENITIVE_S_LANGUAGES = frozenset({"de", "nl"})


def _located(found: pl.DataFrame) -> pl.DataFrame:
    """Convert `str.find_many` offsets to character offsets and keep matches on word boundaries. Where
    `genitive_s` is true, a name followed by a bare "s" ("Deutschlands") counts, the "s"
    included in the span."""
    sentence = pl.col("sentence")
    located = found.with_columns(start=char_offset(sentence, pl.col("found_at")).cast(pl.Int64)).with_columns(
        end=pl.col("start") + pl.col("surface").str.len_chars().cast(pl.Int64)
    )
    word = r"^[\p{L}\p{N}]"
    if "genitive_s" in found.columns:
        genitive = (
            pl.col("genitive_s") & pl.col("surface").str.contains(r"[^\Ws]$")
            & (sentence.str.slice(pl.col("end"), 1) == "s")
            & ~sentence.str.slice(pl.col("end") + 1, 1).str.contains(word).fill_null(False)
        )
        located = located.with_columns(end=pl.when(genitive).then(pl.col("end") + 1).otherwise(pl.col("end")))
    before = sentence.str.slice(pl.col("start") - 1, 1).str.contains(word) & (pl.col("start") > 0)
    after = sentence.str.slice(pl.col("end"), 1).str.contains(word)
    return located.filter(~before.fill_null(False) & ~after.fill_null(False))


# ---------------------------------------------------------------------------------------------
# Cities
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _city_table() -> pl.DataFrame:
    """The city gazetteer minus the mention blockers: it holds transliterations that are
    common words ("Dabei" for Dubai, "Esse" for Essen), which would place figures falsely."""
    blockers = pl.concat(
        [read_reference_csv("country_mention_blockers.csv").select(surface="phrase"),
         read_reference_csv("country_ambiguous_names.csv").select(surface="alias")]
    )
    return read_reference_csv("cities.csv").select(pl.col("city").alias("surface"), "country_key").join(
        blockers, on="surface", how="anti")


# A city name opening a quotation or following "Operation" names an operation or a site
# ("Operation Aurora", 'an operation dubbed "Phoenix"'), not a place.
_NAMED_AFTER = r"(?i)(?:[\"“„«]|\b(?:operation|operazione|operación|operacion|operação|operacao|opération|operatie|operația|operațiunea|operatiunea|aktion|actie))\s*[\"“„«]?\s*$"


def city_names() -> set[str]:
    """Names of the large cities of the gazetteer: places, never the name of a pirate service."""
    return set(_city_table()["surface"].to_list())


def find_city_mentions(sentences: pl.DataFrame) -> pl.DataFrame:
    """Large cities named in each sentence, as mentions of their country (`mention_kind` "city").

    "Two men were detained in Hanoi" places the arrests in Viet Nam. Names are matched
    case-sensitively on word boundaries, in one Aho-Corasick pass like country names; the
    gazetteer (reference/cities.csv) leaves out names shared by several countries or common as words,
    and the mention blockers and names of operations ("Operation Aurora") are skipped.
    """
    cities = _city_table()
    if sentences.height == 0:
        return pl.DataFrame(schema=_MENTION_SCHEMA)
    surfaces = sorted(cities["surface"].to_list(), key=len, reverse=True)
    found = sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence",
        found_at=pl.col("sentence").str.find_many(surfaces, leftmost=True),
        surface=pl.col("sentence").str.extract_many(surfaces, leftmost=True),
    ).explode("found_at", "surface").drop_nulls("surface")
    located = _located(found)
    before = pl.col("sentence").str.slice(0, pl.col("start"))
    return located.filter(~before.str.contains(contains_form(_NAMED_AFTER))).join(cities, on="surface", how="inner").select(
        "document_key", "sentence_index",
        char_start=pl.col("sentence_start") + pl.col("start"),
        char_end=pl.col("sentence_start") + pl.col("end"),
        surface="surface", country_key="country_key", mention_kind=pl.lit("city"),
    ).cast(_MENTION_SCHEMA).sort("document_key", "sentence_index", "char_start")
