"""The composed extraction on small documents, with the curated reference data."""
from __future__ import annotations

import datetime

import polars as pl
import pytest

from flows.reference import load_reference_tables
from transforms.extract import Reference, extract_documents


@pytest.fixture(scope="module")
def reference() -> Reference:
    return Reference.from_tables(load_reference_tables())


def _extract(reference: Reference, text: str) -> dict[str, pl.DataFrame]:
    decoded = pl.DataFrame({"document_key": ["d"], "source_path": ["d.txt"], "text": [text], "encoding": ["utf-8"],
                            "ingested_at": [datetime.datetime(2026, 1, 1)]})
    tables, rejected = extract_documents(decoded, reference)
    assert rejected.height == 0
    return tables


def test_a_country_word_inside_a_platform_name_does_not_involve_the_country(reference) -> None:
    tables = _extract(reference, "Police in Thailand arrested three men who illegally streamed English Premier League "
                                 "matches and Sky Italia channels. Officers searched eight homes in Bangkok.")
    assert set(tables["fact_operation_country"]["country_key"].to_list()) == {"THA"}


def test_an_agency_missing_from_the_registry_is_kept_under_its_own_name(reference) -> None:
    tables = _extract(reference, "Two men were sentenced at Northwood Crown Court on Friday for selling illegal IPTV "
                                 "subscriptions, after an investigation by Merseyside Police.")
    agencies = set(tables["fact_operation_agency"]["agency_key"].to_list())
    assert "unregistered-northwood-crown-court" in agencies
    assert tables["dim_agency"].filter(pl.col("agency_key") == "unregistered-northwood-crown-court")["agency_type"].to_list() == ["judiciary"]


def test_figures_of_an_about_us_sentence_are_not_the_operations(reference) -> None:
    tables = _extract(reference, "Police in Spain arrested four men who ran an illegal IPTV service. "
                                 "Eurojust supports national authorities in the fight against serious crime, working "
                                 "with 27 Member States and contact points in more than 70 countries.")
    assert tables["fact_operation_metric"].select("metric", "value").rows() == [("arrests", 4.0)]


def test_countries_named_in_a_comparison_are_not_involved(reference) -> None:
    tables = _extract(reference, "Polish police arrested three men who ran a pirate e-book site in Kraków. "
                                 "Unlike Germany and Spain, Poland has no fast-track procedure for blocking pirate sites.")
    assert set(tables["fact_operation_country"]["country_key"].to_list()) == {"POL"}


def test_countries_held_up_as_models_are_not_involved(reference) -> None:
    tables = _extract(reference, "Turkish police detained 31 people in raids across 11 provinces. Spain, where LaLiga "
                                 "has obtained court orders to block pirate servers, is often cited as a model. D'autres "
                                 "pays européens, comme l'Espagne à l'initiative de LaLiga, bloquent les serveurs.")
    assert set(tables["fact_operation_country"]["country_key"].to_list()) == {"TUR"}


def test_a_comparison_after_accented_letters_is_placed_by_characters(reference) -> None:
    """polars finds a byte offset; "Łódź" and "Kraków" before the comparison must not shift it."""
    tables = _extract(reference, "Polish police arrested three men who ran a pirate e-book site in Kraków. "
                                 "In Łódź, Kraków, Gdańsk, Wrocław, Białystok and Poznań, unlike Germany and Spain, "
                                 "Poland has no fast-track "
                                 "procedure for blocking pirate sites.")
    assert set(tables["fact_operation_country"]["country_key"].to_list()) == {"POL"}


def test_a_text_in_a_language_the_extractor_does_not_read_is_named_as_such(reference) -> None:
    polish = ("Policjanci z Centralnego Biura Zwalczania Cyberprzestępczości zatrzymali trzech mężczyzn, "
              "którzy prowadzili nielegalną bibliotekę książek elektronicznych. Przeszukano pięć mieszkań "
              "i zabezpieczono sprzęt komputerowy oraz gotówkę. Podejrzanym grozi do pięciu lat więzienia.")
    recipe = ("Mix the flour with the butter and a pinch of salt, then add cold water until the dough holds "
              "together. Rest it for an hour before rolling it out and baking it in a hot oven until golden.")
    decoded = pl.DataFrame({"document_key": ["pl", "en"], "source_path": ["pl.txt", "en.txt"], "text": [polish, recipe],
                            "encoding": ["utf-8", "utf-8"], "ingested_at": [datetime.datetime(2025, 1, 1)] * 2})
    _, rejected = extract_documents(decoded, reference)
    reasons = dict(rejected.select("document_key", "reason").iter_rows())
    assert reasons["pl"].startswith("written in Polish (pl), which the extractor does not read")
    assert reasons["en"].startswith("not an article: no sentences about an enforcement action")


def test_a_text_with_enforcement_words_in_an_unread_language_is_quarantined(reference) -> None:
    # "IPTV", "Europol", "servery": the cleaner's vocabulary finds an enforcement action, and the
    # eight-language detector must call it one of the eight
    czech = ("Policie ČR ve spolupráci s Europolem zasáhla proti nelegální IPTV službě. Kriminalisté zadrželi "
             "tři podezřelé a zajistili servery v Praze a Brně. Škoda pro držitele práv přesahuje 20 milionů "
             "korun. Podle mluvčího policie služba nabízela přes 2000 kanálů a měla tisíce předplatitelů.")
    english = "Police arrested three men and seized servers in a raid on an illegal IPTV service, Europol said."
    decoded = pl.DataFrame({"document_key": ["cs", "en"], "source_path": ["cs.txt", "en.txt"], "text": [czech, english],
                            "encoding": ["utf-8", "utf-8"], "ingested_at": [datetime.datetime(2025, 1, 1)] * 2})
    tables, rejected = extract_documents(decoded, reference)
    assert rejected.select("document_key", "reason").rows() == [
        ("cs", "written in Czech (cs), which the extractor does not read (it reads en, it, es, pt, fr, de, nl, ro)")]
    assert tables["dim_document"]["document_key"].to_list() == ["en"]


def test_each_operation_of_a_document_has_its_own_lead(reference) -> None:
    tables = _extract(reference, "Pirate TV service shut down in Spain\n\n5 March 2025\n\n"
                                 "The Policía Nacional arrested five people in Madrid yesterday in Operation Alfa against "
                                 "the illegal IPTV service StreamBox.\n\nLast year, Danish police arrested three men in "
                                 "Copenhagen who ran the pirate site FilmHavn.")
    leads = tables["fact_operation_country"].filter(pl.col("role") == "lead").select("operation_key", "country_key")
    assert sorted(leads.rows()) == [("op-alfa-2025", "ESP"), ("op-filmhavn-2024", "DNK")]
    reports = tables["stg_document_operation"].select("operation_key", "lead_country_key").sort("operation_key")
    assert reports.rows() == [("op-alfa-2025", "ESP"), ("op-filmhavn-2024", None)]
