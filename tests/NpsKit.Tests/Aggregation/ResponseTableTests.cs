using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Aggregation;

public class ResponseTableTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void FromResponses_RoundTripsEveryField()
    {
        SurveyResponse[] rows =
        [
            new("C1", T0, 9, new Dictionary<string, string> { ["region"] = "North", ["team"] = "a" }, 1.5, "great"),
            new(null, T0.AddDays(1), 3, new Dictionary<string, string> { ["region"] = "South", ["team"] = "a" }),
        ];
        ResponseTable table = ResponseTable.FromResponses(rows);
        Assert.Equal(2, table.Count);
        Assert.Equal(["region", "team"], table.Dimensions);
        Assert.Equal(["North", "South"], table.SegmentValues("region"));
        Assert.True(table.HasWeights);
        Assert.True(table.HasRespondentIds);
        Assert.Equal(1, table.CommentCount);
        SurveyResponse back = table.GetResponse(0);
        Assert.Equal("C1", back.RespondentId);
        Assert.Equal(T0, back.SubmittedAt);
        Assert.Equal(9, back.Score);
        Assert.Equal("North", back.Segments["region"]);
        Assert.Equal(1.5, back.Weight);
        Assert.Equal("great", back.Comment);
        SurveyResponse second = table.GetResponse(1);
        Assert.Null(second.RespondentId);
        Assert.Equal(1.0, second.Weight); // unweighted rows weigh 1 once any row has a weight
        Assert.Null(second.Comment);
        Assert.Equal(NpsTally.FromScores([9, 3]), table.Tally());
    }

    [Fact]
    public void From_AnyObjects_ReadsThroughFunctions()
    {
        var tickets = new[] { (At: T0, Rating: 10, Dept: "Sales"), (At: T0.AddDays(1), Rating: 4, Dept: "Support") };
        ResponseTable table = ResponseTable.From(tickets, t => t.At, t => t.Rating, ("department", t => t.Dept));
        Assert.Equal(["department"], table.Dimensions);
        Assert.Equal("Support", table.GetResponse(1).Segments["department"]);
        Assert.Equal(NpsTally.FromScores([10, 4]), table.Tally());
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ResponseTable.From(new[] { 5, 12 }, _ => T0, s => s));
        Assert.Contains("index 1", ex.Message);
    }

    [Fact]
    public void ApproximateSizeInBytes_ThreeDimensions_AtMost16BytesPerAnswer()
    {
        var b = new ResponseTableBuilder("region", "department", "channel");
        var rng = new SplitMix64(7);
        for (int i = 0; i < 100_000; i++)
        {
            b.Add(T0.AddSeconds(i), rng.NextInt(11), [$"R{rng.NextInt(5)}", $"D{rng.NextInt(40)}", $"C{rng.NextInt(3)}"]);
        }

        ResponseTable table = b.ToTable();
        Assert.InRange(table.ApproximateSizeInBytes / (double)table.Count, 10, 16);
    }

    [Fact]
    public void Builder_ManySegmentValues_WidensCodesAndKeepsValues()
    {
        var b = new ResponseTableBuilder("team");
        for (int i = 0; i < 70_000; i++)
        {
            b.Add(T0, i % 11, [$"T{i}"]);
        }

        ResponseTable table = b.ToTable();
        Assert.Equal("T0", table.GetResponse(0).Segments["team"]);
        Assert.Equal("T300", table.GetResponse(300).Segments["team"]);
        Assert.Equal("T69999", table.GetResponse(69_999).Segments["team"]);
    }

    [Fact]
    public void AddBatch_EqualsAddingOneByOne()
    {
        DateTimeOffset[] times = [T0, T0.AddHours(1), T0.AddDays(40)];
        byte[] scores = [10, 6, 8];
        string[] regions = ["N", "S", "N"];
        ResponseTable batch = new ResponseTableBuilder("region").AddBatch(times, scores, regions).ToTable();
        var one = new ResponseTableBuilder("region");
        for (int i = 0; i < 3; i++)
        {
            one.Add(times[i], scores[i], [regions[i]]);
        }

        ResponseTable single = one.ToTable();
        Assert.Equal(single.Scores.ToArray(), batch.Scores.ToArray());
        Assert.Equal(single.UtcTicks.ToArray(), batch.UtcTicks.ToArray());
        Assert.Equal(single.SegmentValues("region"), batch.SegmentValues("region"));
    }

    [Fact]
    public void AddCoded_WithCodesFromSpans_EqualsAddingStrings()
    {
        var b = new ResponseTableBuilder("region");
        ReadOnlySpan<char> line = "North;South".AsSpan();
        int north = b.GetSegmentCode(0, line[..5]);
        int south = b.GetSegmentCode(0, line[6..]);
        b.AddCoded(T0.UtcTicks, 9, [north]).AddCoded(T0.UtcTicks, 2, [south]).AddCoded(T0.UtcTicks, 7, [north]);
        Assert.Equal(north, b.GetSegmentCode(0, "North"));
        ResponseTable table = b.ToTable();
        Assert.Equal("South", table.GetResponse(1).Segments["region"]);
        Assert.Equal(["North", "South"], table.SegmentValues("region"));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(-1)]
    [InlineData(255)]
    public void Add_ScoreOutOfRange_ThrowsNamingRowAndRange(int score)
    {
        var b = new ResponseTableBuilder("region");
        b.Add(T0, 5, ["N"]);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => b.Add(T0, score, ["N"]));
        Assert.Contains("index 1", ex.Message);
        Assert.Contains("0 to 10", ex.Message);
        Assert.Equal(1, b.Count); // the bad row was not added
    }

    [Fact]
    public void AddBatch_ScoreOutOfRange_ThrowsAndAddsNothing()
    {
        var b = new ResponseTableBuilder();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => b.AddBatch([T0, T0], [3, 12]));
        Assert.Contains("index 1", ex.Message);
        Assert.Equal(0, b.Count);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Add_WeightNotPositiveFinite_ThrowsNamingRow(double weight)
    {
        var b = new ResponseTableBuilder();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => b.Add(T0, 9, [], weight: weight));
        Assert.Contains("index 0", ex.Message);
        Assert.Contains("greater than zero", ex.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SurveyResponse("x", T0, 9, weight: weight));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue)]
    public void AddUtcTicks_TimeBeforeYearOneOrAfter9999_ThrowsClearly(long ticks)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ResponseTableBuilder().AddUtcTicks(ticks, 9, []));
        Assert.Contains("row 0", ex.Message);
        Assert.Contains("0001-01-01", ex.Message);
    }

    [Fact]
    public void Add_WrongNumberOfSegments_ThrowsListingDimensions()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResponseTableBuilder("region", "team").Add(T0, 9, ["N"]));
        Assert.Contains("region, team", ex.Message);
    }

    [Fact]
    public void Add_NullSegment_ThrowsNamingDimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ResponseTableBuilder("region").Add(T0, 9, [null!]));
        Assert.Contains("'region'", ex.Message);
    }

    [Fact]
    public void FromResponses_MissingDimension_ThrowsNamingRow()
    {
        SurveyResponse[] rows =
        [
            new("a", T0, 9, new Dictionary<string, string> { ["region"] = "N" }),
            new("b", T0, 9, new Dictionary<string, string> { ["team"] = "x" }),
        ];
        var ex = Assert.Throws<ArgumentException>(() => ResponseTable.FromResponses(rows));
        Assert.Contains("Row 1", ex.Message);
        Assert.Contains("'region'", ex.Message);
    }

    [Fact]
    public void Builder_RepeatedDimension_Throws() =>
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => new ResponseTableBuilder("a", "a")).Message);

    [Fact]
    public void Clear_KeepsCodesAndContinuesRowNumbers()
    {
        var b = new ResponseTableBuilder("region");
        b.Add(T0, 1, ["N"]).Add(T0, 2, ["S"]);
        b.Clear();
        Assert.Equal(0, b.Count);
        Assert.Equal(1, b.GetSegmentCode(0, "S"));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => b.Add(T0, 11, ["N"]));
        Assert.Contains("index 2", ex.Message);
    }

    [Fact]
    public void SegmentValues_UnknownDimension_ThrowsListingKnown()
    {
        ResponseTable table = new ResponseTableBuilder("region").ToTable();
        Assert.Contains("Known dimensions: region", Assert.Throws<ArgumentException>(() => table.SegmentValues("Region")).Message);
    }
}

