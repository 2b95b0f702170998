using NpsKit.FollowUp;
using static NpsKit.Tests.FollowUp.FollowUpPlannerTests;

namespace NpsKit.Tests.FollowUp;

public class RecoveryMatrixTests
{
    [Fact]
    public void From_ConsecutiveAnswers_CountsMigrationsPerRespondentInTimeOrder()
    {
        RecoveryMatrix m = RecoveryMatrix.From(
        [
            R("1c", 9, T0.AddDays(60), who: "ann"), R("1a", 3, T0, who: "ann"), R("1b", 7, T0.AddDays(30), who: "ann"), // D->P, P->Pr
            R("2a", 5, T0, who: "bob"), R("2b", 6, T0.AddDays(10), who: "bob"),                                       // D->D
            R("3a", 0, T0, who: "cid"), R("3b", 10, T0.AddDays(5), who: "cid"),                                       // D->Pr
            R("4a", 2, T0, who: "dan"),                                                                               // no next answer
        ]);
        Assert.Equal(4, m.Pairs);
        Assert.Equal(1, m.Count(NpsCategory.Detractor, NpsCategory.Passive));
        Assert.Equal(1, m.Count(NpsCategory.Detractor, NpsCategory.Detractor));
        Assert.Equal(1, m.Count(NpsCategory.Detractor, NpsCategory.Promoter));
        Assert.Equal(1, m.Count(NpsCategory.Passive, NpsCategory.Promoter));
        Assert.Equal(3, m.DetractorsWithNextAnswer);
        Assert.Equal(2.0 / 3, m.RecoveryRate, 12);
    }

    [Fact]
    public void From_NoRepeatAnswers_HasNoRecoveryRate()
    {
        RecoveryMatrix m = RecoveryMatrix.From([R("a", 1, T0)]);
        Assert.False(m.HasRecoveryRate);
        Assert.Throws<InvalidOperationException>(() => m.RecoveryRate);
        Assert.Throws<ArgumentException>(() => RecoveryMatrix.From([R("a", 1, T0), R("a", 2, T0)]));
    }
}
