"""Words and sentence templates of the synthetic corpus, per language.

Written by hand for the generator: how a journalist or a press office phrases a figure, a date,
a country or an agency in each corpus language. Nothing here is read from the extractor.
"""
from __future__ import annotations

LANGUAGES = ("en", "it", "es", "pt", "fr", "de", "nl", "ro")

MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "it": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
           "novembre", "dicembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro",
           "novembro", "dezembro"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
           "November", "Dezember"],
    "nl": ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"],
    "ro": ["ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
           "octombrie", "noiembrie", "decembrie"],
}
MONTHS_SHORT_EN = ["Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec"]

# Monday first, as datetime.weekday()
WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "it": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "pt": ["segunda-feira", "terça-feira", "quarta-feira", "quinta-feira", "sexta-feira", "sábado", "domingo"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "de": ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"],
    "nl": ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"],
    "ro": ["luni", "marți", "miercuri", "joi", "vineri", "sâmbătă", "duminică"],
}

# number words 2..12 whose form does not change with the noun's gender
NUMBER_WORDS = {
    "en": {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight", 9: "nine", 10: "ten",
           11: "eleven", 12: "twelve", 15: "fifteen", 20: "twenty"},
    "it": {2: "due", 3: "tre", 4: "quattro", 5: "cinque", 6: "sei", 7: "sette", 8: "otto", 9: "nove", 10: "dieci",
           11: "undici", 12: "dodici"},
    "es": {2: "dos", 3: "tres", 4: "cuatro", 5: "cinco", 6: "seis", 7: "siete", 8: "ocho", 9: "nueve", 10: "diez",
           11: "once", 12: "doce"},
    "pt": {3: "três", 4: "quatro", 5: "cinco", 6: "seis", 7: "sete", 8: "oito", 9: "nove", 10: "dez", 11: "onze",
           12: "doze"},
    "fr": {2: "deux", 3: "trois", 4: "quatre", 5: "cinq", 6: "six", 7: "sept", 8: "huit", 9: "neuf", 10: "dix",
           11: "onze", 12: "douze"},
    "de": {2: "zwei", 3: "drei", 4: "vier", 5: "fünf", 6: "sechs", 7: "sieben", 8: "acht", 9: "neun", 10: "zehn",
           11: "elf", 12: "zwölf"},
    "nl": {2: "twee", 3: "drie", 4: "vier", 5: "vijf", 6: "zes", 7: "zeven", 8: "acht", 9: "negen", 10: "tien",
           11: "elf", 12: "twaalf"},
    "ro": {3: "trei", 4: "patru", 5: "cinci", 6: "șase", 7: "șapte", 8: "opt", 9: "nouă", 10: "zece"},
}
A_DOZEN = {"en": "a dozen", "it": "una dozzina di", "es": "una docena de", "fr": "une douzaine de",
           "de": "ein Dutzend"}

THOUSANDS_SEP = {"en": ",", "it": ".", "es": ".", "pt": ".", "fr": "\u202f", "de": ".", "nl": ".", "ro": "."}
DECIMAL_SEP = {"en": ".", "it": ",", "es": ",", "pt": ",", "fr": ",", "de": ",", "nl": ",", "ro": ","}

QUALIFIERS = {
    "en": {"at_least": ["over", "more than", "at least", "in excess of"], "approx": ["about", "around", "nearly",
           "some", "roughly", "approximately", "almost"], "at_most": ["up to"]},
    "it": {"at_least": ["oltre", "più di", "almeno"], "approx": ["circa", "quasi", "all'incirca"],
           "at_most": ["fino a"]},
    "es": {"at_least": ["más de", "al menos"], "approx": ["cerca de", "unos", "casi", "alrededor de"],
           "at_most": ["hasta"]},
    "pt": {"at_least": ["mais de", "pelo menos"], "approx": ["cerca de", "quase", "aproximadamente"],
           "at_most": ["até"]},
    "fr": {"at_least": ["plus de", "au moins"], "approx": ["environ", "près de", "quelque"],
           "at_most": ["jusqu'à"]},
    "de": {"at_least": ["mehr als", "über", "mindestens"], "approx": ["rund", "etwa", "fast", "knapp"],
           "at_most": ["bis zu"]},
    "nl": {"at_least": ["meer dan", "ruim", "minstens"], "approx": ["ongeveer", "bijna", "circa"],
           "at_most": ["tot"]},
    "ro": {"at_least": ["peste", "mai mult de", "cel puțin"], "approx": ["aproximativ", "circa", "aproape"],
           "at_most": ["până la"]},
}

