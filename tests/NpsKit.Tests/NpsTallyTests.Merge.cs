namespace NpsKit.Tests;

public partial class NpsTallyTests
{
    [Fact]
    public void Add_OperatorAndMethodAndSum_Agree()
    {
        NpsTally a = NpsTally.FromScores([10, 2, 7]);
        NpsTally b = NpsTally.FromScores([9, 9, 0, 8]);
        NpsTally expected = NpsTally.FromScores([10, 2, 7, 9, 9, 0, 8]);
        Assert.Equal(expected, a + b);
        Assert.Equal(expected, a.Add(b));
        Assert.Equal(expected, NpsTally.Sum([a, b]));
        Assert.Equal(NpsTally.Empty, NpsTally.Sum([]));
    }

    [Fact]
    public void Equality_FullContract()
    {
        NpsTally a = NpsTally.FromScores([1, 9]);
        NpsTally same = NpsTally.FromHistogram([0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
        NpsTally other = NpsTally.FromScores([2, 9]);
        Assert.True(a == same);
        Assert.False(a != same);
        Assert.True(a != other);
        Assert.True(a.Equals((object)same));
        Assert.False(a.Equals((object?)null));
        Assert.False(a.Equals("x"));
        Assert.Equal(a.GetHashCode(), same.GetHashCode());

        // Same categories but different scores are different tallies; category-only counts are distinct too.
        Assert.NotEqual(NpsTally.FromScores([9]), NpsTally.FromScores([10]));
        Assert.NotEqual(NpsTally.FromScores([10]), NpsTally.FromCounts(1, 0, 0));
    }
}
