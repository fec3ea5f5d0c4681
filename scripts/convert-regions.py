#!/usr/bin/env python3
"""Writes Linkage's embedded region files (data/regions/) from the public tables they come from.

Usage: python3 scripts/convert-regions.py SHARED_REGIONS_DIR

Reads datasets_country-codes.csv (UN M49, ODC-PDDL), wb_class_economies.csv (World Bank regions, FY2025,
CC BY 4.0) and wb_income_class_history_long.csv (World Bank income groups FY89-FY25, CC BY 4.0); writes
data/regions/m49.csv, wb_regions.csv and wb_income.csv in the `regions` import format
(region,actor,from,to,name). Nothing is imputed: a country without a value is in no region.
"""
import csv
import os
import re
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data", "regions")
INCOME = {"L": "low", "LM": "lower-middle", "LM*": "lower-middle", "UM": "upper-middle", "H": "high"}


def slug(name):
    return re.sub(r"[^a-z0-9]+", "-", name.lower().replace("&", " ")).strip("-")


def write(path, rows):
    rows.sort(key=lambda r: (r[0], r[1], r[2]))
    with open(os.path.join(OUT, path), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["region", "actor", "from", "to", "name"])
        writer.writerows(rows)


def m49(src):
    rows = []
    with open(os.path.join(src, "datasets_country-codes.csv"), newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            iso3 = rec["ISO3166-1-Alpha-3"]
            if not iso3:
                continue
            for level, code_col, name_col in (("region", "Region Code", "Region Name"),
                                              ("sub-region", "Sub-region Code", "Sub-region Name"),
                                              ("intermediate region", "Intermediate Region Code",
                                               "Intermediate Region Name")):
                if rec[name_col]:
                    rows.append(["m49-" + slug(rec[name_col]), iso3, "", "",
                                 f"UN M49 {level} {rec[code_col]}: {rec[name_col]}"])
    write("m49.csv", rows)


def wb_regions(src):
    rows = []
    with open(os.path.join(src, "wb_class_economies.csv"), newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            if rec["Region"]:
                rows.append(["wb-" + slug(rec["Region"]), rec["Code"], "", "",
                             f"World Bank region (FY2025): {rec['Region']}"])
    write("wb_regions.csv", rows)


def wb_income(src):
    # FYnn runs from 1 July of nn-1 to 30 June of nn; consecutive years in one group make one spell.
    by_country = {}
    with open(os.path.join(src, "wb_income_class_history_long.csv"), newline="", encoding="utf-8") as f:
        for rec in csv.DictReader(f):
            fy = int(rec["fiscal_year"][2:])
            year = 1900 + fy if fy >= 50 else 2000 + fy
            by_country.setdefault(rec["iso3"], []).append((year, rec["income_class"]))
    last_fy = max(year for spells in by_country.values() for year, _ in spells)
    rows = []
    for iso3, years in by_country.items():
        years.sort()
        spell = None
        for year, group in years + [(None, None)]:
            group = INCOME.get(group)
            if spell and (year != spell[2] + 1 or group != spell[0]):
                end = "" if spell[2] == last_fy else f"{spell[2]}-07-01"
                rows.append([f"wb-income-{spell[0]}", iso3, f"{spell[1] - 1}-07-01", end,
                             f"World Bank income group FY{spell[1] % 100:02d}-FY{spell[2] % 100:02d}: {spell[0]}"])
                spell = None
            if group and spell is None:
                spell = [group, year, year]
            elif group:
                spell[2] = year
    write("wb_income.csv", rows)


if __name__ == "__main__":
    source = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    m49(source)
    wb_regions(source)
    wb_income(source)
