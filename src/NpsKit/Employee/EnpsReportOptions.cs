using System.Globalization;

namespace NpsKit.Employee;

/// <summary>What an eNPS report contains besides the org-tree roll-up: demographic cross-tabs, comment order, and
/// whether exception messages may contain answers.</summary>
/// <remarks>An immutable value; thread-safe. Invalid settings are reported all at once by <see cref="Validate"/>.</remarks>
public sealed record EnpsReportOptions
{
    /// <summary>Gets the default options.</summary>
    public static EnpsReportOptions Default { get; } = new();

    /// <summary>Gets the demographic dimensions (attribute names of <see cref="EnpsResponse.Attributes"/>) to cross-tab with
    /// every org group.</summary>
    /// <value>Default empty: the org tree alone.</value>
    public IReadOnlyList<string> Dimensions { get; init; } = [];

    /// <summary>Gets the values each dimension can take, by dimension name, so that the report's shape (which cells exist)
    /// comes from the policy and not from who answered.</summary>
    /// <value>Default empty: a dimension's values are those found in the answers, which tells a reader that someone with
    /// that value answered somewhere in the company. Declare them when a value may belong to few people. A response with a
    /// value not declared for its dimension is an error; <see cref="EnpsReport.NotStated"/> is always a value.</value>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> DimensionValues { get; init; } = new Dictionary<string, IReadOnlyList<string>>();

    /// <summary>Gets a value indicating whether comments are shuffled (seeded by <see cref="CommentShuffleSeed"/>) rather
    /// than sorted by text. Either way, the order answers were given in is never shown.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool ShuffleComments { get; init; } = true;

    /// <summary>Gets the seed of the comment shuffle; the same seed and data give the same order.</summary>
    /// <value>Default 0.</value>
    public ulong CommentShuffleSeed { get; init; }

    /// <summary>Gets a value indicating whether exception messages about bad responses may contain the raw answer
    /// (score, attribute value).</summary>
    /// <value>Default <see langword="false"/>: messages say which response and what is wrong, never what was answered.</value>
    public bool IncludeRawValuesInExceptions { get; init; }

    /// <summary>Checks the settings and reports every problem at once.</summary>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentException">One or more settings are invalid; the message lists them all.</exception>
    public EnpsReportOptions Validate()
    {
        var problems = new List<string>();
        if (Dimensions is null)
        {
            problems.Add("Dimensions is null: use an empty list for no cross-tabs.");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < Dimensions.Count; i++)
            {
                string? d = Dimensions[i];
                if (string.IsNullOrWhiteSpace(d))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Dimensions[{i}] is empty: name an attribute of EnpsResponse.Attributes, e.g. \"tenure\"."));
                }
                else if (!seen.Add(d))
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"Dimensions[{i}] '{d}' is listed twice: list each dimension once."));
                }
            }
        }

        if (DimensionValues is null)
        {
            problems.Add("DimensionValues is null: use an empty dictionary to take the values from the answers.");
        }
        else
        {
            foreach ((string dim, IReadOnlyList<string> values) in DimensionValues.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                if (Dimensions is not null && !Dimensions.Contains(dim, StringComparer.Ordinal))
                {
                    problems.Add($"DimensionValues names '{dim}', which is not in Dimensions: declare values only for cross-tabbed dimensions.");
                }

                if (values is null || values.Count == 0)
                {
                    problems.Add($"DimensionValues['{dim}'] is empty: list every value the dimension can take, e.g. [\"<1y\", \"1-3y\", \"3y+\"].");
                }
                else if (values.Any(string.IsNullOrWhiteSpace) || values.Distinct(StringComparer.Ordinal).Count() != values.Count || values.Contains(EnpsReport.NotStated, StringComparer.Ordinal))
                {
                    problems.Add($"DimensionValues['{dim}'] has an empty or repeated value, or '{EnpsReport.NotStated}' (always added): list each value once.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid EnpsReportOptions:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }

        return this;
    }
}
