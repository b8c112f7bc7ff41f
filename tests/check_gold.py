#!/usr/bin/env python3
"""Validate the gold annotations of a gold folder (stdlib only): `tests/challenge`,
`tests/gap_finding`, `tests/holdout`, or a new one before it is committed.

Usage: python3 tests/check_gold.py FOLDER

Checks, per NAME.gold.json (see shared/eval/GOLD_FORMAT.md and shared/warehouse-contract.md):
  - the JSON parses; `file` names the NAME.txt beside it, and every NAME.txt has a gold file;
  - the keys are exactly those of GOLD_FORMAT (document, operation, agency, metric, platform);
  - exactly one operation is primary; every operation has a non-empty `event`, unique in the file;
  - metric names, qualifiers, country roles and agency roles come from the contract vocabularies;
  - country keys (operation countries, agency and metric countries) are ISO 3166-1 alpha-3;
  - published_date / action_date are ISO dates (YYYY-MM-DD) or null;
  - money metrics (financial_damage, assets_seized) carry an ISO 4217 unit, the others null;
  - values are positive numbers; a metric's country is null or among its operation's countries;
  - every agency and platform has at least one name form (name or alias) that occurs in the
    text, allowing inflected endings (up to 3 extra letters per word) and punctuation variants.
Prints one line per problem and a summary; exits 1 when anything is wrong.
"""
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

