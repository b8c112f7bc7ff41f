"""The analyst views: their numbers on tiny hand-made warehouses and on the sample warehouse,
and their comments."""
import datetime

import duckdb
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from flows.warehouse import insert_frame
from schemas.ddl import warehouse_ddl
from schemas.views import VIEWS, view_sql

COUNTRIES = {"ITA": "Italy", "ESP": "Spain", "FRA": "France", "BRA": "Brazil"}
AGENCIES = ["it-police", "es-police", "int-europol"]
PLATFORMS = ["netflix", "dazn"]


def _evidence(operation: str, document: str, start: int = 0) -> dict:
    return {"operation_key": operation, "document_key": document * 64, "evidence": "x",
            "char_start": start, "char_end": start + 1}


class Tiny:
    """An in-memory warehouse with the real DDL and views, filled row by row through insert_frame."""

    def __init__(self):
        self.connection = duckdb.connect()
        for statement in warehouse_ddl() + view_sql():
            self.connection.execute(statement).fetchall()
        self.insert("dim_country", [{"country_key": key, "iso2": key[:2], "name": name, "region": None,
                                     "subregion": None, "is_eu": key != "BRA"} for key, name in COUNTRIES.items()])
        self.insert("dim_agency", [{"agency_key": key, "name": key.upper(), "acronym": None, "agency_type": "police",
                                    "scope": "national", "country_key": None, "parent_agency_key": None} for key in AGENCIES])
        self.insert("dim_platform", [{"platform_key": key, "name": key.title(), "platform_type": "streaming"} for key in PLATFORMS])

    def insert(self, table: str, rows: list[dict]) -> None:
        insert_frame(self.connection, table, pl.DataFrame(rows, infer_schema_length=None))

    def document(self, key: str, published: datetime.date | None) -> None:
        self.insert("dim_document", [{
            "document_key": key * 64, "source_path": f"{key}.txt", "title": None, "publisher": None,
            "published_date": published, "language": "en", "char_count": 1, "encoding": "utf-8", "clean_text": "x",
            "is_removed": False, "ingested_at": datetime.datetime(2025, 1, 1)}])

    def operation(self, key: str, documents: list[str], action: datetime.date | None = None,
                  announced: datetime.date | None = None, lead: str | None = None, name: str | None = None) -> None:
        self.insert("dim_operation", [{
            "operation_key": key, "operation_name": name, "target_group": None, "action_date": action,
            "announced_date": announced, "lead_country_key": lead, "summary": None, "document_count": len(documents)}])
        self.insert("fact_operation_document", [{**_evidence(key, document), "is_primary": True} for document in documents])

    def figure(self, operation: str, document: str, metric: str, value: float, country: str | None = None) -> None:
        start = self.connection.execute("SELECT count(*) FROM fact_operation_metric").fetchall()[0][0]
        self.insert("fact_operation_metric", [{
            **_evidence(operation, document), "metric": metric, "value": value, "value_low": value, "value_high": value,
            "qualifier": "exact", "unit": None, "country_key": country, "figure_start": start, "figure_end": start + 1,
            "figure_text": "x"}])

    def country(self, operation: str, document: str, country: str, role: str) -> None:
        self.insert("fact_operation_country", [{**_evidence(operation, document), "country_key": country, "role": role}])

    def agency(self, operation: str, document: str, agency: str, role: str = "participant") -> None:
        self.insert("fact_operation_agency", [{**_evidence(operation, document), "agency_key": agency, "role": role}])

    def platform(self, operation: str, document: str, platform: str) -> None:
        self.insert("fact_operation_platform", [{**_evidence(operation, document), "platform_key": platform}])

    def frame(self, query: str) -> pl.DataFrame:
        return self.connection.sql(query).pl()


@pytest.fixture
def tiny() -> Tiny:
    return Tiny()


def _day(month: int, day: int, year: int = 2024) -> datetime.date:
    return datetime.date(year, month, day)


