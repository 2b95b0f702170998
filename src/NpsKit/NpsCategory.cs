namespace NpsKit;

/// <summary>
/// The three Net Promoter categories an answer on the 0–10 likelihood-to-recommend scale falls into.
/// </summary>
/// <remarks>
/// The cut points are Reichheld's (2003, "The One Number You Need to Grow", Harvard Business Review 81(12)):
/// 0–6 detractors, 7–8 passives, 9–10 promoters. <see cref="Nps.Classify(int)"/> maps a score to its category.
/// </remarks>
public enum NpsCategory
{
    /// <summary>An answer of 0 to 6: an unhappy customer who may damage the brand by word of mouth.</summary>
    Detractor = 0,

    /// <summary>An answer of 7 or 8: satisfied but unenthusiastic, open to competitors.</summary>
    Passive = 1,

    /// <summary>An answer of 9 or 10: a loyal enthusiast who keeps buying and refers others.</summary>
    Promoter = 2,
}
