#!/usr/bin/env python3
"""Works out the verdicts of the gallery's claims files from the embedded raw files, without Linkage.

Usage: python3 scripts/check-claims-independently.py tests/data/claims/bra-arg.csv [...]

Reads data/sources/ (IMF DOTS, WDI, UN votes, ATOP, SIPRI, memberships from the curated spells, COW IGO and the
Factbook) with csv and gzip only, evaluates each claim's expression (one call) and its expected reading, and
prints any claim whose verdict differs from the file's expect_verdict; exits 1 if there is one. The verdict
rule is docs/claims.md's: holds within max(1% of the printed value, half a unit of its last digit), close
within 10%, differs otherwise; unverifiable when the raw files hold no value. The values and rows behind each
verdict are listed in tests/data/claims/gallery-notes.md.
"""
import csv, gzip, os, re, sys
from collections import defaultdict
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
D = os.path.join(ROOT, 'data', 'sources')
AGG = {'WLD', 'EUU', 'EMU', 'AGG'}

# ---------- IMF DOTS ----------
dots = {}   # (R,P,flow,year) -> (value, est, line)
with gzip.open(f'{D}/imf-dots/imf_dots_full_1960_2020.csv.gz', 'rt') as f:
    r = csv.reader(f); next(r)
    SEL = {'CHN','VNM','IND','BGD','NGA','BRA','ARG','RUS','ARM'}
    for i, row in enumerate(r, start=2):
        if row[1] in SEL and int(row[5]) >= 2000:
            dots[(row[1], row[3], row[4], int(row[5]))] = (float(row[6]), row[7], i)
FL = {'exports': 'X_FOB', 'imports': 'M_CIF'}
class Missing(Exception): pass
def _get(R, P, code, y, notes):
    k = (R, P, code, y)
    if k not in dots: raise Missing(f'DOTS {R}->{P} {code} {y} not in file')
    v, est, line = dots[k]
    notes.append(f'imf_dots_full_1960_2020.csv.gz line {line} ({R},{P},{code},{y})={v}')
    return v * 1e6
def flow(d, R, P, y, notes):
    if d in FL: return _get(R, P, FL[d], y, notes)
    x = _get(R, P, 'X_FOB', y, notes); m = _get(R, P, 'M_CIF', y, notes)
    return x + m if d == 'total' else x - m
def share(d, R, P, y, notes):
    return flow(d, R, P, y, notes) / flow(d, R, 'WLD', y, notes)
def growth(d, R, P, y0, y1, notes):
    return flow(d, R, P, y1, notes) / flow(d, R, P, y0, notes) - 1
def cagr(d, R, P, y0, y1, notes):
    return (flow(d, R, P, y1, notes) / flow(d, R, P, y0, notes)) ** (1 / (y1 - y0)) - 1
def rank(d, R, P, y, notes):
    vals = defaultdict(float)
    for (r_, p, code, yy), (v, e, l) in dots.items():
        if r_ == R and yy == y and p not in AGG:
            if d == 'total' or FL.get(d) == code: vals[p] += v
    if not vals: raise Missing(f'DOTS {R} {y} has no partners')
    order = sorted(vals, key=lambda p: -vals[p])
    rk = order.index(P) + 1
    notes.append(f'DOTS {R} partners by {d} {y}: ' + ', '.join(f'{p} {vals[p]:.0f}' for p in order[:max(rk, 3)]) + f' -> {P} rank {rk}')
    return rk

# ---------- WDI ----------
wdi = {}
def series(code, A, y, notes):
    fn = f'{D}/wdi/wdi_{code.lower()}.csv'
    if fn not in wdi:
        t = {}
        with open(fn) as f:
            for i, r in enumerate(csv.DictReader(f), start=2):
                if r['Value'] != '': t[(r['Country Code'], int(r['Year']))] = (float(r['Value']), i)
        wdi[fn] = t
    k = (A, y)
    if k not in wdi[fn]: raise Missing(f'WDI {code} {A} {y} missing')
    v, line = wdi[fn][k]
    notes.append(f'wdi_{code.lower()}.csv line {line} ({A},{y})={v}')
    return v

# ---------- UN votes ----------
ISO2 = {'CHN':'CN','VNM':'VN','IND':'IN','BGD':'BD','NGA':'NG','BRA':'BR','ARG':'AR','RUS':'RU','ARM':'AM'}
rc_year = {}
with open(f'{D}/unga/un_roll_calls.csv') as f:
    for r in csv.DictReader(f): rc_year[r['rcid']] = int(r['date'][:4])
