"""Decode raw document bytes into text.

`decode_documents` takes the raw frame (`source_path`, `content` as bytes) and adds
`document_key` (sha256 hex of the bytes), `text`, `encoding` and `decode_error`.

Order of decisions for one document (first that applies wins):

1. no bytes -> ``decode_error = "empty file"``;
2. a byte-order mark (UTF-32, UTF-8, UTF-16 LE/BE) -> that codec;
3. UTF-16 without a BOM, recognised by NUL bytes in only one of the two byte positions (the
   high byte of ASCII spaces, digits and punctuation) and a clean decode;
4. binary signatures (PNG, JPEG, GIF, PDF, ZIP/Office, gzip, ...) -> ``"binary content (PNG
   image)"``; NUL bytes inside otherwise valid text -> ``"NUL bytes inside the text ..."``
   (a damaged or padded file: quarantined rather than guessed at); other NUL bytes or many C0
   control bytes -> ``"binary content (NUL bytes / not text)"``;
5. strict UTF-8 (the common case; charset-normalizer can mis-detect short UTF-8 texts);
6. bytes that are UTF-8 apart from a few invalid sequences (the file has valid multi-byte
   UTF-8 too) -> ``"invalid UTF-8 at byte N ..."``: decoding such a file with a code page
   would turn every accented letter into mojibake, so it is quarantined instead;
7. charset-normalizer, restricted to the single-byte code pages used for the project's
   languages (Western and Central European);
8. nothing fits -> ``decode_error = "undecodable bytes"``.

The decoded text is then repaired with ftfy (mojibake such as ``"Ã¨"`` -> ``"è"`` or
``"â€™"`` -> ``"’"``, HTML entities in text without markup; curly quotes are kept), line
breaks are normalised to ``\\n`` and the text is NFC-normalised. ftfy removes C0 control
characters other than tab, line feed, carriage return and form feed, DEL and byte-order marks,
and reads C1 controls as their Windows-1252 characters; quotes, backslashes, markup,
zero-width and bidirectional marks are kept as they are. A text that is only whitespace gets
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
_BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "zip archive or Office document"),  # zip, docx, xlsx, odt, epub
    (b"PK\x05\x06", "zip archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"RIFF", "RIFF media file"),  # wav, avi, webp
    (b"\x7fELF", "ELF executable"),
    (b"MZ", "Windows executable"),
    (b"\x00\x00\x01\x00", "icon image"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"fLaC", "FLAC audio"),
    (b"SQLite format 3\x00", "SQLite database"),
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
    """Return the UTF-16 flavour of text stored without a BOM, if it is one.

    Latin text has a NUL high byte on nearly every character; Greek, Cyrillic or Hebrew text
    still has one on every space, digit and punctuation mark. Binary data has NULs in both
    byte positions. The candidate must also decode to text with hardly any controls or
    unassigned code points.
    """
    if len(content) < 8 or len(content) % 2:
        return None
    sample = content[:8192]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls >= max(3, 0.05 * half) and even_nuls <= 0.01 * half:
        encoding = "utf-16-le"
    elif even_nuls >= max(3, 0.05 * half) and odd_nuls <= 0.01 * half:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = sample.decode(encoding)
    except UnicodeDecodeError:
        return None
    strange = sum(1 for char in text if unicodedata.category(char) in ("Cc", "Cn", "Co", "Cs") and char not in "\t\n\r\f")
    return encoding if strange <= 0.01 * len(text) else None


def _binary_kind(content: bytes) -> str | None:
    """What kind of binary content this is, or None for bytes that may be text.

    A signature made of letters ("MZ", "ID3", "GIF89a") can open a text too ("MZ Group was
    raided ..."): it names the kind only when the bytes are not text anyway."""
    sample = content[:8192]
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    not_text = b"\x00" in sample or controls > max(2, 0.01 * len(sample))
    for signature, kind in _BINARY_SIGNATURES:
        if content.startswith(signature) and (not_text or not signature.isascii() or not signature.isalnum()):
            return kind
    return "NUL bytes / not text" if not_text else None


def _nul_bytes_in_text(content: bytes) -> str | None:
    """A reason when the bytes are valid text apart from NUL bytes (a damaged or padded file)."""
    if b"\x00" not in content or content.startswith(tuple(s for s, _ in _BINARY_SIGNATURES)):
        return None
    try:
        content.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError:
        return None
    rest = content.replace(b"\x00", b"")[:8192]
    if len(rest) - len(rest.translate(None, _CONTROL_BYTES)) > max(2, 0.01 * len(rest)):
        return None
    return (f"NUL bytes inside the text ({content.count(0):,}, the first at byte {content.index(0):,}): "
            "a damaged or padded file")


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _invalid_utf8(content: bytes, error: UnicodeDecodeError) -> str | None:
    """A reason when the bytes are UTF-8 (they hold valid multi-byte sequences) apart from a
    few invalid ones; None when they look like a single-byte code page instead."""
    valid = len(_UTF8_MULTIBYTE.findall(content))
    replaced = content.replace("\ufffd".encode(), b"").decode("utf-8", errors="replace")
    damaged = len(re.findall("\ufffd+", replaced))  # one run of bad bytes is one damaged spot
    if valid == 0 or damaged > valid:
        return None
    return (f"invalid UTF-8 at byte {error.start:,} ({damaged:,} damaged spot{'s' if damaged > 1 else ''} "
            f"in a text that is otherwise UTF-8): a damaged file")


def _decode_bytes(content: bytes) -> tuple[str | None, str, str | None]:
    """Return (text, encoding, error); text None means the bytes are not decodable text."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            try:
                return content[len(bom):].decode(encoding.replace("-sig", "")), encoding, None
            except UnicodeDecodeError as error:
                return None, encoding, f"{ERROR_UNDECODABLE}: invalid {encoding} at byte {error.start + len(bom):,}"
    utf16 = _looks_like_bomless_utf16(content)
    if utf16 is not None:
        try:
            return content.decode(utf16), utf16, None
        except UnicodeDecodeError:
            pass
    nul_reason = _nul_bytes_in_text(content)
    if nul_reason is not None:
        return None, ENCODING_BINARY, nul_reason
    kind = _binary_kind(content)
    if kind is not None:
        return None, ENCODING_BINARY, f"binary content ({kind})"
    try:
        return content.decode("utf-8"), "utf-8", None
    except UnicodeDecodeError as error:
        damaged = _invalid_utf8(content, error)
        if damaged is not None:
            return None, "utf-8", damaged
    text, encoding = _guess_code_page(content)
    return text, encoding, None if text is not None else ERROR_UNDECODABLE


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


# A plain ASCII line without "&" or control characters is one ftfy leaves as it is: mojibake,
# ligatures, widths and NFC need other characters, entities need "&", terminal escapes and
# control characters are below 0x20 or 0x7f, and \r is a control character.
_FTFY_ASCII_WORK = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")


def _ftfy_leaves_alone(segment: str) -> bool:
    return segment.isascii() and not _FTFY_ASCII_WORK.search(segment)


def fix_text(text: str) -> str:
    """`ftfy.fix_text` with the project's config, line by line as ftfy itself goes, but without
    calling ftfy on the lines it leaves alone (most lines of most documents: about 85% in the
    synthetic corpus; ftfy was most of decoding's time)."""
    if _ftfy_leaves_alone(text):
        return text
    config = _FTFY_CONFIG
    out = []
    position = 0
    while position < len(text):  # the loop of ftfy.fix_text (6.x), segment by segment
        end = text.find("\n", position) + 1 or len(text)
        end = min(end, position + config.max_decode_length)
        segment = text[position:end]
        if config.unescape_html == "auto" and "<" in segment:
            config = config._replace(unescape_html=False)  # from here on, as ftfy does
        out.append(segment if _ftfy_leaves_alone(segment) else ftfy.fix_and_explain(segment, config)[0])
        position = end
    return "".join(out)


def normalize_text(text: str) -> str:
    """Repair mojibake and entities, unify line breaks to \\n and NFC-normalise."""
    text = text.replace("\ufeff", "")
    text = fix_text(text)
    text = _LINE_BREAKS.sub("\n", text)
    return unicodedata.normalize("NFC", text)


def decode_bytes(content: bytes | None) -> tuple[str | None, str, str | None]:
    """Decode one document: (text, encoding, decode_error). See the module docstring."""
    if not content:
        return None, ENCODING_UNKNOWN, ERROR_EMPTY
    text, encoding, error = _decode_bytes(content)
    if text is None:
        return None, encoding, error
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
