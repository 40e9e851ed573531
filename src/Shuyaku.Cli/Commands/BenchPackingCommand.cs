using System.CommandLine;
using System.Globalization;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Benchmarks.Packing;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Placement;
using Shuyaku.Solver.CpSat;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku bench packing</c>: our solver beside first-fit decreasing on published bin packing instances.</summary>
internal static class BenchPackingCommand
{
    internal static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = Texts.Get("cli.bench.packing.path"),
            Arity = ArgumentArity.ZeroOrMore,
        };
        var bounds = new Option<string[]>("--bounds")
        {
            Description = Texts.Get("cli.bench.packing.bounds"),
            AllowMultipleArgumentsPerToken = false,
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = Texts.Get("cli.bench.packing.time-limit"),
            DefaultValueFactory = _ => 10,
        };
        timeLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 86_400 or double.NaN)
            {
                r.AddError(Texts.Get("cli.bench.packing.error.1"));
            }
        });
        var sample = new Option<int?>("--sample")
        {
            Description = Texts.Get("cli.bench.packing.sample"),
        };
        sample.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError(Texts.Get("cli.bench.packing.error.2"));
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = Texts.Get("cli.bench.packing.seed"),
            DefaultValueFactory = _ => 1,
        };
        var csv = new Option<string?>("--csv") { Description = Texts.Get("cli.bench.packing.csv") };
        var noCpSat = new Option<bool>("--no-cp-sat") { Description = Texts.Get("cli.bench.packing.no-cp-sat") };
        var perfect = new Option<bool>("--perfect")
        {
            Description = Texts.Get("cli.bench.packing.perfect"),
        };
        var dims = new Option<string>("--dims") { Description = Texts.Get("cli.bench.packing.dims"), DefaultValueFactory = _ => "2,3,5" };
        var perBin = new Option<string>("--items-per-bin") { Description = Texts.Get("cli.bench.packing.items-per-bin"), DefaultValueFactory = _ => "2-5" };
        var bins = new Option<int>("--bins") { Description = Texts.Get("cli.bench.packing.bins"), DefaultValueFactory = _ => 40 };
        var seeds = new Option<string>("--seeds") { Description = Texts.Get("cli.bench.packing.seeds"), DefaultValueFactory = _ => "1-4" };
        var capacity = new Option<long>("--capacity") { Description = Texts.Get("cli.bench.packing.capacity"), DefaultValueFactory = _ => 1000 };
        var command = new Command("packing", Texts.Get("cli.bench.packing.description"))
        {
            paths, bounds, timeLimit, sample, seed, csv, noCpSat, perfect, dims, perBin, bins, seeds, capacity,
        };
        command.SetAction(parse =>
        {
            var generate = parse.GetValue(perfect) ? PerfectSpec.Parse(parse.GetValue(dims)!, parse.GetValue(perBin)!, parse.GetValue(bins), parse.GetValue(seeds)!, parse.GetValue(capacity)) : null;
            if (generate is { Error: { } message })
            {
                context.Error.WriteLine($"error: {message}");
                return ExitCodes.BadInput;
            }

            var given = parse.GetValue(paths) ?? [];
            if (given.Length == 0 && generate is null)
            {
                context.Error.WriteLine("error: give instance files or folders, or --perfect to generate instances.");
                return ExitCodes.BadInput;
            }

            return Run(
                context,
                given,
                parse.GetValue(bounds) ?? [],
                parse.GetValue(timeLimit),
                parse.GetValue(sample),
                parse.GetValue(seed),
                parse.GetValue(csv),
                parse.GetValue(noCpSat),
                generate);
        });
        return command;
    }

    private static int Run(CliContext context, string[] paths, string[] boundFiles, double timeLimit, int? sample, int seed, string? csvPath, bool noCpSat, PerfectSpec? perfect)
    {
        var errors = new List<Diagnostic>();
        var known = new BoundsTable();
        foreach (var file in boundFiles)
        {
            var (table, problems) = KnownBounds.ReadFile(context.Resolve(file));
            errors.AddRange(problems);
            if (table is not null)
            {
                known.AddAll(table);
            }
        }

        var instances = new List<BinPackingInstance>();
        foreach (var path in paths)
        {
            var files = InstanceReader.Expand(context.Resolve(path));
            if (files.Count == 0)
            {
                errors.Add(new Diagnostic(path, 0, 0, "no such file, or a folder without .vbp / .txt instance files"));
            }

            foreach (var file in files)
            {
                var read = InstanceReader.ReadFile(file);
                errors.AddRange(read.Errors);
                if (read.Instance is not null)
                {
                    instances.Add(read.Instance);
                }
            }
        }

        if (errors.Count > 0)
        {
            return Diagnostics.Report(context, errors, "the benchmark input");
        }

        if (perfect is not null)
        {
            foreach (var d in perfect.Dimensions)
            {
                foreach (var s in perfect.Seeds)
                {
                    var instance = PerfectPackings.Generate(perfect.Bins, d, perfect.MinPerBin, perfect.MaxPerBin, s, perfect.Capacity);
                    instances.Add(instance);
                    known.Add(PerfectPackings.Known(instance, perfect.Bins));
                }
            }
        }

        IReadOnlyList<BinPackingInstance> chosen = sample is { } perStratum ? PackingBenchmark.Sample(instances, known, perStratum, seed) : instances;
        var options = new SolveOptions { TimeLimit = TimeSpan.FromSeconds(timeLimit), Seed = seed, Exact = noCpSat ? null : new OrToolsSolver(seed) };
        StreamWriter? csv = null;
        if (csvPath is not null)
        {
            var file = context.Resolve(csvPath);
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                csv = new StreamWriter(file, append: false, new UTF8Encoding(false));
                csv.WriteLine(PackingBenchmark.CsvHeader);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"error: cannot write {file}: {e.Message}");
                return ExitCodes.BadInput;
            }
        }

        var rows = new List<BenchRow>();
        using (csv)
        {
            var interactive = context.Out.Profile.Capabilities.Interactive;
            for (var i = 0; i < chosen.Count; i++)
            {
                var instance = chosen[i];
                if (interactive)
                {
                    context.Out.Markup($"\r[grey]{i + 1}/{chosen.Count} {Markup.Escape(instance.Name)}[/]".PadRight(60));
                }

                var row = PackingBenchmark.Run(instance, known.Find(instance), options);
                rows.Add(row);
                csv?.WriteLine(PackingBenchmark.CsvRow(row));
                csv?.Flush();
            }

            if (interactive)
            {
                context.Out.Markup("\r".PadRight(60) + "\r");
            }
        }

        Render(context.Out, rows, timeLimit);
        var invalid = rows.Where(r => !r.Valid).ToList();
        foreach (var r in invalid)
        {
            context.Error.WriteLine($"{r.Instance}: {string.Join("; ", r.Problems)}");
        }

        return invalid.Count == 0 ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static void Render(IAnsiConsole console, IReadOnlyList<BenchRow> rows, double timeLimit)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (var c in new[] { "class", "n", "FFD opt", "our opt", "proven", "FFD gap", "heur gap", "our gap", "mean s", "max s" })
        {
            table.AddColumn(new TableColumn(c).RightAligned());
        }

        table.Columns[0].LeftAligned();
        foreach (var c in PackingSummary.Of(rows))
        {
            table.AddRow(
                Markup.Escape(c.Class),
                c.Instances.ToString(CultureInfo.InvariantCulture),
                Percent(c.FfdOptimal, "0.0"),
                Percent(c.OursOptimal, "0.0"),
                Percent(c.Proven, "0.0"),
                Percent(c.FfdGap, "0.00"),
                Percent(c.HeuristicGap, "0.00"),
                Percent(c.OurGap, "0.00"),
                c.MeanSeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—",
                c.MaxSeconds?.ToString("0.00", CultureInfo.InvariantCulture) ?? "—");
        }

        console.Write(table);
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Time limit {timeLimit:0.##} s per instance. opt: share of instances with a known optimum solved to it; proven: our plan meets our own lower bound; heur: best heuristic of the paper (best_known_ub); gap: mean (bins − optimum, else best known lower bound) / that."));
    }

    /// <summary>What <c>--perfect</c> generates, or the error in its options.</summary>
    private sealed record PerfectSpec(int[] Dimensions, int MinPerBin, int MaxPerBin, int Bins, int[] Seeds, long Capacity, string? Error = null)
    {
        public static PerfectSpec Parse(string dims, string perBin, int bins, string seeds, long capacity)
        {
            var d = Numbers(dims);
            var k = Numbers(perBin);
            var s = Numbers(seeds);
            string? error =
                d is null || d.Length == 0 || d.Any(x => x is < 1 or > 64) ? $"--dims '{dims}' must be dimension counts from 1 to 64, such as 2,3,5."
                : k is null || k.Length == 0 || k.Min() < 1 ? $"--items-per-bin '{perBin}' must be a range of counts of at least 1, such as 2-8."
                : s is null || s.Length == 0 ? $"--seeds '{seeds}' must be whole numbers, a range such as 1-4 or a list such as 1,5,9."
                : bins is < 1 or > 100_000 ? "--bins must be from 1 to 100000."
                : capacity < k.Max() || capacity > 1_000_000_000 ? $"--capacity must be at least the most items per bin ({k.Max()}) and at most 1000000000."
                : null;
            return error is not null ? new PerfectSpec([], 0, 0, 0, [], 0, error) : new PerfectSpec(d!.Distinct().ToArray(), k!.Min(), k!.Max(), bins, s!.Distinct().ToArray(), capacity);
        }

        /// <summary>Comma-separated whole numbers or ranges a-b, or null when any part is not one.</summary>
        private static int[]? Numbers(string text)
        {
            var result = new List<int>();
            foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
            {
                var ends = part.Split('-', StringSplitOptions.TrimEntries);
                if (ends.Length is < 1 or > 2
                    || !int.TryParse(ends[0], NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                    || !int.TryParse(ends[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                    || to < from || to - from > 10_000)
                {
                    return null;
                }

                result.AddRange(Enumerable.Range(from, to - from + 1));
            }

            return [.. result];
        }
    }

    private static string Percent(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + "%" : "—";
}
