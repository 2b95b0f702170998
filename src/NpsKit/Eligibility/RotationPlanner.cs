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

    /// <summary>Gets the month the plan is made in ("as of"): months before it are past, so accounts placed now (new,
    /// or added mid-cycle in place of others) go into this month or a later one. Slots an earlier plan gave in past
    /// months are kept (those accounts were asked).</summary>
    /// <value><see langword="null"/> by default: <see cref="Start"/>.</value>
    public DateOnly? AsOf { get; init; }

    /// <summary>Gets how often each tier is asked, in months between asks (tier A every 3 months, B every 6, C every
    /// 12); tiers not listed are asked once per cycle. Each cadence must divide <see cref="CycleMonths"/>, which a
    /// cadence requires.</summary>
    /// <value>Empty by default: every account once per cycle.</value>
    public IReadOnlyDictionary<AccountTier, int> CadenceMonths { get; init; } = new Dictionary<AccountTier, int>();

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

        if (AsOf is { } asOf && (asOf.Day != 1 || asOf < Start))
        {
            problems.Add($"AsOf is {asOf:yyyy-MM-dd}: give the first day of a month at or after Start ({Start:yyyy-MM-dd})");
        }

        if (CadenceMonths is null)
        {
            problems.Add("CadenceMonths is null: leave it empty for once per cycle");
        }
        else if (CadenceMonths.Count > 0)
        {
            if (CycleMonths is null)
            {
                problems.Add("a cadence per tier needs CycleMonths (for example 12), and then MonthlyQuota is computed from the slots");
            }

            foreach ((AccountTier tier, int months) in CadenceMonths.OrderBy(kv => kv.Key))
            {
                if (months < 1 || (CycleMonths is { } cycle && cycle % months != 0))
                {
                    problems.Add($"CadenceMonths[{tier}] is {months}: it must be at least 1 and divide CycleMonths ({CycleMonths}) so every account's asks fit the cycle exactly");
                }
            }
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
/// <param name="RevenueShare">Their revenue over all scheduled accounts' revenue (0 when total revenue is 0); with a
/// cadence the shares of a cycle add up to more than 1, because key accounts are asked several times.</param>
/// <param name="CumulativeRevenueShare">The revenue of the distinct accounts asked at least once from the cycle's start to
/// the end of this month, over all scheduled accounts' revenue, 0..1.</param>
public sealed record RotationMonth(DateOnly Month, IReadOnlyList<string> AccountIds, decimal Revenue, double RevenueShare, double CumulativeRevenueShare);

/// <summary>A rotation schedule: every scheduled account once per cycle (or every k months by its tier's cadence), with
/// revenue coverage per month.</summary>
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
        _byAccount = new Dictionary<string, RotationAssignment>(StringComparer.Ordinal);
        foreach (RotationAssignment a in assignments)
        {
            if (!_byAccount.TryGetValue(a.AccountId, out RotationAssignment first) || a.MonthIndex < first.MonthIndex)
            {
                _byAccount[a.AccountId] = a;
            }
        }
    }

    /// <summary>Gets the options the plan was made with.</summary>
    public RotationOptions Options { get; }

    /// <summary>Gets the cycle's length in months.</summary>
    public int CycleMonths { get; }

    /// <summary>Gets every scheduled slot, by month then planning order (an account asked every k months has several).</summary>
    public IReadOnlyList<RotationAssignment> Assignments { get; }

    /// <summary>Gets the months with accounts and revenue coverage.</summary>
    public IReadOnlyList<RotationMonth> Months { get; }

    /// <summary>Gets the ids of excluded accounts.</summary>
    public IReadOnlyList<string> Excluded { get; }

    /// <summary>Gets accounts that could not be scheduled in this cycle, with the reason (a rest period reaching past the cycle's end).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Unscheduled { get; }

    /// <summary>Gets the month index the plan was made as of (<see cref="RotationOptions.AsOf"/>; 0 when not given).</summary>
    public int AsOfMonthIndex => Options.AsOf is { } asOf ? ((asOf.Year - Options.Start.Year) * 12) + asOf.Month - Options.Start.Month : 0;

    /// <summary>Gets every slot of one account, in month order.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The slots; empty when not scheduled.</returns>
    public IReadOnlyList<RotationAssignment> AssignmentsOf(string accountId) =>
        [.. Assignments.Where(a => string.Equals(a.AccountId, accountId, StringComparison.Ordinal)).OrderBy(a => a.MonthIndex)];

    /// <summary>Gets an account's (first) slot.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="assignment">The first slot, when scheduled.</param>
    /// <returns><see langword="true"/> when the account is scheduled.</returns>
    public bool TryGetAssignment(string accountId, out RotationAssignment assignment) => _byAccount.TryGetValue(accountId, out assignment);
}

