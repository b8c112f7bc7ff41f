"""Operation figures: which number in a sentence counts what, in the contract's metric vocabulary.

`extract_metrics(sentences)` reads every figure of every sentence with the number grammar of
`transforms.numbers` and keeps the ones tied to a metric by the words around them, in any of
the eight corpus languages. `assign_metric_countries(metrics, country_mentions[, sentences])`
then scopes each figure to the one country its clause names, where it names exactly one.

How a figure is tied to a metric. Each figure only reads the text between its neighbour
figures, so in "270 agents led to 11 arrests on 102 under investigation with 89 searches"
every number reads its own words:

1. the *head*: the first vocabulary noun within four words after the number ("11 arrests",
   "22 million end users", "rund 140 Domains", "undici arresti", "102 under investigation",
   "30 Mutual Legal Assistance requests", "12 mandados de busca"). Heads that name a metric
   decide it (arrests, searches, users, officers, countries, legal requests, "under
   investigation"); servers and domains (sites, apps, portals, IP addresses) also need a
   seizure word in their clause ("Over 60 servers were taken down", "blocked 400 sites and
   60 apps"); a place ("73 premises", "15 Wohnungen") needs a search verb.
2. person heads ("people", "men", "nationals", "personas", "Staatsbürger") and suspect nouns
   ("suspects", "defendants", "Beschuldigte") are counted by an arrest or suspect verb: one
   just before ("arrested two Russian nationals", "detuvo ... a dos ciudadanos", "nahm fünf
   Personen fest"), else one after in the same clause ("Two suspects have been arrested",
   "16 more individuals are being questioned"), else the nearest between the neighbours.
   Suspect nouns without a verb are `suspects`; convicted, charged, indicted, identified,
   questioned people are `suspects` (contract: "investigated, identified, charged or indicted").
3. a bare number is counted only by a verb right before it ("questioned 16 more") or right
   after it ("the two were charged", "11 of whom were arrested"), or elliptically after a
   conjunction: "89 searches in 15 Italian regions and 14 in the Netherlands" gives the 14
   the metric of the sentence's previous counted figure (not after "sendo", "davon", "of
   which": a breakdown of a total is not a new figure).
4. money (a figure with a currency) is `financial_damage` or `assets_seized` by the nearest
   cue ("losses", "damage", "Schaden", "prejuízo" / "seized", "frozen", "sequestrati",
   "cryptocurrency"), rejected when the nearest cue is profit, revenue, price, fine or salary
   unless the figure's own clause has a seizure verb ("EUR 2.5 million in proceeds were
   confiscated"); "per month"/"a year" is a weak cue. A list shares its verb ("EUR 9,900 in
   cash and another EUR 22,000 in accounts were seized").

Rejected (no row): non-metric heads (channels, episodes, films, titles, books, e-books,
links, views, comments, followers, years and ages "33-year-old"/"33-jähriger"/"33 años",
months, percent, regions, bank accounts, charge "counts", prison terms "up to 20 years"),
partitives ("two of the largest portals", "Four of the men"), subsets ("the four other
defendants", "including two minors", "those four countries", "the four countries where the
raids took place"), bare years 1900-2099, "(33)", "Napolsky, 33,", "aged 34 and 41", numbers
glued to letters ("97A", "22H2"), numbers after a product or reference word ("Windows 10",
"Article 171", "Issue 112", "Sect. 6", "No. 5"), non-integer counts, and, through
`numbers.mask_non_figures`, dates, clock times, phone numbers, URLs, postcodes, addresses.
When in doubt there is no row.

Output (`METRICS_SCHEMA`): document_key, sentence_index, char_start, char_end, surface,
metric, value, value_low, value_high, qualifier, unit. `char_start`/`char_end` span the figure
phrase in the cleaned text, from its qualifier to its head noun when it has one ("over 270
agents", "EUR 1.6 million", "two Russian nationals"); `surface` is that text. Bounds follow
`numbers.bounds` (exact: both = value; at_least: low; at_most: high; approx: none; range:
both). `unit` is the ISO 4217 currency for the two money metrics, else null. Rows are
sorted by document_key, sentence_index, char_start; one row per figure (a document that
repeats a figure yields one row per statement: deduplicating is the assembler's choice).

Implementation and throughput. polars (Rust regex) drops the sentences with no digit or
number word and no vocabulary word, reads each distinct candidate sentence once (syndicated
stories and footers repeat verbatim) and finds its cue words (`str.extract_all`); Python then
walks the figures with `re` matches anchored at word starts (`numbers.Dispatch`). Measured on
the 2-core dev machine (shared, so ±30%): 200,000 sentences built by repeating the dev
sentences run in about 1.7-3.5 s wall (60-115k sentences/s); 200,000 *distinct* sentences
(each dev copy made unique) in about 8-13 s (15-25k sentences/s), i.e. about 170 µs of
Python per candidate sentence (23% of the sentences are candidates).
"""
from __future__ import annotations

import re
from functools import lru_cache

import polars as pl

from transforms.boundaries import contains_form
from transforms.numbers import (
    CANDIDATE_PATTERN,
    Dispatch,
    rust_superset,
    tail_match,
    LANGUAGES,
    Figure,
    document_languages,
    find_figures,
    mask_non_figures,
)
from transforms.prefilter import may_match
from transforms.roles import CITIZEN_OF
from transforms.sentences import MENTION_SCHEMA


METRICS_SCHEMA = {
    **MENTION_SCHEMA,
    "metric": pl.String,
    "value": pl.Float64,
    "value_low": pl.Float64,
    "value_high": pl.Float64,
    "qualifier": pl.String,
    "unit": pl.String,
}
METRICS_WITH_COUNTRY_SCHEMA = {**METRICS_SCHEMA, "country_key": pl.String}

MONEY_METRICS = ("financial_damage", "assets_seized")

# ---------------------------------------------------------------------------------------------
# Lexicons. Patterns match at the start of a word, case-insensitively; a pattern without a
# final \b also matches longer words (inflections, and machine-translation glue like "agentsled").
# ---------------------------------------------------------------------------------------------

