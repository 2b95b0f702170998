using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>The batch's dense account index (software-pipelined hashing) against a dictionary of first appearances.</summary>
public sealed class AccountInternerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(9, 9)]
    [InlineData(40, 40)]
    [InlineData(5_000, 30)]
    [InlineData(60_000, 20_000)]
    public void Index_IsTheOrderOfFirstAppearance(int n, int accounts)
    {
        var rng = new SplitMix64((ulong)(n * 31 + accounts));
        var requests = new EligibilityRequest[n];
        for (int i = 0; i < n; i++)
        {
            // Equal ids are distinct string instances (as read from a file), some contacts have no account, some
            // requests no contact at all.
            string? account = rng.NextInt(7) == 0 ? null : string.Concat("acct-", rng.NextInt(accounts).ToString(System.Globalization.CultureInfo.InvariantCulture));
            Contact? contact = rng.NextInt(50) == 0 ? null : new Contact("c" + i) { AccountId = account };
            requests[i] = new EligibilityRequest(contact!, ContactHistory.Empty, new SurveyTrigger("s", Now, ContactChannel.Email));
        }

        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        int[] expected = [.. requests.Select(r => r.Contact?.AccountId is { } id ? first.TryGetValue(id, out int k) ? k : first[id] = first.Count : -1)];

        int[] index = AccountInterner.Index(requests, out int count);

        Assert.Equal(expected, index);
        Assert.Equal(first.Count, count);
    }
}
