using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Eligibility;

namespace NpsKit.Serialization;

/// <summary>
/// Reads and writes <see cref="EligibilityPolicy"/> as the versioned policy file format <c>npskit.eligibilityPolicy</c>
/// (docs/eligibility.md, "Policy files"): precedence, survey groups and every rule kind of the engine, durations as
/// ISO 8601 durations of fixed length (<c>P182D</c>, <c>PT12H</c>, <c>P2W</c>) and, from version 2, calendar months
/// (<c>P6M</c>) in rest periods and calendar windows (<c>calendarQuarter</c>) in caps.
/// </summary>
/// <remarks>
/// Reading is strict: every error is a <see cref="JsonException"/> that names the JSON path (e.g. <c>$.rules[2].gap</c>),
/// what was found and what is allowed. Version 1 files are read with their version 1 meaning (months and years
/// rejected: a month is 28 to 31 days); version 2 is written. Thread-safe.
/// </remarks>
internal static class EligibilityPolicyJson
{
    internal const string FormatName = "npskit.eligibilityPolicy";

    /// <summary>The version written: 2 adds calendar months and years in rest periods, "more than" boundaries, the
    /// transaction clocks, calendar cap windows, company zones, per-channel account caps, and quiet hours without a
    /// fallback zone. Version 1 files are still read, with their meaning: a version 1 quiet-hours rule without a
    /// fallback zone falls back to UTC, as version 1 did (now reported in each decision that uses it).</summary>
    internal const int PolicyVersion = 2;

    private const string RuleKinds = "consent, minimumGap, rollingWindowCap, accountCap, triggerTiming, minimumTenure, quietHours, attributeValue, attributeAtLeast";

