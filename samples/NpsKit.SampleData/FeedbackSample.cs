using System.Globalization;
using NpsKit.TestUtilities;

namespace NpsKit.SampleData;

/// <summary>
/// 4 000 customer answers over July–October 2026 with Danish and English comments and two 1–5 ratings, made with a known
/// structure that "why did NPS move" must recover (docs/drivers.md):
/// <list type="bullet">
/// <item>the delivery rating drives the answer (about 1.4 points of 0–10 per rating step), the price rating barely (0.3);</item>
/// <item>comments about late delivery come from answers with a low delivery rating, so the delivery theme has the largest
/// impact; "the box was dented" / "kassen var bulet" is an untagged detractor phrase (a candidate theme);</item>
/// <item>from September to October Billing's own NPS falls (performance) and more answers come from Support, which scores
/// below average (mix).</item>
/// </list>
/// </summary>
internal static class FeedbackSample
{
    public const int Rows = 4000;

    private static readonly string[] Departments = ["Billing", "Delivery", "Sales", "Support"];

    private static readonly string[] LateEnglish = ["The delivery was late again", "My parcel never arrived", "Late delivery, no tracking", "Shipping took forever", "Delivery was two days late"];
    private static readonly string[] LateDanish = ["Pakken kom for sent", "Leveringen var forsinket og kom for sent", "Pakken kom aldrig", "Levering tog alt for lang tid"];
    private static readonly string[] PraiseEnglish = ["Friendly staff", "Great app, easy checkout", "Helpful support agent", "Fast and on time", "Good quality"];
    private static readonly string[] PraiseDanish = ["Venligt personale", "Nem app", "Hjælpsom kundeservice", "God kvalitet", "Kom til tiden"];
    private static readonly string[] MixedEnglish = ["A bit expensive", "Price is fine", "Support took a while to answer", "Invoice was confusing", "Okay overall", "Nothing special"];
    private static readonly string[] MixedDanish = ["Lidt dyrt", "Prisen er fin", "Fakturaen var uklar", "Helt okay", "Intet at bemærke"];
    private static readonly string[] DentedEnglish = ["The box was dented", "Box was dented and scratched"];
    private static readonly string[] DentedDanish = ["Kassen var bulet", "Kassen var bulet og ridset"];

    public static void Write(string path, SplitMix64 rng)
    {
        using StreamWriter writer = SampleFiles.Create(path);
        writer.WriteLine("respondent_id,submitted_at,score,department,language,comment,rating_delivery,rating_price");
        var start = new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero);
        for (int i = 0; i < Rows; i++)
        {
            int month = i * 4 / Rows; // 0 = July … 3 = October, 1 000 answers each
            DateTimeOffset at = start.AddMonths(month).AddSeconds(rng.NextInt(28 * 24 * 3600));
            // October: more answers from Support (below average), fewer from Sales.
            double[] mix = month == 3 ? [0.28, 0.22, 0.15, 0.35] : [0.28, 0.25, 0.27, 0.20];
            string dept = Departments[rng.NextWeighted(mix)];
            bool danish = rng.NextInt(2) == 0;
            int delivery = 1 + rng.NextWeighted([0.12, 0.18, 0.25, 0.25, 0.20]);
            int price = 1 + rng.NextInt(5);
            double latent = 2.6 + (1.4 * delivery) + (0.3 * price) + (3 * (rng.NextDouble() - 0.5))
                + (dept == "Support" ? -1.2 : 0) + (dept == "Billing" && month == 3 ? -1.3 : 0);
            int score = (int)Math.Clamp(Math.Round(latent), 0, 10);
            string? comment = null;
            if (rng.NextDouble() < 0.6)
            {
                double u = rng.NextDouble();
                comment = delivery <= 2 && u < 0.7 ? Pick(rng, danish ? LateDanish : LateEnglish)
                    : score <= 6 && u < 0.85 && rng.NextInt(4) == 0 ? Pick(rng, danish ? DentedDanish : DentedEnglish)
                    : score >= 9 && u < 0.8 ? Pick(rng, danish ? PraiseDanish : PraiseEnglish)
                    : Pick(rng, danish ? MixedDanish : MixedEnglish);
            }

            writer.WriteLine(string.Join(
                ',',
                $"F{i + 1:00000}",
                SampleFiles.Utc(at),
                score.ToString(CultureInfo.InvariantCulture),
                dept,
                danish ? "da" : "en",
                SampleFiles.Quote(comment),
                delivery.ToString(CultureInfo.InvariantCulture),
                price.ToString(CultureInfo.InvariantCulture)));
        }
    }

    private static string Pick(SplitMix64 rng, string[] options) => options[rng.NextInt(options.Length)];
}
