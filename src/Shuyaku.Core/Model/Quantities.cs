using System.Globalization;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Model;

/// <summary>The kinds of quantity an estate file writes with a unit suffix.</summary>
public enum QuantityKind
{
    /// <summary>Bytes of memory or disk, kept in mebibytes: <c>512MiB</c>, <c>4GiB</c>, <c>2TB</c>.</summary>
    Size,
    /// <summary>Clock frequency, kept in gigahertz: <c>2.4GHz</c>, <c>800MHz</c>.</summary>
    Frequency,
    /// <summary>Bandwidth, kept in megabits per second: <c>300Mbps</c>, <c>1Gbps</c>.</summary>
    Bandwidth,
    /// <summary>A fraction written as a percentage: <c>35%</c>, kept as 0.35.</summary>
    Percent,
    /// <summary>Electrical power, kept in watts: <c>180W</c>, <c>1.2kW</c>.</summary>
    Power,
    /// <summary>A span of time, kept in seconds: <c>8h</c>, <c>15min</c>, <c>30s</c>, <c>2ms</c>.</summary>
    Duration,
}

/// <summary>Strict parsing of the unit-suffixed quantities of the estate file.</summary>
internal static class Quantities
{
    private static readonly (string Suffix, double Factor)[] SizeUnits =
    [
        ("KiB", 1.0 / 1024), ("MiB", 1), ("GiB", 1024), ("TiB", 1024 * 1024),
        ("KB", 1000.0 / 1048576), ("MB", 1e6 / 1048576), ("GB", 1e9 / 1048576), ("TB", 1e12 / 1048576),
    ];

    private static readonly (string Suffix, double Factor)[] FrequencyUnits = [("GHz", 1), ("MHz", 0.001)];

    private static readonly (string Suffix, double Factor)[] BandwidthUnits =
        [("Kbps", 0.001), ("Mbps", 1), ("Gbps", 1000)];

    private static readonly (string Suffix, double Factor)[] PowerUnits = [("W", 1), ("kW", 1000)];

    private static readonly (string Suffix, double Factor)[] DurationUnits = [("h", 3600), ("min", 60), ("s", 1), ("ms", 0.001)];

    /// <summary>The largest value accepted, in the kind's base unit (MiB, GHz, Mbps, a fraction, W, s).</summary>
    public const double MaxValue = 1e15;

    /// <summary>Parses <paramref name="text"/> as a quantity of <paramref name="kind"/>, or says what is wrong.</summary>
    public static bool TryParse(string text, QuantityKind kind, out double value, out string error)
    {
        value = 0;
        error = "";
        var s = text.Trim();
        var units = kind switch
        {
            QuantityKind.Size => SizeUnits,
            QuantityKind.Frequency => FrequencyUnits,
            QuantityKind.Bandwidth => BandwidthUnits,
            QuantityKind.Percent => [("%", 0.01)],
            QuantityKind.Power => PowerUnits,
            QuantityKind.Duration => DurationUnits,
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        var digits = 0;
        while (digits < s.Length && (char.IsAsciiDigit(s[digits]) || s[digits] == '.' || (digits == 0 && s[digits] is '-' or '+')))
        {
            digits++;
        }

        var number = s[..digits];
        var suffix = s[digits..].Trim();
        if (number.Length > 0 && suffix.Length > 1 && suffix[0] is 'e' or 'E' && (char.IsAsciiDigit(suffix[1]) || (suffix.Length > 2 && suffix[1] is '-' or '+' && char.IsAsciiDigit(suffix[2]))))
        {
            // No unit starts with e, so "1e3GiB" is a number in exponent notation, not an unknown unit "e3GiB".
            error = Texts.Format("quantity.exponent", text, Example(kind));
            return false;
        }

        if (number.Length == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
        {
            error = Texts.Format("quantity.not-number", text, Describe(kind), Example(kind));
            return false;
        }

        foreach (var (unit, factor) in units)
        {
            if (string.Equals(suffix, unit, StringComparison.Ordinal))
            {
                if (n < 0)
                {
                    error = Texts.Format("quantity.negative", text, Describe(kind));
                    return false;
                }

                // Far beyond any real machine, and small enough that sums over an estate stay finite.
                if (!(n * factor <= MaxValue))
                {
                    error = Texts.Format("quantity.too-large", text, Describe(kind), Largest(kind));
                    return false;
                }

                value = n * factor;
                return true;
            }
        }

        var allowed = string.Join(", ", units.Select(u => u.Suffix));
        var hint = units.FirstOrDefault(u => string.Equals(u.Suffix, suffix, StringComparison.OrdinalIgnoreCase)).Suffix;
        error = suffix.Length == 0
            ? Texts.Format("quantity.no-unit", text, Describe(kind), allowed, Example(kind))
            : hint is not null
                ? Texts.Format("quantity.case", text, suffix, number + hint)
                : Texts.Format("quantity.unknown-unit", text, suffix, Describe(kind), allowed);
        return false;
    }

    /// <summary>Formats mebibytes the way a person reads them.</summary>
    public static string FormatSize(double mib) => mib switch
    {
        >= 1024 * 1024 => $"{(mib / (1024 * 1024)).ToString("0.##", CultureInfo.InvariantCulture)} TiB",
        >= 1024 => $"{(mib / 1024).ToString("0.#", CultureInfo.InvariantCulture)} GiB",
        _ => $"{mib.ToString("0", CultureInfo.InvariantCulture)} MiB",
    };

    private static string Describe(QuantityKind kind) => kind switch
    {
        QuantityKind.Size => Texts.Get("quantity.kind.size"),
        QuantityKind.Frequency => Texts.Get("quantity.kind.frequency"),
        QuantityKind.Bandwidth => Texts.Get("quantity.kind.bandwidth"),
        QuantityKind.Percent => Texts.Get("quantity.kind.percentage"),
        QuantityKind.Power => Texts.Get("quantity.kind.power"),
        QuantityKind.Duration => Texts.Get("quantity.kind.duration"),
        _ => kind.ToString(),
    };

    private static string Largest(QuantityKind kind) => kind switch
    {
        QuantityKind.Size => "10^15 MiB",
        QuantityKind.Frequency => "10^15 GHz",
        QuantityKind.Bandwidth => "10^15 Mbps",
        QuantityKind.Percent => "10^17%",
        QuantityKind.Power => "10^15 W",
        QuantityKind.Duration => "10^15 s",
        _ => "",
    };

    private static string Example(QuantityKind kind) => kind switch
    {
        QuantityKind.Size => Texts.Format("quantity.either", "'4GiB'", "'512MiB'"),
        QuantityKind.Frequency => "'2.4GHz'",
        QuantityKind.Bandwidth => "'300Mbps'",
        QuantityKind.Percent => "'35%'",
        QuantityKind.Power => "'180W'",
        QuantityKind.Duration => Texts.Format("quantity.either", "'8h'", "'15min'"),
        _ => "",
    };
}