    internal static void Write(Utf8JsonWriter w, EligibilityPolicy policy)
    {
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", PolicyVersion);
        w.WriteString("precedence", policy.Precedence.ToString());
        w.WriteStartArray("groups");
        foreach (SurveyGroup group in policy.Groups)
        {
            w.WriteStartObject();
            w.WriteString("name", group.Name);
            w.WriteStartArray("surveys");
            foreach (string survey in group.SurveyIds)
            {
                w.WriteStringValue(survey);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rules");
        foreach (EligibilityRule rule in policy.Rules)
        {
            WriteRule(w, rule);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter w, EligibilityRule rule)
    {
        w.WriteStartObject();
        switch (rule)
        {
            case ConsentRule:
                w.WriteString("kind", "consent");
                break;
            case MinimumGapRule gap:
                w.WriteString("kind", "minimumGap");
                w.WriteString("gap", FormatPeriod(gap.Period));
                w.WriteString("clock", gap.Clock.ToString());
                w.WriteString("boundary", gap.Boundary.ToString());
                w.WriteString("match", gap.Match.ToString());
                w.WriteBoolean("countReminders", gap.CountReminders);
                WriteZone(w, gap.TimeZone);
                break;
            case RollingWindowCapRule cap:
                w.WriteString("kind", "rollingWindowCap");
                w.WriteNumber("maxInvitations", cap.MaxInvitations);
                w.WriteString("window", FormatWindow(cap.Window));
                w.WriteString("match", cap.Match.ToString());
                w.WriteBoolean("countReminders", cap.CountReminders);
                WriteZone(w, cap.TimeZone);
                break;
            case AccountCapRule account:
                w.WriteString("kind", "accountCap");
                w.WriteNumber("maxInvitations", account.MaxInvitations);
                w.WriteString("window", FormatWindow(account.Window));
                w.WriteString("match", account.Match.ToString());
                w.WriteBoolean("countReminders", account.CountReminders);
                WriteZone(w, account.TimeZone);
                break;
            case TriggerTimingRule timing:
                w.WriteString("kind", "triggerTiming");
                w.WriteString("delay", FormatDuration(timing.Delay));
                if (timing.Expiry is TimeSpan expiry)
                {
                    w.WriteString("expiry", FormatDuration(expiry));
                }

                break;
            case MinimumTenureRule tenure:
                w.WriteString("kind", "minimumTenure");
                w.WriteString("tenure", FormatDuration(tenure.Tenure));
                break;
            case QuietHoursRule quiet:
                w.WriteString("kind", "quietHours");
                w.WriteString("from", quiet.QuietFrom.ToString(quiet.QuietFrom.Second == 0 && quiet.QuietFrom.Millisecond == 0 ? "HH:mm" : "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                w.WriteString("until", quiet.QuietUntil.ToString(quiet.QuietUntil.Second == 0 && quiet.QuietUntil.Millisecond == 0 ? "HH:mm" : "HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                w.WriteStartArray("days");
                foreach (DayOfWeek day in quiet.QuietDays)
                {
                    w.WriteStringValue(day.ToString());
                }

                w.WriteEndArray();
                if (quiet.FallbackTimeZone is { } fallback)
                {
                    w.WriteString("fallbackTimeZone", fallback.Id);
                }

                break;
            case AttributeRule { Spec: { Allowed: { } allowed } spec }:
                w.WriteString("kind", "attributeValue");
                w.WriteString("attribute", spec.Attribute);
                w.WriteStartArray("allowed");
                foreach (string value in allowed)
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
                break;
            case AttributeRule { Spec: { Minimum: double minimum } spec }:
                w.WriteString("kind", "attributeAtLeast");
                w.WriteString("attribute", spec.Attribute);
                w.WriteNumber("minimum", minimum);
                break;
            default:
                throw new ArgumentException(
                    $"Rule '{rule.Name}' ({rule.GetType().Name}) cannot be written to a policy file: only rules the format describes can be (an AttributeRule made with FromPredicate holds code; use AttributeRule.RequireValue or RequireAtLeast).",
                    nameof(rule));
        }

        w.WriteString("name", rule.Name);
        switch (rule.Scope.Kind)
        {
            case RuleScopeKind.Group:
                w.WriteStartObject("scope");
                w.WriteString("group", rule.Scope.Target);
                w.WriteEndObject();
                break;
            case RuleScopeKind.Survey:
                w.WriteStartObject("scope");
                w.WriteString("survey", rule.Scope.Target);
                w.WriteEndObject();
                break;
        }

        w.WriteEndObject();
    }

    internal static EligibilityPolicy Read(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new JsonException($"The policy is not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            return ReadPolicy(document.RootElement);
        }
    }

    private static EligibilityPolicy ReadPolicy(JsonElement root)
    {
        var o = new Obj(root, "$", "a policy");
        o.Allow("format", "version", "precedence", "groups", "rules");
        if (o.TryGet("format", out JsonElement format) && (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName))
        {
            throw Error("$.format", $"is {Show(format)}", $"\"{FormatName}\" (or leave it out)");
        }

        JsonElement version = o.Required("version", $"the format version: 1 or {PolicyVersion}");
        if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out int v) || v is < 1 or > PolicyVersion)
        {
            throw Error("$.version", $"is {Show(version)}", $"1 or {PolicyVersion} (this library reads versions 1 to {PolicyVersion})");
        }

        RulePrecedence precedence = o.TryGet("precedence", out JsonElement p)
            ? ReadEnum<RulePrecedence>(p, "$.precedence")
            : RulePrecedence.MostSpecificWins;

        var groups = new List<SurveyGroup>();
        if (o.TryGet("groups", out JsonElement groupArray))
        {
            int i = 0;
            foreach (JsonElement g in Array(groupArray, "$.groups", "an array of {\"name\": …, \"surveys\": […]}"))
            {
                string path = $"$.groups[{i++}]";
                var go = new Obj(g, path, "a survey group");
                go.Allow("name", "surveys");
                string name = ReadString(go.Required("name", "the group's name"), path + ".name");
                string[] surveys = Array(go.Required("surveys", "the group's survey ids"), path + ".surveys", "an array of survey ids")
                    .Select((s, k) => ReadString(s, $"{path}.surveys[{k}]"))
                    .ToArray();
                groups.Add(Build(path, () => SurveyGroup.From(name, surveys)));
            }
        }

        var rules = new List<EligibilityRule>();
        int r = 0;
        foreach (JsonElement rule in Array(o.Required("rules", "the policy's rules"), "$.rules", "an array of rules"))
        {
            rules.Add(ReadRule(rule, $"$.rules[{r++}]", v));
        }

        return Build("$", () => EligibilityPolicy.From(precedence, rules, groups));
    }

    private static EligibilityRule ReadRule(JsonElement element, string path, int version)
    {
        bool v2 = version >= 2;
        var o = new Obj(element, path, "a rule");
        string kind = ReadString(o.Required("kind", RuleKinds), path + ".kind");
        string? name = o.TryGet("name", out JsonElement n) ? ReadString(n, path + ".name") : null;
        RuleScope scope = o.TryGet("scope", out JsonElement s) ? ReadScope(s, path + ".scope") : RuleScope.Global;
        switch (kind)
        {
            case "consent":
                o.Allow("kind", "name", "scope");
                return Build(path, () => new ConsentRule(scope, name));
            case "minimumGap":
            {
                Allow(o, v2, ["kind", "name", "scope", "gap", "clock", "match", "countReminders"], ["boundary", "zone"]);
                RestPeriod gap = v2
                    ? ReadPeriod(o.Required("gap", "a duration such as \"P6M\" (6 calendar months) or \"P182D\""), path + ".gap")
                    : ReadDuration(o.Required("gap", "a duration such as \"P182D\""), path + ".gap");
                RestClock clock = o.TryGet("clock", out JsonElement c) ? ReadClock(c, path + ".clock", v2) : RestClock.SinceInvitation;
                GapBoundary boundary = o.TryGet("boundary", out JsonElement b) ? ReadEnum<GapBoundary>(b, path + ".boundary") : GapBoundary.AtLeast;
                HistoryMatch match = ReadMatch(o, path);
                bool reminders = ReadBool(o, "countReminders", path);
                TimeZoneInfo? zone = ReadZone(o, path);
                return Build(path, () => new MinimumGapRule(gap, clock, boundary, match, reminders, zone, scope, name));
            }

            case "rollingWindowCap":
            {
                Allow(o, v2, ["kind", "name", "scope", "maxInvitations", "window", "match", "countReminders"], ["zone"]);
                int max = ReadInt(o.Required("maxInvitations", "a whole number of at least 1"), path + ".maxInvitations");
                CapWindow window = ReadWindow(o.Required("window", "a duration such as \"P365D\""), path + ".window", v2);
                HistoryMatch match = ReadMatch(o, path);
                bool reminders = ReadBool(o, "countReminders", path);
                TimeZoneInfo? zone = ReadZone(o, path);
                return Build(path, () => new RollingWindowCapRule(max, window, match, reminders, scope, name, zone));
            }

            case "accountCap":
            {
                Allow(o, v2, ["kind", "name", "scope", "maxInvitations", "window", "countReminders"], ["match", "zone"]);
                int max = ReadInt(o.Required("maxInvitations", "a whole number of at least 1"), path + ".maxInvitations");
                CapWindow window = ReadWindow(o.Required("window", "a duration such as \"P91D\""), path + ".window", v2);
                bool reminders = ReadBool(o, "countReminders", path);
                HistoryMatch match = ReadMatch(o, path);
                TimeZoneInfo? zone = ReadZone(o, path);
                return Build(path, () => new AccountCapRule(max, window, reminders, scope, name, match, zone));
            }

            case "triggerTiming":
            {
                o.Allow("kind", "name", "scope", "delay", "expiry");
                TimeSpan delay = ReadDuration(o.Required("delay", "a duration such as \"P1D\" (\"PT0S\" for none)"), path + ".delay");
                TimeSpan? expiry = o.TryGet("expiry", out JsonElement e) && e.ValueKind != JsonValueKind.Null ? ReadDuration(e, path + ".expiry") : null;
                return Build(path, () => new TriggerTimingRule(delay, expiry, scope, name));
            }

            case "minimumTenure":
            {
                o.Allow("kind", "name", "scope", "tenure");
                TimeSpan tenure = ReadDuration(o.Required("tenure", "a duration such as \"P30D\""), path + ".tenure");
                return Build(path, () => new MinimumTenureRule(tenure, scope, name));
            }

            case "quietHours":
            {
                o.Allow("kind", "name", "scope", "from", "until", "days", "fallbackTimeZone");
                TimeOnly from = ReadTime(o.Required("from", "a local time such as \"20:00\""), path + ".from");
                TimeOnly until = ReadTime(o.Required("until", "a local time such as \"08:00\""), path + ".until");
                DayOfWeek[] days = o.TryGet("days", out JsonElement d)
                    ? Array(d, path + ".days", "an array of day names").Select((x, k) => ReadEnum<DayOfWeek>(x, $"{path}.days[{k}]")).ToArray()
                    : [];
                TimeZoneInfo? zone = v2 ? null : TimeZoneInfo.Utc; // version 1 meant UTC when no fallback was named
                if (o.TryGet("fallbackTimeZone", out JsonElement z))
                {
                    zone = FindZone(z, path + ".fallbackTimeZone");
                }

                return Build(path, () => new QuietHoursRule(from, until, days, zone, scope, name));
            }

            case "attributeValue":
            {
                o.Allow("kind", "name", "scope", "attribute", "allowed");
                string attribute = ReadString(o.Required("attribute", "the attribute's name"), path + ".attribute");
                string[] allowed = Array(o.Required("allowed", "an array of allowed values"), path + ".allowed", "an array of allowed values")
                    .Select((x, k) => ReadString(x, $"{path}.allowed[{k}]", allowEmpty: true))
                    .ToArray();
                return Build(path, () => Named(AttributeRule.RequireValue(attribute, allowed).WithScope(scope), name));
            }

            case "attributeAtLeast":
            {
                o.Allow("kind", "name", "scope", "attribute", "minimum");
                string attribute = ReadString(o.Required("attribute", "the attribute's name"), path + ".attribute");
                JsonElement m = o.Required("minimum", "a number");
                if (m.ValueKind != JsonValueKind.Number || !m.TryGetDouble(out double minimum) || !double.IsFinite(minimum))
                {
                    throw Error(path + ".minimum", $"is {Show(m)}", "a finite number");
                }

                return Build(path, () => Named(AttributeRule.RequireAtLeast(attribute, minimum).WithScope(scope), name));
            }

            default:
                throw Error(path + ".kind", $"is \"{kind}\"", RuleKinds);
        }
    }

    private static void Allow(Obj o, bool v2, string[] v1Names, string[] v2Names)
    {
        if (v2)
        {
            o.Allow([.. v1Names, .. v2Names]);
            return;
        }

        foreach (string n in v2Names)
        {
            if (o.TryGet(n, out _))
            {
                throw new JsonException($"{o.Path}.{n} needs version {PolicyVersion} of the policy format: set \"version\": {PolicyVersion}.", $"{o.Path}.{n}", null, null);
            }
        }

        o.Allow(v1Names);
    }

    private static RestClock ReadClock(JsonElement e, string path, bool v2)
    {
        RestClock clock = ReadEnum<RestClock>(e, path);
        if (!v2 && clock is not (RestClock.SinceInvitation or RestClock.SinceResponse))
        {
            throw Error(path, $"is {Show(e)}, which needs version {PolicyVersion} of the policy format", "SinceInvitation or SinceResponse in version 1, or set \"version\": 2");
        }

        return clock;
    }

    private static TimeZoneInfo? ReadZone(Obj o, string path) =>
        o.TryGet("zone", out JsonElement z) ? FindZone(z, path + ".zone") : null;

    private static TimeZoneInfo FindZone(JsonElement z, string path)
    {
        string id = ReadString(z, path);
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out TimeZoneInfo? zone)
            ? zone
            : throw Error(path, $"is \"{id}\", which this machine's time-zone database does not know", "an IANA time zone id such as \"Europe/Copenhagen\" or \"UTC\"");
    }

    private static void WriteZone(Utf8JsonWriter w, TimeZoneInfo? zone)
    {
        if (zone is not null)
        {
            w.WriteString("zone", zone.Id);
        }
    }

    /// <summary>Reads a version 2 rest period: a fixed ISO 8601 duration, or calendar years and months alone (<c>P6M</c>, <c>P1Y</c>, <c>P1Y6M</c>).</summary>
    private static RestPeriod ReadPeriod(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String && TryParseMonths(e.GetString()!, out int months))
        {
            return Build(path, () => RestPeriod.Months(months));
        }

        if (e.ValueKind == JsonValueKind.String && TryParseDuration(e.GetString()!, out TimeSpan d, out bool calendar))
        {
            return d;
        }

        throw Error(path, $"is {Show(e)}", "calendar months or years alone (\"P6M\", \"P1Y\", \"P1Y6M\"), or a fixed duration of weeks, days, hours, minutes, seconds (\"P182D\", \"PT12H\"); months and days are not mixed");
    }

    private static bool TryParseMonths(string text, out int months)
    {
        months = 0;
        var m = System.Text.RegularExpressions.Regex.Match(text, "^P(?:([0-9]{1,3})Y)?(?:([0-9]{1,4})M)?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);
        if (!m.Success || (!m.Groups[1].Success && !m.Groups[2].Success))
        {
            return false;
        }

        months = (m.Groups[1].Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) * 12 : 0)
            + (m.Groups[2].Success ? int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture) : 0);
        return true;
    }

