"""Find and normalise the authorities and organisations named in the text.

Registry (``reference/agencies.csv`` + ``reference/agency_aliases.csv``)
------------------------------------------------------------------------
A curated registry of real bodies: police forces and their cybercrime / IP units, prosecution
services and local prosecutors' offices, courts, ministries, regulators, intergovernmental
bodies and the industry bodies that file complaints. ``scope`` is ``local`` for any
sub-national body (a city prosecutor, a German Land's LKA, a US judicial district),
``international`` for intergovernmental bodies (their ``country_key`` is empty) and for a few
bodies acting across borders. Aliases are stored as written (mixed case); every alias maps to
exactly one agency (compared case-insensitively), so a surface form is never ambiguous inside
the registry. Ambiguous short forms are left out on purpose: bare "AFP" (the news agency),
"LKA" (16 Länder), "Federal Police", "National Police", "Ministry of Justice", "Polizei",
"Garda" (Lake Garda), "PGR", "DPP", "OFAC", "NBI", "IPO", ...

Matching rules (``find_agency_mentions``; shared with ``transforms.platforms``)
--------------------------------------------------------------------------------
* One Aho-Corasick pass (``str.find_many`` / ``str.extract_many``, ASCII case-insensitive,
  overlapping) over all sentences finds every candidate; candidates are then filtered in
  polars: a match must sit on word boundaries (not preceded by a letter, digit, ``_`` or a
  hyphen - so "Bundespolizei" is not found inside "US-Bundespolizei" - and not followed by a
  letter, digit or ``_``).
* Case: an alias is matched **case-sensitively** when it has no lower-case letter (acronyms:
  "ACE", "FBI", "USAO EDNY"), is a single word ("Europol", "Politie", "Carabinieri"; its
  ALL-CAPS and capitalised forms are accepted too), contains a one- or two-character token
  ("Serie A", "Now TV"), or is listed in ``CASE_SENSITIVE_ALIASES`` (ordinary phrases such as
  "Secret Service", "Home Office", "Trading Standards"). Other multi-word names match
  case-insensitively (ASCII letters). "ace" in a sentence is therefore never ACE.
* Straight and typographic apostrophes are interchangeable ("Attorney's" / "Attorney’s").
* Declined and unaccented forms are generated from the registry (``with_inflected_aliases``),
  never stored: German genitive -s/-es on masculine/neuter heads ("des Bundeskriminalamts",
  "des Landgerichtes Hamburg"), Romanian genitive/dative of articulated nouns ("Poliției
  Române", "Parchetului"), Romanian cedilla/comma letters (ş/ș, ţ/ț) and, for multi-word
  Latin-script aliases, the accent-free spelling ("Policia Nacional", "Baden-Wuerttemberg").
  A generated form that is already another agency's alias is dropped.
* A few single-word names the press writes in lower case ("i carabinieri", "els mossos") are
  matched in lower case too (``LOWERCASE_SINGLE_WORD_ALIASES``); other single words are not.
* Demonym + generic police word ("Spanish police", "French police") is deliberately *not*
  an alias where the country has several national forces (Spain: Policía Nacional, Guardia
  Civil; France: Police nationale, Gendarmerie; Italy, Portugal, Germany, Brazil, ...):
  the phrase does not say which one. Where there is one national police ("Dutch police" ->
  Politie, "Romanian Police" -> Poliția Română) the registry lists it as an alias.
* Broadcasters and streaming services are platforms, not agencies, even when they complain:
  as agencies they would be reported for every mention of their pirated content.
* Longest match wins: candidates are accepted longest first and a shorter candidate that
  overlaps an accepted one is dropped. One exception keeps information that the longer
  name spells out: a dropped candidate naming an *ancestor* (``parent_agency_key`` chain) of
  the accepted agency is kept, so "Europol's Intellectual Property Crime Coordinated
  Coalition" yields both IPC3 and Europol, and "the Justice Department's Criminal Division"
  both the Criminal Division and the DOJ; "U.S. Attorney's Office for the Eastern District of
  New York" yields only that office (the generic "U.S. Attorney's Office" is not its parent).

Unresolved mentions (``find_unresolved_agency_mentions``)
---------------------------------------------------------
Capitalised organisation-like phrases with an authority head word (Police, Procura, Fiscalía,
Staatsanwaltschaft, Ministry, Court, Office, ...) plus the generic "<prosecutor's office> of
<City>" pattern, that do not overlap a registry match. Generic phrases ("the police", "National
Police", "federal authorities", "Public Prosecutor's Office" with no place) are excluded: a
phrase needs at least one token that is not a generic word, a country adjective or a head.

Resolution (``resolve_agency_names``)
-------------------------------------
Exact match on the folded alias (accents stripped, casefolded, punctuation removed) within the
given country (or an international body); otherwise ``rapidfuzz`` ``token_set_ratio`` against
the aliases of agencies of the *same* country only, with a cutoff (default 90) and a guard that
every distinctive token (place names, unit names) on either side has a close counterpart on
the other, so "Procura di Catania" never becomes "Procura di Catanzaro". Never across countries;
international bodies match exactly only.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import polars as pl
from rapidfuzz import fuzz, process

from transforms.boundaries import contains_form
from transforms.prefilter import char_offset, may_match
from transforms.sentences import MENTION_SCHEMA

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


# Multi-word aliases that are also ordinary phrases: matched only as written (case-sensitive).
CASE_SENSITIVE_ALIASES = frozenset(
    s.casefold()
    for s in [
        "Secret Service", "State Department", "Home Office", "Crown Office", "Procurator Fiscal",
        "Trading Standards", "Trading Standards officers", "Trading Standards Service", "Trading Standards team",
        "Publishers Association", "Civil Guard", "Copyright Alliance", "Rights Alliance", "Intellectual Property Office",
        "Coalition Against Piracy", "Patent and Trademark Office", "Office of International Affairs", "La Liga",
        "Premier League",
    ]
)

# Single-word names that the press writes in lower case as a matter of course ("i carabinieri",
# "els mossos") and that are no ordinary word: their lower-case form is matched too.
LOWERCASE_SINGLE_WORD_ALIASES = frozenset({"carabinieri", "mossos", "ertzaintza", "europol", "eurojust", "interpol"})

# Words that only connect the tokens of a name; ignored when looking for one- or two-letter tokens.
_CONNECTORS = frozenset(
    """of the for and in on at to de di da do du la le les el los las lo il gli y e et del dei degli della delle dello
    des der den die das dem am an i w v pe na al au aux per presso nel nella sul sulla zur zum fur für von van voor
    het dos das em no na pour par para por con""".split()
)


# --------------------------------------------------------------------------------------------
# Registry loading
# --------------------------------------------------------------------------------------------
def _read_csv(name: str) -> pl.DataFrame:
    return pl.read_csv(
        REFERENCE_DIR / name,
        infer_schema=False,  # every column is a string
        empty_string_is_null=True,
    )


def load_agency_registry() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return ``(agencies, aliases)`` as read from ``reference/``.

    agencies: agency_key, name, acronym, agency_type, scope, country_key, parent_agency_key
    (empty cells are null); aliases: alias, agency_key, language.
    """
    agencies = _read_csv("agencies.csv").select(
        "agency_key", "name", "acronym", "agency_type", "scope", "country_key", "parent_agency_key"
    )
    aliases = _read_csv("agency_aliases.csv").select("alias", "agency_key", "language")
    return agencies, aliases


@lru_cache(maxsize=1)
def _registry_parents() -> dict[str, str]:
    agencies, _ = load_agency_registry()
    return {
        k: p
        for k, p in agencies.select("agency_key", "parent_agency_key").iter_rows()
        if p is not None
    }


# --------------------------------------------------------------------------------------------
# Shared alias matcher (also used by transforms.platforms)
# --------------------------------------------------------------------------------------------
def is_case_sensitive(alias: str, extra: frozenset[str] = frozenset()) -> bool:
    """Whether ``alias`` must be matched exactly as written (see module docstring)."""
    if not any(ch.islower() for ch in alias):
        return True
    tokens = alias.split()
    if len(tokens) == 1:
        return True
    if any(len(t) <= 2 and t.casefold() not in _CONNECTORS for t in tokens):
        return True
    folded = alias.casefold()
    return folded in CASE_SENSITIVE_ALIASES or folded in extra


def _variants(alias: str, case_sensitive: bool) -> set[str]:
    out = {alias}
    if case_sensitive and len(alias.split()) == 1 and any(ch.islower() for ch in alias):
        out.add(alias.upper())
        out.add(alias[0].upper() + alias[1:])
        if alias.casefold() in LOWERCASE_SINGLE_WORD_ALIASES:
            out.add(alias.lower())
    for v in list(out):
        if "'" in v:
            out.add(v.replace("'", "’"))
        if "’" in v:
            out.add(v.replace("’", "'"))
    return out


