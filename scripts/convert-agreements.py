#!/usr/bin/env python3
"""Writes Linkage's trade agreements in force by pair (data/agreements/trade_agreement_pairs.csv) from DESTA
and the HUGGO state-level dates.

Usage: python3 scripts/convert-agreements.py

Reads data/sources/trade-agreements/desta_list_of_treaties.csv.gz (DESTA's list of treaties: parties c1..c91
and their side codes mc1..mc91), desta_parties_long.csv.gz (the same parties with ISO alpha-3 codes) and
huggo_trade_agreement_memberships.csv.gz (manytrade's HUGGO_MEM: each state's entry into force and end of an
agreement, keyed to DESTA by destaID), and writes one row per agreement and pair of parties that it binds
to each other, in the `agreement-pairs` import format (agreement,name,actor_a,actor_b,from,to,dates,source).

Which parties a DESTA entry binds to each other (docs/methods.md, "Trade agreements"):
- a bilateral (typememb 1) or plurilateral (2) base treaty: every pair of its parties;
- a region-country (3) treaty: each party on the bloc side with each on the other side, never two parties on
  the same side (EU members are not in an agreement with each other through the EU-Mexico treaty); the sides
  are the two side codes, and a party without one goes with the larger side (the bloc);
- a region-region (4) treaty: each party of one side with each of the other;
- an accession (5, 6): the newcomers (side code 1 in an accession to a plurilateral treaty, 2 in one to a
  region-country or region-region treaty) with the parties listed on the other side, and with each other in an
  accession to a plurilateral treaty;
- a withdrawal (7): the leaver (side code 1) stops being bound to the others listed in the year it leaves.
Protocols, consolidated texts and negotiations bind no new pair.

Dates: where HUGGO holds both states' entry into force for the DESTA treaty, the pair is bound from the later
of the two and until the earlier end; otherwise from DESTA's entry-into-force year (an accession without one:
its signature year, marked), until a DESTA withdrawal. A base treaty with no entry into force in either source
binds no pair (never in force, or not known to be).
"""
import collections
import csv
import gzip
import os
import re

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
SOURCES = os.path.join(ROOT, "sources", "trade-agreements")
OUT = os.path.join(ROOT, "agreements", "trade_agreement_pairs.csv")


def base_number(number):
    """1040+2 -> 1040, 434_1 -> 434, 225a -> 225."""
    return re.match(r"^(\d+)", number).group(1)


def read_desta():
    with gzip.open(os.path.join(SOURCES, "desta_parties_long.csv.gz"), "rt", newline="") as f:
        alpha = {row["party_iso3n"]: row["party_iso3"] for row in csv.DictReader(f) if row["party_iso3"]}
    entries = []
    with gzip.open(os.path.join(SOURCES, "desta_list_of_treaties.csv.gz"), "rt", newline="") as f:
        reader = csv.DictReader(f, delimiter=";")
        for line, row in enumerate(reader, start=2):
            parties = []
            for i in range(1, 92):
                code = row[f"c{i}"]
                if code == "NA":
                    continue
                side = row[f"mc{i}"]
                parties.append((alpha.get(code, ""), None if side == "NA" else side))
            entries.append({"line": line, "number": row["number"], "name": row["name"],
                            "type": row["entry_type"], "typememb": row["typememb"],
                            "signed": None if row["year"] == "NA" else int(row["year"]),
                            "force": None if row["entryforceyear"] == "NA" else int(row["entryforceyear"]),
                            "parties": parties})
    return entries


def known_part(date):
    """HUGGO writes an unknown month or day as 99 (GBR leaves EC Lisbon on 2020-99-99): keep the part that is
    known, as the partial ISO date the workspace accepts (2020)."""
    parts = date.split("-")
    while parts and parts[-1] == "99":
        parts.pop()
    return "-".join(parts)


def read_huggo():
    """destaID -> {treatyID: {state: (force, end)}} and each treaty's signature year."""
    by_desta = collections.defaultdict(lambda: collections.defaultdict(dict))
    begin = {}
    with gzip.open(os.path.join(SOURCES, "huggo_trade_agreement_memberships.csv.gz"), "rt", newline="") as f:
        for row in csv.DictReader(f):
            if not row["destaID"]:
                continue
            end = row["StateEnd"] if row["StateEnd"] and not row["StateEnd"].startswith("9999") else ""
            by_desta[row["destaID"]][row["treatyID"]][row["stateID"]] = (known_part(row["StateForce"]),
                                                                         known_part(end))
            begin[row["treatyID"]] = row["Begin"][:4]
    return by_desta, begin


