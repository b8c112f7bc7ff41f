import datetime

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from transforms.operations import (
    RESOLUTION_FEATURE_BY_ID_SCHEMA, RESOLUTION_FEATURE_SCHEMA, RESOLUTION_REPORT_SCHEMA, assign_operations, find_operation_editions,
    find_operation_names, find_target_groups, link_scores, mark_recap_sentences, operation_key, report_signature,
    reports_to_resolve, resolution_names, resolve_operations, rollup_operations, split_edition, word_boundary_parts,
)
from transforms.sentences import split_sentences


def _sentences(*texts: str) -> pl.DataFrame:
    return split_sentences(pl.DataFrame({"document_key": [f"d{i}" for i in range(len(texts))], "text": list(texts)}))


def test_operation_names_in_several_forms_and_languages():
    sentences = _sentences(
        'Operation “Taken Down” dismantled a network.',
        "The operation, called Operazione Gotha, followed.",
        "La Operación Black Hole terminó.",
        'The “Taken Down” operation was a success.',
        "An Operation Centre was set up.",
    )
    names = find_operation_names(sentences)
    assert names.select("document_key", "operation_name").rows() == [
        ("d0", "Taken Down"), ("d1", "Gotha"), ("d2", "Black Hole"), ("d3", "Taken Down")]
    first = names.row(0, named=True)
    assert sentences["sentence"][0][first["char_start"]:first["char_end"]] == first["surface"]


def test_operation_names_introduced_by_a_naming_verb():
    sentences = _sentences(
        "L'operazione, denominata \"Black Out\", ha portato a 12 arresti.",
        "The operation, dubbed Fake Star, ended.",
        "Opération baptisée « Tempête » menée hier.",
        "The operation was called off.",
    )
    assert find_operation_names(sentences).select("document_key", "operation_name").rows() == [
        ("d0", "Black Out"), ("d1", "Fake Star"), ("d2", "Tempête")]


def test_an_operation_named_before_it_is_mentioned_and_a_dutch_investigation():
    sentences = _sentences(
        "Baptisée « Ragnatela » (« toile d'araignée ») par les enquêteurs, l'opération était dirigée par le parquet.",
        'Named "Blackout" by investigators, the operation ran for months.',
        "De FIOD heeft een man aangehouden in het strafrechtelijk onderzoek Stuifzand.",
        'Named "Best Employer", the firm praised the police operation.',  # the name is not the operation's
        "Het onderzoek naar de website loopt nog.",
    )
    assert find_operation_names(sentences).select("document_key", "operation_name").rows() == [
        ("d0", "Ragnatela"), ("d1", "Blackout"), ("d2", "Stuifzand")]


def test_target_groups_from_how_the_text_introduces_them():
    sentences = _sentences(
        'The organised crime group called the "Sparks Group" was dismantled.',
        "Five men were convicted of running Jetflicks, a subscription service.",
        "Z-Library, a shadow library, was seized.",
        "The Netflix series was pirated.",
    )
    targets = find_target_groups(sentences, known_names={"netflix"})
    assert targets.select("document_key", "target_group").rows() == [
        ("d0", "Sparks Group"), ("d1", "Jetflicks"), ("d2", "Z-Library")]


def test_operation_keys_are_stable_and_readable():
    assert operation_key("Taken Down", None, 2024, "abc", 0) == "op-taken-down-2024"
    assert operation_key(None, "Z-Library", 2022, "abc", 0) == "op-z-library-2022"
    assert operation_key(None, None, None, "0123456789abcdef99", 2) == "op-doc-0123456789abcdef-2"


def test_a_recap_sentence_opens_a_passing_mention():
    text = ("Police dismantled the Zeta network yesterday. 11 people were arrested. "
            "Earlier this year, police dismantled another network selling pay-TV access.")
    sentences = _sentences(text)
    published = pl.DataFrame({"document_key": ["d0"], "published_date": [datetime.date(2024, 5, 2)]})
    sentences = mark_recap_sentences(sentences, published)
    assert sentences["is_recap"].to_list() == [False, False, True]
    reports, per_sentence = assign_operations(
        sentences, published, find_operation_names(sentences), find_target_groups(sentences),
        pl.DataFrame({"document_key": ["d0"], "action_date": [datetime.date(2024, 5, 1)]}),
    )
    assert reports["is_primary"].to_list() == [True, False]
    primary, passing = reports["operation_key"].to_list()
    assert per_sentence.sort("sentence_index")["operation_key"].to_list() == [primary, primary, passing]


