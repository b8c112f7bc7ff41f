import datetime as dt

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.dates import (
    action_date_mentions,
    extract_action_dates,
    extract_published_dates,
    find_dates,
)
from transforms.sentences import split_sentences

BODY = (
    "Police arrested eleven people and seized fifty servers in raids against an illegal "
    "streaming network, prosecutors said after a two-year investigation."
)


def _published(text: str) -> dt.date | None:
    out = extract_published_dates(pl.DataFrame({"document_key": ["k"], "text": [text]}))
    return out.item(0, "published_date")


def _action(text: str, published: str | None, language: str | None = "en") -> dt.date | None:
    documents = pl.DataFrame({"document_key": ["k"], "text": [text]})
    reference = pl.DataFrame(
        {
            "document_key": ["k"],
            "published_date": [dt.date.fromisoformat(published) if published else None],
            "language": [language],
        },
        schema={"document_key": pl.String, "published_date": pl.Date, "language": pl.String},
    )
    out = extract_action_dates(split_sentences(documents), reference)
    return out.item(0, "action_date")


# --- published dates ------------------------------------------------------------------


def test_published_frame_contract():
    text = f"Police raid pirates\nBrussels, 26.08.2020, 18:39 Time\n\n{BODY}"
    out = extract_published_dates(pl.DataFrame({"document_key": ["a", "b"], "text": [text, None]}))
    start = text.index("26.08.2020")
    expected = pl.DataFrame(
        {
            "document_key": ["a", "b"],
            "published_date": [dt.date(2020, 8, 26), None],
            "char_start": [start, None],
            "char_end": [start + len("26.08.2020"), None],
            "surface": ["26.08.2020", None],
        },
        schema={
            "document_key": pl.String,
            "published_date": pl.Date,
            "char_start": pl.Int64,
            "char_end": pl.Int64,
            "surface": pl.String,
        },
    )
    assert_frame_equal(out, expected)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("date 2024-11-27", dt.date(2024, 11, 27)),
        ("Brussels, 26.08.2020, 18:39 Time", dt.date(2020, 8, 26)),
        ("Thursday 17/November/2022 - 09:30 PM", dt.date(2022, 11, 17)),
        ("17.11.2022, 09:51 Uhr | von Jana Vogt", dt.date(2022, 11, 17)),
        ("Buenos Aires, 17 de noviembre de 2022.", dt.date(2022, 11, 17)),
        ("November 17, 2022", dt.date(2022, 11, 17)),
        ("Published: 3 March 2023", dt.date(2023, 3, 3)),
        ("27 novembre 2024", dt.date(2024, 11, 27)),
        ("Veröffentlicht am 3. November 2022", dt.date(2022, 11, 3)),
        ("Pubblicato il 27 novembre 2024 alle 10:30", dt.date(2024, 11, 27)),
        ("Publié le 1er mars 2023 à 14h05", dt.date(2023, 3, 1)),
        ("Lisboa, 3 de março de 2023", dt.date(2023, 3, 3)),
        ("Gepubliceerd op 3 maart 2023", dt.date(2023, 3, 3)),
        ("Publicat: 3 martie 2023, 12:40", dt.date(2023, 3, 3)),
        ("Nov. 18, 2022 2:41 PM", dt.date(2022, 11, 18)),
        ("Posted 06/19/2020 by the team", dt.date(2020, 6, 19)),
    ],
)
def test_published_date_forms(header, expected):
    assert _published(f"Police raid pirate streaming network\n{header}\n\n{BODY}") == expected


def test_dateline_opening_the_first_paragraph():
    text = f"Police raid pirates\n\nMADRID, 18 June 2020 — {BODY}"
    assert _published(text) == dt.date(2020, 6, 18)


def test_a_joint_dateline_of_two_places():
    assert _published(f"Pirates shut down\n\nLOS ANGELES and JAKARTA, June 25, 2025 — {BODY}") == dt.date(2025, 6, 25)