def build_patterns(
    aliases: pl.DataFrame, key_col: str, extra_case_sensitive: frozenset[str] = frozenset()
) -> pl.DataFrame:
    """Expand an alias table into matchable patterns: ``pattern, key, case_sensitive``.

    A null key marks a *blocker*: a phrase that takes part in longest-match selection and then
    removes itself and everything it covers (e.g. "Amazon Fire TV Stick").
    """
    rows: dict[tuple[str, str | None], bool] = {}
    for alias, key in aliases.select("alias", key_col).iter_rows():
        if alias is None or not alias.strip():
            continue
        alias = " ".join(alias.split())
        cs = is_case_sensitive(alias, extra_case_sensitive)
        for v in _variants(alias, cs):
            rows[(v, key)] = rows.get((v, key), True) and cs
    return pl.DataFrame(
        {
            "pattern": [p for p, _ in rows],
            "key": [k for _, k in rows],
            "case_sensitive": list(rows.values()),
        },
        schema={"pattern": pl.String, "key": pl.String, "case_sensitive": pl.Boolean},
    )


_WORDISH = r"^[\p{L}\p{N}_]$"
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_ASCII_UPPER_LETTERS = list("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_ASCII_LOWER_LETTERS = list("abcdefghijklmnopqrstuvwxyz")

# Prepared pattern tables, by identity (the registry's tables are built once, see
# `_registry_patterns`): (patterns, patterns with their lower-case form, needles)
_PREPARED: dict[int, tuple[pl.DataFrame, pl.DataFrame, list[str]]] = {}


def _prepared(patterns: pl.DataFrame) -> tuple[pl.DataFrame, list[str]]:
    """``patterns`` with a ``lower`` column, and the ASCII-lower-cased needles of the automaton.

    The automaton folds ASCII case only, so needles keep their non-ASCII letters as written
    ("Åklagarmyndigheten", "ΕΛΛΗΝΙΚΗ"); one needle per ASCII-folded form is enough.
    """
    hit = _PREPARED.get(id(patterns))
    if hit is not None and hit[0] is patterns:
        return hit[1], hit[2]
    lowered = patterns.with_columns(lower=pl.col("pattern").str.to_lowercase())
    needles = sorted({p.translate(_ASCII_LOWER) for p in patterns.get_column("pattern")})
    if len(_PREPARED) >= 16:
        _PREPARED.clear()
    _PREPARED[id(patterns)] = (patterns, lowered, needles)  # the frame is kept, so its id stays unique
    return lowered, needles


def _candidates(sentences: pl.DataFrame, patterns: pl.DataFrame) -> pl.DataFrame:
    """Every boundary-respecting, case-respecting occurrence of a pattern in the sentences."""
    empty = pl.DataFrame(schema={**MENTION_SCHEMA, "key": pl.String})
    if sentences.height == 0 or patterns.height == 0:
        return empty
    patterns, needles = _prepared(patterns)
    # ASCII case folding done on the text (byte for byte, so offsets hold) and a case-sensitive
    # automaton over ASCII-lower-cased needles: the same matches as an ASCII-case-insensitive
    # automaton, which is several times dearer to build (it is built on every call)
    hits = (
        sentences.select("document_key", "sentence_index", "sentence_start", "sentence")
        .with_columns(_folded=pl.col("sentence").str.replace_many(_ASCII_UPPER_LETTERS, _ASCII_LOWER_LETTERS))
        .with_columns(
            found_at=pl.col("_folded").str.find_many(needles, overlapping=True),
            _match=pl.col("_folded").str.extract_many(needles, overlapping=True),
        )
        .drop("_folded")
        .explode("found_at", "_match")
        .drop_nulls("_match")
    )
    if hits.height == 0:
        return empty
    hits = (
        hits.with_columns(
            start=char_offset(pl.col("sentence"), pl.col("found_at")).cast(pl.Int64)
        )
        # the text the automaton matched (ASCII case folding keeps every character in place)
        .with_columns(surface=pl.col("sentence").str.slice(pl.col("start"), pl.col("_match").str.len_chars()))
        .with_columns(end=pl.col("start") + pl.col("surface").str.len_chars().cast(pl.Int64))
        .filter(pl.col("surface").str.replace_many(_ASCII_UPPER_LETTERS, _ASCII_LOWER_LETTERS) == pl.col("_match"))
        .with_columns(lower=pl.col("surface").str.to_lowercase())
        .join(patterns, on="lower", how="inner")
        .filter(~pl.col("case_sensitive") | (pl.col("surface") == pl.col("pattern")))
        .with_columns(
            prev=pl.when(pl.col("start") > 0)
            .then(pl.col("sentence").str.slice(pl.col("start") - 1, 1))
            .otherwise(pl.lit("")),
            next=pl.col("sentence").str.slice(pl.col("end"), 1),
            first=pl.col("surface").str.slice(0, 1),
            last=pl.col("surface").str.slice(-1, 1),
        )
        .filter(
            ~(
                pl.col("first").str.contains(_WORDISH)
                & (pl.col("prev").str.contains(_WORDISH) | (pl.col("prev") == "-"))
            )
            & ~(pl.col("last").str.contains(_WORDISH) & pl.col("next").str.contains(_WORDISH))
        )
        .select(
            "document_key",
            "sentence_index",
            (pl.col("sentence_start") + pl.col("start")).alias("char_start"),
            (pl.col("sentence_start") + pl.col("end")).alias("char_end"),
            "surface",
            "key",
        )
        .unique(maintain_order=True)
    )
    return hits.cast({"sentence_index": pl.Int64, "char_start": pl.Int64, "char_end": pl.Int64})


def _ancestors(key: str | None, parents: dict[str, str]) -> set[str]:
    out: set[str] = set()
    while key is not None and key in parents and parents[key] not in out:
        key = parents[key]
        out.add(key)
    return out


def select_longest(candidates: pl.DataFrame, parents: dict[str, str] | None = None) -> pl.DataFrame:
    """Longest-match-wins selection over candidate spans (one Python pass over candidates only).

    Candidates are accepted longest first; a candidate overlapping an accepted one is dropped
    unless its key is an ancestor (per ``parents``) of the accepted candidate's key. Accepted
    blockers (null key) are removed at the end.
    """
    parents = parents or {}
    ordered = candidates.with_columns(length=pl.col("char_end") - pl.col("char_start")).sort(
        ["document_key", "char_start", "length", "key"], descending=[False, False, True, False], nulls_last=True
    )
    keep: list[int] = []
    rows = ordered.select("document_key", "char_start", "char_end", "key", "length").rows()
    by_doc: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        by_doc.setdefault(row[0], []).append(i)
    for idxs in by_doc.values():
        accepted: list[int] = []
        for i in sorted(idxs, key=lambda i: (-rows[i][4], rows[i][1])):
            _, s, e, key, _ = rows[i]
            clashes = [j for j in accepted if not (e <= rows[j][1] or s >= rows[j][2])]
            # a span naming several agencies at once (coordination) keeps all of them
            if not clashes or (
                key is not None
                and all(rows[j][1] == s and rows[j][2] == e and rows[j][3] is not None for j in clashes)
            ):
                accepted.append(i)
        acc_set = set(accepted)
        extra: list[int] = []
        for i in idxs:
            if i in acc_set or rows[i][3] is None:
                continue
            _, s, e, key, _ = rows[i]
            for j in accepted:
                if s >= rows[j][1] and e <= rows[j][2] and key in _ancestors(rows[j][3], parents):
                    extra.append(i)
                    break
        # an ancestor found twice inside one span: keep its first occurrence only
        seen: set[tuple[int, str]] = set()
        for i in sorted(extra, key=lambda i: rows[i][1]):
            host = next(j for j in accepted if rows[i][1] >= rows[j][1] and rows[i][2] <= rows[j][2])
            if (host, rows[i][3]) not in seen:
                seen.add((host, rows[i][3]))
                keep.append(i)
        keep.extend(i for i in accepted if rows[i][3] is not None)
    return (
        ordered.with_row_index("_i")
        .filter(pl.col("_i").is_in(keep))
        .drop("_i", "length")
        .sort("document_key", "sentence_index", "char_start", "char_end", "key", nulls_last=True)
    )


def find_alias_mentions(
    sentences: pl.DataFrame,
    patterns: pl.DataFrame,
    key_name: str,
    parents: dict[str, str] | None = None,
    extra_candidates: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Mentions of ``patterns`` (see ``build_patterns``) with the key column renamed ``key_name``."""
    candidates = _candidates(sentences, patterns)
    if extra_candidates is not None and extra_candidates.height:
        candidates = pl.concat([candidates, extra_candidates.select(candidates.columns)], how="vertical_relaxed")
    selected = select_longest(candidates, parents)
    return selected.rename({"key": key_name}).select(*MENTION_SCHEMA, key_name)


# --------------------------------------------------------------------------------------------
# Coordinated plural heads: "the State Criminal Police Offices of Hesse and Saxony"
# --------------------------------------------------------------------------------------------
_PLURAL_HEADS = {
    "Offices": "Office", "Prosecutors General": "Prosecutor General", "Prosecutors' Offices": "Prosecutor's Office",
    "Prosecutor's Offices": "Prosecutor's Office", "Prosecutors’ Offices": "Prosecutor's Office",
    "Prosecutor’s Offices": "Prosecutor's Office", "Courts": "Court", "Police Forces": "Police Force",
    "Procure": "Procura", "Fiscalías": "Fiscalía", "Staatsanwaltschaften": "Staatsanwaltschaft",
    "Generalstaatsanwaltschaften": "Generalstaatsanwaltschaft", "Landeskriminalämter": "Landeskriminalamt",
}
_PLACE = r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?: (?:am|an der|del|de|di|do|da) [A-ZÀ-ÖØ-Þ][\w'’-]*| [A-ZÀ-ÖØ-Þ][\w'’-]*){0,2}"
_COORDINATED = re.compile(
    r"(?P<head>(?:[A-Z][\w'’-]* ){0,4}(?:" + "|".join(sorted(map(re.escape, _PLURAL_HEADS), key=len, reverse=True)) + r"))"
    r"(?: \([^()]{1,30}\))?(?: (?P<prep>of|in|di|de|della|del|for the|at))? (?P<first>" + _PLACE + r")"
    r"(?P<rest>(?:, (?:(?P=prep) )?" + _PLACE + r")*,? (?:and|und|e|y|et) (?:(?P=prep) )?" + _PLACE + r")"
)


def _norm_alias(s: str) -> str:
    return " ".join(s.replace("’", "'").casefold().split())


_PAIRS: dict[int, tuple[pl.DataFrame, tuple[tuple[str | None, str | None], ...]]] = {}


def _alias_pairs(aliases: pl.DataFrame) -> tuple[tuple[str | None, str | None], ...]:
    """The (alias, agency_key) rows of an alias table: a hashable key for work done per registry
    (remembered for the frame itself, which a run passes batch after batch)."""
    hit = _PAIRS.get(id(aliases))
    if hit is not None and hit[0] is aliases:
        return hit[1]
    pairs = tuple(aliases.select("alias", "agency_key").iter_rows())
    if len(_PAIRS) >= 16:
        _PAIRS.clear()
    _PAIRS[id(aliases)] = (aliases, pairs)  # the frame is kept, so its id stays unique
    return pairs


@lru_cache(maxsize=8)
def _registry_patterns(pairs: tuple[tuple[str | None, str | None], ...]) -> pl.DataFrame:
    """``build_patterns(with_inflected_aliases(aliases))``, once per alias table (not per batch)."""
    aliases = pl.DataFrame(list(pairs), schema={"alias": pl.String, "agency_key": pl.String}, orient="row")
    return build_patterns(with_inflected_aliases(aliases), "agency_key")


@lru_cache(maxsize=8)
def _coordination_lookup(pairs: tuple[tuple[str | None, str | None], ...]) -> dict[str, str]:
    return {_norm_alias(a): k for a, k in pairs if a}


def _coordinated_candidates(sentences: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    """Expand "<plural head> of A and B" into one candidate per registry agency "<head> of A", "<head> of B".

    Every candidate spans the whole coordinated phrase; a place that does not give a registry
    alias is left out.
    """
    schema = {**MENTION_SCHEMA, "key": pl.String}
    lookup = _coordination_lookup(_alias_pairs(aliases))
    heads = "|".join(sorted(map(re.escape, _PLURAL_HEADS), key=len, reverse=True))
    subset = sentences.filter(pl.col("sentence").str.contains(rf"(?:{heads})"))
    rows = []
    for doc, idx, sstart, sentence in subset.select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        for m in _COORDINATED.finditer(sentence):
            head = m.group("head")
            plural = next(p for p in sorted(_PLURAL_HEADS, key=len, reverse=True) if head.endswith(p))
            singular = head[: -len(plural)] + _PLURAL_HEADS[plural]
            prep = m.group("prep")
            rest = re.split(r",? (?:and|und|e|y|et) |, ", m.group("rest"))
            places = [m.group("first")] + [re.sub(rf"^(?:{re.escape(prep)} )", "", r) if prep else r for r in rest if r]
            keys = []
            for place in places:
                forms = [f"{singular} {prep} {place}" if prep else f"{singular} {place}", f"{singular} of {place}",
                         f"{place} {singular}"]
                key = next((lookup[_norm_alias(f)] for f in forms if _norm_alias(f) in lookup), None)
                if key is not None and key not in keys:
                    keys.append(key)
            if len(keys) >= 1:
                for key in keys:
                    rows.append((doc, idx, sstart + m.start(), sstart + m.end(), m.group(0), key))
    return pl.DataFrame(rows, schema=schema, orient="row")


# --------------------------------------------------------------------------------------------
# Inflected forms: German genitive, Romanian genitive/dative, Romanian diacritics
# --------------------------------------------------------------------------------------------
# German masculine/neuter head nouns take -s/-es in the genitive ("des Bundeskriminalamts",
# "des Landgerichtes", "des Zollfahndungsdienstes"); feminine heads (Polizei, Staatsanwaltschaft,
# Behörde) do not decline. Only the first such token of an alias is declined.
_DE_GENITIVE = re.compile(
    r"^(?:[A-ZÄÖÜ][\wäöüß-]*)?(?:amt|gericht|gerichtshof|dienst|ministerium|präsidium|zentrum|kommissariat|"
    r"dezernat|referat|büro|bureau|kriminalamt)$",
    re.IGNORECASE,
)
_DE_ES = re.compile(r"(?:amt|gericht|dienst|hof)$", re.IGNORECASE)
_DE_ADJECTIVE = re.compile(r"^([A-ZÄÖÜ][\wäöüß-]*isch)(?:e|en|es|er|em)$")
# Romanian articulated nouns in the nominative and their genitive/dative ("Poliția Română" ->
# "Poliției Române", "Parchetul" -> "Parchetului"); a feminine adjective in -ă directly after a
# declined noun follows it ("Română" -> "Române", "Națională" -> "Naționale").
_RO_OBLIQUE = {
    "Poliția": "Poliției", "Direcția": "Direcției", "Agenția": "Agenției", "Autoritatea": "Autorității",
    "Curtea": "Curții", "Judecătoria": "Judecătoriei", "Garda": "Gărzii", "Brigada": "Brigăzii",
    "Inspecția": "Inspecției", "Poliţia": "Poliţiei", "Direcţia": "Direcţiei", "Agenţia": "Agenţiei",
    "Parchetul": "Parchetului", "Inspectoratul": "Inspectoratului",
    "Ministerul": "Ministerului", "Tribunalul": "Tribunalului", "Serviciul": "Serviciului", "Oficiul": "Oficiului",
    "Departamentul": "Departamentului", "Consiliul": "Consiliului", "Institutul": "Institutului",
}
_RO_TO_CEDILLA = str.maketrans("șțȘȚ", "şţŞŢ")
_RO_TO_COMMA = str.maketrans("şţŞŢ", "șțȘȚ")
_RO_NO_DIACRITICS = str.maketrans("șțȘȚşţŞŢăâîĂÂÎ", "stSTstSTaaiAAI")


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def _strip_accents(s: str) -> str | None:
    """ASCII letters for a Latin-script string ("Córdoba" -> "Cordoba", "ß" -> "ss"); None otherwise."""
    out = []
    for ch in s.replace("ß", "ss"):
        if ch.isascii():
            out.append(ch)
            continue
        base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
        if ch.isalpha() and not base:
            return None  # not Latin script (Greek, Cyrillic, ...)
        out.append(base if ch.isalpha() else ch)
    return "".join(out)


def _unaccented(alias: str) -> set[str]:
    if alias.isascii():
        return set()
    forms = {_strip_accents(alias), _strip_accents(alias.translate(_UMLAUTS))}
    return {f for f in forms if f and f != alias}


def _inflections(alias: str) -> set[str]:
    out: set[str] = set()
    tokens = alias.split(" ")
    for i, tok in enumerate(tokens):
        if _DE_GENITIVE.match(tok) and tok[:1].isupper():
            suffixes = ["s", "es"] if _DE_ES.search(tok) else ["s"]
            out |= {" ".join(tokens[:i] + [tok + sfx] + tokens[i + 1:]) for sfx in suffixes}
            break
    # a German adjective before its noun takes the ending of its article and case ("das Hessische
    # Landeskriminalamt", "des Hessischen Landeskriminalamts", "der Europäischen Staatsanwaltschaft")
    for a in list(out | {alias}):
        words = a.split(" ")
        for i, tok in enumerate(words[:-1]):
            adjective = _DE_ADJECTIVE.match(tok)
            if adjective and words[i + 1][:1].isupper():
                out |= {" ".join(words[:i] + [adjective.group(1) + ending] + words[i + 1:])
                        for ending in ("e", "en", "es", "er", "em")}
    if any(t in _RO_OBLIQUE for t in tokens):
        declined, previous = [], False
        for tok in tokens:
            if tok in _RO_OBLIQUE:
                declined.append(_RO_OBLIQUE[tok])
                previous = True
            elif previous and len(tok) > 3 and tok.endswith("ă"):
                declined.append(tok[:-1] + "e")
            else:
                declined.append(tok)
                previous = False
        out.add(" ".join(declined))
    # news in English (and careless sites) drop the accents: "Policia Nacional", "Fiscalia de Madrid",
    # "Landeskriminalamt Baden-Wuerttemberg"; only for multi-word Latin-script aliases
    if len(alias.split()) > 1:
        for a in list(out | {alias}):
            out |= _unaccented(a)
    romanian = {a for a in out | {alias} if re.search(r"[șțȘȚşţŞŢ]", a)}
    for a in romanian:
        out |= {a.translate(_RO_TO_CEDILLA), a.translate(_RO_TO_COMMA)}
        if re.search(r"[șțşţ]", a) and len(a.split()) > 1:
            out.add(a.translate(_RO_NO_DIACRITICS))
    out.discard(alias)
    return out


def with_inflected_aliases(aliases: pl.DataFrame) -> pl.DataFrame:
    """Add the declined forms of registry aliases (see ``_inflections``) as extra alias rows.

    A generated form that is already an alias (of any agency, compared case-insensitively) is
    not added, so the registry stays unambiguous.
    """
    pairs = aliases.select("alias", "agency_key").drop_nulls().unique(maintain_order=True)
    known = {a.casefold() for a in pairs.get_column("alias")}
    extra: dict[str, str] = {}
    for alias, key in pairs.iter_rows():
        for form in _inflections(" ".join(alias.split())):
            if form.casefold() not in known:
                extra.setdefault(form, key)
    if not extra:
        return pairs
    added = pl.DataFrame({"alias": list(extra), "agency_key": list(extra.values())},
                         schema={"alias": pl.String, "agency_key": pl.String})
    return pl.concat([pairs, added])


# --------------------------------------------------------------------------------------------
# Registry mentions
# --------------------------------------------------------------------------------------------
def find_agency_mentions(
    sentences: pl.DataFrame, aliases: pl.DataFrame, agencies: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Every registry alias in ``sentences``.

    Returns ``document_key, sentence_index, char_start, char_end, surface, agency_key`` with
    offsets into the cleaned document text (``sentence_start`` + offset in the sentence).
    ``agencies`` supplies the parent links for the ancestor rule (module docstring); by default
    the curated registry's links are used.
    """
    if agencies is None:
        parents = _registry_parents()
    else:
        parents = {
            k: p for k, p in agencies.select("agency_key", "parent_agency_key").iter_rows() if p is not None
        }
    patterns = _registry_patterns(_alias_pairs(aliases))
    coordinated = _coordinated_candidates(sentences, aliases)
    return find_alias_mentions(sentences, patterns, "agency_key", parents, coordinated)


# --------------------------------------------------------------------------------------------
# Unresolved authority-like phrases
# --------------------------------------------------------------------------------------------
_UP = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĢĪĮİĶĹĻĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽȘȚΑ-ΩА-Я"
_CAP = rf"(?:[{_UP}](?:[\w'’&-]|\.(?=\w))*\w(?:(?<=\.\w)\.)?|[{_UP}])"
_CONN = (
    r"(?:of|the|for|and|in|on|at|de|del|della|delle|dello|dei|degli|di|da|do|dos|das|du|des|la|le|les|el|los|las"
    r"|der|die|das|den|für|zur|zum|van|voor|het|e|y|et|am|an|al|au|aux|per|presso|il|lo|pe|lângă|na|w|v|za|z)"
)
# a court's or unit's number inside its name ("Juzgado de Instrucción número 4 de Marbella",
# "Tribunale di Roma, sezione n. 2", "Amtsgericht ... Nr. 3")
_NUMBERED = r"(?:n[úu]mero|n[úu]m\.|n\.?\s?º|n\.|no\.|nr\.|Nr\.)[ ]?\d{1,3}"
# a court's ordinal ("Istanbul 5th Criminal Court of Peace", "1st Criminal Court of Florianópolis")
_ORDINAL = r"\d{1,2}(?:st|nd|rd|th|ª|º|°|e|er|ème|ᵉ)(?=[ ])"
_PHRASE = re.compile(rf"(?:{_CAP}|{_ORDINAL})(?:[ ](?:(?:{_CONN}|{_NUMBERED})[ ])*(?:{_CAP}|{_ORDINAL}))*")

# Head words (capitalised) that make a phrase look like an authority.
_HEADS = frozenset(
    """Police Polizia Policía Polícia Policia Politie Poliția Poliţia Politia Polizei Policja Policie Policija Politsei
    Poliisi Polisen Politi Politiet Gendarmerie Gendarmería Gendarmeria Carabinieri Carabineros Constabulary
    Guard Guardia Guarda Prosecutor Prosecutors Prosecutor's Prosecutors' Prosecution Procura Procuratore Procuradoria
    Procuraduría Fiscalía Fiscalia Staatsanwaltschaft Generalstaatsanwaltschaft Landeskriminalamt Parquet Parket
    Parchetul Prokuratura Prokuratúra Ministry Ministries Ministerio Ministero Ministério Ministère Ministerium Court
    Courts Tribunal Tribunale Juzgado Gericht Landgericht Amtsgericht Agency Agencies Agencia Agência Agenzia Bureau
    Directorate Dirección Direzione Direction Direcția Unit Units Unidad Unidade Unità Nucleo Brigade Brigada Squad
    Office Offices Oficina Ufficio Department Departamento Dipartimento Département Authority Autorità Autoridad
    Autoridade Autorité Inspectorate Corps Cuerpo Attorney's Attorneys'""".split()
)
_HEADS_FOLDED = frozenset(h.casefold() for h in _HEADS)
# Tokens that are never enough on their own: generic modifiers, country adjectives, heads.
_GENERIC = frozenset(
    w.casefold()
    for w in """The National Federal State States Local Regional International Foreign European Public Central General
    Supreme High District Judicial Criminal Civil Municipal Provincial City County Justice Law Enforcement Investigation
    Investigations Special Specialised Specialized Cybercrime Cyber Crime Crimes Organized Organised Economic Financial
    Tax Customs Security Interior Competent Relevant Main Chief Field Attorney Attorneys General Authorities Police
    Nacional Federale Fédérale Fédéral Nazionale Nationale Statale Republic Repubblica República Republica Estado Stato
    US U.S. USA EU UN UK Interpol Anti Anti-Piracy Piracy Copyright Intellectual Property Division Section Service
    Services Team Task Force Forces Department Ministry Agency Office Court Unit Bureau Directorate Authority Guard Corps
    American British English Scottish Welsh Irish Italian Spanish Portuguese French German Dutch Belgian Austrian Swiss
    Danish Swedish Norwegian Finnish Estonian Latvian Lithuanian Polish Czech Slovak Slovenian Croatian Hungarian
    Romanian Bulgarian Greek Hellenic Cypriot Maltese Luxembourg Russian Ukrainian Turkish Canadian Mexican Brazilian
    Argentine Argentinian Chilean Colombian Peruvian Australian Japanese Korean Chinese Indian Indonesian Philippine
    Vietnamese Thai Malaysian Israeli Spain Italy France Germany Portugal Netherlands Britain Europe America""".split()
) | frozenset(h.casefold() for h in _HEADS)
# A phrase containing one of these is a newsroom, address or page furniture, not an authority.
_NOT_AUTHORITY = frozenset(
    w.casefold()
    for w in """Press News Noticias Newsroom Editorial Journal Magazine Review Blog Forum Forums Comments Box Post
    Registered Sales Tourist Tourism Ticket Customer Street Avenue Road Suite Floor Building LLP LLC Inc Ltd GmbH
    Stampa Prensa Presse Pressestelle Imprensa Persdienst""".split()
)
# Person titles: "Director of the X Office" -> "X Office"; otherwise a phrase with them is a person.
_TITLES = frozenset(
    w.casefold()
    for w in """Director Assistant Deputy President Vice Minister Commissioner Secretary Judge Spokesperson Spokesman
    Spokeswoman Head Senator Governor Chairman Chair Mr Mrs Ms Dr Prosecutor-General Inspector Superintendent Chief""".split()
)
_GENERIC_PLACE_OFFICE = re.compile(
    r"(?:(?:[Pp]ublic |[Dd]istrict |[Gg]eneral |[Ss]tate |[Pp]rovincial |[Cc]ity |[Rr]egional |[Ff]ederal )?"
    r"(?:[Pp]rosecutor(?:'s|’s|s'|s’)?|[Pp]rosecution|[Aa]ttorney(?:'s|’s)) [Oo]ffice"
    r"|Procura(?: della Repubblica)?(?: presso il [Tt]ribunale)?|Fiscal[íi]a(?: [Pp]rovincial)?"
    r"|(?:General)?[Ss]taatsanwaltschaft|[Pp]arquet|Parchetul|Prokuratura(?: [Oo]kręgowa| [Rr]ejonowa)?"
    r"|Procuradoria|Procuradur[íi]a|Minist[ée]rio P[úu]blico|[Jj]uzgado(?: [Ff]ederal)?|[Tt]ribunal(?:e)?)"
    rf"(?: (?:of|in|for|at|di|de|del|della|du|w|din|do|da|von|in der)(?: the)?)? {_CAP}(?:(?: (?:am|an der|del|de|di))? {_CAP}){{0,3}}"
)
_ARTICLES = r"(?:The|La|Le|Les|L'|El|Il|Lo|Gli|Los|Las|Die|Der|Das|Den|Het|De|O|A|Os|As)"
# Capitalised sentence openers that are not part of a name ("In January the Federal Court of X").
_OPENERS = (
    r"(?:In|On|At|By|For|From|With|After|Before|During|Since|Under|Until|Following|According|Meanwhile|Also|And|But"
    r"|Then|When|While|Last|This|That|These|Next|Earlier|Later|Yesterday|Today|Now|Both|Only|Even|Thanks|Via|Per|Según"
    r"|Tras|Durante|Desde|Para|Por|Con|Según|Nach|Laut|Bei|Mit|Dopo|Secondo|Grazie|Selon|Après|Avec|Par"
    r"|January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
)
_PHRASE_EDGE = re.compile(rf"^(?:(?:{_ARTICLES}|{_OPENERS}|{_CONN}) )+|(?: {_CONN})+$|(?:'s|’s|'|’)$")
_TITLE_WORD = re.compile(r"[^\W\d_][\w'’-]{2,}")


def _is_title_case_line(sentence: str) -> bool:
    """Headlines in Title Case capitalise every word, so capitalisation says nothing there."""
    words = [w for w in _TITLE_WORD.findall(sentence) if w.casefold() not in _CONNECTORS]
    # a headline has no final full stop; a full sentence needs more evidence
    headline = not re.search(r"[.!?:;][\"'”’)\]]*$", sentence.strip())
    if len(words) < (4 if headline else 8):
        return False
    upper = sum(1 for w in words if w[0].isupper())
    return upper / len(words) >= (0.8 if headline else 0.85)


_COORD_SPLIT = re.compile(r",? (?:and|und|e|y|et)(?: (?:the|of the|la|el|die|der|il))? ")


def _split_coordination(phrase: str, start: int) -> list[tuple[str, int]]:
    """"Regional Court of Leipzig and the Amtsgericht Frankfurt" -> two phrases (each side has a head);
    "Ministry of Communication and Informatics" stays whole."""
    parts: list[tuple[str, int]] = []
    cursor = 0
    for m in _COORD_SPLIT.finditer(phrase):
        left, right = phrase[cursor:m.start()], phrase[m.end():]
        has_head = lambda t: any(  # noqa: E731
            x.casefold() in _HEADS_FOLDED or x.casefold().rstrip("'s’") in _HEADS_FOLDED for x in _tokens(t)
        )
        if has_head(left) and has_head(right):
            parts.append((left, start + cursor))
            cursor = m.end()
    parts.append((phrase[cursor:], start + cursor))
    return parts


def _tokens(phrase: str) -> list[str]:
    return [t.strip(".,;:()'’") for t in phrase.split()]


def _headed_tokens(phrase: str, most: int) -> list[str] | None:
    """The folded tokens of a phrase of 2 to `most` tokens with an authority head word and
    nothing that rules it out; None otherwise."""
    toks = _tokens(phrase)
    if len(toks) < 2 or len(toks) > most:
        return None
    folded = [t.casefold() for t in toks]
    if any(t in _NOT_AUTHORITY for t in folded):
        return None
    if not any(t in _HEADS_FOLDED or t.rstrip("'s’") in _HEADS_FOLDED for t in folded):
        return None
    return folded


def _is_generic_authority_phrase(phrase: str) -> bool:
    """Capitalised generic words with a head ("the National Police", "Public Prosecution
    Service"): a proper name in a text about one country, never enough on its own."""
    return _headed_tokens(phrase, 6) is not None


def _is_authority_phrase(phrase: str) -> bool:
    folded = _headed_tokens(phrase, 14)
    if folded is None:
        return False
    content = [t for t in folded if t not in _GENERIC and t.rstrip("'s’") not in _GENERIC and t not in _CONNECTORS]
    content = [t for t in content if not re.fullmatch(r"[\d.,/-]+", t)]
    return bool(content)


def _trim_title(phrase: str, start: int) -> tuple[str, int] | None:
    """Drop a leading person title ("Director of the ...") or reject person-like phrases."""
    toks = phrase.split(" ")
    if toks and toks[0].casefold() in _TITLES:
        m = re.search(r" of (?:the )?", phrase)
        if not m:
            return None
        return phrase[m.end():], start + m.end()
    if any(t.casefold() in _TITLES for t in toks):
        return None
    return phrase, start


def _clean_span(text: str, start: int) -> tuple[str, int]:
    """Strip leading "The"/connectors and a trailing connector or possessive."""
    while True:
        m = _PHRASE_EDGE.search(text)
        if not m or m.end() == m.start():
            return text, start
        if m.start() == 0:
            text, start = text[m.end():], start + m.end()
        else:
            text = text[: m.start()]


_LOWER_CASE_UNIT = re.compile(
    r"(?<![\w-])(?:(?:section|brigade) de recherches|direction (?:inter)?(?:r[ée]gionale|d[ée]partementale|zonale) de (?:la )?"
    r"police judiciaire|groupement de gendarmerie(?: d[ée]partementale)?|police judiciaire f[ée]d[ée]rale)"
    rf" (?:de |d['’]|du )(?:la )?{_CAP}(?:[- ]{_CAP})?"
)
_TRAILING_SEAT = re.compile(rf" (?:in|at) {_CAP}(?: {_CAP})?$")
_ACRONYM_THEN_PLACE = re.compile(
    r" \([A-Z][A-Za-z0-9]{1,9}\) (?P<place>(?:(?:of|in|de|di|du|del|della|do|da|von)(?: the| la)? |d['’])"
    r"[A-ZÀ-Þ][\w'’-]+)"
)


def find_unresolved_agency_mentions(
    sentences: pl.DataFrame, aliases: pl.DataFrame, agencies: pl.DataFrame | None = None,
    resolved: pl.DataFrame | None = None, include_generic: bool = False,
) -> pl.DataFrame:
    """Authority-like phrases that the registry does not know.

    Returns ``document_key, sentence_index, char_start, char_end, surface, agency_key`` (always
    null) and ``name`` (the surface with typographic apostrophes straightened). A phrase that
    overlaps a registry mention is dropped, so every authority is reported once: either
    resolved by ``find_agency_mentions`` or here. Runs a Python regex per sentence, only over
    sentences that contain a head word (measured: well under the Aho-Corasick pass).
    ``resolved``, when given, is ``find_agency_mentions(sentences, aliases, agencies)`` already
    computed by the caller (it is not found twice). With ``include_generic``, phrases of generic
    words only ("the National Police") are returned too, marked by a ``generic`` column, for
    ``resolve_generic_agency_names``.
    """
    out_schema = {**MENTION_SCHEMA, "agency_key": pl.String, "name": pl.String}
    if include_generic:
        out_schema["generic"] = pl.Boolean
    if sentences.height == 0:
        return pl.DataFrame(schema=out_schema)
    if resolved is None:
        resolved = find_agency_mentions(sentences, aliases, agencies)
    head_re = "|".join(sorted((re.escape(h) for h in _HEADS), key=len, reverse=True))
    candidates = sentences.with_columns(_may_name_unit=may_match(pl.col("sentence"), _LOWER_CASE_UNIT)).filter(
        pl.col("sentence").str.contains(rf"(?:{head_re})") | pl.col("sentence").str.contains(r"(?i)prosecutor|procura|fiscal|parquet|staatsanwalt")
        | pl.col("_may_name_unit")
    )
    taken: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for doc, idx, cs, ce in resolved.select("document_key", "sentence_index", "char_start", "char_end").iter_rows():
        taken.setdefault((doc, idx), []).append((cs, ce))
    rows: list[tuple] = []
    for doc, idx, sstart, sentence, may_name_unit in candidates.select(
        "document_key", "sentence_index", "sentence_start", "sentence", "_may_name_unit"
    ).iter_rows():
        blocked = [(a - sstart, b - sstart) for a, b in taken.get((doc, idx), [])]
        found: list[tuple[int, int, str]] = []
        matches = list(_GENERIC_PLACE_OFFICE.finditer(sentence))
        if not _is_title_case_line(sentence):
            matches += list(_PHRASE.finditer(sentence))
        # French units written in lower case, named by their seat ("la section de recherches de Marseille")
        for unit in _LOWER_CASE_UNIT.finditer(sentence) if may_name_unit else ():
            if not any(unit.start() < b and a < unit.end() for a, b in blocked):
                found.append((unit.start(), unit.end(), unit.group(0), False))
        for m in matches:
            for text, start in _split_coordination(m.group(0), m.start()):
                text, start = _clean_span(text, start)
                trimmed = _trim_title(text, start)
                if trimmed is None:
                    continue
                text, start = _clean_span(*trimmed)
                # "Superior Court of Quebec in Montreal": the seat after a whole name is not part of it
                seat = _TRAILING_SEAT.search(text)
                if seat and _is_authority_phrase(text[:seat.start()]):
                    text = text[:seat.start()]
                end = start + len(text)
                if any(start < b and a < end for a, b in blocked):
                    continue
                if _is_authority_phrase(text):
                    found.append((start, end, text, False))
                elif include_generic and _is_generic_authority_phrase(text):
                    found.append((start, end, text, True))
        # longest first, no overlaps
        found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))
        kept: list[tuple[int, int, str, bool]] = []
        for f in found:
            if all(f[1] <= k[0] or f[0] >= k[1] for k in kept):
                kept.append(f)
        for s, e, text, generic in kept:
            # "Departamento de Investigação e Ação Penal (DIAP) de Lisboa": the acronym interrupts
            # the name, whose place comes after it
            place = _ACRONYM_THEN_PLACE.match(sentence, e)
            name = f"{text} {place.group('place')}" if place else text
            rows.append((doc, idx, sstart + s, sstart + e, text, generic, name))
    unresolved = pl.DataFrame(rows, schema={**MENTION_SCHEMA, "generic": pl.Boolean, "name": pl.String}, orient="row")
    return (
        unresolved.with_columns(
            agency_key=pl.lit(None, dtype=pl.String),
            name=pl.col("name").str.replace_all("’", "'"),
        )
        .select(*out_schema)
        .sort("document_key", "sentence_index", "char_start")
    )


