"""Finding and reading raw files: the only place the build touches the raw folder."""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

import polars as pl

SUFFIXES = (".txt",)


@dataclass(frozen=True)
class Limits:
    """Input limits; a file beyond them is quarantined with the limit named in the reason."""

    max_file_bytes: int = 50 * 1024 * 1024
    max_line_chars: int = 1_000_000


# size and mtime_ns (from the same stat) let an incremental run call a file unchanged without reading it
FILES_SCHEMA = {"source_path": pl.String, "absolute_path": pl.String, "size": pl.Int64, "mtime_ns": pl.Int64,
                "skip_reason": pl.String}
READ_SCHEMA = {"source_path": pl.String, "content": pl.Binary, "document_key": pl.String, "read_error": pl.String}


def discover_files(raw_root: Path) -> pl.DataFrame:
    """Every file under the raw root, recursively, with a skip reason for those not read.

    Symlinks are followed only when they stay inside the raw root; symlinked folders are not
    descended (that is how loops are avoided). One `os.scandir` per folder and one `stat` per
    file: a run with nothing to read spends most of its time here, so no pathlib per file.
    """
    root = raw_root.resolve()
    rows = []
    pending = [(str(raw_root), "")]  # (folder, its path relative to the root with a trailing "/")
    while pending:
        folder, relative_folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            rows.append((_relative(Path(error.filename), raw_root), error.filename, 0, None,
                         f"folder not readable: {error.strerror}"))
            continue
        for entry in entries:
            relative = relative_folder + entry.name
            try:
                is_folder = entry.is_dir()  # follows a symlink, as os.walk does to sort entries
            except OSError:
                is_folder = False
            if is_folder:
                if entry.is_symlink():
                    rows.append((relative, entry.path, 0, None, "symlinked folder not followed"))
                else:
                    pending.append((entry.path, relative + "/"))
                continue
            reason = None
            size = 0
            mtime_ns = None
            if not entry.name.lower().endswith(SUFFIXES):
                reason = f"not a {'/'.join(SUFFIXES)} file"
            elif entry.is_symlink():
                try:
                    target = Path(entry.path).resolve(strict=True)
                except (OSError, RuntimeError) as error:
                    reason = f"broken or looping symlink ({error.__class__.__name__})"
                else:
                    if not target.is_relative_to(root):
                        reason = "symlink leads outside the raw folder"
            if reason is None:
                try:
                    status = entry.stat()
                    size = status.st_size
                    mtime_ns = status.st_mtime_ns
                except OSError as error:
                    reason = f"cannot stat file: {error.strerror}"
                else:
                    if not stat.S_ISREG(status.st_mode):  # a FIFO would block the read forever
                        reason = "not a regular file (FIFO, socket or device)"
            rows.append((relative, entry.path, size, mtime_ns, reason))
    return pl.DataFrame(rows, schema=FILES_SCHEMA, orient="row").sort("source_path")


def _relative(path: Path, raw_root: Path) -> str:
    return path.relative_to(raw_root).as_posix()


CHANGED_WHILE_READ = "changed while being read (size or modification time moved during two attempts)"


def read_files(files: pl.DataFrame, limits: Limits = Limits()) -> pl.DataFrame:
    """Bytes and sha256 of each file; unreadable, oversized or unstable files get a `read_error`.

    A file is never read past `max_file_bytes` + 1 bytes, so a huge file costs no memory. A file
    whose size or modification time moves while it is read (or whose size is not the one
    discovery saw) is read once more; if it moves again it is left for the next run.
    """
    rows = []
    for source_path, absolute_path, size in files.select("source_path", "absolute_path", "size").iter_rows():
        if size > limits.max_file_bytes:
            rows.append((source_path, None, None,
                         f"file is {size:,} bytes, over the limit of {limits.max_file_bytes:,} (setting max_file_bytes)"))
            continue
        try:
            content = _read_stable(absolute_path, limits.max_file_bytes, size)
        except OSError as error:
            rows.append((source_path, None, None, f"cannot read file: {error.strerror or error}"))
            continue
        if content is None:
            rows.append((source_path, None, None, CHANGED_WHILE_READ))
            continue
        if len(content) > limits.max_file_bytes:
            rows.append((source_path, None, None, f"file grew past the limit of {limits.max_file_bytes:,} bytes while read"))
            continue
        rows.append((source_path, content, hashlib.sha256(content).hexdigest(), None))
    return pl.DataFrame(rows, schema=READ_SCHEMA, orient="row")


def _read_stable(path: str, limit: int, expected_size: int | None) -> bytes | None:
    """The file's bytes when they held still while read (two attempts), else None."""
    for _ in range(2):
        before = os.stat(path)
        content = _read_bytes(path, limit)
        after = os.stat(path)
        moved = (before.st_ino, before.st_size, before.st_mtime_ns) != (after.st_ino, after.st_size, after.st_mtime_ns)
        short = len(content) <= limit and len(content) != after.st_size
        if not moved and not short and (expected_size is None or len(content) == expected_size or len(content) > limit):
            return content
        expected_size = None  # the retry judges the file by itself, not by what discovery saw
    return None


def _read_bytes(path: str, limit: int) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(limit + 1)
