namespace NpsKit.Aggregation;

/// <summary>Why a text is not a period label (internal: the public surface is the exception's message).</summary>
internal enum PeriodParseError
{
    None,
    Shape,
    YearZero,
    Month,
    Day,
    Quarter,
    Week,
    BeforeFirstDay,
}
