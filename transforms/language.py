"""Detect the language of each document (ISO 639-1), restricted to the project's languages.

Uses lingua (`lingua-language-detector`), which ships its own n-gram models, so nothing is
downloaded at run time. The detector only chooses among the eight languages the corpus is in
(en, it, es, pt, fr, de, nl, ro): restricting the candidate set makes it both faster and
more accurate than asking among all 75 languages lingua knows.

Cost (measured on the dev machine, 2 cores): importing `lingua` is instantaneous, but the
first detection loads the eight language models, 1.5-3 s once per process. lingua's time grows
with the length of the text: 2,000 characters take about 1 ms of CPU. So a text is first judged
on its first 600 characters, and only when lingua is not sure of that (a header in another
language, a short mixed text) on its first 2,000; on 3,000 synthetic and all sample, dev and
challenge documents the two stages give the same language as 2,000 characters alone, in a third
of the time (`tests/transforms/test_language.py` checks the real documents).

Restricted to eight, the detector calls a Czech or Swedish text one of them. Such a text is
caught by its words: few of them are among the detected language's commonest
(`find_unread_language_documents`), and the detector over every language then names it.
"""
from __future__ import annotations

from functools import lru_cache

import polars as pl
from lingua import Language, LanguageDetector, LanguageDetectorBuilder
from wordfreq import top_n_list

LANGUAGES: dict[Language, str] = {
    Language.ENGLISH: "en",
    Language.ITALIAN: "it",
    Language.SPANISH: "es",
    Language.PORTUGUESE: "pt",
    Language.FRENCH: "fr",
    Language.GERMAN: "de",
    Language.DUTCH: "nl",
    Language.ROMANIAN: "ro",
}

# Language is decided on the start of the text: enough for a stable answer, and it keeps a
# long document (or a long multilingual comment thread at its end) from dominating the cost.
SAMPLE_CHARS = 2000
# ...but first on this much, which settles nearly every text at a third of the cost
QUICK_SAMPLE_CHARS = 600
# the confidence (0-1, relative among the eight languages) at which the quick answer stands
CONFIDENT = 0.99
# Texts with fewer letters than this get no language (lingua would guess from noise).
MIN_LETTERS = 10
# A text in one of the eight languages has a fifth or more of its words among that language's
# hundred commonest (wordfreq's lists): 0.21 at the lowest over 1,600 dev, challenge,
# gap-finding and synthetic documents, machine translations and X threads included, 0.33 at
# the median. Czech, Swedish, Polish, Danish or Slovak text, which the eight-language detector
# must call one of the eight, has under 0.06 (Hungarian 0.2, Croatian 0.12). Below this share,
# the detector over every language decides.
FUNCTION_WORD_SHARE = 0.22
FUNCTION_WORDS_PER_LANGUAGE = 100


@lru_cache(maxsize=1)
def detector() -> LanguageDetector:
    """The process-wide detector over the eight project languages (built once)."""
    return LanguageDetectorBuilder.from_languages(*LANGUAGES).build()


@lru_cache(maxsize=1)
def _any_language_detector() -> LanguageDetector:
    """A detector over every language lingua knows, built only when a rejected text needs it.
    Low-accuracy mode (trigrams only): 76 MB and 0.3 s to load, where the full models take
    985 MB and 8 s; on a whole document's first 2,000 characters it names the language as well."""
    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def unread_languages(texts: list[str | None]) -> list[tuple[str, str] | None]:
    """(ISO 639-1 code, English name) of each text written in a language the extractor does not
    read ("pl", "Polish"), else None. It loads models of 75 languages, so it is asked only of
    the few texts that may be in one: those the cleaner rejected, and those
    `find_unread_language_documents` suspects."""
    detected = _per_text(texts, lambda samples: _any_language_detector().detect_languages_in_parallel_of(samples))
    return [None if language is None or language in LANGUAGES or language.iso_code_639_1 is None
            else (language.iso_code_639_1.name.lower(), language.name.title()) for language in detected]


def name_unread_languages(documents: pl.DataFrame, text_column: str = "text") -> pl.DataFrame:
    """The documents (of those given) written in a language the extractor does not read:
    `document_key`, `language_code` ("cs"), `language_name` ("Czech")."""
    found = [
        (key, *answer)
        for key, answer in zip(documents["document_key"].to_list(), unread_languages(documents[text_column].to_list()))
        if answer is not None
    ]
    return pl.DataFrame(found, schema={"document_key": pl.String, "language_code": pl.String,
                                       "language_name": pl.String}, orient="row")