HEADS: dict[str, list[str]] = {
    # multi-word phrases first
    "legal": [
        r"(?:mutual\s+)?legal\s+assistance\s+requests?", r"(?:mutual\s+)?legal\s+assistance\s+\(MLA\)\s+requests?",
        r"MLA\s+requests?", r"MLATs?\b", r"requests?\s+for\s+(?:mutual\s+)?(?:legal|judicial)\s+assistance",
        r"letters?\s+of\s+request", r"letters?\s+rogator(?:y|ies)", r"European\s+Investigation\s+Orders?", r"EIOs?\b",
        r"(?:international\s+)?rogator(?:y|ies)", r"judicial\s+(?:cooperation|assistance)\s+requests?",
        r"(?:commissioni\s+)?rogatorie", r"ordini\s+europei\s+di\s+indagine", r"richieste\s+di\s+assistenza\s+giudiziaria",
        r"comisiones\s+rogatorias", r"[óo]rdenes\s+europeas\s+de\s+investigaci[óo]n",
        r"solicitudes\s+de\s+(?:asistencia|cooperaci[óo]n)\s+(?:judicial|legal|jur[íi]dica)",
        r"cartas\s+rogat[óo]rias", r"decis[õo]es\s+europeias\s+de\s+investiga[çc][ãa]o",
        r"pedidos\s+de\s+(?:cooperaç[ãa]o|auxílio|auxilio|assist[êe]ncia)\s+(?:judici[áa]ria|jur[íi]dica)",
        r"commissions\s+rogatoires", r"d[ée]cisions\s+d['’]enqu[êe]te\s+europ[ée]ennes",
        r"demandes\s+d['’]entraide(?:\s+(?:judiciaire|p[ée]nale))?",
        r"Rechtshilfeersuchen", r"(?:Europäische\s+)?Ermittlungsanordnungen", r"rechtshulpverzoeken",
        r"Europese\s+onderzoeksbevelen", r"comisii\s+rogatorii", r"ordine\s+europene\s+de\s+anchet[ăa]",
        r"cereri\s+de\s+asisten[țţt][ăa]\s+judiciar[ăa]",
    ],
    "suspect_strong": [
        r"(?:people|persons|individuals|suspects)?\s*under\s+investigation", r"under\s+investigation",
        r"indagat[ie]\b", r"persone\s+indagate", r"sotto\s+indagine", r"iscritt[ie]\s+nel\s+registro",
        r"investigad[oa]s\b", r"bajo\s+investigaci[óo]n", r"sob\s+investiga[çc][ãa]o",
        r"mis\s+en\s+examen", r"mises\s+en\s+examen",
        r"cercetat[ie]\b", r"persoane\s+cercetate",
    ],
    "arrest_n": [
        r"arrests\b", r"arrest\b", r"arrested\b", r"detentions\b", r"detained\b",
        r"arrest[io]\b", r"arrestat[ie]\b", r"fermi\b", r"fermat[ie]\b", r"misure\s+cautelari\b",
        r"ordinanze\s+(?:di\s+)?(?:custodia\s+)?cautelar[ei]\b",
        r"detenid[oa]s\b", r"detenciones\b", r"arrestos\b", r"arrestad[oa]s\b", r"aprehendid[oa]s\b",
        r"pres[oa]s\b", r"detid[oa]s\b", r"pris[õo]es\b", r"deten[çc][õo]es\b", r"mandados\s+de\s+pris[ãa]o",
        r"arrestations?\b", r"interpellations?\b", r"interpell[ée]e?s\b", r"gardes?\s+[àa]\s+vue",
        r"Festnahmen?\b", r"Verhaftungen\b", r"Festgenommene[n]?\b", r"festgenommen\b", r"verhaftet\b",
        r"aanhoudingen\b", r"arrestaties\b", r"aangehoudenen\b", r"arrestanten\b", r"aangehouden\b",
        r"gearresteerd\b", r"arest[ăa]ri\b", r"aresta[țţt]i\b", r"re[țţt]inu[țţt]i\b", r"re[țţt]ineri\b",
    ],
    "search_n": [
        r"(?:house\s+|home\s+)?searches\b", r"raids\b", r"search\s+warrants\b", r"perquisizion[ie]\b",
        # "14 warrants executed" (UK police: search warrants)
        r"warrants\b(?=[\s\u00a0]+(?:were[\s\u00a0]+|had[\s\u00a0]+been[\s\u00a0]+)?(?:executed|served|carried[\s\u00a0]+out))",
        r"entradas\s+y\s+registros\b", r"registros\b", r"allanamientos\b", r"redadas\b",
        r"mandados\s+de\s+busca(?:\s+e\s+apreens[ãa]o)?", r"buscas\b", r"rusgas\b",
        r"perquisitions?\b", r"(?:Haus)?[Dd]urchsuchungen\b", r"Razzien\b", r"Durchsuchungsbeschl[üu]sse\b",
        r"huiszoekingen\b", r"doorzoekingen\b", r"decreti\s+di\s+perquisizione\b", r"mandati\s+di\s+perquisizione\b",
        r"[óo]rdenes\s+de\s+(?:entrada\s+y\s+)?registro\b", r"invallen\b", r"perchezi[țţt]ii\b", r"descinderi\b",
        r"diligencias\s+de\s+(?:allanamiento|registro|entrada)", r"inspecciones\s+domiciliarias\b",
    ],
    "server_n": [
        r"servers?\b", r"IP\s+addresses\b", r"servidores\b", r"serveurs\b", r"Servern?\b", r"servere\b",
    ],
    "domain_n": [
        r"domain\s+names\b", r"(?:web\s*|internet\s+)?domains?\b", r"websites?\b", r"web\s*sites?\b", r"sites?\b",
        r"apps?\b", r"applications\b", r"portals?\b", r"URLs\b", r"domini\b", r"siti\b", r"portali\b",
        r"dominios\b", r"sitios\b", r"p[áa]ginas\b", r"webs\b", r"aplicaciones\b", r"portales\b",
        r"dom[íi]nios\b", r"s[íi]tios\b", r"aplicativos\b", r"aplica[çc][õo]es\b", r"portais\b",
        r"domaines\b", r"portails\b", r"Webseiten\b", r"Internetseiten\b", r"Seiten\b", r"Portale\b",
        r"domeinen\b", r"domeinnamen\b", r"domenii\b", r"site-uri\b", r"siteuri\b", r"aplica[țţt]ii\b",
        r"portaluri\b",
    ],
    "user_n": [
        r"(?:customer|user|subscriber|client)\s+base\b", r"(?:end\s+)?users?\b", r"subscribers?\b", r"customers\b", r"clients\b", r"viewers\b",
        r"utenti\b", r"abbonati\b", r"clienti\b", r"spettatori\b", r"usuarios\b", r"suscriptores\b",
        r"abonados\b", r"clientes\b", r"espectadores\b", r"utilizadores\b", r"usu[áa]rios\b", r"assinantes\b",
        r"subscritores\b", r"utilisateurs\b", r"abonn[ée]s\b", r"internautes\b", r"Nutzer(?:innen|n)?\b",
        r"Abonnenten\b", r"Kunden\b", r"Zuschauer\b", r"gebruikers\b", r"abonnees\b", r"klanten\b",
        r"kijkers\b", r"utilizatori\b", r"abona[țţt]i\b", r"clien[țţt]i\b",
        # an IPTV subscription is sold per home
        r"households\b", r"hogares\b", r"foyers\b", r"Haushalte\b", r"huishoudens\b", r"gospod[ăa]rii\b",
    ],
    "officer_n": [
        r"(?:police\s+|law\s+enforcement\s+)?officers\b", r"(?:police\s+|federal\s+|FBI\s+)?agents", r"policemen\b",
        r"police\s+personnel\b", r"investigators\b", r"troopers\b", r"gendarmes\b",
        r"agenti\b", r"poliziotti\b", r"militari\b", r"carabinieri\b", r"finanzieri\b", r"operatori\s+di\s+polizia",
        r"agentes\b", r"polic[íi]as\b", r"efectivos\b", r"guardias\s+civiles\b", r"mossos\b", r"investigadores\b",
        r"policiais\b", r"inspetores\b", r"inspectores\b", r"policiers\b", r"enqu[êe]teurs\b",
        r"fonctionnaires\s+de\s+police", r"agents\b", r"Beamtinnen\b", r"Beamte[n]?\b", r"Polizist(?:inn)?en\b",
        r"Polizeibeamt(?:innen|e|en)\b",
        r"Einsatzkr[äa]fte[n]?\b", r"Ermittler(?:innen)?\b", r"Kr[äa]fte\b", r"agenten\b", r"politieagenten\b",
        r"rechercheurs\b", r"politiemensen\b", r"opsporingsambtenaren\b", r"poli[țţt]i[șşs]ti\b", r"agen[țţt]i\b",
        r"ofi[țţt]eri\b", r"jandarmi\b", r"lucr[ăa]tori\b",
    ],
    "country_n": [
        r"(?:EU\s+)?member\s+states\b", r"countries\b", r"nations\b", r"jurisdictions\b", r"paesi\b", r"nazioni\b",
        r"stati\s+membri\b", r"pa[íi]ses\b", r"naciones\b", r"estados\s+miembros\b", r"na[çc][õo]es\b",
        r"estados-membros\b", r"pays\b", r"[ée]tats\s+membres\b", r"L[äa]ndern?\b", r"Staaten\b",
        r"Mitgliedstaaten\b", r"landen\b", r"lidstaten\b", r"[țţt][ăa]ri\b", r"state\s+membre\b",
        # "a five-country operation"
        r"(?<=-)(?:country|nation)\b",
    ],
    "suspect_n": [
        r"Beschuldigte[n]?\b", r"Tatverd[äa]chtige[n]?\b", r"inculpa[țţt]i\b", r"arguid[oa]s\b",
        r"defendants?\b", r"accused\b", r"imputat[ie]\b", r"imputad[oa]s\b", r"Angeklagte[n]?\b",
        r"indiciad[oa]s\b", r"inculp[ée]s\b", r"beklaagden\b",
        r"suspects\b", r"suspect\b", r"sospettati\b", r"sospechosos\b", r"acusad[oa]s\b", r"procesad[oa]s\b",
        r"suspeitos\b", r"acusados\b", r"denunciad[oa]s\b", r"denunciat[ie]\b", r"suspects\b", r"pr[ée]venus\b",
        r"accus[ée]s\b", r"mis\s+en\s+cause\b", r"Verd[äa]chtige[n]?\b", r"verdachten\b", r"verdachte\b",
        r"suspec[țţt]i\b", r"[îi]nvinui[țţt]i\b", r"condamna[țţt]i\b", r"convicts\b",
    ],
    "person_n": [
        r"people\b", r"persons?\b", r"individuals?\b", r"men\b", r"man\b", r"women\b", r"nationals\b",
        r"citizens?\b", r"members\b", r"operators\b", r"administrators\b", r"admins\b", r"ringleaders\b",
        r"organi[sz]ers\b", r"spouses\b", r"brothers\b", r"adults\b", r"minors\b", r"youths\b", r"uploaders\b",
        r"resellers\b", r"pirates\b", r"others\b", r"masterminds\b", r"perpetrators\b", r"culprits\b",
        r"accomplices\b", r"associates\b", r"co-?conspirators\b", r"leaders\b", r"complici\b", r"c[óo]mplices\b",
        r"c[úu]mplices\b", r"complices\b", r"Komplizen\b", r"Mitt[äa]ter\b", r"handlangers\b", r"complici\b",
        r"persone\b", r"soggetti\b", r"individui\b", r"uomini\b", r"donne\b", r"cittadini\b", r"membri\b",
        r"gestori\b", r"amministratori\b", r"responsabili\b", r"promotori\b", r"rivenditori\b",
        r"personas\b", r"individuos\b", r"hombres\b", r"mujeres\b", r"ciudadan[oa]s\b", r"miembros\b",
        r"integrantes\b", r"responsables\b", r"administradores\b", r"sujetos\b", r"revendedores\b",
        r"pessoas\b", r"indiv[íi]duos\b", r"homens\b", r"mulheres\b", r"cidad[ãa]os\b", r"membros\b",
        r"respons[áa]veis\b", r"personnes\b", r"individus\b", r"hommes\b", r"femmes\b", r"ressortissants\b",
        r"membres\b", r"citoyens\b", r"Personen\b", r"M[äa]nner\b", r"Frauen\b", r"Staatsb[üu]rger(?:innen)?\b",
        r"Staatsangeh[öo]rige[n]?\b", r"Mitglieder\b", r"Betreiber\b", r"Verantwortliche[n]?\b", r"Menschen\b",
        r"B[üu]rger\b", r"Drahtzieher\b", r"personen\b", r"mannen\b", r"vrouwen\b", r"leden\b", r"beheerders\b",
        r"burgers\b", r"mensen\b", r"persoane\b", r"b[ăa]rba[țţt]i\b", r"femei\b", r"cet[ăa][țţt]eni\b",
        r"membri\b", r"administratori\b", r"indivizi\b",
    ],
    "place_n": [
        r"(?:business\s+)?premises\b", r"places\b", r"properties\b", r"homes\b", r"houses\b", r"locations\b",
        r"warehouses\b", r"depots\b", r"shops\b", r"stores\b", r"magazzini\b", r"almacenes\b", r"armaz[ée]ns\b",
        r"entrep[ôo]ts\b", r"Lagerhallen\b", r"magazijnen\b", r"depozite\b",
        r"addresses\b", r"residences\b", r"buildings\b", r"offices\b", r"apartments\b", r"flats\b",
        r"luoghi\b", r"abitazioni\b", r"domicili\b", r"locali\b", r"immobili\b", r"sedi\b", r"uffici\b",
        r"domicilios\b", r"viviendas\b", r"inmuebles\b", r"locales\b", r"lugares\b", r"casas\b", r"oficinas\b",
        r"sedes\b", r"resid[êe]ncias\b", r"im[óo]veis\b", r"locais\b", r"endere[çc]os\b", r"estabelecimentos\b",
        r"domiciles\b", r"locaux\b", r"lieux\b", r"adresses\b", r"logements\b", r"Wohnungen\b", r"Objekte\b",
        r"R[äa]umlichkeiten\b", r"Geb[äa]ude\b", r"Gesch[äa]ftsr[äa]ume\b", r"B[üu]ros\b", r"Standorte\b",
        r"woningen\b", r"panden\b", r"locaties\b", r"adressen\b", r"bedrijfspanden\b", r"locuin[țţt]e\b",
        r"imobile\b", r"sedii\b", r"adrese\b", r"loca[țţt]ii\b", r"domicilii\b",
    ],
    "nonmetric": [
        r"years?\b", r"yrs?\b", r"year-old", r"months?\b", r"weeks?\b", r"days?\b", r"hours?\b", r"minutes?\b",
        r"min\b", r"seconds?\b", r"decades?\b", r"percent\b", r"per\s*cent\b", r"%", r"pc\b", r"percentage",
        r"episodes?\b", r"films?\b", r"movies?\b", r"titles?\b", r"books?\b", r"e-?books?\b", r"articles?\b",
        r"channels?\b", r"shows?\b", r"series\b", r"songs?\b", r"tracks?\b", r"games?\b", r"works?\b",
        r"copies\b", r"links?\b", r"views?\b", r"comments?\b", r"likes?\b", r"posts?\b", r"followers?\b",
        r"pages?\b", r"responses?\b", r"replies\b", r"counts?\b", r"charges\b", r"regions?\b", r"provinces?\b",
        r"cities\b", r"states\b", r"continents?\b", r"(?:bank\s+)?accounts?\b", r"cars?\b", r"vehicles?\b",
        r"phones?\b", r"computers?\b", r"devices?\b", r"laptops?\b", r"hard\s+drives?\b", r"terabytes?\b",
        r"TB\b", r"GB\b", r"Gbit", r"Mbit", r"MB\b", r"tips\b", r"stocks\b", r"things\b", r"cents?\b",
        r"carat\b", r"floor\b", r"times\b", r"steps\b", r"lessons\b", r"points?\b", r"items?\b", r"files?\b",
        r"downloads?\b", r"streams?\b", r"visits?\b", r"visitors?\b", r"pieces?\b", r"counts?\b",
        r"anni\b", r"anno\b", r"mesi\b", r"giorni\b", r"ore\b", r"per\s+cento\b", r"episodi\b", r"titoli\b",
        r"libri\b", r"canali\b", r"visualizzazioni\b", r"commenti\b", r"regioni\b", r"province\b", r"citt[àa]\b",
        r"conti\b", r"auto\b", r"a[ñn]os\b", r"meses\b", r"d[íi]as\b", r"horas\b", r"por\s+ciento\b",
        r"episodios\b", r"pel[íi]culas\b", r"t[íi]tulos\b", r"libros\b", r"canales\b", r"visitas\b",
        r"comentarios\b", r"regiones\b", r"provincias\b", r"ciudades\b", r"cuentas\b", r"coches\b",
        r"J[äa]hr", r"j[äa]hrig", r"jarige?n?\b", r"Monate[n]?\b", r"Tage[n]?\b", r"Stunden\b", r"Prozent\b", r"Episoden\b",
        r"Folgen\b", r"Filme\b", r"Titel\b", r"B[üu]cher\b", r"Kan[äa]le\b", r"Sender\b", r"Aufrufe\b",
        r"Kommentare\b", r"Regionen\b", r"Bundesl[äa]nder", r"St[äa]dte", r"Konten\b", r"Autos\b",
        r"anos\b", r"dias\b", r"por\s+cento\b", r"epis[óo]dios\b", r"filmes\b", r"livros\b", r"canais\b",
        r"visualiza[çc][õo]es\b", r"coment[áa]rios\b", r"regi[õo]es\b", r"estados\b", r"cidades\b", r"contas\b",
        r"carros\b", r"ans\b", r"an\b", r"mois\b", r"jours\b", r"heures\b", r"pour\s+cent\b", r"[ée]pisodes\b",
        r"titres\b", r"livres\b", r"cha[îi]nes\b", r"vues\b", r"commentaires\b", r"r[ée]gions\b",
        r"d[ée]partements\b", r"villes\b", r"comptes\b", r"voitures\b", r"jaar\b", r"jaren\b", r"maanden\b",
        r"dagen\b", r"uur\b", r"procent\b", r"afleveringen\b", r"titels\b", r"boeken\b", r"kanalen\b",
        r"weergaven\b", r"reacties\b", r"regio['’]s\b", r"provincies\b", r"steden\b", r"rekeningen\b",
        r"ani\b", r"luni\b", r"zile\b", r"la\s+sut[ăa]\b", r"episoade\b", r"filme\b", r"titluri\b",
        r"c[ăa]r[țţt]i\b", r"canale\b", r"vizualiz[ăa]ri\b", r"comentarii\b", r"regiuni\b", r"jude[țţt]e\b",
        r"ora[șşs]e\b", r"conturi\b", r"ma[șşs]ini\b", r"Monkeys\b", r"companies\b", r"studios\b",
    ],
}

# links and streams count as blocked sites when a seizure verb takes them ("1,200 illegal streams
# and links were blocked"); without one they stay non-metrics ("links to 5,000 films")
HEADS = {**{k: v for k, v in HEADS.items() if k != "nonmetric"},
         "link_n": [r"(?:illegal\s+|pirate\s+)?(?:links?|streams?|streaming\s+links?)\b", r"enlaces\b",
                    r"collegamenti\b", r"liens\b", r"koppelingen\b", r"linkuri\b", r"Streams\b"],
         "nonmetric": HEADS["nonmetric"]}

