using System.Numerics;
using NpsKit.Aggregation;
using NpsKit.Statistics;
using NpsKit.Statistics.Internal;

namespace NpsKit.Drivers;

/// <summary>
/// Splits the change in NPS between two periods (or two files) exactly into per-segment mix and performance parts,
/// each with a delta-method interval and a multiple-comparison-adjusted test.
/// </summary>
/// <remarks>
/// <para><b>The form.</b> NPS is a share-weighted mean of segment scores, NPSₜ = Σₛ wₛₜ Nₛₜ. The change is split with the
/// symmetric two-factor form of Kitagawa (1955, <i>JASA</i> 50:1168–1194; generalised by Das Gupta 1993, <i>Standardization
/// and Decomposition of Rates</i>, US Census Bureau P23-186): each factor's change is weighted by the average of the other
/// factor over the two periods, Δ = Σₛ (w₁ − w₀)·N̄ₛ + Σₛ w̄ₛ·(N₁ − N₀). The interaction term (w₁ − w₀)(N₁ − N₀) is
/// therefore split half to mix and half to performance — no residual is left over, and swapping the periods negates every part.</para>
/// <para><b>Centred mix.</b> Because the shares of each period sum to one, Σₛ (w₁ − w₀) = 0 and any constant may be subtracted
/// from N̄ₛ without changing the total mix. NpsKit subtracts c = (NPS₀ + NPS₁)/2, so a segment's mix part reads as
/// "more answers came from a segment that scores below (or above) average": Mixₛ = (w₁ − w₀)(N̄ₛ − c). One segment has no mix.</para>
/// <para><b>Segments in one period only.</b> A segment without answers in one period has no NPS there; its whole
/// contribution is composition, so N̄ₛ is its NPS in the period it has, and its performance part is zero (structural, not tested).</para>
/// <para><b>Exact.</b> The parts are computed in exact rational arithmetic from the integer counts and only then rounded to
/// <see cref="double"/>: they sum exactly to the change before rounding, and to within a few units in the last place after.</para>
/// <para><b>Intervals.</b> Delta method (Oehlert 1992, <i>The American Statistician</i> 46:27–29): each part is a smooth
/// function of the two periods' independent multinomial cell shares (segment × promoter/passive/detractor), so its variance is
/// gᵀΣg with Σ = (diag q − qqᵀ)/n per period. The gradient uses shares with the adjusted-Wald pseudo-answers 0.75/1.5/0.75 added
/// to every segment present in a period (Rocks 2016; Agresti &amp; Caffo 2000), which keeps a segment with one category from
/// getting a zero standard error. The delta method is chosen over the bootstrap because it is closed-form, deterministic and
/// costs O(segments) — a month × 20-segment decomposition in microseconds — and the parts are smooth in the shares; below about
/// 30 answers in a segment its normal interval is rough, which <see cref="ChangePart.IsSmallSample"/> flags
/// (<see cref="DecompositionOptions.MinimumCount"/>).</para>
/// <para><b>Tests.</b> As in the adjusted-Wald comparison (<see cref="NpsTest"/>), the z-test and the interval of a part are
/// centred on the part evaluated at the same pseudo-answer shares (<see cref="ChangeTerm.TestedEstimate"/>), not on the
/// raw part: the raw part of a tiny segment can be ±200 points within it while its SE comes from shrunk shares, and the
/// ratio of the two would call noise significant. With one segment the performance test is exactly <see cref="NpsTest.Compare(NpsTally, NpsTally)"/>.
/// Each non-structural part is z-tested against zero; the p-values of all parts of one decomposition are
/// adjusted together (<see cref="DecompositionOptions.Adjustment"/>, Holm 1979 by default). The estimates that sum to the
/// change stay the exact raw parts.</para>
/// <para>Every method is deterministic and thread-safe.</para>
/// </remarks>
public static class ChangeDecomposition
{
    private const double PseudoPromoters = 0.75;
    private const double PseudoPassives = 1.5;
    private const double PseudoDetractors = 0.75;

