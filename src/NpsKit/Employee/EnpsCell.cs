using System.Globalization;
using NpsKit.Internal;

namespace NpsKit.Employee;

/// <summary>One group of an eNPS report: an org unit's roll-up, its direct members, a demographic cross-tab cell or an
/// "(other)" group; either shown with its tally or suppressed with its audit reason.</summary>
/// <remarks>
/// <para>A suppressed cell carries no tally, score or shares, and no respondent count unless
/// <see cref="AnonymityPolicy.ShowCountsForSuppressed"/> allows it: the members that would give them throw an
/// <see cref="InvalidOperationException"/> that says why, and the <c>TryGet…</c> members return <see langword="false"/>.</para>
/// <para>An immutable object; thread-safe.</para>
/// </remarks>
public sealed class EnpsCell
{
    private readonly NpsTally _tally;
    private readonly long _count;
    private readonly long? _headcount;
    private readonly bool _countShown;

    internal EnpsCell(
        string key,
        EnpsCellKind kind,
        string unitId,
        string? dimension,
        string? dimensionValue,
        NpsTally tally,
        long? headcount,
        SuppressionReason reason,
        string? relatedCellKey,
        bool countShown,
        IReadOnlyList<string> foldedCellKeys,
        DateTimeOffset? figuresTakenAt = null)
    {
        FiguresTakenAt = figuresTakenAt;
        Key = key;
        Kind = kind;
        UnitId = unitId;
        Dimension = dimension;
        DimensionValue = dimensionValue;
        Reason = reason;
        RelatedCellKey = relatedCellKey;
        FoldedCellKeys = foldedCellKeys;
        bool shown = reason == SuppressionReason.None;
        _tally = shown ? tally : NpsTally.Empty;
        _count = shown || countShown ? tally.Count : 0;
        _countShown = shown || countShown;
        _headcount = headcount;
    }

    /// <summary>Gets the cell's unique key: the unit path (<c>Company/Engineering/Platform</c>), then <c>/(direct)</c> or
    /// <c>/(other)</c> for those kinds, then <c> [dimension=value]</c> for a cross-tab cell.</summary>
    public string Key { get; }

    /// <summary>Gets what group the cell stands for.</summary>
    public EnpsCellKind Kind { get; }

    /// <summary>Gets the identifier of the org unit the cell belongs to (for <see cref="EnpsCellKind.Other"/>, the parent unit).</summary>
    public string UnitId { get; }

    /// <summary>Gets the demographic dimension of a cross-tab cell, or <see langword="null"/>.</summary>
    public string? Dimension { get; }

    /// <summary>Gets the dimension value of a cross-tab cell (<see cref="EnpsReport.NotStated"/> when not given,
    /// <see cref="EnpsReport.OtherValue"/> for a folded group), or <see langword="null"/>.</summary>
    public string? DimensionValue { get; }

    /// <summary>Gets a value indicating whether the cell is suppressed.</summary>
    public bool IsSuppressed => Reason != SuppressionReason.None;

    /// <summary>Gets why the cell is suppressed; <see cref="SuppressionReason.None"/> when it is shown.</summary>
    public SuppressionReason Reason { get; }

    /// <summary>Gets the key of the "(other)" group a <see cref="SuppressionReason.FoldedIntoOther"/> cell was folded into;
    /// otherwise <see langword="null"/>. No key or text of a report points at a hidden cell, so the cell a complementary
    /// suppression protects is never named.</summary>
    public string? RelatedCellKey { get; }

    /// <summary>Gets, for an <see cref="EnpsCellKind.Other"/> cell, the keys of the cells folded into it; otherwise empty.</summary>
    public IReadOnlyList<string> FoldedCellKeys { get; }

    /// <summary>Gets, in a live round, when the figures of a cell that has changed by fewer answers than the minimum since it
    /// was last published were taken: the cell shows those last figures. <see langword="null"/> when the figures are this
    /// report's own.</summary>
    public DateTimeOffset? FiguresTakenAt { get; }

    /// <summary>Gets a value indicating whether the cell shows the last figures of an earlier release of the same live round
    /// (see <see cref="FiguresTakenAt"/>).</summary>
    public bool IsStale => FiguresTakenAt is not null;

