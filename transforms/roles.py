"""Roles of countries and agencies in an operation, read from the words of their sentence.

Cue vocabularies cover the eight languages the warehouse reads (en, it, es, pt, fr, de, nl, ro).
A mention can take several roles ("89 searches in Italy" and "led by Italian police": searches
and lead); a country with no stated role but named in an enforcement sentence is `other`.
"""
from __future__ import annotations

import re

import polars as pl

from transforms.boundaries import contains_form

ARREST_CUE = (
    r"(?i)\b(?:arrest\w*|detain\w*|custody|apprehend\w*|detenid\w*|detuv\w*|detenci\w*|arrestat\w*|arresti|fermat\w*|"
    r"festgenommen|festnahme\w*|verhaftet|presos?|pris[aã]o|detid\w*|interpell\w*|gearresteerd|aangehouden|"
    r"aanhouding\w*|re[tț]inu[tț]\w*|arestat\w*)"
)
SEARCH_CUE = (
    r"(?i)\b(?:search\w*|raid\w*|perquisizion\w*|registros?|allanamient\w*|durchsuch\w*|buscas?|perquisition\w*|"
    r"huiszoeking\w*|doorzo(?:ek|cht)\w*|perchezi\w*)"
)
SERVER_CUE = r"(?i)\b(?:servers?|server farm|servidor\w*|serveur\w*|servere)\b"
LEAD_CUE = (
    r"(?i)\b(?:led by|conducted by|headed by|carried out by|directed by|under the direction|spearheaded|"
    r"-led\b|led the|coordinated by|prosecuted by|investigated by|condott\w* da|guidat\w* da|coordinat\w* dalla?|"
    r"dirigid\w* por|liderad\w* por|coordinad\w* por|geleitet|geführt|federführend|menée? par|dirigée? par|"
    r"onder leiding|condus\w* de|"
    r"conduzid\w* pel[oa]s?|liderad\w* pel[oa]s?|dirigid\w* pel[oa]s?|coordenad\w* pel[oa]s?|comandad\w* pel[oa]s?|"
    r"conduite? par|pilotée? par|diretta? da|guidata? dall[ae']|unter (?:der )?(?:Leitung|Federführung)|geleid door|"
    r"coordonat\w* de)"
)
# "at the request of" is not among them: a request makes the requesting country lead (through
# `_REQUESTED_BY` in `assign_country_roles`), not the agencies that carried it out ("arrested by
# the Argentine Federal Police at the request of the United States")
PARTICIPANT_CUE = (
    r"(?i)\b(?:collaborat\w*|cooperat\w*|co-operat\w*|counterparts?|joint|together with|in partnership|"
    r"authorities (?:of|from|in)|police (?:forces )?(?:of|from|in)|took part|taking part|participat\w*|involved|"
    r"Beh[öo]rden (?:in|aus|der|von)|autoridades (?:de|del|en|do|da|dos|em)|autorit[àa] (?:di|del|della|dei|in)|"
    r"autorit[ée]s (?:de|du|des|d['’])|autoriteiten (?:in|uit|van)|autorit[ăa][țţt]il\w* din|"
    r"coordinated action|international|colabora\w*|coopera\w*|zusammenarbeit|beteiligt|samenwerking|"
    r"particip\w*|partecip\w*|deelgenomen|deelnam\w*|"
    r"with the help of|assisted by|alongside|help from|assistance (?:from|of)|asked for (?:help|assistance)|"
    r"law enforcement (?:agencies |authorities |officers )?(?:of|from|in)|(?:officers|investigators|agents) from)"
)
SUPPORT_CUE = (
    r"(?i)\b(?:support\w*|assist\w*|helped|help of|provided|facilitat\w*|analytical|sostegno|supporto|apoyo|"
    r"apoio|unterstütz\w*|soutien|ondersteun\w*|sprijin\w*)"
)
COORDINATOR_CUE = r"(?i)\b(?:coordinat\w*|coordin\w*|koordin\w*|hosted|coordination)"
COMPLAINT_CUE = r"(?i)\b(?:complain\w*|complaint|report(?:ed)? (?:by|to)|filed|denuncia\w*|querela|anzeige|plainte|aangifte|plângere)"
_OTHER_ENFORCEMENT_WORDS = (
    r"law enforcement|takedowns?|crackdowns?|cracked down|officers|action days?|suspects?|defendants?|ringleaders?|alleged|"
    r"(?:users|subscribers|customers),? (?:were |are )?(?:mostly|mainly|largely) (?:in|from)|most of them (?:in|from)|"
    r"(?:actions?|measures) (?:was|were|have been|has been) (?:also |simultaneously )?(?:carried out|conducted|taken|executed)|"
    r"police|polic[eií]a|polizia|pol[ií]cia|polizei|politie|poli[tț]ia|gendarmerie|authorit\w*|"
    r"autorit\w*|beh[öo]rd\w*|prosecut\w*|procura\w*|fiscal\w*|staatsanwalt\w*|parquet|justice|justi[cz]\w*|"
    r"court|tribunal\w*|gericht\w*|seiz\w*|sequest\w*|incaut\w*|beschlagnahm\w*|apreend\w*|saisi\w*|"
    r"dismantl\w*|smantell\w*|desmantel\w*|shut down|taken down|took down|operation|operazione|operaci[oó]n|"
    r"opera[cç][aã]o|op[ée]ration|investigat\w*|indag\w*|ermittl\w*|enqu[eê]t\w*|onderzoek\w*|charged|indict\w*|"
    r"extradi\w*|convicted|sentenced|piracy|pirat\w*|cooperat\w*|collaborat\w*|counterparts?|nationals?|citizens?|"
    r"ciudadanos?|cittadini|staatsb[üu]rger\w*|cidad[ãa]os?|autoridad\w*|autoridade\w*|particip\w*|partecip\w*|"
    r"nacionalidad\w*|nazionalit\w*|nationalit\w*|nacionalidade\w*|na[țţt]ionalit\w*|staatsangeh[öo]rig\w*"
)