def test_rollup_takes_the_value_most_reports_state():
    day = datetime.date
    reports = pl.DataFrame({
        "operation_key": ["op"] * 3,
        "document_key": ["a", "b", "c"],
        "is_primary": [True, True, True],
        "operation_name": ["Taken Down", "Taken Down", "Takedown"],
        "target_group": [None, None, None],
        "action_date": [day(2024, 11, 26), None, day(2024, 11, 26)],
        "published_date": [day(2024, 11, 27), day(2024, 11, 28), day(2024, 11, 29)],
        "lead_country_key": ["ITA", "ITA", None],
        "evidence": ["first", "second", "third"],
    }, schema_overrides={"target_group": pl.String})
    expected = pl.DataFrame({
        "operation_key": ["op"], "operation_name": ["Taken Down"], "target_group": [None],
        "action_date": [day(2024, 11, 26)], "announced_date": [day(2024, 11, 27)], "lead_country_key": ["ITA"],
        "summary": ["first"], "document_count": [3],
    }, schema_overrides={"target_group": pl.String, "document_count": pl.Int64})
    assert_frame_equal(rollup_operations(reports), expected)


def _primary_target(*sentences_text: str, known: set[str] | None = None) -> str | None:
    """The primary target chosen for one document made of these sentences."""
    sentences = _sentences(" ".join(sentences_text))
    published = pl.DataFrame({"document_key": ["d0"], "published_date": [datetime.date(2024, 5, 2)]})
    sentences = mark_recap_sentences(sentences, published)
    reports, _ = assign_operations(
        sentences, published, find_operation_names(sentences), find_target_groups(sentences, known),
        pl.DataFrame(schema={"document_key": pl.String, "action_date": pl.Date}),
    )
    return reports.filter("is_primary")["target_group"][0]


def test_target_groups_in_many_languages_and_styles():
    cases = [
        ("Police shut down the pirate site StreamWave after a two-year probe.", "StreamWave"),
        ("Officers raided the homes of the operators of FlixHub in three cities.", "FlixHub"),
        ("Gotv, an illegal IPTV service with 40,000 subscribers, went dark on Monday.", "Gotv"),
        ("La Guardia di Finanza ha oscurato la piattaforma pirata CalcioLibero e denunciato 20 persone.", "CalcioLibero"),
        ("La Policía Nacional desmanteló el servicio ilegal TeleGol y detuvo a cinco personas.", "TeleGol"),
        ("A Polícia Federal derrubou o site pirata FilmesBR nesta terça-feira.", "FilmesBR"),
        ("Les gendarmes ont fermé le site Streamz.tv, qui comptait des milliers d'abonnés.", "Streamz.tv"),
        ("Die Ermittler haben die Plattform KinoFlux abgeschaltet und zwei Männer festgenommen.", "KinoFlux"),
        ("De FIOD heeft de illegale website FilmHaven offline gehaald.", "FilmHaven"),
        ("Poliția a închis platforma Filmeonline după o anchetă de doi ani.", "Filmeonline"),
        ("Investigators dismantled a network known as 4K-Box that resold pay-TV channels.", "4K-Box"),
        ("The group, dubbed “Nova Crew”, released films before their premiere.", "Nova Crew"),
        ("ACE said ZoneFlix's administrators had been identified.", "ZoneFlix"),
        ("Die Betreiber von kinox.to wurden in Leipzig festgenommen.", "kinox.to"),
        ("BREIN heeft de illegale IPTV-aanbieder Flikken TV offline gehaald.", "Flikken TV"),
        ("The criminal organisation Ultra Crew sold access to pay-TV channels.", "Ultra Crew"),
        ("Il servizio pirata, chiamato 'Gotha TV', contava 50mila abbonati.", "Gotha TV"),
        ("MAGIS TV, a popular illegal IPTV app, was blocked in Argentina.", "MAGIS TV"),
        ("The app, CineDhaba, was marketed mainly to the diaspora.", "CineDhaba"),
    ]
    for text, expected in cases:
        assert _primary_target(text, known={"guardia di finanza", "policía nacional", "polícia federal", "fiod", "ace"}) \
            == expected, text


def test_target_group_prefers_the_name_the_document_repeats():
    assert _primary_target(
        "SportFlow shut down after police raids.",
        "The service, according to a report by TechPaper, had 50,000 users.",
        "Police said SportFlow sold subscriptions for 10 euros a month.",
        "SportFlow had been online since 2019.",
    ) == "SportFlow"


def test_no_target_from_agencies_countries_months_or_title_case_headlines():
    assert _primary_target(
        "Massive Pirate IPTV Network Pulled Offline In Europe-Wide Raids",
        "Police in Italy, Spain and France searched 40 homes in June.",
        "The service had about one million users, Europol said.",
        known={"europol"},
    ) is None
    assert _primary_target("Operation Taken Down dismantled a network. Taken Down involved 270 officers. "
                           "Taken Down was led by Italy.") is None


def test_a_recap_of_an_earlier_case_does_not_steal_the_primary_target():
    assert _primary_target(
        "Police arrested the operators of the pirate service NeoStream on Tuesday.",
        "NeoStream had 20,000 subscribers.",
        "Last year, police shut down the pirate site OldFlix in a separate case.",
        "OldFlix had 5,000 users.",
    ) == "NeoStream"