    private static CapWindow ReadWindow(JsonElement e, string path, bool v2)
    {
        if (v2 && e.ValueKind == JsonValueKind.String)
        {
            switch (e.GetString())
            {
                case "calendarMonth":
                    return CapWindow.CalendarPeriod(CalendarUnit.Month);
                case "calendarQuarter":
                    return CapWindow.CalendarPeriod(CalendarUnit.Quarter);
                case "calendarYear":
                    return CapWindow.CalendarPeriod(CalendarUnit.Year);
            }
        }

        try
        {
            return ReadDuration(e, path);
        }
        catch (JsonException) when (v2)
        {
            throw Error(path, $"is {Show(e)}", "a rolling duration such as \"P91D\", or \"calendarMonth\", \"calendarQuarter\" or \"calendarYear\"");
        }
    }

    private static string FormatPeriod(RestPeriod period) => period.IsCalendar
        ? "P" + period.CalendarMonths.ToString(CultureInfo.InvariantCulture) + "M"
        : FormatDuration(period.Duration);

    private static string FormatWindow(CapWindow window) => window.Calendar switch
    {
        CalendarUnit.Month => "calendarMonth",
        CalendarUnit.Quarter => "calendarQuarter",
        CalendarUnit.Year => "calendarYear",
        _ => FormatDuration(window.Rolling),
    };

