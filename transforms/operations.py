"""Operations a document reports: names, targets, primary vs passing mentions, keys, rollup.

A document is about one primary operation; sentences that recap an earlier action
("Earlier this year ...", "In 2019 ...") open a passing mention of another operation, and the
facts read in those sentences belong to it.
"""
from __future__ import annotations

import re
from functools import lru_cache
import unicodedata

import polars as pl
from wordfreq import get_frequency_list, zipf_frequency

from transforms.boundaries import contains_form
from transforms.numbers import LANGUAGES
from transforms.prefilter import char_offset, first_possible_start, lower_as_ignorecase, lower_case_pattern, may_match
from transforms.sentences import MENTION_SCHEMA

# "Operation Taken Down", 'Operation "Taken Down"', "operazione 'Gotha'", "Operación Black Hole",
# "Operação 404", "opération Tempête", "Operatie X", "operațiunea X", "Aktion X".
_OPERATION_WORD = (
    r"(?:[Oo]peration|[Oo]perazione|[Oo]peraci[oó]n|[Oo]pera[cç][aã]o|[Oo]p[ée]ration|[Oo]peratie|"
    r"[Oo]pera[tț]iun(?:ea|e)|[Oo]peratiunea|Aktion|Op\.|"
    # Dutch investigations go by a name ("het strafrechtelijk onderzoek Stuifzand")
    r"[Oo]nderzoek)"
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
    # an all-caps headline: OPERAZIONE "SIPARIO" (only quoted: its capitals say nothing of where a name ends)
    rf"|(?:OPERATION|OPERAZIONE|OPERACI[OÓ]N|OPERA[CÇ][AÃ]O|OP[ÉE]RATION|OPERATIE|OPERA[TȚ]IUNEA|AKTION)\s*{_QUOTE_OPEN}\s*"
    rf"(?P<quoted_caps>[^\"“”‘’«»„\n]{{2,40}}?)\s*{_QUOTE_CLOSE}"
    # the name first: Baptisée « Ragnatela » par les enquêteurs, l'opération ... / Codenamed "X", the operation
    rf"|(?<![\w])(?:Baptis[ée]e?|Surnomm[ée]e?|D[ée]nomm[ée]e?|Nomm[ée]e?|Codenamed|Code-named|Dubbed|Named|Battezzata|"
    rf"Denominata|Chiamata|Bautizada|Denominada|Llamada|Batizada|Apelidada|Genannt|Getauft)\s+{_QUOTE_OPEN}\s*"
    rf"(?P<named_first>[^\"“”‘’«»„\n]{{2,40}}?)\s*{_QUOTE_CLOSE}"
    rf"(?=[^.\n]{{0,120}}?,\s*(?:l['’]|(?:the|this|that|la|le|cette|questa|esta|essa|die|diese|de|het|deze)\s+)?{_OPERATION_WORD})"
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
# ... and in apposition: "The app, CineDhaba, was marketed to ..."
_TYPED_BEFORE = (rf"(?i:{_KIND_WORDS})\b(?:\s+{_PIRATE_ADJECTIVES}){{0,2}}(?:\s+|,\s+(?=[^,\n]{{2,40}},))"
                 rf"(?!(?i:of|de|di|del|da|do|du|des|von|van)\b){_NAME}")
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
# a quoted name acted against: 'Razzia gegen „Nachtkino"', 'raid against "StreamBox"', 'blitz contro "X"'
_AGAINST = (
    r"(?i:against|gegen|contra|contro|contre|tegen|[îi]mpotriva)\s+"
    rf"(?:(?i:the|il|lo|la|el|o|a|le|de|het|die|den|das|l['’])\s*)?{_QUOTED}"
)

TARGET_PATTERNS = {
    "called": _CALLED, "operated": _OPERATED, "typed": _TYPED_AFTER, "typed_before": _TYPED_BEFORE,
    "possessive": _POSSESSIVE, "headline": _HEADLINE, "against": _AGAINST,
}
# how much one mention found by each pattern says that the name is the target
_PATTERN_WEIGHT = {"called": 3.0, "operated": 3.0, "typed": 3.0, "typed_before": 3.0, "possessive": 2.0, "headline": 1.0,
                   "against": 3.0, "repeated": 0.5}

_TARGET_STOP = {
    "The", "This", "That", "These", "Those", "A", "An", "It", "Its", "Their", "Our", "His", "Her", "One",
    "Police", "Court", "Justice", "Department", "Europol", "Eurojust", "Interpol", "Netflix", "Amazon", "Disney",
    "HBO", "Hulu", "FBI", "DOJ", "IPTV", "US", "U.S.", "EU", "UK", "TV", "Internet", "Web", "Tor", "Dark", "VPN", "OTT", "APK",
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
# a word that makes a name a news outlet's ("Portal Ilha Notícias", "Bangkok Post"), never a target's
_OUTLET_WORDS = re.compile(
    r"(?i)^(?:news|noticias|notícias|notizie|nieuws|nachrichten|actualit[ée]s|journal|jornal|gazette|gazzetta|gazeta|"
    r"tribune|tribuna|times|herald|courier|chronicle|cr[óo]nica|cronaca|diario|di[áa]rio|zeitung|krant|ziarul|post)$"
)


def _names_an_authority_or_outlet(name: str) -> bool:
    return any(_AUTHORITY_WORDS.match(part) or _OUTLET_WORDS.match(part) for part in _PART_SPLIT.split(name))


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


@lru_cache(maxsize=65536)
def _is_calendar_word(word: str) -> bool:
    """Cached: the same capitalised words come back in every document."""
    return bool(_CALENDAR_WORDS.match(word))


def _is_common(name: str, lower_words: set[str]) -> bool:
    if _is_calendar_word(name.split()[0]):
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
    for key, index, start, sentence in sentences.filter(may_match(pl.col("sentence"), OPERATION_PATTERN)).select(
        "document_key", "sentence_index", "sentence_start", "sentence"
    ).iter_rows():
        for match in pattern.finditer(sentence):
            group = next(g for g in ("quoted", "bare", "called", "called_bare", "quoted_caps", "named_first", "before") if match.group(g))
            name = _clean_operation_name(match.group(group))
            if name:
                rows.append((key, index, start + match.start(), start + match.end(), match.group(0), name))
    return pl.DataFrame(
        rows,
        schema={**MENTION_SCHEMA, "operation_name": pl.String},
        orient="row",
    )


_LETTER_WORD = re.compile(r"[^\W\d_][\w'\-]*")
_BRAND_LIKE = re.compile(r"[\d\.\+]|\w-\w|[a-z][A-Z]")
_WORD_OR_HYPHEN = re.compile(r"[\w\-]")
_STARTS_WORD = re.compile(r"\w")
_ENDS_WORD = re.compile(r"\w$")


def _is_title_case(sentence: str) -> bool:
    """A headline written in title case ("Pirate Site Pulled Offline"): its capitalised
    words say nothing about names."""
    words = [w for w in _LETTER_WORD.findall(sentence) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _brand_like(name: str) -> bool:
    return bool(_BRAND_LIKE.search(name))


# Patterns built from names are compiled once per name: documents repeat their names, and
# Python's own regex cache (512 entries) overflowed, recompiling about 4,500 patterns per batch
# of 500 documents (2.7 s of 6.9 s in find_target_groups, measured with cProfile).
@lru_cache(maxsize=8192)
def _speaker_label_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"(?m)^\W*(?:\[?\d{{1,2}}:\d{{2}}(?::\d{{2}})?\]?\s*)?{re.escape(name)}\s*:")


_FIRST_NAME_BEFORE = re.compile(rf"(?<![.!?:\n]\s)\b[{_UPPER}][a-zà-ÿ]+\s+")
_LOWER_LETTER = re.compile(r"[a-zà-ÿ]")


def _after_first_name(name: str, text: str) -> bool:
    """A first name stands before the name ("Kristopher Dallmann"): the search for
    `(?<![.!?:\\n]\\s)\\b[<upper>][a-zà-ÿ]+\\s+<name>(?![\\w\\-])` for a non-empty name, without
    compiling a pattern per name: tried only where the name occurs. Before it, the whitespace run and the
    lower-case run before that are maximal, so the capital can only stand just before them.
    """
    for start in _occurrences(name, text):
        if _WORD_OR_HYPHEN.match(text, start + len(name)):
            continue
        spaces = start
        while spaces > 0 and text[spaces - 1].isspace():
            spaces -= 1
        letters = spaces
        while letters > 0 and _LOWER_LETTER.match(text, letters - 1):
            letters -= 1
        if spaces < start and letters < spaces and letters > 0 \
                and _FIRST_NAME_BEFORE.match(text, letters - 1, start):
            return True
    return False


def _occurrences(name: str, text: str):
    """Every start of `name` in `text`, overlapping ones included."""
    start = text.find(name)
    while start >= 0:
        yield start
        start = text.find(name, start + 1)


def _count(name: str, text: str) -> int:
    """How often the name stands as a whole word (not inside a longer word or hyphenation):
    the matches `re.findall` gives for the name between `(?<![\\w\\-])` and `(?![\\w\\-])`,
    counted with str.find instead of a regex compiled per name."""
    if not name:
        return len(text) + 1
    left, right = bool(_STARTS_WORD.match(name)), bool(_ENDS_WORD.search(name))
    count, start = 0, text.find(name)
    while start >= 0:
        end = start + len(name)
        if not (left and start > 0 and _WORD_OR_HYPHEN.match(text, start - 1)) \
                and not (right and _WORD_OR_HYPHEN.match(text, end)):
            count += 1
            start = text.find(name, end)  # findall resumes after a match
        else:
            start = text.find(name, start + 1)
    return count


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
_SPEAKER_VERB_AFTER = re.compile(rf"\s+{_SPEAKER_VERBS}")
# The phrase's first letter, then a look back over it at the phrase: `re` scans for the letters
# alone instead of trying the phrase at every position (same starts as `(?=<phrase>\s)`).
_ACCORDING_AT = re.compile(rf"(?i:[aslvpc])(?<=(?={_ACCORDING_TO}\s).)")
_ACCORDING_PREFIX = re.compile(rf"{_ACCORDING_TO}\s+(?:the\s+)?")


@lru_cache(maxsize=8192)
def _according_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"{_ACCORDING_TO}\s+(?:the\s+)?{re.escape(name)}")


# The words of _ACCORDING_TO, lower case; "seg[uú]n" both ways
_ACCORDING_WORDS = ("according to", "secondo", "según", "segun", "segundo", "selon", "laut", "volgens", "potrivit",
                    "conform")


@lru_cache(maxsize=64)
def _according_starts(text: str) -> tuple[int, ...]:
    """Where an "according to" phrase starts (`(?=<according to>\\s)`); scanned once per document,
    not once per name. Each word is looked for with str.find in the lower-cased text (the regex
    tried its alternation at every a, s, l, v, p and c), unless lower-casing is unsafe there."""
    lower = lower_as_ignorecase(text)
    if lower is None:
        return tuple(match.start() for match in _ACCORDING_AT.finditer(text))
    starts = set()
    for word in _ACCORDING_WORDS:
        at = lower.find(word)
        while at >= 0:
            end = at + len(word)
            if end < len(text) and text[end].isspace():
                starts.add(at)
            at = lower.find(word, at + 1)
    return tuple(sorted(starts))


def _follows_prefix(prefix: re.Pattern[str], name: str, text: str, starts: tuple[int, ...]) -> bool:
    """`prefix` matches (greedily) at one of the starts, directly followed by the name."""
    for start in starts:
        match = prefix.match(text, start)
        if match is not None and text.startswith(name, match.end()):
            return True
    return False


def _according_to(name: str, text: str, starts: tuple[int, ...]) -> bool:
    """`<according to>\\s+(?:the\\s+)?name` matches at one of the starts.

    The prefix's greedy match decides it without compiling a pattern per name, except for a name
    that begins with a space or with "the", where a shorter prefix could also fit.
    """
    if name[:1].isspace() or name.startswith("the"):
        return any(_according_pattern(name).match(text, start) for start in starts)
    return _follows_prefix(_ACCORDING_PREFIX, name, text, starts)


def _speaks(name: str, text: str) -> bool:
    """The name is a body that comments on the case ("LaLiga said", "according to ACE").

    Same as searching `name\\s+<verb>|<according to>\\s+(?:the\\s+)?name`, but the first
    branch is tried only where the name occurs and the second only where such a phrase starts
    (one scan per document), instead of scanning the text with a pattern compiled per name.
    """
    if any(_SPEAKER_VERB_AFTER.match(text, start + len(name)) for start in _occurrences(name, text)):
        return True
    starts = _according_starts(text)
    return bool(starts) and _according_to(name, text, starts)


_SPACES_COLON = re.compile(r"\s*:")


def _speaker_label(name: str, text: str) -> bool:
    """"[00:09] ANNA: ...": the name labels a transcript's speaker (a name never followed by a
    colon needs no search)."""
    if not any(_SPACES_COLON.match(text, start + len(name)) for start in _occurrences(name, text)):
        return False
    return bool(_speaker_label_pattern(name).search(text))


# A word at least this frequent (wordfreq's zipf scale) in one of the eight languages is a common
# word: "Festnahmen" 3.4, "Ermittler" 3.9, against 0 to 2 for invented service names ("Kinox" 1.9).
_COMMON_WORD_ZIPF = 3.3


@lru_cache(maxsize=1)
def _common_words() -> frozenset[str]:
    """The words of the eight languages at or above `_COMMON_WORD_ZIPF`, read once from wordfreq's
    frequency buckets (bucket i holds the words of frequency 10^(-i/100)): 140,000 words in 0.4 s,
    where `zipf_frequency` takes about 0.26 ms a call, 2 ms for a word asked in eight languages."""
    last_bucket = round((9 - _COMMON_WORD_ZIPF) * 100)
    return frozenset(word for language in LANGUAGES
                     for bucket in get_frequency_list(language)[:last_bucket + 1] for word in bucket)


def _is_common_word(word: str) -> bool:
    """`zipf_frequency(word, language) >= _COMMON_WORD_ZIPF` in one of the eight languages. A plain
    word is looked up in `_common_words`; wordfreq splits a word with a hyphen, an apostrophe or a
    digit into tokens and folds "ß", and such words (a few) are asked of it as before."""
    folded = word.lower()
    if word.isalpha() and word.casefold() == folded:
        return folded in _common_words()
    return _is_common_compound(folded)


@lru_cache(maxsize=4096)
def _is_common_compound(word: str) -> bool:
    return any(zipf_frequency(word, language) >= _COMMON_WORD_ZIPF for language in LANGUAGES)


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
                        or _NO_LETTERS.fullmatch(name) or _NUMBER_WORD.match(name)
                        or _is_common(name, lower_words.get(key, set()))
                        or _count(name, text) < (2 if _brand_like(name) else 3)
                        or _names_an_authority_or_outlet(name)):
                    continue
                if _after_first_name(name, text) and not _brand_like(name):
                    continue  # "Kristopher Dallmann": a person
                if _speaks(name, text):
                    continue  # a rights holder or body that speaks about the case
                if _speaker_label(name, text):
                    continue  # "[00:09] ANNA: ...": a transcript's speaker
                if _is_place_of_people(name, text):
                    continue  # "Parramatta man arrested": a place of people
                if " " not in name and not _brand_like(name) and _is_common_word(name):
                    continue  # "Festnahmen", "Ermittler": German capitalises its nouns
                begin = start + match.start() + match.group(0).find(name)
                rows.append((key, index, begin, begin + len(name), name, "repeated"))
    return rows


