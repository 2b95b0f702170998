using NpsKit.Employee.Internal;

namespace NpsKit.Employee;

/// <summary>
/// An employee NPS report for one survey round: the eNPS of every org unit (rolled up through a hierarchy of any depth),
/// of the people placed directly in units that have sub-units, and of demographic cross-tabs, with the anonymity policy
/// applied in the result itself: small groups are suppressed, and so is whatever would let a suppressed group be
/// recovered by subtraction.
/// </summary>
/// <remarks>
/// <para><b>Cells.</b> For every org unit: the unit with everything below it (<see cref="EnpsCellKind.Unit"/>); for a
/// unit with sub-units and people of its own, those people (<see cref="EnpsCellKind.DirectMembers"/>); and for each of
/// those groups and each dimension in <see cref="EnpsReportOptions.Dimensions"/>, one cell per value
/// (<see cref="EnpsCellKind.DimensionValue"/>). Groups with no respondents have no cell.</para>
/// <para><b>Suppression, to a fixed point.</b> (1) Primary: fewer respondents than
/// <see cref="AnonymityPolicy.MinimumRespondents"/>, or a response rate below
/// <see cref="AnonymityPolicy.MinimumResponseRate"/>. (2) Complementary: wherever a shown cell is the sum of parts
/// (a unit = its sub-units + its direct members, in total and within each dimension value; a group = its values of one
/// dimension) and some parts are hidden, the hidden parts must be at least two and together reach the minimum —
/// otherwise the smallest shown part is hidden too (or parts are folded into an "(other)" cell, see
/// <see cref="ComplementaryProtection"/>). (3) Overlap: a shown cell contained in a larger shown cell that has fewer than
/// the minimum more respondents is hidden (their difference would be a small group). (4) Audit: an exact linear-algebra
/// check that no suppressed cell's counts are a linear combination of published counts (parent minus children, across
/// dimensions, across levels); where one is, the smallest cell next to it is hidden too. Steps repeat until nothing
/// changes. This is cell suppression as statistical offices practise it (Hundepool et al. 2012, <i>Statistical
/// Disclosure Control</i>, Wiley, ch. 4; Cox 1980, JASA 75:377–385).</para>
/// <para><b>Limits.</b> The guarantee is against linear combinations of published counts within one report. It does not
/// cover inference from zeros or bounds (a shown unit with no detractors tells that none of its sub-groups has any), nor
/// differences between rounds whose membership changed.</para>
/// <para>An immutable object; thread-safe.</para>
/// </remarks>
public sealed class EnpsReport
{
    /// <summary>The dimension value reported for respondents with no value for a dimension: <c>(not stated)</c>.</summary>
    public const string NotStated = "(not stated)";

    /// <summary>The name of folded groups: <c>(other)</c>.</summary>
    public const string OtherValue = "(other)";

    private readonly Dictionary<string, EnpsCell> _byKey;

    private EnpsReport(SurveyRound round, AnonymityPolicy policy, EnpsReportOptions options, List<EnpsCell> cells, List<EnpsComment> comments)
    {
        Round = round;
        Policy = policy;
        Dimensions = options.Dimensions.ToArray();
        Cells = cells;
        Comments = comments;
        _byKey = cells.ToDictionary(c => c.Key, StringComparer.Ordinal);
        Company = cells[0];
    }

    /// <summary>Gets the survey round.</summary>
    public SurveyRound Round { get; }

    /// <summary>Gets the anonymity policy applied.</summary>
    public AnonymityPolicy Policy { get; }

    /// <summary>Gets the demographic dimensions cross-tabbed.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>Gets every cell, in org-tree order (each unit, then its cross-tabs, then its direct members; folded
    /// "(other)" cells last).</summary>
    public IReadOnlyList<EnpsCell> Cells { get; }

    /// <summary>Gets the company (root unit) cell.</summary>
    public EnpsCell Company { get; }

