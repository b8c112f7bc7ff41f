"""Events, documents and their gold: the generator proper.

An *event* is one real-world operation with its facts (countries, agencies, platforms, figures,
dates). Each event is written up by one to three documents in different styles and languages,
each stating a subset of the facts in its own words; the gold of a document is exactly the facts
of the sentences it contains.
"""
from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

from takedown.synth import lexicon as lx
from takedown.synth import padding as pad
from takedown.synth import templates as tp
from takedown.synth.vocabulary import Agency, Vocabulary, load

LANGUAGE_WEIGHTS = {"en": 58, "it": 6, "es": 6, "pt": 6, "fr": 6, "de": 6, "nl": 6, "ro": 6}
EN_STYLES = ["wire", "press", "trade", "blog", "mt", "repost"]
LEADS_EN = ["GBR", "USA", "IRL", "ITA", "ESP", "PRT", "BRA", "FRA", "BEL", "DEU", "AUT", "NLD", "ROU", "GRC",
            "POL", "SWE", "HUN", "CHE"]
NAME_WORDS = ["Black Signal", "Offside", "Dark Screen", "Kyma", "Meridian", "Icarus", "Blackout", "Taken Down",
              "Eclipse", "Zero Signal", "Red Card", "Fake Star", "Switch Off", "Broken Stream", "Last Channel",
              "Nightfall", "Falcon", "Orion", "Tempesta", "Segnale Spento", "Eclissi", "Lusco-Fusco", "Apagón",
              "Sombra", "Cortina", "Netz", "Kaiser", "Zenit", "Vortex", "Aurora", "Spectrum", "Hydra", "Atlas",
              "Kraken", "Phoenix", "Trident", "Sentinel", "Pandora", "Minotaur", "Cerberus", "Helios", "Nemesis"]
NAME_A = ["Black", "Dark", "Red", "Silent", "Broken", "Golden", "Iron", "Frozen", "Hidden", "Last", "Blue", "Zero",
          "Open", "Night", "Grey", "Crystal", "Steel", "Empty", "White", "Lost", "Cold", "Final", "Green", "Northern"]
NAME_B = ["Signal", "Screen", "Card", "Stream", "Channel", "Falcon", "Storm", "Wave", "Gate", "Mirror", "Harbor",
          "Shadow", "Anchor", "Tower", "Bridge", "Key", "River", "Arrow", "Whistle", "Frame", "Orbit", "Lantern"]
BRAND_A = ["Stream", "Flix", "Kino", "Goal", "Nova", "Zenith", "Turbo", "Mega", "Star", "Prime", "Ultra", "Sky",
           "Box", "Net", "Cine", "Sport", "Live", "Max", "Giga", "Flash", "Nordic", "Euro", "Hyper", "Blue"]
BRAND_B = ["Haven", "Flux", "Box", "Streamz", "Play", "Nova", "Wave", "Zone", "Hub", "Planet", "Line", "Cast",
           "Point", "Port", "Land", "Go", "Flow", "Vision", "Bay", "Link"]
BRAND_C = ["", "", "", " TV", " IPTV", " HD", " Plus"]


@dataclass
class Figure:
    metric: str
    value: int
    qualifier: str = "exact"
    unit: str | None = None
    country: str | None = None


@dataclass
class Event:
    id: str
    name: str | None
    target: str | None
    kind: str
    action_date: dt.date
    lead: str
    police: tuple[str, list[str], list[str]]
    prosecutor: tuple[str, list[str], list[str]] | None
    participants: list[tuple[str, tuple | None, list[Figure]]]
    server_countries: list[tuple[str, Figure | None]]
    international: list[tuple[str, str]]  # (agency key, role)
    complainants: list[str]
    platforms: list[str]
    figures: list[Figure]
    currency: str
    nationality: str | None
    recap: tuple[str | None, int, list[Figure]] | None  # (name, year, figures)


@dataclass
class Facts:
    """The gold of one operation as written so far in one document."""
    countries: dict[str, list[str]] = field(default_factory=dict)
    agencies: dict[str, dict] = field(default_factory=dict)
    metrics: list[dict] = field(default_factory=list)
    platforms: dict[str, dict] = field(default_factory=dict)

    def country(self, iso: str, role: str) -> None:
        roles = self.countries.setdefault(iso, [])
        if role not in roles:
            roles.append(role)

    def agency(self, a: Agency, role: str, surface: str) -> None:
        entry = self.agencies.setdefault(a.key, {"name": a.name, "aliases": list(a.aliases), "country": a.country,
                                                 "role": role})
        core = surface.split(" (")[0]
        for form in (core,):
            if form != a.name and form not in entry["aliases"]:
                entry["aliases"].append(form)
        if a.country and role != "complainant":
            self.country(a.country, "lead" if role == "lead" else "participant")

    def metric(self, f: Figure) -> None:
        row = {"metric": f.metric, "value": f.value, "qualifier": f.qualifier, "unit": f.unit, "country": f.country}
        if row not in self.metrics:
            self.metrics.append(row)


# ------------------------------------------------------------------------------------ numbers

