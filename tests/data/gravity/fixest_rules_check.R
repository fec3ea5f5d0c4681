# Checks the variance formulas of FIXEST_RULES.md against fixest itself: the sandwich is rebuilt here from
# fixest's scores and bread, with the multipliers written in that file, and compared with vcov(fit, ...).
# Run from the project root: Rscript tests/data/gravity/fixest_rules_check.R (prints the largest relative gap).
suppressPackageStartupMessages({ library(fixest); library(data.table) })
setFixest_nthreads(1)
here <- if (file.exists("tests/data/gravity/panel.csv")) "tests/data/gravity" else "."
d <- fread(file.path(here, "panel.csv"))
d[, pair := paste(exporter, importer, sep = "_")]
d[, spair := paste(pmin(exporter, importer), pmax(exporter, importer), sep = "_")]
d[, ltrade := ifelse(trade > 0, log(trade), NA_real_)]

meat_cl <- function(S, g) { g <- as.integer(factor(g)); R <- rowsum(S, g); crossprod(R) }
# the rules: n, K (nested), G per dimension
rule <- function(fit, type, cl = NULL, adj = TRUE, cluster.adj = TRUE) {
  n <- fit$nobs; k <- length(coef(fit))
  s <- if (is.null(fit$fixef_sizes)) integer(0) else fit$fixef_sizes
  nfe <- length(s)
  K <- if (nfe > 0) k + sum(s) - nfe + 1 else k
  Bols <- if (fit$method_type == "feols") fit$cov.iid / fit$sigma2 else fit$cov.iid
  S <- fit$scores
  if (type == "iid") {
    if (fit$method_type == "feols") {
      V <- Bols * sum(resid(fit)^2) / (n - 1)
    } else V <- Bols
    mult <- if (adj) (n - 1) / (n - K) else 1
    return(V * mult)
  }
  if (type == "hetero") {
    V <- Bols %*% crossprod(S) %*% Bols
    mult <- (if (cluster.adj) n / (n - 1) else 1) * (if (adj) (n - 1) / (n - K) else 1)
    return(V * mult)
  }
  # cluster: cl is a list of vectors (already restricted to the estimation sample)
  if (length(cl) == 1) M <- meat_cl(S, cl[[1]]) else
    M <- meat_cl(S, cl[[1]]) + meat_cl(S, cl[[2]]) - meat_cl(S, paste(cl[[1]], cl[[2]]))
  G <- sapply(cl, function(x) length(unique(x)))
  Gmin <- min(G)
  # nesting: a fixed-effect set is nested if each of its levels lies within one cluster of some dimension
  if (nfe > 0) {
    fid <- fit$fixef_id
    nested <- sapply(seq_len(nfe), function(j) any(sapply(cl, function(x)
      all(tapply(x, fid[[j]], function(v) length(unique(v))) == 1))))
    if (all(nested)) K <- k + 1 else K <- K - sum(s[nested] - 1)
    K <- max(K, k + 1)
  }
  V <- Bols %*% M %*% Bols
  mult <- (if (cluster.adj) Gmin / (Gmin - 1) else 1) * (if (adj) (n - 1) / (n - K) else 1)
  V * mult
}
gap <- 0
chk <- function(label, fit, vc, type, clvars = NULL, adj = TRUE, cluster.adj = TRUE) {
  sub <- d[obs(fit)]
  cl <- if (is.null(clvars)) NULL else lapply(clvars, function(v) sub[[v]])
  mine <- rule(fit, type, cl, adj, cluster.adj)
  theirs <- vcov(fit, vcov = vc, ssc = ssc(adj = adj, cluster.adj = cluster.adj))
  g <- max(abs(mine - theirs) / abs(theirs))
  gap <<- max(gap, g)
  cat(sprintf("%-58s adj=%-5s cluster.adj=%-5s rel.gap=%.2e\n", label, adj, cluster.adj, g))
}
fits <- list(
  pois2 = fepois(trade ~ ln_dist + contig + rta | exporter^year + importer^year, d, glm.tol = 1e-12, fixef.tol = 1e-11),
  pois3 = fepois(trade ~ rta | exporter^year + importer^year + pair, d, glm.tol = 1e-12, fixef.tol = 1e-11),
  ols2 = feols(ltrade ~ ln_dist + contig + rta | exporter^year + importer^year, d, fixef.tol = 1e-11),
  pois0 = fepois(trade ~ ln_dist + contig + rta, d, glm.tol = 1e-12),
  ols3 = feols(ltrade ~ rta | exporter^year + importer^year + pair, d, fixef.tol = 1e-11))
for (nm in names(fits)) {
  f <- fits[[nm]]
  for (a in list(c(TRUE, TRUE), c(FALSE, TRUE), c(TRUE, FALSE), c(FALSE, FALSE))) {
    chk(paste(nm, "iid"), f, "iid", "iid", NULL, a[1], a[2])
    chk(paste(nm, "hetero"), f, "hetero", "hetero", NULL, a[1], a[2])
    chk(paste(nm, "~pair"), f, ~pair, "cl", "pair", a[1], a[2])
    chk(paste(nm, "~exporter^importer"), f, ~exporter^importer, "cl", "pair", a[1], a[2])
    chk(paste(nm, "~spair"), f, ~spair, "cl", "spair", a[1], a[2])
    chk(paste(nm, "~exporter"), f, ~exporter, "cl", "exporter", a[1], a[2])
    chk(paste(nm, "~exporter+importer"), f, ~exporter + importer, "cl", c("exporter", "importer"), a[1], a[2])
    chk(paste(nm, "~pair+year"), f, ~pair + year, "cl", c("pair", "year"), a[1], a[2])
  }
}
cat(sprintf("largest relative gap: %.3e\n", gap))

# The scores and bread from first principles: the response residual y - mu at the final fitted mean, and the
# regressors demeaned with weights mu (fixest's own scores use the weights and working residuals of its last
# weighted least squares, which agree at convergence).
for (tol in list(c(1e-8, 1e-6), c(1e-12, 1e-11))) {
  f <- fepois(trade ~ ln_dist + contig + rta | exporter^year + importer^year, d, glm.tol = tol[1], fixef.tol = tol[2],
              notes = FALSE)
  s <- d[obs(f)]; X <- as.matrix(s[, .(ln_dist, contig, rta)]); mu <- fitted(f)
  Xd <- demean(X, s[, .(ey = paste(exporter, year), iy = paste(importer, year))], weights = mu, tol = 1e-13,
               iter = 100000)
  S <- (s$trade - mu) * Xd; B <- solve(crossprod(Xd * sqrt(mu)))
  G <- 42; n <- f$nobs; K <- f$nparams
  mine <- sqrt(diag(B %*% crossprod(rowsum(S, paste(s$exporter, s$importer))) %*% B) * G / (G - 1) * (n - 1) / (n - K))
  cat(sprintf("first principles, glm.tol %g fixef.tol %g: scores %.1e, bread %.1e, pair-clustered SE %.1e (relative)\n",
              tol[1], tol[2], max(abs(S - f$scores)) / max(abs(f$scores)), max(abs(B - f$cov.iid) / abs(f$cov.iid)),
              max(abs(mine / se(f, vcov = ~exporter^importer) - 1))))
}
