"""Find the services and rights holders whose content was pirated.

Registry (``reference/platforms.csv`` + ``reference/platform_aliases.csv``)
---------------------------------------------------------------------------
``platform_type`` is one of streaming, broadcaster, studio, sports league, industry body,
other (publishers, music labels, game companies). Names are the common brand names
("Amazon Prime Video", "Disney+", "HBO", "Sky"), because downstream scoring and analysts
compare by name. The alias table is the only thing matched: a platform's canonical name is
an alias only where it is safe as a search term.

Choices about ambiguous names (documented here rather than in an extra CSV column):

* Matching follows ``transforms.agencies`` (see its docstring): single words, all-caps
  forms and aliases with a one- or two-character token are case-sensitive, so "Sky",
  "Peacock", "Paramount", "Disney", "Amazon", "Globo", "Rai", "Hulu" match only capitalised
  (or in capitals), never "sky", "peacock", "paramount importance", "globo" (Spanish
  "balloon"); "Serie A", "La Liga", "Now TV" only as written.
* Not aliases at all because they are ordinary words or names: "Max" (the service is found
  as "HBO Max"), "Fox" ("Fox Corporation", "Fox Sports"), "FX", "M6" (a motorway), "Stan",
  "Nova", "Claro" ("of course" in Spanish/Portuguese; "Claro TV" is kept), "Bell", "Eleven",
  "Universal" ("Universal Pictures"), "Sony" (pictures, music and games are separate
  rights holders), "Apple TV" (the device), "PlayStation", "Springer" (Axel Springer),
  "Pearson" (a surname), "Record" ("Record TV").
* Bare "Amazon" maps to Amazon Prime Video (Amazon's video rights); the Fire TV devices
  and AWS are blocked (``BLOCKERS``) because pirate IPTV runs on them.
* News outlets owned by broadcasters ("Sky News", "BBC News", "Fox News", ...) are
  blocked: in a report they are a source, not a pirated service.
* "HBO" is the network/brand, "Max"/"HBO Max" the streaming service; "Sky" is the group,
  with Sky Italia, Sky Deutschland, Sky Sports and Sky Brasil separate; "BT Sport" is an
  alias of TNT Sports (its current name); "Paramount" (the company), "Paramount+" and
  "Paramount Pictures" are three platforms; "Disney" (the company), "Disney+" and "Walt
  Disney Studios" likewise. Sub-brands that a report names on their own are platforms of
  their own, because analysts compare by name: SporTV, Telecine and Premiere (not Globo), Joyn
  (not ProSiebenSat.1), RTL+ and Videoland (not RTL), Funimation, Mediaset España, Digi Sport,
  DStv and MultiChoice, Star Sports, and "Sky Sport" (the Italian/German sports channels) apart
  from the British "Sky Sports". Leagues (LaLiga, Premier League, Serie A, UEFA, ...) are
  platforms here and also industry bodies in the agency registry, where they act as
  complainants.
"""
from __future__ import annotations

from functools import lru_cache

import polars as pl

from transforms.agencies import REFERENCE_DIR, build_patterns, find_alias_mentions
from transforms.boundaries import contains_form

# Phrases that contain a platform alias but do not name the platform as a rights holder.
BLOCKERS = (
    "Amazon Web Services", "Amazon Fire TV", "Amazon Fire TV Stick", "Amazon Fire Stick", "Amazon Firestick",
    "Amazon Fire", "Amazon Echo", "Amazon Pay", "Amazon rainforest", "Amazon Rainforest", "Amazon River", "Amazon basin",
    "Amazon Basin", "Amazon region", "Amazonas", "Sky News", "SKY News", "Sky News Arabia", "BBC News", "BBC World Service",
    "CBS News", "NBC News", "ABC News", "Fox News", "FOX News", "Fox Business", "ESPN Radio", "Rai News", "RaiNews",
    "Globo.com", "O Globo", "El Globo", "Apple TV 4K",
)

# Multi-word platform aliases that are also ordinary phrases: matched only as written.
CASE_SENSITIVE_PLATFORM_ALIASES = frozenset(
    s.casefold()
    for s in ["La Liga", "Star Plus", "Random House", "Claro video", "Sport TV", "Champions League", "Fox Network",
              "Premier League", "Europa League", "Premier Sports", "El Trece", "Canal del Fútbol", "blue Sport",
              "ON Sport"]
)