def group(value: int, lang: str) -> str:
    s = f"{value:,}"
    if lang == "es" and value < 10_000:
        return str(value)
    return s.replace(",", lx.THOUSANDS_SEP[lang])


def ro_de(value: int) -> bool:
    """Romanian puts "de" between a number and its noun from 20 on (except 101..119 etc.)."""
    r = value % 100
    return value >= 20 and (r == 0 or r >= 20)


def qualifier_words(f: Figure, lang: str, rng: random.Random) -> str:
    """"over ", "circa ", "up to ": the words of a figure's qualifier, or nothing when it is exact or a range."""
    if f.qualifier in ("at_least", "approx", "at_most"):
        return rng.choice(lx.QUALIFIERS[lang][f.qualifier]) + " "
    return ""


def decimal(number: float, lang: str) -> str:
    """1.6 -> "1,6" in Italian; whole numbers without a decimal part."""
    return (f"{number:.1f}" if number != int(number) else str(int(number))).replace(".", lx.DECIMAL_SEP[lang])


def count_phrase(f: Figure, lang: str, noun: str, rng: random.Random, style: str) -> str:
    """A count with its qualifier and noun: "over 60 servers", "sette persone", "1,5 milioni di utenti"."""
    v = f.value
    qual = qualifier_words(f, lang, rng)
    if f.qualifier == "range":
        low_phrase = next(p for low, p in lx.RANGES[lang]["users"] if low == v)
        return f"{low_phrase} {noun}"
    if v >= 1_000_000 and v % 100_000 == 0:
        mant = v / 1_000_000
        num = decimal(mant, lang)
        if lang == "en" and style in ("trade", "blog") and rng.random() < 0.5:
            return f"{qual}{num}m {noun}"
        sing, plur, join = lx.MILLION[lang]
        word = sing if mant < 2 else plur
        if lang == "fr" and noun[:1] in "aeiouéhAEIOU":
            join = " d'"
        return f"{qual}{num} {word}{join}{noun}".replace("' ", "'")
    if v == 12 and f.qualifier == "exact" and lang in lx.A_DOZEN and rng.random() < 0.3:
        return f"{lx.A_DOZEN[lang]} {noun}"
    words = lx.NUMBER_WORDS[lang]
    if v in words and rng.random() < 0.6:
        num = words[v]
    else:
        num = group(v, lang)
    if lang == "ro" and num[0].isdigit() and ro_de(v):
        return f"{qual}{num} de {noun}"
    return f"{qual}{num} {noun}".strip()


def money_phrase(f: Figure, lang: str, rng: random.Random, style: str) -> str:
    v, cur = f.value, f.unit
    qual = qualifier_words(f, lang, rng)
    word = lx.CURRENCY_WORD.get(cur, {}).get(lang) or cur
    if f.qualifier == "range":
        phrase = next(p for low, p in lx.RANGES[lang]["money"] if low == v)
        return f"{phrase} {word}"
    sym = lx.CURRENCY_SYMBOL.get(cur)
    if v >= 1_000_000 and v % 100_000 == 0:
        mant = v / 1_000_000
        num = decimal(mant, lang)
        if lang == "en":
            if v >= 1_000_000_000 and v % 100_000_000 == 0 and sym:
                return f"{qual}{sym}{decimal(v / 1e9, lang)}bn"
            choice = rng.random()
            if sym and choice < 0.35:
                return f"{qual}{sym}{num}m" if style in ("trade", "blog") else f"{qual}{sym}{num} million"
            if choice < 0.6:
                return f"{qual}{cur} {num} million"
            return f"{qual}{num} million {word}"
        if lang == "fr" and cur == "EUR" and rng.random() < 0.3:
            return f"{qual}{num} M€"
        if lang == "de" and rng.random() < 0.4:
            return f"{qual}{num} Mio. {word}"
        sing, plur, join = lx.MILLION[lang]
        w = sing if mant < 2 else plur
        if lang == "fr" and word[:1] in "aeiou":
            join = " d'"
        return f"{qual}{num} {w}{join}{word}".replace("' ", "'")
    digits = group(v, lang)
    if lang == "en":
        if sym and rng.random() < 0.5:
            if v % 1000 == 0 and style in ("trade", "blog") and rng.random() < 0.5:
                return f"{qual}{sym}{v // 1000}k"
            return f"{qual}{sym}{digits}"
        return f"{qual}{cur} {digits}" if rng.random() < 0.5 else f"{qual}{digits} {word}"
    if lang == "fr" and cur == "EUR":
        return f"{qual}{digits} €"
    if lang == "ro" and ro_de(v):
        return f"{qual}{digits} de {word}"
    return f"{qual}{digits} {word}"


def round_value(rng: random.Random, low: int, high: int, qualifier: str) -> int:
    v = int(round(10 ** rng.uniform(len(str(low)) - 1 + (low / 10 ** (len(str(low)) - 1) - 1) / 9,
                                    len(str(high)) - 1)))
    v = max(low, min(high, v))
    if qualifier != "exact":
        step = 10 if v < 200 else 50 if v < 1000 else 1000 if v < 100_000 else 10_000
        v = max(step, round(v / step) * step)
    return v


