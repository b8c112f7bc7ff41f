from __future__ import annotations

import re

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from tests.transforms.frames import mention_schema, sentences_frame
from transforms.platforms import find_platform_mentions, keep_pirated_platform_mentions, load_platform_registry

PLATFORM_TYPES = {"streaming", "broadcaster", "studio", "sports league", "industry body", "other"}
MENTION_SCHEMA = mention_schema(platform_key=pl.String)


@pytest.fixture(scope="module")
def registry() -> tuple[pl.DataFrame, pl.DataFrame]:
    return load_platform_registry()


def mentions(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")


def find(sentence: str, registry, offset: int = 0) -> pl.DataFrame:
    _, aliases = registry
    return find_platform_mentions(sentences_frame([("d", 0, offset, sentence)]), aliases)


# ---------------------------------------------------------------------------------------------
# Registry integrity
# ---------------------------------------------------------------------------------------------
def test_registry_shape(registry):
    platforms, aliases = registry
    assert platforms.columns == ["platform_key", "name", "platform_type"]
    assert aliases.columns == ["alias", "platform_key"]
    assert platforms.height >= 80
    keys = platforms.get_column("platform_key")
    assert keys.is_unique().all()
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", k) for k in keys)
    assert set(platforms.get_column("platform_type")) <= PLATFORM_TYPES
    assert platforms.get_column("name").null_count() == 0


def test_aliases_reference_platforms_and_are_unambiguous(registry):
    platforms, aliases = registry
    assert set(aliases.get_column("platform_key")) <= set(platforms.get_column("platform_key"))
    assert aliases.get_column("alias").null_count() == 0
    assert aliases.select("alias", "platform_key").is_unique().all()
    per_alias = aliases.group_by(pl.col("alias").str.to_lowercase()).agg(pl.col("platform_key").n_unique())
    assert per_alias.filter(pl.col("platform_key") > 1).height == 0
    # every platform can be found
    assert set(aliases.get_column("platform_key")) == set(platforms.get_column("platform_key"))


def test_expected_platforms_present(registry):
    platforms, _ = registry
    names = set(platforms.get_column("name"))
    for name in ["Netflix", "Amazon Prime Video", "Disney+", "HBO Max", "HBO", "Hulu", "Peacock", "Paramount+", "Apple TV+",
                 "DAZN", "Sky", "Sky Italia", "Sky Sports", "Mediaset", "RAI", "Canal+", "beIN Sports", "TNT Sports",
                 "Movistar+", "LaLiga", "Premier League", "Serie A", "UEFA", "UEFA Champions League", "NFL", "NBA", "UFC", "Warner Bros.",
                 "Universal Pictures", "Sony Pictures", "Paramount Pictures", "Walt Disney Studios", "Lionsgate",
                 "ESPN", "Globo", "TV Azteca", "Televisa", "Syfy"]:
        assert name in names, name


def test_ordinary_words_are_not_aliases(registry):
    _, aliases = registry
    written = set(aliases.get_column("alias"))
    for word in ["Max", "Fox", "Universal", "Sony", "Apple TV", "Nova", "Claro", "Stan", "Record", "Bell", "Eleven"]:
        assert word not in written, word


# ---------------------------------------------------------------------------------------------
# Mentions
# ---------------------------------------------------------------------------------------------
def test_offsets_and_longest_match(registry):
    sentence = "Matches from DAZN, Sky Sports, Disney+ and Amazon Prime Video were restreamed."
    got = find(sentence, registry, offset=50)
    expected = mentions([
        ("d", 0, 63, 67, "DAZN", "dazn"),
        ("d", 0, 69, 79, "Sky Sports", "sky-sports"),
        ("d", 0, 81, 88, "Disney+", "disney-plus"),
        ("d", 0, 93, 111, "Amazon Prime Video", "amazon-prime-video"),
    ])
    assert_frame_equal(got, expected)
    text = " " * 50 + sentence
    assert [text[s:e] for s, e in got.select("char_start", "char_end").iter_rows()] == got.get_column("surface").to_list()


def test_offsets_after_multibyte_characters(registry):
    sentence = "Partidos de LaLiga y de la Champions en Movistar+ – también “Netflix”."
    got = find(sentence, registry)
    expected = mentions([
        ("d", 0, 12, 18, "LaLiga", "laliga"),
        ("d", 0, 40, 49, "Movistar+", "movistar-plus"),
        ("d", 0, 61, 68, "Netflix", "netflix"),
    ])
    assert_frame_equal(got, expected)


def test_ambiguous_names_are_case_sensitive(registry):
    got = find("Under a blue sky the peacock slept; it is of paramount importance; la serie a puntate.", registry)
    assert got.height == 0
    got = find("Sky, Peacock and Paramount sued; Serie A and La Liga too.", registry)
    assert got.get_column("platform_key").to_list() == ["sky", "peacock", "paramount", "serie-a", "laliga"]


def test_max_only_as_hbo_max(registry):
    got = find("Max Verstappen watched HBO Max and the max bitrate.", registry)
    expected = mentions([("d", 0, 23, 30, "HBO Max", "max")])
    assert_frame_equal(got, expected)


def test_paramount_family(registry):
    got = find("Paramount+ and Paramount Pictures, owned by Paramount.", registry)
    assert got.get_column("platform_key").to_list() == ["paramount-plus", "paramount-pictures", "paramount"]


def test_blockers(registry):
    got = find("A jailbroken Amazon Fire TV Stick, servers on Amazon Web Services, Sky News reported; Amazon and "
               "Sky content.", registry)
    assert got.select("surface", "platform_key").rows() == [("Amazon", "amazon-prime-video"), ("Sky", "sky")]


def test_word_boundaries(registry):
    got = find("Skyline, NETFLIXED, netflix.com and Netflix's catalogue.", registry)
    assert got.select("surface", "platform_key").rows() == [("Netflix", "netflix")]


def test_empty_input(registry):
    _, aliases = registry
    got = find_platform_mentions(sentences_frame([]), aliases)
    assert_frame_equal(got, mentions([]))


# ---------------------------------------------------------------------------------------------
# Comparison / recommendation filter and sub-brands
# ---------------------------------------------------------------------------------------------
def kept(sentence: str, registry) -> list[str]:
    frame = sentences_frame([("d", 0, 0, sentence)])
    _, aliases = registry
    got = keep_pirated_platform_mentions(find_platform_mentions(frame, aliases), frame)
    return got.get_column("platform_key").to_list()


def test_counting_comparatives_are_not_comparisons(registry):
    assert kept("The service offered more than 1,000 channels, including DAZN and Sky Sports.", registry) == [
        "dazn", "sky-sports"]
    assert kept("It had more than a million users watching DAZN.", registry) == ["dazn"]
    assert kept("Der Dienst bot mehr als 100 Sender, darunter Sky Deutschland.", registry) == ["sky-deutschland"]
    assert kept("Offriva più di mille canali, tra cui DAZN.", registry) == ["dazn"]
    assert kept("De dienst had meer dan 200 zenders, waaronder Ziggo Sport.", registry) == ["ziggo-sport"]
    assert kept("Serviciul oferea mai mult decât 300 de canale, inclusiv Digi Sport.", registry) == ["digi-sport"]


def test_comparisons_and_recommendations_are_dropped(registry):
    assert kept("Its catalogue was bigger than Netflix.", registry) == []
    assert kept("Il catalogo era più di Netflix.", registry) == []
    assert kept("Fans can watch the matches legally on DAZN.", registry) == []
    assert kept("Legal alternatives such as Netflix exist.", registry) == []
    assert kept("The market is fragmented across Netflix, Hulu and HBO.", registry) == []


def test_victims_described_as_legitimate_are_kept(registry):
    assert kept("The site copied films from legitimate services such as Netflix.", registry) == ["netflix"]


def test_sub_brands_are_their_own_platforms(registry):
    got = find("Canais como SporTV, Telecine e Premiere FC eram retransmitidos pela Globo.", registry)
    assert got.get_column("platform_key").to_list() == ["sportv", "telecine", "premiere-fc", "globo"]
    got = find("Le partite di Sky Sport e di Sky Sports.", registry)
    assert got.get_column("platform_key").to_list() == ["sky-sport", "sky-sports"]
    got = find("Streams von Joyn, RTL+ und Videoland.", registry)
    assert got.get_column("platform_key").to_list() == ["joyn", "rtl-plus", "videoland"]


def test_a_comparison_that_says_the_content_was_taken_keeps_its_platforms() -> None:
    from transforms.platforms import keep_pirated_platform_mentions
    from transforms.sentences import split_sentences

    sentences = split_sentences(pl.DataFrame({"document_key": ["d", "e"], "text": [
        "Movistar Plus+ and DAZN, whose channels were redistributed by the ring, pay a combined €990m a season.",
        "Fans should pay for legal alternatives such as DAZN rather than illegal streams.",
    ]}))
    mentions = pl.DataFrame({"document_key": ["d", "e"], "sentence_index": [0, 0], "platform_key": ["dazn", "dazn"]})
    assert keep_pirated_platform_mentions(mentions, sentences)["document_key"].to_list() == ["d"]
