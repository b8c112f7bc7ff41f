"""Analyst views over the star schema, with their comments. SQL only; executed by the load.

Each view is data: its SELECT, a comment stating its grain and the rules it applies, and one
comment per column. `view_sql()` turns them into CREATE VIEW and COMMENT ON statements, so the
DuckDB shell (`duckdb_views()`, `duckdb_columns()`) and the data dictionary read the same words.
Views are created in the order listed: a view may read one listed before it.
"""
from __future__ import annotations

from dataclasses import dataclass

from schemas.ddl import column_description
from schemas.warehouse import METRICS, DimOperation


@dataclass(frozen=True)
class View:
    name: str
    comment: str
    select: str
    columns: dict[str, str]

    def create_sql(self) -> str:
        return f"CREATE OR REPLACE VIEW {self.name} AS\n{self.select.strip()}"


# --- SQL fragments shared by several views: each rule is written once ---------------------

# One value per document and metric: its headline (unscoped) figure, else its largest.
_DOCUMENT_VALUES = """
document_values AS (
    SELECT f.operation_key, f.metric, f.document_key, any_value(d.source_path) AS source_path,
           any_value(d.published_date) AS published_date,
           coalesce(max(f.value) FILTER (WHERE f.country_key IS NULL), max(f.value)) AS value
    FROM fact_operation_metric f JOIN dim_document d USING (document_key)
    GROUP BY f.operation_key, f.metric, f.document_key
)"""

NEAR_EQUAL = 0.01  # values within 1% of the next smaller stated value count as the same value


def _consensus(source: str, keys: str) -> str:
    """CTEs voting on the figures of `source` (one row per document and `keys`, with document_key,
    source_path, published_date, value), written once for every view that reconciles documents.

    grouped: each document's value with its value_group (sorted values chained while within 1%);
    value_groups: one row per group: the value most of its documents state (ties: the most recent,
    then the larger), its documents and latest publication; consensus: the group most documents
    state (ties: the most recent document, then the larger value) and its value.
    """
    return f"""
grouped AS (
    SELECT *, sum(starts_group) OVER (PARTITION BY {keys} ORDER BY value, document_key
                                      ROWS UNBOUNDED PRECEDING) AS value_group
    FROM (SELECT *, CASE WHEN lag(value) OVER w IS NULL OR value > lag(value) OVER w * {1 + NEAR_EQUAL}
                         THEN 1 ELSE 0 END AS starts_group
          FROM {source} WINDOW w AS (PARTITION BY {keys} ORDER BY value, document_key))
), value_groups AS (
    SELECT {keys}, value_group,
           first(value ORDER BY documents DESC, latest DESC NULLS LAST, value DESC) AS value,
           sum(documents)::BIGINT AS documents, max(latest) AS latest
    FROM (SELECT {keys}, value_group, value, count(*) AS documents, max(published_date) AS latest
          FROM grouped GROUP BY ALL)
    GROUP BY ALL
), consensus AS (
    SELECT {keys},
           first(value_group ORDER BY documents DESC, latest DESC NULLS LAST, value DESC) AS value_group,
           first(value ORDER BY documents DESC, latest DESC NULLS LAST, value DESC) AS value
    FROM value_groups GROUP BY ALL
)"""


_METRIC_CONSENSUS = _consensus("document_values", "operation_key, metric")

_VOTING_RULE = (
    "A document's figure for a metric is its headline (not country-scoped) figure, else its largest. Values "
    f"within {NEAR_EQUAL:.0%} of the next smaller stated value count as the same value (sorted values are "
    "chained); such a group is shown as the value most of its documents state."
)

# The year of an operation: its action date, else its announcement, else its earliest report.
_OPERATION_YEARS = """
operation_years AS (
    SELECT o.operation_key,
           coalesce(year(o.action_date), year(o.announced_date), year(min(d.published_date))) AS year
    FROM dim_operation o
    LEFT JOIN fact_operation_document r ON r.operation_key = o.operation_key
    LEFT JOIN dim_document d ON d.document_key = r.document_key
    GROUP BY o.operation_key, o.action_date, o.announced_date
)"""

