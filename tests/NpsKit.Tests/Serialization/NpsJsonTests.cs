using System.Text.Json;
using FsCheck.Fluent;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Serialization;

public class NpsJsonTests
{
    [Fact]
    public void Serialize_Tally_IsTheDocumentedShape()
    {
        NpsTally t = NpsTally.FromScores([10, 10, 6]);
        Assert.Equal("""{"format":"npskit.tally","version":1,"counts":[0,0,0,0,0,0,1,0,0,0,2]}""", NpsJson.Serialize(t));
        Assert.Equal(NpsJson.Serialize(t), JsonSerializer.Serialize(t));
    }

    [Fact]
    public void Serialize_CategoryOnly_AddsTheCategoryObject()
    {
        NpsTally t = NpsTally.FromCounts(5, 3, 2) + NpsTally.FromScores([9]);
        string json = NpsJson.Serialize(t);
        Assert.Equal("""{"format":"npskit.tally","version":1,"counts":[0,0,0,0,0,0,0,0,0,1,0],"categoryOnly":{"promoters":5,"passives":3,"detractors":2}}""", json);
        Assert.Equal(t, NpsJson.DeserializeTally(json));
    }

    [Fact]
    public void RoundTrip_Tallies_AreEqual() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.Tallies.ToArbitrary(), t =>
            NpsJson.DeserializeTally(NpsJson.Serialize(t)) == t
            && JsonSerializer.Deserialize<NpsTally>(JsonSerializer.Serialize(t)) == t));

    [Fact]
    public void RoundTrip_HugeTallies_AreExact() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.HugeTallies.ToArbitrary(), t => NpsJson.DeserializeTally(NpsJson.Serialize(t)) == t));

    [Fact]
    public void RoundTrip_WeightedTallies_AreBitwiseEqual() => PropertyRunner.Check(
        Prop.ForAll(NpsGenerators.WeightedAnswers.ToArbitrary(), answers =>
        {
            var t = WeightedNpsTally.FromResponses(answers.Select(a => a.Score).ToArray(), answers.Select(a => a.Weight * Math.PI).ToArray());
            return NpsJson.DeserializeWeightedTally(NpsJson.Serialize(t)) == t
                && JsonSerializer.Deserialize<WeightedNpsTally>(JsonSerializer.Serialize(t)) == t;
        }));

    [Fact]
    public void Serialize_InsideOtherObjects_UsesTheConverter()
    {
        var byTeam = new Dictionary<string, NpsTally> { ["A"] = NpsTally.FromScores([9]), ["B"] = NpsTally.Empty };
        string json = JsonSerializer.Serialize(byTeam);
        Assert.Equal(byTeam, JsonSerializer.Deserialize<Dictionary<string, NpsTally>>(json));
    }

    [Theory]
    [InlineData("""{"format":"npskit.tally","version":2,"counts":[0,0,0,0,0,0,0,0,0,0,0]}""", "version 1 only")]
    [InlineData("""{"format":"npskit.tally","version":1,"counts":[0,0,0]}""", "has 3 elements")]
    [InlineData("""{"format":"npskit.tally","version":1,"counts":[0,0,0,0,-1,0,0,0,0,0,0]}""", "counts[4]")]
    [InlineData("""{"format":"npskit.tally","version":1,"counts":[0,0,0,0,1.5,0,0,0,0,0,0]}""", "counts[4]")]
    [InlineData("""{"format":"npskit.weightedTally","version":1,"counts":[0,0,0,0,0,0,0,0,0,0,0]}""", "must be \"npskit.tally\"")]
    [InlineData("""{"format":"npskit.tally","version":1}""", "needs \"counts\"")]
    [InlineData("""{"version":1,"counts":[0,0,0,0,0,0,0,0,0,0,0]}""", "needs \"format\"")]
    [InlineData("""{"format":"npskit.tally","version":1,"counts":[0,0,0,0,0,0,0,0,0,0,0],"total":0}""", "Unknown property \"total\"")]
    [InlineData("""{"format":"npskit.tally","version":1,"counts":[9223372036854775807,1,0,0,0,0,0,0,0,0,0]}""", "Int64.MaxValue")]
    [InlineData("""[1,2]""", "Expected a JSON object")]
    public void DeserializeTally_Invalid_ThrowsSayingWhat(string json, string expected)
    {
        var ex = Assert.Throws<JsonException>(() => NpsJson.DeserializeTally(json));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void DeserializeWeightedTally_Inconsistent_ThrowsSayingWhat()
    {
        string json = """{"format":"npskit.weightedTally","version":1,"counts":[0,0,0,0,0,0,0,0,0,0,1],"sumOfWeights":[0,0,0,0,0,0,0,0,0,0,0],"sumOfSquaredWeights":[0,0,0,0,0,0,0,0,0,0,1]}""";
        Assert.Contains("inconsistent", Assert.Throws<JsonException>(() => NpsJson.DeserializeWeightedTally(json)).Message);
        string negative = """{"format":"npskit.weightedTally","version":1,"counts":[0,0,0,0,0,0,0,0,0,0,1],"sumOfWeights":[0,0,0,0,0,0,0,0,0,0,-1],"sumOfSquaredWeights":[0,0,0,0,0,0,0,0,0,0,1]}""";
        Assert.Contains("sumOfWeights[10]", Assert.Throws<JsonException>(() => NpsJson.DeserializeWeightedTally(negative)).Message);
    }

    [Fact]
    public void MergingCountsFromSql_MatchesTallyingTheRows()
    {
        // What a warehouse returns for SELECT score, COUNT(*) … GROUP BY score, on two shards.
        string shard1 = """{"format":"npskit.tally","version":1,"counts":[1,0,2,0,0,3,4,10,12,20,18]}""";
        string shard2 = """{"format":"npskit.tally","version":1,"counts":[0,1,0,1,2,2,5,8,15,25,21]}""";
        NpsTally total = NpsJson.DeserializeTally(shard1) + NpsJson.DeserializeTally(shard2);
        Assert.Equal(150, total.Count);
        Assert.Equal(84, total.Promoters);
        Assert.Equal(21, total.Detractors);
        Assert.Equal(42.0, total.Score, 12);
    }
}
