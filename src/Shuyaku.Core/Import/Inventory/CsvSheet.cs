using System.Text;
using System.Text.RegularExpressions;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.Inventory;

/// <summary>
/// Reads one CSV file into a <see cref="Sheet"/>: UTF-8 (a byte-order mark is fine; UTF-16 with its mark too), the list
/// separator of the exporting machine's region (',' ';' or tab) taken from the header line, quoted cells with doubled
/// quotes, and the decimal mark taken from the numbers themselves.
/// </summary>
public static partial class CsvSheet
{
    /// <summary>Reads <paramref name="path"/> as the table named <paramref name="name"/>; an unreadable or empty file is an error at its first line.</summary>
    public static ReadResult<Sheet> Read(string path, string name)
    {
        string text;
        try
        {
            using var reader = new StreamReader(path, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true);
            text = reader.ReadToEnd();
        }
        catch (DecoderFallbackException)
        {
            return Failed(path, Texts.Get("import.csv.not-utf8"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(path, Texts.Format("import.csv.unreadable", e.Message));
        }

        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Failed(path, Texts.Get("import.csv.binary"));
        }

        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        if (header.Trim().Length == 0)
        {
            return Failed(path, Texts.Get("import.csv.no-header"));
        }

        var separator = Separator(header);
        var records = Records(text, separator);
        var headers = records[0].Cells.Select(c => (c as string ?? "").Trim()).ToList();
        var rows = records.Skip(1).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c as string))).ToList();
        return ReadResult<Sheet>.Ok(new Sheet(path, name, headers, rows, DecimalComma(rows, separator), IsCsv: true), []);
    }

    /// <summary>The separator that occurs most often outside quotes in the header line; ',' when none does.</summary>
    public static char Separator(string header)
    {
        var counts = new Dictionary<char, int> { [','] = 0, [';'] = 0, ['\t'] = 0 };
        var quoted = false;
        foreach (var c in header)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && counts.ContainsKey(c))
            {
                counts[c]++;
            }
        }

        return counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key == ',' ? 0 : 1).First().Key;
    }

    /// <summary>
    /// Whether the numbers use a decimal comma: with ',' as separator never (a decimal comma would be quoted and is then
    /// still recognised when no dot appears); otherwise when some cell reads like 1,5 and none like 1.5, or, with no
    /// evidence either way, when the separator is ';' (the regions that separate lists by ';' write decimal commas).
    /// </summary>
    private static bool DecimalComma(List<SheetRow> rows, char separator)
    {
        int commas = 0, dots = 0;
        foreach (var row in rows.Take(2000))
        {
            foreach (var cell in row.Cells)
            {
                if (cell is string s)
                {
                    if (CommaDecimal().IsMatch(s))
                    {
                        commas++;
                    }
                    else if (DotDecimal().IsMatch(s))
                    {
                        dots++;
                    }
                }
            }
        }

        return commas > 0 && dots == 0 || commas == 0 && dots == 0 && separator == ';';
    }

    /// <summary>Splits the text into records; a quoted cell may hold separators, quotes (doubled) and line breaks.</summary>
    private static List<SheetRow> Records(string text, char separator)
    {
        var records = new List<SheetRow>();
        var cells = new List<object?>();
        var cell = new StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                records.Add(new SheetRow(start, [.. cells]));
                cells.Clear();
                line++;
                start = line;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || cells.Count > 0)
        {
            cells.Add(cell.ToString());
            records.Add(new SheetRow(start, [.. cells]));
        }

        return records;
    }

    private static ReadResult<Sheet> Failed(string path, string message) =>
        ReadResult<Sheet>.Failed([new Diagnostic(path, 1, 1, message)], []);

    [GeneratedRegex(@"^\s*-?\d+,(\d{1,2}|\d{4,})\s*$")]
    private static partial Regex CommaDecimal();

    [GeneratedRegex(@"^\s*-?\d+\.\d+\s*$")]
    private static partial Regex DotDecimal();
}
