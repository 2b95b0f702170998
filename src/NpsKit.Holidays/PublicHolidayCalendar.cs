using System.Collections.Concurrent;
using NpsKit.FollowUp;
using PublicHoliday;

namespace NpsKit.Holidays;

/// <summary>
/// A country's (and, where the law differs by region, a region's) public holidays from the maintained PublicHoliday
/// library (3.17.0, MIT; github.com/martinjw/Holiday), as an <see cref="IHolidayCalendar"/> for NpsKit's business clocks.
/// </summary>
/// <remarks>
/// <para>Countries (ISO 3166-1 alpha-2), as PublicHoliday 3.17.0 covers them: AT, AU (region: state ACT, NSW, NT, QLD,
/// SA, TAS, VIC, WA), BE, BR, CA (region: province, e.g. ON, QC), CH (region: canton, e.g. ZH, GE), CZ, DE (region: Land,
/// e.g. BY, NW), DK, EE, ES, FI, FR (region: AlsaceMoselle and the overseas regions), GB (region: England, Wales,
/// Scotland, NorthernIreland; England when none), GR, HR, HU, IE, IT, JP, KZ, LT, LU, LV, ME, MX, NL, NO, NZ (region:
/// provincial district, e.g. AUCKLAND), PL, PT (region: Madeira, Acores), RO, RS, SE, SI, SK, TR, US (federal holidays).
/// <see cref="SupportedCountries"/> lists them; any other code is an error naming them, never an empty calendar.</para>
/// <para><b>Denmark</b> (DK) has one national calendar (no regional holidays; Greenland and the Faroe Islands, which have
/// their own, are not covered, so a region for DK is an error). PublicHoliday 3.17.0 knows that Store Bededag (General
/// Prayer Day) was abolished from 2024, and by default also counts Constitution Day (5 June) and Labour Day (1 May),
/// which are not holidays by law but days off under many agreements: choose with <see cref="Denmark"/>.</para>
/// <para>Holidays are computed once per year and cached; the calendar is immutable and thread-safe. Combine it with a
/// company's own closing days: <c>BusinessCalendar.Standard.WithHolidays(closingDays).WithHolidayCalendar(PublicHolidayCalendar.For("DK"))</c>.</para>
/// </remarks>
public sealed class PublicHolidayCalendar : IHolidayCalendar
{
    private const string Source = "PublicHoliday 3.17.0";

