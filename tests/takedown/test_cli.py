"""The `takedown` command as a user runs it (subprocesses, real Prefect, real DuckDB)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb

from tests.conftest import ROOT


def _takedown(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "takedown.cli", *args], input=stdin, capture_output=True, text=True,
                          cwd=ROOT, env={**os.environ, **(env or {})}, timeout=600)


def test_normalize_country_prints_one_key_per_line():
    result = _takedown("normalize", "country", stdin="Holland\nthe UK\nU.S.\nCroatian\nAtlantis\n\nItalia\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split("\n") == ["NLD", "GBR", "USA", "HRV", "", "", "ITA", ""]


def test_normalize_agency_prints_registry_keys():
    result = _takedown("normalize", "agency", stdin="Europol\nNo Such Bureau\nEurojust\n")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.split("\n")
    assert lines[0] and lines[2] and lines[1] == ""


def test_build_summary_and_strict_exit_code(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "story.txt").write_text(
        "Police in Spain arrested 4 people in an operation against an illegal IPTV service with 30,000 subscribers.")
    (raw / "empty.txt").write_text("")
    warehouse = tmp_path / "w.duckdb"
    result = _takedown("build", "--raw", str(raw), "--warehouse", str(warehouse), "--strict")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "empty.txt" in result.stdout and "1 loaded" in result.stdout and "1 quarantined" in result.stdout
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert connection.execute("SELECT count(*) FROM dim_document").fetchall() == [(1,)]
    relaxed = _takedown("build", "--raw", str(raw), "--warehouse", str(warehouse))
    assert relaxed.returncode == 0, relaxed.stdout + relaxed.stderr
    assert "1 unchanged" in relaxed.stdout
    # the DuckDB shell installed with the project opens the rebuilt warehouse, comments included
    shell = Path(sys.executable).parent / "duckdb"
    query = "SELECT comment FROM duckdb_tables() WHERE table_name = 'fact_operation_metric'"
    opened = subprocess.run([str(shell), "-readonly", str(warehouse), "-csv", "-c", query], capture_output=True, text=True)
    assert opened.returncode == 0, opened.stderr
    assert "One row per figure stated in a document" in opened.stdout
    assert _takedown("check", "--warehouse", str(warehouse)).returncode == 0
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("INSERT INTO fact_operation_platform VALUES ('op-x', 'nope', 'e', 0, 1, 'netflix')")
    broken = _takedown("check", "--warehouse", str(warehouse))
    assert broken.returncode == 1
    assert "fact_operation_platform.document_key: 1 values not in dim_document.document_key" in broken.stdout


def test_build_help_states_the_flow_default_batch_size():
    from flows.build import DEFAULT_BATCH_SIZE

    result = _takedown("build", "--help")
    assert result.returncode == 0, result.stderr
    assert f"(default: {DEFAULT_BATCH_SIZE})" in " ".join(result.stdout.split())


def test_build_with_a_missing_raw_folder_says_so(tmp_path):
    result = _takedown("build", "--raw", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_explain_shows_facts_and_rejections():
    result = _takedown("explain", str(ROOT / "raw" / "000_3232d72795307e59.txt"))
    assert result.returncode == 0, result.stderr
    assert "arrests=11 exact [HRV]" in result.stdout
    assert "not tied to a metric word" in result.stdout
    assert "Operations" in result.stdout


