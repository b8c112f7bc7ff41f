"""One pandera model per warehouse table: the single source of truth for names, types, checks
and descriptions. The DuckDB DDL and `COMMENT ON` statements are generated from these classes
(`schemas.ddl`), so a column is written down here and nowhere else.

Conventions read by the DDL generator:
- the class docstring's first line states the grain and becomes the table comment;
- `Config.unique` (or a single field with `unique=True`) is the table's key: declared as its
  PRIMARY KEY only for the tables in `DECLARED_KEY_TABLES`, checked per run for the others;
- `metadata={"references": "table.column"}` documents a foreign key, checked by
  `flows.warehouse.integrity_problems` (`takedown check`) rather than declared (DuckDB foreign keys block reference reloads).
"""
from __future__ import annotations

import datetime
from typing import Optional

import pandera.polars as pa

METRICS = [
    "arrests", "suspects", "searches", "servers_seized", "domains_seized", "users_affected",
    "officers_deployed", "countries_involved", "legal_requests", "financial_damage", "assets_seized",
]
QUALIFIERS = ["exact", "at_least", "approx", "at_most", "range"]
COUNTRY_ROLES = ["lead", "participant", "searches", "arrests", "servers", "other"]
AGENCY_ROLES = ["lead", "coordinator", "participant", "support", "complainant", "other"]
AGENCY_TYPES = ["police", "prosecution", "judiciary", "ministry", "intergovernmental", "industry", "other"]
AGENCY_SCOPES = ["local", "national", "international"]
PLATFORM_TYPES = ["streaming", "broadcaster", "studio", "sports league", "industry body", "other"]
FILE_STATUSES = ["loaded", "unchanged", "quarantined", "skipped"]
QUARANTINE_STAGES = ["discover", "read", "decode", "clean", "extract", "validate", "load"]


def _references(target: str) -> dict:
    return {"references": target}


class DimCountry(pa.DataFrameModel):
    """One row per ISO 3166-1 country, mentioned or not."""

    country_key: str = pa.Field(unique=True, str_length=3, description="ISO 3166-1 alpha-3 code, e.g. ITA")
    iso2: str = pa.Field(str_length=2, description="ISO 3166-1 alpha-2 code, e.g. IT")
    name: str = pa.Field(description="Common English name of the country")
    region: Optional[str] = pa.Field(nullable=True, description="UN M49 region, e.g. Europe")
    subregion: Optional[str] = pa.Field(nullable=True, description="UN M49 subregion, e.g. Southern Europe")
    is_eu: bool = pa.Field(description="True for the 27 member states of the European Union")

    class Config:
        strict = True


class DimAgency(pa.DataFrameModel):
    """One row per law-enforcement, judicial, governmental or industry body in the curated registry."""

    agency_key: str = pa.Field(unique=True, str_matches=r"^[a-z0-9]+(-[a-z0-9]+)*$",
                               description="Stable slug of the agency, e.g. it-polizia-postale")
    name: str = pa.Field(description="Canonical English name")
    acronym: Optional[str] = pa.Field(nullable=True, description="Usual acronym, e.g. FBI")
    agency_type: str = pa.Field(isin=AGENCY_TYPES, description="police, prosecution, judiciary, ministry, intergovernmental, industry or other")
    scope: str = pa.Field(isin=AGENCY_SCOPES, description="local, national or international")
    country_key: Optional[str] = pa.Field(nullable=True, metadata=_references("dim_country.country_key"),
                                          description="Country of the agency; null for international bodies")
    parent_agency_key: Optional[str] = pa.Field(nullable=True, metadata=_references("dim_agency.agency_key"),
                                                description="Agency this body belongs to, e.g. a unit's police force")

    class Config:
        strict = True


class DimAgencyAlias(pa.DataFrameModel):
    """One row per surface form (lower-cased, any language) per agency."""

    alias: str = pa.Field(str_length={"min_value": 1}, description="Surface form of the agency's name, lower-cased")
    agency_key: str = pa.Field(metadata=_references("dim_agency.agency_key"), description="Agency the alias names")
    language: Optional[str] = pa.Field(nullable=True, description="ISO 639-1 language of the alias, when known")

    class Config:
        strict = True
        unique = ["alias", "agency_key"]


class DimPlatform(pa.DataFrameModel):
    """One row per service or rights holder whose content was pirated."""

    platform_key: str = pa.Field(unique=True, description="Stable slug of the platform, e.g. netflix")
    name: str = pa.Field(description="Canonical name, e.g. Netflix")
    platform_type: str = pa.Field(isin=PLATFORM_TYPES, description="streaming, broadcaster, studio, sports league, industry body or other")

    class Config:
        strict = True