def test_byline_under_a_standfirst_dates_the_text():
    standfirst = ("It sold football, films and box sets to a quarter of a million homes for less than the price "
                  "of a takeaway. Then the police knocked.")
    text = f"The fall of a pirate service\n\n{standfirst}\n\nBy Ann Smith · Sunday 20 July 2025 · 14 min read\n\n{BODY}"
    assert _published(text) == dt.date(2025, 7, 20)
    # a date in the second body paragraph is the action, not the publication
    text = f"The fall of a pirate service\n\n{standfirst}\n\nOn 3 June 2025 police raided a villa.\n\n{BODY}"
    assert _published(text) is None


def test_stamp_line_under_a_standfirst_dates_the_text():
    standfirst = "Hay dos detenidos en el país. La causa empezó con una denuncia de LaLiga y siguió dos años."
    text = f"Golpe a la piratería\n\n{standfirst}\n\nMiércoles 17 de septiembre de 2025 · 09:40 | Por Redacción\n\n{BODY}"
    assert _published(text) == dt.date(2025, 9, 17)


def test_wire_dateline_without_year_takes_the_year_of_a_full_date():
    text = f"MADRID, 12 March (Reuters) - {BODY} The network had run since 1 January 2023."
    assert _published(text) == dt.date(2023, 3, 12)


def test_weekday_without_date_gives_no_published_date():
    assert _published(f"Headline about pirates\nPosted Saturday at 09:12 AM\n\n{BODY}") is None


def test_body_dates_are_not_publication_dates():
    assert _published(f"{BODY} The raids took place on 3 November 2022 in Catania and Rome.") is None


def test_publish_cue_beats_other_header_dates():
    text = f"Raids of 3 November 2022 hit pirates\nPublished: 5 November 2022\n\n{BODY}"
    assert _published(text) == dt.date(2022, 11, 5)


# --- date grammar ---------------------------------------------------------------------


def test_abbreviated_month_needs_a_dot_or_digit():
    assert find_dates("3 out of 5 people") == []
    assert [(m.day, m.month) for m in find_dates("on 3 Oct 2022 and Nov. 18")] == [(3, 10), (18, 11)]


def test_may_as_a_verb_is_not_a_date():
    assert find_dates("police may 3 times") == []


def test_date_range_gives_its_first_day():
    assert [(m.day, m.month) for m in find_dates("on 8 and 9 November")] == [(8, 11)]


# --- action dates ---------------------------------------------------------------------


def test_action_frame_contract():
    text = "Police arrested two men on 3 November. The court heard the case."
    documents = pl.DataFrame({"document_key": ["a", "b"], "text": [text, "Nothing dated here at all."]})
    published = pl.DataFrame(
        {"document_key": ["a", "b"], "published_date": [dt.date(2022, 11, 17), dt.date(2022, 11, 17)]}
    )
    out = extract_action_dates(split_sentences(documents), published)
    start = text.index("3 November")
    expected = pl.DataFrame(
        {
            "document_key": ["a", "b"],
            "sentence_index": [0, None],
            "action_date": [dt.date(2022, 11, 3), None],
            "char_start": [start, None],
            "char_end": [start + len("3 November"), None],
            "surface": ["3 November", None],
        },
        schema={
            "document_key": pl.String,
            "sentence_index": pl.Int64,
            "action_date": pl.Date,
            "char_start": pl.Int64,
            "char_end": pl.Int64,
            "surface": pl.String,
        },
    )
    assert_frame_equal(out, expected)


