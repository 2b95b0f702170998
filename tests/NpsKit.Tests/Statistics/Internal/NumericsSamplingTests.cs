using NpsKit.Statistics.Internal;

namespace NpsKit.Tests.Statistics.Internal;

/// <summary>The seeded sampling of the one MathNet seam, used by the Bayesian Monte Carlo interval and the economics draws.</summary>
public class NumericsSamplingTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(250.5)]
    public void SampleGamma_MeanAndVarianceEqualShape(double shape)
    {
        // Gamma(a, 1) has mean a and variance a. With 200,000 draws the standard error of the mean is √(a/200000).
        Random rng = Numerics.CreateRandom(42UL);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = Numerics.SampleGamma(rng, shape);
            Assert.True(x > 0);
            sum += x;
            sumSq += x * x;
        }

        double mean = sum / n;
        double variance = (sumSq / n) - (mean * mean);
        Assert.InRange(mean, shape - (5 * Math.Sqrt(shape / n)), shape + (5 * Math.Sqrt(shape / n)));
        Assert.InRange(variance, shape * 0.97, shape * 1.03);
    }

    [Fact]
    public void SampleDirichlet_MeanSharesMatchAlpha()
    {
        Random rng = Numerics.CreateRandom(1UL);
        double[] alpha = [412.5, 318.5, 270.5];
        double[] mean = new double[3];
        Span<double> draw = stackalloc double[3];
        const int n = 50_000;
        for (int i = 0; i < n; i++)
        {
            Numerics.SampleDirichlet(rng, alpha, draw);
            Assert.Equal(1.0, draw[0] + draw[1] + draw[2], 12);
            for (int k = 0; k < 3; k++)
            {
                mean[k] += draw[k] / n;
            }
        }

        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(alpha[k] / 1001.5, mean[k], 3);
        }
    }

    [Fact]
    public void SampleDirichlet_ZeroAlpha_GivesExactlyZeroShare()
    {
        Random rng = Numerics.CreateRandom(5UL);
        Span<double> draw = stackalloc double[4];
        for (int i = 0; i < 1_000; i++)
        {
            Numerics.SampleDirichlet(rng, [3.5, 2.5, 1.5, 0], draw);
            Assert.Equal(0.0, draw[3]);
            Assert.Equal(1.0, draw[0] + draw[1] + draw[2], 12);
        }
    }

    [Fact]
    public void SameSeed_SameSequence_DifferentSeed_DifferentSequence()
    {
        Random a = Numerics.CreateRandom(99UL);
        Random b = Numerics.CreateRandom(99UL);
        Random c = Numerics.CreateRandom(100UL);
        bool anyDifferent = false;
        for (int i = 0; i < 100; i++)
        {
            double x = Numerics.SampleGamma(a, 2.5);
            Assert.Equal(x, Numerics.SampleGamma(b, 2.5));
            anyDifferent |= x != Numerics.SampleGamma(c, 2.5);
        }

        Assert.True(anyDifferent);
    }
}
