"""Reference estimates for tests/model/gravity_test.cpp from an independent implementation.

Writes panel.csv (a small synthetic gravity panel with zeros and a separated exporter-year) and reference.json
(coefficients and standard errors of statsmodels' Poisson GLM and OLS with every fixed effect as a dummy).
Run with Debian's python3-statsmodels: /usr/bin/python3 tests/data/gravity/statsmodels_reference.py
"""
import json
import math
import os
import random

import numpy as np
import pandas as pd
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
random.seed(7)
countries = ["AAA", "BBB", "CCC", "DDD", "EEE", "FFF", "GGG"]
years = [2000, 2001, 2002, 2003]
size = {c: random.uniform(1, 5) for c in countries}
rows = []
for i in countries:
    for j in countries:
        if i == j:
            continue
        distance = random.uniform(500, 9000)
        contig = 1 if random.random() < 0.25 else 0
        start = random.choice([2001, 2002, 2099])
        for t in years:
            rta = 1 if t >= start else 0
            mean = math.exp(size[i] + size[j] + 0.1 * (t - 2000) - 0.8 * math.log(distance) + 0.5 * contig
                            + 0.3 * rta + 4)
            flow = 0.0 if random.random() < 0.12 else round(mean * random.lognormvariate(0, 0.6), 3)
            # One exporter-year with no trade at all: separated by the exporter-year fixed effect.
            if i == "GGG" and t == 2003:
                flow = 0.0
            rows.append(dict(exporter=i, importer=j, year=t, trade=flow, ln_dist=round(math.log(distance), 6),
                             contig=contig, rta=rta))
panel = pd.DataFrame(rows)
panel.to_csv(os.path.join(HERE, "panel.csv"), index=False)

panel["exp_year"] = panel.exporter + "#" + panel.year.astype(str)
panel["imp_year"] = panel.importer + "#" + panel.year.astype(str)
panel["pair"] = panel.exporter + "#" + panel.importer


def drop_separated(frame, sets):
    """Drops observations whose group in some set has only zero flows, until none is left (as Linkage does)."""
    while True:
        keep = np.ones(len(frame), dtype=bool)
        for column in sets:
            totals = frame.groupby(column)["trade"].transform("sum")
            keep &= totals.values > 0
        if keep.all():
            return frame
        frame = frame[keep]


def design(frame, regressors, sets):
    """The regressors and a full-rank set of dummies: a dummy that is a combination of those before it is left
    out (exporter-year and importer-year dummies share one combination per year). statsmodels' robust
    covariance of a GLM is not invariant to a rank-deficient design, so the design must have full rank."""
    parts = [frame[regressors].astype(float)]
    for column in sets:
        parts.append(pd.get_dummies(frame[column], prefix=column, dtype=float))
    full = pd.concat(parts, axis=1)
    kept = []
    for name in full.columns:
        trial = kept + [name]
        if np.linalg.matrix_rank(full[trial].values) == len(trial):
            kept.append(name)
    return full[kept]


def clustered(result, frame, column, names):
    groups = pd.factorize(frame[column])[0]
    fit = result.model.fit(cov_type="cluster", cov_kwds={"groups": groups, "use_correction": False})
    g = len(set(groups))
    return [math.sqrt(fit.cov_params().loc[n, n] * g / (g - 1)) for n in names]


cases = {}
for name, estimator, regressors, sets in [
    ("ppml_exporter_importer_year", "ppml", ["ln_dist", "contig", "rta"], ["exp_year", "imp_year"]),
    ("ppml_three_sets", "ppml", ["rta"], ["exp_year", "imp_year", "pair"]),
    ("ols_exporter_importer_year", "ols", ["ln_dist", "contig", "rta"], ["exp_year", "imp_year"]),
]:
    frame = panel.copy()
    if estimator == "ppml":
        frame = drop_separated(frame, sets)
        model = sm.GLM(frame["trade"], design(frame, regressors, sets), family=sm.families.Poisson())
        result = model.fit(tol=1e-14, maxiter=1000, cov_type="HC0")
    else:
        frame = frame[frame.trade > 0]
        model = sm.OLS(np.log(frame["trade"]), design(frame, regressors, sets))
        result = model.fit(cov_type="HC0")
    cases[name] = {
        "observations": int(len(frame)),
        "coefficients": {n: float(result.params[n]) for n in regressors},
        "robust_se": {n: float(result.bse[n]) for n in regressors},
        "pair_clustered_se": dict(zip(regressors, clustered(result, frame, "pair", regressors))),
    }
with open(os.path.join(HERE, "reference.json"), "w") as out:
    json.dump(cases, out, indent=2)
    out.write("\n")
