"""Clean decoded documents: drop boilerplate, repair machine-translation glue.

`clean_documents` turns each decoded `text` into `clean_text`, the text every extraction
offset points into (it is final: nothing later rewrites it), and reads a few document
attributes on the way: `title`, `publisher`, `boilerplate_chars` and `not_article_reason`.

Boilerplate is recognised by *line classification*, never by matching sample documents:

* contact lines: phone and fax numbers, e-mail addresses, street addresses and postcodes;
* URL-only lines;
* lines opened by a boilerplate cue in any of the eight languages ("Read also:",
  "Lee también", "Weiterführende Artikel", "Anzeige", "Impressum", "Source:", "Tags:",
  "Photo:", "Media contacts", "Exemption from liability", ...) and lines containing an
  unambiguous boilerplate phrase ("All rights reserved", "Tutti i diritti riservati",
  "©", cookie notices, "Page generated in", ...); a cue line that announces a block
  ("Editorial office:") drops the following paragraph or list too;
* page furniture: share/comment/view counters and read times, removed as segments from
  header lines ("17.11.2022 | von Jana Vogt | 143 Kommentare" keeps the date and byline);
* navigation: breadcrumbs and section lists in the header ("Home » Europe » ...") and
  short all-caps mastheads;
* the end of the document after a footer marker: a rule line (``---``, ``###``) followed by
  boilerplate or little text, or a comment-section header ("Comments (3)", "Leave a Reply").

Machine-translation glue is repaired with word frequencies (wordfreq): a lower-case token of
seven letters or more that wordfreq does not know at all is split into two (or three)
frequent words, in the document's language only (English, Italian, Spanish, Portuguese,
French; not German and Dutch, which write compounds as one word, nor Romanian, whose word
list is too small). Capitalised words, URLs, handles, hashtags and numbers are never split.
Quotes glued to words ("“Taken Down”the") and sentences glued at punctuation ("it.The",
"Las Vegas,Nevada") are spaced.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import polars as pl
from wordfreq import zipf_frequency

from transforms.prefilter import lower_as_ignorecase, lower_case_pattern, may_match

# --------------------------------------------------------------------------------------
# Character-level normalisation
# --------------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_ODD_SPACES = re.compile(r"[\t\u00a0\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")

_DIGIT = re.compile(r"\d")


class _Folded:
    """A case-insensitive regex run case-sensitively (its source lower-cased: "[A-Z]" becomes
    "[a-z]", "Street" "street") over the lower-cased text when that is exact (same matches,
    same offsets).

    Why: `re` tries every branch of an IGNORECASE alternation at every position, while a
    case-sensitive branch is skipped on its first character; this is several times faster
    on the long cue lists below.
    """

    def __init__(self, pattern: re.Pattern[str]):
        self.pattern = pattern
        self.lower = lower_case_pattern(pattern.pattern, pattern.flags)
        assert pattern.flags & re.IGNORECASE and self.lower is not None

    def _pick(self, text: str) -> tuple[re.Pattern[str], str]:
        lower = lower_as_ignorecase(text)
        return (self.pattern, text) if lower is None else (self.lower, lower)

    def search(self, text: str) -> bool:
        pattern, text = self._pick(text)
        return pattern.search(text) is not None

    def count(self, text: str, limit: int | None = None) -> int:
        """Number of non-overlapping matches (as len(findall)), counting no further than `limit`."""
        pattern, text = self._pick(text)
        n = 0
        for _ in pattern.finditer(text):
            n += 1
            if n == limit:
                break
        return n


def _has_digit(line: str) -> bool:
    """`any(ch.isdigit() for ch in line)`, without a Python loop over ASCII lines."""
    if _DIGIT.search(line):  # \d (decimal) implies isdigit
        return True
    return not line.isascii() and any(map(str.isdigit, line))


# --------------------------------------------------------------------------------------
# Line features
# --------------------------------------------------------------------------------------

_URL = r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|info|eu|de|it|es|pt|fr|nl|ro|uk|be|ch|at|ar|br|mx|example)(?:/\S*)?"
_URL_ONLY = re.compile(rf"^(?:[\w ]{{0,30}}:\s*)?(?:{_URL})[\s,;|]*$", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_PHONE = re.compile(
    r"""(?<![\w.,/-])(?:
        \+\d{1,3}[\s.-]?(?:\(0\)\s?)?\(?\d{1,4}\)?(?:[\s.-]\d{1,4}){1,5}     # +31 (0)70 412 55 08
      | \(\d{2,4}\)\s?\d{3,4}(?:[\s.-]\d{3,4}){1,2}                        # (702) 943.0321, (011) 4952-3180
      | \d{3}[.-]\d{3}[.-]\d{4}                                            # 718-254-6323
      | 0\d{2,4}[\s-]\d{3,4}[\s-]?\d{3,4}                                  # 0191 498 0417
      | 0\d{9,10}                                                          # 0233355501
    )(?![\w,/-]|\.\d)""",
    re.VERBOSE,
)
_CONTACT_CUE = re.compile(
    r"(?<!\w)(?:tel|tél|telf|telp|phone|telephone|téléphone|telefon|telefono|teléfono|telefone|telefoon|"
    r"fax|facsimile|e-?mail|whatsapp|call us|contact us|newsroom|tips|advertising enquiries|"
    r"redacción|redazione|rédaction|redaktion|redactie|redacția|redação|editorial)\b\.?\s*:?",
    re.IGNORECASE,
)
_CONTACT_CUE_FOLDED = _Folded(_CONTACT_CUE)
_STREET = re.compile(
    r"\b\d{1,5}[a-z]?,?\s+(?:[A-Z][\w'.-]*\s+){0,4}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|"
    r"Lane|Drive|Way|Walk|Place|Square|Court|Plaza)\b"
    r"|\b(?:Av\.|Avda\.|Avenida|Avenue|Via|Viale|Piazza|Corso|Calle|Rua|Praça|Rue|Boulevard|Jl\.|Str\.|Strada|"
    r"Bulevardul|Calea|Piața)\s+[\w'. -]{2,40}?\d{1,5}"
    # the lookahead (a word, then spaces and a digit) spares trying every suffix at every word
    r"|\b(?=[\w.-]*\s+\d)[A-ZÄÖÜ][\w-]*(?:straße|strasse|str\.|weg|platz|gasse|allee|laan|straat|plein|gracht|kade)\s+\d{1,5}"
    r"|\b(?:Suite|Floor|Fl\.|piso|planta|piano|étage|Etage|Unit|Building|Gedung|Postfach|P\.?O\.? Box|Apartado)\s+\w+",
    re.IGNORECASE,
)
_STREET_FOLDED = _Folded(_STREET)
_POSTCODE = re.compile(
    r"\b[A-Z]{2}\s\d{5}(?:-\d{4})?\b"  # US: NV 89103
    r"|\b[A-Z]{1,2}\d[A-Z\d]?\s\d[A-Z]{2}\b"  # UK: NE1 6AE
    r"|\b[A-Z]\d{4}[A-Z]{3}\b"  # AR: C1085ABQ
    r"|\b\d{4}\s?[A-Z]{2}\b"  # NL: 2517 JR
    r"|\b[A-Z]\d{2}\s?[A-Z\d]{4}\b"  # IE: D02 XK71
    r"|\b\d{5}\s+[A-ZÀ-Ý][\w-]+"  # DE/IT/ES/FR: 60314 Frankfurt
)

# Boilerplate cues at the start of a line (case-insensitive), in the eight languages.
# Specific phrases match as words; single generic words ("Source", "Share", "Photo") only when
# a colon, a separator or the end of the line follows, so "Sources said police ..." stays.
_LEAD_PHRASES = [
    # related links / read more
    r"read (?:also|more|next)", r"related (?:articles?|stories|posts|news)", r"see also", r"more from",
    r"you (?:may|might) also like", r"similar (?:topics|posts|articles)",
    r"siehe auch", r"weiterführende? (?:artikel|links)", r"mehr zum thema", r"lesen sie auch", r"auch interessant",
    r"leggi anche", r"vedi anche", r"potrebbe interessarti", r"articoli correlati",
    r"lee también", r"leer más", r"te puede interesar", r"ver también", r"noticias relacionadas",
    r"leia também", r"veja também", r"saiba mais", r"notícias relacionadas",
    r"lire aussi", r"à lire aussi", r"voir aussi", r"sur le même sujet",
    r"lees ook", r"zie ook", r"lees meer",
    r"citește și", r"citeste si", r"vezi și", r"vezi si",
    r"baca juga",
    # credits, filing
    r"filed (?:under|in)", r"photo credit", r"header image",
    # editorial and legal blocks
    r"article online", r"editorial (?:office|program service)", r"exemption from liability",
    r"legal notice", r"aviso legal", r"note legali", r"mentions légales", r"about the author", r"about us",
    r"über uns", r"chi siamo", r"quiénes somos", r"quem somos", r"qui sommes-nous", r"over ons", r"despre noi",
    r"media contacts?", r"press contacts?", r"notes? to editors", r"for immediate (?:release|distribution)",
    r"sign up", r"follow us", r"síguenos", r"seguici", r"folgen sie uns", r"suivez-nous", r"volg ons",
    r"urmărește-ne",
]
_LEAD_WORDS = [
    r"related", r"recommended", r"gerelateerd", r"posted in",
    r"tags?", r"categor(?:y|ies)", r"schlagworte", r"etichette", r"etiquetas",
    r"photos?", r"image", r"picture", r"fotos?", r"bild", r"immagine", r"imagen", r"credits?",
    r"sources?", r"fuentes?", r"fonti?", r"quellen?", r"bron", r"sursa", r"sursă",
    r"disclaimer", r"haftungsausschluss", r"impressum", r"contacts?", r"kontakt", r"contatti", r"contacto",
    r"contato", r"pressekontakt", r"press release", r"embargo",
    r"subscribe", r"newsletter", r"abonnieren", r"iscriviti", r"suscríbete", r"assine", r"abonnez-vous",
    r"abonneer", r"abonează-te",
    r"share(?: this)?", r"teilen", r"condividi", r"compartir", r"compartilhar", r"partager", r"delen",
    r"distribuie", r"tweet", r"print",
    r"advertisement", r"anzeige", r"werbung", r"publicidad", r"pubblicità", r"publicidade", r"publicité",
    r"advertentie", r"publicitate", r"sponsored", r"gesponsert", r"copyright",
]
_LEAD_OPEN = r"^[\s\[(»›>•*-]*"
_LEAD = re.compile(
    _LEAD_OPEN
    + r"(?:(?:" + "|".join(_LEAD_PHRASES) + r")\b"
    + r"|(?:" + "|".join(_LEAD_WORDS) + r")\s*(?::|$|\s[-–—|»›]\s|\|)"
    + r"|©|\(c\)\s*\d{4})",
    re.IGNORECASE,
)
# A lead cue alone on a short line ("Anzeige", "Read also:") announces what follows.
_BLOCK_LEAD = re.compile(
    _LEAD_OPEN + r"(?:" + "|".join(_LEAD_PHRASES + _LEAD_WORDS) + r")\s*:?\s*\]?$", re.IGNORECASE
)
_ADVERT = re.compile(
    r"^(?:advertisement|anzeige|werbung|publicidad|pubblicità|publicidade|publicité|advertentie|publicitate|"
    r"sponsored|gesponsert)\s*:?$",
    re.IGNORECASE,
)

# Unambiguous boilerplate phrases, matched anywhere in a line.
_ANYWHERE = re.compile(
    r"all rights? (?:are )?reserved|rights are reserved|todos los derechos reservados|tutti i diritti riservati|"
    r"riproduzione riservata|tous droits réservés|alle rechte vorbehalten|todos os direitos reservados|"
    r"alle rechten voorbehouden|toate drepturile rezervate|prohibida su reproducción|©|\(c\) \d{4}|"
    r"\bcookies?\b.{0,80}\b(?:accept|consent|use|utiliz|utilis|verwend|gebruik|acept|accett|accepte|folose|"
    r"concord|akzept|zustimm|toestemming|agree)|"
    r"\b(?:uses|utilise|utiliza|utilizza|usa|folose[șs]te|verwendet|nutzt|gebruikt)\s+(?:des\s+|de\s+|i\s+)?cookie|"
    # consent banners without the word ("We and our 143 partners store and access information on
    # your device") and their buttons ("[ACCEPT ALL] [MANAGE OPTIONS]", "[Tout accepter]")
    r"\bwe value your privacy\b|\bstore and(?:/or)? access information on (?:a|your) device|"
    r"\[\s*(?:accept|agree|ok|i agree|tout accepter|accepter|aceptar|accetta|akzeptieren|accepteren|"
    r"aceitar|de acord)\b[^\]]{0,20}\]|"
    r"your email address will not be published|required fields are marked|page generated in|"
    r"comments are (?:closed|moderated)|\bunsubscribe\b|not legal advice|shall assume no liability|"
    r"attorney advertising|prior results do not guarantee|forward-looking|is not affiliated with|"
    r"opinions are (?:my|our) own|members online|embargo lifted|"
    r"delivered (?:straight )?to your inbox|sign up for our|subscribe to our|"
    r"\bis (?:an? )?(?:independent )?(?:blog|journal|newsletter|magazine|news ?site|publication) "
    r"(?:published|covering|about|by|for)|\bis published (?:monthly |weekly |daily )?by\b|"
    r"\brepublishes\b|\breposts its releases\b|v\.i\.s\.d\.p\.|registered in england|"
    r"authorised and regulated by|handelsregister|ust-idnr|partita iva|p\.\s?iva\b|\bcif:|\bnif:|\bkvk\b",
    re.IGNORECASE,
)
_ANYWHERE_FOLDED = _Folded(_ANYWHERE)

# Page furniture: counters and actions, removed as segments or whole lines.
_COUNTER = re.compile(
    r"^\(?(?:\d[\d.,]*\s+(?:comments?|responses?|replies|reactions?|views|likes|shares|posts|reads|subscribers|followers|"
    r"kommentare|commenti|comentarios|comentários|commentaires|reacties|comentarii|antworten|aufrufe|"
    r"visualizzazioni|visitas|vues|weergaven|vizualizări)"
    r"|(?:comments?|kommentare|commenti|comentarios|comentários|commentaires|reacties|comentarii)\s*\(\d+\)"
    r"|\d+\s*(?:min(?:ute)?s?\.?|minuten|minuti|minutos)\s*(?:read|lesezeit|di lettura|de lectura|de leitura|de lecture|leestijd)"
    r"|(?:lesezeit|reading time|tempo di lettura)\s*:?\s*\d+\s*min\.?"
    r"|reply|quote|share|tweet|print|email|e-mail|like|follow|antworten|zitieren|rispondi|responder|répondre"
    r"|filed under\b.*|posted in\b.*)\)?$",
    re.IGNORECASE,
)
_COMMENTS_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|kommentare|commenti|comentarios|comentários|commentaires|"
    r"reacties|comentarii|leserkommentare)(?:\s*\(\d+\))?\s*:?$"
    r"|^(?:leave a (?:reply|comment)|post a comment|add a comment|join the discussion|"
    r"\d+ (?:responses?|comments?|replies) to\b.*|schreibe einen kommentar|lascia un commento|"
    r"deja un comentario|deixe um comentário|laisser un commentaire|laat een reactie achter|lasă un comentariu)",
    re.IGNORECASE,
)
_RULE = re.compile(r"^(?:[-–—_=*~#•·]\s*){1,}$")
_BULLET = re.compile(r"^(?:[-–—•*»›·→➔➜►▸▶▪◦■□✓✔]|\d{1,2}[.)])\s+")
# Bracketed media placeholders and repost notes ("[GIF: ...]", "[reposted from X]").
_BRACKETED = re.compile(
    r"^\[(?:gif|image|img|photo|picture|video|audio|embed|foto|bild|immagine|imagen|imagem|afbeelding|"
    r"imagine|ad|advert\w*|anzeige|reposted|repost|via|source|quelle|fonte|fuente|bron|sursa)\b[^\]]{0,200}\]$",
    re.IGNORECASE,
)
_SEGMENT_SEPARATOR = re.compile(r"\s+[|·•]\s+|\s{2,}|\s+[|·•](?=\s|$)")
_SEGMENT_SPLIT = re.compile(f"({_SEGMENT_SEPARATOR.pattern})")  # keeps the separators

# --------------------------------------------------------------------------------------
# Dates (only to recognise date lines in the header; extraction lives in transforms.dates)
# --------------------------------------------------------------------------------------

_MONTH_WORDS = (
    r"jan(?:uary|uar|vier|eiro|uari)?|feb(?:ruary|ruar|braio|rero|ruari)?|févr(?:ier)?|fevereiro|"
    r"mar(?:ch|zo|s|ço|t)?|märz|maart|martie|apr(?:il|ile)?|abril|avril|aprilie|may|mai|maggio|mayo|maio|mei|"
    r"jun(?:e|i|io|ho)?|giugno|juin|iunie|jul(?:y|i|io|ho)?|luglio|juillet|iulie|aug(?:ust|ustus)?|agosto|août|"
    r"sep(?:t|tember|tiembre|tembre|tembrie)?|settembre|setembro|setiembre|oct(?:ober|ubre|obre|ombrie)?|"
    r"okt(?:ober)?|ottobre|outubro|nov(?:ember|embre|embro|iembre|embrie)?|noiembrie|"
    r"dec(?:ember|embrie)?|dez(?:ember|embro)?|dic(?:iembre|embre)?|déc(?:embre)?|gennaio|enero|janeiro|"
    r"januari|ianuarie|februari|februarie|febbraio|febrero|giu|ene|gen|set|ott|out"
)
_DATE_LIKE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|"
    rf"\b\d{{1,2}}\.?(?:\s+de)?[\s/]+(?:{_MONTH_WORDS})\b|\b(?=[^\W\d_]+\.?\s+\d)(?:{_MONTH_WORDS})\.?\s+\d{{1,2}}\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=65536)
def _date_like(text: str) -> bool:
    """`_DATE_LIKE.search(text)`, cached (a header line is asked several times); every date has a digit."""
    return _DIGIT.search(text) is not None and _DATE_LIKE.search(text) is not None


# a byline line ("By Elena C. · Sunday 20 July 2025"); dates reads the one under a standfirst
BYLINE = re.compile(
    r"^(?:by|posted|published|written by|von|di|por|par|door|de|editor|writer|author|autor|auteur|"
    r"redacción|redazione|updated|aktualisiert)\b",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------------------
# Machine-translation glue
# --------------------------------------------------------------------------------------

# Languages whose word lists are large enough and whose spelling does not glue compounds.
SPLIT_LANGUAGES = frozenset({"en", "it", "es", "pt", "fr"})
_GLUE_CANDIDATE = re.compile(r"(?<![\w@#/.'’-])[a-zà-öø-ÿ]{7,}(?![\w@/'’-]|\.[\w])")
# A frequency (zipf) of 0 means wordfreq has never seen the token.
_KNOWN_ZIPF = 1.0
_PART_ZIPF = 3.0
_SHORT_PART_ZIPF = 5.5  # one- and two-letter parts must be function words ("in", "of")
# Bound prefixes that make new words rather than glue ("cyberlockers", "sublicensed").
_PREFIXES = frozenset(
    "anti auto bio ciber co contra counter cyber de des dis e eco euro ex extra geo hyper inter macro "
    "mega micro mini mis multi neo non over post pre pro pseudo re semi self sub super tele trans ultra "
    "un under".split()
)
_SUFFIXES = {
    "en": ("s", "es", "ed", "d", "ing", "er", "ers", "ly"),
    "fr": ("s", "es", "e"),
    "es": ("s", "es"),
    "pt": ("s", "es"),
    "it": ("i", "e"),
}
# Each starts with the character it replaces and looks behind over it: `re` then scans for that
# character alone instead of trying the lookbehind at every position (several times faster on
# whole texts; the same matches as `(?<=[a-zà-ÿ]{2})([.;:!?])(?=...)`).
_CLOSE_QUOTE_GLUE = re.compile(r"”(?<=\w”)(?=[^\W\d_])")
_OPEN_QUOTE_GLUE = re.compile(r"“(?<=[^\W\d_]“)(?=\w)")
_SENTENCE_GLUE = re.compile(r"([.;:!?])(?<=[a-zà-ÿ]{2}[.;:!?])(?=[A-ZÀ-Ý][a-zà-ÿ]{2})")
_COMMA_GLUE = re.compile(r",(?<=[a-zà-ÿ]{2},)(?=[A-ZÀ-Ý][a-zà-ÿ])")

# --------------------------------------------------------------------------------------
# Article check
# --------------------------------------------------------------------------------------

_ENFORCEMENT = re.compile(
    r"\b(?:"
    # police, prosecution, courts
    r"polic\w*|polizi\w*|polic[ií]a\w*|polícia|polizei\w*|politie|poliți\w*|politi\w*|gendarm\w*|carabinier\w*|"
    r"guardia civil|guarda di finanza|guardia di finanza|mossos|europol|eurojust|interpol|fbi|"
    r"prosecut\w*|procur\w*|fiscal\w*|staatsanwalt\w*|parquet|openbaar ministerie|parchet\w*|"
    r"court\w*|tribunal\w*|tribunale|gericht\w*|rechtbank|instanț\w*|juz\w*|judge|giudice|juge|richter|"
    r"justice|justicia|justiça|giustizia|justiz|"
    # arrests and detentions
    r"arrest\w*|detain\w*|detuv\w*|deten\w*|detid\w*|pres[oa]s|prend\w*|fermat\w*|interpell\w*|"
    r"festgenommen|festnahme\w*|verhaft\w*|aangehouden|aanhouding\w*|opgepakt|reținu\w*|retinu\w*|"
    r"custody|custodia|gewahrsam|garde à vue|extradi\w*|auslieferung\w*|uitlevering\w*|"
    # searches, seizures, takedowns
    r"raid\w*|search(?:ed|es)|perquisi\w*|allanamient\w*|registros|buscas|durchsuch\w*|razzia\w*|"
    r"huiszoeking\w*|percheziți\w*|perchezitii|"
    r"seiz\w*|sequestr\w*|incaut\w*|apreens\w*|apreend\w*|beschlagnahm\w*|saisi\w*|inbeslag\w*|"
    r"confisca\w*|konfisz\w*|"
    r"dismantl\w*|smantell\w*|desmantel\w*|démantel\w*|zerschlag\w*|ontmantel\w*|opgerold|destructur\w*|"
    r"take(?:n)? down|took down|takedown|shut down|offline|oscurat\w*|bloccat\w*|bloquead\w*|"
    r"abgeschaltet|lahmgelegt|vom netz|uit de lucht|"
    # charges and verdicts
    r"charg\w*|indict\w*|convict\w*|guilty|sentenc\w*|verdict|accus\w*|imputat\w*|imputad\w*|"
    r"condann\w*|condena\w*|condenad\w*|condamn\w*|verurteil\w*|veroordeel\w*|anklage\w*|angeklagt|"
    r"aanklacht|acusad\w*|acusa\w*|denunci\w*|indagat\w*|investigat\w*|ermittl\w*|onderzoek\w*|anchet\w*|"
    r"investigaci\w*|investigação|indagin\w*|enquête\w*|"
    r"operation|operazione|operación|operativo|operação|opération|operatie|operațiun\w*"
    r")\b",
    re.IGNORECASE,
)
_ENFORCEMENT_FOLDED = _Folded(_ENFORCEMENT)
_LOREM = _Folded(
    re.compile(r"\b(?:lorem|ipsum|dolor|sit|amet|consectetur|adipiscing|elit|sed|eiusmod|tempor)\b", re.IGNORECASE)
)
_TAG = re.compile(r"<[^<>]{1,200}>")
_MIN_PROSE_WORDS = 15
_MIN_ENFORCEMENT_CUES = 2

REASON_EMPTY = "not an article: empty text"
REASON_TABLE = "not an article: tabular data (CSV/TSV dump), not prose"
REASON_MARKUP = "not an article: markup or code, not prose"
REASON_LOREM = "not an article: placeholder text (lorem ipsum)"
REASON_SHORT = f"not an article: fewer than {_MIN_PROSE_WORDS} words of prose"
REASON_NO_ENFORCEMENT = (
    "not an article: no sentences about an enforcement action "
    "(no police/court/arrest/seizure vocabulary)"
)


# ======================================================================================
# Line classification
# ======================================================================================


@dataclass
class _Line:
    text: str
    start: int  # offset in the normalised text
    words: int


@lru_cache(maxsize=65536)
def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


def _is_body_line(line: str, words: int | None = None) -> bool:
    """A paragraph of the body: 20+ words that read as sentences (long headlines do not).
    `words`: the line's `_word_count` when known."""
    words = _word_count(line) if words is None else words
    return words >= 35 or (words >= 20 and bool(re.search(r"[.!?][\"'”’»)]*(?:\s|$)", line)))


