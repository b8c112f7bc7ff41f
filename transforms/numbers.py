"""Number grammar: find the figures written in a sentence, in any of the eight corpus languages.

A *figure* is a number phrase with its value, bounds, qualifier and currency, e.g.
"over 270" (270, at_least), "EUR 1.6 million" (1600000, EUR), "tens of millions of USD"
(range 10000000..99999999, USD), "undici", "rund 140", "une dizaine" (10, approx).
`transforms.metrics` decides what (if anything) a figure counts; this module only reads numbers.

Grammar (all matching is case-insensitive unless noted):
- digits: "1,200" / "1.200" / "1 200" (a separator followed by exactly three digits groups
  thousands, in every language); "1.6" / "1,6" (any other single separator is a decimal
  mark); "1.234,56" / "1,234.56" (the last separator of the other kind is the decimal mark);
  "0.312" (a leading 0 is always decimal). The one ambiguous case, a single separator with
  three digits *followed by a scale word* ("1.500 millones" vs "1.500 million"), is read by
  language: English decimal point, other languages decimal comma.
- scale words after a number, attached or spaced: thousand/k/mila/mil/Tausend/duizend/mii,
  million/m/mn/mln/Mio./milioni/millones/milhões/millions/Millionen/miljoen/milioane,
  billion/bn/bln/Mrd./miliardi/mil millones/bilhões/milliards/Milliarden/miljard/miliarde.
  "a/one/un/ein/een/o million" = 1000000, "half a million" = 500000.
- words 2..99 and hundreds ("eleven", "undici", "veintidós", "zweiundzwanzig", "tweeëntwintig",
  "douăzeci și doi", "vingt-deux"...) per language. Words meaning "one" are not read alone
  (they are mostly articles); "both/beide/ambos" are not numbers.
- approximate nouns: "a dozen" (12 exact), "une dizaine"/"una decina"/"una decena"/
  "uma dezena"/"een tiental" (10 approx), "une centaine"/"un centinaio"/"un centenar" (100 approx)...
- vague plurals, qualifier `range`, with value_low = unit and value_high = 10 x unit - 1:
  "tens" [10, 99], "dozens" [12, 119], "hundreds" [100, 999], "thousands" [1000, 9999],
  "millions" [1e6, 1e7-1], combined: "tens of millions" [1e7, 1e8-1], "hundreds of thousands",
  "decine di milioni", "Dutzende Millionen", "Zehntausende", "honderdduizenden", "zeci de mii".
- explicit ranges: "between 10 and 20", "entre 10 y 20", "zwischen 10 und 20", "10-20" (plain
  digits, low < high, not years).
- qualifiers before the number (see `QUALIFIERS`): at_least ("over", "more than", "oltre",
  "más de", "mais de", "plus de", "über", "ruim", "peste"...), approx ("about", "some",
  "nearly", "circa", "rund", "environ", "ongeveer", "aproximativ"...), at_most ("up to",
  "less than", "fino a", "hasta", "até", "jusqu'à", "bis zu", "tot", "până la"...);
  after the number: "or more"/"+"/"-plus" (at_least), "or so" (approx).
- currencies as ISO 4217: €/EUR/euro(s) -> EUR, $/US$/USD/dollars -> USD, £/GBP/pounds ->
  GBP, R$/reais -> BRL, CHF/Swiss francs, SEK/kronor, "pesos argentinos" -> ARS, ... A bare
  "$" is read as USD; bare "pesos" stay without unit (the country is not known here).

Bounds: exact -> value_low = value_high = value; at_least -> value_low = value;
at_most -> value_high = value; approx -> no bounds; range -> both bounds.

Before reading, `mask_non_figures` blanks (with spaces, so offsets are kept) the spans that
hold digits but are never figures: URLs, e-mail addresses, phone numbers, dates ("3 November",
"November 3, 2022", "3 de noviembre", "3. November", "17.11.2022", "2024-11-27"), clock
times ("09:51", "10:30 a.m."), street addresses and unit numbers ("3651 Lindell Road",
"Suite 2100"), postcodes ("NV 89103", "2517 JR").

Language: number words, qualifiers and the "1.500 million" reading use the document language
(ISO 639-1) when known; `document_languages` takes a `language` column when the sentences
frame has one and otherwise guesses from stop words of the first 40 sentences (cheap, no
model). With no language, every language's words are read except the ones that are common
function words elsewhere ("due", "dos", "onze", "ten", "tot", "sub"...).

API: `find_figures(text, language)` -> list of `Figure` (offsets into `text`);
`extract_figures(sentences)` -> frame (`FIGURES_SCHEMA`) with document offsets;
`parse_digits`, `mask_non_figures`, `guess_language`, `document_languages`. Helpers shared
with `transforms.metrics`: `Dispatch` (a big alternation matched only at word starts, split
by first character, because Python's `re` tries every alternative at every position),
`tail_match`/`tail_hit` (a phrase ending right before a figure), `rust_superset` (the same
lexicon as a polars/Rust regex that matches at least where Python does, for prefilters).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import polars as pl

from transforms.sentences import MENTION_SCHEMA

LANGUAGES = ("en", "it", "es", "pt", "fr", "de", "nl", "ro")

QUALIFIER_VALUES = ("exact", "at_least", "approx", "at_most", "range")

# ---------------------------------------------------------------------------------------------
# Figure
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Figure:
    """One number phrase in a text. Offsets are into the text given to `find_figures`."""

    start: int  # the whole phrase: qualifier .. currency
    end: int
    num_start: int  # the numeric core (digits, number word or vague word)
    num_end: int
    value: float
    value_low: float | None
    value_high: float | None
    qualifier: str
    unit: str | None
    kind: str  # "digits" | "word" | "vague"
    scaled: bool  # a scale word (million, Mio., ...) was applied
    year_like: bool  # a bare 4-digit 1900..2099 integer


def bounds(value: float, qualifier: str) -> tuple[float | None, float | None]:
    """value_low/value_high implied by a qualifier (ranges are handled by the caller)."""
    if qualifier == "exact":
        return value, value
    if qualifier == "at_least":
        return value, None
    if qualifier == "at_most":
        return None, value
    return None, None


# ---------------------------------------------------------------------------------------------
# Digits
# ---------------------------------------------------------------------------------------------

_GROUP_SEPARATORS = "\u00a0\u202f\u2009 '’"  # the spaces and (Swiss) apostrophes that group digits
_GLUED_CODES = r"(?<=EUR|USD|GBP|CHF|SEK|NOK|DKK|PLN|RON|BRL|ARS|MXN|CAD|AUD)|(?<=\bRM)"  # RM: ringgit
DIGITS = (
    r"(?:" + _GLUED_CODES + r"|(?<![\w.,/:\-–+#§@]))"
    r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    r"|\d{1,3}(?:\.\d{3})+(?:,\d+)?"
    r"|\d{1,3}(?:[\u00a0\u202f\u2009 ]\d{3})+(?![.,]\d)(?:,\d+)?"
    r"|\d{1,3}(?:['’]\d{3})+(?:\.\d+)?"  # Swiss: "240'000", "1’250’000.50"
    r"|\d+(?:[.,]\d+)?)"
    r"(?![\d/]|[.,]\d)"
)


def parse_digits(token: str, language: str | None = None, scaled: bool = False) -> float | None:
    """Value of a digit token such as "1,200", "1.200", "1 200", "1.6", "1,6", "1.234,56".

    >>> parse_digits("1.200"), parse_digits("1,6"), parse_digits("1.500", "en", scaled=True)
    (1200.0, 1.6, 1.5)
    """
    token = token.strip()
    for separator in _GROUP_SEPARATORS:
        token = token.replace(separator, "")
    if not token:
        return None
    commas, dots = token.count(","), token.count(".")
    if commas and dots:
        decimal = "," if token.rfind(",") > token.rfind(".") else "."
        group = "." if decimal == "," else ","
        token = token.replace(group, "").replace(decimal, ".")
    elif commas or dots:
        sep = "," if commas else "."
        head, _, tail = token.rpartition(sep)
        count = commas or dots
        if count > 1:  # "1.200.000": only grouping
            token = token.replace(sep, "")
        elif len(tail) == 3 and head not in ("0", "") and not (
            scaled and ((sep == "." and (language or "en") == "en") or (sep == "," and language not in (None, "en")))
        ):
            token = head + tail  # thousands
        else:
            token = head + "." + tail  # decimal
    try:
        return float(token)
    except ValueError:
        return None


# ---------------------------------------------------------------------------------------------
# Scale words
# ---------------------------------------------------------------------------------------------

_THOUSAND = ["thousand", "thousands", "mila", "mille", "mil", "tausend", "tsd", "duizend", "mii", "mie"]
_MILLION = [
    "million", "millions", "mln", "mio", "mn", "milione", "milioni", "millón", "millon", "millones",
    "milhão", "milhao", "milhões", "milhoes", "millionen", "miljoen", "miljoenen", "milion", "milioane",
]
_BILLION = [
    "billion", "billions", "bln", "mrd", "mld", "mil millones", "mil milhões", "mil milhoes",
    "miliardo", "miliardi", "millardo", "millardos", "bilhão", "bilhao", "bilhões", "bilhoes",
    "milliard", "milliards", "milliarde", "milliarden", "miljard", "miljarden", "miliard", "miliarde",
]
# South Asian English: "1.2 lakh subscribers" (120,000), "Rs 3.5 crore" (35 million)
_LAKH = ["lakh", "lakhs"]  # not "lac": French for lake
_CRORE = ["crore", "crores", "cr"]  # "Rs 140 cr"
_SCALE_VALUE: dict[str, float] = {**{w: 1e5 for w in _LAKH}, **{w: 1e7 for w in _CRORE}}
for _w in _THOUSAND:
    _SCALE_VALUE[_w.replace("\\", "")] = 1e3
for _w in _MILLION:
    _SCALE_VALUE[_w.replace("\\", "").replace("?", "")] = 1e6
for _w in _BILLION:
    _SCALE_VALUE[_w.replace("\\", "").replace("?", "")] = 1e9


def _alt(words: list[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# spaced or hyphenated scale word ("22 million", "2-Million-Subscriber", "12 Mio.")
SCALE_RE = re.compile(
    r"[\s\u00a0\u202f-]*(?:de\s+|d['’])?(?P<scale>" + _alt(_BILLION + _MILLION + _THOUSAND + _LAKH + _CRORE) + r")(?![\w])"
    r"(?:(?<=[Mm]io|[Mm]rd|[Mm]ld|[Tt]sd|MIO|MRD|MLD)\.)?",
    re.IGNORECASE,
)
# attached abbreviations ("22m", "€3bn", "£300k", "1.5b")
# ("₹18.6L": lakh, upper-case only, as Indian English writes it)
ATTACHED_SCALE_RE = re.compile(r"(?P<scale>bn|mn|m|k|b|cr|(?-i:L))(?![\w])", re.IGNORECASE)
_ATTACHED = {"bn": 1e9, "b": 1e9, "mn": 1e6, "m": 1e6, "k": 1e3, "cr": 1e7, "l": 1e5}
# a spaced abbreviation of the scale written against its currency, French style ("1,2 M€",
# "3 Md€", "500 k€", "12 M$")
SYMBOL_SCALE_RE = re.compile(r"[\s\u00a0\u202f]*(?P<scale>Mds?|Mrd|M|k|K)(?=[\s\u00a0\u202f]?(?:€|\$|£|EUR\b|USD\b))")
_SYMBOL_SCALE = {"md": 1e9, "mds": 1e9, "mrd": 1e9, "m": 1e6, "k": 1e3}
# the abbreviated scales and their values (a spelled-out scale word goes through `_scale_value`)
_ABBREVIATED_SCALES = {ATTACHED_SCALE_RE: _ATTACHED, SYMBOL_SCALE_RE: _SYMBOL_SCALE}


def _scale_value(word: str) -> float:
    w = word.lower().rstrip(".")
    if w in _SCALE_VALUE:
        return _SCALE_VALUE[w]
    if w + "." in _SCALE_VALUE:
        return _SCALE_VALUE[w + "."]
    return _SCALE_VALUE.get(re.sub(r"\s+", " ", w), 1.0)


# ---------------------------------------------------------------------------------------------
# Number words
# ---------------------------------------------------------------------------------------------

_UNITS = {
    "en": ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"],
    "it": ["", "uno", "due", "tre", "quattro", "cinque", "sei", "sette", "otto", "nove"],
    "es": ["", "uno", "dos", "tres", "cuatro", "cinco", "seis", "siete", "ocho", "nueve"],
    "pt": ["", "um", "dois", "três", "quatro", "cinco", "seis", "sete", "oito", "nove"],
    "fr": ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"],
    "de": ["", "ein", "zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun"],
    "nl": ["", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"],
    "ro": ["", "unu", "doi", "trei", "patru", "cinci", "șase", "șapte", "opt", "nouă"],
}
_TEENS = {
    "en": ["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
    "it": ["dieci", "undici", "dodici", "tredici", "quattordici", "quindici", "sedici", "diciassette", "diciotto", "diciannove"],
    "es": ["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho", "diecinueve"],
    "pt": ["dez", "onze", "doze", "treze", "catorze", "quinze", "dezesseis", "dezessete", "dezoito", "dezenove"],
    "fr": ["dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf"],
    "de": ["zehn", "elf", "zwölf", "dreizehn", "vierzehn", "fünfzehn", "sechzehn", "siebzehn", "achtzehn", "neunzehn"],
    "nl": ["tien", "elf", "twaalf", "dertien", "veertien", "vijftien", "zestien", "zeventien", "achttien", "negentien"],
    "ro": ["zece", "unsprezece", "doisprezece", "treisprezece", "paisprezece", "cincisprezece", "șaisprezece",
           "șaptesprezece", "optsprezece", "nouăsprezece"],
}
_TENS = {
    "en": ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"],
    "it": ["venti", "trenta", "quaranta", "cinquanta", "sessanta", "settanta", "ottanta", "novanta"],
    "es": ["veinte", "treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"],
    "pt": ["vinte", "trinta", "quarenta", "cinquenta", "sessenta", "setenta", "oitenta", "noventa"],
    "fr": ["vingt", "trente", "quarante", "cinquante", "soixante", "soixante-dix", "quatre-vingt", "quatre-vingt-dix"],
    "de": ["zwanzig", "dreißig", "vierzig", "fünfzig", "sechzig", "siebzig", "achtzig", "neunzig"],
    "nl": ["twintig", "dertig", "veertig", "vijftig", "zestig", "zeventig", "tachtig", "negentig"],
    "ro": ["douăzeci", "treizeci", "patruzeci", "cincizeci", "șaizeci", "șaptezeci", "optzeci", "nouăzeci"],
}
_HUNDRED = {"en": "hundred", "it": "cento", "es": "cien", "pt": "cem", "fr": "cent", "de": "hundert",
            "nl": "honderd", "ro": "o sută"}
# extra spellings
_EXTRA_WORDS = {
    "en": {"a dozen": 12, "dozen": 12, "a hundred": 100, "one hundred": 100},
    "it": {"ventitre": 23, "trentatre": 33, "una dozzina": 12},
    "es": {"dieciseis": 16, "veintiún": 21, "veintiuna": 21, "veintidos": 22, "veintitres": 23, "veintiseis": 26,
           "ciento": 100, "una docena": 12, "dos": 2, "veintidós": 22, "veintitrés": 23, "veintiséis": 26},
    "pt": {"duas": 2, "tres": 3, "quatorze": 14, "dezasseis": 16, "dezassete": 17, "dezanove": 19, "cento": 100,
           "uma dúzia": 12, "uma duzia": 12},
    "fr": {"quatre-vingts": 80, "soixante et onze": 71, "une douzaine": 12, "douzaine": 12},
    "de": {"zwei": 2, "fuenf": 5, "zwoelf": 12, "zwo": 2, "dreissig": 30, "fuenfzig": 50, "einhundert": 100,
           "ein dutzend": 12, "dutzend": 12},
    "nl": {"een dozijn": 12},
    "ro": {"două": 2, "doua": 2, "sută": 100, "o duzină": 12, "douăsprezece": 12, "douasprezece": 12},
}
# 200..900 where they are one irregular word
_HUNDREDS = {
    "it": {u + "cento": 100 * i for i, u in enumerate(_UNITS["it"]) if i >= 2},
    "es": {"doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300, "cuatrocientos": 400,
           "cuatrocientas": 400, "quinientos": 500, "quinientas": 500, "seiscientos": 600, "seiscientas": 600,
           "setecientos": 700, "setecientas": 700, "ochocientos": 800, "ochocientas": 800, "novecientos": 900,
           "novecientas": 900},
    "pt": {"duzentos": 200, "duzentas": 200, "trezentos": 300, "trezentas": 300, "quatrocentos": 400,
           "quatrocentas": 400, "quinhentos": 500, "quinhentas": 500, "seiscentos": 600, "seiscentas": 600,
           "setecentos": 700, "setecentas": 700, "oitocentos": 800, "oitocentas": 800, "novecentos": 900,
           "novecentas": 900},
    "ro": {"două sute": 200, "doua sute": 200},
}
# words that are numbers in one language but common function words in another: only read
# them when the document language is known to be theirs
_AMBIGUOUS = {"due", "dos", "onze", "ten", "tien", "opt", "sept", "sei", "once", "tres", "neuf", "elf", "acht",
              "vier", "six", "dix", "cent", "mil", "doze", "sete", "nove", "trei"}


def _ro_variants(word: str) -> set[str]:
    out = {word}
    for a, b in (("ș", "ş"), ("ț", "ţ")):
        out |= {w.replace(a, b) for w in out}
    plain = {w.translate(str.maketrans("șşțţăâî", "ssttaai")) for w in out}
    return out | plain


def _accent_variants(word: str) -> set[str]:
    plain = "".join(ch for ch in unicodedata.normalize("NFKD", word.replace("ß", "ss")) if not unicodedata.combining(ch))
    return {word, plain}


@lru_cache(maxsize=None)
def number_words(language: str) -> dict[str, int]:
    """Surface form (lower-case) -> value, 2..99 and hundreds, for one language."""
    units, teens, tens = _UNITS[language], _TEENS[language], _TENS[language]
    words: dict[str, int] = {}
    for i in range(2, 10):
        words[units[i]] = i
    for i, w in enumerate(teens):
        words[w] = 10 + i
    for i, ten in enumerate(tens):
        t = 20 + 10 * i
        if language == "fr" and ten in ("soixante-dix", "quatre-vingt-dix"):
            t = 70 if ten == "soixante-dix" else 90
            words[ten] = t
            base = "soixante" if t == 70 else "quatre-vingt"
            for j in range(1, 10):
                words[f"{base}-{teens[j]}"] = t + j
            words["soixante et onze"] = 71
            continue
        if language == "fr" and ten == "quatre-vingt":
            t = 80
        words[ten] = t
        for j in range(1, 10):
            u = units[j]
            if language == "en":
                forms = [f"{ten}-{u}", f"{ten} {u}"]
            elif language == "it":
                stem = ten[:-1] if u[0] in "uo" else ten
                forms = [stem + ("tré" if u == "tre" else u)]
            elif language == "es":
                forms = [f"{ten} y {u}"] if t > 20 else ["veinti" + u]
            elif language == "pt":
                forms = [f"{ten} e {u}"]
            elif language == "fr":
                forms = [f"{ten} et un", f"{ten}-et-un"] if j == 1 and t < 80 else [f"{ten}-{u}"]
            elif language == "de":
                forms = [("ein" if j == 1 else u) + "und" + ten]
            elif language == "nl":
                forms = [u + ("ën" if u.endswith("e") else "en") + ten]
                if u.endswith("e"):
                    forms.append(u + "en" + ten)
            else:  # ro
                forms = [f"{ten} și {u}", f"{ten} si {u}"]
                if j in (1, 2):
                    forms += [f"{ten} și {'unu' if j == 1 else 'două'}"]
            for f in forms:
                words[f] = t + j
    hundred = _HUNDRED[language]
    words[hundred] = 100
    for i in range(2, 10):
        if language == "ro":
            words[f"{units[i]} sute"] = 100 * i
        elif language in ("en", "nl", "de", "fr"):
            sep = " " if language in ("en", "fr") else ""
            words[f"{units[i]}{sep}{hundred}{'s' if language == 'fr' else ''}"] = 100 * i
            if language == "fr":
                words[f"{units[i]} cent"] = 100 * i
    words.update(_EXTRA_WORDS.get(language, {}))
    words.update(_HUNDREDS.get(language, {}))
    out: dict[str, int] = {}
    for w, v in words.items():
        if not w:
            continue
        forms = _ro_variants(w) if language == "ro" else _accent_variants(w)
        for f in forms:
            out[f.lower()] = v
    return out


@lru_cache(maxsize=None)
def _words_for(language: str | None) -> dict[str, int]:
    if language in LANGUAGES:
        words = dict(number_words(language))
        if language != "en":  # English numbers are common in every language's news (headlines, quotes)
            for w, v in number_words("en").items():
                if w not in _AMBIGUOUS and w not in words:
                    words.setdefault(w, v)
        return words
    words = {}
    for lang in LANGUAGES:
        for w, v in number_words(lang).items():
            if w in _AMBIGUOUS:
                continue
            words.setdefault(w, v)
    return words


# approximate nouns ("une dizaine" = about ten)
_APPROX_NOUNS = {
    "une dizaine": 10, "une quinzaine": 15, "une vingtaine": 20, "une trentaine": 30, "une quarantaine": 40,
    "une cinquantaine": 50,
    "une soixantaine": 60, "une centaine": 100, "un millier": 1000,
    "una decina": 10, "una quindicina": 15, "una ventina": 20, "una trentina": 30, "una quarantina": 40,
    "una cinquantina": 50,
    "una sessantina": 60, "una settantina": 70, "un'ottantina": 80, "una novantina": 90, "un centinaio": 100,
    "un migliaio": 1000,
    "una decena": 10, "una veintena": 20, "una treintena": 30, "un centenar": 100, "un millar": 1000,
    "uma dezena": 10, "uma vintena": 20, "uma centena": 100, "um milhar": 1000,
    "een tiental": 10, "een vijftiental": 15, "een twintigtal": 20, "een dertigtal": 30, "een veertigtal": 40,
    "een vijftigtal": 50,
    "een honderdtal": 100, "tiental": 10, "twintigtal": 20, "dertigtal": 30, "honderdtal": 100,
}

# vague plurals: multiplier words and scale plurals
_VAGUE_MULT = {
    "tens": 10, "decine": 10, "decenas": 10, "dezenas": 10, "dizaines": 10, "tientallen": 10, "zeci": 10,
    "dozens": 12, "dutzende": 12, "dozzine": 12, "docenas": 12, "dúzias": 12, "duzias": 12, "douzaines": 12,
    "hundreds": 100, "centinaia": 100, "centenares": 100, "cientos": 100, "centenas": 100, "centaines": 100,
    "hunderte": 100, "honderden": 100, "sute": 100,
}
_VAGUE_SCALE = {
    "thousands": 1e3, "migliaia": 1e3, "miles": 1e3, "milhares": 1e3, "milliers": 1e3, "tausende": 1e3,
    "duizenden": 1e3, "mii": 1e3,
    "millions": 1e6, "milioni": 1e6, "millones": 1e6, "milhões": 1e6, "milhoes": 1e6, "millionen": 1e6,
    "miljoenen": 1e6, "milioane": 1e6,
    "billions": 1e9, "miliardi": 1e9, "milliarden": 1e9, "milliards": 1e9, "miljarden": 1e9, "miliarde": 1e9,
}
# one-word compounds
_VAGUE_COMPOUND = {
    "zehntausende": 1e4, "hunderttausende": 1e5, "tienduizenden": 1e4, "honderdduizenden": 1e5,
}
_VAGUE_RE = re.compile(
    r"(?<![\w])(?:(?P<mult>" + _alt(list(_VAGUE_MULT)) + r")(?:[\s\u00a0]+(?:of|di|de|d['’]|von|van)?[\s\u00a0]*"
    r"(?P<mscale>" + _alt(list(_VAGUE_SCALE)) + r"|thousand|million|billion|mii|mila))?"
    r"|(?P<compound>" + _alt(list(_VAGUE_COMPOUND)) + r")"
    r"|(?P<scale>" + _alt(list(_VAGUE_SCALE)) + r")(?=[\s\u00a0]+(?:of|di|de|d['’]|van|von)?[\s\u00a0]*\w))"
    r"(?![\w])",
    re.IGNORECASE,
)

# "a million", "half a million"
_ONE = r"(?:a|an|one|un|una|uno|um|uma|ein|eine|einer|een|één|o|une)"
_HALF_RE = re.compile(
    r"(?<![\w])(?:half\s+a|a\s+half|mezzo|medio|meio|un\s+demi|une\s+demi|eine\s+halbe|een\s+half|o\s+jumătate\s+de)"
    r"[\s-]+(?=million|milione|millón|milhão|million|Million|miljoen|milion)",
    re.IGNORECASE,
)

# ---------------------------------------------------------------------------------------------
# Qualifiers
# ---------------------------------------------------------------------------------------------

QUALIFIERS: dict[str, dict[str, list[str]]] = {
    "at_least": {
        "en": ["over", "more than", "at least", "in excess of", "upwards of", "no fewer than", "no less than",
               "not less than", "well over", "just over", "above", "exceeding", "a minimum of", "a total of over",
               "more then", "more from", "more of", "over than", "to exceed", "exceed", "surpassing"],
        "it": ["oltre", "più di", "piu di", "almeno", "non meno di", "ben oltre", "più che", "superiore a"],
        "es": ["más de", "mas de", "al menos", "por lo menos", "como mínimo", "como minimo", "no menos de",
               "arriba de", "superior a"],
        "pt": ["mais de", "pelo menos", "no mínimo", "no minimo", "ao menos", "acima de"],
        "fr": ["plus de", "plus d'", "plus d’", "au moins", "pas moins de", "au minimum", "plus d’un", "plus d'un"],
        "de": ["über", "ueber", "mehr als", "mindestens", "gut", "weit über", "knapp über", "wenigstens"],
        "nl": ["meer dan", "ruim", "minstens", "ten minste", "tenminste", "zeker", "meer als"],
        "ro": ["peste", "mai mult de", "mai mult decât", "mai mult decat", "mai bine de", "cel puțin", "cel putin",
               "cel puţin", "minimum"],
    },
    "approx": {
        "en": ["about", "around", "some", "nearly", "almost", "approximately", "approx.", "roughly", "an estimated",
               "estimated", "estimated at", "circa", "ca.", "close to", "in the region of", "on the order of",
               "an approximate", "approximate", "roughly around", "just about", "~", "≈"],
        "it": ["circa", "quasi", "intorno a", "intorno ai", "intorno alle", "attorno a", "attorno ai",
               "all'incirca", "approssimativamente", "pressoché", "pressappoco", "stimati in", "stimato in"],
        "es": ["cerca de", "unos", "unas", "alrededor de", "aproximadamente", "casi", "en torno a", "aprox.",
               "del orden de", "estimado en", "estimados en"],
        "pt": ["cerca de", "uns", "umas", "aproximadamente", "quase", "por volta de", "em torno de", "perto de",
               "aprox.", "estimado em", "estimados em"],
        "fr": ["environ", "près de", "pres de", "presque", "quelque", "autour de", "à peu près", "approximativement",
               "quasiment", "estimé à", "estimés à"],
        "de": ["rund", "etwa", "ca.", "circa", "zirka", "fast", "knapp", "ungefähr", "annähernd", "nahezu", "beinahe",
               "schätzungsweise", "geschätzt", "geschätzte", "geschätzten"],
        "nl": ["ongeveer", "bijna", "circa", "ca.", "zo'n", "zo’n", "rond de", "rond", "naar schatting",
               "om en nabij", "pakweg", "nagenoeg"],
        "ro": ["aproximativ", "aprox.", "aproape", "circa", "în jur de", "in jur de", "cca.", "cca", "estimat la",
               "estimată la"],
    },
    "at_most": {
        "en": ["up to", "less than", "fewer than", "under", "no more than", "at most", "a maximum of", "maximum of",
               "just under", "below", "not more than"],
        "it": ["fino a", "meno di", "al massimo", "non più di", "massimo", "un massimo di", "fino ad"],
        "es": ["hasta", "menos de", "como máximo", "como maximo", "no más de", "un máximo de"],
        "pt": ["até", "ate", "menos de", "no máximo", "no maximo", "não mais de"],
        "fr": ["jusqu'à", "jusqu’à", "jusqu'a", "moins de", "au plus", "au maximum", "pas plus de"],
        "de": ["bis zu", "weniger als", "höchstens", "maximal", "unter"],
        "nl": ["tot", "tot wel", "tot maximaal", "minder dan", "hooguit", "maximaal", "ten hoogste"],
        "ro": ["până la", "pana la", "pînă la", "mai puțin de", "mai putin de", "maximum", "cel mult", "sub"],
    },
}
# after the number
_POST_QUALIFIER_RE = re.compile(
    r"(?:\s*\+(?!\d)|-plus\b|\s+(?:or|and)\s+more\b|\s+o\s+más\b|\s+o\s+più\b|\s+ou\s+mais\b|\s+ou\s+plus\b"
    r"|\s+oder\s+mehr\b|\s+of\s+meer\b|\s+sau\s+mai\s+mult\b|(?P<approx>\s+or\s+so\b|-odd\b|\s+odd\b))",
    re.IGNORECASE,
)
# explicit range openers
_BETWEEN_RE = re.compile(r"(?:between|entre|tra|fra|zwischen|tussen|între|intre|from|de|da|von|van|vanaf)\s+$",
                         re.IGNORECASE)
_RANGE_AND_RE = re.compile(r"\s*(?:and|e|y|und|et|en|și|si|to|a|à|bis|tot|la|-|–)\s*", re.IGNORECASE)
_DASH_RANGE_RE = re.compile(r"\s?[-–]\s?")
_SECOND_DIGITS_RE = re.compile(r"(?P<digits>\d{1,3}(?:[.,]\d{3})*(?:[.,]\d+)?)(?![\d/]|[.,]\d)")


@lru_cache(maxsize=None)
def _qualifier_phrases(language: str | None) -> dict[str, list[str]]:
    langs = [language, "en"] if language in LANGUAGES else list(LANGUAGES)
    out: dict[str, list[str]] = {}
    for qualifier, by_language in QUALIFIERS.items():
        phrases: list[str] = []
        for lang in langs:
            phrases += by_language.get(lang, [])
        if language not in (None, "nl"):
            phrases = [p for p in phrases if p != "tot"]
        if language not in (None, "ro"):
            phrases = [p for p in phrases if p != "sub"]
        if language not in (None, "de"):
            phrases = [p for p in phrases if p not in ("gut", "fast", "unter")]
        out[qualifier] = phrases
    return out


@lru_cache(maxsize=None)
def qualifier_tails(language: str | None) -> tuple[tuple[int, frozenset[str]], ...]:
    """Every qualifier phrase of a language, lower-cased, grouped by length (for `tail_hit`)."""
    by_length: dict[int, set[str]] = {}
    for phrases in _qualifier_phrases(language).values():
        for p in phrases:
            p = p.lower()
            by_length.setdefault(len(p), set()).add(p)
    return tuple((n, frozenset(v)) for n, v in sorted(by_length.items(), reverse=True))


_WS_RUN = re.compile(r"\s+")


def tail_hit(text: str, end: int, tails: tuple[tuple[int, frozenset[str]], ...], span: int = 40) -> bool:
    """True when text[:end] ends (before spaces) with one of the phrases in `tails`, at a word start.

    A cheap exact-string test that spares the regex `tail_match` on the (many) figures without one.
    """
    ctx = _WS_RUN.sub(" ", text[max(0, end - span):end].lower()).rstrip()
    n = len(ctx)
    for length, phrases in tails:
        if length <= n and ctx[n - length:] in phrases and (length == n or not ctx[n - length - 1].isalnum()):
            return True
    return False


@lru_cache(maxsize=None)
def _qualifier_re(language: str | None) -> re.Pattern[str]:
    parts = []
    for qualifier, phrases in _qualifier_phrases(language).items():
        escaped = sorted({re.escape(p).replace(r"\ ", r"\s+") for p in phrases}, key=len, reverse=True)
        parts.append(f"(?P<{qualifier}>" + "|".join(escaped) + ")")
    # the qualifier must end right before the figure; "oltre a" is "besides", not "over"
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")[\s\u00a0]*$", re.IGNORECASE)


# ---------------------------------------------------------------------------------------------
# Currencies
# ---------------------------------------------------------------------------------------------

_CURRENCY_CODES = (
    "EUR USD GBP CHF SEK NOK DKK PLN RON BRL ARS MXN CAD AUD JPY CNY INR RUB CZK HUF BGN TRY IDR "
    "COP CLP PEN UYU HKD SGD NZD ZAR KRW UAH HRK ISK RSD MDL THB PHP VND MYR AED SAR QAR ILS EGP NGN KES"
).split()
_PREFIX_SYMBOLS = {
    "US$": "USD", "U.S.$": "USD", "USD$": "USD", "R$": "BRL", "A$": "AUD", "AU$": "AUD", "C$": "CAD",
    "CA$": "CAD", "NZ$": "NZD", "HK$": "HKD", "S$": "SGD", "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY",
    "₹": "INR", "₽": "RUB", "Fr.": "CHF", "zł": "PLN", "kr": "SEK", "Rs.": "INR", "Rs": "INR", "₺": "TRY",
    "₱": "PHP", "฿": "THB", "₫": "VND", "₦": "NGN", "RM": "MYR",
}
_CUR_PREFIX_RE = re.compile(
    r"(?:(?<![A-Za-z])(?P<code>" + "|".join(_CURRENCY_CODES) + r")|(?<![A-Za-z])(?P<sym>"
    + "|".join(re.escape(s) for s in sorted(_PREFIX_SYMBOLS, key=len, reverse=True) if s not in ("kr", "zł", "Fr."))
    + r"))[\s\u00a0]?$"
)
_CURRENCY_WORDS: list[tuple[str, str]] = [
    (r"(?:US|U\.S\.|American|amerikanische[n]?|estadounidenses?|americanos?|americani|américains|USA?-)\s*"
     r"(?:dollars?|dólares|dolares|dollari|dollaro|dollar|dólar)", "USD"),
    (r"(?:Canadian|canadiens?)\s+dollars?", "CAD"),
    (r"(?:Australian|australiens?)\s+dollars?", "AUD"),
    (r"(?:Hong Kong)\s+dollars?", "HKD"),
    # since the euro, a franc with no country is the Swiss one (the CFA franc says so)
    (r"(?:Swiss\s+)?francs?\s+suisses?|Swiss\s+francs?|Schweizer\s+Franken|Franken|franchi\s+svizzeri|CHF|"
     r"francs?(?!\s+CFA)", "CHF"),
    (r"pesos\s+argentinos|Argentine\s+pesos", "ARS"),
    (r"pesos\s+mexicanos|Mexican\s+pesos", "MXN"),
    (r"pesos\s+chilenos|Chilean\s+pesos", "CLP"),
    (r"pesos\s+colombianos|Colombian\s+pesos", "COP"),
    (r"euros?|euro's|eur|€|евро", "EUR"),
    (r"dollars?|dólares|dolares|dollari|dollaro|dólar|dolari|dolar|\$", "USD"),
    (r"(?:British\s+)?pounds(?:\s+sterling)?|pound\s+sterling|sterling|sterline|libras(?:\s+esterlinas)?|Pfund|£", "GBP"),
    (r"reais|reales", "BRL"),
    (r"(?:Swedish\s+)?kronor|SEK", "SEK"),
    (r"złoty|zloty|zlotys|złotych|PLN", "PLN"),
    (r"lei(?:\s+românești)?|RON", "RON"),
    (r"rubles|roubles|Rubel|rublos|rubli", "RUB"),
    (r"rupees|rupie", "INR"),
    (r"(?:Turkish\s+)?liras?|lire\s+turche|T[üu]rk\s+liras[ıi]|TL", "TRY"),
    (r"baht", "THB"),
    (r"(?:Vietnamese\s+)?dong|đồng", "VND"),
    (r"ringgit", "MYR"),
    (r"yen", "JPY"),
    (r"yuan|renminbi", "CNY"),
]
_CUR_SUFFIX_RE = re.compile(
    r"[\s\u00a0]*(?:(?:of|de|di|in)[\s\u00a0]+|d['’][\s\u00a0]*)?(?:"
    + "|".join(f"(?P<c{i}>{p})" for i, (p, _) in enumerate(_CURRENCY_WORDS))
    + "|(?P<code>" + "|".join(_CURRENCY_CODES) + r"))(?![\w])",
    re.IGNORECASE,
)


def _suffix_currency(match: re.Match[str]) -> str | None:
    if match.group("code"):
        return match.group("code").upper()
    for i, (_, code) in enumerate(_CURRENCY_WORDS):
        if match.group(f"c{i}"):
            return code
    return None


# ---------------------------------------------------------------------------------------------
# Masking of digit spans that are never figures
# ---------------------------------------------------------------------------------------------

_MONTHS = (
    r"(?i:january|february|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept?|"
    r"oct|nov|dec|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|novembre|dicembre|"
    r"enero|febrero|abril|mayo|junio|julio|septiembre|setiembre|octubre|noviembre|diciembre|janeiro|fevereiro|"
    r"março|marco|maio|junho|julho|setembro|outubro|novembro|dezembro|janvier|février|fevrier|mars|avril|juin|"
    r"juillet|août|aout|septembre|octobre|décembre|decembre|januar|jänner|februar|märz|maerz|juni|juli|oktober|"
    r"dezember|januari|februari|maart|mei|augustus|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|"
    r"octombrie|noiembrie|decembrie)|May|March|Mar|Mai|mai"
)
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|\.|º|°|ª)?"
_MASKS = [
    re.compile(r"https?://\S+|www\.\S+|\b[\w.+-]+@[\w-]+\.[\w.-]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|eu|it|es|de|fr|nl|ro|pt|br|ar|uk|example|info|gov)(?:/\S*)?\b"),
    # dates
    re.compile(r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b"),
    re.compile(rf"(?<![\w]){_DAY}(?:\s*(?:and|&|e|y|und|et|en|și|-|–)\s*{_DAY})?\s*(?:de\s+|of\s+)?(?:{_MONTHS})\b\.?(?:,?\s*(?:de\s+)?\d{{4}})?"),
    re.compile(rf"(?<![\w])(?:{_MONTHS})\.?\s+{_DAY}(?:\s*(?:and|&|-|–)\s*{_DAY})?(?![\w])(?:,?\s+\d{{4}})?"),
    re.compile(rf"(?<![\w])(?:{_MONTHS})\.?\s+(?:de\s+)?\d{{4}}\b"),
    # clock times
    re.compile(r"(?<![\w])\d{1,2}:\d{2}(?::\d{2})?(?:\s*(?:-|–)\s*\d{1,2}:\d{2})?(?:\s*(?:a\.?m\.?|p\.?m\.?|Uhr|h\b|CET|CEST|WIB|UTC|GMT|ET|EDT|EST))?"),
    re.compile(r"(?<![\w])\d{1,2}[.h]\d{2}\s*(?:Uhr|h\b|a\.m\.|p\.m\.)"),
    # phones
    re.compile(r"\+\s?\d{1,3}[\s\d().\-/]{6,}\d"),
    re.compile(r"\(\d{2,5}\)\s?\d[\d\s.\-]{4,}\d"),
    re.compile(r"(?<![\w.,])\d{3,5}[\s.\-]\d{3,4}[\s.\-]\d{4}(?![\w])"),
    re.compile(r"(?<![\w.,])\d{3,4}[.\-]\d{4}(?![\w])"),
    re.compile(r"(?<![\w.,])0\d{6,}(?![\w])"),
    re.compile(r"(?i:\b(?:tel|phone|fax|telefono|teléfono|telefone|téléphone|telefon|tel\.?:?)\b\.?:?)\s*[\d\s().\-/+]{6,}\d"),
    # postcodes, addresses, unit numbers
    re.compile(r"\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b|\b\d{4}\s?[A-Z]{2}\b(?!\w)"),
    re.compile(r"(?<=,\s)\d{4,5}(?=\s+[A-ZÀ-Þ][a-zà-ÿ])"),
    re.compile(r"(?<![\w])\d{1,5}(?=\s+(?:[A-Z][\w.'-]*\s+){0,3}(?:Street|St\.|Road|Rd\.?|Avenue|Ave\.?|Blvd\.?|Boulevard|Lane|Drive|Way|Place|Square|Walk|Parkway|Pkwy)\b)"),
    re.compile(r"(?i:\b(?:suite|floor|unit|room|piso|kav\.|av\.|apt\.?|box|building|bldg\.?|no\.|nr\.|n[º°o]\.?|postfach|cp|c\.p\.)\s*)\d+(?:[-/]\d+)?"),
    re.compile(r"(?<=[A-Za-zäöüß]straße\s)\d+|(?<=[a-z]laan\s)\d+|(?<=[a-z]straat\s)\d+|(?<=Avenue des Arts\s)\d+"),
]


_HAS_DIGIT = re.compile(r"\d")
_NOT_SPACE = re.compile(r"\S")


_RUN_START = re.compile(r"(?<!\d)\d")
_URL = re.compile(r"https?://|www\.|@")


_NON_SPACE_TOKEN = re.compile(r"\S+")


def _mask_starts(text: str) -> list[int]:
    """Where a mask pattern may start: each digit run, a "+"/"(" right before it, and the
    starts of the three whitespace-separated tokens before it ("Tel.:", "Suite", "November")."""
    starts: set[int] = set()
    for m in _RUN_START.finditer(text):
        i = m.start()
        starts.add(i)
        j = i
        while j > 0 and i - j < 2 and text[j - 1] in "+(":
            j -= 1
            starts.add(j)
        # token starts before the run
        k = j
        for _ in range(3):
            while k > 0 and text[k - 1].isspace():
                k -= 1
            if k == 0 or i - k > 30:
                break
            b = k
            while b > 0 and not text[b - 1].isspace():
                b -= 1
            starts.add(b)
            if b + 1 < k and not text[b].isalnum():
                starts.add(b + 1)  # "(c)", "«Tel."
            k = b
    if "@" in text or "www." in text or "://" in text:
        for m in _NON_SPACE_TOKEN.finditer(text):
            if _URL.search(m.group(0)):
                starts.add(m.start())
    return sorted(starts)


@lru_cache(maxsize=1)
def _mask_dispatch() -> "Dispatch":
    return Dispatch({f"m{i}": [p.pattern] for i, p in enumerate(_MASKS)}, flags=0)


def mask_non_figures(text: str) -> str:
    """`text` with URLs, phones, dates, times, addresses and postcodes blanked by spaces."""
    if not _HAS_DIGIT.search(text):
        return text
    parts: list[str] = []
    last = 0
    dispatch = _mask_dispatch()
    # every masked span holds a digit and starts at it, at a "+" or "(" right before it, or at
    # one of the two words before it ("Tel.", "Suite", "November", "NV", "https")
    for start in _mask_starts(text):
        if start < last:
            continue
        m = dispatch.match(text, start)
        if m is not None and m.end() > start:
            parts.append(text[last:m.start()])
            parts.append(_NOT_SPACE.sub(" ", m.group(0)))
            last = m.end()
    if not parts:
        return text
    parts.append(text[last:])
    return "".join(parts)


# ---------------------------------------------------------------------------------------------
# Finding figures
# ---------------------------------------------------------------------------------------------


@lru_cache(maxsize=None)
def _atom_re(language: str | None) -> "Dispatch":
    words = _words_for(language)
    word_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    approx_alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_APPROX_NOUNS, key=len, reverse=True))
    return Dispatch({
        "vague": [_VAGUE_RE.pattern],
        "approxw": [r"(?<![\w])(?:" + approx_alt + r")(?![\w])"],
        "half": [_HALF_RE.pattern],
        "digits": [DIGITS],
        "word": [r"(?<![\w\-])(?:" + word_alt + r")(?![\w])"],
        "one": [r"(?<![\w])" + _ONE + r"(?=[\s-]+(?:million|milione|millón|milhão|Million|miljoen|milion|billion|"
                r"miliardo|milliard|Milliarde|miljard)\b)"],
    })


_VAGUE_NAMES = ("mult", "mscale", "compound", "scale")


def _vague_value(m: re.Match[str]) -> tuple[float, float]:
    """(low, high) of a vague match of `_atom_re` (its `mult`/`mscale`/`compound`/`scale` groups)."""
    if m.group("compound"):
        unit = _VAGUE_COMPOUND[m.group("compound").lower()]
    elif m.group("mult"):
        unit = float(_VAGUE_MULT[m.group("mult").lower()])
        if m.group("mscale"):
            s = m.group("mscale").lower()
            unit *= _VAGUE_SCALE.get(s, {"thousand": 1e3, "million": 1e6, "billion": 1e9, "mii": 1e3,
                                         "mila": 1e3}.get(s, 1.0))
    else:
        unit = _VAGUE_SCALE[m.group("scale").lower()]
    return unit, unit * 10 - 1


_DIGIT_START = re.compile(r"(?:" + _GLUED_CODES + r"|(?<![\w.,/:\-–+#§@]))\d")
_TOKEN = re.compile(r"[^\W\d_]+")


_ARTICLES = frozenset(["a", "an", "one", "un", "una", "uno", "um", "uma", "ein", "eine", "einer", "een", "één", "o",
                       "une", "half", "mezzo", "medio", "meio", "demi", "halbe", "d"])


@lru_cache(maxsize=None)
def _triggers(language: str | None) -> tuple[frozenset[str], frozenset[str]]:
    """(words that start a number form, words whose two previous words may start one).

    A number word, a vague plural or "une dizaine" starts at its first word; "a million",
    "half a million", "a dozen" and "una decina" start one or two words before the scale word
    or noun, so articles themselves (very frequent) never need a look.
    """
    first: set[str] = set()
    later: set[str] = set()
    forms = list(_words_for(language)) + list(_APPROX_NOUNS) + list(_VAGUE_MULT) + list(_VAGUE_SCALE)
    forms += list(_VAGUE_COMPOUND)
    for form in forms:
        tokens = _TOKEN.findall(form.lower())
        if not tokens:
            continue
        if tokens[0] in _ARTICLES and len(tokens) > 1:
            later.add(tokens[1])
        else:
            first.add(tokens[0])
    later |= {w.replace("\\", "").replace("?", "").split()[0] for w in _MILLION + _BILLION}
    return frozenset(first), frozenset(later)


def _atom_starts(masked: str, language: str | None) -> list[int]:
    """Positions where a number atom may start (digits after a non-word character, trigger words)."""
    starts = [m.start() for m in _DIGIT_START.finditer(masked)]
    first, later = _triggers(language)
    lower = masked.lower()
    tokens = _TOKEN.findall(lower)
    if first.isdisjoint(tokens) and later.isdisjoint(tokens):
        return starts
    previous: list[int] = []
    for m in _TOKEN.finditer(lower):
        word = m.group(0)
        if word in later:
            starts.extend(previous[-3:])
            starts.append(m.start())
        elif word in first:
            starts.append(m.start())
        previous.append(m.start())
    return sorted(set(starts))


def find_figures(text: str, language: str | None = None, masked: str | None = None) -> list[Figure]:
    """Every figure in `text`, left to right, non-overlapping.

    `language` (ISO 639-1 or None) chooses the number words and the reading of "1.500 million";
    `masked` may be given when the caller already ran `mask_non_figures(text)`.
    """
    if masked is None:
        masked = mask_non_figures(text)
    atom_re = _atom_re(language)
    words = _words_for(language)
    qualifier_re = _qualifier_re(language)
    tails = qualifier_tails(language)
    figures: list[Figure] = []
    pos = 0
    n = len(masked)
    starts = _atom_starts(masked, language)
    si = 0
    while True:
        m = None
        while si < len(starts):
            p = starts[si]
            si += 1
            if p >= pos:
                m = atom_re.match(masked, p)
                if m is not None:
                    break
        if m is None:
            break
        kind = m.lastgroup
        num_start, num_end = m.start(), m.end()
        if kind in _VAGUE_NAMES or kind is None:
            kind = "vague"
        end = num_end
        scaled = False
        qualifier = "exact"
        low: float | None = None
        high: float | None = None
        year_like = False
        token = m.group(0)
        if kind == "vague":
            low, high = _vague_value(m)
            value = low
            qualifier = "range"
            fig_kind = "vague"
        elif kind == "approxw":
            value = float(_APPROX_NOUNS[re.sub(r"\s+", " ", token.lower())])
            qualifier = "approx"
            fig_kind = "word"
        else:
            if kind == "digits":
                raw = token
                fig_kind = "digits"
            elif kind == "half":
                raw = None
                fig_kind = "word"
            elif kind == "one":
                raw = None
                fig_kind = "word"
            else:
                raw = None
                fig_kind = "word"
            # scale
            sm = None
            if kind == "digits":
                am = ATTACHED_SCALE_RE.match(masked, num_end) or SYMBOL_SCALE_RE.match(masked, num_end)
                if am:
                    sm = am
            if sm is None:
                sm = SCALE_RE.match(masked, num_end)
                if sm and kind not in ("digits", "word", "one", "half"):
                    sm = None
            scale = 1.0
            if sm is not None:
                word = sm.group("scale")
                values = _ABBREVIATED_SCALES.get(sm.re)
                scale = values[word.lower()] if values is not None else _scale_value(word)
                scaled = True
                end = sm.end()
            if kind == "digits":
                base = parse_digits(raw or "", language, scaled)
                if base is None:
                    pos = num_end
                    continue
                year_like = not scaled and re.fullmatch(r"(?:19|20)\d\d", token) is not None
            elif kind == "half":
                base = 0.5
            elif kind == "one":
                base = 1.0
            else:
                base = float(words.get(re.sub(r"\s+", " ", token.lower()), 0))
                if not base:
                    pos = num_end
                    continue
            if (kind in ("one", "half")) and not scaled:
                pos = num_end
                continue
            value = base * scale
            # explicit range: "between 10 and 20", "10-20"
            left = masked[max(0, num_start - 12):num_start]
            between = _BETWEEN_RE.search(left)
            rm = None
            if between is not None:
                am = _RANGE_AND_RE.match(masked, end)
                if am:
                    rm = atom_re.match(masked, am.end())
            elif kind == "digits" and not scaled and not year_like:
                dm = _DASH_RANGE_RE.match(masked, num_end)
                if dm:
                    rm = _SECOND_DIGITS_RE.match(masked, dm.end())
            if rm is not None and rm.lastgroup in ("digits", "word"):
                if rm.lastgroup == "digits":
                    second = parse_digits(rm.group(0), language, False)
                else:
                    second = float(words.get(re.sub(r"\s+", " ", rm.group(0).lower()), 0)) or None
                r_end = rm.end()
                r_scale = scale
                sm2 = SCALE_RE.match(masked, r_end)
                if sm2 is not None:
                    r_scale = _scale_value(sm2.group("scale"))
                    r_end = sm2.end()
                    if not scaled:
                        scale = r_scale
                        value = base * scale
                        scaled = True
                if second is not None and second * r_scale > value and not (
                    re.fullmatch(r"(?:19|20)\d\d", rm.group(0)) and r_scale == 1.0
                ):
                    low, high = value, second * r_scale
                    qualifier = "range"
                    end = r_end
                    if between is not None:
                        num_start_q = num_start - (len(left) - between.start())
                    else:
                        num_start_q = num_start
                else:
                    num_start_q = num_start
            else:
                num_start_q = num_start
        start = num_start if qualifier != "range" or kind == "vague" else num_start_q
        # currency prefix (before the number, after a qualifier)
        unit = None
        cm = _CUR_PREFIX_RE.search(masked, max(0, start - 5), start)
        if cm is not None:
            unit = cm.group("code") or _PREFIX_SYMBOLS.get(cm.group("sym"))
            start = cm.start()
        # currency suffix
        su = _CUR_SUFFIX_RE.match(masked, end)
        if su is not None and unit is None:
            code = _suffix_currency(su)
            if code is not None:
                unit = code
                end = su.end()
        elif su is not None and unit is not None and _suffix_currency(su) == unit and su.group(0).strip() in ("€", "$"):
            end = su.end()
        # qualifier after the number
        pm = _POST_QUALIFIER_RE.match(masked, end)
        if pm is not None and qualifier == "exact":
            qualifier = "approx" if pm.group("approx") else "at_least"
            end = pm.end()
        # qualifier before
        if qualifier in ("exact",) or (qualifier == "approx" and kind == "approxw"):
            qm = tail_match(qualifier_re, masked, start - 40, start) if tail_hit(masked, start, tails) else None
            if qm is not None:
                found = qm.lastgroup or "exact"
                if kind == "approxw" and found == "approx":
                    pass
                else:
                    qualifier = found
                start = qm.start()
        if qualifier != "range":
            low, high = bounds(value, qualifier)
        # trim whitespace inside the span edges
        while start < end and masked[start].isspace():
            start += 1
        while end > start and masked[end - 1].isspace():
            end -= 1
        figures.append(Figure(start, end, num_start, num_end, float(value), low, high, qualifier, unit,
                              fig_kind, scaled, year_like))
        pos = max(end, num_end)
        if pos >= n:
            break
    return figures


# ---------------------------------------------------------------------------------------------
# Language guess (no dependency): stop-word counts per document
# ---------------------------------------------------------------------------------------------

STOPWORDS: dict[str, list[str]] = {
    "en": ["the", "and", "of", "to", "was", "were", "with", "that", "for", "has", "have", "from", "which"],
    "it": ["il", "della", "di", "che", "per", "sono", "delle", "nel", "degli", "gli", "anche", "stato", "alla"],
    "es": ["el", "los", "las", "del", "que", "por", "con", "una", "fue", "para", "según", "sus", "como"],
    "pt": ["os", "das", "não", "uma", "foram", "pela", "pelo", "com", "são", "também", "mais", "ao", "seu"],
    "fr": ["le", "les", "des", "est", "une", "dans", "pour", "avec", "été", "sur", "aux", "qui", "du"],
    "de": ["der", "die", "das", "und", "nicht", "mit", "wurde", "den", "ist", "von", "sich", "auch", "ein"],
    "nl": ["het", "een", "van", "niet", "zijn", "werd", "met", "voor", "ook", "door", "naar", "heeft", "bij"],
    "ro": ["și", "în", "care", "din", "fost", "pentru", "sunt", "cu", "la", "este", "au", "mai", "acest"],
}


def guess_language(text: str) -> str | None:
    """Most likely corpus language of a text by stop-word counts, or None for too little text."""
    tokens = re.findall(r"[^\W\d_]+", text.lower())
    if len(tokens) < 3:
        return None
    counts = {lang: 0 for lang in STOPWORDS}
    sets = {lang: set(words) for lang, words in STOPWORDS.items()}
    for tok in tokens:
        for lang, words in sets.items():
            if tok in words:
                counts[lang] += 1
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] > 0 else None


def document_languages(sentences: pl.DataFrame) -> pl.DataFrame:
    """`document_key, language` guessed from the stop words of each document's sentences.

    Uses the `language` column of `sentences` instead when it has one.
    """
    if "language" in sentences.columns:
        return sentences.group_by("document_key").agg(pl.col("language").drop_nulls().first())
    text = pl.col("sentence").str.to_lowercase()
    counts = [
        text.str.count_matches(rust_superset([re.escape(w) + r"\b" for w in words])).sum().alias(lang)
        for lang, words in STOPWORDS.items()
    ]
    # the first 40 sentences of a document are plenty to tell its language
    per_doc = sentences.filter(pl.col("sentence_index") < 40).group_by("document_key").agg(counts)
    missing = sentences.select("document_key").unique().join(per_doc, on="document_key", how="anti")
    if missing.height:
        per_doc = pl.concat([per_doc, missing.with_columns([pl.lit(0, dtype=per_doc.schema[lang]).alias(lang)
                                                             for lang in STOPWORDS])])
    langs = list(STOPWORDS)
    return per_doc.select(
        "document_key",
        pl.when(pl.max_horizontal(langs) > 0)
        .then(pl.concat_list(langs).list.arg_max().replace_strict(list(range(len(langs))), langs,
                                                                  return_dtype=pl.String))
        .otherwise(None)
        .alias("language"),
    )


FIGURES_SCHEMA = {
    **MENTION_SCHEMA,
    "value": pl.Float64,
    "value_low": pl.Float64,
    "value_high": pl.Float64,
    "qualifier": pl.String,
    "unit": pl.String,
}


def extract_figures(sentences: pl.DataFrame) -> pl.DataFrame:
    """Every figure of every sentence (whatever it counts), with document offsets.

    Columns: document_key, sentence_index, char_start, char_end, surface, value, value_low,
    value_high, qualifier, unit (see `FIGURES_SCHEMA`).
    """
    languages = dict(document_languages(sentences).iter_rows())
    rows: dict[str, list] = {k: [] for k in FIGURES_SCHEMA}
    candidates = sentences.filter(pl.col("sentence").str.contains(CANDIDATE_PATTERN))
    for key, index, s_start, sentence in candidates.select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        for f in find_figures(sentence, languages.get(key)):
            rows["document_key"].append(key)
            rows["sentence_index"].append(index)
            rows["char_start"].append(s_start + f.start)
            rows["char_end"].append(s_start + f.end)
            rows["surface"].append(sentence[f.start:f.end])
            rows["value"].append(f.value)
            rows["value_low"].append(f.value_low)
            rows["value_high"].append(f.value_high)
            rows["qualifier"].append(f.qualifier)
            rows["unit"].append(f.unit)
    return pl.DataFrame(rows, schema=FIGURES_SCHEMA)


def _candidate_pattern() -> str:
    words: set[str] = set()
    for lang in LANGUAGES:
        words |= set(number_words(lang))
    words |= set(_APPROX_NOUNS) | set(_VAGUE_MULT) | set(_VAGUE_SCALE) | set(_VAGUE_COMPOUND)
    words |= {w.replace("\\", "").replace("?", "") for w in _MILLION + _BILLION}
    # a multi-word form is found by its longest word ("a dozen" -> "dozen", "o sută" -> "sută")
    alts = sorted({re.escape(max(w.split(), key=len)) + r"\b" for w in words}, key=len, reverse=True)
    return r"\d|" + rust_superset(alts)




# ---------------------------------------------------------------------------------------------
# Fast word-start matching of large alternations
# ---------------------------------------------------------------------------------------------
# Python's `re` tries every alternative of a big alternation at every character. Lexicons here
# only ever match at the start of a word, so `Dispatch` splits an alternation by the possible
# first character of each alternative (computed from the parsed pattern) and tries, at each
# word start, only the alternatives that can begin with that character.

from re import _parser as _sre_parse  # noqa: E402  (stdlib regex parser, stable since 3.11)

_ANY = None


def _first_of_seq(items) -> tuple[set[str] | None, bool]:
    result: set[str] = set()
    for item in items:
        chars, nullable = _first_of_item(item)
        if chars is _ANY:
            return _ANY, False
        result |= chars
        if not nullable:
            return result, False
    return result, True


def _first_of_item(item) -> tuple[set[str] | None, bool]:
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return {chr(av)}, False
    if name == "IN":
        chars: set[str] = set()
        for sub_op, sub_av in av:
            sub = str(sub_op)
            if sub == "LITERAL":
                chars.add(chr(sub_av))
            elif sub == "RANGE" and sub_av[1] - sub_av[0] < 400:
                chars |= {chr(c) for c in range(sub_av[0], sub_av[1] + 1)}
            elif sub == "CATEGORY" and str(sub_av) == "CATEGORY_DIGIT":
                chars |= set("0123456789")
            elif sub == "CATEGORY" and str(sub_av) == "CATEGORY_SPACE":
                chars |= set(" \t\n\r\f\v\u00a0\u202f\u2009")
            else:
                return _ANY, False
        return chars, False
    if name == "SUBPATTERN":
        return _first_of_seq(av[-1])
    if name == "BRANCH":
        out: set[str] = set()
        nullable = False
        for branch in av[1]:
            chars, n = _first_of_seq(branch)
            if chars is _ANY:
                return _ANY, False
            out |= chars
            nullable = nullable or n
        return out, nullable
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        chars, n = _first_of_seq(av[2])
        return chars, n or av[0] == 0
    if name in ("AT", "ASSERT", "ASSERT_NOT"):
        return set(), True
    return _ANY, False


def first_chars(pattern: str) -> set[str] | None:
    """Lower-cased characters a match of `pattern` (case-insensitive) can start with; None = any."""
    chars, _ = _first_of_seq(_sre_parse.parse(pattern, re.IGNORECASE))
    if chars is _ANY:
        return None
    return {c.lower() for c in chars}


_WORD_START = re.compile(r"(?<![\w])[\w§%/$€£¥₹₽+(#~≈]")


class Dispatch:
    """Named alternations matched at word starts, tried only where their first character fits.

    `match(text, pos)` behaves like `re.compile("|".join(f"(?P<name>...)")).match(text, pos)`
    (first alternative in declaration order wins); `finditer(text)` yields the matches at the
    word starts of `text`, non-overlapping, left to right.
    """

    def __init__(self, groups: dict[str, list[str]], flags: int = re.IGNORECASE):
        by_char: dict[str, list[tuple[str, str]]] = {}
        fallback: list[tuple[str, str]] = []
        ordered: list[tuple[str, str]] = [(name, p) for name, patterns in groups.items() for p in patterns]
        for name, p in ordered:
            chars = first_chars(p)
            if chars is None:
                fallback.append((name, p))
            else:
                for c in chars:
                    by_char.setdefault(c, []).append((name, p))
        self._names = list(groups)
        self._compiled: dict[str, re.Pattern[str]] = {}
        for c, items in by_char.items():
            items = [it for it in ordered if it in items or it in fallback]
            self._compiled[c] = self._compile(items, flags)
        self._fallback = self._compile(fallback, flags) if fallback else None

    def _compile(self, items: list[tuple[str, str]], flags: int) -> re.Pattern[str]:
        parts = []
        for name in self._names:
            pats = [p for n, p in items if n == name]
            if pats:
                parts.append(f"(?P<{name}>" + "|".join(pats) + ")")
        return re.compile("|".join(parts), flags)

    def match(self, text: str, pos: int, endpos: int | None = None) -> re.Match[str] | None:
        if pos >= len(text):
            return None
        pattern = self._compiled.get(text[pos].lower(), self._fallback)
        if pattern is None:
            return None
        return pattern.match(text, pos) if endpos is None else pattern.match(text, pos, endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        """First match at a word start at or after `pos`."""
        end = len(text) if endpos is None else endpos
        for ws in _WORD_START.finditer(text, pos, end):
            m = self.match(text, ws.start(), end)
            if m is not None:
                return m
        return None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None):
        end = len(text) if endpos is None else endpos
        last = pos
        for ws in _WORD_START.finditer(text, pos, end):
            p = ws.start()
            if p < last:
                continue
            m = self.match(text, p, end)
            if m is not None and m.end() > p:
                yield m
                last = m.end()


_RUST_WORD_END = re.compile(r"\\b")


def _ascii_before(text: str) -> bool:
    """True when every character that can end a match of the pattern prefix `text` is an ASCII
    letter, so an ASCII `\b` after it fires at least wherever a Unicode one does."""
    i = len(text)
    while i > 0:
        optional = text[i - 1] == "?"
        if optional:
            i -= 1
        if i == 0:
            return False
        ch = text[i - 1]
        if ch == "]":
            j = text.rfind("[", 0, i - 1)
            members = text[j + 1:i - 1]
            if j < 0 or "\\" in members or not all(c.isascii() and c.isalpha() for c in members):
                return False
            i = j
        elif ch.isascii() and ch.isalpha() and (i < 2 or text[i - 2] != "\\"):
            i -= 1
        else:
            return False
        if not optional:
            return True
    return False


def _strip_lookarounds(pattern: str) -> str:
    """`pattern` without its lookaround groups (Rust has none; dropping one only widens a match)."""
    out: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
            continue
        if pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            depth = 0
            j = i
            while j < len(pattern):
                if pattern[j] == "\\":
                    j += 2
                    continue
                if pattern[j] == "(":
                    depth += 1
                elif pattern[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            i = j + 1
            continue
        out.append(pattern[i])
        i += 1
    return "".join(out)


def rust_superset(patterns: list[str]) -> str:
    r"""One case-insensitive pattern for polars' Rust regex engine that matches *at least* where any of
    `patterns` matches at a word start (Python semantics).

    Rust's Unicode word boundary keeps its fast DFA off, so no Unicode `\b` is emitted: the word
    start becomes an ASCII `\b` for alternatives that begin with an ASCII character (a superset:
    it also fires after a non-ASCII letter) and a consumed `(?:^|\W)` for the others, and a later
    `\b` becomes a consumed `(?:\W|$)`. Matches may therefore carry one extra leading or trailing
    non-word character, and callers re-check each match with the Python pattern.
    """
    ascii_first: list[str] = []
    other: list[str] = []
    for p in patterns:
        p = _strip_lookarounds(p)
        body = _RUST_WORD_END.sub(lambda m: r"(?-u:\b)" if _ascii_before(p[:m.start()]) else r"(?:\W|$)", p)
        chars = first_chars(p)
        if chars is not None and all(c.isascii() for c in chars):
            ascii_first.append(body)
        else:
            other.append(body)
    parts = []
    if ascii_first:
        parts.append(r"(?-u:\b)(?:" + "|".join(ascii_first) + ")")
    if other:
        parts.append(r"(?:^|\W)(?:" + "|".join(other) + ")")
    return "(?i)" + "|".join(parts)


def tail_match(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match[str] | None:
    """Leftmost match of `pattern` (anchored with `$`) starting at a word start in text[lo:hi]."""
    for ws in _WORD_START.finditer(text, max(0, lo), hi):
        m = pattern.match(text, ws.start(), hi)
        if m is not None:
            return m
    return None


# A sentence without a digit or a number word holds no figure: polars filters those out in Rust
CANDIDATE_PATTERN = _candidate_pattern()
