using NpsKit.Internal;

namespace NpsKit.Eligibility;

/// <summary>A B2B account tier, used to break revenue ties (A before B before C).</summary>
public enum AccountTier
{
    /// <summary>No tier.</summary>
    None = 0,

    /// <summary>Tier A (strategic).</summary>
    A = 1,

    /// <summary>Tier B.</summary>
    B = 2,

    /// <summary>Tier C.</summary>
    C = 3,
}

/// <summary>A B2B account to be surveyed once per rotation cycle.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed record RotationAccount
{
    /// <summary>Creates an account.</summary>
    /// <param name="id">The account id; unique in a plan.</param>
    /// <param name="revenue">Its revenue (any currency, the same for all accounts); zero or positive.</param>
    /// <param name="tier">Its tier.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="revenue"/> is negative.</exception>
    public RotationAccount(string id, decimal revenue = 0, AccountTier tier = AccountTier.None)
    {
        ThrowHelper.ThrowIfNullOrEmpty(id, nameof(id));
        if (revenue < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(revenue), revenue, $"Account '{id}' has revenue {revenue}: revenue must be zero or positive.");
        }

        Id = id;
        Revenue = revenue;
        Tier = tier;
    }

    /// <summary>Gets the account id.</summary>
    public string Id { get; }

    /// <summary>Gets the revenue.</summary>
    public decimal Revenue { get; }

    /// <summary>Gets the tier.</summary>
    public AccountTier Tier { get; }

    /// <summary>Gets the month the account was last surveyed, for the rest period.</summary>
    /// <value><see langword="null"/> (never, or long enough ago) by default.</value>
    public DateOnly? LastSurveyedMonth { get; init; }

    /// <summary>Gets whether the account is excluded from the rotation (churning, in escalation, asked not to be surveyed).</summary>
    /// <value><see langword="false"/> by default.</value>
    public bool Excluded { get; init; }
}

/// <summary>Settings for a rotation plan. Give either <see cref="MonthlyQuota"/> or <see cref="CycleMonths"/>.</summary>
public sealed record RotationOptions
{
    /// <summary>Creates settings with every default.</summary>
    public RotationOptions()
    {
    }

    /// <summary>Gets the first month of the cycle (day 1).</summary>
    /// <value>Required; <c>default</c> is rejected.</value>
    public DateOnly Start { get; init; }

    /// <summary>Gets how many accounts to ask per month; the cycle then lasts ⌈accounts / quota⌉ months.</summary>
    /// <value><see langword="null"/> by default.</value>
    public int? MonthlyQuota { get; init; }

    /// <summary>Gets the cycle's length in months; the quota is then ⌈accounts / months⌉.</summary>
    /// <value><see langword="null"/> by default.</value>
    public int? CycleMonths { get; init; }

    /// <summary>Gets the rest period in months: an account last surveyed in month m is not asked before month m + this.</summary>
    /// <value>0 by default.</value>
    public int RestMonths { get; init; }

    /// <summary>Gets the seed that breaks ties deterministically.</summary>
    /// <value>0 by default.</value>
    public ulong Seed { get; init; }

    /// <summary>Checks the settings and reports every problem in one exception.</summary>
    /// <exception cref="ArgumentException">The list of problems.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        if (Start == default || Start.Day != 1)
        {
            problems.Add($"Start is {Start:yyyy-MM-dd}: give the first day of the cycle's first month");
        }

        if (MonthlyQuota is null == CycleMonths is null)
        {
            problems.Add("give exactly one of MonthlyQuota and CycleMonths");
        }

        if (MonthlyQuota is < 1)
        {
            problems.Add($"MonthlyQuota is {MonthlyQuota}: it must be at least 1");
        }

        if (CycleMonths is < 1 or > 120)
        {
            problems.Add($"CycleMonths is {CycleMonths}: use 1 to 120");
        }

        if (RestMonths < 0)
        {
            problems.Add($"RestMonths is {RestMonths}: a rest period cannot be negative");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid rotation options: " + string.Join("; ", problems) + ".", "options");
        }
    }
}

/// <summary>One account's slot in a plan.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="Month">The first day of the month it is asked in.</param>
/// <param name="MonthIndex">The month's index in the cycle, from 0.</param>
public readonly record struct RotationAssignment(string AccountId, DateOnly Month, int MonthIndex);

