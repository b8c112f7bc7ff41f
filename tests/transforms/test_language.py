import polars as pl
import pytest
from polars.testing import assert_frame_equal

from lingua import Language

from tests.conftest import EVAL_DEV, ROOT, SAMPLE_RAW

from transforms.language import (
    CONFIDENT, LANGUAGES, QUICK_SAMPLE_CHARS, SAMPLE_CHARS, detect_language, detect_languages, detector,
    find_unread_language_documents,
)

SAMPLES = {
    "en": "Police arrested eleven people and seized fifty servers in raids against an illegal streaming network.",
    "it": "La Polizia Postale ha arrestato undici persone e sequestrato cinquanta server in tutta Italia.",
    "es": "La Policía Nacional detuvo a once personas y desmanteló una red ilegal de televisión por internet.",
    "pt": "A Polícia Federal prendeu onze pessoas e apreendeu cinquenta servidores em vários estados do país.",
    "fr": "La gendarmerie a interpellé onze personnes et saisi cinquante serveurs lors de perquisitions.",
    "de": "Die Polizei hat elf Verdächtige festgenommen und fünfzig Server bei Durchsuchungen beschlagnahmt.",
    "nl": "De politie heeft elf verdachten aangehouden en vijftig servers in beslag genomen bij huiszoekingen.",
    "ro": "Poliția a reținut unsprezece persoane și a confiscat cincizeci de servere în urma perchezițiilor.",
}


@pytest.mark.parametrize("language", sorted(SAMPLES))
def test_each_language(language):
    assert detect_language(SAMPLES[language]) == language


def test_frame_contract_and_nulls():
    documents = pl.DataFrame(
        {"document_key": ["en", "de", "empty", "none", "digits"],
         "text": [SAMPLES["en"], SAMPLES["de"], "", None, "12345 678 90"]}
    )
    expected = pl.DataFrame(
        {"document_key": ["en", "de", "empty", "none", "digits"], "language": ["en", "de", None, None, None]},
        schema={"document_key": pl.String, "language": pl.String},
    )
    assert_frame_equal(detect_languages(documents), expected)


def test_batch_matches_single_detection():
    documents = pl.DataFrame({"document_key": list(SAMPLES), "text": list(SAMPLES.values())})
    assert detect_languages(documents).get_column("language").to_list() == list(SAMPLES)


def test_detector_is_built_once():
    assert detector() is detector()


def test_other_text_column():
    documents = pl.DataFrame({"document_key": ["a"], "clean_text": [SAMPLES["it"]]})
    assert detect_languages(documents, "clean_text").item(0, "language") == "it"


def _real_documents() -> pl.DataFrame:
    """The sample, dev and challenge articles (not their gold files)."""
    roots = [SAMPLE_RAW, ROOT / "tests" / "challenge", EVAL_DEV]  # the dev set when it is beside the repo
    paths = sorted(p for root in roots for p in root.rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in paths]
    return pl.DataFrame({"document_key": [str(p) for p in paths], "text": texts})


def test_two_stages_agree_with_the_long_sample_on_real_documents():
    """The quick 600-character judgement never changes a real article's language."""
    documents = _real_documents()
    assert documents.height >= 50
    long_sample = [
        None if language is None else LANGUAGES[language]
        for language in detector().detect_languages_in_parallel_of(
            [text[:SAMPLE_CHARS] for text in documents["text"].to_list()]
        )
    ]
    assert detect_languages(documents)["language"].to_list() == long_sample


def test_unsure_start_falls_back_to_the_long_sample():
    """An English header over an Italian article: the start alone is not trusted."""
    header = "Press release. Police news. Contact us. " * 3
    text = header + " ".join([SAMPLES["it"]] * 25)
    quick = detector().compute_language_confidence_values(text[:QUICK_SAMPLE_CHARS])
    assert quick[0].value < CONFIDENT or quick[0].language == Language.ITALIAN
    assert detect_language(text) == LANGUAGES[detector().detect_language_of(text[:SAMPLE_CHARS])]


# Written for these tests: enforcement news in languages the extractor does not read
UNREAD = {
    "sv": "Polisen har slagit till mot en olaglig IPTV-tjänst i Malmö. Två personer greps och flera servrar "
          "beslagtogs i samband med tillslaget. Enligt åklagaren hade tjänsten tusentals kunder i hela Sverige.",
    "da": "Politiet har anholdt to mænd i forbindelse med en ulovlig IPTV-tjeneste. Der blev foretaget "
          "ransagninger i København og Aarhus, og flere servere blev beslaglagt. Rights Alliance har anmeldt sagen.",
    "sk": "Polícia zadržala dvoch podozrivých v súvislosti s nelegálnym šírením televízneho signálu. "
          "Vyšetrovatelia zaistili servery a počítače. Škoda presahuje dva milióny eur.",
}


def test_unread_languages_are_found_among_the_eight():
    documents = pl.DataFrame({"document_key": [*UNREAD, *SAMPLES], "text": [*UNREAD.values(), *SAMPLES.values()]})
    documents = documents.join(detect_languages(documents), on="document_key")
    found = find_unread_language_documents(documents).sort("document_key")
    assert_frame_equal(found, pl.DataFrame({"document_key": ["da", "sk", "sv"], "language_code": ["da", "sk", "sv"],
                                            "language_name": ["Danish", "Slovak", "Swedish"]}))


def test_real_documents_in_the_eight_languages_are_not_unread():
    paths = sorted(SAMPLE_RAW.glob("*.txt")) + sorted(EVAL_DEV.glob("*.txt"))
    documents = pl.DataFrame({"document_key": [p.name for p in paths],
                              "text": [p.read_text(encoding="utf-8", errors="replace") for p in paths]})
    documents = documents.join(detect_languages(documents), on="document_key")
    assert find_unread_language_documents(documents).is_empty()