# --------------------------------------------------------------------------------------------
# Name resolution
# --------------------------------------------------------------------------------------------
_FOLD_DROP = re.compile(r"[^a-z0-9]+")


def fold_name(s: str | None) -> str:
    """Accent-stripped, casefolded, punctuation-free form used for exact alias matching."""
    if s is None:
        return ""
    s = s.replace("’", "'").replace("‘", "'")
    s = unicodedata.normalize("NFKD", s).encode("ascii", "ignore").decode().casefold()
    s = s.replace("&", " and ").replace("+", " plus ")
    s = _FOLD_DROP.sub(" ", s).strip()
    return re.sub(r"^the ", "", s)


_FOLDED_GENERIC = frozenset(fold_name(w) for w in _GENERIC | _CONNECTORS | {"s", "republic", "repubblica", "presso", "il"})


def _distinctive(folded: str) -> list[str]:
    return [t for t in folded.split() if t not in _FOLDED_GENERIC and len(t) > 1]


def _tokens_covered(a: list[str], b: list[str], cutoff: float = 85.0) -> bool:
    return all(any(fuzz.ratio(x, y) >= cutoff for y in b) for x in a)


@lru_cache(maxsize=8)
def _resolution_index(
    alias_rows: tuple[tuple[str | None, str | None], ...],
    agency_rows: tuple[tuple[str | None, ...], ...],
) -> tuple[dict[str, list[tuple[str, str | None]]], dict[str, tuple[list[str], list[str]]]]:
    """(folded alias -> [(agency_key, country_key)], country -> (folded aliases, their keys)) of a
    registry: the registry's aliases, names and acronyms, folded once per registry (not per batch)."""
    aliases = pl.DataFrame(list(alias_rows), schema={"alias": pl.String, "agency_key": pl.String}, orient="row")
    agencies = pl.DataFrame(list(agency_rows), schema={"agency_key": pl.String, "name": pl.String, "acronym": pl.String,
                                                        "country_key": pl.String}, orient="row")
    alias_table = (
        pl.concat(
            [
                aliases.select("alias", "agency_key"),
                agencies.select(pl.col("name").alias("alias"), "agency_key"),
                agencies.filter(pl.col("acronym").is_not_null()).select(pl.col("acronym").alias("alias"), "agency_key"),
            ]
        )
        .join(agencies.select("agency_key", "country_key"), on="agency_key", maintain_order="left")
        .with_columns(folded=pl.col("alias").map_elements(fold_name, return_dtype=pl.String))
        # registry order, so equal fuzzy scores are broken the same way on every run
        .unique(["folded", "agency_key"], keep="first", maintain_order=True)
    )
    exact: dict[str, list[tuple[str, str | None]]] = {}
    by_country: dict[str, tuple[list[str], list[str]]] = {}
    for folded, key, country in alias_table.select("folded", "agency_key", "country_key").iter_rows():
        exact.setdefault(folded, []).append((key, country))
        if country is not None:
            choices, keys = by_country.setdefault(country, ([], []))
            choices.append(folded)
            keys.append(key)
    return exact, by_country


