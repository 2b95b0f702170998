using FsCheck;
using FsCheck.Fluent;

namespace NpsKit.TestUtilities;

/// <summary>Named FsCheck generators for NpsKit values, shared by every property test.</summary>
public static class NpsGenerators
{
    /// <summary>A valid score 0..10.</summary>
    public static Gen<int> Score { get; } = Gen.Choose(0, 10);

    /// <summary>Lists of valid scores, of any length FsCheck's size allows.</summary>
    public static Gen<int[]> ScoreLists { get; } = Gen.ArrayOf(Score);

    /// <summary>Byte-score arrays from empty to 10 000 elements, with lengths spread over the whole range.</summary>
    public static Gen<byte[]> ByteScoreArrays { get; } =
        from length in Gen.Frequency((3, Gen.Choose(0, 100)), (2, Gen.Choose(0, 10_000)))
        from seed in Gen.Choose(0, int.MaxValue)
        select SyntheticResponses.Scores(length, (ulong)seed);

    /// <summary>Tallies from histograms with moderate counts (0..1 000 per score), some with category-only counts.</summary>
    public static Gen<NpsTally> Tallies { get; } =
        from counts in Gen.ArrayOf(Gen.Choose(0, 1_000), Nps.ScaleLength)
        from categoryOnly in Gen.Frequency((4, Gen.Constant(new[] { 0, 0, 0 })), (1, Gen.ArrayOf(Gen.Choose(0, 500), 3)))
        select NpsTally.FromHistogram(counts.Select(c => (long)c).ToArray()) + NpsTally.FromCounts(categoryOnly[0], categoryOnly[1], categoryOnly[2]);

    /// <summary>Tallies from histograms with huge counts (up to 2^58 per score), near the 64-bit limit in total.</summary>
    public static Gen<NpsTally> HugeTallies { get; } =
        from counts in Gen.ArrayOf(Gen.Choose(0, int.MaxValue), Nps.ScaleLength)
        select NpsTally.FromHistogram(counts.Select(c => (long)c << 27).ToArray());

    /// <summary>A positive, finite survey weight between 0.05 and 20.</summary>
    public static Gen<double> Weight { get; } = Gen.Choose(1, 400).Select(w => w / 20.0);

    /// <summary>Weighted answer lists: (score, weight) pairs.</summary>
    public static Gen<(int Score, double Weight)[]> WeightedAnswers { get; } = Gen.ArrayOf(Gen.Zip(Score, Weight));
}

/// <summary>Runs FsCheck properties with a fixed seed that can be overridden to replay a failure.</summary>
public static class PropertyRunner
{
    /// <summary>The default seed. Set the environment variable <c>NPSKIT_FSCHECK_SEED</c> to another value to explore or replay.</summary>
    public const ulong DefaultSeed = 20261123;

    /// <summary>The odd SplitMix gamma used with the seed.</summary>
    public const ulong Gamma = 0x9E3779B97F4A7C15UL;

    /// <summary>Gets the seed in force: <c>NPSKIT_FSCHECK_SEED</c> if set, otherwise <see cref="DefaultSeed"/>.</summary>
    public static ulong Seed =>
        ulong.TryParse(Environment.GetEnvironmentVariable("NPSKIT_FSCHECK_SEED"), out ulong seed) ? seed : DefaultSeed;

    /// <summary>Checks <paramref name="property"/>, throwing on failure with the seed in the message.</summary>
    /// <param name="property">The property.</param>
    /// <param name="maxTest">How many cases to try.</param>
    public static void Check(Property property, int maxTest = 200)
    {
        Config config = Config.QuickThrowOnFailure.WithReplay(Seed, Gamma).WithMaxTest(maxTest);
        try
        {
            property.Check(config);
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException($"Property failed with NPSKIT_FSCHECK_SEED={Seed}: {ex.Message}", ex);
        }
    }
}