def _is_contact(line: str, gate: LineGate | None = None) -> bool:
    if "@" in line and _EMAIL.search(line):
        return True
    if not _may(gate, line, _GATE_PHONE | _GATE_STREET | _GATE_POSTCODE | _GATE_CUE):
        return False  # none of the four can count (most lines of a batch)
    if not _has_digit(line):  # phones, street numbers and postcodes have digits
        return False
    phones = len(_PHONE.findall(line)) if _may(gate, line, _GATE_PHONE) else 0
    features = (
        (_STREET_FOLDED.count(line) if _may(gate, line, _GATE_STREET) else 0)
        + (len(_POSTCODE.findall(line)) if _may(gate, line, _GATE_POSTCODE) else 0)
        + (_CONTACT_CUE_FOLDED.count(line) if _may(gate, line, _GATE_CUE) else 0)
    )
    if _line_words(gate, line) >= 35:  # a long paragraph needs more than one phone-like number
        return phones + features >= 2
    return phones >= 1 or features >= 2


def _is_counter_segment(segment: str) -> bool:
    return bool(_COUNTER.match(segment.strip(" ()[]")))


def _segments(line: str) -> list[str]:
    return [s for s in _SEGMENT_SEPARATOR.split(line) if s.strip()]


_BREADCRUMB = re.compile(r"\s(?:›|»|>>|>|::)\s")


