using System.Globalization;
using System.Text.Json;
using NpsKit.Statistics;

namespace NpsKit.Serialization;

/// <summary>Reads and writes <see cref="NpsInterval"/>:
/// <c>{"format":"npskit.interval","version":1,"lower":…,"upper":…,"level":0.95,"method":"AdjustedWald"}</c>.</summary>
/// <remarks>Used automatically by <see cref="JsonSerializer"/> through the attribute on <see cref="NpsInterval"/>. Thread-safe.</remarks>
internal sealed class NpsIntervalJsonConverter : FormatConverter<NpsInterval>
{
    internal const string FormatName = "npskit.interval";

    protected override NpsInterval ReadValue(ref Utf8JsonReader reader) => ReadInterval(ref reader);

    protected override void WriteValue(Utf8JsonWriter writer, NpsInterval value)
    {
        WriteInterval(writer, value);
    }

    internal static void WriteInterval(Utf8JsonWriter w, NpsInterval interval)
    {
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", NpsJson.Version);
        StatisticsJson.WriteDouble(w, "lower", interval.Lower);
        StatisticsJson.WriteDouble(w, "upper", interval.Upper);
        StatisticsJson.WriteDouble(w, "level", interval.Level);
        w.WriteString("method", interval.Method.ToString());
        w.WriteEndObject();
    }

    internal static NpsInterval ReadInterval(ref Utf8JsonReader r)
    {
        JsonFormat.ExpectStartObject(ref r, "an interval");
        bool sawFormat = false, sawVersion = false;
        double? lower = null, upper = null, level = null;
        NpsIntervalMethod? method = null;
        while (JsonFormat.NextProperty(ref r, out string name))
        {
            switch (name)
            {
                case "format": JsonFormat.ExpectFormat(ref r, FormatName); sawFormat = true; break;
                case "version": JsonFormat.ExpectVersion(ref r); sawVersion = true; break;
                case "lower": lower = StatisticsJson.ReadDouble(ref r, "lower"); break;
                case "upper": upper = StatisticsJson.ReadDouble(ref r, "upper"); break;
                case "level": level = StatisticsJson.ReadDouble(ref r, "level"); break;
                case "method": method = StatisticsJson.ReadEnum<NpsIntervalMethod>(ref r, "method"); break;
                default: throw JsonFormat.Unknown(name, "format, version, lower, upper, level, method");
            }
        }

        JsonFormat.RequireHeader(sawFormat, sawVersion, FormatName);
        if (lower is null || upper is null || level is null || method is null)
        {
            throw new JsonException("An interval needs \"lower\", \"upper\", \"level\" and \"method\".");
        }

        if (!double.IsFinite(lower.Value) || !double.IsFinite(upper.Value) || lower > upper)
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"An interval needs finite bounds with lower ≤ upper; got [{lower}, {upper}]."));
        }

        if (!(level > 0 && level < 1))
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"\"level\" is {level}: it must be between 0 and 1, exclusive."));
        }

        return new NpsInterval(lower.Value, upper.Value, level.Value, method.Value);
    }
}

/// <summary>Reads and writes <see cref="NpsComparison"/>: <c>{"format":"npskit.comparison","version":1,"method":…,
/// "baseline":…,"current":…,"difference":…,"estimate":…,"standardError":…,"z":…,"pValue":…,"interval":{…}}</c>.</summary>
/// <remarks>Non-finite numbers (a Wald z of ±∞ when the standard error is zero) are written as the strings
/// <c>"Infinity"</c>, <c>"-Infinity"</c> or <c>"NaN"</c>. Thread-safe.</remarks>
internal sealed class NpsComparisonJsonConverter : FormatConverter<NpsComparison>
{
    internal const string FormatName = "npskit.comparison";

    protected override NpsComparison ReadValue(ref Utf8JsonReader reader) => ReadComparison(ref reader);

    protected override void WriteValue(Utf8JsonWriter writer, NpsComparison value)
    {
        ArgumentNullException.ThrowIfNull(value);
        WriteComparison(writer, value);
    }