# ------------------------------------------------------------------------------------- events

def pick_language(rng: random.Random) -> str:
    return rng.choices(list(LANGUAGE_WEIGHTS), weights=list(LANGUAGE_WEIGHTS.values()))[0]


def new_event(rng: random.Random, index: int, language: str) -> Event:
    if language == "en":
        lead = rng.choice(LEADS_EN)
    else:
        lead = rng.choice(list(lx.HOME[language]))
    police = rng.choice(lx.POLICE[lead])
    prosecutor = rng.choice(lx.PROSECUTORS[lead]) if lead in lx.PROSECUTORS and rng.random() < 0.4 else None
    year = rng.randint(2019, 2026)
    action = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    name = None
    if rng.random() < 0.7:
        name = rng.choice(NAME_WORDS) if rng.random() < 0.3 else f"{rng.choice(NAME_A)} {rng.choice(NAME_B)}"
    target = None
    if rng.random() < 0.8:
        target = rng.choice(BRAND_A) + rng.choice(BRAND_B) + rng.choice(BRAND_C)
    currency = lx.CURRENCY_OF.get(lead, "EUR")
    if language != "en" and currency not in ("EUR",) and lang_has_currency(language, currency) is False:
        currency = "EUR"
    figures: list[Figure] = []

    def add(metric, low, high, quals=("exact", "exact", "exact", "at_least", "approx"), country=None, unit=None):
        q = rng.choice(quals)
        figures.append(Figure(metric, round_value(rng, low, high, q), q, unit, country))

    if rng.random() < 0.85:
        add("arrests", 2, 40, country=lead if rng.random() < 0.5 else None)
    if rng.random() < 0.3:
        add("suspects", 3, 120)
    if rng.random() < 0.75:
        add("searches", 2, 150, country=lead if rng.random() < 0.4 else None)
    if rng.random() < 0.55:
        add("servers_seized", 2, 300)
    if rng.random() < 0.4:
        add("domains_seized", 5, 3000)
    if rng.random() < 0.7:
        q = rng.choice(["exact", "at_least", "at_least", "approx", "range"])
        if q == "range" and language in lx.RANGES:
            low = rng.choice([10_000, 100_000])
            figures.append(Figure("users_affected", low, "range"))
        else:
            q = "at_least" if q == "range" else q
            v = round_value(rng, 1000, 3_000_000, q)
            if v > 1_000_000:
                v = round(v / 100_000) * 100_000
            figures.append(Figure("users_affected", v, q))
    if rng.random() < 0.35:
        add("officers_deployed", 20, 800, quals=("exact", "at_least", "approx"))
    if rng.random() < 0.5:
        v = rng.choice([round_value(rng, 10_000, 900_000, "approx"), rng.randint(11, 99) * 100_000])
        figures.append(Figure("assets_seized", v, rng.choice(["exact", "exact", "approx"]), currency))
    if rng.random() < 0.45:
        if language in lx.RANGES and rng.random() < 0.2:
            figures.append(Figure("financial_damage", 10_000_000, "range", currency))
        else:
            v = rng.randint(5, 300) * 100_000
            if language == "en" and rng.random() < 0.05:
                v = rng.randint(11, 40) * 100_000_000
            figures.append(Figure("financial_damage", v, rng.choice(["exact", "at_least", "approx"]), currency))
    if language == "en" and rng.random() < 0.15:
        add("countries_involved", 3, 20, quals=("exact",))
    if language == "en" and rng.random() < 0.08:
        add("legal_requests", 5, 60, quals=("exact", "at_least"))

    pool = [c for c in (lx.COUNTRIES_EN if language == "en" else lx.COUNTRIES[language]) if c != lead]
    participants = []
    for iso in rng.sample(pool, k=rng.choice([0, 0, 1, 1, 2, 3])):
        agency = rng.choice(lx.POLICE[iso]) if iso in lx.POLICE and rng.random() < 0.6 else None
        figs = []
        if rng.random() < 0.5:
            figs.append(Figure(rng.choice(["arrests", "searches"]), rng.randint(2, 9), "exact", None, iso))
        participants.append((iso, agency, figs))
    servers = []
    for iso in rng.sample([c for c in pool if c not in {p[0] for p in participants}], k=rng.choice([0, 0, 0, 1])):
        servers.append((iso, Figure("servers_seized", rng.randint(2, 30), "exact", None, iso)))
    international = []
    if lead not in ("USA", "BRA") and rng.random() < 0.5:
        international.append(("int-europol", rng.choice(["coordinator", "support"])))
    if lead not in ("USA", "BRA") and rng.random() < 0.3:
        international.append(("int-eurojust", rng.choice(["coordinator", "support"])))
    if rng.random() < 0.05:
        international.append(("int-interpol", "support"))
    complainants = []
    if rng.random() < 0.6:
        options = lx.COMPLAINANTS_BY_COUNTRY.get(lead, []) + lx.COMPLAINANTS_BY_COUNTRY["*"]
        complainants.append(rng.choice(options))
    platform_pool = list(dict.fromkeys(lx.PLATFORMS_BY_COUNTRY.get(lead, []) + lx.PLATFORMS_BY_COUNTRY["*"]))
    platforms = rng.sample(platform_pool, k=rng.randint(0, 4))
    for c in complainants:
        if c in lx.LEAGUE_PLATFORM and lx.LEAGUE_PLATFORM[c] not in platforms:
            platforms.append(lx.LEAGUE_PLATFORM[c])
    nationality = None
    if rng.random() < 0.15:
        nationality = rng.choice([c for c in pool if c not in {p[0] for p in participants} | {s[0] for s in servers}])
    recap = None
    if name and rng.random() < 0.2:
        recap_figs = [Figure("arrests", rng.randint(2, 30))]
        if rng.random() < 0.5:
            recap_figs.append(Figure("domains_seized", rng.randint(10, 400)))
        recap = (name, year - rng.randint(1, 4), recap_figs)
    slug = (name or target or "operation").lower().replace(" ", "-")
    return Event(f"{slug}-{year}-{index}", name, target, rng.choice(tp.KINDS_EN), action, lead, police, prosecutor,
                 participants, servers, international, complainants, platforms, figures, currency, nationality, recap)


