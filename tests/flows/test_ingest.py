"""Discovering and reading raw files."""
from __future__ import annotations

import hashlib
import os

from flows.ingest import Limits, discover_files, read_files


def test_discovery_is_recursive_and_skips_what_it_does_not_read(raw_folder, tmp_path):
    (raw_folder / "a.txt").write_text("one")
    (raw_folder / "deep" / "er").mkdir(parents=True)
    (raw_folder / "deep" / "er" / "b.txt").write_text("two")
    (raw_folder / "picture.png").write_bytes(b"\x89PNG")
    outside = tmp_path / "outside.txt"
    outside.write_text("secret")
    os.symlink(outside, raw_folder / "link-out.txt")
    os.symlink(raw_folder / "a.txt", raw_folder / "link-in.txt")
    os.symlink(raw_folder, raw_folder / "loop")
    files = discover_files(raw_folder)
    reasons = dict(files.select("source_path", "skip_reason").iter_rows())
    assert reasons["a.txt"] is None
    assert reasons["deep/er/b.txt"] is None
    assert reasons["link-in.txt"] is None
    assert reasons["picture.png"].startswith("not a .txt")
    assert reasons["link-out.txt"] == "symlink leads outside the raw folder"
    assert reasons["loop"] == "symlinked folder not followed"


def test_reading_hashes_bytes_and_reports_limits(raw_folder):
    (raw_folder / "a.txt").write_bytes(b"hello")
    (raw_folder / "big.txt").write_bytes(b"x" * 2000)
    files = discover_files(raw_folder)
    read = read_files(files, Limits(max_file_bytes=1000))
    rows = {row["source_path"]: row for row in read.iter_rows(named=True)}
    assert rows["a.txt"]["document_key"] == hashlib.sha256(b"hello").hexdigest()
    assert rows["a.txt"]["read_error"] is None
    assert "over the limit of 1,000" in rows["big.txt"]["read_error"]
    assert rows["big.txt"]["content"] is None