def load_platform_registry() -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return ``(platforms, aliases)``: platform_key, name, platform_type / alias, platform_key."""
    read = lambda name: pl.read_csv(  # noqa: E731
        REFERENCE_DIR / name, infer_schema=False, empty_string_is_null=True
    )
    platforms = read("platforms.csv").select("platform_key", "name", "platform_type")
    aliases = read("platform_aliases.csv").select("alias", "platform_key")
    return platforms, aliases


def find_platform_mentions(sentences: pl.DataFrame, aliases: pl.DataFrame) -> pl.DataFrame:
    """Every platform alias in ``sentences``.

    Returns ``document_key, sentence_index, char_start, char_end, surface, platform_key`` with
    offsets into the cleaned document text; same rules as ``find_agency_mentions`` (word
    boundaries, case-sensitive short/ambiguous names, longest match wins) plus ``BLOCKERS``.
    """
    patterns = _platform_patterns(tuple(aliases.select("alias", "platform_key").iter_rows()))
    return find_alias_mentions(sentences, patterns, "platform_key")


@lru_cache(maxsize=8)
def _platform_patterns(pairs: tuple[tuple[str | None, str | None], ...]) -> pl.DataFrame:
    """The matchable patterns of an alias table plus ``BLOCKERS``, once per table (not per batch)."""
    rows = list(pairs) + [(blocker, None) for blocker in BLOCKERS]
    table = pl.DataFrame(rows, schema={"alias": pl.String, "platform_key": pl.String}, orient="row")
    return build_patterns(table, "platform_key", CASE_SENSITIVE_PLATFORM_ALIASES)


# A platform named to compare or to recommend ("more shows than Netflix", "where to stream
# legally") is not a platform whose content was pirated. The comparative words double as
# counting words ("more than 1,000 channels including Sky", "mehr als 100 Sender", "più di
# mille canali"): those counting uses are removed before the cue is looked for.
NOT_PIRATED_CUE = (
    r"(?i)\b(?:than|combined|put together|between them|plan costs?|costs? €|editors'? picks|bundling|"
    r"started streaming|más que|più di|mais do que|plus que|mehr als|meer dan|decât|"
    # recommending the legal offer; "stole from legitimate services such as Netflix" names a victim
    r"(?:legal|legitimate|legit) (?:alternatives?|options?|offers?|ways?|markets?|catalogues?|catalogs?|"
    r"competitors?|rivals?|streaming (?:services?|options?))|fragment(?:s|ed|ation)?|subscription fatigue|"
    r"(?:watch|watching|stream|streaming|subscribe|available|buy|pay) (?:\w+ ){0,3}legally|"
    r"legally (?:available|watch|stream|subscribe)|"
    r"legal (?:platforms?|services?|sites?|like)|(?:platforms?|services?|sites?) legal|"
    # the business pages: owners, shares and revenue, not what was pirated
    r"shares? (?:in|of|rose|fell)|share price|market capitali[sz]ation|privately held|(?:advertising )?revenues?|"
    r"which owns|owned by|'s owner|’s owner|parent company|subsidiary)\b"
)
# ... unless the sentence says the content was taken: "Movistar Plus+ and DAZN, whose channels were
# redistributed by the ring, pay a combined €990m a season"
PIRATED_CUE = (
    # not "illegal": "legal alternatives to illegal streams such as DAZN" recommends
    r"(?i)\b(?:redistribut\w*|rebroadcast\w*|retransmit\w*|pirated|without (?:permission|authori[sz]ation|"
    r"a licen[cs]e)|stolen|ritrasmess\w*|redistribu[ií]d\w*|retransmitid\w*|weiterverbreit\w*|"
    r"zonder toestemming|f[ăa]r[ăa] drept)\b"
)
_NUMBER_WORDS = (
    r"a (?:few|couple|hundred|thousand|million|dozen|half)|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
    r"hundred|hundreds|thousand|thousands|million|millions|billion|dozen|dozens|half|double|twice|triple|"
    r"un|uno|una|due|tre|dieci|cento|mille|mila|milioni?|ein|eine|einer|zwei|drei|zehn|hundert|tausend|"
    r"millionen?|een|twee|drie|tien|honderd|duizend|miljoen|o|doi|trei|zece|sute|mii|milioane?"
)
# "more than 500", "mehr als zwei Millionen", "più di 100", "meer dan duizend", "mai mult decât 20"
COUNTING_COMPARATIVE = rf"(?i)\b(?:than|più di|mehr als|meer dan|decât)\s+(?:\d|(?:{_NUMBER_WORDS})\b)"


def keep_pirated_platform_mentions(mentions: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Drop mentions in sentences that compare with or recommend the platform.

    Counting uses of the comparative words ("more than 300 channels") are not comparisons.
    """
    comparing = sentences.filter(
        pl.col("sentence").str.replace_all(COUNTING_COMPARATIVE, " ").str.contains(contains_form(NOT_PIRATED_CUE))
        & ~pl.col("sentence").str.contains(contains_form(PIRATED_CUE))
    ).select("document_key", "sentence_index")
    return mentions.join(comparing, on=["document_key", "sentence_index"], how="anti")
