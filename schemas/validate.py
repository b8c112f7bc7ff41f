"""Validate a table's rows with its pandera model, splitting valid rows from rejected ones.

Rejected rows are not dropped: they come back with a reason so the flow can quarantine the
documents they came from, while the valid rows load.
"""
from __future__ import annotations

import polars as pl
import pandera.polars as pa
from pandera.errors import SchemaError, SchemaErrors

from schemas.ddl import polars_schema
from schemas.warehouse import TABLES


def conform(table: str, frame: pl.DataFrame) -> pl.DataFrame:
    """Select the table's columns in order with its dtypes (cast in polars, not by pandera,
    so a failed cast cannot hide other check failures)."""
    schema = polars_schema(table)
    missing = [name for name in schema if name not in frame.columns]
    if missing:
        raise ValueError(f"{table}: frame lacks columns {missing}")
    return frame.select([pl.col(name).cast(dtype, strict=False) for name, dtype in schema.items()])


def validate_rows(table: str, frame: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Return (valid rows, rejected rows with a `rejection_reason` column)."""
    model: type[pa.DataFrameModel] = TABLES[table]
    frame = conform(table, frame).with_row_index("_row")
    try:
        model.validate(frame.drop("_row"), lazy=True)
        return frame.drop("_row"), frame.head(0).drop("_row").with_columns(rejection_reason=pl.lit(None, pl.String))
    except SchemaErrors as errors:
        failures = errors.failure_cases
    except SchemaError as error:  # raised by non-lazy paths; treat as whole-batch failure
        failures = pl.DataFrame({"index": [None], "column": [None], "check": [str(error)], "failure_case": [None]})
    failures = failures.with_columns(
        rejection_reason=pl.format(
            "{} failed {}: {}",
            pl.col("column").cast(pl.String).fill_null("table"),
            pl.col("check").cast(pl.String),
            pl.col("failure_case").cast(pl.String).fill_null(""),
        ).str.slice(0, 300)
    )
    if failures["index"].null_count() > 0:
        reason = "; ".join(failures.filter(pl.col("index").is_null())["rejection_reason"].unique().sort().to_list())
        return frame.head(0).drop("_row"), frame.drop("_row").with_columns(rejection_reason=pl.lit(reason))
    reasons = failures.group_by("index").agg(pl.col("rejection_reason").unique().sort().str.join("; "))
    rejected = frame.join(reasons, left_on="_row", right_on=pl.col("index").cast(pl.UInt32), how="inner")
    valid = frame.join(reasons, left_on="_row", right_on=pl.col("index").cast(pl.UInt32), how="anti")
    return valid.drop("_row"), rejected.drop("_row", "index", strict=False)
