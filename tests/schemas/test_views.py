"""v_operations over a tiny hand-made warehouse in DuckDB."""
import datetime

import duckdb
import polars as pl

from flows.warehouse import insert_frame
from schemas.ddl import warehouse_ddl
from schemas.views import view_sql


def _document(key: str, day: int) -> dict:
    return {"document_key": key * 64, "source_path": f"{key}.txt", "title": None, "publisher": None,
            "published_date": datetime.date(2024, 11, day), "language": "en", "char_count": 1, "encoding": "utf-8",
            "clean_text": "x", "is_removed": False, "ingested_at": datetime.datetime(2024, 12, 1)}


def _figure(document: str, value: float, country: str | None = None, start: int = 0) -> dict:
    return {"operation_key": "op", "document_key": document * 64, "evidence": "x", "char_start": 0, "char_end": 1,
            "metric": "servers_seized", "value": value, "value_low": value, "value_high": value, "qualifier": "exact",
            "unit": None, "country_key": country, "figure_start": start, "figure_end": start + 1, "figure_text": "x"}


def test_v_operations_takes_the_value_most_documents_state_ties_to_the_latest():
    connection = duckdb.connect()
    for statement in warehouse_ddl() + view_sql():
        connection.execute(statement).fetchall()
    insert_frame(connection, "dim_document", pl.DataFrame([_document(k, d) for k, d in (("a", 1), ("b", 2), ("c", 3))]))
    insert_frame(connection, "dim_operation", pl.DataFrame([{
        "operation_key": "op", "operation_name": "Zeta", "target_group": None, "action_date": None,
        "announced_date": datetime.date(2024, 11, 1), "lead_country_key": None, "summary": None, "document_count": 3}]))
    # a: 9 (and a country-scoped 4), b: 29, c: 29 -> 29; then a: 9, b: 29, c: 9 -> 9
    insert_frame(connection, "fact_operation_metric", pl.DataFrame(
        [_figure("a", 9), _figure("a", 4, "ITA", 5), _figure("b", 29), _figure("c", 29)]))
    assert connection.execute("SELECT servers_seized, reporting_documents FROM v_operations").fetchall() == [(29.0, 3)]
    connection.execute("DELETE FROM fact_operation_metric WHERE document_key = ?", ["b" * 64]).fetchall()
    connection.execute("UPDATE fact_operation_metric SET value = 9 WHERE document_key = ?", ["c" * 64]).fetchall()
    insert_frame(connection, "fact_operation_metric", pl.DataFrame([_figure("b", 29, start=9)]))
    assert connection.execute("SELECT servers_seized FROM v_operations").fetchall() == [(9.0,)]


def test_every_view_column_is_commented():
    connection = duckdb.connect()
    for statement in warehouse_ddl() + view_sql():
        connection.execute(statement).fetchall()
    uncommented = connection.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'v_operations' AND (comment IS NULL OR comment = '')"
    ).fetchall()
    assert uncommented == []
    assert connection.execute("SELECT comment FROM duckdb_views() WHERE view_name = 'v_operations'").fetchall()[0][0]