_EDGE_CONNECTORS = frozenset({"of", "the", "de", "del", "della", "di", "du", "des", "da", "do", "van", "der", "in", "s"})


@lru_cache(maxsize=8)
def _generic_index(
    alias_rows: tuple[tuple[str | None, str | None], ...],
    agency_rows: tuple[tuple[str | None, ...], ...],
) -> dict[tuple[str, str], set[str]]:
    """(country, folded name without the country's words) -> agency keys: "Spanish National
    Police" is "national police" in Spain, "Dutch Public Prosecution Service" "public prosecution
    service" in the Netherlands."""
    from transforms.countries import build_country_aliases

    country_words: dict[str, list[str]] = {}
    for alias, country in build_country_aliases().select("alias", "country_key").iter_rows():
        folded = fold_name(alias)
        if folded:
            country_words.setdefault(country, []).append(folded)
    for words in country_words.values():
        words.sort(key=len, reverse=True)
    exact, _ = _resolution_index(alias_rows, agency_rows)
    index: dict[tuple[str, str], set[str]] = {}
    for folded, owners in exact.items():
        for key, country in owners:
            if country is None or country not in country_words:
                continue
            padded = f" {folded} "
            for word in country_words[country]:
                padded = padded.replace(f" {word} ", " ")
            tokens = padded.split()
            while tokens and tokens[0] in _EDGE_CONNECTORS:
                tokens.pop(0)
            while tokens and tokens[-1] in _EDGE_CONNECTORS:
                tokens.pop()
            stripped = " ".join(tokens)
            if stripped != folded and len(tokens) >= 2:
                index.setdefault((country, stripped), set()).add(key)
    return index


