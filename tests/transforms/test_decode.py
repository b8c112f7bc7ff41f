import codecs
import hashlib

import polars as pl
from polars.testing import assert_frame_equal

from transforms.decode import decode_documents, hash_documents


def _raw(*contents: bytes) -> pl.DataFrame:
    return pl.DataFrame(
        {"source_path": [f"doc{i}.txt" for i in range(len(contents))], "content": list(contents)},
        schema={"source_path": pl.String, "content": pl.Binary},
    )


def _decoded(content: bytes) -> pl.DataFrame:
    return decode_documents(_raw(content)).select("text", "encoding", "decode_error")


def _expected(text: str | None, encoding: str, error: str | None) -> pl.DataFrame:
    return pl.DataFrame(
        {"text": [text], "encoding": [encoding], "decode_error": [error]},
        schema={"text": pl.String, "encoding": pl.String, "decode_error": pl.String},
    )


def test_output_columns_and_document_key():
    content = "Police arrested 11 people.".encode()
    out = decode_documents(_raw(content))
    assert out.columns == ["source_path", "content", "document_key", "text", "encoding", "decode_error"]
    assert out.schema["document_key"] == pl.String
    assert out.item(0, "document_key") == hashlib.sha256(content).hexdigest()


def test_hash_documents_is_sha256_of_bytes():
    out = hash_documents(_raw(b"abc", b""))
    expected = pl.DataFrame(
        {"document_key": [hashlib.sha256(b"abc").hexdigest(), hashlib.sha256(b"").hexdigest()]}
    )
    assert_frame_equal(out.select("document_key"), expected)


def test_utf8():
    assert_frame_equal(
        _decoded("Perquisizioni a Catania: è città".encode("utf-8")),
        _expected("Perquisizioni a Catania: è città", "utf-8", None),
    )


def test_utf8_with_bom():
    assert_frame_equal(
        _decoded(codecs.BOM_UTF8 + "Détenus à Genève".encode("utf-8")),
        _expected("Détenus à Genève", "utf-8-sig", None),
    )


def test_utf16_le_with_bom():
    content = codecs.BOM_UTF16_LE + "Festnahme in München".encode("utf-16-le")
    assert_frame_equal(_decoded(content), _expected("Festnahme in München", "utf-16-le", None))


def test_utf16_be_with_bom():
    content = codecs.BOM_UTF16_BE + "Festnahme in München".encode("utf-16-be")
    assert_frame_equal(_decoded(content), _expected("Festnahme in München", "utf-16-be", None))


def test_utf16_without_bom():
    content = "Police raided 89 homes".encode("utf-16-le")
    assert_frame_equal(_decoded(content), _expected("Police raided 89 homes", "utf-16-le", None))


def test_cp1252_short_text_is_not_mistaken_for_central_european():
    content = "Perquisizioni è città".encode("cp1252")
    assert_frame_equal(_decoded(content), _expected("Perquisizioni è città", "cp1252", None))


def test_cp1252_typographic_quotes_and_euro():
    content = "“Taken Down” l’operazione – €5 milioni".encode("cp1252")
    assert_frame_equal(
        _decoded(content), _expected("“Taken Down” l’operazione – €5 milioni", "cp1252", None)
    )


def test_latin1_text():
    text = "Ça a été arrêté à Genève, où la police française a saisi trois serveurs."
    assert_frame_equal(_decoded(text.encode("latin-1")), _expected(text, "cp1252", None))


def test_romanian_central_european_code_page():
    out = _decoded("Poliţia a reţinut doi suspecţi în Bucureşti şi a confiscat servere.".encode("cp1250"))
    assert out.item(0, "decode_error") is None
    # ISO 8859-16 and cp1250 spell ş/ţ with a comma or a cedilla: both are Romanian text
    assert out.item(0, "text").replace("ț", "ţ").replace("ș", "ş") == (
        "Poliţia a reţinut doi suspecţi în Bucureşti şi a confiscat servere."
    )


def test_mojibake_is_repaired():
    content = "Ã¨ la cittÃ\xa0 â€™ e â€œTaken Downâ€\x9d".encode("utf-8")
    assert_frame_equal(_decoded(content), _expected("è la città ’ e “Taken Down”", "utf-8", None))


