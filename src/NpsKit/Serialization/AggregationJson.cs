using System.Globalization;
using System.Text.Json;
using NpsKit.Aggregation;

namespace NpsKit.Serialization;

/// <summary>The JSON shapes of cubes and series (see <see cref="NpsJson"/> and docs/formats.md).</summary>
internal static class AggregationJson
{
    public const string CubeFormat = "npskit.cube";
    public const string SeriesFormat = "npskit.series";

    public static void WriteCube(Utf8JsonWriter w, NpsCube cube)
    {
        w.WriteStartObject();
        w.WriteString("format", CubeFormat);
        w.WriteNumber("version", NpsJson.Version);
        WriteCalendar(w, cube.Calendar.TimeZoneId, cube.Calendar.Unit, cube.Calendar.FiscalYearStartMonth);
        w.WriteStartObject("segmentation");
        w.WriteString("kind", cube.Segmentation.Kind.ToString());
        WriteStrings(w, "dimensions", cube.Segmentation.Dimensions);
        w.WriteEndObject();
        w.WriteNumber("minimumCount", cube.MinimumCount);
        if (cube.IsWeighted)
        {
            w.WriteBoolean("weighted", true);
        }

        if (!cube.HasScoreDetail)
        {
            w.WriteBoolean("categoryOnly", true);
        }

        WritePeriods(w, cube.Periods);
        w.WriteStartArray("segments");
        foreach (SegmentPath leaf in cube.Segments)
        {
            w.WriteStartArray();
            for (int d = 0; d < leaf.Depth; d++)
            {
                w.WriteStringValue(leaf.ValueAt(d));
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteStartArray("cells");
        long[] counts = cube.RawCounts;
        int leaves = cube.Segments.Count;
        for (int p = 0; p < cube.Periods.Count; p++)
        {
            for (int l = 0; l < leaves; l++)
            {
                ReadOnlySpan<long> cell = counts.AsSpan(((p * leaves) + l) * Nps.ScaleLength, Nps.ScaleLength);
                if (cell.ContainsAnyExcept(0L))
                {
                    w.WriteStartObject();
                    w.WriteNumber("period", p);
                    w.WriteNumber("segment", l);
                    if (cube.HasScoreDetail)
                    {
                        w.WriteStartArray("counts");
                        foreach (long c in cell)
                        {
                            w.WriteNumberValue(c);
                        }

                        w.WriteEndArray();
                    }
                    else
                    {
                        // Known only by category (slots 0, 7 and 9 hold them): no 0-10 counts are written.
                        w.WriteStartObject("categoryOnly");
                        w.WriteNumber("promoters", cell[9]);
                        w.WriteNumber("passives", cell[7]);
                        w.WriteNumber("detractors", cell[0]);
                        w.WriteEndObject();
                    }
                    if (cube.IsWeighted)
                    {
                        int slot = ((p * leaves) + l) * Nps.ScaleLength;
                        WriteNumbers(w, "weights", cube.RawWeights.AsSpan(slot, Nps.ScaleLength), cube.WeightExponent);
                        WriteNumbers(w, "squaredWeights", cube.RawSquaredWeights.AsSpan(slot, Nps.ScaleLength), 2 * cube.WeightExponent);
                    }

                    w.WriteEndObject();
                }
            }
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static NpsCube ReadCube(ref Utf8JsonReader r)
    {
        JsonFormat.ExpectStartObject(ref r, "a cube");
        bool sawFormat = false, sawVersion = false;
        (string Zone, PeriodUnit Unit, int Fiscal)? calendar = null;
        Segmentation? segmentation = null;
        int minimumCount = 0;
        bool weighted = false;
        bool categoryOnly = false;
        int scoreCells = 0, categoryCells = 0;
        List<DateOnly>? periodDays = null;
        List<string[]>? segments = null;
        var cells = new List<(int Period, int Segment, long[] Counts, double[]? Weights, double[]? SquaredWeights)>();
        while (JsonFormat.NextProperty(ref r, out string name))
        {
            switch (name)
            {
                case "format": JsonFormat.ExpectFormat(ref r, CubeFormat); sawFormat = true; break;
                case "version": JsonFormat.ExpectVersion(ref r); sawVersion = true; break;
                case "calendar": calendar = ReadCalendar(ref r); break;
                case "segmentation": segmentation = ReadSegmentation(ref r); break;
                case "minimumCount": minimumCount = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "minimumCount")); break;
                case "weighted":
                    weighted = r.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw new JsonException("\"weighted\" must be true or false."),
                    };
                    break;
                case "categoryOnly":
                    categoryOnly = r.TokenType switch
                    {
                        JsonTokenType.True => true,
                        JsonTokenType.False => false,
                        _ => throw new JsonException("\"categoryOnly\" must be true or false."),
                    };
                    break;
                case "periods": periodDays = ReadPeriodDays(ref r); break;
                case "segments":
                    segments = [];
                    ExpectArray(ref r, "segments");
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        segments.Add(ReadStrings(ref r, $"segments[{segments.Count}]").ToArray());
                    }

                    break;
                case "cells":
                    ExpectArray(ref r, "cells");
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        JsonFormat.ExpectStartObject(ref r, $"cells[{cells.Count}]");
                        int period = -1, segment = -1;
                        long[]? counts = null;
                        double[]? cellWeights = null, cellSquaredWeights = null;
                        while (JsonFormat.NextProperty(ref r, out string cellProperty))
                        {
                            switch (cellProperty)
                            {
                                case "period": period = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "period")); break;
                                case "segment": segment = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "segment")); break;
                                case "counts": counts = JsonFormat.ReadCounts(ref r, $"cells[{cells.Count}].counts"); scoreCells++; break;
                                case "categoryOnly": counts = ReadCategoryCell(ref r, $"cells[{cells.Count}].categoryOnly"); categoryCells++; break;
                                case "weights": cellWeights = JsonFormat.ReadSums(ref r, $"cells[{cells.Count}].weights"); break;
                                case "squaredWeights": cellSquaredWeights = JsonFormat.ReadSums(ref r, $"cells[{cells.Count}].squaredWeights"); break;
                                default: throw JsonFormat.Unknown($"cells[{cells.Count}].{cellProperty}", "period, segment, counts, categoryOnly, weights, squaredWeights");
                            }
                        }

                        if (period < 0 || segment < 0 || counts is null)
                        {
                            throw new JsonException($"cells[{cells.Count}] needs \"period\", \"segment\" (indexes into \"periods\" and \"segments\") and \"counts\".");
                        }

                        cells.Add((period, segment, counts, cellWeights, cellSquaredWeights));
                    }

                    break;
                default:
                    throw JsonFormat.Unknown(name, "format, version, calendar, segmentation, minimumCount, weighted, categoryOnly, periods, segments, cells");
            }
        }

        JsonFormat.RequireHeader(sawFormat, sawVersion, CubeFormat);
        if (calendar is null || segmentation is null || periodDays is null || segments is null)
        {
            throw new JsonException("A cube needs \"calendar\", \"segmentation\", \"periods\" and \"segments\".");
        }

        ReportingCalendar cal = ToCalendar(calendar.Value);
        ReportingPeriod[] periods = ToPeriods(periodDays, cal.Unit, cal.FiscalYearStartMonth);
        foreach (string[] leaf in segments)
        {
            if (leaf.Length != segmentation.Dimensions.Count)
            {
                throw new JsonException($"A segment has {leaf.Length} values but the segmentation has {segmentation.Dimensions.Count} dimensions.");
            }
        }

        long[] all = new long[periods.Length * segments.Count * Nps.ScaleLength];
        double[]? allWeights = weighted ? new double[all.Length] : null;
        double[]? allSquaredWeights = weighted ? new double[all.Length] : null;
        var seen = new HashSet<(int, int)>();
        foreach ((int p, int l, long[] counts, double[]? cellWeights, double[]? cellSquaredWeights) in cells)
        {
            if (p >= periods.Length || l >= segments.Count)
            {
                throw new JsonException($"A cell points at period {p} and segment {l}, but there are {periods.Length} periods and {segments.Count} segments.");
            }

            if (!seen.Add((p, l)))
            {
                throw new JsonException($"Period {p} and segment {l} appear in two cells; each cell may appear once.");
            }

            _ = NpsTally.FromHistogram(counts); // validates the total
            int slot = ((p * segments.Count) + l) * Nps.ScaleLength;
            counts.CopyTo(all, slot);
            if (weighted != (cellWeights is not null) || weighted != (cellSquaredWeights is not null))
            {
                throw new JsonException(weighted
                    ? $"The cube is weighted, so the cell of period {p} and segment {l} needs \"weights\" and \"squaredWeights\" (11 sums each)."
                    : $"The cell of period {p} and segment {l} has weights, but the cube does not say \"weighted\": true.");
            }

            if (weighted)
            {
                try
                {
                    _ = WeightedNpsTally.FromSums(counts, cellWeights, cellSquaredWeights); // validates each sum against its count
                }
                catch (ArgumentException e)
                {
                    throw new JsonException($"The cell of period {p} and segment {l} has inconsistent weights: {e.Message}", e);
                }

                cellWeights!.CopyTo(allWeights!, slot);
                cellSquaredWeights!.CopyTo(allSquaredWeights!, slot);
            }
        }

        if (categoryOnly ? scoreCells > 0 : categoryCells > 0)
        {
            throw new JsonException(categoryOnly
                ? "The cube says \"categoryOnly\": true, so its cells give \"categoryOnly\" counts (promoters, passives, detractors), not 0-10 \"counts\"."
                : "A cell gives \"categoryOnly\" counts, but the cube does not say \"categoryOnly\": true; a cube's cells are all by score or all by category.");
        }

        if (categoryOnly && weighted)
        {
            throw new JsonException("A cube cannot be both \"weighted\" and \"categoryOnly\": weighted tallies keep their weights per 0-10 score.");
        }

        return new NpsCube(cal, segmentation, periods, [.. segments], all, minimumCount, allWeights, allSquaredWeights, categoryOnly: categoryOnly);
    }

    /// <summary>Reads a category-only cell (promoters, passives, detractors) into 11 slots: 0 detractors, 7 passives, 9 promoters.</summary>
    private static long[] ReadCategoryCell(ref Utf8JsonReader r, string what)
    {
        JsonFormat.ExpectStartObject(ref r, what);
        long[] counts = new long[Nps.ScaleLength];
        while (JsonFormat.NextProperty(ref r, out string category))
        {
            long value = JsonFormat.ReadCount(ref r, what + "." + category);
            switch (category)
            {
                case "promoters": counts[9] = value; break;
                case "passives": counts[7] = value; break;
                case "detractors": counts[0] = value; break;
                default: throw JsonFormat.Unknown(what + "." + category, "promoters, passives, detractors");
            }
        }

        return counts;
    }

    public static void WriteSeries(Utf8JsonWriter w, NpsSeries series)
    {
        w.WriteStartObject();
        w.WriteString("format", SeriesFormat);
        w.WriteNumber("version", NpsJson.Version);
        w.WriteStartArray("segment");
        for (int d = 0; d < series.Segment.Depth; d++)
        {
            w.WriteStartArray();
            w.WriteStringValue(series.Segment.DimensionAt(d));
            w.WriteStringValue(series.Segment.ValueAt(d));
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteString("unit", series.Unit.ToString());
        w.WriteNumber("fiscalYearStartMonth", series.Points.Count > 0 ? series.Points[0].Period.FiscalYearStartMonth : 1);
        w.WriteNumber("minimumCount", series.MinimumCount);
        w.WriteStartObject("window");
        w.WriteString("kind", series.Window.Kind.ToString());
        w.WriteNumber("length", series.Window.Length);
        w.WriteEndObject();
        w.WriteStartArray("points");
        for (int i = 0; i < series.Points.Count; i++)
        {
            w.WriteStartObject();
            w.WriteString("period", series.Points[i].Period.ToString());
            w.WriteString("firstDay", series.Points[i].Period.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WritePropertyName("tally");
            NpsTallyJsonConverter.WriteTally(w, series.PerPeriod[i]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    public static NpsSeries ReadSeries(ref Utf8JsonReader r)
    {
        JsonFormat.ExpectStartObject(ref r, "a series");
        bool sawFormat = false, sawVersion = false;
        SegmentPath segment = SegmentPath.Total;
        PeriodUnit? unit = null;
        int fiscal = 1, minimumCount = 0;
        RollingWindow window = RollingWindow.Single;
        var days = new List<DateOnly>();
        var tallies = new List<NpsTally>();
        while (JsonFormat.NextProperty(ref r, out string name))
        {
            switch (name)
            {
                case "format": JsonFormat.ExpectFormat(ref r, SeriesFormat); sawFormat = true; break;
                case "version": JsonFormat.ExpectVersion(ref r); sawVersion = true; break;
                case "segment":
                    ExpectArray(ref r, "segment");
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        List<string> pair = ReadStrings(ref r, "segment");
                        if (pair.Count != 2)
                        {
                            throw new JsonException("Each element of \"segment\" must be a [dimension, value] pair.");
                        }

                        segment = segment.Then(pair[0], pair[1]);
                    }

                    break;
                case "unit": unit = ParseEnum<PeriodUnit>(ref r, "unit"); break;
                case "fiscalYearStartMonth": fiscal = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "fiscalYearStartMonth")); break;
                case "minimumCount": minimumCount = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "minimumCount")); break;
                case "window":
                    JsonFormat.ExpectStartObject(ref r, "window");
                    RollingWindowKind kind = RollingWindowKind.Single;
                    int length = 1;
                    while (JsonFormat.NextProperty(ref r, out string wp))
                    {
                        switch (wp)
                        {
                            case "kind": kind = ParseEnum<RollingWindowKind>(ref r, "window.kind"); break;
                            case "length": length = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "window.length")); break;
                            default: throw JsonFormat.Unknown("window." + wp, "kind, length");
                        }
                    }

                    window = kind switch
                    {
                        RollingWindowKind.Single => RollingWindow.Single,
                        RollingWindowKind.Cumulative => RollingWindow.Cumulative,
                        RollingWindowKind.Periods => RollingWindow.Periods(length),
                        _ => RollingWindow.Days(length),
                    };
                    break;
                case "points":
                    ExpectArray(ref r, "points");
                    while (r.Read() && r.TokenType != JsonTokenType.EndArray)
                    {
                        JsonFormat.ExpectStartObject(ref r, $"points[{days.Count}]");
                        DateOnly? day = null;
                        NpsTally? tally = null;
                        while (JsonFormat.NextProperty(ref r, out string pp))
                        {
                            switch (pp)
                            {
                                case "period": _ = r.GetString(); break; // the label is for people; firstDay is authoritative
                                case "firstDay": day = ReadDay(ref r, $"points[{days.Count}].firstDay"); break;
                                case "tally": tally = NpsTallyJsonConverter.ReadTally(ref r); break;
                                default: throw JsonFormat.Unknown($"points[{days.Count}].{pp}", "period, firstDay, tally");
                            }
                        }

                        if (day is null || tally is null)
                        {
                            throw new JsonException($"points[{days.Count}] needs \"firstDay\" and \"tally\".");
                        }

                        days.Add(day.Value);
                        tallies.Add(tally.Value);
                    }

                    break;
                default:
                    throw JsonFormat.Unknown(name, "format, version, segment, unit, fiscalYearStartMonth, minimumCount, window, points");
            }
        }

        JsonFormat.RequireHeader(sawFormat, sawVersion, SeriesFormat);
        if (unit is null)
        {
            throw new JsonException("A series needs \"unit\".");
        }

        ReportingPeriod[] periods = ToPeriods(days, unit.Value, fiscal);
        return new NpsSeries(segment, unit.Value, periods, [.. tallies], minimumCount, window);
    }

    private static void WriteCalendar(Utf8JsonWriter w, string zone, PeriodUnit unit, int fiscal)
    {
        w.WriteStartObject("calendar");
        w.WriteString("timeZone", zone);
        w.WriteString("unit", unit.ToString());
        w.WriteNumber("fiscalYearStartMonth", fiscal);
        w.WriteEndObject();
    }

    private static (string, PeriodUnit, int) ReadCalendar(ref Utf8JsonReader r)
    {
        JsonFormat.ExpectStartObject(ref r, "calendar");
        string? zone = null;
        PeriodUnit unit = PeriodUnit.Month;
        int fiscal = 1;
        while (JsonFormat.NextProperty(ref r, out string name))
        {
            switch (name)
            {
                case "timeZone": zone = r.GetString(); break;
                case "unit": unit = ParseEnum<PeriodUnit>(ref r, "calendar.unit"); break;
                case "fiscalYearStartMonth": fiscal = (int)Math.Min(int.MaxValue, JsonFormat.ReadCount(ref r, "calendar.fiscalYearStartMonth")); break;
                default: throw JsonFormat.Unknown("calendar." + name, "timeZone, unit, fiscalYearStartMonth");
            }
        }

        return (zone ?? throw new JsonException("\"calendar\" needs \"timeZone\", an IANA time zone id."), unit, fiscal);
    }

    private static ReportingCalendar ToCalendar((string Zone, PeriodUnit Unit, int Fiscal) c)
    {
        try
        {
            return ReportingCalendar.FromTimeZoneId(c.Zone, c.Unit, c.Fiscal);
        }
        catch (ArgumentException ex)
        {
            throw new JsonException("\"calendar\" is invalid: " + ex.Message, ex);
        }
    }

    private static Segmentation ReadSegmentation(ref Utf8JsonReader r)
    {
        JsonFormat.ExpectStartObject(ref r, "segmentation");
        SegmentationKind kind = SegmentationKind.Total;
        List<string> dimensions = [];
        while (JsonFormat.NextProperty(ref r, out string name))
        {
            switch (name)
            {
                case "kind": kind = ParseEnum<SegmentationKind>(ref r, "segmentation.kind"); break;
                case "dimensions": dimensions = ReadStrings(ref r, "segmentation.dimensions"); break;
                default: throw JsonFormat.Unknown("segmentation." + name, "kind, dimensions");
            }
        }

        try
        {
            return kind switch
            {
                SegmentationKind.Total => Segmentation.Total,
                SegmentationKind.Single => Segmentation.By(dimensions.Single()),
                SegmentationKind.CrossTab => Segmentation.CrossTab(dimensions),
                _ => Segmentation.Hierarchy(dimensions),
            };
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            throw new JsonException($"\"segmentation\" is invalid for kind {kind}: {ex.Message}", ex);
        }
    }

    private static void WritePeriods(Utf8JsonWriter w, IReadOnlyList<ReportingPeriod> periods)
    {
        w.WriteStartArray("periods");
        foreach (ReportingPeriod p in periods)
        {
            w.WriteStartObject();
            w.WriteString("key", p.ToString());
            w.WriteString("firstDay", p.FirstDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static List<DateOnly> ReadPeriodDays(ref Utf8JsonReader r)
    {
        var days = new List<DateOnly>();
        ExpectArray(ref r, "periods");
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            JsonFormat.ExpectStartObject(ref r, $"periods[{days.Count}]");
            DateOnly? day = null;
            while (JsonFormat.NextProperty(ref r, out string name))
            {
                switch (name)
                {
                    case "key": _ = r.GetString(); break;
                    case "firstDay": day = ReadDay(ref r, $"periods[{days.Count}].firstDay"); break;
                    default: throw JsonFormat.Unknown($"periods[{days.Count}].{name}", "key, firstDay");
                }
            }

            days.Add(day ?? throw new JsonException($"periods[{days.Count}] needs \"firstDay\"."));
        }

        return days;
    }

    private static ReportingPeriod[] ToPeriods(List<DateOnly> days, PeriodUnit unit, int fiscal)
    {
        var periods = new ReportingPeriod[days.Count];
        for (int i = 0; i < days.Count; i++)
        {
            try
            {
                periods[i] = ReportingPeriod.Containing(days[i], unit, fiscal);
            }
            catch (ArgumentException ex)
            {
                throw new JsonException($"Period {i} is invalid: {ex.Message}", ex);
            }

            if (periods[i].FirstDay != days[i])
            {
                throw new JsonException($"Period {i} starts on {days[i]:yyyy-MM-dd}, which is not the first day of a {unit} period (that would be {periods[i].FirstDay:yyyy-MM-dd}).");
            }

            if (i > 0 && periods[i].CompareTo(periods[i - 1]) <= 0)
            {
                throw new JsonException($"Periods must be in increasing order without repeats; period {i} ({periods[i]}) is not after period {i - 1} ({periods[i - 1]}).");
            }
        }

        return periods;
    }

    private static DateOnly ReadDay(ref Utf8JsonReader r, string property)
    {
        if (r.TokenType != JsonTokenType.String || !DateOnly.TryParseExact(r.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day))
        {
            throw new JsonException($"\"{property}\" must be a date as \"yyyy-MM-dd\".");
        }

        return day;
    }

    private static T ParseEnum<T>(ref Utf8JsonReader r, string property)
        where T : struct, Enum
    {
        string? text = r.TokenType == JsonTokenType.String ? r.GetString() : null;
        if (text is null || !Enum.TryParse(text, ignoreCase: false, out T value) || !Enum.IsDefined(value) || char.IsDigit(text[0]))
        {
            throw new JsonException($"\"{property}\" must be one of {string.Join(", ", Enum.GetNames<T>())}.");
        }

        return value;
    }

    private static void WriteNumbers(Utf8JsonWriter w, string name, ReadOnlySpan<double> values, int exponent = 0)
    {
        w.WriteStartArray(name);
        foreach (double stored in values)
        {
            // The cube keeps weight sums rescaled by 2^−exponent; the file holds the true sums.
            double v = Math.ScaleB(stored, exponent);
            if (!double.IsFinite(v))
            {
                throw new InvalidOperationException($"A cell's {name} sum is {v} at true scale (weights near 1e154 or more): rescale the weights (every statistic is invariant to a common factor) before writing the cube to JSON.");
            }

            w.WriteNumberValue(v);
        }

        w.WriteEndArray();
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (string v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static List<string> ReadStrings(ref Utf8JsonReader r, string property)
    {
        ExpectArray(ref r, property);
        var list = new List<string>();
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"\"{property}\" must contain strings only.");
            }

            list.Add(r.GetString()!);
        }

        return list;
    }

    private static void ExpectArray(ref Utf8JsonReader r, string property)
    {
        if (r.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"\"{property}\" must be an array.");
        }
    }
}