    internal static void WriteComparison(Utf8JsonWriter w, NpsComparison c)
    {
        w.WriteStartObject();
        w.WriteString("format", FormatName);
        w.WriteNumber("version", NpsJson.Version);
        w.WriteString("method", c.Method.ToString());
        StatisticsJson.WriteDouble(w, "baseline", c.Baseline);
        StatisticsJson.WriteDouble(w, "current", c.Current);
        StatisticsJson.WriteDouble(w, "difference", c.Difference);
        StatisticsJson.WriteDouble(w, "estimate", c.Estimate);
        StatisticsJson.WriteDouble(w, "standardError", c.StandardError);
        StatisticsJson.WriteDouble(w, "z", c.Z);
        StatisticsJson.WriteDouble(w, "pValue", c.PValue);
        w.WritePropertyName("interval");
        NpsIntervalJsonConverter.WriteInterval(w, c.Interval);
        w.WriteEndObject();
    }

    internal static NpsComparison ReadComparison(ref Utf8JsonReader r)
    {
        JsonFormat.ExpectStartObject(ref r, "a comparison");
        bool sawFormat = false, sawVersion = false;
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        NpsTestMethod? method = null;
        NpsInterval? interval = null;
        while (JsonFormat.NextProperty(ref r, out string name))
        {
            switch (name)
            {
                case "format": JsonFormat.ExpectFormat(ref r, FormatName); sawFormat = true; break;
                case "version": JsonFormat.ExpectVersion(ref r); sawVersion = true; break;
                case "method": method = StatisticsJson.ReadEnum<NpsTestMethod>(ref r, "method"); break;
                case "interval": interval = NpsIntervalJsonConverter.ReadInterval(ref r); break;
                case "baseline" or "current" or "difference" or "estimate" or "standardError" or "z" or "pValue":
                    values[name] = StatisticsJson.ReadDouble(ref r, name);
                    break;
                default:
                    throw JsonFormat.Unknown(name, "format, version, method, baseline, current, difference, estimate, standardError, z, pValue, interval");
            }
        }

        JsonFormat.RequireHeader(sawFormat, sawVersion, FormatName);
        string[] required = ["baseline", "current", "estimate", "standardError", "z", "pValue"];
        string[] missing = required.Where(k => !values.ContainsKey(k)).ToArray();
        if (method is null || interval is null || missing.Length > 0)
        {
            throw new JsonException($"A comparison needs \"method\", \"interval\" and {string.Join(", ", required.Select(k => "\"" + k + "\""))}; missing: {string.Join(", ", missing.Concat(method is null ? ["method"] : []).Concat(interval is null ? ["interval"] : []))}.");
        }

        double baseline = values["baseline"], current = values["current"], se = values["standardError"], p = values["pValue"];
        if (!double.IsFinite(baseline) || !double.IsFinite(current) || Math.Abs(baseline) > 100 || Math.Abs(current) > 100)
        {
            throw new JsonException("\"baseline\" and \"current\" must be scores from -100 to 100.");
        }

        if (values.TryGetValue("difference", out double difference) && !difference.Equals(current - baseline))
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"\"difference\" is {difference} but current − baseline is {current - baseline}: the object is inconsistent."));
        }

        if (!(se >= 0) || double.IsInfinity(se))
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"\"standardError\" is {se}: it must be finite and zero or more."));
        }

        if (!(p >= 0 && p <= 1))
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"\"pValue\" is {p}: it must be from 0 to 1."));
        }

        return new NpsComparison(baseline, current, values["estimate"], se, values["z"], p, interval.Value, method.Value);
    }
}

/// <summary>Number and enum helpers for the statistics JSON shapes.</summary>
internal static class StatisticsJson
{
    public static void WriteDouble(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteString(name, double.IsNaN(value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
        }
    }

    public static double ReadDouble(ref Utf8JsonReader r, string property)
    {
        if (r.TokenType == JsonTokenType.Number && r.TryGetDouble(out double value))
        {
            return value;
        }

        if (r.TokenType == JsonTokenType.String)
        {
            switch (r.GetString())
            {
                case "Infinity": return double.PositiveInfinity;
                case "-Infinity": return double.NegativeInfinity;
                case "NaN": return double.NaN;
            }
        }

        throw new JsonException($"\"{property}\" must be a number (or \"Infinity\", \"-Infinity\", \"NaN\").");
    }

    public static T ReadEnum<T>(ref Utf8JsonReader r, string property)
        where T : struct, Enum
    {
        string? text = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        if (text is null || text.Length == 0 || char.IsDigit(text[0]) || text[0] == '-' || !Enum.TryParse(text, ignoreCase: false, out T value) || !Enum.IsDefined(value))
        {
            throw new JsonException($"\"{property}\" must be one of {string.Join(", ", Enum.GetNames<T>())}.");
        }

        return value;
    }
}
