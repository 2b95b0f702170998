namespace NpsKit.Economics;

/// <summary>The customer lifetime value formula an estimate was made with.</summary>
public enum ClvFormula
{
    /// <summary>Gupta &amp; Lehmann (2003): CLV = m·r / (1 + i − r) − AC, constant margin and retention, infinite horizon.</summary>
    Retention,

    /// <summary>Gupta &amp; Lehmann (2003, 2005) with margin growth g: CLV = m·r / (1 + i − r(1 + g)) − AC, valid only when 1 + i &gt; r(1 + g).</summary>
    RetentionWithGrowth,

    /// <summary>The subscription form: CLV = ARPA · margin / (churn + discount), margins collected at the start of each period.</summary>
    Subscription,
}
