using System.Globalization;

namespace NpsKit.Drivers;

/// <summary>Settings of a change decomposition. Immutable; validate with <see cref="Validate"/> (every problem in one exception).</summary>
public sealed record DecompositionOptions
{
    /// <summary>Gets the default options: 95% intervals, Holm-adjusted p-values, segments under 30 answers called too small to tell.</summary>
    public static DecompositionOptions Default { get; } = new();

    /// <summary>Gets the confidence level of each term's interval.</summary>
    /// <value>Strictly between 0 and 1. Default 0.95.</value>
    public double Level { get; init; } = 0.95;

    /// <summary>Gets how the terms' p-values are adjusted for testing many terms at once.</summary>
    /// <value>Default <see cref="Statistics.PValueAdjustment.Holm"/> (familywise error); <see cref="Statistics.PValueAdjustment.BenjaminiHochberg"/>
    /// controls the false discovery rate instead; <see cref="Statistics.PValueAdjustment.None"/> reports raw p-values.</value>
    public Statistics.PValueAdjustment Adjustment { get; init; } = Statistics.PValueAdjustment.Holm;

    /// <summary>Gets the fewest answers a segment needs in each period it has answers in for the sentence of
    /// <see cref="NpsChangeDecomposition.Describe"/> to call its parts significant or not.</summary>
    /// <value>0 or more. Default 30: below about 30 answers the normal (delta-method) interval of a part is rough
    /// (the rule of thumb behind the CLI's and the report's <c>--min-n 30</c>), so such a segment is described as having
    /// "too few answers to tell" (<see cref="ChangePart.IsSmallSample"/>); 0 turns this off. Its parts are still tested and
    /// still count in the multiple-comparison family.</value>
    public int MinimumCount { get; init; } = 30;

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

        if (!Enum.IsDefined(Adjustment))
        {
            problems.Add(new(nameof(Adjustment), Adjustment.ToString(), "is not a PValueAdjustment", "Holm, BenjaminiHochberg or None", $"Adjustment is {Adjustment}: use Holm, BenjaminiHochberg or None."));
        }

        if (MinimumCount < 0)
        {
            problems.Add(new(nameof(MinimumCount), MinimumCount.ToString(CultureInfo.InvariantCulture), "is negative", "0 or more answers, for example 30 (0 never calls a segment too small)", string.Create(CultureInfo.InvariantCulture, $"MinimumCount is {MinimumCount}: it must be 0 or more, for example 30 (0 never calls a segment too small).")));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(DecompositionOptions), problems, "options");
        }
    }
}
