using Xunit;

namespace NpsKit.TestUtilities;

/// <summary>One file of the survey-tool corpus (tests/NpsKit.Csv.Tests/TestData/surveys) with the counts
/// make_corpus.py computed from the answers it wrote. Shared by the library, workbook and CLI tests of the corpus.</summary>
/// <param name="File">The file's path inside the corpus folder, e.g. <c>qualtrics/qualtrics_numeric.csv</c>.</param>
/// <param name="Zone">The IANA zone of the file's local times, or empty when its times carry their zone.</param>
/// <param name="N">The answers with a score.</param>
/// <param name="Promoters">The answers scored 9 or 10.</param>
/// <param name="Passives">The answers scored 7 or 8.</param>
/// <param name="Detractors">The answers scored 0 to 6.</param>
/// <param name="NonResponses">The rows with the score left blank (a skipped question).</param>
/// <param name="Months">The months (in <paramref name="Zone"/>, or UTC) that hold answers, in order.</param>
public sealed record SurveyCorpusFile(string File, string Zone, long N, long Promoters, long Passives, long Detractors, long NonResponses, string[] Months)
{
    /// <summary>The corpus folder.</summary>
    public static string Folder => System.IO.Path.Combine(ApiConventions.RepoRoot(), "tests", "NpsKit.Csv.Tests", "TestData", "surveys");

    /// <summary>The full path of the file.</summary>
    public string Path => System.IO.Path.Combine(Folder, File);

    /// <summary>Every file of the corpus, from expected.csv.</summary>
    public static IReadOnlyList<SurveyCorpusFile> All() => [.. System.IO.File.ReadAllLines(System.IO.Path.Combine(Folder, "expected.csv")).Skip(1)
        .Where(line => line.Length > 0)
        .Select(line => line.Split(','))
        .Select(f => new SurveyCorpusFile(f[0], f[2], long.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), long.Parse(f[4], System.Globalization.CultureInfo.InvariantCulture), long.Parse(f[5], System.Globalization.CultureInfo.InvariantCulture), long.Parse(f[6], System.Globalization.CultureInfo.InvariantCulture), long.Parse(f[7], System.Globalization.CultureInfo.InvariantCulture), f[8].Split(' ')))];

    /// <summary>The file names, as xunit theory data.</summary>
    public static TheoryData<string> Names()
    {
        var data = new TheoryData<string>();
        foreach (SurveyCorpusFile file in All())
        {
            data.Add(file.File);
        }

        return data;
    }

    /// <summary>The corpus file named <paramref name="name"/>.</summary>
    public static SurveyCorpusFile Named(string name) => All().Single(f => f.File == name);
}
