"""Synthetic gravity panel for bench/gravity: gen-gravity.py OUT.csv COUNTRIES YEARS [SEED] [--domestic].

Default: every ordered pair of COUNTRIES countries (i != j) in each of YEARS years, with exporter and importer
effects that drift by year, a pair effect from distance and contiguity, a time-varying agreement dummy `rta` with
a true effect of 0.3, and flows drawn as Poisson counts of the gravity mean (so some are zero), in thousands.

--domestic: the "trade without borders" design (Yotov et al. 2016), built so that the fixed-effect projections
converge slowly. The pairs include i == j (domestic sales), with border-by-year dummies `intl_brdr_YEAR` = 1 for
international pairs in YEAR (the border effect shrinks from -2.0 in the first year to -1.4 in the last) and a
symmetric time-varying `rta` (true effect 0.3). On top of distance come:
- strong unobserved pair effects (standard deviation 2.5);
- a domestic premium of exp(3);
- four trade blocs, with flows between blocs scaled by exp(-4);
- country sizes that spread widely (standard deviation 1.5).
The PPML weights therefore span many orders of magnitude. Each exporter-year's and importer-year's weight sits on
its domestic pair, and the graph of heavy links splits into blocs. With pair effects and few years, fixest's
demeaning then takes about 100 sweeps per variable, against 3 for the default panel. The columns are
exporter,importer,year,trade,ln_dist,contig,rta and one intl_brdr_YEAR per year.
"""
import sys

import numpy as np

args = [a for a in sys.argv[1:] if not a.startswith("--")]
domestic = "--domestic" in sys.argv[1:]
out, n, t = args[0], int(args[1]), int(args[2])
rng = np.random.default_rng(int(args[3]) if len(args) > 3 else 1)


def standard(f):
    size = rng.normal(0, 1, n)
    position = rng.uniform(0, 100, (n, 2))
    start = rng.integers(0, 2 * t, (n, n))  # the year an agreement starts; half never do
    f.write("exporter,importer,year,trade,ln_dist,contig,rta\n")
    for year in range(t):
        drift = rng.normal(0, 0.05, n)
        for i in range(n):
            distance = np.hypot(*(position - position[i]).T) + 1
            ln_dist = np.log(distance)
            contig = (distance < 8).astype(int)
            rta = (year >= start[i]).astype(int)
            mean = np.exp(size[i] + drift[i] + size + 0.02 * year - 0.9 * ln_dist + 0.4 * contig + 0.3 * rta + 6)
            flow = rng.poisson(mean)
            for j in range(n):
                if i != j:
                    f.write(f"c{i},c{j},{2000 + year},{flow[j]},{ln_dist[j]:.6f},{contig[j]},{rta[j]}\n")


def with_domestic(f):
    size = rng.normal(0, 1.5, n)
    position = rng.uniform(0, 100, (n, 2))
    pair = rng.normal(0, 2.5, (n, n))
    bloc = rng.integers(0, 4, n)
    start = rng.integers(0, 2 * t, (n, n))
    start = np.minimum(start, start.T)  # agreements are symmetric
    border = np.linspace(-2.0, -1.4, t) if t > 1 else np.array([-2.0])
    years = [2000 + year for year in range(t)]
    f.write("exporter,importer,year,trade,ln_dist,contig,rta," + ",".join(f"intl_brdr_{y}" for y in years) + "\n")
    for year in range(t):
        drift = rng.normal(0, 0.05, n)
        for i in range(n):
            distance = np.hypot(*(position - position[i]).T) + 1
            distance[i] = rng.uniform(0.5, 3)  # internal distance
            ln_dist = np.log(distance)
            contig = ((distance < 8) & (np.arange(n) != i)).astype(int)
            intl = (np.arange(n) != i).astype(int)
            rta = ((year >= start[i]) & (intl == 1)).astype(int)
            mean = np.exp(size[i] + drift[i] + size + 0.02 * year - 0.9 * ln_dist + 0.4 * contig + 0.3 * rta
                          + border[year] * intl + pair[i] + 3 * (1 - intl) - 4 * (bloc != bloc[i]) + 9)
            flow = rng.poisson(mean)
            for j in range(n):
                dummies = ",".join("1" if intl[j] and y == year else "0" for y in range(t))
                f.write(f"c{i},c{j},{years[year]},{flow[j]},{ln_dist[j]:.6f},{contig[j]},{rta[j]},{dummies}\n")


with open(out, "w") as f:
    (with_domestic if domestic else standard)(f)