class DimPlatformAlias(pa.DataFrameModel):
    """One row per surface form per platform."""

    alias: str = pa.Field(str_length={"min_value": 1}, description="Surface form of the platform's name, lower-cased")
    platform_key: str = pa.Field(metadata=_references("dim_platform.platform_key"), description="Platform the alias names")

    class Config:
        strict = True
        unique = ["alias", "platform_key"]


class DimDocument(pa.DataFrameModel):
    """One row per distinct raw file content (document) ever loaded."""

    document_key: str = pa.Field(unique=True, str_matches=r"^[0-9a-f]{64}$", description="sha256 hex of the raw file bytes")
    source_path: str = pa.Field(description="Path of the file relative to the raw root, /-separated")
    title: Optional[str] = pa.Field(nullable=True, description="Headline of the document, when one is recognisable")
    publisher: Optional[str] = pa.Field(nullable=True, description="Publisher named in the document, when stated")
    published_date: Optional[datetime.date] = pa.Field(nullable=True, description="Publication date stated in the document")
    language: Optional[str] = pa.Field(nullable=True, description="ISO 639-1 language of the document")
    char_count: int = pa.Field(ge=0, description="Characters in the cleaned text")
    encoding: str = pa.Field(description="Encoding the raw bytes were decoded from")
    clean_text: str = pa.Field(description="Cleaned text; every fact's char_start/char_end point into it")
    is_removed: bool = pa.Field(description="True when the file is no longer under the raw root (rows are kept)")
    ingested_at: datetime.datetime = pa.Field(description="When this document was first loaded (UTC)")

    class Config:
        strict = True


class DimOperation(pa.DataFrameModel):
    """One row per enforcement operation."""

    operation_key: str = pa.Field(unique=True, description="Stable key of the operation")
    operation_name: Optional[str] = pa.Field(nullable=True, description="Name without the word Operation or quotes, e.g. Taken Down")
    target_group: Optional[str] = pa.Field(nullable=True, description="Group, site or service targeted, e.g. Sparks Group")
    action_date: Optional[datetime.date] = pa.Field(nullable=True, description="Day of the action, when the text allows it")
    announced_date: Optional[datetime.date] = pa.Field(nullable=True, description="Earliest publication date of a report")
    lead_country_key: Optional[str] = pa.Field(nullable=True, metadata=_references("dim_country.country_key"),
                                               description="Country whose authorities led the operation")
    summary: Optional[str] = pa.Field(nullable=True, description="First sentence reporting the operation")
    document_count: int = pa.Field(ge=0, description="Number of documents reporting the operation")

    class Config:
        strict = True


class RetiredOperationKey(pa.DataFrameModel):
    """One row per operation key no longer in use: the operation that now holds most of its documents."""

    retired_key: str = pa.Field(unique=True, description=(
        "A key dim_operation once had; retired when its operation merged into another (a new report "
        "bridged them) or its reports moved. Never given to another operation"))
    operation_key: str = pa.Field(metadata=_references("dim_operation.operation_key"), description=(
        "Operation that now holds most of the documents the retired key had: "
        "`coalesce(r.operation_key, k)` resolves a saved key k"))
    run_id: str = pa.Field(metadata=_references("run_ledger.run_id"), description="Run that retired the key")

    class Config:
        strict = True


class StagingDocumentOperation(pa.DataFrameModel):
    """One row per operation as read from one document; dim_operation is derived from it."""

    operation_key: str = pa.Field(description="Operation the document's report belongs to")
    document_key: str = pa.Field(metadata=_references("dim_document.document_key"), description="Document read")
    is_primary: bool = pa.Field(description="True when the document is about this operation")
    operation_name: Optional[str] = pa.Field(nullable=True, description="Operation name as read from this document")
    target_group: Optional[str] = pa.Field(nullable=True, description="Target group as read from this document")
    action_date: Optional[datetime.date] = pa.Field(nullable=True, description="Action date as read from this document")
    published_date: Optional[datetime.date] = pa.Field(nullable=True, description="Publication date of this document")
    lead_country_key: Optional[str] = pa.Field(nullable=True, description="Lead country as read from this document")
    evidence: str = pa.Field(description="Sentence the operation was read from")
    char_start: int = pa.Field(ge=0, description="Start offset of the evidence in the cleaned text")
    char_end: int = pa.Field(ge=0, description="End offset of the evidence in the cleaned text")
    report_key: Optional[str] = pa.Field(nullable=True, description=(
        "Key this document alone gives the operation (name or target, phase or edition, year); operation_key is "
        "where resolution across documents put it"))
    edition: Optional[str] = pa.Field(nullable=True, description="Phase or edition number as read from this document (2023 for a yearly edition)")
    action_year: Optional[int] = pa.Field(nullable=True, description="Year of the action as read from this document (a recap's stated year)")

    class Config:
        strict = True
        unique = ["operation_key", "document_key"]


