using System.Globalization;
using System.Text.Json;

namespace NpsKit.Serialization;

/// <summary>Reads and writes <see cref="NpsTally"/> in the <see cref="NpsJson"/> format.</summary>
/// <remarks>Used automatically by <see cref="JsonSerializer"/> through the attribute on <see cref="NpsTally"/>. Thread-safe.</remarks>
internal sealed class NpsTallyJsonConverter : FormatConverter<NpsTally>
{
    internal const string FormatName = "npskit.tally";

    protected override NpsTally ReadValue(ref Utf8JsonReader reader) => ReadTally(ref reader);

    protected override void WriteValue(Utf8JsonWriter writer, NpsTally value)
    {
        WriteTally(writer, value);
    }

    internal static void WriteTally(Utf8JsonWriter writer, NpsTally tally)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", NpsJson.Version);
        writer.WriteStartArray("counts");
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            writer.WriteNumberValue(tally.ScoreSlot(s));
        }

        writer.WriteEndArray();
        if (!tally.HasScoreDetail)
        {
            writer.WriteStartObject("categoryOnly");
            writer.WriteNumber("promoters", tally.CategoryOnlyCount(NpsCategory.Promoter));
            writer.WriteNumber("passives", tally.CategoryOnlyCount(NpsCategory.Passive));
            writer.WriteNumber("detractors", tally.CategoryOnlyCount(NpsCategory.Detractor));
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    internal static NpsTally ReadTally(ref Utf8JsonReader reader)
    {
        JsonFormat.ExpectStartObject(ref reader, "a tally");
        long[]? counts = null;
        long promoters = 0, passives = 0, detractors = 0;
        bool sawFormat = false, sawVersion = false;
        while (JsonFormat.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "format":
                    JsonFormat.ExpectFormat(ref reader, FormatName);
                    sawFormat = true;
                    break;
                case "version":
                    JsonFormat.ExpectVersion(ref reader);
                    sawVersion = true;
                    break;
                case "counts":
                    counts = JsonFormat.ReadCounts(ref reader, "counts");
                    break;
                case "categoryOnly":
                    JsonFormat.ExpectStartObject(ref reader, "categoryOnly");
                    while (JsonFormat.NextProperty(ref reader, out string category))
                    {
                        long value = JsonFormat.ReadCount(ref reader, "categoryOnly." + category);
                        switch (category)
                        {
                            case "promoters": promoters = value; break;
                            case "passives": passives = value; break;
                            case "detractors": detractors = value; break;
                            default: throw JsonFormat.Unknown("categoryOnly." + category, "promoters, passives, detractors");
                        }
                    }

                    break;
                default:
                    throw JsonFormat.Unknown(name, "format, version, counts, categoryOnly");
            }
        }

        JsonFormat.RequireHeader(sawFormat, sawVersion, FormatName);
        if (counts is null)
        {
            throw new JsonException("A tally needs \"counts\": an array of 11 non-negative integers, one per score 0..10.");
        }

        try
        {
            return NpsTally.FromParts(counts, promoters, passives, detractors);
        }
        catch (OverflowException ex)
        {
            throw new JsonException("The tally's counts add up to more than 9223372036854775807 (Int64.MaxValue).", ex);
        }
    }
}

/// <summary>Reads and writes <see cref="WeightedNpsTally"/> in the <see cref="NpsJson"/> format.</summary>
/// <remarks>Used automatically by <see cref="JsonSerializer"/> through the attribute on <see cref="WeightedNpsTally"/>. Thread-safe.</remarks>
internal sealed class WeightedNpsTallyJsonConverter : FormatConverter<WeightedNpsTally>
{
    internal const string FormatName = "npskit.weightedTally";

    protected override WeightedNpsTally ReadValue(ref Utf8JsonReader reader) => ReadTally(ref reader);

    protected override void WriteValue(Utf8JsonWriter writer, WeightedNpsTally value)
    {
        WriteTally(writer, value);
    }

    internal static void WriteTally(Utf8JsonWriter writer, WeightedNpsTally tally)
    {
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("version", NpsJson.Version);
        writer.WriteStartArray("counts");
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            writer.WriteNumberValue(tally.CountOf(s));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("sumOfWeights");
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            writer.WriteNumberValue(tally.SumOfWeightsOf(s));
        }

