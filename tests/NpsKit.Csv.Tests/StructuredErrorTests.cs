using System.Text;
using NpsKit.Aggregation;
using static NpsKit.Csv.Tests.CsvTestHelpers;

namespace NpsKit.Csv.Tests;

/// <summary>Reading errors that an option would fix carry their parts apart (input, problem, the options that fix
/// it), so a caller such as the CLI can word them itself; the message keeps the library's words.</summary>
public sealed class StructuredErrorTests
{
    [Fact]
    public void MissingScoreColumn_NamesTheMappingMember()
    {
        var e = Assert.Throws<NpsDataException>(() => Read("a,b\n1,2\n"));

        Assert.StartsWith(e.Input + ": the header has no score column", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("the header has no score column (looked for: score,", e.Problem, StringComparison.Ordinal);
        Assert.EndsWith("Columns found: 'a', 'b'", e.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("CsvReadOptions", e.Problem, StringComparison.Ordinal);
        Assert.Equal([new ReadOptionRemedy("Mapping.Score")], e.Remedies);
        Assert.Contains("set CsvReadOptions.Mapping.Score to name it", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AmbiguousDates_NameEveryOptionThatDecidesTheOrder()
    {
        var e = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader("score,when\n9,03/04/2026\n"), aggregation: AggregationOptions.Default, options: new CsvReadOptions { Mapping = new CsvResponseMapping { Time = "when" } }));

        Assert.Equal(["DateOrder", "DateFormats", "Culture"], e.Remedies.Select(r => r.Member));
        Assert.Equal("DayFirst", e.Remedies[0].Example);
        Assert.DoesNotContain("CsvReadOptions", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NotUtf8_NamesTheEncodingOptionWithAnExample()
    {
        byte[] bytes = [.. Encoding.ASCII.GetBytes("score,comment\n9,"), 0x81, 0x8D, 0x8F, 0x90, 0x9D, (byte)'\n'];
        var e = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTally(new MemoryStream(bytes)));

        Assert.Equal("Encoding", Assert.Single(e.Remedies).Member);
        Assert.NotNull(e.Remedies[0].Example);
    }

    [Fact]
    public void BadRow_HasNoRemedies_ItsReasonIsTheStructure()
    {
        var e = Assert.Throws<NpsDataException>(() => Read("score\n11\n"));

        Assert.NotNull(e.BadRow);
        Assert.Empty(e.Remedies);
        Assert.Null(e.Problem);
    }

    [Fact]
    public void NoTimeColumn_CubeAndTable_HaveTheKindNoTimeColumn()
    {
        const string csv = "id,score\n1,9\n2,3\n";

        var cube = Assert.Throws<NpsDataException>(() => NpsCsv.ReadCube(new StringReader(csv)));
        var table = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTable(new StringReader(csv)));

        Assert.Equal(NpsDataProblem.NoTimeColumn, cube.Kind);
        Assert.Equal(NpsDataProblem.NoTimeColumn, table.Kind);
        Assert.Equal("Mapping.Time", Assert.Single(cube.Remedies).Member);
    }

    [Fact]
    public void GroupsWithoutScore_Table_HasTheKindGroupsWithoutScore()
    {
        const string csv = "id,submitted_at,nps_group\n1,2026-03-01T10:00:00Z,Promoter\n";

        var e = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTable(new StringReader(csv)));

        Assert.Equal(NpsDataProblem.GroupsWithoutScore, e.Kind);
    }

    [Fact]
    public void OtherProblems_AreUnclassified()
    {
        var header = Assert.Throws<NpsDataException>(() => Read("a,b\n1,2\n"));
        var row = Assert.Throws<NpsDataException>(() => NpsCsv.ReadTally(new StringReader("score\n11\n")));

        Assert.Equal(NpsDataProblem.Unclassified, header.Kind);
        Assert.NotNull(row.BadRow);
        Assert.Equal(NpsDataProblem.Unclassified, row.Kind);
    }
}
