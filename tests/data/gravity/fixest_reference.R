# Reference estimates of R's fixest for tests of `linkage gravity`: Rscript tests/data/gravity/fixest_reference.R
#
# Reads the CSV panels in this directory (panel.csv from statsmodels_reference.py, the others from
# gen_fixest_panels.py) and writes fixest_reference.json: for every case the coefficients and standard errors
# (17 significant digits) under each variance rule, with fixest's default small-sample correction `ssc()` and with
# `ssc(adj = FALSE, cluster.adj = TRUE)` (Stata's ppmlhdfe / reghdfe rule), the observations used, the variables
# fixest dropped as collinear and the observations it dropped. The fits use tight tolerances (glm.tol = 1e-12,
# fixef.tol = 1e-11: fixest 0.12.2 refuses a fixef.tol below 1e4 * machine epsilon = 2.2e-12), so the values are
# the optimum to about 1e-10 relative, not fixest's default stopping point.
suppressPackageStartupMessages({ library(fixest); library(data.table) })
setFixest_nthreads(1)
setFixest_notes(FALSE)
args <- commandArgs(trailingOnly = FALSE)
script <- sub("^--file=", "", args[grepl("^--file=", args)])
here <- if (length(script)) dirname(normalizePath(script)) else "tests/data/gravity"
GLM_TOL <- 1e-12
FIXEF_TOL <- 1e-11

read <- function(name) {
  d <- fread(file.path(here, name))
  d[, pair := paste(exporter, importer, sep = "_")]
  d[, symmetric_pair := paste(pmin(exporter, importer), pmax(exporter, importer), sep = "_")]
  d
}
panel <- read("panel.csv")
border <- read("panel_border.csv")
collinear <- read("panel_collinear.csv")
separation <- read("panel_separation.csv")
domestic <- read("panel_domestic.csv")

# --- a small JSON writer (numbers with 17 significant digits) ---
num <- function(x) ifelse(is.na(x), "null", sprintf("%.17g", x))
str <- function(x) paste0("\"", gsub("\"", "\\\\\"", x), "\"")
obj <- function(items, indent) {
  if (!length(items)) return("{}")
  pad <- strrep("  ", indent + 1)
  paste0("{\n", paste0(pad, str(names(items)), ": ", unlist(items), collapse = ",\n"), "\n",
         strrep("  ", indent), "}")
}
arr <- function(x) if (!length(x)) "[]" else paste0("[", paste(x, collapse = ", "), "]")
named <- function(v, indent) obj(setNames(as.list(num(unname(v))), names(v)), indent)

SSC <- list(fixest_default = ssc(), adj_false_cluster_adj_true = ssc(adj = FALSE, cluster.adj = TRUE))

vcov_block <- function(fit, vcovs, indent) {
  out <- list()
  for (vname in names(vcovs)) {
    per <- list()
    for (sname in names(SSC)) {
      v <- vcov(fit, vcov = vcovs[[vname]], ssc = SSC[[sname]], attr = TRUE)
      G <- attr(v, "G")
      per[[sname]] <- obj(list(
        se = named(sqrt(diag(v)), indent + 3),
        dof_K = num(attr(v, "dof.K")),
        df_t = num(attr(v, "df.t")),
        G_min = if (is.null(G)) "null" else num(G)), indent + 2)
    }
    out[[vname]] <- obj(per, indent + 1)
  }
  obj(out, indent)
}

case <- function(description, data_file, call_text, fit, vcovs, extra = list()) {
  removed <- fit$obs_selection$obsRemoved
  info <- list(
    description = str(description),
    data = str(data_file),
    call = str(call_text),
    observations = num(fit$nobs),
    observations_in_file = num(fit$nobs_origin),
    observations_removed_only_zero_fixed_effects = num(if (is.null(removed)) 0 else length(removed)),
    rows_removed_only_zero_fixed_effects = arr(if (is.null(removed)) integer(0) else sort(-removed)),
    fixed_effect_sizes = if (is.null(fit$fixef_sizes)) "{}" else named(fit$fixef_sizes, 3),
    nparams = num(fit$nparams),
    collinear_dropped = arr(if (is.null(fit$collin.var)) character(0) else str(fit$collin.var)),
    converged = if (is.null(fit$convStatus) || isTRUE(fit$convStatus)) "true" else "false",
    iterations = num(if (is.null(fit$iterations)) NA else max(fit$iterations)),
    coefficients = named(coef(fit), 3),
    vcov = vcov_block(fit, vcovs, 3))
  obj(c(info, extra), 2)
}