# "tens of thousands of" users and "tens of millions of" euros: (value_low, phrase)
RANGES = {
    "en": {"users": [(10_000, "tens of thousands of"), (100_000, "hundreds of thousands of")],
           "money": [(10_000_000, "tens of millions of")]},
    "it": {"users": [(10_000, "decine di migliaia di"), (100_000, "centinaia di migliaia di")],
           "money": [(10_000_000, "decine di milioni di")]},
    "es": {"users": [(10_000, "decenas de miles de"), (100_000, "cientos de miles de")],
           "money": [(10_000_000, "decenas de millones de")]},
    "pt": {"users": [(10_000, "dezenas de milhares de"), (100_000, "centenas de milhares de")],
           "money": [(10_000_000, "dezenas de milhões de")]},
}

# scale words: (singular, plural, joiner before the noun)
MILLION = {
    "en": ("million", "million", " "), "it": ("milione", "milioni", " di "), "es": ("millón", "millones", " de "),
    "pt": ("milhão", "milhões", " de "), "fr": ("million", "millions", " de "), "de": ("Million", "Millionen", " "),
    "nl": ("miljoen", "miljoen", " "), "ro": ("milion", "milioane", " de "),
}

CURRENCY_WORD = {
    "EUR": {"en": "euros", "it": "euro", "es": "euros", "pt": "euros", "fr": "euros", "de": "Euro", "nl": "euro",
            "ro": "euro"},
    "RON": {"en": "lei", "ro": "lei"},
    "BRL": {"en": "reais", "pt": "reais"},
    "GBP": {"en": "pounds"},
    "USD": {"en": "dollars"},
}
CURRENCY_SYMBOL = {"EUR": "€", "GBP": "£", "USD": "$", "BRL": "R$"}

