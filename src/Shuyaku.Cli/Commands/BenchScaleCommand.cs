using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Shuyaku.Core.Benchmarks.Synthetic;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench scale</c>: plans a large synthetic estate (spread rules, N+k) and reports time and gap.</summary>
internal static class BenchScaleCommand
{
    internal static Command Create(CliContext context)
    {
        var workloads = new Option<int>("--workloads", "-n") { Description = "Number of workloads (VMs).", DefaultValueFactory = _ => 100_000 };
        workloads.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 1 or > 10_000_000)
            {
                r.AddError("--workloads must be between 1 and 10000000.");
            }
        });
        var failures = new Option<int>("--failures", "-k") { Description = "Host failures to survive (N+k).", DefaultValueFactory = _ => 1 };
        failures.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 2)
            {
                r.AddError("--failures must be 0, 1 or 2.");
            }
        });
        var timeLimit = new Option<double>("--time-limit") { Description = "Seconds the local search may spend.", DefaultValueFactory = _ => 20 };
        timeLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 86_400 or double.NaN)
            {
                r.AddError("--time-limit must be a number of seconds above 0.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "Seed of the generated estate and of the search.", DefaultValueFactory = _ => 1 };
        var profile = new Option<string>("--profile")
        {
            Description = "The synthetic estate: 'shapes' (VMs of 1–16 cores and 2–16 GiB per core, 30% in spread groups of 2–4; cores bind) or "
                + "'vmware-small' (many small VMs of 1–12% of an old 2 × 4-core server and 0.25–4 GiB, one spread pair per 100 VMs, "
                + "one 64-core 1 TiB model: CPU and the vCPU count bind together). See docs/benchmarks.md.",
            DefaultValueFactory = _ => "shapes",
        };
        profile.AcceptOnlyFromAmong("shapes", "vmware-small");
        var yaml = new Option<bool>("--yaml")
        {
            Description = "Write the profile's estate as an estate file to a temporary folder and time `shuyaku plan` on it in this process "
                + "(read, plan, check, write) beside planning and checking the same estate generated in memory; reports each path's wall "
                + "time and peak memory and their ratio. --time-limit is then the plan command's. With 'shapes' the estate is the end-to-end "
                + "one (services of 1–3 instances on old servers), not the shapes planned without --yaml.",
        };
        var command = new Command("scale", "Plan a seeded synthetic estate (VM shapes, spread groups of 2–4 replicas, N+k) and report time, hosts and the gap to the lower bound.")
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
            context.Out.MarkupLine($"[red]no plan:[/] {Markup.Escape(result.Infeasible ?? "")}");
            return ExitCodes.Infeasible;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns("workloads", "spread groups", "N+k", "hosts", "lower bound", "gap", "seconds");
        table.AddRow(
            run.Workloads.ToString(CultureInfo.InvariantCulture),
            run.SpreadGroups.ToString(CultureInfo.InvariantCulture),
            $"N+{run.Failures}",
            result.Solution.HostCount.ToString(CultureInfo.InvariantCulture),
            result.Bound.Value.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{run.GapPercent:0.00}%"),
            run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture));
        context.Out.Write(table);
        context.Out.MarkupLine(Markup.Escape($"Method: {result.Solution.Method}. Lower bound: {result.Bound.Deciding.Reason}."));
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