pois <- function(fml, data, ...) fepois(fml, data, glm.tol = GLM_TOL, fixef.tol = FIXEF_TOL, ...)
ols <- function(fml, data, ...) feols(fml, data, fixef.tol = FIXEF_TOL, ...)
cases <- list()
V4 <- list(iid = "iid", hetero = "hetero", `cluster:pair` = ~exporter^importer,
           `cluster:exporter+importer` = ~exporter + importer)

# a. panel.csv: PPML and OLS with exporter-year and importer-year effects
f <- pois(trade ~ ln_dist + contig + rta | exporter^year + importer^year, panel)
cases$a_ppml_two_sets <- case("PPML, exporter-year + importer-year effects", "panel.csv",
  "fepois(trade ~ ln_dist + contig + rta | exporter^year + importer^year, glm.tol = 1e-12, fixef.tol = 1e-11)", f, V4)
f <- pois(trade ~ rta | exporter^year + importer^year + pair, panel)
cases$a_ppml_three_sets <- case("PPML, exporter-year + importer-year + pair effects", "panel.csv",
  "fepois(trade ~ rta | exporter^year + importer^year + pair, glm.tol = 1e-12, fixef.tol = 1e-11)", f, V4)
f <- ols(log(trade) ~ ln_dist + contig + rta | exporter^year + importer^year, panel[trade > 0])
cases$a_ols_two_sets <- case("OLS of log flows on positive flows, exporter-year + importer-year effects",
  "panel.csv (trade > 0)",
  "feols(log(trade) ~ ln_dist + contig + rta | exporter^year + importer^year, data[trade > 0], fixef.tol = 1e-11)", f, V4)

# b. trade without borders: domestic flows, pair effects, border-by-year dummies, rta; clustered by pair
f <- pois(trade ~ rta + intl_brdr_2000 + intl_brdr_2004 + intl_brdr_2008 | exporter^year + importer^year + pair, border)
cases$b_border_three_sets <- case(
  "PPML with domestic flows (i == j), exporter-year + importer-year + pair effects, border-by-year dummies (all three years entered; with pair effects one is collinear) and rta",
  "panel_border.csv",
  "fepois(trade ~ rta + intl_brdr_2000 + intl_brdr_2004 + intl_brdr_2008 | exporter^year + importer^year + pair, glm.tol = 1e-12, fixef.tol = 1e-11)",
  f, list(`cluster:pair` = ~exporter^importer, hetero = "hetero"))

# c. a regressor entered twice and an exact linear combination
f <- pois(trade ~ ln_dist + ln_dist_copy + contig + lang + both + rta | exporter^year + importer^year, collinear)
cases$c_collinear <- case(
  "PPML where ln_dist_copy == ln_dist and both == contig + lang; fixest drops the later of each",
  "panel_collinear.csv",
  "fepois(trade ~ ln_dist + ln_dist_copy + contig + lang + both + rta | exporter^year + importer^year, glm.tol = 1e-12, fixef.tol = 1e-11)",
  f, list(`cluster:pair` = ~exporter^importer))

# d. a regressor that separates zero flows: fixest 0.12.2 has no check for separation by regressors
sep_rows <- which(separation$sep == 1)
f <- suppressWarnings(pois(trade ~ ln_dist + contig + lang + rta + sep | exporter^year + importer^year, separation))
cases$d_separation_fixest_as_is <- case(
  "PPML where sep = 1 only on zero flows: fixest 0.12.2 does not detect it; the IRLS stops at glm.iter = 25 without convergence and sep is then dropped as collinear (its weights go to 0); the coefficients are not an optimum and are recorded only to document that behaviour",
  "panel_separation.csv",
  "fepois(trade ~ ln_dist + contig + lang + rta + sep | exporter^year + importer^year, glm.tol = 1e-12, fixef.tol = 1e-11)",
  f, list(`cluster:pair` = ~exporter^importer),
  list(separated_rows = arr(sep_rows), separated_count = num(length(sep_rows))))