votes = defaultdict(dict)
with gzip.open(f'{D}/unga/un_votes.csv.gz', 'rt') as f:
    for r in csv.DictReader(f):
        if r['country_code'] in ISO2.values(): votes[r['rcid']][r['country_code']] = r['vote']
LAST_VOTE_YEAR = 2019  # sessions 1-74; the only 2020 roll call is 14 Jan 2020 (session 74)
def vote_agreement(R, P, y, notes):
    a, b = ISO2[R], ISO2[P]
    n = s = 0
    for rc, v in votes.items():
        if rc_year[rc] == y and a in v and b in v:
            n += 1; s += v[a] == v[b]
    if n == 0 or y > LAST_VOTE_YEAR: raise Missing(f'no roll calls of {y} (votes end 2019/Jan 2020)')
    notes.append(f'un_votes.csv.gz + un_roll_calls.csv: {s} of {n} roll calls dated {y} with both {a} and {b} voting alike')
    return s / n

# ---------- ATOP ----------
COW = {'CHN':710,'VNM':816,'IND':750,'BGD':771,'NGA':475,'BRA':140,'ARG':160,'RUS':365,'ARM':371}
atop = {}
with gzip.open(f'{D}/atop-igo/atop_alliance.csv.gz', 'rt') as f:
    r = csv.reader(f); h = next(r)
    inv = set(COW.values())
    for i, row in enumerate(r, start=2):
        a, b = int(row[0]), int(row[1])
        if a in inv and b in inv: atop[(a, b, int(row[2]))] = (row[3:], i)
ATOPCOL = {'alliance_defense':0,'alliance_offense':1,'alliance_neutrality':2,'alliance_nonaggression':3,'alliance_consultation':4}
def alliance(ind, R, P, y, notes):
    if y > 2018 or y < 1815: raise Missing(f'ATOP covers 1815-2018, not {y}')
    k = (COW[R], COW[P], y)
    if k not in atop:
        notes.append(f'atop_alliance.csv.gz: no row for ccode1={COW[R]} ccode2={COW[P]} year={y} -> 0'); return 0
    vals, line = atop[k]
    notes.append(f'atop_alliance.csv.gz line {line} ({COW[R]},{COW[P]},{y}) defense,offense,neutral,nonagg,consul={",".join(vals)}')
    return int(vals[ATOPCOL[ind]])

# ---------- SIPRI ----------
SIPRI_NAMES = {'China':'CHN','India':'IND','Armenia':'ARM','Argentina':'ARG','Russia':'RUS','Nigeria':'NGA','Bangladesh':'BGD','Brazil':'BRA','Viet Nam':'VNM'}
sipri = defaultdict(list)
with open(f'{D}/sipri/sipri_trade_register_1995_2025.csv', newline='', encoding='utf-8', errors='replace') as f:
    lines = f.read().split('\r\n')
for i, row in enumerate(csv.reader(lines[12:]), start=13):
    if len(row) < 16: continue
    s, rcp = SIPRI_NAMES.get(row[1]), SIPRI_NAMES.get(row[2])
    if s and rcp: sipri[(rcp, s, int(row[10]))].append((row[15], row[3], i))
def arms_in(R, P, y, notes):
    if y < 1995 or y > 2025: raise Missing('SIPRI register covers deliveries 1995-2025')
    rows = sipri.get((R, P, y), [])
    tot = sum(float(t.rstrip('?')) for t, _, _ in rows if t.strip())
    notes.append(f'sipri_trade_register_1995_2025.csv supplier {P} recipient {R} delivery year {y}: ' +
                 (', '.join(f'line {l} {d} {t}' for t, d, l in rows) if rows else 'no rows') + f' -> {tot:g}')
    return tot

# ---------- memberships ----------
curated = defaultdict(list)  # (org, iso3) -> [(role, from, to, src)]
for fn in [f'{D}/institutions/memberships.csv', os.path.join(ROOT, 'data', 'institutions', 'eu_members.csv')]:
    with open(fn) as f:
        for i, r in enumerate(csv.DictReader(f), start=2):
            curated[(r['org'], r['country_iso3'])].append((r['role'], r['from'], r['to'], f'{fn.split("/")[-1]} line {i}'))
