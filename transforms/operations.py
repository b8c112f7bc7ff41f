"""Operations a document reports: names, targets, primary vs passing mentions, keys, rollup.

A document is about one primary operation; sentences that recap an earlier action
("Earlier this year ...", "In 2019 ...") open a passing mention of another operation, and the
facts read in those sentences belong to it.
"""
from __future__ import annotations

import re
import unicodedata

import polars as pl

# "Operation Taken Down", 'Operation "Taken Down"', "operazione 'Gotha'", "Operación Black Hole",
# "Operação 404", "opération Tempête", "Operatie X", "operațiunea X", "Aktion X".
_OPERATION_WORD = (
    r"(?:[Oo]peration|[Oo]perazione|[Oo]peraci[oó]n|[Oo]pera[cç][aã]o|[Oo]p[ée]ration|[Oo]peratie|"
    r"[Oo]pera[tț]iun(?:ea|e)|[Oo]peratiunea|Aktion|Op\.)"
)
_QUOTE_OPEN = r"[\"'“‘«„‚]"
_QUOTE_CLOSE = r"[\"'”’»“‘]"
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9][\w\-']*|of|the|de|del|la|di|da|do|des|van)"
OPERATION_PATTERN = (
    # Operation "Taken Down" / Operation „Taken Down“
    rf"{_OPERATION_WORD}\s*{_QUOTE_OPEN}\s*(?P<quoted>[^\"“”‘’«»„\n]{{2,40}}?)\s*{_QUOTE_CLOSE}"
    # Operation Taken Down (capitalised words; not "Operation Centre")
    rf"|{_OPERATION_WORD}\s+(?P<bare>[A-ZÀ-ÖØ-Þ0-9][\w\-]*(?:\s+[A-ZÀ-ÖØ-Þ0-9][\w\-]*){{0,2}})"
    # the "Taken Down" operation
    rf"|{_QUOTE_OPEN}(?P<before>[A-ZÀ-ÖØ-Þ][^\"“”‘’«»„\n]{{1,38}}?){_QUOTE_CLOSE}\s+(?:operation|operazione|operación|operação|opération)\b"
)
_GENERIC_NAME_WORDS = {
    "center", "centre", "the", "a", "an", "in", "on", "of", "and", "day", "days", "room", "was", "is",
    "team", "teams", "unit", "units", "manager", "management", "security", "support",
}

# Capitalised name (one to four words, may contain digits, hyphen, dot) right before a word that
# says what kind of thing was targeted, or right after a verb of running/operating.
_PROPER = r"[A-Z][\w\-\.\+]*[\w\+](?:\s+[A-Z][\w\-\+]*){0,2}|[A-Z]"
TARGET_PATTERN = (
    rf"(?:called|named|known as|dubbed|denominad[ao]|chiamat[ao]|denominat[ao]|genannt|appelé|appel[ée]e)\s+(?:the\s+)?{_QUOTE_OPEN}?(?P<called>{_PROPER}){_QUOTE_CLOSE}?"
    rf"|(?:running|ran|run|operating|operated|operate|administering|administered|administer|behind|administraba|administrar|gestiva|gestivano|betrieben|betreiben|operators? of|administrators? of|founders? of|owners? of|users of|subscribers of|customers of)\s+(?:the\s+)?{_QUOTE_OPEN}?(?P<operated>{_PROPER}){_QUOTE_CLOSE}?"
    rf"|(?P<typed>{_PROPER})\s*,?\s+(?:an?\s+|the\s+)?(?:(?:illegal|pirate|piracy|unlicensed|unauthori[sz]ed|subscription|streaming|shadow|online|popular|notorious|massive|huge|largest)\s+){{0,3}}(?:streaming\s+)?(?:service|site|website|platform|library|portal|network|app|group|IPTV|release group|tracker|forum|bibliothek|biblioteca|sitio|sito|plattform)\b"
)
_TARGET_STOP = {
    "The", "This", "That", "These", "Those", "A", "An", "It", "Its", "Their", "Our", "His", "Her", "One",
    "Police", "Court", "Justice", "Department", "Europol", "Eurojust", "Netflix", "Amazon", "Disney",
    "HBO", "Hulu", "FBI", "DOJ", "IPTV", "US", "U.S.", "EU", "UK", "TV", "Internet", "Web", "Tor",
    "Telegram", "WhatsApp", "PayPal", "TikTok", "Facebook", "Twitter", "Reddit", "Google", "Apple",
    "Windows", "Android", "Premium", "Operation", "Operators", "Users", "According", "In", "On", "At",
    "Der", "Die", "Das", "La", "El", "Il", "Le", "Los", "Las", "Gli", "I",
}

# Sentences that recap an earlier, separate action.
RECAP_PATTERN = (
    r"(?i)\b(?:earlier this year|last year|a year (?:ago|earlier)|years? ago|previous(?:ly)?|"
    r"in a separate|another (?:criminal |piracy )?(?:network|operation|case|gang)|back in (?:19|20)\d\d|"
    r"in (?:19|20)\d\d,|l'anno scorso|el año pasado|no ano passado|l'année dernière|letztes jahr|vorig jaar|anul trecut)"
)


def fold_name(name: str | None) -> str:
    """Accent-, case- and punctuation-free form of a name, for keys and comparisons."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _clean_operation_name(name: str) -> str | None:
    name = name.strip(" \t\"'“”‘’«»„.,;:")
    name = re.sub(r"^(?:Operation|Operazione|Operación|Operação|Opération|Operatie)\s+", "", name)
    if not name or name.split()[0].casefold() in _GENERIC_NAME_WORDS or len(name) > 40:
        return None
    return name


def find_operation_names(sentences: pl.DataFrame) -> pl.DataFrame:
    """Operation names stated in the sentences, one row per mention."""
    rows = []
    pattern = re.compile(OPERATION_PATTERN)
    for key, index, start, sentence in sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        for match in pattern.finditer(sentence):
            group = next(g for g in ("quoted", "bare", "before") if match.group(g))
            name = _clean_operation_name(match.group(group))
            if name:
                rows.append((key, index, start + match.start(), start + match.end(), match.group(0), name))
    return pl.DataFrame(
        rows,
        schema={"document_key": pl.String, "sentence_index": pl.Int64, "char_start": pl.Int64,
                "char_end": pl.Int64, "surface": pl.String, "operation_name": pl.String},
        orient="row",
    )


def find_target_groups(sentences: pl.DataFrame, known_names: set[str] | None = None) -> pl.DataFrame:
    """Names of the service, site or group targeted, one row per candidate mention.

    `known_names` are names that are something else (agencies, platforms, countries) and can
    never be a target.
    """
    known = {name.casefold() for name in (known_names or set())}
    pattern = re.compile(TARGET_PATTERN)
    rows = []
    for key, index, start, sentence in sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        for match in pattern.finditer(sentence):
            group = next(g for g in ("called", "operated", "typed") if match.group(g))
            name = match.group(group).strip(" .,")
            first = name.split()[0]
            if first in _TARGET_STOP or name.casefold() in known or len(name) < 3:
                continue
            # drop a trailing generic word picked up by the capitalised run
            name = re.sub(r"\s+(?:Service|Site|Website|Platform|Network|App)$", "", name)
            rows.append((key, index, start + match.start(group), start + match.end(group), name, group))
    return pl.DataFrame(
        rows,
        schema={"document_key": pl.String, "sentence_index": pl.Int64, "char_start": pl.Int64,
                "char_end": pl.Int64, "target_group": pl.String, "pattern": pl.String},
        orient="row",
    )


def mark_recap_sentences(sentences: pl.DataFrame, published: pl.DataFrame) -> pl.DataFrame:
    """Adds `is_recap`: the sentence reports an earlier, separate action.

    A sentence naming a year before the publication year also counts, unless it is the first
    sentences of the document (headline and lead state the main story).
    """
    year_before = (
        pl.col("sentence").str.extract_all(r"\b(?:19|20)\d\d\b").list.eval(pl.element().cast(pl.Int32)).list.max()
        < pl.col("published_date").dt.year()
    )
    return (
        sentences.join(published.select("document_key", "published_date"), on="document_key", how="left")
        .with_columns(
            is_recap=(pl.col("sentence").str.contains(RECAP_PATTERN) & (pl.col("sentence_index") > 1))
            | (year_before.fill_null(False) & (pl.col("sentence_index") > 2)
               & pl.col("sentence").str.contains(r"(?i)\b(?:arrest|raid|seiz|dismantl|shut|indict|charg|took down|taken down|detenid|arrestat|festgenommen|beschlagnahm)"))
        )
        .drop("published_date")
    )


def operation_key(name: str | None, target: str | None, year: int | None, document_key: str, index: int) -> str:
    """Stable key: the same name (or target) and year give the same key in every document."""
    basis = fold_name(name) or fold_name(target)
    if basis:
        return f"op-{basis}-{year if year else 'undated'}"
    return f"op-doc-{document_key[:16]}-{index}"


def _most_frequent(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per document, the value mentioned most often; ties go to the earliest mention."""
    if frame.height == 0:
        return pl.DataFrame(schema={"document_key": pl.String, column: pl.String})
    return (
        frame.with_columns(folded=pl.col(column).str.to_lowercase().str.replace_all(r"[^\w]", ""))
        .group_by("document_key", "folded")
        .agg(pl.len().alias("mentions"), pl.col("char_start").min().alias("first"), pl.col(column).first())
        .sort(["document_key", "mentions", "first"], descending=[False, True, False])
        .group_by("document_key", maintain_order=True)
        .first()
        .select("document_key", column)
    )


def assign_operations(
    sentences: pl.DataFrame,
    documents: pl.DataFrame,
    operation_names: pl.DataFrame,
    targets: pl.DataFrame,
    action_dates: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Decide the operations of each document.

    Returns (reports, sentence_operations): one row per operation per document (the staging
    grain) and the operation each sentence's facts belong to.
    `sentences` must carry `is_recap`; `documents` has document_key, published_date;
    `action_dates` has document_key, action_date.
    """
    recap = sentences.filter(pl.col("is_recap")).select("document_key", "sentence_index")
    main_names = operation_names.join(recap, on=["document_key", "sentence_index"], how="anti")
    main_targets = targets.join(recap, on=["document_key", "sentence_index"], how="anti")
    primary = (
        documents.select("document_key", "published_date")
        .join(_most_frequent(main_names, "operation_name"), on="document_key", how="left")
        .join(_most_frequent(main_targets, "target_group"), on="document_key", how="left")
        .join(action_dates.select("document_key", "action_date"), on="document_key", how="left")
        .with_columns(is_primary=pl.lit(True), operation_index=pl.lit(0, pl.Int64))
    )
    first_sentence = sentences.group_by("document_key").agg(
        pl.col("sentence_index").min().alias("first_index")
    )
    primary = primary.join(first_sentence, on="document_key", how="left")

    # one passing mention per recap sentence run; its name/target/year from that sentence
    recap_rows = (
        sentences.filter(pl.col("is_recap"))
        .join(documents.select("document_key", "published_date"), on="document_key", how="left")
        .join(operation_names.group_by("document_key", "sentence_index").agg(pl.col("operation_name").first()),
              on=["document_key", "sentence_index"], how="left")
        .join(targets.group_by("document_key", "sentence_index").agg(pl.col("target_group").first()),
              on=["document_key", "sentence_index"], how="left")
        .with_columns(
            stated_year=pl.col("sentence").str.extract(r"\b((?:19|20)\d\d)\b").cast(pl.Int32),
        )
        .sort("document_key", "sentence_index")
        .with_columns(operation_index=pl.int_range(1, pl.len() + 1).over("document_key").cast(pl.Int64))
    )
    rows = []
    sentence_rows = []
    for doc in primary.iter_rows(named=True):
        date = doc["action_date"] or doc["published_date"]
        key = operation_key(doc["operation_name"], doc["target_group"], date.year if date else None, doc["document_key"], 0)
        rows.append({
            "operation_key": key, "document_key": doc["document_key"], "is_primary": True,
            "operation_name": doc["operation_name"], "target_group": doc["target_group"],
            "action_date": doc["action_date"], "published_date": doc["published_date"],
            "first_index": doc["first_index"],
        })
    primary_keys = {row["document_key"]: row["operation_key"] for row in rows}
    for recap_row in recap_rows.iter_rows(named=True):
        published = recap_row["published_date"]
        year = recap_row["stated_year"] or (published.year - 1 if published and re.search(r"(?i)last year|año pasado|anno scorso", recap_row["sentence"]) else (published.year if published else None))
        same_target = recap_row["target_group"] is None and recap_row["operation_name"] is None
        target = recap_row["target_group"]
        key = operation_key(recap_row["operation_name"], target, year, recap_row["document_key"], recap_row["operation_index"])
        if key == primary_keys.get(recap_row["document_key"]):
            continue  # the recap restates the main story
        if same_target and recap_row["stated_year"] is None:
            key = operation_key(None, None, None, recap_row["document_key"], recap_row["operation_index"])
        rows.append({
            "operation_key": key, "document_key": recap_row["document_key"], "is_primary": False,
            "operation_name": recap_row["operation_name"], "target_group": target,
            "action_date": None, "published_date": published, "first_index": recap_row["sentence_index"],
        })
        sentence_rows.append((recap_row["document_key"], recap_row["sentence_index"], key))
    reports = pl.DataFrame(
        rows,
        schema={"operation_key": pl.String, "document_key": pl.String, "is_primary": pl.Boolean,
                "operation_name": pl.String, "target_group": pl.String, "action_date": pl.Date,
                "published_date": pl.Date, "first_index": pl.Int64},
    ).unique(["operation_key", "document_key"], keep="first", maintain_order=True)
    passing = pl.DataFrame(
        sentence_rows, schema={"document_key": pl.String, "sentence_index": pl.Int64, "operation_key": pl.String},
        orient="row",
    )
    sentence_operations = (
        sentences.select("document_key", "sentence_index")
        .join(passing, on=["document_key", "sentence_index"], how="left")
        .join(reports.filter("is_primary").select("document_key", pl.col("operation_key").alias("primary_key")),
              on="document_key", how="left")
        .with_columns(operation_key=pl.coalesce("operation_key", "primary_key"))
        .drop("primary_key")
    )
    return reports, sentence_operations


def rollup_operations(reports: pl.DataFrame) -> pl.DataFrame:
    """One dim_operation row per operation from all its reports: the value most reports state
    (ties to the most recent report), the earliest publication as announcement."""

    def consensus(column: str) -> pl.DataFrame:
        return (
            reports.filter(pl.col(column).is_not_null())
            .group_by("operation_key", column)
            .agg(pl.len().alias("n"), pl.col("published_date").max().alias("latest"))
            .sort(["operation_key", "n", "latest", column], descending=[False, True, True, False], nulls_last=True)
            .group_by("operation_key", maintain_order=True)
            .first()
            .select("operation_key", column)
        )

    base = (
        reports.sort("is_primary", "published_date", "document_key", descending=[True, False, False], nulls_last=True)
        .group_by("operation_key", maintain_order=True)
        .agg(
            pl.col("published_date").min().alias("announced_date"),
            pl.col("evidence").first().alias("summary"),
            pl.col("document_key").n_unique().cast(pl.Int64).alias("document_count"),
        )
    )
    for column in ("operation_name", "target_group", "action_date", "lead_country_key"):
        base = base.join(consensus(column), on="operation_key", how="left")
    return base.select(
        "operation_key", "operation_name", "target_group", "action_date", "announced_date",
        "lead_country_key", "summary", "document_count",
    ).sort("operation_key")
