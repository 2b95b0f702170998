using NpsKit.Employee;

namespace NpsKit.Tests.Employee;

public partial class EnpsReportTests
{
    private static readonly SurveyRound Q4 = new("2026 Q4", new DateOnly(2026, 11, 20));

    /// <summary>Co → Eng (two leaders of its own) → Platform, Apps; Co → Sales.</summary>
    private static readonly OrgUnit[] Org =
    [
        new("Co", null),
        new("Eng", "Co"),
        new("Platform", "Eng"),
        new("Apps", "Eng"),
        new("Sales", "Co"),
    ];

    private static IEnumerable<EnpsResponse> Answers(string unit, params int[] scores) =>
        scores.Select(s => new EnpsResponse(unit, s));

    // Platform 10,10,9,8,6,3: n 6, P 3, Pa 1, D 2. Apps 9,9,7,7,5: n 5, P 2, Pa 2, D 1.
    // Eng's own 10,2: n 2, P 1, D 1. Sales 10,9,9,9,8,8,0: n 7, P 4, Pa 2, D 1.
    private static readonly EnpsResponse[] OrgAnswers =
    [
        .. Answers("Platform", 10, 10, 9, 8, 6, 3),
        .. Answers("Apps", 9, 9, 7, 7, 5),
        .. Answers("Eng", 10, 2),
        .. Answers("Sales", 10, 9, 9, 9, 8, 8, 0),
    ];

    [Fact]
    public void FromResponses_Hierarchy_RollsUpEveryLevelExactly()
    {
        EnpsReport report = EnpsReport.FromResponses(Q4, Org, OrgAnswers);

        // Hand counts: Co = 20 answers, P 10, Pa 5, D 5 → +25; Eng = 13, P 6, Pa 3, D 4 → 200/13 = +15.38.
        Assert.Equal(NpsTally.FromCounts(10, 5, 5).Promoters, report.Company.Tally.Promoters);
        Assert.Equal((20L, 10L, 5L, 5L), (report.Company.Tally.Count, report.Company.Tally.Promoters, report.Company.Tally.Passives, report.Company.Tally.Detractors));
        Assert.Equal(25.0, report.Company.Score, 12);
        Assert.Equal("Co", report.Company.Key);
        Assert.Equal((13L, 6L, 3L, 4L), (report["Co/Eng"].Tally.Count, report["Co/Eng"].Tally.Promoters, report["Co/Eng"].Tally.Passives, report["Co/Eng"].Tally.Detractors));
        Assert.Equal(100.0 * 2 / 13, report["Co/Eng"].Score, 12);
        Assert.Equal(100.0 * 1 / 6, report["Co/Eng/Platform"].Score, 12);
        Assert.Equal(100.0 * 3 / 7, report["Co/Sales"].Score, 12);
        Assert.Equal(report["Co/Eng"].Tally + report["Co/Sales"].Tally, report.Company.Tally);
        Assert.Equal(
            ["Co", "Co/Eng", "Co/Eng/(direct)", "Co/Eng/Platform", "Co/Eng/Apps", "Co/Sales"],
            report.Cells.Select(c => c.Key));
        Assert.Equal(EnpsCellKind.DirectMembers, report["Co/Eng/(direct)"].Kind);
    }

