"""pandera models for the curated CSVs under `reference/` that are not warehouse tables.

The agency and platform registries are validated with the warehouse models of the tables they
become (`dim_agency`, `dim_platform`, ...); the country gazetteer files have models here.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import pandera.polars as pa
import polars as pl

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"


class CountryRegion(pa.DataFrameModel):
    """One row per ISO 3166-1 country: its UN M49 region and subregion."""

    alpha3: str = pa.Field(unique=True, str_matches=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3")
    region: Optional[str] = pa.Field(nullable=True, description="UN M49 region")
    subregion: Optional[str] = pa.Field(nullable=True, description="UN M49 subregion")

    class Config:
        strict = True


class CountryNameVariant(pa.DataFrameModel):
    """One row per curated country name variant (short, historic or colloquial form)."""

    alias: str = pa.Field(str_length={"min_value": 2}, description="Name as written")
    country_key: str = pa.Field(str_matches=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 it names")
    kind: str = pa.Field(description="short, historic, colloquial, ...")

    class Config:
        strict = "filter"


class Demonym(pa.DataFrameModel):
    """One row per demonym or adjective form per language."""

    demonym: str = pa.Field(str_length={"min_value": 2}, description="Adjective or demonym as written")
    country_key: str = pa.Field(str_matches=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3 it refers to")
    language: Optional[str] = pa.Field(nullable=True, description="ISO 639-1 language of the form")

    class Config:
        strict = "filter"


class CountryCommonName(pa.DataFrameModel):
    """One row per country whose everyday English name differs from pycountry's name."""

    country_key: str = pa.Field(unique=True, str_matches=r"^[A-Z]{3}$", description="ISO 3166-1 alpha-3")
    name: str = pa.Field(str_length={"min_value": 2}, description="Name used in dim_country")

    class Config:
        strict = True


class CountryAmbiguousName(pa.DataFrameModel):
    """One row per form that names several countries and therefore never resolves."""

    alias: str = pa.Field(unique=True, str_length={"min_value": 2}, description="Ambiguous form")
    candidates: str = pa.Field(str_matches=r"^[A-Z]{3}(\|[A-Z]{3})+$", description="|-joined alpha-3 codes it may name")

    class Config:
        strict = True


class CountryMentionBlocker(pa.DataFrameModel):
    """One row per phrase that contains a country name but is not a mention of it (New Jersey)."""

    phrase: str = pa.Field(unique=True, str_length={"min_value": 2}, description="Phrase to skip in text search")
    reason: str = pa.Field(description="Why it is not a country mention")

    class Config:
        strict = True


CSV_MODELS: dict[str, type[pa.DataFrameModel]] = {
    "country_regions.csv": CountryRegion,
    "country_name_variants.csv": CountryNameVariant,
    "demonyms.csv": Demonym,
    "country_common_names.csv": CountryCommonName,
    "country_ambiguous_names.csv": CountryAmbiguousName,
    "country_mention_blockers.csv": CountryMentionBlocker,
}


def read_reference_csv(name: str) -> pl.DataFrame:
    return pl.read_csv(REFERENCE_DIR / name, infer_schema=False)


def validate_reference() -> None:
    """Validate every gazetteer CSV; raises pandera's SchemaErrors naming the file's failures."""
    for name, model in CSV_MODELS.items():
        path = REFERENCE_DIR / name
        if path.exists():
            try:
                model.validate(read_reference_csv(name), lazy=True)
            except pa.errors.SchemaErrors as errors:
                raise ValueError(f"reference/{name} is invalid:\n{errors.failure_cases}") from errors
