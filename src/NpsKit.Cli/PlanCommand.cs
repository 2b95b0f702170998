using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Csv;
using NpsKit.Eligibility;

namespace NpsKit.Cli;

/// <summary><c>nps plan</c>: a B2B rotation plan from <see cref="RotationPlanner"/>: which accounts to ask in which month,
/// with revenue coverage, respecting rest periods and exclusions.</summary>
internal static class PlanCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("accounts") { Description = "The accounts CSV: account id, and optionally revenue, tier (A/B/C), excluded, last surveyed month." };
        Option<string?> history = new("--history") { Description = "The contact history CSV: an account's latest invitation or response counts as its last survey (needs an account_id column, or --contacts)." };
        Option<string?> contacts = new("--contacts") { Description = "The contacts CSV, to map history to accounts when the history has no account column." };
        Option<int?> months = new("--months") { Description = "The cycle's length in months (1-120)." };
        Option<int?> perMonth = new("--per-month") { Description = "How many accounts to ask per month; with --months, the most per month." };
        Option<string?> start = new("--start") { Description = "The first month, e.g. 2027-01. Default: the month after the latest survey in the history or accounts file." };
        Option<int> rest = new("--rest-months")
        {
            Description = "Months an account rests after it was last surveyed before it is asked again.",
            DefaultValueFactory = _ => 0,
        };
        Option<ulong> seed = new("--seed")
        {
            Description = "The seed that breaks ties deterministically.",
            DefaultValueFactory = _ => 0UL,
        };
        Option<string?> asOf = new("--as-of") { Description = "The month the plan is made in, e.g. 2027-04: months before it are past, so no account is placed in them. Default: the first month." };
        Option<string?> cadence = new("--cadence") { Description = "Months between asks per tier, e.g. A=3,B=6,C=12 (key accounts every quarter); needs --months, which each cadence must divide. Tiers not named: once per cycle." };
        Option<string> format = CommonOptions.Format("The output format (csv: one row per account).", "table", "csv", "json", "markdown");
        Option<string?> timeZone = CommonOptions.RecordTimeZone();
        Option<bool> lenient = CommonOptions.Lenient();

        Command command = new("plan", "A B2B rotation plan: every account asked once per cycle, revenue spread evenly over the months, rest periods and exclusions respected.")
        {
            file, history, contacts, months, perMonth, start, rest, seed, asOf, cadence, format, timeZone, lenient,
        };

        command.SetAction(parse =>
        {
            string path = parse.GetRequiredValue(file);
            int? cycle = parse.GetValue(months);
            int? quota = parse.GetValue(perMonth);
            if (cycle is null && quota is null)
            {
                throw new UsageException("Give --months (the cycle's length), --per-month (accounts per month), or both.");
            }

            CsvReadOptions read = Input.ReadOptions(parse.GetValue(timeZone), parse.GetValue(lenient), context);
            var files = new ContactCsvOptions { Read = read };
            var reports = new List<IngestReport>();
            AccountCsvResult accounts = Input.Read(context, path, p => ContactCsv.ReadAccounts(p, files), r => r.Report, reports);
            var last = accounts.Accounts.Where(a => a.LastSurveyedMonth is not null).ToDictionary(a => a.Id, a => a.LastSurveyedMonth!.Value, StringComparer.Ordinal);
            if (parse.GetValue(history) is { } historyPath)
            {
                ContactHistoryCsvResult past = Input.Read(context, historyPath, p => ContactCsv.ReadHistory(p, files), r => r.Report, reports);
                IReadOnlyList<Contact> people = [];
                if (!past.Report.Columns.ContainsKey("account"))
                {
                    string contactsPath = parse.GetValue(contacts)
                        ?? throw new UsageException($"{historyPath} has no account column: give --contacts so history can be mapped to accounts.");
                    people = Input.Read(context, contactsPath, p => ContactCsv.ReadContacts(p, files), r => r.Report, reports).Contacts;
                }

                foreach ((string account, ContactHistory events) in past.AccountHistories(people))
                {
                    if (events.Events.Where(e => e.Kind is ContactEventKind.Invitation or ContactEventKind.Response).Select(e => e.At.UtcDateTime).DefaultIfEmpty().Max() is { } latest && latest != default)
                    {
                        var month = new DateOnly(latest.Year, latest.Month, 1);
                        if (!last.TryGetValue(account, out DateOnly known) || month > known)
                        {
                            last[account] = month;
                        }
                    }
                }
            }

            DateOnly first = parse.GetValue(start) is { } startText
                ? Month(startText)
                : last.Count > 0
                    ? last.Values.Max().AddMonths(1)
                    : throw new UsageException("--start is required when neither the accounts nor a history say when accounts were last surveyed: e.g. --start 2027-01.");

            int active = accounts.Accounts.Count(a => !a.Excluded);
            if (cycle is int m && quota is int q && (long)m * q < active)
            {
                throw new UsageException(string.Create(Invariant, $"--months {m} with --per-month {q} plans at most {(long)m * q} accounts, but {path} has {active} active accounts: raise one of them."));
            }

            var options = new RotationOptions
            {
                Start = first,
                CycleMonths = cycle,
                MonthlyQuota = cycle is null ? quota : null,
                RestMonths = parse.GetValue(rest),
                Seed = parse.GetValue(seed),
                AsOf = parse.GetValue(asOf) is { } asOfText ? Month(asOfText) : null,
                CadenceMonths = parse.GetValue(cadence) is { } cadenceText ? Cadence(cadenceText) : new Dictionary<AccountTier, int>(),
            };
            Usage.Check(options.Validate);
            RotationAccount[] withHistory = [.. accounts.Accounts.Select(a => last.TryGetValue(a.Id, out DateOnly month) ? a with { LastSurveyedMonth = month } : a)];
            RotationPlan plan = RotationPlanner.Plan(withHistory, options);
            Dictionary<string, RotationAccount> byId = withHistory.ToDictionary(a => a.Id, StringComparer.Ordinal);

            string outputFormat = parse.GetRequiredValue(format);
            switch (outputFormat)
            {
                case "json":
                    WriteJson(context.Out, plan, byId);
                    break;
                case "csv":
                    var rows = plan.Assignments.Select(a => new[]
                    {
                        a.Month.ToString("yyyy-MM", Invariant),
                        a.AccountId,
                        byId[a.AccountId].Tier == AccountTier.None ? string.Empty : byId[a.AccountId].Tier.ToString(),
                        byId[a.AccountId].Revenue.ToString(Invariant),
                        byId[a.AccountId].LastSurveyedMonth?.ToString("yyyy-MM", Invariant) ?? string.Empty,
                    }).ToList();
                    new Table(["month", "account_id", "tier", "revenue", "last_surveyed"], rows, new HashSet<int>()).Write(context.Out, "csv", TableLayout.Unlimited);
                    break;
                default:
                    WriteText(context.Out, plan, outputFormat, context.TableLayout(parse));
                    break;
            }

            Input.WriteBadRowSummary(context, reports);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static DateOnly Month(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM", Invariant, DateTimeStyles.None, out DateOnly month)
            ? month
            : throw new UsageException($"--start {text} is not a month: use yyyy-MM, e.g. 2027-01.");

    /// <summary>Reads <c>A=3,B=6,C=12</c>.</summary>
    private static Dictionary<AccountTier, int> Cadence(string text)
    {
        var map = new Dictionary<AccountTier, int>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string[] kv = part.Split('=', StringSplitOptions.TrimEntries);
            if (kv.Length != 2 || !Enum.TryParse(kv[0], ignoreCase: true, out AccountTier tier) || tier == AccountTier.None
                || !int.TryParse(kv[1], NumberStyles.None, Invariant, out int every) || !map.TryAdd(tier, every))
            {
                throw new UsageException($"--cadence '{text}': expected tier=months pairs once per tier, e.g. A=3,B=6,C=12 (tiers A, B, C).");
            }
        }

        return map;
    }

    private static void WriteText(TextWriter output, RotationPlan plan, string format, TableLayout layout)
    {
        output.WriteLine(string.Create(Invariant, $"Rotation plan: {plan.Assignments.Count} accounts over {plan.CycleMonths} months from {plan.Options.Start:yyyy-MM}{(plan.Options.RestMonths > 0 ? $", {plan.Options.RestMonths}-month rest" : string.Empty)}."));
        output.WriteLine();
        var rows = plan.Months.Select(m => new[]
        {
            m.Month.ToString("yyyy-MM", Invariant),
            m.AccountIds.Count.ToString(Invariant),
            m.Revenue.ToString("N0", Invariant),
            Words.Percent(m.RevenueShare),
            Words.Percent(m.CumulativeRevenueShare),
            string.Join(" ", m.AccountIds),
        }).ToList();
        new Table(["month", "accounts", "revenue", "share", "cumulative", "account ids"], rows, new HashSet<int> { 1, 2, 3, 4 }).Write(output, format, layout);
        if (plan.Excluded.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Excluded ({plan.Excluded.Count}): {string.Join(" ", plan.Excluded)}");
        }

        if (plan.Unscheduled.Count > 0)
        {
            output.WriteLine();
            output.WriteLine($"Not scheduled this cycle ({plan.Unscheduled.Count}):");
            foreach ((string account, string reason) in plan.Unscheduled)
            {
                output.WriteLine($"{(format == "markdown" ? "- " : "  ")}{account}: {reason}");
            }
        }
    }

    private static void WriteJson(TextWriter output, RotationPlan plan, Dictionary<string, RotationAccount> accounts)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("start", plan.Options.Start.ToString("yyyy-MM", Invariant));
            json.WriteNumber("cycleMonths", plan.CycleMonths);
            json.WriteNumber("restMonths", plan.Options.RestMonths);
            json.WriteStartArray("months");
            foreach (RotationMonth month in plan.Months)
            {
                json.WriteStartObject();
                json.WriteString("month", month.Month.ToString("yyyy-MM", Invariant));
                json.WriteNumber("revenue", month.Revenue);
                json.WriteNumber("revenueShare", month.RevenueShare);
                json.WriteNumber("cumulativeRevenueShare", month.CumulativeRevenueShare);
                json.WriteStartArray("accounts");
                foreach (string id in month.AccountIds)
                {
                    json.WriteStartObject();
                    json.WriteString("id", id);
                    json.WriteString("tier", accounts[id].Tier.ToString());
                    json.WriteNumber("revenue", accounts[id].Revenue);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("excluded");
            foreach (string id in plan.Excluded)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteStartObject("unscheduled");
            foreach ((string id, string reason) in plan.Unscheduled)
            {
                json.WriteString(id, reason);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }
}