def _is_nav(line: str) -> bool:
    """Breadcrumbs ("Home » Europe » Title") and section lists ("Tech | Legal")."""
    if _date_like(line):
        return False
    if len(_BREADCRUMB.findall(line)) >= 2 or (
        _BREADCRUMB.search(line) and re.match(r"(?i)(home|start|inicio|início|accueil|startseite)\b", line)
    ):
        return True
    parts = [p.strip() for p in re.split(r"\s(?:›|»|>>|>|::|\|)\s|\s·\s|\s{2,}", line) if p.strip()]
    if len(parts) < 2:
        return False
    return all(_word_count(p) <= 6 for p in parts) and not line.rstrip().endswith((".", "?", "!"))


def _is_masthead(line: str) -> bool:
    """A short all-caps name at the very top ("SCREEN WORLD DAILY", "GRAY AREA — tagline")."""
    head = re.split(r"\s[—–|:]\s|\s{2,}", line)[0]
    letters = [c for c in head if c.isalpha()]
    if len(letters) < 4 or _date_like(line) or any(c.isdigit() for c in head):
        return False
    upper = sum(c.isupper() for c in letters) / len(letters)
    return upper > 0.9 and _word_count(head) <= 6 and _word_count(line) <= 14


def _is_header_furniture(segment: str) -> bool:
    """A segment beside a date in a header line that is neither the date nor a byline:
    section names, mastheads, issue numbers, times ("Distribution & Rights", "Issue 112")."""
    segment = segment.strip()
    return (
        not _date_like(segment)
        and not BYLINE.match(segment)
        and _word_count(segment) <= 4
        and not segment.endswith((".", "?", "!"))
    )