def resolve_generic_agency_names(names: pl.DataFrame, agencies: pl.DataFrame | None = None,
                                 aliases: pl.DataFrame | None = None) -> pl.DataFrame:
    """Generic names in a known country ("the National Police" in a story about Spain): the one
    registry agency of that country whose name, without the country's words, is that name.
    Input ``name``, ``country_key``; adds ``agency_key`` (null when none or several match)."""
    if agencies is None or aliases is None:
        agencies, aliases = load_agency_registry()
    index = _generic_index(_alias_pairs(aliases),
                           tuple(agencies.select("agency_key", "name", "acronym", "country_key").iter_rows()))
    keys = [_own_name_key(index, name, country) for name, country in names.select("name", "country_key").iter_rows()]
    return names.with_columns(agency_key=pl.Series(keys, dtype=pl.String))


def _own_name_key(index: dict[tuple[str, str], set[str]], name: str, country: str | None) -> str | None:
    """The one agency of `country` whose registry name, without the country's words, is `name`."""
    found = index.get((country, fold_name(name)), set()) if country else set()
    return next(iter(found)) if len(found) == 1 else None


def resolve_agency_names(
    names: pl.DataFrame,
    agencies: pl.DataFrame | None = None,
    aliases: pl.DataFrame | None = None,
    cutoff: float = 90.0,
) -> pl.DataFrame:
    """Map free-text agency names to registry keys.

    Input columns ``name`` and ``country_key`` (ISO alpha-3, nullable); output adds
    ``agency_key`` (null when unresolved) and ``match_score`` (100 for an exact folded alias
    match, or for a registry name without its country's words in that country, the rapidfuzz
    score for a fuzzy one, null when unresolved). Registry frames default to
    ``load_agency_registry()``.
    """
    if agencies is None or aliases is None:
        agencies, aliases = load_agency_registry()
    alias_rows = _alias_pairs(aliases)
    agency_rows = tuple(agencies.select("agency_key", "name", "acronym", "country_key").iter_rows())
    exact, by_country = _resolution_index(alias_rows, agency_rows)
    own_names = _generic_index(alias_rows, agency_rows)

    out_keys: list[str | None] = []
    out_scores: list[float | None] = []
    for name, country in names.select("name", "country_key").iter_rows():
        key, score = _resolve_one(fold_name(name), country, exact, by_country, cutoff)
        if key is None and country is not None and _POSSESSOR.match(name):
            # "Portugal's Judiciary Police": the country is known, the rest is the agency's name
            key, score = _resolve_one(fold_name(_POSSESSOR.sub("", name, count=1)), country, exact, by_country, cutoff)
        if key is None and (key := _own_name_key(own_names, name, country)) is not None:
            # a national body's own name, which other countries share ("Ministério Público" in
            # Portugal and in Brazil): the one registry agency of the text's country that bears it
            score = 100.0
        out_keys.append(key)
        out_scores.append(score)
    return names.with_columns(
        agency_key=pl.Series(out_keys, dtype=pl.String),
        match_score=pl.Series(out_scores, dtype=pl.Float64),
    )


