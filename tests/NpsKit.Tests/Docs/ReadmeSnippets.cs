namespace NpsKit.Tests.Docs;

/// <summary>
/// The README's example, compiled and run. <see cref="ReadmeTests"/> checks that README.md shows exactly this code.
/// </summary>
public static class ReadmeSnippets
{
    public static string QuickExample()
    {
        var output = new StringWriter();
        #region readme-example
        byte[] answers = [10, 9, 9, 8, 7, 6, 3, 10, 9, 5];   // 0-10 answers
        NpsTally tally = NpsTally.FromScores(answers);

        output.WriteLine(tally);                // NPS +20.0 (n = 10: 5 promoters, 2 passives, 3 detractors)
        output.WriteLine(tally.PromoterShare);  // 0.5

        // Tallies merge exactly: per thread, per file, per machine, or from SQL's GROUP BY score.
        long[] fromSql = [1, 0, 0, 0, 0, 2, 3, 5, 8, 12, 9];  // answers per score 0..10
        NpsTally total = tally + NpsTally.FromHistogram(fromSql);
        output.WriteLine(total.Score);          // 34
        #endregion
        return output.ToString();
    }

    public static string StatisticsExample()
    {
        var output = new StringWriter();
        #region readme-statistics
        NpsTally lastQuarter = NpsTally.FromHistogram([12, 4, 6, 9, 14, 22, 31, 80, 95, 120, 107]);
        NpsTally thisQuarter = NpsTally.FromHistogram([9, 3, 5, 8, 12, 18, 27, 78, 99, 131, 125]);

        NpsInterval ci = thisQuarter.ConfidenceInterval();          // adjusted Wald, 95 %
        NpsComparison change = NpsTest.Compare(lastQuarter, thisQuarter);
        output.WriteLine($"NPS {thisQuarter.Score:+0.0} [{ci.Lower:+0.0}, {ci.Upper:+0.0}]");
        output.WriteLine($"change {change.Difference:+0.0;-0.0} points, p = {change.PValue:0.000}");
        #endregion
        return output.ToString();
    }
}