def test_a_period_of_activity_is_not_a_recap():
    text = ("Three men were convicted on Tuesday of running StreamBox. "
            "The jury heard the case for two weeks. "
            "Sentencing is set for August. "
            "According to the charging document, they ran StreamBox from 2015 to 2019 as a subscription service.")
    sentences = mark_recap_sentences(
        _sentences(text), pl.DataFrame({"document_key": ["d0"], "published_date": [datetime.date(2024, 5, 2)]}))
    assert sentences["is_recap"].to_list() == [False, False, False, False]


def test_a_headline_only_target_and_a_repeated_brand():
    assert _primary_target("Police Shut Down Pirate Site Zamunda\n",
                           "Police closed the service on Tuesday. The site had 1.5 million users.") == "Zamunda"
    assert _primary_target("Z-Library got knocked offline.\n",
                           "I had downloaded books from Z-Library for years. Two people were arrested.") == "Z-Library"


def test_no_target_from_people_or_bodies_that_comment_on_the_case():
    assert _primary_target(
        "Federal agents arrested Kristopher Dallmann. Dallmann ran the service. "
        "Dallmann's lawyer declined to comment. Dallmann faces 48 years.") is None
    assert _primary_target(
        "LaLiga Hails IPTV Raids\n", "LaLiga said the IPTV network had 500,000 users. LaLiga welcomed the raids.") is None


def test_background_with_a_recap_cue_but_no_enforcement_is_not_a_recap():
    text = ("Police shut down the pirate site StreamBox on Monday. Two men were arrested. "
            "The site had previously attracted two million visitors a month. "
            "Last year, police raided the homes of the operators of another site.")
    sentences = mark_recap_sentences(
        _sentences(text), pl.DataFrame({"document_key": ["d0"], "published_date": [datetime.date(2024, 5, 2)]}))
    assert sentences["is_recap"].to_list() == [False, False, False, True]


# ------------------------------------------------------------ editions, signatures, resolution


def test_editions_in_several_forms_and_languages():
    sentences = _sentences(
        "Police launched the seventh phase of Operation Lanterna.",
        "A Operação 404.6 derrubou 606 sites.",
        "The 2023 edition of Operation Northgate closed 1,240 domains.",
        "La settima edizione dell'operazione si è chiusa ieri.",
        "Operation Pangea XVI targeted illegal pharmacies.",
        "Faza a doua a operațiunii a avut loc marți.",
        "The second phase of the trial begins in May.",
    )
    editions = find_operation_editions(sentences, find_operation_names(sentences))
    assert sorted(editions.select("document_key", "edition").unique().rows()) == [
        ("d0", "7"), ("d1", "6"), ("d2", "2023"), ("d3", "7"), ("d4", "16"), ("d5", "2")]


def test_split_edition_and_signatures():
    assert split_edition("Pangea XVI") == ("Pangea", "16")
    assert split_edition("404.6") == ("404", "6")
    assert split_edition("Northgate 2024") == ("Northgate", "2024")
    assert split_edition("404") == ("404", None)
    assert split_edition("Taken Down") == ("Taken Down", None)
    assert report_signature("Lanterna", "3", None, 2024, "abc", 0) == "op-lanterna-3"
    assert report_signature("Pangea XVI", None, None, 2023, "abc", 0) == "op-pangea-16"
    assert report_signature("Taken Down", None, "Sparks Group", 2024, "abc", 0) == "op-taken-down-2024"
    assert report_signature(None, None, "kinoflux.to", 2025, "abc", 0) == "op-kinoflux-2025"
    assert report_signature(None, None, None, 2025, "0123456789abcdef99", 1) == "op-doc-0123456789abcdef-1"


def _reports(*rows: dict) -> pl.DataFrame:
    defaults = {column: None for column in RESOLUTION_REPORT_SCHEMA}
    return pl.DataFrame([defaults | {"is_primary": True} | row for row in rows], schema=RESOLUTION_REPORT_SCHEMA)


def _features(**by_document: list[str]) -> pl.DataFrame:
    return pl.DataFrame([(f"r-{doc}", doc, feature) for doc, features in by_document.items() for feature in features],
                        schema=RESOLUTION_FEATURE_SCHEMA, orient="row")


def _resolved(reports: pl.DataFrame, features: pl.DataFrame) -> dict[str, str]:
    return dict(resolve_operations(reports, features).select("document_key", "operation_key").iter_rows())


_DAY = datetime.date


def test_phases_stay_apart_and_a_phase_less_report_joins_the_closest_phase():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "operation_name": "Lanterna", "edition": "3", "action_date": _DAY(2024, 3, 12)},
        {"report_key": "r-b", "document_key": "b", "operation_name": "Lanterna", "edition": "4", "action_date": _DAY(2025, 2, 18)},
        {"report_key": "r-c", "document_key": "c", "operation_name": "Lanterna", "published_date": _DAY(2025, 2, 24)},
        {"report_key": "r-d", "document_key": "d", "operation_name": "Lanterna III", "published_date": _DAY(2024, 3, 15)},
    )
    assert _resolved(reports, _features()) == {
        "a": "op-lanterna-3", "b": "op-lanterna-4", "c": "op-lanterna-4", "d": "op-lanterna-3"}