_POSSESSOR = re.compile(r"^(?:the\s+)?[\w.\s-]{2,30}?['’]s\s+(?=\w)")


def _resolve_one(folded: str, country: str | None, exact: dict, by_country: dict,
                 cutoff: float) -> tuple[str | None, float | None]:
    """The registry key of one folded name (exact alias, else a fuzzy match among the
    country's agencies), with its score."""
    key: str | None = None
    score: float | None = None
    candidates = exact.get(folded, []) if folded else []
    if country is None:
        distinct = {k for k, _ in candidates}
        if len(distinct) == 1:
            key, score = distinct.pop(), 100.0
    else:
        same = {k for k, c in candidates if c == country} or {k for k, c in candidates if c is None}
        if len(same) == 1:
            key, score = same.pop(), 100.0
        elif not same and folded and country in by_country and _distinctive(folded):
            choices, keys = by_country[country]
            q_tokens = _distinctive(folded)
            found = process.extract(folded, choices, scorer=fuzz.token_set_ratio, score_cutoff=cutoff, limit=25)
            # equal token-set scores ("Police in Austria": "Federal Police of Austria" and
            # "Austria's Federal Criminal Police Office" both 90.3) go to the closer spelling
            found.sort(key=lambda f: (-f[1], -fuzz.ratio(folded, f[0]), f[2]))
            for choice, s, i in found:
                c_tokens = _distinctive(choice)
                if _tokens_covered(q_tokens, c_tokens) and _tokens_covered(c_tokens, q_tokens):
                    key, score = keys[i], float(s)
                    break
    return key, score


