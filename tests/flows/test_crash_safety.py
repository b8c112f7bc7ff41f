"""Crash safety: a build killed with SIGKILL at any moment leaves either the warehouse as it was
before the run or as the run would have left it, intact, and the next run completes.

The build runs in a child process (`tests/flows/build_process.py`) forked from a warm forkserver
that talks to the session's Prefect server, so a child costs about a second, not a Prefect start-up.
"""
from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import duckdb
import pytest

from flows.warehouse import integrity_problems
from tests.conftest import ROOT, SAMPLE_RAW

pytestmark = pytest.mark.usefixtures("prefect_server")

KILLS = 20
SEED = 20261123
CHANGED_PER_RUN = 2  # files given new bytes each run, so every run replaces documents
RUN_TABLES = ("run_ledger", "run_file", "quarantine")


@pytest.fixture(scope="module")
def builds():
    from tests.flows.build_process import BuildProcesses

    return BuildProcesses()


def fingerprint(warehouse: Path) -> dict[str, tuple]:
    """Row counts and sorted keys of every table (run ids left out: they are random)."""
    from schemas.ddl import primary_key
    from schemas.warehouse import TABLES

    state = {}
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        for table, model in TABLES.items():
            key = [column for column in primary_key(model) or [] if column != "run_id"]
            rows = connection.execute(f"SELECT {', '.join(key) or 'count(*)'} FROM {table} ORDER BY ALL").fetchall()
            state[table] = (len(rows), tuple(rows) if table not in RUN_TABLES else ())
    return state


def corpora() -> tuple[list[Path], list[Path]]:
    """Two overlapping corpora from the samples and the challenge set."""
    samples = sorted(SAMPLE_RAW.rglob("*.txt"))
    challenge = sorted((ROOT / "tests" / "challenge").glob("*.txt"))
    return samples[:3] + challenge[:3], samples[3:6] + challenge[3:6]


def fill(raw: Path, corpus: list[Path], iteration: int) -> None:
    """The raw folder for one run: the corpus, a few files with bytes no run has seen."""
    shutil.rmtree(raw, ignore_errors=True)
    raw.mkdir()
    for number, source in enumerate(corpus):
        text = source.read_text()
        if number < CHANGED_PER_RUN:
            text += f"\n\nUpdated {iteration}."
        (raw / f"{number:02d}-{source.name}").write_text(text)


def assert_intact(warehouse: Path) -> None:
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        assert integrity_problems(connection) == []


@pytest.mark.slow
def test_sigkill_at_random_moments_leaves_the_old_or_the_new_warehouse(builds, tmp_path):
    from flows.build import build_warehouse

    first, second = corpora()
    raw, warehouse = tmp_path / "raw", tmp_path / "w.duckdb"
    fill(raw, first, 0)
    warm_up = builds.start(raw, warehouse)  # the forkserver imports the flow once
    warm_up.join(300)
    assert warm_up.exitcode == 0

    # calibrate: the wall time of one whole build in a child process, from start to exit
    fill(raw, second, 1)
    started = time.monotonic()
    calibration = builds.start(raw, warehouse)
    calibration.join(300)
    duration = time.monotonic() - started
    assert calibration.exitcode == 0

    rng = random.Random(SEED)
    landed = {"before publish": 0, "after publish": 0}
    killed_running = killed_while_writing = 0
    began = time.monotonic()
    for iteration in range(2, KILLS + 2):
        fill(raw, first if iteration % 2 == 0 else second, iteration)
        before = fingerprint(warehouse)
        process = builds.start(raw, warehouse)
        time.sleep(rng.uniform(0, 1.1 * duration))  # a tenth past the calibrated end: some land after publish
        killed_running += process.exitcode is None
        killed_while_writing += any(tmp_path.glob(".w.duckdb.*.tmp"))
        process.kill()  # SIGKILL
        process.join(30)

        assert_intact(warehouse)  # it opens, keys unique, references resolve, ledger consistent
        after_kill = fingerprint(warehouse)
        summary = build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))  # the next run completes
        assert summary.documents_seen == len(list(raw.iterdir()))
        assert_intact(warehouse)
        after = fingerprint(warehouse)
        assert after != before  # every run changes the warehouse
        assert not list(tmp_path.glob(".w.duckdb.*.tmp*"))  # the stale private copy is gone
        if after_kill == before:
            landed["before publish"] += 1
        else:
            # the killed run published: then it left exactly the new state, which a complete
            # run over the same files only confirms (nothing to load, one more ledger row)
            assert summary.documents_loaded == 0, f"iteration {iteration}: neither the old nor the new state"
            assert without_run_tables(after_kill) == without_run_tables(after)
            landed["after publish"] += 1

    print(f"{KILLS} kills in {time.monotonic() - began:.0f} s (one build {duration:.1f} s): {landed}, "
          f"{killed_running} while the build ran, {killed_while_writing} while its private copy existed")
    assert sum(landed.values()) == KILLS
    assert killed_running > KILLS // 2  # most kills land inside the build, not after it
    assert killed_while_writing >= 1 and landed["before publish"] >= 1


def without_run_tables(state: dict[str, tuple]) -> dict[str, tuple]:
    return {table: value for table, value in state.items() if table not in RUN_TABLES}
