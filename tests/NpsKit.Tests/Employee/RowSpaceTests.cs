using FsCheck;
using FsCheck.Fluent;
using NpsKit.Employee.Internal;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Employee;

/// <summary>
/// The audit's incremental sparse echelon form (<see cref="RowSpace"/>): known small systems, rank, membership, targets
/// and refusals, the agreement of its two primes, and a seeded property against exact rational Gaussian elimination
/// (<see cref="RationalSpan"/>).
/// </summary>
public class RowSpaceTests
{
    [Fact]
    public void Contains_TotalAndAllButOnePart_DeterminesTheLastPart()
    {
        // A total of three parts, two parts shown: the third is the total minus the two (the classic complementary-
        // suppression leak).
        var span = new RowSpace(3);
        span.Add([0, 1, 2]);
        span.Add([0]);
        Assert.False(span.Contains([2]));
        Assert.False(span.Contains([1]));
        Assert.True(span.Contains([1, 2]));
        span.Add([1]);
        Assert.True(span.Contains([2]));
        Assert.Equal([3, 3], span.RankByPrime);
    }

    [Fact]
    public void Contains_TwoOverlappingPairs_DetermineNeitherSingletonNorTheirUnion()
    {
        // (1,1,0) and (0,1,1) span {(a, a+b, b)}: (1,0,-1) is in it, but no 0/1 vector other than the two rows is.
        var span = new RowSpace(3);
        span.Add([0, 1]);
        span.Add([1, 2]);
        Assert.Equal([2, 2], span.RankByPrime);
        Assert.True(span.Contains([0, 1]));
        Assert.True(span.Contains([1, 2]));
        Assert.True(span.Contains([]));
        Assert.False(span.Contains([0]));
        Assert.False(span.Contains([1]));
        Assert.False(span.Contains([0, 2]));
        Assert.False(span.Contains([0, 1, 2]));
    }

    [Fact]
    public void Add_DependentRow_LeavesTheRankUnchanged()
    {
        // Two-way table 2 × 2: rows, columns and the total have rank 3 (one relation: rows sum = columns sum).
        var span = new RowSpace(4);
        int[][] margins = [[0, 1], [2, 3], [0, 2], [1, 3], [0, 1, 2, 3]];
        foreach (int[] row in margins)
        {
            span.Add(row);
        }

        Assert.Equal([3, 3], span.RankByPrime);
        Assert.False(span.Contains([0]));
        Assert.False(span.Contains([0, 3]));
        span.Add([0]);
        Assert.Equal([4, 4], span.RankByPrime);
        Assert.True(span.Contains([3]));
    }

    [Fact]
    public void Add_AsDifferenceFromARowInTheSpan_GrowsTheSpanTheSame()
    {
        var span = new RowSpace(5);
        span.Add([0, 1, 2]);
        span.Add([0, 1, 2, 3], minus: [0, 1, 2]);
        Assert.Equal([2, 2], span.RankByPrime);
        Assert.True(span.Contains([3]));
        Assert.True(span.Contains([0, 1, 2, 3]));
        Assert.False(span.Contains([0]));
    }

    [Fact]
    public void TryAdd_RowThatWouldDetermineATarget_IsRefusedAndNamesTheTarget()
    {
        var span = new RowSpace(3);
        span.Add([0, 1, 2]);
        Assert.Equal(0, span.AddTarget([2]));
        Assert.Equal(-1, span.TryAdd([0], null, targetIfRefused: false));
        Assert.Equal([2, 2], span.RankByPrime);

        // [1] would give [2] = total − [0] − [1]: refused, and (being hidden) kept as a target itself.
        Assert.Equal(0, span.TryAdd([1], null, targetIfRefused: true));
        Assert.False(span.Contains([1]));
        Assert.False(span.Contains([2]));
        Assert.Equal(2, span.TargetCount);
        Assert.Equal([2, 2], span.RankByPrime);

        // [1, 2] is total − [0], already in the span: accepted, adds nothing.
        Assert.Equal(-1, span.TryAdd([1, 2], null, targetIfRefused: false));
        Assert.Equal([2, 2], span.RankByPrime);
    }

    [Fact]
    public void TryAdd_RowDeterminingTheSecondTarget_NamesThatTarget()
    {
        var span = new RowSpace(3);
        span.Add([0, 1, 2]);
        Assert.Equal(0, span.AddTarget([2]));
        Assert.Equal(1, span.AddTarget([0]));

        // [1, 2] gives [0] = total − [1, 2], not [2].
        Assert.Equal(1, span.TryAdd([1, 2], null, targetIfRefused: false));
        Assert.Equal(2, span.TargetCount);
        Assert.Equal([1, 1], span.RankByPrime);
    }