f <- pois(trade ~ ln_dist + contig + lang + rta | exporter^year + importer^year, separation[sep == 0])
cases$d_separation_rows_removed <- case(
  "The same model with the rows where sep = 1 removed and sep left out: the estimate with separation handled (what ppmlhdfe reports; the expected result of a separation check)",
  "panel_separation.csv (sep == 0)",
  "fepois(trade ~ ln_dist + contig + lang + rta | exporter^year + importer^year, data[sep == 0], glm.tol = 1e-12, fixef.tol = 1e-11)",
  f, list(`cluster:pair` = ~exporter^importer, hetero = "hetero"),
  list(separated_rows = arr(sep_rows), separated_count = num(length(sep_rows))))

# e. no fixed effects
f <- pois(trade ~ ln_dist + contig + rta, panel)
cases$e_ppml_no_fixed_effects <- case("PPML with an intercept and no fixed effects", "panel.csv",
  "fepois(trade ~ ln_dist + contig + rta, glm.tol = 1e-12)", f,
  list(hetero = "hetero", iid = "iid", `cluster:pair` = ~exporter^importer))

# f. symmetric pair clusters (A->B and B->A in one cluster)
f <- pois(trade ~ ln_dist + contig + rta | exporter^year + importer^year, panel)
cases$f_symmetric_pair_cluster <- case(
  "PPML two sets clustered by the unordered pair: symmetric_pair = paste(min(exporter, importer), max(exporter, importer))",
  "panel.csv",
  "fepois(trade ~ ln_dist + contig + rta | exporter^year + importer^year, glm.tol = 1e-12, fixef.tol = 1e-11), vcov = ~symmetric_pair",
  f, list(`cluster:symmetric_pair` = ~symmetric_pair))
f <- pois(trade ~ rta | exporter^year + importer^year + pair, panel)
cases$f_symmetric_pair_cluster_three_sets <- case(
  "PPML three sets (directional pair effects) clustered by the unordered pair: the pair effects are nested in the clusters",
  "panel.csv",
  "fepois(trade ~ rta | exporter^year + importer^year + pair, glm.tol = 1e-12, fixef.tol = 1e-11), vcov = ~symmetric_pair",
  f, list(`cluster:symmetric_pair` = ~symmetric_pair))

# g. domestic flows whose fixed-effect sets mix slowly: Linkage's projections take the direct solve here
f <- pois(trade ~ rta + intl_brdr_2001 + intl_brdr_2002 + intl_brdr_2003 | exporter^year + importer^year + pair, domestic)
cases$g_domestic_slow_mixing <- case(
  "PPML with domestic flows, strong pair effects and trade blocs (bench/peers/gen-gravity.py panel_domestic.csv 30 4 1 --domestic), exporter-year + importer-year + pair effects: the sets mix slowly",
  "panel_domestic.csv",
  "fepois(trade ~ rta + intl_brdr_2001 + intl_brdr_2002 + intl_brdr_2003 | exporter^year + importer^year + pair, glm.tol = 1e-12, fixef.tol = 1e-11)",
  f, list(`cluster:pair` = ~exporter^importer, hetero = "hetero"))

top <- list(
  generator = str("Rscript tests/data/gravity/fixest_reference.R"),
  fixest_version = str(as.character(packageVersion("fixest"))),
  r_version = str(paste(R.version$major, R.version$minor, sep = ".")),
  glm_tol = sprintf("%g", GLM_TOL), fixef_tol = sprintf("%g", FIXEF_TOL),
  ssc = obj(list(fixest_default = str("ssc(): adj = TRUE, fixef.K = 'nested', cluster.adj = TRUE, cluster.df = 'min', t.df = 'min'"),
                 adj_false_cluster_adj_true = str("ssc(adj = FALSE, cluster.adj = TRUE)")), 1),
  rules = str("FIXEST_RULES.md"),
  cases = obj(cases, 1))
writeLines(obj(top, 0), file.path(here, "fixest_reference.json"))
cat("wrote", file.path(here, "fixest_reference.json"), "\n")
