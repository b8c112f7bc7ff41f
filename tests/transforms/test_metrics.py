"""Metric classification of figures, trap rejection, qualifiers, units, and country scoping."""
from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tests.transforms.frames import mention_schema
from transforms.metrics import (
    METRICS_SCHEMA,
    METRICS_WITH_COUNTRY_SCHEMA,
    assign_metric_countries,
    extract_metrics,
)
from transforms.sentences import SENTENCE_SCHEMA as SENTENCE_COLUMNS

SENTENCE_SCHEMA = {**SENTENCE_COLUMNS, "language": pl.String}
MENTION_SCHEMA = mention_schema(country_key=pl.String, mention_kind=pl.String)
BRIEF = {"metric": pl.String, "value": pl.Float64, "qualifier": pl.String, "unit": pl.String}


def sentences_of(*texts: str, language: str = "en", key: str = "doc") -> pl.DataFrame:
    """One document whose sentences are `texts`, separated by one space."""
    rows, start = [], 0
    for index, text in enumerate(texts):
        rows.append((key, index, start, start + len(text), text, language))
        start += len(text) + 1
    return pl.DataFrame(rows, schema=SENTENCE_SCHEMA, orient="row")


def brief(text: str, language: str = "en") -> pl.DataFrame:
    return extract_metrics(sentences_of(text, language=language)).select(list(BRIEF))


def rows(*items: tuple) -> pl.DataFrame:
    return pl.DataFrame(list(items), schema=BRIEF, orient="row")


# --- the worked example --------------------------------------------------------------------

EXAMPLE = (
    "The operation, which involved over 270 agents led to 11 arrests on 102 under investigation with 89 "
    "searches in 15 Italian regions and 14 in the Netherlands, United Kingdom, Sweden, Switzerland, Romania "
    "and Croatia."
)


