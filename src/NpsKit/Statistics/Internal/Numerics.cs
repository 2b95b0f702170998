using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace NpsKit.Statistics.Internal;

/// <summary>
/// The one seam to MathNet.Numerics 5.0.0: every special function, quantile and random variate NpsKit needs goes
/// through here, so no MathNet type leaks into a public signature and the dependency can be swapped in one file.
/// </summary>
internal static class Numerics
{
    /// <summary>Φ⁻¹(p), the standard normal quantile (MathNet <c>Normal.InvCDF</c>; R <c>qnorm(p)</c>).</summary>
    public static double NormalQuantile(double p) => Normal.InvCDF(0, 1, p);

    /// <summary>The two-sided critical value z with P(|Z| ≤ z) = <paramref name="level"/>.</summary>
    public static double TwoSidedCritical(double level) => Normal.InvCDF(0, 1, 0.5 + (level / 2));

    /// <summary>Upper tail P(Z &gt; z) of the standard normal, accurate far into the tail (erfc form).</summary>
    public static double NormalUpperTail(double z) => 0.5 * SpecialFunctions.Erfc(z / Math.Sqrt(2));

    /// <summary>The regularized incomplete beta function I_x(a, b) (R <c>pbeta(x, a, b)</c>).</summary>
    public static double BetaRegularized(double a, double b, double x) =>
        x <= 0 ? 0 : x >= 1 ? 1 : SpecialFunctions.BetaRegularized(a, b, x);

    /// <summary>ln B(a, b).</summary>
    public static double BetaLn(double a, double b) => SpecialFunctions.BetaLn(a, b);

    /// <summary>ln Γ(x).</summary>
    public static double GammaLn(double x) => SpecialFunctions.GammaLn(x);

    /// <summary>Gauss–Legendre abscissas and weights on [−1, 1] (Golub &amp; Welsch 1969).</summary>
    public static (double[] Abscissas, double[] Weights) GaussLegendre(int order)
    {
        var rule = new GaussLegendreRule(-1, 1, order);
        return (rule.Abscissas, rule.Weights);
    }

    /// <summary>Solves A x = b for a symmetric positive semi-definite A (a correlation matrix): Cholesky, or the
    /// Moore–Penrose pseudo-inverse when A is singular (collinear columns), as MathNet's dense solvers provide.</summary>
    public static double[] SolveSymmetric(double[,] a, double[] b)
    {
        Matrix<double> m = Matrix<double>.Build.DenseOfArray(a);
        Vector<double> v = Vector<double>.Build.DenseOfArray(b);
        try
        {
            var cholesky = m.Cholesky();
            if (cholesky.Determinant > 1e-12)
            {
                return cholesky.Solve(v).ToArray();
            }
        }
        catch (ArgumentException)
        {
            // not positive definite: fall through to the pseudo-inverse
        }

        return (m.PseudoInverse() * v).ToArray();
    }

    /// <summary>The eigenvalues and eigenvectors (as columns) of a symmetric matrix (MathNet <c>Evd</c>; R <c>eigen</c>).</summary>
    public static (double[] Values, double[,] Vectors) SymmetricEigen(double[,] a)
    {
        var evd = Matrix<double>.Build.DenseOfArray(a).Evd(Symmetricity.Symmetric);
        return ([.. evd.EigenValues.Select(c => c.Real)], evd.EigenVectors.ToArray());
    }

    /// <summary>A seeded, single-threaded xoshiro256** generator (Blackman &amp; Vigna 2021), identical on every platform.</summary>
    public static Random CreateRandom(int seed) => new Xoshiro256StarStar(seed, threadSafe: false);

    /// <summary>A Gamma(shape, 1) variate (Marsaglia &amp; Tsang 2000, as MathNet implements it).</summary>
    public static double SampleGamma(Random random, double shape) => Gamma.Sample(random, shape, 1.0);

    /// <summary>A seeded generator for a 64-bit seed (folded to the 32 bits MathNet's xoshiro256** takes).</summary>
    public static Random CreateRandom(ulong seed) => CreateRandom(unchecked((int)(seed ^ (seed >> 32))));

    /// <summary>
    /// A Dirichlet(α) draw by the gamma representation: G_i ~ Gamma(α_i, 1), share_i = G_i / ΣG (Devroye 1986, ch. XI.4).
    /// A zero α_i gives a share of exactly 0, so an unused cell can stay in the vector.
    /// </summary>
    public static void SampleDirichlet(Random random, ReadOnlySpan<double> alpha, Span<double> shares)
    {
        double sum = 0;
        for (int i = 0; i < alpha.Length; i++)
        {
            double g = alpha[i] > 0 ? SampleGamma(random, alpha[i]) : 0;
            shares[i] = g;
            sum += g;
        }

        for (int i = 0; i < alpha.Length; i++)
        {
            shares[i] /= sum;
        }
    }
}
