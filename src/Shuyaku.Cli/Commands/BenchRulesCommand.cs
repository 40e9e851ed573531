using System.CommandLine;
using System.Globalization;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Rules;
using Spectre.Console;
using Language = Shuyaku.Core.Localization.Language;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench rules</c>: random rule-heavy estates planned as <c>shuyaku plan</c> does, against their lower bound and first-fit decreasing.</summary>
internal static class BenchRulesCommand
{
    internal static Command Create(CliContext context)
    {
        var seeds = new Option<int?>("--seeds") { Description = Texts.Get("cli.bench.rules.seeds"), DefaultValueFactory = _ => 5 };
        seeds.MustBe(v => v is >= 1 and <= 10_000, Texts.Get("cli.bench.rules.error.1"));
        var firstSeed = new Option<int?>("--first-seed") { Description = Texts.Get("cli.bench.rules.first-seed"), DefaultValueFactory = _ => 1 };
        firstSeed.MustBe(v => v is >= 1 and <= 1_000_000, Texts.Get("cli.bench.rules.error.3"));
        var sizes = new Option<string>("--sizes")
        {
            Description = Texts.Get("cli.bench.rules.sizes"),
            DefaultValueFactory = _ => "10,25,50,100,200,500",
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = Texts.Get("cli.bench.rules.time-limit"),
            DefaultValueFactory = _ => 10,
        };
        timeLimit.MustBe(v => v is > 0 and <= 86_400, Texts.Get("cli.bench.rules.error.2"));
        var csv = new Option<string?>("--csv") { Description = Texts.Get("cli.bench.rules.csv") };
        var write = new Option<string?>("--write") { Description = Texts.Get("cli.bench.rules.write") };
        var command = new Command("rules", Texts.Get("cli.bench.rules.description"))
        {
            seeds, firstSeed, sizes, timeLimit, csv, write,
        };
        command.SetAction(parse => Run(context, parse.GetValue(seeds) ?? 5, parse.GetValue(firstSeed) ?? 1, parse.GetValue(sizes)!, parse.GetValue(timeLimit), parse.GetValue(csv), parse.GetValue(write)));
        return command;
    }

    private static int Run(CliContext context, int seeds, int firstSeed, string sizesText, double timeLimit, string? csvPath, string? writeDir)
    {
        var sizes = new List<int>();
        foreach (var part in sizesText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 10 or > 5000)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.bench.rules.error.size", part)));
                return ExitCodes.BadInput;
            }

            sizes.Add(n);
        }

        if (sizes.Count == 0)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Get("cli.bench.rules.error.no-size")));
            return ExitCodes.BadInput;
        }

        string? dir = null;
        if (writeDir is not null)
        {
            dir = context.Resolve(writeDir);
            try
            {
                Directory.CreateDirectory(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write", writeDir, IoReasons.Of(e))));
                return ExitCodes.BadInput;
            }
        }

        var search = PlanCommand.Search(timeLimit, PlanCommand.DefaultMoves);
        var runs = new List<RulesRun>();
        foreach (var n in sizes)
        {
            for (var seed = firstSeed; seed < firstSeed + seeds; seed++)
            {
                RulesRun run;
                try
                {
                    // A run's error (why it has no plan, or what the checker refused) goes into the CSV, which is the
                    // same in every language: the run is made in English, and prints nothing itself.
                    using var english = Language.Use(Language.English);
                    run = RulesBenchmark.Run(n, seed, search, dir);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write", writeDir, IoReasons.Of(e))));
                    return ExitCodes.OutputFailed;
                }

                runs.Add(run);
                var progress = Texts.Format("cli.bench.rules.progress", I(n), I(seed), I(run.Hosts), I(run.Bound), run.Deciding, I(run.Baseline), F(run.Seconds, "0.0"));
                context.Error.WriteLine(run.Valid ? progress : Texts.Format("cli.bench.rules.progress.invalid", progress, run.Error));
            }
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            Texts.Get("cli.bench.rules.column.workloads"), Texts.Get("cli.bench.rules.column.estates"), Texts.Get("cli.bench.rules.column.proven"),
            Texts.Get("cli.bench.rules.column.mean-gap"), Texts.Get("cli.bench.rules.column.max-above"), Texts.Get("cli.bench.rules.column.baseline-proven"),
            Texts.Get("cli.bench.rules.column.baseline-gap"), Texts.Get("cli.bench.rules.column.host-ratio"), Texts.Get("cli.bench.rules.column.mean-s"),
            Texts.Get("cli.bench.rules.column.max-s"), Texts.Get("cli.bench.rules.column.invalid"));
        var summaries = sizes.Select(n => RulesBenchmark.Summarise(I(n), runs.Where(r => r.Workloads == n).ToList())).ToList();
        if (sizes.Any(n => n <= 200) && sizes.Any(n => n > 200))
        {
            summaries.Add(RulesBenchmark.Summarise("≤ 200", runs.Where(r => r.Workloads <= 200).ToList()));
        }

        summaries.Add(RulesBenchmark.Summarise(Texts.Get("cli.bench.rules.all"), runs));
        foreach (var s in summaries)
        {
            table.AddRow(
                Markup.Escape(s.Label), I(s.Estates), $"{s.Proven} ({Pct(s.Proven, s.Estates)})", $"{F(s.MeanGap, "0.00")}%", I(s.MaxHostsAbove),
                $"{s.BaselineProven} ({Pct(s.BaselineProven, s.Estates)})", $"{F(s.BaselineMeanGap, "0.00")}%", F(s.HostRatio, "0.000"),
                F(s.MeanSeconds, "0.0"), F(s.MaxSeconds, "0.0"), I(s.Invalid));
        }

        context.Out.Write(table);
        context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.bench.rules.legend", I(firstSeed), I(firstSeed + seeds - 1), timeLimit.ToString(CultureInfo.InvariantCulture))));
        if (csvPath is not null)
        {
            try
            {
                var file = context.Resolve(csvPath);
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                File.WriteAllText(file, RulesBenchmark.Csv(runs), new UTF8Encoding(false));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write-file", csvPath, IoReasons.Of(e))));
                return ExitCodes.OutputFailed;
            }
        }

        return runs.All(r => r.Valid) ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Pct(int a, int b) => b == 0 ? "–" : (100.0 * a / b).ToString("0", CultureInfo.InvariantCulture) + "%";
}