CUES: dict[str, list[str]] = {
    "arrest": [
        r"arrest", r"detain", r"taken\s+into\s+custody", r"in\s+custody", r"apprehend", r"nabbed", r"captured",
        r"in\s+manette", r"fermat[ie]\b", r"fermo\b", r"catturat", r"detuv", r"detenid", r"detien", r"detenci", r"deten[ií]a",
        r"apres", r"captur", r"aprehend", r"pres[oa]s?\b", r"prend", r"pris[ãaõo]", r"detid", r"deten[çc]",
        r"interpell", r"arr[êe]t[ée]", r"arrestation", r"garde\s+[àa]\s+vue", r"appr[ée]hend", r"festgenommen",
        r"festnahme", r"verhaft", r"inhaftiert", r"gefasst", r"in\s+Gewahrsam",
        r"nahm(?:en)?(?=\s+(?:[\w-]+\s+){0,6}fest\b)", r"aangehouden", r"aanhouding",
        r"gearresteerd", r"arrestatie", r"opgepakt", r"in\s+hechtenis", r"re[țţt]inu", r"retinu", r"arest",
        r"under\s+arrest", r"detev", r"detiveram", r"prendeu", r"prenderam", r"(?:were|was|being|been)\s+held\b",
        r"into\s+custody", r"detention\b", r"placed\s+in\s+(?:custody|detention)", r"busted",
        r"U-Haft", r"Untersuchungshaft", r"in\s+Haft", r"custodia\s+cautelare", r"prisi[óo]n\s+provisional",
        r"pris[ãa]o\s+preventiva", r"d[ée]tention\s+provisoire", r"voorlopige\s+hechtenis",
    ],
    "suspect": [
        r"charg(?:ed|es|ing)\b", r"faces?\s+charges?", r"facing\s+charges?", r"indict", r"investigated\b",
        r"under\s+investigation", r"questioned", r"interrogated", r"identified", r"accus", r"prosecuted",
        r"convict", r"found\s+guilty", r"guilty", r"sentenced", r"suspected\s+of",
        r"(?:are|is|were|was|being|been)\s+suspected\b", r"indagat", r"denunciat",
        r"iscritt", r"imputat", r"accusat", r"identificat", r"condannat", r"rinviat", r"deferit",
        r"sotto\s+indagine", r"investigad", r"imputad", r"acusad", r"acusa\b", r"identificad", r"procesad",
        r"condenad", r"denunciad", r"imputa", r"indiciad", r"arguid", r"mis(?:es)?\s+en\s+examen", r"inculp",
        r"poursuivi", r"identifi[ée]", r"accus[ée]", r"condamn", r"angeklagt", r"Anklage", r"beschuldigt",
        r"ermittelt", r"identifiziert", r"verurteilt", r"vernommen", r"aangeklaagd", r"vervolgd",
        r"ge[ïi]dentificeerd", r"verhoord", r"veroordeeld", r"cercetat", r"sub\s+acuzare", r"acuzat",
        r"condamnat", r"trimi[șşs]i?\s+[îi]n\s+judecat", r"denounced", r"reported\s+to\s+(?:the\s+)?(?:judicial|prosecut)",
    ],
    "search": [
        r"search", r"raid", r"perquisi", r"registr", r"allan", r"buscas?\b", r"revistad", r"fouill",
        r"durchsuch", r"doorzocht", r"doorzoek", r"huiszoeking", r"perchezi",
    ],
    "seize": [
        r"seiz", r"taken\s+down", r"take\s+down", r"took\s+down", r"taking\s+down", r"taken\s+offline",
        r"offline", r"off\s*line", r"shut\s+down", r"shutting\s+down", r"shut\b", r"shuttered", r"dismantl",
        r"disabled?", r"block(?:ed|ing|s)?\b", r"closed", r"suspend", r"confiscat", r"froze\b", r"frozen",
        r"freez", r"forfeit", r"switched\s+off", r"pulled", r"knocked", r"taken\s+off", r"sequestr",
        r"oscur", r"blocc", r"chius", r"chiud", r"spent[ie]\b", r"congelat", r"disattiv", r"incaut", r"bloque",
        r"cerrad", r"cerr[óo]\b", r"intervenid", r"decomis", r"clausur", r"dad[oa]s\s+de\s+baja", r"desactiv",
        r"embarg", r"congelad", r"fuera\s+de\s+l[íi]nea", r"apreend", r"apreens", r"derrubad", r"desligad",
        r"tirad[oa]s\s+do\s+ar", r"desativad", r"retirad[oa]s\s+do\s+ar", r"encerrad", r"confiscad",
        r"beschlagnahm", r"sichergestellt", r"gesperrt", r"abgeschaltet", r"vom\s+Netz", r"stillgelegt",
        r"eingefroren", r"eingezogen", r"stellte[n]?(?=\s+(?:[\w.,-]+\s+){0,6}sicher\b)", r"lahmgelegt", r"saisi", r"s[ée]questr", r"bloqu[ée]", r"ferm[ée]", r"hors\s+ligne",
        r"d[ée]mantel", r"gel[ée]s?\b", r"confisqu", r"beslag", r"offline\s+gehaald", r"geblokkeerd",
        r"uit\s+de\s+lucht", r"bevroren", r"ontmanteld", r"blocat", r"[îi]nchis", r"oprit\b", r"oprite\b", r"indisponibiliz",
        r"poprit", r"recovered", r"remov", r"deleted", r"disconnect", r"d[ée]connect", r"mis\s+la\s+main\s+sur",
        r"mettre\s+la\s+main\s+sur", r"hors\s+service", r"supprim", r"rimoss", r"eliminad", r"suprimid", r"removid",
        r"entfernt", r"gel[öo]scht", r"verwijderd", r"eliminat", r"[șşs]ters", r"tirou\s+do\s+ar", r"derrub",
        r"ridicat", r"scoase?\s+din\s+func", r"apagad", r"inhabilit", r"deshabilit",
    ],
    "damage": [
        r"damage", r"loss(?:es)?\b", r"harm", r"cost\s+(?:them|it|rights[\s-]holders|broadcasters|(?:its|their)\s+members)\b", r"dann[io]\b", r"perdit", r"pregiudizi", r"da[ñn]os?\b",
        r"p[ée]rdidas?\b", r"perjuicio", r"quebranto", r"preju[íi]zo", r"danos?\b", r"perdas?\b", r"pr[ée]judice",
        r"pertes?\b", r"dommages?", r"Schaden", r"Sch[äa]den", r"Verlust", r"Einbu[ßs]en", r"schade\b",
        r"verlies", r"verliezen", r"prejudici", r"pagub", r"pierder", r"daun",
    ],
    "asset": [
        r"assets?\b", r"cash\b", r"crypto", r"bitcoin", r"property\b", r"properties\b", r"jewel", r"valuables",
        r"beni\b", r"contanti", r"criptovalut", r"denaro", r"bienes\b", r"efectivo", r"criptomoned", r"dinero",
        r"bens\b", r"dinheiro", r"criptomoed", r"avoirs", r"esp[èe]ces", r"liquidit[ée]s", r"cryptomonnaie",
        r"Verm[öo]gen", r"Bargeld", r"Kryptow[äa]hrung", r"vermogen", r"contant", r"cryptovaluta", r"bunuri",
        r"numerar", r"criptomonede",
    ],
    "money_neg": [
        r"profit", r"revenue", r"proceeds", r"earn", r"made\b", r"make\b", r"making\b", r"income", r"turnover",
        r"took\s+in", r"brought\s+in", r"generated", r"price", r"cost", r"fees?\b", r"fines?\b", r"fined",
        r"penalt", r"salar", r"wages?\b", r"subscription", r"paid", r"pay\b", r"paying", r"sold", r"sell",
        r"each\b", r"bail", r"reward", r"budget", r"invest", r"raised", r"donation", r"royalt", r"spent",
        r"Umsatz", r"Gewinn", r"Einnahmen", r"verdien", r"Preis", r"kostet", r"Strafe", r"profitt", r"guadagn",
        r"ricav", r"incass", r"prezz", r"costo", r"abbonament", r"multa", r"sanzion", r"fatturat",
        r"ganancia", r"beneficio", r"ingreso", r"recaud", r"precio", r"cuesta", 
        r"suscripci", r"lucro", r"facturaci", r"ganad", r"receita", r"faturament", r"faturou", r"ganh", r"pre[çc]o",
        r"mensalidade", r"assinatura", r"b[ée]n[ée]fice", r"revenu",
        r"chiffre\s+d['’]affaires", r"gagn", r"prix\b", r"abonnement", r"amende", r"winst",
        r"omzet", r"inkomsten", r"verdiend", r"prijs", r"boete", r"c[âa][șşs]tig", r"venit",
        r"[îi]ncasat", r"abonament", r"amend", r"pre[țţt]", r"cifra\s+de\s+afaceri",
    ],
    # a price or a rate: weaker than a damage or seizure word ("losses of $1.2 billion a year")
    "period": [
        r"an?\s+month", r"per\s+month", r"a\s+year\b", r"per\s+year", r"/\s*month", r"/\s*year", r"monthly",
        r"annually", r"a\s+week", r"al\s+mese", r"all['’]anno", r"al\s+mes\b", r"por\s+mes\b", r"al\s+a[ñn]o",
        r"por\s+a[ñn]o", r"por\s+m[êe]s", r"ao\s+m[êe]s", r"por\s+ano", r"par\s+mois", r"par\s+an\b",
        r"im\s+Monat", r"pro\s+Monat", r"monatlich", r"j[äa]hrlich", r"pro\s+Jahr", r"per\s+maand", r"per\s+jaar",
        r"pe\s+lun[ăa]", r"pe\s+an\b",
    ],
}

# words between a verb and its number ("arrested the 11", "questioned another 16")
FILLERS = {
    "the", "a", "an", "another", "further", "all", "some", "total", "of", "additional", "more", "other", "its",
    "their", "los", "las", "el", "la", "al", "a", "otros", "otras", "i", "gli", "le", "il", "altri", "altre",
    "die", "der", "den", "weitere", "les", "des", "de", "d", "autres", "het", "andere", "os", "as", "ao",
    "outros", "outras", "pe", "alte", "alți", "alti", "also", "then", "later", "only", "total", "overall",
}
# function words that end a noun phrase
STOP_WORDS = {
    "in", "on", "at", "to", "from", "by", "with", "for", "and", "or", "but", "into", "across", "that", "which",
    "who", "were", "was", "are", "is", "have", "has", "had", "been", "be", "being", "will", "would", "could",
    "as", "than", "while", "since", "after", "before", "during", "per", "each", "a", "an", "the", "this",
    "these", "those", "it", "they", "he", "she", "we", "not", "no", "so", "if", "then", "when", "where",
    "nel", "nella", "nei", "negli", "da", "dal", "dalla", "del", "della", "e", "o", "con", "per", "su", "tra",
    "fra", "che", "sono", "è", "stati", "state", "en", "y", "por", "para", "que", "entre", "son", "fue",
    "fueron", "han", "em", "no", "na", "nos", "nas", "ao", "do", "da", "ou", "com", "pelo", "pela", "foram",
    "são", "dans", "à", "au", "aux", "du", "et", "avec", "par", "pour", "qui", "ont", "été", "im", "an", "am",
    "auf", "aus", "bei", "mit", "nach", "von", "vom", "zu", "zur", "zum", "und", "oder", "für", "wurden",
    "sind", "haben", "wurde", "op", "aan", "bij", "met", "van", "voor", "naar", "of", "die", "dat", "zijn",
    "werden", "heeft", "hebben", "în", "la", "pe", "cu", "din", "și", "si", "sau", "care", "au", "fost",
    "sunt", "de", "di",
}
_CONJ = {
    "en": ["and", "but", "while", "whereas", "as well as", "plus"],
    "it": ["e", "ed", "ma", "mentre"],
    "es": ["y", "e", "pero", "mientras"],
    "pt": ["e", "mas", "enquanto"],
    "fr": ["et", "mais", "tandis que"],
    "de": ["und", "aber", "während", "sowie"],
    "nl": ["en", "maar", "terwijl"],
    "ro": ["și", "si", "dar", "iar"],
}
_AUX = (
    r"(?:were|was|are|is|have|has|had|been|being|be|get|got|now|also|later|all|then|already|reportedly|"
    r"allegedly|subsequently|sono|sono\s+stati|stati|state|è|fueron|han\s+sido|sido|fue|foram|são|ont\s+été|"
    r"été|sont|wurden|sind|worden|wurde|werden|zijn|werd|au\s+fost|fost|sunt|bereits|ebenfalls|inzwischen|"
    r"jetzt|mutmaßliche|mutmaßlichen|ya|già|déjà|al|reeds)"
)
# a number right after one of these words is a name, a reference or a rank, not a count
_BLOCKER_WORDS = frozenset("""
windows android ios version v issue no nr n° nº number art article articles articolo artículo articulo artigo
artikel articolul section sect sec chapter page p pp suite floor room unit kav piso covid top season staffel
folge episode level model type class route vol volume edition ed phase fase stage rank ranked hrb sra ratio
gen rule law act legge ley lei gesetz decreto decree paragraph para comma lett d.lgs dlgs iso u.s.c usc cfr
kb ps xbox iphone galaxy pixel office kodi opinion reg regulation directive directiva direttiva richtlinie
verordnung code codice código codigo stgb urhg ltd gmbh inc plan tier day dag giorno día dia jour tag ziua
platz place position posto puesto lugar ausgabe numéro numero número bericht report § #
""".split())


def _blocked(masked: str, start: int) -> bool:
    """The figure at `start` follows a blocker word ("Windows 10", "Article 171", "Issue 112")."""
    ctx = masked[max(0, start - 25):start].rstrip(" \u00a0.:#-")
    if not ctx:
        return False
    if ctx.endswith("§"):
        return True
    last = ctx.rsplit(None, 1)[-1].lower().rstrip(".:#-")
    return last in _BLOCKER_WORDS


_AGE_WORDS = re.compile(r"(?i)ag|âg|alter|edad|et[àa]|leeftijd|v[âa]rst|idade|anni|entre\s+los")
_PARTITIVE = re.compile(
    r"[\s-]*(?:of\s+(?:the|them|those|these|its|their|whom|which)|di\s+(?:cui|loro|questi|quest[ei])|"
    r"dei|degli|delle|de\s+(?:ellos|ellas|los|las|estos|estas|les|eux|elles|entre)|dos\s+(?:quais)|d['’]entre|"
    r"von\s+(?:ihnen|den|diesen)|der\s+(?!Plattform)|van\s+(?:hen|de|deze)|dintre|din\s+(?:ei|cei|care))\b",
    re.IGNORECASE,
)
_PARTITIVE_PRONOUN = re.compile(
    r"[\s-]*(?:of\s+(?:whom|them|which)|de\s+(?:ellos|ellas|los\s+cuales|las\s+cuales|eles|elas)|deles|delas|"
    r"dos\s+quais|das\s+quais|d['’]entre\s+(?:eux|elles)|von\s+ihnen|van\s+hen|dintre\s+(?:ei|ele|care)|"
    r"di\s+(?:loro|questi)|de[il]\s+quali|delle\s+quali)\b",
    re.IGNORECASE,
)
# "sendo 9 em ..., 1 em ...": a breakdown of the previous figure, not new figures
_BREAKDOWN = re.compile(
    r"\b(?:sendo|siendo|namely|i\.e\.|davon|darunter|dont|di\s+cui|de\s+los\s+cuales|de\s+las\s+cuales|dos\s+quais|"
    r"das\s+quais|waarvan|dintre\s+care|din\s+care|of\s+which|of\s+whom|including|incluidos|incluindo|"
    r"tra\s+cui|entre\s+ellos|parmi\s+lesquels)\b",
    re.IGNORECASE,
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:those|these|both|diese[n]?|queste?i?|quegli|quei|estos|estas|esos|esas|esses|essas|estes|ces|"
    r"deze|die|aceste|acele)\s+$",
    re.IGNORECASE,
)
_SUBSET_AFTER = re.compile(
    r"\s*(?:where|in\s+which|whose|donde|en\s+los\s+que|dove|nei\s+quali|wo|in\s+denen|où|waar|unde|onde)\b",
    re.IGNORECASE,
)
_AGE_BEFORE = re.compile(
    r"\b(?:aged|ages|age|âg[ée]e?s?|im\s+Alter\s+von|Alter|edades?\s+de|entre\s+los|di\s+et[àa]|et[àa]|"
    r"leeftijd\s+van|v[âa]rst[ăa]\s+de|idades?\s+de|anni\s+di)\s+"
    r"(?:\d+\s*(?:,|and|e|y|und|et|en|și|-|–|bis|to|a)\s*)*$", re.IGNORECASE)
