"""Generate DuckDB DDL and `COMMENT ON` statements from the pandera models.

SQL is generated here and executed elsewhere (`flows.warehouse`), so the statements can be
read and tested without a database.
"""
from __future__ import annotations

import polars as pl
import pandera.polars as pa

from schemas.warehouse import DECLARED_KEY_TABLES, TABLES

_DUCKDB_TYPES = {
    pl.String: "VARCHAR",
    pl.Int64: "BIGINT",
    pl.Int32: "INTEGER",
    pl.Float64: "DOUBLE",
    pl.Boolean: "BOOLEAN",
    pl.Date: "DATE",
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def duckdb_type(dtype: object) -> str:
    """DuckDB type of a pandera polars dtype."""
    polars_type = dtype.type  # pandera engine dtype wraps a polars dtype
    if isinstance(polars_type, pl.Datetime) or polars_type == pl.Datetime:
        return "TIMESTAMP"
    for candidate, sql in _DUCKDB_TYPES.items():
        if polars_type == candidate:
            return sql
    raise TypeError(f"no DuckDB type for {polars_type!r}")


def primary_key(model: type[pa.DataFrameModel]) -> list[str]:
    schema = model.to_schema()
    if schema.unique:
        return list(schema.unique)
    return [name for name, column in schema.columns.items() if column.unique]


def table_description(model: type[pa.DataFrameModel]) -> str:
    """The grain line: first line of the model's docstring."""
    return (model.__doc__ or "").strip().splitlines()[0]


def column_description(column: pa.Column) -> str:
    text = column.description or ""
    reference = (column.metadata or {}).get("references")
    if reference:
        text += f" (references {reference})"
    return text


def polars_schema(table: str) -> dict[str, pl.DataType]:
    """Polars dtypes of a table, for building empty or cast frames."""
    schema = TABLES[table].to_schema()
    result: dict[str, pl.DataType] = {}
    for name, column in schema.columns.items():
        polars_type = column.dtype.type
        result[name] = pl.Datetime("us") if polars_type == pl.Datetime or isinstance(polars_type, pl.Datetime) else polars_type
    return result


def create_table_sql(table: str) -> str:
    model = TABLES[table]
    schema = model.to_schema()
    lines = []
    for name, column in schema.columns.items():
        null = "" if column.nullable else " NOT NULL"
        lines.append(f"    {name} {duckdb_type(column.dtype)}{null}")
    key = primary_key(model)
    if key and table in DECLARED_KEY_TABLES:
        lines.append(f"    PRIMARY KEY ({', '.join(key)})")
    return f"CREATE TABLE IF NOT EXISTS {table} (\n" + ",\n".join(lines) + "\n)"


def comment_sql(table: str) -> list[str]:
    model = TABLES[table]
    statements = [f"COMMENT ON TABLE {table} IS {_quote(table_description(model))}"]
    for name, column in model.to_schema().columns.items():
        statements.append(f"COMMENT ON COLUMN {table}.{name} IS {_quote(column_description(column))}")
    return statements


def warehouse_ddl() -> list[str]:
    """Every statement that creates and documents the warehouse tables, in order."""
    statements: list[str] = []
    for table in TABLES:
        statements.append(create_table_sql(table))
        statements.extend(comment_sql(table))
    return statements
