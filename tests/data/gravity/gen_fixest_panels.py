"""Small seeded panels for fixest_reference.R: /usr/bin/python3 tests/data/gravity/gen_fixest_panels.py

panel_border.csv      8 countries x 8 (domestic flows i == j included) x 3 years (2000, 2004, 2008): trade without
                      borders, with `intl_brdr_YEAR` = 1 for international pairs in YEAR, an agreement dummy `rta`
                      and strong pair effects; 192 rows.
panel_collinear.csv   8 x 7 x 4 years without domestic flows; `ln_dist_copy` equals `ln_dist` and `both` equals
                      `contig + lang`, so fixest has to drop one of each; 224 rows.
panel_separation.csv  8 x 7 x 4 years; zero flows, and `sep` = 1 only on some rows whose flow is zero (the
                      regressor separates them); 224 rows.
"""
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20261205)


def countries(n):
    return [f"C{chr(65 + i)}{chr(65 + i)}" for i in range(n)]


def border():
    names = countries(8)
    years = [2000, 2004, 2008]
    pos = rng.uniform(0, 100, (8, 2))
    size = rng.normal(0, 1, 8)
    pair = rng.normal(0, 1.0, (8, 8))
    start = rng.choice([2004, 2008, 9999], (8, 8))
    rows = ["exporter,importer,year,trade,ln_dist,rta," + ",".join(f"intl_brdr_{y}" for y in years)]
    for t, y in enumerate(years):
        for i in range(8):
            for j in range(8):
                dist = np.hypot(*(pos[i] - pos[j])) + 5
                intl = int(i != j)
                rta = int(intl and y >= min(start[i, j], start[j, i]))
                brdr = [-1.6, -1.2, -0.9][t] * intl
                mu = np.exp(5 + size[i] + size[j] + 0.1 * t - 0.8 * np.log(dist) + brdr + 0.4 * rta + pair[i, j])
                flow = rng.poisson(mu * 10) / 10
                dummies = ",".join(str(int(intl and y == yy)) for yy in years)
                rows.append(f"{names[i]},{names[j]},{y},{flow:.1f},{np.log(dist):.6f},{rta},{dummies}")
    return rows


def standard(kind):
    names = countries(8)
    pos = rng.uniform(0, 100, (8, 2))
    size = rng.normal(0, 1, 8)
    lang = rng.integers(0, 2, (8, 8))
    lang = np.maximum(lang, lang.T)
    start = rng.choice([2001, 2002, 9999], (8, 8))
    head = "exporter,importer,year,trade,ln_dist,contig,lang,rta"
    head += ",ln_dist_copy,both" if kind == "collinear" else ",sep"
    rows = [head]
    for y in range(2000, 2004):
        for i in range(8):
            for j in range(8):
                if i == j:
                    continue
                dist = np.hypot(*(pos[i] - pos[j])) + 5
                contig = int(dist < 30)
                rta = int(y >= start[i, j])
                mu = np.exp(size[i] + size[j] + 0.05 * (y - 2000) - 0.9 * np.log(dist) + 0.5 * contig
                            + 0.3 * lang[i, j] + 0.3 * rta + 3)
                flow = rng.poisson(mu)
                line = f"{names[i]},{names[j]},{y},{flow},{np.log(dist):.6f},{contig},{lang[i, j]},{rta}"
                if kind == "collinear":
                    line += f",{np.log(dist):.6f},{contig + lang[i, j]}"
                else:
                    # 1 on about half of the zero flows of the first two years, 0 everywhere else
                    line += f",{int(flow == 0 and y <= 2001 and rng.random() < 0.5)}"
                rows.append(line)
    return rows


for name, rows in [("panel_border.csv", border()), ("panel_collinear.csv", standard("collinear")),
                   ("panel_separation.csv", standard("separation"))]:
    with open(os.path.join(HERE, name), "w") as f:
        f.write("\n".join(rows) + "\n")
