using System.Globalization;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>Numbers written as text by a spreadsheet or a CSV export, in either region's notation.</summary>
internal static class NumberText
{
    /// <summary>
    /// Parses <paramref name="text"/>: plain digits with an optional sign, a decimal mark and thousands separators.
    /// With both '.' and ',' present the last one is the decimal mark; with only ',' it is the decimal mark when
    /// <paramref name="decimalComma"/> is set, else a thousands separator when it groups three digits.
    /// Spaces (also no-break) between digits are thousands separators. Exponents, NaN and infinity are refused.
    /// </summary>
    public static double? Parse(string text, bool decimalComma)
    {
        var t = text.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal);
        if (t.Length == 0 || t.Length > 40)
        {
            return null;
        }

        foreach (var c in t)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or ',' or '-' or '+'))
            {
                return null;
            }
        }

        var dot = t.LastIndexOf('.');
        var comma = t.LastIndexOf(',');
        string normal;
        if (dot >= 0 && comma >= 0)
        {
            normal = dot > comma ? t.Replace(",", "", StringComparison.Ordinal) : t.Replace(".", "", StringComparison.Ordinal).Replace(',', '.');
        }
        else if (comma >= 0)
        {
            var grouped = System.Text.RegularExpressions.Regex.IsMatch(t, @"^[+-]?\d{1,3}(,\d{3})+$");
            normal = decimalComma || !grouped ? (t.IndexOf(',') == comma ? t.Replace(',', '.') : "x") : t.Replace(",", "", StringComparison.Ordinal);
        }
        else
        {
            normal = t;
        }

        return double.TryParse(normal, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? v
            : null;
    }
}
