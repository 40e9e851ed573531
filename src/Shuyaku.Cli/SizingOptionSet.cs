using System.CommandLine;
using Shuyaku.Cli.Localization;
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
        Description = Texts.Get("cli.option.sizing"),
        DefaultValueFactory = _ => "statistic",
    };

    public Option<double> Percentile { get; } = new("--percentile")
    {
        Description = Texts.Get("cli.option.percentile"),
        DefaultValueFactory = _ => 95,
    };

    public Option<double> Comfort { get; } = new("--comfort")
    {
        Description = Texts.Get("cli.option.comfort"),
        DefaultValueFactory = _ => 1.3,
    };

    public Option<double> StepShare { get; } = new("--step-share")
    {
        Description = Texts.Get("cli.option.step-share"),
        DefaultValueFactory = _ => 100,
    };

    public static SizingOptionSet Create()
    {
        var set = new SizingOptionSet();
        set.Sizing.AcceptOnlyFromAmong("statistic", "peak", "percentile", "timeseries");
        set.Percentile.MustBe(v => v is > 0 and <= 100, Texts.Get("cli.error.percentile-range"));
        set.Comfort.MustBe(v => v is >= 1 and <= 10, Texts.Get("cli.error.comfort-range"));
        set.StepShare.MustBe(v => v is >= 50 and <= 100, Texts.Get("cli.error.step-share-range"));
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
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Get("cli.error.timeseries-needs-traces")));
            return ExitCodes.BadInput;
        }

        if (sizing.Method == SizingMethod.Percentile && traces is null && Math.Abs(sizing.Percentile - 95) > 1e-9)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.percentile-needs-traces", sizing.Percentile)));
            return ExitCodes.BadInput;
        }

        return null;
    }
}
