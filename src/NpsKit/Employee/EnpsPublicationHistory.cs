using NpsKit.Serialization;

namespace NpsKit.Employee;

/// <summary>
/// Every eNPS release made for one population (one org tree's root), oldest first: the value a caller keeps between
/// publications and passes to <see cref="EnpsReport.Publish"/>, which audits the new release jointly with all of them and
/// returns the history with the new release appended.
/// </summary>
/// <remarks>
/// <para>Why it must be kept: each report on its own can be safe while two of them together are not — a re-run after one
/// more answer differs by that answer; the next round after one person joined and one left differs by their answers; the
/// same round at minimum 5 and at minimum 10 together determine groups both hide. Only an audit that sees every earlier
/// release can stop that, so losing the history (or publishing without it) loses the guarantee.</para>
/// <para>The history holds published figures and who was counted where (ids or positions, units, attributes — never an
/// answer); keep it as confidential as the list of who answered. It serialises to the versioned JSON format
/// <c>npskit.enpsHistory</c> (<see cref="ToJson"/>, <see cref="FromJson"/>), and two copies merge (<see cref="Merge"/>).</para>
/// <para>An immutable object; thread-safe.</para>
/// </remarks>
public sealed class EnpsPublicationHistory
{
    internal EnpsPublicationHistory(string? population, IReadOnlyList<EnpsRelease> releases)
    {
        Population = population;
        Releases = releases;
    }

    /// <summary>Gets the empty history: nothing published yet.</summary>
    public static EnpsPublicationHistory Empty { get; } = new(null, []);

    /// <summary>Gets the population: the identifier of the org tree's root unit, or <see langword="null"/> when empty.</summary>
    public string? Population { get; }

    /// <summary>Gets every release, ordered by <see cref="EnpsRelease.PublishedAt"/>.</summary>
    public IReadOnlyList<EnpsRelease> Releases { get; }

    /// <summary>Reads a history written by <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.Text.Json.JsonException">The text is not a history of a known version; the message names the
    /// JSON path and what is allowed.</exception>
    public static EnpsPublicationHistory FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return EnpsHistoryJson.Read(json);
    }

    /// <summary>Writes the history as JSON (format <c>npskit.enpsHistory</c>, version 1).</summary>
    /// <returns>The JSON text; <see cref="FromJson"/> reads it back release for release.</returns>
    public string ToJson() => EnpsHistoryJson.Write(this);

    /// <summary>Tells whether a round has been closed by one of the releases.</summary>
    /// <param name="roundName">The round's name.</param>
    /// <returns><see langword="true"/> when a release closed it.</returns>
    public bool IsClosed(string roundName) => Releases.Any(r => r.ClosesRound && r.Round.Name == roundName);

    /// <summary>Merges two copies of a history (e.g. two dashboards' files): every release of either, once, by time.</summary>
    /// <param name="other">The other history.</param>
    /// <returns>The merged history.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The histories are of different populations, or both closed the same round with
    /// different figures.</exception>
    public EnpsPublicationHistory Merge(EnpsPublicationHistory other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Population is not null && other.Population is not null && Population != other.Population)
        {
            throw new ArgumentException($"The histories are of different populations ('{Population}' and '{other.Population}'): merge only histories of the same org tree.", nameof(other));
        }

        var merged = new List<EnpsRelease>(Releases);
        foreach (EnpsRelease r in other.Releases)
        {
            if (!merged.Any(m => m.PublishedAt == r.PublishedAt && m.Round == r.Round))
            {
                merged.Add(r);
            }
        }

        foreach (IGrouping<string, EnpsRelease> closed in merged.Where(r => r.ClosesRound).GroupBy(r => r.Round.Name))
        {
            if (closed.Count() > 1)
            {
                throw new ArgumentException($"Both histories closed round '{closed.Key}', at {string.Join(" and ", closed.Select(r => r.PublishedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)))}: a round is closed once; keep one of the two files.", nameof(other));
            }
        }

        return new EnpsPublicationHistory(Population ?? other.Population, [.. merged.OrderBy(r => r.PublishedAt)]);
    }

    internal EnpsPublicationHistory Append(EnpsRelease release, string population) =>
        new(population, [.. Releases.Append(release).OrderBy(r => r.PublishedAt)]);
}