# what may stand between two countries of one list: ", ", " and ", ", and the ", " e ", " y ", ...
_LIST_GAP = r"^\s*(?:,\s*)?(?:(?:and|or|as well as|e|ed|y|o|und|oder|sowie|et|ou|en|of|și|si|sau)\s+)?(?:the\s+|la\s+|le\s+|il\s+|los\s+|las\s+|die\s+|den\s+|het\s+|os\s+|as\s+|o\s+|a\s+)?$"


_REQUESTED_BY = (r"(?i)(?:at\s+the\s+request\s+of|on\s+behalf\s+of|a\s+pedido\s+de|a\s+petici[óo]n\s+de|"
                 r"a\s+requerimiento\s+de|a\s+solicitud\s+de|a\s+instancias?\s+de|"
                 r"su\s+richiesta\s+d|à\s+la\s+demande\s+d|auf\s+Ersuchen|op\s+verzoek\s+van|la\s+cererea)"
                 r"[\w\s'’]{0,25}$")


_ARREST_RE = re.compile(ARREST_CUE)
_SEARCH_RE = re.compile(SEARCH_CUE)
_SERVER_RE = re.compile(SERVER_CUE)
# a new clause with its own subject ("..., and Spanish police searched"); a verb right after "and"
# continues the same subject's list of measures ("carried out 15 searches, and took 50 servers offline")
_CLAUSE_BREAK = re.compile(
    r",\s*(?:and|but|while|whereas|e|y|et|und|en|și|ma|pero|mas|mais|aber|maar|dar)\s+"
    r"(?=[A-ZÀ-Þ]|(?i:the|police|officers|investigators|authorities|agents|they|he|she|la|il|los|las|os|die|de)\b)"
    r"|;|\s[—–]\s|:\s")


