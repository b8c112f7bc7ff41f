"""The curated gazetteer CSVs pass their pandera models; a broken row is named."""
import polars as pl
import pytest
import pandera.polars as pa

from schemas.reference import CSV_MODELS, REFERENCE_DIR, CountryAmbiguousName, read_reference_csv, validate_reference


def test_every_reference_csv_is_valid():
    assert all((REFERENCE_DIR / name).exists() for name in CSV_MODELS)
    validate_reference()


@pytest.mark.parametrize("name", sorted(CSV_MODELS))
def test_each_csv_has_rows(name):
    assert read_reference_csv(name).height > 0


def test_a_broken_row_is_rejected():
    with pytest.raises(pa.errors.SchemaErrors):
        CountryAmbiguousName.validate(pl.DataFrame({"alias": ["Congolese"], "candidates": ["COD"]}), lazy=True)
