"""`takedown serve` and prefect.yaml against a real Prefect server process.

The scheduled-run test is the one that proves schedules fire at all: with SQLAlchemy 2.1 the
server's scheduler failed every loop and no scheduled run was ever created (stack notes).
"""
from __future__ import annotations

import argparse
import inspect
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import duckdb
import pytest
import yaml

from tests.conftest import ROOT, SAMPLE_RAW

VENV_BIN = Path(sys.executable).parent
SERVED_NAME = "takedown-build-test"
SCHEDULED_RUN_TIMEOUT_SECONDS = 180


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _quiet_prefect_env(prefect_home: Path) -> dict[str, str]:
    """This process's environment minus any Prefect profile or server, plus a private, offline home."""
    env = {name: value for name, value in os.environ.items() if not name.startswith("PREFECT_")}
    env.update(PREFECT_HOME=str(prefect_home), PREFECT_SERVER_ANALYTICS_ENABLED="false", DO_NOT_TRACK="1")
    return env


def _tail(log: Path, lines: int = 40) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no output)"


def _stop(process: subprocess.Popen) -> None:
    """Terminate the process group (the served flow's runs are its children), then kill it."""
    if process.poll() is not None:
        return
    for sig, grace in ((signal.SIGTERM, 15), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def _migrated_database(cache_dir: Path | None, scratch: Path) -> Path | None:
    """A Prefect database already migrated to this Prefect version's head, kept across test sessions.

    Migrating a fresh SQLite database is most of a server's start (about 11 s of CPU); the server
    still runs its migrations at start, which finds nothing left to do.
    """
    import prefect

    if cache_dir is None:
        return None
    template = cache_dir / f"prefect-{prefect.__version__}.db"
    if not template.exists():
        home = scratch / "migrate-home"
        subprocess.run([str(VENV_BIN / "prefect"), "server", "database", "upgrade", "-y"],
                       env=_quiet_prefect_env(home), capture_output=True, check=True, timeout=300)
        os.replace(home / "prefect.db", template)  # atomic: a concurrent session sees all or nothing
    return template


def _start_server(home: Path, log: Path, database: Path | None) -> tuple[subprocess.Popen, str]:
    """A Prefect server on a free port, its scheduler looping every 2 s; returns once /api/health answers."""
    home.mkdir(parents=True, exist_ok=True)
    if database is not None:
        shutil.copyfile(database, home / "prefect.db")
    env = _quiet_prefect_env(home)
    env.update(
        PREFECT_SERVER_SERVICES_SCHEDULER_LOOP_SECONDS="2",
        PREFECT_UI_ENABLED="false",  # the UI bundle is copied on first start: seconds saved
    )
    for _attempt in range(3):  # another process may take the port between probing and binding
        port = _free_port()
        with log.open("ab") as output:
            server = subprocess.Popen(
                [str(VENV_BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
                env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        api_url = f"http://127.0.0.1:{port}/api"
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
                    if response.status == 200:
                        return server, api_url
            except OSError:
                time.sleep(0.5)
        _stop(server)
    raise RuntimeError(f"Prefect server did not become healthy:\n{_tail(log)}")


@pytest.fixture(scope="module")
def served_build(request, tmp_path_factory):
    """A Prefect server process, and `takedown serve --cron '* * * * *'` over a copy of raw/ against it.

    Started once for the module so the wait for the next minute overlaps the other tests here.
    """
    workspace = tmp_path_factory.mktemp("serve")
    raw = workspace / "raw"
    shutil.copytree(SAMPLE_RAW, raw)
    warehouse = workspace / "warehouse" / "takedown.duckdb"
    server_log, serve_log = workspace / "server.log", workspace / "serve.log"
    cache = getattr(request.config, "cache", None)  # absent under -p no:cacheprovider
    database = _migrated_database(cache.mkdir("takedown-prefect-db") if cache else None, workspace)
    server, api_url = _start_server(workspace / "prefect-home", server_log, database)
    serve = None
    try:
        env = _quiet_prefect_env(workspace / "prefect-home")
        env.update(PREFECT_API_URL=api_url, PREFECT_RUNNER_POLL_FREQUENCY="1")
        with serve_log.open("ab") as output:
            serve = subprocess.Popen(
                [str(VENV_BIN / "takedown"), "serve", "--cron", "* * * * *", "--raw", str(raw),
                 "--warehouse", str(warehouse), "--name", SERVED_NAME],
                cwd=workspace, env=env, stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
        yield argparse.Namespace(api_url=api_url, warehouse=warehouse, raw=raw, env=env,
                                 serve=serve, serve_log=serve_log, server_log=server_log)
    finally:
        if serve is not None:
            _stop(serve)  # first: on its way out it pauses its schedule through the server
        _stop(server)


def _client(api_url: str):
    from prefect.client.orchestration import SyncPrefectClient

    return SyncPrefectClient(api_url)


def _wait_for_deployment(client, served_build, deadline: float):
    from prefect.exceptions import ObjectNotFound

    while True:
        try:
            return client.read_deployment_by_name(f"build-warehouse/{SERVED_NAME}")
        except ObjectNotFound:
            if served_build.serve.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"takedown serve created no deployment:\n{_tail(served_build.serve_log)}")
            time.sleep(1)


def test_prefect_yaml_declares_the_build_flow_with_its_real_parameters():
    """Parsed, not deployed: entrypoint and parameter names must not drift from the flow's signature."""
    from flows.build import build_warehouse
    from takedown.cli import parser
    from takedown.serve import is_valid_cron

    serve_defaults = parser().parse_args(["serve"])

    config = yaml.safe_load((ROOT / "prefect.yaml").read_text())
    [deployment] = config["deployments"]
    path, function = deployment["entrypoint"].split(":")
    assert (ROOT / path).is_file()
    assert (path.removesuffix(".py").replace("/", "."), function) == (build_warehouse.fn.__module__, build_warehouse.fn.__name__)
    assert set(deployment["parameters"]) <= set(inspect.signature(build_warehouse.fn).parameters)
    assert (ROOT / deployment["parameters"]["raw_root"]).is_dir()
    [schedule] = deployment["schedules"]
    assert is_valid_cron(schedule["cron"])
    # the same deployment `takedown serve` creates with its defaults
    assert (deployment["name"], schedule["cron"]) == (serve_defaults.name, serve_defaults.cron)
    assert deployment["parameters"] == {"raw_root": serve_defaults.raw, "warehouse_path": serve_defaults.warehouse}
    assert deployment["work_pool"]["name"] == "takedown-pool"


def test_serve_refuses_a_bad_cron_expression(capsys):
    from takedown.serve import command_serve

    args = argparse.Namespace(cron="61 * * * *", raw=str(SAMPLE_RAW), warehouse="unused.duckdb", name="unused")
    assert command_serve(args) == 2
    assert "invalid cron expression '61 * * * *'" in capsys.readouterr().err


def test_serve_without_a_server_explains_how_to_start_one(capsys):
    """Prefect's temporary server runs no scheduler: serving against it would never fire."""
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from takedown.serve import command_serve

    args = argparse.Namespace(cron="0 * * * *", raw=str(SAMPLE_RAW), warehouse="unused.duckdb", name="unused")
    with temporary_settings(restore_defaults={PREFECT_API_URL}):
        assert command_serve(args) == 2
    error = capsys.readouterr().err
    assert "PREFECT_API_URL" in error and "prefect server start" in error


def test_prefect_yaml_deploys_and_a_process_worker_runs_it(served_build, tmp_path):
    """prefect.yaml as committed: `prefect deploy --all`, then a worker of the pool runs the deployment.

    Runs while the served schedule of the other test waits for its minute.
    """
    from prefect.client.schemas.actions import WorkPoolCreate
    from prefect.client.schemas.objects import StateType
    from prefect.workers.process import ProcessWorker

    with _client(served_build.api_url) as client:
        # what `prefect work-pool create takedown-pool --type process` does, without starting a CLI
        client.create_work_pool(WorkPoolCreate(name="takedown-pool", type=ProcessWorker.type,
                                               base_job_template=ProcessWorker.get_default_base_job_template()))
    deploy = subprocess.run([str(VENV_BIN / "prefect"), "--no-prompt", "deploy", "--all"],
                            cwd=ROOT, env=served_build.env, capture_output=True, text=True, timeout=180)
    assert deploy.returncode == 0, deploy.stdout + deploy.stderr

    warehouse = tmp_path / "takedown.duckdb"  # the committed default would write into the checkout
    with _client(served_build.api_url) as client:
        deployment = client.read_deployment_by_name("build-warehouse/takedown-build")
        assert deployment.entrypoint == "flows/build.py:build_warehouse"
        assert deployment.work_pool_name == "takedown-pool"
        assert deployment.parameters == {"raw_root": "raw", "warehouse_path": "warehouse/takedown.duckdb"}
        assert [schedule.schedule.cron for schedule in deployment.schedules] == ["0 * * * *"]
        assert deployment.pull_steps == [
            {"prefect.deployments.steps.set_working_directory": {"directory": str(ROOT)}}]
        run = client.create_flow_run_from_deployment(deployment.id, parameters={"warehouse_path": str(warehouse)})

    worker = subprocess.run([str(VENV_BIN / "prefect"), "worker", "start", "--pool", "takedown-pool", "--run-once"],
                            cwd=tmp_path, env=served_build.env, capture_output=True, text=True, timeout=240)
    with _client(served_build.api_url) as client:
        state = client.read_flow_run(run.id).state
    assert state.type == StateType.COMPLETED, f"{state}\n{worker.stdout[-3000:]}\n{worker.stderr[-3000:]}"
    # raw_root "raw" was read relative to the checkout: the working directory `prefect deploy` recorded
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        [(documents,)] = connection.execute("SELECT count(*) FROM dim_document").fetchall()
    assert documents > 0


def test_served_schedule_fires_and_the_run_builds_the_warehouse(served_build):
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterDeploymentId, FlowRunFilterId
    from prefect.client.schemas.objects import StateType

    deadline = time.monotonic() + SCHEDULED_RUN_TIMEOUT_SECONDS
    with _client(served_build.api_url) as client:
        deployment = _wait_for_deployment(client, served_build, deadline)
        assert deployment.parameters == {"raw_root": str(served_build.raw), "warehouse_path": str(served_build.warehouse)}
        assert [schedule.schedule.cron for schedule in deployment.schedules] == ["* * * * *"]
        runs_of_deployment = FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=[deployment.id]))
        while True:
            runs = client.read_flow_runs(flow_run_filter=runs_of_deployment)
            finished = [run for run in runs if run.state and run.state.is_final()]
            if finished:
                break
            if served_build.serve.poll() is not None or time.monotonic() > deadline:
                states = [(run.name, run.state_name, str(run.expected_start_time)) for run in runs[:5]]
                pytest.fail(f"no scheduled run finished within {SCHEDULED_RUN_TIMEOUT_SECONDS} s; runs: {states}\n"
                            f"serve:\n{_tail(served_build.serve_log)}\nserver:\n{_tail(served_build.server_log)}")
            time.sleep(2)
        run = finished[0]
        assert run.state.type == StateType.COMPLETED, f"{run.state}\n{_tail(served_build.serve_log)}"
        assert run.auto_scheduled, "the run was created by the schedule, not by hand"
        artifacts = client.read_artifacts(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[run.id])))

    assert {(artifact.key, artifact.type) for artifact in artifacts} >= {
        ("takedown-run-summary", "markdown"), ("takedown-quarantined-files", "table")}
    with duckdb.connect(str(served_build.warehouse), read_only=True) as connection:
        [(documents,)] = connection.execute("SELECT count(*) FROM dim_document").fetchall()
    assert documents > 0