/// <summary>
/// Plans B2B rotations: "100 accounts, 10 a month" becomes a deterministic schedule that asks every account once per
/// cycle (or every k months by its tier's cadence: key accounts every quarter), respects rest periods and exclusions,
/// spreads revenue evenly over the months, starts at the month it is made in ("as of": accounts added mid-cycle go into a
/// remaining month), and keeps existing slots when accounts are added or removed.
/// </summary>
/// <remarks>
/// <para>Accounts not in a previous plan are placed largest revenue first (ties: tier, then a seeded hash of the id)
/// into the allowed month (at or after the as-of month and the rest period) with the least revenue so far that still has
/// room — for an account asked every k months, the offset whose busiest month has the least revenue — the longest-processing-time rule of
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
        bool cadence = options.CadenceMonths.Count > 0;
        var every = new int[n];
        int cycle = options.CycleMonths ?? Math.Max(1, (n + options.MonthlyQuota!.Value - 1) / options.MonthlyQuota.Value);
        bool sameCycle = previous is not null && previous.Options.Start == options.Start;
        if (sameCycle && previous!.CycleMonths > cycle)
        {
            cycle = previous.CycleMonths; // never shrink a running cycle under existing slots
        }

        long slots = 0;
        for (int i = 0; i < n; i++)
        {
            every[i] = cadence && options.CadenceMonths.TryGetValue(active[i].Tier, out int k) ? k : cycle;
            slots += cycle / every[i];
        }

        int capacity = options.MonthlyQuota ?? (int)Math.Max(1, (slots + cycle - 1) / cycle);
        int asOf = Math.Min(cycle, options.AsOf is { } a0 ? ((a0.Year - options.Start.Year) * 12) + a0.Month - options.Start.Month : 0);
        var start = new int[n]; // the account's first slot; then every k months; -1 to place, -2 unscheduled
        var load = new int[cycle];
        var revenue = new decimal[cycle];
        var unscheduled = new List<(string, string)>();
        var toPlace = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int restEarliest = Earliest(active[i], options);
            if (sameCycle && previous!.TryGetAssignment(active[i].Id, out RotationAssignment old)
                && old.MonthIndex >= restEarliest && old.MonthIndex < cycle)
            {
                // Keep the slot: already asked (a past month), or a future slot that still fits.
                start[i] = old.MonthIndex;
                Occupy(i);
                continue;
            }

            int earliest = Math.Max(restEarliest, asOf);
            if (earliest >= cycle)
            {
                start[i] = -2;
                unscheduled.Add((active[i].Id, restEarliest >= cycle
                    ? $"last surveyed {active[i].LastSurveyedMonth:yyyy-MM}; the {options.RestMonths}-month rest period runs past the cycle's last month {options.Start.AddMonths(cycle - 1):yyyy-MM}"
                    : $"added as of {options.Start.AddMonths(asOf):yyyy-MM}, after the cycle's last month {options.Start.AddMonths(cycle - 1):yyyy-MM}: it goes into the next cycle"));
                continue;
            }

            start[i] = -1;
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
            int earliest = Math.Max(Earliest(active[i], options), asOf);
            int k = every[i];
            int best = -1;
            decimal bestRevenue = 0;
            int bestLoad = 0, bestCount = 0;
            bool bestFits = false;
            for (int o = 0; o < k; o++)
            {
                decimal peak = decimal.MinValue;
                int peakLoad = 0, count = 0;
                bool fits = true;
                for (int m = First(o, k, earliest); m < cycle; m += k)
                {
                    count++;
                    fits &= load[m] < capacity;
                    if (revenue[m] > peak || (revenue[m] == peak && load[m] > peakLoad))
                    {
                        peak = revenue[m];
                        peakLoad = load[m];
                    }
                }

                if (count == 0)
                {
                    continue;
                }

                // Prefer the most asks left in the cycle (an account added mid-cycle still gets its cadence: the quota
                // is exceeded rather than an ask skipped), then offsets whose months all have room, then the lowest peak
                // revenue (LPT), then the fewest accounts.
                bool better = best < 0
                    || count > bestCount
                    || (count == bestCount && ((fits && !bestFits)
                        || (fits == bestFits && (fits
                            ? peak < bestRevenue || (peak == bestRevenue && peakLoad < bestLoad)
                            : peakLoad < bestLoad))));
                if (better)
                {
                    (best, bestRevenue, bestLoad, bestFits, bestCount) = (o, peak, peakLoad, fits, count);
                }
            }

            start[i] = First(best, k, earliest);
            Occupy(i);
        }

        var order = toPlace.Select((index, rank) => (index, rank)).ToDictionary(p => p.index, p => p.rank);
        var slotList = new List<(int Account, int Month)>();
        for (int i = 0; i < n; i++)
        {
            for (int m = start[i]; m >= 0 && m < cycle; m += every[i])
            {
                slotList.Add((i, m));
            }
        }

        RotationAssignment[] assignments = [.. slotList
            .OrderBy(s => s.Month).ThenBy(s => order.TryGetValue(s.Account, out int r) ? r : -1).ThenBy(s => active[s.Account].Id, StringComparer.Ordinal)
            .Select(s => new RotationAssignment(active[s.Account].Id, options.Start.AddMonths(s.Month), s.Month))];
        decimal total = Enumerable.Range(0, n).Where(i => start[i] >= 0).Sum(i => active[i].Revenue);
        var asked = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, RotationAccount> byId = active.ToDictionary(a => a.Id, StringComparer.Ordinal);
        decimal cumulative = 0;
        var months = new RotationMonth[cycle];
        for (int m = 0; m < cycle; m++)
        {
            var ids = new List<string>();
            foreach (RotationAssignment x in assignments.Where(x => x.MonthIndex == m))
            {
                ids.Add(x.AccountId);
                if (asked.Add(x.AccountId))
                {
                    cumulative += byId[x.AccountId].Revenue;
                }
            }

            months[m] = new RotationMonth(
                options.Start.AddMonths(m),
                ids,
                revenue[m],
                total == 0 ? 0 : (double)(revenue[m] / total),
                total == 0 ? 0 : (double)(cumulative / total));
        }

        return new RotationPlan(options, cycle, assignments, months, [.. excluded], [.. unscheduled]);

        void Occupy(int i)
        {
            for (int m = start[i]; m < cycle; m += every[i])
            {
                load[m]++;
                revenue[m] += active[i].Revenue;
            }
        }
    }

    /// <summary>The first month at or after <paramref name="earliest"/> that is <paramref name="offset"/> modulo <paramref name="every"/>.</summary>
    private static int First(int offset, int every, int earliest) =>
        earliest <= offset ? offset : offset + ((earliest - offset + every - 1) / every * every);

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