def _strip_counters(line: str, header: bool, gate: LineGate | None = None) -> tuple[str, int]:
    """Remove counter/action segments from a short line; return (line, chars removed).

    In the header, navigation and masthead segments beside a date go too
    ("STREAMLEDGER | Distribution & Rights | June 24, 2024" keeps the date).
    `gate` (from `gate_lines`) only saves time.
    """
    pieces = _SEGMENT_SPLIT.split(line)
    # pieces alternates segment, separator, segment, ...
    segments = pieces[0::2]
    separators = pieces[1::2]
    dated = header and any(_date_like(s) for s in segments)  # only the header's furniture needs it
    # a segment is part of the line: where the line cannot hold a counter, no segment is one
    may_count = _may(gate, line, _GATE_COUNTER)
    keep = [
        s.strip() != ""
        and not (may_count and _is_counter_segment(s))
        and not (dated and _is_header_furniture(s))
        for s in segments
    ]
    if all(keep):
        return line, 0
    if not any(keep):
        return "", len(line)
    out: list[str] = []
    for i, segment in enumerate(segments):
        if not keep[i]:
            continue
        if out:
            # the separator just before this segment
            out.append(separators[i - 1] if i > 0 else " ")
        out.append(segment)
    kept = "".join(out).strip()
    if kept.count("(") > kept.count(")"):  # a counter cut out of "(Member · 4,318 posts)"
        kept = kept[: kept.rfind("(")].rstrip(" ,;:-–—|·")
    return kept, len(line) - len(kept)


