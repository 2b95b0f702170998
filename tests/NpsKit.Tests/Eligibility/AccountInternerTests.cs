using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>The batch's dense account index (software-pipelined, on the hash each contact keeps of its account id) against
/// a dictionary of first appearances.</summary>
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

    [Fact]
    public void AccountIdHash_FollowsTheAccountIdThroughEveryWayAContactIsMade()
    {
        string id = string.Concat("acct-", "42"); // a string instance of its own, as read from a file
        var contact = new Contact("c1") { AccountId = id };
        Assert.Equal(BatchInvitations.HashOf("acct-42"), contact.AccountIdHash);

        Contact moved = contact with { AccountId = "acct-7" };
        Assert.Equal(BatchInvitations.HashOf("acct-7"), moved.AccountIdHash);

        Contact other = contact with { DoNotContact = true }; // a copy keeps the account and its hash
        Assert.Equal(contact.AccountIdHash, other.AccountIdHash);
        Assert.Equal(0, (contact with { AccountId = null }).AccountIdHash);
        Assert.Equal(0, new Contact("c2").AccountIdHash);

        // The cached hash is derived state: equal contacts stay equal (and hash alike) however they were made.
        var same = new Contact("c1") { AccountId = "acct-42" };
        Assert.Equal(contact, same);
        Assert.Equal(contact.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(contact, moved);
    }
}