# Every country linked to an operation: any role in any report, or its lead country.
_OPERATION_COUNTRIES = """
operation_countries AS (
    SELECT operation_key, country_key FROM fact_operation_country
    UNION
    SELECT operation_key, lead_country_key FROM dim_operation WHERE lead_country_key IS NOT NULL
)"""

_YEAR_RULE = "action_date, else announced_date, else the earliest publication date of a reporting document"


# --- v_operations ---------------------------------------------------------------------------

def _v_operations() -> View:
    pivot = ",\n    ".join(f"max(c.value) FILTER (WHERE c.metric = '{metric}') AS {metric}" for metric in METRICS)
    operation = DimOperation.to_schema().columns
    columns = {name: column_description(operation[name]) for name in
               ("operation_key", "operation_name", "target_group", "action_date", "announced_date")}
    columns["year"] = f"Year of the operation: {_YEAR_RULE}; null when no date is known"
    columns["lead_country_key"] = column_description(operation["lead_country_key"])
    columns["reporting_documents"] = column_description(operation["document_count"])
    for metric in METRICS:
        columns[metric] = (f"Consensus {metric} figure: the value most reporting documents state (ties: the most "
                           f"recent; values within {NEAR_EQUAL:.0%} count as one)")
    return View(
        name="v_operations",
        comment="One row per operation with its headline figures; where documents disagree, the value most "
                f"documents state (ties: the most recent document). {_VOTING_RULE}",
        select=f"""
WITH {_DOCUMENT_VALUES}, {_METRIC_CONSENSUS}, {_OPERATION_YEARS}
SELECT
    o.operation_key, o.operation_name, o.target_group, o.action_date, o.announced_date, y.year,
    o.lead_country_key, o.document_count AS reporting_documents,
    {pivot}
FROM dim_operation o
JOIN operation_years y ON y.operation_key = o.operation_key
LEFT JOIN consensus c ON c.operation_key = o.operation_key
GROUP BY ALL
""",
        columns=columns,
    )


# --- operations per year and country --------------------------------------------------------

V_OPERATIONS_BY_YEAR_COUNTRY = View(
    name="v_operations_by_year_country",
    comment="One row per year and country: the operations the country took part in, in any role, and those it "
            f"led. Year: {_YEAR_RULE} (null when no date is known). A country takes part when a report gives it "
            "any role in fact_operation_country (lead, participant, searches, arrests, servers or other, e.g. a "
            "suspect's nationality) or it is the operation's lead_country_key; it leads when it is the "
            "operation's lead_country_key, so operations_led sums to the operations with a known lead.",
    select=f"""
WITH {_OPERATION_YEARS}, {_OPERATION_COUNTRIES}
SELECT y.year, oc.country_key, any_value(c.name) AS country_name,
       count(DISTINCT oc.operation_key) AS operations,
       count(DISTINCT oc.operation_key) FILTER (WHERE o.lead_country_key = oc.country_key) AS operations_led
FROM operation_countries oc
JOIN operation_years y ON y.operation_key = oc.operation_key
JOIN dim_operation o ON o.operation_key = oc.operation_key
LEFT JOIN dim_country c ON c.country_key = oc.country_key
GROUP BY y.year, oc.country_key
""",
    columns={
        "year": f"Year of the operation: {_YEAR_RULE}; null when no date is known",
        "country_key": "Country (references dim_country.country_key)",
        "country_name": "Common English name of the country",
        "operations": "Operations the country took part in, in any role or as lead",
        "operations_led": "Operations whose lead_country_key is this country",
    },
)


# --- arrests and searches per operation and country, then per country ------------------------

_ENFORCEMENT_RULE = (
    "A figure counts for a country when a document scopes it to that country; where no document scopes the "
    "operation's figure for that metric to any country and the operation is linked to exactly one country (any "
    "role or lead), its headline figure counts for that country. Across the documents of one operation the value "
    "most documents state wins (ties: the most recent document), as in v_operations, so reports of the same "
    "operation are counted once."
)