@lru_cache(maxsize=1024)
def _normalise(text: str) -> tuple[str, ...]:
    """Lines with invisible characters removed and exotic spaces made plain.

    Runs of spaces are kept (they separate header segments: "By X   May 1, 2020   0 Comments")
    and collapsed by `_collapse` when a line is emitted. Cached for the last 1,024 texts:
    `clean_documents` needs each text's lines four times (the gate, then boilerplate, title and
    publisher one after the other), so a batch of the default 1,000 is normalised once, and a
    larger one twice.
    """
    text = _ODD_SPACES.sub(" ", _INVISIBLE.sub("", text))
    return tuple(line.strip() for line in text.split("\n"))


def _collapse(line: str) -> str:
    if "  " not in line and not _ODD_SPACES.search(line):  # nothing to collapse (most lines)
        return line.strip()
    return _SPACES.sub(" ", line).strip()


def _drop_boilerplate(text: str, gate: LineGate | None = None) -> tuple[list[str], int]:
    """Return the kept lines (blank lines kept as "") and the boilerplate character count."""
    raw_lines = _normalise(text)
    lines = [_Line(t, 0, _line_words(gate, t)) for t in raw_lines]
    offset = 0
    for line in lines:
        line.start = offset
        offset += len(line.text) + 1
    total = max(offset, 1)
    nonblank = [i for i, l in enumerate(lines) if l.text]
    if not nonblank:
        return [], 0

    # the first body paragraph: first line with 20+ words (headers are shorter)
    body_start = next((i for i in nonblank if _is_body_line(lines[i].text, lines[i].words)), nonblank[-1] + 1)

    # cut at a footer marker after the body has started
    cut = len(lines)
    for i in nonblank:
        if i <= body_start:
            continue
        text_i = lines[i].text
        if _COMMENTS_HEADER.match(text_i):
            cut = i
            break
        if _RULE.match(text_i) and lines[i].start >= 0.4 * total:
            rest = [j for j in nonblank if j > i]
            rest_chars = sum(len(lines[j].text) for j in rest)
            next_is_boilerplate = bool(rest) and _line_is_boilerplate(lines[rest[0]].text, True, gate)
            if text_i.startswith("#") or rest_chars <= 0.3 * total or next_is_boilerplate:
                cut = i
                break
    dropped = sum(len(l.text) for l in lines[cut:])
    lines = lines[:cut]

    kept: list[str] = []
    drop_next_block = False  # a block header ("Read also:", "Anzeige") drops what follows
    for i, line in enumerate(lines):
        t = line.text
        if not t:
            kept.append("")
            continue
        in_header = i < body_start
        in_tail = line.start >= 0.6 * total
        if drop_next_block and in_header and _date_like(t) and line.words <= 14:
            drop_next_block = False  # "PRESS RELEASE" / "Date: 26 May 2020" is the dateline, not a block
        if drop_next_block and not (_BLOCK_LEAD.match(t) or _ADVERT.match(t)):
            if _BULLET.match(t) or line.words < 15 or in_tail:
                dropped += len(t)
                # keep dropping list items, stop after one paragraph
                drop_next_block = bool(_BULLET.match(t))
                continue
            drop_next_block = False
        if _BLOCK_LEAD.match(t) or _ADVERT.match(t):
            dropped += len(t)
            drop_next_block = True
            continue
        if _line_is_boilerplate(t, in_tail, gate):
            dropped += len(t)
            continue
        if in_header and (_is_nav(t) or (i == nonblank[0] and _is_masthead(t))):
            dropped += len(t)
            continue
        if _BRACKETED.match(t) and line.words <= 15:
            dropped += len(t)
            continue
        if line.words <= 30:
            t, removed = _strip_counters(t, in_header, gate)
            dropped += removed
            if not t:
                continue
        kept.append(_collapse(t))
    return kept, dropped