def lang_has_currency(lang: str, cur: str) -> bool:
    return lang in lx.CURRENCY_WORD.get(cur, {})


# ----------------------------------------------------------------------------------- documents

def cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def form(entry: str) -> str:
    """ "the |Guardia di Finanza" -> "the Guardia di Finanza"."""
    return entry.replace("|", "")


def listing(items: list[str], lang: str) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + f" {tp.AND[lang]} " + items[-1]


def date_text(d: dt.date, lang: str, rng: random.Random, with_year: bool = True) -> str:
    m = lx.MONTHS[lang][d.month - 1]
    if lang == "en":
        if rng.random() < 0.5:
            return f"{d.day} {m} {d.year}" if with_year else f"{d.day} {m}"
        return f"{m} {d.day}, {d.year}" if with_year else f"{m} {d.day}"
    if lang in ("es", "pt"):
        return f"{d.day} de {m} de {d.year}"
    if lang == "de":
        return f"{d.day}. {m} {d.year}"
    return f"{d.day} {m} {d.year}"


def action_phrase(ev: Event, pub: dt.date, lang: str, rng: random.Random) -> tuple[str, dt.date | None]:
    """How the document dates the action, and the date a reader resolves it to."""
    delta = (pub - ev.action_date).days
    wd = lx.WEEKDAYS[lang][ev.action_date.weekday()]
    r = rng.random()
    if delta == 0 and r < 0.5:
        return {"en": "today", "it": "oggi", "es": "hoy", "pt": "hoje", "fr": "aujourd'hui", "de": "heute",
                "nl": "vandaag", "ro": "astăzi"}[lang], ev.action_date
    if delta == 1 and r < 0.5:
        return {"en": "yesterday", "it": "ieri", "es": "ayer", "pt": "ontem", "fr": "hier", "de": "gestern",
                "nl": "gisteren", "ro": "ieri"}[lang], ev.action_date
    if 1 <= delta <= 6 and r < 0.75:
        return {"en": f"on {wd}", "it": wd, "es": f"el pasado {wd}", "pt": f"na última {wd}" if "feira" in wd else f"no último {wd}",
                "fr": wd, "de": f"am {wd}", "nl": f"op {wd}", "ro": wd}[lang], ev.action_date
    if rng.random() < 0.08:
        return {"en": "earlier this week", "it": "nei giorni scorsi", "es": "en los últimos días",
                "pt": "nos últimos dias", "fr": "ces derniers jours", "de": "in den vergangenen Tagen",
                "nl": "de afgelopen dagen", "ro": "în ultimele zile"}[lang], None
    text = date_text(ev.action_date, lang, rng)
    prefix = {"en": "on ", "it": "il ", "es": "el ", "pt": "em ", "fr": "le ", "de": "am ", "nl": "op ", "ro": "pe "}[lang]
    return prefix + text, ev.action_date