# ---------------------------------------------------------------------------------------------
# Rights holders as complainants
# ---------------------------------------------------------------------------------------------

# A broadcaster, league or studio is an actor of the operation only where the text says it
# complained, referred, filed or assisted; everywhere else it is content that was pirated.
_ARTICLE = r"(?:the\s+|la\s+|il\s+|le\s+|el\s+|die\s+|der\s+|de\s+|het\s+|a\s+|o\s+|l['’])?"
# an earlier item of the same list ("filed by Canal+ and beIN SPORTS", "presentate da Sky Italia e DAZN")
_LISTED = r"(?:[^\s,;.]+(?:\s+[^\s,;.]+){0,2}\s*(?:,|\band|\bet|\be|\by|\bund|\ben|\bși)\s+)?"
_COMPLAINANT_BEFORE = (
    # "following a complaint from", "a denuncia di", "at the request of", "on behalf of"
    r"(?i)(?:\b(?:complaints?|referrals?|tip-?offs?|requests?|petitions?|behalf|denuncias?|denunce|querelas?|segnalazion[ei]|esposto|"
    r"plaintes?|signalement|Strafanzeige|Anzeige|aangifte|melding|pl[âa]ngere[a]?|sesiz[ăa]ri?|queixas?|"
    r"reclama[çc][ãa]o|representa[çc][ãa]o)(?:\s+[\w'’]+){0,3}?\s+(?:from|by|of|di|da|dal|dalla|della|del|de|du|"
    r"des|von|der|van|door|lui|do|da|al|par)\s+" + _LISTED + _ARTICLE + r"$"
    # "filed by", "supported by"
    r"|\b(?:reported|filed|flagged|lodged|brought|initiated|supported|assisted|backed|helped|launched|"
    r"presentad[ao]s?|presentat[aei]|d[ée]pos[ée]e?s?|sporta|depus[ăa]|erstattet)\s+(?:by|por|da|dalla|von|de|door|par)\s+" + _LISTED + _ARTICLE + r"$"
    # "with the support of", "in cooperation with"
    r"|\b(?:support|assistance|help|cooperation|co-operation|collaboration|colabora[çc][ãa]o|colaboraci[óo]n|"
    r"collaborazione|Zusammenarbeit|samenwerking|colaborare|sostegno|supporto|apoyo|apoio|Unterst[üu]tzung|"
    r"soutien|concours)\s+(?:of|from|with|di|da|de|del|della|von|van|du|des|con|com|avec|met|mit|cu)\s+" + _ARTICLE + r"$"
    # "together with", "working with"
    r"|\b(?:together|working|worked|partnered|partnership|forces)\s+with\s+" + _ARTICLE + r"$)"
)
_COMPLAINANT_AFTER = (
    r"(?i)^\s*(?:,\s*which\s+|\s+)?(?:has\s+|had\s+|have\s+)?(?:also\s+)?(?:filed|lodged|complained|reported|referred|"
    r"supported|assisted|helped|brought|initiated|welcomed|provided|supplied|sporto|denunci\w+|present[óo]|"
    r"a\s+d[ée]pos[ée]|"
    r"erstattete|deed\s+aangifte|a\s+depus)\b"
)
_SUPPORTED_BY_RELATIVE = r"(?i)\bwhich\s+(?:the\s+)?$"  # "..., which the Premier League supported"


# A body cited for a study or statistics ("Selon une étude de l'Arcom ...", "The EUIPO's new
# threat assessment says ...") or described in an about-us sentence ("ACE is made up of ... and
# leverages the resources of the MPA", "IPC3 is co-funded by the EUIPO") did not act in the
# operation, unless the sentence also tells of a measure.
_SOURCE_SENTENCE = (
    r"(?i)\b(?:(?:a|an|the|its|their|our|new|latest|recent)\s+(?:[\w-]+\s+)?(?:study|survey|threat assessment)\b|"
    r"(?:study|survey) (?:by|from|commissioned|published|conducted)\b|une [ée]tude\b|un estudio\b|"
    r"eine (?:neue )?Studie\b|un studiu\b|uno studio\b|"
    r"is made up of|are made up of|is composed of|is comprised of|(?:is|are) co-?funded by|leverages|"
    # an agency's about-us: "It supports national authorities in the fight against serious crime"
    r"supports?\s+(?:the\s+)?(?:national\s+(?:authorities|investigators)|(?:EU\s+)?Member\s+States)\s+in\b|"
    # a body said not to have acted, or named as where documents are found
    r"(?:was|were|is|are)\s+not\s+(?:involved|part\s+of)\b|took\s+no\s+part\b|played\s+no\s+(?:part|role)\b|"
    r"(?:found|available|published)\s+on\s+the\s+(?:website|web\s?site|site|web\s?page)\s+of\b)"
)
_MEASURE_SENTENCE = (
    r"(?i)\b(?:arrest|detain|detuv|detenid|arrestat|festgenommen|aangehouden|re[tț]inu|interpell|search|raid|"
    r"perquisi|registr|durchsuch|doorzo|perchezi|seiz|confiscat|sequestr|incaut|beschlagnahm|apreend|saisi|"
    r"dismantl|desmantel|smantell|d[ée]mantel|shut down|taken down|took down|charged|indict|sentenced|convicted)"
)


def find_source_sentences(sentences: pl.DataFrame) -> pl.DataFrame:
    """The sentences that cite a study or describe a body and tell of no measure (see
    `_SOURCE_SENTENCE`): neither the bodies nor the figures in them are the operation's."""
    return sentences.filter(pl.col("sentence").str.contains(contains_form(_SOURCE_SENTENCE))
                            & ~pl.col("sentence").str.contains(contains_form(_MEASURE_SENTENCE))
                            ).select("document_key", "sentence_index")


