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


MOJIBAKE_PIECES = ["plain words", " ", "\n", "\r\n", "\r", "&amp;", "&lt;", "<b>", "&", "Ã©", "â€™", "’", "ﬁ", "ＡＢ",
                   "\x1b[31m", "\x00", "\x0c", "\x7f", "\x85", "\u2028", "Â ", "cafÃ©", "ÐŸÑ€Ð¸Ð²ÐµÑ‚", "&#39;", "e\u0301"]


@quick
@given(text=st.one_of(texts, st.lists(st.sampled_from(MOJIBAKE_PIECES), max_size=20).map("".join)))
def test_fix_text_gives_what_ftfy_gives(text):
    """`fix_text` passes over the plain ASCII lines ftfy leaves alone; the result must be ftfy's."""
    import ftfy

    from transforms.decode import _FTFY_CONFIG, fix_text

    assert fix_text(text) == ftfy.fix_text(text, config=_FTFY_CONFIG)


def test_fix_text_keeps_ftfy_s_rule_that_a_tag_stops_entity_unescaping_for_the_lines_after():
    import ftfy

    from transforms.decode import _FTFY_CONFIG, fix_text

    text = "a &amp; b\n<p>tag line\nc &amp; d\ncafÃ© &amp;\n"
    assert fix_text(text) == ftfy.fix_text(text, config=_FTFY_CONFIG) == "a & b\n<p>tag line\nc &amp; d\ncafé &amp;\n"
