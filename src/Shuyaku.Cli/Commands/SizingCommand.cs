using System.CommandLine;
using System.Globalization;
using Shuyaku.Checking;
using Shuyaku.Import;
using Shuyaku.Placement;
using Shuyaku.Simulation.Replay;
using Shuyaku.Sizing;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary>Plans one estate with every sizing method and replays each plan against the same traces.</summary>
internal static class SizingCommand
{
    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = "The estate file." };
        var hostModel = new Option<string?>("--host-model") { Description = "Catalog model to plan with. Default: the cheapest plan for each method." };
        var percentile = new Option<double>("--percentile") { Description = "Percentile for the percentile method.", DefaultValueFactory = _ => 95 };
        var comfort = new Option<double>("--comfort") { Description = "Comfort factor for the percentile method.", DefaultValueFactory = _ => 1.3 };
        var traceOptions = new TraceOptions();
        traceOptions.Traces.Required = true;
        var command = new Command(
            "sizing",
            "Compare sizing methods on one estate: plan it by the policy's statistic, by peaks, by a percentile × comfort factor and " +
            "time-aligned on the utilisation series, then replay every plan against the same series to show the host count of " +
            "each method beside the overload it risks.")
        {
            estate, hostModel, percentile, comfort,
        };
        traceOptions.AddTo(command);
        command.SetAction(parse => Run(context, parse, traceOptions, parse.GetValue(estate)!, parse.GetValue(hostModel), parse.GetValue(percentile), parse.GetValue(comfort)));
        return command;
    }

    private static int Run(CliContext context, ParseResult parse, TraceOptions traceOptions, string estatePath, string? hostModel, double percentile, double comfort)
    {
        var read = EstateReader.ReadFile(context.Resolve(estatePath));
        Diagnostics.Warnings(context, read.Warnings);
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, estatePath);
        }

        var estate = read.Value!;
        if (hostModel is not null && estate.FindModel(hostModel) is null)
        {
            context.Error.WriteLine($"error: --host-model '{hostModel}' is not in the catalog; the models are {string.Join(", ", estate.Catalog.Select(m => m.Id))}.");
            return ExitCodes.BadInput;
        }

        if (percentile is <= 0 or > 100 || comfort is < 1 or > 10)
        {
            context.Error.WriteLine("error: --percentile must be in (0, 100] and --comfort between 1 and 10.");
            return ExitCodes.BadInput;
        }

        var (traces, _, exit) = traceOptions.Load(context, parse, estate);
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        var methods = new[]
        {
            new SizingOptions(SizingMethod.Statistic),
            new SizingOptions(SizingMethod.Peak),
            new SizingOptions(SizingMethod.Percentile, percentile, comfort),
            new SizingOptions(SizingMethod.TimeSeries),
        };
        var table = new Table().Border(context.Out.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("sizing").AddColumn("model").AddColumn(new TableColumn("hosts").RightAligned()).AddColumn(new TableColumn("bound").RightAligned())
            .AddColumn(new TableColumn("overload time").RightAligned()).AddColumn(new TableColumn("hosts overloaded").RightAligned())
            .AddColumn(new TableColumn("unmet GHz·h").RightAligned()).AddColumn(new TableColumn("energy kWh").RightAligned());
        foreach (var sizing in methods)
        {
            var options = new PlanOptions(hostModel, Sizing: sizing, Traces: traces);
            var outcome = Planner.Plan(estate, options);
            var name = sizing.Method == SizingMethod.Statistic ? $"estate {estate.Policy.Statistic.ToString().ToLowerInvariant()}" : sizing.Describe();
            if (outcome.Plan is null)
            {
                table.AddRow(Markup.Escape(name), "—", "—", "—", Markup.Escape(outcome.Infeasible ?? ""), "", "", "");
                continue;
            }

            var plan = outcome.Plan;
            var check = Checker.Check(estate, plan, traces);
            var replay = Replayer.Run(estate, plan, traces!.Traces, traces.Binding, new ReplayOptions(traces.CpuScale, Growth: true));
            if (!replay.Succeeded || !check.Valid)
            {
                context.Error.WriteLine($"error: the {name} plan did not pass the checker or the replay: {(check.Valid ? replay.Errors[0].Message : check.InputError ?? check.Violations[0].Message)}");
                return ExitCodes.Infeasible;
            }

            var r = replay.Value!;
            var overloaded = r.Hosts.Count(h => h.OverloadSteps > 0);
            table.AddRow(
                Markup.Escape(name),
                Markup.Escape(plan.HostModel),
                plan.Hosts.Count.ToString(CultureInfo.InvariantCulture),
                plan.LowerBound.Value.ToString(CultureInfo.InvariantCulture),
                (r.Slatah * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%",
                $"{overloaded} of {plan.Hosts.Count}",
                r.UnmetGhzHours.ToString("0.##", CultureInfo.InvariantCulture),
                r.EnergyKwh.ToString("0.#", CultureInfo.InvariantCulture));
        }

        context.Out.MarkupLine($"[bold]Sizing methods compared[/] on {Markup.Escape(estate.Name)}: {traces!.Binding.SeriesOf.Count} workloads follow a series of {traces.Traces.Length} steps of {traces.Traces.StepSeconds} s; every plan has N+{estate.Policy.Failures} and growth over {estate.Policy.HorizonYears} years, and each is replayed on the grown series.");
        context.Out.Write(table);
        context.Out.MarkupLine("overload time: mean share of a host's active time at 100% CPU (SLATAH); unmet: CPU demand above capacity, integrated over time.");
        return ExitCodes.Ok;
    }
}