class Writer:
    """Writes one document of an event and keeps its gold."""

    def __init__(self, ev: Event, vocab: Vocabulary, lang: str, style: str, pub: dt.date, rng: random.Random):
        self.ev, self.v, self.lang, self.style, self.pub, self.rng = ev, vocab, lang, style, pub, rng
        self.facts = Facts()
        self.recap_facts = Facts()
        self.action_date: dt.date | None = None
        self.named_target = False
        self.named_operation = False

    # names ------------------------------------------------------------------------------
    def agency_text(self, entry, role: str, facts: Facts | None = None, native: bool | None = None) -> str:
        key, english, native_forms = entry
        country = self.v.agencies[key].country
        if self.lang == "en":
            surface = form(self.rng.choice(english))
        elif native_forms and (country is None or lx.NATIVE.get(country) == self.lang) and role != "complainant":
            surface = form(self.rng.choice(native_forms))
        else:  # a foreign body in running text: its own name, without an article of another language
            surface = self.rng.choice(native_forms or english).split("|", 1)[1]
        bare = surface
        for prefix in ("the ", "Italy's ", "Spain's ", "Portugal's ", "Brazil's ", "France's ", "Germany's ",
                       "Austria's ", "Romania's ", "Poland's ", "la ", "il ", "i ", "el ", "o ", "a ", "le ", "l'",
                       "das ", "die ", "de ", "het "):
            if bare.startswith(prefix):
                bare = bare[len(prefix):]
                break
        (facts or self.facts).agency(self.v.agencies[key], role, bare)
        return surface

    def cname(self, iso: str) -> tuple[str, str]:
        """(name, locative) of a country in the document's language."""
        if self.lang == "en":
            name, alts, _ = lx.COUNTRIES_EN[iso]
            if alts and self.rng.random() < 0.3:
                name = self.rng.choice(alts)
            return name, f"in {name}"
        return lx.COUNTRIES[self.lang][iso]

    # sentences --------------------------------------------------------------------------
    def metric_sentence(self, f: Figure, agency: str | None, facts: Facts | None = None) -> str:
        facts = facts or self.facts
        options = tp.METRICS[self.lang].get(f.metric)
        template, nouns = self.rng.choice(options)
        if "{A}" in template and agency is None:
            candidates = [(t, n) for t, n in options if "{A}" not in t]
            if candidates:
                template, nouns = self.rng.choice(candidates)
            else:
                agency = "police"
        where = ""
        if "{where}" in template and f.country:
            where = " " + self.cname(f.country)[1]
        elif f.country and f.metric in ("arrests", "searches", "servers_seized", "users_affected"):
            f = Figure(f.metric, f.value, f.qualifier, f.unit, None)  # the sentence does not scope it
        if "{where}" not in template:
            f = Figure(f.metric, f.value, f.qualifier, f.unit, None)
        if f.unit:
            text = template.replace("{m}", money_phrase(f, self.lang, self.rng, self.style))
        else:
            noun = self.rng.choice(nouns)
            text = template.replace("{n}", count_phrase(f, self.lang, noun, self.rng, self.style).replace("  ", " ").rstrip())
        text = text.replace("{where}", where).replace("{A}", agency or "").replace(" at at least ", " at more than ")
        facts.metric(f)
        if f.country:
            role = {"arrests": "arrests", "searches": "searches", "servers_seized": "servers"}.get(f.metric, "other")
            facts.country(f.country, role)
        return cap(text)

    def lead_sentence(self) -> str:
        ev, lang, rng = self.ev, self.lang, self.rng
        agency = self.agency_text(ev.police, "lead")
        date_phrase, self.action_date = action_phrase(ev, self.pub, lang, rng)
        if ev.target and rng.random() < 0.9:
            target = rng.choice(tp.TARGET[lang]).replace("{N}", ev.target).replace("{K}", ev.kind)
            self.named_target = True
        else:
            target = rng.choice(tp.TARGET_NONE[lang])
        op = ""
        if ev.name:
            op = rng.choice(tp.OPERATION[lang]).replace("{N}", ev.name)
            self.named_operation = True
        template = rng.choice(tp.LEAD[lang])
        lead_name = self.cname(ev.lead)[0]
        text = (template.replace("{A_cap}", cap(agency)).replace("{A}", agency).replace("{D_cap}", cap(date_phrase))
                .replace("{D}", date_phrase).replace("{T}", target).replace("{OP}", op).replace("{Lname}", lead_name))
        self.facts.country(ev.lead, "lead")
        return text.replace(",,", ",").replace(", .", ".").replace(",.", ".")

    def participant_sentences(self) -> list[str]:
        out = []
        for iso, agency_entry, figs in self.ev.participants:
            name, loc = self.cname(iso)
            dem = lx.COUNTRIES_EN.get(iso, ("", [], ""))[2]
            if agency_entry:
                a = self.agency_text(agency_entry, "participant")
                t = self.rng.choice(tp.PARTICIPANT_AGENCY[self.lang])
                out.append(t.replace("{A_cap}", cap(a)).replace("{A}", a).replace("{Cin_cap}", cap(loc))
                           .replace("{Cin}", loc).replace("{Cname}", name))
            else:
                options = tp.PARTICIPANT_GENERIC[self.lang]
                t = self.rng.choice(options)
                if self.lang == "en" and "{Dem}" in t and iso == "USA":
                    t = options[0]
                out.append(t.replace("{Cin}", loc).replace("{Dem}", dem))
            self.facts.country(iso, "participant")
            for f in figs:
                out.append(self.metric_sentence(f, None))
        for iso, f in self.ev.server_countries:
            out.append(self.metric_sentence(Figure(f.metric, f.value, f.qualifier, None, iso), None))
        if self.ev.nationality:
            name, loc = self.cname(self.ev.nationality)
            dem = lx.COUNTRIES_EN.get(self.ev.nationality, ("", [], ""))[2]
            options = tp.NATIONALITY[self.lang]
            t = self.rng.choice(options if self.ev.nationality != "USA" else options[:1])
            out.append(t.replace("{Cin}", loc).replace("{Dem}", dem))
            self.facts.country(self.ev.nationality, "other")
        return out

    def support_sentences(self) -> list[str]:
        out = []
        for key, role in self.ev.international:
            english, native = lx.INTERNATIONAL[key]
            a = self.agency_text((key, english, native), role)
            t = self.rng.choice(tp.INTERNATIONAL_ROLE[role][self.lang])
            out.append(t.replace("{A_cap}", cap(a)).replace("{A}", a))
        if self.ev.prosecutor and self.rng.random() < 0.8:
            a = self.agency_text(self.ev.prosecutor, "lead")
            out.append({"en": f"{cap(a)} is leading the investigation.", "it": f"Le indagini sono coordinate {'dalla' if a.startswith('la ') else 'da'} {a.removeprefix('la ')}.",
                        "es": f"{cap(a)} dirige la investigación.", "pt": f"{cap(a)} conduz a investigação.",
                        "fr": f"{cap(a)} dirige l'enquête.", "de": f"{cap(a)} führt die Ermittlungen.",
                        "nl": f"{cap(a)} leidt het onderzoek.", "ro": f"{cap(a)} coordonează ancheta."}[self.lang])
        for key in self.ev.complainants:
            english, native = lx.INDUSTRY[key]
            entry = (key, english, native) if native or self.lang == "en" else None
            if entry is None:
                continue
            a = self.agency_text(entry, "complainant")
            t = self.rng.choice(tp.COMPLAINT[self.lang])
            out.append(t.replace("{X_cap}", cap(a)).replace("{X}", a))
        if self.ev.platforms:
            names = []
            for p in self.ev.platforms:
                alts = self.v.platforms.get(p, ())
                surface = p
                self.facts.platforms.setdefault(p, {"name": p, "aliases": list(alts)})
                names.append(surface)
            out.append(self.rng.choice(tp.PLATFORMS[self.lang]).replace("{P}", listing(names, self.lang)))
        return out

    def recap_sentence(self) -> str | None:
        if not self.ev.recap:
            return None
        name, year, figs = self.ev.recap
        parts = []
        for f in figs:
            noun = tp.RECAP_NOUNS[f.metric][self.lang]
            parts.append(count_phrase(f, self.lang, noun, self.rng, self.style))
            self.recap_facts.metric(f)
        t = self.rng.choice(tp.RECAP[self.lang])
        return t.replace("{N}", name).replace("{Y}", str(year)).replace("{n}", listing(parts, self.lang))

    def background(self, n: int) -> list[str]:
        pool = list(pad.BACKGROUND[self.lang])
        self.rng.shuffle(pool)
        out = []
        for s in pool[:n]:
            out.append(s.format(p1=self.rng.randint(5, 12), p2=self.rng.randint(13, 30), cur="euros",
                                ch=group(self.rng.choice([800, 1200, 3000, 6000, 12000, 18000]), self.lang),
                                vod=group(self.rng.choice([5000, 20000, 40000, 80000]), self.lang),
                                pct=self.rng.randint(8, 45), y1=self.rng.randint(2012, 2020),
                                y2=self.rng.randint(2018, 2024), h=self.rng.choice([12, 24, 48]),
                                age=self.rng.randint(22, 61), m1=1, m2=self.rng.choice([3, 6]), m3=12,
                                ver=self.rng.choice(["2.4", "3.1", "5.0"]), d=self.rng.choice([3, 7, 14])))
        return out