    /// <summary>Gets the comments that may be shown: only under org groups with at least
    /// <see cref="AnonymityPolicy.MinimumCommentRespondents"/> respondents, each comment once, dated to the round, shuffled
    /// or sorted by text as <see cref="EnpsReportOptions.ShuffleComments"/> says.</summary>
    public IReadOnlyList<EnpsComment> Comments { get; }

    /// <summary>Gets the cell with the given key.</summary>
    /// <param name="key">A cell key such as <c>Company/Engineering</c> or <c>Company/Engineering [tenure=1-3y]</c>.</param>
    /// <returns>The cell.</returns>
    /// <exception cref="KeyNotFoundException">No cell has that key (the group has no respondents, or the key is misspelt).</exception>
    public EnpsCell this[string key] => TryGetCell(key, out EnpsCell? cell)
        ? cell
        : throw new KeyNotFoundException($"The report has no cell '{key}': the group has no respondents or the key is misspelt. Keys are unit paths joined by '/', e.g. 'Company/Engineering', with ' [dimension=value]' for cross-tabs.");

    /// <summary>Makes the report.</summary>
    /// <param name="round">The survey round.</param>
    /// <param name="units">The org tree: exactly one root, every other unit's parent present, unique Ids.</param>
    /// <param name="responses">The answers; each names a unit of the tree.</param>
    /// <param name="policy">The anonymity policy; default <see cref="AnonymityPolicy.Default"/>.</param>
    /// <param name="options">What to cross-tab and how to order comments; default <see cref="EnpsReportOptions.Default"/>.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The round has no name; the policy or options are invalid (all problems listed); the org tree is
    /// invalid; a response names an unknown unit or has a score outside 0..10 (the message gives the response's index,
    /// and its value only with <see cref="EnpsReportOptions.IncludeRawValuesInExceptions"/>); a unit has more responses
    /// than its headcount.</exception>
    public static EnpsReport FromResponses(
        SurveyRound round,
        IEnumerable<OrgUnit> units,
        IEnumerable<EnpsResponse> responses,
        AnonymityPolicy? policy = null,
        EnpsReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(responses);
        if (string.IsNullOrWhiteSpace(round.Name))
        {
            throw new ArgumentException("The survey round has no name: give it one such as \"2026 Q4\".", nameof(round));
        }

        policy = (policy ?? AnonymityPolicy.Default).Validate();
        options = (options ?? EnpsReportOptions.Default).Validate();
        (List<EnpsCell> cells, List<EnpsComment> comments) = EnpsEngine.Run(round, units, responses, policy, options);
        if (cells.Count == 0 || cells[0].Kind != EnpsCellKind.Unit)
        {
            throw new ArgumentException("There are no responses: an eNPS report needs at least one answer.", nameof(responses));
        }

        return new EnpsReport(round, policy, options, cells, comments);
    }

