using System.Globalization;
using NpsKit.Eligibility;

namespace NpsKit.Csv.Internal;

/// <summary>Parsers for the small vocabularies of record files: flags, channels, event kinds, tiers, months.</summary>
internal static class RecordFields
{
    public const string BoolAllowed = "true or false (also yes/no, y/n, 1/0), or empty for false";
    public const string ChannelAllowed = "email, sms, phone or inapp, or empty when unknown";
    public const string ChannelsAllowed = "channels separated by '|' (email|sms|phone|inapp), 'all', 'none' or empty";
    public const string KindAllowed = "invitation, reminder, response or transaction (also invite, sent, reminded, responded, answered)";
    public const string TierAllowed = "A, B, C, or empty for none";
    public const string MonthAllowed = "a month such as 2026-03, a date such as 2026-03-14, or an ISO 8601 date and time";

    public static bool TryParseBool(string text, out bool value)
    {
        switch (text.ToLowerInvariant())
        {
            case "":
            case "false":
            case "no":
            case "n":
            case "0":
                value = false;
                return true;
            case "true":
            case "yes":
            case "y":
            case "1":
                value = true;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static bool TryParseChannel(string text, out ContactChannel channel)
    {
        channel = ColumnMap.Normalize(text) switch
        {
            "" => ContactChannel.None,
            "email" or "mail" => ContactChannel.Email,
            "sms" or "text" => ContactChannel.Sms,
            "phone" or "call" => ContactChannel.Phone,
            "inapp" or "app" or "web" => ContactChannel.InApp,
            _ => (ContactChannel)(-1),
        };
        return channel != (ContactChannel)(-1);
    }

    public static bool TryParseChannels(string text, out ContactChannel channels)
    {
        channels = ContactChannel.None;
        string normalized = text.Trim().ToLowerInvariant();
        if (normalized is "all" or "true" or "yes")
        {
            channels = ContactChannel.All;
            return true;
        }

        if (normalized is "none" or "false" or "no")
        {
            return true;
        }

        foreach (string part in text.Split(['|', ';', '+', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!TryParseChannel(part, out ContactChannel one) || one == ContactChannel.None)
            {
                return false;
            }

            channels |= one;
        }

        return true;
    }

    public static bool TryParseKind(string text, out ContactEventKind kind)
    {
        switch (ColumnMap.Normalize(text))
        {
            case "invitation":
            case "invite":
            case "invited":
            case "sent":
                kind = ContactEventKind.Invitation;
                return true;
            case "transaction":
                kind = ContactEventKind.Transaction;
                return true;
            case "reminder":
            case "remind":
            case "reminded":
                kind = ContactEventKind.Reminder;
                return true;
            case "response":
            case "responded":
            case "answer":
            case "answered":
            case "completed":
                kind = ContactEventKind.Response;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static bool TryParseTier(string text, out AccountTier tier)
    {
        string t = ColumnMap.Normalize(text);
        if (t.StartsWith("tier", StringComparison.Ordinal))
        {
            t = t[4..];
        }

        tier = t switch
        {
            "" or "none" => AccountTier.None,
            "a" => AccountTier.A,
            "b" => AccountTier.B,
            "c" => AccountTier.C,
            _ => (AccountTier)(-1),
        };
        return tier != (AccountTier)(-1);
    }

    /// <summary>Reads a month (<c>2026-03</c>), a date or an ISO date and time as the first day of its month.</summary>
    public static bool TryParseMonth(string text, out DateOnly month)
    {
        month = default;
        if (DateOnly.TryParseExact(text, ["yyyy-MM", "yyyy-MM-dd", "yyyy/MM", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            || (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t) && (d = DateOnly.FromDateTime(t.UtcDateTime)) != default))
        {
            month = new DateOnly(d.Year, d.Month, 1);
            return true;
        }

        return false;
    }

    /// <summary>Reads a date (<c>2026-03-14</c>).</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy/MM/dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Checks a <c>Columns</c> dictionary: every key must be a role of the file.</summary>
    public static void CheckColumns(IReadOnlyDictionary<string, string>? columns, IEnumerable<ColumnRole> roles, string optionsName, List<OptionProblem> problems)
    {
        if (columns is null)
        {
            problems.Add(new("Columns", null, "is null", "an empty dictionary to detect every column from the header",
                "Columns is null: use an empty dictionary to detect every column from the header."));
            return;
        }

        string[] keys = roles.Select(r => r.Key).ToArray();
        foreach ((string key, string header) in columns)
        {
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                problems.Add(new($"Columns[\"{key}\"]", header, $"is not a column role of {optionsName}", string.Join(", ", keys),
                    $"Columns[\"{key}\"] is not a column role of {optionsName}: use one of {string.Join(", ", keys)}."));
            }
            else if (string.IsNullOrWhiteSpace(header))
            {
                problems.Add(new($"Columns[\"{key}\"]", header, "is empty", "the header name, or leave the role out to detect it",
                    $"Columns[\"{key}\"] is empty: give the header name, or leave the role out to detect it."));
            }
        }
    }
}
