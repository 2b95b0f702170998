using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>How wide a rule applies: to every survey, to a group of surveys, or to one survey.</summary>
public enum RuleScopeKind
{
    /// <summary>The rule applies to every survey.</summary>
    Global = 0,

    /// <summary>The rule applies to the surveys of one <see cref="SurveyGroup"/>.</summary>
    Group = 1,

    /// <summary>The rule applies to one survey.</summary>
    Survey = 2,
}

/// <summary>
/// Which triggers a rule applies to. Under <see cref="RulePrecedence.MostSpecificWins"/>, a survey rule overrides a
/// group rule of the same kind, which overrides a global one.
/// </summary>
/// <remarks>This type is an immutable value and is thread-safe. <c>default</c> is <see cref="Global"/>.</remarks>
public readonly record struct RuleScope
{
    private RuleScope(RuleScopeKind kind, string? target)
    {
        Kind = kind;
        Target = target;
    }

    /// <summary>Gets the scope that applies to every survey.</summary>
    public static RuleScope Global => default;

    /// <summary>Gets how wide the scope is.</summary>
    public RuleScopeKind Kind { get; }

    /// <summary>Gets the group name or survey id; <see langword="null"/> for <see cref="RuleScopeKind.Global"/>.</summary>
    public string? Target { get; }

    /// <summary>A scope covering the surveys of the group named <paramref name="groupName"/>.</summary>
    /// <param name="groupName">The name of a <see cref="SurveyGroup"/> in the policy.</param>
    /// <returns>The scope.</returns>
    public static RuleScope ForGroup(string groupName)
    {
        ThrowHelper.ThrowIfNullOrEmpty(groupName, nameof(groupName));
        return new RuleScope(RuleScopeKind.Group, groupName);
    }

    /// <summary>A scope covering the one survey <paramref name="surveyId"/>.</summary>
    /// <param name="surveyId">The survey id.</param>
    /// <returns>The scope.</returns>
    public static RuleScope ForSurvey(string surveyId)
    {
        ThrowHelper.ThrowIfNullOrEmpty(surveyId, nameof(surveyId));
        return new RuleScope(RuleScopeKind.Survey, surveyId);
    }

    /// <summary>Describes the scope in words.</summary>
    /// <returns>For example <c>survey 'shop-nps'</c>.</returns>
    public override string ToString() => Kind switch
    {
        RuleScopeKind.Group => $"group '{Target}'",
        RuleScopeKind.Survey => $"survey '{Target}'",
        _ => "all surveys",
    };
}

/// <summary>How a policy combines rules of the same kind from different scopes.</summary>
public enum RulePrecedence
{
    /// <summary>For each kind of rule, only the most specific scope that applies counts: survey rules override group
    /// rules, which override global rules. Rules of different kinds always all apply.</summary>
    MostSpecificWins = 0,

    /// <summary>Every applicable rule at every scope applies; the strictest outcome wins.</summary>
    MostRestrictiveWins = 1,
}

/// <summary>Which earlier history entries a rest rule counts, relative to the trigger being decided.</summary>
public enum HistoryMatch
{
    /// <summary>Entries of any survey on any channel (a global rest period).</summary>
    AnySurvey = 0,

    /// <summary>Entries of the trigger's own survey.</summary>
    SameSurvey = 1,

    /// <summary>Entries of any survey in the trigger's survey group (the trigger's own survey when it is in no group).</summary>
    SameGroup = 2,

    /// <summary>Entries on the trigger's channel, any survey.</summary>
    SameChannel = 3,
}

/// <summary>Which clock a rest period runs on. The clocks are separate: a rule watches one of them.</summary>
public enum RestClock
{
    /// <summary>Time since the last invitation (reminders count only when the rule says so).</summary>
    SinceInvitation = 0,

    /// <summary>Time since the last response.</summary>
    SinceResponse = 1,

    /// <summary>Time since the last transaction (<see cref="ContactEventKind.Transaction"/>: purchase, delivery, case closed…).</summary>
    SinceTransaction = 2,

    /// <summary>Time since the last invitation or response, whichever is later.</summary>
    SinceInvitationOrResponse = 3,
}

/// <summary>A named set of surveys that group-scoped rules and <see cref="HistoryMatch.SameGroup"/> refer to.</summary>
/// <remarks>Immutable and thread-safe. A survey may belong to at most one group of a policy.</remarks>
public sealed class SurveyGroup
{
    private SurveyGroup(string name, string[] surveyIds)
    {
        Name = name;
        SurveyIds = surveyIds;
    }

    /// <summary>Gets the group's name.</summary>
    public string Name { get; }

    /// <summary>Gets the ids of its surveys.</summary>
    public IReadOnlyList<string> SurveyIds { get; }

    /// <summary>Creates a group.</summary>
    /// <param name="name">The group's name.</param>
    /// <param name="surveyIds">At least one survey id, each once.</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentException">The name or an id is empty, there is no id, or an id repeats.</exception>
    public static SurveyGroup From(string name, params string[] surveyIds)
    {
        ThrowHelper.ThrowIfNullOrEmpty(name, nameof(name));
        ArgumentNullException.ThrowIfNull(surveyIds);
        if (surveyIds.Length == 0)
        {
            throw new ArgumentException($"Survey group '{name}' has no surveys: list at least one survey id.", nameof(surveyIds));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string id in surveyIds)
        {
            ThrowHelper.ThrowIfNullOrEmpty(id, nameof(surveyIds));
            if (!seen.Add(id))
            {
                ThrowHelper.DuplicateId($"survey id in group '{name}'", id, nameof(surveyIds));
            }
        }

        return new SurveyGroup(name, [.. surveyIds]);
    }
}
