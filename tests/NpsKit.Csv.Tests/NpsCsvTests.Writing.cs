namespace NpsKit.Csv.Tests;

public partial class NpsCsvTests
{
    [Fact]
    public void WriteTallies_InvariantCultureWithHeader_AndEmptyTalliesHaveNoScore()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("da-DK");
        try
        {
            var output = new StringWriter();
            NpsCsv.WriteTallies(output, [new("Sales", NpsTally.FromScores([10, 9, 3, 7])), new("Empty", NpsTally.Empty)], "department");
            Assert.Equal(
                "department,n,promoters,passives,detractors,promoter_share,passive_share,detractor_share,nps\n"
                + "Sales,4,2,1,1,0.5,0.25,0.25,25\n"
                + "Empty,0,0,0,0,,,,\n",
                output.ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1+1", "\"'+1+1\"")]
    [InlineData("-2+3", "\"'-2+3\"")]
    [InlineData("@SUM(A1)", "\"'@SUM(A1)\"")]
    [InlineData("\tcmd", "\"'\tcmd\"")]
    [InlineData("Sales", "Sales")]
    public void WriteTallies_FormulaLikeText_IsNeutralised_NumbersAreNot(string key, string expectedField)
    {
        // The escaped cell is written as the quoted text '=…, which a spreadsheet shows as text, not a formula.
        var output = new StringWriter();
        NpsCsv.WriteTallies(output, [new(key, NpsTally.FromScores([0, 0, 9]))]);
        string row = output.ToString().Split('\n')[1];
        Assert.StartsWith(expectedField + ",3,", row);
        Assert.EndsWith(",-33.333333333333336", row); // a negative NPS stays a number
    }

    [Fact]
    public void WriteTallies_EscapingOff_WritesTextAsIs()
    {
        var output = new StringWriter();
        NpsCsv.WriteTallies(output, [new("=1+1", NpsTally.FromScores([9]))], options: new CsvWriteOptions { EscapeFormulas = false });
        Assert.StartsWith("=1+1,", output.ToString().Split('\n')[1]);
    }

    [Fact]
    public void WriteTallies_ReadBackByAnotherParser_RoundTripsCounts()
    {
        var output = new StringWriter();
        NpsCsv.WriteTallies(output, [new("North;\"quoted\"", NpsTally.FromScores([9, 9, 1])), new("South", NpsTally.FromScores([7]))], options: new CsvWriteOptions { Delimiter = ';' });
        var rows = output.ToString().Trim().Split('\n');
        Assert.Equal(3, rows.Length);
        Assert.StartsWith("\"North;\"\"quoted\"\"\";3;2;0;1;", rows[1]);
    }
}
