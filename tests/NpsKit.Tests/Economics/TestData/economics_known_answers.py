# Known answers for tests/NpsKit.Tests/Economics, computed independently of NpsKit with exact rational
# arithmetic (Python's fractions module).
# Tool: Python 3.11.7 (standard library only). Command: python3 economics_known_answers.py > economics_known_answers.txt
# Sources of the formulas: Gupta & Lehmann (2003) J. Interactive Marketing 17(1); Reichheld (2006) The Ultimate
# Question, ch. 3 (Dell); Satmetrix Systems, "Net Promoter Economics: The Impact of Word of Mouth"; Keiningham et al. (2011) HBR 89(10).
from fractions import Fraction as F

def clv(m, r, i, g=F(0), ac=F(0)):
    assert 1 + i > r * (1 + g)
    return m * r / (1 + i - r * (1 + g)) - ac

def show(name, x):
    print(f"{name} = {float(x):.10f}  ({x})")

# Gupta & Lehmann, plain and with growth.
show("clv(m=100, r=0.8, i=0.1)", clv(F(100), F(8, 10), F(1, 10)))
show("clv(m=100, r=0.8, i=0.1, ac=50)", clv(F(100), F(8, 10), F(1, 10), ac=F(50)))
show("clv(m=100, r=0.8, i=0.1, g=0.05)", clv(F(100), F(8, 10), F(1, 10), F(5, 100)))
# Subscription: ARPA * margin / (churn + discount)
show("subscription(50, 0.8, churn 0.02, i 0.01)", F(50) * F(8, 10) / (F(2, 100) + F(1, 100)))

# Worked example (docs/economics.md): yearly, USD, discount 10%, gross margin 40%, acquisition 300.
i, gm, ac = F(1, 10), F(4, 10), F(300)
cats = {  # retention, spend, cost to serve, word of mouth
    "promoter": (F(9, 10), F(1200), F(60), F(42)),
    "passive": (F(8, 10), F(1000), F(80), F(0)),
    "detractor": (F(6, 10), F(900), F(150), F(-30)),
}
hist = [10, 10, 15, 25, 35, 80, 95, 150, 168, 200, 212]
n = sum(hist)
counts = {"promoter": hist[9] + hist[10], "passive": hist[7] + hist[8], "detractor": sum(hist[:7])}
low = sum(hist[:5])
base = 120_000
mix = {k: F(v, n) * base for k, v in counts.items()}
low_mix = F(low, n) * base
gross, existing = {}, {}
for k, (r, spend, cost, wom) in cats.items():
    m = spend * gm - cost
    gross[k] = clv(m, r, i)
    existing[k] = gross[k] + wom
    show(f"{k}: margin", m)
    show(f"{k}: gross value", gross[k])
    show(f"{k}: existing-customer value", existing[k])
    show(f"{k}: CLV of a new customer", existing[k] - ac)
    show(f"{k}: customers", mix[k])
    show(f"{k}: category value", mix[k] * existing[k])
portfolio = sum(mix[k] * existing[k] for k in cats)
show("portfolio value", portfolio)
lost = sum(mix[k] * (1 - cats[k][0]) * existing[k] for k in cats)
churners = sum(mix[k] * (1 - cats[k][0]) for k in cats)
show("churn: expected churners", churners)
show("churn: lost value", lost)
show("churn: replacement cost", churners * ac)
show("churn: total", lost + churners * ac)
# Follow up every detractor, 30% become passives, 5 USD per follow-up.
moved = mix["detractor"] * F(3, 10)
show("follow-up: moved", moved)
show("follow-up: margin change", moved * (gross["passive"] - gross["detractor"]))
show("follow-up: word-of-mouth change", moved * (0 - cats["detractor"][3]))
show("follow-up: cost", -mix["detractor"] * 5)
show("follow-up: net", moved * (existing["passive"] - existing["detractor"]) - mix["detractor"] * 5)
# Raise NPS by 5 points, passives -> promoters.
moved = F(5, 100) * base
show("raise 5 (passives->promoters): net", moved * (existing["promoter"] - existing["passive"]))
moved = F(5, 100) * base
show("raise 5 (detractors->passives): net", moved * (existing["passive"] - existing["detractor"]))
# Lose the 0-4 detractors.
show("lose 0-4: customers", low_mix)
show("lose 0-4: margin lost", -low_mix * gross["detractor"])
show("lose 0-4: word of mouth lost", -low_mix * cats["detractor"][3])
show("lose 0-4: net", -low_mix * existing["detractor"])
nps_after = F(counts["promoter"] - (counts["detractor"] - low), n - low) * 100
show("lose 0-4: NPS after", nps_after)

# UK mobile example: 1,000,000 customers, 14% and 34.8% yearly churn, 162.3 USD to replace one.
for q in (F(14, 100), F(348, 1000)):
    show(f"UK churn {float(q)}: replacement cost", 1_000_000 * q * F(1623, 10))

# Dell (Bain): 25% of 4M new customers by referral, 210 USD each, 40M positive comments, 8 per promoter.
per_comment = F(25, 100) * 4_000_000 * 210 / 40_000_000
show("Dell: value per positive comment", per_comment)
show("Dell: promoter word of mouth", per_comment * 8)

# Satmetrix exercise: LTV 1000; promoter 3x LTV, 4 positive, 0 negative; detractor 0.5x, 0 positive, 3 negative;
# 6 positive referrals per new customer; one negative referral cancels 4 positives.
ltv = F(1000)
prom = 3 * ltv + ltv * (4 - 4 * 0) / 6
det = ltv / 2 + ltv * (0 - 4 * 3) / 6
show("Satmetrix: promoter total value", prom)
show("Satmetrix: detractor total value", det)
show("Satmetrix: detractor -> promoter", prom - det)

# Wallet Allocation Rule.
for nb in (1, 2, 3, 4):
    for rank in range(1, nb + 1):
        show(f"WAR rank {rank} of {nb}", (1 - F(rank, nb + 1)) * F(2, nb))
# Uplift: 1000 customers at rank 2 of 3 spending 600; 500 at rank 3 of 4 spending 800; 200 at rank 1 of 2 spending 1000.
pos = [(2, 3, 1000, 600), (3, 4, 500, 800), (1, 2, 200, 1000)]
rev = sum(F(c) * s * (1 - F(r, nb + 1)) * F(2, nb) for r, nb, c, s in pos)
gain = sum(F(c) * s * ((1 - F(max(1, r - 1), nb + 1)) - (1 - F(r, nb + 1))) * F(2, nb) for r, nb, c, s in pos)
show("WAR uplift: revenue", rev)
show("WAR uplift: gain", gain)
