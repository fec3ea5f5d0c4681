"""An independent PPML fit of panel_domestic.csv with every fixed effect as a dummy column (NumPy only):
IRLS by dense least squares, then the pair-clustered standard errors under fixest's default ssc(), with fixest's
K from fixest_reference.json. Prints each coefficient and standard error with 17 digits.
    /usr/bin/python3 tests/data/gravity/dense_domestic_reference.py   (about 7 minutes)
"""
import json, numpy as np, csv
ref = json.load(open('tests/data/gravity/fixest_reference.json'))['cases']['g_domestic_slow_mixing']
rows = list(csv.DictReader(open('tests/data/gravity/panel_domestic.csv')))
removed = set(ref['rows_removed_only_zero_fixed_effects'])
rows = [r for i, r in enumerate(rows, 1) if i not in removed]
n = len(rows); print('n', n)
names = ['rta', 'intl_brdr_2001', 'intl_brdr_2002', 'intl_brdr_2003']
X = np.array([[float(r[k]) for k in names] for r in rows])
y = np.array([float(r['trade']) for r in rows])
def ids(keys):
    m = {}; return np.array([m.setdefault(k, len(m)) for k in keys]), None
ey, _ = ids([r['exporter'] + '#' + r['year'] for r in rows])
iy, _ = ids([r['importer'] + '#' + r['year'] for r in rows])
pr, _ = ids([r['exporter'] + '#' + r['importer'] for r in rows])
def dummies(g):
    D = np.zeros((n, g.max() + 1)); D[np.arange(n), g] = 1; return D
D = np.hstack([dummies(ey), dummies(iy), dummies(pr)])
Z = np.hstack([X, D])
mu = y + 0.1; eta = np.log(mu); dev_old = None
for it in range(200):  # until the deviance stops changing
    z = eta + (y - mu) / mu
    sw = np.sqrt(mu)
    b, *_ = np.linalg.lstsq(Z * sw[:, None], z * sw, rcond=1e-13)
    eta = Z @ b; mu = np.exp(eta)
    dev = 2 * np.sum(np.where(y > 0, y * np.log(np.where(y > 0, y, 1) / mu), 0) - (y - mu))
    if dev_old is not None and abs(dev - dev_old) / dev < 1e-15: break
    dev_old = dev
print('iterations', it)
sw = np.sqrt(mu)
c, *_ = np.linalg.lstsq(D * sw[:, None], X * sw[:, None], rcond=1e-13)
Xd = X - D @ c
bread = np.linalg.inv(Xd.T @ (Xd * mu[:, None]))
S = Xd * (y - mu)[:, None]
G = pr.max() + 1
sg = np.zeros((G, 4)); np.add.at(sg, pr, S)
meat = sg.T @ sg
K = ref['vcov']['cluster:pair']['fixest_default']['dof_K']
adj = G / (G - 1) * (n - 1) / (n - K)
se = np.sqrt(np.diag(bread @ meat @ bread) * adj)
fx = ref['vcov']['cluster:pair']['fixest_default']['se']
for k, name in enumerate(names):
    print(name, repr(b[k]), repr(se[k]), 'fixest', fx[name], 'relative difference', abs(se[k] - fx[name]) / se[k])
