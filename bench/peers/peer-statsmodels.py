"""The dummy-variable peer of bench/gravity: peer-statsmodels.py PANEL.csv.

Fits trade ~ ln_dist + contig + rta | exporter#year + importer#year by statsmodels' Poisson GLM with every fixed
effect as a dummy (the approach Linkage's alternating projections replace), prints the coefficients as JSON.
Pair effects would absorb ln_dist and contig and make the design too wide to fit in memory at any size worth
timing, so the peer and Linkage both fit two fixed-effect sets.
"""
import json
import sys

import pandas as pd
import statsmodels.api as sm

panel = pd.read_csv(sys.argv[1])
exporter_year = pd.get_dummies(panel.exporter + "#" + panel.year.astype(str), dtype=float)
# Exporter-year and importer-year dummies both sum to each year's indicator: one importer per year is left out.
first = sorted(panel.importer.unique())[0]
importer_year = pd.get_dummies(panel.importer + "#" + panel.year.astype(str), dtype=float)
importer_year = importer_year.drop(columns=[c for c in importer_year.columns if c.split("#")[0] == first])
design = pd.concat([panel[["ln_dist", "contig", "rta"]].astype(float), exporter_year, importer_year], axis=1)
fit = sm.GLM(panel.trade, design, family=sm.families.Poisson()).fit(tol=1e-10)
print(json.dumps({name: float(fit.params[name]) for name in ["ln_dist", "contig", "rta"]}))
