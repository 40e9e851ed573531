using System.Text;
using System.Text.RegularExpressions;
using ExcelDataReader;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Localization;

namespace Shuyaku.Core.Import.RvTools;

/// <summary>The sheets of an RVTools export that the importer reads, from an .xlsx (or .xls) workbook or a folder of CSV files.</summary>
/// <param name="Source">The workbook or folder.</param>
/// <param name="Sheets">The sheets read, by name (case-insensitive).</param>
/// <param name="Ignored">Sheets present that the importer does not use.</param>
public sealed partial record RvToolsWorkbook(string Source, IReadOnlyDictionary<string, Sheet> Sheets, IReadOnlyList<string> Ignored)
{
    /// <summary>The sheets the importer reads, in the order RVTools writes them; only vInfo is required.</summary>
    public static readonly string[] Wanted = ["vInfo", "vCPU", "vMemory", "vDisk", "vPartition", "vNetwork", "vHost", "vCluster", "vDatastore"];

    static RvToolsWorkbook()
    {
        // ExcelDataReader's configuration names code page 1252 as its fallback even for .xlsx, and .NET has it only with this provider.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>Opens <paramref name="path"/>: a workbook file, or a folder holding the CSV export (RVTools_tabvInfo.csv, …).</summary>
    /// <param name="path">The workbook or folder.</param>
    /// <param name="progress">Told each sheet's name and rows once it is read (for a terminal), or null.</param>
    public static ReadResult<RvToolsWorkbook> Open(string path, IProgress<string>? progress = null)
    {
        if (Directory.Exists(path))
        {
            return OpenFolder(path, progress);
        }

        if (!File.Exists(path))
        {
            return Failed(path, Texts.Get("import.rvtools.missing"));
        }

        var sheets = new Dictionary<string, Sheet>(StringComparer.OrdinalIgnoreCase);
        var ignored = new List<string>();
        try
        {
            using var stream = File.OpenRead(path);
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var name = reader.Name ?? "";
                if (Wanted.Contains(name, StringComparer.OrdinalIgnoreCase) && !sheets.ContainsKey(name))
                {
                    sheets[name] = ReadSheet(reader, path, name);
                    progress?.Report(Texts.Format("import.rvtools.sheet-rows", name, sheets[name].Rows.Count));
                }
                else
                {
                    ignored.Add(name);
                }
            }
            while (reader.NextResult());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ExcelDataReader throws its own and the zip, XML and stream exceptions for damaged files.
            return Failed(path, Texts.Format("import.rvtools.unreadable", OneLine(e.Message)));
        }

        return Checked(new RvToolsWorkbook(path, sheets, ignored));
    }

    private static Sheet ReadSheet(IExcelDataReader reader, string path, string name)
    {
        var headers = new List<string>();
        var rows = new List<SheetRow>();
        var number = 0;
        while (reader.Read())
        {
            number++;
            var cells = new object?[reader.FieldCount];
            var blank = true;
            for (var c = 0; c < cells.Length; c++)
            {
                var v = reader.GetValue(c);
                cells[c] = v;
                blank &= v is null || v is string s && s.Trim().Length == 0;
            }

            if (number == 1)
            {
                headers.AddRange(cells.Select(v => Cells.Text(new SheetRow(1, [v]), 0) ?? ""));
            }
            else if (!blank)
            {
                rows.Add(new SheetRow(number, cells));
            }
        }

        return new Sheet(path, name, headers, rows, DecimalComma: false, IsCsv: false);
    }

    private static ReadResult<RvToolsWorkbook> OpenFolder(string path, IProgress<string>? progress)
    {
        var sheets = new Dictionary<string, Sheet>(StringComparer.OrdinalIgnoreCase);
        var ignored = new List<string>();
        var errors = new List<Diagnostic>();
        foreach (var file in Directory.EnumerateFiles(path, "*.csv").Order(StringComparer.Ordinal))
        {
            var m = CsvName().Match(Path.GetFileName(file));
            var name = m.Success ? m.Groups[1].Value : Path.GetFileNameWithoutExtension(file);
            var wanted = Wanted.FirstOrDefault(w => string.Equals(w, name, StringComparison.OrdinalIgnoreCase));
            if (wanted is null || sheets.ContainsKey(wanted))
            {
                ignored.Add(name);
                continue;
            }

            var sheet = CsvSheet.Read(file, wanted);
            if (sheet.Succeeded)
            {
                sheets[wanted] = sheet.Value!;
                progress?.Report(Texts.Format("import.rvtools.sheet-rows", wanted, sheet.Value!.Rows.Count));
            }
            else
            {
                errors.AddRange(sheet.Errors);
            }
        }

        return errors.Count > 0 ? ReadResult<RvToolsWorkbook>.Failed(errors, []) : Checked(new RvToolsWorkbook(path, sheets, ignored));
    }

    private static ReadResult<RvToolsWorkbook> Checked(RvToolsWorkbook workbook)
    {
        if (!workbook.Sheets.TryGetValue("vInfo", out var info))
        {
            return Failed(workbook.Source, Directory.Exists(workbook.Source)
                ? Texts.Get("import.rvtools.no-vinfo-csv")
                : Texts.Get("import.rvtools.no-vinfo-sheet"));
        }

        return info.Column(RvToolsColumns.Vm) < 0
            ? ReadResult<RvToolsWorkbook>.Failed([new Diagnostic(info.File, 1, 1, Texts.Get(info.IsCsv ? "import.rvtools.no-vm-column" : "import.rvtools.no-vm-column.sheet")) { Sheet = info.IsCsv ? null : info.Name }], [])
            : ReadResult<RvToolsWorkbook>.Ok(workbook, []);
    }

    private static string OneLine(string message) => EstateYaml.Comment(message);

    private static ReadResult<RvToolsWorkbook> Failed(string path, string message) =>
        ReadResult<RvToolsWorkbook>.Failed([new Diagnostic(path, 0, 0, message)], []);

    [GeneratedRegex(@"^(?:RVTools_)?tab(\w+)\.csv$", RegexOptions.IgnoreCase)]
    private static partial Regex CsvName();
}
