# The fixest peer of bench/gravity: Rscript bench/peers/peer-fixest.R PANEL.csv SPEC_KIND THREADS
#
# SPEC_KIND: two      trade ~ ln_dist + contig + rta | exporter^year + importer^year
#            three    trade ~ rta | exporter^year + importer^year + exporter^importer
#            domestic trade ~ rta + intl_brdr_<every year but the first> | exporter^year + importer^year
#                     + exporter^importer (panels from gen-gravity.py --domestic)
# Reads the panel with data.table::fread, then times fepois alone with system.time (fixest's defaults otherwise:
# glm.tol 1e-8, fixef.tol 1e-6, vcov clustered by the directed pair, default ssc()). Prints key=value lines
# (fit_seconds, observations, observations_removed, irls_iterations, converged, collinear) and then
# `term,estimate,std_error` rows with 17 significant digits. Set OMP_WAIT_POLICY=PASSIVE when timing several
# threads on a busy machine.
suppressPackageStartupMessages({ library(fixest); library(data.table) })
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 3) stop("usage: peer-fixest.R PANEL.csv two|three|domestic THREADS")
panel <- args[1]; kind <- args[2]; threads <- as.integer(args[3])
setFixest_nthreads(threads)
setDTthreads(threads)
data <- fread(panel, colClasses = c(trade = "double"))
fml <- switch(kind,
  two = trade ~ ln_dist + contig + rta | exporter^year + importer^year,
  three = trade ~ rta | exporter^year + importer^year + exporter^importer,
  domestic = {
    borders <- grep("^intl_brdr_", names(data), value = TRUE)
    if (length(borders) < 2) stop("peer-fixest.R: the domestic spec needs a panel from gen-gravity.py --domestic")
    as.formula(paste("trade ~", paste(c("rta", borders[-1]), collapse = " + "),
                     "| exporter^year + importer^year + exporter^importer"))
  },
  stop("peer-fixest.R: SPEC_KIND is two, three or domestic"))
fit <- NULL
seconds <- system.time(fit <- fepois(fml, data, vcov = ~exporter^importer, notes = FALSE))[["elapsed"]]
removed <- fit$obs_selection$obsRemoved
cat(sprintf("fit_seconds=%.3f\n", seconds))
cat(sprintf("observations=%d\n", fit$nobs))
cat(sprintf("observations_removed=%d\n", if (is.null(removed)) 0L else length(removed)))
cat(sprintf("irls_iterations=%d\n", as.integer(max(fit$iterations))))
cat(sprintf("converged=%s\n", tolower(as.character(isTRUE(fit$convStatus)))))
cat(sprintf("collinear=%s\n", paste(fit$collin.var, collapse = " ")))
cat(sprintf("formula=%s\n", paste(deparse(fml, width.cutoff = 500L), collapse = "")))
cat("term,estimate,std_error\n")
cat(sprintf("%s,%.17g,%.17g\n", names(coef(fit)), coef(fit), se(fit)), sep = "")
