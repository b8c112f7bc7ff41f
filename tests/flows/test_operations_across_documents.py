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


def _build_in_runs(raw: Path, warehouse: Path, order: list[str], per_run: int) -> None:
    """Add the documents to the raw folder a few at a time, one real flow run per step. An
    operation that no new document joins keeps its key and its links (one that a new document
    joins may take a stronger key, e.g. the first stated action day of an unnamed raid)."""
    raw.mkdir()
    before: set[tuple[str, str, bool]] = set()
    for start in range(0, len(order), per_run):
        added = order[start:start + per_run]
        for name in added:
            shutil.copy(CORPUS / name, raw / name)
        build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
        after, _ = _links(warehouse)
        joined = {key for file, key, _ in after if file in added}
        files_joined = {file for file, key, _ in after if key in joined}
        touched = {key for file, key, _ in before if file in files_joined}
        untouched = {link for link in before if link[1] not in touched}
        assert untouched <= after, f"adding {added} changed operations it does not report: {untouched - after}"
        before = after


def test_adding_documents_in_any_order_ends_in_the_same_operations(prefect_server, tmp_path):
    everything = tmp_path / "all"
    everything.mkdir()
    for name in ORDER_SUBSET:
        shutil.copy(CORPUS / name, everything / name)
    build_warehouse(raw_root=str(everything), warehouse_path=str(tmp_path / "all.duckdb"))
    expected = _links(tmp_path / "all.duckdb")
    assert len({key for _, key, primary in expected[0] if primary}) == 5  # L3, L4, Alicante, Manchester, KinoRiver
    for seed, per_run in ((4, 3), (11, 4)):
        order = ORDER_SUBSET.copy()
        random.Random(seed).shuffle(order)
        _build_in_runs(tmp_path / f"raw-{seed}", tmp_path / f"order-{seed}.duckdb", order, per_run)
        assert _links(tmp_path / f"order-{seed}.duckdb") == expected, f"order {order}"


def test_rebuilding_the_same_corpus_gives_the_same_keys(prefect_server, corpus_warehouse, tmp_path):
    build_warehouse(raw_root=str(CORPUS), warehouse_path=str(tmp_path / "again.duckdb"))
    assert _links(tmp_path / "again.duckdb") == _links(corpus_warehouse)
