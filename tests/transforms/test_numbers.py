"""Number grammar: digits, scale words, number words, vague ranges, qualifiers, currencies, masks."""
from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.numbers import (
    FIGURES_SCHEMA,
    document_languages,
    extract_figures,
    find_figures,
    guess_language,
    mask_non_figures,
    parse_digits,
)

FIGURE_COLUMNS = {
    "surface": pl.String,
    "value": pl.Float64,
    "value_low": pl.Float64,
    "value_high": pl.Float64,
    "qualifier": pl.String,
    "unit": pl.String,
}


def figures(text: str, language: str | None = "en") -> pl.DataFrame:
    rows = [
        (text[f.start:f.end], f.value, f.value_low, f.value_high, f.qualifier, f.unit)
        for f in find_figures(text, language)
    ]
    return pl.DataFrame(rows, schema=FIGURE_COLUMNS, orient="row")


def expected(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(list(rows), schema=FIGURE_COLUMNS, orient="row")


def exact(surface: str, value: float, unit: str | None = None) -> tuple:
    return (surface, value, value, value, "exact", unit)


# --- digits --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("token", "language", "scaled", "value"),
    [
        ("1,200", "en", False, 1200.0),
        ("1.200", "it", False, 1200.0),
        ("1.200", "en", False, 1200.0),  # three digits after one separator: thousands everywhere
        ("1 200", "fr", False, 1200.0),
        ("1\u00a0200", "fr", False, 1200.0),
        ("1.200.000", "de", False, 1200000.0),
        ("1,6", "it", False, 1.6),
        ("1.6", "en", False, 1.6),
        ("1.234,56", "de", False, 1234.56),
        ("1,234.56", "en", False, 1234.56),
        ("0.312", "en", False, 0.312),
        ("1.500", "en", True, 1.5),  # "1.500 million" in English
        ("1.500", "es", True, 1500.0),  # "1.500 millones" in Spanish
        ("1,500", "en", True, 1500.0),
        ("1,500", "de", True, 1.5),
        ("89", None, False, 89.0),
    ],
)
def test_parse_digits(token: str, language: str | None, scaled: bool, value: float) -> None:
    assert parse_digits(token, language, scaled) == value


def test_separators_in_running_text() -> None:
    assert_frame_equal(
        figures("1,200 servers, 1.200 servers, 4.8 million and 19,99 euro", "en"),
        expected(exact("1,200", 1200.0), exact("1.200", 1200.0), exact("4.8 million", 4.8e6),
                 exact("19,99 euro", 19.99, "EUR")),
    )


# --- scale words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "surface", "value"),
    [
        ("22 million users", "en", "22 million", 22e6),
        ("22m users", "en", "22m", 22e6),
        ("22 mln users", "en", "22 mln", 22e6),
        ("22 milioni di utenti", "it", "22 milioni", 22e6),
        ("22 millones de usuarios", "es", "22 millones", 22e6),
        ("22 milhões de utilizadores", "pt", "22 milhões", 22e6),
        ("22 millions d'utilisateurs", "fr", "22 millions", 22e6),
        ("22 Millionen Nutzer", "de", "22 Millionen", 22e6),
        ("12 Mio. Nutzer", "de", "12 Mio.", 12e6),
        ("3 Mrd. Schaden", "de", "3 Mrd.", 3e9),
        ("22 miljoen gebruikers", "nl", "22 miljoen", 22e6),
        ("22 de milioane de utilizatori", "ro", "22 de milioane", 22e6),
        ("two million users", "en", "two million", 2e6),
        ("a million users", "en", "a million", 1e6),
        ("half a million users", "en", "half a million", 5e5),
        ("40 mila utenti", "it", "40 mila", 4e4),
        ("2 mil millones", "es", "2 mil millones", 2e9),
        ("a 2-Million-Subscriber service", "en", "2-Million", 2e6),
        ("1.2 lakh subscribers", "en", "1.2 lakh", 1.2e5),
        ("losses of 140 crore", "en", "140 crore", 1.4e9),
        ("losses of 140 cr", "en", "140 cr", 1.4e9),
        ("3.5cr frozen", "en", "3.5cr", 3.5e7),
        ("12L paying subscribers", "en", "12L", 1.2e6),
    ],
)
def test_scale_words(text: str, language: str, surface: str, value: float) -> None:
    assert_frame_equal(figures(text, language), expected(exact(surface, value)))


