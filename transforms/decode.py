"""Decode raw document bytes into text.

`decode_documents` takes the raw frame (`source_path`, `content` as bytes) and adds
`document_key` (sha256 hex of the bytes), `text`, `encoding` and `decode_error`.

Order of decisions for one document (first that applies wins):

1. no bytes -> ``decode_error = "empty file"``;
2. a byte-order mark (UTF-32, UTF-8, UTF-16 LE/BE) -> that codec;
3. UTF-16 without a BOM, recognised by NUL bytes in every other position of ASCII text;
4. binary signatures (PNG, JPEG, GIF, PDF, ZIP/Office, gzip, ...), NUL bytes or many C0
   control bytes -> ``decode_error = "binary content (NUL bytes / not text)"``;
5. strict UTF-8 (the common case; charset-normalizer can mis-detect short UTF-8 texts);
6. charset-normalizer, restricted to the single-byte code pages used for the project's
   languages (Western and Central European);
7. nothing fits -> ``decode_error = "undecodable bytes"``.

The decoded text is then repaired with ftfy (mojibake such as ``"Ã¨"`` -> ``"è"`` or
``"â€™"`` -> ``"’"``, HTML entities, C1 controls; curly quotes are kept), line breaks are
normalised to ``\\n`` and the text is NFC-normalised. A text that is only whitespace gets
``decode_error = "only whitespace"``. Whenever ``decode_error`` is set, ``text`` is null.

Decoding is a per-document Python loop: hashing, BOM sniffing, charset-normalizer and ftfy
have no polars-expression equivalent. It costs well under a millisecond for a typical
UTF-8 news article (charset-normalizer, the slow path, only runs for non-UTF-8 bytes).
"""
from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

import ftfy
import polars as pl
from charset_normalizer import from_bytes

ERROR_EMPTY = "empty file"
ERROR_WHITESPACE = "only whitespace"
ERROR_BINARY = "binary content (NUL bytes / not text)"
ERROR_UNDECODABLE = "undecodable bytes"

ENCODING_BINARY = "binary"
ENCODING_UNKNOWN = "unknown"

# Byte-order marks, longest first (the UTF-32 LE BOM starts with the UTF-16 LE one).
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# File signatures of common binary formats that may land in a raw folder by mistake.
_BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF87a",
    b"GIF89a",
    b"%PDF-",
    b"PK\x03\x04",  # zip, docx, xlsx, odt, epub
    b"PK\x05\x06",
    b"\x1f\x8b",  # gzip
    b"BZh",
    b"\xfd7zXZ\x00",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",  # legacy MS Office
    b"RIFF",  # wav, avi, webp
    b"\x7fELF",
    b"MZ",  # Windows executables
    b"\x00\x00\x01\x00",  # ico
    b"OggS",
    b"ID3",  # mp3
    b"fLaC",
    b"SQLite format 3\x00",
)

# Control bytes that do not occur in text files (everything in C0 except \t \n \v \f \r, ESC).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13, 27))

# Single-byte code pages plausible for en/it/es/pt/fr/de/nl/ro text (in preference order).
_CODE_PAGES = ["cp1252", "iso8859_15", "latin_1", "cp1250", "iso8859_2", "iso8859_16", "mac_roman"]

_FTFY_CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False,  # keep typographic quotes: they carry meaning ("Taken Down")
    fix_line_breaks=True,  # \r\n, \r, U+2028, U+2029, U+0085 -> \n
    normalization="NFC",
    explain=False,
)
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\u0085]")


def hash_documents(raw: pl.DataFrame) -> pl.DataFrame:
    """Add `document_key`: the sha256 hex digest of `content` (null content -> null key)."""
    keys = [
        None if content is None else hashlib.sha256(content).hexdigest()
        for content in raw.get_column("content").to_list()
    ]
    return raw.with_columns(pl.Series("document_key", keys, dtype=pl.String))


