namespace NpsKit.Employee.Internal;

/// <summary>Set tests on ascending arrays of distinct indices (a cell's atoms, a row's classes).</summary>
internal static class SortedSets
{
    /// <summary>Whether every element of <paramref name="small"/> is in <paramref name="large"/>.</summary>
    public static bool IsSubset(int[] small, int[] large)
    {
        if (small.Length > large.Length)
        {
            return false;
        }

        int j = 0;
        foreach (int x in small)
        {
            while (j < large.Length && large[j] < x)
            {
                j++;
            }

            if (j == large.Length || large[j] != x)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the two sets share an element.</summary>
    public static bool Intersects(int[] a, int[] b)
    {
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                return true;
            }

            if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return false;
    }
}
