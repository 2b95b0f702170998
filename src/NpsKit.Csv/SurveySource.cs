namespace NpsKit.Csv;

/// <summary>The survey tool a response export comes from: its header rows, column names and value formats.</summary>
/// <remarks>Each layout follows the tool's own export documentation where it could be found, and the exports as reported
/// where it could not; the corpus README (tests/NpsKit.Csv.Tests/TestData/surveys) cites the pages and says which.</remarks>
public enum SurveySource
{
    /// <summary>No particular tool: one header row, columns detected from common names (<see cref="CsvResponseMapping"/>).</summary>
    Generic,

    /// <summary>Qualtrics: three header rows (column names, question texts, ImportId JSON that may carry a <c>timeZone</c>),
    /// the recommend question as <c>Q…</c> with a companion <c>Q…_NPS_GROUP</c> column.</summary>
    Qualtrics,

    /// <summary>SurveyMonkey: two header rows (question texts, then answer options such as <c>Response</c>).</summary>
    SurveyMonkey,

    /// <summary>Delighted: <c>Response ID</c>, <c>Score</c>, <c>Comment</c>, <c>Response timestamp</c> written as
    /// <c>2024-03-04 01:04:43 UTC</c>; or the API's <c>score</c>, <c>person</c>, <c>permalink</c>, <c>created_at</c> (Unix seconds).</summary>
    Delighted,

    /// <summary>Typeform: one column per question, <c>Submit Date (UTC)</c>, <c>Network ID</c>, <c>#</c>/<c>Response ID</c>.</summary>
    Typeform,

    /// <summary>Google Forms (via Sheets): <c>Timestamp</c> in the form's locale and zone, one column per question text.</summary>
    GoogleForms,

    /// <summary>Microsoft Forms: <c>ID</c>, <c>Start time</c>, <c>Completion time</c>, <c>Email</c>, <c>Name</c>, then the questions.</summary>
    MicrosoftForms,

    /// <summary>Medallia: <c>Likelihood to Recommend</c> (LTR) with survey and response ids and a response date.</summary>
    Medallia,

    /// <summary>Zendesk (NPS surveys, removed by Zendesk on 2023-04-30): <c>rating</c>, <c>comment</c>, <c>rated_at</c>
    /// (ISO 8601 with offset), <c>user_email</c>, <c>survey_name</c>, as Zendesk's NPS response export documents them.</summary>
    Zendesk,

    /// <summary>AskNicely: <c>answer</c> (the 0–10 score), <c>comment</c>, <c>responded</c> as Unix seconds, contact fields.</summary>
    AskNicely,

    /// <summary>Hotjar (surveys): <c>Number</c>, <c>Date Submitted</c>, <c>Country</c>, <c>Source URL</c>, then one column per question.</summary>
    Hotjar,
}
