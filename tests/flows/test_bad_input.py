"""Bad, odd and hostile input: every file is accounted for with a reason that names it, nothing
crashes, the other files load, and hostile text round-trips into the warehouse unchanged.

The unit tests exercise discovery and reading directly; the flow tests run the real build over a
folder holding every class at once.
"""
from __future__ import annotations

import io
import os
import subprocess
import tracemalloc
import zipfile
from pathlib import Path

import duckdb
import pytest

from flows import ingest
from flows.ingest import Limits, discover_files, read_files
from flows.warehouse import integrity_problems

ARTICLE = (
    "Police in Spain arrested {n} people on Tuesday in an operation against an illegal IPTV service "
    "that had more than 30,000 subscribers. The Guardia Civil searched 6 homes in Madrid and Valencia "
    "and seized 12 servers. The service rebroadcast Netflix and DAZN content.\n"
)
RUNNING_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
DEEP_FOLDERS = 55
ODD_NAMES = ["with spaces.txt", "quotes ' and \".txt", "new\nline.txt", "Ελληνικά 北京 ñandú.txt", "back\\slash;.txt"]


def _article(number: int) -> str:
    """A distinct article per file (the same bytes twice would count as one document)."""
    return ARTICLE.format(n=number)


def _png() -> bytes:
    return b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + bytes(200)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("article.txt", _article(99))
    return buffer.getvalue()


