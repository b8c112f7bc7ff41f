"""Load the curated reference data and validate it with the warehouse's own pandera models.

A broken reference file is a curation error, not bad input: the run stops with the file and
the failing rows named, before anything is written.
"""
from __future__ import annotations

import polars as pl

from schemas.reference import validate_reference
from schemas.validate import validate_rows
from transforms import agencies, countries, platforms


class ReferenceDataError(ValueError):
    """A curated CSV under reference/ does not pass its schema."""


def _checked(table: str, frame: pl.DataFrame, source: str) -> pl.DataFrame:
    valid, invalid = validate_rows(table, frame)
    if invalid.height:
        raise ReferenceDataError(f"{source}: {invalid.height} invalid rows, e.g. {invalid['rejection_reason'].to_list()[:3]}")
    return valid


def load_reference_tables() -> dict[str, pl.DataFrame]:
    """The reference dimensions (validated) plus the raw alias tables extraction matches on."""
    validate_reference()
    agency_table, agency_aliases = agencies.load_agency_registry()
    platform_table, platform_aliases = platforms.load_platform_registry()
    dim_agency_alias = (
        pl.concat([
            agency_aliases.select("alias", "agency_key", "language"),
            agency_table.select(pl.col("name").alias("alias"), "agency_key", pl.lit(None, pl.String).alias("language")),
            agency_table.filter(pl.col("acronym").is_not_null()).select(
                pl.col("acronym").alias("alias"), "agency_key", pl.lit(None, pl.String).alias("language")),
        ], how="vertical_relaxed")
        .with_columns(pl.col("alias").str.to_lowercase().str.strip_chars())
        .filter(pl.col("alias").str.len_chars() > 0)
        .unique(["alias", "agency_key"], keep="first", maintain_order=True)
    )
    dim_platform_alias = (
        pl.concat([
            platform_aliases.select("alias", "platform_key"),
            platform_table.select(pl.col("name").alias("alias"), "platform_key"),
        ])
        .with_columns(pl.col("alias").str.to_lowercase().str.strip_chars())
        .unique(["alias", "platform_key"], keep="first", maintain_order=True)
    )
    rights_holders, rights_holder_aliases, platform_agencies = agencies.rights_holder_agencies(
        platform_table, platform_aliases, dim_agency_alias)
    agency_table = pl.concat([agency_table, rights_holders], how="vertical_relaxed")
    dim_agency_alias = pl.concat([dim_agency_alias, rights_holder_aliases], how="vertical_relaxed")
    return {
        "dim_country": _checked("dim_country", countries.build_country_dimension(), "pycountry + reference/country_regions.csv"),
        "dim_agency": _checked("dim_agency", agency_table, "reference/agencies.csv + rights holders from reference/platforms.csv"),
        "dim_agency_alias": _checked("dim_agency_alias", dim_agency_alias, "reference/agency_aliases.csv"),
        "dim_platform": _checked("dim_platform", platform_table, "reference/platforms.csv"),
        "dim_platform_alias": _checked("dim_platform_alias", dim_platform_alias, "reference/platform_aliases.csv"),
        "agency_aliases": agency_aliases,
        "platform_aliases": platform_aliases,
        "platform_agencies": platform_agencies,
    }
