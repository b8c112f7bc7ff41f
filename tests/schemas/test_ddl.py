"""DDL and comments are generated from the pandera models and run in DuckDB."""
from __future__ import annotations

import duckdb

from schemas.ddl import create_table_sql, primary_key, warehouse_ddl
from schemas.warehouse import TABLES, FactOperationMetric


def test_primary_key_comes_from_the_model():
    assert primary_key(FactOperationMetric) == ["operation_key", "document_key", "metric", "figure_start"]
    assert "PRIMARY KEY (country_key)" in create_table_sql("dim_country")


def test_tables_that_grow_with_the_corpus_declare_no_primary_key():
    # DuckDB pins a key's ART index in memory: a 400k build ran out of its limit on them
    assert "PRIMARY KEY" not in create_table_sql("fact_operation_metric")
    assert "PRIMARY KEY" not in create_table_sql("dim_document")


def test_every_table_and_column_is_created_and_commented():
    connection = duckdb.connect()
    for statement in warehouse_ddl():
        connection.execute(statement)
    tables = dict(connection.execute("SELECT table_name, comment FROM duckdb_tables()").fetchall())
    assert set(tables) == set(TABLES)
    assert all(tables.values())
    uncommented = connection.execute(
        "SELECT table_name, column_name FROM duckdb_columns() WHERE NOT internal AND (comment IS NULL OR comment = '')"
    ).fetchall()
    assert uncommented == []


def test_foreign_keys_are_documented_in_comments():
    connection = duckdb.connect()
    for statement in warehouse_ddl():
        connection.execute(statement)
    comment = connection.execute(
        "SELECT comment FROM duckdb_columns() WHERE table_name = 'fact_operation_country' AND column_name = 'country_key'"
    ).fetchone()[0]
    assert "references dim_country.country_key" in comment
