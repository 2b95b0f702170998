# Reference values for NpsKit's weighted NPS standard error: R's survey::svymean on a one-stage design.
# Run from this folder:  Rscript weighted_svymean.R > weighted_svymean.csv
# Each case: seeded scores 0..10 and weights; the output gives per-score count, sum(w), sum(w^2) (so the test can
# rebuild the WeightedNpsTally exactly) and svymean's estimate and linearization SE of y = +1/0/-1 (-1..1 scale),
# plus the Kish effective n.
suppressPackageStartupMessages(library(survey))
cat(sprintf("# tool: %s, survey %s (Debian r-base-core, r-cran-survey)\n", R.version.string, as.character(packageVersion("survey"))))
cat("# command: Rscript weighted_svymean.R > weighted_svymean.csv\n")
cat("# design: svydesign(ids = ~1, weights = ~w, data = d); estimate and SE from svymean(~y, design)\n")
cat("# case,score,count,sum_w,sum_w2   |   case,estimate,se,kish_n (rows with score = -1)\n")
cases <- list(
  list(seed = 1, n = 200, w = function(n) runif(n, 0.2, 5)),
  list(seed = 2, n = 1000, w = function(n) exp(rnorm(n, 0, 0.7))),
  list(seed = 3, n = 12, w = function(n) round(runif(n, 1, 4), 2)),
  list(seed = 4, n = 50, w = function(n) rep(2.5, n))
)
probs <- c(3, 1, 1, 2, 2, 4, 6, 10, 16, 25, 30)
for (i in seq_along(cases)) {
  cs <- cases[[i]]
  set.seed(cs$seed)
  score <- sample(0:10, cs$n, replace = TRUE, prob = probs)
  w <- cs$w(cs$n)
  y <- ifelse(score >= 9, 1, ifelse(score <= 6, -1, 0))
  d <- data.frame(y = y, w = w)
  des <- svydesign(ids = ~1, weights = ~w, data = d)
  m <- svymean(~y, des)
  for (s in 0:10) {
    sel <- score == s
    cat(sprintf("%d,%d,%d,%.17g,%.17g\n", i, s, sum(sel), sum(w[sel]), sum(w[sel]^2)))
  }
  cat(sprintf("%d,-1,%.17g,%.17g,%.17g\n", i, coef(m)[[1]], SE(m)[[1]], sum(w)^2 / sum(w^2)))
}
