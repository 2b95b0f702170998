using Microsoft.Data.Sqlite;
using NpsKit.Serialization;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Docs;

/// <summary>The docs/formats.md example, run: let the database count with GROUP BY score, merge the counts here.</summary>
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

    [Fact]
    public void GroupByScoreInSqlite_MergedHere_EqualsTallyingAllRows()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using (SqliteCommand create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE responses (respondent TEXT, score INTEGER NOT NULL CHECK (score BETWEEN 0 AND 10), region TEXT)";
            create.ExecuteNonQuery();
        }

        var rows = SyntheticResponses.Generate(5_000, 11, new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), 12).ToList();
        using (SqliteTransaction tx = connection.BeginTransaction())
        using (SqliteCommand insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO responses VALUES ($r, $s, $g)";
            var r = insert.Parameters.Add("$r", SqliteType.Text);
            var s = insert.Parameters.Add("$s", SqliteType.Integer);
            var g = insert.Parameters.Add("$g", SqliteType.Text);
            foreach (SyntheticResponse row in rows)
            {
                r.Value = row.RespondentId;
                s.Value = (int)row.Score;
                g.Value = row.Region;
                insert.ExecuteNonQuery();
            }

            tx.Commit();
        }

        // Each region counted by the database, serialized as another machine would send it, merged here.
        NpsTally merged = NpsTally.Empty;
        foreach (string region in SyntheticResponses.Regions)
        {
            string wire = NpsJson.Serialize(TallyFromDatabase(connection, region));
            merged += NpsJson.DeserializeTally(wire);
        }

        Assert.Equal(NpsTally.FromScores(rows.Select(x => x.Score).ToArray()), merged);
    }
}
