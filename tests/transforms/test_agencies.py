from __future__ import annotations

import re

import polars as pl
import pycountry
import pytest
from polars.testing import assert_frame_equal

from tests.transforms.frames import mention_schema, sentences_frame
from transforms.agencies import (
    find_agency_mentions,
    find_unresolved_agency_mentions,
    fold_name,
    is_case_sensitive,
    load_agency_registry,
    resolve_agency_names,
    with_inflected_aliases,
)

AGENCY_TYPES = {"police", "prosecution", "judiciary", "ministry", "intergovernmental", "industry", "other"}
SCOPES = {"local", "national", "international"}
EU27 = ["AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK", "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL", "ITA",
        "LVA", "LTU", "LUX", "MLT", "NLD", "POL", "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"]
MENTION_SCHEMA = mention_schema(agency_key=pl.String)


@pytest.fixture(scope="module")
def registry() -> tuple[pl.DataFrame, pl.DataFrame]:
    return load_agency_registry()


def mentions(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=MENTION_SCHEMA, orient="row")


# ---------------------------------------------------------------------------------------------
# Registry integrity
# ---------------------------------------------------------------------------------------------
def test_registry_columns(registry):
    agencies, aliases = registry
    assert agencies.columns == ["agency_key", "name", "acronym", "agency_type", "scope", "country_key", "parent_agency_key"]
    assert aliases.columns == ["alias", "agency_key", "language"]
    assert all(dtype == pl.String for dtype in agencies.dtypes + aliases.dtypes)
    assert agencies.height >= 250


