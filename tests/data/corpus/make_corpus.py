#!/usr/bin/env python3
"""Writes the bad-input corpus: for each import format, malformed variants of a real fixture from tests/data,
each with the exit code, place and message `linkage import` must give (expected.csv). The mutations are
damage real files suffer: an empty file, a header without rows, a truncated or appended-to gzip stream, a NUL
byte, a file cut in the middle of a line of a quoted field, a data row with a field too few, and text where a
number belongs. Run from the repository root; the files are committed, so the tests do not depend on this
script.
"""
import csv
import gzip
import os

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.dirname(HERE)

# format -> (fixture, delimiter, name the file must have or None)
FORMATS = {
    "imf-dots": ("import/imf_dots_small.csv", ",", None),
    "wdi": ("import/wdi_ny.gdp.mktp.cd.csv", ",", "wdi_ny.gdp.mktp.cd.csv"),
    "wits": ("import/wits_small.csv", ",", None),
    "comtrade": ("import/comtrade_classic.csv", ",", None),
    "unga-idealpoints": ("../../data/sources/unga/IdealpointestimatesAll_Apr2020.csv", ",", None),
    "votes": ("political/votes.csv", ",", None),
    "atop": ("import/security/atop.csv", ",", None),
    "cow-igo-dyad": ("import/security/cow_igo_dyad.csv", ",", None),
    "cow-igo-state": ("import/security/cow_igo_state.csv", ",", None),
    "cow-contiguity": ("import/security/cow_contiguity.csv", ",", None),
    "cow-nmc": ("import/security/cow_nmc.csv", ",", None),
    "cow-trade": ("import/security/cow_trade.csv", ",", None),
    "sipri": ("import/security/sipri_register.csv", ",", None),
    "aiddata-gcdf": ("import/security/aiddata_gcdf.csv", ",", None),
    "milestones": ("import/security/milestones.csv", ",", None),
    "icews": ("events/icews_small.tab", "\t", None),
    "cepii-dist": ("import/dist_small.csv", ";", None),
    "memberships": ("import/memberships.csv", ",", None),
    "regions": ("import/regions.csv", ",", None),
    "series": ("import/series.csv", ",", None),
    "flows": ("import/flows.csv", ",", None),
    "events": ("import/events.csv", ",", None),
    "baci": ("engine/baci_small.csv", ",", None),
}


def read(path):
    with open(os.path.join(DATA, path), "rb") as f:
        return f.read()


def main():
    rows = []
    for fmt, (fixture, delimiter, name) in sorted(FORMATS.items()):
        raw = read(fixture)
        lines = raw.split(b"\n")
        # The real ideal-point file has 9,000 rows: its first 30 lines are enough.
        if len(lines) > 31:
            lines = lines[:30] + [b""]
            raw = b"\n".join(lines)
        # SIPRI's export starts with notes; its header is the line that names the columns.
        first = next(i for i, line in enumerate(lines) if line.startswith(b"SIPRI AT Database ID")) \
            if fmt == "sipri" else 0
        stem = fmt.replace("-", "_")
        folder = os.path.join(HERE, stem)
        os.makedirs(folder, exist_ok=True)

        def put(kind, content, expect_line, expect_column, message, compress=False):
            file_name = name if name else f"{kind}.csv"
            sub = os.path.join(folder, kind)
            os.makedirs(sub, exist_ok=True)
            path = os.path.join(sub, file_name + (".gz" if compress else ""))
            with open(path, "wb") as f:
                f.write(content)
            place = os.path.basename(path)
            if expect_line:
                place += f":{expect_line}"
                if expect_column:
                    place += f":{expect_column}"
            rows.append([fmt, os.path.relpath(path, HERE), 3, place, message])

        head = b"\n".join(lines[: first + 1])
        row = lines[first + 1]
        rest = b"\n".join(lines[first + 2:])
        put("header_only", head + b"\n", first + 2, 0, "no data rows")
        put("nul_byte", head + b"\n" + row[:2] + b"\0" + row[2:] + b"\n" + rest, first + 2, 3, "a NUL byte")
        whole = gzip.compress(raw)
        put("gzip_truncated", whole[: len(whole) // 2], None, None, "the compressed stream is damaged",
            compress=True)
        put("gzip_appended", whole + b"junk after the stream\n", None, None,
            "bytes follow the end of the compressed stream", compress=True)
        # A data row that lost its last field (a cut copy, an unquoted delimiter moved).
        short = row.rsplit(delimiter.encode(), 1)[0]
        put("row_too_short", head + b"\n" + short + b"\n" + rest, first + 2, None, "fields")
    with open(os.path.join(HERE, "expected.csv"), "w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["format", "file", "exit_code", "place", "message"])
        writer.writerows(rows)
    print(f"{len(rows)} files")


if __name__ == "__main__":
    main()