def test_sentence_full_stop_after_scale_is_not_part_of_the_figure() -> None:
    assert figures("losses of EUR 7.5 million.")["surface"].to_list() == ["EUR 7.5 million"]


# --- number words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [
        ("eleven", "en", 11), ("twenty-two", "en", 22), ("ninety", "en", 90), ("two hundred", "en", 200),
        ("a dozen", "en", 12),
        ("undici", "it", 11), ("ventidue", "it", 22), ("ventotto", "it", 28), ("due", "it", 2),
        ("once", "es", 11), ("dos", "es", 2), ("veintidós", "es", 22), ("treinta y dos", "es", 32),
        ("onze", "pt", 11), ("duas", "pt", 2), ("vinte e dois", "pt", 22), ("três", "pt", 3),
        ("onze", "fr", 11), ("deux", "fr", 2), ("vingt-deux", "fr", 22), ("soixante-douze", "fr", 72),
        ("quatre-vingt-dix", "fr", 90),
        ("zwei", "de", 2), ("elf", "de", 11), ("zweiundzwanzig", "de", 22), ("zwölf", "de", 12),
        ("twee", "nl", 2), ("elf", "nl", 11), ("tweeëntwintig", "nl", 22),
        ("doi", "ro", 2), ("două", "ro", 2), ("unsprezece", "ro", 11), ("douăzeci și doi", "ro", 22),
        ("șase", "ro", 6), ("sase", "ro", 6),
        # one-word hundreds
        ("duecento", "it", 200), ("trecento", "it", 300), ("doscientos", "es", 200), ("quinientas", "es", 500),
        ("duzentos", "pt", 200), ("quinhentos", "pt", 500), ("trois cents", "fr", 300), ("zweihundert", "de", 200),
        ("tweehonderd", "nl", 200), ("două sute", "ro", 200),
    ],
)
def test_number_words(text: str, language: str, value: int) -> None:
    assert_frame_equal(figures(text, language), expected(exact(text, float(value))))


def test_words_for_one_and_function_words_are_not_numbers() -> None:
    assert figures("one of the suspects, both of them", "en").height == 0
    assert figures("it was due to the raid", "en").height == 0  # Italian "due" only in Italian
    assert figures("a maioria dos presos", "pt").height == 0  # "dos" is Portuguese "of the"
    assert figures("onze verdachten", "nl").height == 0  # Dutch "onze" is "our"


@pytest.mark.parametrize(
    ("text", "language", "value"),
    [("une dizaine", "fr", 10), ("une quinzaine", "fr", 15), ("una quindicina", "it", 15), ("une centaine", "fr", 100),
     ("una decina", "it", 10), ("un centinaio", "it", 100), ("una decena", "es", 10), ("uma dezena", "pt", 10), ("een tiental", "nl", 10)],
)
def test_approximate_nouns(text: str, language: str, value: int) -> None:
    assert_frame_equal(figures(text, language), expected((text, float(value), None, None, "approx", None)))


