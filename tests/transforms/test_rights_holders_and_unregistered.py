"""Agencies beyond the registry's lookup: rights holders as complainants, bodies the registry lacks."""
from __future__ import annotations

import polars as pl
from polars.testing import assert_frame_equal

from transforms.agencies import complainant_mentions, rights_holder_agencies, unregistered_agencies
from transforms.sentences import split_sentences


def _sentences(*texts: str) -> pl.DataFrame:
    return split_sentences(pl.DataFrame({"document_key": [f"d{i}" for i in range(len(texts))], "text": list(texts)}))


def _mention(sentences: pl.DataFrame, document: str, surface: str, key: str) -> dict:
    row = sentences.filter(pl.col("document_key") == document).row(0, named=True)
    start = row["sentence"].index(surface) + row["sentence_start"]
    return {"document_key": document, "sentence_index": row["sentence_index"], "char_start": start,
            "char_end": start + len(surface), "platform_key": key}


def test_a_rights_holder_is_a_complainant_only_where_the_text_says_so() -> None:
    sentences = _sentences(
        "The investigation was launched following a complaint from Sky Ireland.",
        "The service gave access to Sky Sports and Premier League matches.",
        "The case began after a referral from the Premier League.",
        "The inquiry, which the Premier League supported from the outset, took two years.",
    )
    mentions = pl.DataFrame([
        _mention(sentences, "d0", "Sky Ireland", "sky"),
        _mention(sentences, "d1", "Premier League", "premier-league"),
        _mention(sentences, "d2", "Premier League", "premier-league"),
        _mention(sentences, "d3", "Premier League", "premier-league"),
    ])
    kept = complainant_mentions(mentions, sentences)
    assert kept["document_key"].to_list() == ["d0", "d2", "d3"]


def test_complainants_filed_in_a_list() -> None:
    sentences = _sentences(
        "Les plaintes avaient été déposées par Canal+ et beIN SPORTS, avec l'appui de l'ALPA.",
        "Le indagini hanno preso avvio dalle denunce presentate da Sky Italia e DAZN.",
        "Officers acted on a petition by MultiChoice Nigeria.",
    )
    mentions = pl.DataFrame([
        _mention(sentences, "d0", "Canal+", "canal-plus"), _mention(sentences, "d0", "beIN SPORTS", "bein"),
        _mention(sentences, "d1", "Sky Italia", "sky"), _mention(sentences, "d1", "DAZN", "dazn"),
        _mention(sentences, "d2", "MultiChoice Nigeria", "multichoice"),
    ])
    assert len(complainant_mentions(mentions, sentences)) == 5


def test_rights_holders_map_to_the_registry_agency_or_get_their_own() -> None:
    platforms = pl.DataFrame({"platform_key": ["premier-league", "bell-media"], "name": ["Premier League", "Bell Media"],
                              "platform_type": ["sports league", "broadcaster"]})
    platform_aliases = pl.DataFrame({"alias": ["EPL", "Bell"], "platform_key": ["premier-league", "bell-media"]})
    agency_aliases = pl.DataFrame({"alias": ["premier league"], "agency_key": ["ind-premier-league"]})
    rows, aliases, mapping = rights_holder_agencies(platforms, platform_aliases, agency_aliases)
    assert rows["agency_key"].to_list() == ["rights-bell-media"]
    assert rows.row(0, named=True)["agency_type"] == "industry"
    assert sorted(aliases["alias"].to_list()) == ["bell", "bell media"]
    assert_frame_equal(mapping, pl.DataFrame({"platform_key": ["bell-media", "premier-league"],
                                              "agency_key": ["rights-bell-media", "ind-premier-league"]}))


def test_a_named_body_missing_from_the_registry_becomes_an_agency() -> None:
    unresolved = pl.DataFrame({
        "document_key": ["a", "b", "b", "c"],
        "sentence_index": [0, 3, 4, 1],
        "name": ["Liverpool Crown Court", "Liverpool Crown Court", "Sheriff's Office", "Regional Prosecutor's Office in Kraków"],
    })
    rows, mentions = unregistered_agencies(unresolved)
    assert rows.select("agency_key", "agency_type", "scope").to_dicts() == [
        {"agency_key": "unregistered-liverpool-crown-court", "agency_type": "judiciary", "scope": "local"},
        {"agency_key": "unregistered-regional-prosecutor-s-office-in-krakow", "agency_type": "prosecution", "scope": "local"},
    ]
    # the same name is the same agency in every document; a kind of body ("Sheriff's Office") is not one
    assert mentions.sort("document_key")["agency_key"].to_list() == [
        "unregistered-liverpool-crown-court", "unregistered-liverpool-crown-court",
        "unregistered-regional-prosecutor-s-office-in-krakow"]


def test_unresolved_mentions_that_already_carry_an_empty_key_still_get_the_new_one() -> None:
    unresolved = pl.DataFrame({"document_key": ["a"], "sentence_index": [0], "name": ["Hanoi City Police"],
                               "agency_key": pl.Series([None], dtype=pl.String)})
    _, mentions = unregistered_agencies(unresolved)
    assert mentions["agency_key"].to_list() == ["unregistered-hanoi-city-police"]


def test_a_body_cited_for_a_study_or_described_did_not_act() -> None:
    from transforms.agencies import find_source_sentences

    sentences = _sentences(
        "Selon une étude de l'Arcom publiée au printemps, 2,3 millions de personnes ont eu recours à l'IPTV.",
        "IPC3 is co-funded by the European Union Intellectual Property Office (EUIPO).",
        "A study by the EUIPO found that the seized servers had been rented abroad.",
        "Arcom ordered the blocking of 40 sites.",
        "It supports national authorities in the fight against serious cross-border crime, working with 27 Member States.",
        "In our 2024 survey of 41 cases across 9 Member States, only 3 sentences exceeded 36 months.",
        "Coimisiún na Meán, the media regulator, was not involved in the operation but is reviewing blocking.",
        "Related court documents may be found on the website of the District Court for the Eastern District of Virginia.",
    )
    mentions = pl.DataFrame({"document_key": [f"d{i}" for i in range(8)], "sentence_index": [0] * 8})
    kept = mentions.join(find_source_sentences(sentences), on=["document_key", "sentence_index"], how="anti")
    assert kept["document_key"].to_list() == ["d2", "d3"]