def test_example_sentence_full_frame() -> None:
    found = extract_metrics(sentences_of("Intro.", EXAMPLE))
    base = len("Intro.") + 1

    def span(surface: str, occurrence: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(occurrence + 1):
            i = EXAMPLE.index(surface, i + 1)
        return base + i, base + i + len(surface)

    expected = pl.DataFrame(
        [
            ("doc", 1, *span("over 270 agents"), "over 270 agents", "officers_deployed", 270.0, 270.0, None, "at_least", None),
            ("doc", 1, *span("11 arrests"), "11 arrests", "arrests", 11.0, 11.0, 11.0, "exact", None),
            ("doc", 1, *span("102 under investigation"), "102 under investigation", "suspects", 102.0, 102.0, 102.0,
             "exact", None),
            ("doc", 1, *span("89 searches"), "89 searches", "searches", 89.0, 89.0, 89.0, "exact", None),
            ("doc", 1, *span("14"), "14", "searches", 14.0, 14.0, 14.0, "exact", None),
        ],
        schema=METRICS_SCHEMA, orient="row",
    )
    assert_frame_equal(found, expected)


def test_surface_is_the_document_text_at_the_span() -> None:
    sentences = sentences_of("Intro.", EXAMPLE, "Police seized EUR 1.6 million in cryptocurrency.")
    text = " ".join(sentences["sentence"].to_list())
    found = extract_metrics(sentences)
    assert found.schema == pl.Schema(METRICS_SCHEMA)
    for start, end, surface in found.select("char_start", "char_end", "surface").iter_rows():
        assert text[start:end] == surface


def test_glued_machine_translation_words() -> None:
    assert_frame_equal(
        brief("The operation, which involved over 270 agentsled to 11 arrests on 102 under investigationwith 89 "
              "searches."),
        rows(("officers_deployed", 270.0, "at_least", None), ("arrests", 11.0, "exact", None),
             ("suspects", 102.0, "exact", None), ("searches", 89.0, "exact", None)),
    )


# --- every metric, every language ----------------------------------------------------------

CASES = [
    # English
    ("en", "Police arrested 23 people and carried out 41 house searches.", [("arrests", 23), ("searches", 41)]),
    ("en", "Two Russian nationals were arrested in Argentina.", [("arrests", 2)]),
    ("en", "The two were charged with conspiracy.", [("suspects", 2)]),
    ("en", "Prosecutors indicted 7 individuals on copyright charges.", [("suspects", 7)]),
    ("en", "Over 60 servers were taken down in Europe and Asia.", [("servers_seized", 60)]),
    ("en", "The FBI seized 249 internet domains belonging to the site.", [("domains_seized", 249)]),
    ("en", "Authorities blocked 450 websites and shut down 12 apps.", [("domains_seized", 450), ("domains_seized", 12)]),
    ("en", "The pirate service had 22 million users.", [("users_affected", 22e6)]),
    ("en", "Authorities in 18 countries took part.", [("countries_involved", 18)]),
    ("en", "Eurojust handled over 30 Mutual Legal Assistance requests.", [("legal_requests", 30)]),
    ("en", "Investigators sent 25 European Investigation Orders.", [("legal_requests", 25)]),
    ("en", "The network caused tens of millions of USD in losses.", [("financial_damage", 1e7)]),
    ("en", "Police froze EUR 1.6 million in cryptocurrency.", [("assets_seized", 1.6e6)]),
    ("en", "Officers arrested eleven people and questioned 16 more.", [("arrests", 11), ("suspects", 16)]),
    ("en", "Two suspects have been arrested and 73 premises were searched.", [("arrests", 2), ("searches", 73)]),
    ("en", "At least 15 domains were seized, and another 30 were blocked.",
     [("domains_seized", 15), ("domains_seized", 30)]),
    ("en", "Nearly 70 servers in 9 countries were taken offline.", [("servers_seized", 70), ("countries_involved", 9)]),
    ("en", "Police arrested 5 people on Monday and 3 on Tuesday.", [("arrests", 5), ("arrests", 3)]),
    ("en", "The investigation targeted 102 suspects, 11 of whom were arrested.", [("suspects", 102), ("arrests", 11)]),
    ("en", "Europol investigated 102 suspects and arrested 11 of them.", [("suspects", 102), ("arrests", 11)]),
    ("en", "Police arrested nearly a dozen people.", [("arrests", 12)]),
    ("en", "Three people, including two minors, were arrested.", [("arrests", 3)]),
    ("en", "Results: Arrests: 11; House searches: 112; Servers seized: 29; Domains taken down: 100.",
     [("arrests", 11), ("searches", 112), ("servers_seized", 29), ("domains_seized", 100)]),
    ("en", "Officers seized EUR 9,900 in cash and another EUR 22,000 held in online accounts.",
     [("assets_seized", 9900), ("assets_seized", 22000)]),
    ("en", "Police seized EUR1.6m in cryptocurrency.", [("assets_seized", 1.6e6)]),
    # an infobox: dot leaders and tabs part a label from its figure; one label's amounts share it
    ("en", "Arrests ......... 9 (7 in Brazil, 2 in Mexico)", [("arrests", 9), ("arrests", 7), ("arrests", 2)]),
    ("en", "Searches\t31", [("searches", 31)]),
    ("en", "Assets frozen ... R$2.4 million; MXN 3.2 million", [("assets_seized", 2.4e6), ("assets_seized", 3.2e6)]),
    # warrants issued: sought, not arrested
    ("en", "Detention warrants had been issued for 38 suspects.", [("suspects", 38)]),
    ("en", "Police executed arrest warrants against 12 people.", [("arrests", 12)]),
    # a part of the previous figure, placed
    ("it", "Sequestri: 112 server (64 dei quali in Ungheria e 9 in Germania).",
     [("servers_seized", 112), ("servers_seized", 64), ("servers_seized", 9)]),
    ("en", "A total of 47 servers were shut down, 19 of which were rented in the Netherlands.",
     [("servers_seized", 47), ("servers_seized", 19)]),
    # a cue past a semicolon belongs to the other clause
    ("en", "Police seized EUR 2 million; losses came to EUR 5 million.",
     [("assets_seized", 2e6), ("financial_damage", 5e6)]),
    # Italian
    ("it", "Sono state eseguite 89 perquisizioni e 11 persone sono state arrestate, mentre 102 risultano indagate.",
     [("searches", 89), ("arrests", 11), ("suspects", 102)]),
    ("it", "L'operazione ha coinvolto oltre 270 agenti.", [("officers_deployed", 270)]),
    ("it", "Sono stati sequestrati beni per 1,6 milioni di euro e oscurati 300 siti.",
     [("assets_seized", 1.6e6), ("domains_seized", 300)]),
    ("it", "Undici arresti e 40 indagati in tutta Italia.", [("arrests", 11), ("suspects", 40)]),
    ("it", "Il danno stimato è di circa 30 milioni di euro all'anno.", [("financial_damage", 30e6)]),
    # Spanish
    ("es", "La Policía Nacional ha detenido a 11 personas y ha realizado 15 registros.", [("arrests", 11), ("searches", 15)]),
    ("es", "Detuvieron en Córdoba a dos rusos por la biblioteca pirata.", [("arrests", 2)]),
    ("es", "Los agentes intervinieron 50 servidores y bloquearon 200 dominios.",
     [("servers_seized", 50), ("domains_seized", 200)]),
    ("es", "La red tenía más de dos millones de usuarios y causó pérdidas de 15 millones de euros.",
     [("users_affected", 2e6), ("financial_damage", 15e6)]),
    ("es", "Hay 23 investigados en 7 países.", [("suspects", 23), ("countries_involved", 7)]),
    # Portuguese
    ("pt", "A Polícia Federal cumpriu 25 mandados de busca e prendeu três pessoas.", [("searches", 25), ("arrests", 3)]),
    ("pt", "Foram presos 12 suspeitos e apreendidos R$ 2 milhões.", [("arrests", 12), ("assets_seized", 2e6)]),
    ("pt", "Oito pessoas foram presas, sendo 1 em Canoas e 2 em São Paulo.", [("arrests", 8)]),
    ("pt", "A operação contou com 120 policiais e o serviço tinha mais de 1 milhão de assinantes.",
     [("officers_deployed", 120), ("users_affected", 1e6)]),
    # French
    ("fr", "Six personnes ont été interpellées et une vingtaine de perquisitions ont été menées.",
     [("arrests", 6), ("searches", 20)]),
    ("fr", "Le préjudice est estimé à plus de 10 millions d'euros.", [("financial_damage", 10e6)]),
    ("fr", "Plus de 200 gendarmes ont été mobilisés dans 5 pays.", [("officers_deployed", 200), ("countries_involved", 5)]),
    ("fr", "Le site comptait plus de 3 millions d'utilisateurs.", [("users_affected", 3e6)]),
    ("fr", "102 suspects ont été identifiés et 11 d'entre eux ont été interpellés.", [("suspects", 102), ("arrests", 11)]),
    ("fr", "Les polices ont mis la main sur 29 serveurs et supprimé 100 domaines.",
     [("servers_seized", 29), ("domains_seized", 100)]),
    # German
    ("de", "Bei 35 Durchsuchungen wurden 7 Personen festgenommen und Vermögenswerte von 1,2 Mio. Euro beschlagnahmt.",
     [("searches", 35), ("arrests", 7), ("assets_seized", 1.2e6)]),
    ("de", "Die Polizei nahm fünf Personen fest und durchsuchte 12 Wohnungen.", [("arrests", 5), ("searches", 12)]),
    ("de", "Die US-Behörden haben zwei russische Staatsbürger angeklagt.", [("suspects", 2)]),
    ("de", "Das FBI hat rund 140 Domains der Plattform beschlagnahmt.", [("domains_seized", 140)]),
    ("de", "Gegen 14 Beschuldigte wird ermittelt.", [("suspects", 14)]),
    ("de", "Mehr als 800 Beamte waren im Einsatz.", [("officers_deployed", 800)]),
    # Dutch
    ("nl", "De politie heeft drie verdachten aangehouden en 12 huiszoekingen verricht.", [("arrests", 3), ("searches", 12)]),
    ("nl", "Er werden ruim 100 servers in beslag genomen en meer dan 2 miljoen gebruikers getroffen.",
     [("servers_seized", 100), ("users_affected", 2e6)]),
    ("nl", "Bij de actie waren ongeveer 150 agenten uit 6 landen betrokken.",
     [("officers_deployed", 150), ("countries_involved", 6)]),
    ("nl", "De schade wordt geschat op 12 miljoen euro.", [("financial_damage", 12e6)]),
    ("nl", "Bij doorzoekingen op vier adressen werd geld in beslag genomen.", [("searches", 4)]),
    ("en", "Officers in a five-country operation arrested four suspects.", [("countries_involved", 5), ("arrests", 4)]),
    # one person in the singular, counted by its verb
    ("en", "Police arrested a 47-year-old man in Leeds.", [("arrests", 1)]),
    ("en", "The unit has charged a 29-year-old man from Aarhus with sharing films.", [("suspects", 1)]),
    ("en", "Police arrested two men and charged a woman.", [("arrests", 2), ("suspects", 1)]),
    ("en", "A man was seen near the site.", []),
    ("en", "A Telegram group with 20,000 members was shut down.", [("users_affected", 20000)]),
    ("en", "Police arrested 12 members of the gang.", [("arrests", 12)]),
    ("es", "La Guardia Civil detuvo a un hombre de 34 años en Sevilla.", [("arrests", 1)]),
    ("it", "Sono state eseguite 12 misure cautelari.", [("arrests", 12)]),
    ("de", "Insgesamt waren 180 Beamtinnen und Beamte im Einsatz.", [("officers_deployed", 180)]),
    ("es", "Durante las tres diligencias de allanamiento se inhabilitaron 17 sitios web.",
     [("searches", 3), ("domains_seized", 17)]),
    ("es", "La red se apoyaba en 9 servidores, que fueron apagados durante el dispositivo.", [("servers_seized", 9)]),
    ("fr", "Canal+ évalue son préjudice à environ 1,2 M€.", [("financial_damage", 1.2e6)]),
    ("en", "FACT estimates the service cost them nearly two million pounds.", [("financial_damage", 2e6)]),
    # Romanian
    ("ro", "Polițiștii au efectuat 40 de percheziții și au reținut 12 persoane.", [("searches", 40), ("arrests", 12)]),
    ("ro", "Prejudiciul este estimat la peste 3 milioane de euro.", [("financial_damage", 3e6)]),
    ("ro", "Au fost blocate 250 de site-uri, iar 18 suspecți au fost puși sub acuzare.",
     [("domains_seized", 250), ("suspects", 18)]),
    ("ro", "La acțiune au participat 200 de polițiști din 3 țări.", [("officers_deployed", 200), ("countries_involved", 3)]),
    ("ro", "Rețeaua deservea aproximativ o jumătate de milion de abonați.", [("users_affected", 5e5)]),
    ("en", "It was a day of action: nine arrests and 14 warrants executed across England.",
     [("arrests", 9), ("searches", 14)]),
    ("fr", "Le parquet fait état d'une quinzaine de perquisitions en Belgique.", [("searches", 15)]),
    ("fr", "Environ 240'000 francs ont été séquestrés.", [("assets_seized", 240000)]),
    ("pt", "Foram ainda desligados 14 servidores, dois dos quais em França.",
     [("servers_seized", 14), ("servers_seized", 2)]),
    ("ro", "Anchetatorii au oprit 40 de servere găzduite în două centre de date.", [("servers_seized", 40)]),
]


@pytest.mark.parametrize(("language", "text", "metrics"), CASES)
def test_metric_classification(language: str, text: str, metrics: list[tuple[str, float]]) -> None:
    found = brief(text, language).select("metric", "value")
    assert_frame_equal(found, pl.DataFrame(metrics, schema={"metric": pl.String, "value": pl.Float64}, orient="row"))


# --- traps: no row -------------------------------------------------------------------------

TRAPS = [
    ("en", "The service offered more than 40,000 TV channels and 183,000 episodes."),  # catalogue sizes
    ("en", "The library held roughly 11 million e-books and tens of millions of articles."),
    ("en", "The hashtag racked up more than 19 million views and 31 comments."),  # views, comments
    ("en", "Subscriptions cost $9.99 a month, less than the $11.99 of a legal plan."),  # prices
    ("en", "The site was founded in 2009 and ran until 2022."),  # years
    ("en", "The gang made at least €15 million in profits."),  # profit, not damage
    ("en", "A 33-year-old man and a 27-year-old woman were arrested."),  # ages
    ("en", "Napolsky (33) and Ermakova (27) were named."),
    ("en", "The operation started at 09:51 on 3 November 2022."),  # time, date
    ("en", "Call (702) 943.0321 or +1 212 555 0148, 3651 Lindell Road, Suite D168, NV 89103."),  # footer
    ("en", "It streamed 24/7 on Windows 10 under Article 171-ter."),
    ("en", "Each defendant faces up to 20 years in prison."),  # maximum sentence
    ("en", "Searches were carried out in 15 Italian regions."),  # regions
    ("en", "Two of the largest streaming portals were targeted."),  # partitive
    ("en", "Four of the men face five years in prison."),
    ("en", "Eleven people were arrested across those four countries."[len("Eleven people were arrested "):]),
    ("en", "The visits to piracy sites jumped by more than 40% in March."),  # percentage
    ("en", "He had 4,318 posts and 12,000 followers."),
    ("en", "Dallmann was found guilty on two counts of money laundering."),  # charge counts
    ("en", "Police froze eleven bank accounts."),  # accounts, no amount
    ("en", "Read next: 5 Stocks To Watch and 50 Best New Movies."),
    ("en", "Several of the main suspects were arrested."),  # no number
    ("en", "The four other defendants were convicted."),  # subset of a figure
    ("es", "Los detenidos, de 33 y 27 años, podrían recibir penas de hasta 20 años de prisión."),
    ("de", "Der 33-jährige Mann und die 27-jährige Frau drohen bis zu 20 Jahre Haft."),
    ("de", "Windows 10 Pro – Produktschlüssel jetzt für 19,99 Euro, 143 Kommentare, 09:51 Uhr."),
    ("it", "Il servizio costava 10 euro al mese e offriva 5.000 canali."),
    ("nl", "De FIOD heeft dinsdag 26 november een 45-jarige man uit Almere aangehouden."),  # an age
]


@pytest.mark.parametrize(("language", "text"), TRAPS)
def test_non_metrics_are_rejected(language: str, text: str) -> None:
    assert brief(text, language).height == 0


# --- qualifiers, ranges and units in context -----------------------------------------------


def test_qualifiers_and_bounds() -> None:
    found = extract_metrics(sentences_of(
        "More than 2 million subscribers, about 300 officers and up to 50 servers were seized.",
        "Hundreds of thousands of users were affected.",
    ))
    assert_frame_equal(
        found.select("metric", "value", "value_low", "value_high", "qualifier"),
        pl.DataFrame(
            [("users_affected", 2e6, 2e6, None, "at_least"), ("officers_deployed", 300.0, None, None, "approx"),
             ("servers_seized", 50.0, None, 50.0, "at_most"), ("users_affected", 1e5, 1e5, 999_999.0, "range")],
            schema={"metric": pl.String, "value": pl.Float64, "value_low": pl.Float64, "value_high": pl.Float64,
                    "qualifier": pl.String},
            orient="row",
        ),
    )


def test_units_only_on_money() -> None:
    assert_frame_equal(
        brief("Assets worth 4.8 million euros were seized, and the damage is estimated at approximately "
              "GBP 7.5 million, while 50 servers were taken down."),
        rows(("assets_seized", 4.8e6, "exact", "EUR"), ("financial_damage", 7.5e6, "approx", "GBP"),
             ("servers_seized", 50.0, "exact", None)),
    )


def test_seizure_verb_of_the_clause_outweighs_what_the_money_was() -> None:
    assert_frame_equal(brief("EUR 2.5 million in criminal proceeds were confiscated."),
                       rows(("assets_seized", 2.5e6, "exact", "EUR")))
    assert_frame_equal(brief("The gang earned €5m, and police seized €1m in cash."),
                       rows(("assets_seized", 1e6, "exact", "EUR")))


def test_language_is_guessed_when_absent() -> None:
    sentences = sentences_of(
        "La Policía Nacional ha detenido a dos personas por la piratería de los partidos de fútbol.",
        "Los agentes han bloqueado dos dominios de la red.",
        language="es",
    ).drop("language")
    assert_frame_equal(extract_metrics(sentences).select("metric", "value"),
                       pl.DataFrame({"metric": ["arrests", "domains_seized"], "value": [2.0, 2.0]}))


def test_repeated_sentences_are_read_once_but_reported_everywhere() -> None:
    one = sentences_of("Police arrested 23 people.", key="a")
    two = sentences_of("Intro.", "Police arrested 23 people.", key="b")
    found = extract_metrics(pl.concat([one, two]))
    assert found.select("document_key", "sentence_index", "char_start", "surface").rows() == [
        ("a", 0, 16, "23 people"), ("b", 1, 23, "23 people")]


def test_empty_input() -> None:
    empty = pl.DataFrame(schema=SENTENCE_SCHEMA)
    assert_frame_equal(extract_metrics(empty), pl.DataFrame(schema=METRICS_SCHEMA))


# --- country scope -------------------------------------------------------------------------


def mentions(sentences: pl.DataFrame, *items: tuple[int, str, str, str]) -> pl.DataFrame:
    """(sentence_index, surface, country_key, kind) -> mention rows at the surface's first occurrence."""
    out = []
    for index, surface, country, kind in items:
        row = sentences.filter(pl.col("sentence_index") == index).row(0, named=True)
        start = row["sentence_start"] + row["sentence"].index(surface)
        out.append(("doc", index, start, start + len(surface), surface, country, kind))
    return pl.DataFrame(out, schema=MENTION_SCHEMA, orient="row")


def scoped(sentences: pl.DataFrame, found_mentions: pl.DataFrame, with_text: bool = True) -> list[tuple]:
    metrics = extract_metrics(sentences)
    result = assign_metric_countries(metrics, found_mentions, sentences if with_text else None)
    assert result.schema == pl.Schema(METRICS_WITH_COUNTRY_SCHEMA)
    assert_frame_equal(result.drop("country_key"), metrics)  # same rows, same order
    return result.select("metric", "value", "country_key").rows()


@pytest.mark.parametrize("with_text", [True, False])
def test_country_scope_example(with_text: bool) -> None:
    sentences = sentences_of(EXAMPLE, "Precisely in Croatia, the authorities made 11 arrests.")
    found = mentions(
        sentences, (0, "Italian", "ITA", "demonym"), (0, "Netherlands", "NLD", "name"),
        (0, "United Kingdom", "GBR", "name"), (0, "Sweden", "SWE", "name"), (0, "Switzerland", "CHE", "name"),
        (0, "Romania", "ROU", "name"), (0, "Croatia", "HRV", "name"), (1, "Croatia", "HRV", "name"),
    )
    assert scoped(sentences, found, with_text) == [
        ("officers_deployed", 270.0, None), ("arrests", 11.0, None), ("suspects", 102.0, None),
        ("searches", 89.0, "ITA"),  # "in 15 Italian regions"
        ("searches", 14.0, None),  # a list of six countries
        ("arrests", 11.0, "HRV"),  # "Precisely in Croatia"
    ]


@pytest.mark.parametrize("with_text", [True, False])
def test_nationality_of_the_counted_people_is_not_a_scope(with_text: bool) -> None:
    sentences = sentences_of("Two Russian nationals were arrested in Argentina on request of the United States.")
    found = mentions(sentences, (0, "Russian", "RUS", "demonym"), (0, "Argentina", "ARG", "name"),
                     (0, "United States", "USA", "name"))
    assert scoped(sentences, found, with_text)[0][2] == "ARG"


def test_a_citizen_of_a_country_is_not_a_scope() -> None:
    sentences = sentences_of("Trei persoane, între care un cetățean al Republicii Moldova, au fost reținute.",
                             language="ro")
    found = mentions(sentences, (0, "Moldova", "MDA", "name"))
    assert scoped(sentences, found) == [("arrests", 3.0, None)]


def test_requesting_country_is_not_a_scope() -> None:
    sentences = sentences_of("La Policía Federal Argentina detuvo a dos ciudadanos rusos, a pedido de la justicia "
                             "de Estados Unidos.", language="es")
    found = mentions(sentences, (0, "Argentina", "ARG", "name"), (0, "rusos", "RUS", "demonym"),
                     (0, "Estados Unidos", "USA", "name"))
    assert scoped(sentences, found) == [("arrests", 2.0, "ARG")]


def test_arrests_take_the_country_of_the_police_that_made_them() -> None:
    sentences = sentences_of("11 people were arrested by the Spanish National Police.")
    assert scoped(sentences, mentions(sentences, (0, "Spanish", "ESP", "demonym"))) == [("arrests", 11.0, "ESP")]


def test_other_figures_need_a_place_not_an_agency() -> None:
    sentences = sentences_of("The U.S. Department of Justice has charged two Russian nationals.",
                             "The service had 22 million users in Italy.",
                             "Spain's police said the service had 2 million subscribers.")
    found = mentions(sentences, (0, "U.S.", "USA", "name"), (0, "Russian", "RUS", "demonym"),
                     (1, "Italy", "ITA", "name"), (2, "Spain", "ESP", "name"))
    assert scoped(sentences, found) == [("suspects", 2.0, None), ("users_affected", 22e6, "ITA"),
                                        ("users_affected", 2e6, None)]


def test_no_country_in_the_clause_and_country_counts() -> None:
    # (the arrests come first: an earlier sentence's one country would scope them, see below)
    sentences = sentences_of("Police arrested 3 people.", "Police seized 50 servers.",
                             "Authorities in 18 countries took part, led by Italy.", "Servers were seized in Germany.")
    found = mentions(sentences, (2, "Italy", "ITA", "name"), (3, "Germany", "DEU", "name"))
    assert scoped(sentences, found) == [("arrests", 3.0, None), ("servers_seized", 50.0, None),
                                        ("countries_involved", 18.0, None)]


def test_arrests_and_searches_take_the_one_country_of_the_earlier_context() -> None:
    sentences = sentences_of("In Spain, the Guardia Civil dismantled a pirate IPTV network.",
                             "Twelve people were arrested and 30 homes were searched.",
                             "The service had 2 million users.",
                             "Police in France and Belgium also took part.",
                             "Four more people were arrested.")
    found = mentions(sentences, (0, "Spain", "ESP", "name"), (3, "France", "FRA", "name"),
                     (3, "Belgium", "BEL", "name"))
    assert scoped(sentences, found) == [("arrests", 12.0, "ESP"), ("searches", 30.0, "ESP"),
                                        ("users_affected", 2e6, None), ("arrests", 4.0, None)]


def test_a_country_and_abroad_is_not_one_country() -> None:
    sentences = sentences_of("Officers took 50 servers offline in Spain and abroad.")
    assert scoped(sentences, mentions(sentences, (0, "Spain", "ESP", "name"))) == [("servers_seized", 50.0, None)]


def test_assign_countries_on_empty_metrics() -> None:
    empty = pl.DataFrame(schema=METRICS_SCHEMA)
    result = assign_metric_countries(empty, pl.DataFrame(schema=MENTION_SCHEMA))
    assert_frame_equal(result, pl.DataFrame(schema=METRICS_WITH_COUNTRY_SCHEMA))


# --- generalisation: figures stated in other styles ------------------------------------------

STYLE_CASES = [
    # noun phrases, passives, counts before their noun
    ("en", "Police said the arrest of 12 people followed a two-year investigation.", [("arrests", 12)]),
    ("en", "The raids led to the arrest of 12 people and the seizure of 40 servers.",
     [("arrests", 12), ("servers_seized", 40)]),
    ("en", "12 people were taken into custody on Tuesday.", [("arrests", 12)]),
    ("en", "Police took 6 men into custody.", [("arrests", 6)]),
    ("en", "12 people were placed in custody.", [("arrests", 12)]),
    ("en", "Nine suspects were held.", [("arrests", 9)]),
    ("en", "Officers detained a dozen suspects in Madrid.", [("arrests", 12)]),
    ("en", "Police arrested the alleged ringleader and five accomplices.", [("arrests", 5)]),
    ("en", "Investigators identified 21 suspects, of whom 9 were detained.", [("suspects", 21), ("arrests", 9)]),
    ("en", "Searches were carried out at 30 addresses across the country.", [("searches", 30)]),
    ("en", "Police raided 45 homes and businesses.", [("searches", 45)]),
    ("en", "Some 1,200 illegal streams, links and sites were blocked.", [("domains_seized", 1200)]),
    ("en", "More than 2,500 illegal IPTV links were disabled.", [("domains_seized", 2500)]),
    ("en", "Authorities closed down 3 IPTV services and 25 servers.", [("servers_seized", 25)]),
    ("en", "Subscribers numbered about 500,000.", [("users_affected", 5e5)]),
    ("en", "The service had a customer base of 2m.", [("users_affected", 2e6)]),
    ("en", "The number of users reached 2 million.", [("users_affected", 2e6)]),
    ("en", "Arrests totalled 14 across the country.", [("arrests", 14)]),
    ("en", "Officers numbered 120 in total.", [("officers_deployed", 120)]),
    ("en", "Losses were estimated at €10m.", [("financial_damage", 10e6)]),
    ("en", "Investigators seized cash worth £250,000.", [("assets_seized", 250000)]),
    ("en", "Prosecutors froze assets of EUR 3 million.", [("assets_seized", 3e6)]),
    ("en", "Police also seized cryptocurrency worth $1.2m.", [("assets_seized", 1.2e6)]),
    ("en", "43 officers took part in the operation.", [("officers_deployed", 43)]),
    ("en", "The action took place in 12 European countries.", [("countries_involved", 12)]),
    ("en", "Investigators issued 7 European Investigation Orders.", [("legal_requests", 7)]),
    ("en", "Hundreds of officers took part in raids.", [("officers_deployed", 100)]),
    ("en", "Thousands of users were affected.", [("users_affected", 1000)]),
    ("en", "Twenty-three people were arrested.", [("arrests", 23)]),
    # Italian
    ("it", "Nel corso dell'operazione sono stati eseguiti 25 decreti di perquisizione.", [("searches", 25)]),
    ("it", "Gli abbonati erano circa 500.000.", [("users_affected", 5e5)]),
    ("it", "Gli agenti hanno oscurato oltre 1.200 siti e link illegali.", [("domains_seized", 1200)]),
    ("it", "Tre persone sono finite in manette.", [("arrests", 3)]),
    ("it", "Centinaia di agenti hanno partecipato.", [("officers_deployed", 100)]),
    # Spanish
    ("es", "Se han bloqueado más de 1.200 enlaces y páginas web.", [("domains_seized", 1200)]),
    ("es", "Los clientes ascendían a unos 300.000.", [("users_affected", 3e5)]),
    ("es", "La operación se ha saldado con 11 detenidos.", [("arrests", 11)]),
    ("es", "Los agentes han practicado 12 registros domiciliarios.", [("searches", 12)]),
    # Portuguese
    ("pt", "A polícia deteve doze pessoas e cumpriu 30 mandados de busca.", [("arrests", 12), ("searches", 30)]),
    ("pt", "Foram bloqueados mais de 500 sites e aplicativos.", [("domains_seized", 500)]),
    # French
    ("fr", "Les abonnés étaient environ 200 000.", [("users_affected", 2e5)]),
    ("fr", "Une vingtaine de perquisitions ont été menées.", [("searches", 20)]),
    # German
    ("de", "Mehr als 1.200 illegale Streams und Webseiten wurden gesperrt.", [("domains_seized", 1200)]),
    ("de", "Die Ermittler stellten 40 Server sicher.", [("servers_seized", 40)]),
    ("de", "Die Zahl der Nutzer lag bei rund 2 Millionen.", [("users_affected", 2e6)]),
    # Dutch
    ("nl", "Het aantal gebruikers bedroeg 40.000.", [("users_affected", 40000)]),
    ("nl", "Er werden ruim 300 websites offline gehaald.", [("domains_seized", 300)]),
    # Romanian
    ("ro", "Rețeaua avea peste 50.000 de abonați.", [("users_affected", 50000)]),
    ("ro", "Au fost blocate 200 de site-uri.", [("domains_seized", 200)]),
]


@pytest.mark.parametrize(("language", "text", "metrics"), STYLE_CASES)
def test_metric_styles(language: str, text: str, metrics: list[tuple[str, float]]) -> None:
    found = brief(text, language).select("metric", "value")
    assert_frame_equal(found, pl.DataFrame(metrics, schema={"metric": pl.String, "value": pl.Float64}, orient="row"))


STYLE_TRAPS = [
    ("en", "The site offered links to 5,000 films."),  # links without a seizure verb
    ("en", "Users paid 10 a month for access."),  # a noun before a price is not a count
    ("en", "The police held 3 press conferences."),
    ("en", "3 people, including two minors, were arrested."[len("3 people, "):]),
    ("en", "The gang earned an estimated €15 million."),
    ("en", "The illegal service generated revenues of about €2 million."),
]


@pytest.mark.parametrize(("language", "text"), STYLE_TRAPS)
def test_style_traps_are_rejected(language: str, text: str) -> None:
    assert brief(text, language).height == 0


# --- generalisation: country scope with the real country finder ----------------------------


def _scope_of(text: str, language: str = "en") -> list[tuple]:
    from transforms.countries import find_country_mentions

    sentences = sentences_of(text, language=language)
    metrics = extract_metrics(sentences)
    return assign_metric_countries(metrics, find_country_mentions(sentences), sentences).select(
        "metric", "value", "country_key").rows()


SCOPE_CASES = [
    ("en", "In Spain, police arrested four people.", [("arrests", 4.0, "ESP")]),
    ("en", "Spanish police arrested 4 suspects.", [("arrests", 4.0, "ESP")]),
    ("en", "Italy's police arrested 7 people.", [("arrests", 7.0, "ITA")]),
    ("en", "Spanish police, working with Europol, arrested 6 people in Valencia.", [("arrests", 6.0, "ESP")]),
    ("en", "The police detained 8 people in France.", [("arrests", 8.0, "FRA")]),
    ("es", "La Guardia Civil ha detenido a 15 personas.", [("arrests", 15.0, "ESP")]),
    ("nl", "De FIOD doorzocht 12 panden.", [("searches", 12.0, "NLD")]),
    ("de", "Das Bundeskriminalamt hat sieben Tatverdächtige festgenommen.", [("arrests", 7.0, "DEU")]),
    ("ro", "Procurorii DIICOT au efectuat 20 de percheziții.", [("searches", 20.0, "ROU")]),
    ("en", "The Guardia Civil and the FBI arrested 4 people.", [("arrests", 4.0, None)]),  # two countries
    ("pt", "A Polícia Judiciária deteve doze pessoas e cumpriu 30 mandados de busca.",
     [("arrests", 12.0, "PRT"), ("searches", 30.0, "PRT")]),
    ("it", "In Spagna sono state arrestate quattro persone.", [("arrests", 4.0, "ESP")]),
    ("fr", "En Espagne, quatre personnes ont été interpellées.", [("arrests", 4.0, "ESP")]),
    ("de", "In Spanien wurden vier Personen festgenommen.", [("arrests", 4.0, "ESP")]),
    ("nl", "In België werden vier mensen gearresteerd.", [("arrests", 4.0, "BEL")]),
    ("ro", "În Spania au fost reținute patru persoane.", [("arrests", 4.0, "ESP")]),
    # a breakdown of a total is not a new figure, and its place does not locate the total
    # a part placed in a country is a figure of its own, scoped there; the total stays unscoped
    ("en", "Eleven people were arrested, four of them in Portugal.", [("arrests", 11.0, None), ("arrests", 4.0, "PRT")]),
    ("es", "La policía detuvo a 15 personas, tres de ellas en Portugal.", [("arrests", 15.0, None), ("arrests", 3.0, "PRT")]),
    # the country is about something else of the sentence, or one of several
    ("en", "Police arrested 5 people, the Dutch prosecutor said, adding that the service was hosted in Germany.",
     [("arrests", 5.0, None)]),
    ("en", "Europol said 9 people were arrested in the operation, which was supported by authorities in Spain.",
     [("arrests", 9.0, None)]),
    ("en", "Police arrested 10 people in operations in Spain, France and Italy.", [("arrests", 10.0, None)]),
    ("en", "Officers from the UK and Ireland arrested 3 people.", [("arrests", 3.0, None)]),
    ("en", "German investigators, backed by counterparts abroad, carried out 73 searches.",
     [("searches", 73.0, None)]),
    ("en", "The platform, which was popular in Germany, had 3 million users.", [("users_affected", 3e6, None)]),
    # where servers, domains or money were is not the figure's scope
    ("en", "Three men were arrested in Bulgaria; 40 servers in the Netherlands were taken offline.",
     [("arrests", 3.0, "BGR"), ("servers_seized", 40.0, None)]),
    ("en", "Police in Spain seized €300,000 in cash.", [("assets_seized", 3e5, None)]),
    ("en", "The authorities in the United States are not only interested in piracy, but the federal "
           "authorities arrested two people.", [("arrests", 2.0, None)]),
]


@pytest.mark.parametrize(("language", "text", "expected"), SCOPE_CASES)
def test_country_scope_styles(language: str, text: str, expected: list[tuple]) -> None:
    assert _scope_of(text, language) == expected
