"""The real flow, end to end, on small raw folders: real Prefect runs, real DuckDB files."""
from __future__ import annotations

import codecs
import shutil

import duckdb
import pytest

from flows.build import build_warehouse
from tests.conftest import SAMPLE_RAW

pytestmark = pytest.mark.usefixtures("prefect_server")

SEEDS = sorted(SAMPLE_RAW.glob("*.txt"))  # the two seed articles (raw/samples/ holds the rest)
ARTICLE = (
    "Police in Spain arrested 4 people on Tuesday in an operation against an illegal IPTV service "
    "that had more than 30,000 subscribers. The Guardia Civil searched 6 homes in Madrid and Valencia "
    "and seized 12 servers. The service rebroadcast Netflix and DAZN content."
)


def _query(path, sql):
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql).fetchall()


def _build(raw, warehouse, **options):
    return build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse), **options)


@pytest.fixture
def mixed_folder(raw_folder):
    for seed in SEEDS:
        shutil.copy(seed, raw_folder / seed.name)
    (raw_folder / "encodings").mkdir()
    (raw_folder / "encodings" / "utf8-bom.txt").write_bytes(codecs.BOM_UTF8 + ARTICLE.encode())
    (raw_folder / "encodings" / "utf16-bom.txt").write_bytes(ARTICLE.replace("Spain", "Portugal").encode("utf-16"))
    (raw_folder / "encodings" / "latin1.txt").write_bytes(
        ARTICLE.replace("Spain", "France").replace("homes", "maisons à Lyon").encode("cp1252"))
    (raw_folder / "empty.txt").write_bytes(b"")
    (raw_folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (raw_folder / "recipe.txt").write_text(
        "Tomato soup. Chop two onions and four tomatoes, simmer them for twenty minutes with a litre of "
        "stock, season with salt and pepper, blend until smooth and serve hot with bread.\n")
    (raw_folder / "notes.md").write_text("not a text file the build reads")
    return raw_folder


def test_build_loads_good_files_and_quarantines_bad_ones(mixed_folder, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    summary = _build(mixed_folder, warehouse)
    quarantined = {path: (stage, reason) for path, stage, reason in summary.quarantined}
    assert set(quarantined) == {"empty.txt", "binary.txt", "recipe.txt"}
    assert "empty" in quarantined["empty.txt"][1]
    assert "binary" in quarantined["binary.txt"][1]
    assert "not an article" in quarantined["recipe.txt"][1]
    assert summary.skipped == [("notes.md", "not a .txt file")]
    assert summary.documents_loaded == len(SEEDS) + 3

    loaded = dict(_query(warehouse, "SELECT source_path, encoding FROM dim_document"))
    assert set(loaded) == {seed.name for seed in SEEDS} | {
        "encodings/utf8-bom.txt", "encodings/utf16-bom.txt", "encodings/latin1.txt"}
    # every fact's evidence is the cleaned text at its offsets
    mismatches = _query(warehouse, """
        SELECT count(*) FROM fact_operation_metric f JOIN dim_document d USING (document_key)
        WHERE substr(d.clean_text, f.char_start + 1, f.char_end - f.char_start) <> f.evidence
           OR substr(d.clean_text, f.figure_start + 1, f.figure_end - f.figure_start) <> f.figure_text""")
    assert mismatches == [(0,)]
    files = dict(_query(warehouse, "SELECT source_path, status FROM run_file"))
    assert files["binary.txt"] == "quarantined" and files["notes.md"] == "skipped"
    assert _query(warehouse, "SELECT count(*) FROM dim_country") == [(249,)]
    latin = _query(warehouse, "SELECT clean_text FROM dim_document WHERE source_path = 'encodings/latin1.txt'")[0][0]
    assert "maisons à Lyon" in latin


def test_seed_articles_give_their_headline_facts(raw_folder, tmp_path):
    for seed in SEEDS:
        shutil.copy(seed, raw_folder / seed.name)
    warehouse = tmp_path / "w.duckdb"
    _build(raw_folder, warehouse)
    names = {row[0] for row in _query(warehouse, "SELECT operation_name FROM dim_operation WHERE operation_name IS NOT NULL")}
    assert "Taken Down" in names
    figures = set(_query(warehouse, "SELECT metric, value, qualifier FROM fact_operation_metric"))
    assert ("arrests", 11.0, "exact") in figures
    assert ("servers_seized", 60.0, "at_least") in figures
    countries = {row[0] for row in _query(warehouse, "SELECT DISTINCT country_key FROM fact_operation_country")}
    assert {"ITA", "HRV", "NLD"} <= countries


def test_rebuild_with_unchanged_input_is_idempotent(mixed_folder, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    first = _build(mixed_folder, warehouse)
    snapshot = sorted(_query(warehouse, "SELECT operation_key, document_key, metric, value FROM fact_operation_metric"))
    second = _build(mixed_folder, warehouse)
    assert second.documents_loaded == 0
    assert second.documents_unchanged == first.documents_loaded
    assert sorted(_query(warehouse, "SELECT operation_key, document_key, metric, value FROM fact_operation_metric")) == snapshot
    counts = {k: v for k, v in second.row_counts.items() if k not in ("run_ledger", "run_file", "quarantine")}
    assert counts == {k: v for k, v in first.row_counts.items() if k not in ("run_ledger", "run_file", "quarantine")}
    assert _query(warehouse, "SELECT count(*) FROM run_ledger") == [(2,)]


def test_a_changed_file_replaces_its_rows_and_a_removed_one_is_kept(raw_folder, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    (raw_folder / "story.txt").write_text(ARTICLE)
    (raw_folder / "other.txt").write_text(ARTICLE.replace("4 people", "9 people"))
    _build(raw_folder, warehouse)
    (raw_folder / "story.txt").write_text(ARTICLE.replace("4 people", "7 people"))
    (raw_folder / "other.txt").unlink()
    summary = _build(raw_folder, warehouse)
    assert summary.documents_loaded == 1 and summary.documents_removed == 1
    rows = _query(warehouse, """
        SELECT d.source_path, d.is_removed, f.value FROM fact_operation_metric f JOIN dim_document d USING (document_key)
        WHERE f.metric = 'arrests' ORDER BY 1""")
    assert rows == [("other.txt", True, 9.0), ("story.txt", False, 7.0)]


def test_an_extractor_crash_on_one_document_does_not_stop_the_others(raw_folder, tmp_path, monkeypatch):
    from transforms import metrics

    original = metrics.extract_metrics

    def fragile(sentences):
        if sentences["sentence"].str.contains("EXPLODE").any():
            raise RuntimeError("synthetic extractor failure")
        return original(sentences)

    monkeypatch.setattr(metrics, "extract_metrics", fragile)
    (raw_folder / "good.txt").write_text(ARTICLE)
    (raw_folder / "bad.txt").write_text(ARTICLE + " EXPLODE now.")
    summary = _build(raw_folder, tmp_path / "w.duckdb")
    assert summary.documents_loaded == 1
    assert summary.quarantined == [("bad.txt", "extract", "extraction failed: RuntimeError: synthetic extractor failure")]


def test_the_sample_folder_builds_without_quarantine(tmp_path):
    summary = _build(SAMPLE_RAW, tmp_path / "w.duckdb")
    assert summary.documents_quarantined == 0
    assert summary.documents_loaded == summary.documents_seen - summary.documents_skipped


# Extraction scores on the dev and challenge sets: tests/test_extraction_targets.py


def test_a_run_publishes_its_summary_as_prefect_artifacts(raw_folder, tmp_path):
    import asyncio

    from prefect.client.orchestration import get_client

    (raw_folder / "story.txt").write_text(ARTICLE)
    (raw_folder / "empty.txt").write_text("")
    _build(raw_folder, tmp_path / "w.duckdb")

    async def latest(key):
        async with get_client() as client:
            from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterKey
            from prefect.client.schemas.sorting import ArtifactSort
            artifacts = await client.read_artifacts(artifact_filter=ArtifactFilter(key=ArtifactFilterKey(any_=[key])),
                                                    sort=ArtifactSort.CREATED_DESC, limit=1)
            return artifacts[0]

    markdown = asyncio.run(latest("takedown-run-summary"))
    assert "1 quarantined" in markdown.data and "empty.txt" in markdown.data
    table = asyncio.run(latest("takedown-quarantined-files"))
    assert "empty.txt" in str(table.data)


def test_a_key_written_twice_is_found_in_the_rows_the_run_wrote(raw_folder, tmp_path):
    from flows import warehouse as store
    for seed in SEEDS:
        shutil.copy(seed, raw_folder / seed.name)
    warehouse = tmp_path / "w.duckdb"
    _build(raw_folder, warehouse)
    with duckdb.connect(str(warehouse)) as connection:
        run_id = connection.execute("SELECT run_id FROM run_ledger").fetchall()[0][0]
        assert store.duplicate_keys(connection, run_id, []) == []
        # the growing tables declare no PRIMARY KEY, so DuckDB itself accepts the second copy
        connection.execute("INSERT INTO fact_operation_country SELECT * FROM fact_operation_country LIMIT 1")
        assert store.duplicate_keys(connection, run_id, []) == [
            "fact_operation_country: 1 keys written twice (operation_key, document_key, country_key, role)"]
