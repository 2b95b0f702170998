using NpsKit.Economics.Internal;

namespace NpsKit.Tests.Economics.Internal;

public class GammaSamplerTests
{
    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(3.7)]
    [InlineData(250.5)]
    public void NextGamma_MeanAndVarianceEqualShape(double shape)
    {
        // Gamma(a, 1) has mean a and variance a. With 200,000 draws the standard error of the mean is √(a/200000).
        var rng = new GammaSampler(42);
        const int n = 200_000;
        double sum = 0, sumSq = 0;
        for (int i = 0; i < n; i++)
        {
            double x = rng.NextGamma(shape);
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
    public void NextDirichlet_MeanSharesMatchAlpha()
    {
        var rng = new GammaSampler(1);
        double[] alpha = [412.5, 318.5, 270.5];
        double[] mean = new double[3];
        Span<double> draw = stackalloc double[3];
        const int n = 50_000;
        for (int i = 0; i < n; i++)
        {
            rng.NextDirichlet(alpha, draw);
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
    public void SameSeed_SameSequence()
    {
        var a = new GammaSampler(99);
        var b = new GammaSampler(99);
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(a.NextGamma(2.5), b.NextGamma(2.5));
        }
    }
}