# A demonym that names people rather than their authorities is their nationality: the gold
# and the contract give it the role `other`, and the arrests belong to where they were made
# ("Two Russian nationals were arrested in Argentina": RUS other, ARG arrests).
# English and German put the noun after the demonym ("Bulgarian men", "russische Staatsbürger"),
# the Romance languages before it ("dos ciudadanos rusos", "cittadini cinesi", "cetățeni români").
_PEOPLE_AFTER = (
    # "a Bulgarian national, 41, ..." but not "the Bulgarian National Police"
    r"(?i)^[\s-]*(?:nationals|national(?:\s*[,.;:)]|\s+(?:was|were|is|who|has|had|and|living|residing|accused|"
    r"arrested|charged|detained|suspected|believed|alleged|thought|described|identified|named|based|aged))|"
    r"citizens?|m[ae]n|wom[ae]n|boys?|girls?|suspects?|defendants?|operators?|administrators?|admins?|brothers?|"
    r"sisters?|couple|students?|residents?|hackers?|individuals?|persons?|people|programmers?|developers?|"
    r"businessm[ae]n|entrepreneurs?|founders?|owners?|nationality|"
    r"staatsb[üu]rger\w*|staatsangeh[öo]rig\w*|m[äa]nner|mann|frau(?:en)?|verd[äa]chtig\w*|beschuldigt\w*|"
    r"staatsburgers?|mannen|man|vrouw(?:en)?|verdachten?)\b"
)
_PEOPLE_BEFORE = (
    r"(?i)\b(?:ciudadan[oa]s?|cittadin[oi]|cidad[ãa]os?|ressortissants?|citoyens?|cet[ăa][țţt]e(?:an|ni)\w*|"
    r"hombres?|mujer(?:es)?|uomini|uomo|donn[ae]|hom(?:em|ens)|mulher(?:es)?|hommes?|femmes?|"
    r"sospechos[oa]s?|sospettat[io]|indagat[io]|suspeit[oa]s?|suspects?|j[óo]ven(?:es)?|giovan[ei]|jovens?|"
    r"nacionalidad|nazionalit[àa]|nacionalidade|nationalit[ée]|na[țţt]ionalitate)\s+(?:\w+\s+)?$"
    # counted people: "dos rusos", "two Russians", "deux Russes", "zwei Russen"
    r"|(?:^|\s)(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dos|tres|cuatro|cinco|due|tre|quattro|cinque|"
    r"dois|duas|tr[êe]s|deux|trois|quatre|cinq|zwei|drei|f[üu]nf|twee|drie|vier|vijf|doi|dou[ăa]|trei|patru|cinci)\s+$"
)
# a country's name after a citizen ("un cetățean al Republicii Moldova", "a citizen of Serbia",
# "un ressortissant du Maroc"): a nationality too
CITIZEN_OF = (
    r"(?i)\b(?:citizens?|nationals?|ciudadan[oa]s?|cittadin[oi]|cidad[ãa]os?|ressortissants?|citoyens?|"
    r"cet[ăa][țţt]e(?:an|ni)\w*|Staatsb[üu]rger\w*|Staatsangeh[öo]rig\w*|onderdanen|onderdaan|staatsburgers?)\s+"
    r"(?:of|de|du|des|d['’]|di|del|della|dello|do|da|dos|al|ai|aus|von|van)\s*"
    r"(?:the\s+|la\s+|el\s+|l['’]\s*|der\s+|Republicii\s+|Republic\s+of\s+(?:the\s+)?|Repubblica\s+(?:di|del)\s+|"
    r"Rep[úu]blica\s+(?:de|do|da|del)\s+|R[ée]publique\s+(?:de|du|d['’])\s*|Republik\s+)?$"
)
# ... unless the demonym qualifies the ones who acted ("two Spanish police officers")
_AGENTS_AFTER = (r"(?i)^[\s-]*(?:police|polic|officers?|agents?|investigators?|prosecutors?|judges?|authorit|"
                 r"agenc|compan|firms?|banks?|servers?|websites?|sites?|domains?|platforms?|polizia|policí|agent)")
