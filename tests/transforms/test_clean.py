import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from transforms.clean import (
    REASON_EMPTY,
    REASON_LOREM,
    REASON_MARKUP,
    REASON_NO_ENFORCEMENT,
    REASON_SHORT,
    REASON_TABLE,
    clean_documents,
    extract_publisher,
    extract_title,
    is_article,
    not_article_reason,
    repair_glue,
    split_glued,
)

BODY = (
    "Police arrested eleven people and seized fifty servers in raids against an illegal "
    "streaming network, prosecutors said, after an investigation that lasted two years."
)


def _clean(text: str, language: str = "en") -> str:
    out = clean_documents(pl.DataFrame({"document_key": ["k"], "text": [text], "language": [language]}))
    return out.item(0, "clean_text")


# --- frame contract -------------------------------------------------------------------


def test_output_columns_and_dtypes():
    documents = pl.DataFrame({"document_key": ["a", "b"], "text": [BODY, None], "language": ["en", None]})
    out = clean_documents(documents)
    expected = pl.DataFrame(
        {
            "document_key": ["a", "b"],
            "text": [BODY, None],
            "language": ["en", None],
            "clean_text": [BODY, None],
            "boilerplate_chars": [0, 0],
            "title": [None, None],
            "publisher": [None, None],
            "not_article_reason": [None, REASON_EMPTY],
        },
        schema={
            "document_key": pl.String,
            "text": pl.String,
            "language": pl.String,
            "clean_text": pl.String,
            "boilerplate_chars": pl.Int64,
            "title": pl.String,
            "publisher": pl.String,
            "not_article_reason": pl.String,
        },
    )
    assert_frame_equal(out, expected)


def test_language_is_detected_when_missing():
    out = clean_documents(pl.DataFrame({"document_key": ["a"], "text": [BODY + " The agentsled raid."]}))
    assert out.item(0, "clean_text").endswith("The agents led raid.")


def test_boilerplate_chars_counts_dropped_lines():
    out = clean_documents(
        pl.DataFrame({"document_key": ["a"], "text": [BODY + "\n\nAll rights reserved."], "language": ["en"]})
    )
    assert_frame_equal(
        out.select("clean_text", "boilerplate_chars"),
        pl.DataFrame({"clean_text": [BODY], "boilerplate_chars": [len("All rights reserved.")]}),
    )


# --- boilerplate classes --------------------------------------------------------------


@pytest.mark.parametrize(
    "footer",
    [
        "© 2022 Example Tech News – 14 Nile Street, Giza – Phone: 0233355501",
        "Copyright © 2024 Example. All right reserved.",
        "Tutti i diritti riservati.",
        "Todos los derechos reservados.",
        "Alle Rechte vorbehalten.",
        "Tous droits réservés.",
        "Todos os direitos reservados.",
        "Alle rechten voorbehouden.",
        "Toate drepturile rezervate.",
    ],
)
def test_copyright_footer_is_dropped(footer):
    assert _clean(f"{BODY}\n\n{footer}") == BODY


@pytest.mark.parametrize(
    "contact",
    [
        "Media contact: Jane Doe, (718) 254-6323",
        "Tel. +31 (0)70 412 55 08 (weekdays 09:00-17:30 CET).",
        "For more information, contact press@example.org.",
        "Example Ltd, 48 Harbour Street, Leith, EH6 6QN",
        "Redacción: Av. de Mayo 1370, piso 3, C1085ABQ, Ciudad Autónoma de Buenos Aires.",
        "Impressum: Example GmbH, Hauptstraße 118, 60314 Frankfurt am Main",
        "Call us: 0191 498 0417",
    ],
)
def test_contact_lines_are_dropped(contact):
    assert _clean(f"{BODY}\n\n{contact}") == BODY


def test_url_only_line_is_dropped():
    assert _clean(f"{BODY}\n\nArticle online:\n\nhttps://www.example.com/report-1234.html") == BODY


