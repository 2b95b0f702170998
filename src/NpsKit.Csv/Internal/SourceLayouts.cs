using System.Globalization;
using System.Text.Json;

namespace NpsKit.Csv.Internal;

/// <summary>A survey tool's export layout: how to recognise it from its first header row, how many header rows it has,
/// and which of its columns hold the score, the time, the respondent and the comment (normalized names, preferred first).</summary>
/// <remarks>Where each layout comes from is written in docs/formats.md ("From your survey tool") and in the corpus
/// README files under tests/NpsKit.Csv.Tests/TestData.</remarks>
internal sealed record SourceLayout(
    SurveySource Source,
    int MaxHeaderRows,
    string[] Score,
    string[] Time,
    string[] Respondent,
    string[] Comment)
{
    /// <summary>Whether row <paramref name="index"/> (1 = the second header row) of the file is a further header row of this layout.</summary>
    public bool IsHeaderRow(int index, string[] header, string[] row)
    {
        switch (Source)
        {
            case SurveySource.Qualtrics:
                // Row 2 holds the question texts ("Start Date" under StartDate); row 3 the ImportId JSON objects.
                return index == 1
                    ? row.Any(f => f.TrimStart().StartsWith("{\"ImportId\"", StringComparison.Ordinal)) is false
                        && Enumerable.Range(0, Math.Min(header.Length, row.Length)).Any(i => ColumnMap.Normalize(header[i]) is "startdate" or "enddate" or "recordeddate" && ColumnMap.Normalize(row[i]) is "startdate" or "enddate" or "recordeddate")
                    : row.Any(f => f.TrimStart().StartsWith("{\"ImportId\"", StringComparison.Ordinal));
            case SurveySource.SurveyMonkey:
                // Row 2 names each column's answer option: "Response", "Open-Ended Response", or the option text.
                return index == 1 && row.Any(f => ColumnMap.Normalize(f) is "response" or "openendedresponse");
            default:
                return false;
        }
    }

    /// <summary>The time zone the header declares for the time column: <c>(UTC)</c> in its name (Typeform's
    /// <c>Submit Date (UTC)</c>), or the <c>timeZone</c> of its Qualtrics ImportId; <see langword="null"/> when none.</summary>
    public static string? DeclaredTimeZone(string[] header, IReadOnlyList<string[]> headerRows, int timeColumn)
    {
        if (timeColumn >= 0 && (header[timeColumn].Contains("(UTC)", StringComparison.OrdinalIgnoreCase) || header[timeColumn].Contains("(GMT)", StringComparison.OrdinalIgnoreCase)))
        {
            return "Etc/UTC";
        }

        foreach (string[] row in headerRows)
        {
            if (timeColumn < 0 || timeColumn >= row.Length || !row[timeColumn].TrimStart().StartsWith('{'))
            {
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(row[timeColumn]);
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("timeZone", out JsonElement zone) && zone.ValueKind == JsonValueKind.String)
                {
                    return zone.GetString();
                }
            }
            catch (JsonException)
            {
                // Not an ImportId object: nothing declared.
            }
        }

        return null;
    }
}

/// <summary>The known layouts and their detection from the first header row.</summary>
internal static class SourceLayouts
{
    private static readonly SourceLayout GenericLayout = new(SurveySource.Generic, 1, [], [], [], []);

    // Where each layout comes from (the corpus README under tests/NpsKit.Csv.Tests/TestData/surveys cites the same pages,
    // and says which layouts no documentation could be found for):
    // - Qualtrics, "Understanding Your Dataset" (qualtrics.com/support/.../understanding-your-dataset/): CSV/TSV exports
    //   have 3 header rows (field ids, question texts, ImportId JSON with a timeZone on date fields).
    // - SurveyMonkey: no export documentation found; two header rows (question, then answer option) as the issue reports.
    // - Delighted, API "Listing survey responses" (delighted.com/docs/api/listing-survey-responses): id, person, score,
    //   comment, created_at as Unix seconds; the CSV's "Response timestamp" written "… UTC" as the issue reports.
    // - Typeform, Responses API (typeform.com/developers/responses/): submitted_at in UTC; the CSV's "Submit Date (UTC)".
    // - Google Forms / Microsoft Forms / Hotjar: no export documentation found; the columns as the issue reports them.
    //   Searched again 2026-12-02 (SurveyMonkey too): still none. Google's Forms API page ("REST Resource:
    //   forms.responses", developers.google.com/forms/api/reference/rest/v1/forms.responses) gives createTime in RFC 3339
    //   UTC for the API only; a downloaded response sheet's Timestamp has no zone (hence --tz). Nothing found disagrees
    //   with these layouts.
    // - Medallia, Agent Connect "Export Responses: field descriptions" (docs.medallia.com): response_received_at in UTC
    //   (its star_rating is 1-5 stars, not a 0-10 score, and is never read as one).
    // - Zendesk, NPS API "Incremental Exports - Responses" (developer.zendesk.com/api-reference/ticketing/nps-api/):
    //   rating, comment, rated_at (ISO 8601 with offset), user_email, user_id, recipient_id, survey_name. Zendesk removed
    //   NPS surveys on 2023-04-30, so such files are archives.
    // - AskNicely, "Get Responses" API (asknice.ly/help/apidocs/responses): CSV format, times as Unix timestamps unless
    //   realdates is asked for; the column names answer / comment / responded as the issue reports them.
    private static readonly Dictionary<SurveySource, SourceLayout> Layouts = new SourceLayout[]
    {
        GenericLayout,

        // Qualtrics "Understanding Your Dataset": CSV/TSV exports have 3 header rows (field ids, question texts, ImportId JSON).
        new(SurveySource.Qualtrics, 3, [], ["recordeddate", "enddate", "startdate"], ["responseid"], []),

        // SurveyMonkey: two header rows (question, then answer option).
        new(SurveySource.SurveyMonkey, 2, [], ["enddate", "startdate"], ["respondentid"], []),
        new(SurveySource.Delighted, 1, ["score"], ["responsetimestamp", "createdat"], ["responseid", "personid", "person", "email"], ["comment"]),
        new(SurveySource.Typeform, 1, [], ["submitdate(utc)", "submitdate", "submittedat"], ["responseid", "#", "token"], []),
        new(SurveySource.GoogleForms, 1, [], ["timestamp"], ["emailaddress"], []),
        new(SurveySource.MicrosoftForms, 1, [], ["completiontime", "starttime"], ["id", "email"], []),
        new(SurveySource.Medallia, 1, ["likelihoodtorecommend", "ltr", "ltrscore"], ["responsedate", "responsereceivedat", "surveydate"], ["surveyid", "responseid", "requestid"], ["comments", "comment"]),
        new(SurveySource.Zendesk, 1, ["rating", "score"], ["ratedat", "respondedat", "createdat"], ["useremail", "userid", "recipientid", "recipientemail", "requesteremail", "ticketid"], ["comment"]),
        new(SurveySource.AskNicely, 1, ["answer"], ["responded", "respondedat"], ["contactid", "email", "responseid"], ["comment"]),
        new(SurveySource.Hotjar, 1, [], ["datesubmitted"], ["number", "userid"], []),
    }.ToDictionary(l => l.Source);