def test_indictment_and_conviction_years_apart_stay_apart_and_a_passing_mention_finds_its_year():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "target_group": "StreamVault", "action_date": _DAY(2021, 9, 14)},
        {"report_key": "r-b", "document_key": "b", "target_group": "StreamVault", "published_date": _DAY(2021, 9, 20)},
        {"report_key": "r-c", "document_key": "c", "target_group": "StreamVault", "action_date": _DAY(2024, 5, 9)},
        {"report_key": "r-c2", "document_key": "c", "target_group": "StreamVault", "is_primary": False, "action_year": 2021,
         "published_date": _DAY(2024, 5, 9)},
    )
    resolved = resolve_operations(reports, _features())
    assert sorted(resolved.rows()) == [
        ("r-a", "a", "op-streamvault-2021"), ("r-b", "b", "op-streamvault-2021"),
        ("r-c", "c", "op-streamvault-2024"), ("r-c2", "c", "op-streamvault-2021")]


_SPANISH_RAID = ["c:ESP", "a:es-guardia-civil", "m:arrests=7.0", "m:searches=12.0", "p:laliga"]


def test_unnamed_reports_days_apart_link_and_take_a_country_and_day_key():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "action_date": _DAY(2024, 10, 8), "lead_country_key": "ESP",
         "published_date": _DAY(2024, 10, 10)},
        {"report_key": "r-b", "document_key": "b", "published_date": _DAY(2024, 10, 14), "lead_country_key": "ESP"},
        # same week, another country and other figures: another operation
        {"report_key": "r-c", "document_key": "c", "action_date": _DAY(2024, 10, 9), "lead_country_key": "GBR"},
        # the same signals a year later: another operation
        {"report_key": "r-d", "document_key": "d", "action_date": _DAY(2025, 10, 8), "lead_country_key": "ESP"},
    )
    features = _features(a=_SPANISH_RAID, b=_SPANISH_RAID[:3], c=["c:GBR", "a:gb-pipcu", "m:arrests=3.0"], d=_SPANISH_RAID)
    assert _resolved(reports, features) == {
        "a": "op-esp-2024-10-08", "b": "op-esp-2024-10-08", "c": "op-gbr-2024-10-09", "d": "op-esp-2025-10-08"}


def test_an_unnamed_report_joins_the_named_operation_it_shares_signals_with():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "operation_name": "Kyma", "action_date": _DAY(2025, 3, 11), "lead_country_key": "GRC"},
        {"report_key": "r-b", "document_key": "b", "target_group": "OTE", "action_date": _DAY(2025, 3, 11), "lead_country_key": "GRC"},
        {"report_key": "r-c", "document_key": "c", "action_date": _DAY(2025, 3, 11), "lead_country_key": "GRC"},
    )
    shared = ["c:GRC", "a:gr-police", "m:arrests=14.0"]
    assert _resolved(reports, _features(a=shared, b=shared, c=shared)) == {
        "a": "op-kyma-2025", "b": "op-kyma-2025", "c": "op-kyma-2025"}


def test_link_scores_are_symmetric_and_need_overlapping_dates():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "action_date": _DAY(2024, 10, 8), "lead_country_key": "ESP"},
        {"report_key": "r-b", "document_key": "b", "published_date": _DAY(2024, 10, 14), "lead_country_key": "ESP"},
        {"report_key": "r-c", "document_key": "c", "published_date": _DAY(2024, 12, 20), "lead_country_key": "ESP"},
    )
    features = _features(a=_SPANISH_RAID, b=_SPANISH_RAID, c=_SPANISH_RAID)
    forward = link_scores(reports, features)
    backward = link_scores(reports.reverse(), features.reverse())
    assert_frame_equal(forward, backward)
    assert forward.select("left", "right").rows() == [("r-a", "r-b")]  # r-c is two months later


def test_link_scores_do_not_depend_on_how_the_pair_join_is_chunked(monkeypatch):
    import transforms.operations as operations
    reports = _reports(*[
        {"report_key": f"r-d{index}", "document_key": f"d{index}", "action_date": _DAY(2024, 10, 8 + index % 3),
         "lead_country_key": "ESP" if index % 2 else "PRT"}
        for index in range(12)
    ])
    features = _features(**{f"d{index}": _SPANISH_RAID[:2 + index % 3] for index in range(12)})
    whole = link_scores(reports, features, {"r-d0", "r-d3", "r-d7"})
    monkeypatch.setattr(operations, "LINK_CHUNK_ROWS", 1)  # every left report is a chunk of its own
    chunked = link_scores(reports, features, {"r-d0", "r-d3", "r-d7"})
    assert whole.height > 3
    assert_frame_equal(chunked, whole)