_PEOPLE_AFTER_PLACE = re.compile(r"\s+(?:man|woman|men|women|teenager|teen|resident|residents|couple|boy|girl|"
                                 r"father|mother)\b")


def _is_place_of_people(name: str, text: str) -> bool:
    """"Parramatta man arrested": the name is written before "man", "woman", "resident"... somewhere.
    (Checked at the name's occurrences: a regex over the whole text costs a quarter of the target finder.)"""
    return any(_PEOPLE_AFTER_PLACE.match(text, start + len(name)) for start in _occurrences(name, text))


_NO_LETTERS = re.compile(r"[\d\W_]+")
_NUMBER_WORD = re.compile(r"\d+\s")
_PART_SPLIT = re.compile(r"[\s\-]+")
# a figure with grouped thousands is never part of a name ("CON OLTRE 2.300" in an all-caps headline)
_GROUPED_NUMBER = re.compile(r"(?:^|\s)\d{1,3}(?:[.,]\d{3})+(?:\s|$)")
_NAME_START = re.compile(rf"[{_UPPER}0-9]|[a-z]+[{_UPPER}]|{_DOMAIN}$")
_KIND_WORD = re.compile(_KIND_WORDS, re.IGNORECASE)


def _is_kind_word(word: str) -> bool:
    """A kind of thing, also in the plural or the German genitive ("des Portals"), is no name."""
    return bool(_KIND_WORD.fullmatch(word) or (word.endswith("s") and _KIND_WORD.fullmatch(word[:-1])))


# Every operation word starts with one of these (see _OPERATION_WORD)
_OPERATION_WORD_PREFIXES = ("Op", "op", "Aktion", "Onderzoek", "onderzoek")
_OPERATION_WORD_MATCH = re.compile(_OPERATION_WORD)


def _operation_starts(text: str) -> tuple[int, ...]:
    """Where an operation word starts (the starts of `(?=<operation word>)`): the word is tried
    only where str.find finds one of its prefixes, not at every character."""
    starts = []
    for prefix in _OPERATION_WORD_PREFIXES:
        at = text.find(prefix)
        while at >= 0:
            if _OPERATION_WORD_MATCH.match(text, at):
                starts.append(at)
            at = text.find(prefix, at + 1)
    return tuple(sorted(starts))


_OPERATION_PREFIX = re.compile(rf"{_OPERATION_WORD}\s*{_QUOTE_OPEN}?\s*")
_QUOTE_OR_SPACE = re.compile(rf"{_QUOTE_OPEN}|\s")


@lru_cache(maxsize=8192)
def _own_name_pattern(name: str) -> re.Pattern[str]:
    return re.compile(rf"{_OPERATION_WORD}\s*{_QUOTE_OPEN}?\s*{re.escape(name)}")


