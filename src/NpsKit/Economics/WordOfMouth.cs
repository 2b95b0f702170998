using NpsKit.Economics.Internal;

namespace NpsKit.Economics;

/// <summary>
/// The inputs of Bain's word-of-mouth valuation (Reichheld 2006, the Dell example): how many new customers came
/// through referrals, what a new customer is worth, and how many comments promoters and detractors make.
/// </summary>
/// <remarks>This type is immutable and thread-safe.</remarks>
public sealed record BainWordOfMouthInputs
{
    /// <summary>Creates inputs; set the required properties with an object initializer.</summary>
    public BainWordOfMouthInputs()
    {
    }

    /// <summary>Gets the number of new customers in the period.</summary>
    /// <value>Required; zero or more.</value>
    public required double NewCustomers { get; init; }

    /// <summary>Gets the share of new customers who name a referral as the main reason they came, from 0 to 1.</summary>
    /// <value>Required.</value>
    public required double ReferralShareOfNewCustomers { get; init; }

    /// <summary>Gets the average value of a new customer.</summary>
    /// <value>Required.</value>
    public required Money AverageCustomerValue { get; init; }

    /// <summary>Gets the number of positive comments made in the period (by all customers).</summary>
    /// <value>Required; greater than zero.</value>
    public required double PositiveComments { get; init; }

    /// <summary>Gets the positive comments one promoter makes in the period.</summary>
    /// <value>Required; zero or more.</value>
    public required double PositiveCommentsPerPromoter { get; init; }

    /// <summary>Gets the number of would-be customers lost through negative word of mouth in the period.</summary>
    /// <value>Default 0 (no negative side).</value>
    public double CustomersLostToNegativeComments { get; init; }

    /// <summary>Gets the number of negative comments made in the period; greater than zero when customers were lost.</summary>
    /// <value>Default 0.</value>
    public double NegativeComments { get; init; }

    /// <summary>Gets the negative comments one detractor makes in the period.</summary>
    /// <value>Default 0.</value>
    public double NegativeCommentsPerDetractor { get; init; }
}

/// <summary>The result of Bain's word-of-mouth valuation.</summary>
/// <param name="ReferredCustomersValue">New customers × referral share × average customer value.</param>
/// <param name="ValuePerPositiveComment">Referred customers' value ÷ positive comments.</param>
/// <param name="PromoterValue">Value per positive comment × comments per promoter: the word-of-mouth value of one promoter.</param>
/// <param name="LostCustomersValue">Customers lost to negative comments × average customer value.</param>
/// <param name="ValuePerNegativeComment">Lost value ÷ negative comments (zero when there are none).</param>
/// <param name="DetractorValue">−(value per negative comment × comments per detractor): the word-of-mouth value of one detractor, zero or negative.</param>
public sealed record BainWordOfMouthValue(
    Money ReferredCustomersValue,
    Money ValuePerPositiveComment,
    Money PromoterValue,
    Money LostCustomersValue,
    Money ValuePerNegativeComment,
    Money DetractorValue);

