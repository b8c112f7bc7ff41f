"""One operation per real-world action across documents, measured on tests/operations_corpus/
(33 documents, 10 operations, phases, editions, an indictment and a conviction, six languages)
with real flow runs into real DuckDB files."""
from __future__ import annotations

import json
import random
import shutil
from collections import Counter
from pathlib import Path

import duckdb
import polars as pl
import pytest

from flows.build import build_warehouse
from tests.benchmarks.cluster_score import cluster_scores, gold_events

CORPUS = Path(__file__).resolve().parents[1] / "operations_corpus"


@pytest.fixture(scope="module")
def corpus_warehouse(prefect_server, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("operations-corpus") / "takedown.duckdb"
    build_warehouse(raw_root=str(CORPUS), warehouse_path=str(path))
    return path


def test_the_corpus_is_grouped_into_its_operations(corpus_warehouse):
    scores = cluster_scores(CORPUS, corpus_warehouse)
    assert scores.documents >= 30 and len(set(gold_events(CORPUS).values())) >= 8
    assert scores.pairwise_f1 >= 0.90, scores
    assert scores.bcubed_f1 >= 0.90, scores
    assert scores.merged == {}, "gold events (phases, editions, indictment and conviction) merged into one operation"


def _gold_figures() -> dict[tuple[str, str], dict[str, set[float]]]:
    """(event, metric) -> {file: values the file states}, over every operation of every gold file."""
    figures: dict[tuple[str, str], dict[str, set[float]]] = {}
    for path in sorted(CORPUS.glob("*.gold.json")):
        gold = json.loads(path.read_text())
        for operation in gold["operations"]:
            for figure in operation["metrics"]:
                figures.setdefault((operation["event"], figure["metric"]), {}).setdefault(gold["file"], set()).add(
                    float(figure["value"]))
    return figures


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def test_figure_disagreements_are_the_ones_the_gold_shows(corpus_warehouse):
    """Every (event, metric) where two documents state different values has a row per value in
    v_figure_disagreements, listing the documents that state only that value; no rows where the
    documents agree. Files the build did not load (quarantined) are left out of the gold."""
    with duckdb.connect(str(corpus_warehouse), read_only=True) as connection:
        loaded = {row[0] for row in connection.execute("SELECT source_path FROM dim_document").fetchall()}
        primary = dict(connection.execute(
            "SELECT d.source_path, f.operation_key FROM fact_operation_document f JOIN dim_document d USING (document_key) "
            "WHERE f.is_primary").fetchall())
        rows = connection.execute(
            "SELECT operation_key, metric, value, source_paths FROM v_figure_disagreements").fetchall()
    view: dict[tuple[str, str], list[tuple[float, list[str]]]] = {}
    for operation_key, metric, value, source_paths in rows:
        view.setdefault((operation_key, metric), []).append((value, list(source_paths)))
    events = gold_events(CORPUS)
    operation_of = {event: Counter(primary[f] for f, e in events.items() if e == event and f in primary).most_common(1)[0][0]
                    for event in set(events.values()) if any(f in primary for f, e in events.items() if e == event)}
    expected_keys = set()
    for (event, metric), by_file in _gold_figures().items():
        stated = {file: values for file, values in by_file.items() if file in loaded}
        single = {file: next(iter(values)) for file, values in stated.items() if len(values) == 1}
        key = (operation_of.get(event), metric)
        if len({round(v) for v in single.values()}) < 2:
            if len(single) == len(stated):  # a document stating two values gives the view one of them
                assert key not in view, f"{event} {metric}: the documents agree, yet the view lists {view.get(key)}"
            else:
                expected_keys.add(key)
            continue
        expected_keys.add(key)
        assert key in view, f"{event} {metric}: documents disagree ({stated}) but the view has no rows"
        for file, value in single.items():
            assert any(_near(value, listed) and file in paths for listed, paths in view[key]), (
                f"{event} {metric}: {file} states {value}, the view lists {view[key]}")
    assert set(view) <= expected_keys, f"disagreements the gold does not show: {set(view) - expected_keys}"


def _links(warehouse: Path) -> tuple[set[tuple[str, str, bool]], set[str]]:
    """(file, operation_key, is_primary) of every document link, and the operation keys."""
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        links = set(connection.execute(
            "SELECT d.source_path, f.operation_key, f.is_primary FROM fact_operation_document f JOIN dim_document d USING (document_key)"
        ).fetchall())
        keys = {row[0] for row in connection.execute("SELECT operation_key FROM dim_operation").fetchall()}
    return links, keys


# two reports or more of each kind of operation: phases, an edition, unnamed raids in one week in
# two countries, a target in three languages
ORDER_SUBSET = [
    "a1-gdf-lanterna-terza-fase-it.txt", "a3-trade-lanterna-iii-en.txt", "b1-gdf-lanterna-quarta-fase-it.txt",
    "b3-blog-lanterna-4-en.txt", "g1-es-guardia-civil-iptv.txt", "g3-trade-spain-iptv-en.txt", "g4-blog-spain-iptv-en.txt",
    "h1-police-uk-iptv-resellers-en.txt", "h3-local-uk-iptv-en.txt", "i1-de-kinoriver-abgeschaltet.txt",
    "i3-nl-kinoriver-servers.txt", "i4-blog-kinoriver-gone-en.txt",
]


def _operations(warehouse: Path) -> set[frozenset[tuple[str, bool]]]:
    """The operations as sets of (file, is_primary), whatever their keys."""
    members: dict[str, set[tuple[str, bool]]] = {}
    for file, key, primary in _links(warehouse)[0]:
        members.setdefault(key, set()).add((file, primary))
    return {frozenset(files) for files in members.values()}


def _retired(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return dict(connection.execute("SELECT retired_key, operation_key FROM retired_operation_key").fetchall())


def _build_in_runs(raw: Path, warehouse: Path, order: list[str], per_run: int) -> None:
    """Add the documents to the raw folder a few at a time, one real flow run per step. No key is
    renumbered: every document keeps the operation key it had, unless two operations it belonged
    to became one, and then the key it had is recorded in retired_operation_key, pointing to the
    operation that now holds the document."""
    raw.mkdir()
    before: set[tuple[str, str, bool]] = set()
    for start in range(0, len(order), per_run):
        added = order[start:start + per_run]
        for name in added:
            shutil.copy(CORPUS / name, raw / name)
        build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
        after, keys = _links(warehouse)
        retired = _retired(warehouse)
        now = {(file, primary): key for file, key, primary in after}
        for file, key, primary in before:
            if key in keys:
                assert now.get((file, primary)) == key, f"adding {added} moved {file} from {key} to {now.get((file, primary))}"
            else:
                assert retired.get(key) == now.get((file, primary)), (
                    f"adding {added}: {key} of {file} vanished without a retired key pointing to its operation")
        assert not set(retired) & keys, "a retired key was handed out again"
        before = after


def test_adding_documents_in_any_order_ends_in_the_same_operations_under_keys_never_renumbered(prefect_server, tmp_path):
    everything = tmp_path / "all"
    everything.mkdir()
    for name in ORDER_SUBSET:
        shutil.copy(CORPUS / name, everything / name)
    build_warehouse(raw_root=str(everything), warehouse_path=str(tmp_path / "all.duckdb"))
    expected = _operations(tmp_path / "all.duckdb")
    assert sum(1 for members in expected if any(primary for _, primary in members)) == 5  # L3, L4, Alicante, Manchester, KinoRiver
    for seed, per_run in ((4, 3), (11, 4)):
        order = ORDER_SUBSET.copy()
        random.Random(seed).shuffle(order)
        _build_in_runs(tmp_path / f"raw-{seed}", tmp_path / f"order-{seed}.duckdb", order, per_run)
        assert _operations(tmp_path / f"order-{seed}.duckdb") == expected, f"order {order}"


@pytest.mark.parametrize("in_fresh_process", [False, True], ids=["in the build", "in a fresh process"])
def test_an_unnamed_raid_keeps_its_key_when_a_later_report_gives_an_earlier_action_day(prefect_server, tmp_path,
                                                                                       monkeypatch, in_fresh_process):
    """The signature of an unnamed raid is its lead country and first action day; a report read
    later may state an earlier day, but the raid keeps the key it was published under."""
    from flows import warehouse as store

    if in_fresh_process:
        monkeypatch.setattr(store, "RESOLUTION_PROCESS_MIN_REPORTS", 0)
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "first.txt").write_text(
        "Police raid IPTV resellers in Manchester\n\nPublished 14 March 2025\n\n"
        "Greater Manchester Police arrested four men on 12 March 2025 in raids on illegal IPTV resellers. "
        "Officers seized 12 servers and 40,000 pounds in cash.\n")
    build_warehouse(raw_root=str(raw), warehouse_path=str(tmp_path / "w.duckdb"))
    ((first_key, _), ) = {(key, primary) for _, key, primary in _links(tmp_path / "w.duckdb")[0]}
    (raw / "second.txt").write_text(
        "IPTV sellers arrested in Manchester raids\n\nPublished 15 March 2025\n\n"
        "Greater Manchester Police said officers began the raids on illegal IPTV resellers on 11 March 2025, "
        "arresting four men and seizing 12 servers and 40,000 pounds in cash.\n")
    build_warehouse(raw_root=str(raw), warehouse_path=str(tmp_path / "w.duckdb"))
    links, keys = _links(tmp_path / "w.duckdb")
    assert {key for _, key, _ in links} == {first_key}, links
    assert keys == {first_key}
    build_warehouse(raw_root=str(raw), warehouse_path=str(tmp_path / "scratch.duckdb"))
    assert _links(tmp_path / "scratch.duckdb")[1] != {first_key}, "built at once, the raid takes the earlier day"


def test_rebuilding_the_same_corpus_gives_the_same_keys(prefect_server, corpus_warehouse, tmp_path):
    build_warehouse(raw_root=str(CORPUS), warehouse_path=str(tmp_path / "again.duckdb"))
    assert _links(tmp_path / "again.duckdb") == _links(corpus_warehouse)


def test_moving_reports_one_document_per_commit_gives_the_same_operations(prefect_server, corpus_warehouse, tmp_path,
                                                                          monkeypatch):
    """move_reports commits in chunks of documents (bounded memory on large builds); a chunk of
    one document must give what one chunk gives."""
    from flows import warehouse as store

    monkeypatch.setattr(store, "MOVED_DOCUMENTS_PER_COMMIT", 1)
    build_warehouse(raw_root=str(CORPUS), warehouse_path=str(tmp_path / "chunked.duckdb"))
    links, keys = _links(tmp_path / "chunked.duckdb")
    assert (links, keys) == _links(corpus_warehouse)
    assert len(keys) < len({path for path, _, _ in links}), "reports of several documents share operations"


def test_a_resolution_limit_duckdb_cannot_shrink_to_loses_nothing(prefect_server, corpus_warehouse, tmp_path,
                                                                   monkeypatch):
    """DuckDB either refuses a limit below what it holds (the refusal aborts the transaction, and
    the build's work was committed before, so it goes on under its own limit) or evicts and
    accepts it (the signals' read then runs out and is read again under the build's limit)."""
    from flows import warehouse as store

    monkeypatch.setattr(store, "RESOLUTION_DUCKDB_MEMORY_LIMIT", "1MB")
    build_warehouse(raw_root=str(CORPUS), warehouse_path=str(tmp_path / "unshrunk.duckdb"))
    assert _links(tmp_path / "unshrunk.duckdb") == _links(corpus_warehouse)


def test_signals_are_read_again_under_the_builds_limit_when_the_released_one_is_too_small(
        corpus_warehouse, tmp_path, monkeypatch):
    """DuckDB shrank its cache, but the signals query does not fit the released limit: it is
    read again under the build's, with a warning, and gives what it gives there."""
    from polars.testing import assert_frame_equal

    from flows import warehouse as store

    shutil.copyfile(corpus_warehouse, tmp_path / "copy.duckdb")
    connection = duckdb.connect(":memory:")
    store.run(connection, f"ATTACH '{tmp_path / 'copy.duckdb'}' AS warehouse")
    store.run(connection, "USE warehouse")
    expected_reports, expected_features = store.operation_signals(connection)
    store.run(connection, "BEGIN TRANSACTION")
    monkeypatch.setattr(store, "RESOLUTION_DUCKDB_MEMORY_LIMIT", "1MB")
    store.run(connection, "SET memory_limit = '1MB'")
    with pytest.warns(RuntimeWarning, match="reading the signals under 1MB ran out of DuckDB memory"):
        reports, features = store._signals_within_limit(connection)
    assert connection.execute("SELECT current_setting('memory_limit')").fetchone()[0].startswith("976")
    assert_frame_equal(reports, expected_reports)
    assert_frame_equal(features, expected_features, categorical_as_str=True)


def test_resolving_only_what_a_document_can_move_gives_what_resolving_everything_gives(corpus_warehouse):
    """Incremental resolution's promise, for every document of the corpus taken as the new one:
    the reports `reports_to_resolve` picks, resolved alone, fall into the operations they fall
    into when every report is resolved, and nothing outside them is linked to them."""
    from flows import warehouse as store
    from transforms.operations import reports_to_resolve, resolve_operations

    with duckdb.connect(str(corpus_warehouse), read_only=True) as connection:
        reports, features = store.operation_signals(connection)
    reports = reports.drop("operation_key")
    everything = resolve_operations(reports, features)
    sizes = []
    for document in reports["document_key"].unique().sort().to_list():
        seeds = reports.filter(pl.col("document_key") == document)
        chosen = reports_to_resolve(reports, features, seeds)
        sizes.append(chosen.height)
        alone = resolve_operations(reports.join(chosen, on=["report_key", "document_key"], how="semi"),
                                   features.join(reports.join(chosen, on=["report_key", "document_key"]), on="report_id", how="semi"))
        together = everything.join(chosen, on=["report_key", "document_key"], how="semi")
        # same partition: each group of one is exactly a group of the other
        paired = alone.join(together, on=["report_key", "document_key"], suffix="_everything")
        assert paired.group_by("operation_key").agg(pl.col("operation_key_everything").n_unique())["operation_key_everything"].max() == 1
        assert paired.group_by("operation_key_everything").agg(pl.col("operation_key").n_unique())["operation_key"].max() == 1
        # closed: no report outside shares an operation with one inside
        outside = everything.join(chosen, on=["report_key", "document_key"], how="anti")
        assert not set(outside["operation_key"].to_list()) & set(together["operation_key"].to_list()), document
    assert min(sizes) < reports.height / 2, "every document reaches most of the corpus: the test shows nothing"


UNRELATED_RAID = """Police dismantle illegal streaming ring in Gdansk

Polish police arrested four people on 3 February 2019 in Gdansk, suspected of selling access to
pirated television channels. Officers searched six homes and seized two servers.
"""


def test_resolution_in_a_fresh_process_gives_what_resolution_in_the_build_gives(prefect_server, corpus_warehouse,
                                                                                  tmp_path, monkeypatch):
    """Large builds resolve in a process of their own, from the signals DuckDB wrote to files;
    the operations and keys are the same, and the files are gone afterwards."""
    from flows import warehouse as store

    monkeypatch.setattr(store, "RESOLUTION_PROCESS_MIN_REPORTS", 0)
    build_warehouse(raw_root=str(CORPUS), warehouse_path=str(tmp_path / "fresh.duckdb"))
    assert _links(tmp_path / "fresh.duckdb") == _links(corpus_warehouse)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["fresh.duckdb", "fresh.duckdb.lock"]


def end_abruptly(folder: str, plan: dict) -> None:
    """Stands in for the resolution process's work, as a process the kernel killed."""
    import os

    os._exit(9)


def test_a_resolution_process_that_ends_abruptly_fails_the_build_and_publishes_nothing(prefect_server, corpus_warehouse,
                                                                                      tmp_path, monkeypatch):
    from flows import warehouse as store

    shutil.copyfile(corpus_warehouse, tmp_path / "w.duckdb")
    before = _links(tmp_path / "w.duckdb")
    monkeypatch.setattr(store, "RESOLUTION_PROCESS_MIN_REPORTS", 0)
    monkeypatch.setattr(store, "plan_moves_from_files", end_abruptly)
    with pytest.raises(RuntimeError, match="ended abruptly: killed for memory, or it could not start"):
        build_warehouse(raw_root=str(CORPUS), warehouse_path=str(tmp_path / "w.duckdb"), full=True)
    assert _links(tmp_path / "w.duckdb") == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["w.duckdb", "w.duckdb.lock"]


@pytest.mark.parametrize("in_fresh_process", [False, True], ids=["in the build", "in a fresh process"])
def test_a_run_that_adds_one_document_resolves_only_what_it_can_move(prefect_server, tmp_path, monkeypatch,
                                                                     in_fresh_process):
    from flows import warehouse as store

    if in_fresh_process:
        monkeypatch.setattr(store, "RESOLUTION_PROCESS_MIN_REPORTS", 0)
    raw = tmp_path / "raw"
    shutil.copytree(CORPUS, raw)
    warehouse = tmp_path / "takedown.duckdb"
    first = build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
    before = _operations(warehouse)
    (raw / "unrelated-raid.txt").write_text(UNRELATED_RAID, encoding="utf-8")
    second = build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
    assert second.documents_loaded == 1
    assert 1 <= second.reports_resolved <= 3, "an unrelated raid reaches no other document's reports"
    assert first.reports_resolved > 30  # the first build resolves every report
    assert before <= _operations(warehouse), "an operation of the corpus changed"
    nothing = build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
    assert nothing.reports_resolved == 0
