using NpsKit.Internal;

namespace NpsKit.Statistics.Internal;

/// <summary>Dispatches an interval request to its formula; shared by unweighted and weighted tallies.</summary>
internal static class IntervalEngine
{
    /// <summary>Computes the interval on the −1..1 scale.</summary>
    /// <param name="counts">The counts (Kish-effective counts for a weighted tally).</param>
    /// <param name="options">Validated options.</param>
    /// <param name="exact">The integer tally for the bootstrap, or <see langword="null"/> when only effective counts exist.</param>
    /// <param name="waldStandardError">A standard error that replaces √(V/n) in the Wald method (weighted linearization), or NaN.</param>
    /// <param name="cancellationToken">Checked by the bootstrap every 64 resamples.</param>
    public static (double Lower, double Upper) Compute(in Trinomial counts, NpsIntervalOptions options, NpsTally? exact, double waldStandardError, CancellationToken cancellationToken = default)
    {
        double level = options.Level;
        switch (options.Method)
        {
            case NpsIntervalMethod.AdjustedWald:
                return IntervalMath.AdjustedWald(counts, Numerics.TwoSidedCritical(level), options.PromoterPseudoCount, options.PassivePseudoCount, options.DetractorPseudoCount);
            case NpsIntervalMethod.Wald:
                return double.IsNaN(waldStandardError)
                    ? IntervalMath.Wald(counts, Numerics.TwoSidedCritical(level))
                    : IntervalMath.Wald(counts.Estimate, waldStandardError, Numerics.TwoSidedCritical(level));
            case NpsIntervalMethod.Score:
                return IntervalMath.Score(counts, Numerics.TwoSidedCritical(level));
            case NpsIntervalMethod.Exact:
                return IntervalMath.Exact(counts, level);
            case NpsIntervalMethod.Bayesian:
                double a = options.PriorConcentration;
                if (options.UseMonteCarlo)
                {
                    return Resampling.DirichletMonteCarlo(counts.Promoters + a, counts.Passives + a, counts.Detractors + a, level, options.MonteCarloDraws, options.Seed);
                }

                var posterior = new DirichletDifference(counts.Promoters + a, counts.Passives + a, counts.Detractors + a);
                double tail = (1 - level) / 2;
                return IntervalMath.Clip(posterior.Quantile(tail), posterior.Quantile(1 - tail));
            case NpsIntervalMethod.Bootstrap:
                if (exact is not { } tally)
                {
                    ThrowHelper.UnsupportedMethod(
                        nameof(NpsIntervalMethod.Bootstrap),
                        "A weighted tally's interval",
                        "AdjustedWald, Wald, Score and Bayesian (a weighted tally keeps sums, not the answers a bootstrap would resample)",
                        "method");
                    return default;
                }

                return Resampling.Bootstrap(tally.Promoters, tally.Passives, tally.Detractors, level, options.BootstrapReplicates, options.Seed, cancellationToken);
            default:
                ThrowHelper.UnsupportedMethod(options.Method.ToString(), "ConfidenceInterval", "the values of NpsIntervalMethod", "method");
                return default;
        }
    }
}
