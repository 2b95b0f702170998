namespace NpsKit.Csv;

/// <summary>Why a row was rejected.</summary>
public enum BadRowReason
{
    /// <summary>The score field is empty.</summary>
    MissingScore,

    /// <summary>The score field is not a number (nor a label that starts with one).</summary>
    ScoreNotANumber,

    /// <summary>The score has a fractional part, such as 7.5.</summary>
    ScoreNotAnInteger,

    /// <summary>The score is a number outside 0..10.</summary>
    ScoreOutOfRange,

    /// <summary>The time field is empty.</summary>
    MissingTime,

    /// <summary>The time field cannot be read as a date and time.</summary>
    TimeUnparsable,

    /// <summary>The time has no UTC offset and no reporting time zone was given to interpret it.</summary>
    TimeWithoutZone,

    /// <summary>The weight is not a number, or is zero, negative, NaN or infinite.</summary>
    InvalidWeight,

    /// <summary>The row has more or fewer fields than the header.</summary>
    FieldCountMismatch,

    /// <summary>The row's quoting is broken (a stray or unterminated quote).</summary>
    MalformedQuoting,

    /// <summary>The respondent already answered in the same survey period and the duplicate policy rejects the row.</summary>
    DuplicateRespondent,
}