_PERSONS_COMMA = re.compile(
    r"\b(?:men|women|people|persons|suspects|brothers|sisters|defendants|operators|administrators|uomini|donne|"
    r"persone|indagati|hombres|mujeres|personas|detenidos|homens|mulheres|pessoas|hommes|femmes|personnes|"
    r"M[äa]nner|Frauen|Personen|mannen|vrouwen|personen|b[ăa]rba[țţt]i|persoane)[\s\u00a0]*,[\s\u00a0]*"
    r"(?:\d{2}[\s\u00a0]*(?:,|and|e|y|et|und|en|și|si)[\s\u00a0]*)*$", re.IGNORECASE)
_AGE_LIST_NEXT = re.compile(r"[\s\u00a0]*(?:,|\)|(?:and|e|y|et|und|en|și|si)[\s\u00a0]+\d{2}\b)")
_NAME_COMMA = re.compile(r"[A-ZÀ-Þ][\w'’.-]+,\s*$")
_SUBSET_OTHER = re.compile(r"[\s\u00a0]+(?:other|remaining|altri|altre|restanti|otros|otras|restantes|outros|outras|"
                           r"autres|anderen|übrigen|overige|andere|ceilalți|celelalte)\b", re.IGNORECASE)
_SUBSET_BEFORE_FIGURE = re.compile(
    r"\b(?:including|incl\.|among\s+them|among\s+whom|of\s+whom|of\s+which|tra\s+cui|di\s+cui|fra\s+cui|"
    r"entre\s+ellos|entre\s+ellas|incluidos|incluidas|incluindo|entre\s+eles|dont|parmi\s+eux|darunter|"
    r"davon|waaronder|van\s+wie|inclusiv|dintre\s+care|printre\s+care)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_OF_WHOM_BEFORE = re.compile(
    r"\b(?:of\s+whom|of\s+which|di\s+cui|de\s+los\s+cuales|de\s+las\s+cuales|dos\s+quais|das\s+quais|dont|"
    r"davon|waarvan|van\s+wie|dintre\s+care)\s+$",
    re.IGNORECASE,
)
_THE_BEFORE = re.compile(r"\b(?:the|i|gli|le|los|las|os|as|les|die|de)\s+$", re.IGNORECASE)
# a verb whose object is introduced by these does not count the number after them
_OBJECT_PREPOSITIONS = {"of", "with", "for", "about", "by", "con", "per", "di", "mit", "für", "avec", "pour", "met",
                        "voor", "cu", "pentru", "com", "para", "from", "da", "von", "van", "over"}
_ELLIPTIC_AFTER = re.compile(r"\s*(?:$|[,.;:)]|in\b|en\b|nel|nella|nei|im\b|in\s+der|na\b|no\b|em\b|au\b|aux\b|"
                             r"în\b|din\b|at\b|on\b|across\b|abroad|elsewhere|more\b|others?\b)", re.IGNORECASE)
_HEAD_SEP = re.compile(r"[\s\u00a0\-–]*(?:[\"”»’][\s\u00a0]*)?")  # ACE claims "tens of millions" of users
# "nine servers were taken offline: six in the Netherlands ...", "9 arrests (7 in Greece, ...)",
# "12 servers seized - three of them in Sweden", "12 servers, of which three were located in Sweden":
# a smaller figure right after a counted one, placed somewhere, is a part of it
_BREAKDOWN_OPEN = re.compile(r"(?:[:(—–]|\s-|,)[\s\u00a0]*(?:of\s+which|of\s+whom|di\s+cui|de\s+los\s+cuales|de\s+las\s+cuales|"
                             r"dos\s+quais|das\s+quais|dont|davon|waarvan|dintre\s+care|din\s+care)?[\s\u00a0]*$",
                             re.IGNORECASE)
_BREAKDOWN_TAIL = re.compile(
    r"[\s\u00a0]*(?:(?:of\s+them|of\s+which|di\s+questi|de[il]\s+quali|delle\s+quali|de\s+ellos|de\s+ellas|deles|delas|dont|davon|"
    r"daarvan|dintre\s+ei)"
    r"[\s\u00a0,]*)?(?:(?:were|was|are|is|have\s+been|sono|erano|estaban|eram|étaient|waren|erau)[\s\u00a0]+)?"
    r"(?:(?:located|based|hosted|rented|leased|housed|situated|situati|ubicados|localizados|situés|gelegen|situate)[\s\u00a0]+)?"
    r"(?:in|en|em|no|na|nel|nella|nei|negli|im|in\s+der|au|aux|în|din)[\s\u00a0]+(?:the[\s\u00a0]+|la[\s\u00a0]+|le[\s\u00a0]+)?"
    r"[A-ZÀ-Þ]")
_PLACE_END = re.compile(r"[^,;:.()\n]*?(?=[\s\u00a0]+(?:and|or|e|ed|y|o|und|oder|et|ou|en|of|și|sau|with|but)[\s\u00a0]|"
                        r"[,;:.()\n]|$)")
_LIST_CONTINUES = re.compile(r",[\s\u00a0]*(?:the[\s\u00a0]+)?[A-ZÀ-Þ]")
_HOW_MANY = (r"(?i)\b(?:how\s+many|how\s+much|quant[ie]|quant[oa]s|cu[áa]nt[oa]s|combien|wie\s+viele|hoeveel|"
             r"c[âa][țţt]i|c[âa]te)\b[^?]*\?\s*$")
_ANSWER_START = r"^\W{0,3}(?:\d|[A-Za-zÀ-ÿ]+\s*[:.,—–-])"
_STREAM_HEAD = re.compile(r"(?i)\bstreams?\b")
_SITE_LIST_AFTER = re.compile(r"(?i)\s*(?:,|and|und|e|y|et|en|și|or)\s+(?:\w+\s+)?(?:links?|sites?|domains?|websites?|"
                              r"Webseiten|Websites|apps?|siti|sitios|sites|sítios|enlaces|liens)\b")