def _looks_like_bomless_utf16(content: bytes) -> str | None:
    """Return the UTF-16 flavour of ASCII-heavy text stored without a BOM, if it is one."""
    if len(content) < 8 or len(content) % 2:
        return None
    sample = content[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def _is_binary(content: bytes) -> bool:
    if content.startswith(_BINARY_SIGNATURES):
        return True
    sample = content[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls > max(2, 0.01 * len(sample))


def _decode_bytes(content: bytes) -> tuple[str | None, str]:
    """Return (text, encoding); text None means the bytes are not decodable text."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content[len(bom):].decode(encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError:
                return None, encoding
    utf16 = _looks_like_bomless_utf16(content)
    if utf16 is not None:
        try:
            return content.decode(utf16), utf16
        except UnicodeDecodeError:
            pass
    if _is_binary(content):
        return None, ENCODING_BINARY
    try:
        return content.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _guess_code_page(content)


def _preference(encodings: list[str]) -> int:
    ranks = [_CODE_PAGES.index(e) for e in encodings if e in _CODE_PAGES]
    return min(ranks) if ranks else len(_CODE_PAGES)


def _guess_code_page(content: bytes) -> tuple[str | None, str]:
    """Pick a single-byte code page with charset-normalizer.

    charset-normalizer ranks candidates by "chaos" (mess in the decoded text) and
    "coherence" (letter frequencies of a language). On short texts both are often tied
    and its own pick is arbitrary (cp1250 for Italian "è città"), so among candidates
    that are about as clean and as coherent as the best one we prefer the code page
    most likely for the project's languages (cp1252 first).
    """
    matches = list(from_bytes(content, cp_isolation=_CODE_PAGES))
    if not matches:  # too chaotic in every plausible code page
        return None, ENCODING_UNKNOWN
    least_chaos = min(m.percent_chaos for m in matches)
    clean = [m for m in matches if m.percent_chaos <= least_chaos + 1.0]
    most_coherent = max(m.percent_coherence for m in clean)
    coherent = [m for m in clean if m.percent_coherence >= most_coherent - 5.0]
    best = min(coherent, key=lambda m: _preference(m.could_be_from_charset))
    preferred = [e for e in _CODE_PAGES if e in best.could_be_from_charset]
    encoding = preferred[0] if preferred else best.encoding
    try:
        return content.decode(encoding), encoding
    except (UnicodeDecodeError, LookupError):
        return str(best), best.encoding


def normalize_text(text: str) -> str:
    """Repair mojibake and entities, unify line breaks to \\n and NFC-normalise."""
    text = text.replace("\ufeff", "")
    text = ftfy.fix_text(text, config=_FTFY_CONFIG)
    text = _LINE_BREAKS.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def decode_bytes(content: bytes | None) -> tuple[str | None, str, str | None]:
    """Decode one document: (text, encoding, decode_error). See the module docstring."""
    if not content:
        return None, ENCODING_UNKNOWN, ERROR_EMPTY
    text, encoding = _decode_bytes(content)
    if text is None:
        if encoding == ENCODING_BINARY:
            return None, encoding, ERROR_BINARY
        return None, encoding, ERROR_UNDECODABLE
    text = normalize_text(text)
    if not text.strip():
        return None, encoding, ERROR_WHITESPACE
    return text, encoding, None


def decode_documents(raw: pl.DataFrame) -> pl.DataFrame:
    """Decode `content` (binary) of every raw document.

    Input columns: `source_path: str`, `content: binary`. Output: the input columns plus
    `document_key: str` (sha256 hex of `content`; kept if already present), `text: str`
    (null when undecodable), `encoding: str` (codec used, ``"binary"`` for non-text
    content, ``"unknown"`` for empty or undecodable bytes) and `decode_error: str`
    (null when the document decoded to non-blank text).
    """
    if "document_key" not in raw.columns:
        raw = hash_documents(raw)
    texts: list[str | None] = []
    encodings: list[str] = []
    errors: list[str | None] = []
    for content in raw.get_column("content").to_list():
        text, encoding, error = decode_bytes(content)
        texts.append(text)
        encodings.append(encoding)
        errors.append(error)
    return raw.with_columns(
        pl.Series("text", texts, dtype=pl.String),
        pl.Series("encoding", encodings, dtype=pl.String),
        pl.Series("decode_error", errors, dtype=pl.String),
    )
