using System.CommandLine;
using System.Globalization;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Simulation.Replay;
using Shuyaku.Core.Sizing;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>Plans one estate with every sizing method and replays each plan against the same traces.</summary>
internal static class SizingCommand
{
    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = "The estate file." };
        var hostModel = new Option<string?>("--host-model") { Description = "Catalog model to plan with. Default: the cheapest plan for each method." };
        var sizing = SizingOptionSet.Create();
        var percentile = sizing.Percentile;
        var comfort = sizing.Comfort;
        var replayPath = new Option<string?>("--replay")
        {
            Description = "Replay the plans on these traces instead (for example the next day), read and bound like --traces: a test on data the sizing did not see.",
        };
        var unbound = TraceOptions.UnboundOption();
        var traceOptions = new TraceOptions();
        traceOptions.Traces.Required = true;
        var command = new Command(
            "sizing",
            "Compare sizing methods on one estate: plan it by the policy's statistic, by peaks, by a percentile × comfort factor and " +
            "time-aligned on the utilisation series, then replay every plan against the same series to show the host count of " +
            "each method beside the overload it risks.")
        {
            estate, hostModel, percentile, comfort, replayPath, unbound,
        };
        traceOptions.AddTo(command);
        command.SetAction(parse => Run(context, parse, traceOptions, parse.GetValue(estate)!, parse.GetValue(hostModel), parse.GetValue(percentile), parse.GetValue(comfort), parse.GetValue(replayPath), parse.GetValue(unbound) == "constant"));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, TraceOptions traceOptions, string estatePath, string? hostModel, double percentile, double comfort, string? replayPath, bool constantUnbound)
    {
        var read = EstateFit.ReadAndCheckFile(context.Resolve(estatePath));
        Diagnostics.Warnings(context, read.Warnings);
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, estatePath);
        }

        var estate = read.Value!;
        if (Diagnostics.UnknownHostModel(context, estate, hostModel) is { } bad)
        {
            return bad;
        }

        var (traces, _, exit) = traceOptions.Load(context, parse, estate);
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        var replayTraces = traces!;
        if (replayPath is not null)
        {
            var (other, _, replayExit) = traceOptions.Load(context, parse, estate, replayPath);
            if (replayExit != ExitCodes.Ok)
            {
                return replayExit;
            }

            replayTraces = other!;
        }

        var methods = new[]
        {
            new SizingOptions(SizingMethod.Statistic),
            new SizingOptions(SizingMethod.Peak),
            new SizingOptions(SizingMethod.Percentile, percentile, comfort),
            new SizingOptions(SizingMethod.TimeSeries),
        };
        var table = new Table().Border(context.Out.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(new TableColumn("sizing").NoWrap()).AddColumn(new TableColumn("model").NoWrap()).AddColumn(new TableColumn("hosts").RightAligned()).AddColumn(new TableColumn("bound").RightAligned())
            .AddColumn(new TableColumn("overload").RightAligned()).AddColumn(new TableColumn("hit").RightAligned())
            .AddColumn(new TableColumn("unmet GHz·h").RightAligned()).AddColumn(new TableColumn("kWh").RightAligned());
        IReadOnlyList<string>? withoutSeries = null;
        foreach (var sizing in methods)
        {
            var options = new PlanOptions(hostModel, Sizing: sizing, Traces: traces);
            var outcome = Planner.Plan(estate, options);
            var name = sizing.Method == SizingMethod.Statistic ? $"estate {estate.Policy.Statistic.ToString().ToLowerInvariant()}" : sizing.Method == SizingMethod.TimeSeries ? "time series" : sizing.Describe();
            if (outcome.Plan is null)
            {
                table.AddRow(Markup.Escape(name), "—", "—", "—", Markup.Escape(outcome.Infeasible ?? ""), "", "", "");
                continue;
            }

            var plan = outcome.Plan;
            var check = Checker.Check(estate, plan, traces, plan.Inputs.Failures);
            var replay = Replayer.Run(estate, plan, replayTraces.Traces, replayTraces.Binding, new ReplayOptions(replayTraces.CpuScale, Growth: true, ConstantWithoutSeries: constantUnbound));
            if (!replay.Succeeded || !check.Valid)
            {
                context.Error.WriteLine($"error: the {name} plan did not pass the checker or the replay: {(check.Valid ? replay.Errors[0].Message : check.InputError ?? check.Violations[0].Message)}");
                return ExitCodes.Infeasible;
            }

            var r = replay.Value!;
            withoutSeries ??= r.WithoutSeries;
            var overloaded = r.Hosts.Count(h => h.OverloadSteps > 0);
            table.AddRow(
                Markup.Escape(name),
                Markup.Escape(plan.HostModel),
                plan.Hosts.Count.ToString(CultureInfo.InvariantCulture),
                plan.LowerBound.Value.ToString(CultureInfo.InvariantCulture),
                (r.Slatah * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
                overloaded.ToString(CultureInfo.InvariantCulture),
                r.UnmetGhzHours.ToString("0.##", CultureInfo.InvariantCulture),
                r.EnergyKwh.ToString("0.#", CultureInfo.InvariantCulture));
        }

        TraceOptions.ReportWithoutSeries(context, withoutSeries ?? [], estate.Workloads.Count, constantUnbound, estate.Policy.Statistic.ToString().ToLowerInvariant());
        var growth = estate.Policy.GrowthPerYear > 0 ? $" and {estate.Policy.GrowthPerYear * 100:0.#}% growth a year over {estate.Policy.HorizonYears} years" : "";
        var replayed = replayPath is null
            ? "each plan is replayed on the same series (in-sample: give --replay other traces to test on unseen data)"
            : $"each plan is replayed on {Markup.Escape(replayPath)} ({replayTraces.Binding.SeriesOf.Count} series of {replayTraces.Traces.Length} steps), which the sizing did not see";
        context.Out.MarkupLine($"[bold]Sizing methods compared[/] on {Markup.Escape(estate.Name)}: {traces!.Binding.SeriesOf.Count} workload{(traces.Binding.SeriesOf.Count == 1 ? " follows" : "s follow")} a series of {traces.Traces.Length} steps of {traces.Traces.StepSeconds} s; every plan has N+{estate.Policy.Failures}{growth}; {replayed}.");
        context.Out.Write(table);
        context.Out.MarkupLine("overload: mean share of a host's active time at 100% CPU (SLATAH); hit: hosts overloaded at least once; unmet: CPU demand above capacity, integrated over time; kWh: energy over the replay.");
        return ExitCodes.Ok;
    }
}
