using NpsKit.Economics;
using static NpsKit.Tests.Economics.EconomicsExamples;

namespace NpsKit.Tests.Economics;

public class SensitivityAnalysisTests
{
    [Fact]
    public void Tornado_OneRowPerAssumption_SortedBySwing()
    {
        IReadOnlyList<SensitivityRow> rows = SensitivityAnalysis.Tornado(Options, m => m.PortfolioValue(Mix));
        Assert.Equal(17, rows.Count);
        Assert.Equal(rows.Select(r => r.Swing.Amount).OrderDescending(), rows.Select(r => r.Swing.Amount));
        Assert.All(rows, r => AssertMoney(135_274_080m, r.BaseValue));

        // Promoter retention dominates: 0.9 ± 10% reaches the divergence bound upward, so the high move is halved until valid.
        SensitivityRow top = rows[0];
        Assert.Equal("Promoters.Retention", top.Assumption);
        Assert.Equal(0.81, top.LowInput, 12);
        Assert.True(top.HighInput is > 0.9 and < 1.0);
    }

    [Fact]
    public void Tornado_GrossMarginRate_KnownSwing()
    {
        SensitivityRow row = SensitivityAnalysis.Tornado(Options, m => m.PortfolioValue(Mix)).Single(r => r.Assumption == "GrossMarginRate");
        Assert.Equal(0.36, row.LowInput, 12);
        Assert.Equal(0.44, row.HighInput, 12);

        // d(value)/d(margin rate) = Σ N_c · spend_c · r_c / (1 + i − r_c); ±0.04 around 0.40.
        decimal slope = (49_440m * 1200m * 0.9m / 0.2m) + (38_160m * 1000m * 0.8m / 0.3m) + (32_400m * 900m * 0.6m / 0.5m);
        AssertMoney(slope * 0.08m, row.Swing, 2);
    }

    [Fact]
    public void Tornado_AcquisitionCost_DoesNotMovePortfolioValue()
    {
        SensitivityRow row = SensitivityAnalysis.Tornado(Options, m => m.PortfolioValue(Mix)).Single(r => r.Assumption == "AcquisitionCost");
        Assert.Equal(Usd(0m), row.Swing);
    }

    [Fact]
    public void Tornado_SwingOutOfRange_Throws() =>
        Assert.Throws<InvalidAssumptionsException>(() => SensitivityAnalysis.Tornado(Options, m => m.PortfolioValue(Mix), 0));
}
