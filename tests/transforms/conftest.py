"""Fixtures shared by the transform tests."""
from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def registry():
    """(dim_agency, agency_aliases) as the flow loads them: the curated registry, validated."""
    from flows.reference import load_reference_tables

    tables = load_reference_tables()
    return tables["dim_agency"], tables["agency_aliases"]
