using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Synthetic;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench scale</c>: plans a large synthetic estate (spread rules, N+k) and reports time and gap.</summary>
internal static class BenchScaleCommand
{
    internal static Command Create(CliContext context)
    {
        var workloads = new Option<int>("--workloads", "-n") { Description = Texts.Get("cli.bench.scale.workloads"), DefaultValueFactory = _ => 100_000 };
        workloads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError(Texts.Get("cli.bench.scale.error.1"));
            }
        });
        var failures = new Option<int>("--failures", "-k") { Description = Texts.Get("cli.bench.scale.failures"), DefaultValueFactory = _ => 1 };
        failures.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 2)
            {
                r.AddError(Texts.Get("cli.bench.scale.error.2"));
            }
        });
        var timeLimit = new Option<double>("--time-limit") { Description = Texts.Get("cli.bench.scale.time-limit"), DefaultValueFactory = _ => 20 };
        timeLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 86_400 or double.NaN)
            {
                r.AddError(Texts.Get("cli.bench.scale.error.3"));
            }
        });
        var seed = new Option<int>("--seed") { Description = Texts.Get("cli.bench.scale.seed"), DefaultValueFactory = _ => 1 };
        var profile = new Option<string>("--profile")
        {
            Description = Texts.Get("cli.bench.scale.profile"),
            DefaultValueFactory = _ => "shapes",
        };
        profile.AcceptOnlyFromAmong("shapes", "vmware-small");
        var yaml = new Option<bool>("--yaml")
        {
            Description = Texts.Get("cli.bench.scale.yaml"),
        };
        var command = new Command("scale", Texts.Get("cli.bench.scale.description"))
        {
            workloads, failures, timeLimit, seed, profile, yaml,
        };
        command.SetAction(parse => Run(context, parse.GetValue(workloads), parse.GetValue(failures), parse.GetValue(timeLimit), parse.GetValue(seed),
            parse.GetValue(profile) == "vmware-small" ? ScaleProfile.VmwareSmall : ScaleProfile.Shapes, parse.GetValue(yaml)));
        return command;
    }

    private static int Run(CliContext context, int workloads, int failures, double timeLimit, int seed, ScaleProfile profile, bool yaml)
    {
        var log = new StepLog(context.Error, Stopwatch.StartNew(), context.Out.Profile.Capabilities.Interactive);
        if (yaml)
        {
            return BenchScaleYaml.Run(context, profile, workloads, failures, timeLimit, seed, log);
        }

        var run = ScaleBenchmark.Run(workloads, failures, TimeSpan.FromSeconds(timeLimit), seed, log, profile);
        var result = run.Result;
        if (result.Solution is null)
        {
            context.Out.MarkupLine(Texts.Format("cli.bench.scale.no-plan", Markup.Escape(result.Why?.ToString() ?? "")));
            return ExitCodes.Infeasible;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns(Texts.Get("cli.column.workloads"), Texts.Get("cli.bench.scale.column.spread-groups"), "N+k", Texts.Get("cli.column.hosts"),
            Texts.Get("cli.bench.column.lower-bound"), Texts.Get("cli.bench.scale.column.gap"), Texts.Get("cli.bench.scale.column.seconds"));
        table.AddRow(
            run.Workloads.ToString(CultureInfo.InvariantCulture),
            run.SpreadGroups.ToString(CultureInfo.InvariantCulture),
            $"N+{run.Failures}",
            result.Solution.HostCount.ToString(CultureInfo.InvariantCulture),
            result.Bound.Value.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{run.GapPercent:0.00}%"),
            run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        context.Out.Write(table);
        context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.scale.method", result.Solution.Method, result.Bound.Deciding.Reason)));
        return ExitCodes.Ok;
    }

    private sealed class StepLog(TextWriter error, Stopwatch watch, bool enabled) : IProgress<string>
    {
        public void Report(string value)
        {
            if (enabled)
            {
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{watch.Elapsed.TotalSeconds,6:0.0} s  {value}"));
            }
        }
    }
}
