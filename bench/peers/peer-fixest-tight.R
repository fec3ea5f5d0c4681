# The fixest peer at the precision Linkage reaches, on the domestic-flows panel of bench/gravity:
#   Rscript bench/peers/peer-fixest-tight.R PANEL.csv THREADS
# fepois with glm.tol = 1e-12 and fixef.tol = 1e-11 (the tightest fixest 0.12.2 accepts), clustered by the
# directed pair; prints the fit's seconds (system.time around fepois alone) and every coefficient and standard
# error with 17 significant digits.
suppressMessages({
  library(fixest)
  library(data.table)
})
args <- commandArgs(TRUE)
setFixest_nthreads(as.integer(args[2]))
d <- fread(args[1], colClasses = c(trade = "double"))  # no integer64 (R here has no bit64)
borders <- grep("^intl_brdr_", names(d), value = TRUE)[-1]
model <- as.formula(paste("trade ~ rta +", paste(borders, collapse = " + "),
                          "| exporter^year + importer^year + exporter^importer"))
t <- system.time(f <- fepois(model, d, vcov = ~exporter^importer, glm.tol = 1e-12, fixef.tol = 1e-11,
                             fixef.iter = 100000))
cat("fit_seconds=", t[["elapsed"]], "\n", sep = "")
cat(sprintf("%s %.17g %.17g\n", names(coef(f)), coef(f), se(f)), sep = "")
