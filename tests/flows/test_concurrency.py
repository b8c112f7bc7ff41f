"""Concurrency, with real processes: two builds at once take turns (or the second stops with a
clear message), and a reader holding the warehouse open neither blocks a build nor sees it
half-written."""
from __future__ import annotations

import shutil
import subprocess
import sys
import time

import duckdb
import pytest

from flows.warehouse import integrity_problems
from tests.conftest import ROOT, SAMPLE_RAW

pytestmark = pytest.mark.usefixtures("prefect_server")

CHALLENGE = ROOT / "tests" / "challenge"


@pytest.fixture(scope="module")
def builds():
    from tests.flows.build_process import BuildProcesses

    return BuildProcesses()


def _copy_corpus(raw, sources):
    raw.mkdir(exist_ok=True)
    for source in sources:
        shutil.copy(source, raw / source.name)


def _ledger(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert integrity_problems(connection) == []
        return connection.execute(
            "SELECT documents_loaded, documents_unchanged FROM run_ledger ORDER BY started_at").fetchall()


def test_two_builds_started_at_once_take_turns(builds, tmp_path):
    from flows.warehouse import build_lock

    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    _copy_corpus(raw, sorted(SAMPLE_RAW.rglob("*.txt")) + sorted(CHALLENGE.glob("*.txt"))[:6])
    logs = [tmp_path / "first.log", tmp_path / "second.log"]
    # a third writer (this test) holds the warehouse until both builds wait for it: how long each
    # takes to reach the lock depends on the Prefect server, so neither may finish before the
    # other has started
    with build_lock(warehouse):
        first = builds.start(raw, warehouse, log=logs[0])
        second = builds.start(raw, warehouse, log=logs[1])
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline and not all(
                log.exists() and "waiting for it to finish" in log.read_text() for log in logs):
            time.sleep(0.1)
    first.join(300)
    second.join(300)
    assert (first.exitcode, second.exitcode) == (0, 0), logs[0].read_text()[-2000:]
    # had they overlapped, both would have loaded every file; one waited and found them loaded
    files = len(list(raw.iterdir()))
    assert sorted(_ledger(warehouse)) == [(0, files), (files, 0)]
    assert all("waiting for it to finish" in log.read_text() for log in logs)


def test_a_second_build_with_a_short_wait_stops_with_exit_3_and_a_message(builds, tmp_path):
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    _copy_corpus(raw, sorted(CHALLENGE.glob("*.txt")))  # about ten seconds of work
    first = builds.start(raw, warehouse)
    deadline = time.monotonic() + 120
    while not list(tmp_path.glob(".w.duckdb.*.tmp")) and first.exitcode is None and time.monotonic() < deadline:
        time.sleep(0.05)  # the private copy exists once the first build holds the lock
    assert first.exitcode is None, "the first build finished before the second could start"
    second = builds.start(raw, warehouse, "--wait", "0.5", log=tmp_path / "second.log")
    second.join(120)
    running_meanwhile = first.exitcode is None
    first.join(300)
    message = (tmp_path / "second.log").read_text()
    assert second.exitcode == 3, message[-2000:]
    assert running_meanwhile
    assert f"takedown build: another build is writing {warehouse}" in message and "try again" in message
    assert first.exitcode == 0
    assert len(_ledger(warehouse)) == 1  # only the first run wrote, and check passes


READER = """
import sys, time, duckdb
connection = duckdb.connect(sys.argv[1], read_only=True)
query = "SELECT (SELECT count(*) FROM dim_document), (SELECT count(*) FROM fact_operation_metric), (SELECT count(*) FROM run_ledger)"
print("ready", *connection.execute(query).fetchone(), flush=True)
seen = set()
while sys.stdin.readline().strip() != "stop":
    seen.add(connection.execute(query).fetchone())
print("seen", len(seen), *sorted(seen)[0], flush=True)
"""


def test_a_reader_open_for_the_whole_build_keeps_its_snapshot_and_blocks_nothing(builds, tmp_path):
    from flows.build import build_warehouse

    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    _copy_corpus(raw, sorted(SAMPLE_RAW.rglob("*.txt")))
    build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
    _copy_corpus(raw, sorted(CHALLENGE.glob("*.txt"))[:12])
    reader = subprocess.Popen([sys.executable, "-c", READER, str(warehouse)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        ready = reader.stdout.readline().split()
        assert ready[0] == "ready"
        before = tuple(int(value) for value in ready[1:])
        build = builds.start(raw, warehouse)
        while build.exitcode is None:  # the reader queries all through the build
            reader.stdin.write("again\n")
            reader.stdin.flush()
            time.sleep(0.1)
        reader.stdin.write("stop\n")
        reader.stdin.flush()
        seen = reader.stdout.readline().split()
    finally:
        reader.kill()
    assert build.exitcode == 0  # the open reader did not block the build
    assert seen[1] == "1" and tuple(int(value) for value in seen[2:]) == before  # one snapshot, unchanged
    with duckdb.connect(str(warehouse), read_only=True) as connection:  # a new connection sees the new state
        now = connection.execute("SELECT count(*), (SELECT count(*) FROM run_ledger) FROM dim_document").fetchone()
        assert integrity_problems(connection) == []
    assert now == (before[0] + 12, before[2] + 1)
