using System.Globalization;

namespace NpsKit.Employee;

/// <summary>
/// The anonymity rules an eNPS report applies: who may be shown a score, who may be shown comments, and how hidden
/// groups are protected against subtraction.
/// </summary>
/// <remarks>
/// <para>Defaults follow vendor practice (docs/enps.md lists the sources): a score needs at least 5 respondents, comments
/// at least 10, no response-rate rule, no counts for hidden groups, and complementary suppression by hiding the
/// smallest sibling.</para>
/// <para>An immutable value; thread-safe. Make changed copies with the <c>With…</c> methods or <c>with</c>. Invalid
/// settings are reported all at once by <see cref="Validate"/>, which <see cref="EnpsReport.FromResponses"/> calls.</para>
/// </remarks>
public sealed record AnonymityPolicy
{
    /// <summary>The default minimum number of respondents for a score: 5.</summary>
    public const int DefaultMinimumRespondents = 5;

    /// <summary>The default minimum number of respondents for comments: 10.</summary>
    public const int DefaultMinimumCommentRespondents = 10;

    /// <summary>Gets the default policy.</summary>
    public static AnonymityPolicy Default { get; } = new();

    /// <summary>Gets the minimum number of respondents a group needs for its score, shares and counts to be shown.</summary>
    /// <value>Default 5. At least 2 (a group of one is never anonymous).</value>
    public int MinimumRespondents { get; init; } = DefaultMinimumRespondents;

    /// <summary>Gets the minimum number of respondents a group needs for its comments to be shown. Independent of
    /// <see cref="MinimumRespondents"/>: it may be higher (usual) or lower.</summary>
    /// <value>Default 10. At least 2.</value>
    public int MinimumCommentRespondents { get; init; } = DefaultMinimumCommentRespondents;

    /// <summary>Gets the minimum response rate (respondents ÷ headcount) an org group needs to be shown, from 0 to 1;
    /// applied where every unit of the group has a known <see cref="OrgUnit.Headcount"/>.</summary>
    /// <value>Default <see langword="null"/>: no response-rate rule.</value>
    public double? MinimumResponseRate { get; init; }

    /// <summary>Gets a value indicating whether suppressed cells show their number of respondents (never their score,
    /// shares or category counts).</summary>
    /// <value>Default <see langword="false"/>: a suppressed cell shows nothing but its name and the reason.</value>
    public bool ShowCountsForSuppressed { get; init; }

    /// <summary>Gets a value indicating whether the audit also reads every published zero as known for each member of
    /// the group: a shown team with no answer of 7 tells that none of its people answered 7, and with a second shown
    /// group that can single out one person's answer where linear subtraction alone cannot. Cells are then also hidden
    /// where a hidden group's count of a score it holds would follow that way.</summary>
    /// <value>Default <see langword="false"/>: the audit of linear subtraction only, which hides fewer cells and leaves
    /// that inference open. <see langword="true"/> is the stronger guarantee; it hides more cells (necessarily: a zero
    /// tells more than a sum) and costs more (about a second for 1,000 people in two cross-tab dimensions, against tens
    /// of milliseconds; docs/enps.md), hence not the default. Each release is checked on its own, not zeros across the
    /// releases of a publication history.</value>
    public bool ProtectAgainstZeroInference { get; init; }

    /// <summary>Gets how hidden groups are protected against subtraction from their parent.</summary>
    /// <value>Default <see cref="ComplementaryProtection.HideSmallestSibling"/>.</value>
    public ComplementaryProtection Complementary { get; init; } = ComplementaryProtection.HideSmallestSibling;

    /// <summary>Returns a copy with another <see cref="MinimumRespondents"/>.</summary>
    /// <param name="minimum">The minimum number of respondents for a score; at least 2.</param>
    /// <returns>The changed copy (validated when a report is made).</returns>
    public AnonymityPolicy WithMinimumRespondents(int minimum) => this with { MinimumRespondents = minimum };