class _Evidence(pa.DataFrameModel):
    """Columns every fact shares: where it was read from."""

    operation_key: str = pa.Field(metadata=_references("dim_operation.operation_key"), description="Operation the fact belongs to")
    document_key: str = pa.Field(metadata=_references("dim_document.document_key"), description="Document the fact was read from")
    evidence: str = pa.Field(description="Sentence the fact was read from")
    char_start: int = pa.Field(ge=0, description="Start offset of the evidence in dim_document.clean_text")
    char_end: int = pa.Field(ge=0, description="End offset (exclusive) of the evidence in dim_document.clean_text")


class FactOperationDocument(_Evidence):
    """One row per operation per document that reports it."""

    is_primary: bool = pa.Field(description="True when the document is about this operation, false for a passing mention")

    class Config:
        strict = True
        unique = ["operation_key", "document_key"]


class FactOperationMetric(_Evidence):
    """One row per figure stated in a document."""

    metric: str = pa.Field(isin=METRICS, description="What the figure counts (controlled vocabulary)")
    value: float = pa.Field(ge=0, description="The figure as stated; for a range its low end")
    value_low: Optional[float] = pa.Field(nullable=True, ge=0, description="Lower bound implied by the qualifier")
    value_high: Optional[float] = pa.Field(nullable=True, ge=0, description="Upper bound implied by the qualifier")
    qualifier: str = pa.Field(isin=QUALIFIERS, description="exact, at_least, approx, at_most or range")
    unit: Optional[str] = pa.Field(nullable=True, str_matches=r"^[A-Z]{3}$", description="ISO 4217 currency for money figures, else null")
    country_key: Optional[str] = pa.Field(nullable=True, metadata=_references("dim_country.country_key"),
                                          description="Country the figure is scoped to, else null")
    figure_start: int = pa.Field(ge=0, description="Start offset of the figure phrase in the cleaned text")
    figure_end: int = pa.Field(ge=0, description="End offset of the figure phrase in the cleaned text")
    figure_text: str = pa.Field(description="The figure phrase as written, e.g. 'over 270 agents'")

    class Config:
        strict = True
        unique = ["operation_key", "document_key", "metric", "figure_start"]


class FactOperationCountry(_Evidence):
    """One row per country per role per document."""

    country_key: str = pa.Field(metadata=_references("dim_country.country_key"), description="Country involved")
    role: str = pa.Field(isin=COUNTRY_ROLES, description="lead, participant, searches, arrests, servers or other")

    class Config:
        strict = True
        unique = ["operation_key", "document_key", "country_key", "role"]


class FactOperationAgency(_Evidence):
    """One row per agency per role per document."""

    agency_key: str = pa.Field(metadata=_references("dim_agency.agency_key"), description="Agency involved")
    role: str = pa.Field(isin=AGENCY_ROLES, description="lead, coordinator, participant, support, complainant or other")

    class Config:
        strict = True
        unique = ["operation_key", "document_key", "agency_key", "role"]


class FactOperationPlatform(_Evidence):
    """One row per platform per document."""

    platform_key: str = pa.Field(metadata=_references("dim_platform.platform_key"), description="Platform whose content was pirated")

    class Config:
        strict = True
        unique = ["operation_key", "document_key", "platform_key"]


class UnresolvedAgencyMention(_Evidence):
    """One row per agency-like name in a document that the registry could not resolve: for curators."""

    name: str = pa.Field(description="Name as written in the document")
    country_key: Optional[str] = pa.Field(nullable=True, description="Country the name was read near, used for fuzzy matching")

    class Config:
        strict = True
        unique = ["operation_key", "document_key", "char_start", "name"]


class Quarantine(pa.DataFrameModel):
    """One row per file or row that a run could not load, with the stage and the reason."""

    run_id: str = pa.Field(metadata=_references("run_ledger.run_id"), description="Run that quarantined it")
    source_path: str = pa.Field(description="File relative to the raw root")
    document_key: Optional[str] = pa.Field(nullable=True, description="sha256 of the bytes, when they could be read")
    stage: str = pa.Field(isin=QUARANTINE_STAGES, description="Pipeline stage that rejected it")
    table_name: Optional[str] = pa.Field(nullable=True, description="Table whose validation rejected a row, for validate-stage rows")
    reason: str = pa.Field(description="Why, in words an operator can act on")
    quarantined_at: datetime.datetime = pa.Field(description="When (UTC)")

    class Config:
        strict = True