@pytest.mark.parametrize(
    "language, published, text, expected",
    [
        ("en", "2020-08-26", "The network was dismantled yesterday in a coordinated action.", "2020-08-25"),
        ("en", "2024-06-21", "A federal jury in Las Vegas yesterday found five men guilty.", "2024-06-20"),
        ("en", "2024-06-21", "They applauded the jury verdict returned on Thursday in federal court.", "2024-06-20"),
        ("en", "2024-03-14", "Officers seized 50 servers today.", "2024-03-14"),
        ("en", "2022-11-17", "Both were arrested on Nov. 3 in Córdoba, Argentina.", "2022-11-03"),
        ("en", "2017-11-10", "Eurojust lent its support on 8 and 9 November to a joint operation.", "2017-11-08"),
        ("it", "2024-11-27", "La Polizia Postale ha arrestato ieri cinque persone a Catania.", "2024-11-26"),
        ("it", "2024-11-27", "Martedì scorso i carabinieri hanno eseguito 12 perquisizioni.", "2024-11-26"),
        ("es", "2022-11-17", "Las detenciones se concretaron el pasado 3 de noviembre.", "2022-11-03"),
        ("es", "2022-11-17", "La Guardia Civil detuvo el pasado martes a tres personas.", "2022-11-15"),
        ("es", "2022-11-17", "Los agentes desmantelaron ayer la red de IPTV.", "2022-11-16"),
        ("pt", "2023-03-10", "A Polícia Federal prendeu ontem dois suspeitos.", "2023-03-09"),
        ("pt", "2023-03-10", "Na terça-feira, a polícia cumpriu 20 mandados de busca.", "2023-03-07"),
        ("fr", "2023-03-10", "La gendarmerie a interpellé hier trois personnes.", "2023-03-09"),
        ("fr", "2023-03-10", "Mardi dernier, les enquêteurs ont démantelé le réseau.", "2023-03-07"),
        ("de", "2022-11-17", "Beide wurden bereits am 3. November in Córdoba festgenommen.", "2022-11-03"),
        ("de", "2023-03-10", "Die Polizei hat am Dienstag drei Verdächtige festgenommen.", "2023-03-07"),
        ("de", "2023-03-10", "Ermittler durchsuchten gestern 15 Wohnungen.", "2023-03-09"),
        ("nl", "2023-03-10", "De politie heeft gisteren twee verdachten aangehouden.", "2023-03-09"),
        ("nl", "2023-03-10", "Op dinsdag werden vijf woningen doorzocht.", "2023-03-07"),
        ("ro", "2023-03-10", "Poliția a reținut ieri doi suspecți.", "2023-03-09"),
        ("ro", "2023-03-10", "Polițiștii au efectuat marți 12 percheziții.", "2023-03-07"),
    ],
)
def test_action_date_forms(language, published, text, expected):
    assert _action(text, published, language) == dt.date.fromisoformat(expected)


def test_missing_year_after_publication_is_the_previous_year():
    assert _action("Police raided the homes on 28 December.", "2023-01-05") == dt.date(2022, 12, 28)


def test_weekday_equal_to_publication_weekday_is_a_week_earlier():
    # 2024-06-21 is a Friday
    assert _action("Police arrested the men on Friday.", "2024-06-21") == dt.date(2024, 6, 14)


@pytest.mark.parametrize(
    "text",
    [
        "The Department of Justice announced on Wednesday that eight men had been indicted.",
        "One jury found the men guilty, said the Department of Justice in a statement on Thursday.",
        "Wie das US-Justizministerium am Mittwoch mitteilte, wurden zwei Personen angeklagt.",
        "Aunque el caso se dio a conocer este jueves, nadie fue detenido.",
        "The EU's judicial cooperation agency said on Friday that two suspects had been arrested.",
    ],
)
def test_announcement_dates_are_not_action_dates(text):
    assert _action(text, "2024-06-21", None) is None


def test_announcement_and_action_in_one_sentence():
    text = "The Department of Justice announced on Wednesday that two people were arrested on 3 November."
    assert _action(text, "2022-11-17") == dt.date(2022, 11, 3)


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested 11 people last week.",
        "The suspects were arrested in early November.",
        "They were arrested in Argentina in November 2022.",
        "Police will raid more homes next Tuesday.",
        "Sentencing is scheduled for 3 July 2024.",
        "Z-Library has been online since 2009 and is still reachable today.",
    ],
)
def test_no_action_date(text):
    assert _action(text, "2024-06-21") is None


def test_dateline_is_not_an_action_date():
    text = "MADRID, 18 June 2020 — The Spanish National Police has dismantled an IPTV network."
    assert _action(text, "2020-06-18") is None


def test_relative_date_needs_a_publication_date():
    assert _action("Police arrested two men yesterday.", None) is None


def test_hier_is_yesterday_only_in_french():
    assert _action("Hier wurden 15 Wohnungen durchsucht.", "2023-03-10", "de") is None


