namespace NpsKit.Economics;

/// <summary>
/// Thrown when economic assumptions (an options record or a set of model inputs) are invalid. Lists every problem
/// found, not only the first, so all can be fixed in one go.
/// </summary>
/// <remarks>The message has one line per problem, each naming the input, the value found and what is allowed.</remarks>
public sealed class InvalidAssumptionsException : ArgumentException
{
    internal InvalidAssumptionsException(string what, IReadOnlyList<string> problems, string paramName)
        : base(BuildMessage(what, problems), paramName)
    {
        Problems = problems;
    }

    /// <summary>Gets each problem found, one sentence each, in the order the inputs were checked.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string BuildMessage(string what, IReadOnlyList<string> problems) =>
        $"{what} {(problems.Count == 1 ? "has 1 problem" : $"has {problems.Count} problems")}:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}";
}
