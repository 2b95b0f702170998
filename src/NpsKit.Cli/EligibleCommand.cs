using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Csv;
using NpsKit.Eligibility;
using NpsKit.Serialization;

namespace NpsKit.Cli;

/// <summary><c>nps eligible</c>: contacts + history + policy file → a decision per contact with reasons and the next
/// eligible time, and a summary by outcome and rule.</summary>
internal static class EligibleCommand
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly Dictionary<string, ContactChannel> Channels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["email"] = ContactChannel.Email,
        ["sms"] = ContactChannel.Sms,
        ["phone"] = ContactChannel.Phone,
        ["inapp"] = ContactChannel.InApp,
    };

    /// <summary>Creates the command bound to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        Argument<string> file = new("contacts") { Description = "The contacts CSV: contact id, and optionally account id, email, phone, time zone, opt-outs, do-not-contact, first seen, attributes." };
        Option<string?> history = new("--history") { Description = "The contact history CSV: contact id, kind (invitation, reminder, response, transaction), time, survey (a transaction's type), channel, optionally account id. Required when the policy has rest periods or caps: without it they would pass for lack of data." };
        Option<string> policy = new("--policy") { Description = "The eligibility policy file (JSON, format npskit.eligibilityPolicy; see docs/eligibility.md).", Required = true };
        Option<string> survey = new("--survey") { Description = "The survey to invite to; the policy's rules for it apply.", Required = true };
        Option<string?> at = new("--at") { Description = "The decision instant, ISO 8601 with an offset, e.g. 2026-11-24T09:00:00Z. History after it is ignored (a what-if as of then)." };
        Option<string> channel = new("--channel")
        {
            Description = "The channel the invitation would travel by.",
            DefaultValueFactory = _ => "email",
        };
        channel.AcceptOnly([.. Channels.Keys]);
        Option<string> format = CommonOptions.Format("The output format.", "table", "csv", "json", "markdown");
        Option<string?> timeZone = CommonOptions.RecordTimeZone();
        Option<bool> lenient = CommonOptions.Lenient();
        Option<string?> priority = new("--priority")
        {
            Description = "Decide contacts in order of this contact attribute, highest first (numbers compare as numbers; contacts without it last; ties in file order), so that capped slots (one per account…) go to them first. Default: file order.",
        };

        Command command = new("eligible", "Who may be invited to a survey now: a decision per contact (eligible, deferred until a time, or blocked) with every reason, and a summary.")
        {
            file, history, policy, survey, at, channel, format, timeZone, lenient, priority,
        };

        command.SetAction(parse =>
        {
            string contactsPath = parse.GetRequiredValue(file);
            string policyPath = parse.GetRequiredValue(policy);
            string surveyId = parse.GetRequiredValue(survey);
            if (surveyId.Length == 0)
            {
                throw new UsageException("--survey is empty: name the survey, e.g. --survey relationship.");
            }

            DateTimeOffset now = Instant(parse.GetValue(at), context.Clock);
            CsvReadOptions read = Input.ReadOptions(parse.GetValue(timeZone), parse.GetValue(lenient), context);
            EligibilityPolicy rules = ReadPolicy(policyPath);
            var files = new ContactCsvOptions { Read = read };
            var reports = new List<IngestReport>();
            ContactCsvResult contacts = Input.Read(context, contactsPath, p => ContactCsv.ReadContacts(p, files), r => r.Report, reports);
            ContactHistoryCsvResult? past = parse.GetValue(history) is { } historyPath
                ? Input.Read(context, historyPath, p => ContactCsv.ReadHistory(p, files), r => r.Report, reports)
                : null;

            WarnWhenUnknown(context, parse, surveyId, rules, past);
            if (past is null && rules.Rules.FirstOrDefault(r => r is MinimumGapRule or RollingWindowCapRule or AccountCapRule) is { } needsHistory)
            {
                throw new UsageException($"The policy's rule '{needsHistory.Name}' needs the contact history, but no --history was given: give the history file (a header line alone for contacts never invited). Deciding without it would let the rule pass for lack of data.");
            }

            int ignored = 0;
            ContactHistory AsOf(ContactHistory h)
            {
                if (!h.TryGetLatest(out DateTimeOffset latest) || latest <= now)
                {
                    return h;
                }

                ContactEvent[] kept = [.. h.Events.Where(e => e.At <= now)];
                ignored += h.Count - kept.Length;
                return ContactHistory.From(kept);
            }

            IReadOnlyDictionary<string, ContactHistory> accounts = past?.AccountHistories(contacts.Contacts) ?? new Dictionary<string, ContactHistory>();
            var trigger = new SurveyTrigger(surveyId, now, Channels[parse.GetRequiredValue(channel)]);
            var requests = new List<EligibilityRequest>(contacts.Contacts.Count);
            var accountAsOf = new Dictionary<string, ContactHistory>(StringComparer.Ordinal);
            foreach (Contact contact in contacts.Contacts)
            {
                ContactHistory? account = null;
                if (contact.AccountId is { } accountId && accounts.TryGetValue(accountId, out ContactHistory? all))
                {
                    if (!accountAsOf.TryGetValue(accountId, out account))
                    {
                        int before = ignored;
                        accountAsOf[accountId] = account = AsOf(all);
                        ignored = before; // count each entry once: as the contact's
                    }
                }
                else if (contact.AccountId is not null && past is not null)
                {
                    account = ContactHistory.Empty; // the history file is the whole history: an account it does not name was never invited
                }

                requests.Add(new EligibilityRequest(contact, AsOf(past?.HistoryOf(contact.Id) ?? ContactHistory.Empty), trigger, account));
            }

            if (ignored > 0)
            {
                context.Error.WriteLine(string.Create(Invariant, $"nps: ignored {ignored:N0} history entries after --at {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} (deciding as of then)."));
            }

            var batchOptions = new EligibilityBatchOptions
            {
                Order = parse.GetValue(priority) is { Length: > 0 } attribute ? EligibilityOrder.ByAttribute(attribute) : EligibilityOrder.InputOrder,
            };
            EligibilityDecision[] decisions;
            EligibilitySummary summary;
            try
            {
                decisions = [.. rules.DecideMany(requests, now, batchOptions)];
                summary = rules.Summarize(requests, now, batchOptions);
            }
            catch (ArgumentException e) when (e.ParamName is "request" or "requests")
            {
                // A contact lacking data a rule needs (a time zone for a calendar window in the contact's zone): the
                // engine names the contact and the rule and fails closed; say it as bad input, in the files' terms.
                throw new NpsDataException(
                    $"{Path.GetFileName(contactsPath)}: {CliWords.Describe(e)} In these files a contact's zone is the time_zone column of {Path.GetFileName(contactsPath)}, and a rule's company zone is its \"zone\" in {Path.GetFileName(policyPath)}.",
                    e);
            }

            string outputFormat = parse.GetRequiredValue(format);
            Dictionary<string, Contact> byId = contacts.Contacts.ToDictionary(c => c.Id, StringComparer.Ordinal);
            if (outputFormat == "json")
            {
                WriteJson(context.Out, surveyId, now, decisions, byId, summary);
            }
            else
            {
                Table table = ToTable(decisions, byId);
                table.Write(context.Out, outputFormat, context.TableLayout(parse));
                TextWriter summaryOut = outputFormat == "csv" ? context.Error : context.Out;
                summaryOut.WriteLine();
                WriteSummary(summaryOut, surveyId, now, summary, outputFormat == "markdown");
            }

            Input.WriteBadRowSummary(context, reports);
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>Reads <c>--at</c>, or the clock when it is left out and the program was given one.</summary>
    internal static DateTimeOffset Instant(string? text, TimeProvider? clock)
    {
        if (text is null)
        {
            return clock?.GetUtcNow() ?? throw new UsageException("--at is required: give the decision instant with its offset, e.g. --at 2026-11-24T09:00:00Z.");
        }

        if (DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"], Invariant, DateTimeStyles.None, out DateTimeOffset instant)
            && (text.EndsWith('Z') || text.Contains('+', StringComparison.Ordinal) || text.LastIndexOf('-') > 10))
        {
            return instant;
        }

        throw new UsageException($"--at {text} is not an instant: use ISO 8601 with a UTC offset, e.g. 2026-11-24T09:00:00Z or 2026-11-24T10:00:00+01:00.");
    }

    private static EligibilityPolicy ReadPolicy(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: file not found.", path);
        }

        try
        {
            return NpsJson.DeserializeEligibilityPolicy(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new NpsDataException($"{path}: {e.Message}", e);
        }
    }

    private static string When(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", Invariant);

    private static Table ToTable(EligibilityDecision[] decisions, Dictionary<string, Contact> contacts)
    {
        var rows = new List<string[]>(decisions.Length);
        foreach (EligibilityDecision d in decisions)
        {
            string next = d.TryGetNextEligibleAt(out DateTimeOffset at) ? When(at) : "never (this trigger)";
            string reasons = string.Join(" ", d.Findings.Select(f => $"{f.RuleName}: {f.Reason}"));
            rows.Add([d.ContactId, contacts[d.ContactId].AccountId ?? string.Empty, d.Outcome.ToString().ToLowerInvariant(), next, reasons]);
        }

        return new Table(["contact", "account", "outcome", "next eligible", "reasons"], rows, new HashSet<int>());
    }

    /// <summary>Warns (fails under --strict) when neither the policy nor the history names <paramref name="survey"/>:
    /// then only the policy's global rules apply and no rest period counts an earlier send of it — most likely a typo.</summary>
    private static void WarnWhenUnknown(CliContext context, ParseResult parse, string survey, EligibilityPolicy policy, ContactHistoryCsvResult? history)
    {
        var known = new SortedSet<string>(StringComparer.Ordinal);
        known.UnionWith(policy.Groups.SelectMany(g => g.SurveyIds));
        known.UnionWith(policy.Rules.Where(r => r.Scope.Kind == RuleScopeKind.Survey && r.Scope.Target is not null).Select(r => r.Scope.Target!));
        if (history is not null)
        {
            known.UnionWith(history.ByContact.Values.SelectMany(h => h.Events).Select(e => e.SurveyId).Where(id => id.Length > 0));
        }

        if (known.Contains(survey))
        {
            return;
        }

        string names = known.Count == 0 ? "none" : string.Join(", ", known.Take(20)) + (known.Count > 20 ? $" (and {known.Count - 20} more)" : string.Empty);
        string? close = known.Select(k => (Name: k, Distance: CliWords.Distance(survey.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(1, Math.Min(2, c.Name.Length / 3))).OrderBy(c => c.Distance).Select(c => c.Name).FirstOrDefault();
        context.MatchesNothing(parse, $"--survey {survey} matches nothing: the policy names no such survey and "
            + (history is null ? "no --history was given" : "the history has no event of it")
            + $", so only the policy's global rules apply to it. Surveys known: {names}." + (close is null ? string.Empty : $" Did you mean '{close}'?"));
    }

    private static void WriteSummary(TextWriter output, string survey, DateTimeOffset now, EligibilitySummary summary, bool markdown)
    {
        string bullet = markdown ? "- " : "  ";
        output.WriteLine(string.Create(Invariant, $"Survey '{survey}' at {When(now)}: {summary.Total:N0} contacts: {summary.Eligible:N0} eligible, {summary.Deferred:N0} deferred, {summary.Blocked:N0} blocked (excluded for this trigger)."));
        foreach ((string title, IReadOnlyDictionary<string, long> byRule) in new[] { ("Blocked by rule", summary.BlockedByRule), ("Deferred by rule", summary.DeferredByRule) })
        {
            if (byRule.Count == 0)
            {
                continue;
            }

            output.WriteLine($"{title} (a contact can be held by several rules):");
            foreach ((string rule, long count) in byRule.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                output.WriteLine(string.Create(Invariant, $"{bullet}{rule}: {count:N0}"));
            }
        }
    }

    private static void WriteJson(TextWriter output, string survey, DateTimeOffset now, EligibilityDecision[] decisions, Dictionary<string, Contact> contacts, EligibilitySummary summary)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("survey", survey);
            json.WriteString("at", now);
            json.WriteStartObject("summary");
            json.WriteNumber("contacts", summary.Total);
            json.WriteNumber("eligible", summary.Eligible);
            json.WriteNumber("deferred", summary.Deferred);
            json.WriteNumber("blocked", summary.Blocked);
            WriteCounts(json, "blockedByRule", summary.BlockedByRule);
            WriteCounts(json, "deferredByRule", summary.DeferredByRule);
            json.WriteEndObject();
            json.WriteStartArray("decisions");
            foreach (EligibilityDecision d in decisions)
            {
                json.WriteStartObject();
                json.WriteString("contact", d.ContactId);
                if (contacts[d.ContactId].AccountId is { } account)
                {
                    json.WriteString("account", account);
                }

                json.WriteString("outcome", d.Outcome.ToString());
                if (d.TryGetNextEligibleAt(out DateTimeOffset next))
                {
                    json.WriteString("nextEligibleAt", next.ToUniversalTime());
                }
                else
                {
                    json.WriteNull("nextEligibleAt");
                }

                json.WriteStartArray("findings");
                foreach (EligibilityFinding f in d.Findings)
                {
                    json.WriteStartObject();
                    json.WriteString("rule", f.RuleName);
                    json.WriteString("effect", f.Effect.ToString());
                    if (f.Until is { } until)
                    {
                        json.WriteString("until", until);
                    }

                    json.WriteString("reason", f.Reason);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(stream.ToArray()));
    }

    private static void WriteCounts(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, long> counts)
    {
        json.WriteStartObject(name);
        foreach ((string rule, long count) in counts.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            json.WriteNumber(rule, count);
        }

        json.WriteEndObject();
    }
}
