using static NpsKit.Internal.OptionProblems;

namespace NpsKit.Statistics;

/// <summary>
/// Settings for <see cref="NpsTally.ConfidenceInterval(NpsIntervalOptions)"/>: the level, the method and each
/// method's parameters. Immutable; change a copy with <c>with { … }</c>.
/// </summary>
/// <remarks>
/// Every problem is reported at once, in one <see cref="InvalidOptionsException"/>, when the options are used.
/// Thread-safe: instances are never changed after construction.
/// </remarks>
/// <example><code>
/// var options = new NpsIntervalOptions { Level = 0.90, Method = NpsIntervalMethod.Bayesian, PriorConcentration = 1 };
/// NpsInterval interval = tally.ConfidenceInterval(options);
/// </code></example>
public sealed record NpsIntervalOptions
{
    /// <summary>Initializes options with every default: 95%, adjusted Wald, pseudo-counts 0.75/1.5/0.75, Jeffreys prior,
    /// exact quadrature, 2 000 bootstrap resamples.</summary>
    public NpsIntervalOptions()
    {
    }

    /// <summary>The smallest prior concentration the exact Bayesian quadrature accepts.</summary>
    internal const double MinimumExactPriorConcentration = 0.25;

    /// <summary>Gets the options every default argument stands for.</summary>
    public static NpsIntervalOptions Default { get; } = new();

    private static readonly NpsIntervalOptions[] At95 = [.. Enum.GetValues<NpsIntervalMethod>().Select(m => new NpsIntervalOptions { Method = m })];

    /// <summary>Gets the confidence level.</summary>
    /// <value>Strictly between 0 and 1. Default 0.95.</value>
    public double Level { get; init; } = 0.95;

    /// <summary>Gets the interval method.</summary>
    /// <value>Default <see cref="NpsIntervalMethod.AdjustedWald"/>.</value>
    public NpsIntervalMethod Method { get; init; } = NpsIntervalMethod.AdjustedWald;

    /// <summary>Gets the pseudo-count of promoters added by the adjusted Wald method (Rocks 2016).</summary>
    /// <value>Zero or more, finite. Default 0.75.</value>
    public double PromoterPseudoCount { get; init; } = 0.75;

    /// <summary>Gets the pseudo-count of passives added by the adjusted Wald method.</summary>
    /// <value>Zero or more, finite. Default 1.5.</value>
    public double PassivePseudoCount { get; init; } = 1.5;

    /// <summary>Gets the pseudo-count of detractors added by the adjusted Wald method.</summary>
    /// <value>Zero or more, finite. Default 0.75.</value>
    public double DetractorPseudoCount { get; init; } = 0.75;

    /// <summary>Gets the concentration a of the symmetric Dirichlet(a, a, a) prior of the Bayesian method.</summary>
    /// <value>Finite, at least 0.25 for the exact quadrature (its accuracy is verified down to there: within 1e−7 of
    /// SciPy) and greater than 0 with <see cref="UseMonteCarlo"/>. Default 0.5 (Jeffreys). 1 is the uniform prior.</value>
    public double PriorConcentration { get; init; } = 0.5;

    /// <summary>Gets a value indicating whether the Bayesian interval is estimated by Monte Carlo draws instead of exact quadrature.</summary>
    /// <value>Default <see langword="false"/> (exact, deterministic quadrature).</value>
    public bool UseMonteCarlo { get; init; }

    /// <summary>Gets the number of posterior draws when <see cref="UseMonteCarlo"/> is set.</summary>
    /// <value>At least 100. Default 100 000.</value>
    public int MonteCarloDraws { get; init; } = 100_000;

    /// <summary>Gets the number of bootstrap resamples.</summary>
    /// <value>At least 100. Default 2 000.</value>
    public int BootstrapReplicates { get; init; } = 2_000;

    /// <summary>Gets the seed of the random generator used by the bootstrap and by Monte Carlo.</summary>
    /// <value>Any integer. Default 20 261 123. The same seed and tally give the same interval on every machine.</value>
    public int Seed { get; init; } = 20_261_123;

    /// <summary>The default options with this level and method; cached for the 95% level, so the common call allocates nothing.</summary>
    internal static NpsIntervalOptions For(double level, NpsIntervalMethod method) =>
        level == 0.95 && (uint)method < (uint)At95.Length ? At95[(int)method] : Default with { Level = level, Method = method };