V_OPERATION_COUNTRY_ENFORCEMENT = View(
    name="v_operation_country_enforcement",
    comment="One row per operation and country with arrests or searches there: a figure or a report naming the "
            f"country as a place of arrests or searches. {_ENFORCEMENT_RULE}",
    select=f"""
WITH {_OPERATION_YEARS}, {_OPERATION_COUNTRIES},
document_figures AS (
    -- per document, metric and country scope (null: not scoped): its largest figure
    SELECT f.operation_key, f.metric, f.country_key, f.document_key,
           any_value(d.published_date) AS published_date, max(f.value) AS value
    FROM fact_operation_metric f JOIN dim_document d USING (document_key)
    WHERE f.metric IN ('arrests', 'searches')
    GROUP BY f.operation_key, f.metric, f.country_key, f.document_key
), {_consensus('document_figures', 'operation_key, metric, country_key')}, sole_country AS (
    SELECT operation_key, any_value(country_key) AS country_key
    FROM operation_countries GROUP BY operation_key HAVING count(DISTINCT country_key) = 1
), attributed AS (
    SELECT operation_key, country_key, metric, value, 'scoped' AS basis
    FROM consensus WHERE country_key IS NOT NULL
    UNION ALL
    SELECT s.operation_key, sole.country_key, s.metric, s.value, 'sole country' AS basis
    FROM consensus s JOIN sole_country sole ON sole.operation_key = s.operation_key
    WHERE s.country_key IS NULL AND NOT EXISTS (
        SELECT 1 FROM consensus other
        WHERE other.operation_key = s.operation_key AND other.metric = s.metric AND other.country_key IS NOT NULL)
), places AS (
    SELECT operation_key, country_key,
           bool_or(role = 'arrests') AS arrests_place, bool_or(role = 'searches') AS searches_place
    FROM fact_operation_country WHERE role IN ('arrests', 'searches')
    GROUP BY operation_key, country_key
), pairs AS (
    SELECT operation_key, country_key FROM attributed
    UNION
    SELECT operation_key, country_key FROM places
)
SELECT p.operation_key, y.year, p.country_key, c.name AS country_name,
       a.value AS arrests, a.basis AS arrests_basis, coalesce(pl.arrests_place, false) AS arrests_place,
       s.value AS searches, s.basis AS searches_basis, coalesce(pl.searches_place, false) AS searches_place
FROM pairs p
JOIN operation_years y ON y.operation_key = p.operation_key
LEFT JOIN dim_country c ON c.country_key = p.country_key
LEFT JOIN attributed a ON a.operation_key = p.operation_key AND a.country_key = p.country_key AND a.metric = 'arrests'
LEFT JOIN attributed s ON s.operation_key = p.operation_key AND s.country_key = p.country_key AND s.metric = 'searches'
LEFT JOIN places pl ON pl.operation_key = p.operation_key AND pl.country_key = p.country_key
""",
    columns={
        "operation_key": "Operation (references dim_operation.operation_key)",
        "year": f"Year of the operation: {_YEAR_RULE}; null when no date is known",
        "country_key": "Country (references dim_country.country_key)",
        "country_name": "Common English name of the country",
        "arrests": "Arrests counted for this country in this operation (consensus figure); null when no figure applies",
        "arrests_basis": "Why the arrests figure counts here: scoped (stated for this country) or sole country "
                         "(the operation's headline figure, the operation being linked to this country only)",
        "arrests_place": "True when a report gives the country the role arrests (arrests took place there)",
        "searches": "Searches counted for this country in this operation (consensus figure); null when no figure applies",
        "searches_basis": "Why the searches figure counts here: scoped or sole country, as for arrests_basis",
        "searches_place": "True when a report gives the country the role searches (searches took place there)",
    },
)