@pytest.mark.parametrize("chunk_rows", [1, 2_000_000])
def test_a_pair_sharing_several_weeks_counts_each_shared_feature_once(monkeypatch, chunk_rows):
    import transforms.operations as operations
    monkeypatch.setattr(operations, "LINK_CHUNK_ROWS", chunk_rows)
    # two undated reports a week apart: the weeks before their publication overlap by three weeks
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "published_date": _DAY(2024, 10, 14), "lead_country_key": "ESP"},
        {"report_key": "r-b", "document_key": "b", "published_date": _DAY(2024, 10, 21), "lead_country_key": "ESP"},
        {"report_key": "r-c", "document_key": "c", "published_date": _DAY(2024, 10, 21), "lead_country_key": "ESP"},
    )
    shared = ["c:ESP", "a:es-guardia-civil", "m:arrests=14.0"]
    scores = link_scores(reports, _features(a=shared, b=shared, c=shared))
    # country 1 + agency 2 + figure 3, and the lead country agrees: 2
    assert scores.rows() == [("r-a", "r-b", 8.0), ("r-a", "r-c", 8.0), ("r-b", "r-c", 8.0)]


def test_resolution_does_not_depend_on_the_order_or_on_unrelated_reports():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "action_date": _DAY(2024, 10, 8), "lead_country_key": "ESP"},
        {"report_key": "r-b", "document_key": "b", "published_date": _DAY(2024, 10, 14), "lead_country_key": "ESP"},
        {"report_key": "r-c", "document_key": "c", "operation_name": "Cortina", "action_date": _DAY(2025, 3, 4)},
        {"report_key": "r-d", "document_key": "d", "operation_name": "Cortina", "published_date": _DAY(2025, 3, 11)},
    )
    features = _features(a=_SPANISH_RAID, b=_SPANISH_RAID)
    everything = resolve_operations(reports, features)
    assert_frame_equal(resolve_operations(reports.reverse(), features.reverse()), everything)
    without_cortina = resolve_operations(reports.filter(pl.col("document_key") < "c"), features)
    assert_frame_equal(without_cortina, everything.filter(pl.col("document_key") < "c"))


def test_a_document_never_reports_one_operation_twice():
    reports = _reports(
        {"report_key": "op-x-2024", "document_key": "a", "target_group": "X", "action_date": _DAY(2024, 1, 2)},
        {"report_key": "op-x-undated", "document_key": "a", "target_group": "X", "is_primary": False},
    )
    resolved = resolve_operations(reports, _features())
    assert resolved.filter(pl.col("report_key") == "op-x-2024")["operation_key"].to_list() == ["op-x-2024"]
    assert resolved["operation_key"].n_unique() == 2


def test_transcript_speakers_and_cities_are_not_targets() -> None:
    from transforms.countries import city_names
    from transforms.operations import find_target_groups

    podcast = ('Episode 12: "StreamBox and the Danish problem"\n\n[00:00] ANNA: Welcome back to the show.\n\n'
               "[00:09] ANNA: So, on Monday police raided several addresses connected to StreamBox, an illegal IPTV "
               "service.\n\n[00:20] JONAS: StreamBox had 60,000 customers.\n\n[00:41] ANNA: And the servers?\n\n"
               "[00:50] JONAS: Seized in Denmark.\n\n[01:10] ANNA: Thanks.")
    wire = ("Cyber police bust piracy racket, two held from Surat\n\nThe police on Tuesday arrested two men from Surat "
            "for running an app that streamed cricket matches illegally. A team with help from Surat city police "
            "raided two flats in Surat.")
    sentences = split_sentences(pl.DataFrame({"document_key": ["podcast", "wire"], "text": [podcast, wire]}))
    names = set(find_target_groups(sentences, city_names())["target_group"].to_list())
    assert "StreamBox" in names
    assert "ANNA" not in names and "Surat" not in names


def test_a_place_of_people_is_not_a_target() -> None:
    from transforms.operations import find_target_groups

    text = ("Parramatta man arrested over pirate app\n\nA Parramatta man accused of running a pirate app was arrested. "
            "Officers searched his unit in Parramatta on Tuesday.")
    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
    assert "Parramatta" not in find_target_groups(sentences, set())["target_group"].to_list()


def test_sentence_prefilter_never_skips_a_sentence_the_python_pattern_matches():
    """The polars prefilter may let through more sentences, never fewer: Rust's ignore-case,
    \\s and \\w differ from Python's, and the widened patterns must cover every difference."""
    import re

    from transforms.operations import EDITION_PATTERN, OPERATION_PATTERN, TARGET_PATTERNS
    from transforms.prefilter import may_match

    latin = [chr(c) for c in range(0x41, 0x250) if chr(c).isalpha()]
    cased = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000
             and (chr(c).lower() != chr(c) or chr(c).upper() != chr(c))]
    for letter in latin:  # one-letter patterns under ignore-case, against every cased character
        python = re.compile(f"(?i:{re.escape(letter)})")
        frame = pl.DataFrame({"s": cased})
        may = frame.select(may_match(pl.col("s"), python.pattern))["s"].to_list()
        assert all(ok for char, ok in zip(cased, may) if python.fullmatch(char)), letter
    spaces = [chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000 and re.match(r"[\s\w]", chr(c))]
    may = pl.DataFrame({"s": spaces}).select(may_match(pl.col("s"), r"(?<!x)[\s\w]\b"))["s"].to_list()
    assert all(may)
    sentences = _sentences(
        "The operators of Streamz.tv were arrested.", "Z-Library: suspected operators arrested",
        "the pirate site Kodi-Box was closed", "Jetflicks, a subscription service, went offline.",
        "La Operación Black Hole terminó.", "the seventh phase of Operation Pangea", "Nothing here at all.",
    )["sentence"].to_list()
    for pattern in [*TARGET_PATTERNS.values(), OPERATION_PATTERN, EDITION_PATTERN.pattern]:
        may = pl.DataFrame({"s": sentences}).select(may_match(pl.col("s"), pattern))["s"].to_list()
        assert all(ok for sentence, ok in zip(sentences, may) if re.search(pattern, sentence)), pattern