# ------------------------------------------------------------------------------- countries
# English: name as written in running text, other accepted names, demonym (adjective).
COUNTRIES_EN = {
    "ITA": ("Italy", [], "Italian"), "ESP": ("Spain", [], "Spanish"), "PRT": ("Portugal", [], "Portuguese"),
    "BRA": ("Brazil", [], "Brazilian"), "FRA": ("France", [], "French"), "BEL": ("Belgium", [], "Belgian"),
    "DEU": ("Germany", [], "German"), "AUT": ("Austria", [], "Austrian"), "CHE": ("Switzerland", [], "Swiss"),
    "NLD": ("the Netherlands", ["Holland"], "Dutch"), "ROU": ("Romania", [], "Romanian"),
    "MDA": ("Moldova", ["the Republic of Moldova"], "Moldovan"),
    "GBR": ("the United Kingdom", ["the UK", "Britain"], "British"),
    "USA": ("the United States", ["the U.S.", "the US"], "U.S."), "IRL": ("Ireland", [], "Irish"),
    "GRC": ("Greece", [], "Greek"), "POL": ("Poland", [], "Polish"), "SWE": ("Sweden", [], "Swedish"),
    "DNK": ("Denmark", [], "Danish"), "BGR": ("Bulgaria", [], "Bulgarian"), "CYP": ("Cyprus", [], "Cypriot"),
    "HUN": ("Hungary", [], "Hungarian"), "CZE": ("the Czech Republic", ["Czechia"], "Czech"),
    "LVA": ("Latvia", [], "Latvian"), "LTU": ("Lithuania", [], "Lithuanian"), "ARG": ("Argentina", [], "Argentine"),
    "CAN": ("Canada", [], "Canadian"), "UKR": ("Ukraine", [], "Ukrainian"), "SVK": ("Slovakia", [], "Slovak"),
}
# other languages: (name, "in <country>")
COUNTRIES = {
    "it": {"ITA": ("Italia", "in Italia"), "ESP": ("Spagna", "in Spagna"), "PRT": ("Portogallo", "in Portogallo"),
           "FRA": ("Francia", "in Francia"), "DEU": ("Germania", "in Germania"),
           "NLD": ("Paesi Bassi", "nei Paesi Bassi"), "BEL": ("Belgio", "in Belgio"),
           "AUT": ("Austria", "in Austria"), "CHE": ("Svizzera", "in Svizzera"), "ROU": ("Romania", "in Romania"),
           "GBR": ("Regno Unito", "nel Regno Unito"), "USA": ("Stati Uniti", "negli Stati Uniti"),
           "BGR": ("Bulgaria", "in Bulgaria"), "POL": ("Polonia", "in Polonia"), "GRC": ("Grecia", "in Grecia")},
    "es": {"ESP": ("España", "en España"), "ITA": ("Italia", "en Italia"), "PRT": ("Portugal", "en Portugal"),
           "FRA": ("Francia", "en Francia"), "DEU": ("Alemania", "en Alemania"),
           "NLD": ("Países Bajos", "en los Países Bajos"), "BEL": ("Bélgica", "en Bélgica"),
           "ROU": ("Rumanía", "en Rumanía"), "GBR": ("Reino Unido", "en el Reino Unido"),
           "USA": ("Estados Unidos", "en Estados Unidos"), "ARG": ("Argentina", "en Argentina"),
           "BRA": ("Brasil", "en Brasil"), "POL": ("Polonia", "en Polonia")},
    "pt": {"PRT": ("Portugal", "em Portugal"), "BRA": ("Brasil", "no Brasil"), "ESP": ("Espanha", "na Espanha"),
           "ITA": ("Itália", "na Itália"), "FRA": ("França", "na França"), "DEU": ("Alemanha", "na Alemanha"),
           "NLD": ("Países Baixos", "nos Países Baixos"), "GBR": ("Reino Unido", "no Reino Unido"),
           "USA": ("Estados Unidos", "nos Estados Unidos"), "ARG": ("Argentina", "na Argentina"),
           "LVA": ("Letónia", "na Letónia")},
    "fr": {"FRA": ("France", "en France"), "BEL": ("Belgique", "en Belgique"), "ESP": ("Espagne", "en Espagne"),
           "ITA": ("Italie", "en Italie"), "DEU": ("Allemagne", "en Allemagne"), "NLD": ("Pays-Bas", "aux Pays-Bas"),
           "CHE": ("Suisse", "en Suisse"), "PRT": ("Portugal", "au Portugal"),
           "GBR": ("Royaume-Uni", "au Royaume-Uni"), "USA": ("États-Unis", "aux États-Unis"),
           "ROU": ("Roumanie", "en Roumanie")},
    "de": {"DEU": ("Deutschland", "in Deutschland"), "AUT": ("Österreich", "in Österreich"),
           "CHE": ("Schweiz", "in der Schweiz"), "NLD": ("Niederlande", "in den Niederlanden"),
           "ESP": ("Spanien", "in Spanien"), "ITA": ("Italien", "in Italien"), "FRA": ("Frankreich", "in Frankreich"),
           "POL": ("Polen", "in Polen"), "ROU": ("Rumänien", "in Rumänien"), "USA": ("USA", "in den USA"),
           "GBR": ("Großbritannien", "in Großbritannien"), "BEL": ("Belgien", "in Belgien")},
    "nl": {"NLD": ("Nederland", "in Nederland"), "BEL": ("België", "in België"), "DEU": ("Duitsland", "in Duitsland"),
           "FRA": ("Frankrijk", "in Frankrijk"), "ESP": ("Spanje", "in Spanje"), "ITA": ("Italië", "in Italië"),
           "GBR": ("Verenigd Koninkrijk", "in het Verenigd Koninkrijk"),
           "USA": ("Verenigde Staten", "in de Verenigde Staten"), "POL": ("Polen", "in Polen")},
    "ro": {"ROU": ("România", "în România"), "MDA": ("Republica Moldova", "în Republica Moldova"),
           "ITA": ("Italia", "în Italia"), "ESP": ("Spania", "în Spania"), "DEU": ("Germania", "în Germania"),
           "FRA": ("Franța", "în Franța"), "BGR": ("Bulgaria", "în Bulgaria"), "HUN": ("Ungaria", "în Ungaria"),
           "NLD": ("Olanda", "în Olanda"), "GBR": ("Marea Britanie", "în Marea Britanie")},
}

