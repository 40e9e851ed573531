using System.CommandLine;
using System.Globalization;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Simulation.Replay;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

internal static class SimulateCommand
{
    private const string Replayed = "nothing was replayed";

    private const int GapsListed = 10;

    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = "The estate file the plan was made for." };
        var plan = new Argument<string>("PLAN") { Description = "The plan.json to replay." };
        var traceOptions = new TraceOptions { Outcome = Replayed };
        traceOptions.Traces.Required = true;
        var growth = new Option<bool>("--growth") { Description = "Grow every series by the policy's growth over its horizon, as the plan was sized." };
        var powerOff = new Option<bool>("--power-off-idle") { Description = "Hosts running no workload draw nothing instead of their idle power." };
        var unbound = TraceOptions.UnboundOption();
        var cpuOnly = new Option<bool>("--cpu-only") { Description = "Replay only the CPU series; memory and network stay at the estate's figures (for foreign traces bound in order)." };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder for the charts (SVG) and tables (CSV).",
            DefaultValueFactory = _ => Path.Combine("shuyaku-out", "replay"),
        };
        var command = new Command(
            "simulate",
            "Replay utilisation series against a plan: per host and step, demand versus capacity; overload time per active host " +
            "(SLATAH), unmet demand, energy from the host models' power curves, active hosts over time; charts and tables written " +
            "to --out. Exit 0 replayed, 2 bad input.")
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
        var estate = EstateFit.ReadAndCheckFile(context.Resolve(s.Estate));
        Diagnostics.Warnings(context, estate.Warnings);
        if (!estate.Succeeded)
        {
            return Diagnostics.Report(context, estate.Errors, s.Estate, Replayed);
        }

        var plan = PlanJson.ReadFile(context.Resolve(s.Plan));
        if (!plan.Succeeded)
        {
            return Diagnostics.Report(context, plan.Errors, s.Plan, Replayed);
        }

        if (!context.CanBeFolder(s.Out))
        {
            return ExitCodes.BadInput;
        }

        var (sizing, import, exit) = WithStatus(context, "Reading traces…", () => traceOptions.Load(context, parse, estate.Value!));
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        var traces = sizing!.Traces;
        var binding = sizing.Binding;
        var options = new ReplayOptions(sizing.CpuScale, s.Growth, s.PowerOffIdle, s.CpuOnly, s.ConstantUnbound);
        var replay = WithStatus(context, "Replaying…", () => Replayer.Run(estate.Value!, plan.Value!, traces, binding, options, s.Plan));
        if (!replay.Succeeded)
        {
            return Diagnostics.Report(context, replay.Errors, s.Plan, Replayed);
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
            context.Error.WriteLine($"error: cannot write to {dir}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        console.MarkupLine($"[bold]Charts and tables[/] in {Markup.Escape(Path.GetRelativePath(context.WorkingDirectory, dir))}: {Markup.Escape(string.Join(", ", files.Select(Path.GetFileName)))}");
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
            ? "from " + DateTimeOffset.FromUnixTimeSeconds(set.Start).UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)
            : "from the start of the traces";
        console.MarkupLine(Markup.Escape(
            $"Traces: {N(r.Series)} series ({string.Join(", ", metrics)}) from {N(r.Files)} {TraceImporter.Name(r.Format)} file{(r.Files == 1 ? "" : "s")}, {N(r.Samples)} samples; " +
            $"grid of {N(r.Length)} steps of {r.StepSeconds} s{(r.StepDetected ? " (median interval)" : "")} = {Span(r.Length * (double)r.StepSeconds / 3600)} {start}.").Replace("Traces:", "[bold]Traces:[/]", StringComparison.Ordinal));
        var gaps = r.GroupedLongGaps();
        console.MarkupLine(Markup.Escape(
            $"Resampling: {Count(r.DuplicateSamples, "duplicate sample")} averaged, {Count(r.MergedSteps, "step")} averaged from several samples, " +
            $"{Count(r.FilledGaps, "gap")} of ≤ {r.MaxFillSteps} steps filled linearly ({Count(r.FilledSteps, "step")}), " +
            $"{Count(gaps.Count, "longer gap")} left missing ({Count(gaps.Sum(g => (long)g.Steps), "step")}).").Replace("Resampling:", "[bold]Resampling:[/]", StringComparison.Ordinal));
        if (gaps.Count == 0)
        {
            return;
        }

        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("series").AddColumn("metrics").AddColumn("missing from").AddColumn(new TableColumn("steps").RightAligned());
        foreach (var g in gaps.Take(GapsListed))
        {
            var from = set.AbsoluteTime
                ? DateTimeOffset.FromUnixTimeSeconds(g.From).UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)
                : $"+{((g.From - set.Start) / 3600.0).ToString("0.##", CultureInfo.InvariantCulture)} h";
            table.AddRow(Markup.Escape(g.Series), string.Join(", ", g.Metrics.Select(m => TraceSet.MetricNames[(int)m])), from, N(g.Steps));
        }

        table.Caption(gaps.Count > GapsListed
            ? $"the {GapsListed} longest of {N(gaps.Count)} gaps; missing steps replay as not running"
            : "missing steps replay as not running");
        console.Write(table);
    }

    private static void BindingSection(IAnsiConsole console, SeriesBinding b, TraceSet traces, SimulateSettings s, string? map, CpuScale cpuScale)
    {
        var how = b.Method switch
        {
            BindMethod.InOrder => $"in order (workload i replays series i; {N(b.UnusedSeries)} of {N(traces.Count)} series unused)",
            BindMethod.Map => $"by {map} ({N(b.UnusedSeries)} of {N(traces.Count)} series unused)",
            _ => $"by id ({N(b.UnusedSeries)} of {N(traces.Count)} series match no workload)",
        };
        var scale = cpuScale == CpuScale.Peak
            ? "each CPU series scaled so its highest value is the workload's peak in the estate"
            : "CPU % read as % of each workload's old server";
        console.MarkupLine(Markup.Escape($"Binding: {Count(b.SeriesOf.Count, "workload")} replay{(b.SeriesOf.Count == 1 ? "s" : "")} a series, bound {how}; {scale}{(s.Growth ? ", grown by the policy's growth" : "")}.")
            .Replace("Binding:", "[bold]Binding:[/]", StringComparison.Ordinal));
    }

    private static Table HostTable(IAnsiConsole console, ReplayResult r)
    {
        var table = new Table().Border(console.Profile.Capabilities.Ansi ? TableBorder.Rounded : TableBorder.Ascii)
            .AddColumn("host").AddColumn(new TableColumn("VMs").RightAligned()).AddColumn(new TableColumn("mean CPU").RightAligned())
            .AddColumn(new TableColumn("peak CPU").RightAligned()).AddColumn(new TableColumn("overload").RightAligned())
            .AddColumn(new TableColumn("unmet GHz·h").RightAligned()).AddColumn(new TableColumn("peak mem").RightAligned())
            .AddColumn(new TableColumn("energy kWh").RightAligned());
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

        return table.Caption("CPU as demand ÷ capacity after hypervisor reserve; overload = share of active time at 100% CPU (SLATAH)");
    }

    private static void Totals(IAnsiConsole console, ReplayResult r, ReplayOptions options)
    {
        var demand = r.DemandGhzHours;
        var unmetShare = demand > 0 ? r.UnmetGhzHours / demand : 0;
        var overloaded = r.Hosts.Count(h => h.OverloadSteps > 0);
        console.MarkupLine(Markup.Escape(
            $"Energy: {r.EnergyKwh.ToString("0.##", CultureInfo.InvariantCulture)} kWh over {Span(r.Hours)} " +
            $"(mean {(r.EnergyKwh / Math.Max(r.Hours, 1e-9)).ToString("0.###", CultureInfo.InvariantCulture)} kW" +
            $"{(options.PowerOffIdle ? ", hosts running nothing switched off" : ", every planned host powered on")}).").Replace("Energy:", "[bold]Energy:[/]", StringComparison.Ordinal));
        console.MarkupLine(Markup.Escape(
            $"SLATAH: {Pct(r.Slatah)} (mean over active hosts of their time at 100% CPU); {overloaded} of {r.Hosts.Count} hosts reached 100%; " +
            $"unmet demand {r.UnmetGhzHours.ToString("0.##", CultureInfo.InvariantCulture)} GHz·h = {Pct(unmetShare)} of {demand.ToString("0.#", CultureInfo.InvariantCulture)} GHz·h demanded.").Replace("SLATAH:", "[bold]SLATAH:[/]", StringComparison.Ordinal));
        var shortOfMemory = r.Hosts.Where(h => h.PeakMemory > 1 + 1e-9).ToList();
        if (shortOfMemory.Count > 0)
        {
            console.MarkupLine($"[bold]Memory:[/] [red]{Markup.Escape($"{shortOfMemory.Count} of {r.Hosts.Count} hosts needed more memory than they have (up to {Pct(shortOfMemory.Max(h => h.PeakMemory))})")}[/]{Markup.Escape(options.CpuOnly ? "." : "; --cpu-only keeps memory at the estate's figures.")}");
        }

        var min = r.ActiveHosts.DefaultIfEmpty(0).Min();
        var max = r.ActiveHosts.DefaultIfEmpty(0).Max();
        var mean = r.ActiveHosts.DefaultIfEmpty(0).Average();
        console.MarkupLine(Markup.Escape(
            $"Active hosts: {min}–{max} (mean {mean.ToString("0.#", CultureInfo.InvariantCulture)}); {Count(r.SeriesWorkloads, "workload")} from series, {N(r.ConstantWorkloads)} at constant demand, {N(r.WithoutSeries.Count - r.ConstantWorkloads)} left out; " +
            $"{Count(r.MissingWorkloadSteps, "workload-step")} without data (not running).").Replace("Active hosts:", "[bold]Active hosts:[/]", StringComparison.Ordinal));
    }

    private static string Pct(double f) => (f * 100).ToString(f is > 0 and < 0.001 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + "%";

    private static string Count(long n, string what) => $"{N(n)} {what}{(n == 1 ? "" : "s")}";

    private static string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Span(double hours) => hours >= 48
        ? (hours / 24).ToString("0.#", CultureInfo.InvariantCulture) + " days"
        : hours.ToString("0.#", CultureInfo.InvariantCulture) + " h";
}
