"""Every example query in warehouse/queries/ runs against a built warehouse, opened read-only as
an analyst's shell would open it."""
from pathlib import Path

import duckdb
import pytest

QUERIES = sorted((Path(__file__).resolve().parent.parent / "warehouse" / "queries").glob("*.sql"))


@pytest.fixture(scope="module")
def shell(sample_warehouse):
    connection = duckdb.connect(str(sample_warehouse), read_only=True)
    yield connection
    connection.close()


def test_there_are_example_queries():
    assert len(QUERIES) >= 6


@pytest.mark.parametrize("query", QUERIES, ids=lambda path: path.stem)
def test_example_query_says_what_it_answers_and_runs(shell, query):
    text = query.read_text(encoding="utf-8")
    assert text.startswith("-- "), f"{query.name} must open with a '-- ' comment saying what it answers"
    relation = shell.sql(text)
    assert relation.columns
    relation.fetchall()


def test_one_operation_queries_follow_the_shell_variable(shell):
    operation = shell.execute("SELECT operation_key FROM dim_operation ORDER BY operation_key LIMIT 1").fetchall()[0][0]
    shell.execute("SET VARIABLE operation_key = ?", [operation]).fetchall()
    try:
        text = (QUERIES[0].parent / "documents_of_one_operation.sql").read_text(encoding="utf-8")
        keys = {row[0] for row in shell.sql(text).fetchall()}
        assert keys == {operation}
    finally:
        shell.execute("RESET VARIABLE operation_key").fetchall()
