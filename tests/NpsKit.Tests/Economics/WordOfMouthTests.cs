using NpsKit.Economics;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

public class WordOfMouthTests
{
    // Reichheld (2006), The Ultimate Question, ch. 3; Bain & Company, "Book excerpt: Word-of-mouth economics at Dell";
    // theultimatequestion.com, "Word-of-mouth economics at Dell": 25% of 4 million new customers (2004) came by referral,
    // each worth 210 USD; 40 million positive comments; about 8 comments per promoter a year.
    private static readonly BainWordOfMouthInputs Dell = new()
    {
        NewCustomers = 4_000_000,
        ReferralShareOfNewCustomers = 0.25,
        AverageCustomerValue = Usd(210m),
        PositiveComments = 40_000_000,
        PositiveCommentsPerPromoter = 8,
    };

    [Fact]
    public void Bain_DellPublishedExample_ReproducesEveryStep()
    {
        BainWordOfMouthValue v = WordOfMouth.Bain(Dell);
        Assert.Equal(Usd(210_000_000m), v.ReferredCustomersValue); // 1 million referred customers × 210 USD
        Assert.Equal(Usd(5.25m), v.ValuePerPositiveComment);      // published: 5.25 USD per positive comment
        Assert.Equal(Usd(42m), v.PromoterValue);                  // published: 8 × 5.25 = 42 USD per promoter
        Assert.Equal(Usd(0m), v.DetractorValue);
    }

    [Fact]
    public void Bain_DellPublishedTotals_ComposeFromTheAverageCustomer()
    {
        // Published: average consumer 210 USD, promoter 328 USD, detractor -57 USD. Of the promoter's 118 USD premium,
        // 42 USD is the positive word of mouth computed above; the rest (retention, spend, cost to serve) is not broken
        // down in the public excerpt, so it is carried here as one derived figure.
        Money average = Usd(210m), promoter = Usd(328m), detractor = Usd(-57m);
        Money otherPromoterAdvantages = promoter - average - WordOfMouth.Bain(Dell).PromoterValue;
        Assert.Equal(Usd(76m), otherPromoterAdvantages);
        Assert.Equal(Usd(385m), promoter - detractor);
    }

    [Fact]
    public void Bain_NegativeSide_SpreadsLostCustomersOverNegativeComments()
    {
        BainWordOfMouthValue v = WordOfMouth.Bain(Dell with { CustomersLostToNegativeComments = 100_000, NegativeComments = 4_000_000, NegativeCommentsPerDetractor = 10 });
        Assert.Equal(Usd(21_000_000m), v.LostCustomersValue);
        Assert.Equal(Usd(5.25m), v.ValuePerNegativeComment);
        Assert.Equal(Usd(-52.5m), v.DetractorValue);
    }

    [Fact]
    public void Bain_BadInputs_ReportsAll()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => WordOfMouth.Bain(Dell with
        {
            NewCustomers = -1, ReferralShareOfNewCustomers = 1.25, PositiveComments = 0, CustomersLostToNegativeComments = 5,
        }));
        Assert.Equal(4, ex.Problems.Count);
    }

    [Fact]
    public void SatmetrixReferralValue_PublishedExercise_KnownAnswers()
    {
        // Satmetrix word-of-mouth exercise: LTV before word of mouth 1000; promoters worth 3x with 4 positive and 0
        // negative referrals; detractors worth 0.5x with 0 positive and 3 negative; 6 positive referrals win one
        // customer; one negative cancels 4 positives. Answers: TestData/economics_known_answers.txt.
        Money ltv = Usd(1000m);
        Money promoter = (ltv * 3m) + WordOfMouth.SatmetrixReferralValue(ltv, 4, 0, 4, 6);
        Money detractor = (ltv * 0.5m) + WordOfMouth.SatmetrixReferralValue(ltv, 0, 3, 4, 6);
        AssertMoney(11_000m / 3m, promoter);
        AssertMoney(-1500m, detractor);
        AssertMoney(15_500m / 3m, promoter - detractor);
    }

    [Fact]
    public void SatmetrixReferralValue_ZeroReferralsPerCustomer_Throws()
    {
        var ex = Assert.Throws<InvalidAssumptionsException>(() => WordOfMouth.SatmetrixReferralValue(Usd(1m), -1, 0, 4, 0));
        Assert.Equal(2, ex.Problems.Count);
    }
}