/// <summary>
/// Tests that measure the whole managed heap (<see cref="GC.GetTotalMemory(bool)"/>): they run alone, after the parallel
/// tests, because any other test allocating at the same time is counted as held by the table under test.
/// </summary>
[CollectionDefinition(nameof(HeapMeasurementCollection), DisableParallelization = true)]
public sealed class HeapMeasurementCollection;

[Collection(nameof(HeapMeasurementCollection))]
public class ResponseTableHeapTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void RespondentIds_DictionaryEncoded_16BytesPerAnswerPlusTheDistinctIdsOnce()
    {
        // Issue #14: 200 000 answers from 150 000 respondents (ids of 10 ASCII bytes, some longer and non-ASCII), one segment.
        var b = new ResponseTableBuilder("segment");
        var rng = new SplitMix64(14);
        var ids = new string[200_000];
        long idBytes = 0;
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < ids.Length; i++)
        {
            int who = i < 150_000 ? i : rng.NextInt(150_000);
            ids[i] = who % 1000 == 0 ? $"København-respondent-{who}-æøå" : $"R{who:D9}";
            if (distinct.Add(ids[i]))
            {
                idBytes += System.Text.Encoding.UTF8.GetByteCount(ids[i]);
            }

            b.AddUtcTicks(T0.UtcTicks + i, rng.NextInt(11), [$"S{rng.NextInt(20)}"], ids[i]);
        }

        long before = GC.GetTotalMemory(forceFullCollection: true);
        ResponseTable table = b.ToTable();
        b = null;
        long held = GC.GetTotalMemory(forceFullCollection: true) - before;

        // 8 (time) + 1 (score) + 1 (segment) + 4 (respondent code) per answer, each distinct id's bytes and a length byte once.
        long bound = (16L * table.Count) + idBytes + distinct.Count + 4096;
        Assert.InRange(table.ApproximateSizeInBytes, 14L * table.Count, bound);
        Assert.True(held <= bound, $"the table holds {held:N0} bytes, more than {bound:N0}");
        for (int i = 0; i < ids.Length; i += 997)
        {
            Assert.Equal(ids[i], table.GetResponse(i).RespondentId);
        }

        Assert.Equal(ids[^1], table.GetResponse(ids.Length - 1).RespondentId);
    }
}