_PAGE_COUNTER = re.compile(r"(?i)\s*(?:browsing|online|viewing|reading|connected|in\s+this\s+thread)\b")
# one person arrested: number words for "one" are never read alone, so "one arrest", "one of them
# was detained" and the Romance and Germanic "a man was arrested" are their own grammar (the
# English "a 34-year-old man was arrested" is `_SINGULAR_PERSON`'s). "Both were detained" and
# "several of the main suspects were arrested" give no figure, as the contract says.
_SINGULAR_ARREST = re.compile(
    r"\b(?:(?:one|a[\s\u00a0]+single)[\s\u00a0]+arrest\b(?![\s\u00a0]+warrant)"
    r"|one[\s\u00a0]+of[\s\u00a0]+(?:them|whom)\b[^.;]{0,80}?\bwas[\s\u00a0]+(?:arrested|detained)"
    r"|(?:un|una)[\s\u00a0]+(?:uomo|donna|persona|giovane|indagato|hombre|mujer|persona|joven|sospechoso)[\s\u00a0]+"
    r"(?:è[\s\u00a0]+stat[oa][\s\u00a0]+arrestat[oa]|fue[\s\u00a0]+(?:detenid[oa]|arrestad[oa])|"
    r"ha[\s\u00a0]+sido[\s\u00a0]+(?:detenid[oa]|arrestad[oa]))"
    r"|(?:um|uma)[\s\u00a0]+(?:homem|mulher|pessoa|jovem|suspeito)[\s\u00a0]+foi[\s\u00a0]+(?:pres[oa]|detid[oa])"
    r"|(?:un|une)[\s\u00a0]+(?:homme|femme|suspect|individu)[\s\u00a0]+a[\s\u00a0]+été[\s\u00a0]+(?:interpellée?|arrêtée?)"
    r"|(?:ein|eine)[\s\u00a0]+(?:Mann|Frau|Verdächtiger|Tatverdächtiger)[\s\u00a0]+wurde[\s\u00a0]+(?:festgenommen|verhaftet)"
    r"|een[\s\u00a0]+(?:man|vrouw|verdachte)[\s\u00a0]+(?:is|werd)[\s\u00a0]+(?:aangehouden|gearresteerd)"
    r"|un[\s\u00a0]+(?:bărbat|barbat|suspect|tânăr)[\s\u00a0]+a[\s\u00a0]+fost[\s\u00a0]+(?:reținut|retinut|arestat))",
    re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*|\d+|[^\w\s]")
_MEMBERS = re.compile(r"(?i)\b(?:members|membri|miembros|membros|membres|Mitglieder|leden)\b")
_CHANNEL_BEFORE = re.compile(
    r"(?i)\b(?:channels?|groups?|chats?|forums?|communit(?:y|ies)|servers?|canal(?:es|i|e)?|gruppi|grupos?|"
    r"groupes?|Kan[äa]le?|Gruppen?|kanalen|groepen)\b[^.;]{0,40}$")
# One person, in the singular, counted by the verb before or after ("arrested a 34-year-old man",
# "A 47-year-old man was charged", "condenó a un hombre", "ha denunciato un uomo"): the gold counts 1
_ONE_PERSON_EN = (
    r"(?:a|an|one)[\s\u00a0]+(?:[\w'’-]+[\s\u00a0]+){0,3}?(?:man|woman|person|suspect|individual|teenager|youth|"
    r"resident|national|citizen|operator|administrator|reseller|seller|defendant|student|developer|programmer)\b"
)
_ONE_PERSON_ROMANCE = (
    r"(?:a[\s\u00a0]+)?(?:un|una|um|uma|une)[\s\u00a0]+(?:uomo|donna|persona|giovane|cittadino|hombre|mujer|joven|"
    r"ciudadano|sospechoso|individuo|homem|mulher|pessoa|jovem|suspeito|homme|femme|individu|jeune|suspect)\b"
)
_SINGULAR_PERSON_VERBS = {
    "arrests": (r"arrested|detained|apprehended|took[\s\u00a0]+into[\s\u00a0]+custody|detuvo|detuvieron|arrest[óo]|"
                r"arrestaron|arrestato|arrestarono|fermato|arrestou|prendeu|deteve|interpell[ée]|arr[êe]t[ée]",
                r"arrested|detained|apprehended|taken[\s\u00a0]+into[\s\u00a0]+custody"),
    "suspects": (r"charged|indicted|sentenced|convicted|prosecuted|identified|imput[óo]|condenó|denunciato|indagato|"
                 r"condannato|indiciou|condenou|mis[\s\u00a0]+en[\s\u00a0]+examen|condamn[ée]",
                 r"charged|indicted|sentenced|convicted|prosecuted|identified|jailed|found[\s\u00a0]+guilty"),
}
_SINGULAR_PERSON = {
    metric: re.compile(
        rf"\b(?:{before})[\s\u00a0]+(?P<before>{_ONE_PERSON_EN}|{_ONE_PERSON_ROMANCE})"
        rf"|\b(?P<after>{_ONE_PERSON_EN})(?:,[^,.;]{{1,60}},)?[\s\u00a0]+(?:was|has[\s\u00a0]+been|had[\s\u00a0]+been)"
        rf"[\s\u00a0]+(?:{after})\b",
        re.IGNORECASE)
    for metric, (before, after) in _SINGULAR_PERSON_VERBS.items()
}


HEAD_RE = Dispatch(HEADS)
CUE_RE = Dispatch(CUES)
# A sentence can only yield a metric when it holds a vocabulary noun or cue word: polars (Rust
# regex) drops the others before any Python runs
_VOCABULARY = (
    [p for name, pats in HEADS.items() if name != "nonmetric" for p in pats]
    + [p for name, pats in CUES.items() if name in ("arrest", "suspect", "search", "seize", "damage", "asset")
       for p in pats]
)
# several patterns, each under the Rust regex size limit
VOCABULARY_PATTERNS = [rust_superset(_VOCABULARY[i:i + 150]) for i in range(0, len(_VOCABULARY), 150)]
# the same cue lexicon for the Rust regex engine: polars finds every sentence's cue words in one
# pass per kind (`str.extract_all`), Python only locates them
_CUE_PATTERNS_RUST = {kind: rust_superset(pats) for kind, pats in CUES.items()}
_PERSON_CUES = ("arrest", "suspect")
_MONEY_CUES = ("damage", "seize", "asset", "money_neg", "period")


@lru_cache(maxsize=None)
def _clause_break_re(language: str | None) -> re.Pattern[str]:
    langs = [language] if language in LANGUAGES else list(LANGUAGES)
    conj: set[str] = set()
    for lang in langs + ["en"]:
        conj |= set(_CONJ[lang])
    if language is None:
        conj -= {"en", "e"}
    words = "|".join(sorted((re.escape(c).replace(r"\ ", r"\s+") for c in conj), key=len, reverse=True))
    return re.compile(r"[,;:()\[\]–—|•]|\s(?:" + words + r")\s", re.IGNORECASE)


@lru_cache(maxsize=None)
def _conj_end_re(language: str | None) -> re.Pattern[str]:
    langs = [language] if language in LANGUAGES else list(LANGUAGES)
    conj: set[str] = set()
    for lang in langs + ["en"]:
        conj |= set(_CONJ[lang])
    words = "|".join(sorted((re.escape(c) for c in conj), key=len, reverse=True))
    return re.compile(r"(?:(?:^|[\s,])(?:" + words + r")|,)\s*(?:another|other|further|altri|otros|outros|weitere|"
                      r"a\s+further)?\s*$", re.IGNORECASE)


_RIGHT_VERB_RE = re.compile(
    r"[\s\u00a0]*(?:more\s+|others?\s+|altri\s+|otros\s+|outros\s+|weitere\s+|autres\s+|anderen?\s+)?"
    r"(?:(?:" + _AUX + r")\s+){0,4}(?=\w)",
    re.IGNORECASE,
)


_OF_RE = re.compile(r"(?:of|di|de|del|des|du|van|von)[\s\u00a0]+|d['’][\s\u00a0]*", re.IGNORECASE)


def _head(masked: str, start: int, limit: int) -> tuple[str | None, int, int, bool, int]:
    """(category, head_end, scan_end, stopped_at_stop_word, fillers) for the words after a figure."""
    pos = _HEAD_SEP.match(masked, start).end()
    # one "of/de/di" right after the number ("millions of users", "20 de percheziții")
    m = _OF_RE.match(masked, pos)
    if m and m.end() < limit:
        pos = m.end()
    fillers = 0
    while pos < limit and fillers <= 3:
        hm = HEAD_RE.match(masked, pos)
        if hm is not None and hm.start() < limit:
            return hm.lastgroup, hm.end(), hm.end(), False, fillers
        wm = _WORD.match(masked, pos)
        if wm is None:
            break
        word = wm.group(0).lower().rstrip(".")
        if not word or not word[0].isalpha() or word in STOP_WORDS:
            return None, pos, pos, True, fillers
        fillers += 1
        pos = _HEAD_SEP.match(masked, wm.end()).end()
    return None, pos, pos, False, fillers


def _scan_cues(masked: str) -> list[tuple[str, int, int]]:
    """Every cue word of a sentence: (kind, start, end)."""
    return [(m.lastgroup or "", m.start(), m.end()) for m in CUE_RE.finditer(masked)]


def _locate_cues(sentence: str, masked: str, found: dict[str, list[str] | None]) -> list[tuple[str, int, int]]:
    """(kind, start, end) of cue words found by polars, located in the sentence (not in masked spans)."""
    starts: set[int] = set()
    for words in found.values():
        pos = 0
        for word in words or ():
            i = sentence.find(word, pos)
            if i < 0:
                break
            pos = i + len(word)
            if not (word[0].isalnum() or word[0] in "/%"):
                i += 1  # the Rust pattern consumed the non-word character before the cue
            starts.add(i)
    cues: list[tuple[str, int, int]] = []
    last = 0
    for i in sorted(starts):
        # the same word-start match as the Python scan (the Rust pattern is a superset)
        if i < last or (i > 0 and (masked[i - 1].isalnum() or masked[i - 1] == "_")):
            continue
        m = CUE_RE.match(masked, i)
        if m is not None and m.end() > i:
            cues.append((m.lastgroup or "", i, m.end()))
            last = m.end()
    return cues


def _cues_in(cues: list[tuple[str, int, int]], lo: int, hi: int) -> list[tuple[str, int, int]]:
    return [c for c in cues if c[1] >= lo and c[2] <= hi]


def _nearest(cues: list[tuple[str, int, int]], start: int, end: int, kinds: tuple[str, ...]) -> str | None:
    best, best_d = None, None
    for kind, cs, ce in cues:
        if kind not in kinds:
            continue
        d = start - ce if ce <= start else cs - end
        if d < 0:
            d = 0
        if kind == "asset":
            d += 15  # nouns like "cash" or "assets" are weaker than a verb
        elif kind == "period":
            d += 50
        if best_d is None or d < best_d or (d == best_d and cs >= end):
            best, best_d = kind, d
    return best


# Heads that name their metric whatever the verb ("12 arrests", "3 searches", "200 officers").
_METRIC_OF_HEAD = {
    "legal": "legal_requests", "suspect_strong": "suspects", "arrest_n": "arrests", "search_n": "searches",
    "user_n": "users_affected", "officer_n": "officers_deployed",
}


def classify_sentence(sentence: str, language: str | None = None,
                      cue_words: dict[str, list[str] | None] | None = None) -> list[tuple[Figure, str, int]]:
    """(figure, metric, phrase_end) for every figure of `sentence` tied to a metric.

    `cue_words` (kind -> cue words in order, as polars `str.extract_all` finds them) saves the
    Python cue scan when given.
    """
    masked = mask_non_figures(sentence)
    figures = find_figures(sentence, language, masked)
    implicit = _implicit_arrests(sentence)
    if not figures:
        return implicit
    breaks = _clause_break_re(language)
    conj_end = _conj_end_re(language)
    all_cues = _scan_cues(masked) if cue_words is None else _locate_cues(sentence, masked, cue_words)
    # pass 1: drop what is never a figure; those numbers do not bound their neighbours' clauses
    kept: list[tuple[Figure, tuple[str | None, int, int, bool, int] | None]] = []
    for i, f in enumerate(figures):
        next_start = figures[i + 1].start if i + 1 < len(figures) else len(masked)
        if f.kind == "digits" and not f.scaled and f.end == f.num_end and masked[f.num_end:f.num_end + 1].isalpha():
            continue  # "97A", "22H2", "3rd"
        if _blocked(masked, f.start):
            continue  # "Windows 10", "Article 171", "Issue 112"
        if f.start > 0 and masked[f.start - 1] == "(" and masked[f.end:f.end + 1] == ")" and f.unit is None:
            continue  # "(33)"; "(EUR 1.8 million)" after an amount is the amount converted
        if _AGE_WORDS.search(masked, max(0, f.start - 40), f.start) and \
                tail_match(_AGE_BEFORE, masked, f.start - 40, f.start):
            continue  # "aged 34 and 41"
        if f.kind == "digits" and _NAME_COMMA.search(masked[max(0, f.start - 30):f.start]) \
                and re.match(r"\s*[,)]", masked[f.end:f.end + 3]):
            continue  # "Anton Napolsky, 33, and ..."
        if f.kind == "digits" and 14 <= f.value <= 99 and _PERSONS_COMMA.search(masked[max(0, f.start - 60):f.start]) \
                and _AGE_LIST_NEXT.match(masked, f.end):
            continue  # "two men, 26 and 29, were detained"
        if f.unit is not None:
            kept.append((f, None))
            continue
        if f.kind == "digits" and f.value < 1:
            continue
        pm = _PARTITIVE_PRONOUN.match(masked, f.end)
        if pm is not None and not f.scaled and f.kind != "vague":
            # "102 suspects, 11 of whom were arrested": only a verb right before or after counts it
            kept.append((f, ("partitive", pm.end(), pm.end(), True, 0)))
            continue
        if not f.scaled and f.kind != "vague" and _PARTITIVE.match(masked, f.end):
            continue  # "two of the largest portals"
        if _SUBSET_OTHER.match(masked, f.end) and _THE_BEFORE.search(masked[max(0, f.start - 8):f.start]):
            continue  # "the four other defendants"
        head = _head(masked, f.end, next_start)
        category, _, _, _, fillers = head
        if category in (None, "person_n") and _SUBSET_BEFORE_FIGURE.search(masked, max(0, f.start - 30), f.start):
            # "21 suspects, of whom 9 were detained" counts the arrests; "including two minors" does not
            if not (_OF_WHOM_BEFORE.search(masked, max(0, f.start - 30), f.start)
                    and (_right_verb(masked, head[1], next_start) in _PERSON_CUES
                         or _BREAKDOWN_TAIL.match(sentence, f.end))):
                continue  # "3 people, including two minors, ..." describes a part of another figure
        if category == "nonmetric":
            continue
        if f.year_like and (fillers or category in (None, "person_n", "suspect_n", "place_n")):
            continue  # "in 2019", "since 2014"; "2000 users" is kept
        if f.value != int(f.value) and f.kind != "vague" and not f.scaled:
            continue  # "1.5 arrests" is not a count
        kept.append((f, head))
    hits: list[tuple[Figure, str, int]] = []
    last_metric: str | None = None
    prev_metric: str | None = None  # metric of the previous kept figure, None when it was not counted
    last_end = 0
    last_value = 0.0
    prev_money_metric: str | None = None
    money_idx = [i for i, (f, _) in enumerate(kept) if f.unit is not None]
    pending_list_item: tuple[Figure, str, int] | None = None  # an uncounted "N sites" that a later verb may cover
    for i, (f, head) in enumerate(kept):
        prev_end = kept[i - 1][0].end if i else 0
        next_start = kept[i + 1][0].start if i + 1 < len(kept) else len(masked)
        left = masked[prev_end:f.start]
        metric: str | None = None
        phrase_end = f.end
        if head is None:
            # --- money
            mi = money_idx.index(i)
            w_start = kept[money_idx[mi - 1]][0].end if mi else 0
            w_end = kept[money_idx[mi + 1]][0].start if mi + 1 < len(money_idx) else len(masked)
            cues = _cues_in(all_cues, w_start, f.start) + _cues_in(all_cues, f.end, w_end)
            # "Police seized EUR 2 million; losses came to EUR 5 million": a cue past a semicolon
            # is another clause's, heard only when the figure's own part of the sentence has none
            semicolon_before = masked.rfind(";", w_start, f.start)
            semicolon_after = masked.find(";", f.end, w_end)
            own = [c for c in cues if c[1] > semicolon_before and (semicolon_after < 0 or c[2] <= semicolon_after)]
            kind = _nearest(own, f.start, f.end, _MONEY_CUES) or _nearest(cues, f.start, f.end, _MONEY_CUES)
            if kind in ("money_neg", "period"):
                # "EUR 2.5 million in criminal proceeds were confiscated": a seizure verb of the
                # figure's own clause outweighs what the money was
                lb = None
                for lb in breaks.finditer(masked, 0, f.start):
                    pass
                rb = breaks.search(masked, f.end)
                c_lo, c_hi = (lb.end() if lb else 0), (rb.start() if rb else len(masked))
                if any(k == "seize" for k, cs, ce in all_cues if cs >= c_lo and ce <= c_hi):
                    kind = "seize"
            if kind == "damage":
                metric = "financial_damage"
            elif kind in ("seize", "asset"):
                metric = "assets_seized"
            between = masked[w_start:f.start]
            if prev_money_metric is not None and mi and len(between.split()) <= 6 and conj_end.search(between):
                # "EUR 9,900 in cash and another EUR 22,000 in PayPal accounts": a list shares its verb
                metric = prev_money_metric
            elif prev_money_metric is not None and mi and re.fullmatch(r"\s*[(;/]\s*", between):
                # "RON 9 million (EUR 1.8 million)": the same amount in another currency;
                # "Assets frozen: R$2.4 million; MXN 3.2 million": one label's amounts
                metric = prev_money_metric
            prev_money_metric = metric
            if metric is not None:
                hits.append((f, metric, phrase_end))
            prev_metric = metric
            continue
        category, head_end, scan_end, stopped, fillers = head
        if category == "person_n" and _MEMBERS.search(masked, f.end, head_end) \
                and _CHANNEL_BEFORE.search(masked, max(0, f.start - 60), f.start):
            category = "user_n"  # "a Telegram channel with some 14,000 members" counts its users, not suspects
        right = masked[f.end:next_start]
        left_cues = _cues_in(all_cues, prev_end, f.start)
        right_cues = _cues_in(all_cues, f.end, next_start)
        if category in _METRIC_OF_HEAD:
            metric = _METRIC_OF_HEAD[category]
        elif category == "country_n":
            if not _SUBSET_BEFORE.search(left) and not _SUBSET_AFTER.match(masked, head_end):
                metric = "countries_involved"
        elif category == "link_n" and _STREAM_HEAD.search(masked, f.end, head_end) \
                and not _SITE_LIST_AFTER.match(masked, head_end):
            metric = None  # "blocked 4,500 illegal streams": streams are not domains, websites or apps
        elif category in ("server_n", "domain_n", "link_n"):
            # "blocked 400 sites and 60 apps": a list shares the verb of its first item
            shared = prev_metric in ("servers_seized", "domains_seized") and conj_end.search(left) \
                and len(left.split()) <= 3
            # the verb may follow a later figure of the same clause ("70 servers in 9 countries were seized")
            bm = breaks.search(masked, head_end)
            clause_cues = _cues_in(all_cues, head_end, bm.start() if bm else len(masked))
            # or precede an earlier figure of the clause ("closed down 3 IPTV services and 25 servers")
            pm = None
            for pm in _HARD_BREAK.finditer(masked, max(0, f.start - 80), f.start):
                pass
            wide_cues = _cues_in(all_cues, pm.end() if pm else max(0, f.start - 80), f.start)
            if shared or any(k == "seize" for k, _, _ in left_cues + right_cues + clause_cues + wide_cues):
                metric = "servers_seized" if category == "server_n" else "domains_seized"
            elif i + 1 < len(kept):
                pending_list_item = (f, category, head_end)
            if metric is not None and pending_list_item is not None and pending_list_item[0] is kept[i - 1][0] \
                    and conj_end.search(left) and len(left.split()) <= 3:
                # "593 sites and 127 apps were blocked": the first item shares the verb of the last
                first, first_category, first_end = pending_list_item
                hits.append((first, "servers_seized" if first_category == "server_n" else "domains_seized", first_end))
                pending_list_item = None
        elif category == "partitive":
            kind = _person_verb(masked, all_cues, f, left, prev_end, head_end, next_start, False, False, breaks)
            metric = {"arrest": "arrests", "suspect": "suspects"}.get(kind or "")

        elif category == "place_n":
            shared = prev_metric == "searches" and conj_end.search(left) and len(left.split()) <= 3
            if shared or any(k == "search" for k, _, _ in left_cues + right_cues):
                metric = "searches"
        elif category is None and fillers == 0 and (labelled := _label_metric(masked, f.start, all_cues)):
            metric = labelled  # "Arrests: 11", "Servers seized: 29"
        elif category is None and fillers == 0 and (named := _pre_head_metric(masked, f.start, prev_end, breaks)):
            metric = named  # "Subscribers numbered about 500,000", "a customer base of 2m"
        else:
            # persons, unknown noun phrases and bare numbers: read the verbs around
            is_person = category in ("person_n", "suspect_n")
            fillers_only = category is None and 0 < fillers <= 3
            kind = _person_verb(masked, all_cues, f, left, prev_end, head_end if is_person else scan_end, next_start,
                                is_person, fillers_only, breaks)
            if kind == "arrest" and _WARRANTS_ISSUED.search(masked, prev_end, f.start):
                # "Detention warrants had been issued for 38 suspects": sought, not yet arrested
                metric = "suspects" if is_person else None
            elif kind == "arrest":
                metric = "arrests"
            elif kind == "suspect":
                metric = "suspects"
            elif category == "suspect_n":
                metric = "suspects"
            elif category is None and not fillers_only and last_metric is not None and conj_end.search(left) \
                    and not _BREAKDOWN.search(masked, last_end, f.start) \
                    and (_ELLIPTIC_AFTER.match(masked, f.end) or _right_verb(masked, f.end, next_start)
                         in _COMPATIBLE.get(last_metric, ())):
                # "... 89 searches in 15 Italian regions and 14 in the Netherlands",
                # "15 domains were seized, and another 30 were blocked"
                metric = last_metric
        if metric is None and category in (None, "partitive", "person_n") and last_metric is not None \
                and f.value < last_value and len(masked[last_end:f.start].split()) <= 10 \
                and _BREAKDOWN_OPEN.search(masked, last_end, f.start) \
                and (tail := _BREAKDOWN_TAIL.match(sentence, head_end if category == "partitive" else f.end)):
            metric = last_metric  # a part of the previous figure, placed in a country
            breakdown_end = _place_end(sentence, tail.end() - 1)
        else:
            breakdown_end = None
        prev_metric = metric
        if metric is None:
            continue
        if breakdown_end is None and category is None and metric == last_metric \
                and (tail := _BREAKDOWN_TAIL.match(sentence, f.end)):
            breakdown_end = _place_end(sentence, tail.end() - 1)  # "... and three in Germany"
        if breakdown_end is not None:
            phrase_end = breakdown_end  # "six in the Netherlands": the place is part of the phrase
        elif category is not None and category != "partitive":
            phrase_end = head_end  # "over 270 agents", "two Russian nationals"
        hits.append((f, metric, phrase_end))
        last_metric = metric
        last_end = phrase_end
        last_value = f.value
    taken = [(f.start, f.end) for f, _, _ in hits]
    hits += [hit for hit in implicit if not any(a < hit[0].end and hit[0].start < b for a, b in taken)]
    return sorted(hits, key=lambda hit: hit[0].start)


_WARRANTS_ISSUED = re.compile(
    r"(?i)\b(?:warrants?|mandati|[óo]rdenes|mandados|haftbefehle?|mandats?)\b[^.;]{0,40}?"
    r"\b(?:issued|emess[io]|emitid[ao]s|expedid[ao]s|erlassen|uitgevaardigd|[ée]mis)\b"
)


def _place_end(sentence: str, start: int) -> int | None:
    """End of the one place named at `start`; None for a list of places ("in Spain, France and ...")."""
    place = _PLACE_END.match(sentence, start)
    if place is None or _LIST_CONTINUES.match(sentence, place.end()):
        return None
    return place.end()


def _implicit_arrests(sentence: str) -> list[tuple[Figure, str, int]]:
    """Arrests and suspects stated in the singular, which is never a figure alone: "one man was
    arrested", "police arrested a 34-year-old man", "prosecutors charged a 29-year-old man"."""
    found = []

    def add(start: int, end: int, metric: str) -> None:
        if any(start < f.end and f.start < end for f, _, _ in found):
            return
        figure = Figure(start=start, end=end, num_start=start, num_end=start, value=1.0, value_low=1.0, value_high=1.0,
                        qualifier="exact", unit=None, kind="word", scaled=False, year_like=False)
        found.append((figure, metric, end))

    for m in _SINGULAR_ARREST.finditer(sentence):
        add(m.start(), m.end(), "arrests")
    for metric, pattern in _SINGULAR_PERSON.items():
        for m in pattern.finditer(sentence):
            group = "before" if m.group("before") else "after"
            add(m.start(group), m.end(group), metric)
    return found


# what parts a label from its figure: a colon, "=", a dot leader ("Arrests ....... 9") or a tab
_LABEL_SEPARATOR = r"(?:[:=\t]|\.{3,}|…+)"
_LABEL_END = re.compile(rf"[^\S\n]*(?:[\w'’-]+[^\S\n]+){{0,3}}?[\w'’-]*[^\S\n]*{_LABEL_SEPARATOR}[^\S\n]*$")
_SEPARATOR_BEFORE_FIGURE = re.compile(rf"{_LABEL_SEPARATOR}[^\S\n]*$")
_HEAD_METRIC = {
    "legal": "legal_requests", "suspect_strong": "suspects", "arrest_n": "arrests", "search_n": "searches",
    "user_n": "users_affected", "officer_n": "officers_deployed", "country_n": "countries_involved",
    "suspect_n": "suspects",
}


def _label_metric(masked: str, start: int, all_cues: list[tuple[str, int, int]]) -> str | None:
    """The metric of a "label: figure" item ("Arrests: 11", "House searches: 112",
    "Servers seized: 29"), where the vocabulary noun comes before the number."""
    separator = _SEPARATOR_BEFORE_FIGURE.search(masked, max(0, start - 45), start)
    if separator is None:
        return None
    label_end = separator.start()
    line_start = max(masked.rfind("\n", 0, label_end), masked.rfind(";", 0, label_end), masked.rfind(",", 0, label_end),
                     masked.rfind("•", 0, label_end), label_end - 45)
    for ws in re.finditer(r"(?<![\w])\w", masked[line_start + 1:label_end]):
        pos = line_start + 1 + ws.start()
        m = HEAD_RE.match(masked, pos, label_end)
        if m is None or not _LABEL_END.match(masked, m.end(), start):
            continue
        if _PAGE_COUNTER.match(masked, m.end(), label_end):
            return None  # a forum's "Users browsing: 143", "Members online: 12"
        category = m.lastgroup
        if category in _HEAD_METRIC:
            return _HEAD_METRIC[category]
        if category in ("server_n", "domain_n") and any(k == "seize" for k, cs, ce in all_cues
                                                        if cs >= m.end() and ce <= label_end):
            return "servers_seized" if category == "server_n" else "domains_seized"
        return None
    return None


# what links a noun before its number: "subscribers numbered about 500,000", "a customer base
# of 2m", "gli abbonati erano circa 500.000", "die Zahl der Nutzer lag bei 2 Millionen"
_PRE_HEAD_LINK = re.compile(
    r"(?:[\s\u00a0]+(?:base|count|number|numbers|total|tally|figure|basis|bestand|zahl))?"
    r"(?:[\s\u00a0]+(?:has|have|had|was|were|is|are|now|already|reportedly|allegedly|sono|erano|era|è|eran|era|son|"
    r"fueron|eram|são|era|étaient|était|sont|est|waren|war|sind|ist|zijn|waren|was|erau|era|sunt|este|se|s['’]))*"
    r"(?:[\s\u00a0]+(?:numbered|number|numbering|totall?ed|totals?|totall?ing|reached|reaching|stood|stands|"
    r"amounted|amounting|came|rose|grew|climbed|exceeded|topped|estimated|counted|ammontavano|ammonta|"
    r"ammontava|superavano|superano|raggiungevano|stimati|ascend[íi]an?|superaban|alcanzaban|rondaban|"
    r"estimad[oa]s|chegavam|ultrapassavam|somavam|estimad[oa]s|[ée]lev(?:ait|aient|e|ent)|d[ée]passai(?:t|ent)|"
    r"estim[ée]s?|betrug|betr[äa]gt|lag|lagen|liegt|z[äa]hlte|umfasste|bedroeg|bedraagt|telde|"
    r"ridica|ridicau|dep[ăa][șşs]eau|estima[țţt]i))?"
    r"(?:[\s\u00a0]+(?:at|to|of|a|à|a\s+quota|en|em|bei|auf|op|la|de|di|von|van|in|around|about|over))?"
    r"[\s\u00a0]*[\"“„«‘']?[\s\u00a0]*$",  # put the number of subscribers at "more than 1.3 million"
    re.IGNORECASE,
)
_PRE_HEAD_METRICS = {"user_n": "users_affected", "officer_n": "officers_deployed", "arrest_n": "arrests",
                     "search_n": "searches", "legal": "legal_requests"}


def _pre_head_metric(masked: str, start: int, prev_end: int, breaks: re.Pattern[str]) -> str | None:
    """The metric of a vocabulary noun before its number and linked to it by a copula or a
    counting verb ("Subscribers numbered about 500,000", "a customer base of 2m")."""
    lo = max(prev_end, start - 60)
    for bm in breaks.finditer(masked, lo, start):
        lo = bm.end()
    for ws in re.finditer(r"(?<![\w])\w", masked[lo:start]):
        pos = lo + ws.start()
        m = HEAD_RE.match(masked, pos, start)
        if m is None or m.lastgroup not in _PRE_HEAD_METRICS:
            continue
        if _PRE_HEAD_LINK.match(masked, m.end(), start) and _PRE_HEAD_LINK.match(masked, m.end(), start).end() == start:
            return _PRE_HEAD_METRICS[m.lastgroup]
    return None


_HARD_BREAK = re.compile(r"[;:()\[\]]|[.,]\s")
_COMPATIBLE = {
    "arrests": ("arrest",), "suspects": ("suspect",), "searches": ("search",),
    "servers_seized": ("seize",), "domains_seized": ("seize",),
}


def _right_verb(masked: str, start: int, limit: int) -> str | None:
    """Kind of the cue right after a number or noun phrase ("11 were arrested", "30 were blocked")."""
    rm = _RIGHT_VERB_RE.match(masked, start, limit)
    if rm is None:
        return None
    cm = CUE_RE.match(masked, rm.end(), limit)
    return cm.lastgroup if cm is not None else None


def _person_verb(masked: str, all_cues: list[tuple[str, int, int]], f: Figure, left: str, prev_end: int,
                 np_end: int, next_start: int, is_person: bool, fillers_only: bool,
                 breaks: re.Pattern[str]) -> str | None:
    """'arrest' / 'suspect' / None: the verb that counts a person phrase or a bare number."""
    # 1. a verb just before ("arrested 11", "questioned another 16", "charged two individuals")
    clause_left = left
    last_break = None
    for last_break in breaks.finditer(left):
        pass
    if last_break is not None:
        clause_left = left[last_break.end():]
    clause_offset = f.start - len(clause_left)
    left_cues = [c for c in _cues_in(all_cues, clause_offset, f.start) if c[0] in _PERSON_CUES]
    if left_cues:
        kind, _, ce = left_cues[-1]
        between = [w.lower() for w in re.findall(r"[^\W\d_]+", masked[ce:f.start])]
        # the tail of the verb word itself ("arrest|ed") is not a filler
        if between and re.match(r"\w", masked[ce - 1:ce]) and masked[ce:ce + 1].isalpha():
            between = between[1:]
        if all(w in FILLERS for w in between) and len(between) <= 3:
            return kind
        if is_person and len(between) <= 8:
            return kind
        if fillers_only and len(between) <= 4 and not _OBJECT_PREPOSITIONS.intersection(between):
            return kind
    if not is_person and not fillers_only:
        # bare number: only a verb right after it ("11 were arrested", "the two were charged")
        kind = _right_verb(masked, np_end, next_start)
        return kind if kind in _PERSON_CUES else None
    # 2. a verb after the noun phrase in the same clause ("Two suspects have been arrested")
    right = masked[np_end:next_start]
    bm = breaks.search(right)
    clause_right = right[:bm.start()] if bm else right
    if fillers_only:
        kind = _right_verb(masked, np_end, next_start)
        return kind if kind in _PERSON_CUES else None
    right_cues = [c for c in _cues_in(all_cues, np_end, np_end + len(clause_right)) if c[0] in _PERSON_CUES]
    if right_cues:
        return right_cues[0][0]
    # 3. the nearest verb anywhere between the neighbour figures
    cues = [c for c in _cues_in(all_cues, prev_end, f.start) + _cues_in(all_cues, np_end, next_start)
            if c[0] in _PERSON_CUES]
    return _nearest(cues, f.start, np_end, _PERSON_CUES)


# ---------------------------------------------------------------------------------------------
# Frames
# ---------------------------------------------------------------------------------------------


def extract_metrics(sentences: pl.DataFrame) -> pl.DataFrame:
    """One row per figure tied to a metric, over a `sentences` frame.

    Input columns: document_key, sentence_index, sentence_start, sentence_end, sentence (and
    optionally language). Output columns (`METRICS_SCHEMA`): document_key: str,
    sentence_index: i64, char_start: i64, char_end: i64, surface: str, metric: str,
    value: f64, value_low: f64?, value_high: f64?, qualifier: str, unit: str?
    """
    if sentences.height == 0:
        return pl.DataFrame(schema=METRICS_SCHEMA)
    languages = document_languages(sentences)
    # an explainer's answer is read with its question: "How many people were arrested? Nine: seven in Greece ..."
    question = pl.col("sentence").shift(1).over("document_key", order_by="sentence_index")
    asked = (
        sentences.select("document_key", "sentence_index", "sentence_start", "sentence")
        .with_columns(_question=pl.when(question.str.contains(_HOW_MANY) & pl.col("sentence").str.contains(_ANSWER_START))
                      .then(question))
        .with_columns(sentence=pl.when(pl.col("_question").is_not_null())
                      .then(pl.col("_question") + " " + pl.col("sentence")).otherwise("sentence"),
                      _shift=(pl.col("_question").str.len_chars() + 1).fill_null(0).cast(pl.Int64))
    )
    has_vocabulary = pl.any_horizontal([pl.col("sentence").str.contains(p) for p in VOCABULARY_PATTERNS])
    candidates = (
        asked.filter(pl.col("sentence").str.contains(CANDIDATE_PATTERN) & has_vocabulary)
        .join(languages, on="document_key", how="left")
    )
    # a syndicated story or a footer repeats sentences verbatim: read each distinct one once
    distinct = candidates.select("sentence", "language").unique(maintain_order=True).with_row_index("_u").with_columns(
        # an empty list becomes null: most kinds find nothing in most sentences, and a null crosses
        # into Python far faster than an empty list (`_locate_cues` reads both as no cue)
        *[pl.col("sentence").str.extract_all(pattern).pipe(lambda found: pl.when(found.list.len() > 0).then(found))
          .alias(kind) for kind, pattern in _CUE_PATTERNS_RUST.items()]
    )
    kinds = list(_CUE_PATTERNS_RUST)
    hits: dict[str, list] = {k: [] for k in ("_u", "_start", "_end", "surface", "metric", "value", "value_low",
                                             "value_high", "qualifier", "unit")}
    for u, sentence, language, *found in distinct.iter_rows():
        for f, metric, end in classify_sentence(sentence, language, dict(zip(kinds, found))):
            hits["_u"].append(u)
            hits["_start"].append(f.start)
            hits["_end"].append(end)
            hits["surface"].append(sentence[f.start:end])
            hits["metric"].append(metric)
            hits["value"].append(f.value)
            hits["value_low"].append(f.value_low)
            hits["value_high"].append(f.value_high)
            hits["qualifier"].append(f.qualifier)
            hits["unit"].append(f.unit if metric in MONEY_METRICS else None)
    hit_frame = pl.DataFrame(hits, schema={"_u": pl.UInt32, "_start": pl.Int64, "_end": pl.Int64,
                                           **{k: METRICS_SCHEMA[k] for k in list(hits)[3:]}})
    return (
        candidates.join(distinct.select("_u", "sentence", "language"), on=["sentence", "language"], how="inner",
                        nulls_equal=True)
        .join(hit_frame, on="_u", how="inner")
        .filter(pl.col("_start") >= pl.col("_shift"))  # figures of the question itself belong to the question's row
        .with_columns(
            (pl.col("sentence_start") + pl.col("_start") - pl.col("_shift")).alias("char_start"),
            (pl.col("sentence_start") + pl.col("_end") - pl.col("_shift")).alias("char_end"),
        )
        .sort("document_key", "sentence_index", "char_start")
        .select(list(METRICS_SCHEMA))
        .cast(METRICS_SCHEMA)
    )


# ---------------------------------------------------------------------------------------------
# Country scope
# ---------------------------------------------------------------------------------------------

# metrics a place can scope; the others (users, damage, requests) only take "N users in Italy"
_LOCATED_METRICS = ["arrests", "suspects", "searches", "officers_deployed"]
# never scoped: where servers or domains were is the country's `servers` role, not the figure's
# scope, and money, legal requests and country counts belong to the whole operation
_UNSCOPED_METRICS = ["servers_seized", "domains_seized", "assets_seized", "financial_damage", "legal_requests",
                     "countries_involved"]
_PERSON_METRICS = ["arrests", "suspects"]
# metrics scoped to the one country their sentence names, when the clause rules find none
_SENTENCE_SCOPED_METRICS = ["arrests", "searches"]
# how far back (characters) an earlier sentence's one country still scopes an arrest or a search
_CONTEXT_REACH = 1000
# a country in another clause than the figure ("...; servers in X", ", which was supported by X",
# "..., but the authorities arrested two") is about something else
_OTHER_CLAUSE = (
    r"(?i);|\b(?:but|however|whereas|ma|però|pero|sin\s+embargo|mas|porém|mais|cependant|aber|jedoch|maar|"
    r"echter|dar|însă|insa)\b|,\s*(?:which|who|whose|where|while|adding|after|che|il\s+quale|la\s+quale|"
    r"que|quien|donde|qui|où|die|welche[rs]?|wo|dat|waar|care|unde)\b"
)
# "Eleven people were arrested, four of them in Portugal": the place locates a part, not the total
_PART_OF_IT = (
    r"(?i)\b(?:of\s+(?:them|whom|which)|de\s+(?:ellos|ellas|los\s+cuales|las\s+cuales|eles|elas)|dos\s+quais|"
    r"das\s+quais|di\s+(?:loro|cui|questi)|d['’]entre\s+(?:eux|elles)|dont|davon|von\s+ihnen|van\s+hen|waarvan|"
    r"dintre\s+(?:ei|ele|care)|including|among\s+them|tra\s+cui|entre\s+ellos|darunter|waaronder)\b"
)
_CONTRAST = (
    r"(?i);|\b(?:but|however|whereas|ma|però|pero|sin\s+embargo|mas|porém|mais|cependant|aber|jedoch|maar|"
    r"echter|dar|însă|insa)\b"
)
# several countries took part, even when the sentence names one
_ABROAD_ANYWHERE = (
    r"(?i)\b(?:abroad|overseas|counterparts|other\s+countries|several\s+countries|all['’]estero|"
    r"altri\s+paesi|extranjero|otros\s+pa[íi]ses|exterior|estrangeiro|outros\s+pa[íi]ses|[ée]tranger|"
    r"autres\s+pays|Ausland|anderen\s+L[äa]ndern|buitenland|andere\s+landen|str[ăa]in[ăa]tate|alte\s+[țţt][ăa]ri)\b"
)
# mentions joined by ", " / " and " form a list ("in the Netherlands, United Kingdom, Sweden and Croatia")
_LIST_GAP = r"^\s*(?:,|;|/|&|and|or|as well as|e|ed|y|o|und|oder|sowie|et|ou|en|of|și|si|sau)?\s*(?:,\s*)?(?:and\s+|e\s+|y\s+|und\s+|et\s+|en\s+|și\s+)?(?:the\s+|la\s+|le\s+|il\s+|los\s+|las\s+|die\s+|der\s+|den\s+|het\s+|os\s+|as\s+|a\s+|o\s+)?$"
_LOCATIVE_BEFORE = (
    r"(?i)\b(?:in|en|nel|nella|nelle|negli|nei|in\s+der|im|in\s+den|na|no|nas|nos|em|au|aux|à|în|across|"
    r"throughout|within|inside|from|aus|dalla|dal|desde|do|da|din)\s+(?:[\w'’.-]+,?\s+){0,2}$"
)
_REQUEST_BEFORE = (
    r"(?i)(?:request|pedido|requerimiento|richiesta|ersuchen|demande|verzoek|cererea|solicitud|solicita|"
    r"extradi|behalf)\w*\s+(?:\S+\s+){0,5}$"
)
_TIE_CHARS = 6
_BY_AGENT = r"(?i)\b(?:by|por|par|von|door|da|dalla|dalle|dai|de\s+c[ăa]tre|pela|pelo|pelos|pelas)\b"
# a country further than this from the figure scopes something else of a long sentence
_MAX_SCOPE_DISTANCE = 80
_AND_ABROAD = (
    r"(?i)^\s*(?:and|or|y|e|et|und|en|și|o|ou|oder|of)\s+(?:abroad|elsewhere|overseas|beyond|other\s+countries|"
    r"all['’]estero|altrove|en\s+el\s+extranjero|no\s+exterior|no\s+estrangeiro|à\s+l['’]étranger|ailleurs|"
    r"im\s+Ausland|in\s+het\s+buitenland|[îi]n\s+str[ăa]in[ăa]tate)"
)
_AGENT_BETWEEN = (
    r"(?i)\b(?:by|from|in|en|por|par|von|door|del|della|dalla|dal|da|pela|pelo|im|at|across|into|to|a|al|"
    r"nach|naar|în|din|de\s+la|de\s+los|de\s+las)\b"
)


# national authorities whose name says their country: "La Guardia Civil ha detenido a 15 personas"
# scopes the arrests to Spain as "Spanish police arrested 15" does. Names shared by several
# countries ("Policía Nacional", "Polícia Federal", "Staatsanwaltschaft") are left out.
_NATIONAL_AGENCIES: dict[str, list[str]] = {
    "ITA": [r"Guardia\s+di\s+Finanza", r"GdF", r"Polizia\s+Postale", r"Polizia\s+di\s+Stato", r"Carabinieri",
            r"Procura\s+(?:della\s+Repubblica\s+)?di\s+[A-Z]\w+", r"Nucleo\s+Speciale\s+Beni\s+e\s+Servizi",
            r"Postal\s+(?:and\s+Communications?\s+)?Police", r"Financial\s+Police", r"Agcom", r"AGCOM"],
    "ESP": [r"Guardia\s+Civil", r"Mossos\s+d['’]Esquadra", r"Ertzaintza", r"Audiencia\s+Nacional",
            r"Polic[íi]a\s+Nacional\s+(?:de\s+)?Espa[ñn]a", r"Spanish\s+National\s+Police", r"Civil\s+Guard"],
    "PRT": [r"Pol[íi]cia\s+Judici[áa]ria", r"PSP", r"GNR", r"Guarda\s+Nacional\s+Republicana", r"IGAC"],
    "BRA": [r"Pol[íi]cia\s+Civil", r"Opera[çc][ãa]o\s+404"],
    "FRA": [r"Gendarmerie(?:\s+nationale)?", r"Police\s+nationale", r"OCLCTIC", r"Arcom", r"ARCOM",
            r"parquet\s+de\s+[A-Z]\w+", r"Parquet\s+de\s+[A-Z]\w+"],
    "DEU": [r"Bundeskriminalamt", r"BKA", r"Landeskriminalamt", r"LKA", r"Generalstaatsanwaltschaft",
            r"Zentralstelle\s+zur\s+Bek[äa]mpfung\s+der\s+Internetkriminalit[äa]t", r"ZIT", r"Bundespolizei",
            r"Federal\s+Criminal\s+Police\s+Office"],
    "NLD": [r"FIOD", r"Openbaar\s+Ministerie", r"Nationale\s+Politie", r"Dutch\s+Public\s+Prosecution"],
    "ROU": [r"DIICOT", r"Poli[țţt]ia\s+Rom[âa]n[ăa]", r"IGPR", r"Romanian\s+Police", r"Parchetul"],
    "GBR": [r"Police\s+Scotland", r"Metropolitan\s+Police", r"City\s+of\s+London\s+Police", r"PIPCU",
            r"National\s+Crime\s+Agency", r"Crown\s+Prosecution\s+Service", r"Scotland\s+Yard",
            r"Police\s+Intellectual\s+Property\s+Crime\s+Unit"],
    "USA": [r"FBI", r"Federal\s+Bureau\s+of\s+Investigation", r"Homeland\s+Security\s+Investigations", r"HSI",
            r"U\.?S\.?\s+Department\s+of\s+Justice", r"DOJ"],
    "BGR": [r"GDBOP"],
    "CAN": [r"RCMP", r"Royal\s+Canadian\s+Mounted\s+Police", r"S[ûu]ret[ée]\s+du\s+Qu[ée]bec"],
}
_AGENCY_RE = re.compile(
    "|".join(rf"(?P<{key}>\b(?:{'|'.join(pats)})\b)" for key, pats in _NATIONAL_AGENCIES.items())
)


@lru_cache(maxsize=1)
def _registry_authorities() -> dict[str, str]:
    """Alias -> country of the national and local police, prosecution and courts of the agency
    registry (`reference/`), for aliases that name one country's authority only."""
    try:
        from transforms.agencies import load_agency_registry

        agencies, aliases = load_agency_registry()
    except Exception:  # the registry is optional here: the curated names above still apply
        return {}
    table = (
        aliases.join(agencies.select("agency_key", "agency_type", "scope", "country_key"), on="agency_key")
        .filter(pl.col("agency_type").is_in(["police", "prosecution", "judiciary"])
                & pl.col("country_key").is_not_null() & (pl.col("alias").str.len_chars() >= 3))
        .group_by("alias").agg(pl.col("country_key").unique())
        .filter(pl.col("country_key").list.len() == 1)
    )
    return {a: c[0] for a, c in table.iter_rows()}


def _agency_mentions(sentences: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    """Country mentions read from the names of national authorities ("Guardia Civil" -> ESP)."""
    rows = []
    registry = _registry_authorities()
    frame = sentences.select(*keys, "sentence_start", "sentence")
    if registry and frame.height:
        frame = frame.with_columns(
            pl.col("sentence").str.extract_many(list(registry), overlapping=False).alias("_found")
        )
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.List(pl.String)).alias("_found"))
    # the Python scan below runs only over sentences where `_AGENCY_RE` can match
    frame = frame.filter(may_match(pl.col("sentence"), _AGENCY_RE.pattern) | (pl.col("_found").list.len() > 0))
    for key, index, s_start, sentence, found in frame.iter_rows():
        sentence = sentence or ""
        for m in _AGENCY_RE.finditer(sentence):
            rows.append((key, index, s_start + m.start(), s_start + m.end(), m.lastgroup, "agency"))
        pos = 0
        for alias in found or ():
            i = sentence.find(alias, pos)
            if i < 0:
                continue
            pos = i + len(alias)
            if (i > 0 and sentence[i - 1].isalnum()) or (pos < len(sentence) and sentence[pos].isalnum()):
                continue  # inside a longer word
            rows.append((key, index, s_start + i, s_start + pos, registry[alias], "agency"))
    return pl.DataFrame(rows, schema={"document_key": pl.String, "sentence_index": pl.Int64, "m_start": pl.Int64,
                                      "m_end": pl.Int64, "country_key": pl.String, "m_kind": pl.String},
                        orient="row")