def test_a_target_meets_the_shorter_targets_it_can_contain():
    assert word_boundary_parts("remember-stream-vault") == ["remember", "remember-stream", "stream-vault", "vault"]
    assert word_boundary_parts("kinoflux") == []
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "operation_name": "Lanterna III", "target_group": "Remember StreamVault"},
        {"report_key": "r-b", "document_key": "b", "target_group": "kinoflux.to"},
    )
    assert resolution_names(reports).rows() == [
        ("r-a", "a", "lanterna"), ("r-a", "a", "remember"), ("r-a", "a", "remember-streamvault"),
        ("r-a", "a", "streamvault"), ("r-b", "b", "kinoflux")]


def _by_id(reports: pl.DataFrame, features: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The same signals with features naming their report by report_id (ids in no useful order)."""
    reports = reports.with_columns(report_id=(pl.int_range(pl.len(), dtype=pl.Int64) * 37 + 11) % 101)
    by_id = features.join(reports.select("report_key", "document_key", "report_id"), on=["report_key", "document_key"])
    return reports, by_id.select(list(RESOLUTION_FEATURE_BY_ID_SCHEMA)).cast(RESOLUTION_FEATURE_BY_ID_SCHEMA)


def test_features_naming_their_report_by_id_resolve_as_features_naming_it_by_keys():
    reports = _reports(
        {"report_key": "r-a", "document_key": "a", "action_date": _DAY(2024, 10, 8), "lead_country_key": "ESP"},
        {"report_key": "r-b", "document_key": "b", "published_date": _DAY(2024, 10, 14), "lead_country_key": "ESP"},
        {"report_key": "r-c", "document_key": "c", "action_date": _DAY(2024, 10, 9), "lead_country_key": "GBR"},
        {"report_key": "r-d", "document_key": "d", "operation_name": "Kyma", "action_date": _DAY(2024, 10, 9)},
        {"report_key": "r-e", "document_key": "e", "action_date": _DAY(2024, 10, 9), "target_group": "OTE"},
        {"report_key": "r-f", "document_key": "f", "action_date": _DAY(2025, 10, 9), "lead_country_key": "GBR"},
    )
    features = _features(a=_SPANISH_RAID, b=_SPANISH_RAID[:3], c=["c:GBR", "a:gb-pipcu"], d=["c:GBR", "a:gb-pipcu"],
                         e=["c:GBR", "a:gb-pipcu"], f=["c:GBR", "a:gb-pipcu"])
    by_keys = resolve_operations(reports, features)
    assert by_keys["operation_key"].n_unique() < reports.height, "the test links nothing"
    assert_frame_equal(resolve_operations(*_by_id(reports, features)), by_keys)
    seeds = reports.filter(pl.col("document_key") == "c")
    assert_frame_equal(reports_to_resolve(*_by_id(reports, features), seeds), reports_to_resolve(reports, features, seeds))


def test_a_new_report_reaches_its_name_its_target_and_what_it_links_to():
    reports = _reports(
        # a named report, and a later one of the same name
        {"report_key": "r-a", "document_key": "a", "operation_name": "Cortina", "action_date": _DAY(2025, 3, 4)},
        {"report_key": "r-b", "document_key": "b", "operation_name": "Cortina", "published_date": _DAY(2025, 3, 11)},
        # an unnamed raid that links to r-e, which names only a target that r-f names too
        {"report_key": "r-c", "document_key": "c", "action_date": _DAY(2024, 10, 8), "lead_country_key": "ESP"},
        {"report_key": "r-e", "document_key": "e", "published_date": _DAY(2024, 10, 14), "lead_country_key": "ESP",
         "target_group": "KinoRiver"},
        {"report_key": "r-f", "document_key": "f", "published_date": _DAY(2024, 10, 20), "target_group": "kinoriver.to"},
        # same features, a year later: no link
        {"report_key": "r-g", "document_key": "g", "published_date": _DAY(2025, 10, 14), "lead_country_key": "ESP"},
    )
    features = _features(c=_SPANISH_RAID, e=_SPANISH_RAID, g=_SPANISH_RAID)
    reached = lambda document: sorted(reports_to_resolve(  # noqa: E731
        reports, features, reports.filter(pl.col("document_key") == document))["document_key"].to_list())
    assert reached("b") == ["a", "b"]
    assert reached("c") == ["c", "e", "f"]
    assert reached("g") == ["g"]
    assert reports_to_resolve(reports, features, reports.filter(pl.col("document_key") == "c"), give_up_above=2) is None
    # seeds past the limit by themselves (a first build's are every report) give up at once
    assert reports_to_resolve(reports, features, reports.filter(pl.col("document_key") != "g"), give_up_above=4) is None
    at_the_limit = reports.filter(pl.col("document_key").is_in(["a", "b"]))
    assert reports_to_resolve(reports, features, at_the_limit, give_up_above=2) is not None
    # the operation a report is in now moves with it: none is split between resolved and left alone
    in_operations = reports.with_columns(operation_key=pl.when(pl.col("document_key").is_in(["a", "g"]))
                                         .then(pl.lit("op-x")).otherwise(pl.col("document_key")))
    assert sorted(reports_to_resolve(in_operations, features, in_operations.filter(pl.col("document_key") == "g"))
                  ["document_key"].to_list()) == ["a", "b", "g"]


def test_positions_in_a_sorted_series_are_null_for_absent_and_null_keys():
    from transforms.operations import _positions_in, _shared_list

    found = _positions_in(pl.Series([3, 7, 9]), pl.Series([9, 4, None, 3, 10, 0]))
    assert found.to_list() == [2, None, None, 0, None, None]
    names = _shared_list(pl.Series(["kyma", None, "kyma", "lanterna"]))
    assert names == ["kyma", None, "kyma", "lanterna"] and names[0] is names[2]


@pytest.mark.parametrize("text", [
    'Operation "Taken Down" ended', "Operatiunea Bar", "Operatiune abc.to", "Op. Foo", "operation  “ Foo",
    "according to the ACE", "According to\nthe  theFoo", "segundo  LaLiga", "según the the Foo", "Aktion Foo",
])
@pytest.mark.parametrize("name", ["Foo", "ACE", "LaLiga", "abc.to", "Bar", "the Foo", "theFoo", "“ Foo", "Taken Down"])
def test_name_after_a_phrase_is_found_as_by_a_pattern_compiled_for_the_name(text, name):
    import re

    from transforms import operations

    operation_starts = tuple(m.start() for m in re.finditer(f"(?={operations._OPERATION_WORD})", text))
    assert operations._operation_starts(text) == operation_starts
    compiled = any(operations._own_name_pattern(name).match(text, start) for start in operation_starts)
    assert operations._is_operation_name(name, text, operation_starts) == compiled
    according_starts = tuple(m.start() for m in re.finditer(rf"(?={operations._ACCORDING_TO}\s)", text))
    assert operations._according_starts(text) == according_starts
    compiled = any(operations._according_pattern(name).match(text, start) for start in according_starts)
    assert bool(according_starts and operations._according_to(name, text, according_starts)) == compiled


def test_prefilter_takes_the_flags_of_a_compiled_pattern():
    import re

    from transforms.prefilter import may_match

    verbose = re.compile(r"""\d{3} [-] \d{4}   # a phone number, written verbosely""", re.VERBOSE | re.IGNORECASE)
    folded = re.compile(r"all rights reserved", re.IGNORECASE)
    lines = ["call 555-0147", "ALL RIGHTS RESERVED", "nothing at all"]
    frame = pl.DataFrame({"s": lines})
    assert frame.select(may_match(pl.col("s"), verbose))["s"].to_list() == [True, False, False]
    assert frame.select(may_match(pl.col("s"), folded))["s"].to_list() == [False, True, False]


_FIRST_NAME_TEXT = st.text(alphabet=st.sampled_from(list("aKé Ž.\n:-_!xD\u00a0ſ")), max_size=24)


@settings(max_examples=400, deadline=None)
@given(text=_FIRST_NAME_TEXT, name=st.sampled_from(["Dallmann", "x", "Da", "a-b", " K", "é", ".x"]))
def test_a_first_name_before_a_name_is_found_as_by_a_pattern_compiled_for_the_name(text, name):
    import re

    from transforms import operations

    for candidate in (text, text + name, "Kris " + name + text, text + "Kristopher\n " + name + " said"):
        compiled = re.compile(rf"(?<![.!?:\n]\s)\b[{operations._UPPER}][a-zà-ÿ]+\s+{re.escape(name)}(?![\w\-])")
        assert operations._after_first_name(name, candidate) == bool(compiled.search(candidate)), candidate


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("acordingtSEGÚUNúLAUTvolgensprCF \n\t\u00a0İıſK")), max_size=40))
def test_according_starts_are_where_the_phrase_pattern_matches(text):
    import re

    from transforms import operations

    for candidate in (text, "According to " + text, text + " secondo\tx", "SEGÚN " + text + "según "):
        expected = tuple(m.start() for m in re.finditer(rf"(?={operations._ACCORDING_TO}\s)", candidate))
        operations._according_starts.cache_clear()
        assert operations._according_starts(candidate) == expected, candidate


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("OopPeratinzcóçãéțAk.ü \"")), max_size=40))
def test_operation_starts_are_where_an_operation_word_matches(text):
    import re

    from transforms import operations

    for candidate in (text, "Operation " + text, text + "Op. Aktion operațiunea"):
        expected = tuple(m.start() for m in re.finditer(f"(?={operations._OPERATION_WORD})", candidate))
        assert operations._operation_starts(candidate) == expected, candidate