def _line_is_boilerplate(t: str, in_tail: bool, gate: LineGate | None = None) -> bool:
    words = _line_words(gate, t)
    if _URL_ONLY.match(t):
        return True
    if _is_contact(t, gate):
        return True
    if _LEAD.match(t) and (words <= 40 or in_tail):
        return True
    if words <= 80 and _may(gate, t, _GATE_ANYWHERE) and _ANYWHERE_FOLDED.search(t):
        return True
    if _may(gate, t, _GATE_COUNTER):
        segments = _segments(t)
        if segments and all(_is_counter_segment(s) for s in segments):
            return True
    if in_tail and words <= 25 and (
        (_may(gate, t, _GATE_STREET) and _STREET_FOLDED.search(t))
        or (_may(gate, t, _GATE_POSTCODE) and _POSTCODE.search(t))
        or (_may(gate, t, _GATE_CUE) and _CONTACT_CUE.match(t))
    ):
        return True
    return False


# The line tests of `_line_is_boilerplate` whose Python patterns cost the most (long alternations
# tried at every character of every body paragraph). A batch's distinct lines are first scanned
# by polars with widened copies (`transforms.prefilter`), which say where a pattern cannot
# match; only the other lines meet the Python pattern. Results are unchanged.
_GATE_ANYWHERE, _GATE_STREET, _GATE_POSTCODE, _GATE_CUE, _GATE_PHONE, _GATE_COUNTER = (1, 2, 4, 8, 16, 32)
_GATED_PATTERNS = {
    _GATE_ANYWHERE: _ANYWHERE, _GATE_STREET: _STREET, _GATE_POSTCODE: _POSTCODE, _GATE_CUE: _CONTACT_CUE,
    _GATE_PHONE: _PHONE, _GATE_COUNTER: _COUNTER,
}
_ALL_GATES = sum(_GATED_PATTERNS)
# `_WORD` for a line of Latin-1 characters, in Rust syntax: the same matches, hence the same count
# (Python's [^\W\d_] there is exactly these characters, checked by a test; "’" is not Latin-1)
_LATIN1_LETTER = "".join("\\x{%x}" % code for code in range(256) if re.fullmatch(r"[^\W\d_]", chr(code)))
_LATIN1_WORD = f"[{_LATIN1_LETTER}]+(?:['\\x{{2d}}][{_LATIN1_LETTER}]+)*"


@dataclass(frozen=True)
class LineGate:
    """A batch's distinct normalised lines: which gated patterns may match each (bits), and the
    `_word_count` of each Latin-1 line, both computed by polars for the whole batch."""

    bits: dict[str, int]
    words: dict[str, int]


def gate_lines(texts: list[str | None]) -> LineGate:
    """For every line of the texts (as `_normalise` gives them), which gated patterns may match."""
    lines = pl.Series("line", [line for text in texts if text for line in _normalise(text) if line],
                      dtype=pl.String).unique()
    if lines.is_empty():
        return LineGate({}, {})
    frame = lines.to_frame().select(
        "line",
        pl.sum_horizontal(
            pl.when(may_match(pl.col("line"), pattern)).then(bit).otherwise(0)
            for bit, pattern in _GATED_PATTERNS.items()
        ).alias("bits"),
        pl.when(pl.col("line").str.contains(r"^[\x00-\xff]*$"))
        .then(pl.col("line").str.count_matches(_LATIN1_WORD)).alias("words"),
    )
    latin1 = frame.drop_nulls("words")
    return LineGate(dict(zip(frame["line"].to_list(), frame["bits"].to_list())),
                    dict(zip(latin1["line"].to_list(), latin1["words"].to_list())))


def _may(gate: LineGate | None, line: str, bit: int) -> bool:
    """False only when the batch's prefilter ruled the pattern out for this line."""
    return gate is None or bool(gate.bits.get(line, _ALL_GATES) & bit)


def _line_words(gate: LineGate | None, line: str) -> int:
    """`_word_count(line)`, as the batch counted it when it could."""
    if gate is not None:
        words = gate.words.get(line)
        if words is not None:
            return words
    return _word_count(line)


def _join(lines: list[str]) -> str:
    text = "\n".join(lines)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip("\n")


# ======================================================================================
# Glue repair
# ======================================================================================


@lru_cache(maxsize=None)
def _zipf(word: str, language: str) -> float:
    return zipf_frequency(word, language)


def _part_ok(part: str, language: str) -> bool:
    if len(part) <= 2:
        return _zipf(part, language) >= _SHORT_PART_ZIPF
    return _zipf(part, language) >= _PART_ZIPF


@lru_cache(maxsize=100_000)
def split_glued(token: str, language: str) -> str | None:
    """Split a glued lower-case token into frequent words, or None when it is a word.

    Only tokens wordfreq has never seen are candidates; the split with the highest summed
    zipf frequency wins (two parts preferred over three), and a split whose first part is a
    bound prefix ("cyber", "sub") is refused.
    """
    if len(token) < 7 or _zipf(token, language) >= _KNOWN_ZIPF:
        return None
    for suffix in _SUFFIXES.get(language, ()):  # an inflected rare word: "sideloaded"
        stem = token[: -len(suffix)]
        if token.endswith(suffix) and (
            _zipf(stem, language) >= _KNOWN_ZIPF or _zipf(stem + "e", language) >= _KNOWN_ZIPF
        ):
            return None
    best: tuple[float, tuple[str, ...]] | None = None
    for i in range(1, len(token)):
        left, right = token[:i], token[i:]
        if left in _PREFIXES or not _part_ok(left, language) or not _part_ok(right, language):
            continue
        score = _zipf(left, language) + _zipf(right, language)
        if best is None or score > best[0]:
            best = (score, (left, right))
    if best is None and len(token) >= 9:
        for i in range(1, len(token) - 1):
            left = token[:i]
            if left in _PREFIXES or not _part_ok(left, language):
                continue
            for j in range(i + 1, len(token)):
                middle, right = token[i:j], token[j:]
                if not _part_ok(middle, language) or not _part_ok(right, language):
                    continue
                score = (_zipf(left, language) + _zipf(middle, language) + _zipf(right, language)) * 2 / 3
                if best is None or score > best[0]:
                    best = (score, (left, middle, right))
    return None if best is None else " ".join(best[1])


