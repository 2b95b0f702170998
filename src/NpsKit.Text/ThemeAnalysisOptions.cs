using System.Globalization;
using NpsKit.Aggregation;
using NpsKit.Employee;
using NpsKit.Statistics;

namespace NpsKit.Text;

/// <summary>How verbatims are chosen for a theme.</summary>
public enum VerbatimOrder
{
    /// <summary>The shortest comments first (ties in row order): quick to read, deterministic.</summary>
    ShortestFirst,

    /// <summary>A seeded random sample (<see cref="ThemeAnalysisOptions.VerbatimSeed"/>): representative, reproducible.</summary>
    Seeded,
}

/// <summary>Settings of a theme analysis. Immutable; <see cref="Validate"/> reports every problem at once.</summary>
public sealed record ThemeAnalysisOptions
{
    /// <summary>Gets the defaults: overall only, 95% intervals, Holm adjustment, three shortest verbatims per theme.</summary>
    public static ThemeAnalysisOptions Default { get; } = new();

    /// <summary>Gets the calendar to break the themes down by period; <see langword="null"/> (default) for no periods.</summary>
    public ReportingCalendar? Calendar { get; init; }

    /// <summary>Gets the segment dimension to break the themes down by; <see langword="null"/> (default) for none.</summary>
    public string? Dimension { get; init; }

    /// <summary>Gets the confidence level of the intervals.</summary>
    /// <value>Strictly between 0 and 1. Default 0.95.</value>
    public double Level { get; init; } = 0.95;

    /// <summary>Gets the adjustment of the p-values of all theme × group tests of one analysis.</summary>
    /// <value>Default <see cref="PValueAdjustment.Holm"/>; <see cref="PValueAdjustment.BenjaminiHochberg"/> controls the false discovery rate.</value>
    public PValueAdjustment Adjustment { get; init; } = PValueAdjustment.Holm;

    /// <summary>Gets how many verbatims to keep per theme.</summary>
    /// <value>0 or more. Default 3.</value>
    public int VerbatimsPerTheme { get; init; } = 3;

    /// <summary>Gets how verbatims are chosen.</summary>
    /// <value>Default <see cref="VerbatimOrder.ShortestFirst"/>.</value>
    public VerbatimOrder VerbatimOrder { get; init; } = VerbatimOrder.ShortestFirst;

    /// <summary>Gets the seed of <see cref="VerbatimOrder.Seeded"/>.</summary>
    /// <value>Default 1.</value>
    public ulong VerbatimSeed { get; init; } = 1;

    /// <summary>Gets the dimension whose groups protect anonymity (for eNPS, the finest org unit); <see langword="null"/> for none.</summary>
    public string? AnonymityDimension { get; init; }

    /// <summary>Gets the number of respondents a group of <see cref="AnonymityDimension"/> needs before any of its comments
    /// may be quoted as a verbatim; its comments still count in the figures.</summary>
    /// <value>0 or more; default 0 (no rule). <see cref="ForEnps"/> sets it from an <see cref="AnonymityPolicy"/>.</value>
    public int MinimumGroupRespondents { get; init; }

    /// <summary>Gets how many untagged detractor comments a word sequence must appear in to be offered as a candidate theme.</summary>
    /// <value>At least 2. Default 3.</value>
    public int CandidateMinimumComments { get; init; } = 3;

    /// <summary>Gets how many candidate phrases to offer at most.</summary>
    /// <value>0 or more. Default 10.</value>
    public int MaxCandidates { get; init; } = 10;

    /// <summary>Options for eNPS comments: verbatims are never taken from a group of <paramref name="groupDimension"/> with
    /// fewer respondents than the policy's <see cref="AnonymityPolicy.MinimumCommentRespondents"/>.</summary>
    /// <param name="policy">The eNPS anonymity policy.</param>
    /// <param name="groupDimension">The dimension of the groups the policy applies to (e.g. <c>team</c>).</param>
    /// <returns>The options.</returns>
    public static ThemeAnalysisOptions ForEnps(AnonymityPolicy policy, string groupDimension)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(groupDimension);
        return new ThemeAnalysisOptions { AnonymityDimension = groupDimension, MinimumGroupRespondents = policy.MinimumCommentRespondents };
    }

    /// <summary>Checks the options.</summary>
    /// <exception cref="InvalidOptionsException">An option is invalid: <see cref="InvalidOptionsException.Problems"/> has
    /// each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public void Validate()
    {
        var problems = new List<OptionProblem>();
        if (Level is not (> 0 and < 1))
        {
            Add(problems, nameof(Level), Text(Level), $"is not strictly between 0 and 1", $"a level strictly between 0 and 1, for example 0.95",
                $"Level is {Level}: it must lie strictly between 0 and 1, for example 0.95.");
        }

        if (!Enum.IsDefined(Adjustment))
        {
            Add(problems, nameof(Adjustment), Adjustment.ToString(), $"is not a multiple-comparison adjustment", $"Holm, BenjaminiHochberg or None",
                $"Adjustment is {Adjustment}: use Holm, BenjaminiHochberg or None.");
        }

        if (!Enum.IsDefined(VerbatimOrder))
        {
            Add(problems, nameof(VerbatimOrder), VerbatimOrder.ToString(), $"is not a verbatim order", $"ShortestFirst or Seeded",
                $"VerbatimOrder is {VerbatimOrder}: use ShortestFirst or Seeded.");
        }

        foreach ((string name, int value) in (ReadOnlySpan<(string, int)>)[(nameof(VerbatimsPerTheme), VerbatimsPerTheme), (nameof(MaxCandidates), MaxCandidates), (nameof(MinimumGroupRespondents), MinimumGroupRespondents)])
        {
            if (value < 0)
            {
                Add(problems, name, Text(value), $"is negative", $"0 or more", $"{name} is {value}: it must be 0 or more.");
            }
        }

        if (CandidateMinimumComments < 2)
        {
            Add(problems, nameof(CandidateMinimumComments), Text(CandidateMinimumComments), $"is below 2", $"at least 2 (a phrase of one comment is not a pattern)",
                $"CandidateMinimumComments is {CandidateMinimumComments}: it must be at least 2 (a phrase of one comment is not a pattern).");
        }

        if (MinimumGroupRespondents > 0 && AnonymityDimension is null)
        {
            Add(problems, nameof(AnonymityDimension), null, $"is not set, but MinimumGroupRespondents is", $"the dimension whose groups MinimumGroupRespondents protects",
                $"MinimumGroupRespondents is set but AnonymityDimension is not: name the dimension whose groups it protects.");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(ThemeAnalysisOptions), problems, "options");
        }
    }

    private static void Add(List<OptionProblem> problems, string member, string? value, FormattableString reason, FormattableString allowed, FormattableString message) =>
        problems.Add(new(member, value, reason.ToString(CultureInfo.InvariantCulture), allowed.ToString(CultureInfo.InvariantCulture), message.ToString(CultureInfo.InvariantCulture)));

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
