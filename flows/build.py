"""The build flow: raw folder in, published DuckDB warehouse out.

Tasks handle batches of documents, never one document, and take frames with
`cache_policy=NO_CACHE` (hashing frames for Prefect's cache costs more than the work).
"""
from __future__ import annotations

import datetime
import multiprocessing
import os
import secrets
import sys
import time
import traceback
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
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

# A batch has a fixed cost (polars compiles the reference data's large patterns and automata in
# every call, about 0.4 s): 1,000 documents halve its share. A 400k build peaked at 1.10 GB with
# 1,000, 1.22x the 903 MB of 100k (tests/benchmarks/results/rss-400000-batch1000-eedce06.txt)
DEFAULT_BATCH_SIZE = 1_000
OPERATIONS_PER_ROLLUP = 20_000
POOL_MIN_DOCUMENTS = 2_000  # fewer new documents than this are extracted in the flow's own process
QUARANTINE_COLUMNS = {"source_path": pl.String, "document_key": pl.String, "stage": pl.String,
                      "table_name": pl.String, "reason": pl.String}


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
    bytes_read: int = 0
    reports_resolved: int = 0  # reports whose operation this run resolved again (all, or what its changes can move)


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
    if "dim_agency" in tables:
        store.add_unregistered_agencies(staging, tables["dim_agency"])
    for table in ["dim_document", *DOCUMENT_TABLES]:
        if table in tables:
            store.insert_frame(staging, table, tables[table])


def _file_status(files: pl.DataFrame, status: str) -> pl.DataFrame:
    """run_file rows for these files; stage, reason, size and mtime_ns come along where the frame has them."""
    def column(name: str, dtype) -> pl.Expr:
        return pl.col(name) if name in files.columns else pl.lit(None, dtype).alias(name)

    return files.select(
        "source_path", column("document_key", pl.String), pl.lit(status).alias("status"),
        column("stage", pl.String), column("reason", pl.String), column("size", pl.Int64), column("mtime_ns", pl.Int64),
    )


def _progress() -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        disable=not sys.stderr.isatty(), transient=False,
    )


_WORKER_REFERENCE: Reference | None = None


def _start_worker(reference_tables: dict[str, pl.DataFrame]) -> None:
    global _WORKER_REFERENCE
    _WORKER_REFERENCE = Reference.from_tables(reference_tables)


def _transform_in_worker(raw: pl.DataFrame, limits: Limits, ingested_at: datetime.datetime):
    return transform_batch.fn(raw, _WORKER_REFERENCE, limits, ingested_at)


def _transform_pool(workers: int, reference_tables: dict[str, pl.DataFrame]) -> ProcessPoolExecutor:
    """Extraction is CPU-bound Python: one process per core. `spawn`, because forking a process
    that runs Prefect's and DuckDB's threads is unsafe."""
    return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(reference_tables,))


def _quarantine_frame(rows: pl.DataFrame, run_id: str) -> pl.DataFrame:
    return rows.select("source_path", "document_key", "stage", "table_name", "reason").with_columns(
        run_id=pl.lit(run_id), quarantined_at=pl.lit(_now()), source_path=pl.col("source_path").fill_null("(unknown)"))