def _is_operation_name(name: str, text: str, operation_starts: tuple[int, ...]) -> bool:
    """The text calls the name an operation ("Operation Taken Down"): the search for
    `<operation word>\\s*<quote>?\\s*name`, tried only where an operation word starts.

    The prefix's greedy match decides it without compiling a pattern per name, unless the name
    begins with a quote or a space, or with "a" ("Operatiune" + "a..." against "Operatiunea").
    """
    if not operation_starts:
        return False
    if name[:1] == "a" or _QUOTE_OR_SPACE.match(name):
        return any(_own_name_pattern(name).match(text, start) for start in operation_starts)
    return _follows_prefix(_OPERATION_PREFIX, name, text, operation_starts)


@lru_cache(maxsize=4)
def _casefolded(names: frozenset[str]) -> frozenset[str]:
    """Case-folded once per set of names (a frozenset keeps its hash: later batches pay nothing)."""
    return frozenset(name.casefold() for name in names)


def _leading_cues(pattern: str) -> re.Pattern[str] | None:
    """For a pattern that opens with a case-insensitive group ("(?i:called|named|...)"), that
    group as a case-sensitive pattern for lower-cased text; None for other patterns."""
    if not pattern.startswith("(?i:"):
        return None
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":  # a class: its parentheses are characters
            i = pattern.index("]", i + 2)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                break
        i += 1
    return lower_case_pattern(pattern[len("(?i:"):i])


def _matches_from_cues(pattern: re.Pattern[str], cues: re.Pattern[str] | None, sentence: str, lower: str | None,
                       first: int):
    """`pattern.finditer(sentence, first)`, the pattern tried only where its opening cue group
    matches: `re` tries an IGNORECASE group of many words slowly at every character, and a
    case-sensitive search over the lower-cased sentence finds where it can match far faster.
    `lower` is `lower_as_ignorecase(sentence)`; where it is None, plain `finditer`."""
    if cues is None or lower is None:
        yield from pattern.finditer(sentence, first)
        return
    position = first
    while (cue := cues.search(lower, position)) is not None:
        found = pattern.match(sentence, cue.start())
        if found is None:
            position = cue.start() + 1
            continue
        yield found
        position = max(found.end(), cue.start() + 1)