@settings(max_examples=200, deadline=None)
@given(prefix=st.text(alphabet=st.sampled_from(list("aé İx,’ ößK")), max_size=12))
def test_matching_from_the_first_possible_start_finds_every_match(prefix):
    import re

    from transforms.operations import TARGET_PATTERNS
    from transforms.prefilter import char_offset, first_possible_start

    sentences = [prefix + body for body in (
        "The operators of Streamz.tv were arrested.", "Z-Library: suspected operators arrested",
        "la piattaforma pirata Kodi-Box è stata chiusa", "Jetflicks, a subscription service, went offline.",
        "die Betreiber von Kinox.to und Movie4k.to", "Nothing here at all.", "İLLEGAL service called Foo",
    )]
    frame = pl.DataFrame({"s": sentences})
    for pattern in TARGET_PATTERNS.values():
        python = re.compile(pattern)
        starts = frame.select(char_offset(pl.col("s"), first_possible_start(pl.col("s"), pattern)).alias("start"))["start"].to_list()
        for sentence, first in zip(sentences, starts):
            expected = [m.span() for m in python.finditer(sentence)]
            assert (first is None and not expected) or [m.span() for m in python.finditer(sentence, first)] == expected


@pytest.mark.parametrize(("text", "lower"), [
    ("Police ARRESTED", "police arrested"), ("Polícia Federal", "polícia federal"), ("", ""),
    ("İstanbul", None), ("Diyarbakır", None), ("ſite", None),
])
def test_lower_casing_stands_for_ignorecase_except_for_three_letters(text, lower):
    """"İ" lower-cases to two characters, and IGNORECASE folds "ı" and "ſ" where lower() does not."""
    from transforms.prefilter import lower_as_ignorecase

    assert lower_as_ignorecase(text) == lower