@flow(name="build-warehouse", log_prints=False)
def build_warehouse(
    raw_root: str = "raw",
    warehouse_path: str = "warehouse/takedown.duckdb",
    batch_size: int = DEFAULT_BATCH_SIZE,
    max_file_bytes: int = Limits.max_file_bytes,
    max_line_chars: int = Limits.max_line_chars,
    lock_wait_seconds: float = 600.0,
    full: bool = False,
    workers: int = 0,
) -> RunSummary:
    """Build or update the warehouse from every document under `raw_root`.

    Incremental by default: a file whose size and mtime_ns equal those of its last run is not
    read; a file whose bytes are already loaded is not extracted again. `full=True` reads and
    extracts every file again (after a change of the extraction rules); documents whose file has
    gone keep their rows, marked `is_removed`, as in any run. `workers` processes extract batches
    in parallel when there is more than one batch to extract (0: one per core, and only from
    POOL_MIN_DOCUMENTS files whose size or mtime moved, below which starting them costs more).
    """
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
    candidates = files.filter(pl.col("skip_reason").is_null()).drop("skip_reason")
    batches = max(1, -(-candidates.height // batch_size))
    processes = workers or os.cpu_count() or 1
    bytes_read = 0

    with store.build_lock(target, lock_wait_seconds, on_wait=logger.warning), ExitStack() as cleanup:
        temporary, staging = store.connect_copy(target, run_id)
        try:
            store.run(staging, "BEGIN TRANSACTION")
            store.replace_reference_tables(staging, {k: v for k, v in reference_tables.items() if k.startswith("dim_")})
            store.insert_frame(staging, "run_file", _file_status(
                skipped.with_columns(stage=pl.lit("discover"), reason=pl.col("skip_reason")), "skipped"
            ).with_columns(run_id=pl.lit(run_id)))
            previous_run = None if full else store.previous_run_id(staging, str(raw))
            store.snapshot_published_keys(staging)  # operations keep the keys they were published under
            # files unchanged by size and mtime: one query for every file, not one per batch (about 25 ms each)
            unchanged_at_start = store.unchanged_by_stat(staging, previous_run, candidates)
            # worker processes pay their start-up (imports, reference, regex compilation) only when
            # there is much to extract: files whose size or mtime moved bound that number
            may_change = candidates.height - unchanged_at_start.height
            pool = None
            if processes > 1 and may_change > batch_size and (workers or may_change >= POOL_MIN_DOCUMENTS):
                pool = cleanup.enter_context(_transform_pool(processes, reference_tables))
            in_flight: deque = deque()  # (fresh files, future) in submission order: at most `workers` + 1 batches
            extracting: set[str] = set()  # document keys waiting for extraction or in flight
            waiting: list[pl.DataFrame] = []  # new documents gathered across file batches into full extraction batches

            def extract(fresh: pl.DataFrame) -> None:
                if pool is None:
                    finish(fresh.drop("content"), transform_batch(fresh, reference, limits, started_at))
                else:
                    in_flight.append((fresh.drop("content"), pool.submit(_transform_in_worker, fresh, limits, started_at)))

            def record(quarantined: pl.DataFrame, loaded_files: pl.DataFrame, unchanged_files: pl.DataFrame) -> None:
                """Write one batch's run_file and quarantine rows: nothing per file is kept in memory."""
                if quarantined.height:
                    store.insert_frame(staging, "quarantine", _quarantine_frame(quarantined, run_id))
                # a file's status: the first stage that rejected it, unless its document loaded anyway
                file_level = quarantined.join(loaded_files.select("source_path"), on="source_path", how="anti") \
                    .unique("source_path", keep="first", maintain_order=True)
                summary.rows_quarantined += quarantined.height - file_level.height
                summary.quarantined += list(file_level.select("source_path", "stage", "reason").iter_rows())
                rows = [_file_status(unchanged_files, "unchanged"), _file_status(loaded_files, "loaded"),
                        _file_status(file_level, "quarantined")]
                store.insert_frame(staging, "run_file", pl.concat(rows, how="vertical_relaxed").with_columns(run_id=pl.lit(run_id)))

            def finish(fresh: pl.DataFrame, result) -> None:
                tables, problems = result
                extracting.difference_update(fresh["document_key"].to_list())
                problems = problems.join(fresh.select("source_path", "document_key"), on="document_key", how="left") \
                    if problems is not None and problems.height else pl.DataFrame()
                loaded = tables.get("dim_document", pl.DataFrame(schema={"document_key": pl.String})).select("document_key")
                if tables and loaded.height:
                    if full:  # a rebuilt document keeps the date it was first loaded
                        first = store.first_ingested(staging, loaded["document_key"].to_list())
                        tables["dim_document"] = tables["dim_document"].join(first, on="document_key", how="left") \
                            .with_columns(ingested_at=pl.coalesce("first_ingested_at", "ingested_at")).drop("first_ingested_at")
                    load_batch(staging, tables, loaded["document_key"].to_list() if full else [])
                loaded_files = fresh.join(loaded, on="document_key", how="semi")
                empty = pl.DataFrame(schema={"source_path": pl.String})
                record(problems if problems.height else pl.DataFrame(schema=QUARANTINE_COLUMNS), loaded_files, empty)

            with _progress() as progress:
                bar = progress.add_task("documents", total=candidates.height)
                for number in range(batches):
                    batch = candidates.slice(number * batch_size, batch_size)
                    by_stat = unchanged_at_start.join(batch.select("source_path"), on="source_path", how="semi")
                    to_read = batch.join(by_stat, on="source_path", how="anti")
                    raw_batch = read_batch(to_read, limits).join(
                        to_read.select("source_path", "size", "mtime_ns"), on="source_path", how="left")
                    bytes_read += raw_batch.select(pl.col("content").bin.size().sum()).item() or 0
                    read_failed = raw_batch.filter(pl.col("read_error").is_not_null()).select(
                        "source_path", "document_key", pl.lit("read").alias("stage"),
                        pl.lit(None, pl.String).alias("table_name"), pl.col("read_error").alias("reason"))
                    readable = raw_batch.filter(pl.col("read_error").is_null())
                    # the same bytes already loaded (earlier run or batch), in flight, or twice in this batch
                    done = store.loaded_keys(staging, run_id, readable["document_key"].to_list(), include_earlier_runs=not full)
                    unchanged_mask = (pl.col("document_key").is_in(list(done | extracting))
                                      | (pl.col("document_key").is_duplicated() & ~pl.col("document_key").is_first_distinct()))
                    unchanged = pl.concat([
                        batch.join(by_stat, on="source_path", how="inner").select("source_path", "document_key", "size", "mtime_ns"),
                        readable.filter(unchanged_mask).select("source_path", "document_key", "size", "mtime_ns"),
                    ])
                    fresh = readable.filter(~unchanged_mask)
                    record(read_failed, pl.DataFrame(schema={"source_path": pl.String}), unchanged)
                    last = number == batches - 1
                    if fresh.height:
                        extracting.update(fresh["document_key"].to_list())
                        waiting.append(fresh)
                    gathered = pl.concat(waiting) if waiting else None
                    waiting = []
                    while gathered is not None and (gathered.height >= batch_size or (last and gathered.height)):
                        extract(gathered.head(batch_size))
                        gathered = gathered.slice(batch_size)
                    if gathered is not None and gathered.height:
                        waiting.append(gathered)
                    while in_flight and (len(in_flight) > processes or last):
                        fresh_files, future = in_flight.popleft()
                        finish(fresh_files, future.result())
                    logger.info("batch %d/%d: %d files, %d read, %d unchanged", number + 1, batches,
                                batch.height, raw_batch.height, unchanged.height)
                    progress.advance(bar, batch.height)
                    # one transaction for the whole build grew with the corpus
                    store.commit_and_continue(staging)

            if pool is not None:  # the workers' memory goes back before resolution needs its own
                pool.shutdown()
            logger.info("batches done; DuckDB %s", store.memory_in_use(staging))
            superseded = store.superseded_documents(staging, run_id)
            replaced_operations = store.operation_keys_of(staging, superseded)
            store.delete_documents(staging, superseded)
            summary.documents_removed = store.mark_removed(staging, run_id)
            # one operation per real-world action across all documents; moved reports' operations roll up
            # again. Only what the new and replaced documents can move is resolved again, and a run
            # that added, replaced or re-extracted no document skips it (removal flags are not a signal)
            statuses = store.file_counts(staging, run_id)  # resolution and rollups do not change run_file
            if full or superseded or statuses.get("loaded", 0):
                moved, summary.reports_resolved, stored = store.resolve_operations_across_documents(
                    staging, run_id, replaced_operations, everything=full, log=logger.info)
                replaced_operations |= moved
                logger.info("operations across documents: resolved %d of %d reports", summary.reports_resolved, stored)
            else:
                logger.info("no document loaded or replaced: operations across documents are unchanged")
            affected = store.operation_keys_to_roll_up(staging, run_id, replaced_operations, everything=full)
            for start in range(0, len(affected), OPERATIONS_PER_ROLLUP):  # bounded memory on large corpora
                chunk = affected[start:start + OPERATIONS_PER_ROLLUP]
                store.replace_operations(staging, chunk, _validated_operations(store.operation_reports(staging, chunk)))
            store.remove_orphan_operations(staging)
            # the tables that grow with the corpus declare no PRIMARY KEY (`schemas.warehouse.DECLARED_KEY_TABLES`):
            # a key written twice stops the build here, before anything is published, as a key would have
            duplicated = store.duplicate_keys(staging, run_id, affected)
            if duplicated:
                raise RuntimeError("build stopped, nothing published: " + "; ".join(duplicated))
            summary.documents_loaded = statuses.get("loaded", 0)
            summary.documents_unchanged = statuses.get("unchanged", 0)
            summary.documents_quarantined = statuses.get("quarantined", 0)
            summary.bytes_read = bytes_read
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
                "bytes_read": bytes_read, "full_rebuild": full,
            }]))
            store.run(staging, "COMMIT")
            store.publish(staging, temporary, target)
        except BaseException:
            store.discard(staging, temporary)
            raise
    summary.seconds = time.monotonic() - started
    publish_artifacts(summary)
    logger.info("run %s: %d seen, %d loaded, %d unchanged, %d quarantined, %d skipped, %d bytes read in %.1f s",
                run_id, summary.documents_seen, summary.documents_loaded, summary.documents_unchanged,
                summary.documents_quarantined, summary.documents_skipped, bytes_read, summary.seconds)
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