def sides(parties, first, second):
    a = [p for p, side in parties if p and side == first]
    b = [p for p, side in parties if p and side == second]
    return a, b


def split_sides(parties):
    """The two sides of a region-country or region-region treaty; a party with no side code joins the
    larger side."""
    codes = collections.Counter(side for _, side in parties if side is not None)
    if len(codes) < 2:
        return [p for p, _ in parties if p], []
    (big, _), (small, _) = codes.most_common(2)
    a = [p for p, side in parties if p and side in (big, None)]
    b = [p for p, side in parties if p and side == small]
    return a, b


def across(a, b):
    return {tuple(sorted((x, y))) for x in a for y in b if x != y}


def within(a):
    return {tuple(sorted((x, y))) for i, x in enumerate(a) for y in a[i + 1:]}


def bound_pairs(entry):
    parties = entry["parties"]
    kind = entry["typememb"]
    if entry["type"] == "base_treaty":
        if kind in ("1", "2"):
            return within([p for p, _ in parties if p])
        a, b = split_sides(parties)
        return across(a, b) if b else within(a)
    if entry["type"] == "accession":
        if kind == "5":
            newcomers, members = sides(parties, "1", "2")
            return across(newcomers, members) | within(newcomers)
        newcomers, others = sides(parties, "2", "3")
        return across(newcomers, others)
    return set()


def main():
    entries = read_desta()
    huggo, huggo_begin = read_huggo()
    base_signed = {e["number"]: e["signed"] for e in entries if e["type"] == "base_treaty"}
    base_force = {e["number"]: e["force"] for e in entries if e["type"] == "base_treaty"}
    base_name = {e["number"]: e["name"] for e in entries if e["type"] == "base_treaty"}

    def huggo_states(number):
        treaties = huggo.get(number, {})
        if len(treaties) == 1:
            return next(iter(treaties.values())), next(iter(treaties))
        signed = str(base_signed.get(number))
        for treaty, states in treaties.items():
            if huggo_begin[treaty] == signed:
                return states, treaty
        return {}, ""

    # (agreement, pair) -> row; an accession never moves a pair's start earlier than the base treaty's.
    rows = {}
    withdrawals = []
    never_in_force = set()
    for entry in entries:
        number = base_number(entry["number"])
        if number not in base_name:
            continue
        if entry["type"] == "withdrawal":
            withdrawals.append((number, entry))
            continue
        pairs = bound_pairs(entry)
        if not pairs:
            continue
        states, treaty = huggo_states(number)
        for pair in sorted(pairs):
            a, b = pair
            dates, start, end = "", "", ""
            if a in states and b in states and states[a][0] and states[b][0]:
                start = max(states[a][0], states[b][0])
                ends = [e for e in (states[a][1], states[b][1]) if e]
                end = min(ends) if ends else ""
                dates = "huggo"
            elif entry["force"] is not None:
                start = str(max(entry["force"], base_force[number] or entry["force"]))
                dates = "desta entry into force"
            elif entry["type"] == "accession" and entry["signed"] is not None and base_force[number]:
                start = str(max(entry["signed"], base_force[number]))
                dates = "desta signature year (no entry into force given)"
            else:
                never_in_force.add(number)
                continue
            if end and end <= start:
                continue
            source = f"DESTA {entry['number']} (line {entry['line']})"
            if dates == "huggo":
                source += f"; HUGGO {treaty}"
            key = (number, pair)
            if key in rows and rows[key]["from"] <= start:
                continue
            rows[key] = {"agreement": f"DESTA {number}", "name": base_name[number], "actor_a": a,
                         "actor_b": b, "from": start, "to": end, "dates": dates, "source": source}
    for number, entry in withdrawals:
        leavers, others = sides(entry["parties"], "1", "2")
        year = entry["force"] or entry["signed"]
        for pair in across(leavers, others):
            row = rows.get((number, pair))
            if row and row["dates"] != "huggo" and not row["to"] and year:
                row["to"] = str(year)
                row["source"] += f"; withdrawal DESTA {entry['number']} (line {entry['line']})"
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        writer = csv.DictWriter(f, ["agreement", "name", "actor_a", "actor_b", "from", "to", "dates", "source"],
                                lineterminator="\n")
        writer.writeheader()
        for key in sorted(rows, key=lambda k: (int(k[0]), k[1])):
            writer.writerow(rows[key])
    by_dates = collections.Counter(r["dates"] for r in rows.values())
    print(f"{len(rows)} agreement pairs from {len({k[0] for k in rows})} agreements; dates: {dict(by_dates)}; "
          f"{len(never_in_force - {k[0] for k in rows})} base treaties with no entry into force bind no pair")


if __name__ == "__main__":
    main()