# ----------------------------------------------------------------------------------- layout

def header(w: Writer, publisher: str, city: str) -> tuple[list[str], str]:
    """Lines above the headline and the dateline prefix of the first paragraph."""
    lang, pub, rng = w.lang, w.pub, w.rng
    style = w.style
    if lang != "en":
        d = pub
        forms = {"it": f"{city}, {d.day} {lx.MONTHS['it'][d.month - 1]} {d.year}",
                 "es": f"{city}, {d.day:02d} de {lx.MONTHS['es'][d.month - 1]} de {d.year}",
                 "pt": f"{city}, {d.day} de {lx.MONTHS['pt'][d.month - 1]} de {d.year}",
                 "fr": f"Publié le {d:%d/%m/%Y}",
                 "de": f"Pressemitteilung vom {d:%d.%m.%Y}",
                 "nl": f"Nieuwsbericht | {d:%d-%m-%Y} | {rng.randint(8, 18)}:00",
                 "ro": f"COMUNICAT DE PRESĂ\n{d:%d.%m.%Y}"}
        return [publisher.upper() if style == "press" else publisher, forms[lang]], ""
    if style == "wire":
        stamp = f"{lx.MONTHS['en'][pub.month - 1]} {pub.day}, {pub.year} {rng.randint(1, 11)}:{rng.randint(10, 59)} PM GMT"
        return [stamp + " · Updated 2 hours ago"], f"{city.upper()}, {lx.MONTHS_SHORT_EN[pub.month - 1]} {pub.day} ({publisher}) - "
    if style == "press":
        when = f"{pub.day} {lx.MONTHS['en'][pub.month - 1]} {pub.year}"
        return ["PRESS RELEASE", rng.choice([f"{city}, {when}", f"Date: {when}", f"Published {when}"])], ""
    if style == "trade":
        return [publisher, f"By staff writer | {pub.day} {lx.MONTHS['en'][pub.month - 1]} {pub.year}"], ""
    if style == "blog":
        return [publisher, f"Posted on {lx.MONTHS['en'][pub.month - 1]} {pub.day}, {pub.year} by admin | 3 comments"], ""
    if style == "mt":
        return [f"{publisher} – Local news – Crime", f"{pub:%d/%m/%Y} – {rng.randint(8, 11)}:{rng.randint(10, 59)} | Updated 12:02"], ""
    # repost
    return [f"Reposted from {publisher}", f"Published: {pub.isoformat()}"], ""