def test_disclaimer_block_after_its_header_is_dropped():
    text = (
        f"{BODY}\n\nExemption from liability:\n\nThe publisher shall assume no liability for the "
        "accuracy or completeness of the published report and is merely providing space."
    )
    assert _clean(text) == BODY


@pytest.mark.parametrize(
    "related",
    [
        "Read also: Five tips for streaming legally",
        "RELATED: 50 Best New Movies on Streaming",
        "Siehe auch: Windows 10 – das steckt im Update",
        "Leggi anche: come funziona l'IPTV",
        "Lee también: así funciona la piratería",
        "Leia também: o que é IPTV",
        "Lire aussi : le piratage sportif",
        "Lees ook: hoe herken je illegale IPTV?",
        "Citește și: cum alegi un abonament legal",
    ],
)
def test_related_links_are_dropped(related):
    assert _clean(f"{BODY}\n\n{related}\n\n{BODY}") == f"{BODY}\n\n{BODY}"


def test_related_block_drops_its_list():
    text = f"{BODY}\n\nRead also:\n- First headline\n- Second headline\n\n{BODY}"
    assert _clean(text) == f"{BODY}\n\n{BODY}"


def test_related_block_with_arrow_items_drops_its_list():
    text = f"{BODY}\n\nRelated:\n→ First headline\n→ Brazil's regulator blocks 600 sites in a day\n\n{BODY}"
    assert _clean(text) == f"{BODY}\n\n{BODY}"


def test_advert_and_its_line_are_dropped():
    text = f"{BODY}\n\nAnzeige\nWindows 10 Pro – Produktschlüssel jetzt für 19,99 Euro sichern\n\n{BODY}"
    assert _clean(text, "de") == f"{BODY}\n\n{BODY}"


def test_counters_are_removed_from_header_lines():
    text = f"Headline about a police raid on pirates\n17.11.2022, 09:51 Uhr | von Jana Vogt | 143 Kommentare\n\n{BODY}"
    assert _clean(text, "de") == f"Headline about a police raid on pirates\n17.11.2022, 09:51 Uhr | von Jana Vogt\n\n{BODY}"


def test_counter_separated_by_spaces_is_removed():
    text = f"By Eurojust   November 10, 2017   0 Comments\n\n{BODY}"
    assert _clean(text) == f"By Eurojust November 10, 2017\n\n{BODY}"


def test_a_newsletter_subscriber_count_is_a_counter():
    text = f"The weekly roundup\nYour five-minute roundup of enforcement · 4,870 subscribers\n\n{BODY}"
    assert "subscribers" not in _clean(text) and _clean(text).endswith(BODY)


def test_share_and_like_line_is_dropped():
    assert _clean(f"{BODY}\n\nReply · Quote · 12 likes") == BODY


def test_comment_section_is_cut():
    text = f"{BODY}\n\nComments (3)\n\nuser_1 · So they got arrested. Classic.\n\nuser_2 · 249 domains?!"
    assert _clean(text) == BODY


def test_footer_after_rule_line_is_cut():
    text = f"{BODY}\n\n{BODY}\n\n---\nExample Daily is published by Example Media Group in Leith."
    assert _clean(text) == f"{BODY}\n\n{BODY}"


def test_press_release_end_marker_cuts_the_boilerplate():
    text = f"{BODY}\n\n###\n\nAbout the MPA: The Motion Picture Association represents its member studios."
    assert _clean(text) == BODY


def test_cookie_notice_is_dropped():
    notice = "We use cookies to improve your experience. By continuing you accept our use of cookies."
    assert _clean(f"{notice}\n\n{BODY}") == BODY


@pytest.mark.parametrize("notice", [
    "We value your privacy\nWe and our 143 partners store and access information on your device to show ads. "
    "[ACCEPT ALL]  [MANAGE OPTIONS]",
    "Ce site utilise des cookies pour améliorer votre expérience et mesurer l'audience. En poursuivant votre "
    "navigation, vous acceptez leur utilisation. [Tout accepter] [Paramétrer]",
    "Acest site folosește cookie-uri pentru a vă oferi o experiență de navigare cât mai bună. Continuarea "
    "navigării implică acceptarea lor. [Accept]  [Setări cookie]",
])
def test_consent_banner_is_dropped(notice):
    assert _clean(f"{notice}\n\n{BODY}") == BODY