def _chunk_is_protected(text: str, start: int, end: int) -> bool:
    """True when the token sits in a URL, e-mail, handle, hashtag or alphanumeric code."""
    left = start
    while left > 0 and not text[left - 1].isspace():
        left -= 1
    right = end
    while right < len(text) and not text[right].isspace():
        right += 1
    chunk = text[left:right]
    return bool(_PROTECTED_CHUNK.search(chunk))


_PROTECTED_CHUNK = re.compile(r"[/@#_\d]|www\.|://|\.(?:com|org|net|html?|php)\b", re.IGNORECASE)


def repair_glue(text: str, language: str | None) -> str:
    """Space glued quotes and sentences; split glued words (in SPLIT_LANGUAGES only)."""
    if "„" not in text:  # German-style quotes use “ as the closing quote
        text = _CLOSE_QUOTE_GLUE.sub("” ", text)
        text = _OPEN_QUOTE_GLUE.sub(" “", text)
    text = _SENTENCE_GLUE.sub(
        lambda m: m.group() if _chunk_is_protected(text, m.start(), m.end()) else m.group() + " ", text
    )
    text = _COMMA_GLUE.sub(
        lambda m: m.group() if _chunk_is_protected(text, m.start(), m.end()) else ", ", text
    )
    if language not in SPLIT_LANGUAGES:
        return text
    out: list[str] = []
    cursor = 0
    for match in _GLUE_CANDIDATE.finditer(text):
        token = match.group()
        replacement = split_glued(token, language)
        if replacement is None or _chunk_is_protected(text, match.start(), match.end()):
            continue
        out.append(text[cursor:match.start()])
        out.append(replacement)
        cursor = match.end()
    out.append(text[cursor:])
    return "".join(out)


# ======================================================================================
# Title and publisher
# ======================================================================================

_TITLE_EXCLUDE = re.compile(r"^(?:summary|resumen|sommario|résumé|zusammenfassung|samenvatting|rezumat)\b", re.I)


def extract_title(text: str | None, gate: LineGate | None = None) -> str | None:
    """The headline: the longest headline-like line before the first body paragraph.

    Headline-like: 4-30 words, starts with a capital letter, digit or quote, is not
    navigation, a masthead, a date/byline line or boilerplate. Lines ending with a full
    stop (usually subtitles) are taken only when there is no other candidate. `gate` (from
    `gate_lines`) only saves time.
    """
    if not text:
        return None
    lines = [_collapse(l) for l in _normalise(text) if l]
    best: str | None = None
    best_with_stop: str | None = None  # headlines rarely end with a full stop, subtitles do
    for line in lines[:15]:
        words = _line_words(gate, line)
        if words >= 20 and line.rstrip().endswith((".", ":", ";")) or words > 30:
            break
        if words < 4 or line.endswith((":", ";", ",")):
            continue
        if not (line[0].isupper() or line[0].isdigit() or line[0] in "\"'“‘«¿¡"):
            continue
        if _is_nav(line) or _is_masthead(line) or _date_like(line) or BYLINE.match(line):
            continue
        if _line_is_boilerplate(line, False, gate) or _TITLE_EXCLUDE.match(line):
            continue
        if _SEGMENT_SEPARATOR.search(line) and any(_is_counter_segment(s) for s in _segments(line)):
            continue
        if line.endswith("."):
            if best_with_stop is None or words > _word_count(best_with_stop):
                best_with_stop = line
        elif best is None or words > _word_count(best):
            best = line
    return best if best is not None else best_with_stop


_COPYRIGHT_NAME = re.compile(
    r"(?:©|\(c\)(?=\s*\d{4})|copyright(?=\s*(?:©|\(c\)|\d{4})))\s*(?:©\s*|\(c\)\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?,?\s*"
    r"(?P<name>[^\W\d_][\w&'’.\- ]{1,60}?)\s*(?=[.,|–—;:]\s|\.?$|\s[-–—|]\s|\s+(?:all|todos|tutti|tous|alle|toate)\b)",
    re.IGNORECASE,
)
_WIRE_TAG = re.compile(
    r"^[^\n]{0,80}?\((?P<tag>[A-Z][A-Za-z&.\- ]{1,30}?)\)\s*[.,:]?\s*[-–—]\s*",
)
# An all-caps prefix is a wire service only when it says it is a medium; otherwise it is a
# city dateline ("WASHINGTON — ").
_WIRE_PREFIX = re.compile(
    r"^(?P<tag>(?=[A-Z&.\- ]*\b(?:NEWS|PRESS|WIRE|AGENCY|AGENCIA|AGÊNCIA|AGENZIA|AGENCE|AGENTUR|AGENȚIA|"
    r"NIEUWS|NOTICIAS|NOTIZIE|NACHRICHTEN|DAILY|TIMES|POST|HERALD|TRIBUNE|MEDIA|TV|RADIO|ONLINE)\b)"
    r"[A-Z][A-Z&.\- ]{1,30}[A-Z])\s[-–—]\s"
)
_PUBLISHED_BY = re.compile(
    r"^(?P<name>[A-Z][\w&'’.\- ]{1,50}?) (?:is (?:an? )?(?:independent |monthly |weekly |daily )?"
    r"(?:blog|journal|newsletter|magazine|news ?site|publication|website)\b|is published\b|republishes\b|reposts\b)"
)
_EDITORIAL_SERVICE = re.compile(r"editorial program service of (?P<name>[^:\n]{3,60}):", re.IGNORECASE)
_PLACE_PAREN = re.compile(r"\s*\([A-Z]{2,6}\)\s*$")
_NOT_PUBLISHER = re.compile(
    r"^(?:home|news|press release|for immediate|client alert|posted|by)\b|\d", re.IGNORECASE
)


_HOME = re.compile(
    r"(?i)(?:home|homepage|start|startseite|inicio|início|accueil|acasă|acasa|prima pagina|voorpagina)$"
)


def _recase(name: str, text: str) -> str:
    """Give an all-caps masthead the casing the text uses elsewhere ("TECHPULSE DAILY")."""
    if not name.isupper():
        return name
    for match in re.finditer(re.escape(name), text, re.IGNORECASE):
        found = match.group()
        if not found.isupper():
            return found
    # short words are acronyms ("TNA", "LLP") unless they are function words; others are capitalised
    words = name.split()
    if len(words) == 1 and len(name) <= 5:
        return name
    return " ".join(
        w
        if (len(w) <= 3 and w.lower() not in _FUNCTION_WORDS) or not re.search(r"[AEIOUYÀ-Ý]", w)
        else w.capitalize()
        for w in words
    )


_FUNCTION_WORDS = frozenset(
    "the of and for on in a an la el le il lo de del der die das du des di da do van von het en y e et und".split()
)