    /// <summary>Gets the audit reason as one English sentence, e.g.
    /// <c>Suppressed: fewer than 5 respondents.</c></summary>
    public string Explanation => Reason switch
    {
        SuppressionReason.None when FiguresTakenAt is DateTimeOffset at => string.Create(CultureInfo.InvariantCulture, $"Shown as taken at {at:yyyy-MM-dd HH:mm zzz}: changed by fewer answers than the anonymity minimum since."),
        SuppressionReason.None => "Shown.",
        SuppressionReason.BelowMinimum => "Suppressed: fewer respondents than the anonymity minimum.",
        SuppressionReason.BelowResponseRate => "Suppressed: response rate below the policy minimum.",
        SuppressionReason.ProtectsCell => "Suppressed to protect another hidden cell from subtraction (complementary suppression).",
        SuppressionReason.OverlapsCell => "Suppressed: nearly equal to a larger shown cell that contains it.",
        SuppressionReason.CrossPublication => "Suppressed: together with earlier publications it would reveal a hidden group or someone's answer.",
        SuppressionReason.TooLittleChange => "Suppressed: changed by fewer answers than the anonymity minimum since it was last published.",
        SuppressionReason.FoldedIntoOther => $"Suppressed: folded into '{RelatedCellKey}'.",
        _ => Reason.ToString(),
    };

    /// <summary>Gets a value indicating whether the number of respondents may be shown: always for a shown cell, and for a
    /// suppressed one when <see cref="AnonymityPolicy.ShowCountsForSuppressed"/> is set.</summary>
    public bool HasRespondentCount => _countShown;

    /// <summary>Gets the number of respondents.</summary>
    /// <exception cref="InvalidOperationException">The cell is suppressed and the policy hides counts of suppressed cells.</exception>
    public long RespondentCount
    {
        get
        {
            if (!_countShown)
            {
                ThrowHelper.SuppressedCell(Key, "respondent count");
            }

            return _count;
        }
    }

    /// <summary>Gets the tally (the counts per score) of a shown cell.</summary>
    /// <exception cref="InvalidOperationException">The cell is suppressed.</exception>
    public NpsTally Tally
    {
        get
        {
            if (IsSuppressed)
            {
                ThrowHelper.SuppressedCell(Key, "tally");
            }

            return _tally;
        }
    }

    /// <summary>Gets the eNPS of a shown cell, from −100 to +100.</summary>
    /// <exception cref="InvalidOperationException">The cell is suppressed.</exception>
    public double Score => Tally.Score;

    /// <summary>Gets the tally if the cell is shown.</summary>
    /// <param name="tally">The tally, or <see cref="NpsTally.Empty"/> when suppressed.</param>
    /// <returns><see langword="true"/> when the cell is shown.</returns>
    public bool TryGetTally(out NpsTally tally)
    {
        tally = _tally;
        return !IsSuppressed;
    }

    /// <summary>Gets the eNPS if the cell is shown.</summary>
    /// <param name="score">The score from −100 to +100, or 0 when suppressed.</param>
    /// <returns><see langword="true"/> when the cell is shown.</returns>
    public bool TryGetScore(out double score)
    {
        score = 0;
        return !IsSuppressed && _tally.TryGetScore(out score);
    }

    /// <summary>Gets the response rate (respondents ÷ headcount) when the respondent count may be shown and the headcount
    /// of every unit in the group is known (org cells only).</summary>
    /// <param name="rate">The rate from 0 to 1, or 0 when unavailable.</param>
    /// <returns><see langword="true"/> when available.</returns>
    public bool TryGetResponseRate(out double rate)
    {
        rate = 0;
        if (!_countShown || _headcount is not long h || h <= 0)
        {
            return false;
        }

        rate = (double)_count / h;
        return true;
    }

    /// <summary>Describes the cell in one line, e.g. <c>Company/Sales: eNPS +20.0 (n = 10)</c> or
    /// <c>Company/Sales/Team A: suppressed (BelowMinimum)</c>.</summary>
    /// <returns>The description, in invariant culture.</returns>
    public override string ToString() =>
        IsSuppressed
            ? string.Create(CultureInfo.InvariantCulture, $"{Key}: suppressed ({Reason}{(RelatedCellKey is null ? string.Empty : " of '" + RelatedCellKey + "'")}){(_countShown ? $", n = {_count}" : string.Empty)}")
            : string.Create(CultureInfo.InvariantCulture, $"{Key}: eNPS {_tally.Score:+0.0;-0.0;0.0} (n = {_count})");
}