/// <summary>One month of a plan: who is asked and how much revenue that covers.</summary>
/// <param name="Month">The first day of the month.</param>
/// <param name="AccountIds">The accounts asked, in planning order.</param>
/// <param name="Revenue">Their summed revenue.</param>
/// <param name="RevenueShare">Their revenue over all scheduled accounts' revenue, 0..1 (0 when total revenue is 0).</param>
/// <param name="CumulativeRevenueShare">Revenue covered from the cycle's start to the end of this month, 0..1.</param>
public sealed record RotationMonth(DateOnly Month, IReadOnlyList<string> AccountIds, decimal Revenue, double RevenueShare, double CumulativeRevenueShare);

/// <summary>A rotation schedule: every scheduled account exactly once in the cycle, with revenue coverage per month.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class RotationPlan
{
    private readonly Dictionary<string, RotationAssignment> _byAccount;

    internal RotationPlan(RotationOptions options, int cycleMonths, RotationAssignment[] assignments, RotationMonth[] months, string[] excluded, (string, string)[] unscheduled)
    {
        Options = options;
        CycleMonths = cycleMonths;
        Assignments = assignments;
        Months = months;
        Excluded = excluded;
        Unscheduled = unscheduled.Select(u => new KeyValuePair<string, string>(u.Item1, u.Item2)).ToArray();
        _byAccount = assignments.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
    }

    /// <summary>Gets the options the plan was made with.</summary>
    public RotationOptions Options { get; }

    /// <summary>Gets the cycle's length in months.</summary>
    public int CycleMonths { get; }

    /// <summary>Gets every scheduled account's slot, by month then planning order.</summary>
    public IReadOnlyList<RotationAssignment> Assignments { get; }

    /// <summary>Gets the months with accounts and revenue coverage.</summary>
    public IReadOnlyList<RotationMonth> Months { get; }

    /// <summary>Gets the ids of excluded accounts.</summary>
    public IReadOnlyList<string> Excluded { get; }

    /// <summary>Gets accounts that could not be scheduled in this cycle, with the reason (a rest period reaching past the cycle's end).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Unscheduled { get; }

    /// <summary>Gets an account's slot.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="assignment">The slot, when scheduled.</param>
    /// <returns><see langword="true"/> when the account is scheduled.</returns>
    public bool TryGetAssignment(string accountId, out RotationAssignment assignment) => _byAccount.TryGetValue(accountId, out assignment);
}

/// <summary>
/// Plans B2B rotations: "100 accounts, 10 a month" becomes a deterministic schedule that asks every account once per
/// cycle, respects rest periods and exclusions, spreads revenue evenly over the months, and keeps existing slots when
/// accounts are added or removed.
/// </summary>
/// <remarks>
/// <para>Accounts not in a previous plan are placed largest revenue first (ties: tier, then a seeded hash of the id)
/// into the allowed month with the least revenue so far that still has room — the longest-processing-time rule of
/// Graham (1969, "Bounds on multiprocessing timing anomalies", SIAM Journal on Applied Mathematics 17(2):416–429) with
/// a capacity per month. An account whose rest period leaves no month with room goes to the allowed month with the
/// fewest accounts (the quota is then exceeded there rather than the account skipped).</para>
/// <para>Pure and thread-safe.</para>
/// </remarks>
public static class RotationPlanner
{
    /// <summary>Plans a cycle.</summary>
    /// <param name="accounts">The accounts; ids unique.</param>
    /// <param name="options">The settings; validated first.</param>
    /// <param name="previous">An earlier plan for the same start and cycle: its slots are kept for accounts still present and allowed.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentException">Invalid options (all problems listed) or a duplicate account id.</exception>
    public static RotationPlan Plan(IEnumerable<RotationAccount> accounts, RotationOptions options, RotationPlan? previous = null)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var active = new List<RotationAccount>();
        var excluded = new List<string>();
        foreach (RotationAccount a in accounts)
        {
            ArgumentNullException.ThrowIfNull(a, nameof(accounts));
            if (!seen.Add(a.Id))
            {
                ThrowHelper.DuplicateId("account id", a.Id, nameof(accounts));
            }

            if (a.Excluded)
            {
                excluded.Add(a.Id);
            }
            else
            {
                active.Add(a);
            }
        }

