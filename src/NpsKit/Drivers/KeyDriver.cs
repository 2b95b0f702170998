using System.Globalization;

namespace NpsKit.Drivers;

/// <summary>Where an attribute falls in the driver matrix (importance × performance, split at the medians).</summary>
public enum DriverQuadrant
{
    /// <summary>Important and rated below the median: improve first.</summary>
    FixFirst,

    /// <summary>Important and rated at or above the median: keep it up.</summary>
    Maintain,

    /// <summary>Less important and rated below the median: a secondary improvement.</summary>
    Secondary,

    /// <summary>Less important and rated at or above the median: no action needed.</summary>
    LowPriority,
}

/// <summary>One rated attribute's importance for the NPS answer and its current performance.</summary>
/// <param name="Name">The attribute.</param>
/// <param name="Importance">Its share of R² in R² units (the shares of all attributes sum to <see cref="KeyDriverReport.RSquared"/>).</param>
/// <param name="Share">Its share of the explained variance, 0..1 (Importance / R²; the shares sum to 1).</param>
/// <param name="Lower">The bootstrap percentile interval's lower bound of <paramref name="Share"/> (equal to it without resamples).</param>
/// <param name="Upper">The upper bound.</param>
/// <param name="Correlation">Pearson's correlation of the rating with the 0–10 answer.</param>
/// <param name="Performance">The mean rating.</param>
/// <param name="Rank">1 for the most important.</param>
/// <param name="Quadrant">Its place in the driver matrix.</param>
public sealed record KeyDriver(string Name, double Importance, double Share, double Lower, double Upper, double Correlation, double Performance, int Rank, DriverQuadrant Quadrant)
{
    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture, $"#{Rank} {Name}: {Share:P1} of R² [{Lower:P1}, {Upper:P1}], mean rating {Performance:0.00}, {Quadrant}");
}