@lru_cache(maxsize=1)
def _function_words() -> pl.DataFrame:
    return pl.DataFrame(
        [(code, word) for code in LANGUAGES.values() for word in top_n_list(code, FUNCTION_WORDS_PER_LANGUAGE)],
        schema={"language": pl.String, "word": pl.String}, orient="row",
    ).unique().with_columns(function_word=pl.lit(True))


def find_unread_language_documents(documents: pl.DataFrame, text_column: str = "text") -> pl.DataFrame:
    """The documents written in a language the extractor does not read, though the eight-language
    detector gave them one of the eight (it must): `document_key`, `language_code` ("cs"),
    `language_name` ("Czech").

    `documents` has document_key, the text and its detected `language`. A text whose words are
    mostly not the detected language's commonest (`FUNCTION_WORD_SHARE`) is asked of the detector
    over every language; only the few such texts are, so a batch in the eight languages costs
    one polars join.
    """
    words = (
        documents.filter(pl.col("language").is_not_null())
        .select("document_key", "language",
                pl.col(text_column).str.slice(0, SAMPLE_CHARS).str.to_lowercase().str.extract_all(r"[^\W\d_]+")
                .alias("word"))
        .explode("word").drop_nulls("word")
    )
    share = (
        words.join(_function_words(), on=["language", "word"], how="left")
        .group_by("document_key").agg(pl.col("function_word").fill_null(False).mean().alias("share"))
    )
    suspects = documents.join(share.filter(pl.col("share") < FUNCTION_WORD_SHARE), on="document_key", how="semi")
    return name_unread_languages(suspects, text_column)


def _per_text(texts: list[str | None], detect) -> list[Language | None]:
    """`detect`'s answer for each text's sample (`_sample`), None for a text too short to tell;
    `detect` is asked once, for all samples, and not at all when there is none."""
    samples = [_sample(text) for text in texts]
    to_detect = [sample for sample in samples if sample is not None]
    detected = iter(detect(to_detect) if to_detect else [])
    return [next(detected) if sample is not None else None for sample in samples]


def _sample(text: str | None) -> str | None:
    if text is None:
        return None
    sample = text[:SAMPLE_CHARS]
    # count letters only until there are enough (a text nearly always starts with words)
    letters = 0
    for ch in sample:
        if ch.isalpha():
            letters += 1
            if letters >= MIN_LETTERS:
                return sample
    return None


def detect_language(text: str | None) -> str | None:
    """ISO 639-1 code of one text, or None when it is empty or too short to tell."""
    frame = detect_languages(pl.DataFrame({"document_key": [""], "text": [text]},
                                          schema={"document_key": pl.String, "text": pl.String}))
    return frame.item(0, "language")


def _detect_samples(samples: list[str]) -> list[Language | None]:
    """lingua's answer for each sample, judged on its start when lingua is sure of that."""
    quick = detector().compute_language_confidence_values_in_parallel(
        [sample[:QUICK_SAMPLE_CHARS] for sample in samples]
    )
    answers: list[Language | None] = []
    unsure: list[int] = []
    for i, confidences in enumerate(quick):
        if confidences and confidences[0].value >= CONFIDENT:
            answers.append(confidences[0].language)
        else:
            answers.append(None)
            unsure.append(i)
    if unsure:
        for i, language in zip(unsure, detector().detect_languages_in_parallel_of([samples[i] for i in unsure])):
            answers[i] = language
    return answers


def detect_languages(documents: pl.DataFrame, text_column: str = "text") -> pl.DataFrame:
    """One row per document: `document_key: str`, `language: str` (ISO 639-1, nullable).

    `language` is one of en, it, es, pt, fr, de, nl, ro, or null for a missing text or one
    with fewer than ten letters.
    """
    keys = documents.get_column("document_key").to_list()
    detected = _per_text(documents.get_column(text_column).to_list(), _detect_samples)
    languages = [None if language is None else LANGUAGES.get(language) for language in detected]
    return pl.DataFrame(
        {"document_key": keys, "language": languages},
        schema={"document_key": pl.String, "language": pl.String},
    )
