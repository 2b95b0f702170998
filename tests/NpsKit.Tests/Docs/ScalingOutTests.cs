using Microsoft.Data.Sqlite;
using NpsKit.Aggregation;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs;

/// <summary>The docs/formats.md and docs/scaling-out.md examples, run: let the database count with GROUP BY score, merge the counts here.</summary>
public class ScalingOutTests
{
    #region sql-group-by
    public static NpsTally TallyFromDatabase(SqliteConnection connection, string region)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT score, COUNT(*) FROM responses WHERE region = $region GROUP BY score";
        command.Parameters.AddWithValue("$region", region);
        long[] countsByScore = new long[11];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            countsByScore[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return NpsTally.FromHistogram(countsByScore);
    }
    #endregion

    #region sql-month-department
    public static Dictionary<(string Month, string Department), NpsTally> TalliesByMonthAndDepartment(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = """
            SELECT strftime('%Y-%m', submitted_at) AS month, department, score, COUNT(*) AS answers
            FROM responses
            GROUP BY month, department, score
            """;
        var counts = new Dictionary<(string Month, string Department), long[]>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            (string, string) key = (reader.GetString(0), reader.GetString(1));
            if (!counts.TryGetValue(key, out long[]? countsByScore))
            {
                counts[key] = countsByScore = new long[11];
            }

            countsByScore[reader.GetInt32(2)] = reader.GetInt64(3);
        }