/// <summary>
/// Word-of-mouth value of promoters and detractors: Bain's comment-based method and the Satmetrix referral framework.
/// </summary>
/// <remarks>
/// <para><b>Bain</b> (Reichheld 2006, <i>The Ultimate Question</i>, Harvard Business School Press, ch. 3, "Word-of-mouth
/// economics at Dell"; also Bain &amp; Company, "Book excerpt: Word-of-mouth economics at Dell"): the new customers
/// won by referral, times the average customer value, spread over all positive comments, gives the value of one
/// comment; times the comments one promoter makes gives the promoter's word-of-mouth value. The same for negative
/// comments and detractors. Published worked example: 25% of Dell's 4 million new consumer customers in 2004 came
/// through referral, each worth 210 USD on average; 40 million positive comments gave 5.25 USD per comment, and a
/// promoter making about 8 comments a year was worth 42 USD of word of mouth. With the other advantages (retention,
/// spend, cost to serve) Bain put a promoter at 328 USD and a detractor at −57 USD against the 210 USD average.</para>
/// <para><b>Satmetrix</b> (Satmetrix Systems, white paper "Net Promoter Economics: The Impact of Word of Mouth"): referral value =
/// LTV × (positive referrals − k × negative referrals) / positive referrals needed per new customer, where k is the
/// number of positive referrals one negative referral cancels.</para>
/// <para>All members are pure and thread-safe.</para>
/// </remarks>
public static class WordOfMouth
{
    /// <summary>Values word of mouth per promoter and per detractor with Bain's method.</summary>
    /// <param name="inputs">The inputs.</param>
    /// <returns>The value of one comment and of one promoter's and one detractor's word of mouth.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="inputs"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidAssumptionsException">A count is negative or not finite, the referral share is outside
    /// [0, 1], there are no positive comments, customers were lost with no negative comments, or the value has no currency.</exception>
    /// <example><code>
    /// var dell = WordOfMouth.Bain(new BainWordOfMouthInputs
    /// {
    ///     NewCustomers = 4_000_000, ReferralShareOfNewCustomers = 0.25, AverageCustomerValue = Money.From(210m, "USD"),
    ///     PositiveComments = 40_000_000, PositiveCommentsPerPromoter = 8,
    /// });
    /// // dell.ValuePerPositiveComment = USD 5.25; dell.PromoterValue = USD 42.00
    /// </code></example>
    public static BainWordOfMouthValue Bain(BainWordOfMouthInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var check = new AssumptionCheck();
        check.Count(inputs.NewCustomers, nameof(inputs.NewCustomers));
        check.Probability(inputs.ReferralShareOfNewCustomers, nameof(inputs.ReferralShareOfNewCustomers));
        check.Currency(inputs.AverageCustomerValue, nameof(inputs.AverageCustomerValue));
        check.Positive(inputs.PositiveComments, nameof(inputs.PositiveComments), " The value of referrals is spread over the positive comments.");
        check.Count(inputs.PositiveComments, nameof(inputs.PositiveComments));
        check.NonNegative(inputs.PositiveCommentsPerPromoter, nameof(inputs.PositiveCommentsPerPromoter));
        check.Count(inputs.CustomersLostToNegativeComments, nameof(inputs.CustomersLostToNegativeComments));
        check.Count(inputs.NegativeComments, nameof(inputs.NegativeComments));
        check.NonNegative(inputs.NegativeCommentsPerDetractor, nameof(inputs.NegativeCommentsPerDetractor));
        if (inputs.CustomersLostToNegativeComments > 0 && inputs.NegativeComments == 0)
        {
            check.Add($"{nameof(inputs.CustomersLostToNegativeComments)} is {inputs.CustomersLostToNegativeComments} but {nameof(inputs.NegativeComments)} is 0: give the number of negative comments the loss is spread over.");
        }

        check.ThrowIfAny("The Bain word-of-mouth inputs", nameof(inputs));
        Money referred = inputs.AverageCustomerValue * ((decimal)inputs.NewCustomers * (decimal)inputs.ReferralShareOfNewCustomers);
        Money perPositive = Money.From(referred.Amount / (decimal)inputs.PositiveComments, referred.Currency);
        Money lost = inputs.AverageCustomerValue * (decimal)inputs.CustomersLostToNegativeComments;
        Money perNegative = inputs.NegativeComments > 0
            ? Money.From(lost.Amount / (decimal)inputs.NegativeComments, lost.Currency)
            : Money.Zero(lost.Currency);
        return new BainWordOfMouthValue(
            referred,
            perPositive,
            perPositive * (decimal)inputs.PositiveCommentsPerPromoter,
            lost,
            perNegative,
            -(perNegative * (decimal)inputs.NegativeCommentsPerDetractor));
    }

    /// <summary>
    /// Computes the Satmetrix referral value of one customer: LTV × (positive − k × negative referrals) / positive
    /// referrals per new customer.
    /// </summary>
    /// <param name="lifetimeValue">The lifetime value of a new customer won by referral.</param>
    /// <param name="positiveReferrals">The positive referrals the customer makes, zero or more.</param>
    /// <param name="negativeReferrals">The negative referrals the customer makes, zero or more.</param>
    /// <param name="negativeWeight">k: how many positive referrals one negative referral cancels, zero or more.</param>
    /// <param name="referralsPerNewCustomer">The positive referrals it takes to win one new customer, greater than zero.</param>
    /// <returns>The referral value; negative when negative referrals outweigh positive ones.</returns>
    /// <exception cref="InvalidAssumptionsException">A count is negative or not finite, or <paramref name="referralsPerNewCustomer"/> is not positive.</exception>
    /// <example><code>
    /// // LTV 1000, 4 positive referrals, 6 referrals per new customer: 1000 × 4 / 6 = 666.67
    /// WordOfMouth.SatmetrixReferralValue(Money.From(1000m, "USD"), 4, 0, 4, 6);
    /// </code></example>
    public static Money SatmetrixReferralValue(Money lifetimeValue, double positiveReferrals, double negativeReferrals, double negativeWeight, double referralsPerNewCustomer)
    {
        var check = new AssumptionCheck();
        check.Currency(lifetimeValue, nameof(lifetimeValue));
        check.NonNegative(positiveReferrals, nameof(positiveReferrals));
        check.NonNegative(negativeReferrals, nameof(negativeReferrals));
        check.NonNegative(negativeWeight, nameof(negativeWeight));
        check.Positive(referralsPerNewCustomer, nameof(referralsPerNewCustomer));
        check.ThrowIfAny("The Satmetrix referral inputs", nameof(lifetimeValue));
        decimal net = (decimal)positiveReferrals - ((decimal)negativeWeight * (decimal)negativeReferrals);
        return Money.From(lifetimeValue.Amount * net / (decimal)referralsPerNewCustomer, lifetimeValue.Currency);
    }
}
