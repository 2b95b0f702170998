# Reference values of NpsTest.ProbabilityOfIncrease for tallies with few or no promoters and detractors, where the
# posterior density of NPS is unbounded at 0. Independent of NpsKit's quadrature: R's adaptive integrate() on the
# current posterior written as Delta = S(2V - 1) with S ~ Beta(aP + aD, aM) and V ~ Beta(aP, aD) independent:
# P = double integral of f_S(s) f_V(v) F_baseline(s(2v - 1)) ds dv, so no unbounded density is integrated.
# Run: Rscript probability_of_increase.R > probability_of_increase.csv
tol <- 1e-12
cdf1 <- function(t, aP, aM, aD) {
  if (t <= -1) return(0)
  if (t >= 1) return(1)
  aS <- aP + aD
  inner <- integrate(function(s) dbeta(s, aS, aM) * pbeta((1 + t / s) / 2, aP, aD), abs(t), 1,
                     rel.tol = tol, abs.tol = 1e-15, subdivisions = 2000L)$value
  inner + if (t > 0) pbeta(t, aS, aM) else 0
}
prob <- function(base, cur, a = 0.5) {
  b <- base + a
  c <- cur + a
  overV <- Vectorize(function(s) {
    g <- Vectorize(function(v) dbeta(v, c[1], c[3]) * cdf1(s * (2 * v - 1), b[1], b[2], b[3]))
    dbeta(s, c[1] + c[3], c[2]) * (integrate(g, 0, 0.5, rel.tol = 1e-11, abs.tol = 1e-14, subdivisions = 2000L)$value +
                                   integrate(g, 0.5, 1, rel.tol = 1e-11, abs.tol = 1e-14, subdivisions = 2000L)$value)
  })
  integrate(overV, 0, 1, rel.tol = 1e-11, abs.tol = 1e-14, subdivisions = 2000L)$value
}
# Slow (minutes per case): nested adaptive quadrature three deep.
cases <- list(
  list(c(0, 5, 0), c(0, 6, 0)),
  list(c(0, 5, 0), c(1, 5, 0))
)
cat(sprintf("# %s; command: Rscript probability_of_increase.R > probability_of_increase.csv\n", R.version.string))
cat("# baseline,current,prior,probability\n")
for (cs in cases) {
  cat(sprintf("%s,%s,0.5,%.15g\n", paste(cs[[1]], collapse = "|"), paste(cs[[2]], collapse = "|"), prob(cs[[1]], cs[[2]])))
}
