"""`takedown build` in a child process, cheaply: forked from a forkserver that has imported the
flow once, talking to the session's Prefect server. A child then costs about a second instead
of a Prefect start-up, so tests can start (and kill) dozens of builds."""
from __future__ import annotations

import multiprocessing
import os
from pathlib import Path


def _child_build(arguments: list[str], api_url: str, log: str | None) -> None:
    if log:  # what the command prints, for the test to read
        handle = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(handle, 1)
        os.dup2(handle, 2)
    os.environ["PREFECT_API_URL"] = api_url
    from prefect.settings import PREFECT_API_URL, PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from takedown.cli import main

    with temporary_settings({PREFECT_API_URL: api_url, PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        code = main(["build", *arguments])
    os._exit(code)


class BuildProcesses:
    """Starts builds in new processes; call inside a test that uses the `prefect_server` fixture."""

    def __init__(self) -> None:
        from prefect.settings import PREFECT_API_URL

        self.api_url = PREFECT_API_URL.value()
        self.context = multiprocessing.get_context("forkserver")
        self.context.set_forkserver_preload(["flows.build", "takedown.cli", "tests.flows.build_process"])

    def start(self, raw: Path, warehouse: Path, *options: str, log: Path | None = None):
        arguments = ["--raw", str(raw), "--warehouse", str(warehouse), "--workers", "1", *options]
        process = self.context.Process(target=_child_build, args=(arguments, self.api_url, str(log) if log else None))
        process.start()
        return process