def assign_metric_countries(metrics: pl.DataFrame, country_mentions: pl.DataFrame,
                            sentences: pl.DataFrame | None = None) -> pl.DataFrame:
    """`metrics` with `country_key` (nullable): the one country each figure is scoped to.

    `country_mentions` has document_key, sentence_index, char_start, char_end, surface,
    country_key, mention_kind ("name" / "demonym"), as `transforms.countries` finds them.
    `sentences` (the frame the metrics were read from) is optional but makes the rules
    text-aware; pass it when you have it.

    Rules, all as polars joins and expressions:
    - candidates are the mentions of the figure's own sentence between its previous and its
      next figure; a mention between two figures goes to the nearer one, a near tie (6
      characters) to the first ("vier in Spanien, drei in Schweden"), and it must lie within
      80 characters of the figure;
    - excluded: a nationality of the counted people (a demonym inside the figure phrase or
      right after it without "by/in/from...": "two Russian nationals", "dos ciudadanos
      rusos"), a requesting country ("at the request of the United States", "a pedido de
      ... Estados Unidos"), and every mention for `countries_involved`;
    - with `sentences`: arrests, suspects, searches, servers, domains, officers and assets take
      a mention introduced by a locative ("in Croatia", "en Argentina", "in 15 Italian
      regions", "in Córdoba, Argentina"); arrests also take the country of the police that
      made them (a mention before the figure in the same clause, "Croatian police arrested
      11 suspects", or after "by", "arrested by the Spanish National Police"); users, damage
      and legal requests only "22 million users in Italy". Without `sentences`: arrests and
      searches take the nearest mention, the others one at most 25 characters after them,
      and a demonym within 20 characters after a person figure is a nationality;
    - the nearest candidate wins (a locative one counts 30 characters nearer); no country
      when it is part of a list of several countries (mentions joined by ", " / " and ",
      "in the Netherlands, United Kingdom, Sweden ...") or followed by "and abroad";
    - never scoped: servers, domains, money, legal requests and country counts (where servers
      were is the country's `servers` role, not the figure's scope); a mention after the figure
      in another clause (", which ...", ", adding ...", "; ...") or after a part of the figure
      ("four of them in Portugal") does not scope it, nor one before it across "but";
    - with `sentences`, national authorities whose name says their country (a curated list and
      the registry's police, prosecution and courts: "Guardia Civil", "FIOD", "DIICOT") are
      mentions of that country; an arrest or a search left without a country takes the one
      country of its sentence (not a nationality, a requesting country, "counterparts abroad",
      another clause), else, when its sentence names none, the one country of the nearest
      earlier sentence naming any (within 1,000 characters).

    Output: the input columns (same rows, same order) plus `country_key: str`.
    """
    out_schema = {**dict(metrics.schema), "country_key": pl.String}
    if metrics.height == 0:
        return metrics.with_columns(pl.lit(None, dtype=pl.String).alias("country_key")).cast(out_schema)
    keys = ["document_key", "sentence_index"]
    figures = metrics.with_row_index("_mid").with_columns(
        pl.col("char_end").shift(1).over(keys, order_by="char_start").alias("_prev_end"),
        pl.col("char_start").shift(-1).over(keys, order_by="char_start").alias("_next_start"),
        pl.col("metric").shift(1).over(keys, order_by="char_start").alias("_prev_metric"),
        pl.col("metric").shift(-1).over(keys, order_by="char_start").alias("_next_metric"),
    )
    mentions = country_mentions.select(
        *keys,
        pl.col("char_start").alias("m_start"),
        pl.col("char_end").alias("m_end"),
        "country_key",
        pl.col("mention_kind").alias("m_kind"),
    )
    has_text = sentences is not None
    if has_text:
        text = sentences.select(*keys, "sentence_start", "sentence")
        with_figures = text.join(metrics.select("document_key").unique(), on="document_key", how="semi")
        mentions = pl.concat([mentions.cast({"m_start": pl.Int64, "m_end": pl.Int64}),
                              _agency_mentions(with_figures, keys)], how="vertical_relaxed")
        mentions = mentions.join(text, on=keys, how="left")
        gap_start = pl.col("m_end").shift(1).over(keys, order_by="m_start")
        gap = pl.col("sentence").str.slice(
            (gap_start - pl.col("sentence_start")).clip(lower_bound=0),
            (pl.col("m_start") - gap_start).clip(lower_bound=0),
        )
        joined_to_previous = gap_start.is_not_null() & (pl.col("m_start") - gap_start <= 20) & gap.str.contains(_LIST_GAP)
        mentions = mentions.with_columns(
            pl.col("sentence").str.slice(
                (pl.col("m_start") - pl.col("sentence_start") - 40).clip(lower_bound=0),
                (pl.col("m_start") - pl.col("sentence_start")).clip(upper_bound=40),
            ).alias("_before"),
            # "in Spain and abroad" is not one country
            pl.col("sentence").str.slice(pl.col("m_end") - pl.col("sentence_start"), 40)
            .str.contains(_AND_ABROAD).alias("_abroad"),
        )
    else:
        gap_start = pl.col("m_end").shift(1).over(keys, order_by="m_start")
        joined_to_previous = gap_start.is_not_null() & (pl.col("m_start") - gap_start <= 6)
    mentions = mentions.with_columns(joined_to_previous.fill_null(False).alias("_joined"))
    mentions = mentions.with_columns(
        (~pl.col("_joined")).cast(pl.Int64).cum_sum().over(keys, order_by="m_start").alias("_group")
    ).with_columns(pl.col("country_key").n_unique().over([*keys, "_group"]).alias("_group_countries"))
    if has_text:
        mentions = mentions.with_columns(
            pl.when(pl.col("_abroad")).then(2).otherwise(pl.col("_group_countries")).alias("_group_countries")
        )

    cand = figures.select("_mid", *keys, "char_start", "char_end", "metric", "_prev_end", "_next_start",
                          "_prev_metric", "_next_metric").join(
        mentions, on=keys, how="inner"
    )
    after = pl.col("m_start") >= pl.col("char_end")
    before = pl.col("m_end") <= pl.col("char_start")
    distance = (
        pl.when(after).then(pl.col("m_start") - pl.col("char_end"))
        .when(before).then(pl.col("char_start") - pl.col("m_end"))
        .otherwise(0)
    )
    cand = cand.with_columns(distance.alias("_d"), after.alias("_after"), before.alias("_before_fig"))
    in_zone = (
        (pl.col("_prev_end").is_null() | (pl.col("m_start") >= pl.col("_prev_end")))
        & (pl.col("_next_start").is_null() | (pl.col("m_end") <= pl.col("_next_start")))
        # a mention between two figures belongs to the nearer one; a near tie goes to the first,
        # since a place follows what it locates ("vier in Spanien, drei in Schweden")
        & ~(pl.col("_before_fig") & pl.col("_prev_end").is_not_null()
            & (pl.col("m_start") - pl.col("_prev_end") <= pl.col("_d") + _TIE_CHARS))
        & ~(pl.col("_after") & pl.col("_next_start").is_not_null()
            & (pl.col("_next_start") - pl.col("m_end") + _TIE_CHARS < pl.col("_d")))
    )
    person_demonym = pl.col("metric").is_in(_PERSON_METRICS) & (pl.col("m_kind") == "demonym")
    if has_text:
        between = pl.col("sentence").str.slice(
            (pl.col("char_end") - pl.col("sentence_start")).clip(lower_bound=0),
            (pl.col("m_start") - pl.col("char_end")).clip(lower_bound=0),
        )
        # "three people, among them a citizen of the Republic of Moldova, were detained": a country's
        # name after a citizen noun (in `_before`, the 40 characters before the mention)
        nationality = (person_demonym & (
            ~pl.col("_after") & ~pl.col("_before_fig")
            | (pl.col("_after") & (pl.col("_d") <= 30) & ~between.str.contains(contains_form(_AGENT_BETWEEN)))
        )) | (pl.col("metric").is_in(_PERSON_METRICS) & (pl.col("m_kind") != "demonym")
              & pl.col("_before").str.contains(CITIZEN_OF))
        locative = pl.col("_before").str.contains(contains_form(_LOCATIVE_BEFORE))
        request = pl.col("_before").str.contains(_REQUEST_BEFORE)
        # "in Croatia ... 11 arrests", "89 searches in 15 Italian regions"; an arrest also takes
        # the country of the police that made it ("arrested by the Spanish National Police"),
        # other figures do not ("The U.S. Department of Justice charged two ...")
        before_text = pl.col("sentence").str.slice(
            (pl.col("m_end") - pl.col("sentence_start")).clip(lower_bound=0),
            (pl.col("char_start") - pl.col("m_end")).clip(lower_bound=0),
        )
        # the police that made the arrests: the subject of the clause, or an agent after "by"
        arresting_police = (pl.col("metric") == "arrests") & (
            (pl.col("_before_fig") & ~before_text.str.contains(r"[,;:()]"))
            | (pl.col("_after") & between.str.contains(contains_form(_BY_AGENT)))
        )
        allowed = (
            (pl.col("metric").is_in(_LOCATED_METRICS) & locative)
            | arresting_police
            | (pl.col("_after") & locative & (pl.col("_d") <= 40))
        )
    else:
        nationality = person_demonym & (~pl.col("_before_fig") & (pl.col("_d") <= 20))
        locative = pl.lit(False)
        request = pl.lit(False)
        allowed = pl.col("metric").is_in(["arrests", "searches"]) | (pl.col("_after") & (pl.col("_d") <= 25))
    base = cand
    cand = cand.filter(
        in_zone
        & (pl.col("_d") <= _MAX_SCOPE_DISTANCE)
        & ~nationality
        & ~request
        & ~pl.col("metric").is_in(_UNSCOPED_METRICS)
        & allowed
        & ~((pl.col("_after") & between.str.contains(contains_form(_OTHER_CLAUSE)))
            | (pl.col("_after") & between.str.contains(contains_form(_PART_OF_IT)))
            | (pl.col("_before_fig") & before_text.str.contains(contains_form(_CONTRAST))) if has_text else pl.lit(False))
    ).with_columns((pl.col("_d") - pl.when(locative).then(30).otherwise(0)).alias("_score"))
    chosen = (
        cand.sort("_mid", "_score", "m_start")
        .group_by("_mid", maintain_order=True)
        .agg(pl.col("country_key").first(), pl.col("_group_countries").first())
        .select("_mid", pl.when(pl.col("_group_countries") == 1).then(pl.col("country_key")).alias("country_key"))
    )
    if has_text:
        # an arrest or a search in a sentence that names one country only (not the nationality
        # of the people counted, not a requesting country, not "and abroad") happened there, or
        # was made by its police: "Spanish police, backed by Europol, arrested six people"
        span_text = pl.col("sentence").str.slice(
            (pl.min_horizontal("char_end", "m_end") - pl.col("sentence_start")).clip(lower_bound=0),
            (pl.max_horizontal("char_start", "m_start") - pl.min_horizontal("char_end", "m_end")).clip(lower_bound=0),
        )
        fallback = (
            base.filter(
                pl.col("metric").is_in(_SENTENCE_SCOPED_METRICS) & ~nationality & ~request
                & ~span_text.str.contains(contains_form(_OTHER_CLAUSE))
                & ~span_text.str.contains(contains_form(_PART_OF_IT))
                # a place beyond another figure of the same metric is that figure's ("11 arrested, four in X")
                & ~((pl.col("m_start") >= pl.col("_next_start")) & (pl.col("_next_metric") == pl.col("metric")))
                    .fill_null(False)
                & ~((pl.col("m_end") <= pl.col("_prev_end")) & (pl.col("_prev_metric") == pl.col("metric")))
                    .fill_null(False)
                & ~pl.col("sentence").str.contains(contains_form(_ABROAD_ANYWHERE))
                & ~pl.col("sentence").str.slice(pl.col("m_end") - pl.col("sentence_start"), 12)
                .str.contains(r"^-?\s*(?:speaking|language|owned|based)")
            )
            .group_by("_mid")
            .agg(pl.col("country_key").n_unique().alias("_n"), pl.col("country_key").first().alias("_fb"),
                 pl.col("_abroad").any().alias("_ab"))
            .filter((pl.col("_n") == 1) & ~pl.col("_ab"))
            .select("_mid", "_fb")
        )
        decided = cand.select("_mid").unique()
        fallback = fallback.join(decided, on="_mid", how="anti")
        chosen = chosen.join(fallback, on="_mid", how="full", coalesce=True).select(
            "_mid", pl.coalesce("country_key", "_fb").alias("country_key")
        )
    if has_text:
        # an arrest or a search whose sentence names no country takes the one country of the
        # nearest earlier sentence that names any, within a paragraph's reach: "In Spain, the
        # Guardia Civil dismantled the network. Twelve people were arrested."
        own = mentions.select(*keys).unique()
        sentence_countries = (
            mentions.group_by(keys)
            .agg(pl.col("country_key").n_unique().alias("_n"), pl.col("country_key").first().alias("_ck"),
                 pl.col("m_start").min().alias("_ms"), pl.col("_abroad").any().alias("_ab"))
            .sort(keys)
        )
        pending = (
            figures.join(chosen.filter(pl.col("country_key").is_not_null()).select("_mid"), on="_mid", how="anti")
            .filter(pl.col("metric").is_in(_SENTENCE_SCOPED_METRICS))
            .join(own, on=keys, how="anti")
            .select("_mid", "document_key", "sentence_index", "char_start")
            .sort("document_key", "sentence_index")
        )
        if pending.height:
            previous = (
                pending.join_asof(
                    sentence_countries.rename({"sentence_index": "_prev_index"}).with_columns(
                        pl.col("_prev_index").alias("sentence_index")),
                    on="sentence_index", by="document_key", strategy="backward", allow_exact_matches=False,
                    check_sortedness=False,
                )
                .filter(pl.col("_ck").is_not_null() & (pl.col("_n") == 1) & ~pl.col("_ab").fill_null(False)
                        & (pl.col("char_start") - pl.col("_ms") <= _CONTEXT_REACH))
                .select("_mid", pl.col("_ck").alias("_ctx"))
            )
            chosen = chosen.join(previous, on="_mid", how="full", coalesce=True).select(
                "_mid", pl.coalesce("country_key", "_ctx").alias("country_key")
            )
        # "six in the Netherlands", "eight of them in France": a part of a figure placed in a country
        # carries the place in its own phrase, and is scoped to it whatever the metric
        inner = (
            base.filter((pl.col("m_start") >= pl.col("char_start")) & (pl.col("m_end") <= pl.col("char_end"))
                        & locative & pl.col("m_kind").is_in(["name", "city"]) & (pl.col("metric") != "countries_involved")
                        & (pl.col("_group_countries") == 1))
            .sort("_mid", "m_start").group_by("_mid", maintain_order=True)
            .agg(pl.col("country_key").first().alias("_inner"))
        )
        chosen = chosen.join(inner, on="_mid", how="full", coalesce=True).select(
            "_mid", pl.coalesce("_inner", "country_key").alias("country_key"))
    return (
        figures.join(chosen, on="_mid", how="left")
        .sort("_mid")
        .select(*metrics.columns, "country_key")
        .cast(out_schema)
    )
