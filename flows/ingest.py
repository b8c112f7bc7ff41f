"""Finding and reading raw files: the only place the build touches the raw folder."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import polars as pl

SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Limits:
    """Input limits; a file beyond them is quarantined with the limit named in the reason."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_line_chars: int = 1_000_000


FILES_SCHEMA = {"source_path": pl.String, "absolute_path": pl.String, "size": pl.Int64, "skip_reason": pl.String}
READ_SCHEMA = {"source_path": pl.String, "content": pl.Binary, "document_key": pl.String, "read_error": pl.String}


def discover_files(raw_root: Path) -> pl.DataFrame:
    """Every file under the raw root, recursively, with a skip reason for those not read.

    Symlinks are followed only when they stay inside the raw root; symlinked folders are not
    descended (that is how loops are avoided).
    """
    root = raw_root.resolve()
    rows = []

    def on_error(error: OSError) -> None:
        rows.append((_relative(Path(error.filename), raw_root), error.filename, 0, f"folder not readable: {error.strerror}"))

    for folder, subfolders, files in os.walk(raw_root, followlinks=False, onerror=on_error):
        subfolders.sort()
        for name in [d for d in subfolders if os.path.islink(os.path.join(folder, d))]:
            path = Path(folder) / name
            rows.append((_relative(path, raw_root), str(path), 0, "symlinked folder not followed"))
        for name in sorted(files):
            path = Path(folder) / name
            relative = _relative(path, raw_root)
            reason = None
            size = 0
            if not name.lower().endswith(SUFFIXES):
                reason = f"not a {'/'.join(SUFFIXES)} file"
            elif path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError) as error:
                    reason = f"broken or looping symlink ({error.__class__.__name__})"
                else:
                    if not target.is_relative_to(root):
                        reason = "symlink leads outside the raw folder"
            if reason is None:
                try:
                    size = path.stat().st_size
                except OSError as error:
                    reason = f"cannot stat file: {error.strerror}"
            rows.append((relative, str(path), size, reason))
    return pl.DataFrame(rows, schema=FILES_SCHEMA, orient="row").sort("source_path")


def _relative(path: Path, raw_root: Path) -> str:
    return path.relative_to(raw_root).as_posix()


def read_files(files: pl.DataFrame, limits: Limits = Limits()) -> pl.DataFrame:
    """Bytes and sha256 of each file; unreadable or oversized files get a `read_error`."""
    rows = []
    for source_path, absolute_path, size in files.select("source_path", "absolute_path", "size").iter_rows():
        if size > limits.max_file_bytes:
            rows.append((source_path, None, None,
                         f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} (setting max_file_bytes)"))
            continue
        try:
            with open(absolute_path, "rb") as handle:
                content = handle.read(limits.max_file_bytes + 1)
        except OSError as error:
            rows.append((source_path, None, None, f"cannot read file: {error.strerror or error}"))
            continue
        if len(content) > limits.max_file_bytes:
            rows.append((source_path, None, None, f"file grew past the limit of {limits.max_file_bytes:,} bytes while read"))
            continue
        rows.append((source_path, content, hashlib.sha256(content).hexdigest(), None))
    return pl.DataFrame(rows, schema=READ_SCHEMA, orient="row")
