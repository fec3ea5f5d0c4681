#!/usr/bin/env python3
"""Independent reference for the engine's GEPPML tests.

The engine solves a structural gravity counterfactual with GEPPML (Anderson,
Larch and Yotov 2018): repeated PPML regressions with exporter/importer fixed
effects.  To test it against something that shares none of its code paths,
this script gets the same answers another way:
  * the fixed-effect fits are reproduced by biproportional scaling (RAS),
    since a PPML fit with exporter and importer effects and an offset matches
    the observed row and column sums exactly, and is the unique such matrix;
  * the full-endowment equilibrium is solved by "exact hat algebra"
    (Dekle, Eaton and Kortum 2007) in price changes, not by iterating on
    multilateral resistances.
Two cases share costs, counterfactual (agreement A-B removed), sigma and
reference country, and differ only in the observed flows:
  * three_country.json             symmetric flows, so trade is balanced;
  * three_country_unbalanced.json  asymmetric flows, so output and
    expenditure differ and the counterfactual must say what happens to the
    deficits.  As in the engine, each deficit stays a fixed share of world
    output (Dekle, Eaton and Kortum 2007).
Run:  python3 three_country_reference.py   (needs numpy and scipy; Debian's
python3-numpy/python3-scipy suffice).  Output is deterministic.
"""
import json
import os

import numpy as np
from scipy.optimize import root

COUNTRIES = ["A", "B", "C"]
SIGMA = 7.0
REFERENCE = "C"
REF = COUNTRIES.index(REFERENCE)