def test_took_action_is_an_act():
    text = "On 23 April, authorities from five countries took action against the network."
    assert _action(text, "2025-04-24") == dt.date(2025, 4, 23)


def test_a_coordinated_action_and_an_order_carried_out_are_acts():
    text = "Hier, mardi 14 octobre, les gendarmes ont participé à une action coordonnée au niveau européen."
    assert _action(text, "2025-10-15", "fr") == dt.date(2025, 10, 14)
    text = "Dalle prime ore di questa mattina la Polizia Postale sta dando esecuzione a un'ordinanza del GIP."
    assert _action(text, "2025-10-14", "it") == dt.date(2025, 10, 14)


def test_a_weekday_with_its_part_of_the_day_written_on():
    text = "Am Dienstagmorgen durchsuchten 160 Einsatzkräfte Wohnungen in Bayern."
    assert _action(text, "2024-11-28", "de") == dt.date(2024, 11, 26)
    assert _action("Bij invallen op dinsdagavond werden twee mannen aangehouden.", "2024-11-28", "nl") == dt.date(2024, 11, 26)


def test_recent_action_date_beats_background_date():
    text = "Police seized servers on 3 March 2019. On 12 March police arrested the operators."
    assert _action(text, "2024-03-14") == dt.date(2024, 3, 12)


def test_publication_evidence_is_skipped():
    text = f"date 2024-11-27 {BODY}"
    documents = pl.DataFrame({"document_key": ["k"], "text": [text]})
    published = extract_published_dates(documents)
    out = extract_action_dates(split_sentences(documents), published)
    assert out.item(0, "action_date") is None


def test_mentions_carry_their_role():
    text = "The DOJ announced on Wednesday that police arrested two men on 3 November."
    documents = pl.DataFrame({"document_key": ["k"], "text": [text]})
    published = pl.DataFrame({"document_key": ["k"], "published_date": [dt.date(2022, 11, 17)]})
    out = action_date_mentions(split_sentences(documents), published)
    assert out.select("surface", "date", "role").to_dicts() == [
        {"surface": "Wednesday", "date": dt.date(2022, 11, 16), "role": "announcement"},
        {"surface": "3 November", "date": dt.date(2022, 11, 3), "role": "action"},
    ]


# --- header forms found by the synthetic corpus ------------------------------------------

_DATELINE_HEADERS = [  # (language, press-release label, dateline) of 26 May 2020
    ("en", "PRESS RELEASE", "Gothenburg, 26 May 2020"),
    ("it", "COMUNICATO STAMPA", "Milano, 26 maggio 2020"),
    ("es", "NOTA DE PRENSA", "Madrid, 26 de mayo de 2020"),
    ("pt", "COMUNICADO DE IMPRENSA", "Lisboa, 26 de maio de 2020"),
    ("fr", "COMMUNIQUÉ DE PRESSE", "Paris, le 26 mai 2020"),
    ("de", "PRESSEMITTEILUNG", "Wiesbaden, 26. Mai 2020"),
    ("nl", "PERSBERICHT", "Den Haag, 26 mei 2020"),
    ("ro", "COMUNICAT DE PRESĂ", "București, 26 mai 2020"),
]


@pytest.mark.parametrize("language, label, dateline", _DATELINE_HEADERS)
def test_press_release_dateline_header(language, label, dateline):
    text = f"{label}\n{dateline}\n\nPolice raid pirate streaming network\n\n{BODY}"
    assert _published(text) == dt.date(2020, 5, 26)


@pytest.mark.parametrize(
    "line",
    [
        "Date: 26 May 2020",  # en
        "Data: 26/05/2020",  # it, pt, ro
        "Data: 26 maggio 2020",
        "Fecha: 26/05/2020",  # es
        "Fecha: 26 de mayo de 2020",
        "Data: 26 de maio de 2020",
        "Date : 26/05/2020",  # fr
        "Datum: 26.05.2020",  # de, nl
        "Datum: 26 mei 2020",
        "Data: 26.05.2020",  # ro
    ],
)
def test_labelled_date_line(line):
    assert _published(f"PRESS RELEASE\n{line}\n\nPolice raid pirate streaming network\n\n{BODY}") == dt.date(2020, 5, 26)