def headline(w: Writer) -> str:
    ev, lang = w.ev, w.lang
    name = ev.target or ev.name or ""
    heads = {"en": [f"Police dismantle illegal streaming network {name}".strip(),
                    f"Crackdown on piracy: {name} taken offline".replace(":  ", ": "),
                    "Anti-piracy operation hits illegal IPTV sellers"],
             "it": ["Pirateria audiovisiva, smantellata una rete IPTV illegale"],
             "es": ["Desarticulada una red de televisión pirata"],
             "pt": ["Operação contra pirataria digital derruba serviço ilegal"],
             "fr": ["Démantèlement d'un réseau IPTV illicite"],
             "de": ["Schlag gegen illegales Streamingportal"],
             "nl": ["Illegale IPTV-dienst opgerold"],
             "ro": ["Rețea de televiziune piratată destructurată"]}
    return w.rng.choice(heads[lang])


def mt_glitch(text: str, rng: random.Random) -> str:
    """Machine-translation marks: missing spaces after commas, odd prepositions."""
    if rng.random() < 0.5:
        text = text.replace(", which", ",which", 1)
    text = text.replace(" coordinated by ", " coordinated of ", 1) if rng.random() < 0.5 else text
    return text.replace(" was arrested", " was arrest", 1) if rng.random() < 0.3 else text


def write_document(ev: Event, vocab: Vocabulary, lang: str, style: str, pub: dt.date, rng: random.Random,
                   target_words: int, keep: float) -> tuple[str, dict]:
    w = Writer(ev, vocab, lang, style, pub, rng)
    publisher = rng.choice(pad.PUBLISHERS[f"news-{lang}" if lang != "en" else ("mt" if style == "mt" else style if style in pad.PUBLISHERS else "wire")])
    if lang == "en" and style == "press":
        publisher = form(ev.police[1][0]).removeprefix("the ").split(" (")[0]
    if lang != "en" and rng.random() < 0.5 and ev.police[2]:
        publisher = form(ev.police[2][0]).split("|")[-1].split(" (")[0]
        publisher = publisher.split(" ", 1)[1] if publisher.split(" ", 1)[0] in ("la", "il", "i", "el", "a", "o", "le", "das", "die", "de", "het") else publisher
    city = rng.choice(lx.HOME[lang][ev.lead] if lang != "en" else lx.CITIES_EN.get(ev.lead, ["London"]))
    top, dateline = header(w, publisher, city)

    lead = w.lead_sentence()
    body: list[list[str]] = [[dateline + lead]]
    figures = [f for f in ev.figures if rng.random() < keep] or ev.figures[:1]
    agency = None  # metric sentences naming the lead agency again use the subject form
    sentences = []
    for f in figures:
        if f.qualifier == "range" and lang not in lx.RANGES:
            continue
        if f.metric not in tp.METRICS[lang]:
            continue
        agency = w.agency_text(ev.police, "lead") if rng.random() < 0.3 else None
        s = w.metric_sentence(f, agency)
        sentences.append(s)
    body[0].extend(sentences[:2])
    if sentences[2:]:
        body.append(sentences[2:])
    extra = w.participant_sentences() if rng.random() < max(keep, 0.7) else []
    if extra:
        body.append(extra)
    support = w.support_sentences()
    if support:
        body.append(support)
    if rng.random() < 0.6:
        body.append([rng.choice(pad.QUOTES[lang])])
    recap = w.recap_sentence() if rng.random() < 0.8 else None
    if recap:
        body.append([recap])
    if style == "mt" and lang == "en":
        body = [[mt_glitch(s, rng) for s in para] for para in body]

    def words(paragraphs):
        return sum(len(" ".join(p).split()) for p in paragraphs)

    head = headline(w)
    fixed = len(" ".join(top).split()) + len(head.split())
    # long documents run through the background twice (fresh numbers): wordy pages repeat themselves
    pool = w.background(len(pad.BACKGROUND[lang])) + w.background(len(pad.BACKGROUND[lang]))
    paragraphs = [" ".join(p) for p in body]
    current = fixed + words(body)
    while current < target_words and pool:
        take = pool[:rng.randint(2, 4)]
        pool = pool[len(take):]
        para = " ".join(take)
        paragraphs.insert(rng.randint(1, len(paragraphs)), para)
        current += len(para.split())
    while current < 100:  # never below the floor: restate the quote and boilerplate
        para = rng.choice(pad.QUOTES[lang]) + " " + " ".join(w.background(2))
        paragraphs.append(para)
        current += len(para.split())
    footer = rng.choice(pad.FOOTERS[lang]).format(
        phone=f"+{rng.randint(30, 49)} {rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
        dom=publisher.split()[0].lower().strip(".,"), street=rng.choice(pad.STREETS), zip=rng.randint(10000, 99999),
        city=city, pub=publisher, y1=rng.randint(1990, 2015), y2=pub.year)
    text = "\n\n".join(["\n".join(top), head, *paragraphs, footer]) + "\n"
    if len(text.split()) > 1500:  # trim background from the end, never a fact sentence
        while len(text.split()) > 1500:
            paragraphs.pop(-2 if len(paragraphs) > 2 and not recap else -3)
            text = "\n\n".join(["\n".join(top), head, *paragraphs, footer]) + "\n"

    primary = {"primary": True, "event": ev.id, "name": ev.name if w.named_operation else None,
               "target_group": ev.target if w.named_target else None,
               "action_date": w.action_date.isoformat() if w.action_date else None,
               "countries": w.facts.countries, "agencies": list(w.facts.agencies.values()),
               "metrics": w.facts.metrics, "platforms": list(w.facts.platforms.values())}
    operations = [primary]
    if recap:
        name, year, _ = ev.recap
        operations.append({"primary": False, "event": f"{ev.id}-phase-{year}", "name": name, "target_group": None,
                           "action_date": None, "countries": {}, "agencies": [], "metrics": w.recap_facts.metrics,
                           "platforms": []})
    gold = {"language": lang, "published_date": pub.isoformat(), "publisher": publisher, "operations": operations,
            "distractors": ["background figures (prices, channel counts, percentages, years, ages) are not metrics",
                            "footer phone numbers and addresses"]}
    return text, gold


