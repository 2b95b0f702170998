using System.Text.Json;
using FsCheck.Fluent;
using NpsKit.Serialization;
using NpsKit.Statistics;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Serialization;

public class StatisticsJsonTests
{
    private static readonly NpsIntervalMethod[] Deterministic = [NpsIntervalMethod.AdjustedWald, NpsIntervalMethod.Wald, NpsIntervalMethod.Score, NpsIntervalMethod.Bayesian];

    [Fact]
    public void Interval_RoundTrip_IsExact() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.Tallies.ToArbitrary(), t =>
        {
            if (!t.HasScore)
            {
                return true;
            }

            foreach (NpsIntervalMethod method in Deterministic)
            {
                NpsInterval ci = t.ConfidenceInterval(0.9, method);
                if (NpsJson.DeserializeInterval(NpsJson.Serialize(ci)) != ci || JsonSerializer.Deserialize<NpsInterval>(JsonSerializer.Serialize(ci)) != ci)
                {
                    return false;
                }
            }

            return true;
        }), maxTest: 60);

    [Fact]
    public void Comparison_RoundTrip_IsExact() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.Tallies.ToArbitrary(), NpsGenerators.Tallies.ToArbitrary(), (a, b) =>
        {
            if (!a.HasScore || !b.HasScore)
            {
                return true;
            }

            foreach (NpsTestMethod method in new[] { NpsTestMethod.AdjustedWald, NpsTestMethod.Wald })
            {
                NpsComparison c = NpsTest.Compare(a, b, 0.95, method);
                NpsComparison back = NpsJson.DeserializeComparison(NpsJson.Serialize(c));
                if (back.Baseline != c.Baseline || back.Current != c.Current || !back.Z.Equals(c.Z) || back.PValue != c.PValue
                    || back.StandardError != c.StandardError || back.Estimate != c.Estimate || back.Interval != c.Interval || back.Method != c.Method)
                {
                    return false;
                }
            }

            return true;
        }), maxTest: 60);

    [Fact]
    public void Comparison_InfiniteZ_IsWrittenAsNamedLiteral()
    {
        // One category only in both groups: Wald's standard error is zero.
        NpsComparison c = NpsTest.Compare(NpsTally.FromScores([10, 10]), NpsTally.FromScores([0, 0]), 0.95, NpsTestMethod.Wald);
        string json = NpsJson.Serialize(c);
        if (!double.IsFinite(c.Z))
        {
            Assert.Contains("\"z\":\"", json);
        }

        Assert.Equal(c.Z, NpsJson.DeserializeComparison(json).Z);
    }

    [Theory]
    [InlineData("""{"format":"npskit.interval","version":1,"lower":5,"upper":1,"level":0.95,"method":"Wald"}""", "lower ≤ upper")]
    [InlineData("""{"format":"npskit.interval","version":1,"lower":1,"upper":5,"level":1.5,"method":"Wald"}""", "between 0 and 1")]
    [InlineData("""{"format":"npskit.interval","version":1,"lower":1,"upper":5,"level":0.95,"method":"Guess"}""", "must be one of")]
    [InlineData("""{"format":"npskit.interval","version":1,"lower":1,"upper":5,"level":0.95}""", "needs")]
    public void Interval_Invalid_ThrowsSayingWhat(string json, string expected) =>
        Assert.Contains(expected, Assert.Throws<JsonException>(() => NpsJson.DeserializeInterval(json)).Message);

    [Fact]
    public void Comparison_InconsistentDifference_Throws()
    {
        NpsComparison c = NpsTest.Compare(NpsTally.FromScores([10, 5, 9]), NpsTally.FromScores([9, 9, 3, 8]));
        string json = System.Text.RegularExpressions.Regex.Replace(NpsJson.Serialize(c), "\"difference\":[^,]+", "\"difference\":99");
        Assert.Contains("inconsistent", Assert.Throws<JsonException>(() => NpsJson.DeserializeComparison(json)).Message);
    }
}