# --- vague plurals and explicit ranges -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "surface", "low", "high"),
    [
        ("tens of millions of users", "en", "tens of millions", 1e7, 99_999_999.0),
        ("hundreds of thousands of users", "en", "hundreds of thousands", 1e5, 999_999.0),
        ("tens of thousands of subscribers", "en", "tens of thousands", 1e4, 99_999.0),
        ("dozens of officers", "en", "dozens", 12.0, 119.0),
        ("hundreds of homes", "en", "hundreds", 100.0, 999.0),
        ("millions of users", "en", "millions", 1e6, 9_999_999.0),
        ("decine di milioni di utenti", "it", "decine di milioni", 1e7, 99_999_999.0),
        ("centinaia di migliaia di utenti", "it", "centinaia di migliaia", 1e5, 999_999.0),
        ("decenas de miles de usuarios", "es", "decenas de miles", 1e4, 99_999.0),
        ("dezenas de milhões de utilizadores", "pt", "dezenas de milhões", 1e7, 99_999_999.0),
        ("des dizaines de milliers d'abonnés", "fr", "dizaines de milliers", 1e4, 99_999.0),
        ("Dutzende Millionen Nutzer", "de", "Dutzende Millionen", 12e6, 119_999_999.0),
        ("Zehntausende Nutzer", "de", "Zehntausende", 1e4, 99_999.0),
        ("tientallen miljoenen gebruikers", "nl", "tientallen miljoenen", 1e7, 99_999_999.0),
        ("zeci de mii de utilizatori", "ro", "zeci de mii", 1e4, 99_999.0),
    ],
)
def test_vague_ranges(text: str, language: str, surface: str, low: float, high: float) -> None:
    assert_frame_equal(figures(text, language), expected((surface, low, low, high, "range", None)))


@pytest.mark.parametrize(
    ("text", "language", "surface", "low", "high"),
    [
        ("between 10 and 20 servers", "en", "between 10 and 20", 10.0, 20.0),
        ("between 2 and 3 million users", "en", "between 2 and 3 million", 2e6, 3e6),
        ("entre 10 y 20 detenidos", "es", "entre 10 y 20", 10.0, 20.0),
        ("zwischen 10 und 20 Festnahmen", "de", "zwischen 10 und 20", 10.0, 20.0),
        ("10-20 arrests", "en", "10-20", 10.0, 20.0),
    ],
)
def test_explicit_ranges(text: str, language: str, surface: str, low: float, high: float) -> None:
    assert_frame_equal(figures(text, language), expected((surface, low, low, high, "range", None)))


def test_year_spans_are_not_ranges() -> None:
    assert "range" not in figures("ran from 2007-2017 and 2019 to 2022", "en")["qualifier"].to_list()


# --- qualifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "qualifier"),
    [
        ("over 270", "en", "at_least"), ("more than 270", "en", "at_least"), ("at least 270", "en", "at_least"),
        ("in excess of 270", "en", "at_least"), ("upwards of 270", "en", "at_least"), ("270 or more", "en", "at_least"),
        ("270+", "en", "at_least"),
        ("about 270", "en", "approx"), ("~270", "en", "approx"), ("≈ 270", "en", "approx"), ("around 270", "en", "approx"), ("some 270", "en", "approx"),
        ("nearly 270", "en", "approx"), ("almost 270", "en", "approx"), ("approximately 270", "en", "approx"),
        ("roughly 270", "en", "approx"), ("an estimated 270", "en", "approx"), ("circa 270", "en", "approx"),
        ("ca. 270", "en", "approx"), ("estimated at 270", "en", "approx"),
        ("up to 270", "en", "at_most"), ("less than 270", "en", "at_most"), ("fewer than 270", "en", "at_most"),
        ("under 270", "en", "at_most"),
        # machine-translated English
        ("more of 270", "en", "at_least"), ("over than 270", "en", "at_least"), ("to exceed 270", "en", "at_least"),
        ("oltre 270", "it", "at_least"), ("più di 270", "it", "at_least"), ("almeno 270", "it", "at_least"),
        ("circa 270", "it", "approx"), ("quasi 270", "it", "approx"), ("fino a 270", "it", "at_most"),
        ("más de 270", "es", "at_least"), ("al menos 270", "es", "at_least"), ("cerca de 270", "es", "approx"),
        ("unos 270", "es", "approx"), ("casi 270", "es", "approx"), ("hasta 270", "es", "at_most"),
        ("mais de 270", "pt", "at_least"), ("pelo menos 270", "pt", "at_least"), ("cerca de 270", "pt", "approx"),
        ("quase 270", "pt", "approx"), ("até 270", "pt", "at_most"),
        ("plus de 270", "fr", "at_least"), ("au moins 270", "fr", "at_least"), ("environ 270", "fr", "approx"),
        ("près de 270", "fr", "approx"), ("jusqu'à 270", "fr", "at_most"),
        ("über 270", "de", "at_least"), ("mehr als 270", "de", "at_least"), ("mindestens 270", "de", "at_least"),
        ("rund 270", "de", "approx"), ("etwa 270", "de", "approx"), ("ca. 270", "de", "approx"),
        ("fast 270", "de", "approx"), ("bis zu 270", "de", "at_most"),
        ("meer dan 270", "nl", "at_least"), ("ruim 270", "nl", "at_least"), ("minstens 270", "nl", "at_least"),
        ("ongeveer 270", "nl", "approx"), ("bijna 270", "nl", "approx"), ("tot 270", "nl", "at_most"),
        ("peste 270", "ro", "at_least"), ("mai mult de 270", "ro", "at_least"), ("cel puțin 270", "ro", "at_least"),
        ("aproximativ 270", "ro", "approx"), ("aproape 270", "ro", "approx"), ("până la 270", "ro", "at_most"),
    ],
)
def test_qualifiers(text: str, language: str, qualifier: str) -> None:
    low = 270.0 if qualifier == "at_least" else None
    high = 270.0 if qualifier == "at_most" else None
    assert_frame_equal(figures(text, language), expected((text, 270.0, low, high, qualifier, None)))