def test_v_operations_takes_the_value_most_documents_state_ties_to_the_latest(tiny):
    for key, day in (("a", 1), ("b", 2), ("c", 3)):
        tiny.document(key, _day(11, day))
    tiny.operation("op", ["a", "b", "c"], announced=_day(11, 1), name="Zeta")
    # a: 9 (and a country-scoped 4), b: 29, c: 29 -> 29
    for document, value in (("a", 9), ("b", 29), ("c", 29)):
        tiny.figure("op", document, "servers_seized", value)
    tiny.figure("op", "a", "servers_seized", 4, "ITA")
    assert tiny.frame("SELECT servers_seized, reporting_documents FROM v_operations").rows() == [(29.0, 3)]
    # a: 9, b: 29, c: 9 -> 9
    tiny.connection.execute("UPDATE fact_operation_metric SET value = 9 WHERE document_key = ?", ["c" * 64]).fetchall()
    assert tiny.frame("SELECT servers_seized FROM v_operations").rows() == [(9.0,)]
    # a: 9, b: 29 -> a tie, the most recent document (b) wins
    tiny.connection.execute("DELETE FROM fact_operation_metric WHERE document_key = ?", ["c" * 64]).fetchall()
    assert tiny.frame("SELECT servers_seized FROM v_operations").rows() == [(29.0,)]


def test_v_figure_disagreements_lists_each_value_with_its_documents_and_omits_agreements(tiny):
    for key, day in (("a", 1), ("b", 3), ("c", 2)):
        tiny.document(key, _day(11, day))
    tiny.operation("op", ["a", "b", "c"], name="Zeta")
    tiny.operation("calm", ["a"], name="Calm")
    # servers: a says 9 (its country-scoped 4 is not its headline), b and c say 29 -> disagreement
    tiny.figure("op", "a", "servers_seized", 9)
    tiny.figure("op", "a", "servers_seized", 4, "ITA")
    tiny.figure("op", "b", "servers_seized", 29)
    tiny.figure("op", "c", "servers_seized", 29)
    # arrests: every document says 11 -> agreement, no row
    for document in "abc":
        tiny.figure("op", document, "arrests", 11)
    # users: 1,000,000 against 1,005,000 is within 1% -> agreement, no row
    tiny.figure("op", "a", "users_affected", 1_000_000)
    tiny.figure("op", "b", "users_affected", 1_005_000)
    # countries: 18 against 19 in two documents -> disagreement, a tie; the most recent (b) is the consensus
    tiny.figure("op", "a", "countries_involved", 18)
    tiny.figure("op", "b", "countries_involved", 19)
    # an operation reported by one document never disagrees with itself
    tiny.figure("calm", "a", "arrests", 3)

    rows = tiny.frame("SELECT * FROM v_figure_disagreements ORDER BY metric, value")
    expected = pl.DataFrame({
        "operation_key": ["op"] * 4,
        "operation_name": ["Zeta"] * 4,
        "metric": ["countries_involved", "countries_involved", "servers_seized", "servers_seized"],
        "value": [18.0, 19.0, 9.0, 29.0],
        "values_stated": [[18.0], [19.0], [9.0], [29.0]],
        "documents": [1, 1, 1, 2],
        "metric_documents": [2, 2, 3, 3],
        "is_consensus": [False, True, False, True],
        "document_keys": [["a" * 64], ["b" * 64], ["a" * 64], ["c" * 64, "b" * 64]],
        "source_paths": [["a.txt"], ["b.txt"], ["a.txt"], ["c.txt", "b.txt"]],
    })
    assert_frame_equal(rows, expected)
    consensus = tiny.frame("SELECT servers_seized, countries_involved, arrests, users_affected FROM v_operations "
                           "WHERE operation_key = 'op'")
    assert consensus.rows() == [(29.0, 19.0, 11.0, 1_005_000.0)]


