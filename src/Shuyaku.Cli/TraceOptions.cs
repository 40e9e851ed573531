using System.CommandLine;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Sizing;
using Shuyaku.Core.Traces;
using Spectre.Console;

namespace Shuyaku.Cli;

/// <summary>The options that read utilisation traces and bind them to workloads, shared by the commands that size from traces.</summary>
internal sealed class TraceOptions
{
    public Option<string?> Traces { get; } = new("--traces", "-t") { Description = Texts.Get("cli.option.traces") };

    public Option<string?> Format { get; } = new("--format", "--trace-format")
    {
        Description = Texts.Get("cli.option.trace-format"),
    };

    public Option<string?> Map { get; } = new("--map") { Description = Texts.Get("cli.option.map") };

    public Option<string> Assign { get; } = new("--assign")
    {
        Description = Texts.Get("cli.option.assign"),
        DefaultValueFactory = _ => "by-id",
    };

    public Option<string> CpuScale { get; } = new("--cpu-scale")
    {
        Description = Texts.Get("cli.option.cpu-scale"),
        DefaultValueFactory = _ => "server",
    };

    public Option<int?> Step { get; } = new("--step") { Description = Texts.Get("cli.option.step") };

    public Option<int> MaxGap { get; } = new("--max-gap")
    {
        Description = Texts.Get("cli.option.max-gap"),
        DefaultValueFactory = _ => ResampleOptions.Default.MaxFillSteps,
    };

    /// <summary>How a replay treats a workload without a CPU series: <c>absent</c> (not running, the default) or <c>constant</c>.</summary>
    public static Option<string> UnboundOption()
    {
        var option = new Option<string>("--unbound")
        {
            Description = Texts.Get("cli.option.unbound"),
            DefaultValueFactory = _ => "absent",
        };
        option.AcceptOnlyFromAmong("absent", "constant");
        return option;
    }

    /// <summary>Says which workloads a replay had no series for and what it did with them: a warning when they were left out.</summary>
    public static void ReportWithoutSeries(CliContext context, IReadOnlyList<string> without, int workloads, bool constant, string statistic)
    {
        if (without.Count == 0)
        {
            return;
        }

        const int Named = 5;
        var names = without.Count > Named
            ? Texts.Format("cli.traces.names-and-more", string.Join(", ", without.Take(Named)), without.Count - Named)
            : string.Join(", ", without);
        var count = Texts.Count("cli.traces.without-series", without.Count, Texts.Count("cli.count.workload", workloads));
        if (constant)
        {
            context.Out.MarkupLine(Texts.Format("cli.note", Markup.Escape(Texts.Count("cli.traces.replayed-constant", without.Count, count, statistic, names))));
        }
        else
        {
            context.Error.WriteLine(Texts.Format("cli.warning", Texts.Count("cli.traces.left-out", without.Count, count, names)));
        }
    }

    /// <summary>What a command says it did not do when the traces cannot be read.</summary>
    public string Outcome { get; init; } = Texts.Get("cli.outcome.planned");

    public TraceOptions()
    {
        Format.AcceptOnlyFromAmong(TraceImporter.FormatNames);
        Assign.AcceptOnlyFromAmong("by-id", "in-order");
        CpuScale.AcceptOnlyFromAmong("server", "peak");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Traces);
        command.Options.Add(Format);
        command.Options.Add(Map);
        command.Options.Add(Assign);
        command.Options.Add(CpuScale);
        command.Options.Add(Step);
        command.Options.Add(MaxGap);
    }

    /// <summary>Reads and binds the traces named on the command line; null with no --traces. Problems are reported and turned into an exit code.</summary>
    public (TraceSizing? Sizing, TraceImport? Import, int Exit) Load(CliContext context, ParseResult parse, Estate estate, string? otherPath = null)
    {
        var path = otherPath ?? parse.GetValue(Traces);
        if (path is null)
        {
            return (null, null, ExitCodes.Ok);
        }

        var map = parse.GetValue(Map);
        var inOrder = parse.GetValue(Assign) == "in-order";
        if (map is not null && inOrder)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Get("cli.error.map-and-in-order")));
            return (null, null, ExitCodes.BadInput);
        }

        if (parse.GetValue(Step) is <= 0 || parse.GetValue(MaxGap) < 0)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Get("cli.error.step-and-gap")));
            return (null, null, ExitCodes.BadInput);
        }

        var formatText = parse.GetValue(Format);
        var format = formatText is null ? (TraceFormat?)null : TraceImporter.ParseFormat(formatText);
        var read = TraceImporter.Import(context.Resolve(path), format, new ResampleOptions(parse.GetValue(Step), parse.GetValue(MaxGap)));
        Diagnostics.Warnings(context, read.Warnings);
        if (!read.Succeeded)
        {
            return (null, null, Diagnostics.Report(context, read.Errors, path, Outcome));
        }

        var traces = read.Value!.Set;
        SeriesBinding binding;
        if (map is not null)
        {
            var mapped = SeriesBinding.FromMap(context.Resolve(map), estate, traces);
            if (!mapped.Succeeded)
            {
                return (null, null, Diagnostics.Report(context, mapped.Errors, map, Outcome));
            }

            binding = mapped.Value!;
        }
        else
        {
            binding = inOrder ? SeriesBinding.InOrder(estate, traces) : SeriesBinding.ById(estate, traces);
        }

        if (binding.SeriesOf.Count == 0)
        {
            context.Error.WriteLine(Texts.Format("cli.error", binding.Method == BindMethod.ById
                ? Texts.Format("cli.error.no-series-by-id", traces.Count, traces.Names[0])
                : Texts.Get("cli.error.no-series-bound")));
            return (null, null, ExitCodes.BadInput);
        }

        var scale = parse.GetValue(CpuScale) == "peak" ? Core.Sizing.CpuScale.Peak : Core.Sizing.CpuScale.Server;
        if (scale == Core.Sizing.CpuScale.Server)
        {
            // A % of no server would be 0 GHz: the workload would silently cost no CPU at all.
            var serverless = estate.Workloads.Where(w => binding.SeriesOf.ContainsKey(w.Id) && estate.FindServer(w.Server) is null).ToList();
            foreach (var w in serverless)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.no-old-server", w.Id)));
            }

            if (serverless.Count > 0)
            {
                return (null, null, ExitCodes.BadInput);
            }
        }

        return (new TraceSizing(traces, binding, scale, Digest(traces, binding)), read.Value, ExitCodes.Ok);
    }

    /// <summary>SHA-256 over the series names, the grid and every value, and the binding: the same data bound alike gives the same digest.</summary>
    private static string Digest(TraceSet traces, SeriesBinding binding)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{traces.Start};{traces.StepSeconds};{traces.Length};{string.Join('\n', traces.Names)}"));
        for (var s = 0; s < traces.Count; s++)
        {
            foreach (var metric in Enum.GetValues<Metric>())
            {
                if (traces.Has(s, metric))
                {
                    hash.AppendData(MemoryMarshal.AsBytes(traces.Values(s, metric)));
                }
            }
        }

        foreach (var (workload, series) in binding.SeriesOf.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{workload}={traces.Names[series]}\n"));
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
