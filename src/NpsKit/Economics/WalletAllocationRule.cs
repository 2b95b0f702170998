using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>A group of customers who rank a brand the same way among the brands they use in a category.</summary>
/// <param name="Rank">The brand's rank for these customers, 1 (best) to <paramref name="BrandsUsed"/>; tied ranks may be averaged (1.5).</param>
/// <param name="BrandsUsed">The number of brands these customers use in the category, at least 1.</param>
/// <param name="Customers">The number of customers, zero or more.</param>
/// <param name="CategorySpendPerCustomer">What one customer spends in the whole category per period, zero or more.</param>
public sealed record WalletPosition(double Rank, int BrandsUsed, double Customers, Money CategorySpendPerCustomer);

/// <summary>The revenue of one <see cref="WalletPosition"/> now and one rank up.</summary>
/// <param name="Position">The position.</param>
/// <param name="ShareOfWallet">The Wallet Allocation Rule share at the current rank.</param>
/// <param name="ShareOneRankUp">The share at one rank better (the same at rank 1).</param>
/// <param name="Revenue">Customers × category spend × current share.</param>
/// <param name="Gain">Customers × category spend × (share one rank up − current share).</param>
public sealed record WalletUpliftLine(WalletPosition Position, double ShareOfWallet, double ShareOneRankUp, Money Revenue, Money Gain);

/// <summary>The revenue potential of moving customers up one rank, by position and in total.</summary>
/// <param name="Lines">One line per position, in the order given.</param>
/// <param name="Revenue">The current revenue from the positions.</param>
/// <param name="Gain">The revenue gained if every customer ranked the brand one place better.</param>
public sealed record WalletUplift(IReadOnlyList<WalletUpliftLine> Lines, Money Revenue, Money Gain);

/// <summary>
/// Keiningham's Wallet Allocation Rule: the share of category spending a customer gives a brand, from the brand's
/// rank among the brands the customer uses.
/// </summary>
/// <remarks>
/// <para>Share of wallet = (1 − rank / (n + 1)) × (2 / n), with n the number of brands used (Keiningham, Aksoy,
/// Buoye &amp; Cooil 2011, "Customer loyalty isn't enough. Grow your share of wallet", <i>Harvard Business Review</i>
/// 89(10); Keiningham, Aksoy, Williams &amp; Buoye 2015, <i>The Wallet Allocation Rule: Winning the Battle for Share</i>,
/// Wiley). The shares over ranks 1..n add up to 1. Moving up one rank adds 2 / (n(n + 1)) of the category spend.
/// The rule links ranks, not NPS itself, to spending; the authors found satisfaction and NPS levels alone weak
/// predictors of share of wallet.</para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class WalletAllocationRule
{
    /// <summary>Computes the expected share of wallet of a brand ranked <paramref name="rank"/> among <paramref name="brandsUsed"/> brands.</summary>
    /// <param name="rank">The rank, 1 (best) to <paramref name="brandsUsed"/>; tied ranks may be averaged.</param>
    /// <param name="brandsUsed">The number of brands used, at least 1.</param>
    /// <returns>(1 − rank / (n + 1)) × (2 / n), from 0 to 1.</returns>
    /// <exception cref="InvalidAssumptionsException">The number of brands is below 1, or the rank is outside 1..n or not finite.</exception>
    /// <example><code>WalletAllocationRule.ShareOfWallet(1, 2) // 2/3; rank 2 of 2 gets 1/3</code></example>
    public static double ShareOfWallet(double rank, int brandsUsed)
    {
        var check = new AssumptionCheck();
        CheckRank(check, rank, brandsUsed, "");
        check.ThrowIfAny("The Wallet Allocation Rule inputs", nameof(rank));
        return Share(rank, brandsUsed);
    }

    /// <summary>Computes the revenue potential of every customer ranking the brand one place better.</summary>
    /// <param name="positions">The customer groups; all spends in one currency.</param>
    /// <returns>Current revenue and the gain, by position and in total. Customers already ranking the brand first gain nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="positions"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAssumptionsException">No positions, a rank or brand count out of range, a negative
    /// customer count or spend, or mixed currencies; all problems are listed.</exception>
    public static WalletUplift UpliftFromMovingUpOneRank(IEnumerable<WalletPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        WalletPosition[] list = positions.ToArray();
        var check = new AssumptionCheck();
        if (list.Length == 0)
        {
            check.Add($"No positions were given: give at least one WalletPosition.");
        }

        for (int i = 0; i < list.Length; i++)
        {
            WalletPosition? p = list[i];
            if (p is null)
            {
                check.Add($"Position {i} is null.");
                continue;
            }

            CheckRank(check, p.Rank, p.BrandsUsed, $"Position {i}: ");
            check.Count(p.Customers, $"Position {i} Customers");
            check.Currency(p.CategorySpendPerCustomer, $"Position {i} CategorySpendPerCustomer");
            check.NonNegative((double)p.CategorySpendPerCustomer.Amount, $"Position {i} CategorySpendPerCustomer");
        }

        check.ThrowIfAny("The wallet positions", nameof(positions));
        string currency = list[0].CategorySpendPerCustomer.Currency;
        Money revenue = Money.Zero(currency), gain = Money.Zero(currency);
        var lines = new WalletUpliftLine[list.Length];
        for (int i = 0; i < list.Length; i++)
        {
            WalletPosition p = list[i];
            double now = Share(p.Rank, p.BrandsUsed);
            double up = Share(Math.Max(1, p.Rank - 1), p.BrandsUsed);
            Money wallet = p.CategorySpendPerCustomer * (decimal)p.Customers;
            var line = new WalletUpliftLine(p, now, up, wallet * (decimal)now, wallet * ((decimal)up - (decimal)now));
            lines[i] = line;
            revenue += line.Revenue;
            gain += line.Gain;
        }

        return new WalletUplift(lines, revenue, gain);
    }

    private static double Share(double rank, int n) => (1 - (rank / (n + 1))) * (2.0 / n);

    private static void CheckRank(AssumptionCheck check, double rank, int n, string where)
    {
        if (n < 1)
        {
            check.Add($"{where}brandsUsed is {n}: a customer uses at least 1 brand.");
            return;
        }

        if (!double.IsFinite(rank) || rank < 1 || rank > n)
        {
            check.Add($"{where}rank is {rank}: it must be from 1 (best) to the number of brands used ({n}).");
        }
    }
}