def test_breadcrumb_is_dropped():
    assert _clean(f"Home » Europe » Police raid pirates\n\n{BODY}") == BODY


def test_breadcrumb_with_a_date_keeps_the_date():
    assert _clean(f"Home > News > Piracy Watch          19/06/2020\n\n{BODY}") == f"19/06/2020\n\n{BODY}"


def test_all_caps_masthead_is_dropped():
    assert _clean(f"SCREEN WORLD DAILY\n\nPolice raid pirate streaming network\n\n{BODY}") == (
        f"Police raid pirate streaming network\n\n{BODY}"
    )


def test_body_sentence_starting_with_a_cue_word_is_kept():
    text = f"{BODY}\n\nSources said the police had arrested the main suspects in their homes."
    assert _clean(text) == text


def test_body_is_kept_verbatim():
    assert _clean(BODY) == BODY


# --- glue repair ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "glued, split",
    [
        ("agentsled", "agents led"),
        ("investigationwith", "investigation with"),
        ("forcesin", "forces in"),
        ("infrastructurebased", "infrastructure based"),
        ("statementon", "statement on"),
        ("downloadepisode", "download episode"),
    ],
)
def test_glued_words_are_split(glued, split):
    assert split_glued(glued, "en") == split


@pytest.mark.parametrize(
    "word", ["netflix", "cryptocurrency", "livestreaming", "counterfeit", "sideloaded", "cyberlockers", "napolsky"]
)
def test_real_words_are_not_split(word):
    assert split_glued(word, "en") is None


def test_glue_repair_in_text():
    text = "The operation, which involved over 270 agentsled to 11 arrests on 102 under investigationwith 89 searches."
    assert repair_glue(text, "en") == (
        "The operation, which involved over 270 agents led to 11 arrests on 102 under investigation with 89 searches."
    )


def test_capitalised_words_urls_hashtags_and_numbers_are_not_split():
    text = "Agentsled see https://example.com/agentsled #investigationwith @forcesin 2024agentsled"
    assert repair_glue(text, "en") == text


def test_glue_is_not_split_in_german():
    assert repair_glue("die Schattenbibliothek und urheberrechtsverletzungen", "de") == (
        "die Schattenbibliothek und urheberrechtsverletzungen"
    )


def test_glued_closing_quote_is_spaced():
    assert repair_glue("Operation “Taken Down”the largest action", "en") == "Operation “Taken Down” the largest action"


def test_glued_opening_quote_is_spaced():
    assert repair_glue("the“Taken Down” operation", "en") == "the “Taken Down” operation"


def test_german_quotes_are_left_alone():
    assert repair_glue("„Taken Down“ und mehr", "de") == "„Taken Down“ und mehr"


def test_glued_sentences_and_commas_are_spaced():
    assert repair_glue("in the statement it.The jury in Las Vegas,Nevada agreed", "en") == (
        "in the statement it. The jury in Las Vegas, Nevada agreed"
    )


def test_abbreviations_and_domains_are_not_spaced():
    assert repair_glue("the U.S.Attorney and z-lib.org and www.Example.Com", "en") == (
        "the U.S.Attorney and z-lib.org and www.Example.Com"
    )


# --- title and publisher --------------------------------------------------------------


def test_title_is_the_headline_line():
    text = f"News › Crime\n\nPolice Take Down Pirate IPTV Network\n\nBy Jane Doe | June 18, 2020\n\n{BODY}"
    assert extract_title(text) == "Police Take Down Pirate IPTV Network"


def test_title_is_null_when_the_text_starts_with_the_body():
    assert extract_title(BODY) is None