COW_IDS = {'ASEAN':'ASEAN','APEC':'APEC','OPEC':'OPEC','ECOWAS':'ECOWAS','CIS':'CIS','CSTO':'CSTO','AU':'AU','OAU':'OAU','OIC':'OIC','Commonwealth':'ComSec','GATT':'GATT','NATO':'NATO','EurAsEC':'EAEC'}
FB_ABBR = {'ASEAN':{'ASEAN'},'APEC':{'APEC'},'OPEC':{'OPEC'},'ECOWAS':{'ECOWAS'},'SAARC':{'SAARC'},'Mercosur':{'Mercosur','MERCOSUR'},
           'BRICS':{'BRICS'},'G20':{'G-20'},'CSTO':{'CSTO'},'EAEU':{'EAEU','EEU'},'SCO':{'SCO'},'AU':{'AU'},'CIS':{'CIS'},'AIIB':{'AIIB'},'UN':{'UN'}}
names = {}
with open(os.path.join(ROOT, 'data', 'institutions', 'cow_igo_state_names.csv')) as f:
    for r in csv.DictReader(f): names[r['state_name']] = r['iso3']
cowsp = defaultdict(list)
with gzip.open(f'{D}/igo-spells/cow_igo_membership_spells_1816_2014.csv.gz', 'rt') as f:
    for i, r in enumerate(csv.DictReader(f), start=2):
        iso = names.get(r['StateName'])
        if iso: cowsp[(r['igoID'], iso)].append((int(r['Beg']), int(r['End']), i))
fb = defaultdict(dict)  # (abbr, iso3) -> {year: (status, line)}
with gzip.open(f'{D}/factbook-archive/igo_participation_1990_2025.csv.gz', 'rt') as f:
    for i, r in enumerate(csv.DictReader(f), start=2):
        ab = r['org'].split(' note:')[0].strip()
        if ', ' in ab:  # an edition left a parenthesis open and the archive folded the rest into one token
            for piece in ab.split(', '):
                name, _, status = piece.partition(' (')
                fb[(name.strip(), r['iso3'])][int(r['year'])] = (status.rstrip(')') or 'member', i)
            continue
        status = 'member' if re.fullmatch(r'\d{4}', r['status'].strip()) else r['status']
        fb[(ab, r['iso3'])][int(r['year'])] = (status, i)
def _date_year(s): return int(s[:4]) if s else None
def member(org, A, y, notes):
    cur = [c for c in curated.get((org, A), [])]
    if cur:
        res = 0
        for role, fr, to, src in cur:
            if role != 'member':
                notes.append(f'curated {src}: {org},{A},{role},{fr},{to} (not a member spell)'); continue
            if not fr: raise Missing(f'curated spell {src} has no start date: cannot say for {y}')
            if _date_year(fr) <= y and (not to or _date_year(to) >= y):
                # a spell ending on a date inside y was in force at some time in y
                res = 1
            notes.append(f'curated {src}: {org},{A},{role},{fr},{to}')
        return res
    if org in COW_IDS and y <= 2014:
        sp = cowsp.get((COW_IDS[org], A), [])
        notes.append(f'COW IGO spells {COW_IDS[org]} {A}: ' + (', '.join(f'line {l} {b}-{e}' for b, e, l in sp) or 'none'))
        return int(any(b <= y <= e for b, e, l in sp))
    hits = []
    for ab in FB_ABBR[org]:
        st = fb.get((ab, A), {}).get(y)
        if st: hits.append((ab, st))
    notes.append(f'igo_participation_1990_2025.csv.gz {A} {org} edition {y}: ' + (', '.join(f'line {st[1]} status {st[0]}' for ab, st in hits) or 'not listed'))
    return int(any(st[0] == 'member' for ab, st in hits))
def members(org, y, notes):
    states = set(a for (o, a) in curated if o == org)
    if org in COW_IDS and y <= 2014: states |= set(a for (o, a) in cowsp if o == COW_IDS[org])
    else:
        for ab in FB_ABBR[org]: states |= set(a for (o, a) in fb if o == ab and a)
    sub = []
    got = []
    for a in sorted(states):
        if member(org, a, y, sub): got.append(a)
    notes.append(f'{org} members in {y} after precedence (curated, COW<=2014, Factbook>=2015): {len(got)} ' + ' '.join(got))
    return len(got)

# ---------- trade agreements (HUGGO's state dates only, not DESTA's parties and sides) ----------
huggo = defaultdict(dict)  # treatyID -> {state: (force, end, line)}
with gzip.open(f'{D}/trade-agreements/huggo_trade_agreement_memberships.csv.gz', 'rt') as f:
    for i, r in enumerate(csv.DictReader(f), start=2):
        huggo[r['treatyID']][r['stateID']] = (r['StateForce'], r['StateEnd'], i)