    private static AttributeRule Named(AttributeRule rule, string? name) => name is null ? rule : rule.WithName(name);

    private static RuleScope ReadScope(JsonElement element, string path)
    {
        var o = new Obj(element, path, "a scope: {\"survey\": id} or {\"group\": name}, or leave it out for every survey");
        o.Allow("survey", "group");
        bool survey = o.TryGet("survey", out JsonElement s);
        bool group = o.TryGet("group", out JsonElement g);
        if (survey == group)
        {
            throw Error(path, survey ? "names both a survey and a group" : "is empty", "{\"survey\": id} or {\"group\": name}, or leave \"scope\" out for every survey");
        }

        return survey ? RuleScope.ForSurvey(ReadString(s, path + ".survey")) : RuleScope.ForGroup(ReadString(g, path + ".group"));
    }

    private static HistoryMatch ReadMatch(Obj o, string path) =>
        o.TryGet("match", out JsonElement m) ? ReadEnum<HistoryMatch>(m, path + ".match") : HistoryMatch.AnySurvey;

    private static bool ReadBool(Obj o, string name, string path)
    {
        if (!o.TryGet(name, out JsonElement e))
        {
            return false;
        }

        return e.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error($"{path}.{name}", $"is {Show(e)}", "true or false"),
        };
    }

    private static int ReadInt(JsonElement e, string path) =>
        e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out int value) ? value : throw Error(path, $"is {Show(e)}", "a whole number");

    private static string ReadString(JsonElement e, string path, bool allowEmpty = false)
    {
        if (e.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"is {Show(e)}", "a string");
        }

        string value = e.GetString()!;
        return value.Length > 0 || allowEmpty ? value : throw Error(path, "is empty", "a non-empty string");
    }

    private static TEnum ReadEnum<TEnum>(JsonElement e, string path)
        where TEnum : struct, Enum
    {
        string allowed = string.Join(", ", Enum.GetNames<TEnum>());
        if (e.ValueKind == JsonValueKind.String && Enum.TryParse(e.GetString(), ignoreCase: true, out TEnum value) && Enum.IsDefined(value)
            && !int.TryParse(e.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
        {
            return value;
        }

        throw Error(path, $"is {Show(e)}", allowed);
    }

    private static TimeOnly ReadTime(JsonElement e, string path)
    {
        if (e.ValueKind == JsonValueKind.String
            && TimeOnly.TryParseExact(e.GetString(), ["HH:mm", "HH:mm:ss", "HH:mm:ss.FFFFFFF"], CultureInfo.InvariantCulture, DateTimeStyles.None, out TimeOnly time))
        {
            return time;
        }

        throw Error(path, $"is {Show(e)}", "a 24-hour local time \"HH:mm\" such as \"20:00\" (seconds allowed: \"HH:mm:ss\")");
    }

    /// <summary>Reads an ISO 8601 duration of fixed length: weeks, days, hours, minutes and seconds (fractions of
    /// seconds to 7 digits); years and months are not fixed lengths and are rejected.</summary>
    internal static TimeSpan ReadDuration(JsonElement e, string path)
    {
        const string Allowed = "an ISO 8601 duration of fixed length: weeks, days, hours, minutes, seconds, e.g. \"P182D\", \"P2W\", \"PT12H\", \"P1DT6H30M\"";
        if (e.ValueKind != JsonValueKind.String)
        {
            throw Error(path, $"is {Show(e)}", Allowed);
        }

        string text = e.GetString()!;
        if (TryParseDuration(text, out TimeSpan duration, out bool calendar))
        {
            return duration;
        }

        if (calendar)
        {
            throw Error(path, $"is \"{text}\", which uses years or months", "days in a version 1 file (a month is 28 to 31 days): e.g. \"P182D\" for about 6 months, \"P91D\" for a quarter; or set \"version\": 2 to use calendar months (\"P6M\") in rest periods and calendar windows (\"calendarQuarter\") in caps");
        }

        throw Error(path, $"is \"{text}\"", Allowed);
    }

    internal static bool TryParseDuration(string text, out TimeSpan duration, out bool calendar)
    {
        duration = default;
        calendar = false;
        if (text.Length < 3 || text[0] != 'P')
        {
            return false;
        }

        long ticks = 0;
        bool inTime = false, any = false;
        int i = 1;
        string order = "WD";
        string timeOrder = "HMS";
        int last = -1;
        while (i < text.Length)
        {
            if (text[i] == 'T')
            {
                if (inTime || i == text.Length - 1)
                {
                    return false;
                }

                inTime = true;
                last = -1;
                i++;
                continue;
            }

            int start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            int fractionStart = -1;
            if (i < text.Length && text[i] is '.' or ',')
            {
                fractionStart = ++i;
                while (i < text.Length && char.IsAsciiDigit(text[i]))
                {
                    i++;
                }
            }

            if (i == start || i >= text.Length || (fractionStart >= 0 && (i == fractionStart || i - fractionStart > 7)))
            {
                return false;
            }

            char unit = text[i++];
            if (!inTime && unit is 'Y' or 'M')
            {
                calendar = true;
                return false;
            }

            string units = inTime ? timeOrder : order;
            int position = units.IndexOf(unit, StringComparison.Ordinal);
            if (position <= last || (fractionStart >= 0 && unit != 'S'))
            {
                return false;
            }

            last = position;
            string digits = fractionStart >= 0 ? text[start..(fractionStart - 1)] : text[start..(i - 1)];
            if (digits.Length == 0 || digits.Length > 12 || !long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out long whole))
            {
                return false;
            }

            long per = (inTime, unit) switch
            {
                (false, 'W') => TimeSpan.TicksPerDay * 7,
                (false, 'D') => TimeSpan.TicksPerDay,
                (true, 'H') => TimeSpan.TicksPerHour,
                (true, 'M') => TimeSpan.TicksPerMinute,
                _ => TimeSpan.TicksPerSecond,
            };
            try
            {
                ticks = checked(ticks + checked(whole * per));
                if (fractionStart >= 0)
                {
                    string fraction = text[fractionStart..(i - 1)].PadRight(7, '0');
                    ticks = checked(ticks + long.Parse(fraction, NumberStyles.None, CultureInfo.InvariantCulture));
                }
            }
            catch (OverflowException)
            {
                return false;
            }

            any = true;
        }

        if (!any)
        {
            return false;
        }

        duration = new TimeSpan(ticks);
        return true;
    }

    /// <summary>Writes a duration in the shortest exact ISO 8601 form: <c>P182D</c>, <c>PT12H</c>, <c>P1DT0.5S</c>.</summary>
    internal static string FormatDuration(TimeSpan span)
    {
        long ticks = span.Ticks;
        if (ticks == 0)
        {
            return "PT0S";
        }

        var sb = new StringBuilder("P");
        long days = ticks / TimeSpan.TicksPerDay;
        ticks %= TimeSpan.TicksPerDay;
        if (days > 0)
        {
            sb.Append(days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        if (ticks > 0)
        {
            sb.Append('T');
            long hours = ticks / TimeSpan.TicksPerHour;
            ticks %= TimeSpan.TicksPerHour;
            long minutes = ticks / TimeSpan.TicksPerMinute;
            ticks %= TimeSpan.TicksPerMinute;
            if (hours > 0)
            {
                sb.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (minutes > 0)
            {
                sb.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (ticks > 0)
            {
                long seconds = ticks / TimeSpan.TicksPerSecond;
                long fraction = ticks % TimeSpan.TicksPerSecond;
                sb.Append(seconds.ToString(CultureInfo.InvariantCulture));
                if (fraction > 0)
                {
                    sb.Append('.').Append(fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0'));
                }

                sb.Append('S');
            }
        }

        return sb.ToString();
    }

    private static IEnumerable<JsonElement> Array(JsonElement e, string path, string allowed) =>
        e.ValueKind == JsonValueKind.Array ? e.EnumerateArray() : throw Error(path, $"is {Show(e)}", allowed);

    /// <summary>Runs a constructor of the engine; its argument errors become JSON errors at <paramref name="path"/>.</summary>
    private static T Build<T>(string path, Func<T> make)
    {
        try
        {
            return make();
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"{path}: {e.Message}", path, null, null, e);
        }
    }

    private static JsonException Error(string path, string found, string allowed) =>
        new($"{path} {found}: expected {allowed}.", path, null, null);

    private static string Show(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => "\"" + e.GetString() + "\"",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => e.GetRawText(),
    };

    /// <summary>A JSON object being read: required and optional properties, and unknown ones rejected by name.</summary>
    private readonly struct Obj
    {
        private readonly JsonElement _element;
        private readonly string _path;

        public Obj(JsonElement element, string path, string what)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw Error(path, $"is {Show(element)}", what + " (a JSON object)");
            }

            _element = element;
            _path = path;
        }

        public void Allow(params string[] names)
        {
            foreach (JsonProperty property in _element.EnumerateObject())
            {
                if (!names.Contains(property.Name, StringComparer.Ordinal))
                {
                    throw new JsonException($"{_path}.{property.Name} is not a property here: expected {string.Join(", ", names)}.", $"{_path}.{property.Name}", null, null);
                }
            }
        }

        public string Path => _path;

        public bool TryGet(string name, out JsonElement value) => _element.TryGetProperty(name, out value);

        public JsonElement Required(string name, string allowed) =>
            _element.TryGetProperty(name, out JsonElement value) ? value : throw Error($"{_path}.{name}", "is missing", allowed);
    }
}
