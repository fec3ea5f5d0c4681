#!/usr/bin/env python3
"""Writes Linkage's world membership files (data/institutions/) from COW IGO v3 and the World Factbook.

Usage: python3 scripts/convert-memberships.py

Reads data/sources/igo-spells/cow_igo_membership_spells_1816_2014.csv.gz (COW IGO v3 full-membership spells),
data/sources/factbook-archive/igo_participation_1990_2025.csv.gz (the Factbook's yearly IGO participation)
and data/institutions/cow_igo_state_names.csv (COW's state names to ISO alpha-3), and writes
cow_igo_spells.csv and factbook_igo.csv in the `memberships` import format
(org,country_iso3,role,from,to,source,confidence) for the organisations in ORGS, under one name each.
Precedence between these and the curated spells is applied by the workspace, not here (docs/methods.md,
"Memberships").
"""
import collections
import csv
import gzip
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
OUT = os.path.join(ROOT, "institutions")

# COW igoID -> Linkage's name.
COW_ORGS = {
    "NATO": "NATO", "EEC": "EU", "EU": "EU", "ASEAN": "ASEAN", "OAU": "OAU", "AU": "AU", "GCC": "GCC",
    "CIS": "CIS", "CSTO": "CSTO", "OSCE": "OSCE", "OPEC": "OPEC", "APEC": "APEC", "OECD": "OECD",
    "LOAS": "Arab League", "OIC": "OIC", "ECOWAS": "ECOWAS", "CARICOM": "CARICOM", "COE": "Council of Europe",
    "NAFTA": "NAFTA", "ComSec": "Commonwealth", "GATT": "GATT", "EAEC": "EurAsEC",
}
# Factbook abbreviation -> Linkage's name ("WTO" before 1996 is the World Tourism Organization: see below).
FACTBOOK_ORGS = {
    "NATO": "NATO", "EC": "EU", "EU": "EU", "ASEAN": "ASEAN", "OAU": "OAU", "AU": "AU", "MERCOSUR": "Mercosur",
    "Mercosur": "Mercosur", "GCC": "GCC", "SCO": "SCO", "CSTO": "CSTO", "CIS": "CIS", "CSCE": "OSCE",
    "OSCE": "OSCE", "UN": "UN", "OPEC": "OPEC", "APEC": "APEC", "OECD": "OECD", "G-20": "G20", "BRICS": "BRICS",
    "OIC": "OIC", "ECOWAS": "ECOWAS", "SAARC": "SAARC", "OAS": "OAS", "EAEU": "EAEU", "EEU": "EAEU",
    "EAEC": "EurAsEC", "Arab League": "Arab League", "AL": "Arab League", "LAS": "Arab League", "SADCC": "SADC",
    "SADC": "SADC", "CARICOM": "CARICOM", "Caricom": "CARICOM", "SPF": "Pacific Islands Forum",
    "PIF": "Pacific Islands Forum", "Council of Europe": "Council of Europe", "CE": "Council of Europe",
    "COE": "Council of Europe", "C": "Commonwealth", "Commonwealth": "Commonwealth",
    "Commonwealth of Nations": "Commonwealth", "The Commonwealth": "Commonwealth", "NAFTA": "NAFTA",
    "USMCA": "USMCA", "AIIB": "AIIB", "GATT": "GATT", "WTrO": "WTO",
}
ROLES = {
    "member": "member", "new member": "member", "observer": "observer", "permanent observer": "observer",
    "associate observer": "observer", "dialogue partner": "dialogue_partner", "dialogue member": "dialogue_partner",
    "sectoral dialogue partner": "dialogue_partner", "associate": "associate", "associate member": "associate",
    "associated member": "associate", "partner": "partner", "partners": "partner",
}
# Entities the archive codes wrongly (the Crown dependencies as GBR) or not at all (Kosovo), by name.
NAME_ISO3 = {"Kosovo": "XKX", "Guernsey": "GGY", "Jersey": "JEY", "Isle of Man": "IMN", "Man, Isle of": "IMN"}
# Entities left out: the EU itself, and states that ended in the early 1990s, which the archive codes as
# their successors (Czechoslovakia as SVK, the Soviet Union as RUS, the GDR as DEU) or not at all.
NAMES_SKIPPED = {"European Union", "Czechoslovakia", "Soviet Union", "German Democratic Republic",
                 "Netherlands Antilles", "Serbia and Montenegro", "Yugoslavia"}
