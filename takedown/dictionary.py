"""`takedown dictionary`: the data dictionary as markdown, generated from the pandera models
(tables) and `schemas.views` (views), so it can never say something the warehouse does not.

`--check` compares the generated text with the file on disk; CI runs the same comparison, so a
schema change without a regenerated dictionary fails.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb
import pandera.polars as pa

from schemas.ddl import duckdb_type, primary_key, table_description, warehouse_ddl
from schemas.views import VIEWS, view_sql
from schemas.warehouse import DECLARED_KEY_TABLES, TABLES

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "warehouse" / "queries"
DEFAULT_OUT = Path("docs/data-dictionary.md")


def _cell(text: object) -> str:
    """Markdown table cell: pipes escaped, newlines flattened."""
    return str(text).replace("|", "\\|").replace("\n", " ")


def _check_text(check: pa.Check) -> str:
    statistics = check.statistics or {}
    if check.name == "isin":
        return "one of: " + ", ".join(str(value) for value in statistics["allowed_values"])
    if check.name == "greater_than_or_equal_to":
        return f">= {statistics['min_value']}"
    if check.name == "greater_than":
        return f"> {statistics['min_value']}"
    if check.name == "less_than_or_equal_to":
        return f"<= {statistics['max_value']}"
    if check.name == "str_matches":
        return f"matches `{statistics['pattern']}`"
    if check.name == "str_length":
        low, high = statistics.get("min_value"), statistics.get("max_value")
        if statistics.get("exact_value") is not None:
            return f"length {statistics['exact_value']}"
        if low is not None and low == high:
            return f"length {low}"
        return " and ".join(part for part in (f"length >= {low}" if low is not None else "",
                                               f"length <= {high}" if high is not None else "") if part)
    arguments = ", ".join(f"{key}={value}" for key, value in statistics.items())
    return f"{check.name}({arguments})"


def _table_section(table: str, model: type[pa.DataFrameModel]) -> list[str]:
    schema = model.to_schema()
    key = primary_key(model)
    lines = [f"### `{table}`", "", table_description(model), ""]
    if key and table in DECLARED_KEY_TABLES:
        lines.append(f"Primary key: {', '.join(f'`{column}`' for column in key)}")
    elif key:
        lines.append(f"Key: {', '.join(f'`{column}`' for column in key)}. Unique, checked by every build for the rows it "
                     "writes and by `takedown check`; not declared as a PRIMARY KEY, whose index DuckDB keeps in memory.")
    else:
        lines.append("No primary key.")
    lines += ["", "| column | type | null | description | references | checks |", "|---|---|---|---|---|---|"]
    for name, column in schema.columns.items():
        reference = (column.metadata or {}).get("references")
        checks = [_check_text(check) for check in column.checks]
        if column.unique and [name] != key:
            checks.append("unique")
        lines.append("| " + " | ".join([
            f"`{name}`", duckdb_type(column.dtype), "yes" if column.nullable else "no", _cell(column.description or ""),
            f"`{reference}`" if reference else "", _cell("; ".join(checks)),
        ]) + " |")
    return lines + [""]


def _view_column_types() -> dict[tuple[str, str], str]:
    """Column types of the views, as DuckDB infers them over an empty warehouse."""
    connection = duckdb.connect()
    try:
        for statement in warehouse_ddl() + view_sql():
            connection.execute(statement).fetchall()
        rows = connection.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE table_name IN "
            f"({', '.join('?' for _ in VIEWS)})", list(VIEWS)).fetchall()
    finally:
        connection.close()
    return {(view, column): data_type for view, column, data_type in rows}


def _view_section(name: str, types: dict[tuple[str, str], str]) -> list[str]:
    view = VIEWS[name]
    lines = [f"### `{name}`", "", view.comment, "", "| column | type | description |", "|---|---|---|"]
    for column, description in view.columns.items():
        lines.append(f"| `{column}` | {types[(name, column)]} | {_cell(description)} |")
    return lines + [""]


def _example_queries() -> list[str]:
    lines = ["## Example queries", "",
             "In `warehouse/queries/`; run one in the shell with "
             "`.venv/bin/duckdb -readonly warehouse/takedown.duckdb < warehouse/queries/FILE.sql`.", "",
             "| file | what it answers |", "|---|---|"]
    for path in sorted(QUERIES.glob("*.sql")):
        first = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("--").strip()
        lines.append(f"| `{path.name}` | {_cell(first)} |")
    return lines + [""]


def render() -> str:
    """The whole dictionary as markdown; the same schemas give the same text."""
    lines = [
        "# Data dictionary",
        "",
        "Generated by `takedown dictionary` from the pandera models in `schemas/warehouse.py` and the views in "
        "`schemas/views.py`: do not edit by hand. The same descriptions are the `COMMENT ON` text of every table, "
        "view and column, so in the DuckDB shell `SELECT table_name, column_name, comment FROM duckdb_columns()` "
        "reads the same words. References are checked by `takedown check`, not declared as foreign keys.",
        "",
        "## Tables",
        "",
        "| table | grain | key |",
        "|---|---|---|",
    ]
    for table, model in TABLES.items():
        key = ", ".join(f"`{column}`" for column in primary_key(model))
        lines.append(f"| [`{table}`](#{table}) | {_cell(table_description(model))} | {key} |")
    lines.append("")
    for table, model in TABLES.items():
        lines += _table_section(table, model)
    lines += ["## Views", "", "| view | what it shows |", "|---|---|"]
    for name, view in VIEWS.items():
        lines.append(f"| [`{name}`](#{name}) | {_cell(view.comment.split('. ')[0].rstrip('.'))}. |")
    lines.append("")
    types = _view_column_types()
    for name in VIEWS:
        lines += _view_section(name, types)
    lines += _example_queries()
    return "\n".join(lines).rstrip("\n") + "\n"


def command_dictionary(args: argparse.Namespace) -> int:
    out = Path(args.out)
    text = render()
    if args.check:
        current = out.read_text(encoding="utf-8") if out.is_file() else None
        if current != text:
            reason = "does not exist" if current is None else "is out of date with schemas/warehouse.py and schemas/views.py"
            print(f"takedown dictionary: {out} {reason}; run `takedown dictionary --out {out}` and commit it",
                  file=sys.stderr)
            return 1
        print(f"{out}: up to date")
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({len(TABLES)} tables, {len(VIEWS)} views)")
    return 0
