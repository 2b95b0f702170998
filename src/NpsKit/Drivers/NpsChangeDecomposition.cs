using System.Globalization;
using System.Text;
using NpsKit.Aggregation;
using NpsKit.Internal;

namespace NpsKit.Drivers;

/// <summary>
/// The change in NPS between two periods split into per-segment mix and performance parts that sum exactly to it (see
/// <see cref="ChangeDecomposition"/> for the form, the intervals and the tests), with the change in words.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed class NpsChangeDecomposition
{
    private readonly ChangePart[] _parts;

    internal NpsChangeDecomposition(SegmentPath parent, NpsTally baseline, NpsTally current, ChangePart[] parts, DecompositionOptions options, ChangeDecomposition.Exact exact)
    {
        Parent = parent;
        Baseline = baseline;
        Current = current;
        _parts = parts;
        Options = options;
        ExactParts = exact;
        Change = (double)exact.Change;
    }

    /// <summary>Gets the segment whose children were decomposed (<see cref="SegmentPath.Total"/> unless made by <see cref="ChangeDecomposition.Within"/>).</summary>
    public SegmentPath Parent { get; }

    /// <summary>Gets the baseline period's answers (all of them, also for a drill-down).</summary>
    public NpsTally Baseline { get; }

    /// <summary>Gets the current period's answers.</summary>
    public NpsTally Current { get; }

    /// <summary>Gets the change in points that the parts sum to: the overall NPS change, or for a drill-down the parent's
    /// own contribution to it (its <see cref="ChangePart.Contribution"/> at the parent's level).</summary>
    public double Change { get; }

    /// <summary>Gets the options the decomposition was made with.</summary>
    public DecompositionOptions Options { get; }

    /// <summary>Gets the segments' parts, in segment order.</summary>
    public IReadOnlyList<ChangePart> Parts => _parts;

    /// <summary>Gets the sum of the mix parts in points.</summary>
    public double Mix => _parts.Sum(p => p.Mix.Estimate);

    /// <summary>Gets the sum of the performance parts in points.</summary>
    public double Performance => _parts.Sum(p => p.Performance.Estimate);

    internal ChangeDecomposition.Exact ExactParts { get; }

    /// <summary>Gets the overall comparison of the two periods (adjusted Wald, at the decomposition's level).</summary>
    /// <returns>The two-sample comparison.</returns>
    public NpsComparison Comparison() => NpsTest.Compare(Baseline, Current, Options.Level);

    /// <summary>Says in one sentence which segments drove the change and whether through mix or performance, largest first,
    /// with "significant" where the adjusted p-value (<see cref="ChangeTerm.IsSignificant"/> at α = 1 − level, after the
    /// options' multiple-comparison adjustment) is below 1 − level, and "too few answers to tell" instead for a segment under
    /// <see cref="DecompositionOptions.MinimumCount"/> answers in a period (<see cref="ChangePart.IsSmallSample"/>).</summary>
    /// <param name="maxTerms">How many terms to name at most (default 3). Terms smaller than a tenth of the largest are left out.</param>
    /// <returns>For example <c>−3.1 points: Billing's own NPS fell (−2.4 of it, significant); more answers came from Support (−0.5, mix)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxTerms"/> is below 1.</exception>
    public string Describe(int maxTerms = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        double alpha = 1 - Options.Level;
        var terms = new List<(ChangePart Part, bool IsMix, ChangeTerm Term)>();
        foreach (ChangePart p in _parts)
        {
            terms.Add((p, true, p.Mix));
            terms.Add((p, false, p.Performance));
        }

        terms.RemoveAll(t => t.Term.Estimate == 0);
        terms.Sort((a, b) =>
        {
            int c = Math.Abs(b.Term.Estimate).CompareTo(Math.Abs(a.Term.Estimate));
            return c != 0 ? c : string.CompareOrdinal(a.Part.Segment.ToString(), b.Part.Segment.ToString());
        });
        double largest = terms.Count > 0 ? Math.Abs(terms[0].Term.Estimate) : 0;
        var phrases = new List<string>();
        foreach (var (part, isMix, term) in terms.Take(maxTerms))
        {
            if (phrases.Count > 0 && Math.Abs(term.Estimate) < largest / 10)
            {
                break;
            }

            string name = Name(part.Segment);
            string size = Signed(term.Estimate);
            bool sameWay = Math.Sign(term.Estimate) == Math.Sign(Change);
            string share = sameWay ? $"{size} of it" : $"{size}, against the change";
            string verdict = part.IsSmallSample ? $"; too few answers to tell ({Answers(part)})"
                : term.IsSignificant(alpha) ? ", significant" : string.Empty;
            phrases.Add(isMix
                ? $"{(part.CurrentShare > part.BaselineShare ? "more" : "fewer")} answers came from {name} ({share}, mix{verdict})"
                : $"{name}'s own NPS {(term.Estimate > 0 ? "rose" : "fell")} ({share}{verdict})");
        }

        string head = Parent.IsTotal ? $"{Signed(Change)} points" : $"{Signed(Change)} points from {Name(Parent)}";
        return phrases.Count == 0 ? $"{head}: no segment moved it." : $"{head}: {string.Join("; ", phrases)}";
    }

    /// <summary>Renders the parts as a Markdown table (segment, shares, NPS, mix and performance with intervals and adjusted p).</summary>
    /// <returns>GitHub-flavoured Markdown, invariant culture.</returns>
    public string ToMarkdown() => Table().ToMarkdown();

    /// <summary>Renders the parts as an HTML table.</summary>
    /// <returns>An HTML fragment.</returns>
    public string ToHtml() => Table().ToHtml();

    /// <inheritdoc/>
    public override string ToString() => Describe();

    internal static string Name(SegmentPath segment)
    {
        if (segment.IsTotal)
        {
            return "Total";
        }

        var sb = new StringBuilder();
        for (int i = 0; i < segment.Depth; i++)
        {
            _ = sb.Append(i == 0 ? string.Empty : " / ").Append(segment.ValueAt(i));
        }

        return sb.ToString();
    }

    private static string Answers(ChangePart part) =>
        string.Create(CultureInfo.InvariantCulture, $"{part.Baseline.Count:N0} → {part.Current.Count:N0} answers");

    private static string Signed(double v) => v.ToString("+0.0;\u22120.0;0.0", CultureInfo.InvariantCulture);

    private TextTable Table()
    {
        string level = (100 * Options.Level).ToString("0.##", CultureInfo.InvariantCulture);
        var table = new TextTable(
            $"What moved NPS: {Describe()}",
            ("Segment", false), ("Share before", true), ("Share now", true), ("NPS before", true), ("NPS now", true),
            ($"Mix [{level}% CI]", true), ("Mix p (adj.)", true), ($"Performance [{level}% CI]", true), ("Perf. p (adj.)", true));
        foreach (ChangePart p in _parts)
        {
            table.Add(
                p.IsSmallSample ? Name(p.Segment) + " *" : Name(p.Segment),
                Pct(p.BaselineShare),
                Pct(p.CurrentShare),
                p.Baseline.HasScore ? p.Baseline.Score.ToString("0.0", CultureInfo.InvariantCulture) : "–",
                p.Current.HasScore ? p.Current.Score.ToString("0.0", CultureInfo.InvariantCulture) : "–",
                TermText(p.Mix),
                P(p.Mix),
                TermText(p.Performance),
                P(p.Performance));
        }

        table.Note($"Kitagawa (1955) symmetric split: mix (centred on the overall NPS) + performance = {Signed(Change)} points; delta-method intervals; p-values adjusted ({Options.Adjustment}).");
        if (_parts.Any(p => p.IsSmallSample))
        {
            table.Note(string.Create(CultureInfo.InvariantCulture, $"* fewer than {Options.MinimumCount} answers in a period: too few to tell whether its parts are real."));
        }
        return table;
    }

    private static string Pct(double share) => (100 * share).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string TermText(ChangeTerm t) => t.IsStructural
        ? Signed(t.Estimate)
        : string.Create(CultureInfo.InvariantCulture, $"{Signed(t.Estimate)} [{Signed(t.Lower)}, {Signed(t.Upper)}]");

    private static string P(ChangeTerm t) => t.IsStructural
        ? "–"
        : t.AdjustedPValue < 0.001 ? "<0.001" : t.AdjustedPValue.ToString("0.000", CultureInfo.InvariantCulture);
}