ISO3 = set("""
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD
    BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR
    COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH
    ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL
    GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR
    JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR
    MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL
    NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY
    PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP
    SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA
    UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split())

ISO4217 = set("""
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
    BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR
    ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD
    MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
    PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL
    THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF
    XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XTS XUA XXX YER ZAR ZMW ZWL
""".split())

DOC_KEYS = {"file", "language", "published_date", "publisher", "operations", "distractors"}
OP_KEYS = {"primary", "event", "name", "target_group", "action_date", "countries",
           "agencies", "metrics", "platforms"}
AGENCY_KEYS = {"name", "aliases", "country", "role"}
METRIC_KEYS = {"metric", "value", "qualifier", "unit", "country"}
PLATFORM_KEYS = {"name", "aliases"}

METRICS = {"arrests", "suspects", "searches", "servers_seized", "domains_seized",
           "users_affected", "officers_deployed", "countries_involved", "legal_requests",
           "financial_damage", "assets_seized"}
MONEY = {"financial_damage", "assets_seized"}
QUALIFIERS = {"exact", "at_least", "approx", "at_most", "range"}
COUNTRY_ROLES = {"lead", "participant", "searches", "arrests", "servers", "other"}
AGENCY_ROLES = {"lead", "coordinator", "participant", "support", "complainant", "other"}
# the languages the extractor reads; a gold document in another one (ISO 639-1) is allowed, and
# measures that such a text is quarantined with its language named
LANGUAGES = {"en", "es", "pt", "de", "fr", "it", "nl", "ro"}


def fold(s, apostrophe=""):
    """Lower-case, strip accents, replace apostrophes by `apostrophe` ("" joins
    "Prosecutor's" into one word, " " splits French elisions such as "l'Unité"),
    and turn other punctuation into spaces."""
    s = unicodedata.normalize("NFKD", s)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = s.casefold()
    for ap in ("'", "\u2019", "\u00b4"):
        s = s.replace(ap, apostrophe)
    s = re.sub(r"[^\w]+", " ", s)
    return s.split()


def occurs(form, text_variants):
    """`text_variants`: the text folded with apostrophes joined and with them split."""
    return any(occurs_in(form, toks) for toks in text_variants)


def occurs_in(form, text_tokens):
    """True when the folded tokens of `form` occur contiguously in the text, each text word
    starting with the form's word and at most 3 letters longer (inflection: genitive -s,
    plural, Romanian/German endings)."""
    ft = fold(form)
    if not ft:
        return False
    n = len(ft)
    for i in range(len(text_tokens) - n + 1):
        ok = True
        for j, w in enumerate(ft):
            t = text_tokens[i + j]
            if not (t.startswith(w) and len(t) - len(w) <= 3):
                ok = False
                break
        if ok:
            return True
    return False


def is_iso_date(v):
    if v is None:
        return True
    if not isinstance(v, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return False
    try:
        date.fromisoformat(v)
    except ValueError:
        return False
    return True


def check_file(gold_path, problems):
    where = gold_path.name
    def bad(msg):
        problems.append(f"{where}: {msg}")

    try:
        doc = json.loads(gold_path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as e:
        bad(f"JSON does not parse: {e}")
        return None
    if not isinstance(doc, dict):
        bad("top level is not an object")
        return None
    if set(doc) != DOC_KEYS:
        bad(f"document keys {sorted(doc)} != {sorted(DOC_KEYS)}")
    stem = gold_path.name[: -len(".gold.json")]
    if doc.get("file") != stem + ".txt":
        bad(f"file is {doc.get('file')!r}, expected {stem + '.txt'!r}")
    txt_path = gold_path.with_name(stem + ".txt")
    if not txt_path.exists():
        bad(f"text file {txt_path.name} is missing")
        return doc
    try:
        text = txt_path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        bad(f"{txt_path.name} is not UTF-8")
        return doc
    tokens = (fold(text), fold(text, " "))

    if not re.fullmatch(r"[a-z]{2}", str(doc.get("language"))):
        bad(f"language {doc.get('language')!r} is not an ISO 639-1 code")
    if not is_iso_date(doc.get("published_date")):
        bad(f"published_date {doc.get('published_date')!r} is not an ISO date or null")
    if doc.get("publisher") is not None and not isinstance(doc.get("publisher"), str):
        bad("publisher must be a string or null")
    dis = doc.get("distractors")
    if not isinstance(dis, list) or not all(isinstance(x, str) for x in dis):
        bad("distractors must be a list of strings")

    ops = doc.get("operations")
    if not isinstance(ops, list) or not ops:
        bad("operations must be a non-empty list")
        return doc
    primaries = [o for o in ops if isinstance(o, dict) and o.get("primary") is True]
    if len(primaries) != 1:
        bad(f"{len(primaries)} primary operations (need exactly 1)")
    events = []
    for k, op in enumerate(ops):
        tag = f"operation[{k}]"
        if not isinstance(op, dict):
            bad(f"{tag} is not an object")
            continue
        if set(op) != OP_KEYS:
            bad(f"{tag} keys {sorted(op)} != {sorted(OP_KEYS)}")
        if not isinstance(op.get("primary"), bool):
            bad(f"{tag} primary must be true/false")
        ev = op.get("event")
        if not isinstance(ev, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", ev or ""):
            bad(f"{tag} event {ev!r} must be a lower-case slug")
        events.append(ev)
        for f in ("name", "target_group"):
            if op.get(f) is not None and not (isinstance(op.get(f), str) and op.get(f).strip()):
                bad(f"{tag} {f} must be a non-empty string or null")
        if not is_iso_date(op.get("action_date")):
            bad(f"{tag} action_date {op.get('action_date')!r} is not an ISO date or null")

        countries = op.get("countries")
        if not isinstance(countries, dict):
            bad(f"{tag} countries must be an object")
            countries = {}
        for c, roles in countries.items():
            if c not in ISO3:
                bad(f"{tag} country key {c!r} is not ISO 3166-1 alpha-3")
            if not isinstance(roles, list) or not roles:
                bad(f"{tag} country {c} needs a non-empty role list")
                continue
            if len(set(roles)) != len(roles):
                bad(f"{tag} country {c} repeats a role")
            for r in roles:
                if r not in COUNTRY_ROLES:
                    bad(f"{tag} country {c} role {r!r} not in contract")

        agencies = op.get("agencies")
        if not isinstance(agencies, list):
            bad(f"{tag} agencies must be a list")
            agencies = []
        for a in agencies:
            if not isinstance(a, dict) or set(a) != AGENCY_KEYS:
                bad(f"{tag} agency keys {sorted(a) if isinstance(a, dict) else a!r} != {sorted(AGENCY_KEYS)}")
                continue
            if a["role"] not in AGENCY_ROLES:
                bad(f"{tag} agency {a['name']!r} role {a['role']!r} not in contract")
            if a["country"] is not None and a["country"] not in ISO3:
                bad(f"{tag} agency {a['name']!r} country {a['country']!r} is not ISO3")
            if not isinstance(a["aliases"], list) or not all(isinstance(x, str) for x in a["aliases"]):
                bad(f"{tag} agency {a['name']!r} aliases must be a list of strings")
                continue
            forms = [a["name"]] + a["aliases"]
            if not any(occurs(f, tokens) for f in forms):
                bad(f"{tag} agency {a['name']!r}: no name form occurs in the text")

        metrics = op.get("metrics")
        if not isinstance(metrics, list):
            bad(f"{tag} metrics must be a list")
            metrics = []
        for m in metrics:
            if not isinstance(m, dict) or set(m) != METRIC_KEYS:
                bad(f"{tag} metric keys {sorted(m) if isinstance(m, dict) else m!r} != {sorted(METRIC_KEYS)}")
                continue
            mt = m["metric"]
            if mt not in METRICS:
                bad(f"{tag} metric {mt!r} not in contract")
            if m["qualifier"] not in QUALIFIERS:
                bad(f"{tag} metric {mt} qualifier {m['qualifier']!r} not in contract")
            v = m["value"]
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v <= 0:
                bad(f"{tag} metric {mt} value {v!r} must be a positive number")
            if mt in MONEY:
                if not (isinstance(m["unit"], str) and m["unit"] in ISO4217):
                    bad(f"{tag} money metric {mt} needs an ISO 4217 unit, got {m['unit']!r}")
            elif m["unit"] is not None:
                bad(f"{tag} metric {mt} must have unit null, got {m['unit']!r}")
            if m["country"] is not None:
                if m["country"] not in ISO3:
                    bad(f"{tag} metric {mt} country {m['country']!r} is not ISO3")
                elif m["country"] not in countries:
                    bad(f"{tag} metric {mt} country {m['country']} is not among the operation's countries")

        platforms = op.get("platforms")
        if not isinstance(platforms, list):
            bad(f"{tag} platforms must be a list")
            platforms = []
        for p in platforms:
            if not isinstance(p, dict) or set(p) != PLATFORM_KEYS:
                bad(f"{tag} platform keys {sorted(p) if isinstance(p, dict) else p!r} != {sorted(PLATFORM_KEYS)}")
                continue
            if not isinstance(p["aliases"], list) or not all(isinstance(x, str) for x in p["aliases"]):
                bad(f"{tag} platform {p['name']!r} aliases must be a list of strings")
                continue
            if not any(occurs(f, tokens) for f in [p["name"]] + p["aliases"]):
                bad(f"{tag} platform {p['name']!r}: no name form occurs in the text")
    if len(set(events)) != len(events):
        bad("an event id appears twice in one document")
    return doc


def main(argv):
    if len(argv) != 2:
        print(__doc__)
        return 2
    folder = Path(argv[1])
    problems = []
    golds = sorted(folder.glob("*.gold.json"))
    texts = sorted(p for p in folder.glob("*.txt"))
    gold_stems = {g.name[: -len(".gold.json")] for g in golds}
    for t in texts:
        if t.stem not in gold_stems:
            problems.append(f"{t.name}: no gold file beside it")
    primary_events = {}
    for g in golds:
        doc = check_file(g, problems)
        if isinstance(doc, dict) and isinstance(doc.get("operations"), list):
            for op in doc["operations"]:
                if isinstance(op, dict) and op.get("primary") is True:
                    primary_events.setdefault(op.get("event"), []).append(g.name)
    for p in problems:
        print(p)
    shared = {e: fs for e, fs in primary_events.items() if len(fs) > 1}
    print(f"checked {len(golds)} gold files, {len(texts)} texts: {len(problems)} problem(s)")
    print(f"{len(primary_events)} distinct primary events; shared by several documents:")
    for e, fs in sorted(shared.items()):
        print(f"  {e}: {', '.join(fs)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