# Organisations the Factbook kept listing after they were dissolved: no spell runs past the year before.
DISSOLVED = {"EurAsEC": 2015}  # the Eurasian Economic Community ended on 1 January 2015, when the EAEU began
FACTBOOK_LAST = 2025
COW_LAST = 2014


def write(name, rows):
    rows.sort()
    with open(os.path.join(OUT, name), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["org", "country_iso3", "role", "from", "to", "source", "confidence"])
        writer.writerows(rows)


def cow():
    names = {}
    with open(os.path.join(OUT, "cow_igo_state_names.csv"), newline="") as f:
        for rec in csv.DictReader(f):
            names[rec["state_name"]] = rec["iso3"]
    spells = set()
    path = os.path.join(ROOT, "sources", "igo-spells", "cow_igo_membership_spells_1816_2014.csv.gz")
    with gzip.open(path, "rt", newline="", encoding="utf-8") as f:
        for line, rec in enumerate(csv.DictReader(f), start=2):
            org = COW_ORGS.get(rec["igoID"])
            iso3 = names.get(rec["StateName"], "")
            if not org or not iso3:
                continue
            end = int(rec["End"])
            # End = 2014 means still a member when COW's data end: left open, and the workspace reads COW only
            # to 2014.
            spells.add((org, iso3, "member", rec["Beg"], "" if end >= COW_LAST else str(end + 1),
                        f"COW IGO v3 spells, line {line}", "cow"))
    write("cow_igo_spells.csv", list(spells))


def entries(rec):
    """The (organisation, status) pairs of one archive row. Where an edition left a parenthesis open
    ("OECD (Enhanced Engagement, OPANAL, ..." in Brazil, Chile, Indonesia and South Africa, 2012-2016), the
    archive's split folded every later organisation into one token: it is split again here. A status that is
    only a year ("WTO (2024)", Vietnam 2024-2025) is the edition's date note on a member."""
    abbreviation = rec["org"].split(" note:")[0].strip()
    if ", " not in abbreviation:
        status = rec["status"]
        return [(abbreviation, "member" if re.fullmatch(r"\d{4}", status.strip()) else status)]
    pairs = []
    for piece in abbreviation.split(", "):
        match = re.fullmatch(r"(.*?)\s*(?:\((.*?)\)?)?", piece.strip())
        pairs.append((match.group(1), match.group(2) or "member"))
    return pairs


def factbook():
    path = os.path.join(ROOT, "sources", "factbook-archive", "igo_participation_1990_2025.csv.gz")
    listed = collections.defaultdict(set)  # (org, iso3, role) -> editions
    present = collections.defaultdict(set)  # iso3 -> editions with an IGO field
    with gzip.open(path, "rt", newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            year = int(rec["year"])
            name = rec["name"]
            # 1990 lists both Yemens under one code, weeks before they united.
            if name in NAMES_SKIPPED or name.startswith("Pacific Islands") or (rec["iso3"] == "YEM" and year == 1990):
                continue
            iso3 = NAME_ISO3.get(name, rec["iso3"])
            if not iso3:
                continue
            present[iso3].add(year)
            for abbreviation, status in entries(rec):
                if abbreviation == "WTO":
                    org = "WTO" if year >= 2004 else None  # 1990-2003: the World Tourism Organization
                else:
                    org = FACTBOOK_ORGS.get(abbreviation)
                role = ROLES.get(status.strip().lower())
                if org in DISSOLVED and year >= DISSOLVED[org]:
                    continue
                if org and role:
                    listed[(org, iso3, role)].add(year)
    spells = []
    for (org, iso3, role), years in listed.items():
        years = sorted(years)
        start = previous = years[0]
        for year in years[1:] + [None]:
            # An edition whose whole IGO field is missing for the entity does not break a spell.
            if year is not None and all(y not in present[iso3] for y in range(previous + 1, year)):
                previous = year
                continue
            end = "" if previous == FACTBOOK_LAST else str(previous + 1)
            spells.append((org, iso3, role, str(start), end,
                           f"World Factbook editions {start}-{previous}", "factbook"))
            start = previous = year
    write("factbook_igo.csv", spells)


if __name__ == "__main__":
    cow()
    factbook()
