using System.CommandLine;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Cli;

/// <summary>The options that choose how demand is sized: --sizing and its parameters.</summary>
internal sealed class SizingOptionSet
{
    private SizingOptionSet()
    {
    }

    public Option<string> Sizing { get; } = new("--sizing")
    {
        Description = "statistic: the policy's statistic of each workload (default); peak: each workload's peak; percentile: a percentile × a comfort factor; timeseries: time-aligned, hosts fit the summed series at every step (needs --traces).",
        DefaultValueFactory = _ => "statistic",
    };

    public Option<double> Percentile { get; } = new("--percentile")
    {
        Description = "Percentile for --sizing percentile (the estate gives p95; other values need --traces).",
        DefaultValueFactory = _ => 95,
    };

    public Option<double> Comfort { get; } = new("--comfort")
    {
        Description = "Comfort factor multiplying the percentile for --sizing percentile.",
        DefaultValueFactory = _ => 1.3,
    };

    public Option<double> StepShare { get; } = new("--step-share")
    {
        Description = "For --sizing timeseries: percentage of steps at which a host's summed demand must fit (100 = every step).",
        DefaultValueFactory = _ => 100,
    };

    public static SizingOptionSet Create()
    {
        var set = new SizingOptionSet();
        set.Sizing.AcceptOnlyFromAmong("statistic", "peak", "percentile", "timeseries");
        set.Percentile.MustBe(v => v is > 0 and <= 100, "--percentile must be more than 0 and at most 100.");
        set.Comfort.MustBe(v => v is >= 1 and <= 10, "--comfort must be between 1 and 10.");
        set.StepShare.MustBe(v => v is >= 50 and <= 100, "--step-share must be between 50 and 100 (percent of steps).");
        return set;
    }

    public void AddTo(Command command)
    {
        command.Options.Add(Sizing);
        command.Options.Add(Percentile);
        command.Options.Add(Comfort);
        command.Options.Add(StepShare);
    }

    public SizingOptions Read(ParseResult parse) => new(
        parse.GetValue(Sizing) switch
        {
            "peak" => SizingMethod.Peak,
            "percentile" => SizingMethod.Percentile,
            "timeseries" => SizingMethod.TimeSeries,
            _ => SizingMethod.Statistic,
        },
        parse.GetValue(Percentile),
        parse.GetValue(Comfort),
        parse.GetValue(StepShare) / 100.0);

    /// <summary>Options that cannot work together are reported; returns the exit code, or null when all is well.</summary>
    public static int? Validate(CliContext context, SizingOptions sizing, TraceSizing? traces)
    {
        if (sizing.Method == SizingMethod.TimeSeries && traces is null)
        {
            context.Error.WriteLine("error: --sizing timeseries places workloads by their utilisation series: give them with --traces.");
            return ExitCodes.BadInput;
        }

        if (sizing.Method == SizingMethod.Percentile && traces is null && Math.Abs(sizing.Percentile - 95) > 1e-9)
        {
            context.Error.WriteLine($"error: the estate gives p95 only, so --percentile {sizing.Percentile} needs utilisation series: give them with --traces.");
            return ExitCodes.BadInput;
        }

        return null;
    }
}