        writer.WriteEndArray();
        writer.WriteStartArray("sumOfSquaredWeights");
        for (int s = 0; s < Nps.ScaleLength; s++)
        {
            writer.WriteNumberValue(tally.SumOfSquaredWeightsOf(s));
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    internal static WeightedNpsTally ReadTally(ref Utf8JsonReader reader)
    {
        JsonFormat.ExpectStartObject(ref reader, "a weighted tally");
        long[]? counts = null;
        double[]? w = null, w2 = null;
        bool sawFormat = false, sawVersion = false;
        while (JsonFormat.NextProperty(ref reader, out string name))
        {
            switch (name)
            {
                case "format":
                    JsonFormat.ExpectFormat(ref reader, FormatName);
                    sawFormat = true;
                    break;
                case "version":
                    JsonFormat.ExpectVersion(ref reader);
                    sawVersion = true;
                    break;
                case "counts":
                    counts = JsonFormat.ReadCounts(ref reader, "counts");
                    break;
                case "sumOfWeights":
                    w = JsonFormat.ReadSums(ref reader, "sumOfWeights");
                    break;
                case "sumOfSquaredWeights":
                    w2 = JsonFormat.ReadSums(ref reader, "sumOfSquaredWeights");
                    break;
                default:
                    throw JsonFormat.Unknown(name, "format, version, counts, sumOfWeights, sumOfSquaredWeights");
            }
        }

        JsonFormat.RequireHeader(sawFormat, sawVersion, FormatName);
        if (counts is null || w is null || w2 is null)
        {
            throw new JsonException("A weighted tally needs \"counts\", \"sumOfWeights\" and \"sumOfSquaredWeights\": arrays of 11 numbers, one per score 0..10.");
        }

        try
        {
            return WeightedNpsTally.FromSums(counts, w, w2);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("The weighted tally is inconsistent: " + ex.Message, ex);
        }
        catch (OverflowException ex)
        {
            throw new JsonException("The weighted tally's counts add up to more than Int64.MaxValue.", ex);
        }
    }
}

/// <summary>Shared, strict reading helpers for the NpsKit JSON format.</summary>
internal static class JsonFormat
{
    public static void ExpectStartObject(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {what} but found {reader.TokenType}.");
        }
    }

    public static bool NextProperty(ref Utf8JsonReader reader, out string name)
    {
        if (!reader.Read())
        {
            throw new JsonException("The JSON ends inside an object.");
        }

        if (reader.TokenType == JsonTokenType.EndObject)
        {
            name = string.Empty;
            return false;
        }

        name = reader.GetString()!;
        if (!reader.Read())
        {
            throw new JsonException($"The JSON ends after property \"{name}\".");
        }

        return true;
    }

    public static void ExpectFormat(ref Utf8JsonReader reader, string expected)
    {
        string? format = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (format != expected)
        {
            throw new JsonException($"\"format\" is {Show(ref reader)} but this object must be \"{expected}\".");
        }
    }

    public static void ExpectVersion(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out int version) || version != NpsJson.Version)
        {
            throw new JsonException($"\"version\" is {Show(ref reader)}: this NpsKit reads version {NpsJson.Version} only. Upgrade NpsKit to read newer data.");
        }
    }

    public static void RequireHeader(bool sawFormat, bool sawVersion, string format)
    {
        if (!sawFormat || !sawVersion)
        {
            throw new JsonException($"The object needs \"format\": \"{format}\" and \"version\": {NpsJson.Version}.");
        }
    }

    public static long ReadCount(ref Utf8JsonReader reader, string property)
    {
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
        {
            throw new JsonException($"\"{property}\" is {Show(ref reader)}: counts must be integers from 0 to {long.MaxValue}.");
        }

        return value;
    }

    public static long[] ReadCounts(ref Utf8JsonReader reader, string property)
    {
        var values = new List<long>(Nps.ScaleLength);
        ExpectArray(ref reader, property);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            values.Add(ReadCount(ref reader, string.Create(CultureInfo.InvariantCulture, $"{property}[{values.Count}]")));
        }

        return ExpectEleven(values, property);
    }

    public static double[] ReadSums(ref Utf8JsonReader reader, string property)
    {
        var values = new List<double>(Nps.ScaleLength);
        ExpectArray(ref reader, property);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double value) || !double.IsFinite(value) || value < 0)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"\"{property}[{values.Count}]\" is {Show(ref reader)}: sums must be finite numbers, zero or more."));
            }

            values.Add(value);
        }

        return ExpectEleven(values, property);
    }

    public static JsonException Unknown(string property, string allowed) =>
        new($"Unknown property \"{property}\": allowed are {allowed}.");

    private static void ExpectArray(ref Utf8JsonReader reader, string property)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"\"{property}\" must be an array of 11 numbers, one per score 0..10, but is {reader.TokenType}.");
        }
    }

    private static T[] ExpectEleven<T>(List<T> values, string property) =>
        values.Count == Nps.ScaleLength
            ? values.ToArray()
            : throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"\"{property}\" has {values.Count} elements: it needs exactly 11, one per score 0..10."));

    private static string Show(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => "\"" + reader.GetString() + "\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        JsonTokenType.Null => "null",
        _ => reader.TokenType.ToString(),
    };
}
