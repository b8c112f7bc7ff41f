import polars as pl
from polars.testing import assert_frame_equal

from transforms.roles import assign_agency_roles, assign_country_roles, lead_countries
from transforms.sentences import split_sentences

AGENCIES = pl.DataFrame({
    "agency_key": ["it-polizia-postale", "int-eurojust", "ind-ace"],
    "agency_type": ["police", "intergovernmental", "industry"],
    "country_key": ["ITA", None, None],
})


def _sentences(text: str) -> pl.DataFrame:
    return split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))


def _mention(sentence_index: int, key_column: str, key: str) -> dict:
    return {"document_key": "d", "sentence_index": sentence_index, key_column: key}


def test_country_roles_come_from_the_words_of_the_sentence():
    sentences = _sentences(
        "In Croatia the authorities made 11 arrests. Servers were taken down in Latvia. "
        "Police from Sweden cooperated. The weather in Spain was fine.")
    mentions = pl.DataFrame([_mention(0, "country_key", "HRV"), _mention(1, "country_key", "LVA"),
                             _mention(2, "country_key", "SWE"), _mention(3, "country_key", "ESP")])
    roles = assign_country_roles(mentions, sentences)
    assert roles.select("country_key", "role").rows() == [
        ("HRV", "arrests"), ("LVA", "servers"), ("SWE", "participant")]


def test_agency_roles_by_type_and_cue():
    sentences = _sentences(
        "The operation was conducted by the Postal Police. Eurojust coordinated the action day. "
        "ACE welcomed the result.")
    mentions = pl.DataFrame([_mention(0, "agency_key", "it-polizia-postale"), _mention(1, "agency_key", "int-eurojust"),
                             _mention(2, "agency_key", "ind-ace")])
    roles = assign_agency_roles(mentions, sentences, AGENCIES)
    assert roles.select("agency_key", "role").rows() == [
        ("it-polizia-postale", "lead"), ("int-eurojust", "coordinator"), ("ind-ace", "complainant")]
    leads = lead_countries(pl.DataFrame(schema={"document_key": pl.String, "country_key": pl.String, "sentence_index": pl.Int64, "role": pl.String}),
                           roles, AGENCIES)
    assert_frame_equal(leads, pl.DataFrame({"document_key": ["d"], "lead_country_key": ["ITA"]}))


def test_redundant_roles_are_dropped():
    from transforms.roles import drop_redundant_roles

    facts = pl.DataFrame({
        "operation_key": ["op"] * 5, "document_key": ["d"] * 5,
        "country_key": ["USA", "USA", "USA", "RUS", "HRV"],
        "role": ["lead", "participant", "other", "other", "participant"],
    })
    assert drop_redundant_roles(facts).select("country_key", "role").rows() == [
        ("USA", "lead"), ("RUS", "other"), ("HRV", "participant")]


def test_a_country_takes_the_measures_whose_words_reach_it() -> None:
    import polars as pl

    from transforms.countries import find_country_mentions
    from transforms.sentences import split_sentences

    def roles_of(text: str) -> list[tuple[str, str]]:
        sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
        return sorted(assign_country_roles(find_country_mentions(sentences), sentences).select("country_key", "role").rows())

    # a new clause with its own subject tells of another measure
    assert roles_of("Servers were shut down in Germany and France, and Spanish police searched two locations.") == [
        ("DEU", "servers"), ("ESP", "searches"), ("FRA", "servers")]
    # one subject's list of measures reaches the place at its end
    assert roles_of("Officers carried out 15 searches, and took 50 servers offline in Spain.") == [
        ("ESP", "searches"), ("ESP", "servers")]
    # a list of countries arrests together; a requesting country leads, it does not arrest
    assert roles_of("Police in Spain, Denmark and Sweden have arrested 11 suspects.") == [
        ("DNK", "arrests"), ("DNK", "participant"), ("ESP", "arrests"), ("ESP", "participant"), ("SWE", "arrests"),
        ("SWE", "participant")]
    assert roles_of("Two men were arrested in Spain at the request of the United States.") == [
        ("ESP", "arrests"), ("USA", "lead")]


