using System.Globalization;

namespace NpsKit.Statistics;

/// <summary>
/// The same respondents in two waves: the 3 × 3 table of how many moved from each category in the baseline wave to
/// each category in the current wave (how many promoters became detractors…), matched by respondent id.
/// </summary>
/// <remarks>
/// The margins are the two waves' tallies of the matched respondents (<see cref="Baseline"/>, <see cref="Current"/>);
/// respondents present in only one wave are counted (<see cref="OnlyInBaseline"/>, <see cref="OnlyInCurrent"/>) but
/// not used. <see cref="NpsTest.ComparePaired"/> tests the change. Immutable and thread-safe.
/// </remarks>
public sealed record NpsTransitions
{
    private readonly long[] _cells;

    private NpsTransitions(long[] cells, long onlyInBaseline, long onlyInCurrent)
    {
        _cells = cells;
        OnlyInBaseline = onlyInBaseline;
        OnlyInCurrent = onlyInCurrent;
    }

    /// <summary>Gets the number of matched respondents (pairs).</summary>
    public long Pairs => _cells.Sum();

    /// <summary>Gets the number of respondents of the baseline wave with no answer in the current wave.</summary>
    public long OnlyInBaseline { get; }

    /// <summary>Gets the number of respondents of the current wave with no answer in the baseline wave.</summary>
    public long OnlyInCurrent { get; }

    /// <summary>Gets the baseline-wave tally of the matched respondents (the row margins).</summary>
    public NpsTally Baseline => NpsTally.FromCounts(Row(NpsCategory.Promoter), Row(NpsCategory.Passive), Row(NpsCategory.Detractor));

    /// <summary>Gets the current-wave tally of the matched respondents (the column margins).</summary>
    public NpsTally Current => NpsTally.FromCounts(Column(NpsCategory.Promoter), Column(NpsCategory.Passive), Column(NpsCategory.Detractor));

    /// <summary>Makes the table from its nine counts.</summary>
    /// <param name="counts">Row = baseline category, column = current category, each in the order promoter,
    /// passive, detractor; every count zero or more.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException"><paramref name="counts"/> is not 3 × 3.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    public static NpsTransitions FromCounts(long[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) != 3 || counts.GetLength(1) != 3)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The transition table is {counts.GetLength(0)} × {counts.GetLength(1)}; it must be 3 × 3 (promoter, passive, detractor in both waves)."),
                nameof(counts));
        }

        long[] cells = new long[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                if (counts[i, j] < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(counts), counts[i, j], string.Create(CultureInfo.InvariantCulture, $"The count at row {i}, column {j} is {counts[i, j]}: counts must be zero or more."));
                }

                cells[(3 * i) + j] = counts[i, j];
            }
        }

        return new NpsTransitions(cells, 0, 0);
    }

    /// <summary>Matches two waves' answers by respondent id.</summary>
    /// <param name="baseline">The baseline wave: (respondent id, score 0..10); each id at most once.</param>
    /// <param name="current">The current wave, the same way.</param>
    /// <returns>The table of the respondents present in both waves.</returns>
    /// <exception cref="ArgumentException">An id appears twice in one wave, or is null or empty (the message names
    /// the wave, the id and both positions).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 0..10 (the message names the wave and position).</exception>
    public static NpsTransitions FromWaves(IEnumerable<(string RespondentId, int Score)> baseline, IEnumerable<(string RespondentId, int Score)> current)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        Dictionary<string, NpsCategory> first = Index(baseline, nameof(baseline));
        Dictionary<string, NpsCategory> second = Index(current, nameof(current));
        long[] cells = new long[9];
        long onlyFirst = 0;
        foreach ((string id, NpsCategory from) in first)
        {
            if (second.TryGetValue(id, out NpsCategory to))
            {
                cells[(3 * Slot(from)) + Slot(to)]++;
            }
            else
            {
                onlyFirst++;
            }
        }

        long onlySecond = second.Keys.LongCount(id => !first.ContainsKey(id));
        return new NpsTransitions(cells, onlyFirst, onlySecond);
    }

    /// <summary>Gets how many matched respondents were in <paramref name="from"/> in the baseline wave and in
    /// <paramref name="to"/> in the current wave.</summary>
    /// <param name="from">The baseline category.</param>
    /// <param name="to">The current category.</param>
    /// <returns>The count.</returns>
    public long Count(NpsCategory from, NpsCategory to) => _cells[(3 * Slot(from)) + Slot(to)];

    /// <summary>Tells whether the other table has the same counts.</summary>
    /// <param name="other">The other table.</param>
    /// <returns><see langword="true"/> when every count is equal.</returns>
    public bool Equals(NpsTransitions? other) =>
        other is not null && _cells.AsSpan().SequenceEqual(other._cells) && OnlyInBaseline == other.OnlyInBaseline && OnlyInCurrent == other.OnlyInCurrent;

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (long c in _cells)
        {
            hash.Add(c);
        }

        hash.Add(OnlyInBaseline);
        hash.Add(OnlyInCurrent);
        return hash.ToHashCode();
    }

    /// <summary>Describes the table in invariant culture, one line.</summary>
    /// <returns>For example <c>120 pairs: P→P 50, P→M 8, P→D 2, M→P 10, M→M 25, M→D 5, D→P 3, D→M 7, D→D 10</c>.</returns>
    public override string ToString()
    {
        string[] names = ["P", "M", "D"];
        var parts = new List<string>();
        for (int i = 0; i < 9; i++)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{names[i / 3]}→{names[i % 3]} {_cells[i]}"));
        }

        return string.Create(CultureInfo.InvariantCulture, $"{Pairs} pairs: {string.Join(", ", parts)}");
    }

    /// <summary>The nine counts, row-major (promoter, passive, detractor).</summary>
    internal ReadOnlySpan<long> Cells => _cells;

    private long Row(NpsCategory from) => Count(from, NpsCategory.Promoter) + Count(from, NpsCategory.Passive) + Count(from, NpsCategory.Detractor);

    private long Column(NpsCategory to) => Count(NpsCategory.Promoter, to) + Count(NpsCategory.Passive, to) + Count(NpsCategory.Detractor, to);

    private static int Slot(NpsCategory category) => category switch
    {
        NpsCategory.Promoter => 0,
        NpsCategory.Passive => 1,
        NpsCategory.Detractor => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(category), category, "Allowed are NpsCategory.Promoter, Passive and Detractor."),
    };

    private static Dictionary<string, NpsCategory> Index(IEnumerable<(string RespondentId, int Score)> wave, string paramName)
    {
        var index = new Dictionary<string, NpsCategory>(StringComparer.Ordinal);
        var position = new Dictionary<string, long>(StringComparer.Ordinal);
        long i = 0;
        foreach ((string id, int score) in wave)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Answer {i} of the {paramName} wave has no respondent id: every answer needs one to be matched."), paramName);
            }

            if (!Nps.IsValidScore(score))
            {
                throw new ArgumentOutOfRangeException(paramName, score, string.Create(CultureInfo.InvariantCulture, $"Answer {i} of the {paramName} wave (respondent {id}) has score {score}; scores run from 0 to 10."));
            }

            if (!index.TryAdd(id, Nps.Classify(score)))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Respondent {id} answers twice in the {paramName} wave (answers {position[id]} and {i}): a paired comparison needs one answer per respondent and wave; keep the one you mean (e.g. the latest)."), paramName);
            }

            position[id] = i;
            i++;
        }

        return index;
    }
}