# a plural demonym as a noun names people ("Two Russians Arrested", "deux Russes"), in the
# languages that capitalise it; Romance adjectives in the plural are lower-case ("autoridades españolas")
_PEOPLE_NOUN = r"^\p{Lu}\p{Ll}+[^s]s$"


def _measures_in_reach(sentence: str, start: int, end: int) -> str:
    """The kinds of measure (arrests, searches, servers) whose cue words reach a mention.

    A cue reaches a mention when no new clause with its own subject stands between them
    ("carried out 15 searches, and took 50 servers offline in Spain": both; "servers were shut
    down in France, and Spanish police searched": servers for France); when none does, the
    nearest. A Python loop over the mentions of sentences that tell of several measures only
    (a few per document): polars has no "matches between two offsets" expression.
    """
    reached, nearest, nearest_distance = set(), None, None
    for kind, pattern in (("arrests", _ARREST_RE), ("searches", _SEARCH_RE), ("servers", _SERVER_RE)):
        for match in pattern.finditer(sentence):
            lo, hi = (match.end(), start) if match.end() <= start else (end, match.start())
            # (one character past the gap, so the break's lookahead sees the subject that starts there)
            if not _CLAUSE_BREAK.search(sentence, lo, min(len(sentence), max(lo, hi) + 1)):
                reached.add(kind)
            distance = max(0, hi - lo)
            if nearest_distance is None or distance < nearest_distance:
                nearest, nearest_distance = kind, distance
    return ",".join(sorted(reached or ({nearest} if nearest else set())))


def _alternatives(pattern: str) -> str:
    """The alternation inside a `(?i)\\b(?:...)` cue pattern."""
    return pattern[len("(?i)\\b(?:"):pattern.rindex(")")]


ENFORCEMENT_CUE = (
    r"(?i)\b(?:" + "|".join([_alternatives(ARREST_CUE), _alternatives(SEARCH_CUE), _alternatives(SERVER_CUE),
                              _OTHER_ENFORCEMENT_WORDS]) + ")"
)


# the cues as `str.contains` tests (see `transforms.boundaries`)
_ENFORCEMENT_TEST = contains_form(ENFORCEMENT_CUE)
_ARREST_TEST = contains_form(ARREST_CUE)
_SEARCH_TEST = contains_form(SEARCH_CUE)
_SERVER_TEST = contains_form(SERVER_CUE)
_LEAD_TEST = contains_form(LEAD_CUE)
_PARTICIPANT_TEST = contains_form(PARTICIPANT_CUE)
_SUPPORT_TEST = contains_form(SUPPORT_CUE)
_COORDINATOR_TEST = contains_form(COORDINATOR_CUE)

def _roles_from_cues(sentence: pl.Expr, cues: dict[str, str]) -> pl.Expr:
    return pl.concat_list(
        [pl.when(sentence.str.contains(contains_form(pattern))).then(pl.lit(role)).otherwise(pl.lit(None, pl.String)) for role, pattern in cues.items()]
    ).list.drop_nulls()


