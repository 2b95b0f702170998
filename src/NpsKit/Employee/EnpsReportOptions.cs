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
    /// <exception cref="InvalidOptionsException">One or more settings are invalid: <see cref="InvalidOptionsException.Problems"/> has each one (member, value, reason, what is allowed), and the message lists them all.</exception>
    public EnpsReportOptions Validate()
    {
        var problems = new List<OptionProblem>();
        void Add(string member, string? value, string reason, string allowed, string message) => problems.Add(new(member, value, reason, allowed, message));
        if (Dimensions is null)
        {
            Add(nameof(Dimensions), null, "is null", "a list of attribute names, empty for no cross-tabs", "Dimensions is null: use an empty list for no cross-tabs.");
        }
        else
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < Dimensions.Count; i++)
            {
                string? d = Dimensions[i];
                string member = string.Create(CultureInfo.InvariantCulture, $"Dimensions[{i}]");
                if (string.IsNullOrWhiteSpace(d))
                {
                    Add(member, d, "is empty", "the name of an attribute of EnpsResponse.Attributes, e.g. \"tenure\"", string.Create(CultureInfo.InvariantCulture, $"Dimensions[{i}] is empty: name an attribute of EnpsResponse.Attributes, e.g. \"tenure\"."));
                }
                else if (!seen.Add(d))
                {
                    Add(member, d, "is listed twice", "each dimension once", string.Create(CultureInfo.InvariantCulture, $"Dimensions[{i}] '{d}' is listed twice: list each dimension once."));
                }
            }
        }

        if (DimensionValues is null)
        {
            Add(nameof(DimensionValues), null, "is null", "a dictionary of values per dimension, empty to take the values from the answers", "DimensionValues is null: use an empty dictionary to take the values from the answers.");
        }
        else
        {
            foreach ((string dim, IReadOnlyList<string> values) in DimensionValues.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                string member = $"DimensionValues['{dim}']";
                if (Dimensions is not null && !Dimensions.Contains(dim, StringComparer.Ordinal))
                {
                    Add(nameof(DimensionValues), dim, "names a dimension that is not in Dimensions", "values only for cross-tabbed dimensions", $"DimensionValues names '{dim}', which is not in Dimensions: declare values only for cross-tabbed dimensions.");
                }

                if (values is null || values.Count == 0)
                {
                    Add(member, null, "is empty", "every value the dimension can take, e.g. [\"<1y\", \"1-3y\", \"3y+\"]", $"DimensionValues['{dim}'] is empty: list every value the dimension can take, e.g. [\"<1y\", \"1-3y\", \"3y+\"].");
                }
                else if (values.Any(string.IsNullOrWhiteSpace) || values.Distinct(StringComparer.Ordinal).Count() != values.Count || values.Contains(EnpsReport.NotStated, StringComparer.Ordinal))
                {
                    Add(member, string.Join(", ", values), $"has an empty or repeated value, or '{EnpsReport.NotStated}' (always added)", "each value once", $"DimensionValues['{dim}'] has an empty or repeated value, or '{EnpsReport.NotStated}' (always added): list each value once.");
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOptionsException(nameof(EnpsReportOptions), problems, "options");
        }

        return this;
    }
}