def test_v_figure_disagreements_groups_near_equal_values(tiny):
    for key, day in (("a", 1), ("b", 2), ("c", 3)):
        tiny.document(key, _day(5, day))
    tiny.operation("op", ["a", "b", "c"])
    tiny.figure("op", "a", "users_affected", 1_200_000)
    tiny.figure("op", "b", "users_affected", 1_201_000)
    tiny.figure("op", "c", "users_affected", 2_000_000)
    rows = tiny.frame("SELECT value, values_stated, documents, is_consensus FROM v_figure_disagreements ORDER BY value")
    # within the near-equal pair the tie goes to the most recent document (b)
    assert rows.rows() == [(1_201_000.0, [1_200_000.0, 1_201_000.0], 2, True), (2_000_000.0, [2_000_000.0], 1, False)]


def test_v_operations_by_year_country_counts_any_role_and_the_lead(tiny):
    tiny.document("a", _day(3, 1, 2023))
    tiny.document("b", _day(2, 1, 2024))
    tiny.document("c", _day(6, 1, 2022))
    tiny.document("d", None)
    tiny.operation("dated", ["a"], action=_day(12, 30, 2022), announced=_day(3, 1, 2023), lead="ITA")
    tiny.operation("announced", ["b"], announced=_day(2, 1, 2024))
    tiny.operation("published", ["c"])  # neither date on the operation: its report's publication year
    tiny.operation("undated", ["d"], lead="FRA")
    tiny.country("dated", "a", "ITA", "lead")
    tiny.country("dated", "a", "ITA", "searches")
    tiny.country("dated", "a", "ESP", "participant")
    tiny.country("announced", "b", "ITA", "other")
    tiny.country("published", "c", "BRA", "arrests")
    rows = tiny.frame("SELECT * FROM v_operations_by_year_country ORDER BY year NULLS LAST, country_key")
    expected = pl.DataFrame({
        "year": [2022, 2022, 2022, 2024, None],
        "country_key": ["BRA", "ESP", "ITA", "ITA", "FRA"],
        "country_name": ["Brazil", "Spain", "Italy", "Italy", "France"],
        "operations": [1, 1, 1, 1, 1],
        "operations_led": [0, 0, 1, 0, 1],
    }, schema_overrides={"year": pl.Int64})
    assert_frame_equal(rows, expected)


def test_country_enforcement_counts_each_operation_once_and_attributes_headlines_to_a_sole_country(tiny):
    for key, day in (("a", 1), ("b", 2), ("c", 3), ("d", 4)):
        tiny.document(key, _day(4, day))
    tiny.operation("joint", ["a", "b"], action=_day(3, 1), lead="ITA")
    tiny.country("joint", "a", "ITA", "lead")
    tiny.country("joint", "b", "ESP", "searches")
    # two reports of the same operation: ITA arrests 10 and 12 -> a tie, the latest (b: 12) counts once
    tiny.figure("joint", "a", "arrests", 10, "ITA")
    tiny.figure("joint", "b", "arrests", 12, "ITA")
    tiny.figure("joint", "a", "arrests", 15)  # headline: not attributed, a scoped figure exists
    tiny.figure("joint", "a", "searches", 20)  # headline: not attributed, two countries
    tiny.operation("domestic", ["c"], action=_day(3, 2), lead="FRA")
    tiny.figure("domestic", "c", "arrests", 5)  # headline of an operation linked to France only
    tiny.operation("small", ["d"], action=_day(5, 1, 2025))
    tiny.country("small", "d", "ITA", "arrests")
    tiny.figure("small", "d", "arrests", 3, "ITA")

    per_operation = tiny.frame("SELECT operation_key, country_key, arrests, arrests_basis, arrests_place, searches, "
                               "searches_place FROM v_operation_country_enforcement ORDER BY operation_key, country_key")
    assert per_operation.rows() == [
        ("domestic", "FRA", 5.0, "sole country", False, None, False),
        ("joint", "ESP", None, None, False, None, True),
        ("joint", "ITA", 12.0, "scoped", False, None, False),
        ("small", "ITA", 3.0, "scoped", True, None, False),
    ]
    rows = tiny.frame("SELECT * FROM v_country_enforcement ORDER BY country_key")
    expected = pl.DataFrame({
        "country_key": ["ESP", "FRA", "ITA"],
        "country_name": ["Spain", "France", "Italy"],
        "operations": [1, 1, 2],
        "operations_with_arrests": [0, 1, 2],
        "arrests": [0.0, 5.0, 15.0],
        "operations_with_searches": [1, 0, 0],
        "searches": [0.0, 0.0, 0.0],
        "first_year": [2024, 2024, 2024],
        "last_year": [2024, 2024, 2025],
    })
    assert_frame_equal(rows, expected)