class RunFile(pa.DataFrameModel):
    """One row per file under the raw root per run: what happened to it."""

    run_id: str = pa.Field(metadata=_references("run_ledger.run_id"), description="Run that saw the file")
    source_path: str = pa.Field(description="File relative to the raw root")
    document_key: Optional[str] = pa.Field(nullable=True, description="sha256 of the bytes, when they could be read")
    status: str = pa.Field(isin=FILE_STATUSES, description="loaded, unchanged, quarantined or skipped")
    stage: Optional[str] = pa.Field(nullable=True, description="Stage that quarantined or skipped it")
    reason: Optional[str] = pa.Field(nullable=True, description="Why it was quarantined or skipped")
    size: Optional[int] = pa.Field(nullable=True, ge=0, description="File size in bytes when the run saw it")
    mtime_ns: Optional[int] = pa.Field(nullable=True, description=(
        "File modification time (ns since the epoch) when the run saw it; a later run takes a file with the "
        "same size and mtime_ns as its last loaded or unchanged row for unchanged without reading it"))

    class Config:
        strict = True
        unique = ["run_id", "source_path"]


class RunLedger(pa.DataFrameModel):
    """One row per build run."""

    run_id: str = pa.Field(unique=True, description="Identifier of the run (UTC timestamp and random suffix)")
    started_at: datetime.datetime = pa.Field(description="When the run started (UTC)")
    finished_at: datetime.datetime = pa.Field(description="When the run published the warehouse (UTC)")
    raw_root: str = pa.Field(description="Raw folder the run read")
    documents_seen: int = pa.Field(ge=0, description="Files found under the raw root")
    documents_loaded: int = pa.Field(ge=0, description="Files whose rows were (re)loaded")
    documents_unchanged: int = pa.Field(ge=0, description="Files already loaded with the same bytes")
    documents_quarantined: int = pa.Field(ge=0, description="Files rejected, see quarantine")
    documents_removed: int = pa.Field(ge=0, description="Documents no longer under the raw root, marked is_removed")
    bytes_read: int = pa.Field(ge=0, description="Bytes of raw files the run read (files unchanged by size and mtime are not read)")
    full_rebuild: bool = pa.Field(description="True for `takedown build --full`: every file read and extracted again")
    row_counts: str = pa.Field(description="JSON object: rows per table after the run")
    seconds: float = pa.Field(ge=0, description="Wall-clock duration of the run")

    class Config:
        strict = True


# Load order matters only for readability: dimensions first, then facts, then bookkeeping.
TABLES: dict[str, type[pa.DataFrameModel]] = {
    "dim_country": DimCountry,
    "dim_agency": DimAgency,
    "dim_agency_alias": DimAgencyAlias,
    "dim_platform": DimPlatform,
    "dim_platform_alias": DimPlatformAlias,
    "dim_document": DimDocument,
    "stg_document_operation": StagingDocumentOperation,
    "dim_operation": DimOperation,
    "retired_operation_key": RetiredOperationKey,
    "fact_operation_document": FactOperationDocument,
    "fact_operation_metric": FactOperationMetric,
    "fact_operation_country": FactOperationCountry,
    "fact_operation_agency": FactOperationAgency,
    "fact_operation_platform": FactOperationPlatform,
    "unresolved_agency_mention": UnresolvedAgencyMention,
    "quarantine": Quarantine,
    "run_file": RunFile,
    "run_ledger": RunLedger,
}

# Tables holding rows read from documents: replaced per document on reload.
DOCUMENT_TABLES = [
    "stg_document_operation", "fact_operation_document", "fact_operation_metric",
    "fact_operation_country", "fact_operation_agency", "fact_operation_platform",
    "unresolved_agency_mention",
]
# Tables rebuilt from the curated reference data on every run.
REFERENCE_TABLES = ["dim_country", "dim_agency", "dim_agency_alias", "dim_platform", "dim_platform_alias"]
# Tables whose key DuckDB enforces with a PRIMARY KEY: the small ones. DuckDB pins a key's ART
# index in memory, so the tables that grow with the corpus declare none; the build checks their
# keys for the rows it wrote (`flows.warehouse.duplicate_keys`) and `takedown check` for all rows.
# With keys, a replay of a 100k warehouse's inserts failed at a 256 MB limit after about 95,000
# documents, and a 400k build failed at 1 GB (`tests/benchmarks/results/replay-inserts-256MB.txt`).
DECLARED_KEY_TABLES = REFERENCE_TABLES + ["run_ledger"]
