using NpsKit.Statistics;

namespace NpsKit.Tests;

public partial class NpsTallyTests
{
    private const string Reference = "statistics_reference.csv";

    /// <summary>1e−6 on the −1..1 scale is 1e−4 NPS points.</summary>
    private const double Tolerance = 1e-4;

    public static TheoryData<string> DeterministicMethods => new() { "Wald", "AdjustedWald", "Score", "Bayesian" };

    [Theory]
    [MemberData(nameof(DeterministicMethods))]
    public void ConfidenceInterval_MatchesSciPyReference(string method)
    {
        var failures = new List<string>();
        int checkedRows = 0;
        foreach (string[] row in Statistics.KnownAnswers.Rows(Reference, method))
        {
            NpsTally tally = Statistics.KnownAnswers.Tally(row[1], row[2], row[3]);
            double level = Statistics.KnownAnswers.D(row[4]);
            var options = new NpsIntervalOptions
            {
                Level = level,
                Method = Enum.Parse<NpsIntervalMethod>(method),
                PriorConcentration = method == "Bayesian" ? Statistics.KnownAnswers.D(row[5]) : 0.5,
            };
            NpsInterval ci = tally.ConfidenceInterval(options);
            double lower = 100 * Statistics.KnownAnswers.D(row[6]);
            double upper = 100 * Statistics.KnownAnswers.D(row[7]);
            if (Math.Abs(ci.Lower - lower) > Tolerance || Math.Abs(ci.Upper - upper) > Tolerance)
            {
                failures.Add($"{string.Join(',', row)}: got [{ci.Lower:R}, {ci.Upper:R}]");
            }

            checkedRows++;
        }

        Assert.True(checkedRows >= 40, $"only {checkedRows} reference rows for {method}");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
