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

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid EnpsReportOptions:" + Environment.NewLine + "- " + string.Join(Environment.NewLine + "- ", problems));
        }

        return this;
    }
}
