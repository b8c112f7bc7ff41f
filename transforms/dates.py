"""Publication dates and action dates, with the text spans they were read from.

Why a regex grammar and not `dateparser`: the dates in news text come in a handful of shapes
(ISO, day-first numerics, "17 de noviembre de 2022", "November 17, 2022", "am 3. November")
whose month and weekday names fit in a small table per language. A compiled grammar finds
them *with their character offsets* (every date must be auditable back to the cleaned text),
costs microseconds per document and never guesses: `dateparser.search` is ~100x slower,
finds dates in ordinary words and resolves relative dates against the wall clock, not the
publication date. Matching runs per document with Python's `re.finditer` because polars'
`str.extract_all` returns the matched strings but not their offsets; the loop costs well
under a millisecond per document.

* `extract_published_dates(documents)`: the date in the header (the lines above the first
  body paragraph: date lines, bylines, "Published: ..."), else a dateline opening the first
  paragraph ("MADRID, 12 March 2024 (Reuters) -"). A header date without a year
  ("MADRID, 12 March (Reuters) -") takes the year of the latest full date in the text, and
  gives nothing when the text has none. A cue word decides between header dates: a date
  after "Published"/"Date:"/"Datum:" wins, a date after "Updated" loses, and a stamp before
  it ("May 26, 2020 4:31 PM GMT · Updated 2 hours ago") is the publication. A date opening the
  body counts only in a dateline (capitalised place words, then a dash or parenthesis), not in
  "Police in Poland on 10 November 2024 dismantled ...". Numeric dates are day-first; English
  texts read them month-first only when another numeric date in the text proves it ("12/24/2019").
* `extract_action_dates(sentences, published)`: the day of the enforcement action. Dates
  and relative dates ("yesterday", "on Tuesday", "ieri", "el pasado martes", "am Dienstag")
  count when the clause they sit in speaks of an action (arrested, raided, seized, taken
  down, convicted, ...) and not of an announcement ("announced on Wednesday", "said in a
  statement on Thursday", "mitteilte", "se dio a conocer"). Relative dates and missing years
  are resolved against the publication date; datelines and the publication evidence itself
  are skipped; dates after publication are ignored.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import polars as pl

from transforms.clean import BYLINE
from transforms.prefilter import lower_as_ignorecase, may_match
from transforms.sentences import MENTION_SCHEMA

# --------------------------------------------------------------------------------------
# Tables
# --------------------------------------------------------------------------------------

_MONTHS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "january gennaio enero janeiro janvier januar jänner januari ianuarie",
        "february febbraio febrero fevereiro février februar februari februarie",
        "march marzo março mars märz maart martie",
        "april aprile abril avril aprilie",
        "may maggio mayo maio mai mei",
        "june giugno junio junho juin juni iunie",
        "july luglio julio julho juillet juli iulie",
        "august agosto août augustus",
        "september settembre septiembre setiembre setembro septembre septembrie",
        "october ottobre octubre outubro octobre oktober octombrie",
        "november novembre noviembre novembro noiembrie",
        "december dicembre diciembre dezembro décembre dezember decembrie",
    ],
    start=1,
):
    for _name in _names.split():
        _MONTHS[_name] = _number

# Abbreviations need a following "." or digit ("Nov. 3", "3 Nov 2022"): "3 out of 5" and
# "3 mai multe" must not become dates. "May"/"mai" are words too, so they are treated alike.
_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "janv": 1, "ene": 1, "gen": 1, "ian": 1,
    "feb": 2, "febr": 2, "fév": 2, "févr": 2, "fev": 2,
    "mar": 3, "mär": 3, "mrt": 3,
    "apr": 4, "abr": 4, "avr": 4,
    "may": 5, "mai": 5, "mag": 5, "mei": 5,
    "jun": 6, "giu": 6, "juin": 6, "iun": 6,
    "jul": 7, "lug": 7, "juil": 7, "iul": 7,
    "aug": 8, "ago": 8, "aoû": 8,
    "sep": 9, "sept": 9, "set": 9,
    "oct": 10, "okt": 10, "ott": 10, "out": 10,
    "nov": 11,
    "dec": 12, "dic": 12, "dez": 12, "déc": 12,
}
_GUARDED = set(_ABBREVIATIONS)
_FULL_MONTHS = sorted((m for m in _MONTHS if m not in _GUARDED), key=len, reverse=True)
_SHORT_MONTHS = sorted(_GUARDED, key=len, reverse=True)
_MONTH = (
    rf"(?:(?:{'|'.join(_FULL_MONTHS)})\b"
    rf"|(?:{'|'.join(_SHORT_MONTHS)})(?:\.|(?=[\s/]+\d)))"
)

_WEEKDAYS: dict[str, int] = {}
for _number, _names in enumerate(
    [
        "monday lunedì lunedi lunes segunda-feira lundi montag maandag luni lunea",
        "tuesday martedì martedi martes terça-feira terca-feira mardi dienstag dinsdag marți marti marțea martea",
        "wednesday mercoledì mercoledi miércoles miercoles quarta-feira mercredi mittwoch woensdag miercuri miercurea",
        "thursday giovedì giovedi jueves quinta-feira jeudi donnerstag donderdag joi joia",
        "friday venerdì venerdi viernes sexta-feira vendredi freitag vrijdag vineri vinerea",
        "saturday sabato sábado samedi samstag sonnabend zaterdag sâmbătă sambata sâmbăta",
        "sunday domenica domingo dimanche sonntag zondag duminică duminica",
    ]
):
    for _name in _names.split():
        _WEEKDAYS[_name] = _number
_WEEKDAY_NAMES = "(?:" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ")"
_WEEKDAY = _WEEKDAY_NAMES + r"\b"

_ORDINAL = r"(?:\.|º|°|er|st|nd|rd|th)?"
_RANGE = r"(?:\s*(?:-|–|/|&|and|y|e|et|und|en|și|si|to|al|bis|tot|or|o|ou|oder)\s*\d{1,2}" + _ORDINAL + r"(?!\d))?"
_YEAR = r"(?:19[89]\d|20\d\d)"

# Two regexes rather than one: a pattern that starts with a digit (or with a word boundary
# before a month name) lets the regex engine skip most positions quickly; an optional
# weekday prefix in front made matching ~5x slower, so the weekday is read separately.
_DATE_DAY_FIRST = re.compile(
    rf"""(?=\d)  # every branch starts with a digit: one check instead of three per position
        (?:(?P<iy>{_YEAR})-(?P<im>\d{{1,2}})-(?P<id>\d{{1,2}})(?!\d)
      | (?<![\d.])(?P<nd>\d{{1,2}})(?P<sep>[./-])(?P<nm>\d{{1,2}})(?P=sep)(?P<ny>{_YEAR})(?!\d)
      | (?<![\d.,])(?P<d1>\d{{1,2}}){_ORDINAL}(?!\d){_RANGE}
        (?:\s+(?:de|of|del)\b)?[\s/]+(?P<m1>{_MONTH})
        (?:(?:,?\s+(?:de\s+|del\s+)?|/|\s*,\s*)(?P<y1>{_YEAR})(?!\d))?)
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DATE_MONTH_FIRST = re.compile(
    rf"""(?<!\w)(?P<m2>{_MONTH})\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?!\d){_RANGE}
        (?:,?\s+(?P<y2>{_YEAR})(?!\d))?""",
    re.IGNORECASE | re.VERBOSE,
)


