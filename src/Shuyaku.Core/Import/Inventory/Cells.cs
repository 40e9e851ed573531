using System.Globalization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>
/// Reads typed values out of sheet cells and records every malformed cell as a diagnostic naming the file, the row (as
/// the line), the column (1-based) and, in the message, the sheet and the column's header.
/// </summary>
public sealed class Cells
{
    /// <summary>Diagnostics past this many are counted, not kept: a wholly wrong file must not print a million lines.</summary>
    public const int MaxErrors = 50;

    private readonly List<Diagnostic> _errors = [];

    /// <summary>The malformed cells met so far, at most <see cref="MaxErrors"/>.</summary>
    public IReadOnlyList<Diagnostic> Errors => _errors;

    /// <summary>How many malformed cells were met, including those not kept.</summary>
    public int ErrorCount { get; private set; }

    /// <summary>Records a problem at a cell (or, with <paramref name="column"/> -1, at a whole row).</summary>
    public void Error(Sheet sheet, SheetRow? row, int column, string message)
    {
        ErrorCount++;
        if (_errors.Count < MaxErrors)
        {
            var where = column >= 0 ? sheet.Where(column) : sheet.IsCsv ? "" : Texts.Format("import.sheet.where", sheet.Name);
            var text = where.Length == 0 ? message : Texts.Format("import.sheet.at", where, message);
            _errors.Add(new Diagnostic(sheet.File, row?.Number ?? 1, column >= 0 ? column + 1 : 0, text) { Sheet = sheet.IsCsv ? null : sheet.Name });
        }
    }

    /// <summary>The cell as text, trimmed; null when the column is missing or the cell is empty.</summary>
    public static string? Text(SheetRow row, int column)
    {
        var v = row[column];
        var text = v switch
        {
            null => null,
            string s => s,
            double d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "True" : "False",
            DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => v.ToString(),
        };
        text = text?.Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    /// <summary>
    /// The cell as a number in [<paramref name="min"/>, <paramref name="max"/>]; null when missing or empty. Text that is
    /// not a number, or a number outside the range, is an error at the cell.
    /// </summary>
    public double? Number(Sheet sheet, SheetRow row, int column, double min = 0, double max = 1e15)
    {
        var v = row[column];
        double? number = v switch
        {
            double d => d,
            bool => null,
            DateTime => null,
            string s when string.IsNullOrWhiteSpace(s) => double.NaN,
            string s => NumberText.Parse(s, sheet.DecimalComma),
            null => double.NaN,
            IConvertible c => Convert.ToDouble(c, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (number is { } n && double.IsNaN(n))
        {
            return null;
        }

        if (number is null || !double.IsFinite(number.Value))
        {
            Error(sheet, row, column, Texts.Format("import.cell.not-number", Text(row, column)));
            return null;
        }

        if (number < min || number > max)
        {
            Error(sheet, row, column, Texts.Format("import.cell.out-of-range", number.Value.ToString(CultureInfo.InvariantCulture), min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture)));
            return null;
        }

        return number;
    }

    /// <summary>The cell as true or false ("True"/"False", "Yes"/"No", "1"/"0"); null when missing or empty; other text is an error.</summary>
    public bool? Flag(Sheet sheet, SheetRow row, int column)
    {
        switch (row[column])
        {
            case bool b:
                return b;
            case double d when d is 0 or 1:
                return d == 1;
        }

        var text = Text(row, column);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "1" or "wahr" or "vrai":
                return true;
            case "false" or "no" or "0" or "falsch" or "faux":
                return false;
            default:
                Error(sheet, row, column, Texts.Format("import.cell.not-boolean", text));
                return null;
        }
    }

    /// <summary>
    /// The cell as a date: a real date cell, an Excel serial date (days since 1899-12-30, as a number or as digits),
    /// or ISO / US / European text. Null when missing or empty; anything else is an error at the cell.
    /// </summary>
    public DateTime? Date(Sheet sheet, SheetRow row, int column)
    {
        var v = row[column];
        if (v is DateTime t)
        {
            return t;
        }

        var text = Text(row, column);
        if (text is null)
        {
            return null;
        }

        var serial = v as double? ?? NumberText.Parse(text, sheet.DecimalComma);
        if (serial is { } s)
        {
            // Excel's serial dates run from 1 (1900-01-01) to 2958465 (9999-12-31).
            if (s is >= 1 and < 2958466)
            {
                return DateTime.FromOADate(s);
            }
        }
        else if (DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var parsed))
        {
            return parsed;
        }

        Error(sheet, row, column, Texts.Format("import.cell.not-date", text));
        return null;
    }

    private static readonly string[] Formats =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd", "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd",
        "M/d/yyyy h:mm:ss tt", "M/d/yyyy H:mm:ss", "M/d/yyyy H:mm", "M/d/yyyy", "d.M.yyyy H:mm:ss", "d.M.yyyy H:mm", "d.M.yyyy",
        "d-M-yyyy H:mm:ss", "d-M-yyyy",
    ];
}