    [Fact]
    public void AddTarget_RowAlreadyInTheSpan_IsNotKept()
    {
        var span = new RowSpace(2);
        span.Add([0, 1]);
        span.Add([0]);
        Assert.Equal(-1, span.AddTarget([1]));
        Assert.Equal(0, span.TargetCount);
    }

    [Fact]
    public void RemoveTarget_ThenTheRowThatDeterminedIt_IsAccepted()
    {
        var span = new RowSpace(2);
        span.Add([0, 1]);
        int t = span.AddTarget([1]);
        Assert.Equal(t, span.TryAdd([0], null, targetIfRefused: false));
        span.RemoveTarget(t);
        Assert.Equal(-1, span.TryAdd([0], null, targetIfRefused: false));
        Assert.True(span.Contains([1]));
    }

    [Fact]
    public void WouldDetermine_AsksWithoutAdding()
    {
        var span = new RowSpace(3);
        span.Add([0, 1, 2]);
        Assert.True(span.WouldDetermine([0, 1], [2]));
        Assert.False(span.WouldDetermine([0], [2]));
        Assert.True(span.WouldDetermine([0], [1, 2]));
        Assert.Equal([1, 1], span.RankByPrime);
    }

    [Fact]
    public void Clone_IsIndependentOfTheOriginal()
    {
        var span = new RowSpace(3);
        span.Add([0, 1, 2]);
        span.AddTarget([2]);
        RowSpace copy = span.Clone();
        copy.Add([0, 1]);
        Assert.True(copy.Contains([2]));
        Assert.False(span.Contains([2]));
        Assert.Equal(-1, span.TryAdd([0], null, targetIfRefused: false));
        Assert.Equal([2, 2], span.RankByPrime);
        Assert.Equal([2, 2], copy.RankByPrime);
    }

    [Fact]
    public void ContainsByPrime_HierarchyWithCrossTab_BothPrimesAgree()
    {
        // A unit of 3 teams × 2 values (atoms 0..5, team t value v = 2t + v): team totals, value totals, the unit, and
        // two team × value cells. Rank and membership agree in both primes.
        int[][] rows = [[0, 1], [2, 3], [4, 5], [0, 2, 4], [1, 3, 5], [0, 1, 2, 3, 4, 5], [0], [3]];
        var span = new RowSpace(6);
        var exact = new RationalSpan();
        foreach (int[] r in rows)
        {
            span.Add(r);
            exact.Add(r);
        }

        Assert.Equal([exact.Rank, exact.Rank], span.RankByPrime);
        for (int mask = 1; mask < 64; mask++)
        {
            int[] v = [.. Enumerable.Range(0, 6).Where(c => (mask >> c & 1) != 0)];
            bool truth = exact.Contains(v);
            Assert.Equal([truth, truth], span.ContainsByPrime(v));
        }
    }

    /// <summary>A random system: width 1–12, up to 16 rows and up to 8 targets, each a random non-empty 0/1 row.</summary>
    private static readonly Arbitrary<(int Width, int[][] Rows, int[][] Targets)> Systems =
        (from width in Gen.Choose(1, 12)
         from density in Gen.Choose(1, 3)
         from rowCount in Gen.Choose(0, 16)
         from rows in Gen.ArrayOf(RowOf(width, density), rowCount)
         from targetCount in Gen.Choose(0, 8)
         from targets in Gen.ArrayOf(RowOf(width, density), targetCount)
         select (width, rows, targets)).ToArbitrary();

    private static Gen<int[]> RowOf(int width, int density) =>
        Gen.ArrayOf(Gen.Choose(0, 3), width)
            .Select(bits => bits.Select((b, c) => (b, c)).Where(x => x.b < density).Select(x => x.c).ToArray())
            .Where(r => r.Length > 0);

    [Fact]
    public void RankAndContains_RandomSystems_AgreeWithRationalElimination() => PropertyRunner.Check(
        Prop.ForAll(Systems, system =>
        {
            // Law: modulo each prime, the echelon form has the rational rank and holds exactly the rational span.
            (int width, int[][] rows, int[][] targets) = system;
            var span = new RowSpace(width);
            var exact = new RationalSpan();
            foreach (int[] r in rows)
            {
                span.Add(r);
                exact.Add(r);
                if (span.RankByPrime.Any(k => k != exact.Rank))
                {
                    throw new InvalidOperationException($"rank {string.Join("/", span.RankByPrime)}, rational {exact.Rank}");
                }
            }

            foreach (int[] t in targets)
            {
                bool truth = exact.Contains(t);
                if (span.ContainsByPrime(t).Any(x => x != truth) || span.Contains(t) != truth)
                {
                    throw new InvalidOperationException($"[{string.Join(",", t)}]: rational {truth}, primes {string.Join("/", span.ContainsByPrime(t))}");
                }
            }
        }),
        maxTest: 300);