def test_oltre_a_is_besides_not_over() -> None:
    assert figures("oltre a 11 arresti", "it")["qualifier"].to_list() == ["exact"]


# --- currencies ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "language", "surface", "value", "unit"),
    [
        ("€1.6m", "en", "€1.6m", 1.6e6, "EUR"),
        ("€3bn", "en", "€3bn", 3e9, "EUR"),
        ("1.6 million euros", "en", "1.6 million euros", 1.6e6, "EUR"),
        ("EUR 40,000", "en", "EUR 40,000", 4e4, "EUR"),
        ("USD 5 million", "en", "USD 5 million", 5e6, "USD"),
        ("$1.2 billion", "en", "$1.2 billion", 1.2e9, "USD"),
        ("US$9.99", "en", "US$9.99", 9.99, "USD"),
        ("£300k", "en", "£300k", 3e5, "GBP"),
        ("300,000 pounds", "en", "300,000 pounds", 3e5, "GBP"),
        ("R$ 2 milhões", "pt", "R$ 2 milhões", 2e6, "BRL"),
        ("2 milhões de reais", "pt", "2 milhões de reais", 2e6, "BRL"),
        ("CHF 500,000", "en", "CHF 500,000", 5e5, "CHF"),
        ("EUR1.6m", "en", "EUR1.6m", 1.6e6, "EUR"),
        ("1,6 milioni di euro", "it", "1,6 milioni di euro", 1.6e6, "EUR"),
        ("2 millions d'euros", "fr", "2 millions d'euros", 2e6, "EUR"),
        ("1,2 Mio. Euro", "de", "1,2 Mio. Euro", 1.2e6, "EUR"),
        ("2 milioane de lei", "ro", "2 milioane de lei", 2e6, "RON"),
        ("5 millones de pesos argentinos", "es", "5 millones de pesos argentinos", 5e6, "ARS"),
        ("tens of millions of USD", "en", "tens of millions of USD", 1e7, "USD"),
        ("1,2 M€", "fr", "1,2 M€", 1.2e6, "EUR"),
        ("500 k€", "fr", "500 k€", 5e5, "EUR"),
        ("3 Md€", "fr", "3 Md€", 3e9, "EUR"),
        ("₦45 million", "en", "₦45 million", 45e6, "NGN"),
        ("240'000 francs", "fr", "240'000 francs", 2.4e5, "CHF"),  # Swiss grouping; a franc is Swiss
        ("CHF 1’250’000", "de", "CHF 1’250’000", 1.25e6, "CHF"),
        ("₹3.5 cr", "en", "₹3.5 cr", 3.5e7, "INR"),
        ("RM1.1 million", "en", "RM1.1 million", 1.1e6, "MYR"),
    ],
)
def test_currencies(text: str, language: str, surface: str, value: float, unit: str) -> None:
    frame = figures(text, language)
    assert frame.select("surface", "value", "unit").rows() == [(surface, value, unit)]