def extract_publisher(text: str | None, gate: LineGate | None = None) -> str | None:
    """The publishing outlet, or None when the text does not say.

    In order: a wire tag in the dateline ("MADRID, 12 March (Reuters) -", "USPA NEWS -")
    unless the masthead spells it out ("Agencia de Noticias del Plata (ANP) | Policiales"),
    the first segment of a masthead/navigation line at the top ("Al-Fajr Tech News >>
    Technology"; not "Home"), a short all-caps masthead, a copyright footer ("© 2022 Al-Fajr Tech
    News"), a "NAME is an independent blog / is published by" footer, and an "Editorial
    program service of NAME:" footer. `gate` (from `gate_lines`) only saves time.
    """
    if not text:
        return None
    lines = [l for l in _normalise(text) if l]
    if not lines:
        return None
    first = lines[0]
    candidate: str | None = None
    wire: str | None = None
    for line in lines[:12]:
        if _line_words(gate, line) < 12:
            continue
        match = _WIRE_TAG.match(line) or _WIRE_PREFIX.match(line)
        if match and _word_count(match.group("tag")) <= 4:
            wire = match.group("tag").strip()
        break
    if _is_nav(first) or _is_masthead(first):
        head = re.split(r"\s(?:›|»|>>|>|::|\||—|–)\s|\s{2,}|\s·\s", first)[0].strip()
        head = _PLACE_PAREN.sub("", head)
        if (
            1 <= _word_count(head) <= 6
            and head[0].isupper()
            and not _NOT_PUBLISHER.search(head)
            and not _date_like(head)
            and not _HOME.match(head)
        ):
            candidate = _recase(head, text)
    if wire is not None and (candidate is None or f"({wire})" not in first):
        return wire
    if candidate is None:
        for line in reversed(lines[-12:]):
            match = _COPYRIGHT_NAME.search(line)
            if match:
                name = match.group("name").strip(" .,-–")
                if 1 <= _word_count(name) <= 6 and not re.match(r"(?i)(all|todos|tutti|tous|alle|toate)\b", name):
                    candidate = name
                    break
    if candidate is None:
        for line in reversed(lines[-12:]):
            match = _PUBLISHED_BY.match(line)
            if match and _word_count(match.group("name")) <= 6:
                candidate = match.group("name").strip()
                break
    if candidate is None:
        match = _EDITORIAL_SERVICE.search(text)
        if match:
            candidate = match.group("name").strip()
    return candidate


# ======================================================================================
# Article check
# ======================================================================================


def _is_table(lines: list[str]) -> bool:
    if len(lines) < 3:
        return False
    # a short wire story has commas on every line too, but its lines are sentences
    sentences = sum(1 for line in lines if line.rstrip().endswith((".", "!", "?", '"', "”", "»", ":")))
    if sentences >= 0.5 * len(lines):
        return False
    for delimiter in (",", ";", "\t", "|"):
        counts = [line.count(delimiter) for line in lines]
        with_delimiters = [c for c in counts if c >= 2]
        if len(with_delimiters) < 0.6 * len(lines):
            continue
        _, frequency = Counter(with_delimiters).most_common(1)[0]
        if frequency >= 0.6 * len(lines):
            return True
    return False


def not_article_reason(text: str | None, gate: LineGate | None = None) -> str | None:
    """Why a cleaned text is not a news article about an enforcement action, or None.
    `gate` (from `gate_lines`) only saves time."""
    if text is None or not text.strip():
        return REASON_EMPTY
    lines = [l for l in text.split("\n") if l.strip()]
    if _is_table(lines):
        return REASON_TABLE
    tag_chars = sum(len(m) for m in _TAG.findall(text))
    if tag_chars > 0.2 * len(text) or text.count("{") + text.count(";\n") > max(10, len(lines)):
        return REASON_MARKUP
    lorem = _LOREM.count(text)  # under 3, no need to count the words
    if lorem >= 3 and lorem >= 0.1 * len(_WORD.findall(text)):
        return REASON_LOREM
    counts = [_line_words(gate, line) for line in lines]
    prose_words = sum(count for count in counts if count >= 5)
    if prose_words < _MIN_PROSE_WORDS:
        return REASON_SHORT
    if _ENFORCEMENT_FOLDED.count(text, limit=_MIN_ENFORCEMENT_CUES) < _MIN_ENFORCEMENT_CUES:
        return REASON_NO_ENFORCEMENT
    return None


def is_article(text: str | None) -> bool:
    """True when `not_article_reason` finds nothing wrong with the text."""
    return not_article_reason(text) is None


# ======================================================================================
# Frame API
# ======================================================================================


def clean_text(text: str | None, language: str | None, gate: LineGate | None = None) -> tuple[str | None, int]:
    """Clean one text: (clean_text, boilerplate_chars). `gate` (from `gate_lines`) only saves time."""
    if text is None:
        return None, 0
    kept, dropped = _drop_boilerplate(text, gate)
    return repair_glue(_join(kept), language), dropped


def clean_documents(documents: pl.DataFrame, text_column: str = "text") -> pl.DataFrame:
    """Clean every document's text.

    Input: `document_key: str`, `text: str` (decoded; null allowed) and optionally
    `language: str` (ISO 639-1; detected with `transforms.language` when absent — the
    glue splitter needs it). Output: the input columns plus
    `clean_text: str` (null when text is null), `boilerplate_chars: int64` (characters of
    dropped boilerplate lines and segments), `title: str` (nullable), `publisher: str`
    (nullable) and `not_article_reason: str` (null for an article about an enforcement
    action; otherwise a human-readable reason to quarantine the document).
    """
    texts = documents.get_column(text_column).to_list()
    if "language" in documents.columns:
        languages = documents.get_column("language").to_list()
    else:
        from transforms.language import detect_languages

        languages = detect_languages(documents, text_column).get_column("language").to_list()
    cleaned: list[str | None] = []
    boilerplate: list[int] = []
    titles: list[str | None] = []
    publishers: list[str | None] = []
    gate = gate_lines(texts)
    # one text at a time through every step: its normalised lines are still cached for the
    # next step even when the batch is larger than `_normalise`'s cache
    for text, language in zip(texts, languages):
        clean, dropped = clean_text(text, language, gate)
        cleaned.append(clean)
        boilerplate.append(dropped)
        titles.append(extract_title(text, gate))
        publishers.append(extract_publisher(text, gate))
    return documents.with_columns(
        pl.Series("clean_text", cleaned, dtype=pl.String),
        pl.Series("boilerplate_chars", boilerplate, dtype=pl.Int64),
        pl.Series("title", titles, dtype=pl.String),
        pl.Series("publisher", publishers, dtype=pl.String),
        pl.Series("not_article_reason", [not_article_reason(c, gate) for c in cleaned], dtype=pl.String),
    )
