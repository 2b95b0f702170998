using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using NpsKit.Eligibility;

namespace NpsKit.Internal;

/// <summary>Throw helpers for the eligibility and follow-up areas.</summary>
internal static partial class ThrowHelper
{
    public static void ThrowIfNullOrEmpty([NotNull] string? value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.Length == 0)
        {
            throw new ArgumentException($"{paramName} is empty: give a non-empty identifier.", paramName);
        }
    }

    public static void ThrowIfNotSingleChannel(ContactChannel channel, string paramName, bool allowNone)
    {
        if ((channel & ~ContactChannel.All) != 0 || (channel == ContactChannel.None && !allowNone) || BitOperations.PopCount((uint)channel) > 1)
        {
            throw new ArgumentException(
                $"{paramName} is '{channel}': name exactly one channel (Email, Sms, Phone or InApp){(allowNone ? " or None when unknown" : string.Empty)}.",
                paramName);
        }
    }

    public static void ThrowIfNegativeOrZero(TimeSpan value, string paramName, bool allowZero)
    {
        if (value < TimeSpan.Zero || (!allowZero && value == TimeSpan.Zero))
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                value,
                $"{paramName} is {value}: it must be {(allowZero ? "zero or positive" : "positive")}. A rest period or window cannot run backwards.");
        }
    }

    [DoesNotReturn]
    public static void UndefinedEnum(string paramName, int value, string allowed) =>
        throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} is {value}, which is not defined: allowed are {allowed}.");

    [DoesNotReturn]
    public static void HistoryInFuture(string contactId, string which, int index, DateTimeOffset at, DateTimeOffset now) =>
        throw new ArgumentException(
            $"Contact '{contactId}': the {which} entry at index {index} is at {at:O}, after now ({now:O}). History cannot be in the future: pass the real 'now' or drop entries that have not happened yet.",
            which == "account history" ? "accountHistory" : "history");

    /// <summary>An account rule's fail-closed error: an account member's request carries no account history.</summary>
    [DoesNotReturn]
    public static void NoAccountHistory(string contactId, string account, string rule) =>
        throw new ArgumentException(
            $"Contact '{contactId}' belongs to account '{account}', but the request carries no account history, which rule '{rule}' needs: pass the account's history (ContactHistory.Empty for an account never invited). The rule fails closed rather than pass without it.",
            "request");

    [DoesNotReturn]
    public static void DuplicateId(string what, string id, string paramName) =>
        throw new ArgumentException($"Duplicate {what} '{id}': each {what} must appear once. Remove or merge the duplicates.", paramName);
}
