using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
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
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.sizing.estate") };
        var hostModel = new Option<string?>("--host-model") { Description = Texts.Get("cli.sizing.host-model") };
        var sizing = SizingOptionSet.Create();
        var percentile = sizing.Percentile;
        var comfort = sizing.Comfort;
        var replayPath = new Option<string?>("--replay")
        {
            Description = Texts.Get("cli.sizing.replay"),
        };
        var unbound = TraceOptions.UnboundOption();
        var traceOptions = new TraceOptions();
        traceOptions.Traces.Required = true;
        var command = new Command("sizing", Texts.Get("cli.sizing.description"))
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
            .AddColumn(new TableColumn(Texts.Get("cli.sizing.column.sizing")).NoWrap()).AddColumn(new TableColumn(Texts.Get("cli.sizing.column.model")).NoWrap())
            .AddColumn(new TableColumn(Texts.Get("cli.column.hosts")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.sizing.column.bound")).RightAligned())
            .AddColumn(new TableColumn(Texts.Get("cli.column.overload")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.sizing.column.hit")).RightAligned())
            .AddColumn(new TableColumn(Texts.Get("cli.column.unmet")).RightAligned()).AddColumn(new TableColumn("kWh").RightAligned());
        IReadOnlyList<string>? withoutSeries = null;
        foreach (var sizing in methods)
        {
            var options = new PlanOptions(hostModel, Sizing: sizing, Traces: traces);
            var outcome = Planner.Plan(estate, options);
            var name = sizing.Method == SizingMethod.Statistic ? Texts.Format("cli.sizing.method.estate", estate.Policy.Statistic.ToString().ToLowerInvariant())
                : sizing.Method == SizingMethod.TimeSeries ? Texts.Get("cli.sizing.method.timeseries") : sizing.Describe();
            if (outcome.Plan is null)
            {
                table.AddRow(Markup.Escape(name), "—", "—", "—", Markup.Escape(outcome.Why?.ToString() ?? ""), "", "", "");
                continue;
            }

            var plan = outcome.Plan;
            var check = Checker.Check(estate, plan, traces, plan.Inputs.Failures);
            var replay = Replayer.Run(estate, plan, replayTraces.Traces, replayTraces.Binding, new ReplayOptions(replayTraces.CpuScale, Growth: true, ConstantWithoutSeries: constantUnbound));
            if (!replay.Succeeded || !check.Valid)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.sizing.failed", name, check.Valid ? replay.Errors[0].Message : check.InputError ?? check.Violations[0].Describe())));
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
        var growth = estate.Policy.GrowthPerYear > 0
            ? Texts.Format("cli.sizing.growth", (estate.Policy.GrowthPerYear * 100).ToString("0.#", CultureInfo.InvariantCulture), estate.Policy.HorizonYears)
            : "";
        var replayed = replayPath is null
            ? Texts.Get("cli.sizing.replayed.same")
            : Texts.Format("cli.sizing.replayed.other", Markup.Escape(replayPath), replayTraces.Binding.SeriesOf.Count, replayTraces.Traces.Length);
        context.Out.MarkupLine(Texts.Count("cli.sizing.compared", traces!.Binding.SeriesOf.Count, Markup.Escape(estate.Name), traces.Traces.Length, traces.Traces.StepSeconds, estate.Policy.Failures, growth, replayed));
        context.Out.Write(table);
        context.Out.MarkupLine(Texts.Get("cli.sizing.legend"));
        return ExitCodes.Ok;
    }
}
