"""The build flow: raw folder in, published DuckDB warehouse out.

Tasks handle batches of documents, never one document, and take frames with
`cache_policy=NO_CACHE` (hashing frames for Prefect's cache costs more than the work).
"""
from __future__ import annotations

import datetime
import secrets
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from flows import warehouse as store
from flows.ingest import Limits, discover_files, read_files
from flows.reference import load_reference_tables
from schemas.validate import validate_rows
from schemas.warehouse import DOCUMENT_TABLES
from transforms import decode, operations
from transforms.extract import Reference, extract_documents

DEFAULT_BATCH_SIZE = 500


@dataclass
class RunSummary:
    """What a run did, for the CLI, logs and artifacts."""

    run_id: str
    warehouse: str
    documents_seen: int = 0
    documents_loaded: int = 0
    documents_unchanged: int = 0
    documents_quarantined: int = 0
    documents_skipped: int = 0
    documents_removed: int = 0
    rows_quarantined: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    row_counts: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc).replace(tzinfo=None)


@task(cache_policy=NO_CACHE)
def load_reference() -> dict[str, pl.DataFrame]:
    return load_reference_tables()


@task(cache_policy=NO_CACHE)
def discover(raw_root: Path) -> pl.DataFrame:
    return discover_files(raw_root)


@task(cache_policy=NO_CACHE)
def read_batch(files: pl.DataFrame, limits: Limits) -> pl.DataFrame:
    return read_files(files, limits)


def _decode(raw: pl.DataFrame, limits: Limits) -> pl.DataFrame:
    # document_key is already there (hashed when read), so decoding does not hash again
    decoded = decode.decode_documents(raw.select("source_path", "content", "document_key")).drop("content")
    longest_line = pl.col("text").str.split("\n").list.eval(pl.element().str.len_chars()).list.max()
    return decoded.with_columns(
        decode_error=pl.when(pl.col("decode_error").is_null() & (longest_line > limits.max_line_chars))
        .then(pl.format("a line of {} characters, over the limit of {} (setting max_line_chars)",
                        longest_line, pl.lit(limits.max_line_chars)))
        .otherwise("decode_error")
    )


