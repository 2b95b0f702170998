using NpsKit.Statistics.Internal;

namespace NpsKit.Economics;

/// <summary>
/// Carries the sampling uncertainty of a survey's category shares into money figures, with seeded draws from the
/// Dirichlet posterior of the shares.
/// </summary>
/// <remarks>
/// <para>Given a tally with n<sub>P</sub> promoters, n<sub>Pa</sub> passives and n<sub>D</sub> detractors, the category
/// shares have the posterior Dirichlet(n<sub>P</sub> + a, n<sub>Pa</sub> + a, n<sub>D</sub> + a) under a symmetric
/// Dirichlet(a) prior and a multinomial likelihood (Gelman et al. 2013, <i>Bayesian Data Analysis</i>, 3rd ed., §3.4).
/// When the tally has per-score detail, detractors are split into those who answered 0–4 and 5–6 (four cells), so
/// the "lose the 0–4 detractors" scenario is covered too. Each draw of the shares gives a customer mix
/// (customer base × shares) and a value of the figure; the interval is the equal-tailed quantile interval of those
/// values (linear interpolation, R's type 7). Gamma variates for the Dirichlet come from Marsaglia &amp; Tsang (2000),
/// ACM TOMS 26(3), driven by the seeded xoshiro256** generator the Bayesian Monte Carlo interval uses too, so the same
/// seed gives the same interval everywhere.</para>
/// <para>The point value is the figure at the observed shares. With a few responses in a category the posterior
/// is pulled towards the prior, and an interval may then exclude the point value (as a Bayesian NPS interval may
/// exclude a raw NPS of ±100); with five or more responses in every category it contains it in practice.</para>
/// <para>All members are thread-safe; the figure function must be too if it is shared.</para>
/// </remarks>
public static class EconomicsUncertainty
{
    /// <summary>Computes a money figure with an interval for the sampling uncertainty of the category shares.</summary>
    /// <param name="sample">The survey tally; not empty.</param>
    /// <param name="customerBase">The number of customers the sample represents, zero or more.</param>
    /// <param name="figure">The figure as a function of the customer mix, such as <c>mix =&gt; model.PortfolioValue(mix)</c>; it must return one currency.</param>
    /// <param name="options">The draws, seed, level and prior; <see langword="null"/> for <see cref="UncertaintyOptions.Default"/>.</param>
    /// <returns>The point value and its interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figure"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="sample"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerBase"/> is negative.</exception>
    /// <exception cref="InvalidAssumptionsException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">The figure returned amounts in different currencies.</exception>
    /// <example><code>
    /// MoneyInterval value = EconomicsUncertainty.Interval(tally, 120_000, mix =&gt; model.PortfolioValue(mix));
    /// </code></example>
    public static MoneyInterval Interval(NpsTally sample, long customerBase, Func<CustomerMix, Money> figure, UncertaintyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return Intervals(sample, customerBase, [figure], options)[0];
    }

    /// <summary>Computes several figures over the same posterior draws (so their intervals are consistent with each other).</summary>
    /// <param name="sample">The survey tally; not empty.</param>
    /// <param name="customerBase">The number of customers the sample represents, zero or more.</param>
    /// <param name="figures">The figures; each must return one currency.</param>
    /// <param name="options">The draws, seed, level and prior; <see langword="null"/> for <see cref="UncertaintyOptions.Default"/>.</param>
    /// <returns>One interval per figure, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="figures"/> or one of them is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="sample"/> is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="customerBase"/> is negative.</exception>
    /// <exception cref="InvalidAssumptionsException">The options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A figure returned amounts in different currencies.</exception>
    public static IReadOnlyList<MoneyInterval> Intervals(NpsTally sample, long customerBase, IReadOnlyList<Func<CustomerMix, Money>> figures, UncertaintyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(figures);
        for (int f = 0; f < figures.Count; f++)
        {
            ArgumentNullException.ThrowIfNull(figures[f], nameof(figures));
        }

        options ??= UncertaintyOptions.Default;
        options.Validate();
        CustomerMix observed = CustomerMix.FromSample(sample, customerBase);
        var points = new Money[figures.Count];
        for (int f = 0; f < figures.Count; f++)
        {
            points[f] = figures[f](observed);
        }

        bool detail = sample.HasScoreDetail;
        long low = 0;
        if (detail)
        {
            for (int s = 0; s <= 4; s++)
            {
                low += sample.CountOf(s);
            }
        }

        double a = options.PriorConcentration;
        ReadOnlySpan<double> alpha =
        [
            sample.Promoters + a,
            sample.Passives + a,
            sample.Detractors - low + a,
            detail ? low + a : 0,
        ];
        Random rng = Numerics.CreateRandom(options.Seed);
        Span<double> shares = stackalloc double[4];
        var values = new decimal[figures.Count][];
        for (int f = 0; f < figures.Count; f++)
        {
            values[f] = new decimal[options.Draws];
        }

        for (int d = 0; d < options.Draws; d++)
        {
            Numerics.SampleDirichlet(rng, alpha, shares);
            CustomerMix mix = CustomerMix.FromShares(shares[0], shares[1], shares[2], shares[3], detail, customerBase);
            for (int f = 0; f < figures.Count; f++)
            {
                Money m = figures[f](mix);
                Money.RequireSameCurrency(points[f], m, "collect");
                values[f][d] = m.Amount;
            }
        }

        var result = new MoneyInterval[figures.Count];
        double tail = (1 - options.Level) / 2;
        for (int f = 0; f < figures.Count; f++)
        {
            decimal[] v = values[f];
            Array.Sort(v);
            string currency = points[f].Currency;
            result[f] = new MoneyInterval(
                points[f],
                Money.From(Quantile(v, tail), currency),
                Money.From(Quantile(v, 1 - tail), currency),
                options.Level,
                options.Draws);
        }

        return result;
    }

    /// <summary>The type-7 quantile of sorted values (R's default: linear interpolation between order statistics).</summary>
    internal static decimal Quantile(decimal[] sorted, double p)
    {
        double h = (sorted.Length - 1) * p;
        int lo = (int)Math.Floor(h);
        int hi = Math.Min(lo + 1, sorted.Length - 1);
        decimal frac = (decimal)(h - lo);
        return sorted[lo] + ((sorted[hi] - sorted[lo]) * frac);
    }
}