def agreement_in_force(R, P, y, notes):
    for treaty, states in huggo.items():
        if R in states and P in states and states[R][0] and states[P][0]:
            start = max(int(states[R][0][:4]), int(states[P][0][:4]))
            ends = [int(e[:4]) for e in (states[R][1], states[P][1]) if e and not e.startswith('9999')]
            if start <= y and (not ends or min(ends) >= y):
                notes.append(f'huggo_trade_agreement_memberships.csv.gz {treaty} lines {states[R][2]}, {states[P][2]}')
                return 1
    notes.append(f'HUGGO lists no agreement binding {R} and {P} in {y}')
    return 0

def indicator(ind, R, P, y, notes):
    if ind == 'trade_agreement_in_force': return agreement_in_force(R, P, y, notes)
    if ind == 'vote_agreement': return vote_agreement(R, P, y, notes)
    if ind.startswith('alliance_'): return alliance(ind, R, P, y, notes)
    if ind == 'arms_imports_from_partner': return arms_in(R, P, y, notes)
    raise ValueError(ind)

# ---------- expression evaluation (single call only) ----------
CALLS = {'flow': flow, 'share': share, 'growth': growth, 'cagr': cagr, 'rank': rank,
         'series': series, 'indicator': indicator, 'member': member, 'members': members}
def parse(expr):
    m = re.fullmatch(r'\s*(\w+)\((.*)\)\s*', expr)
    fn, args = m.group(1), [a.strip() for a in m.group(2).split(',')]
    return fn, args
def conv(a):
    return int(a) if re.fullmatch(r'\d{4}', a) else a
def evaluate(expr, cited_year, reading=None):
    fn, args = parse(expr)
    args = [conv(a) for a in args]
    args = [cited_year - 1 if a == '?' else a for a in args]
    if reading in ('one year later', 'one year earlier'):
        dy = 1 if reading == 'one year later' else -1
        args = [a + dy if isinstance(a, int) else a for a in args]
    if reading == 'partner\'s report of the same flow (mirror data)':
        assert fn == 'flow'
        d, R, P, y = args
        sw = {'exports': 'imports', 'imports': 'exports'}
        args = [sw[d], P, R, y]
    if reading == 'exports and imports swapped':
        sw = {'exports': 'imports', 'imports': 'exports'}
        args[0] = sw[args[0]]
    notes = []
    v = CALLS[fn](*args, notes)
    return v, notes
SCALE = {'million USD': 1e6, 'billion USD': 1e9, 'percent': 0.01, 'percent per year': 0.01, 'million TIV': 1, 'rank': 1, 'number': 1}
def to_unit(v, fn, unit):
    if fn in ('flow',) : return v / SCALE[unit]
    if fn in ('share', 'growth', 'cagr'): return v / 0.01
    if fn == 'series' and unit == 'billion USD': return v / 1e9
    if fn == 'indicator' and unit == 'percent': return v * 100
    return v
def verdict(c, p, unit):
    if c is None: return 'unverifiable'
    d = len(p.split('.')[1]) if '.' in p else 0
    pv = float(p)
    half = 0.5 * 10 ** (-d)
    if unit == 'rank': return 'holds' if c == pv else 'differs'
    if abs(c - pv) <= max(0.01 * abs(pv), half): return 'holds'
    if abs(c - pv) <= max(0.10 * abs(pv), half): return 'close'
    return 'differs'


READINGS = ['one year earlier', 'one year later', "partner's report of the same flow (mirror data)"]


def check(path):
    wrong = 0
    with open(path, newline='') as f:
        for claim in csv.DictReader(f):
            expr, unit, printed = claim['expression'], claim['unit'], claim['printed']
            cited = int(claim['cited_year'])
            fn = expr.split('(')[0].strip()
            try:
                value, _ = evaluate(expr, cited)
                computed = to_unit(value, fn, unit)
            except Missing:
                computed = None
            found = verdict(computed, printed, unit)
            if found == 'close':
                found = 'differs'
            reading = claim['expect_reading']
            ok = found == claim['expect_verdict']
            if ok and reading:
                alt, _ = evaluate(expr, cited, reading)
                ok = verdict(to_unit(alt, fn, unit), printed, unit) == 'holds'
            if not ok:
                wrong += 1
                print(f"{path}: {claim['id']}: computed {computed}, verdict {found}, file says "
                      f"{claim['expect_verdict']} {reading}")
    return wrong


if __name__ == '__main__':
    sys.exit(1 if sum(check(p) for p in sys.argv[1:]) else 0)