def test_agency_keys_unique_and_slugs(registry):
    agencies, _ = registry
    keys = agencies.get_column("agency_key")
    assert keys.is_unique().all()
    assert keys.null_count() == 0
    assert all(re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", k) for k in keys)
    assert agencies.get_column("name").null_count() == 0


def test_vocabularies(registry):
    agencies, _ = registry
    assert set(agencies.get_column("agency_type").unique()) <= AGENCY_TYPES
    assert set(agencies.get_column("scope").unique()) <= SCOPES


def test_country_keys_are_iso_alpha3(registry):
    agencies, _ = registry
    for code in agencies.get_column("country_key").drop_nulls().unique():
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_intergovernmental_bodies_have_no_country(registry):
    agencies, _ = registry
    inter = agencies.filter(pl.col("agency_type") == "intergovernmental")
    assert inter.get_column("country_key").null_count() == inter.height
    assert set(inter.get_column("scope")) == {"international"}
    # a body without a country acts across borders
    assert set(agencies.filter(pl.col("country_key").is_null()).get_column("scope")) == {"international"}


def test_international_bodies_present(registry):
    agencies, _ = registry
    keys = dict(agencies.select("agency_key", "country_key").iter_rows())
    for key in ["int-europol", "int-europol-ec3", "int-europol-ipc3", "int-eurojust", "int-interpol", "int-euipo",
                "int-wipo", "int-olaf", "ind-ace"]:
        assert key in keys, key
        assert keys[key] is None, key


def test_parents_exist_and_are_acyclic(registry):
    agencies, _ = registry
    parents = dict(agencies.select("agency_key", "parent_agency_key").iter_rows())
    for key, parent in parents.items():
        assert parent is None or parent in parents, (key, parent)
        seen = {key}
        while parent is not None:
            assert parent not in seen, f"cycle through {key}"
            seen.add(parent)
            parent = parents[parent]


def test_aliases_reference_agencies_and_are_unambiguous(registry):
    agencies, aliases = registry
    keys = set(agencies.get_column("agency_key"))
    assert set(aliases.get_column("agency_key")) <= keys
    assert aliases.get_column("alias").null_count() == 0
    assert all(a == a.strip() and "  " not in a for a in aliases.get_column("alias"))
    assert aliases.select("alias", "agency_key").is_unique().all()
    per_alias = aliases.group_by(pl.col("alias").str.to_lowercase()).agg(pl.col("agency_key").n_unique())
    assert per_alias.filter(pl.col("agency_key") > 1).height == 0
    langs = aliases.get_column("language").drop_nulls()
    assert all(re.fullmatch(r"[a-z]{2}", x) for x in langs)


def test_every_name_and_acronym_is_an_alias(registry):
    agencies, aliases = registry
    known = set(aliases.select(pl.col("alias").str.to_lowercase(), "agency_key").iter_rows())
    for key, name, acronym in agencies.select("agency_key", "name", "acronym").iter_rows():
        assert (name.lower(), key) in known, name
        if acronym is not None:
            assert (acronym.lower(), key) in known, acronym


def test_police_and_prosecution_for_every_required_country(registry):
    agencies, _ = registry
    have = set(agencies.select("country_key", "agency_type").iter_rows())
    for country in EU27 + ["GBR", "USA", "CAN", "BRA", "ARG", "AUS"]:
        assert (country, "police") in have, country
        assert (country, "prosecution") in have, country


def test_local_prosecutors_hang_under_national_service(registry):
    agencies, _ = registry
    row = agencies.filter(pl.col("agency_key") == "it-procura-catania").row(0, named=True)
    assert row["scope"] == "local" and row["agency_type"] == "prosecution" and row["country_key"] == "ITA"
    parent = agencies.filter(pl.col("agency_key") == row["parent_agency_key"]).row(0, named=True)
    assert parent["scope"] == "national" and parent["agency_type"] == "prosecution"


# ---------------------------------------------------------------------------------------------
# Mentions (hand-written registry)
# ---------------------------------------------------------------------------------------------
SMALL_AGENCIES = pl.DataFrame(
    {
        "agency_key": ["int-europol", "int-europol-ipc3", "ind-ace", "it-polizia-postale", "us-fbi", "de-bundespolizei",
                       "it-procura-catania", "de-lka-he", "de-lka-sn"],
        "parent_agency_key": [None, "int-europol", None, None, None, None, None, None, None],
    }
)
SMALL_ALIASES = pl.DataFrame(
    {
        "alias": ["Europol", "Intellectual Property Crime Coordinated Coalition", "IPC3", "ACE",
                  "Alliance for Creativity and Entertainment", "Polizia Postale",
                  "Polizia Postale e delle Comunicazioni", "Postal Police", "FBI", "Bundespolizei",
                  "District Attorney's Office of Catania", "State Criminal Police Office of Hesse",
                  "State Criminal Police Office of Saxony"],
        "agency_key": ["int-europol", "int-europol-ipc3", "int-europol-ipc3", "ind-ace", "ind-ace", "it-polizia-postale",
                       "it-polizia-postale", "it-polizia-postale", "us-fbi", "de-bundespolizei", "it-procura-catania",
                       "de-lka-he", "de-lka-sn"],
        "language": [None] * 13,
    }
)


def find_small(rows):
    return find_agency_mentions(sentences_frame(rows), SMALL_ALIASES, SMALL_AGENCIES)


def span(sentence: str, surface: str, offset: int = 0, nth: int = 0) -> tuple[int, int]:
    """Document offsets of the ``nth`` occurrence of ``surface`` in a sentence starting at ``offset``."""
    pos = -1
    for _ in range(nth + 1):
        pos = sentence.index(surface, pos + 1)
    return offset + pos, offset + pos + len(surface)


def test_offsets_are_document_offsets_with_non_ascii_text():
    sentence = "La Polizia Postale e delle Comunicazioni (Policía) e l'FBI: ACE."
    got = find_small([("d1", 3, 100, sentence)])
    expected = mentions([
        ("d1", 3, 103, 140, "Polizia Postale e delle Comunicazioni", "it-polizia-postale"),
        ("d1", 3, 155, 158, "FBI", "us-fbi"),
        ("d1", 3, 160, 163, "ACE", "ind-ace"),
    ])
    assert_frame_equal(got, expected)
    assert [span(sentence, x, 100) for x in ["Polizia Postale e delle Comunicazioni", "FBI", "ACE"]] == [
        (103, 140), (155, 158), (160, 163)]


def test_offsets_after_multibyte_characters():
    sentence = "Según la Policía – y el “FBI” – ACE ayudó."
    got = find_small([("d", 0, 7, sentence)])
    expected = mentions([
        ("d", 0, 32, 35, "FBI", "us-fbi"),
        ("d", 0, 39, 42, "ACE", "ind-ace"),
    ])
    assert_frame_equal(got, expected)
    assert [span(sentence, x, 7) for x in ["FBI", "ACE"]] == [(32, 35), (39, 42)]


def test_acronyms_are_case_sensitive_and_full_names_are_not():
    sentence = "An ace up the sleeve; the fbi and the postal police helped ACE."
    got = find_small([("d", 0, 0, sentence)])
    expected = mentions([
        ("d", 0, 38, 51, "postal police", "it-polizia-postale"),
        ("d", 0, 59, 62, "ACE", "ind-ace"),
    ])
    assert_frame_equal(got, expected)
    assert [span(sentence, "postal police"), span(sentence, "ACE")] == [(38, 51), (59, 62)]


def test_word_boundaries():
    sentence = "SPACE, FBIs, ACE-backed, US-Bundespolizei, Bundespolizei."
    got = find_small([("d", 0, 0, sentence)])
    expected = mentions([
        ("d", 0, 13, 16, "ACE", "ind-ace"),
        ("d", 0, 43, 56, "Bundespolizei", "de-bundespolizei"),
    ])
    assert_frame_equal(got, expected)
    assert [span(sentence, "ACE", nth=1), span(sentence, "Bundespolizei", nth=1)] == [(13, 16), (43, 56)]


def test_longest_match_wins_and_typographic_apostrophe():
    sentence = "coordinated by the District Attorney’s Office of Catania, with the Alliance for Creativity and Entertainment"
    got = find_small([("d", 0, 0, sentence)])
    expected = mentions([
        ("d", 0, 19, 56, "District Attorney’s Office of Catania", "it-procura-catania"),
        ("d", 0, 67, 108, "Alliance for Creativity and Entertainment", "ind-ace"),
    ])
    assert_frame_equal(got, expected)
    assert span(sentence, "District Attorney’s Office of Catania") == (19, 56)


def test_ancestor_inside_a_longer_name_is_kept():
    sentence = "supported by Europol's Intellectual Property Crime Coordinated Coalition (IPC3)."
    aliases = pl.concat([
        SMALL_ALIASES,
        pl.DataFrame({"alias": ["Europol's Intellectual Property Crime Coordinated Coalition"],
                      "agency_key": ["int-europol-ipc3"], "language": [None]}, schema=SMALL_ALIASES.schema),
    ])
    got = find_agency_mentions(sentences_frame([("d", 0, 0, sentence)]), aliases, SMALL_AGENCIES)
    expected = mentions([
        ("d", 0, 13, 20, "Europol", "int-europol"),
        ("d", 0, 13, 72, "Europol's Intellectual Property Crime Coordinated Coalition", "int-europol-ipc3"),
        ("d", 0, 74, 78, "IPC3", "int-europol-ipc3"),
    ])
    assert_frame_equal(got, expected)


def test_coordinated_plural_head_names_each_agency():
    sentence = "with the State Criminal Police Offices of Hesse and Saxony (LKA)."
    got = find_small([("d", 0, 0, sentence)])
    span = "State Criminal Police Offices of Hesse and Saxony"
    expected = mentions([
        ("d", 0, 9, 9 + len(span), span, "de-lka-he"),
        ("d", 0, 9, 9 + len(span), span, "de-lka-sn"),
    ])
    assert_frame_equal(got.sort("agency_key"), expected)


def test_no_sentences_gives_empty_frame():
    got = find_small([])
    assert_frame_equal(got, mentions([]))


def test_case_sensitivity_rule():
    assert is_case_sensitive("ACE")
    assert is_case_sensitive("USAO EDNY")
    assert is_case_sensitive("Europol")
    assert is_case_sensitive("Serie A")
    assert is_case_sensitive("Secret Service")
    assert not is_case_sensitive("Postal Police")
    assert not is_case_sensitive("Procura della Repubblica di Catania")


# ---------------------------------------------------------------------------------------------
# Mentions against the curated registry
# ---------------------------------------------------------------------------------------------
def test_registry_finds_common_forms(registry):
    agencies, aliases = registry
    rows = [
        ("d", 0, 0, "The operation, coordinated by the District Attorney’s Office of Catania and conducted by the "
                    "Italian Postal Police, involved Europol and Eurojust."),
        ("d", 1, 200, "The Department of Justice, the FBI and the U.S. Attorney's Office for the Eastern District of "
                      "New York thanked the Policía Federal Argentina."),
        ("d", 2, 400, "Spain's National Police (Policía Nacional) led it, with the Justice Department's Criminal Division."),
    ]
    got = find_agency_mentions(sentences_frame(rows), aliases, agencies)
    assert got.get_column("agency_key").to_list() == [
        "it-procura-catania", "it-polizia-postale", "int-europol", "int-eurojust",
        "us-doj", "us-fbi", "us-usao-ed-new-york", "ar-pfa",
        "es-policia-nacional", "es-policia-nacional", "us-doj", "us-doj-criminal-division",
    ]
    text = {0: rows[0][3], 1: " " * 200 + rows[1][3], 2: " " * 400 + rows[2][3]}
    for idx, s, e, surface in got.select("sentence_index", "char_start", "char_end", "surface").iter_rows():
        assert text[idx][s:e] == surface


def test_non_ascii_capitals_and_native_names(registry):
    agencies, aliases = registry
    sentence = "Åklagarmyndigheten, Økokrim, Ελληνική Αστυνομία and the Österreichisches Bundeskriminalamt acted."
    got = find_agency_mentions(sentences_frame([("d", 0, 0, sentence)]), aliases, agencies)
    assert got.get_column("agency_key").to_list() == ["se-aklagarmyndigheten", "no-okokrim", "gr-hellenic-police", "at-bk"]


def test_generic_police_words_are_not_registry_mentions(registry):
    agencies, aliases = registry
    got = find_agency_mentions(
        sentences_frame([("d", 0, 0, "The police, national authorities and federal authorities said the Federal Police "
                                     "and the National Police were not involved; an ace of spades.")]),
        aliases, agencies,
    )
    assert got.height == 0


# ---------------------------------------------------------------------------------------------
# Unresolved mentions
# ---------------------------------------------------------------------------------------------
UNRESOLVED_SCHEMA = {**MENTION_SCHEMA, "name": pl.String}


def test_unresolved_city_prosecutor_and_court(registry):
    agencies, aliases = registry
    s1 = "The prosecutor’s office in Trapani said the Polizia Postale had seized servers."
    s2 = "In January the Federal Court of Rosario released them."
    got = find_unresolved_agency_mentions(sentences_frame([("d", 0, 0, s1), ("d", 1, 100, s2)]), aliases, agencies)
    expected = pl.DataFrame(
        [
            ("d", 0, 4, 34, "prosecutor’s office in Trapani", None, "prosecutor's office in Trapani"),
            ("d", 1, 115, 139, "Federal Court of Rosario", None, "Federal Court of Rosario"),
        ],
        schema=UNRESOLVED_SCHEMA,
        orient="row",
    )
    assert_frame_equal(got, expected)


def _unresolved_in(sentence: str, registry) -> pl.DataFrame:
    """`find_unresolved_agency_mentions` over one sentence, against the registry."""
    agencies, aliases = registry
    return find_unresolved_agency_mentions(sentences_frame([("d", 0, 0, sentence)]), aliases, agencies)


def test_a_numbered_court_keeps_its_number_and_its_town(registry):
    got = _unresolved_in("La operación ha sido dirigida por el Juzgado de Instrucción número 4 de Marbella (Málaga).", registry)
    assert got["name"].to_list() == ["Juzgado de Instrucción número 4 de Marbella"]


def test_a_courts_ordinal_is_part_of_its_name_and_its_seat_is_not(registry):
    got = _unresolved_in("Later the Istanbul 5th Criminal Court of Peace formally arrested five suspects.", registry)
    assert got["name"].to_list() == ["Istanbul 5th Criminal Court of Peace"]
    got = _unresolved_in("The 1st Criminal Court of Florianópolis authorised the warrants.", registry)
    assert got["name"].to_list() == ["1st Criminal Court of Florianópolis"]
    got = _unresolved_in("He appeared before a judge of the Superior Court of Quebec in Montreal.", registry)
    assert got["name"].to_list() == ["Superior Court of Quebec"]
    # a seat is kept when what is left is not a name
    got = _unresolved_in("The Court in Altamura ruled on Friday.", registry)
    assert got["name"].to_list() == ["Court in Altamura"]


def test_french_units_written_in_lower_case_are_named_by_their_seat(registry):
    got = _unresolved_in("Les gendarmes, appuyés par la section de recherches de Marseille, ont démantelé le réseau.", registry)
    assert got["name"].to_list() == ["section de recherches de Marseille"]
    got = _unresolved_in("Le groupement de gendarmerie départementale du Var a mené l'enquête.", registry)
    assert got["name"].to_list() == ["groupement de gendarmerie départementale du Var"]


def test_a_press_office_is_not_an_authority(registry):
    assert _unresolved_in("Ufficio Stampa – tel. 06 4686 2237.", registry).is_empty()


def test_an_acronym_inside_a_name_leaves_the_place_after_it(registry):
    agencies, aliases = registry
    got = _unresolved_in("A acusação foi deduzida pelo Departamento de Investigação e Ação Penal (DIAP) de Lisboa.", registry)
    assert got.select("surface", "name").rows() == [
        ("Departamento de Investigação e Ação Penal", "Departamento de Investigação e Ação Penal de Lisboa")]
    assert resolve_agency_names(got.select("name", pl.lit("PRT").alias("country_key")), agencies, aliases)[
        "agency_key"].to_list() == ["pt-lisboa-diap"]


def test_a_leading_article_is_not_part_of_the_name(registry):
    got = _unresolved_in("O Ministério Público acusou sete pessoas.", registry)
    assert got["name"].to_list() == ["Ministério Público"]


def test_unresolved_excludes_generic_phrases_and_registry_names(registry):
    agencies, aliases = registry
    rows = [
        ("d", 0, 0, "The Police said national authorities and Federal Authorities worked with the National Police."),
        ("d", 1, 200, "The Public Prosecutor's Office and the Guardia di Finanza searched the Press Office."),
        ("d", 2, 400, "Assistant Attorney General Kenneth Polite thanked the Federal Bureau of Investigation."),
        ("d", 3, 600, "Alleged Operators Must Face Trial in Brooklyn Before Court Hears Their Motion"),
    ]
    got = find_unresolved_agency_mentions(sentences_frame(rows), aliases, agencies)
    assert got.height == 0, got


def test_unresolved_splits_coordinated_authorities(registry):
    got = _unresolved_in("The Regional Court of Potsdam and the Amtsgericht Frankfurt issued the warrants.", registry)
    assert got.get_column("surface").to_list() == ["Regional Court of Potsdam", "Amtsgericht Frankfurt"]
    assert got.get_column("agency_key").null_count() == 2


# ---------------------------------------------------------------------------------------------
# Resolution
# ---------------------------------------------------------------------------------------------
def resolve(names: list[str], countries: list[str | None], registry) -> pl.DataFrame:
    agencies, aliases = registry
    frame = pl.DataFrame({"name": names, "country_key": countries}, schema={"name": pl.String, "country_key": pl.String})
    return resolve_agency_names(frame, agencies, aliases)


def test_fold_name():
    assert fold_name("Policía  Federal-Argentina!") == "policia federal argentina"
    assert fold_name("The U.S. Attorney’s Office") == "u s attorney s office"


def test_exact_resolution(registry):
    got = resolve(["POLIZIA POSTALE", "Policia Federal Argentina", "FBI", "europol"], ["ITA", "ARG", None, None], registry)
    expected = pl.DataFrame(
        {
            "name": ["POLIZIA POSTALE", "Policia Federal Argentina", "FBI", "europol"],
            "country_key": ["ITA", "ARG", None, None],
            "agency_key": ["it-polizia-postale", "ar-pfa", "us-fbi", "int-europol"],
            "match_score": [100.0, 100.0, 100.0, 100.0],
        }
    )
    assert_frame_equal(got, expected)


def test_fuzzy_resolution_stays_inside_the_country(registry):
    got = resolve(["Polizia Postale e Comunicazioni", "Polizia Postale e Comunicazioni", "Postal Police"],
                  ["ITA", "FRA", "FRA"], registry)
    assert got.get_column("agency_key").to_list() == ["it-polizia-postale", None, None]
    score = got.get_column("match_score").to_list()
    assert 90.0 <= score[0] <= 100.0 and score[1] is None and score[2] is None


def test_fuzzy_resolution_does_not_swap_places(registry):
    got = resolve(["Procura della Repubblica di Trapani", "District Attorney's Office of the Republic of Catania"],
                  ["ITA", "ITA"], registry)
    assert got.get_column("agency_key").to_list() == [None, "it-procura-catania"]


def test_international_bodies_match_exactly_only(registry):
    got = resolve(["Europoll", "Eurojust", "Eurojust"], [None, None, "DEU"], registry)
    assert got.get_column("agency_key").to_list() == [None, "int-eurojust", "int-eurojust"]


def test_unknown_country_without_exact_match_is_unresolved(registry):
    got = resolve(["Polizia Postale e Comunicazioni"], [None], registry)
    assert got.get_column("agency_key").to_list() == [None]


# ---------------------------------------------------------------------------------------------
# Inflected, unaccented and lower-case forms; registry breadth
# ---------------------------------------------------------------------------------------------
def keys_in(sentence: str, registry) -> list[str]:
    _, aliases = registry
    got = find_agency_mentions(sentences_frame([("d", 0, 0, sentence)]), aliases)
    return got.get_column("agency_key").to_list()


def test_german_genitive_forms(registry):
    assert keys_in("Nach Angaben des Bundeskriminalamts wurden Server beschlagnahmt.", registry) == ["de-bka"]
    assert keys_in("Die Ermittler des Landeskriminalamtes Sachsen durchsuchten Wohnungen.", registry) == ["de-lka-sn"]
    # a feminine head does not decline and a longer word is still not a match
    assert keys_in("Bundeskriminalamtsgebäude", registry) == []


def test_german_adjective_endings(registry):
    assert keys_in("Das Hessische Landeskriminalamt durchsuchte 27 Wohnungen.", registry) == ["de-lka-he"]
    assert keys_in("Ermittler des Hessischen Landeskriminalamts waren beteiligt.", registry) == ["de-lka-he"]


def test_a_country_possessive_before_a_registry_name(registry):
    got = resolve(["Portugal's Judiciary Police", "Europe's police agency"], ["PRT", None], registry)
    assert got.get_column("agency_key").to_list() == ["pt-policia-judiciaria", None]


def test_romanian_oblique_and_cedilla_forms(registry):
    assert keys_in("Potrivit Poliției Române, serverele au fost oprite.", registry) == ["ro-politia-romana"]
    assert keys_in("Potrivit Poliţiei Române, serverele au fost oprite.", registry) == ["ro-politia-romana"]
    assert keys_in("Officers of the Politia Romana searched homes.", registry) == ["ro-politia-romana"]


def test_unaccented_multiword_aliases(registry):
    assert keys_in("The Policia Nacional arrested four people.", registry) == ["es-policia-nacional"]
    assert keys_in("Das Landeskriminalamt Baden-Wuerttemberg ermittelt.", registry) == ["de-lka-bw"]


def test_lowercase_press_forms_of_single_word_names(registry):
    assert keys_in("Sono intervenuti i carabinieri di Napoli.", registry) == ["it-carabinieri"]
    assert keys_in("On Tuesday gardaí raided homes in Dublin.", registry) == ["ie-garda"]
    # other single words stay case-sensitive
    assert keys_in("the politie and the fiod", registry) == []


def test_inflected_aliases_never_shadow_another_agency():
    aliases = pl.DataFrame(
        {"alias": ["Musteramt", "Musteramts", "Poliția Test"], "agency_key": ["a", "b", "c"], "language": ["de", "de", "ro"]}
    )
    got = with_inflected_aliases(aliases)
    forms = dict(got.select("alias", "agency_key").iter_rows())
    assert forms["Musteramts"] == "b"  # the registry's own alias wins
    assert forms["Musteramtes"] == "a"
    assert forms["Poliției Test"] == "c" and forms["Poliţia Test"] == "c" and forms["Politia Test"] == "c"
    assert got.select(pl.col("alias").str.to_lowercase()).is_unique().all()


def test_registry_courts_regulators_and_short_forms(registry):
    assert keys_in("Il Tribunale di Milano ha ordinato il blocco.", registry) == ["it-tribunale-milano"]
    assert keys_in("Die Bundesnetzagentur und die CUII prüfen Sperren.", registry) == ["de-bnetza", "de-cuii"]
    assert keys_in("Volgens het OM gaat het om illegale streams.", registry) == ["nl-openbaar-ministerie"]
    assert keys_in("La CNMC y ANACOM colaboran.", registry) == ["es-cnmc", "pt-anacom"]


def test_a_generic_name_is_the_agency_of_its_country(registry):
    from transforms.agencies import resolve_generic_agency_names

    agencies, aliases = registry
    names = pl.DataFrame({"name": ["National Police", "National Police", "Public Prosecution Service", "Police"],
                          "country_key": ["ESP", "COL", "NLD", "ESP"]})
    got = resolve_generic_agency_names(names, agencies, aliases)["agency_key"].to_list()
    assert got[:3] == ["es-policia-nacional", "co-policia", "nl-openbaar-ministerie"]
    assert got[3] is None  # one word says nothing


def test_a_name_that_several_countries_share_is_the_one_of_the_text(registry):
    from transforms.agencies import resolve_generic_agency_names

    agencies, aliases = registry
    names = pl.DataFrame({"name": ["Ministério Público"], "country_key": ["PRT"]})
    assert resolve_generic_agency_names(names, agencies, aliases)["agency_key"].to_list() == ["pt-ministerio-publico"]
    # and name resolution falls back on it when no alias or fuzzy match names the body
    assert resolve_agency_names(names, agencies, aliases).select("agency_key", "match_score").rows() == [
        ("pt-ministerio-publico", 100.0)]


def test_generic_phrases_are_returned_only_when_asked_for(registry):
    agencies, aliases = registry
    frame = sentences_frame([("d", 0, 0, "The network was dismantled, the National Police said in a statement.")])
    assert find_unresolved_agency_mentions(frame, aliases, agencies).is_empty()
    got = find_unresolved_agency_mentions(frame, aliases, agencies, include_generic=True)
    assert got.select("name", "generic").rows() == [("National Police", True)]