# where each language's press offices sit, and the cities of their datelines
HOME = {
    "it": {"ITA": ["Roma", "Milano", "Napoli", "Torino", "Bari", "Catania", "Bologna"]},
    "es": {"ESP": ["Madrid", "Barcelona", "Málaga", "Valencia", "Sevilla", "Alicante"]},
    "pt": {"PRT": ["Lisboa", "Porto", "Braga"], "BRA": ["São Paulo", "Brasília", "Rio de Janeiro", "Curitiba"]},
    "fr": {"FRA": ["Paris", "Lyon", "Marseille", "Lille", "Bordeaux"]},
    "de": {"DEU": ["Berlin", "Frankfurt am Main", "München", "Köln", "Hamburg"], "AUT": ["Wien", "Graz"]},
    "nl": {"NLD": ["Den Haag", "Amsterdam", "Rotterdam", "Utrecht"], "BEL": ["Brussel", "Antwerpen"]},
    "ro": {"ROU": ["București", "Cluj-Napoca", "Iași", "Constanța"]},
}
CITIES_EN = {
    "ITA": ["Rome", "Milan", "Naples", "Turin"], "ESP": ["Madrid", "Barcelona", "Malaga"],
    "PRT": ["Lisbon", "Porto"], "BRA": ["Sao Paulo", "Brasilia", "Rio de Janeiro"], "FRA": ["Paris", "Lyon"],
    "BEL": ["Brussels", "Antwerp"], "DEU": ["Berlin", "Frankfurt", "Munich", "Cologne"], "AUT": ["Vienna"],
    "CHE": ["Zurich", "Bern"], "NLD": ["The Hague", "Amsterdam", "Rotterdam"], "ROU": ["Bucharest", "Cluj"],
    "GBR": ["London", "Manchester", "Birmingham"], "USA": ["Washington", "Los Angeles", "New York", "Miami"],
    "IRL": ["Dublin", "Cork"], "GRC": ["Athens", "Thessaloniki"], "POL": ["Warsaw", "Krakow"],
    "SWE": ["Stockholm", "Gothenburg"], "DNK": ["Copenhagen"], "BGR": ["Sofia"], "HUN": ["Budapest"],
    "CZE": ["Prague"], "LVA": ["Riga"], "LTU": ["Vilnius"], "CYP": ["Nicosia", "Limassol"],
}

# country -> currency of its figures
CURRENCY_OF = {"GBR": "GBP", "USA": "USD", "BRA": "BRL", "ROU": "RON"}

PLATFORMS_BY_COUNTRY = {
    "ITA": ["Sky Italia", "DAZN", "Serie A", "Mediaset Infinity", "RAI"],
    "ESP": ["LaLiga", "Movistar+", "DAZN", "Atresmedia"], "PRT": ["Sport TV", "Benfica TV", "Liga Portugal"],
    "BRA": ["Globo", "SporTV", "Telecine", "Globoplay"], "FRA": ["Canal+", "beIN Sports", "Ligue 1", "RMC Sport"],
    "BEL": ["Proximus", "Telenet"], "DEU": ["Sky Deutschland", "Bundesliga", "Joyn", "MagentaTV"],
    "AUT": ["Sky Deutschland", "Bundesliga"], "NLD": ["Ziggo Sport", "Videoland", "Eredivisie", "Viaplay"],
    "ROU": ["Pro TV", "Antena 1", "Digi Sport", "Prima TV"], "GBR": ["Sky Sports", "Premier League", "TNT Sports"],
    "USA": ["Hulu", "Peacock", "NFL", "NBA", "ESPN"], "IRL": ["Sky Sports", "Premier League"],
    "*": ["Netflix", "Amazon Prime Video", "Disney+", "Apple TV+", "Paramount+", "DAZN", "Eurosport",
          "Crunchyroll", "Warner Bros.", "Universal Pictures", "Sony Pictures", "Formula 1", "UEFA"],
}