def test_a_nationality_is_other_and_the_arrests_belong_to_the_place() -> None:
    from transforms.countries import find_country_mentions

    def roles_of(text: str) -> list[tuple[str, str]]:
        sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [text]}))
        return sorted(assign_country_roles(find_country_mentions(sentences), sentences).select("country_key", "role").rows())

    assert roles_of("Two Russian nationals were arrested in Argentina on November 3.") == [
        ("ARG", "arrests"), ("RUS", "other")]
    assert roles_of("Fueron detenidos dos ciudadanos rusos en Córdoba, Argentina.") == [
        ("ARG", "arrests"), ("RUS", "other")]
    assert roles_of("Two Russians Arrested as Library Goes Dark.") == [("RUS", "other")]
    assert roles_of("La Policía Federal detuvo en Argentina a dos rusos.") == [("ARG", "arrests"), ("RUS", "other")]
    # the requesting country leads; the police that carried out the request do not
    assert roles_of("Fueron detenidos en Argentina a requerimiento de la Justicia de los Estados Unidos.") == [
        ("ARG", "arrests"), ("USA", "lead")]
    # the police of a country are not its nationals
    assert roles_of("The Bulgarian National Police raided 12 homes.") == [("BGR", "searches")]
    assert roles_of("Spanish police arrested 11 people.") == [("ESP", "arrests")]


def test_countries_asked_for_help_take_part() -> None:
    from transforms.countries import find_country_mentions

    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [
        "The prosecutors asked for help from France and Canada. Law enforcement from Poland joined the case."]}))
    roles = assign_country_roles(find_country_mentions(sentences), sentences)
    assert sorted(roles.select("country_key", "role").rows()) == [
        ("CAN", "participant"), ("FRA", "participant"), ("POL", "participant")]


def test_agencies_acting_at_the_request_of_another_country_do_not_lead() -> None:
    sentences = _sentences("Two men were arrested by the Postal Police at the request of the United States.")
    roles = assign_agency_roles(pl.DataFrame([_mention(0, "agency_key", "it-polizia-postale")]), sentences, AGENCIES)
    assert roles["role"].to_list() == ["participant"]


def test_measures_taken_in_a_country_involve_it() -> None:
    from transforms.countries import find_country_mentions

    sentences = split_sentences(pl.DataFrame({"document_key": ["d"], "text": [
        "Other measures were also taken in Italy and Canada. "
        "The takedown came when officers moved against targets in Spain and Germany. "
        "The site had 600,000 registered users, most of them in Peru and Chile. "
        "Its two alleged ringleaders, a Bulgarian and a Spaniard, lived in Marbella. "
        "The weather in Greece was fine."]}))
    roles = assign_country_roles(find_country_mentions(sentences), sentences)
    assert sorted(roles.select("country_key", "role").rows()) == [
        ("BGR", "other"), ("CAN", "other"), ("CHL", "other"), ("DEU", "other"), ("ESP", "other"), ("ESP", "other"),
        ("ITA", "other"), ("PER", "other")]


def _roles_by_language(texts: dict[str, str]) -> list[tuple[str, str, str]]:
    """(language, country, role) of texts keyed by their language."""
    from transforms.countries import find_country_mentions

    sentences = split_sentences(pl.DataFrame({"document_key": list(texts), "text": list(texts.values())})).with_columns(
        language=pl.col("document_key"))
    roles = assign_country_roles(find_country_mentions(sentences), sentences)
    return sorted(roles.select("document_key", "country_key", "role").rows())


def test_authorities_of_a_country_take_part_in_every_language() -> None:
    texts = {
        "de": "Zeitgleich schritten Behörden in Deutschland und der Schweiz ein.",
        "es": "En la operación actuaron también las autoridades de Portugal.",
        "fr": "Les autorités du Luxembourg ont prêté main-forte aux enquêteurs.",
        "nl": "Ook de autoriteiten in Duitsland kwamen in actie.",
    }
    assert _roles_by_language(texts) == [
        ("de", "CHE", "participant"), ("de", "DEU", "participant"), ("es", "PRT", "participant"),
        ("fr", "LUX", "participant"), ("nl", "DEU", "participant")]


