using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Inventory;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench import</c>: times the RVTools import of a generated workbook against merely reading its cells.</summary>
internal static class BenchImportCommand
{
    internal static Command Create(CliContext context)
    {
        var vms = new Option<int>("--vms") { Description = Texts.Get("cli.bench.import.vms"), DefaultValueFactory = _ => 3500 };
        vms.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 200_000)
            {
                r.AddError(Texts.Get("cli.bench.import.error.1"));
            }
        });
        var seed = new Option<int>("--seed") { Description = Texts.Get("cli.bench.import.seed"), DefaultValueFactory = _ => 1 };
        var command = new Command("import", Texts.Get("cli.bench.import.description"))
        {
            vms, seed,
        };
        command.SetAction(parse => Run(context, parse.GetValue(vms), parse.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, int vms, int seed)
    {
        ImportBenchmarkResult r;
        try
        {
            r = RvToolsBenchmark.Run(vms, seed, Path.GetTempPath());
        }
        catch (IOException e)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.import.cannot-write", IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        string S(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).AddColumns(Texts.Get("cli.bench.import.column.vms"), Texts.Get("cli.column.hosts"), Texts.Get("cli.bench.import.column.written"),
            Texts.Get("cli.bench.import.column.baseline"), Texts.Get("cli.bench.import.column.import"), Texts.Get("cli.bench.column.ratio"), Texts.Get("cli.bench.import.column.read-back"));
        table.AddRow(r.Vms.ToString(CultureInfo.InvariantCulture), r.Hosts.ToString(CultureInfo.InvariantCulture), r.Written.ToString(CultureInfo.InvariantCulture),
            S(r.Baseline), S(r.Import), r.Ratio.ToString("0.00", CultureInfo.InvariantCulture), S(r.ReadBack));
        context.Out.Write(table);
        context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.import.target", r.Vms,
            r.Import.TotalSeconds + r.ReadBack.TotalSeconds < 5 ? Texts.Get("cli.bench.target.met") : Texts.Get("cli.bench.target.missed"))));
        return ExitCodes.Ok;
    }
}