def _write_big_text(path: Path, megabytes: int) -> None:
    """A large text file written quickly by repeating a 1 MiB block."""
    block = (_article(1) * (1024 * 1024 // len(_article(1)) + 1)).encode()[: 1024 * 1024]
    with open(path, "wb") as handle:
        for _ in range(megabytes):
            handle.write(block)


def _deep_folder(root: Path) -> Path:
    folder = root.joinpath(*[f"d{level}" for level in range(DEEP_FOLDERS)])
    folder.mkdir(parents=True)
    return folder


def build_warehouse(**arguments):
    from flows.build import build_warehouse as build

    return build(**arguments)


def _query(path: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as connection:
        return connection.execute(sql, parameters or []).fetchall()


# ------------------------------------------------------------------------------------------
# what the folder holds: every class of the issue, with the fate the build must give it
# ------------------------------------------------------------------------------------------

LOADED = "loaded"


def make_mixed_folder(raw: Path, outside: Path) -> dict[str, tuple[str, str | None]]:
    """Fill `raw` with good files and every bad class; return source_path -> (status, reason fragment)."""
    expected: dict[str, tuple[str, str | None]] = {}

    def put(name: str, content: bytes, status: str, reason: str | None = None) -> None:
        path = raw / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        expected[name] = (status, reason)

    put("good.txt", _article(1).encode(), LOADED)
    put("sub/good-too.txt", _article(2).encode(), LOADED)
    put("empty.txt", b"", "quarantined", "empty file")
    put("blank.txt", b"  \n\t \r\n   \n", "quarantined", "only whitespace")
    put("image.txt", _png(), "quarantined", "binary content (PNG image)")
    put("archive.txt", _zip(), "quarantined", "binary content (zip archive")
    utf8 = _article(3).encode()
    put("broken-utf8.txt", utf8[:40] + b"\xff\xfe" + utf8[40:] + "Città.".encode(), "quarantined", "invalid UTF-8 at byte 40")
    put("utf16-no-bom.txt", _article(4).encode("utf-16-le"), LOADED)
    put("nul-inside.txt", utf8[:50] + b"\x00\x00\x00" + utf8[50:], "quarantined", "NUL bytes inside the text (3, the first at byte 50)")
    put("long-line.txt", b"x" * (10 * 1024 * 1024), "quarantined", "a line of 10485760 characters, over the limit of 1000000")
    _write_big_text(raw / "huge.txt", 100)
    expected["huge.txt"] = ("quarantined", "file is 104,857,600 bytes, over the limit of 52,428,800")
    for number, name in enumerate(ODD_NAMES, start=10):
        put(name, _article(number).encode(), LOADED)
    deep = _deep_folder(raw / "deep").relative_to(raw).as_posix()
    put(f"{deep}/bottom.txt", _article(20).encode(), LOADED)
    put("notes.md", b"# not read", "skipped", "not a .txt file")
    put("photo.png", _png(), "skipped", "not a .txt file")
    os.symlink(raw, raw / "sub" / "loop")
    expected["sub/loop"] = ("skipped", "symlinked folder not followed")
    os.symlink("ping.txt", raw / "pong.txt")
    os.symlink("pong.txt", raw / "ping.txt")
    expected["ping.txt"] = ("skipped", "broken or looping symlink")
    expected["pong.txt"] = ("skipped", "broken or looping symlink")
    secret = outside / "secret.txt"
    secret.write_text(_article(30))
    os.symlink(secret, raw / "link-out.txt")
    expected["link-out.txt"] = ("skipped", "symlink leads outside the raw folder")
    os.symlink(raw / "good.txt", raw / "link-in.txt")  # same bytes as good.txt: one document, seen twice
    expected["link-in.txt"] = ("unchanged", None)
    os.mkfifo(raw / "pipe.txt")
    expected["pipe.txt"] = ("skipped", "not a regular file")
    return expected


def files_on_disk(raw: Path) -> set[str]:
    """What `find RAW ! -type d` lists: everything but folders (files, symlinks, FIFOs; a symlinked
    folder is listed, not descended), relative to RAW. NUL-separated: a name may hold a newline."""
    listed = subprocess.run(["find", str(raw), "!", "-type", "d", "-print0"],
                            capture_output=True, check=True).stdout
    return {Path(os.fsdecode(path)).relative_to(raw).as_posix() for path in listed.split(b"\0") if path}


# ------------------------------------------------------------------------------------------
# the whole folder through the real flow
# ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mixed_build(prefect_server, tmp_path_factory):
    base = tmp_path_factory.mktemp("bad-input")
    raw, outside = base / "raw", base / "outside"
    raw.mkdir()
    outside.mkdir()
    expected = make_mixed_folder(raw, outside)
    warehouse = base / "w.duckdb"
    summary = build_warehouse(raw_root=str(raw), warehouse_path=str(warehouse))
    yield raw, warehouse, summary, expected
    (raw / "huge.txt").unlink()  # 100 MB: do not keep it around for the rest of the session


def test_every_file_on_disk_is_accounted_for_exactly_once(mixed_build):
    raw, warehouse, summary, expected = mixed_build
    on_disk = files_on_disk(raw)
    assert on_disk == set(expected)
    rows = _query(warehouse, "SELECT source_path, status, stage, reason FROM run_file")
    assert sorted(row[0] for row in rows) == sorted(on_disk)  # one row per file, none twice, none missing
    statuses = {path: status for path, status, _, _ in rows}
    assert set(statuses.values()) <= {"loaded", "unchanged", "quarantined", "skipped"}
    for path, status, stage, reason in rows:
        if status in ("quarantined", "skipped"):
            assert stage and reason, path
    seen, loaded, unchanged, quarantined = _query(warehouse, """
        SELECT documents_seen, documents_loaded, documents_unchanged, documents_quarantined FROM run_ledger""")[0]
    assert seen == len(on_disk) == summary.documents_seen
    counts = {status: sum(1 for s in statuses.values() if s == status) for status in ("loaded", "unchanged", "quarantined", "skipped")}
    assert (loaded, unchanged, quarantined) == (counts["loaded"], counts["unchanged"], counts["quarantined"])
    assert counts["skipped"] == summary.documents_skipped
    assert sum(counts.values()) == seen
    assert integrity_problems(duckdb.connect(str(warehouse), read_only=True)) == []


DEEP_FILE = "/".join(["deep", *[f"d{level}" for level in range(DEEP_FOLDERS)], "bottom.txt"])
CASES = ["good.txt", "sub/good-too.txt", "empty.txt", "blank.txt", "image.txt", "archive.txt", "broken-utf8.txt",
         "utf16-no-bom.txt", "nul-inside.txt", "long-line.txt", "huge.txt", *ODD_NAMES, DEEP_FILE, "notes.md",
         "photo.png", "sub/loop", "ping.txt", "pong.txt", "link-out.txt", "link-in.txt", "pipe.txt"]


@pytest.mark.parametrize("path", CASES, ids=[case.encode("unicode_escape").decode()[:40] for case in CASES])
def test_each_file_gets_its_fate_and_a_reason_beside_its_name(mixed_build, path):
    raw, warehouse, summary, expected = mixed_build
    status, reason = expected[path]
    rows = _query(warehouse, "SELECT status, stage, reason FROM run_file WHERE source_path = ?", [path])
    assert len(rows) == 1 and rows[0][0] == status, rows
    if reason:
        assert reason in rows[0][2], rows


def test_the_operator_sees_file_and_reason_together(mixed_build, capsys):
    from takedown.cli import _print_summary

    raw, warehouse, summary, expected = mixed_build
    assert set(CASES) == set(expected)
    assert _print_summary(summary, strict=True) == 1
    printed = capsys.readouterr().out
    for name, reason in [("image.txt", "binary content (PNG image)"), ("pipe.txt", "not a regular file"),
                         ("link-out.txt", "symlink leads outside the raw folder"), ("empty.txt", "empty file")]:
        assert name in printed and reason in printed
    # the quarantine table holds the same files with their stage, for the operator to query
    quarantine = {path: (stage, reason) for path, stage, reason in _query(warehouse, "SELECT source_path, stage, reason FROM quarantine")}
    assert quarantine["huge.txt"][0] == "read"
    assert quarantine["empty.txt"] == ("decode", "empty file")
    assert quarantine["long-line.txt"][0] == "decode"
    # the summary the CLI prints names each file beside its reason
    assert ("image.txt", "decode", "binary content (PNG image)") in summary.quarantined
    assert ("link-out.txt", "symlink leads outside the raw folder") in summary.skipped


def test_odd_names_deep_paths_and_bomless_utf16_load_with_their_exact_path(mixed_build):
    raw, warehouse, _, expected = mixed_build
    loaded = dict(_query(warehouse, "SELECT source_path, encoding FROM dim_document"))
    assert set(loaded) == {path for path, (status, _) in expected.items() if status == LOADED}
    for name in ODD_NAMES:
        assert name in loaded
        assert (raw / name).is_file()  # the stored path leads back to the file
    deep = [path for path in loaded if path.endswith("bottom.txt")][0]
    assert deep.count("/") == DEEP_FOLDERS + 1 and (raw / deep).is_file()
    assert loaded["utf16-no-bom.txt"] == "utf-16-le"
    arrests = _query(warehouse, """SELECT f.value FROM fact_operation_metric f JOIN dim_document d USING (document_key)
                                   WHERE d.source_path = 'utf16-no-bom.txt' AND f.metric = 'arrests'""")
    assert arrests == [(4.0,)]


# ------------------------------------------------------------------------------------------
# discovery and reading, class by class
# ------------------------------------------------------------------------------------------


def test_a_file_over_the_size_limit_is_never_read_into_memory(raw_folder):
    _write_big_text(raw_folder / "huge.txt", 100)
    files = discover_files(raw_folder)
    tracemalloc.start()
    try:
        read = read_files(files, Limits())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        (raw_folder / "huge.txt").unlink()
    assert read.item(0, "content") is None
    assert read.item(0, "read_error") == (
        "file is 104,857,600 bytes, over the limit of 52,428,800 (setting max_file_bytes)")
    assert peak < 1024 * 1024


def test_a_file_that_grows_past_the_limit_between_discovery_and_reading_is_read_only_up_to_it(raw_folder):
    (raw_folder / "growing.txt").write_bytes(b"a" * 100)
    files = discover_files(raw_folder)
    (raw_folder / "growing.txt").write_bytes(b"a" * 5000)
    read = read_files(files, Limits(max_file_bytes=1000))
    assert read.item(0, "read_error") == "file grew past the limit of 1,000 bytes while read"


def test_a_file_changed_after_discovery_is_read_again_and_loads_its_current_bytes(raw_folder):
    (raw_folder / "story.txt").write_text("first version")
    files = discover_files(raw_folder)
    (raw_folder / "story.txt").write_text("second, longer version")
    read = read_files(files)
    assert read.item(0, "read_error") is None
    assert read.item(0, "content") == b"second, longer version"


def _writer_appending_while_read(monkeypatch, times: int) -> list[str]:
    """Another process appending to the file while it is read, made deterministic: each read of
    the file (the first `times` of them) is followed by an append before the size is checked."""
    real_read = ingest._read_bytes
    reads: list[str] = []

    def read_while_someone_writes(path: str, limit: int) -> bytes:
        content = real_read(path, limit)
        reads.append(path)
        if len(reads) <= times:
            with open(path, "ab") as handle:
                handle.write(b" more")
        return content

    monkeypatch.setattr(ingest, "_read_bytes", read_while_someone_writes)
    return reads


def test_a_file_that_changes_once_while_read_is_read_again(raw_folder, monkeypatch):
    (raw_folder / "story.txt").write_bytes(b"text")
    files = discover_files(raw_folder)
    reads = _writer_appending_while_read(monkeypatch, times=1)
    read = read_files(files)
    assert len(reads) == 2
    assert read.item(0, "content") == b"text more" and read.item(0, "read_error") is None


def test_a_file_that_keeps_changing_while_read_is_quarantined(raw_folder, monkeypatch):
    (raw_folder / "story.txt").write_bytes(b"text")
    files = discover_files(raw_folder)
    reads = _writer_appending_while_read(monkeypatch, times=2)
    read = read_files(files)
    assert len(reads) == 2
    assert read.item(0, "content") is None
    assert read.item(0, "read_error").startswith("changed while being read")


@pytest.mark.skipif(RUNNING_AS_ROOT, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_quarantined_with_the_system_reason(raw_folder):
    path = raw_folder / "secret.txt"
    path.write_text(_article(1))
    path.chmod(0)
    try:
        read = read_files(discover_files(raw_folder))
    finally:
        path.chmod(0o644)
    assert read.item(0, "read_error") == "cannot read file: Permission denied"


def test_a_file_the_system_refuses_to_open_is_quarantined_with_the_system_reason(raw_folder, monkeypatch):
    """The same refusal as above, where the suite runs as root (CI does): open() raises what the
    kernel raises for a file without read permission, for that one file only."""
    import errno

    (raw_folder / "good.txt").write_text(_article(1))
    (raw_folder / "secret.txt").write_text(_article(2))
    real_read = ingest._read_bytes

    def refuse_secret(path: str, limit: int) -> bytes:
        if path.endswith("secret.txt"):
            raise PermissionError(errno.EACCES, "Permission denied", path)
        return real_read(path, limit)

    monkeypatch.setattr(ingest, "_read_bytes", refuse_secret)
    read = read_files(discover_files(raw_folder))
    errors = dict(read.select("source_path", "read_error").iter_rows())
    assert errors == {"good.txt": None, "secret.txt": "cannot read file: Permission denied"}


def test_an_unreadable_folder_is_reported_not_fatal(raw_folder):
    (raw_folder / "good.txt").write_text(_article(1))
    locked = raw_folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(_article(2))
    if RUNNING_AS_ROOT:
        pytest.skip("root reads folders whatever their permissions")
    locked.chmod(0)
    try:
        reasons = dict(discover_files(raw_folder).select("source_path", "skip_reason").iter_rows())
    finally:
        locked.chmod(0o755)
    assert reasons["good.txt"] is None
    assert reasons["locked"].startswith("folder not readable")


def test_the_limits_are_settings_of_the_command(tmp_path):
    from takedown.cli import parser

    args = parser().parse_args(["build", "--max-file-mb", "5", "--max-line-chars", "2000"])
    assert (args.max_file_mb, args.max_line_chars) == (5, 2000)
    defaults = parser().parse_args(["build"])
    assert defaults.max_file_mb * 1024 * 1024 == Limits().max_file_bytes
    assert defaults.max_line_chars == Limits().max_line_chars


def test_a_file_that_keeps_changing_during_a_build_is_quarantined_and_the_rest_loads(
        prefect_server, raw_folder, tmp_path, monkeypatch):
    (raw_folder / "stable.txt").write_text(_article(1))
    (raw_folder / "busy.txt").write_text(_article(2))
    real_read = ingest._read_bytes

    def busy_file_grows(path: str, limit: int) -> bytes:
        content = real_read(path, limit)
        if path.endswith("busy.txt"):
            with open(path, "a") as handle:
                handle.write(" Updated.")
        return content

    monkeypatch.setattr(ingest, "_read_bytes", busy_file_grows)
    warehouse = tmp_path / "w.duckdb"
    summary = build_warehouse(raw_root=str(raw_folder), warehouse_path=str(warehouse))
    assert summary.quarantined == [("busy.txt", "read", ingest.CHANGED_WHILE_READ)]
    assert _query(warehouse, "SELECT source_path FROM dim_document") == [("stable.txt",)]


# ------------------------------------------------------------------------------------------
# hostile content
# ------------------------------------------------------------------------------------------

HOSTILE_FRAGMENTS = [
    "'; DROP TABLE dim_document; --",
    "Robert\"); DELETE FROM fact_operation_metric; --",
    "C:\\Users\\admin\\movies\\",
    "<script>alert('x')</script>",
    "<b>bold</b>",
    "\u202eevil\u202c",  # right-to-left override
    "\u200fمرحبا\u200f",  # right-to-left marks around Arabic
    "“curly” ‘quotes’",
    "%s %d {0} $1",
]
REMOVED_CONTROLS = "\x07\x1b\x7f\x0b"  # C0 controls (not tab/newline/form feed) and DEL: ftfy drops them


def hostile_article() -> str:
    fragments = " ".join(HOSTILE_FRAGMENTS)
    return (
        f"Police in Italy arrested 11 people in an operation {fragments} against an illegal IPTV network.\n"
        f"Officers seized 60 servers and searched 89 homes{REMOVED_CONTROLS} in Rome and Milan; {fragments}\n"
        "The Guardia di Finanza said the service had more than 900,000 users and rebroadcast Sky and DAZN matches.\n"
    )


def test_hostile_content_round_trips_into_evidence_and_harms_nothing(prefect_server, raw_folder, tmp_path):
    from takedown.cli import main as takedown

    (raw_folder / "hostile '; DROP TABLE run_file; --.txt").write_text(hostile_article())
    (raw_folder / "plain.txt").write_text(_article(5))
    warehouse = tmp_path / "w.duckdb"
    summary = build_warehouse(raw_root=str(raw_folder), warehouse_path=str(warehouse))
    assert summary.documents_loaded == 2, summary.quarantined

    with duckdb.connect(str(warehouse), read_only=True) as connection:
        tables = {row[0] for row in connection.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        clean_text = connection.execute(
            "SELECT clean_text FROM dim_document WHERE source_path LIKE 'hostile%'").fetchall()[0][0]
        evidence = []
        for table in sorted(t for t in tables if t.startswith("fact_")):
            evidence += connection.execute(
                f"SELECT f.evidence, f.char_start, f.char_end, d.clean_text FROM {table} f JOIN dim_document d USING (document_key)"
            ).fetchall()
        problems = integrity_problems(connection)
    assert {"dim_document", "run_file", "fact_operation_metric"} <= tables
    for fragment in HOSTILE_FRAGMENTS:  # kept by the cleaner exactly as written
        assert fragment in clean_text, fragment
    assert not set(REMOVED_CONTROLS) & set(clean_text)  # what normalisation removes
    assert "homes in Rome" in clean_text
    assert evidence and all(text[start:end] == sentence for sentence, start, end, text in evidence)
    assert any("'; DROP TABLE dim_document; --" in sentence and "\u202e" in sentence for sentence, *_ in evidence)
    assert problems == []
    assert takedown(["check", "--warehouse", str(warehouse)]) == 0