def test_publisher_from_breadcrumb():
    assert extract_publisher(f"Example Tech News >> Technology >> Internet\n\nHeadline here\n\n{BODY}") == (
        "Example Tech News"
    )


def test_publisher_from_all_caps_masthead_uses_text_casing():
    text = f"EXAMPLE DAILY  ›  Security\n\nHeadline here\n\n{BODY}\n\nExample Daily is published by Example Media."
    assert extract_publisher(text) == "Example Daily"


def test_publisher_from_wire_tag():
    text = "MADRID, 12 March (Reuters) - Spanish police arrested 11 people on Tuesday in raids on an IPTV network."
    assert extract_publisher(text) == "Reuters"


def test_city_dateline_is_not_a_publisher():
    text = "WASHINGTON — The Department of Justice said on Thursday that a jury had convicted five men."
    assert extract_publisher(text) is None


def test_publisher_from_copyright_footer():
    assert extract_publisher(f"{BODY}\n\n© 2022 Example Tech News – Phone: 0233355501") == "Example Tech News"


def test_publisher_from_editorial_service_footer():
    text = f"{BODY}\n\nEditorial program service of General News Agency:\n\nExample Inc."
    assert extract_publisher(text) == "General News Agency"


def test_publisher_is_null_when_unknown():
    assert extract_publisher(BODY) is None


# --- article check --------------------------------------------------------------------


def test_news_article_is_an_article():
    assert not_article_reason(BODY) is None
    assert is_article(BODY)


@pytest.mark.parametrize(
    "text",
    [
        "La Policía Nacional detuvo a once personas y desmanteló una red de IPTV ilegal con dos millones de clientes.",
        "La Polizia Postale ha arrestato undici persone e sequestrato server in un'operazione contro la pirateria.",
        "Die Polizei hat am Dienstag elf Verdächtige festgenommen und zahlreiche Server beschlagnahmt, teilte die Staatsanwaltschaft in Dresden mit.",
    ],
)
def test_articles_in_other_languages(text):
    assert not_article_reason(text) is None


def test_recipe_is_not_an_article():
    recipe = (
        "Preheat the oven to 180 degrees. Mix the flour, sugar and eggs in a bowl until smooth. "
        "Bake for 25 minutes and let it cool before serving with fresh berries and cream."
    )
    assert not_article_reason(recipe) == REASON_NO_ENFORCEMENT


def test_lorem_ipsum_is_not_an_article():
    text = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore."
    assert not_article_reason(text) == REASON_LOREM


def test_csv_dump_is_not_an_article():
    assert not_article_reason("id,name,value\n1,police,3\n2,arrest,4\n3,court,5") == REASON_TABLE


def test_a_short_wire_story_with_commas_on_every_line_is_an_article():
    story = ("MADRID, March 3 (Wire) - Spanish police arrested four people, seized 12 servers and blocked a site.\n"
             "The Guardia Civil said the service, which had 30,000 users, streamed LaLiga, DAZN and Movistar.\n"
             "Officers searched homes in Madrid, Valencia and Seville, the force said.")
    assert not_article_reason(story) is None


def test_markup_is_not_an_article():
    assert not_article_reason("<html><body><div class='a'>Police arrested</div></body></html>") == REASON_MARKUP


def test_short_text_is_not_an_article():
    assert not_article_reason("Police arrested two men.") == REASON_SHORT


def test_empty_text_is_not_an_article():
    assert not_article_reason("  ") == REASON_EMPTY


def test_media_placeholder_is_dropped():
    assert _clean(f"{BODY}\n\n[GIF: a cartoon cat unplugging a router]\n\n{BODY}") == f"{BODY}\n\n{BODY}"


def test_bracketed_editorial_update_is_kept():
    text = f"{BODY}\n\n[Update: police confirmed three more arrests]"
    assert _clean(text) == text