# ------------------------------------------------------------------------------------- corpus

def iter_documents(count: int, seed: int):
    """(name, text, gold) for `count` documents, streamed."""
    vocab = load()
    written = 0
    event_index = 0
    while written < count:
        rng = random.Random(f"takedown-synth:{seed}:{event_index}")
        language = pick_language(rng)
        ev = new_event(rng, event_index, language)
        n_docs = min(count - written, rng.choices([1, 2, 3], weights=[70, 22, 8])[0])
        languages = [language] + [rng.choice(["en", lx.NATIVE.get(ev.lead, "en")]) for _ in range(n_docs - 1)]
        for j, lang in enumerate(languages):
            if lang != "en" and ev.lead not in lx.HOME.get(lang, {}):
                lang = "en"
            if lang != language and language != "en" and lang == "en":
                pass
            style = rng.choice(EN_STYLES) if lang == "en" else "press" if rng.random() < 0.6 else "news"
            pub = ev.action_date + dt.timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 5]) + j)
            target = int(round(10 ** rng.uniform(2.08, 3.17)))
            if lang != "en":
                target = min(target, 700)
            doc_ev = ev if lang == language or lang == "en" and language == "en" else ev
            if lang != language:
                doc_ev = _relanguage(ev, lang, rng)
            text, gold = write_document(doc_ev, vocab, lang, style, pub, rng, target, keep=rng.uniform(0.6, 1.0))
            name = f"synth-{seed}-{written:07d}-{lang}-{style}"
            gold = {"file": f"{name}.txt", **gold}
            yield name, text, gold
            written += 1
        event_index += 1


def _relanguage(ev: Event, lang: str, rng: random.Random) -> Event:
    """The same event told in another language: countries that language's tables cannot name are
    left out (a local report mentions fewer foreign partners), figures stay the same."""
    names = lx.COUNTRIES_EN if lang == "en" else lx.COUNTRIES[lang]
    participants = [p for p in ev.participants if p[0] in names]
    servers = [s for s in ev.server_countries if s[0] in names]
    nationality = ev.nationality if ev.nationality in names else None
    figures = [f for f in ev.figures if not (f.qualifier == "range" and lang not in lx.RANGES)]
    return Event(ev.id, ev.name, ev.target, ev.kind, ev.action_date, ev.lead, ev.police, ev.prosecutor, participants,
                 servers, ev.international, ev.complainants, ev.platforms, figures, ev.currency, nationality, ev.recap)


def write_corpus(documents: int, out: Path, seed: int = 0) -> dict:
    """Write `documents` raw files under out/raw/<shard>/ and their gold under out/gold/."""
    out = Path(out)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    total_bytes = 0
    languages: dict[str, int] = {}
    n = 0
    for i, (name, text, gold) in enumerate(iter_documents(documents, seed)):
        shard = out / "raw" / f"{i // 1000:04d}"
        if i % 1000 == 0:
            shard.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        (shard / f"{name}.txt").write_bytes(data)
        (out / "gold" / f"{name}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        total_bytes += len(data)
        languages[gold["language"]] = languages.get(gold["language"], 0) + 1
        n += 1
    return {"documents": n, "bytes": total_bytes, "languages": dict(sorted(languages.items()))}
