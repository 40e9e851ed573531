using System.Globalization;
using System.Text;
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
    private const string ProbeCatalog = "\ncatalog:\n  - { id: probe, sockets: 64, cores: 1024, clock: 100GHz, memory: 1000000000GiB }\n";

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
                return Diagnostics.Report(context, c.Errors, "the catalog file", "nothing was written");
            }

            catalog = c.Value;
        }

        var imported = read(source);
        if (!imported.Succeeded)
        {
            return Diagnostics.Report(context, imported.Errors, "the export", "nothing was written");
        }

        var estate = imported.Value!;
        var outPath = context.Resolve(output ?? Path.GetFileNameWithoutExtension(source.TrimEnd('/', '\\')) + ".estate.yaml");
        var (text, catalogLine) = EstateYaml.Write(estate, command, catalog);
        var check = EstateFit.ReadAndCheck(catalog is null ? text + ProbeCatalog : text, outPath);
        var inCatalog = check.Errors.Where(e => catalogLine > 0 && e.Line >= catalogLine).ToList();
        if (inCatalog.Count > 0)
        {
            var moved = inCatalog.Select(e => e with { File = catalog!.Path, Line = e.Line - catalogLine + 1 }).ToList();
            return Diagnostics.Report(context, moved, "the catalog file", "nothing was written");
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
            context.Error.WriteLine($"error: the estate cannot be written to {outPath}: {e.Message}");
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
            context.Error.WriteLine($"{name}:{e.Line}:{e.Column}: {(e.Kind == DiagnosticKind.Infeasible ? "infeasible" : "error")}: {e.Message}");
        }

        if (estate.Workloads.Count == 0)
        {
            o.WriteLine($"Wrote {outPath}, but it holds no workload: nothing to plan (see the skipped rows).");
            return ExitCodes.Infeasible;
        }

        if (errors.Count > 0)
        {
            o.WriteLine($"Wrote {outPath}, but it does not plan as it is: {errors.Count} problem{(errors.Count == 1 ? "" : "s")} above.");
            return ExitCodes.Infeasible;
        }

        if (catalog is null)
        {
            o.WriteLine($"Wrote {outPath}; it reads back without errors, but has no catalog yet: `shuyaku plan` stops with \"{EstateYaml.NoCatalog}\". Add a 'catalog:' section or import again with --catalog FILE.");
            return ExitCodes.Infeasible;
        }

        o.WriteLine($"Wrote {outPath}; it reads back without errors and plans with the catalog from {Path.GetFileName(catalog.Path)}: shuyaku plan {name}");
        return ExitCodes.Ok;
    }

    private static void Print(CliContext context, ImportedEstate estate, string input)
    {
        var r = estate.Report;
        string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        // Plain lines, not wrapped at the terminal's width: the report is read and grepped as it is.
        var o = context.Out.Profile.Out.Writer;
        o.WriteLine($"Read {input}");
        o.WriteLine($"  sheets read: {string.Join(", ", r.SheetsRead.Select(s => $"{s.Sheet} ({N(s.Rows)} rows)"))}");
        if (r.SheetsMissing.Count > 0)
        {
            o.WriteLine($"  optional sheets missing: {string.Join(", ", r.SheetsMissing)}");
        }

        if (r.SheetsIgnored.Count > 0)
        {
            o.WriteLine($"  sheets not used: {string.Join(", ", r.SheetsIgnored)}");
        }

        var hostSkips = r.Skipped.Count(s => s.Kind == "host");
        if (r.HostsRead > 0)
        {
            o.WriteLine($"  hosts: {N(r.HostsRead)} read, {N(estate.Servers.Count)} written as servers, {N(hostSkips)} skipped; {N(estate.Sites.Count)} site{(estate.Sites.Count == 1 ? "" : "s")}");
        }

        o.WriteLine($"  machines: {N(r.MachinesRead)} read, {N(estate.Workloads.Count)} written as workloads, {N(r.Skipped.Count - hostSkips)} skipped");
        foreach (var g in r.Skipped.GroupBy(s => (s.Kind, s.Reason)).OrderByDescending(g => g.Count()))
        {
            o.WriteLine($"    {N(g.Count()),6} {g.Key.Kind} skipped: {g.Key.Reason}");
        }

        o.WriteLine($"  demand: cpu {Sources(r.CpuSources)}; memory {Sources(r.MemorySources)}");
        foreach (var note in r.Notes.Take(ListedSkips))
        {
            o.WriteLine($"  note: {note}");
        }

        if (r.Skipped.Count > 0)
        {
            o.WriteLine($"  skipped ({(r.Skipped.Count > ListedSkips ? $"first {N(ListedSkips)} of {N(r.Skipped.Count)}; " : "")}all are listed at the end of the estate file):");
            foreach (var s in r.Skipped.Take(ListedSkips))
            {
                o.WriteLine($"    {s.Kind} {EstateYaml.Comment(s.Name)} ({s.Where}): {s.Reason}");
            }
        }
    }

    private static string Sources(SortedDictionary<string, int> sources) =>
        sources.Count == 0 ? "none" : string.Join(", ", sources.Select(kv => $"{kv.Value.ToString(CultureInfo.InvariantCulture)} from {kv.Key}"));

    private sealed class Step(TextWriter error, System.Diagnostics.Stopwatch watch) : IProgress<string>
    {
        public void Report(string value) => error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds,6:0.0} s  read {value}"));
    }
}
