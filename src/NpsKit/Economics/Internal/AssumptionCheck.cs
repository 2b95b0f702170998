using System.Globalization;
using NpsKit.Internal;

namespace NpsKit.Economics.Internal;

/// <summary>Collects every problem with a set of inputs, then throws once with all of them.</summary>
internal sealed class AssumptionCheck
{
    private readonly List<string> _problems = [];
    private string? _currency;
    private string? _currencySource;

    public bool HasProblems => _problems.Count > 0;

    public void Add(FormattableString problem) => _problems.Add(problem.ToString(CultureInfo.InvariantCulture));

    public void Probability(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            Add($"{name} is {value}: it must be a probability from 0 to 1 inclusive (for example 0.85 for 85%).");
        }
    }

    /// <summary>The one rule for margins: a margin may be negative (a loss-making customer, selling below cost) in every
    /// constructor; a margin rate must be finite and at most 1 (a margin cannot exceed the revenue it is a share of).</summary>
    public void MarginRate(double value, string name)
    {
        if (!double.IsFinite(value) || value > 1)
        {
            Add($"{name} is {value}: a margin rate must be finite and at most 1 (1 = the whole revenue is margin; negative = selling below cost, which is allowed).");
        }
    }

    public void NonNegative(double value, string name, string hint = "")
    {
        if (!double.IsFinite(value) || value < 0)
        {
            Add($"{name} is {value}: it must be finite and zero or positive.{hint}");
        }
    }

    /// <summary>The largest count of customers or comments accepted, so that every money product fits a <see cref="decimal"/>.</summary>
    public const double MaxCount = 1e15;

    public void Count(double value, string name)
    {
        if (!double.IsFinite(value) || value < 0 || value > MaxCount)
        {
            Add($"{name} is {value}: a count must be finite, zero or more, and at most {MaxCount:0.#e0}.");
        }
    }

    public void Positive(double value, string name, string hint = "")
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            Add($"{name} is {value}: it must be finite and greater than zero.{hint}");
        }
    }

    public void Period(RatePeriod period, string name)
    {
        if (!RateConversion.IsDefined(period))
        {
            Add($"{name} is {(int)period}: allowed are RatePeriod.Month, Quarter and Year.");
        }
    }

    /// <summary>Checks that every amount seen is in the same, real currency.</summary>
    public void Currency(Money amount, string name)
    {
        if (amount.Currency == Money.NoCurrency)
        {
            Add($"{name} has no currency (default(Money)): make it with Money.From(amount, \"USD\") or Money.Zero(\"USD\").");
            return;
        }

        if (_currency is null)
        {
            _currency = amount.Currency;
            _currencySource = name;
        }
        else if (!string.Equals(_currency, amount.Currency, StringComparison.Ordinal))
        {
            Add($"{name} is in {amount.Currency} but {_currencySource} is in {_currency}: all amounts must be in one currency; convert them first.");
        }
    }

    public void ThrowIfAny(string what, string paramName)
    {
        if (_problems.Count > 0)
        {
            ThrowHelper.InvalidAssumptions(what, _problems.ToArray(), paramName);
        }
    }

    public static decimal ToDecimal(double value) => (decimal)value;
}
