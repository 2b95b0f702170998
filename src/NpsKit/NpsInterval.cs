using System.Globalization;

namespace NpsKit;

/// <summary>A confidence (or credible) interval on the NPS scale.</summary>
/// <param name="Lower">The lower bound. For a single score, from −100 to +100; for a difference of two scores
/// (<see cref="NpsComparison.Interval"/>), from −200 to +200.</param>
/// <param name="Upper">The upper bound, at least <paramref name="Lower"/>.</param>
/// <param name="Level">The confidence level, strictly between 0 and 1 (for example 0.95).</param>
/// <param name="Method">The method that produced the interval.</param>
/// <remarks>An immutable value; thread-safe.</remarks>
public readonly partial record struct NpsInterval(double Lower, double Upper, double Level, NpsIntervalMethod Method)
{
    /// <summary>Gets the width <see cref="Upper"/> − <see cref="Lower"/>, in NPS points.</summary>
    public double Width => Upper - Lower;

    /// <summary>Gets the midpoint (<see cref="Lower"/> + <see cref="Upper"/>) / 2. Not in general the point estimate.</summary>
    public double Midpoint => 0.5 * (Lower + Upper);

    /// <summary>Tells whether <paramref name="value"/> lies in the closed interval [<see cref="Lower"/>, <see cref="Upper"/>].</summary>
    /// <param name="value">A value on the same scale as the bounds.</param>
    /// <returns><see langword="true"/> when <see cref="Lower"/> ≤ <paramref name="value"/> ≤ <see cref="Upper"/>.</returns>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>Describes the interval in invariant culture, e.g. <c>[+3.1, +17.4] (95% AdjustedWald)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower:+0.0##;-0.0##;0.0}, {Upper:+0.0##;-0.0##;0.0}] ({Level * 100:0.##}% {Method})");
}