        int n = active.Count;
        int cycle = options.CycleMonths ?? Math.Max(1, (n + options.MonthlyQuota!.Value - 1) / options.MonthlyQuota.Value);
        int capacity = options.MonthlyQuota ?? Math.Max(1, (n + cycle - 1) / cycle);
        if (previous is not null && previous.Options.Start == options.Start && previous.CycleMonths > cycle)
        {
            cycle = previous.CycleMonths; // never shrink a running cycle under existing slots
        }

        var month = new int[n];
        var load = new int[cycle];
        var revenue = new decimal[cycle];
        var unscheduled = new List<(string, string)>();
        var toPlace = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int earliest = Earliest(active[i], options);
            if (earliest >= cycle)
            {
                month[i] = -2;
                unscheduled.Add((active[i].Id, $"last surveyed {active[i].LastSurveyedMonth:yyyy-MM}; the {options.RestMonths}-month rest period runs past the cycle's last month {options.Start.AddMonths(cycle - 1):yyyy-MM}"));
                continue;
            }

            if (previous is not null && previous.Options.Start == options.Start
                && previous.TryGetAssignment(active[i].Id, out RotationAssignment old) && old.MonthIndex >= earliest && old.MonthIndex < cycle)
            {
                month[i] = old.MonthIndex;
                load[old.MonthIndex]++;
                revenue[old.MonthIndex] += active[i].Revenue;
                continue;
            }

            month[i] = -1;
            toPlace.Add(i);
        }

        toPlace.Sort((x, y) =>
        {
            int c = active[y].Revenue.CompareTo(active[x].Revenue);
            if (c == 0)
            {
                c = TierRank(active[x].Tier).CompareTo(TierRank(active[y].Tier));
            }

            if (c == 0)
            {
                c = Hash(active[x].Id, options.Seed).CompareTo(Hash(active[y].Id, options.Seed));
            }

            return c != 0 ? c : string.CompareOrdinal(active[x].Id, active[y].Id);
        });

        foreach (int i in toPlace)
        {
            int earliest = Earliest(active[i], options);
            int best = -1;
            for (int m = earliest; m < cycle; m++)
            {
                if (load[m] < capacity && (best < 0 || revenue[m] < revenue[best] || (revenue[m] == revenue[best] && load[m] < load[best])))
                {
                    best = m;
                }
            }

            if (best < 0)
            {
                for (int m = earliest; m < cycle; m++)
                {
                    if (best < 0 || load[m] < load[best])
                    {
                        best = m;
                    }
                }
            }

            month[i] = best;
            load[best]++;
            revenue[best] += active[i].Revenue;
        }

        var order = toPlace.Select((index, rank) => (index, rank)).ToDictionary(p => p.index, p => p.rank);
        RotationAssignment[] assignments = [.. Enumerable.Range(0, n).Where(i => month[i] >= 0)
            .OrderBy(i => month[i]).ThenBy(i => order.TryGetValue(i, out int r) ? r : -1).ThenBy(i => active[i].Id, StringComparer.Ordinal)
            .Select(i => new RotationAssignment(active[i].Id, options.Start.AddMonths(month[i]), month[i]))];
        decimal total = revenue.Sum();
        decimal cumulative = 0;
        var months = new RotationMonth[cycle];
        for (int m = 0; m < cycle; m++)
        {
            cumulative += revenue[m];
            months[m] = new RotationMonth(
                options.Start.AddMonths(m),
                [.. assignments.Where(a => a.MonthIndex == m).Select(a => a.AccountId)],
                revenue[m],
                total == 0 ? 0 : (double)(revenue[m] / total),
                total == 0 ? 0 : (double)(cumulative / total));
        }

        return new RotationPlan(options, cycle, assignments, months, [.. excluded], [.. unscheduled]);
    }

    private static int Earliest(RotationAccount a, RotationOptions o)
    {
        if (a.LastSurveyedMonth is not { } last)
        {
            return 0;
        }

        var allowed = new DateOnly(last.Year, last.Month, 1).AddMonths(o.RestMonths);
        int diff = ((allowed.Year - o.Start.Year) * 12) + allowed.Month - o.Start.Month;
        return Math.Max(0, diff);
    }

    private static int TierRank(AccountTier t) => t == AccountTier.None ? 4 : (int)t;

    /// <summary>A stable, seeded FNV-1a/SplitMix hash of the id (string.GetHashCode is randomized per process).</summary>
    private static ulong Hash(string id, ulong seed)
    {
        ulong h = 14695981039346656037UL ^ seed;
        foreach (char c in id)
        {
            h = (h ^ c) * 1099511628211UL;
        }

        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }
}