def find_target_groups(sentences: pl.DataFrame, known_names: set[str] | None = None) -> pl.DataFrame:
    """Names of the service, site or group targeted, one row per candidate mention.

    `known_names` are names that are something else (agencies, platforms) and can never be a
    target; country names and demonyms are excluded as well.
    """
    known = _casefolded(frozenset(known_names or ()))
    patterns = {kind: re.compile(pattern) for kind, pattern in TARGET_PATTERNS.items()}
    cues = {kind: _leading_cues(pattern) for kind, pattern in TARGET_PATTERNS.items()}
    lower_words = _lowercase_words(sentences)
    texts = dict(
        sentences.sort("document_key", "sentence_index")
        .group_by("document_key", maintain_order=True)
        .agg(pl.col("sentence").str.join("\n"))
        .iter_rows()
    )
    first_index = dict(sentences.group_by("document_key").agg(pl.col("sentence_index").min()).iter_rows())
    # which patterns can match each sentence, and from where, decided for the whole batch at once
    candidates = (
        sentences.select(
            "document_key", "sentence_index", "sentence_start", "sentence",
            *(first_possible_start(pl.col("sentence"), pattern).alias(f"_from_{kind}")
              for kind, pattern in TARGET_PATTERNS.items()),
        )
        .filter(pl.any_horizontal(pl.col(f"_from_{kind}").is_not_null() for kind in TARGET_PATTERNS))
        .with_columns(char_offset(pl.col("sentence"), pl.col(f"_from_{kind}")).alias(f"_from_{kind}")
                      for kind in TARGET_PATTERNS)
    )
    rows = []
    for key, index, start, sentence, *starts in candidates.iter_rows():
        title_case = None  # computed when a candidate first needs it
        text = texts.get(key, "")
        lower = lower_as_ignorecase(sentence)
        for (kind, pattern), first in zip(patterns.items(), starts):
            if first is None or (kind == "headline" and index != first_index.get(key)):
                continue
            for match in _matches_from_cues(pattern, cues[kind], sentence, lower, first):
                group = "quoted" if "quoted" in pattern.groupindex and match.group("quoted") else "name"
                raw = match.group(group)
                if not raw:
                    continue
                name = _TRAILING_KIND.sub("", raw.strip(" .,;:"))
                if group == "name":
                    name = _trim_by_frequency(name, text)
                if (len(name) < 3 or name.split()[0] in _TARGET_STOP or name.casefold() in known
                        or _NO_LETTERS.fullmatch(name) or _NUMBER_WORD.match(name) or len(name.split()) > 4
                        or _GROUPED_NUMBER.search(name)
                        or not _NAME_START.match(name)):
                    continue
                parts = _PART_SPLIT.split(name)
                if _names_an_authority_or_outlet(name) or parts[0] in _TARGET_STOP \
                        or (" " not in name and _is_kind_word(name)):
                    continue
                if group == "name" and _is_common(name, lower_words.get(key, set())):
                    continue
                if kind not in ("called", "operated", "typed_before") and _speaks(name, text):
                    continue
                if title_case is None and not _brand_like(name):
                    title_case = _is_title_case(sentence)
                if title_case and not _brand_like(name) and _count(name, text) < 2 and (
                        len(name.split()) > 1 or kind not in ("typed_before", "called", "operated", "against")):
                    continue
                begin = start + match.start(group) + raw.find(name)
                rows.append((key, index, begin, begin + len(name), name, kind))
    rows.extend(_repeated_headline_names(sentences, texts, first_index, known, lower_words))
    # an operation's own name ("Operation Taken Down") is not its target
    operation_starts: dict[str, tuple[int, ...]] = {}  # of the documents with a candidate only
    own_names: dict[tuple[str, str], bool] = {}
    kept = []
    for row in rows:
        if (row[0], row[4]) not in own_names:
            if row[0] not in operation_starts:
                operation_starts[row[0]] = _operation_starts(texts.get(row[0], ""))
            own_names[row[0], row[4]] = _is_operation_name(row[4], texts.get(row[0], ""), operation_starts[row[0]])
        if not own_names[row[0], row[4]]:
            kept.append(row)
    frame = pl.DataFrame(
        kept,
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
    names_an_earlier_year = (
        without_periods.str.extract_all(r"\b(?:19|20)\d\d\b").list.eval(pl.element().cast(pl.Int32)).list.max()
        < pl.col("published_date").dt.year()
    )
    joined = sentences.join(published.select("document_key", "published_date"), on="document_key", how="left",
                            maintain_order="left").with_row_index("_row")
    # the period pattern (a Unicode \b) runs only on the few sentences with a year in them
    dated = joined.filter(pl.col("sentence").str.contains(r"(?:19|20)\d\d")).select(
        "_row", names_an_earlier_year.alias("_year_before"))
    year_before = pl.col("_year_before")
    return (
        joined.join(dated, on="_row", how="left", maintain_order="left")
        .with_columns(
            is_recap=(pl.col("sentence").str.contains(contains_form(RECAP_PATTERN)) & (pl.col("sentence_index") > 1)
                      & (pl.col("sentence").str.contains(contains_form(_STRONG_RECAP)) | pl.col("sentence").str.contains(contains_form(_ENFORCEMENT_VERB))))
            | (year_before.fill_null(False) & (pl.col("sentence_index") > 2)
               & pl.col("sentence").str.contains(contains_form(
                   r"(?i)\b(?:arrest|raid|seiz|dismantl|shut|indict|charg|took down|taken down|detenid|arrestat|festgenommen|beschlagnahm)")))
        )
        .drop("published_date", "_row", "_year_before")
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
        .sort(["document_key", "mentions", "first", column], descending=[False, True, False, False])
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
                      + pl.when(pl.col("in_lead")).then(2.0).otherwise(0.0),
                      length=pl.col("target_group").str.len_chars())
        # ties ("FlashFlow IPTV" and "FlashFlow" from the same spot) go to the fuller name, so
        # every run picks the same one
        .sort(["document_key", "score", "first_mention", "length", "target_group"],
              descending=[False, True, False, True, False])
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
    editions = find_operation_editions(sentences, operation_names)
    primary = primary.join(document_editions(editions, sentences), on="document_key", how="left")
    recap_editions = editions.group_by("document_key", "sentence_index").agg(pl.col("edition").first())

    # one passing mention per recap sentence run; its name/target/year from that sentence
    recap_rows = (
        sentences.filter(pl.col("is_recap"))
        .join(documents.select("document_key", "published_date"), on="document_key", how="left")
        .join(operation_names.group_by("document_key", "sentence_index").agg(pl.col("operation_name").first()),
              on=["document_key", "sentence_index"], how="left")
        .join(targets.group_by("document_key", "sentence_index").agg(pl.col("target_group").first()),
              on=["document_key", "sentence_index"], how="left")
        .join(recap_editions, on=["document_key", "sentence_index"], how="left")
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
        key = report_signature(doc["operation_name"], doc["edition"], doc["target_group"], date.year if date else None,
                               doc["document_key"], 0)
        rows.append({
            "operation_key": key, "document_key": doc["document_key"], "is_primary": True,
            "operation_name": doc["operation_name"], "target_group": doc["target_group"],
            "action_date": doc["action_date"], "published_date": doc["published_date"],
            "first_index": doc["first_index"], "edition": doc["edition"], "action_year": date.year if date else None,
        })
    primary_keys = {row["document_key"]: row["operation_key"] for row in rows}
    primary_names = {row["document_key"]: row["operation_name"] for row in rows}
    for recap_row in recap_rows.iter_rows(named=True):
        if recap_row["edition"] and not recap_row["operation_name"] and not recap_row["target_group"]:
            # "the third phase in March 2024": a phase of the operation the document is about
            recap_row["operation_name"] = primary_names.get(recap_row["document_key"])
        published = recap_row["published_date"]
        year = recap_row["stated_year"] or (published.year - 1 if published and re.search(r"(?i)last year|año pasado|anno scorso", recap_row["sentence"]) else (published.year if published else None))
        same_target = recap_row["target_group"] is None and recap_row["operation_name"] is None
        target = recap_row["target_group"]
        key = report_signature(recap_row["operation_name"], recap_row["edition"], target, year,
                               recap_row["document_key"], recap_row["operation_index"])
        if key == primary_keys.get(recap_row["document_key"]):
            continue  # the recap restates the main story
        if same_target and recap_row["stated_year"] is None:
            key = operation_key(None, None, None, recap_row["document_key"], recap_row["operation_index"])
        rows.append({
            "operation_key": key, "document_key": recap_row["document_key"], "is_primary": False,
            "operation_name": recap_row["operation_name"], "target_group": target,
            "action_date": None, "published_date": published, "first_index": recap_row["sentence_index"],
            "edition": recap_row["edition"], "action_year": year,
        })
        sentence_rows.append((recap_row["document_key"], recap_row["sentence_index"], key))
    reports = pl.DataFrame(
        rows,
        schema={"operation_key": pl.String, "document_key": pl.String, "is_primary": pl.Boolean,
                "operation_name": pl.String, "target_group": pl.String, "action_date": pl.Date,
                "published_date": pl.Date, "first_index": pl.Int64, "edition": pl.String, "action_year": pl.Int32},
    ).unique(["operation_key", "document_key"], keep="first", maintain_order=True).with_columns(
        report_key=pl.col("operation_key"))  # the key this document alone gives; resolution may move it
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


# ============================================================== editions and cross-document resolution
# Everything below decides which reports are one real-world operation. It reads only what the
# extractors above produced (names, targets, dates, countries, agencies, platforms, figures) and
# never a document's file name or wording of a particular sample.

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_ORDINAL_WORDS = {
    # en
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20,
    # it
    "prima": 1, "primo": 1, "seconda": 2, "secondo": 2, "terza": 3, "terzo": 3, "quarta": 4, "quarto": 4,
    "quinta": 5, "quinto": 5, "sesta": 6, "sesto": 6, "settima": 7, "settimo": 7, "ottava": 8, "ottavo": 8,
    "nona": 9, "nono": 9, "decima": 10, "decimo": 10,
    # es / pt
    "primera": 1, "primer": 1, "primero": 1, "segunda": 2, "segundo": 2, "tercera": 3, "tercer": 3, "tercero": 3,
    "cuarta": 4, "sexta": 6, "séptima": 7, "septima": 7, "octava": 8, "novena": 9, "décima": 10,
    "primeira": 1, "terceira": 3, "sétima": 7, "oitava": 8,
    # fr
    "première": 1, "premiere": 1, "premier": 1, "deuxième": 2, "seconde": 2, "troisième": 3, "quatrième": 4,
    "cinquième": 5, "sixième": 6, "septième": 7, "huitième": 8, "neuvième": 9, "dixième": 10,
    # de
    "erste": 1, "ersten": 1, "zweite": 2, "zweiten": 2, "dritte": 3, "dritten": 3, "vierte": 4, "vierten": 4,
    "fünfte": 5, "fünften": 5, "sechste": 6, "sechsten": 6, "siebte": 7, "siebten": 7, "achte": 8, "achten": 8,
    "neunte": 9, "neunten": 9, "zehnte": 10, "zehnten": 10,
    # nl
    "eerste": 1, "tweede": 2, "derde": 3, "vierde": 4, "vijfde": 5, "zesde": 6, "zevende": 7, "achtste": 8,
    "negende": 9, "tiende": 10,
    # ro ("a doua", "a șaptea")
    "doua": 2, "treia": 3, "patra": 4, "cincea": 5, "șasea": 6, "şasea": 6, "sasea": 6, "șaptea": 7, "şaptea": 7,
    "saptea": 7, "opta": 8, "noua": 9, "zecea": 10,
}
_CARDINAL_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_EDITION_WORD = (
    r"(?:phase|stage|wave|round|edition|fase|edizione|tappa|edición|edicion|ronda|etapa|edição|edicao|"
    r"édition|edition|Phase|Ausgabe|Auflage|Welle|editie|fază|faza|faza|ediția|ediţia|editia|ediție|etapă)"
)
_ORDINAL_ALTERNATION = "|".join(sorted((re.escape(w) for w in _ORDINAL_WORDS), key=len, reverse=True))
_CARDINAL_ALTERNATION = "|".join(sorted(_CARDINAL_WORDS, key=len, reverse=True))
_ROMAN_NUMERAL = r"(?=[IVX])(?:X{0,3})(?:IX|IV|V?I{0,3})"
EDITION_PATTERN = re.compile(
    # "the seventh phase", "7th edition", "7ª fase", "la settima edizione", "a doua fază"
    rf"(?i:(?<![\w\-])(?P<ordinal>{_ORDINAL_ALTERNATION}|\d{{1,2}}(?:st|nd|rd|th|ª|º|°|a|o|e|ème|eme|\.))\s+{_EDITION_WORD}\b)"
    # "phase 7", "phase seven", "fase VII", "faza a șaptea", "ediția a 7-a"
    rf"|(?i:\b{_EDITION_WORD})\s+(?:(?i:a)\s+)?(?:(?P<number>\d{{1,2}})(?:-a)?\b|(?P<roman>{_ROMAN_NUMERAL})\b|"
    rf"(?i:(?P<word>{_CARDINAL_ALTERNATION}|{_ORDINAL_ALTERNATION}))\b)"
    # "the 2023 edition", "edición de 2023", "l'édition 2023"
    rf"|(?P<year_before>(?:19|20)\d\d)\s+(?i:edition|edizione|edición|edição|édition|Ausgabe|editie|ediția)\b"
    rf"|(?i:edition|edizione|edición|edição|édition|Ausgabe|editie|ediția)\s+(?:(?i:de|del|di|do|da|van|von|of|din)\s+)?"
    rf"(?P<year_after>(?:19|20)\d\d)\b"
)
_ENFORCEMENT_VERB_RE = re.compile(_ENFORCEMENT_VERB)
# a sentence that speaks of an operation (so "phase" is a phase of it, not of a trial)
_SPEAKS_OF_OPERATION = re.compile(rf"(?i:{_OPERATION_WORD}|operation|opera[tțţ]iun|action|campaign|crackdown|initiative)")
# both for lower-cased sentences (where lower-casing is what IGNORECASE does): several times faster
_SPEAKS_OF_OPERATION_LOWER = _leading_cues(_SPEAKS_OF_OPERATION.pattern)
_ENFORCEMENT_VERB_LOWER = lower_case_pattern(_ENFORCEMENT_VERB.removeprefix("(?i)"))
assert _SPEAKS_OF_OPERATION_LOWER is not None and _ENFORCEMENT_VERB_LOWER is not None, "a cue list lower-case cannot stand for"


def roman_to_int(text: str) -> int | None:
    """II -> 2, XVI -> 16; None for anything that is not a plain roman numeral."""
    if not text or not re.fullmatch(_ROMAN_NUMERAL, text):
        return None
    total = 0
    for index, char in enumerate(text):
        value = _ROMAN[char]
        following = _ROMAN[text[index + 1]] if index + 1 < len(text) else 0
        total += -value if value < following else value
    return total or None


def split_edition(name: str | None) -> tuple[str, str | None]:
    """(base name, edition) of an operation name: "Pangea XVI" -> ("Pangea", "16"),
    "Northgate 2024" -> ("Northgate", "2024"), "404.6" -> ("404", "6"); one word stays whole."""
    if not name:
        return "", None
    name = name.strip()
    dotted = re.fullmatch(r"(.+?)\.(\d{1,2})", name)
    if dotted:
        return dotted.group(1), dotted.group(2)
    words = name.split()
    if len(words) >= 2:
        last = words[-1]
        if re.fullmatch(r"(?:19|20)\d\d|\d{1,2}", last):
            return " ".join(words[:-1]), str(int(last))
        roman = roman_to_int(last)
        if roman:
            return " ".join(words[:-1]), str(roman)
    return name, None


def _edition_value(match: re.Match) -> str | None:
    if match.group("ordinal"):
        token = match.group("ordinal").casefold()
        digits = re.match(r"\d+", token)
        return str(int(digits.group(0))) if digits else (str(_ORDINAL_WORDS[token]) if token in _ORDINAL_WORDS else None)
    if match.group("number"):
        return str(int(match.group("number")))
    if match.group("roman"):
        value = roman_to_int(match.group("roman"))
        return str(value) if value else None
    if match.group("word"):
        token = match.group("word").casefold()
        value = _CARDINAL_WORDS.get(token) or _ORDINAL_WORDS.get(token)
        return str(value) if value else None
    return match.group("year_before") or match.group("year_after")


def _speaks_of_action(sentence: str) -> bool:
    """The sentence speaks of an operation or an enforcement action."""
    lower = lower_as_ignorecase(sentence)
    if lower is None:
        return bool(_SPEAKS_OF_OPERATION.search(sentence) or _ENFORCEMENT_VERB_RE.search(sentence))
    return bool(_SPEAKS_OF_OPERATION_LOWER.search(lower) or _ENFORCEMENT_VERB_LOWER.search(lower))


def find_operation_editions(sentences: pl.DataFrame, operation_names: pl.DataFrame) -> pl.DataFrame:
    """Phase or edition numbers stated for an operation, one row per mention: "phase 7",
    "seventh edition", "Operação 404.6", "the 2023 edition", "Pangea XVI".

    Only sentences that speak of an operation or an enforcement action count (a "second phase"
    of a trial is no edition).
    """
    rows = []
    named = {(key, index) for key, index in operation_names.select("document_key", "sentence_index").iter_rows()}
    stating = sentences.filter(may_match(pl.col("sentence"), EDITION_PATTERN.pattern))  # the others state none
    for key, index, sentence in stating.select("document_key", "sentence_index", "sentence").iter_rows():
        if (key, index) not in named and not _speaks_of_action(sentence):
            continue
        for match in EDITION_PATTERN.finditer(sentence):
            value = _edition_value(match)
            if value:
                rows.append((key, index, match.start(), value))
    for key, index, start, end, name in operation_names.select(
            "document_key", "sentence_index", "char_start", "char_end", "operation_name").iter_rows():
        _, edition = split_edition(name)
        if edition:
            rows.append((key, index, -1, edition))
    # "Operação 404.6": the name pattern stops at the dot
    with_text = operation_names.join(sentences.select("document_key", "sentence_index", "sentence_start", "sentence"),
                                     on=["document_key", "sentence_index"], how="inner")
    for key, index, end, sentence_start, sentence in with_text.select(
            "document_key", "sentence_index", "char_end", "sentence_start", "sentence").iter_rows():
        suffix = re.match(r"\.(\d{1,2})(?![\d\w])", sentence[end - sentence_start:])
        if suffix:
            rows.append((key, index, end - sentence_start, str(int(suffix.group(1)))))
    return pl.DataFrame(rows, schema={"document_key": pl.String, "sentence_index": pl.Int64, "position": pl.Int64,
                                      "edition": pl.String}, orient="row").unique(maintain_order=True)


def document_editions(editions: pl.DataFrame, sentences: pl.DataFrame) -> pl.DataFrame:
    """Per document, the edition of its main story: the one its non-recap sentences state most
    often (ties: the first stated)."""
    main = editions.join(sentences.filter(~pl.col("is_recap")).select("document_key", "sentence_index"),
                         on=["document_key", "sentence_index"], how="semi")
    return (
        main.group_by("document_key", "edition")
        .agg(pl.len().alias("mentions"), pl.struct("sentence_index", "position").min().alias("first"))
        .sort(["document_key", "mentions", "first", "edition"], descending=[False, True, False, False])
        .group_by("document_key", maintain_order=True)
        .first()
        .select("document_key", "edition")
    )


_TARGET_SUFFIX = re.compile(
    r"-(?:to|tv|com|net|org|io|cc|me|ws|se|is|ru|sx|ac|eu|it|es|pt|fr|de|nl|ro|info|biz|co|xyz|club|live|online|"
    r"site|app|stream|watch|cx|li|lol|vip|pro|ag|nu|si|pw|in|lu|la|ch|at|be)$"
)


def target_token(target: str | None) -> str:
    """Folded target name, without a domain ending: "kinoflux.to" and "Kinoflux" are one target."""
    return _TARGET_SUFFIX.sub("", fold_name(target))


def report_signature(name: str | None, edition: str | None, target: str | None, year: int | None,
                     document_key: str, index: int) -> str:
    """The key a report gets from its own document: `op-<name>-<edition>` when a phase or edition
    is known, else `op-<name or target>-<year>`, else `op-doc-<hash>-<n>`."""
    base, named_edition = split_edition(name)
    edition = named_edition or edition
    if fold_name(base):
        return f"op-{fold_name(base)}-{edition}" if edition else f"op-{fold_name(base)}-{year if year else 'undated'}"
    if target_token(target):
        return f"op-{target_token(target)}-{year if year else 'undated'}"
    return f"op-doc-{document_key[:16]}-{index}"


# --- linking reports of one operation across documents

# how much one shared signal says that two reports without a name are about one action
_SHARED_WEIGHT = {"country": 1.0, "agency": 2.0, "platform": 1.0, "figure": 3.0, "small_figure": 1.0}
_SHARED_CAP = {"country": 3.0, "agency": 6.0, "platform": 2.0, "figure": 9.0, "small_figure": 2.0}
_LEAD_AGREES, _LEAD_DIFFERS, _SAME_ACTION_DAY = 2.0, -4.0, 3.0
LINK_THRESHOLD = 6.0
# rows of the pair join counted at once: bounds link_scores' memory however many reports share a week
LINK_CHUNK_ROWS = 1_000_000
# a report without an action date is about an action in the weeks before its publication
REPORT_WINDOW_DAYS = 30
ACTION_DATE_SLACK_DAYS = 2
# an edition-less report names the phase closest in time, if one is this close
EDITION_ATTACH_DAYS = 60

RESOLUTION_REPORT_SCHEMA = {
    "report_key": pl.String, "document_key": pl.String, "is_primary": pl.Boolean, "operation_name": pl.String,
    "target_group": pl.String, "edition": pl.String, "action_date": pl.Date, "published_date": pl.Date,
    "action_year": pl.Int32, "lead_country_key": pl.String,
}
# the three columns may also be Categorical: a large warehouse's features are mostly repeated keys
RESOLUTION_FEATURE_SCHEMA = {"report_key": pl.String, "document_key": pl.String, "feature": pl.String}
# or a feature names its report by one integer, when reports carry it as a distinct report_id
# (`flows.warehouse.operation_signals`: 12 bytes a row at 5 million rows, where the two keys
# also held every document key as a category and were turned into integers here)
RESOLUTION_FEATURE_BY_ID_SCHEMA = {"report_id": pl.Int64, "feature": pl.String}


def _interval(frame: pl.DataFrame) -> pl.DataFrame:
    """When the reported action can have happened: the action day (with slack), else the weeks
    before publication."""
    slack = pl.duration(days=ACTION_DATE_SLACK_DAYS)
    return frame.with_columns(
        date_low=pl.when(pl.col("action_date").is_not_null()).then(pl.col("action_date") - slack)
        .otherwise(pl.col("published_date") - pl.duration(days=REPORT_WINDOW_DAYS)),
        date_high=pl.when(pl.col("action_date").is_not_null()).then(pl.col("action_date") + slack)
        .otherwise(pl.col("published_date")),
    )


def _epoch_week(column: str) -> pl.Expr:
    return pl.col(column).cast(pl.Int32) // 7


# the weeks a report's possible action dates cover (after `_interval`): reports meet only within them
_weeks = pl.int_ranges(_epoch_week("date_low"), _epoch_week("date_high") + 1).alias("week")

_KINDS = list(_SHARED_WEIGHT)
# a feature's kind (its index in _KINDS): its first letter, and for a figure whether its value is below 5
_feature_text = pl.col("feature").cast(pl.String)  # features may come Categorical (`flows.warehouse.operation_signals`)
_feature_kind = (
    pl.when(_feature_text.str.starts_with("c:")).then(_KINDS.index("country"))
    .when(_feature_text.str.starts_with("a:")).then(_KINDS.index("agency"))
    .when(_feature_text.str.starts_with("p:")).then(_KINDS.index("platform"))
    .when(_feature_text.str.extract(r"=([^=]*)$").cast(pl.Float64) < 5).then(_KINDS.index("small_figure"))
    .otherwise(_KINDS.index("figure"))
    .cast(pl.UInt8)
)


def link_scores(reports: pl.DataFrame, features: pl.DataFrame, floating: set | None = None,
                minimum: float | None = None) -> pl.DataFrame:
    """Symmetric evidence that two reports tell of one action: one row per pair (left < right)
    whose possible action dates overlap, with a score from shared countries, agencies,
    platforms and figures, agreeing or differing lead countries and the same action day.

    With `floating`, only pairs with at least one floating report are scored; with `minimum`,
    only pairs scoring at least that are kept (chunk by chunk, so memory follows them). Reports meet
    only within the weeks their possible action dates cover, so the cost grows with the reports
    of the same weeks, not with the square of the corpus.
    """
    # integer ids in key order (so id order is key order), so the pair join moves numbers, not strings
    nodes = _interval(reports.select("report_key", "document_key", "action_date", "published_date", "lead_country_key")
                      ).filter(pl.col("date_low").is_not_null()).sort("report_key").with_row_index("id").select(
        "id", "report_key", pl.col("document_key").rank("dense").cast(pl.UInt32).alias("document"),
        "date_low", "date_high", "action_date", "lead_country_key",
        week_low=_epoch_week("date_low"), week_high=_epoch_week("date_high"))
    nodes = nodes.with_columns(floating=pl.lit(True) if floating is None else pl.col("report_key").is_in(sorted(floating)))
    # a feature's number is its Categorical code, and each distinct feature is kinded once.
    # One row per report and feature, in order of the report's first week (then id, then
    # feature), so the reports a run of them can meet are one slice of rows. The order and the
    # distinct rows come from sorting one integer, (report's place in week order) * 2**32 +
    # feature: at 400k documents (5 million rows) a hashed unique took 840 MB, and sorts over two
    # columns and a join for the kinds another 200 MB.
    coded = features.select("report_key", pl.col("feature").cast(pl.Categorical))
    kinds = (coded.select(pl.col("feature").unique()).select(feature_id=pl.col("feature").to_physical(), kind=_feature_kind)
             .sort("feature_id"))
    week_order = nodes.select(pl.arg_sort_by("week_low", "id")).to_series()  # place -> id
    place = _positions_in(nodes["report_key"], coded["report_key"])
    place = week_order.arg_sort().cast(pl.UInt64).gather(place)  # id -> place, null where no node
    packed = (place * (1 << 32) + coded["feature"].to_physical().cast(pl.UInt64)).drop_nulls().sort()
    del coded, place
    packed = packed.filter(packed.diff().fill_null(1) != 0)
    located = pl.DataFrame({"id": week_order.gather(packed // (1 << 32)),
                            "feature_id": (packed % (1 << 32)).cast(pl.UInt32)})
    del packed
    # a row holds what the chunks are cut by; a report's other columns are gathered chunk by chunk
    located = located.with_columns(
        week_low=nodes["week_low"].gather(located["id"]),  # id is nodes' row
        kind=kinds["kind"].gather(kinds["feature_id"].search_sorted(located["feature_id"])))
    key = reports.schema["report_key"]
    no_links = pl.DataFrame(schema={"left": key, "right": key, "score": pl.Float64})
    if located.height == 0 or not (floating is None or nodes["floating"].gather(located["id"]).any()):
        return no_links
    span = int((nodes["week_high"] - nodes["week_low"]).gather(located["id"]).max())
    of_node = nodes.select("document", "floating", "week_high")  # gathered by id, nodes' row
    weights = pl.DataFrame({"kind": list(range(len(_KINDS))), "weight": list(_SHARED_WEIGHT.values()),
                            "cap": [_SHARED_CAP[k] for k in _KINDS]}, schema_overrides={"kind": pl.UInt8})
    pieces = []
    for low, high in _link_chunks(located, span).iter_rows():
        starters = located.slice(low, high - low + 1)
        first_week, last_week = starters["week_low"][0], starters["week_low"][-1]
        starters = starters.hstack(of_node[starters["id"]])
        start = located["week_low"].search_sorted(first_week - span, side="left")
        # the reports that cover each week the chunk's reports start in
        partners = located.slice(start, located["week_low"].search_sorted(last_week, side="right") - start)
        partners = partners.hstack(of_node[partners["id"]]).filter(pl.col("week_high") >= first_week)
        if floating is not None and not (starters["floating"].any() or partners["floating"].any()):
            continue
        # a pair meets once per feature it shares, in the first week both cover. It is counted in
        # the row of the report whose weeks start later (on a tie, the smaller id), so chunks never
        # count a pair twice and a pair's features are all in the chunk of that report. Lazy, so
        # the join carries only the columns read after it (on 4x 100k signals the loop added 73 MB, not 140)
        partners = partners.lazy().with_columns(
            week=pl.int_ranges(pl.max_horizontal("week_low", first_week),
                               pl.min_horizontal("week_high", last_week) + 1, dtype=pl.Int32)).explode("week")
        pieces.append(
            starters.lazy().with_columns(week="week_low").join(partners, on=["feature_id", "week"], suffix="_other")
            .filter((pl.col("document") != pl.col("document_other"))
                    & (pl.col("floating") | pl.col("floating_other"))
                    & ((pl.col("week_low_other") < pl.col("week_low"))
                       | ((pl.col("week_low_other") == pl.col("week_low")) & (pl.col("id") < pl.col("id_other")))))
            .select(first=pl.min_horizontal("id", "id_other"), second=pl.max_horizontal("id", "id_other"), kind="kind")
            .group_by("first", "second", "kind")
            .agg(pl.len().alias("shared"))
            .join(weights.lazy(), on="kind")
            .with_columns(points=pl.min_horizontal(pl.col("shared") * pl.col("weight"), pl.col("cap")))
            .group_by("first", "second")
            .agg(pl.col("points").sum().alias("shared_points"))
            .collect()
            .pipe(_scored_pairs, nodes)
            .filter(pl.col("score") >= (minimum if minimum is not None else float("-inf")))
        )
    return pl.concat(pieces).sort("left", "right") if pieces else no_links


def _link_chunks(located: pl.DataFrame, span: int) -> pl.DataFrame:
    """(low, high) row bounds of runs of reports whose pair-join rows add up to about
    LINK_CHUNK_ROWS: a report meets the earlier-starting rows of its features within `span`
    weeks, and a fixed number of reports would meet more of them as the weeks fill up."""
    # one Int64 per (feature, week), ordered by feature then week: counted by sorting, not by
    # grouping over two columns (a group_by over 5 million rows took 410 MB, the sort 120 MB).
    # A feature's code is below 2**32 and a week within 2**23 of 1970, so the key fits in 56 bits
    keys = located.select(pl.col("feature_id").cast(pl.Int64) * (1 << 24) + pl.col("week_low").cast(pl.Int64) + (1 << 23)).to_series()
    per_week = keys.sort().rle().struct.unnest()  # len, value: the rows of each (feature, week)
    through = per_week["len"].cast(pl.Int64).cum_sum()
    # rows of the feature starting up to `span` weeks before (and in) the week: the running sum
    # through the week, less the running sum through `span + 1` weeks before it (which stops at
    # the feature's first week, as every earlier key belongs to an earlier feature)
    before = pl.concat([pl.Series([0], dtype=pl.Int64), through])[
        per_week["value"].search_sorted(per_week["value"] - (span + 1), side="right")]
    partners = through - before
    # the partners of every row, in row order; a report's rows are contiguous, so its chunk is
    # read at its first row from the running sum of the rows before
    row_partners = partners[per_week["value"].search_sorted(keys)]
    first_of_report = pl.col("id") != pl.col("id").shift(1, fill_value=-1)
    return (
        located.select("id").with_row_index("row").with_columns(partners=row_partners)
        .select("row", chunk=pl.when(first_of_report).then((pl.col("partners").cum_sum() - pl.col("partners")) // LINK_CHUNK_ROWS)
                .forward_fill())
        .group_by("chunk").agg(low=pl.col("row").min(), high=pl.col("row").max())
        .sort("chunk").select("low", "high")
    )


def _scored_pairs(evidence: pl.DataFrame, nodes: pl.DataFrame) -> pl.DataFrame:
    """Pairs whose possible action dates overlap, scored: shared points, lead countries, same day."""
    pairs = (
        evidence.join(nodes, left_on="first", right_on="id")
        .join(nodes, left_on="second", right_on="id", suffix="_other")
        .filter((pl.col("date_low") <= pl.col("date_high_other")) & (pl.col("date_low_other") <= pl.col("date_high")))
        .with_columns(
            lead_points=pl.when(pl.col("lead_country_key").is_null() | pl.col("lead_country_key_other").is_null())
            .then(0.0).when(pl.col("lead_country_key") == pl.col("lead_country_key_other")).then(_LEAD_AGREES)
            .otherwise(_LEAD_DIFFERS),
            day_points=pl.when((pl.col("action_date") - pl.col("action_date_other")).dt.total_days().abs() <= 1)
            .then(_SAME_ACTION_DAY).otherwise(0.0),
        )
        .with_columns(score=pl.col("shared_points") + pl.col("lead_points") + pl.col("day_points"))
    )
    return pairs.select(pl.col("report_key").alias("left"), pl.col("report_key_other").alias("right"), "score")


class _Components:
    """Union-find over nodes; the representative is the smallest, so the result depends only on
    the set of links, never on their order."""

    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, item: int) -> int:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, left: int, right: int) -> None:
        a, b = self.find(left), self.find(right)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def resolve_operations(reports: pl.DataFrame, features: pl.DataFrame) -> pl.DataFrame:
    """The operation of every report across all documents: (report_key, document_key, operation_key).
    Features name their report by (report_key, document_key), or by report_id when reports
    carry one (`RESOLUTION_FEATURE_BY_ID_SCHEMA`).

    A pure function of the set of reports and their signals, so re-running gives the same keys
    and the order in which documents arrived does not matter:
    1. Named reports form one operation per (name, phase or edition); a name without an edition
       joins the phase of that name closest in time (within EDITION_ATTACH_DAYS, same year),
       else one operation per (name, year). Different phases or editions never merge.
    2. Reports naming only a target join a named operation whose reports name the same target in
       the same year, else one operation per (target, year).
       An undated report joins the operation of its name or target that most documents report.
    3. Named operations never merge with each other. An operation known only by its target joins
       the named operation it scores best with (`link_scores` >= LINK_THRESHOLD); a primary
       report with neither name nor target joins the best-scoring named or target operation,
       else the unnamed reports it links to (connected components).
    4. Keys are signatures: `op-<name>-<edition>`, `op-<name or target>-<year>`, and for unnamed
       operations `op-<lead country>-<first action or publication day>`. A document's second
       report of an operation it already reports keeps an operation of its own.
    """
    reports = reports.cast({k: v for k, v in RESOLUTION_REPORT_SCHEMA.items() if k in reports.columns})
    if reports.height == 0:
        return pl.DataFrame(schema={"report_key": pl.String, "document_key": pl.String, "operation_key": pl.String})
    # a node is a row number, in the order of "<report_key>|<document_key>" that ties are broken by;
    # the rules read plain lists, one per column: a dict per report took 2.5 KB, too much at 400,000 reports
    reports = reports.sort(pl.col("report_key") + "|" + pl.col("document_key"))
    columns = reports.select(
        base=_name_bases(reports),
        edition=pl.coalesce(_per_distinct(reports["operation_name"], lambda name: split_edition(name)[1]), "edition"),
        year=pl.coalesce("action_year", pl.coalesce("action_date", "published_date").dt.year().cast(pl.Int32)),
        token=_per_distinct(reports["target_group"], lambda target: target_token(target) or None),
        is_primary="is_primary",
        day=pl.coalesce("action_date", "published_date").cast(pl.Int32),
        document=pl.col("document_key").rank("dense").cast(pl.UInt32),
    )
    base, edition, year, token, is_primary, day, document = (
        _shared_list(columns[name]) if name != "document" else columns[name].to_list() for name in columns.columns)
    del columns
    nodes = range(reports.height)

    def day_distance(left: int, right: int) -> int:
        """Days between the actions two reports tell of (action day, else publication day)."""
        return 10**6 if day[left] is None or day[right] is None else abs(day[left] - day[right])

    node_of: dict[int, str] = {}  # node -> group key
    # 1. names with an edition
    named_editions: dict[str, dict[str, list[int]]] = {}  # base -> group -> nodes
    for node in nodes:
        if base[node] and edition[node]:
            node_of[node] = group = f"op-{base[node]}-{edition[node]}"
            named_editions.setdefault(base[node], {}).setdefault(group, []).append(node)
    # names without an edition: the closest phase of that name, else (name, year)
    for node in nodes:
        if not base[node] or node in node_of:
            continue
        best = None
        for group, members in named_editions.get(base[node], {}).items():
            # a recap is dated by its year only; a main story by its days
            close = [day_distance(node, member) for member in members
                     if (year[member] == year[node] if not is_primary[node] or not is_primary[member]
                         else day_distance(node, member) <= EDITION_ATTACH_DAYS)]
            if close and (best is None or (min(close), group) < best):
                best = (min(close), group)
        node_of[node] = best[1] if best else f"op-{base[node]}-{year[node] or 'undated'}"
    # 2. targets: a named operation of that target and year, else (target, year); an undated
    #    report joins the operation of its name or target that most documents report
    _merge_contained_targets(token, year)
    target_homes: dict[tuple[str, int | None], set[str]] = {}
    for node, group in node_of.items():
        if token[node]:
            target_homes.setdefault((token[node], year[node]), set()).add(group)
    for node in nodes:
        if node in node_of or not token[node]:
            continue
        homes = sorted(target_homes.get((token[node], year[node]), set()))
        node_of[node] = homes[0] if homes else f"op-{token[node]}-{year[node] or 'undated'}"
    documents_of: dict[str, set[int]] = {}
    for node, group in node_of.items():
        documents_of.setdefault(group, set()).add(document[node])
    # the dated groups of a name or target: `op-<name or target>-<year>`, found by their prefix
    dated_groups: dict[str, list[str]] = {}
    for group in documents_of:
        prefix, dash, digits = group.rpartition("-")
        if dash and digits.isascii() and digits.isdigit():
            dated_groups.setdefault(prefix + dash, []).append(group)
    for node in nodes:
        if year[node] is None and node in node_of:
            prefix = f"op-{base[node] or token[node]}-"
            dated = sorted((-len(documents_of[group]), group) for group in dated_groups.get(prefix, [])
                           if group != node_of[node])
            if dated:
                node_of[node] = dated[0][1]
    del named_editions, target_homes, documents_of, dated_groups  # 40 MB at 400k reports, not needed past here
    # 3. the rest by linked evidence. Named operations stay apart; an operation known only by
    #    its target, and every primary report with neither name nor target, may join the named
    #    operation (or target operation) it scores best with; unnamed reports link to each other.
    named_groups = {group for node, group in node_of.items() if base[node]}
    unnamed = {node for node in nodes if is_primary[node] and node not in node_of}
    floating = unnamed | {node for node, group in node_of.items() if group not in named_groups and is_primary[node]}
    feature_nodes = pl.DataFrame({"report_key": _feature_rows(features, reports), "feature": features["feature"]}
                                 ).drop_nulls("report_key")
    scores = link_scores(  # links are scored between nodes, not strings per feature row
        reports.with_row_index("node").filter(pl.col("is_primary")).with_columns(report_key=pl.col("node")),
        feature_nodes, floating, minimum=LINK_THRESHOLD,
    )
    del feature_nodes
    best: dict[int | str, tuple[float, str]] = {}  # unit -> (-score, named or target operation)
    components = _Components()
    for left, right, score in scores.iter_rows():
        a, b = node_of.get(left, left), node_of.get(right, right)  # a target operation moves as a whole
        if a == b:
            continue
        for mover, home in ((a, b), (b, a)):
            movable = mover not in named_groups
            allowed = home in named_groups or (mover in unnamed and home not in unnamed)
            if movable and allowed and (mover not in best or (-score, home) < best[mover]):
                best[mover] = (-score, home)
        if a in unnamed and b in unnamed:
            components.union(a, b)
    # targets settle first (they can only join named operations), then unnamed components
    settled = {mover: home for mover, (_, home) in best.items() if mover not in unnamed and home in named_groups}
    members: dict[int, list[int]] = {}
    for node in sorted(unnamed):
        members.setdefault(components.find(node), []).append(node)
    used = set(node_of.values())
    for root in sorted(members):
        component = members[root]
        homes = sorted((best[node][0], settled.get(best[node][1], best[node][1])) for node in component if node in best)
        if homes:
            group = homes[0][1]
        else:
            group = base_key = _unnamed_key(reports[component])
            suffix = 2
            while group in used:  # another unnamed action of that country and day
                group = f"{base_key}-{suffix}"
                suffix += 1
        used.add(group)
        for node in component:
            node_of[node] = group
    # 4. passing mentions without name or target stay on their own; one report per document and
    #    operation: the primary (else the first) keeps it
    groups = pl.DataFrame({"node": list(node_of), "group": list(node_of.values())},
                          schema={"node": pl.Int64, "group": pl.String})
    result = (
        reports.with_row_index("node").cast({"node": pl.Int64}).join(groups, on="node", how="left")
        .select("report_key", "document_key", "is_primary",
                operation_key=pl.coalesce(pl.col("group").replace(settled), "report_key"))
        .sort(["document_key", "is_primary", "report_key"], descending=[False, True, False])
    )
    duplicate = pl.col("operation_key").is_duplicated().over("document_key") & ~pl.col("operation_key").is_first_distinct().over("document_key")
    return (
        result.with_columns(operation_key=pl.when(duplicate).then(
            pl.format("op-doc-{}-{}", pl.col("document_key").str.slice(0, 16),
                      pl.col("report_key").hash(seed=0).cast(pl.String).str.slice(0, 8)))
            .otherwise("operation_key"))
        .select("report_key", "document_key", "operation_key")
        .sort("document_key", "report_key")
    )


def _shared_list(column: pl.Series) -> list:
    """The column as a Python list in which equal values are one object: `to_list` makes an
    object per row, and names, years and days repeat (at 400k reports, 90 MB of Python objects)."""
    distinct = column.drop_nulls().unique().sort()
    values = distinct.to_list()
    return [None if place is None else values[place] for place in _positions_in(distinct, column).to_list()]


def _positions_in(sorted_keys: pl.Series, keys: pl.Series) -> pl.Series:
    """The row of each key in `sorted_keys` (sorted, distinct, no nulls), null where it is absent: a binary
    search holds one integer per key, where a join on 5 million feature rows copied them twice."""
    keys = keys.cast(sorted_keys.dtype)
    if sorted_keys.len() == 0:
        return pl.Series(keys.name, [None] * keys.len(), dtype=pl.UInt32)
    position = sorted_keys.search_sorted(keys, side="left").clip(upper_bound=sorted_keys.len() - 1).cast(pl.UInt32)
    absent = (sorted_keys.gather(position) != keys).fill_null(True)  # a null key is absent too
    return position.set(absent, None)  # set(mask, value) keeps the others


def _feature_rows(features: pl.DataFrame, reports: pl.DataFrame) -> pl.Series:
    """The row in `reports` of each feature's report, null for a report not among them."""
    feature_codes, report_codes = _report_codes(features, reports)
    order = report_codes.arg_sort()
    return order.gather(_positions_in(report_codes[order], feature_codes))


def _report_codes(features: pl.DataFrame, reports: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    """One integer per report for the rows of features and of reports: their report_id when
    both have it, else one made of (report_key, document_key), so features find their report by
    one UInt64: a join on the two Categorical columns of 5 million feature rows took 380 MB. The
    codes come from one column holding both frames' keys, as Categorical codes agree only within
    one column."""
    if "report_id" in features.columns and "report_id" in reports.columns:
        return features["report_id"].cast(pl.Int64), reports["report_id"].cast(pl.Int64)
    keys = ("report_key", "document_key")
    both = pl.concat([features.select(keys), reports.select(keys).cast({key: features.schema[key] for key in keys})])
    both = both.cast({key: pl.Categorical for key in keys}).select(
        pl.col("report_key").to_physical().cast(pl.UInt64) * (1 << 32) + pl.col("document_key").to_physical().cast(pl.UInt64))
    column = both.to_series()
    return column.head(features.height), column.tail(reports.height)


def _merge_contained_targets(token: list[str | None], year: list[int | None]) -> None:
    """A target read with an extra word ("Remember StreamVault") is the shorter target of the
    same year when the shorter one is its first or last words: use the shortest such token."""
    by_year: dict[int | None, set[str]] = {}
    for node, folded in enumerate(token):
        if folded:
            by_year.setdefault(year[node], set()).add(folded)
    for node, folded in enumerate(token):
        if not folded:
            continue
        # the shorter tokens a token can contain are its word-boundary prefixes and suffixes: looking
        # those up keeps this linear in the reports (comparing with every token of the year was not)
        contained = [other for other in word_boundary_parts(folded) if len(other) >= 4 and other in by_year[year[node]]]
        if contained:
            token[node] = min(contained, key=lambda other: (len(other), other))


def word_boundary_parts(token: str) -> list[str]:
    """Every proper prefix and suffix of a folded name that ends or starts at a "-"."""
    words = token.split("-")
    return ["-".join(words[:i]) for i in range(1, len(words))] + ["-".join(words[i:]) for i in range(1, len(words))]


def _unnamed_key(members: pl.DataFrame) -> str:
    """`op-<lead country>-<day>`: the lead most reports give (ties: alphabetical) and the first
    action day stated, else the first publication day."""
    leads = members["lead_country_key"].drop_nulls().to_list()
    lead = min(set(leads), key=lambda lead: (-leads.count(lead), lead)) if leads else "xx"
    day = members["action_date"].min() or members["published_date"].min()
    if day is None:
        return members["report_key"].min()
    return f"op-{lead.lower()}-{day.isoformat()}"


# --- incremental resolution: which reports a change can move

def _per_distinct(values: pl.Series, function, return_dtype=pl.String) -> pl.Series:
    """`function` of each value, computed once per distinct value (names repeat across reports)."""
    distinct = values.drop_nulls().unique().to_list()
    return values.replace_strict({value: function(value) for value in distinct}, default=None, return_dtype=return_dtype)


def _name_bases(reports: pl.DataFrame) -> pl.Series:
    return _per_distinct(reports["operation_name"], lambda name: fold_name(split_edition(name)[0]) or None)


def resolution_names(reports: pl.DataFrame) -> pl.DataFrame:
    """(report_key, document_key, name): the folded names through which `resolve_operations` lets
    reports meet: a name's base, a target's token, and the word-boundary parts of that token a
    shorter target of another report can be (`_merge_contained_targets`). Names and targets share
    one namespace, since an undated report joins groups of its name or target alike."""
    if reports.height == 0:
        return pl.DataFrame(schema={"report_key": pl.String, "document_key": pl.String, "name": pl.String})
    names = reports.select("report_key", "document_key").with_columns(
        base=_name_bases(reports),
        token=_per_distinct(reports["target_group"], lambda target: target_token(target) or None),
    )
    parts = names.select("report_key", "document_key", name=_per_distinct(
        names["token"], lambda token: [part for part in word_boundary_parts(token) if len(part) >= 4],
        return_dtype=pl.List(pl.String))).explode("name")
    return pl.concat([
        names.select("report_key", "document_key", name="base"),
        names.select("report_key", "document_key", name="token"),
        parts,
    ]).drop_nulls("name").unique().sort("report_key", "document_key", "name")


def reports_to_resolve(reports: pl.DataFrame, features: pl.DataFrame, seeds: pl.DataFrame,
                       give_up_above: int | None = None) -> pl.DataFrame | None:
    """The reports whose operation can change when the `seeds` change: (report_key, document_key),
    or None once they are more than `give_up_above` (resolving everything is then cheaper).

    Seeds are the new reports and those that shared an operation with a removed one. The answer
    is their closure under everything `resolve_operations` relates: a shared name or target
    (`resolution_names`) and a link (`link_scores` >= LINK_THRESHOLD) of a primary report with no
    name, the only kind that moves between operations; and, when `reports` has an
    `operation_key`, the operation a report is in now, so no operation is split between the
    reports resolved and those left alone. No report outside shares either with one
    inside, so resolving these alone gives them the operations a resolution of every report would;
    a run that adds 1% of the documents resolves their neighbourhood, not the corpus.
    """
    if give_up_above is not None and seeds.select("report_key", "document_key").n_unique() > give_up_above:
        # before anything is built: a first build's seeds are every report, and the nodes of 5.6
        # million features (400k documents) took 800 MB only to give up in the first round
        return None
    node = pl.col("report_key").cast(pl.String) + "|" + pl.col("document_key").cast(pl.String)
    reports = reports.cast({k: v for k, v in RESOLUTION_REPORT_SCHEMA.items() if k in reports.columns})
    names = resolution_names(reports).select(node.alias("node"), "name")
    if "operation_key" in reports.columns:  # reports that share an operation now move together
        names = pl.concat([names, reports.select(node.alias("node"), name="\x00" + pl.col("operation_key"))])
    primaries = reports.filter(pl.col("is_primary")).with_columns(report_key=node)
    primary_nodes = set(primaries["report_key"].to_list())
    bases = set(reports.select(node.alias("node")).with_columns(base=_name_bases(reports)).drop_nulls("base")["node"].to_list())
    movable = primary_nodes - bases  # primary reports without a name: the only ones links move
    # each feature under its report's node, Categorical: 4 bytes a row, where the node's text took
    # about 100 (at 400k documents, 5.6 million rows: a resolution process of 1.6 GB)
    linked_features = (
        pl.DataFrame({"report_key": reports.select(node).to_series().cast(pl.Categorical)
                      .gather(_feature_rows(features, reports)), "feature": features["feature"]})
        .filter(pl.col("report_key").is_in(list(primary_nodes)))
    )
    # links join reports only within shared weeks: each round scores the frontier against the
    # primary reports of its weeks, not against all of them
    primary_weeks = _interval(primaries).filter(pl.col("date_low").is_not_null()) \
        .select("report_key", _weeks).explode("week")
    selected = set(seeds.select(node.alias("node"))["node"].to_list())
    frontier = set(selected)
    while frontier:
        if give_up_above is not None and len(selected) > give_up_above:
            return None
        frontier_names = names.filter(pl.col("node").is_in(list(frontier)))["name"].unique()
        reached = set(names.filter(pl.col("name").is_in(frontier_names.to_list()))["node"].to_list())
        if give_up_above is not None and len(selected | reached) > give_up_above:
            return None  # before scoring links, the costly step
        frontier_weeks = primary_weeks.filter(pl.col("report_key").is_in(list(frontier)))["week"].unique()
        near = set(primary_weeks.filter(pl.col("week").is_in(frontier_weeks.to_list()))["report_key"].to_list())
        # a report without a name links to any primary report; a named one only to those without
        fixed = (frontier & primary_nodes) - movable
        candidates = [near, (near & movable) | fixed]
        links = pl.concat([
            link_scores(primaries.filter(pl.col("report_key").is_in(list(among))),
                        linked_features.filter(pl.col("report_key").is_in(list(among)))
                        .with_columns(pl.col("report_key").cast(pl.String)),
                        floating, minimum=LINK_THRESHOLD)
            for among, floating in zip(candidates, (frontier & movable, fixed))
        ])
        for left, right in links.select("left", "right").iter_rows():
            if left in movable or right in movable:
                reached.update((left, right))
        frontier = reached - selected
        selected |= frontier
    chosen = pl.DataFrame({"node": sorted(selected)}, schema={"node": pl.String})
    return reports.with_columns(node=node).join(chosen, on="node", how="semi").select("report_key", "document_key")
