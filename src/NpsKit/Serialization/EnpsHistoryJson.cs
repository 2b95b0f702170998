using System.Globalization;
using System.Text;
using System.Text.Json;
using NpsKit.Employee;
using NpsKit.Employee.Internal;

namespace NpsKit.Serialization;

/// <summary>
/// Reads and writes <see cref="EnpsPublicationHistory"/> as the versioned format <c>npskit.enpsHistory</c> (docs/enps.md,
/// "Publishing more than once"): per release the round, time, minimum, org tree, dimension values, structural atoms
/// (<c>[unit index, value index…]</c>, <c>[unit index, -1]</c> for a unit's "no value" atom), who was counted in which atom
/// (<c>[id, atom index]</c>) and every cell's published state. Reading is strict: every error is a
/// <see cref="JsonException"/> naming the JSON path and what is allowed. Thread-safe.
/// </summary>
internal static class EnpsHistoryJson
{
    internal const string FormatName = "npskit.enpsHistory";

    public static string Write(EnpsPublicationHistory history)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteNumber("version", NpsJson.Version);
            w.WriteString("population", history.Population);
            w.WriteStartArray("releases");
            foreach (EnpsRelease r in history.Releases)
            {
                WriteRelease(w, r);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteRelease(Utf8JsonWriter w, EnpsRelease r)
    {
        ReleaseStructure s = r.Structure;
        w.WriteStartObject();
        w.WriteString("round", r.Round.Name);
        w.WriteString("roundDate", r.Round.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteString("publishedAt", r.PublishedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteBoolean("closesRound", r.ClosesRound);
        w.WriteNumber("minimumRespondents", r.MinimumRespondents);
        w.WriteStartArray("units");
        for (int u = 0; u < s.UnitIds.Length; u++)
        {
            w.WriteStartArray();
            w.WriteStringValue(s.UnitIds[u]);
            w.WriteNumberValue(s.Parent[u]);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("dimensions");
        for (int d = 0; d < s.Dims.Length; d++)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Dims[d]);
            w.WriteStartArray("values");
            foreach (string v in s.Values[d])
            {
                w.WriteStringValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("atoms");
        foreach ((int unit, int[]? values) in s.Atoms)
        {
            w.WriteStartArray();
            w.WriteNumberValue(unit);
            foreach (int v in values ?? [-1])
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("respondents");
        foreach ((string id, int atom) in s.Respondents)
        {
            w.WriteStartArray();
            w.WriteStringValue(id);
            w.WriteNumberValue(atom);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("cells");
        foreach (EnpsReleasedCell c in r.Cells)
        {
            w.WriteStartObject();
            w.WriteString("key", c.Key);
            w.WriteString("kind", c.Kind.ToString());
            w.WriteString("unit", c.UnitId);
            if (c.Dimension is not null)
            {
                w.WriteString("dimension", c.Dimension);
                w.WriteString("value", c.DimensionValue);
            }

            if (c.Reason != SuppressionReason.None)
            {
                w.WriteString("reason", c.Reason.ToString());
            }

            if (c.Figures is NpsTally t)
            {
                w.WriteStartArray("counts");
                for (int score = 0; score < Nps.ScaleLength; score++)
                {
                    w.WriteNumberValue(t.CountOf(score));
                }

                w.WriteEndArray();
                w.WriteString("takenAt", c.FiguresTakenAt!.Value.ToString("O", CultureInfo.InvariantCulture));
            }

            if (c.FoldedCellKeys.Count > 0)
            {
                w.WriteStartArray("folded");
                foreach (string k in c.FoldedCellKeys)
                {
                    w.WriteStringValue(k);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static EnpsPublicationHistory Read(string json)
    {
        using JsonDocument doc = Parse(json);
        JsonElement root = doc.RootElement;
        Expect(root, JsonValueKind.Object, "$");
        string format = Str(root, "format", "$");
        if (format != FormatName)
        {
            throw new JsonException($"$.format is '{format}': expected '{FormatName}' (an eNPS publication history).");
        }

        int version = Int(root, "version", "$");
        if (version != NpsJson.Version)
        {
            throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"$.version is {version}: this NpsKit reads version {NpsJson.Version}; upgrade NpsKit to read newer files."));
        }

        string? population = root.TryGetProperty("population", out JsonElement p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var releases = new List<EnpsRelease>();
        int i = 0;
        foreach (JsonElement r in Arr(root, "releases", "$"))
        {
            releases.Add(ReadRelease(r, string.Create(CultureInfo.InvariantCulture, $"$.releases[{i++}]")));
        }

        return new EnpsPublicationHistory(population ?? releases.FirstOrDefault()?.Structure.UnitIds[0], [.. releases.OrderBy(r => r.PublishedAt)]);
    }

    private static EnpsRelease ReadRelease(JsonElement r, string path)
    {
        var round = new SurveyRound(Str(r, "round", path), Date(r, "roundDate", path));
        DateTimeOffset at = Time(Str(r, "publishedAt", path), path + ".publishedAt");
        bool closes = r.TryGetProperty("closesRound", out JsonElement cl) && cl.ValueKind == JsonValueKind.True;
        int minimum = Int(r, "minimumRespondents", path);
        var ids = new List<string>();
        var parents = new List<int>();
        foreach (JsonElement u in Arr(r, "units", path))
        {
            ids.Add(u[0].GetString() ?? throw new JsonException($"{path}.units[{ids.Count}][0] is null: give each unit's id."));
            parents.Add(u[1].GetInt32());
        }

        for (int u = 0; u < parents.Count; u++)
        {
            if (parents[u] >= u || (u > 0 && parents[u] < 0) || (u == 0 && parents[u] != -1))
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"{path}.units[{u}] has parent index {parents[u]}: units are in preorder, the root first with parent -1, every other unit after its parent."));
            }
        }

        var dims = new List<string>();
        var values = new List<string[]>();
        foreach (JsonElement d in Arr(r, "dimensions", path))
        {
            dims.Add(Str(d, "name", path + ".dimensions"));
            values.Add([.. Arr(d, "values", path + ".dimensions").Select(v => v.GetString() ?? string.Empty)]);
        }

        var atoms = new List<(int, int[]?)>();
        foreach (JsonElement a in Arr(r, "atoms", path))
        {
            int[] nums = [.. a.EnumerateArray().Select(x => x.GetInt32())];
            string ap = string.Create(CultureInfo.InvariantCulture, $"{path}.atoms[{atoms.Count}]");
            if (nums.Length == 0 || nums[0] < 0 || nums[0] >= ids.Count)
            {
                throw new JsonException($"{ap} does not start with a unit index of the release's units.");
            }

            int[]? vals = dims.Count > 0 && nums.Length == 2 && nums[1] == -1 ? null : nums[1..];
            if (vals is not null && (vals.Length != dims.Count || vals.Where((v, d) => v < 0 || v >= values[d].Length).Any()))
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"{ap} has {vals.Length} value indexes: expected one per dimension ({dims.Count}), each within its dimension's values, or -1 alone for a unit's \"no value\" atom."));
            }

            atoms.Add((nums[0], vals));
        }

        var respondents = new List<(string, int)>();
        foreach (JsonElement x in Arr(r, "respondents", path))
        {
            int atom = x[1].GetInt32();
            if (atom < 0 || atom >= atoms.Count)
            {
                throw new JsonException(string.Create(CultureInfo.InvariantCulture, $"{path}.respondents[{respondents.Count}] names atom {atom}: the release has atoms 0 to {atoms.Count - 1}."));
            }

            respondents.Add((x[0].GetString() ?? string.Empty, atom));
        }

        var cells = new List<EnpsReleasedCell>();
        foreach (JsonElement c in Arr(r, "cells", path))
        {
            string cp = string.Create(CultureInfo.InvariantCulture, $"{path}.cells[{cells.Count}]");
            string kindText = Str(c, "kind", cp);
            if (!Enum.TryParse(kindText, out EnpsCellKind kind) || !Enum.IsDefined(kind))
            {
                throw new JsonException($"{cp}.kind is '{kindText}': allowed are {string.Join(", ", Enum.GetNames<EnpsCellKind>())}.");
            }

            SuppressionReason reason = SuppressionReason.None;
            if (c.TryGetProperty("reason", out JsonElement re) && (!Enum.TryParse(re.GetString(), out reason) || !Enum.IsDefined(reason)))
            {
                throw new JsonException($"{cp}.reason is '{re.GetString()}': allowed are {string.Join(", ", Enum.GetNames<SuppressionReason>())}.");
            }

            NpsTally? figures = null;
            DateTimeOffset? takenAt = null;
            if (c.TryGetProperty("counts", out JsonElement counts))
            {
                long[] h = [.. counts.EnumerateArray().Select(x => x.GetInt64())];
                if (h.Length != Nps.ScaleLength || h.Any(x => x < 0))
                {
                    throw new JsonException($"{cp}.counts must be 11 counts of zero or more, one per score 0..10.");
                }

                figures = NpsTally.FromHistogram(h);
                takenAt = Time(Str(c, "takenAt", cp), cp + ".takenAt");
            }

            string[] folded = c.TryGetProperty("folded", out JsonElement f) ? [.. f.EnumerateArray().Select(x => x.GetString() ?? string.Empty)] : [];
            cells.Add(new EnpsReleasedCell(
                Str(c, "key", cp),
                kind,
                Str(c, "unit", cp),
                c.TryGetProperty("dimension", out JsonElement dim) ? dim.GetString() : null,
                c.TryGetProperty("value", out JsonElement val) ? val.GetString() : null,
                reason,
                figures,
                takenAt,
                folded));
        }

        var structure = new ReleaseStructure([.. ids], [.. parents], [.. dims], [.. values], [.. atoms], [.. respondents]);
        return new EnpsRelease(round, at, closes, minimum, cells, structure);
    }

    private static JsonDocument Parse(string json)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new JsonException($"The eNPS history is not valid JSON: {ex.Message}", ex);
        }
    }

    private static void Expect(JsonElement e, JsonValueKind kind, string path)
    {
        if (e.ValueKind != kind)
        {
            throw new JsonException($"{path} is {e.ValueKind}: expected {kind}.");
        }
    }

    private static JsonElement Get(JsonElement e, string name, string path) =>
        e.TryGetProperty(name, out JsonElement v) ? v : throw new JsonException($"{path}.{name} is missing.");

    private static string Str(JsonElement e, string name, string path)
    {
        JsonElement v = Get(e, name, path);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new JsonException($"{path}.{name} is {v.ValueKind}: expected a string.");
    }

    private static int Int(JsonElement e, string name, string path)
    {
        JsonElement v = Get(e, name, path);
        return v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw new JsonException($"{path}.{name} is {v.ValueKind}: expected an integer.");
    }

    private static JsonElement.ArrayEnumerator Arr(JsonElement e, string name, string path)
    {
        JsonElement v = Get(e, name, path);
        return v.ValueKind == JsonValueKind.Array ? v.EnumerateArray() : throw new JsonException($"{path}.{name} is {v.ValueKind}: expected an array.");
    }

    private static DateOnly Date(JsonElement e, string name, string path) =>
        DateOnly.TryParseExact(Str(e, name, path), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly d)
            ? d
            : throw new JsonException($"{path}.{name} is not a date of the form yyyy-MM-dd.");

    private static DateTimeOffset Time(string text, string path) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset t)
            ? t
            : throw new JsonException($"{path} is not an ISO 8601 time with offset (e.g. 2026-11-20T17:00:00.0000000+00:00).");
}