def test_long_paragraph_with_one_number_like_a_phone_is_kept():
    text = (
        "Investigators said the network, which ran a hotline on 0800 123 4567 for its customers, sold "
        "subscriptions to more than two million users across Europe and laundered the proceeds through "
        "shell companies in several countries before police arrested the eleven suspects and seized "
        "their servers, cars and cash in coordinated raids."
    )
    assert _clean(text) == text


GATED_LINES = [
    BODY,
    "Contact: press office, Tel. +39 06 4620 2345, Via Panisperna 200, 00184 Roma",
    "Europol, Eisenhouwerlaan 73, 2517 KK The Hague, Phone: +31 70 302 5000",
    "1200 Pennsylvania Avenue, Suite 400, Washington, DC 20004 (202) 555-0147",
    "© 2024 Example Media. All rights reserved.",
    "12 comments | Share | Print",
    "TODOS LOS DERECHOS RESERVADOS",
    "İstanbul polisi 12 kişiyi gözaltına aldı, Tel 0212 555 01 01",
    "Police raided 14 homes on 3 May 2024 and arrested 7 people, prosecutors said on Friday.",
    "",
]


@pytest.mark.parametrize("in_tail", [False, True])
def test_the_batch_gate_never_changes_which_lines_are_boilerplate(in_tail):
    from transforms.clean import _line_is_boilerplate, gate_lines

    gate = gate_lines(["\n".join(GATED_LINES), None])
    for line in GATED_LINES:
        assert _line_is_boilerplate(line, in_tail, gate) == _line_is_boilerplate(line, in_tail), line


def test_the_batch_gate_rules_out_the_long_lists_on_a_plain_body_line():
    from transforms.clean import _ALL_GATES, _GATE_ANYWHERE, _GATE_PHONE, _GATE_STREET, gate_lines

    gate = gate_lines([BODY + "\n" + GATED_LINES[1]])
    assert not gate.bits[BODY] & (_GATE_ANYWHERE | _GATE_PHONE | _GATE_STREET)
    assert gate.bits[GATED_LINES[1]] & _GATE_PHONE and gate.bits[GATED_LINES[1]] & _GATE_STREET
    assert gate_lines([]).bits == {} and _ALL_GATES == 63


_LATIN1_LINE = st.text(alphabet=st.characters(max_codepoint=0xFF, exclude_characters="\n\r"), max_size=40)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_LATIN1_LINE, min_size=1, max_size=6), other=st.sampled_from(["’s it’s", "Zählung", "İ x", "äb"]))
def test_the_batch_counts_the_words_of_a_line_as_python_does(lines, other):
    from transforms.clean import _normalise, _word_count, gate_lines

    gate = gate_lines(["\n".join([*lines, other])])
    for line in gate.bits:
        assert gate.words.get(line, _word_count(line)) == _word_count(line), line
    assert all(max(line, default="\x00") <= "\xff" for line in gate.words)  # only Latin-1 lines are counted
    assert set(gate.bits) == {line for line in _normalise("\n".join([*lines, other])) if line}


def test_the_glue_patterns_match_where_their_lookbehind_first_forms_did():
    import re

    from transforms import clean

    first_forms = {
        clean._CLOSE_QUOTE_GLUE: r"(?<=\w)”(?=[^\W\d_])", clean._OPEN_QUOTE_GLUE: r"(?<=[^\W\d_])“(?=\w)",
        clean._SENTENCE_GLUE: r"(?<=[a-zà-ÿ]{2})([.;:!?])(?=[A-ZÀ-Ý][a-zà-ÿ]{2})",
        clean._COMMA_GLUE: r"(?<=[a-zà-ÿ]{2}),(?=[A-ZÀ-Ý][a-zà-ÿ])",
    }
    texts = ["the raid.Police said", "a “quote”said he,Then", "ab.Cd", "x.Yes;No:Maybe!Once?Twice", "se,Ñandú",
             "word”Word “word", "1.Abc", "ab,C", "àÿ.Éèé"]
    for pattern, first_form in first_forms.items():
        for text in texts:
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in re.finditer(first_form, text)], text
