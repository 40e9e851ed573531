using System.CommandLine;
using System.Globalization;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Rules;
using Spectre.Console;

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
                context.Error.WriteLine($"error: --sizes: '{part}' is not a whole number from 10 to 5000; write sizes like 10,25,50.");
                return ExitCodes.BadInput;
            }

            sizes.Add(n);
        }

        if (sizes.Count == 0)
        {
            context.Error.WriteLine("error: --sizes names no size; write sizes like 10,25,50.");
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
                context.Error.WriteLine($"error: cannot write to {writeDir}: {e.Message}");
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
                    run = RulesBenchmark.Run(n, seed, search, dir);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    context.Error.WriteLine($"error: cannot write to {writeDir}: {e.Message}");
                    return ExitCodes.OutputFailed;
                }

                runs.Add(run);
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n} workloads, seed {seed}: {run.Hosts} hosts, bound {run.Bound} ({run.Deciding}), baseline {run.Baseline}, {run.Seconds:0.0} s{(run.Valid ? "" : ", INVALID: " + run.Error)}"));
            }
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumns(
            "workloads", "estates", "proven minimal", "mean gap", "max hosts above", "FFD+k at bound", "FFD+k gap", "hosts / FFD+k", "mean s", "max s", "invalid");
        var summaries = sizes.Select(n => RulesBenchmark.Summarise(I(n), runs.Where(r => r.Workloads == n).ToList())).ToList();
        if (sizes.Any(n => n <= 200) && sizes.Any(n => n > 200))
        {
            summaries.Add(RulesBenchmark.Summarise("≤ 200", runs.Where(r => r.Workloads <= 200).ToList()));
        }

        summaries.Add(RulesBenchmark.Summarise("all", runs));
        foreach (var s in summaries)
        {
            table.AddRow(
                s.Label, I(s.Estates), $"{s.Proven} ({Pct(s.Proven, s.Estates)})", $"{F(s.MeanGap, "0.00")}%", I(s.MaxHostsAbove),
                $"{s.BaselineProven} ({Pct(s.BaselineProven, s.Estates)})", $"{F(s.BaselineMeanGap, "0.00")}%", F(s.HostRatio, "0.000"),
                F(s.MeanSeconds, "0.0"), F(s.MaxSeconds, "0.0"), I(s.Invalid));
        }

        context.Out.Write(table);
        context.Out.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Seeds {firstSeed}–{firstSeed + seeds - 1} per size, --time-limit {timeLimit} s per host model. Proven minimal: the plan's hosts equal its lower bound. Gaps are to that bound; FFD+k: first-fit decreasing on the plan's host model, plus k spare hosts and the bare-metal hosts.")));
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
                context.Error.WriteLine($"error: cannot write {csvPath}: {e.Message}");
                return ExitCodes.OutputFailed;
            }
        }

        return runs.All(r => r.Valid) ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string F(double v, string format) => v.ToString(format, CultureInfo.InvariantCulture);

    private static string Pct(int a, int b) => b == 0 ? "–" : (100.0 * a / b).ToString("0", CultureInfo.InvariantCulture) + "%";
}
