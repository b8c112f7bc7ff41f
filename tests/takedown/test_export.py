"""`takedown export --parquet`: the warehouse as partitioned Parquet, read back with polars."""
import json

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from schemas.ddl import primary_key
from schemas.views import VIEWS
from schemas.warehouse import TABLES
from takedown.cli import main
from takedown.export import PARTITION_COLUMN, PARTITIONED_TABLES, partitioned_select


def _read(folder, table: str) -> pl.DataFrame:
    if table in PARTITIONED_TABLES:
        return pl.read_parquet(folder / "tables" / table, hive_partitioning=True)
    return pl.read_parquet(folder / "tables" / f"{table}.parquet")


@pytest.fixture(scope="module")
def exported(sample_warehouse, tmp_path_factory):
    folder = tmp_path_factory.mktemp("export") / "parquet"
    assert main(["export", "--warehouse", str(sample_warehouse), "--parquet", str(folder)]) == 0
    return folder


def test_every_table_and_view_reads_back_with_its_rows(sample_warehouse, exported):
    manifest = json.loads((exported / "manifest.json").read_text())
    rows = {entry["name"]: entry["rows"] for entry in manifest["objects"]}
    assert set(rows) == set(TABLES) | set(VIEWS)
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        for table in TABLES:
            count = connection.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
            assert _read(exported, table).height == count == rows[table], table
        for view in VIEWS:
            count = connection.execute(f"SELECT count(*) FROM {view}").fetchall()[0][0]
            assert pl.read_parquet(exported / "views" / f"{view}.parquet").height == count == rows[view], view
    assert "published_year=<year>" in (exported / "README.md").read_text()


@pytest.mark.parametrize("table", ["fact_operation_metric", "dim_document", "unresolved_agency_mention", "dim_operation"])
def test_exported_frame_equals_the_warehouse(sample_warehouse, exported, table):
    partitioned = table in PARTITIONED_TABLES
    with duckdb.connect(str(sample_warehouse), read_only=True) as connection:
        expected = connection.sql(partitioned_select(table) if partitioned else f"SELECT * FROM {table}").pl()
    key = primary_key(TABLES[table])
    assert expected.height > 0
    actual = _read(exported, table)
    if partitioned:
        years = (exported / "tables" / table).glob(f"{PARTITION_COLUMN}=*")
        assert {path.name for path in years} >= {f"{PARTITION_COLUMN}={year}" for year in expected[PARTITION_COLUMN].drop_nulls()}
    assert_frame_equal(actual.sort(key), expected.sort(key))


def test_an_empty_warehouse_exports_readable_empty_tables(tmp_path, empty_warehouse):
    warehouse = empty_warehouse
    folder = tmp_path / "parquet"
    assert main(["export", "--warehouse", str(warehouse), "--parquet", str(folder)]) == 0
    for table, model in TABLES.items():
        frame = _read(folder, table)
        columns = list(model.to_schema().columns) + ([PARTITION_COLUMN] if table in PARTITIONED_TABLES else [])
        assert frame.height == 0 and frame.columns == columns, table


def test_export_errors_are_clear_and_touch_nothing(sample_warehouse, tmp_path, capsys):
    assert main(["export", "--warehouse", str(tmp_path / "missing.duckdb"), "--parquet", str(tmp_path / "out")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()

    foreign = tmp_path / "notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep me")
    assert main(["export", "--warehouse", str(sample_warehouse), "--parquet", str(foreign)]) == 2
    assert "not an earlier export" in capsys.readouterr().err
    assert [path.name for path in foreign.iterdir()] == ["mine.txt"]

    again = tmp_path / "again"
    assert main(["export", "--warehouse", str(sample_warehouse), "--parquet", str(again)]) == 0
    (again / "stale.parquet").write_text("from an earlier export")
    assert main(["export", "--warehouse", str(sample_warehouse), "--parquet", str(again)]) == 0
    assert not (again / "stale.parquet").exists()
    assert [path.name for path in tmp_path.iterdir() if path.name.startswith(".")] == []