def test_v_agency_collaboration_counts_shared_operations_per_pair(tiny):
    tiny.document("a", _day(1, 1))
    tiny.document("b", _day(1, 2))
    tiny.operation("one", ["a", "b"])
    tiny.operation("two", ["b"])
    tiny.agency("one", "a", "it-police", "lead")
    tiny.agency("one", "b", "it-police", "participant")  # same agency in two reports: one link
    tiny.agency("one", "a", "int-europol", "support")
    tiny.agency("one", "b", "es-police")
    tiny.agency("two", "b", "it-police")
    tiny.agency("two", "b", "int-europol", "coordinator")
    rows = tiny.frame("SELECT agency_a, agency_b, agency_b_name, operations, operation_keys "
                      "FROM v_agency_collaboration ORDER BY agency_a, agency_b")
    assert rows.rows() == [
        ("es-police", "int-europol", "INT-EUROPOL", 1, ["one"]),
        ("es-police", "it-police", "IT-POLICE", 1, ["one"]),
        ("int-europol", "it-police", "IT-POLICE", 2, ["one", "two"]),
    ]


def test_v_platforms_targeted_counts_operations_and_documents(tiny):
    for key, day in (("a", 1), ("b", 2), ("c", 3)):
        tiny.document(key, _day(1, day))
    tiny.operation("one", ["a", "b"], action=_day(1, 1, 2023))
    tiny.operation("two", ["c"], action=_day(1, 1, 2024))
    tiny.platform("one", "a", "netflix")
    tiny.platform("one", "b", "netflix")
    tiny.platform("two", "c", "netflix")
    tiny.platform("two", "c", "dazn")
    rows = tiny.frame("SELECT * FROM v_platforms_targeted ORDER BY platform_key")
    assert rows.rows() == [("dazn", "Dazn", "streaming", 1, 1, 2024, 2024),
                           ("netflix", "Netflix", "streaming", 2, 3, 2023, 2024)]


def test_v_unresolved_names_groups_spellings_with_an_example(tiny):
    tiny.document("a", _day(1, 1))
    tiny.document("b", _day(1, 2))
    tiny.operation("one", ["a", "b"])
    mentions = [("b", 40, "Polícia Civil", "BRA", "Then the Polícia Civil searched."),
                ("a", 10, "polícia civil ", None, "The polícia civil arrested two."),
                ("a", 70, "Guarda Municipal", None, "The Guarda Municipal helped.")]
    tiny.insert("unresolved_agency_mention", [{**_evidence("one", document, start), "evidence": evidence,
                                               "name": name, "country_key": country}
                                              for document, start, name, country, evidence in mentions])
    rows = tiny.frame("SELECT * FROM v_unresolved_names ORDER BY mentions DESC, alias")
    expected = pl.DataFrame({
        "alias": ["polícia civil", "guarda municipal"],
        "spellings": [["Polícia Civil", "polícia civil "], ["Guarda Municipal"]],
        "mentions": [2, 1],
        "documents": [2, 1],
        "operations": [1, 1],
        "countries": [["BRA"], []],
        "example_evidence": ["The polícia civil arrested two.", "The Guarda Municipal helped."],
        "example_source_path": ["a.txt", "a.txt"],
        "example_document_key": ["a" * 64, "a" * 64],
    }, schema_overrides={"countries": pl.List(pl.String)})
    assert_frame_equal(rows, expected)


