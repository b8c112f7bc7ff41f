"""Analyst views over the star schema, with their comments. SQL only; executed by the load."""
from __future__ import annotations

from schemas.ddl import column_description
from schemas.warehouse import METRICS, DimOperation

_PIVOT = ",\n    ".join(f"max(c.value) FILTER (WHERE c.metric = '{metric}') AS {metric}" for metric in METRICS)

V_OPERATIONS = f"""
CREATE OR REPLACE VIEW v_operations AS
WITH document_values AS (
    -- one value per document and metric: its headline (unscoped) figure, else its largest
    SELECT f.operation_key, f.metric, f.document_key, any_value(d.published_date) AS published_date,
           coalesce(max(f.value) FILTER (WHERE f.country_key IS NULL), max(f.value)) AS value
    FROM fact_operation_metric f JOIN dim_document d USING (document_key)
    GROUP BY ALL
), votes AS (
    SELECT operation_key, metric, value, count(*) AS documents, max(published_date) AS latest
    FROM document_values GROUP BY ALL
), consensus AS (
    -- the value most documents state; ties go to the most recent document
    SELECT operation_key, metric, value FROM (
        SELECT *, row_number() OVER (PARTITION BY operation_key, metric
                                     ORDER BY documents DESC, latest DESC NULLS LAST, value DESC) AS rank
        FROM votes) WHERE rank = 1
)
SELECT
    o.operation_key, o.operation_name, o.target_group, o.action_date, o.announced_date, o.lead_country_key,
    o.document_count AS reporting_documents,
    {_PIVOT}
FROM dim_operation o LEFT JOIN consensus c USING (operation_key)
GROUP BY ALL
"""

VIEWS = {
    "v_operations": (
        V_OPERATIONS,
        "One row per operation with its headline figures; where documents disagree, the value most "
        "documents state (ties: the most recent document).",
    ),
}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _v_operations_column_comments() -> dict[str, str]:
    """Columns taken from dim_operation keep its descriptions; the figures say what they are."""
    operation = DimOperation.to_schema().columns
    comments = {name: column_description(operation[name]) for name in
                ("operation_key", "operation_name", "target_group", "action_date", "announced_date", "lead_country_key")}
    comments["reporting_documents"] = column_description(operation["document_count"])
    for metric in METRICS:
        comments[metric] = f"Consensus {metric} figure: the value most reporting documents state (ties: the most recent)"
    return comments


COLUMN_COMMENTS = {"v_operations": _v_operations_column_comments()}


def view_sql() -> list[str]:
    statements = []
    for name, (create, comment) in VIEWS.items():
        statements.append(create)
        statements.append(f"COMMENT ON VIEW {name} IS {_quote(comment)}")
        for column, text in COLUMN_COMMENTS.get(name, {}).items():
            statements.append(f"COMMENT ON COLUMN {name}.{column} IS {_quote(text)}")
    return statements
