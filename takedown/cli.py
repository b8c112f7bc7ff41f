"""The `takedown` command: build the warehouse, normalize names."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

# Offline machines: no telemetry, and give the temporary Prefect server time to start on a
# cold home. Set before Prefect is imported; the user's own settings win.
for _name, _value in {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}.items():
    os.environ.setdefault(_name, _value)


def _print_summary(summary, strict: bool) -> int:
    from rich.console import Console
    from rich.table import Table

    # wide enough when piped (logs, CI) that file names and reasons are never cut
    console = Console(width=None if sys.stdout.isatty() else 200, soft_wrap=True)
    console.print(
        f"[bold]takedown build[/bold] {summary.run_id}: {summary.documents_seen} files seen, "
        f"{summary.documents_loaded} loaded, {summary.documents_unchanged} unchanged, "
        f"{summary.documents_quarantined} quarantined, {summary.documents_skipped} skipped, "
        f"{summary.documents_removed} removed, in {summary.seconds:.1f} s -> {summary.warehouse}"
    )
    if summary.quarantined:
        table = Table(title="Quarantined files")
        for column in ("file", "stage", "reason"):
            table.add_column(column, overflow="fold")
        for path, stage, reason in summary.quarantined:
            table.add_row(path, stage, reason)
        console.print(table)
    if summary.skipped:
        table = Table(title="Skipped files")
        table.add_column("file", overflow="fold")
        table.add_column("reason", overflow="fold")
        for path, reason in summary.skipped:
            table.add_row(path, reason)
        console.print(table)
    if summary.rows_quarantined:
        console.print(f"{summary.rows_quarantined} rows failed validation and were quarantined "
                      "(SELECT * FROM quarantine WHERE stage = 'validate')")
    counts = Table(title="Rows per table")
    counts.add_column("table")
    counts.add_column("rows", justify="right")
    for table_name, rows in summary.row_counts.items():
        counts.add_row(table_name, f"{rows:,}")
    console.print(counts)
    if strict and (summary.documents_quarantined or summary.rows_quarantined):
        console.print("[red]--strict: quarantined input makes this run fail[/red]")
        return 1
    return 0


def command_build(args: argparse.Namespace) -> int:
    from flows.build import build_warehouse
    from flows.warehouse import WarehouseBusy

    raw = Path(args.raw)
    if not raw.is_dir():
        print(f"takedown build: raw folder {raw} does not exist or is not a folder", file=sys.stderr)
        return 2
    try:
        batch_size = {} if args.batch_size is None else {"batch_size": args.batch_size}
        summary = build_warehouse(raw_root=str(raw), warehouse_path=str(args.warehouse), **batch_size,
                                  lock_wait_seconds=args.wait, full=args.full, workers=args.workers,
                                  max_file_bytes=int(args.max_file_mb * 1024 * 1024), max_line_chars=args.max_line_chars)
    except WarehouseBusy as error:
        print(f"takedown build: {error}", file=sys.stderr)
        return 3
    return _print_summary(summary, args.strict)


def command_normalize(args: argparse.Namespace) -> int:
    import polars as pl

    names = pl.Series("name", [line.rstrip("\r\n") for line in sys.stdin], dtype=pl.String)
    if args.kind == "country":
        from transforms.countries import normalize_country_names

        keys = normalize_country_names(names)
    else:
        from transforms.agencies import resolve_agency_names

        resolved = resolve_agency_names(pl.DataFrame({"name": names, "country_key": pl.Series([None] * names.len(), dtype=pl.String)}))
        keys = resolved["agency_key"]
    sys.stdout.write("".join(f"{key or ''}\n" for key in keys.to_list()))
    return 0


def command_check(args: argparse.Namespace) -> int:
    import duckdb

    from flows.warehouse import integrity_problems

    path = Path(args.warehouse)
    if not path.is_file():
        print(f"takedown check: warehouse {path} does not exist", file=sys.stderr)
        return 2
    with duckdb.connect(str(path), read_only=True) as connection:
        problems = integrity_problems(connection)
    for problem in problems:
        print(f"{path}: {problem}")
    if not problems:
        print(f"{path}: ok (keys unique, references resolve, evidence matches, ledger consistent)")
    return 1 if problems else 0


def command_explain(args: argparse.Namespace) -> int:
    from rich.console import Console

    from takedown.explain import explain_file

    path = Path(args.file)
    if not path.is_file():
        print(f"takedown explain: {path} is not a file", file=sys.stderr)
        return 2
    return explain_file(path, Console(width=None if sys.stdout.isatty() else 160, soft_wrap=False))


DEFAULT_WAREHOUSE = "warehouse/takedown.duckdb"


def _add_warehouse_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--warehouse", default=DEFAULT_WAREHOUSE, help=f"DuckDB file (default: {DEFAULT_WAREHOUSE})")


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="takedown", description="News about piracy takedowns in, DuckDB star schema out.")
    commands = main.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="build or update the warehouse from the raw folder")
    build.add_argument("--raw", default="raw", help="folder of raw .txt documents (default: raw)")
    _add_warehouse_option(build)
    build.add_argument("--strict", action="store_true", help="exit 1 when any file or row was quarantined")
    # the default is flows.build.DEFAULT_BATCH_SIZE (not imported here: --help stays instant)
    build.add_argument("--batch-size", type=int, default=None, help="documents per batch (default: 1000)")
    build.add_argument("--wait", type=float, default=600.0, help="seconds to wait for another build to finish (default: 600)")
    build.add_argument("--max-file-mb", type=float, default=50.0,
                       help="larger files are quarantined without being read (default: 50)")
    build.add_argument("--max-line-chars", type=int, default=1_000_000,
                       help="files with a longer line are quarantined (default: 1000000)")
    build.add_argument("--full", action="store_true", help=(
        "read and extract every file again, ignoring size/mtime and already-loaded bytes (after the extraction "
        "rules changed); documents whose file has gone keep their rows, marked is_removed, as in any run"))
    build.add_argument("--workers", type=int, default=0,
                       help="processes extracting batches in parallel (default: 0 = one per core)")
    build.set_defaults(handler=command_build)

    normalize = commands.add_parser("normalize", help="names on stdin, keys on stdout (empty line: not resolved)")
    normalize.add_argument("kind", choices=["country", "agency"])
    normalize.set_defaults(handler=command_normalize)
    check = commands.add_parser("check", help="integrity checks on a warehouse; exit 1 if anything is wrong")
    _add_warehouse_option(check)
    check.set_defaults(handler=command_check)

    explain = commands.add_parser("explain", help="show what extraction reads from one file, and what it rejects")
    explain.add_argument("file")
    explain.set_defaults(handler=command_explain)

    # Each of these lives in its own module (takedown/<command>.py) with a `command_<name>(args)`.
    serve = commands.add_parser("serve", help="serve the build flow on a cron schedule (Prefect)")
    serve.add_argument("--cron", default="0 * * * *", help='cron schedule (default: "0 * * * *", hourly)')
    serve.add_argument("--raw", default="raw", help="folder of raw .txt documents (default: raw)")
    _add_warehouse_option(serve)
    serve.add_argument("--name", default="takedown-build", help="deployment name (default: takedown-build)")
    serve.set_defaults(handler=_delegate("serve"))

    report = commands.add_parser("report", help="run the analysis notebook headless and write it as HTML")
    _add_warehouse_option(report)
    report.add_argument("--out", default="warehouse/report.html", help="HTML file (default: warehouse/report.html)")
    report.set_defaults(handler=_delegate("report"))

    export = commands.add_parser("export", help="write the warehouse as partitioned Parquet")
    _add_warehouse_option(export)
    export.add_argument("--parquet", required=True, metavar="DIR", help="output folder")
    export.set_defaults(handler=_delegate("export"))

    dictionary = commands.add_parser("dictionary", help="write the data dictionary (markdown) from the pandera schemas")
    dictionary.add_argument("--out", default="docs/data-dictionary.md")
    dictionary.add_argument("--check", action="store_true", help="exit 1 if the file on disk is not up to date")
    dictionary.set_defaults(handler=_delegate("dictionary"))

    synth = commands.add_parser("synth", help="write a synthetic corpus with gold annotations")
    synth.add_argument("--docs", type=int, required=True, help="number of documents")
    synth.add_argument("--out", required=True, help="output folder (documents and gold)")
    synth.add_argument("--seed", type=int, default=0, help="random seed (default: 0); same seed, same corpus")
    synth.set_defaults(handler=_delegate("synth"))
    return main


def _delegate(command: str):
    """Import a command's module only when it runs: `takedown check` should not pay for nbconvert."""
    def handler(args: argparse.Namespace) -> int:
        import importlib

        module = importlib.import_module(f"takedown.{command}")
        return getattr(module, f"command_{command}")(args)
    return handler


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