    /// <summary>Makes the report for one publication and audits it jointly with every earlier release of the history: the
    /// union of everything published must not determine any hidden group (of any release), any group of fewer than the
    /// minimum, or one person's answer, and no cell is republished with a difference of 1 to minimum − 1 answers from an
    /// earlier release of it. Cells that would break that are hidden (<see cref="SuppressionReason.CrossPublication"/>,
    /// <see cref="SuppressionReason.TooLittleChange"/>), or in a live round keep their last figures
    /// (<see cref="EnpsCell.FiguresTakenAt"/>).</summary>
    /// <param name="round">The survey round. Publishing the same round again is a live re-run, unless a release closed
    /// it: then the frozen figures are returned.</param>
    /// <param name="units">The org tree. Give <see cref="OrgUnit.Headcount"/> for units with people of their own (0 for
    /// none) and declare <see cref="EnpsReportOptions.DimensionValues"/>, so the report's shape does not depend on who
    /// answered.</param>
    /// <param name="responses">The answers; give <see cref="EnpsResponse.RespondentId"/> so joiners, leavers and movers are
    /// followed exactly.</param>
    /// <param name="history">Every earlier release of this population (<see cref="EnpsPublicationHistory.Empty"/> the first
    /// time).</param>
    /// <param name="publish">When the figures are taken, whether this release closes the round, what to do with late answers.</param>
    /// <param name="policy">The anonymity policy; default <see cref="AnonymityPolicy.Default"/>.</param>
    /// <param name="options">Cross-tabs and comment order; default <see cref="EnpsReportOptions.Default"/>.</param>
    /// <returns>The report and the history with this release appended.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">As for <see cref="FromResponses"/>; or the history is of another population;
    /// or <see cref="EnpsPublishOptions.PublishedAt"/> is not later than the history's last release.</exception>
    /// <exception cref="InvalidOperationException">The round is closed, answers arrived that its frozen release did not count,
    /// and <see cref="EnpsPublishOptions.LateAnswers"/> is <see cref="LateAnswerPolicy.Refuse"/>.</exception>
    public static EnpsPublication Publish(
        SurveyRound round,
        IEnumerable<OrgUnit> units,
        IEnumerable<EnpsResponse> responses,
        EnpsPublicationHistory history,
        EnpsPublishOptions publish,
        AnonymityPolicy? policy = null,
        EnpsReportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(publish);
        if (string.IsNullOrWhiteSpace(round.Name))
        {
            throw new ArgumentException("The survey round has no name: give it one such as \"2026 Q4\".", nameof(round));
        }

        policy = (policy ?? AnonymityPolicy.Default).Validate();
        options = (options ?? EnpsReportOptions.Default).Validate();
        List<OrgUnit> unitList = [.. units];
        List<EnpsResponse> answers = [.. responses];
        string? root = unitList.FirstOrDefault(u => u?.ParentId is null)?.Id;
        if (history.Population is not null && root is not null && history.Population != root)
        {
            throw new ArgumentException($"The history is of population '{history.Population}', the org tree's root is '{root}': keep one history per org tree.", nameof(history));
        }

        EnpsRelease? closed = history.Releases.LastOrDefault(r => r.ClosesRound && r.Round.Name == round.Name);
        if (closed is not null)
        {
            return Frozen(closed, unitList, answers, history, publish, policy, options);
        }

        if (history.Releases.Count > 0 && publish.PublishedAt <= history.Releases[^1].PublishedAt)
        {
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"PublishedAt {publish.PublishedAt:O} is not later than the history's last release ({history.Releases[^1].PublishedAt:O}): releases are recorded in time order; pass the time the figures are taken."), nameof(publish));
        }

        EngineResult result = EnpsEngine.Run(round, unitList, answers, policy, options, new PublishContext(history.Releases, publish.PublishedAt));
        if (result.Cells.Count == 0 || result.Cells[0].Kind != EnpsCellKind.Unit)
        {
            throw new ArgumentException("There are no responses: an eNPS report needs at least one answer.", nameof(responses));
        }

        var report = new EnpsReport(round, policy, options, result.Cells, result.Comments);
        var release = new EnpsRelease(round, publish.PublishedAt, publish.CloseRound, policy.MinimumRespondents, result.Released, result.Structure);
        return new EnpsPublication(report, history.Append(release, root!), false, 0);
    }

    private static EnpsPublication Frozen(EnpsRelease closed, List<OrgUnit> units, List<EnpsResponse> answers, EnpsPublicationHistory history, EnpsPublishOptions publish, AnonymityPolicy policy, EnpsReportOptions options)
    {
        var counted = closed.Structure.Respondents.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var ordinal = new Dictionary<string, int>(StringComparer.Ordinal);
        var kept = new List<EnpsResponse>();
        int late = 0;
        foreach (EnpsResponse r in answers)
        {
            int n = ordinal.TryGetValue(r.UnitId ?? string.Empty, out int o) ? o : 0;
            ordinal[r.UnitId ?? string.Empty] = n + 1;
            if (counted.Contains(r.RespondentId ?? EnpsEngine.SyntheticId(r.UnitId ?? string.Empty, n)))
            {
                kept.Add(r);
            }
            else
            {
                late++;
            }
        }

        if (late > 0 && publish.LateAnswers == LateAnswerPolicy.Refuse)
        {
            throw new InvalidOperationException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Round '{closed.Round.Name}' was closed at {closed.PublishedAt:O} and {late} of the answers given were not counted then: its figures are frozen. File them under the next round, or publish with LateAnswers = NextRound to get the frozen figures."));
        }

        AnonymityPolicy frozenPolicy = policy with { MinimumRespondents = closed.MinimumRespondents };
        EnpsReportOptions frozenOptions = options with { Dimensions = closed.Dimensions.ToArray() };
        var cells = closed.Cells.Select(c => new EnpsCell(
            c.Key,
            c.Kind,
            c.UnitId,
            c.Dimension,
            c.DimensionValue,
            c.Figures ?? NpsTally.Empty,
            null,
            c.Figures is null ? c.Reason : SuppressionReason.None,
            null,
            false,
            c.FoldedCellKeys,
            c.Figures is not null && c.FiguresTakenAt != closed.PublishedAt ? c.FiguresTakenAt : null)).ToList();
        List<EnpsComment> comments = kept.Count == 0
            ? []
            : EnpsEngine.Run(closed.Round, units, kept, frozenPolicy, options with { Dimensions = [], DimensionValues = new Dictionary<string, IReadOnlyList<string>>() }).Comments;
        return new EnpsPublication(new EnpsReport(closed.Round, frozenPolicy, frozenOptions, cells, comments), history, true, late);
    }

    /// <summary>Gets the cell with the given key, if there is one.</summary>
    /// <param name="key">The cell key.</param>
    /// <param name="cell">The cell, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetCell(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EnpsCell? cell) =>
        _byKey.TryGetValue(key, out cell);

    /// <summary>Compares this round with an earlier one: every cell shown in both reports, by key.</summary>
    /// <param name="baseline">The earlier round's report.</param>
    /// <returns>The comparisons, in this report's cell order. Cells suppressed in either round are left out.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="baseline"/> is <see langword="null"/>.</exception>
    public IReadOnlyList<EnpsComparison> CompareWith(EnpsReport baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var result = new List<EnpsComparison>();
        foreach (EnpsCell cell in Cells)
        {
            if (cell.TryGetTally(out NpsTally current) && baseline.TryGetCell(cell.Key, out EnpsCell? before) && before.TryGetTally(out NpsTally previous))
            {
                result.Add(Compare(cell.Key, previous, current));
            }
        }

        return result;
    }

    /// <summary>Compares the company's eNPS with the customer NPS of the same period.</summary>
    /// <param name="customer">The customer NPS tally of the same period; not empty.</param>
    /// <param name="comparison">The comparison (baseline: customers; current: employees), or <see langword="null"/>.</param>
    /// <returns><see langword="false"/> when the company cell is suppressed.</returns>
    /// <exception cref="ArgumentException"><paramref name="customer"/> is empty.</exception>
    public bool TryCompareWithCustomer(NpsTally customer, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EnpsComparison? comparison)
    {
        if (!customer.HasScore)
        {
            throw new ArgumentException("The customer tally is empty, so there is no customer NPS to compare with.", nameof(customer));
        }

        comparison = null;
        if (!Company.TryGetTally(out NpsTally employees))
        {
            return false;
        }

        comparison = Compare(Company.Key, customer, employees);
        return true;
    }

    // The one place eNPS comparisons are made (between rounds, and against customer NPS); EnpsComparison.Compare()
    // runs the two-sample test.
    private static EnpsComparison Compare(string key, NpsTally baseline, NpsTally current) => new(key, baseline, current);
}
