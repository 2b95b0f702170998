using System.Globalization;

namespace NpsKit.Text;

/// <summary>What one theme says about NPS in one group (all answers, a period or a segment).</summary>
/// <remarks>
/// <para>Mentioners are the group's commenters whose comment mentions the theme; others are the group's other commenters
/// (answers without a comment are in neither, so both sides chose to comment). The comparison is the adjusted-Wald
/// two-sample test of NpsKit (Agresti &amp; Caffo 2000 pseudo-answers), mentioners − others.</para>
/// <para><b>Impact</b> is how many points the group's NPS would gain if the mentioners had answered like the others:
/// <c>(m / N) · (NPS̃_others − NPS̃_mentioners)</c>, with m mentioners among N answers and NPS̃ the adjusted-Wald estimates —
/// the attributable-fraction construction of Levin (1953, <i>Acta Unio Internationalis Contra Cancrum</i> 9:531–541) on the NPS
/// scale. The pseudo-answers pull small groups towards no difference, and the interval is the comparison's interval times
/// m/N, so a theme mentioned three times cannot claim a big, sure impact. It is an association, not a causal effect: what
/// people who mention a theme would have said otherwise is not observed.</para>
/// <para>This type is immutable and thread-safe.</para>
/// </remarks>
public sealed record ThemeStatistics
{
    internal ThemeStatistics(CodebookTheme theme, string group, long answers, long comments, NpsTally mentioners, NpsTally others, NpsTally commenters, double level)
    {
        Theme = theme;
        Group = group;
        Answers = answers;
        Comments = comments;
        Mentioners = mentioners;
        Others = others;
        Level = level;
        MentionShare = comments == 0 ? 0 : (double)mentioners.Count / comments;
        PromoterShare = Share(mentioners.Promoters, commenters.Promoters);
        PassiveShare = Share(mentioners.Passives, commenters.Passives);
        DetractorShare = Share(mentioners.Detractors, commenters.Detractors);
        if (mentioners.HasScore && others.HasScore)
        {
            Comparison = NpsTest.Compare(others, mentioners, level);
            double factor = answers == 0 ? 0 : (double)mentioners.Count / answers;
            Impact = -factor * Comparison.Estimate;
            ImpactLower = -factor * Comparison.Interval.Upper;
            ImpactUpper = -factor * Comparison.Interval.Lower;
            PValue = Comparison.PValue;
            AdjustedPValue = PValue;
        }
        else
        {
            PValue = 1;
            AdjustedPValue = 1;
        }
    }

    /// <summary>Gets the theme.</summary>
    public CodebookTheme Theme { get; }

    /// <summary>Gets the group: <c>All</c>, a period such as <c>2026-10</c>, or a segment such as <c>region=North</c>.</summary>
    public string Group { get; }

    /// <summary>Gets the group's answers, with or without a comment.</summary>
    public long Answers { get; }

    /// <summary>Gets the group's answers with a comment.</summary>
    public long Comments { get; }

    /// <summary>Gets the number of comments that mention the theme.</summary>
    public long Mentions => Mentioners.Count;

    /// <summary>Gets the share of the group's comments that mention the theme, 0..1.</summary>
    public double MentionShare { get; }

    /// <summary>Gets the share of commenting promoters who mention the theme, 0..1 (0 when none commented).</summary>
    public double PromoterShare { get; }

    /// <summary>Gets the share of commenting passives who mention the theme, 0..1.</summary>
    public double PassiveShare { get; }

    /// <summary>Gets the share of commenting detractors who mention the theme, 0..1.</summary>
    public double DetractorShare { get; }

    /// <summary>Gets the answers of those who mention the theme.</summary>
    public NpsTally Mentioners { get; }

    /// <summary>Gets the answers of the other commenters.</summary>
    public NpsTally Others { get; }

    /// <summary>Gets the confidence level of the intervals.</summary>
    public double Level { get; }

    /// <summary>Gets whether there was something to test: at least one mentioner and one other commenter.</summary>
    public bool IsTested => Comparison is not null;

    /// <summary>Gets mentioners − others (adjusted Wald), or <see langword="null"/> when <see cref="IsTested"/> is false.</summary>
    public NpsComparison? Comparison { get; }

    /// <summary>Gets the raw two-sided p-value (1 when not tested).</summary>
    public double PValue { get; }

    /// <summary>Gets the p-value adjusted across every tested theme × group of the analysis (1 when not tested).</summary>
    public double AdjustedPValue { get; init; }

    /// <summary>Gets the impact in NPS points: how much the group's NPS would gain if the mentioners answered like the
    /// other commenters (negative when the theme goes with higher scores). 0 when not tested.</summary>
    public double Impact { get; }

    /// <summary>Gets the lower bound of the impact's interval.</summary>
    public double ImpactLower { get; }

    /// <summary>Gets the upper bound of the impact's interval.</summary>
    public double ImpactUpper { get; }

    /// <summary>Tells whether mentioners and others differ after the multiple-comparison adjustment.</summary>
    /// <param name="alpha">The level, strictly between 0 and 1. Default 0.05.</param>
    /// <returns><see langword="true"/> when tested and the adjusted p-value is below <paramref name="alpha"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is not strictly between 0 and 1.</exception>
    public bool IsSignificant(double alpha = 0.05)
    {
        if (alpha is not (> 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must lie strictly between 0 and 1, for example 0.05.");
        }

        return IsTested && AdjustedPValue < alpha;
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Theme.Id} in {Group}: {Mentions} of {Comments} comments ({MentionShare:P1}), impact {Impact:+0.0;-0.0;0.0} [{ImpactLower:+0.0;-0.0;0.0}, {ImpactUpper:+0.0;-0.0;0.0}], p adj. {(AdjustedPValue < 0.0001 ? "<0.0001" : AdjustedPValue.ToString("0.####", CultureInfo.InvariantCulture))}");

    private static double Share(long part, long whole) => whole == 0 ? 0 : (double)part / whole;
}