# ------------------------------------------------------------------------------- agencies
# registry key -> (English forms, forms in the country's own language; inflected forms such as
# "das Bayerische Landeskriminalamt" are written as grammar wants them). "the |X": the article
# before "|" is dropped where the grammar needs it (not used yet) and capitalised at a
# sentence start. Every form is checked against reference/agency_aliases.csv at load.
POLICE = {
    "ITA": [("it-guardia-di-finanza", ["the |Guardia di Finanza", "Italy's |Guardia di Finanza", "the |Italian Financial Police"],
             ["la |Guardia di Finanza"]),
            ("it-polizia-postale", ["the |Italian Postal Police", "the |Polizia Postale"],
             ["la |Polizia Postale", "la |Polizia Postale e delle Comunicazioni"]),
            ("it-carabinieri", ["the |Carabinieri", "Italy's |Carabinieri"], ["i |Carabinieri"])],
    "ESP": [("es-policia-nacional", ["the |Spanish National Police", "Spain's |Policía Nacional"],
             ["la |Policía Nacional"]),
            ("es-guardia-civil", ["the |Guardia Civil", "Spain's |Guardia Civil"], ["la |Guardia Civil"])],
    "PRT": [("pt-policia-judiciaria", ["Portugal's |Polícia Judiciária", "the |Polícia Judiciária"],
             ["a |Polícia Judiciária"])],
    "BRA": [("br-policia-federal", ["the |Brazilian Federal Police", "Brazil's |Polícia Federal"],
             ["a |Polícia Federal"])],
    "FRA": [("fr-gendarmerie", ["the |French National Gendarmerie", "France's |Gendarmerie nationale"],
             ["la |Gendarmerie nationale"]),
            ("fr-police-nationale", ["the |French National Police"], ["la |Police nationale"])],
    "BEL": [("be-federal-police", ["the |Belgian Federal Police"], ["de |Federale Politie"])],
    "DEU": [("de-bka", ["Germany's |Federal Criminal Police Office", "the |Federal Criminal Police Office (BKA)",
                        "the |Bundeskriminalamt"], ["das |Bundeskriminalamt", "das |Bundeskriminalamt (BKA)"]),
            ("de-lka-by", ["the |State Criminal Police Office of Bavaria", "the |Bavaria State Criminal Police Office"], ["das |Bayerische Landeskriminalamt"])],
    "AUT": [("at-bk", ["Austria's |Federal Criminal Police Office", "the |Austrian Federal Criminal Police Office"],
             ["das |Bundeskriminalamt Österreich"])],
    "NLD": [("nl-fiod", ["the |Dutch Fiscal Information and Investigation Service (FIOD)", "the |FIOD"], ["de |FIOD"]),
            ("nl-politie", ["the |Dutch National Police"], ["de |Nationale Politie"])],
    "ROU": [("ro-politia-romana", ["the |Romanian Police"], ["|Poliția Română"]),
            ("ro-diicot", ["Romania's |DIICOT", "the |Directorate for Investigating Organized Crime and Terrorism"],
             ["|DIICOT"])],
    "GBR": [("gb-pipcu", ["the |Police Intellectual Property Crime Unit (PIPCU)", "|PIPCU"], []),
            ("gb-nca", ["the |National Crime Agency"], [])],
    "USA": [("us-fbi", ["the |FBI", "the |Federal Bureau of Investigation"], []),
            ("us-hsi", ["|Homeland Security Investigations", "|Homeland Security Investigations (HSI)"], [])],
    "IRL": [("ie-garda", ["|An Garda Síochána"], []), ("ie-gnccb", ["the |Garda National Cyber Crime Bureau"], [])],
    "GRC": [("gr-hellenic-police", ["the |Hellenic Police", "the |Greek Police"], [])],
    "POL": [("pl-cbzc", ["Poland's |Central Cybercrime Bureau", "the |Central Cybercrime Bureau (CBZC)"], [])],
    "SWE": [("se-polisen", ["the |Swedish Police Authority"], [])],
    "HUN": [("hu-nni", ["the |Hungarian National Bureau of Investigation"], [])],
    "CHE": [("ch-fedpol", ["the |Federal Office of Police (fedpol)"], [])],
}
PROSECUTORS = {
    "ITA": [("it-procura-milano", ["the |Milan prosecutor's office"], ["la |Procura di Milano"]),
            ("it-procura-roma", ["the |Rome prosecutor's office"], ["la |Procura di Roma",
                                                                   "la |Procura della Repubblica di Roma"])],
    "ESP": [("es-fiscalia-madrid", ["the |Madrid prosecutor's office"], ["la |Fiscalía de Madrid"])],
    "PRT": [("pt-dciap", ["the |Central Department of Criminal Investigation and Prosecution (DCIAP)"],
             ["o |DCIAP"])],
    "BRA": [("br-mpf", ["the |Brazilian Federal Public Prosecutor's Office", "Brazil's |Federal Prosecutor's Office"], ["o |Ministério Público Federal"])],
    "FRA": [("fr-parquet-paris", ["the |Paris prosecutor's office"], ["le |parquet de Paris"]),
            ("fr-junalco", ["the |JUNALCO prosecutors"], ["la |JUNALCO"])],
    "BEL": [("be-parquet-bruxelles", ["the |Brussels prosecutor's office"], ["het |Parket Brussel"])],
    "DEU": [("de-gensta-frankfurt", ["the |Frankfurt General Prosecutor's Office"],
             ["die |Generalstaatsanwaltschaft Frankfurt am Main"]),
            ("de-sta-koeln", ["the |Cologne public prosecutor's office"], ["die |Staatsanwaltschaft Köln"])],
    "NLD": [("nl-openbaar-ministerie", ["the |Dutch Public Prosecution Service"], ["het |Openbaar Ministerie"]),
            ("nl-functioneel-parket", ["the |Functioneel Parket"], ["het |Functioneel Parket"])],
    "ROU": [("ro-diicot", ["|DIICOT prosecutors"], ["|DIICOT"])],
    "GBR": [("gb-cps", ["the |Crown Prosecution Service"], [])],
    "USA": [("us-doj", ["the |Department of Justice"], [])],
}
INTERNATIONAL = {
    "int-europol": (["|Europol"], ["|Europol"]),
    "int-eurojust": (["|Eurojust"], ["|Eurojust"]),
    "int-interpol": (["|INTERPOL"], ["|INTERPOL", "|Interpol"]),
}
INDUSTRY = {
    "ind-ace": (["the |Alliance for Creativity and Entertainment (ACE)", "the |Alliance for Creativity and Entertainment"],
                ["|ACE", "la |Alliance for Creativity and Entertainment (ACE)"]),
    "ind-aapa": (["the |Audiovisual Anti-Piracy Alliance (AAPA)"], ["|AAPA"]),
    "ind-fapav": (["the |Italian anti-piracy federation FAPAV", "|FAPAV"], ["la |FAPAV"]),
    "ind-lega-serie-a": (["|Lega Serie A"], ["la |Lega Serie A"]),
    "ind-laliga": (["|LaLiga", "Spain's football league |LaLiga"], ["|LaLiga"]),
    "ind-alpa": (["the |French anti-piracy association ALPA"], ["l'|ALPA"]),
    "ind-brein": (["the |Dutch anti-piracy group BREIN", "|BREIN"], ["|BREIN"]),
    "ind-premier-league": (["the |Premier League"], []),
    "ind-fact": (["the |Federation Against Copyright Theft (FACT)", "|FACT"], []),
    "ind-mpa": (["the |Motion Picture Association"], []),
    "ind-gedipe": (["|GEDIPE"], ["a |GEDIPE"]),
    "ind-abta": (["the |Brazilian Pay TV Association (ABTA)"], ["a |ABTA"]),
    "ind-gvu": (["the |GVU"], ["die |GVU"]),
    "ind-rights-alliance": (["|Rights Alliance"], []),
}
COMPLAINANTS_BY_COUNTRY = {
    "ITA": ["ind-fapav", "ind-lega-serie-a"], "ESP": ["ind-laliga"], "FRA": ["ind-alpa"], "NLD": ["ind-brein"],
    "GBR": ["ind-premier-league", "ind-fact"], "USA": ["ind-mpa"], "PRT": ["ind-gedipe"],
    "BRA": ["ind-abta"], "DEU": ["ind-gvu"],
    "DNK": ["ind-rights-alliance"], "*": ["ind-ace", "ind-aapa"],
}
LEAGUE_PLATFORM = {"ind-laliga": "LaLiga", "ind-lega-serie-a": "Serie A", "ind-premier-league": "Premier League"}
# the language a country's own press office writes in
NATIVE = {"ITA": "it", "ESP": "es", "PRT": "pt", "BRA": "pt", "FRA": "fr", "BEL": "nl", "DEU": "de", "AUT": "de",
          "NLD": "nl", "ROU": "ro"}