def assign_country_roles(country_mentions: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """One row per (document, sentence, country, role) for country mentions in enforcement sentences.

    Countries named in sentences with no enforcement vocabulary (asides, the publisher's
    location) are left out. Arrests and lead are personal: a sentence listing several countries
    does not make each of them arrest or lead (metric scoping adds those, see
    `roles_from_scoped_metrics`); searches, servers and participation hold for the whole list.
    """
    joined = country_mentions.join(
        sentences.select("document_key", "sentence_index", "sentence", "sentence_start", "sentence_end"),
        on=["document_key", "sentence_index"], how="inner",
    ).filter(pl.col("sentence").str.contains(_ENFORCEMENT_TEST))
    single = pl.col("country_key").n_unique().over("document_key", "sentence_index") == 1
    # "Police in Spain, Denmark, Sweden and Germany have arrested 11 suspects": the countries of the
    # sentence form one list, and the arrests are theirs together
    per_sentence = ["document_key", "sentence_index"]
    gap = pl.col("sentence").str.slice(
        pl.col("char_end").shift(1).over(per_sentence, order_by="char_start") - pl.col("sentence_start"),
        pl.col("char_start") - pl.col("char_end").shift(1).over(per_sentence, order_by="char_start"),
    )
    listed = gap.str.contains(_LIST_GAP).fill_null(True)
    one_list = listed.all().over(per_sentence) & (pl.len().over(per_sentence) > 1)
    if "char_start" not in country_mentions.columns:  # mentions without offsets: no lists
        one_list = pl.lit(False)
    # "arrested in Spain at the request of the United States": the requesting country is not where
    # the arrests were
    before = pl.col("sentence").str.slice((pl.col("char_start") - pl.col("sentence_start") - 40).clip(lower_bound=0),
                                          (pl.col("char_start") - pl.col("sentence_start")).clip(upper_bound=40))
    # computed once as a column: the expression is used five times below
    joined = joined.with_columns(
        _requesting=before.str.contains(_REQUESTED_BY) if "char_start" in country_mentions.columns else pl.lit(False))
    requesting = pl.col("_requesting")
    if "char_start" in country_mentions.columns and "mention_kind" in country_mentions.columns:
        after = pl.col("sentence").str.slice(pl.col("char_end") - pl.col("sentence_start"), 30)
        joined = joined.with_columns(_nationality=((pl.col("mention_kind") == "demonym") & ~after.str.contains(_AGENTS_AFTER) & (
            after.str.contains(_PEOPLE_AFTER) | before.str.contains(_PEOPLE_BEFORE)
            | pl.col("sentence").str.slice(pl.col("char_start") - pl.col("sentence_start"),
                                           pl.col("char_end") - pl.col("char_start")).str.contains(_PEOPLE_NOUN)))
            | ((pl.col("mention_kind") != "demonym") & before.str.contains(CITIZEN_OF)))
    else:
        joined = joined.with_columns(_nationality=pl.lit(False))
    nationality = pl.col("_nationality")
    # a nationality is neither a place of the measures nor an acting country: the sentence's
    # single acting country is counted without it
    acting = pl.when(~requesting & ~nationality).then(pl.col("country_key"))
    single = single | ((acting.n_unique().over(per_sentence) - acting.is_null().any().over(per_sentence).cast(pl.UInt32) == 1)
                       & ~requesting & ~nationality)
    sentence = pl.col("sentence")

    def role(name: str, condition: pl.Expr) -> pl.Expr:
        return pl.when(condition).then(pl.lit(name)).otherwise(pl.lit(None, pl.String))

    # "Servers were shut down in Germany and France, and Spanish police searched two locations": where
    # a sentence tells of several kinds of measure, a country takes those whose words reach it
    if "char_start" in country_mentions.columns:
        joined = joined.with_columns(
            _several=pl.sum_horizontal(sentence.str.contains(_ARREST_TEST).cast(pl.Int8), sentence.str.contains(_SEARCH_TEST).cast(pl.Int8),
                                       sentence.str.contains(_SERVER_TEST).cast(pl.Int8)) >= 2)
        # the Python reach test only where its answer is used (sentences telling of several measures)
        joined = joined.with_columns(_in_reach=pl.Series([
            _measures_in_reach(text, start - offset, end - offset) if several else ""
            for text, start, end, offset, several in joined.select(
                "sentence", "char_start", "char_end", "sentence_start", "_several").iter_rows()
        ], dtype=pl.String))
        several = pl.col("_several")
        reaches = lambda kind: ~several | pl.col("_in_reach").str.contains(kind)  # noqa: E731
    else:
        reaches = lambda kind: pl.lit(True)  # noqa: E731
    roles = pl.concat_list([
        role("arrests", (single | one_list) & sentence.str.contains(_ARREST_TEST)),
        role("searches", sentence.str.contains(_SEARCH_TEST) & reaches("searches")),
        role("servers", sentence.str.contains(_SERVER_TEST) & reaches("servers")),
        # the country that asked for the action leads it; the others only because the words say so
        role("lead", requesting | (single & sentence.str.contains(_LEAD_TEST)
                                   & ~sentence.str.contains(_REQUESTED_BY.removesuffix(r"[\w\s'’]{0,25}$")))),
        role("participant", sentence.str.contains(_PARTICIPANT_TEST)),
    ]).list.drop_nulls()
    return (
        joined.with_columns(role=pl.when(nationality).then(pl.lit([], pl.List(pl.String))).otherwise(roles))
        .with_columns(role=pl.when(pl.col("role").list.len() == 0).then(pl.lit(["other"])).otherwise("role"))
        .explode("role")
        .select("document_key", "sentence_index", "country_key", "role", "sentence", "sentence_start", "sentence_end")
    )


_METRIC_ROLES = {"arrests": "arrests", "searches": "searches", "servers_seized": "servers"}


def roles_from_scoped_metrics(figures: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """A figure scoped to a country gives that country the matching role ("11 arrests in Croatia")."""
    return (
        figures.filter(pl.col("country_key").is_not_null() & pl.col("metric").is_in(list(_METRIC_ROLES)))
        .with_columns(role=pl.col("metric").replace_strict(_METRIC_ROLES, default=None))
        .join(sentences.select("document_key", "sentence_index", "sentence", "sentence_start", "sentence_end"),
              on=["document_key", "sentence_index"], how="inner")
        .select("document_key", "sentence_index", "country_key", "role", "sentence", "sentence_start", "sentence_end")
    )


def assign_agency_roles(agency_mentions: pl.DataFrame, sentences: pl.DataFrame, agencies: pl.DataFrame) -> pl.DataFrame:
    """One row per (document, sentence, agency, role): industry bodies are complainants,
    intergovernmental bodies coordinate or support, others lead or take part."""
    joined = agency_mentions.join(
        sentences.select("document_key", "sentence_index", "sentence", "sentence_start", "sentence_end"),
        on=["document_key", "sentence_index"], how="inner",
    ).join(agencies.select("agency_key", "agency_type"), on="agency_key", how="left")
    sentence = pl.col("sentence")
    role = (
        pl.when(pl.col("agency_type") == "industry").then(pl.lit("complainant"))
        .when((pl.col("agency_type") == "intergovernmental") & sentence.str.contains(_COORDINATOR_TEST)).then(pl.lit("coordinator"))
        .when(pl.col("agency_type") == "intergovernmental").then(pl.lit("support"))
        .when(sentence.str.contains(_LEAD_TEST)).then(pl.lit("lead"))
        .when(sentence.str.contains(_SUPPORT_TEST)).then(pl.lit("support"))
        .otherwise(pl.lit("participant"))
    )
    return joined.with_columns(role=role).select(
        "document_key", "sentence_index", "agency_key", "role", "sentence", "sentence_start", "sentence_end"
    )


def lead_countries(country_roles: pl.DataFrame, agency_roles: pl.DataFrame, agencies: pl.DataFrame,
                   per: tuple[str, ...] = ("document_key",)) -> pl.DataFrame:
    """Per document (or per `per`, such as document and operation), the lead country: the
    country of a leading agency, else a country stated as lead, else the one whose national
    authorities are named most often."""
    keys = list(per)
    from_agencies = (
        agency_roles.filter(pl.col("role") == "lead")
        .join(agencies.select("agency_key", "country_key"), on="agency_key", how="inner")
        .filter(pl.col("country_key").is_not_null())
        .select(*keys, "country_key", "sentence_index", pl.lit(0).alias("rank"))
    )
    from_countries = country_roles.filter(pl.col("role") == "lead").select(
        *keys, "country_key", "sentence_index", pl.lit(1).alias("rank")
    )
    acting = (
        agency_roles.filter(pl.col("role") != "complainant")
        .join(agencies.select("agency_key", "country_key"), on="agency_key", how="inner")
        .filter(pl.col("country_key").is_not_null())
        .group_by(*keys, "country_key")
        .agg(pl.len().alias("mentions"), pl.col("sentence_index").min())
        .sort(*keys, "mentions", "sentence_index", "country_key", descending=[False] * len(keys) + [True, False, False])
        .select(*keys, "country_key", "sentence_index", pl.lit(2).alias("rank"))
    )
    return (
        pl.concat([from_agencies, from_countries, acting])
        # the country key breaks ties (two lead agencies of one sentence): polars neither keeps
        # group order nor sorts stably unless asked, and a build must give the same lead every time
        .sort(*keys, "rank", "sentence_index", "country_key")
        .group_by(*keys, maintain_order=True)
        .first()
        .select(*keys, pl.col("country_key").alias("lead_country_key"))
    )


def lead_rows(leads: pl.DataFrame, country_roles: pl.DataFrame, per: tuple[str, ...] = ("document_key",)) -> pl.DataFrame:
    """A `lead` role row for each lead of `lead_countries` (grouped by the same `per`), at the first
    sentence where its country has a role: the evidence of the lead."""
    keys = list(per)
    return (
        leads.join(country_roles, left_on=[*keys, "lead_country_key"], right_on=[*keys, "country_key"], how="inner")
        .sort(*keys, "sentence_index").unique(keys, keep="first", maintain_order=True)
        .select("document_key", "sentence_index", pl.col("lead_country_key").alias("country_key"), pl.lit("lead").alias("role"),
                "sentence", "sentence_start", "sentence_end")
    )


def drop_redundant_roles(country_facts: pl.DataFrame) -> pl.DataFrame:
    """`other` means "no stated role" and leading implies taking part: drop `other` where the
    country has a stated role, and `participant` where it leads."""
    per_country = ("operation_key", "document_key", "country_key")
    has_role = (pl.col("role") != "other").any().over(per_country)
    leads = (pl.col("role") == "lead").any().over(per_country)
    return country_facts.filter(
        ~((pl.col("role") == "other") & has_role) & ~((pl.col("role") == "participant") & leads)
    )


def arrests_in_lead_country(country_facts: pl.DataFrame, metric_facts: pl.DataFrame) -> pl.DataFrame:
    """Rows giving an operation's one lead country the arrests role when the operation counts
    arrests and no country has that role: "Police arrested two men in Eindhoven" names no country,
    and the arrests are the lead's. Across the readable sets this added 12 right roles and 2 wrong;
    the same fallback for searches and servers was as often wrong as right, so it is arrests only."""
    per_operation = ["operation_key", "document_key"]
    single_leads = (
        country_facts.filter(pl.col("role") == "lead")
        .group_by(per_operation).agg(pl.col("country_key").first(), pl.col("country_key").n_unique().alias("leads"))
        .filter(pl.col("leads") == 1).drop("leads")
    )
    first_arrest_figures = (
        metric_facts.filter((pl.col("metric") == "arrests") & (pl.col("value") > 0))
        .sort("document_key", "char_start").unique(per_operation, keep="first", maintain_order=True)
    )
    arrest_countries = country_facts.filter(pl.col("role") == "arrests").select(per_operation).unique()
    return (
        single_leads.join(first_arrest_figures, on=per_operation, how="inner")
        .join(arrest_countries, on=per_operation, how="anti")
        .with_columns(role=pl.lit("arrests"))
        .select(country_facts.columns)
    )
