using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Synthetic;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench waves</c>: plans and checks the migration waves of a synthetic estate beside a round-robin baseline.</summary>
internal static class BenchWavesCommand
{
    internal static Command Create(CliContext context)
    {
        var servers = new Option<int>("--servers") { Description = Texts.Get("cli.bench.waves.servers"), DefaultValueFactory = _ => 10_000 };
        servers.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 1_000_000)
            {
                r.AddError(Texts.Get("cli.bench.waves.error.1"));
            }
        });
        var subnets = new Option<int>("--subnets") { Description = Texts.Get("cli.bench.waves.subnets"), DefaultValueFactory = _ => 100 };
        subnets.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 60_000)
            {
                r.AddError(Texts.Get("cli.bench.waves.error.2"));
            }
        });
        var seed = new Option<int>("--seed") { Description = Texts.Get("cli.bench.waves.seed"), DefaultValueFactory = _ => 1 };
        var command = new Command("waves", Texts.Get("cli.bench.waves.description"))
        {
            servers, subnets, seed,
        };
        command.SetAction(parse => Run(context, parse.GetValue(servers), parse.GetValue(subnets), parse.GetValue(seed)));
        return command;
    }

    private static int Run(CliContext context, int servers, int subnets, int seed)
    {
        var run = WaveBenchmark.Run(servers, subnets, seed);
        var table = new Table().Border(TableBorder.Rounded).AddColumns(Texts.Get("cli.bench.waves.column.method"), Texts.Get("cli.bench.waves.column.waves"), Texts.Get("cli.bench.column.lower-bound"),
            Texts.Get("cli.bench.waves.column.violations"), Texts.Get("cli.bench.waves.column.subnet-span"), Texts.Get("cli.bench.waves.column.wall-ms"),
            Texts.Get("cli.bench.waves.column.cpu-ms"), Texts.Get("cli.bench.waves.column.time-ratio"));
        var planner = run.Planner.Cpu.TotalMilliseconds;
        foreach (var m in new[] { run.Planner, run.Baseline, run.Checker })
        {
            table.AddRow(
                m.Name,
                I(m.Waves),
                I(run.LowerBound),
                I(m.Violations),
                m.SubnetSpan.ToString("0.00", CultureInfo.InvariantCulture),
                Ms(m.Elapsed),
                Ms(m.Cpu),
                (m.Cpu.TotalMilliseconds / Math.Max(planner, 1e-6)).ToString("0.00", CultureInfo.InvariantCulture));
        }

        context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.waves.estate", run.Servers, run.Subnets, run.Workloads, run.SpreadGroups, run.Dependencies, seed, run.Problems)));
        context.Out.Write(table);
        context.Out.MarkupLine(Texts.Get("cli.bench.waves.legend"));
        return run.Planner.Violations == 0 ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture);

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
