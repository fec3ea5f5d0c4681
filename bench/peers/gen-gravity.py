"""Synthetic gravity panel for bench/gravity: gen-gravity.py OUT.csv COUNTRIES YEARS [SEED].

Every ordered pair of COUNTRIES countries in each of YEARS years, with exporter and importer effects that drift
by year, a pair effect from distance and contiguity, a time-varying agreement dummy `rta` with a true effect of
0.3, and flows drawn as Poisson counts of the gravity mean (so some are zero), in thousands.
"""
import sys

import numpy as np

out, n, t = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = np.random.default_rng(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
size = rng.normal(0, 1, n)
position = rng.uniform(0, 100, (n, 2))
start = rng.integers(0, 2 * t, (n, n))  # the year an agreement starts; half never do
with open(out, "w") as f:
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