    /// <summary>Decomposes the change between two periods of one cube at one level of its segmentation.</summary>
    /// <param name="cube">The cube.</param>
    /// <param name="baseline">The earlier (reference) period.</param>
    /// <param name="current">The later period.</param>
    /// <param name="level">The segmentation level: 1 for the outermost dimension (e.g. departments), up to the number of
    /// dimensions; <see langword="null"/> (default) for the finest level, <see cref="NpsCube.Segments"/>.</param>
    /// <param name="options">Level and multiple-comparison adjustment; default <see cref="DecompositionOptions.Default"/>.</param>
    /// <returns>The decomposition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cube"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="level"/> is outside 0..dimensions.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or a period is of another unit than the cube's.</exception>
    /// <exception cref="InvalidOperationException">A period has no answers; the message names it.</exception>
    public static NpsChangeDecomposition Between(NpsCube cube, ReportingPeriod baseline, ReportingPeriod current, int? level = null, DecompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        IReadOnlyList<SegmentPath> segments = level is int l ? cube.SegmentsAtLevel(l) : cube.Segments;
        var rows = new List<(SegmentPath, NpsTally, NpsTally)>(segments.Count);
        foreach (SegmentPath s in segments)
        {
            rows.Add((s, cube.Tally(baseline, s), cube.Tally(current, s)));
        }

        return FromTallies(rows, options, SegmentPath.Total, cube.Tally(baseline, SegmentPath.Total), cube.Tally(current, SegmentPath.Total));
    }

    /// <summary>Decomposes the change between two cubes (for example two files), each summed over all its periods.</summary>
    /// <param name="baseline">The reference cube.</param>
    /// <param name="current">The compared cube; it must have the same dimensions.</param>
    /// <param name="level">The segmentation level; <see langword="null"/> for the finest.</param>
    /// <param name="options">Level and adjustment.</param>
    /// <returns>The decomposition; segments present in only one cube are pure mix.</returns>
    /// <exception cref="ArgumentNullException">A cube is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The cubes' dimensions differ, or the options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A cube has no answers.</exception>
    public static NpsChangeDecomposition Between(NpsCube baseline, NpsCube current, int? level = null, DecompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        RequireSameDimensions(baseline, current);

        var union = new SortedDictionary<string, SegmentPath>(StringComparer.Ordinal);
        foreach (NpsCube cube in new[] { baseline, current })
        {
            foreach (SegmentPath s in level is int l ? cube.SegmentsAtLevel(l) : cube.Segments)
            {
                union.TryAdd(s.ToString(), s);
            }
        }

        var rows = new List<(SegmentPath, NpsTally, NpsTally)>(union.Count);
        foreach (SegmentPath s in union.Values)
        {
            rows.Add((s, baseline.Tally(s), current.Tally(s)));
        }

        return FromTallies(rows, options, SegmentPath.Total, baseline.Total, current.Total);
    }

    /// <summary>Drills into one segment of a hierarchy: decomposes the segment's contribution to the overall change
    /// (its mix + performance at its own level, shares of all answers) over its children at the next level (the teams within a department).</summary>
    /// <param name="cube">The cube.</param>
    /// <param name="baseline">The earlier period.</param>
    /// <param name="current">The later period.</param>
    /// <param name="parent">A segment at a level above the finest (e.g. <c>department=Billing</c>).</param>
    /// <param name="options">Level and adjustment.</param>
    /// <returns>The children's parts; they sum exactly to <see cref="NpsChangeDecomposition.Change"/>, the parent's
    /// contribution change, with the mix centred on the overall NPS.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cube"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="parent"/> is at the finest level, or names a dimension out of order.</exception>
    /// <exception cref="InvalidOperationException">A period has no answers.</exception>
    public static NpsChangeDecomposition Within(NpsCube cube, ReportingPeriod baseline, ReportingPeriod current, SegmentPath parent, DecompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        if (parent.Depth >= cube.Dimensions.Count)
        {
            throw new ArgumentException($"Segment {parent} is at the finest level of the cube ({string.Join(" > ", cube.Dimensions)}); it has no children to drill into.", nameof(parent));
        }

        for (int i = 0; i < parent.Depth; i++)
        {
            if (!string.Equals(parent.DimensionAt(i), cube.Dimensions[i], StringComparison.Ordinal))
            {
                throw new ArgumentException($"Segment {parent} does not follow the cube's levels ({string.Join(" > ", cube.Dimensions)}): name the levels from the outermost down.", nameof(parent));
            }
        }

        var rows = new List<(SegmentPath, NpsTally, NpsTally)>();
        foreach (SegmentPath s in cube.SegmentsAtLevel(parent.Depth + 1))
        {
            if (s.Prefix(parent.Depth) == parent)
            {
                rows.Add((s, cube.Tally(baseline, s), cube.Tally(current, s)));
            }
        }

        return FromTallies(rows, options, parent, cube.Tally(baseline, SegmentPath.Total), cube.Tally(current, SegmentPath.Total));
    }

