using System.Text.Json;
using NpsKit.Csv;

namespace NpsKit.Cli.Tests;

public class PlanCommandTests
{
    private static readonly string Accounts = CliRunner.Sample("accounts.csv");

    [Fact]
    public void Plan_SampleData_SchedulesEveryActiveAccountOnce()
    {
        CliResult result = CliRunner.Run("plan", Accounts, "--history", CliRunner.Sample("contact-history.csv"), "--months", "12", "--per-month", "10", "--start", "2027-01", "--format", "json");

        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Out);
        Assert.Equal("2027-01", doc.RootElement.GetProperty("start").GetString());
        var months = doc.RootElement.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        string[] scheduled = [.. months.SelectMany(m => m.GetProperty("accounts").EnumerateArray().Select(a => a.GetProperty("id").GetString()!))];
        var file = ContactCsv.ReadAccounts(Accounts);
        Assert.Equal(file.Accounts.Where(a => !a.Excluded).Select(a => a.Id).Order(), scheduled.Order());
        Assert.Equal(file.Accounts.Where(a => a.Excluded).Select(a => a.Id), doc.RootElement.GetProperty("excluded").EnumerateArray().Select(e => e.GetString()));
        Assert.All(months, m => Assert.InRange(m.GetProperty("accounts").GetArrayLength(), 1, 10));
        Assert.Equal(1.0, months[^1].GetProperty("cumulativeRevenueShare").GetDouble(), 9);
    }

    [Fact]
    public void Plan_Table_DefaultsTheStartToTheMonthAfterTheLatestSurvey()
    {
        CliResult result = CliRunner.Run("plan", Accounts, "--history", CliRunner.Sample("contact-history.csv"), "--per-month", "10");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.StartsWith("Rotation plan: 96 accounts over 10 months from 2026-12", result.OutLines[0], StringComparison.Ordinal);
        Assert.Contains(result.OutLines, l => l.StartsWith("Excluded (4):", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_FormatCsv_OneRowPerAccount()
    {
        CliResult result = CliRunner.Run("plan", Accounts, "--months", "12", "--start", "2027-01", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Equal("month,account_id,tier,revenue,last_surveyed", result.OutLines[0]);
        Assert.Equal(96, result.OutLines.Length - 1);
    }

    [Fact]
    public void Plan_TooFewSlots_IsAUsageErrorWithTheNumbers()
    {
        CliResult result = CliRunner.Run("plan", Accounts, "--months", "6", "--per-month", "10", "--start", "2027-01");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("at most 60 accounts", result.Error, StringComparison.Ordinal);
        Assert.Contains("96 active accounts", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_NeitherMonthsNorPerMonth_IsAUsageError()
    {
        CliResult result = CliRunner.Run("plan", Accounts, "--start", "2027-01");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
    }

    [Fact]
    public void Plan_HistoryWithoutAccountColumn_NeedsContactsToMapIt()
    {
        string history = CliRunner.TempCsv("contact_id,kind,at,survey", "C00001,invitation,2026-10-01T10:00:00Z,relationship");
        CliResult without = CliRunner.Run("plan", Accounts, "--history", history, "--months", "12");
        Assert.Equal(ExitCodes.Usage, without.ExitCode);
        Assert.Contains("--contacts", without.Error, StringComparison.Ordinal);

        // C00001 belongs to A083 (last surveyed 2026-09 in accounts.csv): its October invitation makes it 2026-10.
        CliResult with = CliRunner.Run("plan", Accounts, "--history", history, "--contacts", CliRunner.Sample("contacts.csv"), "--months", "12", "--format", "csv");
        Assert.Equal(ExitCodes.Ok, with.ExitCode);
        Assert.Contains(with.OutLines, l => l.Contains(",A083,", StringComparison.Ordinal) && l.EndsWith(",2026-10", StringComparison.Ordinal));
    }

    [Fact]
    public void Plan_BadStart_IsAUsageError()
    {
        CliResult result = CliRunner.Run("plan", Accounts, "--months", "12", "--start", "January");
        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("yyyy-MM", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_BadAccountRow_NamesFileLineAndColumn()
    {
        string path = CliRunner.TempCsv("account_id,tier,revenue", "A1,A,100", "A2,Z,100");
        CliResult result = CliRunner.Run("plan", path, "--months", "2", "--start", "2027-01");
        Assert.Equal(ExitCodes.BadInput, result.ExitCode);
        Assert.Contains($"{Path.GetFileName(path)} line 3, column 'tier'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_OnATerminal_ShowsRowsAndRateWhileReading()
    {
        CliResult result = CliRunner.RunWith(true, "report", CliRunner.SampleData, "--format", "csv");
        Assert.Equal(ExitCodes.Ok, result.ExitCode);
        Assert.Contains("\rReading responses.csv: 16,384 rows (", result.Error, StringComparison.Ordinal);
        Assert.Contains(" rows/s, ", result.Error, StringComparison.Ordinal);

        CliResult quiet = CliRunner.Run("plan", Accounts, "--months", "12", "--start", "2027-01");
        Assert.Equal(string.Empty, quiet.Error);
    }
}
