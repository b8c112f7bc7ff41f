"""Properties of decoding: any bytes give either text or a reason, never both, never an exception."""
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tests.transforms.strategies import quick, texts
from transforms.decode import decode_bytes, normalize_text

REMOVED = {chr(c) for c in range(32) if chr(c) not in "\t\n\f"} | {"\x7f", "\ufeff", "\r"}


@quick
@given(content=st.one_of(st.binary(max_size=400), texts.map(lambda t: t.encode("utf-8", "surrogatepass")),
                         texts.map(lambda t: t.encode("utf-16-le", "surrogatepass"))))
def test_any_bytes_give_text_or_a_reason(content):
    text, encoding, error = decode_bytes(content)
    assert (text is None) != (error is None)
    assert encoding
    if text is not None:
        assert text.strip()
        assert not REMOVED & set(text)  # controls, DEL, BOMs and carriage returns are gone
        assert unicodedata.is_normalized("NFC", text)


@quick
@given(text=texts.map(lambda t: "".join(c for c in t if unicodedata.category(c) not in ("Cc", "Cs"))))
def test_utf8_text_decodes_to_its_normal_form(text):
    decoded, encoding, error = decode_bytes(text.encode("utf-8"))
    if normalize_text(text).strip():
        assert error is None and decoded == normalize_text(text)
    else:
        assert decoded is None
