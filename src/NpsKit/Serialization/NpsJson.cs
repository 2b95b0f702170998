using System.Text.Json;

namespace NpsKit.Serialization;

/// <summary>
/// The JSON wire format of NpsKit results: small, versioned, lossless. It is how partial tallies computed elsewhere
/// (other machines, a warehouse <c>GROUP BY score</c>) are handed over and merged.
/// </summary>
/// <remarks>
/// <para>A tally: <c>{"format":"npskit.tally","version":1,"counts":[c0,…,c10]}</c>, with
/// <c>"categoryOnly":{"promoters":p,"passives":q,"detractors":d}</c> added when the tally holds answers known only by category.
/// A weighted tally: <c>{"format":"npskit.weightedTally","version":1,"counts":[…11],"sumOfWeights":[…11],"sumOfSquaredWeights":[…11]}</c>.
/// Doubles are written in shortest round-trip form, so reading gives back exactly the same value. See docs/formats.md.</para>
/// <para>The types carry their converters (<c>[JsonConverter]</c>), so <see cref="JsonSerializer"/> uses this format too,
/// including in source-generated contexts and native AOT.</para>
/// <para>Reading validates: an unknown format or version, counts that are negative or not 11, sums inconsistent with counts,
/// and unknown properties are <see cref="JsonException"/>s naming the property and what is allowed. All members are thread-safe.</para>
/// </remarks>
public static class NpsJson
{
    /// <summary>The format version this library writes and reads: 1.</summary>
    public const int Version = 1;

    /// <summary>Writes a tally as JSON.</summary>
    /// <param name="tally">The tally.</param>
    /// <returns>The JSON text, e.g. <c>{"format":"npskit.tally","version":1,"counts":[0,0,0,0,0,0,1,0,0,0,2]}</c>.</returns>
    public static string Serialize(NpsTally tally) => Write(w => NpsTallyJsonConverter.WriteTally(w, tally));

    /// <summary>Writes a weighted tally as JSON.</summary>
    /// <param name="tally">The weighted tally.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(WeightedNpsTally tally) => Write(w => WeightedNpsTallyJsonConverter.WriteTally(w, tally));

    /// <summary>Reads a tally written by <see cref="Serialize(NpsTally)"/> (or by another system following the format).</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid tally of a known version; the message says what is wrong.</exception>
    public static NpsTally DeserializeTally(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, NpsTallyJsonConverter.ReadTally);
    }

    /// <summary>Reads a weighted tally written by <see cref="Serialize(WeightedNpsTally)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The weighted tally.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid weighted tally of a known version.</exception>
    public static WeightedNpsTally DeserializeWeightedTally(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, WeightedNpsTallyJsonConverter.ReadTally);
    }

    /// <summary>Writes a cube as JSON: its calendar, segmentation, minimum n, periods, segments and every non-empty cell's counts.</summary>
    /// <param name="cube">The cube.</param>
    /// <returns>The JSON text (format <c>npskit.cube</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cube"/> is <see langword="null"/>.</exception>
    public static string Serialize(Aggregation.NpsCube cube)
    {
        ArgumentNullException.ThrowIfNull(cube);
        return Write(w => AggregationJson.WriteCube(w, cube));
    }

    /// <summary>Reads a cube written by <see cref="Serialize(Aggregation.NpsCube)"/>; the result equals the original cell for cell.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The cube.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid cube of a known version.</exception>
    public static Aggregation.NpsCube DeserializeCube(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, AggregationJson.ReadCube);
    }

    /// <summary>Writes a series as JSON: its segment, unit, minimum n, window and each period's (unwindowed) tally.</summary>
    /// <param name="series">The series.</param>
    /// <returns>The JSON text (format <c>npskit.series</c>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="series"/> is <see langword="null"/>.</exception>
    public static string Serialize(Aggregation.NpsSeries series)
    {
        ArgumentNullException.ThrowIfNull(series);
        return Write(w => AggregationJson.WriteSeries(w, series));
    }

    /// <summary>Reads a series written by <see cref="Serialize(Aggregation.NpsSeries)"/>; its points equal the original's.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The series, with the same window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid series of a known version.</exception>
    public static Aggregation.NpsSeries DeserializeSeries(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, AggregationJson.ReadSeries);
    }

    /// <summary>Writes a confidence interval as JSON (format <c>npskit.interval</c>).</summary>
    /// <param name="interval">The interval.</param>
    /// <returns>The JSON text.</returns>
    public static string Serialize(NpsInterval interval) => Write(w => NpsIntervalJsonConverter.WriteInterval(w, interval));

    /// <summary>Reads an interval written by <see cref="Serialize(NpsInterval)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The interval.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid interval (bounds not finite or out of order, level outside (0, 1), unknown method).</exception>
    public static NpsInterval DeserializeInterval(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, NpsIntervalJsonConverter.ReadInterval);
    }

    /// <summary>Writes a two-sample comparison as JSON (format <c>npskit.comparison</c>).</summary>
    /// <param name="comparison">The comparison.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="comparison"/> is <see langword="null"/>.</exception>
    public static string Serialize(NpsComparison comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return Write(w => NpsComparisonJsonConverter.WriteComparison(w, comparison));
    }

    /// <summary>Reads a comparison written by <see cref="Serialize(NpsComparison)"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid comparison (inconsistent difference, p outside [0, 1], negative standard error…).</exception>
    public static NpsComparison DeserializeComparison(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, NpsComparisonJsonConverter.ReadComparison);
    }

    /// <summary>Writes an eligibility policy as a policy file (format <c>npskit.eligibilityPolicy</c>, docs/eligibility.md):
    /// precedence, survey groups and every rule with its name, scope and settings; durations as ISO 8601 (<c>P182D</c>).</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>The JSON text, indented for people to read and edit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A rule cannot be written: an <see cref="Eligibility.AttributeRule"/> made with
    /// <see cref="Eligibility.AttributeRule.FromPredicate"/> holds code, not data.</exception>
    public static string Serialize(Eligibility.EligibilityPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            EligibilityPolicyJson.Write(writer, policy);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a policy file written by <see cref="Serialize(Eligibility.EligibilityPolicy)"/> or by hand
    /// (docs/eligibility.md, "Policy files"). Comments and trailing commas are allowed.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The compiled policy; it decides exactly as the policy that was written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="JsonException">The text is not a valid policy of a known version: the message and
    /// <see cref="JsonException.Path"/> name the place (e.g. <c>$.rules[2].gap</c>), what was found and what is allowed.</exception>
    public static Eligibility.EligibilityPolicy DeserializeEligibilityPolicy(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return EligibilityPolicyJson.Read(json);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private delegate T JsonRead<T>(ref Utf8JsonReader reader);

    /// <summary>Reads exactly one JSON value with <paramref name="read"/>; anything after it is an error.</summary>
    private static T Read<T>(string json, JsonRead<T> read)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        T value = read(ref reader);
        EnsureEnd(ref reader);
        return value;
    }

    private static void EnsureEnd(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException($"Unexpected {reader.TokenType} after the end of the object at byte {reader.TokenStartIndex}: expected one JSON object only.");
        }
    }
}