def test_newlines_are_normalised():
    assert_frame_equal(
        _decoded(b"line one\r\nline two\rline three"),
        _expected("line one\nline two\nline three", "utf-8", None),
    )


def test_nfc_normalisation():
    assert_frame_equal(_decoded("cafe\u0301".encode("utf-8")), _expected("café", "utf-8", None))


def test_binary_signature():
    assert_frame_equal(
        _decoded(b"\x89PNG\r\n\x1a\n rest of an image"),
        _expected(None, "binary", "binary content (PNG image)"),
    )


def test_zip_archive_is_binary():
    assert_frame_equal(
        _decoded(b"PK\x03\x04\x14\x00\x00\x00\x08\x00article.txt"),
        _expected(None, "binary", "binary content (zip archive or Office document)"),
    )


def test_nul_bytes_inside_text_are_named():
    assert_frame_equal(
        _decoded(b"some text\x00\x00\x01\x02 more"),
        _expected(None, "binary", "NUL bytes inside the text (2, the first at byte 9): a damaged or padded file"),
    )


def test_nul_bytes_in_bytes_that_are_not_text_are_binary():
    assert_frame_equal(
        _decoded(bytes(range(256)) * 4),
        _expected(None, "binary", "binary content (NUL bytes / not text)"),
    )


def test_empty_file():
    assert_frame_equal(_decoded(b""), _expected(None, "unknown", "empty file"))


def test_only_whitespace():
    assert_frame_equal(_decoded(b" \r\n\t \n"), _expected(None, "utf-8", "only whitespace"))


def test_undecodable_bytes():
    assert_frame_equal(_decoded(bytes(range(128, 256))), _expected(None, "unknown", "undecodable bytes"))


def test_several_documents_keep_row_order():
    out = decode_documents(_raw(b"first", b"", "tr\xe8s".encode("latin-1")))
    assert out.get_column("text").to_list() == ["first", None, "très"]
    assert out.get_column("decode_error").to_list() == [None, "empty file", None]


def test_utf16_big_endian_without_bom():
    content = "Festnahme in München: 3 Server beschlagnahmt".encode("utf-16-be")
    assert_frame_equal(_decoded(content), _expected("Festnahme in München: 3 Server beschlagnahmt", "utf-16-be", None))


def test_utf16_without_bom_in_a_non_latin_script():
    """Cyrillic has no NUL high bytes, but its spaces, digits and punctuation do."""
    text = "Полиция задержала 11 человек и изъяла 60 серверов в Москве."
    assert_frame_equal(_decoded(text.encode("utf-16-le")), _expected(text, "utf-16-le", None))


def test_invalid_utf8_in_the_middle_of_a_utf8_text_is_not_guessed_at():
    half = "La polizia ha arrestato 11 persone in città. ".encode() * 3
    out = _decoded(half + b"\xff\xfe" + half)
    assert out.item(0, "text") is None
    assert out.item(0, "decode_error") == (
        f"invalid UTF-8 at byte {len(half):,} (1 damaged spot in a text that is otherwise UTF-8): a damaged file"
    )


def test_a_real_zip_archive_and_png_are_binary():
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("article.txt", "Police arrested 11 people.")
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    out = decode_documents(_raw(buffer.getvalue(), png))
    assert out.get_column("decode_error").to_list() == [
        "binary content (zip archive or Office document)", "binary content (PNG image)"]


def test_what_normalisation_removes_and_what_it_keeps():
    """C0 controls (except tab, line feed, form feed), DEL and BOMs go; markup, quotes,
    backslashes, zero-width and bidirectional marks stay."""
    kept = "'; DROP TABLE dim_document; -- \"q\" \\ <script>alert(1)</script> \u200f\u202e\u2066 \u200b \f"
    content = ("a\x07b\x1bc\x7fd\x0be\ufeff " + kept).encode()
    assert_frame_equal(_decoded(content), _expected("abcde " + kept, "utf-8", None))


def test_a_text_opening_with_letters_of_a_file_signature_is_text():
    for opening in ("MZ Group", "ID3 Media", "BZh", "RIFF", "OggS", "GIF89a"):
        text = f"{opening} was raided by the police, who seized 3 servers."
        assert_frame_equal(_decoded(text.encode()), _expected(text, "utf-8", None))
