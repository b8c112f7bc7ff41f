"""assign_stable_keys: an operation keeps the key it was published under; keys that merge away
are retired with where they went; a retired key is never handed out again."""
import datetime

import polars as pl
from polars.testing import assert_frame_equal

from transforms.operation_keys import assign_stable_keys


def _resolved(*rows: tuple[str, str, str]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema={"report_key": pl.String, "document_key": pl.String, "operation_key": pl.String},
                        orient="row")


def _published(*rows: tuple[str, str, str, int]) -> pl.DataFrame:
    return pl.DataFrame(
        [(report, document, key, datetime.datetime(2026, 1, day)) for report, document, key, day in rows],
        schema={"report_key": pl.String, "document_key": pl.String, "operation_key": pl.String,
                "published_order": pl.Datetime("us")}, orient="row")


def _keys(frame: pl.DataFrame) -> dict[str, str]:
    return dict(frame.select("document_key", "operation_key").iter_rows())


def test_a_new_document_joins_under_the_published_key_not_its_new_signature():
    # the new report gives an earlier action day, so resolution proposes another signature
    resolved = _resolved(("r1", "d1", "op-es-2024-03-01"), ("r2", "d2", "op-es-2024-03-01"))
    stable, retired = assign_stable_keys(resolved, _published(("r1", "d1", "op-es-2024-03-02", 1)))
    assert _keys(stable) == {"d1": "op-es-2024-03-02", "d2": "op-es-2024-03-02"}
    assert retired.height == 0


def test_without_history_every_operation_takes_its_signature():
    resolved = _resolved(("r1", "d1", "op-a-2024"), ("r2", "d2", "op-b-2024"))
    stable, retired = assign_stable_keys(resolved, _published())
    assert_frame_equal(stable, resolved)
    assert retired.height == 0


def test_two_operations_bridged_by_a_new_report_keep_the_key_with_more_documents():
    resolved = _resolved(("r1", "d1", "op-x"), ("r2", "d2", "op-x"), ("r3", "d3", "op-x"), ("r4", "d4", "op-x"))
    published = _published(("r1", "d1", "op-a", 2), ("r2", "d2", "op-a", 2), ("r3", "d3", "op-b", 1))
    stable, retired = assign_stable_keys(resolved, published)
    assert set(_keys(stable).values()) == {"op-a"}
    assert retired.to_dicts() == [{"retired_key": "op-b", "operation_key": "op-a"}]


def test_ties_go_to_the_key_published_first():
    resolved = _resolved(("r1", "d1", "op-x"), ("r2", "d2", "op-x"))
    stable, retired = assign_stable_keys(resolved, _published(("r1", "d1", "op-b", 1), ("r2", "d2", "op-a", 5)))
    assert set(_keys(stable).values()) == {"op-b"}
    assert retired["retired_key"].to_list() == ["op-a"]


def test_a_split_operation_keeps_its_key_on_the_larger_part_and_the_rest_takes_a_fresh_one():
    resolved = _resolved(("r1", "d1", "op-a"), ("r2", "d2", "op-a"), ("r3", "d3", "op-a"))
    published = _published(("r1", "d1", "op-a", 1), ("r2", "d2", "op-a", 1), ("r3", "d3", "op-a", 1))
    # a later resolution puts d3 apart, proposing the same signature for both parts
    resolved = _resolved(("r1", "d1", "op-a"), ("r2", "d2", "op-a"), ("r3", "d3", "op-a-2"))
    stable, retired = assign_stable_keys(resolved, published)
    assert _keys(stable) == {"d1": "op-a", "d2": "op-a", "d3": "op-a-2"}
    assert retired.height == 0


def test_a_retired_key_is_never_handed_out_again():
    stable, _ = assign_stable_keys(_resolved(("r9", "d9", "op-b")), _published(), retired={"op-b"})
    assert _keys(stable) == {"d9": "op-b-2"}


def test_a_new_operation_whose_signature_another_operation_holds_is_suffixed():
    resolved = _resolved(("r1", "d1", "op-y"), ("r2", "d2", "op-a"))
    # d1 was published as op-a; the new, separate d2 proposes op-a too
    stable, retired = assign_stable_keys(resolved, _published(("r1", "d1", "op-a", 1)))
    assert _keys(stable) == {"d1": "op-a", "d2": "op-a-2"}
    assert retired.height == 0


def _stored_reports(*rows: tuple[str, str, str, str | None, int]) -> pl.DataFrame:
    """(report_key, document_key, operation_key held now, operation_name, action year) as stored."""
    from transforms.operations import RESOLUTION_REPORT_SCHEMA

    defaults = {column: None for column in RESOLUTION_REPORT_SCHEMA}
    return pl.DataFrame([defaults | {"report_key": report, "document_key": document, "operation_key": key,
                                     "operation_name": name, "action_year": year, "is_primary": True}
                         for report, document, key, name, year in rows],
                        schema=RESOLUTION_REPORT_SCHEMA | {"operation_key": pl.String})


_NO_FEATURES = pl.DataFrame(schema={"report_key": pl.String, "document_key": pl.String, "feature": pl.String})


def test_planned_moves_are_the_reports_whose_key_changes():
    """A new document naming a published operation moves into it; the published report stays."""
    from transforms.operation_keys import plan_operation_moves

    reports = _stored_reports(("r1", "d1", "op-lanterna-2024", "Lanterna", 2024),
                              ("r2", "d2", "op-doc-d2-0", "Lanterna", 2024))
    moves, retirements, resolved = plan_operation_moves(
        reports, _NO_FEATURES, _published(("r1", "d1", "op-lanterna-2024", 1)), retired=set())
    assert_frame_equal(moves, pl.DataFrame({"report_key": ["r2"], "document_key": ["d2"], "old_key": ["op-doc-d2-0"],
                                            "new_key": ["op-lanterna-2024"]}))
    assert (retirements.height, resolved) == (0, 2)


def test_planning_from_seeds_resolves_only_the_reports_they_reach():
    """An incremental run seeded by one document leaves an unrelated operation alone, and its key
    out of reach of the new groups."""
    from transforms.operation_keys import plan_operation_moves

    reports = _stored_reports(("r1", "d1", "op-lanterna-2024", "Lanterna", 2024),
                              ("r2", "d2", "op-doc-d2-0", "Lanterna", 2024),
                              ("r3", "d3", "op-pangea-2023", "Pangea", 2023))
    published = _published(("r1", "d1", "op-lanterna-2024", 1), ("r3", "d3", "op-pangea-2023", 2))
    moves, _, resolved = plan_operation_moves(reports, _NO_FEATURES, published, retired=set(),
                                              seed_documents={"d2"}, give_up_share=1.0)
    assert moves["document_key"].to_list() == ["d2"] and resolved == 2