    /// <summary>Returns a copy with another <see cref="MinimumCommentRespondents"/>.</summary>
    /// <param name="minimum">The minimum number of respondents for comments; at least 2.</param>
    /// <returns>The changed copy (validated when a report is made).</returns>
    public AnonymityPolicy WithMinimumCommentRespondents(int minimum) => this with { MinimumCommentRespondents = minimum };

    /// <summary>Returns a copy with another <see cref="MinimumResponseRate"/>.</summary>
    /// <param name="rate">The minimum response rate from 0 to 1, or <see langword="null"/> for none.</param>
    /// <returns>The changed copy (validated when a report is made).</returns>
    public AnonymityPolicy WithMinimumResponseRate(double? rate) => this with { MinimumResponseRate = rate };

    /// <summary>Returns a copy with another <see cref="ShowCountsForSuppressed"/>.</summary>
    /// <param name="show">Whether suppressed cells show their number of respondents.</param>
    /// <returns>The changed copy.</returns>
    public AnonymityPolicy WithShowCountsForSuppressed(bool show) => this with { ShowCountsForSuppressed = show };

    /// <summary>Returns a copy with another <see cref="ProtectAgainstZeroInference"/>.</summary>
    /// <param name="protect">Whether the audit also protects against inference from published zeros.</param>
    /// <returns>The changed copy.</returns>
    public AnonymityPolicy WithProtectAgainstZeroInference(bool protect) => this with { ProtectAgainstZeroInference = protect };

    /// <summary>Returns a copy with another <see cref="Complementary"/> protection.</summary>
    /// <param name="protection">The protection.</param>
    /// <returns>The changed copy (validated when a report is made).</returns>
    public AnonymityPolicy WithComplementary(ComplementaryProtection protection) => this with { Complementary = protection };

    /// <summary>Checks the settings and reports every problem at once.</summary>
    /// <returns>This policy, for chaining.</returns>
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/> has each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public AnonymityPolicy Validate()
    {
        var problems = new List<OptionProblem>();
        if (MinimumRespondents < 2)
        {
            problems.Add(new(nameof(MinimumRespondents), MinimumRespondents.ToString(CultureInfo.InvariantCulture), "is below 2 (a group of one is never anonymous)", string.Create(CultureInfo.InvariantCulture, $"at least 2 respondents; vendors use 3 to 5, the default is {DefaultMinimumRespondents}"), string.Create(CultureInfo.InvariantCulture, $"MinimumRespondents is {MinimumRespondents}: it must be at least 2 (a group of one is never anonymous); vendors use 3 to 5, the default is {DefaultMinimumRespondents}.")));
        }

        if (MinimumCommentRespondents < 2)
        {
            problems.Add(new(nameof(MinimumCommentRespondents), MinimumCommentRespondents.ToString(CultureInfo.InvariantCulture), "is below 2", string.Create(CultureInfo.InvariantCulture, $"at least 2 respondents; the default is {DefaultMinimumCommentRespondents}"), string.Create(CultureInfo.InvariantCulture, $"MinimumCommentRespondents is {MinimumCommentRespondents}: it must be at least 2; the default is {DefaultMinimumCommentRespondents}.")));
        }

        if (MinimumResponseRate is double rate && !(rate >= 0 && rate <= 1))
        {
            problems.Add(new(nameof(MinimumResponseRate), rate.ToString(CultureInfo.InvariantCulture), "is not a rate from 0 to 1", "a rate from 0 to 1 (e.g. 0.5 for 50 %), or null for no response-rate rule", string.Create(CultureInfo.InvariantCulture, $"MinimumResponseRate is {rate}: it must be from 0 to 1 (e.g. 0.5 for 50 %), or null for no response-rate rule.")));
        }

        if (!Enum.IsDefined(Complementary))
        {
            problems.Add(new(nameof(Complementary), ((int)Complementary).ToString(CultureInfo.InvariantCulture), "is not a ComplementaryProtection", "HideSmallestSibling or FoldIntoOther", string.Create(CultureInfo.InvariantCulture, $"Complementary is {(int)Complementary}, not a ComplementaryProtection: use HideSmallestSibling or FoldIntoOther.")));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(AnonymityPolicy), problems, "policy");
        }

        return this;
    }
}
