namespace NpsKit.Csv;

/// <summary>The order of day and month in a date written with numbers only, such as <c>03/04/2026</c>.</summary>
public enum DateOrder
{
    /// <summary>Day, month, year: <c>14/03/2026</c> is 14 March (most of Europe, Latin America, Asia).</summary>
    DayFirst,

    /// <summary>Month, day, year: <c>03/14/2026</c> is 14 March (the United States).</summary>
    MonthFirst,
}