    /// <summary>Throws one exception listing every invalid setting.</summary>
    /// <param name="paramName">The parameter name to report.</param>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/>
    /// has each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    internal void Validate(string paramName)
    {
        var problems = new List<OptionProblem>();
        if (!(Level > 0 && Level < 1))
        {
            Add(problems, nameof(Level), Text(Level), $"is not strictly between 0 and 1", $"a level strictly between 0 and 1, for example 0.95",
                $"Level is {Level}: it must lie strictly between 0 and 1, for example 0.95.");
        }

        if (!Enum.IsDefined(Method))
        {
            Add(problems, nameof(Method), Text((int)Method), $"is not an NpsIntervalMethod", $"AdjustedWald, Wald, Score, Bayesian, Bootstrap or Exact",
                $"Method is {(int)Method}, which is not a defined NpsIntervalMethod value.");
        }

        CheckPseudoCount(problems, PromoterPseudoCount, nameof(PromoterPseudoCount));
        CheckPseudoCount(problems, PassivePseudoCount, nameof(PassivePseudoCount));
        CheckPseudoCount(problems, DetractorPseudoCount, nameof(DetractorPseudoCount));
        if (!(double.IsFinite(PriorConcentration) && PriorConcentration > 0))
        {
            Add(problems, nameof(PriorConcentration), Text(PriorConcentration), $"is not finite and greater than 0", $"a finite value greater than 0 (0.5 is Jeffreys' prior, 1 the uniform prior)",
                $"PriorConcentration is {PriorConcentration}: it must be finite and greater than 0 (0.5 is Jeffreys' prior, 1 the uniform prior).");
        }
        else if (PriorConcentration < MinimumExactPriorConcentration && !UseMonteCarlo)
        {
            Add(problems, nameof(PriorConcentration), Text(PriorConcentration), $"is below {MinimumExactPriorConcentration}, the smallest prior the exact quadrature is verified for", $"at least {MinimumExactPriorConcentration}, or UseMonteCarlo = true for a smaller prior",
                $"PriorConcentration is {PriorConcentration}: the exact quadrature is verified for priors of at least {MinimumExactPriorConcentration}; set UseMonteCarlo = true for a smaller prior.");
        }

        if (Method == NpsIntervalMethod.Bayesian && !UseMonteCarlo && Level > 0 && Level < 1 && (1 - Level) / 2 < MinimumExactTail)
        {
            Add(problems, nameof(Level), Text(Level), $"needs tail probabilities below {MinimumExactTail}, which the exact Bayesian quadrature does not resolve", $"a level up to 1 - {2 * MinimumExactTail}, or the Score or Wald method",
                $"Level is {Level}: the exact Bayesian quadrature resolves tail probabilities down to {MinimumExactTail} (levels up to 1 - {2 * MinimumExactTail}); use a lower level, or the Score or Wald method for such a level.");
        }

        if (MonteCarloDraws < 100)
        {
            Add(problems, nameof(MonteCarloDraws), Text(MonteCarloDraws), $"is below 100", $"at least 100 draws (the default is 100 000)",
                $"MonteCarloDraws is {MonteCarloDraws}: use at least 100 draws (the default is 100 000).");
        }

        if (BootstrapReplicates < 100)
        {
            Add(problems, nameof(BootstrapReplicates), Text(BootstrapReplicates), $"is below 100", $"at least 100 resamples (the default is 2 000)",
                $"BootstrapReplicates is {BootstrapReplicates}: use at least 100 resamples (the default is 2 000).");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(NpsIntervalOptions), problems, paramName);
        }
    }

    /// <summary>The smallest tail probability (1 − level)/2 the exact Bayesian quadrature computes (it neglects pieces
    /// of the posterior holding less than 1e−14, so smaller tails would be noise or would never converge).</summary>
    internal const double MinimumExactTail = 1e-12;

    private static void CheckPseudoCount(List<OptionProblem> problems, double value, string name)
    {
        if (!(double.IsFinite(value) && value >= 0))
        {
            Add(problems, name, Text(value), $"is not finite and zero or more", $"a finite pseudo-count of zero or more (Rocks 2016 uses 0.75, 1.5, 0.75)",
                $"{name} is {value}: pseudo-counts must be finite and zero or more (Rocks 2016 uses 0.75, 1.5, 0.75).");
        }
    }


}
