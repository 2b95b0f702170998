namespace NpsKit.Eligibility;

/// <summary>Looks up time zones by IANA id with a clear error when the id is unknown.</summary>
public static class TimeZones
{
    /// <summary>Finds the zone with the IANA (or Windows) id <paramref name="timeZoneId"/>.</summary>
    /// <param name="timeZoneId">For example <c>Europe/Berlin</c> or <c>America/New_York</c>.</param>
    /// <returns>The zone.</returns>
    /// <exception cref="ArgumentException">The id is empty or not known to this machine's time-zone database.</exception>
    public static TimeZoneInfo FromId(string timeZoneId) => Find(timeZoneId, nameof(timeZoneId), null);

    internal static TimeZoneInfo Find(string timeZoneId, string paramName, string? owner) =>
        Aggregation.ReportingCalendar.FindZone(timeZoneId, paramName, owner);
}
