using System.Globalization;

namespace NpsKit.Drivers;

/// <summary>How the relative importance of the attributes is computed.</summary>
public enum RelativeImportanceMethod
{
    /// <summary>The LMG / Shapley decomposition of R²: each attribute's increase in R², averaged over all orders of entry
    /// (Lindeman, Merenda &amp; Gold 1980; Grömping 2006, <i>J. Stat. Software</i> 17(1), R package relaimpo). Exact over all 2^k subsets.</summary>
    Lmg,

    /// <summary>Johnson's relative weights (Johnson 2000, <i>Multivariate Behavioral Research</i> 35:1–19): R² split through
    /// the orthogonal counterparts of the attributes; close to LMG and cheaper for many attributes.</summary>
    RelativeWeights,
}

/// <summary>Settings of a key-driver analysis. Immutable; <see cref="Validate"/> reports every problem at once.</summary>
public sealed record KeyDriverOptions
{
    /// <summary>The most attributes the exact LMG accepts (2^k subsets per resample).</summary>
    public const int MaxLmgAttributes = 12;

    /// <summary>Gets the defaults: LMG, 1 000 seeded bootstrap resamples, 95% percentile intervals.</summary>
    public static KeyDriverOptions Default { get; } = new();

    /// <summary>Gets the importance method.</summary>
    /// <value>Default <see cref="RelativeImportanceMethod.Lmg"/>.</value>
    public RelativeImportanceMethod Method { get; init; } = RelativeImportanceMethod.Lmg;

    /// <summary>Gets the level of the bootstrap percentile intervals.</summary>
    /// <value>Strictly between 0 and 1. Default 0.95.</value>
    public double Level { get; init; } = 0.95;

    /// <summary>Gets the number of bootstrap resamples (rows drawn with replacement; Efron &amp; Tibshirani 1993).</summary>
    /// <value>0 (no intervals) or at least 100. Default 1 000.</value>
    public int Resamples { get; init; } = 1000;

    /// <summary>Gets the seed of the resampling; the same seed gives the same intervals.</summary>
    /// <value>Default 1.</value>
    public ulong Seed { get; init; } = 1;

    /// <summary>Checks the options.</summary>
    /// <exception cref="InvalidOptionsException">An option is invalid: <see cref="InvalidOptionsException.Problems"/> has
    /// each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public void Validate()
    {
        var problems = new List<OptionProblem>();
        if (Level is not (> 0 and < 1))
        {
            problems.Add(new(nameof(Level), Level.ToString(CultureInfo.InvariantCulture), "is not strictly between 0 and 1", "a level such as 0.95", string.Create(CultureInfo.InvariantCulture, $"Level is {Level}: it must lie strictly between 0 and 1, for example 0.95.")));
        }

        if (Resamples is < 0 or (> 0 and < 100))
        {
            problems.Add(new(nameof(Resamples), Resamples.ToString(CultureInfo.InvariantCulture), Resamples < 0 ? "is negative" : "is too few resamples for an interval", "0 for no intervals or at least 100 (1 000 or more for 95% percentile intervals)", string.Create(CultureInfo.InvariantCulture, $"Resamples is {Resamples}: use 0 for no intervals or at least 100 (1 000 or more for 95% percentile intervals).")));
        }

        if (!Enum.IsDefined(Method))
        {
            problems.Add(new(nameof(Method), Method.ToString(), "is not a KeyDriverMethod", "Lmg or RelativeWeights", $"Method is {Method}: use Lmg or RelativeWeights."));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(KeyDriverOptions), problems, "options");
        }
    }
}