    private static readonly string[] Countries =
        ["AT", "AU", "BE", "BR", "CA", "CH", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GB", "GR", "HR", "HU", "IE", "IT", "JP", "KZ", "LT", "LU", "LV", "ME", "MX", "NL", "NO", "NZ", "PL", "PT", "RO", "RS", "SE", "SI", "SK", "TR", "US"];

    private readonly PublicHolidayBase _source;
    private readonly ConcurrentDictionary<int, HashSet<DateOnly>> _years = new();

    private PublicHolidayCalendar(PublicHolidayBase source, string country, string? region)
    {
        _source = source;
        Country = country;
        Region = region;
        Name = $"{country}{(region is null ? string.Empty : "-" + region)} public holidays ({Source})";
    }

    /// <summary>Gets the ISO 3166-1 alpha-2 codes of the countries covered.</summary>
    public static IReadOnlyList<string> SupportedCountries => Countries;

    /// <inheritdoc/>
    public string Name { get; }

    /// <summary>Gets the country code.</summary>
    public string Country { get; }

    /// <summary>Gets the region, when one was given.</summary>
    public string? Region { get; }

    /// <summary>The public holidays of a country, or of a region of it.</summary>
    /// <param name="country">An ISO 3166-1 alpha-2 code from <see cref="SupportedCountries"/> (any case).</param>
    /// <param name="region">A region for the countries whose holidays differ by region (see the remarks); <see langword="null"/> for the national holidays.</param>
    /// <returns>The calendar.</returns>
    /// <exception cref="ArgumentException">The country is not covered, or the region is unknown or not applicable; the message lists what is allowed.</exception>
    public static PublicHolidayCalendar For(string country, string? region = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(country);
        string c = country.Trim().ToUpperInvariant();
        string? r = string.IsNullOrWhiteSpace(region) ? null : region.Trim();
        PublicHolidayBase source = c switch
        {
            "AT" => NoRegion(c, r, new AustriaPublicHoliday()),
            "AU" => new AustraliaPublicHoliday { State = r is null ? AustraliaPublicHoliday.States.All : ParseRegion<AustraliaPublicHoliday.States>(c, r) },
            "BE" => NoRegion(c, r, new BelgiumPublicHoliday()),
            "BR" => NoRegion(c, r, new BrazilPublicHoliday()),
            "CA" => new CanadaPublicHoliday(r is null ? string.Empty : CanadaProvince(r)),
            "CH" => new SwitzerlandPublicHoliday { Canton = r is null ? SwitzerlandPublicHoliday.Cantons.OnlyOfficial : ParseRegion<SwitzerlandPublicHoliday.Cantons>(c, r) },
            "CZ" => NoRegion(c, r, new CzechRepublicPublicHoliday()),
            "DE" => new GermanPublicHoliday { State = r is null ? GermanPublicHoliday.States.ALL : ParseRegion<GermanPublicHoliday.States>(c, r) },
            "DK" => NoRegion(c, r, new DenmarkPublicHoliday()),
            "EE" => NoRegion(c, r, new EstoniaPublicHoliday()),
            "ES" => NoRegion(c, r, new SpainPublicHoliday()),
            "FI" => NoRegion(c, r, new FinlandPublicHoliday()),
            "FR" => new FrancePublicHoliday { Region = r is null ? FrancePublicHoliday.Regions.OnlyOfficial : ParseRegion<FrancePublicHoliday.Regions>(c, r) },
            "GB" => new UKBankHoliday(r is null ? UKBankHoliday.UkCountries.England : ParseRegion<UKBankHoliday.UkCountries>(c, r)),
            "GR" => NoRegion(c, r, new GreecePublicHoliday()),
            "HR" => NoRegion(c, r, new CroatiaPublicHoliday()),
            "HU" => NoRegion(c, r, new HungaryPublicHoliday()),
            "IE" => NoRegion(c, r, new IrelandPublicHoliday()),
            "IT" => NoRegion(c, r, new ItalyPublicHoliday()),
            "JP" => NoRegion(c, r, new JapanPublicHoliday()),
            "KZ" => NoRegion(c, r, new KazakhstanPublicHoliday()),
            "LT" => NoRegion(c, r, new LithuaniaPublicHoliday()),
            "LU" => NoRegion(c, r, new LuxembourgPublicHoliday()),
            "LV" => NoRegion(c, r, new LatviaPublicHoliday()),
            "ME" => NoRegion(c, r, new MontenegroPublicHoliday()),
            "MX" => NoRegion(c, r, new MexicoPublicHoliday()),
            "NL" => NoRegion(c, r, new DutchPublicHoliday()),
            "NO" => NoRegion(c, r, new NorwayPublicHoliday()),
            "NZ" => new NewZealandPublicHoliday { ProvincialDistrict = r is null ? NewZealandPublicHoliday.ProvincialDistricts.ALL : ParseRegion<NewZealandPublicHoliday.ProvincialDistricts>(c, r) },
            "PL" => NoRegion(c, r, new PolandPublicHoliday()),
            "PT" => new PortugalPublicHoliday { Region = r is null ? PortugalPublicHoliday.Regions.OnlyOfficial : ParseRegion<PortugalPublicHoliday.Regions>(c, r) },
            "RO" => NoRegion(c, r, new RomanianPublicHoliday()),
            "RS" => NoRegion(c, r, new SerbianPublicHoliday()),
            "SE" => NoRegion(c, r, new SwedenPublicHoliday()),
            "SI" => NoRegion(c, r, new SloveniaPublicHoliday()),
            "SK" => NoRegion(c, r, new SlovakiaPublicHoliday()),
            "TR" => NoRegion(c, r, new TurkeyPublicHoliday()),
            "US" => NoRegion(c, r, new USAPublicHoliday()),
            _ => throw new ArgumentException(
                $"Country '{country}' is not covered by {Source}: use one of {string.Join(", ", Countries)}, or give the holidays as a HolidayList.", nameof(country)),
        };
        return new PublicHolidayCalendar(source, c, r);
    }

    /// <summary>Denmark's public holidays, with PublicHoliday's choices for the days that are off by agreement rather than by law.</summary>
    /// <param name="includeConstitutionDay">Constitution Day, 5 June; <see langword="true"/> by default (as PublicHoliday).</param>
    /// <param name="includeLabourDay">Labour Day, 1 May; <see langword="true"/> by default (as PublicHoliday).</param>
    /// <param name="includeDayAfterAscension">The Friday after Ascension Day; <see langword="false"/> by default.</param>
    /// <param name="includeChristmasEve">24 December; <see langword="false"/> by default.</param>
    /// <param name="includeNewYearsEve">31 December; <see langword="false"/> by default.</param>
    /// <returns>The calendar.</returns>
    public static PublicHolidayCalendar Denmark(bool includeConstitutionDay = true, bool includeLabourDay = true, bool includeDayAfterAscension = false, bool includeChristmasEve = false, bool includeNewYearsEve = false) =>
        new(new DenmarkPublicHoliday(includeConstitutionDay, includeLabourDay, includeDayAfterAscension, includeChristmasEve, includeNewYearsEve), "DK", null);

    /// <inheritdoc/>
    public bool IsHoliday(DateOnly date) =>
        _years.GetOrAdd(date.Year, y => [.. _source.PublicHolidays(y).Select(DateOnly.FromDateTime)]).Contains(date);

    /// <summary>The holidays of one year, sorted.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The dates.</returns>
    public IReadOnlyList<DateOnly> HolidaysIn(int year) => [.. _source.PublicHolidays(year).Select(DateOnly.FromDateTime).Order()];

    /// <summary>Describes the calendar.</summary>
    /// <returns>The <see cref="Name"/>.</returns>
    public override string ToString() => Name;

    private static PublicHolidayBase NoRegion(string country, string? region, PublicHolidayBase source) => region is null
        ? source
        : throw new ArgumentException(
            $"{Source} has one national calendar for {country}, with no regions, so region '{region}' cannot be honoured: leave the region out{(country == "DK" ? " (Denmark's public holidays are national; Greenland's and the Faroe Islands' are not covered)" : string.Empty)}.",
            nameof(region));

    private static TEnum ParseRegion<TEnum>(string country, string region)
        where TEnum : struct, Enum =>
        Enum.TryParse(region, ignoreCase: true, out TEnum value) && Enum.IsDefined(value) && !int.TryParse(region, out _)
            ? value
            : throw new ArgumentException($"Region '{region}' is not a region of {country} in {Source}: use one of {string.Join(", ", Enum.GetNames<TEnum>())}.", nameof(region));

    private static string CanadaProvince(string region)
    {
        string[] provinces = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];
        string p = region.ToUpperInvariant();
        return provinces.Contains(p, StringComparer.Ordinal)
            ? p
            : throw new ArgumentException($"Region '{region}' is not a Canadian province or territory code: use one of {string.Join(", ", provinces)}.", nameof(region));
    }
}