# Rows exporters, columns importers, domestic sales on the diagonal.
X_BALANCED = np.array([[100.0, 20.0, 10.0], [20.0, 80.0, 15.0], [10.0, 15.0, 60.0]])
X_UNBALANCED = np.array([[100.0, 30.0, 10.0], [20.0, 80.0, 25.0], [5.0, 15.0, 60.0]])
DIST = np.array([[1.0, 2.0, 4.0], [2.0, 1.0, 3.0], [4.0, 3.0, 1.0]])
AGR = np.array([[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
HOME = np.eye(3)

# t is already t^(1-sigma), so it enters flows linearly; no sigma needed here.
LN_T = -0.8 * np.log(DIST) + 0.4 * AGR + 1.5 * HOME
LN_T_CF = -0.8 * np.log(DIST) + 0.0 * AGR + 1.5 * HOME
T, T_CF = np.exp(LN_T), np.exp(LN_T_CF)

HERE = os.path.dirname(os.path.abspath(__file__))


def ras(t, rows, cols, tol=1e-14, max_iter=100000):
    """Scale t to diag(a) t diag(b) with given row/column sums.

    This is the fixed point of PPML with exporter and importer effects and
    offset ln t, so it stands in for the engine's regression without sharing
    any of its code.  Convergence is judged on relative sum errors because
    the flows are O(100) and an absolute 1e-14 would be below round-off.
    """
    a, b = np.ones(len(rows)), np.ones(len(cols))
    for _ in range(max_iter):
        a = rows / (t @ b)
        b = cols / (t.T @ a)
        fit = a[:, None] * t * b[None, :]
        # After the b step columns are exact; rows carry the remaining error.
        if np.max(np.abs(fit.sum(axis=1) / rows - 1.0)) < tol:
            return fit
    raise RuntimeError("RAS did not converge")


def exports(flows):
    # Domestic sales are on the diagonal and are not exports.
    return flows.sum(axis=1) - np.diag(flows)


def pct(new, old):
    return 100.0 * (new / old - 1.0)


def solve_case(X, balanced):
    """Baseline fit, conditional and full-endowment counterfactual for flows X.

    balanced=True is only for symmetric X.  There the deficits are zero and
    E'_j = p_hat_j E_j; the general rule below gives the same thing, but the
    RAS fit leaves deficits of round-off size (~1e-14) that would then leak
    into the balanced reference, so that case keeps the direct formula.
    """
    # 1. Baseline: fitted flows, whose sums equal the data's.
    X0 = ras(T, X.sum(axis=1), X.sum(axis=0))
    Y, E = X0.sum(axis=1), X0.sum(axis=0)
    D = E - Y  # deficits of the fitted baseline; they sum to zero
    if balanced:
        assert np.max(np.abs(D)) < 1e-10 * Y.sum(), "flows are not balanced"
    else:
        assert np.max(np.abs(D)) > 1e-3 * Y.sum(), "use balanced=True"

    # 2. Conditional GE: only trade costs move, outputs and expenditures
    #    fixed, which is again a two-way fixed-effect fit, i.e. RAS with the
    #    new costs.  This does not involve deficits at all.
    XC = ras(T_CF, Y, E)
    assert np.allclose(XC.sum(axis=1), Y, rtol=1e-12, atol=0)
    assert np.allclose(XC.sum(axis=0), E, rtol=1e-12, atol=0)

    # 3. Full endowment GE by exact hat algebra.  Only baseline shares, cost
    #    changes and deficits are needed; levels of t and the fixed effects
    #    cancel out.
    LAM = X0 / E[None, :]
    T_HAT = T_CF / T

    def hat_terms(p_hat):
        """Return (new shares lambda', P_hat^(1-sigma)) for given price changes."""
        w = LAM * T_HAT * (p_hat ** (1.0 - SIGMA))[:, None]
        phi = w.sum(axis=0)  # = P_hat_j^(1-sigma)
        return w / phi[None, :], phi

    def new_expenditure(p_hat):
        if balanced:
            return p_hat * E
        # Deficits keep their share of world output (DEK 2007): without a
        # rule like this nominal deficits would not scale with the price
        # level and the equilibrium would depend on the normalisation.
        Y_new = p_hat * Y
        return Y_new + D * (Y_new.sum() / Y.sum())

    def clearing_residuals(p_hat):
        lam_new, _ = hat_terms(p_hat)
        # Relative residuals so the tolerance does not depend on the flow scale.
        return (lam_new @ new_expenditure(p_hat)) / (p_hat * Y) - 1.0

    def system(log_p):
        # Solve in logs so prices stay positive without bounds.  One clearing
        # equation is implied by the others (Walras' law: sum_j E'_j =
        # sum_i Y'_i because the deficits sum to zero), so the reference
        # country's is swapped for the normalisation P_hat_ref = 1.
        p_hat = np.exp(log_p)
        res = clearing_residuals(p_hat)
        res[REF] = hat_terms(p_hat)[1][REF] - 1.0
        return res

    sol = root(system, np.zeros(3), method="hybr", tol=1e-13)
    assert sol.success, sol.message
    p_hat = np.exp(sol.x)
    assert np.max(np.abs(clearing_residuals(p_hat))) < 1e-10
    lam_new, phi = hat_terms(p_hat)
    P_hat = phi ** (1.0 / (1.0 - SIGMA))
    assert abs(P_hat[REF] - 1.0) < 1e-12
    E_new = new_expenditure(p_hat)
    XF = lam_new * E_new[None, :]
    assert np.allclose(XF.sum(axis=1), p_hat * Y, rtol=1e-10, atol=0)
    # All three clearing equations in levels, including the reference
    # country's, which the solver never saw (so this also checks Walras' law).
    assert np.max(np.abs(lam_new @ E_new - p_hat * Y)) < 1e-10
    assert np.allclose(XF.sum(axis=0), E_new, rtol=1e-12, atol=0)
    # Deficits really stayed a fixed share of world output.
    assert np.allclose((E_new - p_hat * Y) / (p_hat * Y).sum(),
                       D / Y.sum(), rtol=0, atol=1e-14)

    return {
        "countries": COUNTRIES,
        "sigma": SIGMA,
        "reference": REFERENCE,
        "flows": X.tolist(),
        "ln_t": LN_T.tolist(),
        "ln_t_counterfactual": LN_T_CF.tolist(),
        "baseline_flows": X0.tolist(),
        "conditional_flows": XC.tolist(),
        "conditional_exports_change_percent": pct(exports(XC), exports(X0)).tolist(),
        "full_flows": XF.tolist(),
        "price_change": p_hat.tolist(),
        "price_index_change": P_hat.tolist(),
        "output_change_percent": (100.0 * (p_hat - 1.0)).tolist(),
        "real_output_change_percent": (100.0 * (p_hat / P_hat - 1.0)).tolist(),
        "exports_change_percent": pct(exports(XF), exports(X0)).tolist(),
        # The engine reports inward multilateral resistance in its (1-sigma) power.
        "imr_change_percent": (100.0 * (phi - 1.0)).tolist(),
    }


def write(result, name):
    out = os.path.join(HERE, name)
    with open(out, "w") as f:
        json.dump(result, f, indent=2)
        f.write("\n")
    print(f"wrote {out}")
    for k in ("price_change", "price_index_change", "output_change_percent",
              "real_output_change_percent", "exports_change_percent",
              "conditional_exports_change_percent", "imr_change_percent"):
        print(f"{k:36s}", " ".join(f"{v:+.10g}" for v in result[k]))


write(solve_case(X_BALANCED, balanced=True), "three_country.json")
write(solve_case(X_UNBALANCED, balanced=False), "three_country_unbalanced.json")
