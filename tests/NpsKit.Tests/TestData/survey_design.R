# Reference values for NpsSurveyDesign: R's survey package on stratified, clustered, weighted designs.
# Regenerate from this folder (needs R and the survey package; on Debian: apt-get install r-base-core r-cran-survey):
#   Rscript survey_design.R > survey_design.csv
# Each case is seeded. Rows:
#   resp,case,score,weight,stratum,cluster        one respondent (weights printed with 17 significant digits)
#   expect,case,estimate,se,deff,lower95,upper95  svymean of y = +1/0/-1 (-1..1 scale): coef, SE, deff = "replace",
#                                                 and confint (normal, 95 %)
# Design: svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, nest = TRUE, data = d): one stage, PSUs drawn
# with replacement within strata (no fpc), cluster ids nested in strata. ids = ~1 where a case has no clusters,
# no strata argument where it has no strata.
suppressPackageStartupMessages(library(survey))
cat(sprintf("# tool: %s, survey %s (Debian r-base-core, r-cran-survey)\n", R.version.string, as.character(packageVersion("survey"))))
cat("# command: Rscript survey_design.R > survey_design.csv\n")
probs <- c(3, 1, 1, 2, 2, 4, 6, 10, 16, 25, 30)
make <- function(seed, strata, clustersPerStratum, perCluster, weight, clusterEffect) {
  set.seed(seed)
  rows <- NULL
  for (h in seq_len(strata)) {
    for (c in seq_len(clustersPerStratum[h])) {
      m <- perCluster()
      # a cluster effect: shift the score distribution of the whole cluster (intra-cluster correlation)
      shift <- if (clusterEffect) sample(-3:2, 1) else 0
      score <- pmin(10, pmax(0, sample(0:10, m, replace = TRUE, prob = probs) + shift))
      rows <- rbind(rows, data.frame(score = score, w = weight(m, h), stratum = paste0("S", h), cluster = paste0("C", c)))
    }
  }
  rows$y <- ifelse(rows$score >= 9, 1, ifelse(rows$score <= 6, -1, 0))
  rows
}
cases <- list(
  # 1: strata + clusters + unequal weights (the full design)
  list(d = make(11, 4, c(3, 5, 8, 4), function() sample(4:20, 1), function(m, h) runif(m, 0.5, 3) * h, TRUE), ids = TRUE, strata = TRUE),
  # 2: clusters only, unequal weights
  list(d = make(12, 1, 12, function() sample(2:30, 1), function(m, h) exp(rnorm(m, 0, 0.6)), TRUE), ids = TRUE, strata = FALSE),
  # 3: strata only (every respondent its own PSU), unequal weights
  list(d = make(13, 3, c(1, 1, 1), function() sample(40:90, 1), function(m, h) runif(m, 1, 2) * c(5, 1, 2)[h], FALSE), ids = FALSE, strata = TRUE),
  # 4: clusters, equal weights, no strata
  list(d = make(14, 1, 20, function() sample(1:15, 1), function(m, h) rep(3, m), TRUE), ids = TRUE, strata = FALSE),
  # 5: strata + clusters, two PSUs in a stratum, large weights
  list(d = make(15, 3, c(2, 6, 3), function() sample(3:12, 1), function(m, h) runif(m, 1e5, 9e5), TRUE), ids = TRUE, strata = TRUE)
)
for (i in seq_along(cases)) {
  cs <- cases[[i]]
  d <- cs$d
  des <- if (cs$ids && cs$strata) svydesign(ids = ~cluster, strata = ~stratum, weights = ~w, nest = TRUE, data = d)
         else if (cs$ids) svydesign(ids = ~cluster, weights = ~w, data = d)
         else if (cs$strata) svydesign(ids = ~1, strata = ~stratum, weights = ~w, data = d)
         else svydesign(ids = ~1, weights = ~w, data = d)
  m <- svymean(~y, des, deff = "replace")
  ci <- confint(m, level = 0.95)
  for (r in seq_len(nrow(d))) {
    cat(sprintf("resp,%d,%d,%.17g,%s,%s\n", i, d$score[r], d$w[r],
                if (cs$strata) d$stratum[r] else "", if (cs$ids) d$cluster[r] else ""))
  }
  cat(sprintf("expect,%d,%.17g,%.17g,%.17g,%.17g,%.17g\n", i, coef(m)[[1]], SE(m)[[1]], deff(m)[[1]], ci[1, 1], ci[1, 2]))
}
