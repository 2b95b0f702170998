using NpsKit.Csv.Internal;

namespace NpsKit.Csv;

/// <summary>How to read eNPS answers with <see cref="EnpsCsv"/>: columns, the org tree, demographic dimensions, and
/// whether messages may contain answers.</summary>
/// <remarks>
/// <para>Column roles (keys of <see cref="Columns"/>) and the header names they are detected by: <c>score</c> (as for
/// <see cref="NpsCsv"/>; required), <c>respondent</c> (employee_id, respondent_id, id), <c>round</c> (round, wave,
/// survey_round, cycle), <c>time</c> (submitted_at, timestamp, …), <c>comment</c> (comment, reason, feedback, …) and
/// <c>orgPath</c> (org_path, unit_path, path: one column holding the whole path, split by <see cref="OrgPathSeparator"/>).</para>
/// <para>Without an <c>orgPath</c> column the org levels are <see cref="OrgColumns"/> or, when that is not set, the
/// columns named division, business_unit, department, team, sub_team or squad, in file order. Every other column is a
/// demographic dimension unless <see cref="Dimensions"/> says otherwise.</para>
/// <para>An immutable value; thread-safe. Invalid settings are reported all at once by an <see cref="ArgumentException"/>
/// when reading starts.</para>
/// </remarks>
public sealed record EnpsCsvOptions
{
    /// <summary>Gets the default options.</summary>
    public static EnpsCsvOptions Default { get; } = new();

    /// <summary>Gets the reading settings shared with <see cref="NpsCsv"/>: delimiter, culture, encoding, the time zone of
    /// times without an offset, strict or lenient mode, and progress. <see cref="CsvReadOptions.IncludeRawValues"/>,
    /// <see cref="CsvReadOptions.Mapping"/> and the duplicate settings do not apply (see <see cref="IncludeRawValues"/>;
    /// an employee's second answer in a round is always rejected).</summary>
    /// <value>Default <see cref="CsvReadOptions.Default"/> (strict).</value>
    public CsvReadOptions Read { get; init; } = CsvReadOptions.Default;

    /// <summary>Gets header names by column role, overriding detection (roles: <c>score</c>, <c>respondent</c>,
    /// <c>round</c>, <c>time</c>, <c>comment</c>, <c>orgPath</c>).</summary>
    /// <value>Default empty: every role detected from common header names.</value>
    public IReadOnlyDictionary<string, string> Columns { get; init; } = new Dictionary<string, string>();

    /// <summary>Gets the org level columns, from the top (e.g. <c>division</c>, <c>department</c>, <c>team</c>).</summary>
    /// <value>Default <see langword="null"/>: an <c>orgPath</c> column if there is one, otherwise the level columns detected by name.</value>
    public IReadOnlyList<string>? OrgColumns { get; init; }

    /// <summary>Gets the separator of the levels in an <c>orgPath</c> column (e.g. <c>Engineering/Platform/Core</c>).</summary>
    /// <value>Default <c>/</c>.</value>
    public char OrgPathSeparator { get; init; } = '/';

    /// <summary>Gets the id of the root unit every path hangs from (the file names the levels below it).</summary>
    /// <value>Default <c>Company</c>.</value>
    public string RootUnit { get; init; } = "Company";

    /// <summary>Gets the date of rounds the file does not date itself (no time column, and a round name that is not a
    /// month or date such as <c>2026-11</c>).</summary>
    /// <value>Default <see langword="null"/>: such a round is an error.</value>
    public DateOnly? RoundDate { get; init; }

    /// <summary>Gets the demographic dimension columns.</summary>
    /// <value>Default <see langword="null"/>: every column that is neither a role nor an org level.</value>
    public IReadOnlyList<string>? Dimensions { get; init; }

    /// <summary>Gets a value indicating whether bad-row reports and exception messages may contain the raw field values
    /// (scores, comments, attribute values).</summary>
    /// <value>Default <see langword="false"/>: eNPS answers are personal data; reports say where and why, never what.</value>
    public bool IncludeRawValues { get; init; }

    /// <exception cref="InvalidOptionsException">A setting is invalid; <see cref="InvalidOptionsException.Problems"/> has each one.</exception>
    internal void Validate()
    {
        var problems = new List<OptionProblem>();
        if (Read is null)
        {
            problems.Add(ContactCsvOptions.ReadIsNull);
        }

        RecordFields.CheckColumns(Columns, EnpsCsv.Roles, "an eNPS file", problems);
        if (OrgColumns is { Count: 0 })
        {
            problems.Add(new(nameof(OrgColumns), string.Empty, "is empty", "the level columns from the top (e.g. division, department, team), or null to detect them",
                "OrgColumns is empty: list the level columns from the top (e.g. division, department, team), or null to detect them."));
        }

        if (OrgColumns is not null && OrgColumns.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add(new(nameof(OrgColumns), string.Join(", ", OrgColumns), "has an empty name", "header names", "OrgColumns has an empty name: list header names."));
        }

        if (OrgPathSeparator is '"' or '\r' or '\n' || char.IsLetterOrDigit(OrgPathSeparator))
        {
            problems.Add(new(nameof(OrgPathSeparator), OrgPathSeparator.ToString(), "cannot separate levels", "punctuation such as '/', '>' or '|'",
                $"OrgPathSeparator '{OrgPathSeparator}' cannot separate levels: use punctuation such as '/', '>' or '|'."));
        }

        if (string.IsNullOrWhiteSpace(RootUnit))
        {
            problems.Add(new(nameof(RootUnit), RootUnit, "is empty", "the root unit's name, e.g. \"Company\"", "RootUnit is empty: name the root unit, e.g. \"Company\"."));
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(EnpsCsvOptions), problems, "options");
        }
    }
}
