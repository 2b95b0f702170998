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

    /// <summary>A field the row needs (an id, a kind, a survey, an org unit …) is empty.</summary>
    MissingValue,

    /// <summary>A field holds a value that is not allowed (an unknown event kind, channel, tier or time zone, a flag that
    /// is not true or false, a negative revenue, a gap in an org path …); <see cref="BadRow.Allowed"/> says what is.</summary>
    InvalidValue,

    /// <summary>The row repeats an id (contact, account) already read; ids must be unique in the file.</summary>
    DuplicateId,

    /// <summary>The date is written with numbers only (such as <c>03/04/2026</c>) and could be day-first or month-first;
    /// neither the options (a date order, a culture, a format) nor the file decide which.</summary>
    AmbiguousDate,

    /// <summary>The NPS group column (such as Qualtrics' <c>Q1_NPS_GROUP</c>) holds something that is no group name
    /// (Promoter, Passive, Detractor, in the languages <see cref="CsvResponseMapping.GroupNames"/> lists).</summary>
    InvalidGroup,

    /// <summary>The file has both a 0–10 score and an NPS group, and they disagree on the row (a score of 6 in the
    /// Promoter group, or a group without a score): which one is right cannot be told, so the row is not counted.</summary>
    GroupMismatch,
}