# --- masks ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tel. +54 11 5555-0140", "(702) 943.0321", "+44 (0)191 498 0417", "call 0191 498 0417",
        "on 3 November 2022", "November 3, 2022", "el 3 de noviembre", "am 3. November", "17.11.2022",
        "2024-11-27", "21/06/2024", "at 09:51 Uhr", "10:30 a.m.", "3651 Lindell Road", "Suite 2100",
        "Las Vegas, NV 89103", "2517 JR The Hague", "https://example.com/bericht-17428/x.html",
    ],
)
def test_masked_spans_hold_no_figure(text: str) -> None:
    masked = mask_non_figures(text)
    assert len(masked) == len(text)
    assert find_figures(text, "en") == []


def test_mask_keeps_offsets_and_other_numbers() -> None:
    text = "On 3 November police made 11 arrests, tel. +1 212 555 0148."
    masked = mask_non_figures(text)
    assert len(masked) == len(text) and "11 arrests" in masked and "3 November" not in masked
    assert figures(text)["surface"].to_list() == ["11"]


# --- frames --------------------------------------------------------------------------------


def test_extract_figures_offsets_point_into_the_document() -> None:
    text = "Intro line.\nPolice seized EUR 1.6 million and arrested over 20 people."
    sentences = pl.DataFrame(
        {"document_key": ["d1", "d1"], "sentence_index": [0, 1], "sentence_start": [0, 12],
         "sentence_end": [11, len(text)], "sentence": ["Intro line.", text[12:]], "language": ["en", "en"]}
    )
    found = extract_figures(sentences)
    assert found.schema == pl.Schema(FIGURES_SCHEMA)
    assert_frame_equal(
        found,
        pl.DataFrame(
            [("d1", 1, 26, 41, "EUR 1.6 million", 1.6e6, 1.6e6, 1.6e6, "exact", "EUR"),
             ("d1", 1, 55, 62, "over 20", 20.0, 20.0, None, "at_least", None)],
            schema=FIGURES_SCHEMA, orient="row",
        ),
    )
    for start, end, surface in found.select("char_start", "char_end", "surface").iter_rows():
        assert text[start:end] == surface


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The police arrested the suspects and seized the servers of the network.", "en"),
        ("La polizia ha arrestato gli indagati e sequestrato i server della rete.", "it"),
        ("La policía detuvo a los sospechosos y se incautó de los servidores de la red.", "es"),
        ("A polícia prendeu os suspeitos e apreendeu os servidores da rede.", "pt"),
        ("La police a arrêté les suspects et saisi les serveurs du réseau.", "fr"),
        ("Die Polizei hat die Verdächtigen festgenommen und die Server des Netzwerks beschlagnahmt.", "de"),
        ("De politie heeft de verdachten aangehouden en de servers van het netwerk in beslag genomen.", "nl"),
        ("Poliția a reținut suspecții și a confiscat serverele rețelei, care au fost închise.", "ro"),
    ],
)
def test_language_guess(text: str, language: str) -> None:
    assert guess_language(text) == language
    sentences = pl.DataFrame({"document_key": ["d"], "sentence_index": [0], "sentence_start": [0],
                              "sentence_end": [len(text)], "sentence": [text]})
    assert_frame_equal(document_languages(sentences), pl.DataFrame({"document_key": ["d"], "language": [language]}))
