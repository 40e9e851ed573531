using System.Globalization;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Import.Inventory;
using Shuyaku.Core.Sizing;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>
/// What every importer does after reading: write the estate, read it back as <c>plan</c> would, report. Exit 0 when the
/// estate was written and plans as it is; 1 when it was written but does not plan yet (no catalog, no workload, or a
/// workload no host model holds); 2 when the export or the catalog file is malformed (nothing written); 3 when the
/// estate file cannot be written.
/// </summary>
internal static class ImportRun
{
    /// <summary>Skipped rows printed on the terminal; all of them are listed at the end of the estate file.</summary>
    private const int ListedSkips = 20;

    /// <summary>A catalog that holds anything, used only to read back an estate written without one.</summary>
    private const string ProbeCatalog = "\ncatalog:\n  - { id: \"probe\", sockets: 64, cores: 1024, clock: 100GHz, memory: 1000000000GiB }\n";

    /// <summary>Sheet-by-sheet progress on standard error when the output is a terminal; nothing when it is redirected.</summary>
    public static IProgress<string>? Progress(CliContext context) =>
        context.Out.Profile.Capabilities.Interactive ? new Step(context.Error, System.Diagnostics.Stopwatch.StartNew()) : null;

    public static int Run(CliContext context, string command, string input, string? output, string? catalogPath, Func<string, ReadResult<ImportedEstate>> read)
    {
        var source = context.Resolve(input);
        CatalogFile? catalog = null;
        if (catalogPath is not null)
        {
            var c = CatalogFile.Read(context.Resolve(catalogPath));
            if (!c.Succeeded)
            {
                return Diagnostics.Report(context, c.Errors, Texts.Get("cli.import.the-catalog"), Texts.Get("cli.outcome.written"));
            }

            catalog = c.Value;
        }

        var imported = read(source);
        if (!imported.Succeeded)
        {
            return Diagnostics.Report(context, imported.Errors, Texts.Get("cli.import.the-export"), Texts.Get("cli.outcome.written"));
        }

        var estate = imported.Value!;
        var outPath = context.Resolve(output ?? Path.GetFileNameWithoutExtension(source.TrimEnd('/', '\\')) + ".estate.yaml");
        var (text, catalogLine) = EstateYaml.Write(estate, command, catalog);
        var check = EstateFit.ReadAndCheck(catalog is null ? text + ProbeCatalog : text, outPath);
        var inCatalog = check.Errors.Where(e => catalogLine > 0 && e.Line >= catalogLine).ToList();
        if (inCatalog.Count > 0)
        {
            var moved = inCatalog.Select(e => e with { File = catalog!.Path, Line = e.Line - catalogLine + 1 }).ToList();
            return Diagnostics.Report(context, moved, Texts.Get("cli.import.the-catalog"), Texts.Get("cli.outcome.written"));
        }

        try
        {
            var dir = Path.GetDirectoryName(outPath);
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            File.WriteAllText(outPath, text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.import.cannot-write", outPath, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        Print(context, estate, input);
        return Outcome(context, estate, output ?? Path.GetFileName(outPath), catalog, check.Errors);
    }

    private static int Outcome(CliContext context, ImportedEstate estate, string outPath, CatalogFile? catalog, IReadOnlyList<Diagnostic> errors)
    {
        var name = outPath;
        var o = context.Out.Profile.Out.Writer;
        foreach (var e in errors.Take(ListedSkips))
        {
            context.Error.WriteLine(e.Kind == DiagnosticKind.Infeasible
                ? Texts.Format("cli.import.infeasible.at", name, e.Line, e.Column, e.Message)
                : Texts.Format("cli.error.at", name, e.Line, e.Column, e.Message));
        }

        if (estate.Workloads.Count == 0)
        {
            o.WriteLine(Texts.Format("cli.import.no-workload", outPath));
            return ExitCodes.Infeasible;
        }

        if (errors.Count > 0)
        {
            o.WriteLine(Texts.Format("cli.import.does-not-plan", outPath, Texts.Count("cli.count.problem", errors.Count)));
            return ExitCodes.Infeasible;
        }

        if (catalog is null)
        {
            o.WriteLine(Texts.Format("cli.import.no-catalog", outPath, EstateYaml.NoCatalog));
            return ExitCodes.Infeasible;
        }

        o.WriteLine(Texts.Format("cli.import.plans", outPath, Path.GetFileName(catalog.Path), name));
        return ExitCodes.Ok;
    }

    private static void Print(CliContext context, ImportedEstate estate, string input)
    {
        var r = estate.Report;
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        // Plain lines, not wrapped at the terminal's width: the report is read and grepped as it is.
        var o = context.Out.Profile.Out.Writer;
        o.WriteLine(Texts.Format("cli.import.read", input));
        o.WriteLine(Texts.Format("cli.import.sheets-read", string.Join(", ", r.SheetsRead.Select(s => Texts.Format("cli.import.sheet-rows", s.Sheet, N(s.Rows))))));
        if (r.SheetsMissing.Count > 0)
        {
            o.WriteLine(Texts.Format("cli.import.sheets-missing", string.Join(", ", r.SheetsMissing)));
        }

        if (r.SheetsIgnored.Count > 0)
        {
            o.WriteLine(Texts.Format("cli.import.sheets-ignored", string.Join(", ", r.SheetsIgnored)));
        }

        var hostSkips = r.Skipped.Count(s => s.Kind == "host");
        if (r.HostsRead > 0)
        {
            o.WriteLine(Texts.Format("cli.import.hosts", N(r.HostsRead), N(estate.Servers.Count), N(hostSkips), Texts.Count("cli.count.site", estate.Sites.Count)));
        }

        o.WriteLine(Texts.Format("cli.import.machines", N(r.MachinesRead), N(estate.Workloads.Count), N(r.Skipped.Count - hostSkips)));
        foreach (var g in r.Skipped.GroupBy(s => (s.Kind, s.Reason)).OrderByDescending(g => g.Count()))
        {
            o.WriteLine(Texts.Format("cli.import.skipped-group", $"{N(g.Count()),6}", g.Key.Kind, g.Key.Reason));
        }

        o.WriteLine(Texts.Format("cli.import.demand", Sources(r.CpuSources), Sources(r.MemorySources)));
        foreach (var note in r.Notes.Take(ListedSkips))
        {
            o.WriteLine(Texts.Format("cli.import.note", note));
        }

        if (r.Skipped.Count > 0)
        {
            o.WriteLine(r.Skipped.Count > ListedSkips ? Texts.Format("cli.import.skipped.first", N(ListedSkips), N(r.Skipped.Count)) : Texts.Get("cli.import.skipped"));
            foreach (var s in r.Skipped.Take(ListedSkips))
            {
                o.WriteLine($"    {s.Kind} {EstateYaml.Comment(s.Name)} ({s.Where}): {s.Reason}");
            }
        }
    }

    private static string Sources(SortedDictionary<string, int> sources) =>
        sources.Count == 0 ? Texts.Get("cli.import.sources.none") : string.Join(", ", sources.Select(kv => Texts.Format("cli.import.source", kv.Value.ToString(CultureInfo.InvariantCulture), kv.Key)));

    private sealed class Step(TextWriter error, System.Diagnostics.Stopwatch watch) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(Texts.Format("cli.import.progress", watch.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture).PadLeft(6), value));
    }
}