    [Fact]
    public void FromResponses_OneHiddenChild_HidesTheSmallestSiblingAndNamesTheProtectedCell()
    {
        EnpsReport report = EnpsReport.FromResponses(Q4, Org, OrgAnswers);

        // Eng's 2 own people are below 5; Eng (13) − Platform (6) − Apps (5) would give them away, so Apps, the
        // smallest shown sibling, is hidden too. Nothing else needs hiding.
        Assert.Equal(SuppressionReason.BelowMinimum, report["Co/Eng/(direct)"].Reason);
        Assert.Equal(SuppressionReason.ProtectsCell, report["Co/Eng/Apps"].Reason);
        Assert.Equal(["Co/Eng/(direct)", "Co/Eng/Apps"], report.Cells.Where(c => c.IsSuppressed).Select(c => c.Key));

        // Which hidden cell Apps protects is not published: a key or text pointing at a hidden cell would be a clue.
        Assert.Null(report["Co/Eng/Apps"].RelatedCellKey);
        Assert.DoesNotContain("Co/Eng/(direct)", report["Co/Eng/Apps"].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponses_FoldIntoOther_PublishesTheFoldedGroupInstead()
    {
        AnonymityPolicy policy = AnonymityPolicy.Default.WithComplementary(ComplementaryProtection.FoldIntoOther);
        EnpsReport report = EnpsReport.FromResponses(Q4, Org, OrgAnswers, policy);

        // (other) = Eng's own 2 + Apps 5 = 7 answers: P 1 + 2, Pa 0 + 2, D 1 + 1 → 100 × (3 − 2) / 7.
        EnpsCell other = report["Co/Eng/(other)"];
        Assert.Equal(EnpsCellKind.Other, other.Kind);
        Assert.False(other.IsSuppressed);
        Assert.Equal(7, other.RespondentCount);
        Assert.Equal(100.0 / 7, other.Score, 12);
        Assert.Equal(["Co/Eng/(direct)", "Co/Eng/Apps"], other.FoldedCellKeys);
        Assert.Equal(SuppressionReason.FoldedIntoOther, report["Co/Eng/Apps"].Reason);
        Assert.Equal("Co/Eng/(other)", report["Co/Eng/Apps"].RelatedCellKey);
        Assert.Equal(SuppressionReason.BelowMinimum, report["Co/Eng/(direct)"].Reason);
    }

    [Fact]
    public void FromResponses_CellNearlyEqualToALargerCell_IsHiddenAsOverlap()
    {
        // Co → Div → Dept1 (10 women), Dept2 (2 men). Dept1 [gender=F] (10) sits inside Co and Div (12 each): their
        // difference is the 2 men of Dept2, and no single sum relation shows it, so it is hidden as an overlap.
        // Dept1 itself is hidden to protect Dept2 (Div = Dept1 + Dept2), and [gender=F] of Co and Div to protect the 2 men.
        OrgUnit[] org = [new("Co", null), new("Div", "Co"), new("Dept1", "Div"), new("Dept2", "Div")];
        var women = new Dictionary<string, string> { ["gender"] = "F" };
        var men = new Dictionary<string, string> { ["gender"] = "M" };
        EnpsResponse[] answers =
        [
            .. Enumerable.Range(0, 10).Select(i => new EnpsResponse("Dept1", i % 11, Attributes: women)),
            new("Dept2", 10, Attributes: men),
            new("Dept2", 0, Attributes: men),
        ];
        EnpsReport report = EnpsReport.FromResponses(Q4, org, answers, options: new EnpsReportOptions { Dimensions = ["gender"] });

        Assert.Equal(SuppressionReason.OverlapsCell, report["Co/Div/Dept1 [gender=F]"].Reason);
        Assert.Equal(SuppressionReason.ProtectsCell, report["Co [gender=F]"].Reason);
        Assert.Equal(SuppressionReason.BelowMinimum, report["Co/Div/Dept2"].Reason);
        Assert.Equal(SuppressionReason.ProtectsCell, report["Co/Div/Dept1"].Reason);
        Assert.All(report.Cells, c => Assert.Null(c.RelatedCellKey));
        Assert.Equal(SuppressionReason.ProtectsCell, report["Co/Div [gender=F]"].Reason);
        Assert.Equal(["Co", "Co/Div"], report.Cells.Where(c => !c.IsSuppressed).Select(c => c.Key));
    }

    [Fact]
    public void FromResponses_ResponseRateBelowMinimum_SuppressesWithItsOwnReason()
    {
        OrgUnit[] org = [new("Co", null, 0), new("A", "Co", 20), new("B", "Co", 8), new("C", "Co", 6)];
        EnpsResponse[] answers = [.. Answers("A", 9, 9, 9, 9, 9, 9), .. Answers("B", 1, 2, 3, 4, 5, 6), .. Answers("C", 7, 7, 7, 7, 7, 7)];
        EnpsReport report = EnpsReport.FromResponses(Q4, org, answers, AnonymityPolicy.Default.WithMinimumResponseRate(0.5));

        // A: 6 of 20 = 30 % < 50 %. The others are 75 % and 100 %; B (6) is the smallest shown sibling (tie with C, by key).
        Assert.Equal(SuppressionReason.BelowResponseRate, report["Co/A"].Reason);
        Assert.Equal(SuppressionReason.ProtectsCell, report["Co/B"].Reason);
        Assert.False(report["Co/C"].IsSuppressed);
        Assert.True(report["Co/C"].TryGetResponseRate(out double rate));
        Assert.Equal(1.0, rate);
        Assert.True(report.Company.TryGetResponseRate(out double companyRate));
        Assert.Equal(18.0 / 34, companyRate, 12);
        Assert.False(report["Co/A"].TryGetResponseRate(out _));
    }

    [Fact]
    public void SuppressedCell_CarriesNoScoreSharesOrCounts_UnlessPolicyShowsCounts()
    {
        EnpsReport hidden = EnpsReport.FromResponses(Q4, Org, OrgAnswers);
        EnpsCell cell = hidden["Co/Eng/(direct)"];
        Assert.False(cell.TryGetTally(out NpsTally t));
        Assert.Equal(NpsTally.Empty, t);
        Assert.False(cell.TryGetScore(out _));
        Assert.False(cell.HasRespondentCount);
        var ex = Assert.Throws<InvalidOperationException>(() => cell.Tally);
        Assert.Contains("suppressed", ex.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => cell.Score);
        Assert.Throws<InvalidOperationException>(() => cell.RespondentCount);
        Assert.DoesNotContain("n =", cell.ToString(), StringComparison.Ordinal);

        EnpsReport counted = EnpsReport.FromResponses(Q4, Org, OrgAnswers, AnonymityPolicy.Default.WithShowCountsForSuppressed(true));
        Assert.Equal(2, counted["Co/Eng/(direct)"].RespondentCount);
        Assert.False(counted["Co/Eng/(direct)"].TryGetTally(out _));
    }

    [Fact]
    public void Comments_MinimumIsIndependentOfScoreMinimum()
    {
        OrgUnit[] org = [new("Co", null), new("Small", "Co"), new("Big", "Co")];
        EnpsResponse[] answers =
        [
            .. Enumerable.Range(0, 4).Select(i => new EnpsResponse("Small", 9, "small " + i, AnsweredAt: new DateTimeOffset(2026, 11, 3, 9, i, 0, TimeSpan.Zero))),
            .. Enumerable.Range(0, 8).Select(i => new EnpsResponse("Big", 6, "big " + i)),
        ];

        // Comments need 3, scores 5: Small (4) shows comments but no score.
        EnpsReport lowComment = EnpsReport.FromResponses(Q4, org, answers, new AnonymityPolicy { MinimumRespondents = 5, MinimumCommentRespondents = 3 });
        Assert.True(lowComment["Co/Small"].IsSuppressed);
        Assert.Equal(4, lowComment.Comments.Count(c => c.GroupKey == "Co/Small"));
        Assert.Equal(8, lowComment.Comments.Count(c => c.GroupKey == "Co/Big"));
        Assert.All(lowComment.Comments, c => Assert.Equal(Q4.Date, c.RoundDate));

        // Scores need 3, comments 10: Small's score shows, its comments do not; they move up to Co with Big's
        // (4 + 8 = 12 respondents ≥ 10), so no comment list narrows anyone down to a group below 10.
        EnpsReport highComment = EnpsReport.FromResponses(Q4, org, answers, new AnonymityPolicy { MinimumRespondents = 3, MinimumCommentRespondents = 10 });
        Assert.False(highComment["Co/Small"].IsSuppressed);
        Assert.All(highComment.Comments, c => Assert.Equal("Co", c.GroupKey));
        Assert.Equal(12, highComment.Comments.Count);

        // Scores need 3, comments 6: Big (8) gets its own comments; Small's 4 cannot stand alone under Co (Co minus Big
        // would be Small's 4 people), so they are withheld.
        EnpsReport mid = EnpsReport.FromResponses(Q4, org, answers, new AnonymityPolicy { MinimumRespondents = 3, MinimumCommentRespondents = 6 });
        Assert.Equal(8, mid.Comments.Count);
        Assert.All(mid.Comments, c => Assert.Equal("Co/Big", c.GroupKey));
    }

    [Fact]
    public void Comments_ShuffledBySeed_OrSortedByText_NeverInAnswerOrder()
    {
        OrgUnit[] org = [new("Co", null)];
        EnpsResponse[] answers = Enumerable.Range(0, 12).Select(i => new EnpsResponse("Co", 8, $"z{11 - i:00}")).ToArray();
        var sorted = EnpsReport.FromResponses(Q4, org, answers, options: new EnpsReportOptions { ShuffleComments = false }).Comments.Select(c => c.Text).ToList();
        Assert.Equal(sorted.Order(StringComparer.Ordinal), sorted);

        var a = EnpsReport.FromResponses(Q4, org, answers, options: new EnpsReportOptions { CommentShuffleSeed = 7 }).Comments.Select(c => c.Text).ToList();
        var b = EnpsReport.FromResponses(Q4, org, answers.Reverse(), options: new EnpsReportOptions { CommentShuffleSeed = 7 }).Comments.Select(c => c.Text).ToList();
        var c = EnpsReport.FromResponses(Q4, org, answers, options: new EnpsReportOptions { CommentShuffleSeed = 8 }).Comments.Select(c => c.Text).ToList();
        Assert.Equal(a, b); // input order does not leak
        Assert.NotEqual(a, c);
        Assert.Equal(sorted, a.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void FromResponses_BadScore_KeepsTheValueOutOfTheMessageUnlessOptedIn()
    {
        EnpsResponse[] answers = [new("Co", 7), new("Co", 42)];
        OrgUnit[] org = [new("Co", null)];
        var ex = Assert.Throws<ArgumentException>(() => EnpsReport.FromResponses(Q4, org, answers));
        Assert.Contains("index 1", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("42", ex.Message, StringComparison.Ordinal);
        Assert.Contains("IncludeRawValuesInExceptions", ex.Message, StringComparison.Ordinal);

        var opted = Assert.Throws<ArgumentException>(() => EnpsReport.FromResponses(Q4, org, answers, options: new EnpsReportOptions { IncludeRawValuesInExceptions = true }));
        Assert.Contains("'42'", opted.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponses_UnknownUnit_SaysWhichResponseWithoutTheValue()
    {
        var ex = Assert.Throws<ArgumentException>(() => EnpsReport.FromResponses(Q4, Org, [new EnpsResponse("Legal", 7)]));
        Assert.Contains("index 0", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Legal", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("two roots", "2 units have no ParentId")]
    [InlineData("missing parent", "not in the tree")]
    [InlineData("duplicate", "appears twice")]
    [InlineData("cycle", "cycle")]
    public void FromResponses_InvalidOrgTree_Throws(string problem, string expected)
    {
        OrgUnit[] org = problem switch
        {
            "two roots" => [new("Co", null), new("Other", null)],
            "missing parent" => [new("Co", null), new("A", "Nowhere")],
            "duplicate" => [new("Co", null), new("A", "Co"), new("A", "Co")],
            _ => [new("Co", null), new("A", "B"), new("B", "A")],
        };
        var ex = Assert.Throws<ArgumentException>(() => EnpsReport.FromResponses(Q4, org, [new EnpsResponse("Co", 7)]));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponses_MoreAnswersThanHeadcount_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => EnpsReport.FromResponses(Q4, [new OrgUnit("Co", null, 1)], Answers("Co", 7, 8)));
        Assert.Contains("Headcount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromResponses_NoAnswers_Throws() =>
        Assert.Throws<ArgumentException>(() => EnpsReport.FromResponses(Q4, Org, []));

    [Fact]
    public void Indexer_UnknownKey_ThrowsKeyNotFoundWithTheKeyFormat()
    {
        EnpsReport report = EnpsReport.FromResponses(Q4, Org, OrgAnswers);
        var ex = Assert.Throws<KeyNotFoundException>(() => report["Co/Legal"]);
        Assert.Contains("[dimension=value]", ex.Message, StringComparison.Ordinal);
        Assert.False(report.TryGetCell("Co/Legal", out _));
    }

    [Fact]
    public void CompareWith_EarlierRound_PairsCellsShownInBoth()
    {
        EnpsReport before = EnpsReport.FromResponses(Q4 with { Name = "2026 Q3" }, Org, [.. OrgAnswers, .. Answers("Apps", 0, 0)]);
        EnpsReport now = EnpsReport.FromResponses(Q4, Org, OrgAnswers);

        IReadOnlyList<EnpsComparison> comparisons = now.CompareWith(before);

        // Apps is suppressed now, so it is not compared; the company moved from 20 answers + two zeros to 20 answers.
        Assert.DoesNotContain(comparisons, c => c.CellKey == "Co/Eng/Apps");
        EnpsComparison company = Assert.Single(comparisons, c => c.CellKey == "Co");
        Assert.Equal(22, company.Baseline.Count);
        Assert.Equal(25.0 - (100.0 * 3 / 22), company.Difference, 12);

        NpsComparison test = company.Compare();
        Assert.Equal(company.Difference, test.Difference, 12);
        Assert.Equal(NpsTest.Compare(company.Baseline, company.Current).PValue, test.PValue);
    }

    [Fact]
    public void TryCompareWithCustomer_CompanyShown_ComparesWithCustomerTally()
    {
        EnpsReport now = EnpsReport.FromResponses(Q4, Org, OrgAnswers);
        NpsTally customers = NpsTally.FromCounts(50, 30, 20);
        Assert.True(now.TryCompareWithCustomer(customers, out EnpsComparison? c));
        Assert.Equal(25.0 - 30.0, c.Difference, 12);
        Assert.Equal(customers, c.Baseline);
        Assert.Throws<ArgumentException>(() => now.TryCompareWithCustomer(NpsTally.Empty, out _));

        EnpsReport tiny = EnpsReport.FromResponses(Q4, [new OrgUnit("Co", null)], Answers("Co", 9, 9));
        Assert.False(tiny.TryCompareWithCustomer(customers, out _));
    }
}
