import polars as pl
import pytest
from polars.testing import assert_frame_equal

from transforms.language import detect_language, detect_languages, detector

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
