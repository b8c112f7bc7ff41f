"""`takedown serve`: the build flow as a Prefect deployment that runs on a cron schedule."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path


def is_valid_cron(cron: str) -> bool:
    """Prefect's own schedule model judges it: the same check the server applies (vendored croniter)."""
    from pydantic import ValidationError
    from prefect.client.schemas.schedules import CronSchedule

    try:
        CronSchedule(cron=cron)
    except ValidationError:
        return False
    return True


def serve_parameters(raw: Path, warehouse: Path) -> dict[str, str]:
    """Absolute paths: scheduled runs execute in a subprocess whose working directory is not ours to rely on."""
    return {"raw_root": str(raw.resolve()), "warehouse_path": str(warehouse.resolve())}


def command_serve(args: argparse.Namespace) -> int:
    if not is_valid_cron(args.cron):
        print(f"takedown serve: invalid cron expression {args.cron!r}\n"
              'Five fields: minute hour day-of-month month day-of-week, e.g. "0 * * * *" (hourly).',
              file=sys.stderr)
        return 2
    raw = Path(args.raw)
    if not raw.is_dir():
        print(f"takedown serve: raw folder {raw} does not exist or is not a folder", file=sys.stderr)
        return 2

    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL

    api_url = PREFECT_API_URL.value()
    if not api_url:
        # Prefect's temporary server (used when no server is configured) does not run the
        # scheduler service: a deployment served against it would never get a scheduled run.
        print("takedown serve: no Prefect server is configured (PREFECT_API_URL is not set).\n"
              "Without one, Prefect would use a temporary server that lives only inside this process and does\n"
              "not run its scheduler, so the schedule would never fire and nothing would be kept. Start a server\n"
              "and point takedown at it:\n\n"
              "    .venv/bin/prefect server start --host 127.0.0.1        # in another terminal; UI on http://127.0.0.1:4200\n"
              "    export PREFECT_API_URL=http://127.0.0.1:4200/api\n"
              f"    .venv/bin/takedown serve --cron {args.cron!r}",
              file=sys.stderr)
        return 2

    from prefect.deployments.runner import EntrypointType

    from flows.build import build_warehouse

    parameters = serve_parameters(raw, Path(args.warehouse))
    deployment = f"{build_warehouse.name}/{args.name}"
    ui_url = PREFECT_UI_URL.value()
    print(f"takedown serve: deployment '{deployment}' runs flows.build.build_warehouse on cron {args.cron!r}\n"
          f"  raw_root       = {parameters['raw_root']}\n"
          f"  warehouse_path = {parameters['warehouse_path']}\n"
          f"  Prefect API    = {api_url}\n"
          f"  runs, logs and artifacts: {ui_url + '/runs' if ui_url else 'the Prefect UI of that server'} "
          f"(deployment page: Deployments > {args.name})\n"
          f"  run it now:    .venv/bin/prefect deployment run '{deployment}'\n"
          "Scheduled runs execute here, as subprocesses of this command, while it runs; "
          "Ctrl-C stops it and pauses the schedule.",
          flush=True)
    build_warehouse.serve(
        name=args.name,
        cron=args.cron,
        parameters=parameters,
        description="Build or update the takedown warehouse from the raw folder (takedown serve).",
        # the installed module, not a file path relative to wherever `takedown serve` was started
        entrypoint_type=EntrypointType.MODULE_PATH,
        print_starting_message=False,
    )
    return 0