def test_wire_stamp_beats_a_body_date_after_the_dateline():
    text = (
        "May 26, 2020 4:31 PM GMT · Updated 2 hours ago\n\nPolice raid pirates\n\n"
        f"LONDON, May 26 (Reuters) - On 22 May 2020, police raided a data centre. {BODY}"
    )
    assert _published(text) == dt.date(2020, 5, 26)


@pytest.mark.parametrize(
    "header, expected",
    [
        ("13/07/2026 – 9:35 | Updated 12:02", dt.date(2026, 7, 13)),  # stamp, then an update time
        ("Published 3 May 2020 | Updated 5 May 2020", dt.date(2020, 5, 3)),
        ("Updated 5 May 2020", dt.date(2020, 5, 5)),
    ],
)
def test_update_cue_demotes_only_the_dates_after_it(header, expected):
    text = f"Police raid pirates\n{header}\n\nOn 1 May 2020, police raided a data centre. {BODY}"
    assert _published(text) == expected


@pytest.mark.parametrize(
    "header",
    ["Nieuwsbericht | 18-06-2025 | 11:00", "Persbericht | 18-06-2025 | 11:00", "Comunicato | 18-06-2025 | 11:00"],
)
def test_pipe_separated_header_with_dashed_numeric_date(header):
    assert _published(f"REGIO NIEUWS\n{header}\n\nPolitie rolt netwerk op\n\n{BODY}") == dt.date(2025, 6, 18)


@pytest.mark.parametrize(
    "opening",
    [
        "Police in Poland on 10 November 2024 dismantled",
        "On 10 November 2024, the police dismantled",
        "La polizia il 10 novembre 2024 ha smantellato",
        "Die Polizei hat am 10. November 2024 zerschlagen",
    ],
)
def test_action_date_opening_the_body_is_not_a_dateline(opening):
    assert _published(f"Police raid pirates\n\n{opening} a network. {BODY}") is None


def test_numeric_dates_are_day_first_unless_the_text_shows_month_first():
    header = "Police raid pirates\nPosted 05/06/2020\n\n"
    assert _published(f"{header}{BODY}") == dt.date(2020, 6, 5)
    us = f"{header}{BODY} The site had been online since 12/24/2019."
    assert _published(us) == dt.date(2020, 5, 6)
    frame = pl.DataFrame({"document_key": ["k"], "text": [us], "language": ["it"]})
    assert extract_published_dates(frame).item(0, "published_date") == dt.date(2020, 6, 5)


def test_a_repost_note_gives_the_original_date_not_this_publication() -> None:
    from transforms.dates import published_date_of

    text = ("[Reposted with permission. This story originally appeared in the Houston Ledger on April 8, 2025. "
            "Some figures may have been updated since.]\n\nSportsTech Insider | Thursday, April 10, 2025\n\n"
            "Two Houston men have admitted running a pirate sports streaming network that federal agents shut down "
            "last summer, in a case that the major leagues hope will deter copycats.")
    assert published_date_of(text, "en")[0] == dt.date(2025, 4, 10)


def test_a_weekday_with_its_day_in_parentheses_or_after_this() -> None:
    from transforms.dates import find_relative_dates

    wednesday = dt.date(2025, 7, 23)

    def resolved(text: str, language: str) -> list[dt.date | None]:
        return [m.resolve(wednesday) for m in find_relative_dates(text, language)]

    # Brazilian style adds the day: the reference day itself here
    assert resolved("A Polícia Civil deflagrou nesta quarta-feira (23) a operação.", "pt") == [wednesday]
    assert resolved("A operação foi deflagrada na segunda-feira (21).", "pt") == [dt.date(2025, 7, 21)]
    # "this Wednesday" may be the day of publication; a bare "on Wednesday" is the one before
    assert resolved("Police raided the homes this Wednesday.", "en") == [wednesday]
    assert resolved("Police said on Wednesday they had arrested two men.", "en") == [dt.date(2025, 7, 16)]