    /// <summary>Drills down a hierarchy (which department, then which team within it): the change by the outermost level,
    /// then every segment above the finest level split over its children, with the p-values of every term of every
    /// decomposition adjusted together as one family.</summary>
    /// <param name="cube">A cube whose segmentation is a hierarchy (or one dimension: then the result is one decomposition).</param>
    /// <param name="baseline">The earlier period.</param>
    /// <param name="current">The later period.</param>
    /// <param name="options">Level, adjustment and minimum count.</param>
    /// <returns>The decomposition by level 1 first, then, depth first, each parent's <see cref="Within"/> decomposition
    /// (a department's, then its teams' children if there is a third level…), parents in segment order. Every part's
    /// <see cref="ChangeTerm.AdjustedPValue"/> is adjusted across all the terms of the list (<see cref="DecompositionOptions.Adjustment"/>,
    /// Holm 1979 by default): drilling into ten departments tests ten times more terms, and the control says so, where
    /// adjusting each drill-down on its own would let the number of looks inflate the false positives.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="cube"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or the cube has no segment dimension.</exception>
    /// <exception cref="InvalidOperationException">A period has no answers.</exception>
    public static IReadOnlyList<NpsChangeDecomposition> Drill(NpsCube cube, ReportingPeriod baseline, ReportingPeriod current, DecompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cube);
        return Drill(new CubeSource(cube), s => cube.Tally(baseline, s), s => cube.Tally(current, s), options);
    }

    /// <summary>Drills down a hierarchy between two cubes (for example two files, each summed over all its periods); see
    /// <see cref="Drill(NpsCube, ReportingPeriod, ReportingPeriod, DecompositionOptions?)"/>.</summary>
    /// <param name="baseline">The reference cube.</param>
    /// <param name="current">The compared cube; it must have the same dimensions.</param>
    /// <param name="options">Level, adjustment and minimum count.</param>
    /// <returns>The decompositions, level 1 first, then each parent's children depth first; p-values adjusted across all.</returns>
    /// <exception cref="ArgumentNullException">A cube is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The cubes' dimensions differ, the cube has no segment dimension, or the options are invalid.</exception>
    /// <exception cref="InvalidOperationException">A cube has no answers.</exception>
    public static IReadOnlyList<NpsChangeDecomposition> Drill(NpsCube baseline, NpsCube current, DecompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(current);
        RequireSameDimensions(baseline, current);

        return Drill(new UnionCube(baseline, current), baseline.Tally, current.Tally, options);
    }

    private static IReadOnlyList<NpsChangeDecomposition> Drill(ISegmentSource cube, Func<SegmentPath, NpsTally> before, Func<SegmentPath, NpsTally> after, DecompositionOptions? options)
    {
        options ??= DecompositionOptions.Default;
        options.Validate();
        if (cube.Dimensions.Count == 0)
        {
            throw new ArgumentException("The cube has no segment dimension to drill into: aggregate it by a hierarchy, e.g. Segmentation.Hierarchy(\"department\", \"team\").", nameof(cube));
        }

        DecompositionOptions unadjusted = options with { Adjustment = PValueAdjustment.None };
        NpsTally total0 = before(SegmentPath.Total), total1 = after(SegmentPath.Total);
        var list = new List<NpsChangeDecomposition>();
        void Add(SegmentPath parent, int level)
        {
            var rows = new List<(SegmentPath, NpsTally, NpsTally)>();
            foreach (SegmentPath s in cube.SegmentsAtLevel(level))
            {
                if (parent.IsTotal || s.Prefix(parent.Depth) == parent)
                {
                    rows.Add((s, before(s), after(s)));
                }
            }

            NpsChangeDecomposition d = FromTallies(rows, unadjusted, parent, total0, total1);
            list.Add(d);
            if (level < cube.Dimensions.Count)
            {
                foreach (ChangePart p in d.Parts)
                {
                    Add(p.Segment, level + 1);
                }
            }
        }

        Add(SegmentPath.Total, 1);

        // One family: every tested term of every decomposition, adjusted together.
        var raw = new List<double>();
        foreach (NpsChangeDecomposition d in list)
        {
            foreach (ChangePart p in d.Parts)
            {
                foreach (ChangeTerm t in new[] { p.Mix, p.Performance })
                {
                    if (!t.IsStructural)
                    {
                        raw.Add(t.PValue);
                    }
                }
            }
        }

        double[] adjusted = MultipleComparisons.Adjust(raw.ToArray(), options.Adjustment);
        int k = 0;
        ChangeTerm Adjusted(ChangeTerm t) => t.IsStructural ? t : t with { AdjustedPValue = adjusted[k++] };
        var result = new NpsChangeDecomposition[list.Count];
        for (int i = 0; i < list.Count; i++)
        {
            NpsChangeDecomposition d = list[i];
            var parts = new ChangePart[d.Parts.Count];
            for (int j = 0; j < parts.Length; j++)
            {
                ChangePart p = d.Parts[j];
                ChangeTerm mix = Adjusted(p.Mix);
                ChangeTerm perf = Adjusted(p.Performance);
                parts[j] = new ChangePart(p.Segment, p.Baseline, p.Current, p.BaselineShare, p.CurrentShare, mix, perf, p.IsSmallSample);
            }

            result[i] = new NpsChangeDecomposition(d.Parent, d.Baseline, d.Current, parts, options, d.ExactParts);
        }

        return result;
    }

    /// <summary>What a drill-down needs of a cube, or of two cubes together: the dimensions and the segments at a level.</summary>
    private interface ISegmentSource
    {
        IReadOnlyList<string> Dimensions { get; }

        IReadOnlyList<SegmentPath> SegmentsAtLevel(int level);
    }

    private sealed class CubeSource(NpsCube cube) : ISegmentSource
    {
        public IReadOnlyList<string> Dimensions => cube.Dimensions;

        public IReadOnlyList<SegmentPath> SegmentsAtLevel(int level) => cube.SegmentsAtLevel(level);
    }

    /// <summary>The segments of two cubes with the same dimensions, in ordinal order of their names.</summary>
    private sealed class UnionCube(NpsCube a, NpsCube b) : ISegmentSource
    {
        public IReadOnlyList<string> Dimensions => a.Dimensions;

        public IReadOnlyList<SegmentPath> SegmentsAtLevel(int level)
        {
            var union = new SortedDictionary<string, SegmentPath>(StringComparer.Ordinal);
            foreach (NpsCube cube in new[] { a, b })
            {
                foreach (SegmentPath s in cube.SegmentsAtLevel(level))
                {
                    union.TryAdd(s.ToString(), s);
                }
            }

            return [.. union.Values];
        }
    }

    /// <summary>Decomposes the change over segments given as tallies: the segments are disjoint and together make up the
    /// whole of each period.</summary>
    /// <param name="segments">Each segment with its baseline and current tally (either may be empty, not both).</param>
    /// <param name="options">Level and adjustment.</param>
    /// <returns>The decomposition of the change from the sum of the baseline tallies to the sum of the current ones.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segments"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The options are invalid, or a segment is repeated.</exception>
    /// <exception cref="InvalidOperationException">All baseline or all current tallies are empty.</exception>
    public static NpsChangeDecomposition FromTallies(IEnumerable<(SegmentPath Segment, NpsTally Baseline, NpsTally Current)> segments, DecompositionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var rows = segments.ToList();
        NpsTally b = NpsTally.Sum(rows.Select(r => r.Baseline));
        NpsTally c = NpsTally.Sum(rows.Select(r => r.Current));
        return FromTallies(rows, options, SegmentPath.Total, b, c);
    }

    private static NpsChangeDecomposition FromTallies(
        List<(SegmentPath Segment, NpsTally Baseline, NpsTally Current)> rows, DecompositionOptions? options, SegmentPath parent, NpsTally total0, NpsTally total1)
    {
        options ??= DecompositionOptions.Default;
        options.Validate();
        if (!total0.HasScore || !total1.HasScore)
        {
            throw new InvalidOperationException($"The {(total0.HasScore ? "current" : "baseline")} period has no answers, so there is no change to decompose.");
        }

        var seen = new HashSet<SegmentPath>();
        rows.RemoveAll(r => !r.Baseline.HasScore && !r.Current.HasScore);
        foreach (var r in rows)
        {
            if (!seen.Add(r.Segment))
            {
                throw new ArgumentException($"Segment {r.Segment} appears twice: each segment may be given once.", "segments");
            }
        }

        Exact exact = Compute(rows, total0, total1);
        double z = Numerics.TwoSidedCritical(options.Level);
        var terms = new (double Est, double Tested, double Se, bool Structural)[2 * rows.Count];
        (double[] q0, double n0) = AdjustedCells(rows, r => r.Baseline);
        (double[] q1, double n1) = AdjustedCells(rows, r => r.Current);
        for (int s = 0; s < rows.Count; s++)
        {
            Delta delta = DeltaStandardErrors(q0, n0, q1, n1, s);
            bool single = rows.Count == 1 && parent.IsTotal;
            terms[2 * s] = ((double)exact.Mix[s], delta.MixEstimate * 100, delta.MixSe * 100, single);
            terms[(2 * s) + 1] = ((double)exact.Performance[s], delta.PerformanceEstimate * 100, delta.PerformanceSe * 100, !rows[s].Baseline.HasScore || !rows[s].Current.HasScore);
        }

        // The test and the interval of a part are taken at the pseudo-answer shares, estimate and standard error alike
        // (the adjusted-Wald logic of NpsTest): dividing the raw part by an SE from the shrunk shares called a segment of
        // three answers that went from promoters to detractors "significant".
        var raw = new List<double>();
        foreach (var t in terms)
        {
            if (!t.Structural)
            {
                raw.Add(PValue(t.Tested, t.Se));
            }
        }

        double[] adjusted = MultipleComparisons.Adjust(raw.ToArray(), options.Adjustment);
        var parts = new ChangePart[rows.Count];
        int k = 0;
        ChangeTerm Term(int i)
        {
            var t = terms[i];
            if (t.Structural)
            {
                return new ChangeTerm(t.Est, 0, t.Est, t.Est, 1, 1, IsStructural: true);
            }

            double p = raw[k];
            return new ChangeTerm(t.Est, t.Se, Math.Clamp(t.Tested - (z * t.Se), -200, 200), Math.Clamp(t.Tested + (z * t.Se), -200, 200), p, adjusted[k++], IsStructural: false)
            {
                TestedEstimate = t.Tested,
            };
        }

        static bool Small(NpsTally t, int minimum) => t.Count > 0 && t.Count < minimum;
        for (int s = 0; s < rows.Count; s++)
        {
            var r = rows[s];
            ChangeTerm mix = Term(2 * s);
            ChangeTerm perf = Term((2 * s) + 1);
            bool small = Small(r.Baseline, options.MinimumCount) || Small(r.Current, options.MinimumCount);
            parts[s] = new ChangePart(r.Segment, r.Baseline, r.Current, (double)r.Baseline.Count / total0.Count, (double)r.Current.Count / total1.Count, mix, perf, small);
        }

        return new NpsChangeDecomposition(parent, total0, total1, parts, options, exact);
    }

    private static double PValue(double estimate, double se) =>
        se > 0 ? Math.Min(1, 2 * Numerics.NormalUpperTail(Math.Abs(estimate) / se)) : (estimate == 0 ? 1 : 0);

    /// <summary>The parts in exact rational arithmetic, on the points scale (×100).</summary>
    internal static Exact Compute(List<(SegmentPath Segment, NpsTally Baseline, NpsTally Current)> rows, NpsTally total0, NpsTally total1)
    {
        long n0 = total0.Count, n1 = total1.Count;
        // c = (T0/n0 + T1/n1)/2, T = promoters − detractors of the whole period.
        Rational c = new Rational(total0.Promoters - total0.Detractors, n0).Add(new Rational(total1.Promoters - total1.Detractors, n1)).Half();
        var mix = new Rational[rows.Count];
        var perf = new Rational[rows.Count];
        for (int s = 0; s < rows.Count; s++)
        {
            NpsTally a = rows[s].Baseline, b = rows[s].Current;
            var w0 = new Rational(a.Count, n0);
            var w1 = new Rational(b.Count, n1);
            Rational nps0 = a.HasScore ? new Rational(a.Promoters - a.Detractors, a.Count) : new Rational(b.Promoters - b.Detractors, b.Count);
            Rational nps1 = b.HasScore ? new Rational(b.Promoters - b.Detractors, b.Count) : nps0;
            Rational meanNps = nps0.Add(nps1).Half();
            mix[s] = w1.Subtract(w0).Multiply(meanNps.Subtract(c)).Times(100);
            perf[s] = a.HasScore && b.HasScore ? w0.Add(w1).Half().Multiply(nps1.Subtract(nps0)).Times(100) : Rational.Zero;
        }

        // The change the parts add up to, computed independently of them: (T₁/n₁ − T₀/n₀) − c·(w₁ − w₀) for the answers the
        // rows cover. For a whole period that is the NPS change (the shares are 1); for a drill-down it is the parent's
        // own contribution, mix + performance at the parent's level, since Δw·N̄ + w̄·ΔN = w₁N₁ − w₀N₀.
        NpsTally covered0 = NpsTally.Sum(rows.Select(r => r.Baseline)), covered1 = NpsTally.Sum(rows.Select(r => r.Current));
        Rational change = new Rational(covered1.Promoters - covered1.Detractors, n1)
            .Subtract(new Rational(covered0.Promoters - covered0.Detractors, n0))
            .Subtract(c.Multiply(new Rational(covered1.Count, n1).Subtract(new Rational(covered0.Count, n0))))
            .Times(100);
        return new Exact(mix, perf, change);
    }

    /// <summary>Segment × category shares with the pseudo-answers, for one period: 3 per segment (promoter, passive, detractor).</summary>
    private static (double[] Q, double N) AdjustedCells(List<(SegmentPath Segment, NpsTally Baseline, NpsTally Current)> rows, Func<(SegmentPath Segment, NpsTally Baseline, NpsTally Current), NpsTally> pick)
    {
        var q = new double[3 * rows.Count];
        double n = 0;
        for (int s = 0; s < rows.Count; s++)
        {
            NpsTally t = pick(rows[s]);
            if (!t.HasScore)
            {
                continue;
            }

            q[3 * s] = t.Promoters + PseudoPromoters;
            q[(3 * s) + 1] = t.Passives + PseudoPassives;
            q[(3 * s) + 2] = t.Detractors + PseudoDetractors;
            n += t.Count + PseudoPromoters + PseudoPassives + PseudoDetractors;
        }

        for (int i = 0; i < q.Length; i++)
        {
            q[i] /= n;
        }

        return (q, n);
    }

    private static readonly double[] Value = [1, 0, -1];

    /// <summary>A segment's mix and performance parts at the pseudo-answer shares and their delta-method standard errors (−1..1 scale).</summary>
    private readonly record struct Delta(double MixEstimate, double MixSe, double PerformanceEstimate, double PerformanceSe);

    /// <summary>Delta-method standard errors (−1..1 scale) of segment <paramref name="s"/>'s mix and performance parts, and the
    /// parts themselves, all at the adjusted shares.</summary>
    private static Delta DeltaStandardErrors(double[] q0, double n0, double[] q1, double n1, int s)
    {
        // Per period: overall NPS, the segment's share and NPS (at the adjusted shares).
        static (double Nps, double W, double N, double[] Out) Describe(double[] q, int s)
        {
            double nps = 0;
            var outShare = new double[3];
            for (int i = 0; i < q.Length; i++)
            {
                nps += q[i] * Value[i % 3];
                if (i / 3 != s)
                {
                    outShare[i % 3] += q[i];
                }
            }

            double w = q[3 * s] + q[(3 * s) + 1] + q[(3 * s) + 2];
            double segNps = w > 0 ? (q[3 * s] - q[(3 * s) + 2]) / w : 0;
            return (nps, w, segNps, outShare);
        }

        var d0 = Describe(q0, s);
        var d1 = Describe(q1, s);
        bool has0 = d0.W > 0, has1 = d1.W > 0;
        double nBar0 = has0 ? d0.N : d1.N, nBar1 = has1 ? d1.N : d0.N;
        double segMean = (nBar0 + nBar1) / 2;
        double c = (d0.Nps + d1.Nps) / 2;
        double dw = d1.W - d0.W;
        double wBar = (d0.W + d1.W) / 2;
        double dN = has0 && has1 ? d1.N - d0.N : 0;

        // Gradient of one part with respect to period t's cells: inside the segment (3 values) and outside (3 values).
        double Variance(double[] q, double n, (double Nps, double W, double N, double[] Out) d, int sign, bool isMix)
        {
            if (n == 0)
            {
                return 0;
            }

            bool hasHere = d.W > 0;
            bool hasBoth = has0 && has1;
            double sumG = 0, sumG2 = 0;
            for (int k = 0; k < 3; k++)
            {
                double a = Value[k];
                // ∂N̄/∂q for a cell in the segment: half the derivative of this period's N when both periods have the
                // segment, the whole of it when only this one does (N̄ is then this period's N).
                double dNbar = hasHere ? (hasBoth ? 0.5 : 1.0) * (a - d.N) / d.W : 0;
                double gIn, gOut;
                if (isMix)
                {
                    gIn = (hasHere ? sign * (segMean - c) : 0) + (dw * (dNbar - (a / 2)));
                    gOut = -dw * a / 2;
                }
                else
                {
                    gIn = hasBoth ? (0.5 * dN) + (sign * wBar * (a - d.N) / d.W) : 0;
                    gOut = 0;
                }

                double qIn = q[(3 * s) + k];
                double qOut = d.Out[k];
                sumG += (qIn * gIn) + (qOut * gOut);
                sumG2 += (qIn * gIn * gIn) + (qOut * gOut * gOut);
            }

            return Math.Max(0, sumG2 - (sumG * sumG)) / n;
        }

        double mixVar = Variance(q0, n0, d0, -1, isMix: true) + Variance(q1, n1, d1, +1, isMix: true);
        double perfVar = Variance(q0, n0, d0, -1, isMix: false) + Variance(q1, n1, d1, +1, isMix: false);
        return new Delta(dw * (segMean - c), Math.Sqrt(mixVar), wBar * dN, Math.Sqrt(perfVar));
    }

    /// <summary>The exact parts: per segment mix and performance, and the change, in points.</summary>
    internal sealed record Exact(Rational[] Mix, Rational[] Performance, Rational Change);

    /// <summary>An exact fraction of big integers, kept in lowest terms with a positive denominator.</summary>
    internal readonly record struct Rational
    {
        public Rational(BigInteger numerator, BigInteger denominator)
        {
            if (denominator.Sign < 0)
            {
                numerator = -numerator;
                denominator = -denominator;
            }

            BigInteger g = BigInteger.GreatestCommonDivisor(numerator, denominator);
            if (!g.IsZero && !g.IsOne)
            {
                numerator /= g;
                denominator /= g;
            }

            Numerator = numerator;
            Denominator = denominator.IsZero ? BigInteger.One : denominator;
        }

        public static Rational Zero => new(BigInteger.Zero, BigInteger.One);

        public BigInteger Numerator { get; }

        public BigInteger Denominator { get; }

        public Rational Add(Rational o) => new((Numerator * o.Denominator) + (o.Numerator * Denominator), Denominator * o.Denominator);

        public Rational Subtract(Rational o) => new((Numerator * o.Denominator) - (o.Numerator * Denominator), Denominator * o.Denominator);

        public Rational Multiply(Rational o) => new(Numerator * o.Numerator, Denominator * o.Denominator);

        public Rational Half() => new(Numerator, Denominator * 2);

        public Rational Times(int k) => new(Numerator * k, Denominator);

        public static explicit operator double(Rational r) => (double)r.Numerator / (double)r.Denominator;
    }

    /// <summary>Two cubes decompose only when they have the same segment dimensions, in the same order.</summary>
    private static void RequireSameDimensions(NpsCube baseline, NpsCube current)
    {
        if (!baseline.Dimensions.SequenceEqual(current.Dimensions, StringComparer.Ordinal))
        {
            throw new ArgumentException(
                $"The cubes have different segment dimensions ({string.Join(", ", baseline.Dimensions)} vs {string.Join(", ", current.Dimensions)}): aggregate both files with the same segmentation.",
                nameof(current));
        }
    }
}