        return counts.ToDictionary(pair => pair.Key, pair => NpsTally.FromHistogram(pair.Value));
    }
    #endregion

    #region sql-weighted
    public static WeightedNpsTally WeightedTallyFromDatabase(SqliteConnection connection)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT score, COUNT(*), SUM(weight), SUM(weight * weight) FROM responses GROUP BY score";
        long[] counts = new long[11];
        double[] sumOfWeights = new double[11], sumOfSquaredWeights = new double[11];
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            int score = reader.GetInt32(0);
            counts[score] = reader.GetInt64(1);
            sumOfWeights[score] = reader.GetDouble(2);
            sumOfSquaredWeights[score] = reader.GetDouble(3);
        }

        return WeightedNpsTally.FromSums(counts, sumOfWeights, sumOfSquaredWeights);
    }
    #endregion

    #region json-machines
    // On each machine: count its own answers into a cube (month × department) and send it as JSON.
    public static string CountOnOneMachine(IEnumerable<(DateTimeOffset SubmittedAt, int Score, string Department)> answers)
    {
        var builder = new NpsCubeBuilder(Segmentation.By("department"), new AggregationOptions { Period = PeriodUnit.Month });
        foreach (var answer in answers)
        {
            builder.Add(answer.SubmittedAt, answer.Score, answer.Department);
        }

        return NpsJson.Serialize(builder.ToCube());
    }

    // On the coordinator: merge what the machines sent. The result is the cube of all answers, exactly.
    public static NpsCube MergeMachines(IEnumerable<string> cubesAsJson) =>
        cubesAsJson.Select(NpsJson.DeserializeCube).Aggregate((all, next) => all.Merge(next));
    #endregion

    [Fact]
    public void GroupByScoreInSqlite_MergedHere_EqualsTallyingAllRows()
    {
        var rows = SyntheticResponses.Generate(5_000, 11, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 12).ToList();
        using SqliteConnection connection = Database(rows);

        // Each region counted by the database, serialized as another machine would send it, merged here.
        NpsTally merged = NpsTally.Empty;
        foreach (string region in SyntheticResponses.Regions)
        {
            string wire = NpsJson.Serialize(TallyFromDatabase(connection, region));
            merged += NpsJson.DeserializeTally(wire);
        }

        Assert.Equal(NpsTally.FromScores(rows.Select(x => x.Score).ToArray()), merged);
    }

    [Fact]
    public void GroupByMonthDepartmentScore_EqualsTallyingEachCellsRows()
    {
        var rows = SyntheticResponses.Generate(5_000, 12, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 12).ToList();
        using SqliteConnection connection = Database(rows);

        Dictionary<(string Month, string Department), NpsTally> tallies = TalliesByMonthAndDepartment(connection);

        var expected = rows.GroupBy(r => (r.SubmittedAt.UtcDateTime.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), r.Department))
            .ToDictionary(g => g.Key, g => NpsTally.FromScores(g.Select(r => (int)r.Score)));
        Assert.Equal(expected.Count, tallies.Count);
        foreach (var (key, tally) in expected)
        {
            Assert.Equal(tally, tallies[key]);
        }

        Assert.Equal(12 * SyntheticResponses.Departments.Count, tallies.Count);
    }

    [Fact]
    public void WeightedSumsInSqlite_EqualTheWeightedTallyOfAllRows()
    {
        var rows = SyntheticResponses.Generate(3_000, 13, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 6).ToList();
        using SqliteConnection connection = Database(rows);

        WeightedNpsTally fromSql = WeightedTallyFromDatabase(connection);

        // Weights are multiples of 0.5, so every sum is exact in double whatever the order of addition.
        WeightedNpsTally expected = WeightedNpsTally.FromResponses([.. rows.Select(r => (int)r.Score)], [.. rows.Select((_, i) => Weight(i))]);
        Assert.Equal(expected.Score, fromSql.Score, 12);
        Assert.Equal(expected.EffectiveSampleSize, fromSql.EffectiveSampleSize, 9);
        Assert.Equal(expected.SumOfWeights, fromSql.SumOfWeights);
        Assert.Equal(expected.SumOfSquaredWeights, fromSql.SumOfSquaredWeights);
    }

    [Fact]
    public void CubesFromSeveralMachines_MergedFromJson_EqualTheCubeOfAllAnswers()
    {
        var rows = SyntheticResponses.Generate(6_000, 14, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 6)
            .Select(r => (r.SubmittedAt, (int)r.Score, r.Department)).ToList();

        // Three machines, each with every third answer (so each sees every month and department, in another order).
        string[] sent = [.. Enumerable.Range(0, 3).Select(m => CountOnOneMachine(rows.Where((_, i) => i % 3 == m)))];
        NpsCube merged = MergeMachines(sent);

        NpsCube whole = NpsJson.DeserializeCube(CountOnOneMachine(rows));
        Assert.Equal(whole.Periods, merged.Periods);
        Assert.Equal(whole.Segments, merged.Segments);
        foreach (ReportingPeriod period in whole.Periods)
        {
            foreach (SegmentPath segment in whole.Segments)
            {
                Assert.Equal(whole.Tally(period, segment), merged.Tally(period, segment));
            }
        }

        Assert.Equal(NpsTally.FromScores(rows.Select(r => r.Item2)), merged.Total);
    }

    private static double Weight(int row) => 0.5 * (1 + (row % 4));

    /// <summary>An in-memory SQLite table of the rows: respondent, ISO-8601 UTC time, score, region, department, weight.</summary>
    private static SqliteConnection Database(IReadOnlyList<SyntheticResponse> rows)
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE responses (respondent TEXT, submitted_at TEXT NOT NULL, score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), region TEXT, department TEXT, weight REAL)";
            create.ExecuteNonQuery();
        }

        using SqliteTransaction tx = connection.BeginTransaction();
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO responses VALUES ($r, $t, $s, $g, $d, $w)";
        var r = insert.Parameters.Add("$r", SqliteType.Text);
        var t = insert.Parameters.Add("$t", SqliteType.Text);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var g = insert.Parameters.Add("$g", SqliteType.Text);
        var d = insert.Parameters.Add("$d", SqliteType.Text);
        var w = insert.Parameters.Add("$w", SqliteType.Real);
        for (int i = 0; i < rows.Count; i++)
        {
            SyntheticResponse row = rows[i];
            r.Value = row.RespondentId;
            t.Value = row.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
            s.Value = (int)row.Score;
            g.Value = row.Region;
            d.Value = row.Department;
            w.Value = Weight(i);
            insert.ExecuteNonQuery();
        }

        tx.Commit();
        return connection;
    }
}