    [Fact]
    public void TryAdd_RandomSystems_RefusesExactlyTheRowsThatWouldDetermineATarget() => PropertyRunner.Check(
        Prop.ForAll(Systems, system =>
        {
            // Law: with targets outside the span, TryAdd accepts a row exactly when, over the rationals, no target lies
            // in the span of the accepted rows and that row; no target ever enters the span.
            (int width, int[][] rows, int[][] targets) = system;
            var span = new RowSpace(width);
            var accepted = new List<int[]>();
            var kept = new List<int[]>();
            foreach (int[] t in targets)
            {
                bool inSpan = Exact(accepted).Contains(t);
                int id = span.AddTarget(t);
                if ((id < 0) != inSpan)
                {
                    throw new InvalidOperationException($"target [{string.Join(",", t)}]: id {id}, in the rational span {inSpan}");
                }

                if (id >= 0)
                {
                    kept.Add(t);
                }
            }

            foreach (int[] r in rows)
            {
                RationalSpan with = Exact([.. accepted, r]);
                bool leaks = kept.Any(with.Contains);
                int refused = span.TryAdd(r, null, targetIfRefused: false);
                if ((refused >= 0) != leaks || (refused >= 0 && !with.Contains(kept[refused])))
                {
                    throw new InvalidOperationException($"row [{string.Join(",", r)}]: TryAdd {refused}, a target determined {leaks}");
                }

                if (refused < 0)
                {
                    accepted.Add(r);
                }
            }

            RationalSpan final = Exact(accepted);
            if (kept.Any(final.Contains))
            {
                throw new InvalidOperationException("a target entered the span");
            }
        }),
        maxTest: 300);

    [Fact]
    public void CancelBatch_RandomSystems_LeavesTheSpanAndTargetsAsBeforeTheBatch() => PropertyRunner.Check(
        Prop.ForAll(Systems, Systems, (before, batch) =>
        {
            // Law: rows added (and targets reduced) inside a batch and then cancelled leave no trace: rank, membership
            // and every later refusal are those of a twin that never saw the batch; a kept batch equals plain adds.
            (int width, int[][] rows, int[][] targets) = before;
            int[][] extra = [.. batch.Rows.Select(r => r.Where(c => c < width).ToArray()).Where(r => r.Length > 0)];
            var span = new RowSpace(width);
            var twin = new RowSpace(width);
            foreach (int[] t in targets)
            {
                span.AddTarget(t);
                twin.AddTarget(t);
            }

            foreach (int[] r in rows.Take(rows.Length / 2))
            {
                span.TryAdd(r, null, targetIfRefused: false);
                twin.TryAdd(r, null, targetIfRefused: false);
            }

            span.BeginBatch();
            foreach (int[] r in extra)
            {
                span.TryAdd(r, null, targetIfRefused: false);
            }

            span.CancelBatch();
            if (!span.RankByPrime.SequenceEqual(twin.RankByPrime))
            {
                throw new InvalidOperationException($"rank {string.Join("/", span.RankByPrime)} after cancel, {string.Join("/", twin.RankByPrime)} without the batch");
            }

            foreach (int[] r in rows.Skip(rows.Length / 2).Concat(targets))
            {
                if (span.Contains(r) != twin.Contains(r))
                {
                    throw new InvalidOperationException($"[{string.Join(",", r)}]: contained {span.Contains(r)} after cancel, {twin.Contains(r)} without the batch");
                }

                int a = span.TryAdd(r, null, targetIfRefused: false);
                int b = twin.TryAdd(r, null, targetIfRefused: false);
                if (a != b)
                {
                    throw new InvalidOperationException($"[{string.Join(",", r)}]: TryAdd {a} after cancel, {b} without the batch");
                }
            }
        }),
        maxTest: 300);

    private static RationalSpan Exact(IEnumerable<int[]> rows)
    {
        var span = new RationalSpan();
        foreach (int[] r in rows)
        {
            span.Add(r);
        }

        return span;
    }
}
