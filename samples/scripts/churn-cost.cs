#!/usr/bin/env dotnet
// Churn-cost scenario: what is it worth to follow up every detractor within 24 hours and turn 20% of them into
// passives? The survey's sampling uncertainty is carried into the money as a 95% interval.
// Run from any folder: dotnet run samples/scripts/churn-cost.cs [-- path/to/responses.csv]
// The notebook samples/notebooks/churn-cost.ipynb is generated from this file (see samples/scripts/README.md).
#:project ../../src/NpsKit/NpsKit.csproj
#:project ../../src/NpsKit.Csv/NpsKit.Csv.csproj
#:property PublishAot=false

using NpsKit;
using NpsKit.Aggregation;
using NpsKit.Csv;
using NpsKit.Economics;

string scriptDirectory = (string)AppContext.GetData("EntryPointFileDirectoryPath")!;

/* md
# What is closing the loop worth?

The survey says how the customers split into promoters, passives and detractors; the economics model
(docs/economics.md) says what a customer of each category is worth (Gupta & Lehmann 2003 lifetime value). Together
they price a scenario — here "follow up every detractor within 24 hours and turn 20% of them into passives" — with
an interval, because the survey's shares are a sample.

The assumptions below (retention, spend, cost to serve, word of mouth) are illustrative: replace them with your own.
*/
// cell: load
string path = args.Length > 0 ? args[0] : Path.Combine(scriptDirectory, "..", "data", "responses.csv"); // script only
// notebook: string path = Path.Combine("..", "data", "responses.csv");
CsvCubeResult result = NpsCsv.ReadCube(path, aggregation: new AggregationOptions { Period = PeriodUnit.Quarter });
ReportingPeriod quarter = ReportingPeriod.Containing(new DateOnly(2026, 7, 1), PeriodUnit.Quarter);
NpsTally sample = result.Cube.Tally(quarter, SegmentPath.Total);
Console.WriteLine($"Survey {quarter}: {sample}");
// end cell

/* md
## The assumptions

One year is the model's period. Every input is validated at once: a bad one is reported with all the others.
*/
// cell: model
Money Usd(decimal amount) => Money.From(amount, "USD");
var options = new CustomerValueOptions
{
    Period = RatePeriod.Year,
    DiscountRate = 0.10,           // cost of capital per year
    GrossMarginRate = 0.40,        // margin on spend
    AcquisitionCost = Usd(300m),   // also the replacement cost of a churned customer
    Promoters = new CategoryProfile { Retention = 0.90, SpendPerPeriod = Usd(1200m), CostToServePerPeriod = Usd(60m), WordOfMouthValue = Usd(42m) },
    Passives = new CategoryProfile { Retention = 0.80, SpendPerPeriod = Usd(1000m), CostToServePerPeriod = Usd(80m) },
    Detractors = new CategoryProfile { Retention = 0.60, SpendPerPeriod = Usd(900m), CostToServePerPeriod = Usd(150m), WordOfMouthValue = Usd(-30m) },
};
CustomerValueModel model = CustomerValueModel.From(options);
long customerBase = 120_000;
CustomerValueReport report = model.Analyze(sample, customerBase);

string Amount(Money money) => $"{money.Currency} {money.Amount:N0}";
string Range(MoneyInterval interval) => $"{Amount(interval.Lower)} to {Amount(interval.Upper)}";
Console.WriteLine($"Customer base:   {report.Mix}");
Console.WriteLine($"Portfolio value: {Amount(report.PortfolioValue.Point)} (95% interval {Range(report.PortfolioValue)})");
Console.WriteLine($"Churn cost/year: {Amount(report.ChurnCost.Point)} (95% interval {Range(report.ChurnCost)})");
// end cell

/* md
## The scenario

Following up costs 5 USD per detractor; 20% of the detractors become passives. The value change is the moved
customers' higher lifetime value (margin and word of mouth) less the follow-up cost. Its interval comes from
4,000 seeded draws of the category shares (Dirichlet posterior, Jeffreys prior): the same seed gives the same
interval on every machine.
*/
// cell: scenario
ScenarioOutcome followUp = model.FollowUpDetractors(report.Mix, conversionRate: 0.20, costPerFollowUp: Usd(5m));
MoneyInterval followUpInterval = EconomicsUncertainty.Interval(
    sample, customerBase, mix => model.FollowUpDetractors(mix, 0.20, Usd(5m)).ValueChange);
Console.WriteLine($"{followUp.Name}: {followUp.CustomersAffected:N0} customers move");
foreach (ValueComponent component in followUp.Components)
{
    Console.WriteLine($"    {component.Name,-40} {Amount(component.Amount),18}");
}

Console.WriteLine($"Value change: {Amount(followUp.ValueChange)} (95% interval {Range(followUpInterval)})");
Console.WriteLine($"NPS: {followUp.NpsBefore:+0.0;-0.0} → {followUp.NpsAfter:+0.0;-0.0}");
// end cell
