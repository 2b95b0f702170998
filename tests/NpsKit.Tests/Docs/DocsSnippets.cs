using NpsKit.Aggregation;
using NpsKit.Statistics;

namespace NpsKit.Tests.Docs;

/// <summary>
/// The code of docs/getting-started.md and docs/concepts.md, compiled and run. <see cref="DocsTests"/> checks that the
/// pages show exactly these regions (with <c>output.WriteLine</c> shown as <c>Console.WriteLine</c>) and what they print.
/// </summary>
public static class DocsSnippets
{
    public static string FirstTally()
    {
        var output = new StringWriter { NewLine = "\n" };
        #region getting-started-first-tally
        int[] answers = [10, 9, 8, 6, 10, 3, 9, 7];
        NpsTally tally = NpsTally.FromScores(answers);

        output.WriteLine(tally);                        // NPS +25.0 (n = 8: 4 promoters, 2 passives, 2 detractors)
        output.WriteLine(tally.ConfidenceInterval());   // [-29.417, +65.78] (95% AdjustedWald)

        // One more answer arrives: add it, no need to keep the others.
        tally += NpsTally.FromScores([9]);
        output.WriteLine(tally.Score);                  // 33.33…
        #endregion
        return output.ToString();
    }

    public static string Categories()
    {
        var output = new StringWriter { NewLine = "\n" };
        #region concepts-categories
        output.WriteLine(Nps.Classify(6));    // Detractor  (0-6)
        output.WriteLine(Nps.Classify(7));    // Passive    (7-8)
        output.WriteLine(Nps.Classify(9));    // Promoter   (9-10)
        output.WriteLine(Nps.TryClassify(11, out _));   // False: 11 is not on the scale
        #endregion
        return output.ToString();
    }

    public static string Merge()
    {
        var output = new StringWriter { NewLine = "\n" };
        #region concepts-merge
        int[] monday = [10, 9, 3, 8];
        int[] tuesday = [6, 10, 10];

        NpsTally both = NpsTally.FromScores(monday) + NpsTally.FromScores(tuesday);
        NpsTally all = NpsTally.FromScores([.. monday, .. tuesday]);
        output.WriteLine(both == all);                  // True: exactly, not approximately

        // Scores cannot be merged: the mean of +25.0 and +33.3 is not the NPS of all seven answers.
        output.WriteLine(all.Score);                    // 28.57…
        #endregion
        return output.ToString();
    }

    public static string CategoryOnly()
    {
        var output = new StringWriter { NewLine = "\n" };
        #region concepts-category-only
        // A dashboard export that only knows categories: 120 promoters, 50 passives, 30 detractors.
        NpsTally fromCategories = NpsTally.FromCounts(promoters: 120, passives: 50, detractors: 30);
        output.WriteLine(fromCategories.Score);            // 45
        output.WriteLine(fromCategories.HasScoreDetail);   // False
        output.WriteLine(fromCategories.TryGetMeanScore(out _));   // False: the mean needs the 0-10 answers

        // Merged with per-score counts, the result is still exact for every category figure.
        NpsTally merged = fromCategories + NpsTally.FromScores([10, 0]);
        output.WriteLine(merged);   // NPS +44.6 (n = 202: 121 promoters, 50 passives, 31 detractors)
        #endregion
        return output.ToString();
    }

    public static string Intervals()
    {
        var output = new StringWriter { NewLine = "\n" };
        #region concepts-intervals
        NpsTally small = NpsTally.FromCounts(promoters: 12, passives: 5, detractors: 3);      // n = 20
        NpsTally large = NpsTally.FromCounts(promoters: 600, passives: 250, detractors: 150); // n = 1000, same shares

        output.WriteLine(small.ConfidenceInterval());   // [+8.431, +69.83] (95% AdjustedWald): 61 points wide
        output.WriteLine(large.ConfidenceInterval());   // [+40.284, +49.447] (95% AdjustedWald): 9 points wide

        // How many answers for ±5 points at 95%, at the worst-case shares?
        output.WriteLine(SampleSizePlan.ForMarginOfError(5));   // 1537

        // Cubes and series flag cells below a minimum count (default 30) instead of hiding them.
        var options = new AggregationOptions { MinimumCount = 30 };
        output.WriteLine(options.MinimumCount);
        #endregion
        return output.ToString();
    }
}