def _extract_isolating_failures(
    decoded: pl.DataFrame, reference: Reference
) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Extract the batch; if it fails, extract document by document so one broken document
    cannot stop the others, quarantining the ones that fail."""
    try:
        return extract_documents(decoded, reference)
    except Exception:  # noqa: BLE001 - isolate below, the reason is recorded per document
        pass
    parts: list[dict[str, pl.DataFrame]] = []
    rejected = []
    for index in range(decoded.height):
        one = decoded.slice(index, 1)
        try:
            tables, one_rejected = extract_documents(one, reference)
        except Exception as error:  # noqa: BLE001
            detail = traceback.format_exception_only(error)[-1].strip()
            rejected.append(pl.DataFrame({"document_key": one["document_key"], "stage": ["extract"],
                                          "reason": [f"extraction failed: {detail}"[:500]]}))
            continue
        parts.append(tables)
        rejected.append(one_rejected)
    tables = {name: pl.concat([p[name] for p in parts], how="vertical_relaxed") for name in parts[0]} if parts else {}
    return tables, pl.concat(rejected, how="vertical_relaxed")


@task(cache_policy=NO_CACHE)
def transform_batch(
    raw: pl.DataFrame, reference: Reference, limits: Limits, ingested_at: datetime.datetime
) -> tuple[dict[str, pl.DataFrame], pl.DataFrame]:
    """Decode, clean, extract and validate a batch.

    Returns the valid rows per table and the quarantine entries (document_key, stage,
    table_name, reason) for files and rows that were rejected.
    """
    decoded = _decode(raw, limits)
    problems = [decoded.filter(pl.col("decode_error").is_not_null()).select(
        "document_key", pl.lit("decode").alias("stage"), pl.lit(None, pl.String).alias("table_name"),
        pl.col("decode_error").alias("reason"),
    )]
    decoded = decoded.filter(pl.col("decode_error").is_null()).with_columns(ingested_at=pl.lit(ingested_at))
    if decoded.height == 0:
        return {}, pl.concat(problems)
    tables, rejected = _extract_isolating_failures(decoded, reference)
    problems.append(rejected.select("document_key", "stage", pl.lit(None, pl.String).alias("table_name"), "reason"))
    valid_tables = {}
    for table, frame in tables.items():
        valid, invalid = validate_rows(table, frame)
        valid_tables[table] = valid
        if invalid.height:
            problems.append(invalid.select(
                "document_key", pl.lit("validate").alias("stage"), pl.lit(table).alias("table_name"), pl.col("rejection_reason").alias("reason")
            ))
    # A document whose dim_document row failed validation cannot load at all.
    if "dim_document" in valid_tables:
        loadable = valid_tables["dim_document"].select("document_key")
        for table in DOCUMENT_TABLES:
            valid_tables[table] = valid_tables[table].join(loadable, on="document_key", how="semi")
    return valid_tables, pl.concat(problems, how="vertical_relaxed")


@task(cache_policy=NO_CACHE)
def load_batch(staging, tables: dict[str, pl.DataFrame], replaced_keys: list[str]) -> None:
    store.delete_documents(staging, replaced_keys)
    for table in ["dim_document", *DOCUMENT_TABLES]:
        if table in tables:
            store.insert_frame(staging, table, tables[table])


def _file_status(files: pl.DataFrame, status: str) -> pl.DataFrame:
    """run_file rows for these files; stage and reason come along where the frame has them."""
    missing = pl.lit(None, pl.String)
    return files.select(
        "source_path", "document_key", pl.lit(status).alias("status"),
        pl.col("stage") if "stage" in files.columns else missing.alias("stage"),
        pl.col("reason") if "reason" in files.columns else missing.alias("reason"),
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        disable=not sys.stderr.isatty(), transient=False,
    )


@flow(name="build-warehouse", log_prints=False)
def build_warehouse(
    raw_root: str = "raw",
    warehouse_path: str = "warehouse/takedown.duckdb",
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_file_bytes: int = Limits.max_file_bytes,
    max_line_chars: int = Limits.max_line_chars,
    lock_wait_seconds: float = 600.0,
) -> RunSummary:
    """Build or update the warehouse from every document under `raw_root`."""
    logger = get_run_logger()
    started = time.monotonic()
    started_at = _now()
    run_id = started_at.strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)
    raw = Path(raw_root)
    target = Path(warehouse_path)
    if not raw.is_dir():
        raise FileNotFoundError(f"raw folder {raw} does not exist or is not a folder")
    limits = Limits(max_file_bytes=max_file_bytes, max_line_chars=max_line_chars)
    summary = RunSummary(run_id=run_id, warehouse=str(target))

    reference_tables = load_reference()
    reference = Reference.from_tables(reference_tables)
    files = discover(raw)
    summary.documents_seen = files.height
    skipped = files.filter(pl.col("skip_reason").is_not_null())
    summary.skipped = list(skipped.select("source_path", "skip_reason").iter_rows())
    summary.documents_skipped = skipped.height
    candidates = files.filter(pl.col("skip_reason").is_null())
    file_rows = [_file_status(skipped.with_columns(document_key=pl.lit(None, pl.String), stage=pl.lit("discover"),
                                                   reason=pl.col("skip_reason")), "skipped")]
    quarantine_rows = []

    with store.build_lock(target, lock_wait_seconds, on_wait=logger.warning):
        temporary, staging = store.connect_copy(target, run_id)
        try:
            store.run(staging, "BEGIN TRANSACTION")
            store.replace_reference_tables(staging, {k: v for k, v in reference_tables.items() if k.startswith("dim_")})
            known = store.known_documents(staging)
            known_keys = set(known["document_key"].to_list())
            key_at_path = dict(known.select("source_path", "document_key").iter_rows())
            present_keys: set[str] = set()
            affected_operations: set[str] = set()
            batches = max(1, -(-candidates.height // batch_size))
            with _progress() as progress:
                bar = progress.add_task("documents", total=candidates.height)
                for number in range(batches):
                    batch = candidates.slice(number * batch_size, batch_size)
                    raw_batch = read_batch(batch, limits)
                    read_failed = raw_batch.filter(pl.col("read_error").is_not_null())
                    quarantine_rows.append(read_failed.select("source_path", "document_key", pl.lit("read").alias("stage"),
                                                              pl.lit(None, pl.String).alias("table_name"),
                                                              pl.col("read_error").alias("reason")))
                    readable = raw_batch.filter(pl.col("read_error").is_null())
                    # unchanged (already loaded) or the same bytes twice in this run: not read again
                    seen_now = readable.with_columns(
                        duplicate=pl.col("document_key").is_duplicated() & ~pl.col("document_key").is_first_distinct()
                    )
                    unchanged_mask = pl.col("document_key").is_in(list(known_keys | present_keys)) | pl.col("duplicate")
                    unchanged = seen_now.filter(unchanged_mask)
                    fresh = seen_now.filter(~unchanged_mask).drop("duplicate")
                    present_keys |= set(unchanged["document_key"].to_list())
                    file_rows.append(_file_status(unchanged, "unchanged"))
                    tables, problems = transform_batch(fresh, reference, limits, started_at) if fresh.height else ({}, None)
                    if problems is not None and problems.height:
                        problems = problems.join(fresh.select("source_path", "document_key"), on="document_key", how="left")
                        quarantine_rows.append(problems.select("source_path", "document_key", "stage", "table_name", "reason"))
                    loaded = tables.get("dim_document", pl.DataFrame(schema={"document_key": pl.String})).select("document_key")
                    loaded_paths = fresh.join(loaded, on="document_key", how="semi")
                    replaced = [key_at_path[p] for p in loaded_paths["source_path"].to_list()
                                if p in key_at_path and key_at_path[p] not in present_keys]
                    if tables:
                        affected_operations |= store.operation_keys_of(staging, replaced)
                        affected_operations |= set(tables["stg_document_operation"]["operation_key"].to_list())
                        load_batch(staging, tables, replaced + loaded["document_key"].to_list())
                    present_keys |= set(loaded["document_key"].to_list())
                    file_rows.append(_file_status(loaded_paths, "loaded"))
                    logger.info("batch %d/%d: %d files, %d loaded, %d unchanged", number + 1, batches,
                                batch.height, loaded.height, unchanged.height)
                    progress.advance(bar, batch.height)

            quarantine = pl.concat(quarantine_rows, how="vertical_relaxed") if quarantine_rows else pl.DataFrame()
            # one file-level quarantine status per file: the first stage that rejected it
            file_level = quarantine.filter(pl.col("stage") != "validate") if quarantine.height else quarantine
            if file_level.height:
                file_level = file_level.unique("source_path", keep="first", maintain_order=True)
                file_rows.append(_file_status(file_level, "quarantined"))
            summary.documents_quarantined = file_level.height
            summary.quarantined = list(file_level.select("source_path", "stage", "reason").iter_rows()) if file_level.height else []
            summary.rows_quarantined = quarantine.height - file_level.height if quarantine.height else 0

            summary.documents_removed = store.mark_removed(staging, sorted(present_keys))
            reports = store.operation_reports(staging, sorted(affected_operations))
            store.replace_operations(staging, sorted(affected_operations), _validated_operations(reports))
            store.replace_operations(staging, store.orphan_operation_keys(staging), pl.DataFrame())
            if quarantine.height:
                store.insert_frame(staging, "quarantine", quarantine.with_columns(
                    run_id=pl.lit(run_id), quarantined_at=pl.lit(_now()),
                    source_path=pl.col("source_path").fill_null("(unknown)"),
                ))
            runs = pl.concat(file_rows, how="vertical_relaxed").unique("source_path", keep="last", maintain_order=True)
            store.insert_frame(staging, "run_file", runs.with_columns(run_id=pl.lit(run_id)))
            summary.documents_loaded = runs.filter(pl.col("status") == "loaded").height
            summary.documents_unchanged = runs.filter(pl.col("status") == "unchanged").height
            summary.seconds = time.monotonic() - started
            counts = store.row_counts(staging)
            counts["run_ledger"] += 1
            summary.row_counts = counts
            store.insert_frame(staging, "run_ledger", pl.DataFrame([{
                "run_id": run_id, "started_at": started_at, "finished_at": _now(), "raw_root": str(raw),
                "documents_seen": summary.documents_seen, "documents_loaded": summary.documents_loaded,
                "documents_unchanged": summary.documents_unchanged,
                "documents_quarantined": summary.documents_quarantined,
                "documents_removed": summary.documents_removed,
                "row_counts": store.ledger_json(counts), "seconds": summary.seconds,
            }]))
            store.run(staging, "COMMIT")
            store.publish(staging, temporary, target)
        except BaseException:
            store.discard(staging, temporary)
            raise
    summary.seconds = time.monotonic() - started
    publish_artifacts(summary)
    logger.info("run %s: %d seen, %d loaded, %d unchanged, %d quarantined, %d skipped in %.1f s",
                run_id, summary.documents_seen, summary.documents_loaded, summary.documents_unchanged,
                summary.documents_quarantined, summary.documents_skipped, summary.seconds)
    return summary


def summary_markdown(summary: RunSummary) -> str:
    lines = [
        f"# takedown build {summary.run_id}",
        "",
        f"Warehouse `{summary.warehouse}`: {summary.documents_seen} files seen, {summary.documents_loaded} loaded, "
        f"{summary.documents_unchanged} unchanged, {summary.documents_quarantined} quarantined, "
        f"{summary.documents_skipped} skipped, {summary.documents_removed} removed, in {summary.seconds:.1f} s.",
        "",
        "| table | rows |", "|---|---:|",
        *[f"| {table} | {rows:,} |" for table, rows in summary.row_counts.items()],
    ]
    if summary.quarantined:
        lines += ["", "## Quarantined", "", "| file | stage | reason |", "|---|---|---|",
                  *[f"| {path} | {stage} | {reason} |" for path, stage, reason in summary.quarantined]]
    return "\n".join(lines)


def publish_artifacts(summary: RunSummary) -> None:
    """What the run did, visible in the Prefect UI without reading logs."""
    create_markdown_artifact(key="takedown-run-summary", markdown=summary_markdown(summary),
                             description="Files seen, loaded, unchanged, quarantined; rows per table")
    create_table_artifact(
        key="takedown-quarantined-files",
        table=[{"file": path, "stage": stage, "reason": reason} for path, stage, reason in summary.quarantined]
        or [{"file": "", "stage": "", "reason": "nothing quarantined"}],
        description="Files this run could not load, with the stage and the reason",
    )


def _validated_operations(reports: pl.DataFrame) -> pl.DataFrame:
    rows = operations.rollup_operations(reports)
    valid, invalid = validate_rows("dim_operation", rows)
    if invalid.height:
        raise ValueError(f"dim_operation rows failed validation: {invalid['rejection_reason'].to_list()[:5]}")
    return valid