def test_a_citizen_of_a_country_is_its_national() -> None:
    texts = {
        "ro": "Trei persoane, între care un cetățean al Republicii Moldova, au fost reținute în România.",
        "en": "Those arrested include a 41-year-old Bulgarian national suspected of managing the payments.",
        "fr": "Un ressortissant du Maroc a été interpellé en France.",
    }
    assert _roles_by_language(texts) == [
        ("en", "BGR", "other"), ("fr", "FRA", "arrests"), ("fr", "MAR", "other"),
        ("ro", "MDA", "other"), ("ro", "ROU", "arrests")]


def test_lead_words_in_every_language() -> None:
    texts = {
        "pt": "A Operação Ressaca, conduzida pela polícia de Portugal, visou um portal de filmes.",
        "de": "Die Aktion stand unter der Leitung der Behörden in Österreich.",
        "nl": "Het onderzoek werd geleid door de politie van België.",
    }
    assert [r for r in _roles_by_language(texts) if r[2] == "lead"] == [
        ("de", "AUT", "lead"), ("nl", "BEL", "lead"), ("pt", "PRT", "lead")]


def test_unplaced_arrests_are_the_one_lead_countrys() -> None:
    from transforms.roles import arrests_in_lead_country

    evidence = {"evidence": "Police arrested two men in Eindhoven.", "char_start": 0, "char_end": 37}
    countries = pl.DataFrame([
        {"operation_key": "op-a", "document_key": "a", "country_key": "NLD", "role": "lead", **evidence},
        {"operation_key": "op-a", "document_key": "a", "country_key": "BEL", "role": "other", **evidence},
        # arrests already placed: nothing to add
        {"operation_key": "op-b", "document_key": "b", "country_key": "ESP", "role": "lead", **evidence},
        {"operation_key": "op-b", "document_key": "b", "country_key": "PRT", "role": "arrests", **evidence},
        # two leads: whose arrests they were is not known
        {"operation_key": "op-c", "document_key": "c", "country_key": "FRA", "role": "lead", **evidence},
        {"operation_key": "op-c", "document_key": "c", "country_key": "DEU", "role": "lead", **evidence},
    ])
    metrics = pl.DataFrame([
        {"operation_key": key, "document_key": key[-1], "metric": metric, "value": value, **evidence}
        for key, metric, value in [("op-a", "arrests", 2.0), ("op-a", "searches", 4.0), ("op-b", "arrests", 3.0),
                                   ("op-c", "arrests", 5.0)]
    ])
    assert_frame_equal(
        arrests_in_lead_country(countries, metrics),
        pl.DataFrame([{"operation_key": "op-a", "document_key": "a", "country_key": "NLD", "role": "arrests", **evidence}]),
    )
    # no arrests counted: no arrests role
    assert arrests_in_lead_country(countries, metrics.filter(pl.col("metric") != "arrests")).is_empty()


def test_a_tie_between_lead_agencies_gives_the_same_lead_whatever_the_order() -> None:
    agencies = pl.DataFrame({"agency_key": ["es-gc", "pt-pj"], "country_key": ["ESP", "PRT"]})
    no_countries = pl.DataFrame(schema={"document_key": pl.String, "country_key": pl.String, "sentence_index": pl.Int64,
                                        "role": pl.String})
    roles = pl.DataFrame({"document_key": ["d", "d"], "sentence_index": [0, 0], "agency_key": ["es-gc", "pt-pj"],
                          "role": ["lead", "lead"]})
    for order in (roles, roles.reverse()):
        assert lead_countries(no_countries, order, agencies).rows() == [("d", "ESP")]
        # named as often, in the same sentence, without a lead word
        acting = order.with_columns(role=pl.lit("participant"))
        assert lead_countries(no_countries, acting, agencies).rows() == [("d", "ESP")]