V_COUNTRY_ENFORCEMENT = View(
    name="v_country_enforcement",
    comment="One row per country with arrests or searches in at least one operation: figures summed over "
            f"v_operation_country_enforcement. {_ENFORCEMENT_RULE}",
    select="""
SELECT country_key, any_value(country_name) AS country_name,
       count(*) AS operations,
       count(*) FILTER (WHERE arrests IS NOT NULL OR arrests_place) AS operations_with_arrests,
       coalesce(sum(arrests), 0) AS arrests,
       count(*) FILTER (WHERE searches IS NOT NULL OR searches_place) AS operations_with_searches,
       coalesce(sum(searches), 0) AS searches,
       min(year) AS first_year, max(year) AS last_year
FROM v_operation_country_enforcement
GROUP BY country_key
""",
    columns={
        "country_key": "Country (references dim_country.country_key)",
        "country_name": "Common English name of the country",
        "operations": "Operations with arrests or searches in this country (a figure or a stated place)",
        "operations_with_arrests": "Operations with an arrests figure counted here or arrests stated to take place here",
        "arrests": "Sum of the arrests figures counted for this country (0 when only places, no figures, are known)",
        "operations_with_searches": "Operations with a searches figure counted here or searches stated to take place here",
        "searches": "Sum of the searches figures counted for this country (0 when only places, no figures, are known)",
        "first_year": "Earliest year of those operations",
        "last_year": "Latest year of those operations",
    },
)


# --- agencies, platforms, names to curate ---------------------------------------------------

V_AGENCY_COLLABORATION = View(
    name="v_agency_collaboration",
    comment="One row per pair of registry agencies linked to the same operation (any role, any report), "
            "agency_a < agency_b, with the number of operations they share.",
    select="""
WITH links AS (SELECT DISTINCT operation_key, agency_key FROM fact_operation_agency)
SELECT a.agency_key AS agency_a, any_value(da.name) AS agency_a_name,
       b.agency_key AS agency_b, any_value(db.name) AS agency_b_name,
       count(*) AS operations,
       list(a.operation_key ORDER BY a.operation_key) AS operation_keys
FROM links a
JOIN links b ON b.operation_key = a.operation_key AND a.agency_key < b.agency_key
LEFT JOIN dim_agency da ON da.agency_key = a.agency_key
LEFT JOIN dim_agency db ON db.agency_key = b.agency_key
GROUP BY a.agency_key, b.agency_key
""",
    columns={
        "agency_a": "First agency of the pair, the smaller key (references dim_agency.agency_key)",
        "agency_a_name": "Canonical English name of agency_a",
        "agency_b": "Second agency of the pair, the larger key (references dim_agency.agency_key)",
        "agency_b_name": "Canonical English name of agency_b",
        "operations": "Operations both agencies are linked to, in any role",
        "operation_keys": "Those operations' keys, sorted",
    },
)

V_PLATFORMS_TARGETED = View(
    name="v_platforms_targeted",
    comment="One row per platform (service or rights holder) whose content an operation concerned, with the "
            "number of operations and of documents naming it.",
    select=f"""
WITH {_OPERATION_YEARS}
SELECT p.platform_key, any_value(dp.name) AS platform_name, any_value(dp.platform_type) AS platform_type,
       count(DISTINCT p.operation_key) AS operations, count(DISTINCT p.document_key) AS documents,
       min(y.year) AS first_year, max(y.year) AS last_year
FROM fact_operation_platform p
LEFT JOIN dim_platform dp ON dp.platform_key = p.platform_key
LEFT JOIN operation_years y ON y.operation_key = p.operation_key
GROUP BY p.platform_key
""",
    columns={
        "platform_key": "Platform (references dim_platform.platform_key)",
        "platform_name": "Canonical name of the platform",
        "platform_type": "streaming, broadcaster, studio, sports league, industry body or other",
        "operations": "Operations whose reports name the platform",
        "documents": "Documents naming the platform",
        "first_year": f"Earliest year of those operations ({_YEAR_RULE})",
        "last_year": "Latest year of those operations",
    },
)

