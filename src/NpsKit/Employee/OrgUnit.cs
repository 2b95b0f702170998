namespace NpsKit.Employee;

/// <summary>One unit of an organisation tree (company, division, department, team, … at any depth).</summary>
/// <param name="Id">The unit's identifier, unique in the tree; it names the unit in the report (e.g. <c>Platform</c>).
/// Unit identifiers are structure, not answers: they may appear in messages.</param>
/// <param name="ParentId">The parent unit's identifier; <see langword="null"/> for the one root (the company).</param>
/// <param name="Headcount">The number of people placed directly in this unit, not counting its child units; zero or more.
/// <see langword="null"/> when unknown. Needed only for <see cref="AnonymityPolicy.MinimumResponseRate"/>.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public sealed record OrgUnit(string Id, string? ParentId, long? Headcount = null);
