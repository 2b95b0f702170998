using System.Globalization;
using System.Numerics;
using NpsKit.Internal;

namespace NpsKit.Economics;

/// <summary>
/// An amount of money in one currency: a <see cref="decimal"/> amount and an ISO 4217 currency code.
/// </summary>
/// <remarks>
/// <para>Every money figure NpsKit's economics reports is a <see cref="Money"/>, so a figure always says which
/// currency it is in. Adding, subtracting or comparing amounts in different currencies throws
/// <see cref="InvalidOperationException"/>: NpsKit never converts currencies, and never mixes them silently.</para>
/// <para><c>default(Money)</c> is zero in the ISO 4217 "no currency" code <c>XXX</c>; it, too, cannot be mixed
/// with amounts in a real currency. Use <see cref="Zero(string)"/> for a zero in a given currency.</para>
/// <para>This type is an immutable value and is thread-safe.</para>
/// </remarks>
public readonly struct Money :
    IEquatable<Money>,
    IComparable<Money>,
    IEqualityOperators<Money, Money, bool>,
    IAdditionOperators<Money, Money, Money>,
    ISubtractionOperators<Money, Money, Money>,
    IUnaryNegationOperators<Money, Money>
{
    /// <summary>The ISO 4217 code for "no currency", used by <c>default(Money)</c>.</summary>
    public const string NoCurrency = "XXX";

    private readonly string? _currency;

    private Money(decimal amount, string currency)
    {
        Amount = amount;
        _currency = currency;
    }

    /// <summary>Gets the amount.</summary>
    public decimal Amount { get; }

    /// <summary>Gets the ISO 4217 currency code: three upper-case letters such as <c>USD</c>, <c>EUR</c> or
    /// <c>GBP</c>; <see cref="NoCurrency"/> for <c>default(Money)</c>.</summary>
    public string Currency => _currency ?? NoCurrency;

    /// <summary>Makes an amount in a currency.</summary>
    /// <param name="amount">The amount; any value, negative amounts included (a detractor may be worth less than nothing).</param>
    /// <param name="currency">An ISO 4217 code: exactly three ASCII letters; lower case is upper-cased.</param>
    /// <returns>The money value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not three ASCII letters.</exception>
    /// <example><code>Money price = Money.From(210m, "USD");</code></example>
    public static Money From(decimal amount, string currency) => new(amount, NormalizeCurrency(currency, nameof(currency)));

    /// <summary>Gets zero in <paramref name="currency"/>.</summary>
    /// <param name="currency">An ISO 4217 code: exactly three ASCII letters.</param>
    /// <returns>Zero in that currency.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="currency"/> is not three ASCII letters.</exception>
    public static Money Zero(string currency) => From(0m, currency);

    /// <summary>Tells whether <paramref name="currency"/> is a well-formed ISO 4217 code (three ASCII letters).</summary>
    /// <param name="currency">The code to check.</param>
    /// <returns><see langword="true"/> for three ASCII letters, in any case.</returns>
    public static bool IsValidCurrency(string? currency) =>
        currency is { Length: 3 } && char.IsAsciiLetter(currency[0]) && char.IsAsciiLetter(currency[1]) && char.IsAsciiLetter(currency[2]);

    /// <summary>Returns this amount plus <paramref name="other"/>.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public Money Add(Money other)
    {
        RequireSameCurrency(this, other, "add");
        return new Money(Amount + other.Amount, Currency);
    }

    /// <summary>Returns this amount minus <paramref name="other"/>.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public Money Subtract(Money other)
    {
        RequireSameCurrency(this, other, "subtract");
        return new Money(Amount - other.Amount, Currency);
    }

    /// <summary>Returns this amount times a plain number (a count of customers, a share, a rate).</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>The product, in this currency.</returns>
    public Money Multiply(decimal factor) => new(Amount * factor, Currency);

    /// <summary>Returns this amount rounded to <paramref name="decimals"/> places, halves away from zero (commercial rounding).</summary>
    /// <param name="decimals">Decimal places, 0 to 28. Default 2.</param>
    /// <returns>The rounded amount in the same currency.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="decimals"/> is outside 0..28.</exception>
    public Money Round(int decimals = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 28);
        return new Money(decimal.Round(Amount, decimals, MidpointRounding.AwayFromZero), Currency);
    }

    /// <summary>Tells whether <paramref name="other"/> is in the same currency.</summary>
    /// <param name="other">Another amount.</param>
    /// <returns><see langword="true"/> when the currency codes are equal.</returns>
    public bool HasSameCurrency(Money other) => string.Equals(Currency, other.Currency, StringComparison.Ordinal);

    /// <summary>Adds two amounts in the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns>The sum.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right) => left.Add(right);

    /// <summary>Subtracts two amounts in the same currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The amount to subtract.</param>
    /// <returns>The difference.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right) => left.Subtract(right);

    /// <summary>Negates an amount.</summary>
    /// <param name="value">The amount.</param>
    /// <returns>The amount with its sign flipped, same currency.</returns>
    public static Money operator -(Money value) => new(-value.Amount, value.Currency);

    /// <summary>Multiplies an amount by a plain number.</summary>
    /// <param name="value">The amount.</param>
    /// <param name="factor">The factor.</param>
    /// <returns>The product.</returns>
    public static Money operator *(Money value, decimal factor) => value.Multiply(factor);

    /// <summary>Multiplies an amount by a plain number.</summary>
    /// <param name="factor">The factor.</param>
    /// <param name="value">The amount.</param>
    /// <returns>The product.</returns>
    public static Money operator *(decimal factor, Money value) => value.Multiply(factor);

    /// <summary>Compares two amounts for equality of amount and currency.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when both the amounts and the currencies are equal.</returns>
    public static bool operator ==(Money left, Money right) => left.Equals(right);

    /// <summary>Compares two amounts for inequality.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount.</param>
    /// <returns><see langword="true"/> when the amounts or the currencies differ.</returns>
    public static bool operator !=(Money left, Money right) => !left.Equals(right);

    /// <summary>Tells whether <paramref name="left"/> is less than <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Tells whether <paramref name="left"/> is greater than <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Tells whether <paramref name="left"/> is less than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Tells whether <paramref name="left"/> is greater than or equal to <paramref name="right"/>.</summary>
    /// <param name="left">The first amount.</param>
    /// <param name="right">The second amount, in the same currency.</param>
    /// <returns>The comparison.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Compares the amounts of two values in the same currency.</summary>
    /// <param name="other">An amount in the same currency.</param>
    /// <returns>Negative, zero or positive as this amount is less than, equal to or greater than <paramref name="other"/>.</returns>
    /// <exception cref="InvalidOperationException">The currencies differ.</exception>
    public int CompareTo(Money other)
    {
        RequireSameCurrency(this, other, "compare");
        return Amount.CompareTo(other.Amount);
    }

    /// <summary>Tells whether <paramref name="other"/> has the same amount and currency. Amounts equal in value
    /// (<c>1.0</c> and <c>1.00</c>) are equal.</summary>
    /// <param name="other">The value to compare with.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(Money other) => Amount == other.Amount && HasSameCurrency(other);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Money other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Amount, Currency);

    /// <summary>Describes the amount in invariant culture with two decimals, e.g. <c>USD 210.00</c> or <c>USD -57.00</c>.</summary>
    /// <returns>The currency code, a space and the amount.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Currency} {Amount:0.00}");

    internal static void RequireSameCurrency(Money a, Money b, string operation)
    {
        if (!a.HasSameCurrency(b))
        {
            ThrowHelper.CurrencyMismatch(a.Currency, b.Currency, operation);
        }
    }

    private static string NormalizeCurrency(string currency, string paramName)
    {
        ArgumentNullException.ThrowIfNull(currency, paramName);
        if (!IsValidCurrency(currency))
        {
            ThrowHelper.InvalidCurrency(currency, paramName);
        }

        return currency.ToUpperInvariant();
    }
}
