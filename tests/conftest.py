"""Shared fixtures: one Prefect test server for the session, tiny named document sets."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EVAL_DEV = SHARED / "eval" / "dev"
COUNTRY_TABLES = SHARED / "eval" / "countries"
SAMPLE_RAW = ROOT / "raw"


@pytest.fixture(scope="session")
def prefect_server():
    """A temporary Prefect API for the real flow runs (about 15 s once per session)."""
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        with temporary_settings({PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
            yield


@pytest.fixture
def raw_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def sample_warehouse(prefect_server, tmp_path_factory) -> Path:
    """A warehouse built once per session from `raw/` (seeds and samples) by the real flow.

    Read it only (views, queries, the notebook, export); tests that change a warehouse build their own.
    """
    from flows.build import build_warehouse

    path = tmp_path_factory.mktemp("sample-warehouse") / "takedown.duckdb"
    build_warehouse(raw_root=str(SAMPLE_RAW), warehouse_path=str(path))
    return path


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> Path:
    """A warehouse with every table and view and no rows, as a first build over an empty folder leaves it."""
    import duckdb

    from schemas.ddl import warehouse_ddl
    from schemas.views import view_sql

    path = tmp_path / "empty.duckdb"
    with duckdb.connect(str(path)) as connection:
        for statement in warehouse_ddl() + view_sql():
            connection.execute(statement).fetchall()
    return path
