namespace NpsKit.Aggregation;

/// <summary>The length of a reporting period. Every unit is a whole number of local days in the reporting time zone.</summary>
public enum PeriodUnit
{
    /// <summary>One local calendar day; printed <c>2026-03-05</c>.</summary>
    Day,

    /// <summary>One ISO 8601 week, Monday to Sunday, numbered within its ISO week-year (weeks 1..52 or 53); printed <c>2026-W09</c>.</summary>
    IsoWeek,

    /// <summary>One calendar month; printed <c>2026-03</c>.</summary>
    Month,

    /// <summary>One calendar quarter (January–March is Q1); printed <c>2026-Q1</c>.</summary>
    Quarter,

    /// <summary>One calendar year; printed <c>2026</c>.</summary>
    Year,

    /// <summary>One quarter of a fiscal year that starts on the first day of a configurable month; printed <c>FY2026-Q2</c>.</summary>
    FiscalQuarter,

    /// <summary>One fiscal year that starts on the first day of a configurable month; printed <c>FY2026</c>.</summary>
    FiscalYear,
}