def complainant_mentions(mentions: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """The mentions (of platforms or of industry agencies) that the text makes complainants or helpers.

    `mentions` has document_key, sentence_index, char_start and char_end (offsets into the
    document, as `find_alias_mentions` gives them); its other columns are kept.
    """
    if mentions.height == 0:
        return mentions
    text = sentences.select("document_key", "sentence_index", "sentence_start", "sentence")
    located = mentions.join(text, on=["document_key", "sentence_index"], how="inner")
    start = pl.col("char_start") - pl.col("sentence_start")
    end = pl.col("char_end") - pl.col("sentence_start")
    before = pl.col("sentence").str.slice((start - 90).clip(lower_bound=0), pl.min_horizontal(start, pl.lit(90)))
    after = pl.col("sentence").str.slice(end, 40)
    return located.filter(
        before.str.contains(contains_form(_COMPLAINANT_BEFORE))
        | after.str.contains(contains_form(_COMPLAINANT_AFTER))
        | (before.str.contains(contains_form(_SUPPORTED_BY_RELATIVE)) & after.str.contains(r"^\s+(?:\w+\s+)?(?:supported|assisted|helped|backed)"))
    ).select(mentions.columns)


def rights_holder_agencies(platforms: pl.DataFrame, platform_aliases: pl.DataFrame,
                           agency_aliases: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Rights holders as agencies: (new dim_agency rows, their dim_agency_alias rows, platform_key -> agency_key).

    A platform one of whose names is already an agency's alias (an industry body, a league in
    the registry) maps to that agency; any other gets an agency of its own, `rights-<platform_key>`,
    of type industry, so that "following a complaint from Sky Ireland" links the broadcaster.
    """
    surfaces = pl.concat([
        platform_aliases.select("platform_key", pl.col("alias").str.to_lowercase().str.strip_chars()),
        platforms.select("platform_key", pl.col("name").str.to_lowercase().str.strip_chars().alias("alias")),
    ]).unique()
    known = agency_aliases.select(pl.col("alias").str.to_lowercase().str.strip_chars(), "agency_key")
    existing = (surfaces.join(known, on="alias", how="inner")
                .sort("platform_key", "agency_key").unique("platform_key", keep="first").select("platform_key", "agency_key"))
    new = platforms.join(existing, on="platform_key", how="anti").with_columns(
        agency_key=pl.concat_str(pl.lit("rights-"), pl.col("platform_key")))
    rows = new.select(
        "agency_key",
        "name",
        pl.lit(None, pl.String).alias("acronym"),
        pl.lit("industry").alias("agency_type"),
        pl.when(pl.col("platform_type").is_in(["streaming", "studio"])).then(pl.lit("international"))
        .otherwise(pl.lit("national")).alias("scope"),
        pl.lit(None, pl.String).alias("country_key"),
        pl.lit(None, pl.String).alias("parent_agency_key"),
    )
    aliases = (
        surfaces.join(new.select("platform_key", "agency_key"), on="platform_key", how="inner")
        .select("alias", "agency_key", pl.lit(None, pl.String).alias("language"))
        .filter(pl.col("alias").str.len_chars() > 0)
        .unique(["alias", "agency_key"]).sort("agency_key", "alias")
    )
    mapping = pl.concat([existing, new.select("platform_key", "agency_key")]).sort("platform_key")
    return rows, aliases, mapping


# ---------------------------------------------------------------------------------------------
# Agencies the registry does not know
# ---------------------------------------------------------------------------------------------

UNREGISTERED_PREFIX = "unregistered-"
# words every agency name is made of; a name needs one word besides these (a place, a subject)
# to name one body rather than a kind of body: "Hanoi City Police", not "the Sheriff's Office"
_INSTITUTIONAL_WORDS = frozenset("""
police policia polícia polizia polizei politie poliția politia office offices court courts ministry department
directorate directorates unit units bureau division agency service services authority authorities prosecutor
prosecutor's prosecutors prosecution sheriff sheriff's general national regional provincial federal state central
public chief crown district county city municipal high supreme criminal crime crimes cybercrime cyber economic
financial investigation investigations investigative intelligence security special operations operational
command commission commissioner directorate-general headquarters force forces team task the of and for against
in on to at de la le les del della dei degli des du di da do dos das der die das den van het și si a al en y e
pe lângă langa lui
juzgado juzgados instrucción instruccion audiencia fiscalía fiscalia tribunal tribunale tribunalul judecătoria
judecatoria parchetul procura procuradoria procuraduría polícia policía polícias policías polizie comando
comisaría commissariato delegación delegacion guardia gendarmerie gendarmería carabinieri civil civile civiles civis
intellectual property propriedade propiedad proprietà intelectual intellettuale haftbefehl haftbefehlen
amtsgericht amtsgerichts landgericht staatsanwaltschaft generalstaatsanwaltschaft kriminalpolizei nucleo núcleo
brigada brigade unidad unità unidade dirección direzione direção direction gruppo grupo sección sezione
ministerio ministero ministère ministerium ministerie nacional nazionale nationale federale provinciale regionale
openbaar politie rechtbank hof interior justice culture home affairs foreign finance defence defense internal
""".split())
_AGENCY_TYPE_RULES = [
    ("police", r"(?i)police|sheriff|gendarm|carabinier|guardia|garda|constabulary|polic[ií]a|polizia|polizei|politie|poli[țt]ia"),
    ("prosecution", r"(?i)prosecut|procura|fiscal[ií]a|parquet|staatsanwalt|parchet|minist[ée]rio\s+p[úu]blico|openbaar\s+ministerie"),
    ("judiciary", r"(?i)court|tribunal|gericht|rechtbank|judge|juzgado|judec[ăa]tori"),
    ("ministry", r"(?i)ministr|minist[eé]r|ministerium|ministerie"),
]
_LOCAL_WORDS = r"(?i)\b(?:city|county|municipal|regional|provincial|state|district|metropolitan|town|local|crown)\b"


_TRAILING_DATE = (
    r"(?i)\s+(?:on|in|at|last|this|since|from|el|il|le|am|im|op|în|em|no|na)\s+(?:the\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
    r"august|september|october|november|december|\d{1,2}|\d{4})\b.*$"
)


def _has_proper_word(name: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'’-]*", name)
    return any(w[0].isupper() and w.lower().replace("’", "'") not in _INSTITUTIONAL_WORDS for w in words)


def _slug(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")[:80].strip("-")


def unregistered_agencies(unresolved: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Agencies named in the text but not in the registry, kept as agencies of their own.

    `unresolved` has document_key, sentence_index and name (the mentions `find_unresolved_agency_mentions`
    found and fuzzy matching could not place). A name that names one body ("Liverpool Crown Court",
    "Regional Prosecutor's Office in Kraków") becomes an agency keyed `unregistered-<slug of the name>`,
    so the same name in any document is the same agency; its type comes from its head word. Returns
    (dim_agency rows, mentions: document_key, sentence_index, agency_key). The names stay in
    `unresolved_agency_mention` too, for curators to add to the registry.
    """
    names = unresolved.select("name").unique().with_columns(
        # "Northwood Crown Court on Friday": a date after the name is not part of it
        body=pl.col("name").str.replace(_TRAILING_DATE, "")
    ).filter(
        pl.col("body").map_elements(_has_proper_word, return_dtype=pl.Boolean)
    ).with_columns(agency_key=pl.lit(UNREGISTERED_PREFIX) + pl.col("body").map_elements(_slug, return_dtype=pl.String))
    names = names.filter(pl.col("agency_key") != UNREGISTERED_PREFIX)
    agency_type = pl.lit("other")
    for kind, pattern in reversed(_AGENCY_TYPE_RULES):
        agency_type = pl.when(pl.col("name").str.contains(contains_form(pattern))).then(pl.lit(kind)).otherwise(agency_type)
    rows = (
        names.sort("name").unique("agency_key", keep="first", maintain_order=True)
        .select(
            "agency_key", pl.col("body").alias("name"), pl.lit(None, pl.String).alias("acronym"),
            agency_type.alias("agency_type"),
            pl.when(pl.col("name").str.contains(contains_form(_LOCAL_WORDS))).then(pl.lit("local")).otherwise(pl.lit("national")).alias("scope"),
            pl.lit(None, pl.String).alias("country_key"), pl.lit(None, pl.String).alias("parent_agency_key"),
        )
    )
    mentions = (unresolved.select("document_key", "sentence_index", "name")
                .join(names.select("name", "agency_key"), on="name", how="inner")
                .select("document_key", "sentence_index", "agency_key"))
    return rows, mentions
