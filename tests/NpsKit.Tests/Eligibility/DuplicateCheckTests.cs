using System.Globalization;
using NpsKit.Eligibility;
using NpsKit.TestUtilities;

namespace NpsKit.Tests.Eligibility;

/// <summary>The summary's deferred duplicate-id check (a bitmap of hashes first, then a sort of the ids whose hash bit
/// is hit twice) against the plain definition: the duplicated id of the lowest hash (unsigned), the first pair in arrival
/// order within that hash, as a stable sort of every id by hash finds it.</summary>
public sealed class DuplicateCheckTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(2, 1)]
    [InlineData(100, 0)]
    [InlineData(100, 3)]
    [InlineData(70_000, 0)]
    [InlineData(70_000, 1)]
    [InlineData(70_000, 25)]
    public void FindDuplicate_IsTheDuplicateOfTheLowestHash(int n, int duplicates)
    {
        var rng = new SplitMix64((ulong)((n * 17) + duplicates));
        var ids = new List<string>(n + duplicates);
        for (int i = 0; i < n; i++)
        {
            ids.Add("c" + i.ToString(CultureInfo.InvariantCulture));
        }

        for (int d = 0; d < duplicates; d++)
        {
            // A distinct string instance with the text of an earlier id (as read from a file), put anywhere.
            string copy = new(ids[rng.NextInt(n)].AsSpan());
            ids.Insert(rng.NextInt(ids.Count + 1), copy);
        }

        var check = new DeferredDuplicateCheck(4);
        foreach (string id in ids)
        {
            check.Add(id);
        }

        // Array input: the ids are read back from the requests instead of kept.
        var trigger = new SurveyTrigger("s", new DateTimeOffset(2026, 5, 2, 12, 0, 0, TimeSpan.Zero), ContactChannel.Email);
        EligibilityRequest[] requests = [.. ids.Select(id => new EligibilityRequest(new Contact(id), ContactHistory.Empty, trigger))];
        var fromRequests = new DeferredDuplicateCheck(requests.Length);
        fromRequests.ReadIdsFrom(requests);
        foreach (EligibilityRequest r in requests)
        {
            fromRequests.Add(r.Contact.Id);
        }

        string? expected = Expected(ids);
        Assert.Equal(expected, check.FindDuplicate());
        Assert.Equal(expected, fromRequests.FindDuplicate());
    }

    private static string? Expected(List<string> ids)
    {
        var sorted = ids.Select((id, i) => (Hash: (uint)string.GetHashCode(id.AsSpan()), Index: i, Id: id))
            .OrderBy(x => x.Hash).ThenBy(x => x.Index).ToList();
        for (int start = 0; start < sorted.Count;)
        {
            int end = start + 1;
            while (end < sorted.Count && sorted[end].Hash == sorted[start].Hash)
            {
                end++;
            }

            for (int a = start; a < end; a++)
            {
                for (int b = a + 1; b < end; b++)
                {
                    if (string.Equals(sorted[a].Id, sorted[b].Id, StringComparison.Ordinal))
                    {
                        return sorted[a].Id;
                    }
                }
            }

            start = end;
        }

        return null;
    }
}