V_UNRESOLVED_NAMES = View(
    name="v_unresolved_names",
    comment="One row per agency-like name (lower-cased) the registry could not resolve, with counts and an "
            "example sentence, for curators: add it to reference/ as an alias of an existing agency or as a new agency.",
    select="""
SELECT lower(trim(u.name)) AS alias,
       list(DISTINCT u.name ORDER BY u.name) AS spellings,
       count(*) AS mentions,
       count(DISTINCT u.document_key) AS documents,
       count(DISTINCT u.operation_key) AS operations,
       coalesce(list(DISTINCT u.country_key ORDER BY u.country_key) FILTER (WHERE u.country_key IS NOT NULL), [])
           AS countries,
       first(u.evidence ORDER BY d.source_path, u.char_start) AS example_evidence,
       first(d.source_path ORDER BY d.source_path, u.char_start) AS example_source_path,
       first(u.document_key ORDER BY d.source_path, u.char_start) AS example_document_key
FROM unresolved_agency_mention u JOIN dim_document d ON d.document_key = u.document_key
GROUP BY lower(trim(u.name))
""",
    columns={
        "alias": "The name lower-cased and trimmed, as dim_agency_alias.alias would hold it",
        "spellings": "Distinct spellings of the name as written in the documents",
        "mentions": "Times the name was read",
        "documents": "Documents it was read in",
        "operations": "Operations it was read with",
        "countries": "Countries it was read near (used for fuzzy matching); empty when none",
        "example_evidence": "A sentence it was read in (first by source_path, then offset)",
        "example_source_path": "File of that sentence, relative to the raw root",
        "example_document_key": "Document of that sentence (references dim_document.document_key)",
    },
)


# --- figures the documents of one operation disagree on (issue 4) ----------------------------

V_FIGURE_DISAGREEMENTS = View(
    name="v_figure_disagreements",
    comment="One row per operation, metric and stated value where the documents of the operation disagree on "
            "that metric: each value with the documents stating it; no rows where all documents agree. Values "
            f"are compared as in v_operations. {_VOTING_RULE}",
    select=f"""
WITH {_DOCUMENT_VALUES}, {_METRIC_CONSENSUS},
disputed AS (
    SELECT operation_key, metric, sum(documents)::BIGINT AS metric_documents
    FROM value_groups GROUP BY operation_key, metric HAVING count(*) > 1
), stated AS (
    SELECT operation_key, metric, value_group,
           list(DISTINCT value ORDER BY value) AS values_stated,
           list(document_key ORDER BY published_date NULLS LAST, source_path) AS document_keys,
           list(source_path ORDER BY published_date NULLS LAST, source_path) AS source_paths
    FROM grouped GROUP BY operation_key, metric, value_group
)
SELECT g.operation_key, o.operation_name, g.metric, g.value, s.values_stated, g.documents, d.metric_documents,
       g.value_group = c.value_group AS is_consensus, s.document_keys, s.source_paths
FROM value_groups g
JOIN disputed d USING (operation_key, metric)
JOIN stated s USING (operation_key, metric, value_group)
JOIN consensus c USING (operation_key, metric)
LEFT JOIN dim_operation o USING (operation_key)
""",
    columns={
        "operation_key": "Operation (references dim_operation.operation_key)",
        "operation_name": "Name of the operation, when known",
        "metric": "What the figure counts (controlled vocabulary)",
        "value": "The value stated (of near-equal values, the one most of these documents state)",
        "values_stated": "Every distinct value in this group of near-equal values (within 1%), ascending",
        "documents": "Documents stating this value",
        "metric_documents": "Documents of the operation stating any value for this metric",
        "is_consensus": "True for the value v_operations reports (most documents; ties: the most recent)",
        "document_keys": "Documents stating this value (references dim_document.document_key), oldest first",
        "source_paths": "Their files relative to the raw root, in the same order",
    },
)


VIEWS: dict[str, View] = {view.name: view for view in (
    _v_operations(),
    V_OPERATIONS_BY_YEAR_COUNTRY,
    V_OPERATION_COUNTRY_ENFORCEMENT,
    V_COUNTRY_ENFORCEMENT,
    V_AGENCY_COLLABORATION,
    V_PLATFORMS_TARGETED,
    V_UNRESOLVED_NAMES,
    V_FIGURE_DISAGREEMENTS,
)}


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def view_sql() -> list[str]:
    """CREATE VIEW and COMMENT ON statements for every view, in dependency order."""
    statements = []
    for view in VIEWS.values():
        statements.append(view.create_sql())
        statements.append(f"COMMENT ON VIEW {view.name} IS {_quote(view.comment)}")
        for column, text in view.columns.items():
            statements.append(f"COMMENT ON COLUMN {view.name}.{column} IS {_quote(text)}")
    return statements