def test_every_view_comments_exactly_its_columns():
    connection = duckdb.connect()
    for statement in warehouse_ddl() + view_sql():
        connection.execute(statement).fetchall()
    for name, view in VIEWS.items():
        columns = connection.execute(
            "SELECT column_name FROM duckdb_columns() WHERE table_name = ? ORDER BY column_index", [name]).fetchall()
        assert [column for (column,) in columns] == list(view.columns), name


# --- the sample warehouse built from raw/ by the real flow -----------------------------------

@pytest.fixture(scope="module")
def sample(sample_warehouse):
    connection = duckdb.connect(str(sample_warehouse), read_only=True)
    yield connection
    connection.close()


def test_every_table_view_and_column_of_a_built_warehouse_has_a_comment(sample):
    mine = "WHERE NOT internal AND database_name = current_database()"
    tables = sample.sql(f"SELECT table_name, comment FROM duckdb_tables() {mine}").pl()
    views = sample.sql(f"SELECT view_name, comment FROM duckdb_views() {mine}").pl()
    columns = sample.sql(f"SELECT table_name, column_name, comment FROM duckdb_columns() {mine}").pl()
    assert set(views["view_name"]) == set(VIEWS)
    assert tables.height >= 17 and columns.height > 150
    for frame in (tables, views, columns):
        uncommented = frame.filter(pl.col("comment").is_null() | (pl.col("comment").str.strip_chars() == ""))
        assert uncommented.height == 0, uncommented


def test_sample_views_agree_with_the_facts(sample):
    facts = {table: sample.sql(f"SELECT * FROM {table}").pl() for table in (
        "dim_operation", "fact_operation_platform", "fact_operation_agency", "unresolved_agency_mention")}

    by_year = sample.sql("SELECT * FROM v_operations_by_year_country").pl()
    assert by_year["operations_led"].sum() == facts["dim_operation"]["lead_country_key"].drop_nulls().len()
    assert by_year.select("year", "country_key").is_unique().all()

    platforms = sample.sql("SELECT platform_key, operations, documents FROM v_platforms_targeted ORDER BY platform_key").pl()
    expected = (facts["fact_operation_platform"].group_by("platform_key")
                .agg(operations=pl.col("operation_key").n_unique().cast(pl.Int64),
                     documents=pl.col("document_key").n_unique().cast(pl.Int64))
                .sort("platform_key"))
    assert platforms.height > 0
    assert_frame_equal(platforms, expected)

    links = facts["fact_operation_agency"].select("operation_key", "agency_key").unique()
    pairs = (links.join(links, on="operation_key", suffix="_b")
             .filter(pl.col("agency_key") < pl.col("agency_key_b"))
             .group_by(agency_a="agency_key", agency_b="agency_key_b").agg(operations=pl.len().cast(pl.Int64))
             .sort("agency_a", "agency_b"))
    collaboration = sample.sql("SELECT agency_a, agency_b, operations FROM v_agency_collaboration ORDER BY ALL").pl()
    assert collaboration.height > 0
    assert_frame_equal(collaboration, pairs)

    unresolved = sample.sql("SELECT sum(mentions)::BIGINT FROM v_unresolved_names").fetchall()[0][0]
    assert unresolved == facts["unresolved_agency_mention"].height

    per_operation = sample.sql("SELECT country_key, sum(arrests) AS arrests, sum(searches) AS searches "
                               "FROM v_operation_country_enforcement GROUP BY ALL").pl()
    per_country = sample.sql("SELECT country_key, arrests, searches FROM v_country_enforcement").pl()
    assert per_country.height > 0
    assert_frame_equal(per_country, per_operation.fill_null(0.0), check_row_order=False)
    assert per_operation.select("country_key").is_unique().all()

    disagreements = sample.sql("SELECT operation_key, metric, count(*) AS values_, sum(documents) AS stated, "
                               "any_value(metric_documents) AS documents, count_if(is_consensus) AS consensus "
                               "FROM v_figure_disagreements GROUP BY ALL").pl()
    assert disagreements.filter((pl.col("values_") < 2) | (pl.col("stated") != pl.col("documents"))
                                | (pl.col("consensus") != 1)).height == 0
