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
                context.Error.WriteLine(Texts.Format("cli.error", message));
                return ExitCodes.BadInput;
            }

            var given = parse.GetValue(paths) ?? [];
            if (given.Length == 0 && generate is null)
            {
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Get("cli.bench.packing.no-input")));
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
                errors.Add(new Diagnostic(path, 0, 0, Texts.Get("cli.bench.packing.no-instances")));
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
            return Diagnostics.Report(context, errors, Texts.Get("cli.bench.packing.input"));
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
                context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write-file", file, IoReasons.Of(e))));
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
        string[] columns =
        [
            Texts.Get("cli.bench.packing.column.class"), Texts.Get("cli.bench.packing.column.n"), Texts.Get("cli.bench.packing.column.ffd-opt"),
            Texts.Get("cli.bench.packing.column.our-opt"), Texts.Get("cli.bench.packing.column.proven"), Texts.Get("cli.bench.packing.column.ffd-gap"),
            Texts.Get("cli.bench.packing.column.heur-gap"), Texts.Get("cli.bench.packing.column.our-gap"), Texts.Get("cli.bench.packing.column.mean-s"),
            Texts.Get("cli.bench.packing.column.max-s"),
        ];
        foreach (var c in columns)
        {
            table.AddColumn(new TableColumn(Markup.Escape(c)).RightAligned());
        }

        table.Columns[0].LeftAligned();
        var summaries = PackingSummary.Of(rows);
        foreach (var c in summaries)
        {
            // The last summary is the one over every class (Core calls it "all").
            table.AddRow(
                Markup.Escape(ReferenceEquals(c, summaries[^1]) ? Texts.Get("cli.bench.packing.all") : c.Class),
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
        console.MarkupLine(Markup.Escape(Texts.Format("cli.bench.packing.legend", timeLimit.ToString("0.##", CultureInfo.InvariantCulture))));
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
                d is null || d.Length == 0 || d.Any(x => x is < 1 or > 64) ? Texts.Format("cli.bench.packing.error.dims", dims)
                : k is null || k.Length == 0 || k.Min() < 1 ? Texts.Format("cli.bench.packing.error.items-per-bin", perBin)
                : s is null || s.Length == 0 ? Texts.Format("cli.bench.packing.error.seeds", seeds)
                : bins is < 1 or > 100_000 ? Texts.Get("cli.bench.packing.error.bins")
                : capacity < k.Max() || capacity > 1_000_000_000 ? Texts.Format("cli.bench.packing.error.capacity", k.Max().ToString(CultureInfo.InvariantCulture))
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