    /// <summary>The layout of <paramref name="source"/>.</summary>
    public static SourceLayout Of(SurveySource source) => Layouts[source];

    /// <summary>Detects the layout from the first header row: each tool's fixed metadata columns are its signature.</summary>
    public static SourceLayout Detect(IReadOnlyList<string> header)
    {
        var names = new HashSet<string>(header.Select(ColumnMap.Normalize), StringComparer.Ordinal);
        bool Has(params string[] all) => all.All(names.Contains);
        SurveySource source = names switch
        {
            _ when Has("responseid") && (Has("recordeddate") || Has("startdate", "enddate", "status")) => SurveySource.Qualtrics,
            _ when names.Any(n => n.EndsWith("npsgroup", StringComparison.Ordinal)) && Has("responseid") => SurveySource.Qualtrics,
            _ when Has("respondentid", "collectorid") => SurveySource.SurveyMonkey,
            _ when Has("submitdate(utc)") || (Has("networkid") && (Has("submitdate") || Has("startdate(utc)"))) => SurveySource.Typeform,
            _ when Has("completiontime", "starttime") => SurveySource.MicrosoftForms,
            _ when Has("datesubmitted", "sourceurl") || Has("datesubmitted", "country", "number") => SurveySource.Hotjar,
            _ when Has("score") && (Has("responsetimestamp") || Has("permalink", "surveytype")) => SurveySource.Delighted,
            _ when Has("answer", "responded") => SurveySource.AskNicely,
            _ when Has("likelihoodtorecommend") && (Has("responsedate") || Has("surveyid")) => SurveySource.Medallia,
            _ when Has("rating") && (Has("ratedat") || Has("recipientid") || Has("respondedat") || Has("ticketid") || Has("recipientemail")) => SurveySource.Zendesk,
            _ when header.Count > 1 && ColumnMap.Normalize(header[0]) == "timestamp" => SurveySource.GoogleForms,
            _ => SurveySource.Generic,
        };
        return Layouts[source];
    }

    /// <summary>Words of the recommend question ("How likely are you to recommend …") in the languages NpsKit recognises:
    /// English, Danish, Norwegian, Swedish, German, Dutch, French, Spanish, Portuguese, Italian, Finnish and Polish (as
    /// stems, so "recommandiez", "anbefale" and "weiterempfehlen" all match).</summary>
    internal static readonly string[] RecommendWords =
    [
        "recommend", "recommand", "recomend", "raccomand", "anbefal", "rekommend", "empfehl", "aanbevel", "aanrad",
        "consigli", "suosit", "polec",
    ];

    /// <summary>Words of likelihood that come with the recommend question in the same languages.</summary>
    internal static readonly string[] LikelihoodWords =
    [
        "likely", "sandsynlig", "sannsynlig", "sannolik", "wahrscheinlich", "waarschijnlijk", "probab", "chance",
        "provável", "probabile", "probabilità", "todennäköisesti", "todennäköistä", "prawdopodobne", "0-10", "0 - 10", "0 to 10", "scale",
    ];

    /// <summary>How strongly a column's texts read as the recommend question: 2 with a likelihood word, 1 without, 0 not at all.</summary>
    public static int RecommendScore(string text)
    {
        string lower = text.ToLower(CultureInfo.InvariantCulture);
        if (!RecommendWords.Any(w => lower.Contains(w, StringComparison.Ordinal)))
        {
            return 0;
        }

        return LikelihoodWords.Any(w => lower.Contains(w, StringComparison.Ordinal)) ? 2 : 1;
    }
}
