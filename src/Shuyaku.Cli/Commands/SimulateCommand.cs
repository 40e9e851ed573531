using System.CommandLine;
using System.Globalization;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Simulation.Replay;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

internal static class SimulateCommand
{
    private const int GapsListed = 10;

    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.arg.estate-of-plan") };
        var plan = new Argument<string>("PLAN") { Description = Texts.Get("cli.simulate.plan") };
        var traceOptions = new TraceOptions { Outcome = Texts.Get("cli.outcome.replayed") };
        traceOptions.Traces.Required = true;
        var growth = new Option<bool>("--growth") { Description = Texts.Get("cli.simulate.growth") };
        var powerOff = new Option<bool>("--power-off-idle") { Description = Texts.Get("cli.simulate.power-off-idle") };
        var unbound = TraceOptions.UnboundOption();
        var cpuOnly = new Option<bool>("--cpu-only") { Description = Texts.Get("cli.simulate.cpu-only") };
        var output = new Option<string>("--out", "-o")
        {
            Description = Texts.Get("cli.simulate.out"),
            DefaultValueFactory = _ => Path.Combine("shuyaku-out", "replay"),
        };
        var command = new Command("simulate", Texts.Get("cli.simulate.description"))
        {
            estate, plan, growth, powerOff, cpuOnly, unbound, output,
        };
        traceOptions.AddTo(command);
        command.SetAction(parse => Run(context, parse, traceOptions, new SimulateSettings(
            parse.GetValue(estate)!,
            parse.GetValue(plan)!,
            parse.GetValue(traceOptions.Traces)!,
            parse.GetValue(growth),
            parse.GetValue(powerOff),
            parse.GetValue(cpuOnly),
            parse.GetValue(unbound) == "constant",
            parse.GetValue(output)!)));
        return command;
    }

    private sealed record SimulateSettings(string Estate, string Plan, string Traces, bool Growth, bool PowerOffIdle, bool CpuOnly, bool ConstantUnbound, string Out);

    private static int Run(CliContext context, ParseResult parse, TraceOptions traceOptions, SimulateSettings s)
    {
        var replayed = Texts.Get("cli.outcome.replayed");
        var estate = EstateFit.ReadAndCheckFile(context.Resolve(s.Estate));
        Diagnostics.Warnings(context, estate.Warnings);
        if (!estate.Succeeded)
        {
            return Diagnostics.Report(context, estate.Errors, s.Estate, replayed);
        }

        var plan = PlanJson.ReadFile(context.Resolve(s.Plan));
        if (!plan.Succeeded)
        {
            return Diagnostics.Report(context, plan.Errors, s.Plan, replayed);
        }

        if (!context.CanBeFolder(s.Out))
        {
            return ExitCodes.BadInput;
        }

        var (sizing, import, exit) = WithStatus(context, Texts.Get("cli.simulate.reading"), () => traceOptions.Load(context, parse, estate.Value!));
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        var traces = sizing!.Traces;
        var binding = sizing.Binding;
        var options = new ReplayOptions(sizing.CpuScale, s.Growth, s.PowerOffIdle, s.CpuOnly, s.ConstantUnbound);
        var replay = WithStatus(context, Texts.Get("cli.simulate.replaying"), () => Replayer.Run(estate.Value!, plan.Value!, traces, binding, options, s.Plan));
        if (!replay.Succeeded)
        {
            return Diagnostics.Report(context, replay.Errors, s.Plan, replayed);
        }

        var console = context.Out;
        var result = replay.Value!;
        ImportSection(console, import!);
        BindingSection(console, binding, traces, s, parse.GetValue(traceOptions.Map), sizing.CpuScale);
        TraceOptions.ReportWithoutSeries(context, result.WithoutSeries, estate.Value!.Workloads.Count, s.ConstantUnbound, estate.Value.Policy.Statistic.ToString().ToLowerInvariant());
        console.WriteLine();
        console.Write(HostTable(console, result));
        Totals(console, result, options);
        IReadOnlyList<string> files;
        var dir = context.Resolve(s.Out);
        try
        {
            files = ReplayCharts.Write(result, dir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write", dir, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        console.MarkupLine(Texts.Format("cli.simulate.charts", Markup.Escape(Path.GetRelativePath(context.WorkingDirectory, dir)), Markup.Escape(string.Join(", ", files.Select(Path.GetFileName)))));
        return ExitCodes.Ok;
    }

    /// <summary>Runs <paramref name="work"/> under a spinner on an interactive terminal, plainly otherwise.</summary>
    private static T WithStatus<T>(CliContext context, string status, Func<T> work)
    {
        if (!context.Out.Profile.Capabilities.Interactive)
        {
            return work();
        }

        T result = default!;
        context.Out.Status().Start(status, _ => result = work());
        return result;
    }

    private static void ImportSection(IAnsiConsole console, TraceImport import)
    {
        var (set, r) = (import.Set, import.Report);
        var metrics = Enumerable.Range(0, TraceSet.MetricCount).Where(m => set.Has((Metric)m)).Select(m => TraceSet.MetricNames[m]);
        var start = set.AbsoluteTime
            ? Texts.Format("cli.simulate.from", DateTimeOffset.FromUnixTimeSeconds(set.Start).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))
            : Texts.Get("cli.simulate.from-start");
        console.MarkupLine(Texts.Format("cli.simulate.traces", Markup.Escape(Texts.Count("cli.simulate.traces.text", r.Files, N(r.Series), string.Join(", ", metrics), TraceImporter.Name(r.Format), N(r.Samples),
            N(r.Length), r.StepSeconds, r.StepDetected ? Texts.Get("cli.simulate.median") : "", Span(r.Length * (double)r.StepSeconds / 3600), start))));
        var gaps = r.GroupedLongGaps();
        console.MarkupLine(Texts.Format("cli.simulate.resampling", Markup.Escape(Texts.Format("cli.simulate.resampling.text",
            Texts.Count("cli.count.duplicate-sample", r.DuplicateSamples), Texts.Count("cli.count.step", r.MergedSteps), Texts.Count("cli.count.gap", r.FilledGaps), r.MaxFillSteps,
            Texts.Count("cli.count.step", r.FilledSteps), Texts.Count("cli.count.longer-gap", gaps.Count), Texts.Count("cli.count.step", gaps.Sum(g => (long)g.Steps))))));
        if (gaps.Count == 0)
        {
            return;
        }

        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(Texts.Get("cli.simulate.column.series")).AddColumn(Texts.Get("cli.simulate.column.metrics")).AddColumn(Texts.Get("cli.simulate.column.missing-from"))
            .AddColumn(new TableColumn(Texts.Get("cli.simulate.column.steps")).RightAligned());
        foreach (var g in gaps.Take(GapsListed))
        {
            var from = set.AbsoluteTime
                ? DateTimeOffset.FromUnixTimeSeconds(g.From).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : $"+{((g.From - set.Start) / 3600.0).ToString("0.##", CultureInfo.InvariantCulture)} h";
            table.AddRow(Markup.Escape(g.Series), string.Join(", ", g.Metrics.Select(m => TraceSet.MetricNames[(int)m])), from, N(g.Steps));
        }

        table.Caption(gaps.Count > GapsListed
            ? Texts.Format("cli.simulate.gaps.longest", GapsListed, N(gaps.Count))
            : Texts.Get("cli.simulate.gaps"));
        console.Write(table);
    }

    private static void BindingSection(IAnsiConsole console, SeriesBinding b, TraceSet traces, SimulateSettings s, string? map, CpuScale cpuScale)
    {
        var how = b.Method switch
        {
            BindMethod.InOrder => Texts.Format("cli.simulate.bound.in-order", N(b.UnusedSeries), N(traces.Count)),
            BindMethod.Map => Texts.Format("cli.simulate.bound.map", map, N(b.UnusedSeries), N(traces.Count)),
            _ => Texts.Format("cli.simulate.bound.by-id", N(b.UnusedSeries), N(traces.Count)),
        };
        var scale = cpuScale == CpuScale.Peak ? Texts.Get("cli.simulate.scale.peak") : Texts.Get("cli.simulate.scale.server");
        console.MarkupLine(Texts.Format("cli.simulate.binding", Markup.Escape(
            Texts.Count("cli.simulate.binding.text", b.SeriesOf.Count, how, scale, s.Growth ? Texts.Get("cli.simulate.grown") : ""))));
    }

    private static Table HostTable(IAnsiConsole console, ReplayResult r)
    {
        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn(Texts.Get("cli.simulate.column.host")).AddColumn(new TableColumn(Texts.Get("cli.simulate.column.vms")).RightAligned())
            .AddColumn(new TableColumn(Texts.Get("cli.simulate.column.mean-cpu")).RightAligned())
            .AddColumn(new TableColumn(Texts.Get("cli.simulate.column.peak-cpu")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.column.overload")).RightAligned())
            .AddColumn(new TableColumn(Texts.Get("cli.column.unmet")).RightAligned()).AddColumn(new TableColumn(Texts.Get("cli.simulate.column.peak-mem")).RightAligned())
            .AddColumn(new TableColumn(Texts.Get("cli.simulate.column.energy")).RightAligned());
        foreach (var h in r.Hosts)
        {
            var overload = Pct(h.Slatah);
            table.AddRow(
                Markup.Escape(h.Host),
                N(h.Workloads),
                Pct(h.MeanCpu),
                h.PeakCpu >= 1 - 1e-9 ? $"[red]{Pct(h.PeakCpu)}[/]" : Pct(h.PeakCpu),
                h.OverloadSteps > 0 ? $"[red]{overload}[/]" : overload,
                h.UnmetGhzHours.ToString("0.##", CultureInfo.InvariantCulture),
                h.PeakMemory > 1 + 1e-9 ? $"[red]{Pct(h.PeakMemory)}[/]" : Pct(h.PeakMemory),
                h.EnergyKwh.ToString("0.##", CultureInfo.InvariantCulture));
        }

        return table.Caption(Texts.Get("cli.simulate.hosts.caption"));
    }

    private static void Totals(IAnsiConsole console, ReplayResult r, ReplayOptions options)
    {
        var demand = r.DemandGhzHours;
        var unmetShare = demand > 0 ? r.UnmetGhzHours / demand : 0;
        var overloaded = r.Hosts.Count(h => h.OverloadSteps > 0);
        console.MarkupLine(Texts.Format("cli.simulate.energy", Markup.Escape(Texts.Format("cli.simulate.energy.text", r.EnergyKwh.ToString("0.##", CultureInfo.InvariantCulture), Span(r.Hours),
            (r.EnergyKwh / Math.Max(r.Hours, 1e-9)).ToString("0.###", CultureInfo.InvariantCulture),
            options.PowerOffIdle ? Texts.Get("cli.simulate.energy.off") : Texts.Get("cli.simulate.energy.on")))));
        console.MarkupLine(Texts.Format("cli.simulate.slatah", Markup.Escape(Texts.Format("cli.simulate.slatah.text", Pct(r.Slatah), overloaded, r.Hosts.Count,
            r.UnmetGhzHours.ToString("0.##", CultureInfo.InvariantCulture), Pct(unmetShare), demand.ToString("0.#", CultureInfo.InvariantCulture)))));
        var shortOfMemory = r.Hosts.Where(h => h.PeakMemory > 1 + 1e-9).ToList();
        if (shortOfMemory.Count > 0)
        {
            console.MarkupLine(Texts.Format("cli.simulate.memory",
                Markup.Escape(Texts.Format("cli.simulate.memory.short", shortOfMemory.Count, r.Hosts.Count, Pct(shortOfMemory.Max(h => h.PeakMemory)))),
                Markup.Escape(options.CpuOnly ? Texts.Get("cli.simulate.memory.end") : Texts.Get("cli.simulate.memory.cpu-only"))));
        }

        var min = r.ActiveHosts.DefaultIfEmpty(0).Min();
        var max = r.ActiveHosts.DefaultIfEmpty(0).Max();
        var mean = r.ActiveHosts.DefaultIfEmpty(0).Average();
        console.MarkupLine(Texts.Format("cli.simulate.active", Markup.Escape(Texts.Format("cli.simulate.active.text", min, max, mean.ToString("0.#", CultureInfo.InvariantCulture),
            Texts.Count("cli.count.workload", r.SeriesWorkloads), N(r.ConstantWorkloads), N(r.WithoutSeries.Count - r.ConstantWorkloads),
            Texts.Count("cli.count.workload-step", r.MissingWorkloadSteps)))));
    }

    private static string Pct(double f) => (f * 100).ToString(f is > 0 and < 0.001 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + "%";


    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Span(double hours) => hours >= 48
        ? Texts.Format("cli.simulate.days", (hours / 24).ToString("0.#", CultureInfo.InvariantCulture))
        : Texts.Format("cli.simulate.hours", hours.ToString("0.#", CultureInfo.InvariantCulture));
}