def _case_sensitive(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same regex without IGNORECASE, for lower-cased text (its literals are lower case).

    Why: `re` tries every branch of an IGNORECASE alternation at every position, while a
    case-sensitive branch is skipped on its first character; the month, weekday and
    relative-day lists match several times faster this way.
    """
    source = re.sub(r"\(\?P[<=]", "", pattern.pattern)  # named groups and back-references
    assert pattern.flags & re.IGNORECASE and source == source.lower()
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


_DATE_DAY_FIRST_LOWER = _case_sensitive(_DATE_DAY_FIRST)
_DATE_MONTH_FIRST_LOWER = _case_sensitive(_DATE_MONTH_FIRST)
_NUMERIC_DATE = re.compile(rf"(?<![\d.])(\d{{1,2}})([./-])(\d{{1,2}})\2{_YEAR}(?!\d)")
_WEEKDAY_BEFORE = re.compile(rf"(?<!\w)({_WEEKDAY}),?\s+(?:the\s+|den\s+|le\s+|il\s+|el\s+)?$", re.IGNORECASE)

_PUBLISH_CUE = re.compile(
    r"\b(?:published|posted|date|publicado|publicada|pubblicato|veröffentlicht|gepubliceerd|publié|publicat|"
    r"data|fecha|datum)\b",
    re.IGNORECASE,
)
_UPDATE_CUE = re.compile(r"\b(?:updated|actualizado|aggiornato|aktualisiert|bijgewerkt|mis à jour|actualizat)\b", re.I)

# Relative days: offset from the reference (publication) date.
_RELATIVE_WORDS: list[tuple[str, int, frozenset[str] | None]] = [
    (r"the day before yesterday|l'altro ieri|l’altro ieri|altro ieri|avantieri|anteayer|antier|anteontem|"
     r"avant-hier|vorgestern|eergisteren|alaltăieri|alaltaieri", -2, None),
    (r"yesterday|last night|ieri sera|ieri notte|ieri|ayer|anoche|ontem|gestern|gisteren|gisteravond|"
     r"aseară|aseara", -1, None),
    (r"hier soir|hier", -1, frozenset({"fr"})),  # "hier" is "here" in German and Dutch
    (r"earlier today|this morning|today|oggi|stamattina|stamani|questa mattina|hoy|esta mañana|hoje|"
     r"esta manhã|aujourd'hui|aujourd’hui|ce matin|heute|vandaag|vanochtend|vanmorgen|astăzi|astazi|azi", 0, None),
]
_RELATIVE = [(re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE), offset, langs) for words, offset, langs in _RELATIVE_WORDS]
_RELATIVE_LOWER = [(_case_sensitive(pattern), offset, langs) for pattern, offset, langs in _RELATIVE]
# German and Dutch write the part of the day onto the weekday ("am Dienstagmorgen", "dinsdagavond")
_WEEKDAY_MENTION = re.compile(
    rf"(?<!\w)(?P<name>{_WEEKDAY_NAMES})(?:morgen|vormittag|mittag|nachmittag|abend|nacht|ochtend|middag|avond)?\b",
    re.IGNORECASE)
_WEEKDAY_MENTION_LOWER = _case_sensitive(_WEEKDAY_MENTION)
# Brazilian style gives the day after the weekday: "nesta quarta-feira (23)"
_DAY_IN_PARENTHESES = re.compile(r"\s*\((\d{1,2})\)")
_THIS_BEFORE = re.compile(r"(?:\bthis|\bnesta|\besta|\beste|\bneste|\bquesto|\bquesta|\bce|\bcet|\bcette|\bdiesen|\bdiesem|"
                          r"\bdeze|\baceast[ăa])\s+$", re.IGNORECASE)
_FUTURE_BEFORE = re.compile(
    r"(?:next|coming|this coming|próximo|proximo|prossimo|prossima|prochain|nächsten|naechsten|kommenden|"
    r"volgende|komende|viitoare|următoare|until|by|bis|hasta|fino a|até|jusqu'à|tot)\s+$",
    re.IGNORECASE,
)
_NOT_ROMANIAN_MONDAY = re.compile(r"(?:\d|două|doua|trei|patru|cinci|câteva|cateva|multe|ultimele|de)\s+$", re.I)

# --------------------------------------------------------------------------------------
# Cue vocabularies (stems, any of the eight languages)
# --------------------------------------------------------------------------------------

_ACTION = re.compile(
    r"(?<!\w)(?:"
    # arrests and detentions
    r"arrest\w*|detain\w*|apprehend\w*|nabbed|busted|in custody|"
    r"arrestat\w*|arresto|arresti|fermat[oiae]|fermo|manette|"
    r"detuv\w*|detenid\w*|detenci\w*|arrestad\w*|capturad\w*|cayeron|"
    r"pres[oa]s?|prend\w*|pris(?:ão|ões)|detid[oa]s?|detenç\w*|"
    r"arrêt\w*|interpell\w*|garde à vue|"
    r"festgenommen|festnahme\w*|verhaft\w*|gefasst|"
    r"aangehouden|aanhouding\w*|gearresteerd|arrestatie\w*|opgepakt|"
    r"reținu\w*|retinu\w*|reţinu\w*|arestat\w*|"
    # searches and raids
    r"raid\w*|searched|searches|search warrants?|swoop\w*|"
    r"perquisi\w*|blitz|allan\w*|registros?|buscas?|mandados|"
    r"durchsuch\w*|razzia\w*|huiszoeking\w*|doorzocht|inval\w*|"
    r"percheziți\w*|perchezitii|perchezitio\w*|descinder\w*|"
    # seizures, takedowns, closures
    r"seiz\w*|confiscat\w*|froze|frozen|sequestr\w*|incaut\w*|apreen\w*|apreend\w*|saisi\w*|"
    r"beschlagnahm\w*|inbeslag\w*|in beslag|confisca\w*|"
    r"dismantl\w*|smantell\w*|desmantel\w*|démantel\w*|zerschlag\w*|ontmantel\w*|opgerold|destructurat\w*|"
    r"taken? down|took down|takedown|shut down|shutdown|switched off|knocked offline|pulled offline|"
    r"taken offline|took offline|blocked|disabled|"
    r"oscurat\w*|chius[oi]|bloccat\w*|bloque\w*|clausur\w*|derrub\w*|fermé\w*|bloqué\w*|"
    r"abgeschaltet|lahmgelegt|stillgelegt|vom netz|gesperrt|offline gehaald|uit de lucht|blocat\w*|închis\w*|"
    # verdicts
    r"convict\w*|guilty|verdict\w*|sentenced|jailed|condannat\w*|condenad\w*|condamn\w*|verurteil\w*|"
    r"veroordeeld|culpable|colpevol\w*|schuldig|"
    # the action itself
    r"action days?|day of action|joint action|took action|take action|taking action|operation|operazione|operación|operativo|operação|opération|"
    r"coordinated action|action coordonnée|azione coordinata|acción coordinada|ação coordenada|koordinierte\w* aktion|"
    r"esecuzione|"
    r"operatie|operațiun\w*|operatiun\w*|aktionstag|actiedag|crackdown|"
    r"took place|carried out|executed|se concretaron|se concretó|eseguit\w*|realizad\w*|durchgeführt|uitgevoerd|"
    r"efectuat\w*|effectué\w*"
    r")(?!\w)",
    re.IGNORECASE,
)
_ANNOUNCE = re.compile(
    r"(?<!\w)(?:"
    r"announc\w*|said|says|stated|statement|press release|reported|reports|told|according to|unseal\w*|"
    r"revealed|disclosed|confirmed|published|made public|release[sd]? (?:a|its|the)|commented|welcomed|"
    r"applaud\w*|praised|commend\w*|"
    r"annunciat\w*|comunicat\w*|reso noto|resa nota|dichiarat\w*|riferit\w*|secondo|ha detto|spiegat\w*|"
    r"anunci\w*|inform(?:ó|aron|ou)|dio a conocer|dieron a conocer|trascendi\w*|difund\w*|dijo|afirmó|según|"
    r"declar\w*|publicó|hicieron públic\w*|divulg\w*|disse|afirmou|segundo|revelou|"
    r"annonc\w*|communiqué|a indiqué|selon|a déclaré|a précisé|rendu public|"
    r"mitteilte|mitgeteilt|teilte|mitteilung|bekanntgegeben|bekannt gegeben|gab bekannt|erklärte|sagte|laut|"
    r"berichtete|veröffentlicht\w*|"
    r"maakte bekend|bekendgemaakt|meldde|zei|verklaarde|aangekondigd|volgens|persbericht|"
    r"a anunțat|anunț\w*|anunt\w*|a precizat|potrivit|conform|a transmis"
    r")(?!\w)",
    re.IGNORECASE,
)
_ACTION_LOWER = _case_sensitive(_ACTION)
_ANNOUNCE_LOWER = _case_sensitive(_ANNOUNCE)
_CLAUSE_BREAK = re.compile(
    r"[,;:]\s|\s[-–—]\s|\((?!\d)|\)|"
    r"\s(?:but|while|whereas|although|though|aunque|pero|mientras|ma|mentre|mas|enquanto|mais|alors que|"
    r"aber|während|doch|maar|terwijl|dar|însă|insa|iar)\s",
    re.IGNORECASE,
)
_DATELINE_AFTER = re.compile(r"^\s*(?:\)\s*)?(?:\([^()]{1,40}\)\s*)?(?:[-–—]|\.\s|\.?$|,\s*\d{1,2}[:.]\d{2})")

# (and "LOS ANGELES and JAKARTA, June 25, 2025 —": a joint dateline names two places)
_PLACE_CONNECTORS = frozenset("de del di da do dos das am an der upon sur en la le el and y e et und".split())

# Action dates older than this many days before publication are background, used only
# when no more recent action date is given.
RECENT_DAYS = 90


# --------------------------------------------------------------------------------------
# Date mentions
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    surface: str
    year: int | None
    month: int
    day: int
    weekday: int | None = None

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        """The calendar date, taking a missing year from the reference date."""
        year = self.year
        if year is None:
            if reference is None:
                return None
            year = reference.year
            try:
                if dt.date(year, self.month, self.day) > reference:
                    year -= 1
            except ValueError:
                return None
        try:
            return dt.date(year, self.month, self.day)
        except ValueError:
            return None


def _month_number(token: str) -> int | None:
    token = token.lower().rstrip(".")
    return _MONTHS.get(token) or _ABBREVIATIONS.get(token)


def numeric_dates_are_month_first(text: str) -> bool:
    """Whether the text writes numeric dates month-first (US "06/19/2020"): only on clear
    evidence, a numeric date whose second field cannot be a month, and none whose first
    field cannot be one. Day-first is the rule in every other case."""
    month_first = day_first = False
    for match in _NUMERIC_DATE.finditer(text):
        first, second = int(match.group(1)), int(match.group(3))
        month_first |= second > 12 >= first
        day_first |= first > 12 >= second
    return month_first and not day_first


def find_dates(text: str, month_first: bool = False, may_month_first: bool = True) -> list[DateMention]:
    """Every absolute date (day and month, with or without year) in a text; ambiguous numeric
    dates ("05/06/2020") are day-first unless `month_first`.

    `may_month_first` False (from `date_gates`) only saves time: "May 3"-style dates
    are not looked for.
    """
    mentions: list[DateMention] = []
    lower = lower_as_ignorecase(text)
    if lower is None:
        day_first, month_first_words, subject = _DATE_DAY_FIRST, _DATE_MONTH_FIRST, text
    else:
        day_first, month_first_words, subject = _DATE_DAY_FIRST_LOWER, _DATE_MONTH_FIRST_LOWER, lower
    matches = sorted(
        [*day_first.finditer(subject), *(month_first_words.finditer(subject) if may_month_first else ())],
        key=lambda m: m.start(),
    )
    taken_until = -1
    for match in matches:
        if match.start() < taken_until:
            continue
        groups = match.groupdict()
        if groups.get("iy"):
            year, month, day = int(groups["iy"]), int(groups["im"]), int(groups["id"])
        elif groups.get("ny"):
            day, month, year = int(groups["nd"]), int(groups["nm"]), int(groups["ny"])
            if (month > 12 and day <= 12) or (month_first and day <= 12):  # month-first (US) numerics
                day, month = month, day
        elif groups.get("m1"):
            month = _month_number(groups["m1"])
            day = int(groups["d1"])
            year = int(groups["y1"]) if groups["y1"] else None
        else:
            if not text[match.start("m2")].isupper():  # "may 3" is a verb, "May 3" a date
                continue
            month = _month_number(groups["m2"])
            day = int(groups["d2"])
            year = int(groups["y2"]) if groups["y2"] else None
        if month is None or not 1 <= month <= 12 or not 1 <= day <= 31:
            continue
        start = match.start()
        weekday = None
        before = _WEEKDAY_BEFORE.search(text, max(0, start - 30), start)
        if before:  # "Thursday 17/November/2022", "el jueves 3 de noviembre"
            start = before.start()
            weekday = _WEEKDAYS[before.group(1).lower()]
        taken_until = match.end()
        mentions.append(DateMention(start, match.end(), text[start:match.end()], year, month, day, weekday))
    return mentions


@dataclass(frozen=True)
class RelativeMention:
    start: int
    end: int
    surface: str
    offset_days: int | None = None  # yesterday -> -1
    weekday: int | None = None  # "on Tuesday" -> 1
    day: int | None = None  # "nesta quarta-feira (23)" -> 23: the day of the month the text adds
    today_allowed: bool = False  # "this Wednesday", "nesta quarta-feira": may be the reference day itself

    def resolve(self, reference: dt.date | None) -> dt.date | None:
        if reference is None:
            return None
        if self.offset_days is not None:
            return reference + dt.timedelta(days=self.offset_days)
        if self.day is not None:
            # the latest day of the past week (or the reference day) with that day of the month
            for back in range(0, 8):
                candidate = reference - dt.timedelta(days=back)
                if candidate.day == self.day:
                    return candidate
        # the most recent such weekday before the reference date (or on it, after "this")
        back = (reference.weekday() - self.weekday) % 7 or (0 if self.today_allowed else 7)
        return reference - dt.timedelta(days=back)


# The patterns of `find_relative_dates`, in its order: the relative words, then the weekdays; and
# last the month-first dates of `find_dates` (its day-first pattern has no Rust form).
RELATIVE_PATTERNS = [pattern for pattern, _, _ in _RELATIVE] + [_WEEKDAY_MENTION]
GATED_PATTERNS = [*RELATIVE_PATTERNS, _DATE_MONTH_FIRST]
_WEEKDAY_GATE, _MONTH_FIRST_GATE = len(RELATIVE_PATTERNS) - 1, len(GATED_PATTERNS) - 1


def date_gates(texts: pl.Series) -> list[tuple[bool, ...]]:
    """For each text, which of `GATED_PATTERNS` may match it, decided by polars for a whole batch
    (`transforms.prefilter`): most documents hold no "yesterday", half no weekday, and two
    thirds no "May 3"."""
    frame = texts.alias("text").to_frame().select(
        pl.concat_list(may_match(pl.col("text"), pattern) for pattern in GATED_PATTERNS).alias("may"))
    return [tuple(row) for row in frame["may"].to_list()]


def find_relative_dates(text: str, language: str | None = None,
                        may: tuple[bool, ...] | None = None) -> list[RelativeMention]:
    """Relative days ("yesterday", "ieri") and bare weekdays ("on Tuesday", "am Dienstag").

    `may` (from `date_gates`) only saves time: the patterns it rules out are not tried.
    """
    found: list[RelativeMention] = []
    taken: list[tuple[int, int]] = []
    may = may or (True,) * len(GATED_PATTERNS)
    lower = lower_as_ignorecase(text)
    if lower is None:
        relative, weekdays, subject = _RELATIVE, _WEEKDAY_MENTION, text
    else:
        relative, weekdays, subject = _RELATIVE_LOWER, _WEEKDAY_MENTION_LOWER, lower
    for (pattern, offset, languages), possible in zip(relative, may):
        if (languages is not None and language not in languages) or not possible:
            continue
        for match in pattern.finditer(subject):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append(RelativeMention(match.start(), match.end(), text[match.start():match.end()], offset_days=offset))
    for match in weekdays.finditer(subject) if may[_WEEKDAY_GATE] else ():
        name = text[match.start("name"):match.end("name")].lower()
        before = text[max(0, match.start() - 30):match.start()]
        if _FUTURE_BEFORE.search(before):
            continue
        if name in ("luni", "lunea") and (_NOT_ROMANIAN_MONDAY.search(before) or language not in (None, "ro")):
            continue
        if name in ("joi", "vineri", "miercuri", "marti", "marți") and language not in (None, "ro"):
            continue
        day = _DAY_IN_PARENTHESES.match(text, match.end())
        end = day.end() if day else match.end()
        day_of_month = int(day.group(1)) if day else None
        found.append(RelativeMention(match.start(), end, text[match.start():end], weekday=_WEEKDAYS[name],
                                     day=day_of_month if day_of_month and day_of_month <= 31 else None,
                                     today_allowed=bool(_THIS_BEFORE.search(before))))
    found.sort(key=lambda m: m.start)
    return found


# --------------------------------------------------------------------------------------
# Published dates
# --------------------------------------------------------------------------------------


def _words(text: str) -> int:
    return len(re.findall(r"[^\W\d_]+", text))


_REPOST_NOTE = re.compile(
    r"\s*(?:\[[^\]]*\]\s*$|\(?(?:reposted|republished|re-?published|cross-?posted|originally\s+published|"
    r"this\s+(?:story|article)\s+(?:originally\s+)?(?:appeared|was\s+first\s+published)|ripubblicato|"
    r"publicado\s+originalmente|publi[ée]\s+initialement|urspr[üu]nglich\s+erschienen|oorspronkelijk\s+verschenen)\b)",
    re.IGNORECASE,
)


def _is_body_line(line: str) -> bool:
    """A paragraph of the body: 20+ words that read as sentences (long headlines do not)."""
    words = _words(line)
    return words >= 35 or (words >= 20 and bool(re.search(r"[.!?][\"'”’»)]*(?:\s|$)", line)))


def published_date_of(
    text: str | None, language: str | None = None, may_have_numeric_dates: bool = True
) -> tuple[dt.date | None, int | None, int | None, str | None]:
    """(date, char_start, char_end, surface) of the publication date of one cleaned text.

    Numeric dates are day-first; English texts read them month-first when the text itself
    shows it (`numeric_dates_are_month_first`), other languages never do.
    `may_have_numeric_dates` False (the batch's prefilter for `_NUMERIC_DATE`) only saves time."""
    if not text:
        return None, None, None, None
    month_first = language in (None, "en") and may_have_numeric_dates and numeric_dates_are_month_first(text)
    candidates: list[tuple[int, int, DateMention]] = []  # (priority, order, mention)
    yearless: DateMention | None = None
    offset = 0
    order = 0
    after_body = 0  # non-blank lines read after the first body paragraph
    for line_number, line in enumerate(text.split("\n")):
        start = offset
        offset += len(line) + 1
        if not line.strip():
            continue
        if line_number > 40:
            break
        if _REPOST_NOTE.match(line):
            continue  # "[Reposted ... originally appeared in X on April 8]": the original's date, not this one
        body = _is_body_line(line)
        if after_body:
            # a standfirst reads as a body paragraph, and the byline comes under it ("It sold
            # football ... Then the police knocked." / "By E. C. · Sunday 20 July 2025"): past it,
            # only a byline or a publication stamp, in the next two lines, dates the text; a stamp is
            # a cue or a short line opening with the date ("Miércoles 17 de septiembre de 2025 · 09:40")
            if candidates or after_body > 2:
                break
            after_body += 1
            stamp = _words(line) <= 12 and any(m.year is not None and _words(line[: m.start]) == 0
                                               for m in find_dates(line, month_first))
            if body or not (BYLINE.match(line) or _PUBLISH_CUE.search(line) or stamp):
                continue
        for mention in find_dates(line, month_first):
            if mention.year is None:
                if yearless is None and (not body or mention.start <= 60 and _words(line[: mention.start]) <= 6):
                    yearless = DateMention(start + mention.start, start + mention.end, mention.surface,
                                           None, mention.month, mention.day)
                continue
            if body:
                # a dateline opens the paragraph: "MADRID, 18 June 2020 —", "date 2024-11-27 ...";
                # "Police in Poland on 10 November 2024 dismantled ..." is the action, not a dateline
                if mention.start > 60 or _words(line[: mention.start]) > 6:
                    continue
                if not (_PUBLISH_CUE.search(line[: mention.start]) or _is_dateline(line, mention.start, mention.end)):
                    continue
                priority = 1
            elif (cue := _nearest_cue_before(line, mention.start)) is not None:
                # "Updated 12 May 2020" is a later edit; "May 26, 2020 4:31 PM · Updated 2 hours ago"
                # and "13/07/2026 – 9:35 | Updated 12:02" are the publication stamp before it
                priority = 0 if cue == "published" else 2
            elif _PUBLISH_CUE.search(line):
                priority = 0
            elif _words(line) <= 14:
                priority = 1
            else:
                priority = 3
            shifted = DateMention(
                start + mention.start, start + mention.end, mention.surface,
                mention.year, mention.month, mention.day, mention.weekday,
            )
            if shifted.resolve(None) is not None:
                candidates.append((priority, order, shifted))
                order += 1
        if body and not after_body:
            after_body = 1  # the header ends at the first body paragraph, or just after its byline
    if not candidates and yearless is not None:
        # "MADRID, 12 March (Reuters) -": the year comes from the latest full date in the text
        years = [m.year for m in find_dates(text) if m.year is not None and m.resolve(None) is not None]
        if years:
            year = max(years)
            candidates.append((4, 0, DateMention(
                yearless.start, yearless.end, yearless.surface, year, yearless.month, yearless.day
            )))
    if not candidates:
        return None, None, None, None
    _, _, best = min(candidates, key=lambda c: (c[0], c[1]))
    if best.resolve(None) is None:
        return None, None, None, None
    return best.resolve(None), best.start, best.end, best.surface


def _nearest_cue_before(line: str, position: int) -> str | None:
    """"published" or "updated": the cue word closest before a date on a header line."""
    cues = [(m.end(), "published") for m in _PUBLISH_CUE.finditer(line, 0, position)]
    cues += [(m.end(), "updated") for m in _UPDATE_CUE.finditer(line, 0, position)]
    return max(cues)[1] if cues else None


def extract_published_dates(documents: pl.DataFrame, text_column: str = "text") -> pl.DataFrame:
    """One row per document: `document_key: str`, `published_date: date`, evidence
    `char_start: int64`, `char_end: int64` and `surface: str` (all null when the text gives
    no dated header or dateline). Offsets point into `text_column` (the cleaned text). An
    optional `language` column keeps numeric dates of non-English texts day-first."""
    languages = (
        documents.get_column("language").to_list() if "language" in documents.columns else [None] * documents.height
    )
    # most texts have no numeric date at all: polars says which, for the whole batch
    numeric = documents.select(may_match(pl.col(text_column), _NUMERIC_DATE).fill_null(False)).to_series().to_list()
    rows = [
        published_date_of(text, language, may_have_numeric)
        for text, language, may_have_numeric in zip(documents.get_column(text_column).to_list(), languages, numeric)
    ]
    return pl.DataFrame(
        {
            "document_key": documents.get_column("document_key").to_list(),
            "published_date": [r[0] for r in rows],
            "char_start": [r[1] for r in rows],
            "char_end": [r[2] for r in rows],
            "surface": [r[3] for r in rows],
        },
        schema={
            "document_key": pl.String,
            "published_date": pl.Date,
            "char_start": pl.Int64,
            "char_end": pl.Int64,
            "surface": pl.String,
        },
    )


# --------------------------------------------------------------------------------------
# Action dates
# --------------------------------------------------------------------------------------

_MENTION_SCHEMA = {**MENTION_SCHEMA, "date": pl.Date, "role": pl.String}
_ACTION_SCHEMA = {
    "document_key": pl.String,
    "sentence_index": pl.Int64,
    "action_date": pl.Date,
    "char_start": pl.Int64,
    "char_end": pl.Int64,
    "surface": pl.String,
}


def _clauses(context: str, protected: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Clause spans of a sentence; breaks inside date mentions ("May 3, 2022") are ignored."""
    spans: list[tuple[int, int]] = []
    cursor = 0
    for brk in _CLAUSE_BREAK.finditer(context):
        if any(s <= brk.start() < e for s, e in protected):
            continue
        spans.append((cursor, brk.start()))
        cursor = brk.end()
    spans.append((cursor, len(context)))
    return spans


def _nearest(cues: list[tuple[int, int]], start: int, end: int) -> int | None:
    distances = [max(s - end, start - e, 0) for s, e in cues]
    return min(distances) if distances else None


def _role(context: str, start: int, end: int, protected: list[tuple[int, int]]) -> str:
    """"action", "announcement" or "other" for a date at context[start:end]."""
    lower = lower_as_ignorecase(context)
    subject, action_cues, announce_cues = (
        (context, _ACTION, _ANNOUNCE) if lower is None else (lower, _ACTION_LOWER, _ANNOUNCE_LOWER))

    def cues(pattern: re.Pattern[str], lo: int, hi: int) -> list[tuple[int, int]]:
        return [
            (m.start() + lo, m.end() + lo)
            for m in pattern.finditer(subject[lo:hi])
            if not any(s <= m.start() + lo < e for s, e in protected)
        ]

    clause = next(((s, e) for s, e in _clauses(context, protected) if s <= start < e or s < end <= e), (0, len(context)))
    for lo, hi in (clause, (0, len(context))):
        action = cues(action_cues, lo, hi)
        announce = cues(announce_cues, lo, hi)
        if action and announce:
            return "action" if _nearest(action, start, end) < _nearest(announce, start, end) else "announcement"
        if announce:
            return "announcement"
        if action:
            return "action"
    return "other"


def _is_dateline(context: str, start: int, end: int) -> bool:
    """"MADRID, 18 June 2020 —", "Las Vegas (June 21, 2024) –", "Buenos Aires, 17 de ... de 2022."."""
    prefix = context[:start]
    if len(prefix) > 60 or _words(prefix) > 6 or not _DATELINE_AFTER.match(context[end:]):
        return False
    # a dateline names a place: every word is capitalised ("LAS VEGAS / Washington (")
    return all(w[0].isupper() or w.lower() in _PLACE_CONNECTORS for w in re.findall(r"[^\W\d_]+", prefix))


def _document_text(sentences: list[tuple[int, int, int, str]]) -> str:
    """The document's sentences at their offsets, spaces between them."""
    length = max(end for _, _, end, _ in sentences)
    buffer = [" "] * length
    for _, start, end, sentence in sentences:
        buffer[start:end] = sentence
    return "".join(buffer)


def _document_mentions(
    key: str,
    sentences: list[tuple[int, int, int, str]],
    text: str,
    published: dt.date | None,
    evidence: tuple[int | None, int | None],
    language: str | None,
    gates: tuple[bool, ...],
) -> list[dict]:
    absolute = find_dates(text, may_month_first=gates[_MONTH_FIRST_GATE])
    spans = [(m.start, m.end) for m in absolute]
    relative = [
        m for m in find_relative_dates(text, language, gates)
        if not any(s < m.end and m.start < e for s, e in spans)
    ]
    rows = []
    for mention in [*absolute, *relative]:
        if evidence[0] is not None and mention.start < evidence[1] and evidence[0] < mention.end:
            continue  # the publication date itself
        covering = [s for s in sentences if s[1] < mention.end and mention.start < s[2]]
        if not covering:
            continue
        lo, hi = covering[0][1], covering[-1][2]
        context = text[lo:hi]
        start, end = mention.start - lo, mention.end - lo
        if _is_dateline(context, start, end):
            continue
        if (
            isinstance(mention, DateMention)
            and mention.year is not None
            and published is not None
            and mention.resolve(None) == published
            and covering[0][0] < 3
            and _words(context[:start]) <= 6
        ):
            continue  # a publication stamp opening the text ("date 2024-11-27 ..."), evidence not given
        date = mention.resolve(published)
        if date is None or (published is not None and date > published):
            continue
        protected = [(s - lo, e - lo) for s, e in spans if lo <= s < hi]
        rows.append(
            {
                "document_key": key,
                "sentence_index": covering[0][0],
                "char_start": mention.start,
                "char_end": mention.end,
                "surface": mention.surface,
                "date": date,
                "role": _role(context, start, end, protected),
            }
        )
    rows.sort(key=lambda r: r["char_start"])
    return rows


def _grouped_inputs(sentences: pl.DataFrame, published: pl.DataFrame):
    by_document: dict[str, list[tuple[int, int, int, str]]] = {}
    for key, index, start, end, sentence in sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence_end", "sentence"
    ).iter_rows():
        by_document.setdefault(key, []).append((index, start, end, sentence))
    columns = published.columns
    info: dict[str, tuple[dt.date | None, tuple[int | None, int | None], str | None]] = {}
    for row in published.iter_rows(named=True):
        info[row["document_key"]] = (
            row.get("published_date"),
            (row.get("char_start"), row.get("char_end")) if "char_start" in columns else (None, None),
            row.get("language") if "language" in columns else None,
        )
    keys = list(dict.fromkeys([*published.get_column("document_key").to_list(), *by_document]))
    return keys, by_document, info


def action_date_mentions(sentences: pl.DataFrame, published: pl.DataFrame) -> pl.DataFrame:
    """Every date and relative date in the sentences, resolved, with its `role`
    ("action", "announcement" or "other"). See `extract_action_dates` for the inputs."""
    keys, by_document, info = _grouped_inputs(sentences, published)
    texts = {key: _document_text(by_document[key]) for key in keys if by_document.get(key)}
    gates = dict(zip(texts, date_gates(pl.Series(list(texts.values()), dtype=pl.String))))
    rows: list[dict] = []
    for key in texts:
        date, evidence, language = info.get(key, (None, (None, None), None))
        rows.extend(_document_mentions(key, by_document[key], texts[key], date, evidence, language, gates[key]))
    return pl.DataFrame(rows, schema=_MENTION_SCHEMA)


def extract_action_dates(sentences: pl.DataFrame, published: pl.DataFrame) -> pl.DataFrame:
    """The day of the enforcement action of each document.

    Inputs: `sentences` (`document_key`, `sentence_index`, `sentence_start`,
    `sentence_end`, `sentence`, from `transforms.sentences.split_sentences`) and
    `published` (`document_key`, `published_date`; optional `char_start`/`char_end`, the
    publication evidence to skip, and `language`, which enables language-specific words such
    as French "hier"), e.g. the output of `extract_published_dates`.

    Output: one row per document of either input: `document_key: str`,
    `sentence_index: int64`, `action_date: date`, `char_start: int64`, `char_end: int64`,
    `surface: str`; null when no dated action is stated. The first action-date mention in
    the text wins, preferring dates within `RECENT_DAYS` before publication over older
    background dates; a range ("on 8 and 9 November") gives its first day.
    """
    mentions = action_date_mentions(sentences, published)
    keys = list(dict.fromkeys([*published.get_column("document_key").to_list(),
                               *sentences.get_column("document_key").to_list()]))
    published_by_key = dict(published.select("document_key", "published_date").iter_rows())
    best: dict[str, dict] = {}
    for row in mentions.filter(pl.col("role") == "action").iter_rows(named=True):
        key = row["document_key"]
        reference = published_by_key.get(key)
        recent = reference is None or (reference - row["date"]).days <= RECENT_DAYS
        current = best.get(key)
        if current is None or (recent and not current["_recent"]):
            best[key] = {**row, "_recent": recent}
    rows = []
    for key in keys:
        row = best.get(key)
        rows.append(
            {
                "document_key": key,
                "sentence_index": row["sentence_index"] if row else None,
                "action_date": row["date"] if row else None,
                "char_start": row["char_start"] if row else None,
                "char_end": row["char_end"] if row else None,
                "surface": row["surface"] if row else None,
            }
        )
    return pl.DataFrame(rows, schema=_ACTION_SCHEMA)