@pytest.mark.parametrize(("source", "usable"), [
    (r"\b(?:arrest|[A-Z]aid)", True), (r"(?:[Dd]ienst|Betreiber)", True),
    (r"\S+", False), (r"(?P<n>x)", False), (r"(?i:x)", False), (r"[À-Þ]x", False),
])
def test_a_pattern_is_lower_cased_only_where_that_keeps_its_matches(source, usable):
    from transforms.prefilter import lower_case_pattern

    assert (lower_case_pattern(source) is not None) is usable


def test_an_all_caps_headline_names_its_quoted_operation_but_no_figure_as_target() -> None:
    from transforms.operations import find_operation_names, find_target_groups
    from transforms.sentences import split_sentences

    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [
        "PIRATERIA AUDIOVISIVA: SECONDA FASE DELL'OPERAZIONE \"SIPARIO\". OSCURATA RETE IPTV CON OLTRE 2.300 UTENTI"]}))
    assert find_operation_names(sentences)["operation_name"].to_list() == ["SIPARIO"]
    assert find_target_groups(sentences).is_empty()


def test_a_news_outlet_is_not_a_target() -> None:
    from transforms.operations import find_target_groups

    text = ("Operation Caixa Preta\n\nOperation Caixa Preta is the name given by the Civil Police to two operations "
            "against the illegal IPTV service TelaCheia Play.\n\nReferences\n"
            '1. "Polícia Civil deflagra 2ª fase da operação". Portal Ilha Notícias. 23 September 2025.\n'
            '2. "PCSC apreende 1,1 mil TV boxes". Portal Ilha Notícias. 19 November 2024.\n'
            '3. "Rede de IPTV pirata". Portal Bahia Post. 24 September 2025.')
    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
    names = set(find_target_groups(sentences)["target_group"].to_list())
    assert "TelaCheia Play" in names
    assert not names & {"Ilha Notícias", "Bahia Post"}


def test_a_quoted_name_acted_against_is_a_target_and_a_common_noun_is_not() -> None:
    from transforms.operations import find_target_groups

    text = ('DIGITALRUNDSCHAU\n\nRazzia gegen „Nachtkino": Zwei Festnahmen, 1,4 Millionen Euro Umsatz\n\n'
            "Ermittler aus Bayern haben eines der größten Filmportale abgeschaltet. Die Festnahmen erfolgten am "
            "Dienstag in Nürnberg. Nach den Festnahmen wurde die Domain beschlagnahmt.")
    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
    names = find_target_groups(sentences)["target_group"].to_list()
    assert "Nachtkino" in names and "Festnahmen" not in names
    # a country or a generic phrase in quotes is not a target
    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": ['Raids against "Poland" and against the "Dark Web".']}))
    assert find_target_groups(sentences).is_empty()
