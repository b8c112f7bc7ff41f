"""Operations a document reports: names, targets, primary vs passing mentions, keys, rollup.

A document is about one primary operation; sentences that recap an earlier action
("Earlier this year ...", "In 2019 ...") open a passing mention of another operation, and the
facts read in those sentences belong to it.
"""
from __future__ import annotations

import re
import unicodedata

import polars as pl

# "Operation Taken Down", 'Operation "Taken Down"', "operazione 'Gotha'", "Operación Black Hole",
# "Operação 404", "opération Tempête", "Operatie X", "operațiunea X", "Aktion X".
_OPERATION_WORD = (
    r"(?:[Oo]peration|[Oo]perazione|[Oo]peraci[oó]n|[Oo]pera[cç][aã]o|[Oo]p[ée]ration|[Oo]peratie|"
    r"[Oo]pera[tț]iun(?:ea|e)|[Oo]peratiunea|Aktion|Op\.)"
)
_QUOTE_OPEN = r"[\"'“‘«„‚]"
_QUOTE_CLOSE = r"[\"'”’»“‘]"
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9][\w\-']*|of|the|de|del|la|di|da|do|des|van)"
OPERATION_PATTERN = (
    # Operation "Taken Down" / Operation „Taken Down“
    rf"{_OPERATION_WORD}\s*{_QUOTE_OPEN}\s*(?P<quoted>[^\"“”‘’«»„\n]{{2,40}}?)\s*{_QUOTE_CLOSE}"
    # Operation Taken Down (capitalised words; not "Operation Centre")
    rf"|{_OPERATION_WORD}\s+(?P<bare>[A-ZÀ-ÖØ-Þ0-9][\w\-]*(?:\s+[A-ZÀ-ÖØ-Þ0-9][\w\-]*){{0,2}})"
    # the operation, dubbed "Taken Down" / operazione denominata "Gotha" / opération baptisée X
    rf"|{_OPERATION_WORD},?\s+(?:(?:code-?named|codenamed|called|named|dubbed|denominat[ao]|chiamat[ao]|intitolat[ao]|"
    r"denominad[ao]|llamad[ao]|chamad[ao]|baptis[ée]e|d[ée]nomm[ée]e|appel[ée]e|genannt|namens|genaamd|numit[aă]|"
    rf"denumit[aă])\s+)(?:{_QUOTE_OPEN}\s*(?P<called>[^\"“”‘’«»„\n]{{2,40}}?)\s*{_QUOTE_CLOSE}"
    rf"|(?P<called_bare>[A-ZÀ-ÖØ-Þ0-9][\w\-]*(?:\s+[A-ZÀ-ÖØ-Þ0-9][\w\-]*){{0,2}}))"
    # the "Taken Down" operation
    rf"|{_QUOTE_OPEN}(?P<before>[A-ZÀ-ÖØ-Þ][^\"“”‘’«»„\n]{{1,38}}?){_QUOTE_CLOSE}\s+(?:operation|operazione|operación|operação|opération)\b"
)
_GENERIC_NAME_WORDS = {
    "center", "centre", "the", "a", "an", "in", "on", "of", "and", "day", "days", "room", "was", "is",
    "team", "teams", "unit", "units", "manager", "management", "security", "support",
}

# ---------------------------------------------------------------- targets
# A target name: capitalised (or a lower-case brand with an inner capital, "iStreamItAll", or a
# digit-led one, "4K-Box"), may contain hyphens, dots and plus signs ("Streamz.tv"), up to three
# words. A quoted name may be anything short.
_UPPER = "A-ZÀ-ÖØ-Þ"
_DOMAIN = (
    r"[a-z0-9][a-z0-9\-]*(?:\.[a-z0-9\-]+)*\.(?:to|tv|com|net|org|io|cc|me|ws|se|is|ru|sx|ac|eu|it|es|pt|fr|de|nl|ro|"
    r"info|biz|co|xyz|club|live|online|site|app|stream|watch|movie|movies|cx|li|lol|vip|pro|ag|nu|si|pw|in|lu|la|ch|at|be)"
    r"(?![\w\-])"
)
_PROPER = (
    rf"{_DOMAIN}|(?:[{_UPPER}0-9]|[a-z]+[{_UPPER}])[\w\-\.\+&]*[\w\+]"
    rf"(?:\s+(?:[{_UPPER}0-9][\w\-\+\.]*[\w\+]|[{_UPPER}]))" + "{0,2}" + rf"|[{_UPPER}]"
)
_QUOTED = r"[\"“„«‘‚']\s*(?P<quoted>[^\"“”„«»‘’\n]{2,40}?)\s*[\"”“»’‘']"
_NAME = rf"(?:{_QUOTED}|(?P<name>{_PROPER}))"

# what kind of thing was targeted, in the eight languages
_KIND_WORDS = (
    r"(?<![\w\-])(?:IPTV[\s\-])?(?:streaming\s+)?(?:service|site|website|web\s?site|platform|library|shadow library|portal|network|app|"
    r"application|group|release group|IPTV|tracker|torrent site|forum|provider|ring|gang|crew|syndicate|organi[sz]ation|"
    r"cyberlocker|add-?on|reseller|channel|marketplace|"
    r"organizzazione|banda|canale|organizaci[oó]n|canal|organiza[cç][aã]o|organisation|bande|Organisation|Bande|Kanal|"
    r"fornitore|proveedor|fornecedor|fournisseur|furnizor(?:ul)?|"
    r"organisatie|bende|kanaal|organiza[tț]i(?:a|e)|band[aă]|canalul|"
    r"servizio|sito(?:\s+web)?|piattaforma|portale|rete|gruppo|applicazione|biblioteca|"
    r"servicio|sitio(?:\s+web)?|p[aá]gina(?:\s+web)?|plataforma|red|grupo|aplicaci[oó]n|"
    r"servi[cç]o|s[ií]tio|aplicativo|rede|"
    r"plateforme|portail|r[ée]seau|groupe|biblioth[eè]que|"
    r"[\w\-]*(?:[Dd]ienst|[Aa]nbieter|aanbieder|[Ss]eite|[Ww]ebsite|[Pp]lattform|[Pp]ortal|[Nn]etzwerk|[Gg]ruppe|[Bb]ibliothek|[Aa]ngebot)|"
    r"dienst|netwerk|groep|portaal|bibliotheek|"
    r"serviciu(?:l)?|site-ul(?:ui)?|platform[aăei](?:i)?|re[tț]ea(?:ua|ualei)?|grup(?:ul|ului)?|aplica[tț]i(?:a|e)|bibliotec[aă])"
)
_PIRATE_ADJECTIVES = (
    r"(?:pirat[aei]s?|pirateria|pirater[ií]a|pirataria|piraterie|piracy|illegal[ei]?|illegaal|ilegal(?:es|e|ă|a)?|"
    r"ill[ée]ga(?:l|le|les|ux)|clandestin[aeo]s?|abusiv[aeio]|non autorizzat[aeio]|no autorizad[ao]s?|"
    r"(?:de|di|da|du)\s+(?:streaming|IPTV|pirateria|pirater[ií]a|pirataria|descarga|download|calcio|f[uú]tbol|futebol)|IPTV|online|en\s+l[ií]nea|popular|famos[ao]|notorious|pirate|unlicensed|"
    r"unauthori[sz]ed|clandestine|known|so-called|sogenannte[n]?|cosiddett[ao]|llamad[ao]|chamad[ao]|"
    r"denominad[ao]|denominat[ao]|genaamde|numit[aă]?|dit|dite|"
    r"(?:de|di|da)\s+descarga|largest|biggest)"
)
# "X, an illegal IPTV service" / "X, la mayor biblioteca pirata" / "Jetflicks, a subscription service"
_AFTER_ARTICLE = (
    r"(?:an?|the|one of the|il|lo|la|l'|un|una|uno|el|los|o|os|um|uma|le|les|une|der|die|das|ein|eine|einer|"
    r"de|het|een|o|un|una)"
)
_TYPED_AFTER = (
    rf"(?P<name>{_PROPER})[\"”’»]?(?:\s*,\s+(?:{_AFTER_ARTICLE}\s+(?:[a-zà-ÿ][\w\-]*\s+){{0,3}}?|(?:[a-zà-ÿ][\w\-]*\s+){{0,1}})"
    rf"|\s+(?:(?i:streaming|IPTV|pirate|piracy|illegal|online|e-book|ebook|book)\s+){{0,2}}){_KIND_WORDS}\b"
)
# "the pirate site X", "the illegal streaming service X", "la piattaforma pirata X",
# "el servicio ilegal X", "o site pirata X", "le site X", "die Plattform X", "de illegale website X"
_TYPED_BEFORE = rf"(?i:{_KIND_WORDS})\b(?:\s+{_PIRATE_ADJECTIVES}){{0,2}}\s+(?!(?i:of|de|di|del|da|do|du|des|von|van)\b){_NAME}"
# "called X", "known as X", ...
_CALLED = (
    r"(?i:called|named|known as|dubbed|branded|(?:la\s+|el\s+|il\s+)?denominad[ao]|llamad[ao]|conocid[ao] como|"
    r"chiamat[ao]|denominat[ao]|noto come|nota come|conhecid[ao] como|chamad[ao]|"
    r"appel[ée]e?s?|nomm[ée]e?s?|connue? sous le nom de|genannt|namens|bekannt als|genaamd|bekend als|"
    r"numit[aă]?|denumit[aă]?|cunoscut[aă]? (?:ca|drept|sub numele(?: de)?))"
    rf"\s+(?:the\s+)?{_NAME}"
)
# "the operators of X", "the men behind X", "running X", "gli amministratori di X", "die Betreiber von X"
_OPERATED = (
    r"(?i:(?:operators?|administrators?|admins?|founders?|owners?|creators?|users|subscribers|customers|members|"
    r"leaders?|masterminds?|managers?|people|men|man|woman|team|heads?)\s+(?:of|behind)|"
    r"running|ran|run|operating|operated|administering|administered|managing|managed|behind|"
    r"shut(?:ting)?\s+down|took\s+down|taking\s+down|takedown of|shutdown of|closure of|seizure of|"
    r"(?:gestori|amministratori|fondatori|utenti|abbonati|clienti|titolari|responsabili)\s+(?:di|del|della|dello|dell')|"
    r"gestiva|gestivano|gestire|dietro|chiusura\s+di|oscuramento\s+di|"
    r"(?:administradores|operadores|responsables|fundadores|usuarios|suscriptores|clientes|creadores|due[nñ]os)\s+(?:de|del)|"
    r"operar|administrar|administraba|administraban|gestionar|gestionaba|detr[aá]s\s+de|cierre\s+de|desmantelamiento\s+de|"
    r"(?:administradores|operadores|respons[aá]veis|fundadores|usu[aá]rios|utilizadores|assinantes|donos)\s+(?:de|do|da)|"
    r"gerir|geriam|encerramento\s+d[oa]|"
    r"(?:administrateurs|op[ée]rateurs|responsables|fondateurs|utilisateurs|abonn[ée]s|clients)\s+(?:de|du|d')|"
    r"exploiter|exploitait|g[ée]rer|g[ée]rait|fermeture\s+(?:de|du)|"
    r"(?:Betreiber|Administratoren|Gr[üu]nder|Nutzer|Abonnenten|Kunden|Macher|Hinterm[äa]nner)\s+(?:von|des|der)|"
    r"betrieben|betreiben|betrieb|hinter|Abschaltung\s+von|"
    r"(?:beheerders|exploitanten|oprichters|gebruikers|abonnees|klanten)\s+van|achter|"
    r"administratorii|operatorii|fondatorii|utilizatorii|abona[tț]ii|clien[tț]ii|administra|administrau|opera|operau)"
    rf"\s+(?:(?i:the|il|lo|la|el|o|a|le|de|het|del|dello|della|do|da|du)\s+)?{_NAME}"
)
# "X's administrators", "X operators"
_POSSESSIVE = (
    rf"(?P<name>{_PROPER})(?:'s|’s|'|’)?\s+(?:alleged\s+)?(?:operators?|administrators?|admins?|founders?|owners?|creators?|"
    r"domains?|servers?|users|subscribers|customers|Betreiber|Nutzer)\b"
)
# a headline that opens with the name: "Z-Library: suspected operators arrested"
_HEADLINE = rf"^(?P<name>{_PROPER})\s*:\s"

TARGET_PATTERNS = {
    "called": _CALLED, "operated": _OPERATED, "typed": _TYPED_AFTER, "typed_before": _TYPED_BEFORE,
    "possessive": _POSSESSIVE, "headline": _HEADLINE,
}
# how much one mention found by each pattern says that the name is the target
_PATTERN_WEIGHT = {"called": 3.0, "operated": 3.0, "typed": 3.0, "typed_before": 3.0, "possessive": 2.0, "headline": 1.0,
                   "repeated": 0.5}

_TARGET_STOP = {
    "The", "This", "That", "These", "Those", "A", "An", "It", "Its", "Their", "Our", "His", "Her", "One",
    "Police", "Court", "Justice", "Department", "Europol", "Eurojust", "Interpol", "Netflix", "Amazon", "Disney",
    "HBO", "Hulu", "FBI", "DOJ", "IPTV", "US", "U.S.", "EU", "UK", "TV", "Internet", "Web", "Tor", "Dark", "VPN",
    "Telegram", "WhatsApp", "PayPal", "TikTok", "Facebook", "Twitter", "Reddit", "Google", "Apple", "YouTube",
    "Instagram", "Discord", "Windows", "Android", "Premium", "Operation", "Operators", "Users", "According",
    "In", "On", "At", "And", "But", "Or", "However", "Also", "After", "Before", "When", "While", "As", "For", "With",
    "From", "By", "To", "Of", "If", "So", "Then", "Now", "Today", "Yesterday", "Since", "Until", "Last", "Next",
    "Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Und", "Im", "Am", "Auf", "Bei", "Mit", "Nach", "Von",
    "La", "El", "Il", "Le", "Lo", "Los", "Las", "Gli", "I", "Les", "Un", "Une", "Una", "Uno", "Os", "As", "O", "Um", "Uma",
    "Het", "Een", "De", "Del", "Della", "Di", "Da", "Do", "Du", "Al", "Au", "Aux", "Per", "Por", "Para", "Pour", "Sur",
    "Con", "Com", "Avec", "Nel", "Nella", "En", "Et", "Y", "E", "Ed", "Ma", "Pero", "Mas", "Mais", "Aber",
    "Polizia", "Policía", "Policia", "Polícia", "Polizei", "Politie", "Poliția", "Politia", "Guardia", "Carabinieri",
    "Procura", "Fiscalía", "Ministério", "Ministerio", "Gendarmerie", "Staatsanwaltschaft", "Justiz",
    "Service", "Site", "Website", "Platform", "Network", "Group", "App", "Library", "Portal", "Streaming", "Pirate",
    "Piracy", "Illegal", "Massive", "Huge", "Major", "Big", "Biggest", "Largest", "Global", "International",
    "European", "National", "Federal", "Several", "Many", "Some", "All", "Every", "Each", "Other", "Another",
    "Mr", "Mrs", "Ms", "Dr", "Prosecutors", "Authorities", "Officials", "Investigators", "Agents", "Officers",
    "Over", "About", "Around", "Nearly", "Almost", "More", "Less", "Up", "Background", "Editor", "Comments",
    "Breaking", "Update", "Updated", "News", "Read", "Share", "Photo", "Video", "Source", "Sources",
}
# words in a target name that are only the kind of thing, dropped from the end of the name
_TRAILING_KIND = re.compile(
    r"\s+(?:Service|Site|Website|Platform|Network|App|Servizio|Sito|Piattaforma|Servicio|Sitio|Plataforma|"
    r"Plateforme|Plattform|Dienst|Netwerk|Serviciu|Platforma)$"
)
# a word that makes a name an authority's, never a target's
_AUTHORITY_WORDS = re.compile(
    r"(?i)^(?:department|ministry|ministero|ministerio|minist[ée]rio|minist[èe]re|ministerium|ministerul|police|polizia|"
    r"polic[ií]a|polizei|politie|poli[tț]ia|gendarmerie|carabinieri|guardia|court|tribunal[e]?|gericht|rechtbank|"
    r"instan[tț]a|prosecutors?|prosecution|procura|fiscal[ií]a|parquet|staatsanwaltschaft|parchetul|attorney|"
    r"office|bureau|agency|agenzia|agencia|ag[eê]ncia|agence|beh[öo]rden?|division|unit|directorate|direc[tț]ia|"
    r"justice|justi[cz]|eurojust|europol|interpol|customs|douane|dogana|aduana|zoll)$"
)
_COMMON_TITLE_WORDS = {
    "massive", "huge", "major", "big", "biggest", "largest", "global", "international", "pirate", "piracy",
    "illegal", "streaming", "service", "services", "site", "sites", "network", "networks", "platform", "group",
    "police", "operation", "raid", "raids", "arrest", "arrests", "arrested", "shut", "down", "dismantled", "seized",
    "new", "online", "digital", "web", "sports", "football", "live", "tv", "world", "europe", "european",
}


def _lowercase_words(sentences: pl.DataFrame) -> dict[str, set[str]]:
    """Per document, the words it writes in lower case (a capitalised candidate made only of
    such words is a sentence-initial or title-case common word, not a name)."""
    words = (
        sentences.select("document_key", pl.col("sentence").str.extract_all(r"\b[a-zà-ÿ][a-zà-ÿ\-]+\b").alias("word"))
        .explode("word")
        .group_by("document_key")
        .agg(pl.col("word").drop_nulls().unique().alias("words"))
    )
    return {key: set(values) for key, values in words.iter_rows()}


_CALENDAR_WORDS = re.compile(
    r"(?i)^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|"
    r"nov(?:ember)?|dec(?:ember)?|gennaio|febbraio|marzo|aprile|maggio|giugno|luglio|agosto|settembre|ottobre|"
    r"novembre|dicembre|enero|febrero|abril|mayo|junio|julio|septiembre|octubre|noviembre|diciembre|janeiro|"
    r"fevereiro|mar[cç]o|maio|junho|julho|setembro|outubro|novembro|dezembro|janvier|f[ée]vrier|mars|avril|mai|juin|"
    r"juillet|ao[uû]t|d[ée]cembre|januar|februar|m[äa]rz|juni|juli|oktober|dezember|januari|februari|maart|mei|"
    r"augustus|ianuarie|februarie|martie|aprilie|iunie|iulie|septembrie|octombrie|noiembrie|decembrie|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|luned[iì]|marted[iì]|mercoled[iì]|gioved[iì]|"
    r"venerd[iì]|sabato|domenica|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|segunda-feira|"
    r"ter[cç]a-feira|quarta-feira|quinta-feira|sexta-feira|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|maandag|dinsdag|woensdag|donderdag|vrijdag|"
    r"zaterdag|zondag|luni|mar[tț]i|miercuri|joi|vineri|s[âa]mb[ăa]t[ăa]|duminic[ăa])\.?$"
)


def _is_common(name: str, lower_words: set[str]) -> bool:
    if _CALENDAR_WORDS.match(name.split()[0]):
        return True
    if re.search(r"[\d\.\+]|\w-\w|[a-z][A-Z]", name):  # brand-like: digits, dots, inner hyphen or capital
        return False
    words = [w.lower() for w in name.split()]
    return all(w in lower_words or w in _COMMON_TITLE_WORDS for w in words)


# Sentences that recap an earlier, separate action.
RECAP_PATTERN = (
    r"(?i)\b(?:earlier this year|last year|a year (?:ago|earlier)|years? ago|previous(?:ly)?|"
    r"in a separate|another (?:criminal |piracy )?(?:network|operation|case|gang)|back in (?:19|20)\d\d|"
    r"in (?:19|20)\d\d,|l'anno scorso|el año pasado|no ano passado|l'année dernière|letztes jahr|vorig jaar|anul trecut)"
)
# cues that open a separate case on their own; the other recap cues ("last year", "previously")
# also date the main story's background and count only with an enforcement verb
_STRONG_RECAP = (
    r"(?i)\b(?:in a separate|another (?:criminal |piracy |pirate )?(?:network|operation|case|gang|investigation|raid)|"
    r"a (?:previous|prior|similar|separate) (?:operation|case|raid|investigation|action)|"
    r"earlier this year|back in (?:19|20)\d\d)"
)
_ENFORCEMENT_VERB = (
    r"(?i)\b(?:arrest|raid|seiz|dismantl|shut|indict|charg|took down|taken down|take down|convict|sentenc|"
    r"detenid|detuv|desmantel|incaut|clausur|arrestat|sequestr|oscurat|smantell|perquisi|preso|presos|apreend|"
    r"derrub|interpel|d[ée]mantel|saisi|ferm[ée]|festgenommen|beschlagnahm|abgeschaltet|durchsuch|verhaftet|"
    r"aangehouden|opgepakt|inbeslag|offline gehaald|arestat|re[tț]inu|perchezi|destructurat|[îi]nchis|"
    r"operation|operazion|operaci[oó]n|opera[cç][aã]o|op[ée]ration|operatie|opera[tț]iun|aktion|takedown|crackdown|"
    r"block|closed|bloccat|bloquead|bloqu[ée]|gesperrt|geblokkeerd|blocat|investigat|indagin|investigaci|investiga[cç]|"
    r"enqu[êe]te|ermittl|onderzoek|anchet)"
)


def fold_name(name: str | None) -> str:
    """Accent-, case- and punctuation-free form of a name, for keys and comparisons."""
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _clean_operation_name(name: str) -> str | None:
    name = name.strip(" \t\"'“”‘’«»„.,;:")
    name = re.sub(r"^(?:Operation|Operazione|Operación|Operação|Opération|Operatie)\s+", "", name)
    if not name or name.split()[0].casefold() in _GENERIC_NAME_WORDS or len(name) > 40:
        return None
    return name


def find_operation_names(sentences: pl.DataFrame) -> pl.DataFrame:
    """Operation names stated in the sentences, one row per mention."""
    rows = []
    pattern = re.compile(OPERATION_PATTERN)
    for key, index, start, sentence in sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        for match in pattern.finditer(sentence):
            group = next(g for g in ("quoted", "bare", "called", "called_bare", "before") if match.group(g))
            name = _clean_operation_name(match.group(group))
            if name:
                rows.append((key, index, start + match.start(), start + match.end(), match.group(0), name))
    return pl.DataFrame(
        rows,
        schema={"document_key": pl.String, "sentence_index": pl.Int64, "char_start": pl.Int64,
                "char_end": pl.Int64, "surface": pl.String, "operation_name": pl.String},
        orient="row",
    )


def _is_title_case(sentence: str) -> bool:
    """A headline written in title case ("Pirate Site Pulled Offline"): its capitalised
    words say nothing about names."""
    words = [w for w in re.findall(r"[^\W\d_][\w'\-]*", sentence) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _brand_like(name: str) -> bool:
    return bool(re.search(r"[\d\.\+]|\w-\w|[a-z][A-Z]", name))


def _count(name: str, text: str) -> int:
    left = r"(?<![\w\-])" if re.match(r"\w", name) else ""
    right = r"(?![\w\-])" if re.search(r"\w$", name) else ""
    return len(re.findall(left + re.escape(name) + right, text))


def _trim_by_frequency(name: str, text: str) -> str:
    """A capitalised run can swallow following capitalised words ("Z-Library Anfang",
    "Jetflicks Pirate Streaming"): keep the longest prefix that the document repeats about as
    often as its first word."""
    words = name.split()
    if len(words) == 1:
        return name
    counts = [_count(" ".join(words[: n + 1]), text) for n in range(len(words))]
    if counts[0] < 2:
        return name
    for n in range(len(words), 0, -1):
        if counts[n - 1] >= max(2, counts[0] / 2):
            return " ".join(words[:n])
    return words[0]


_SPEAKER_VERBS = (
    r"(?:said|says|welcomed|welcomes|applauded|thanked|filed|reported|stated|announced|added|explained|noted|"
    r"ha dichiarato|ha detto|ha spiegato|dijo|afirm[oó]|declar[oó]|explic[oó]|disse|afirmou|declarou|a d[ée]clar[ée]|"
    r"a salu[ée]|erkl[äa]rte|teilte|begr[üu]sste|sagte|zei|verklaarde|a declarat|a anun[tț]at)\b"
)
_ACCORDING_TO = r"(?i:according to|secondo|seg[uú]n|segundo|selon|laut|volgens|potrivit|conform)"


def _speaks(name: str, text: str) -> bool:
    """The name is a body that comments on the case ("LaLiga said", "according to ACE")."""
    return bool(re.search(rf"{re.escape(name)}\s+{_SPEAKER_VERBS}|{_ACCORDING_TO}\s+(?:the\s+)?{re.escape(name)}", text))


def _repeated_headline_names(sentences, texts, first_index, known, lower_words) -> list[tuple]:
    """Weak candidates: a name in the headline or lead that the document repeats (at least
    three times) and that is not a person's surname (never written after a first name)."""
    pattern = re.compile(rf"(?<![\w\-])(?:{_PROPER})")
    rows = []
    lead = sentences.join(
        pl.DataFrame({"document_key": list(first_index), "first": list(first_index.values())},
                     schema={"document_key": pl.String, "first": pl.Int64}),
        on="document_key",
    ).filter(pl.col("sentence_index") <= pl.col("first") + 3)
    for key, index, start, sentence in lead.select("document_key", "sentence_index", "sentence_start", "sentence").iter_rows():
        text = texts.get(key, "")
        for match in pattern.finditer(sentence):
            for name in {match.group(0).strip(" .,;:"), match.group(0).split()[-1].strip(" .,;:")}:
                if (len(name) < 3 or name.split()[0] in _TARGET_STOP or name.casefold() in known
                        or re.fullmatch(r"[\d\W_]+", name) or re.match(r"\d+\s", name)
                        or _is_common(name, lower_words.get(key, set()))
                        or _count(name, text) < (2 if _brand_like(name) else 3)
                        or any(_AUTHORITY_WORDS.match(part) for part in re.split(r"[\s\-]+", name))):
                    continue
                if re.search(rf"(?<![.!?:\n]\s)\b[{_UPPER}][a-zà-ÿ]+\s+{re.escape(name)}(?![\w\-])", text) and \
                        not _brand_like(name):
                    continue  # "Kristopher Dallmann": a person
                if _speaks(name, text):
                    continue  # a rights holder or body that speaks about the case
                begin = start + match.start() + match.group(0).find(name)
                rows.append((key, index, begin, begin + len(name), name, "repeated"))
    return rows


def find_target_groups(sentences: pl.DataFrame, known_names: set[str] | None = None) -> pl.DataFrame:
    """Names of the service, site or group targeted, one row per candidate mention.

    `known_names` are names that are something else (agencies, platforms) and can never be a
    target; country names and demonyms are excluded as well.
    """
    known = {name.casefold() for name in (known_names or set())}
    patterns = {kind: re.compile(pattern) for kind, pattern in TARGET_PATTERNS.items()}
    lower_words = _lowercase_words(sentences)
    texts = dict(
        sentences.sort("document_key", "sentence_index")
        .group_by("document_key", maintain_order=True)
        .agg(pl.col("sentence").str.join("\n"))
        .iter_rows()
    )
    first_index = dict(sentences.group_by("document_key").agg(pl.col("sentence_index").min()).iter_rows())
    rows = []
    for key, index, start, sentence in sentences.select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        title_case = _is_title_case(sentence)
        text = texts.get(key, "")
        for kind, pattern in patterns.items():
            if kind == "headline" and index != first_index.get(key):
                continue
            for match in pattern.finditer(sentence):
                group = "quoted" if "quoted" in pattern.groupindex and match.group("quoted") else "name"
                raw = match.group(group)
                if not raw:
                    continue
                name = _TRAILING_KIND.sub("", raw.strip(" .,;:"))
                if group == "name":
                    name = _trim_by_frequency(name, text)
                if (len(name) < 3 or name.split()[0] in _TARGET_STOP or name.casefold() in known
                        or re.fullmatch(r"[\d\W_]+", name) or re.match(r"\d+\s", name) or len(name.split()) > 4
                        or not re.match(rf"[{_UPPER}0-9]|[a-z]+[{_UPPER}]|{_DOMAIN}$", name)):
                    continue
                parts = re.split(r"[\s\-]+", name)
                if any(_AUTHORITY_WORDS.match(part) for part in parts) or parts[0] in _TARGET_STOP \
                        or (" " not in name and re.fullmatch(_KIND_WORDS, name, re.IGNORECASE)):
                    continue
                if group == "name" and _is_common(name, lower_words.get(key, set())):
                    continue
                if kind not in ("called", "operated", "typed_before") and _speaks(name, text):
                    continue
                if title_case and not _brand_like(name) and _count(name, text) < 2 and (
                        len(name.split()) > 1 or kind not in ("typed_before", "called", "operated")):
                    continue
                begin = start + match.start(group) + raw.find(name)
                rows.append((key, index, begin, begin + len(name), name, kind))
    rows.extend(_repeated_headline_names(sentences, texts, first_index, known, lower_words))
    # an operation's own name ("Operation Taken Down") is not its target
    rows = [row for row in rows if not re.search(
        rf"{_OPERATION_WORD}\s*{_QUOTE_OPEN}?\s*{re.escape(row[4])}", texts.get(row[0], ""))]
    frame = pl.DataFrame(
        rows,
        schema={"document_key": pl.String, "sentence_index": pl.Int64, "char_start": pl.Int64,
                "char_end": pl.Int64, "target_group": pl.String, "pattern": pl.String},
        orient="row",
    )
    frame = _drop_country_names(frame)
    return frame.unique(["document_key", "char_start", "char_end"], keep="first", maintain_order=True).sort(
        "document_key", "char_start", maintain_order=True
    )


def _drop_country_names(frame: pl.DataFrame) -> pl.DataFrame:
    """Countries and demonyms are never targets."""
    if frame.height == 0:
        return frame
    try:
        from transforms import countries

        aliases = countries.build_country_aliases().select("alias").unique()
        folded = countries.fold(frame["target_group"])
    except Exception:  # the gazetteer is an aid here, never a reason to fail
        return frame
    return (
        frame.with_columns(folded=folded)
        .join(aliases, left_on="folded", right_on="alias", how="anti")
        .drop("folded")
    )


_PERIOD_PATTERN = (
    r"(?i)\b(?:from|between|since|until|till|through|dal|dai|dalla|tra|fra|fino al|desde|entre|hasta|"
    r"at[ée]|depuis|jusqu'en|von|zwischen|seit|bis|vanaf|tussen|sinds|tot|din|între|intre|p[âa]n[ăa] [îi]n)"
    r"\s+(?:(?:early|late|mid|the end of|the start of)\s+)?(?:19|20)\d\d(?:\s*(?:-|–|to|and|al|a|y|e|et|bis|tot|[șs]i|until|through)\s*(?:19|20)\d\d)?"
    r"|\b(?:19|20)\d\d\s*(?:-|–)\s*(?:19|20)\d\d\b"
)


def mark_recap_sentences(sentences: pl.DataFrame, published: pl.DataFrame) -> pl.DataFrame:
    """Adds `is_recap`: the sentence reports an earlier, separate action.

    A sentence naming a year before the publication year also counts, unless it is the first
    sentences of the document (headline and lead state the main story).
    """
    # years that date a period of activity ("ran X from 2015 to 2019", "since 2009") are no
    # earlier action
    without_periods = pl.col("sentence").str.replace_all(_PERIOD_PATTERN, " ")
    year_before = (
        without_periods.str.extract_all(r"\b(?:19|20)\d\d\b").list.eval(pl.element().cast(pl.Int32)).list.max()
        < pl.col("published_date").dt.year()
    )
    return (
        sentences.join(published.select("document_key", "published_date"), on="document_key", how="left")
        .with_columns(
            is_recap=(pl.col("sentence").str.contains(RECAP_PATTERN) & (pl.col("sentence_index") > 1)
                      & (pl.col("sentence").str.contains(_STRONG_RECAP) | pl.col("sentence").str.contains(_ENFORCEMENT_VERB)))
            | (year_before.fill_null(False) & (pl.col("sentence_index") > 2)
               & pl.col("sentence").str.contains(
                   r"(?i)\b(?:arrest|raid|seiz|dismantl|shut|indict|charg|took down|taken down|detenid|arrestat|festgenommen|beschlagnahm)"))
        )
        .drop("published_date")
    )


def operation_key(name: str | None, target: str | None, year: int | None, document_key: str, index: int) -> str:
    """Stable key: the same name (or target) and year give the same key in every document."""
    basis = fold_name(name) or fold_name(target)
    if basis:
        return f"op-{basis}-{year if year else 'undated'}"
    return f"op-doc-{document_key[:16]}-{index}"


def _most_frequent(frame: pl.DataFrame, column: str) -> pl.DataFrame:
    """Per document, the value mentioned most often; ties go to the earliest mention."""
    if frame.height == 0:
        return pl.DataFrame(schema={"document_key": pl.String, column: pl.String})
    return (
        frame.with_columns(folded=pl.col(column).str.to_lowercase().str.replace_all(r"[^\w]", ""))
        .group_by("document_key", "folded")
        .agg(pl.len().alias("mentions"), pl.col("char_start").min().alias("first"), pl.col(column).first())
        .sort(["document_key", "mentions", "first"], descending=[False, True, False])
        .group_by("document_key", maintain_order=True)
        .first()
        .select("document_key", column)
    )


def _primary_targets(sentences: pl.DataFrame, targets: pl.DataFrame) -> pl.DataFrame:
    """Per document, the target of its main story.

    Each candidate name scores by how it was introduced (pattern weight; a mention in a recap
    sentence counts little), how often the name occurs outside recap sentences (headline
    and body) and whether the headline or lead names it. A name that occurs only in recap
    sentences belongs to an earlier action and is not eligible.
    """
    if targets.height == 0:
        return pl.DataFrame(schema={"document_key": pl.String, "target_group": pl.String})
    flags = sentences.select("document_key", "sentence_index", "is_recap")
    first = sentences.group_by("document_key").agg(pl.col("sentence_index").min().alias("first_index"))
    weights = pl.DataFrame({"pattern": list(_PATTERN_WEIGHT), "weight": list(_PATTERN_WEIGHT.values())})
    mentions = (
        targets.join(flags, on=["document_key", "sentence_index"], how="left")
        .join(weights, on="pattern", how="left")
        .with_columns(
            folded=pl.col("target_group").str.to_lowercase().str.replace_all(r"[^\w]", ""),
            weight=pl.col("weight").fill_null(1.0) * pl.when(pl.col("is_recap").fill_null(False)).then(0.3).otherwise(1.0),
        )
    )
    names = (
        mentions.sort("document_key", "char_start")
        .group_by("document_key", "folded", maintain_order=True)
        .agg(pl.col("target_group").first(), pl.col("weight").sum().alias("pattern_score"),
             pl.col("char_start").min().alias("first_mention"))
        .with_columns(
            pattern=pl.when(pl.col("target_group").str.contains(r"^\w")).then(pl.lit(r"\b")).otherwise(pl.lit(""))
            + pl.col("target_group").map_elements(re.escape, return_dtype=pl.String)
            + pl.when(pl.col("target_group").str.contains(r"\w$")).then(pl.lit(r"\b")).otherwise(pl.lit(""))
        )
    )
    occurrences = (
        names.select("document_key", "folded", "pattern")
        .join(sentences.filter(~pl.col("is_recap").fill_null(False)).select("document_key", "sentence_index", "sentence"),
              on="document_key", how="inner")
        .join(first, on="document_key", how="left")
        .with_columns(count=pl.col("sentence").str.count_matches(pl.col("pattern")).cast(pl.Int64))
        .group_by("document_key", "folded")
        .agg(pl.col("count").sum().alias("occurrences"),
             (pl.col("count").filter(pl.col("sentence_index") <= pl.col("first_index") + 2).sum() > 0).alias("in_lead"))
    )
    return (
        names.join(occurrences, on=["document_key", "folded"], how="inner")
        .filter(pl.col("occurrences") > 0)
        .with_columns(score=2 * pl.col("pattern_score") + pl.col("occurrences")
                      + pl.when(pl.col("in_lead")).then(2.0).otherwise(0.0))
        .sort(["document_key", "score", "first_mention"], descending=[False, True, False])
        .group_by("document_key", maintain_order=True)
        .first()
        .select("document_key", "target_group")
    )


def assign_operations(
    sentences: pl.DataFrame,
    documents: pl.DataFrame,
    operation_names: pl.DataFrame,
    targets: pl.DataFrame,
    action_dates: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Decide the operations of each document.

    Returns (reports, sentence_operations): one row per operation per document (the staging
    grain) and the operation each sentence's facts belong to.
    `sentences` must carry `is_recap`; `documents` has document_key, published_date;
    `action_dates` has document_key, action_date.
    """
    recap = sentences.filter(pl.col("is_recap")).select("document_key", "sentence_index")
    main_names = operation_names.join(recap, on=["document_key", "sentence_index"], how="anti")
    primary = (
        documents.select("document_key", "published_date")
        .join(_most_frequent(main_names, "operation_name"), on="document_key", how="left")
        .join(_primary_targets(sentences, targets), on="document_key", how="left")
        .join(action_dates.select("document_key", "action_date"), on="document_key", how="left")
        .with_columns(is_primary=pl.lit(True), operation_index=pl.lit(0, pl.Int64))
    )
    first_sentence = sentences.group_by("document_key").agg(
        pl.col("sentence_index").min().alias("first_index")
    )
    primary = primary.join(first_sentence, on="document_key", how="left")

    # one passing mention per recap sentence run; its name/target/year from that sentence
    recap_rows = (
        sentences.filter(pl.col("is_recap"))
        .join(documents.select("document_key", "published_date"), on="document_key", how="left")
        .join(operation_names.group_by("document_key", "sentence_index").agg(pl.col("operation_name").first()),
              on=["document_key", "sentence_index"], how="left")
        .join(targets.group_by("document_key", "sentence_index").agg(pl.col("target_group").first()),
              on=["document_key", "sentence_index"], how="left")
        .with_columns(
            stated_year=pl.col("sentence").str.extract(r"\b((?:19|20)\d\d)\b").cast(pl.Int32),
        )
        .sort("document_key", "sentence_index")
        .with_columns(operation_index=pl.int_range(1, pl.len() + 1).over("document_key").cast(pl.Int64))
    )
    rows = []
    sentence_rows = []
    for doc in primary.iter_rows(named=True):
        date = doc["action_date"] or doc["published_date"]
        key = operation_key(doc["operation_name"], doc["target_group"], date.year if date else None, doc["document_key"], 0)
        rows.append({
            "operation_key": key, "document_key": doc["document_key"], "is_primary": True,
            "operation_name": doc["operation_name"], "target_group": doc["target_group"],
            "action_date": doc["action_date"], "published_date": doc["published_date"],
            "first_index": doc["first_index"],
        })
    primary_keys = {row["document_key"]: row["operation_key"] for row in rows}
    for recap_row in recap_rows.iter_rows(named=True):
        published = recap_row["published_date"]
        year = recap_row["stated_year"] or (published.year - 1 if published and re.search(r"(?i)last year|año pasado|anno scorso", recap_row["sentence"]) else (published.year if published else None))
        same_target = recap_row["target_group"] is None and recap_row["operation_name"] is None
        target = recap_row["target_group"]
        key = operation_key(recap_row["operation_name"], target, year, recap_row["document_key"], recap_row["operation_index"])
        if key == primary_keys.get(recap_row["document_key"]):
            continue  # the recap restates the main story
        if same_target and recap_row["stated_year"] is None:
            key = operation_key(None, None, None, recap_row["document_key"], recap_row["operation_index"])
        rows.append({
            "operation_key": key, "document_key": recap_row["document_key"], "is_primary": False,
            "operation_name": recap_row["operation_name"], "target_group": target,
            "action_date": None, "published_date": published, "first_index": recap_row["sentence_index"],
        })
        sentence_rows.append((recap_row["document_key"], recap_row["sentence_index"], key))
    reports = pl.DataFrame(
        rows,
        schema={"operation_key": pl.String, "document_key": pl.String, "is_primary": pl.Boolean,
                "operation_name": pl.String, "target_group": pl.String, "action_date": pl.Date,
                "published_date": pl.Date, "first_index": pl.Int64},
    ).unique(["operation_key", "document_key"], keep="first", maintain_order=True)
    passing = pl.DataFrame(
        sentence_rows, schema={"document_key": pl.String, "sentence_index": pl.Int64, "operation_key": pl.String},
        orient="row",
    )
    sentence_operations = (
        sentences.select("document_key", "sentence_index")
        .join(passing, on=["document_key", "sentence_index"], how="left")
        .join(reports.filter("is_primary").select("document_key", pl.col("operation_key").alias("primary_key")),
              on="document_key", how="left")
        .with_columns(operation_key=pl.coalesce("operation_key", "primary_key"))
        .drop("primary_key")
    )
    return reports, sentence_operations


def rollup_operations(reports: pl.DataFrame) -> pl.DataFrame:
    """One dim_operation row per operation from all its reports: the value most reports state
    (ties to the most recent report), the earliest publication as announcement."""

    def consensus(column: str) -> pl.DataFrame:
        return (
            reports.filter(pl.col(column).is_not_null())
            .group_by("operation_key", column)
            .agg(pl.len().alias("n"), pl.col("published_date").max().alias("latest"))
            .sort(["operation_key", "n", "latest", column], descending=[False, True, True, False], nulls_last=True)
            .group_by("operation_key", maintain_order=True)
            .first()
            .select("operation_key", column)
        )

    base = (
        reports.sort("is_primary", "published_date", "document_key", descending=[True, False, False], nulls_last=True)
        .group_by("operation_key", maintain_order=True)
        .agg(
            pl.col("published_date").min().alias("announced_date"),
            pl.col("evidence").first().alias("summary"),
            pl.col("document_key").n_unique().cast(pl.Int64).alias("document_count"),
        )
    )
    for column in ("operation_name", "target_group", "action_date", "lead_country_key"):
        base = base.join(consensus(column), on="operation_key", how="left")
    return base.select(
        "operation_key", "operation_name", "target_group", "action_date", "announced_date",
        "lead_country_key", "summary", "document_count",
    ).sort("operation_key")
