using System.Globalization;
using FsCheck.Fluent;
using NpsKit.Aggregation;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Issue #13 properties (FsCheck, seeded by <see cref="PropertyRunner"/>).</summary>
public sealed class SurveyExportProperties
{
    private static readonly AggregationOptions Daily = new() { Period = PeriodUnit.Day, TimeZoneId = "Etc/UTC", MinimumCount = 0 };

    /// <summary>The date-order decision never accepts a file whose dates contradict each other (one proves day-first,
    /// another month-first), never accepts a file whose dates prove nothing, and reads every date written in the proven
    /// order where it belongs.</summary>
    [Fact]
    public void DateOrderDecision_NeverAcceptsAContradiction_NorAWrongOrder() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Zip(Gen.Zip(Gen.Choose(1, 40), Gen.Elements(true, false)), Gen.Zip(Gen.Choose(0, int.MaxValue), Gen.Elements(true, false)))), input =>
        {
            ((int n, bool dayFirst), (int seed, bool contradict)) = input;
            var rng = new Random(seed);
            var dates = Enumerable.Range(0, n).Select(_ => (Date: new DateTime(2025, 1, 1).AddDays(rng.Next(730)), DayFirst: dayFirst)).ToList();
            if (contradict)
            {
                // A date whose day is above 12, written in the other order: it can only be read that other way.
                dates.Insert(rng.Next(dates.Count + 1), (new DateTime(2025, 1 + rng.Next(12), 13 + rng.Next(16)), !dayFirst));
            }

            string Write((DateTime Date, bool DayFirst) d) => d.Date.ToString(d.DayFirst ? "dd/MM/yyyy" : "MM/dd/yyyy", CultureInfo.InvariantCulture);
            bool provesDayFirst = dates.Any(d => d.DayFirst && d.Date.Day > 12);
            bool provesMonthFirst = dates.Any(d => !d.DayFirst && d.Date.Day > 12);
            string text = "score,date\n" + string.Join('\n', dates.Select(d => "9," + Write(d))) + "\n";
            foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
            {
                CsvTableResult result;
                try
                {
                    result = NpsCsv.ReadTable(new StringReader(text), new CsvReadOptions { TimeZone = "Etc/UTC", Mode = mode });
                }
                catch (NpsDataException)
                {
                    if (provesDayFirst != provesMonthFirst)
                    {
                        return false; // a file that proves one order was refused
                    }

                    continue; // refused: a contradiction, or no evidence
                }

                if (provesDayFirst == provesMonthFirst || result.Report.DateOrder != (provesDayFirst ? DateOrder.DayFirst : DateOrder.MonthFirst))
                {
                    return false; // accepted a contradiction or no evidence, or chose the order not proven
                }

                bool decidedDayFirst = provesDayFirst;
                ReadOnlySpan<long> ticks = result.Table.UtcTicks;
                for (int i = 0; i < dates.Count; i++)
                {
                    if (dates[i].DayFirst == decidedDayFirst && ticks[i] != new DateTimeOffset(dates[i].Date, TimeSpan.Zero).UtcTicks)
                    {
                        return false;
                    }
                }
            }

            return true;
        }), maxTest: 300);

    /// <summary>Any valid response table, written in each supported layout, reads back to the same tally and the same cube.</summary>
    [Fact]
    public void AnyTable_InEveryLayout_ReadsToTheSameTallyAndCube() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(1, 40).SelectMany(n => Gen.ArrayOf(Gen.Zip(Gen.Choose(0, 10), Gen.Choose(0, 90 * 24 * 60)), n))), rows =>
        {
            var start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            var answers = rows.Select(r => (Score: r.Item1, Time: start.AddMinutes(r.Item2))).ToArray();
            var builder = new NpsCubeBuilder(Segmentation.Total, Daily);
            foreach (var a in answers)
            {
                builder.Add(new DateTimeOffset(a.Time), a.Score);
            }

            NpsCube expected = builder.ToCube();
            foreach ((SurveySource source, string text) in Layouts(answers))
            {
                CsvCubeResult read = NpsCsv.ReadCube(new StringReader(text), Segmentation.Total, Daily, new CsvReadOptions { TimeZone = "Etc/UTC" });
                if (read.Report.SurveySource != source || read.Cube.Total != expected.Total
                    || !read.Cube.Cells().Select(c => (c.Period, c.Tally)).SequenceEqual(expected.Cells().Select(c => (c.Period, c.Tally))))
                {
                    throw new InvalidOperationException($"{source}: read {read.Cube.Total} ({read.Report}), expected {expected.Total}");
                }
            }

            return true;
        }), maxTest: 60);

    private static IEnumerable<(SurveySource, string)> Layouts((int Score, DateTime Time)[] answers)
    {
        string Iso(DateTime t) => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        string Lines(Func<int, (int Score, DateTime Time), string> line) => string.Concat(answers.Select((a, i) => line(i, a) + "\n"));

        yield return (SurveySource.Generic, "respondent_id,submitted_at,score\n" + Lines((i, a) => $"R{i},{Iso(a.Time)}Z,{a.Score}"));
        yield return (SurveySource.Qualtrics,
            "StartDate,EndDate,Status,RecordedDate,ResponseId,Q1,Q1_NPS_GROUP\n"
            + "Start Date,End Date,Response Type,Recorded Date,Response ID,How likely are you to recommend us?,How likely are you to recommend us? - Group\n"
            + "\"{\"\"ImportId\"\":\"\"startDate\"\",\"\"timeZone\"\":\"\"UTC\"\"}\",\"{\"\"ImportId\"\":\"\"endDate\"\",\"\"timeZone\"\":\"\"UTC\"\"}\",\"{\"\"ImportId\"\":\"\"status\"\"}\",\"{\"\"ImportId\"\":\"\"recordedDate\"\",\"\"timeZone\"\":\"\"UTC\"\"}\",\"{\"\"ImportId\"\":\"\"_recordId\"\"}\",\"{\"\"ImportId\"\":\"\"QID1\"\"}\",\"{\"\"ImportId\"\":\"\"QID1_NPS_GROUP\"\"}\"\n"
            + Lines((i, a) => $"{Iso(a.Time)},{Iso(a.Time)},IP Address,{Iso(a.Time)},R_{i},{a.Score},{(a.Score >= 9 ? "Promoter" : a.Score >= 7 ? "Passive" : "Detractor")}"));
        yield return (SurveySource.SurveyMonkey,
            "Respondent ID,Collector ID,Start Date,End Date,How likely is it that you would recommend us to a friend?\n,,,,Response\n"
            + Lines((i, a) => $"{1000 + i},42,{Iso(a.Time)},{Iso(a.Time)},{a.Score}"));
        yield return (SurveySource.Delighted, "Response ID,Email,Score,Comment,Response timestamp\n" + Lines((i, a) => $"{i},p{i}@x.io,{a.Score},,{Iso(a.Time)} UTC"));
        yield return (SurveySource.Typeform, "#,How likely are you to recommend us?,Submit Date (UTC),Network ID\n" + Lines((i, a) => $"t{i},{a.Score},{Iso(a.Time)},n"));
        yield return (SurveySource.AskNicely, "response_id,email,answer,comment,responded\n" + Lines((i, a) => $"{i},p{i}@x.io,{a.Score},,{new DateTimeOffset(a.Time).ToUnixTimeSeconds()}"));
        yield return (SurveySource.Zendesk, "id,survey_name,rating,comment,rated_at\n" + Lines((i, a) => $"{i},NPS,{a.Score},,{Iso(a.Time)}Z"));
        yield return (SurveySource.Medallia, "Survey ID,Response Date,Likelihood to Recommend\n" + Lines((i, a) => $"{i},{Iso(a.Time)}Z,{a.Score}"));
        yield return (SurveySource.Hotjar, "Number,Date Submitted,Country,Source URL,How likely are you to recommend us?\n" + Lines((i, a) => $"{i},{Iso(a.Time)},DK,https://x.io,{a.Score}"));
        yield return (SurveySource.MicrosoftForms, "ID,Start time,Completion time,Email,How likely are you to recommend us?\n" + Lines((i, a) => $"{i},{Iso(a.Time)},{Iso(a.Time)},anon,{a.Score}"));
        yield return (SurveySource.GoogleForms, "Timestamp,How likely are you to recommend us?\n" + Lines((i, a) => $"{Iso(a.Time)},{a.Score}"));
    }
}
