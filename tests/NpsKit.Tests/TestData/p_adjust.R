# Reference values for MultipleComparisonsTests (R's stats::p.adjust). Run: Rscript p_adjust.R
options(digits = 17)
p <- c(0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719, 0.6528, 0.7590, 1.000)
print(p.adjust(p, "holm"))
print(p.adjust(p, "BH"))
q <- c(0.04, NA, 0.01, 0.03, 0.01, 0.5)
print(p.adjust(q, "holm"))
print(p.adjust(q, "BH"))
