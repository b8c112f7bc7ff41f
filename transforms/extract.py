"""From decoded documents to the rows of every document table, for one batch.

This is the composition of the other transforms; it does no I/O. Reference data (country
aliases, agency and platform registries) is passed in, loaded once per run by the flow.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import polars as pl

from transforms import agencies as agency_rules
from transforms import clean, countries, dates, language, metrics, operations, platforms, roles
from transforms.boundaries import contains_form
from transforms.prefilter import char_offset
from transforms.sentences import split_sentences

_COMPARED_PLACES = (
    r"(?i)(?:\b(?:unlike|compared\s+(?:with|to)|contrary\s+to|a\s+diferencia\s+de|a\s+differenza\s+d\w*|"
    r"contrairement\s+(?:à|au|aux)|im\s+Gegensatz\s+zu|anders\s+dan|spre\s+deosebire\s+de|ao\s+contr[áa]rio\s+d\w*|"
    # "other European countries, such as Spain, ...", "D'autres pays européens, comme l'Espagne"
    r"(?:other|d['’]autres|otros|altri|andere|outros|alte)\s+(?:\w+\s+)?(?:countries|pays|pa[íi]ses|paesi|L[äa]nder|"
    r"landen|[țţt][ăa]ri)(?:\s+\w+)?\s*,?\s+(?:such\s+as|like|comme|como|come|wie|zoals|precum))"
    r"\s+[^,;:.]+"
    # "Spain, where LaLiga has obtained court orders, is often cited as a model"
    r"|^[^.;]*?\b(?:is|are)\s+(?:often\s+|frequently\s+|widely\s+)?(?:cited|held\s+up|seen|regarded|touted)\s+as\s+"
    r"(?:a|an)\s+(?:model|example|benchmark))"
)
REJECTED_SCHEMA = {"document_key": pl.String, "stage": pl.String, "reason": pl.String}


@dataclass(frozen=True)
class Reference:
    """Curated reference tables used by extraction."""

    agencies: pl.DataFrame
    agency_aliases: pl.DataFrame
    platforms: pl.DataFrame
    platform_aliases: pl.DataFrame
    # platform_key -> agency_key of the same rights holder (see agencies.rights_holder_agencies)
    platform_agencies: pl.DataFrame = field(
        default_factory=lambda: pl.DataFrame(schema={"platform_key": pl.String, "agency_key": pl.String}))

    @classmethod
    def from_tables(cls, tables: dict[str, pl.DataFrame]) -> "Reference":
        """From `flows.reference.load_reference_tables()`."""
        return cls(tables["dim_agency"], tables["agency_aliases"], tables["dim_platform"], tables["platform_aliases"],
                   tables["platform_agencies"])

    @cached_property
    def known_names(self) -> frozenset[str]:
        """Names that are something else than a target (agencies, platforms, cities), built once
        per process instead of once per batch."""
        return frozenset(set(self.agency_aliases["alias"].to_list()) | set(self.platform_aliases["alias"].to_list())
                         | countries.city_names())


def _evidence(frame: pl.DataFrame, sentences: pl.DataFrame, sentence_operations: pl.DataFrame) -> pl.DataFrame:
    """Attach operation_key and the evidence sentence with its offsets to sentence-level rows."""
    if "sentence" not in frame.columns:
        frame = frame.join(
            sentences.select("document_key", "sentence_index", "sentence", "sentence_start", "sentence_end"),
            on=["document_key", "sentence_index"], how="inner",
        )
    return frame.join(sentence_operations, on=["document_key", "sentence_index"], how="inner").rename(
        {"sentence": "evidence", "sentence_start": "char_start", "sentence_end": "char_end"}
    )


def _agency_country_rows(agency_roles: pl.DataFrame, agencies: pl.DataFrame) -> pl.DataFrame:
    """An agency acting in the operation involves its country (lead when it leads)."""
    return (
        agency_roles.filter(pl.col("role") != "complainant")
        .join(agencies.select("agency_key", "country_key"), on="agency_key", how="inner")
        .filter(pl.col("country_key").is_not_null())
        .with_columns(role=pl.when(pl.col("role") == "lead").then(pl.lit("lead")).otherwise(pl.lit("participant")))
        .select("document_key", "sentence_index", "country_key", "role", "sentence", "sentence_start", "sentence_end")
    )


def _unread_language_reason(code: pl.Expr, name: pl.Expr) -> pl.Expr:
    read = ", ".join(language.LANGUAGES.values())
    return pl.format("written in {} ({}), which the extractor does not read (it reads {})", name, code, pl.lit(read))


def _name_unread_languages(rejected: pl.DataFrame) -> pl.DataFrame:
    """A text in Polish has none of the eight languages' enforcement words: say that it is
    Polish, not that it is not about an enforcement action."""
    no_vocabulary = rejected.filter(pl.col("not_article_reason") == clean.REASON_NO_ENFORCEMENT)
    if no_vocabulary.is_empty():
        return rejected
    reasons = language.name_unread_languages(no_vocabulary).select(
        "document_key", _unread_language_reason(pl.col("language_code"), pl.col("language_name")).alias("_reason"))
    return rejected.join(reasons, on="document_key", how="left").with_columns(
        not_article_reason=pl.coalesce("_reason", "not_article_reason")).drop("_reason")


def extract_documents(decoded: pl.DataFrame, reference: Reference) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Rows of every document table for a batch, and the documents rejected (not articles).

    `decoded` has document_key, source_path, text, encoding, ingested_at.
    """
    # language first (on the decoded text): the cleaner's glue splitter and the date words need it
    languages = language.detect_languages(decoded.select("document_key", "text"))
    cleaned = clean.clean_documents(decoded.select("document_key", "text").join(languages, on="document_key", how="left"))
    rejected = _name_unread_languages(cleaned.filter(pl.col("not_article_reason").is_not_null())).select(
        "document_key", pl.lit("clean").alias("stage"), pl.col("not_article_reason").alias("reason")
    )
    cleaned = cleaned.filter(pl.col("not_article_reason").is_null())
    # a Czech release has enforcement words the eight languages share ("IPTV", "Europol",
    # "policie"): it passed the cleaner, but the extractor cannot read it
    unread = language.find_unread_language_documents(cleaned.select("document_key", "clean_text", "language"),
                                                     text_column="clean_text")
    if unread.height:
        rejected = pl.concat([rejected, unread.select(
            "document_key", pl.lit("clean").alias("stage"),
            _unread_language_reason(pl.col("language_code"), pl.col("language_name")).alias("reason"))])
        cleaned = cleaned.join(unread, on="document_key", how="anti")
    documents = (
        decoded.join(cleaned.select("document_key", "clean_text", "title", "publisher", "language"),
                     on="document_key", how="inner")
        .with_columns(text=pl.col("clean_text"))
    )
    published = dates.extract_published_dates(documents.select("document_key", "text", "language"))
    documents = documents.join(published.select("document_key", "published_date"), on="document_key", how="left")
    published = published.join(documents.select("document_key", "language"), on="document_key", how="left")
    sentences = split_sentences(documents.select("document_key", "text")).join(
        documents.select("document_key", "language"), on="document_key", how="left"
    )
    sentences = operations.mark_recap_sentences(sentences, documents.select("document_key", "published_date"))

    country_mentions = countries.find_country_mentions(sentences)
    agency_mentions = agency_rules.find_agency_mentions(sentences, reference.agency_aliases)
    unresolved = agency_rules.find_unresolved_agency_mentions(sentences, reference.agency_aliases,
                                                              resolved=agency_mentions, include_generic=True)
    all_platform_mentions = platforms.find_platform_mentions(sentences, reference.platform_aliases)
    platform_mentions = platforms.keep_pirated_platform_mentions(all_platform_mentions, sentences)
    # "English Premier League", "Sky Italia": a country word inside a platform's name is its name
    inside_platform_names = (
        country_mentions.join(all_platform_mentions.select("document_key", "sentence_index",
                                                           pl.col("char_start").alias("_p_start"), pl.col("char_end").alias("_p_end")),
                              on=["document_key", "sentence_index"], how="inner")
        .filter((pl.col("char_start") >= pl.col("_p_start")) & (pl.col("char_end") <= pl.col("_p_end")))
        .select("document_key", "sentence_index", "char_start").unique()
    )
    country_mentions = country_mentions.join(inside_platform_names, on=["document_key", "sentence_index", "char_start"],
                                             how="anti")
    # "Unlike Germany and Spain, Poland has no fast-track procedure": compared, not involved
    compared = (
        sentences.filter(pl.col("sentence").str.contains(contains_form(_COMPARED_PLACES)))  # few sentences compare
        .select("document_key", "sentence_index", "sentence_start",
                pl.col("sentence").str.extract_all(_COMPARED_PLACES).alias("_phrase"),
                # polars finds bytes or characters by version; mentions count characters
                char_offset(pl.col("sentence"), pl.col("sentence").str.find(_COMPARED_PLACES)).alias("_at"))
        .filter(pl.col("_at").is_not_null())
        .select("document_key", "sentence_index",
                (pl.col("sentence_start") + pl.col("_at")).alias("_c_start"),
                (pl.col("sentence_start") + pl.col("_at") + pl.col("_phrase").list.first().str.len_chars()).alias("_c_end"))
    )
    country_mentions = country_mentions.join(
        country_mentions.join(compared, on=["document_key", "sentence_index"], how="inner")
        .filter((pl.col("char_start") >= pl.col("_c_start")) & (pl.col("char_end") <= pl.col("_c_end")))
        .select("document_key", "sentence_index", "char_start").unique(),
        on=["document_key", "sentence_index", "char_start"], how="anti",
    )
    # a sentence that cites a study or describes a body: neither its bodies nor its figures are the operation's
    source_sentences = agency_rules.find_source_sentences(sentences)
    # a figure placed in a city is placed in its country ("detained in Hanoi"); cities scope figures
    # only, they never make a country involved on their own
    place_mentions = pl.concat([country_mentions, countries.find_city_mentions(sentences)]).sort(
        "document_key", "sentence_index", "char_start")
    figures = metrics.assign_metric_countries(
        metrics.extract_metrics(sentences).join(source_sentences, on=["document_key", "sentence_index"], how="anti"),
        place_mentions, sentences)
    action_dates = dates.extract_action_dates(
        sentences, published.select("document_key", "published_date", "char_start", "char_end", "language")
    )

    operation_names = operations.find_operation_names(sentences)
    targets = operations.find_target_groups(sentences, reference.known_names)
    reports, sentence_operations = operations.assign_operations(
        sentences, documents.select("document_key", "published_date"), operation_names, targets,
        action_dates.select("document_key", "action_date").unique("document_key", keep="first"),
    )

    # agencies: registry matches, then fuzzy matching of the unresolved names within their country
    # (the country, or the city, of the name's sentence, else the country the document names most)
    sentence_country = (
        place_mentions.group_by("document_key", "sentence_index").agg(pl.col("country_key").first())
    )
    document_country = (
        country_mentions.group_by("document_key", "country_key").agg(pl.len().alias("_n"), pl.col("char_start").min())
        .sort("document_key", "_n", "char_start", descending=[False, True, False])
        .unique("document_key", keep="first").select("document_key", pl.col("country_key").alias("_document_country"))
    )
    unresolved = (
        unresolved.join(sentence_country, on=["document_key", "sentence_index"], how="left")
        .join(document_country, on="document_key", how="left")
        .with_columns(country_key=pl.coalesce("country_key", "_document_country")).drop("_document_country")
    )
    # generic names ("the National Police said") are the country's own agency, or nothing
    generic = unresolved.filter("generic").drop("generic")
    unresolved = unresolved.filter(~pl.col("generic")).drop("generic")
    generic = generic.drop("agency_key").join(
        agency_rules.resolve_generic_agency_names(generic.select("name", "country_key").unique()),
        on=["name", "country_key"], how="inner", nulls_equal=True).filter(pl.col("agency_key").is_not_null())
    resolved = agency_rules.resolve_agency_names(unresolved.select("name", "country_key").unique())
    unresolved = unresolved.drop("agency_key").join(
        resolved.select("name", "country_key", "agency_key"), on=["name", "country_key"], how="left", nulls_equal=True
    )
    fuzzy_mentions = pl.concat([unresolved.filter(pl.col("agency_key").is_not_null()), generic], how="diagonal_relaxed") \
        .select("document_key", "sentence_index", "agency_key")
    still_unresolved = unresolved.filter(pl.col("agency_key").is_null())
    all_agency_mentions = pl.concat(
        [agency_mentions.select("document_key", "sentence_index", "agency_key"), fuzzy_mentions]
    )
    # rights holders (leagues, broadcasters, studios) act only as complainants or helpers; where the
    # text merely names their content they are platforms, not agencies
    owners = reference.platform_agencies.select("agency_key").unique()
    owner_mentions = agency_mentions.join(owners, on="agency_key", how="semi")
    complaining_owners = pl.concat([
        agency_rules.complainant_mentions(owner_mentions, sentences)
        .select("document_key", "sentence_index", "agency_key"),
        agency_rules.complainant_mentions(all_platform_mentions, sentences)
        .join(reference.platform_agencies, on="platform_key", how="inner")
        .select("document_key", "sentence_index", "agency_key"),
    ])
    new_agencies, new_agency_mentions = agency_rules.unregistered_agencies(still_unresolved)
    all_agency_mentions = pl.concat([
        all_agency_mentions.join(owners, on="agency_key", how="anti"), complaining_owners, new_agency_mentions,
    ]).unique(maintain_order=True)
    known_agencies = pl.concat([reference.agencies, new_agencies], how="vertical_relaxed")
    all_agency_mentions = all_agency_mentions.join(source_sentences, on=["document_key", "sentence_index"], how="anti")
    agency_roles = roles.assign_agency_roles(all_agency_mentions, sentences, known_agencies)
    country_roles = pl.concat([
        roles.assign_country_roles(country_mentions, sentences),
        roles.roles_from_scoped_metrics(figures, sentences),
        _agency_country_rows(agency_roles, reference.agencies),
    ])
    # the document's operation takes the lead read from the whole text (measured: reading it from
    # the operation's own sentences alone lost leads where a sentence was wrongly taken for a
    # recap); an operation the document recaps ("Last year, Danish police arrested three men")
    # has a lead of its own, read from its sentences
    per_sentence = ["document_key", "sentence_index"]
    per_operation = ("document_key", "operation_key")
    primary_operations = reports.filter(pl.col("is_primary")).select(per_operation)
    recap_sentences = sentence_operations.join(primary_operations, on=per_operation, how="anti")
    recap_country_roles = country_roles.join(recap_sentences, on=per_sentence, how="inner")
    document_leads = roles.lead_countries(country_roles, agency_roles, reference.agencies)
    recap_leads = roles.lead_countries(recap_country_roles, agency_roles.join(recap_sentences, on=per_sentence, how="inner"),
                                       reference.agencies, per=per_operation)
    country_roles = pl.concat([
        country_roles,
        roles.lead_rows(document_leads, country_roles),
        roles.lead_rows(recap_leads, recap_country_roles, per=per_operation),
    ])

    first_sentences = sentences.select(
        "document_key", pl.col("sentence_index").alias("first_index"), "sentence", "sentence_start", "sentence_end"
    )
    reports = (
        reports.join(first_sentences, on=["document_key", "first_index"], how="left")
        .join(document_leads, on="document_key", how="left")
        .with_columns(
            # only the document's own operation states a lead on its report; a recap's lead stays in
            # its facts (measured: putting it on the recap's report too cost the holdout a role once
            # reports were rolled up into operations)
            lead_country_key=pl.when(pl.col("is_primary")).then("lead_country_key"),
            evidence=pl.col("sentence").fill_null(""),
            char_start=pl.col("sentence_start").fill_null(0),
            char_end=pl.col("sentence_end").fill_null(0),
        )
    )

    metric_facts = _evidence(
        figures.rename({"char_start": "figure_start", "char_end": "figure_end", "surface": "figure_text"}),
        sentences, sentence_operations,
    ).unique(["operation_key", "document_key", "metric", "figure_start"], keep="first", maintain_order=True)
    country_facts = _evidence(country_roles, sentences, sentence_operations)
    country_facts = roles.drop_redundant_roles(
        pl.concat([country_facts, roles.arrests_in_lead_country(country_facts, metric_facts)])
        .unique(["operation_key", "document_key", "country_key", "role"], keep="first", maintain_order=True)
    )
    tables = {
        # agencies the registry does not know, named in this batch (the flow adds the new ones)
        "dim_agency": new_agencies,
        "dim_document": documents.select(
            "document_key", "source_path", "title", "publisher", "published_date", "language",
            pl.col("text").str.len_chars().cast(pl.Int64).alias("char_count"), "encoding",
            pl.col("text").alias("clean_text"), pl.lit(False).alias("is_removed"), "ingested_at",
        ),
        "stg_document_operation": reports,
        "fact_operation_document": reports,
        "fact_operation_metric": metric_facts,
        "fact_operation_country": country_facts,
        "fact_operation_agency": _evidence(agency_roles, sentences, sentence_operations)
        .unique(["operation_key", "document_key", "agency_key", "role"], keep="first", maintain_order=True),
        "fact_operation_platform": _evidence(platform_mentions.select("document_key", "sentence_index", "platform_key"),
                                             sentences, sentence_operations)
        .unique(["operation_key", "document_key", "platform_key"], keep="first", maintain_order=True),
        "unresolved_agency_mention": _evidence(still_unresolved.select("document_key", "sentence_index", "name", "country_key"),
                                               sentences, sentence_operations)
        .unique(["operation_key", "document_key", "char_start", "name"], keep="first", maintain_order=True),
    }
    return tables, rejected.cast(REJECTED_SCHEMA)
