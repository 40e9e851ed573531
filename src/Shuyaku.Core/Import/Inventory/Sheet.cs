using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>One table of an inventory export: a workbook sheet or a CSV file, its header row and its data rows.</summary>
/// <param name="File">The file the rows come from, as diagnostics name it.</param>
/// <param name="Name">The sheet's name (for a CSV file, the tab it was exported from).</param>
/// <param name="Headers">The header row's names, trimmed; an empty string where a column has no name.</param>
/// <param name="Rows">The data rows, blank rows left out.</param>
/// <param name="DecimalComma">Whether numbers written as text use a decimal comma (a CSV file from a region that writes 1,5).</param>
/// <param name="IsCsv">Whether the table is a CSV file, so that its rows are lines and its sheet is the file.</param>
public sealed record Sheet(string File, string Name, IReadOnlyList<string> Headers, IReadOnlyList<SheetRow> Rows, bool DecimalComma, bool IsCsv)
{
    /// <summary>The index of the first column whose header is one of <paramref name="names"/> (in the order given), or -1.</summary>
    /// <remarks>Headers compare without case, surrounding space, a leading '*' (Azure Migrate marks required columns so) or doubled spaces.</remarks>
    public int Column(params string[] names)
    {
        // Looked up once per name list: importers ask for the same columns on every row.
        var key = string.Join('\n', names);
        if (_columns.TryGetValue(key, out var found))
        {
            return found;
        }

        _normalised ??= Headers.Select(Normalise).ToArray();
        found = -1;
        foreach (var wanted in names.Select(Normalise))
        {
            found = Array.IndexOf(_normalised, wanted);
            if (found >= 0)
            {
                break;
            }
        }

        _columns[key] = found;
        return found;
    }

    private string[]? _normalised;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    /// <summary>A header as compared: lower case, no leading '*', single spaces.</summary>
    public static string Normalise(string header) =>
        string.Join(' ', header.Trim().TrimStart('*').Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToLowerInvariant();

    /// <summary>The spreadsheet letter of a 0-based column index: A, B, …, Z, AA, ….</summary>
    public static string Letter(int column)
    {
        var letters = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26)
        {
            letters = (char)('A' + ((c - 1) % 26)) + letters;
        }

        return letters;
    }

    /// <summary>Where a cell is, in words: "sheet 'vInfo', column 'CPUs' (P)" or for CSV "column 'CPUs'".</summary>
    public string Where(int column)
    {
        var header = column < Headers.Count && Headers[column].Length > 0 ? Texts.Format("import.sheet.column.named", Headers[column]) : Texts.Get("import.sheet.column.unnamed");
        return IsCsv ? Texts.Format("import.sheet.where.csv-column", header, column + 1) : Texts.Format("import.sheet.where.column", Name, header, Letter(column));
    }
}

/// <summary>One data row: its number in the sheet (or line in the CSV file, both from 1) and its cells.</summary>
/// <param name="Number">The row's number as a spreadsheet shows it, or the CSV line it starts on.</param>
/// <param name="Cells">Cell values: null, string, double, bool or DateTime (CSV cells are strings).</param>
public sealed record SheetRow(int Number, object?[] Cells)
{
    /// <summary>The cell at <paramref name="column"/>, or null when the column is missing or the row is shorter.</summary>
    public object? this[int column] => column >= 0 && column < Cells.Length ? Cells[column] : null;
}
