using System.CommandLine;
using System.Globalization;
using System.Text;
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
            Description = "Instance files or folders: VPSolver .vbp vector instances and BPPLIB one-dimensional instances (.txt).",
            Arity = ArgumentArity.OneOrMore,
        };
        var bounds = new Option<string[]>("--bounds")
        {
            Description = "CSV of known optima / bounds (columns instance and optimum, or instance, best_lb and best_ub); may be repeated.",
            AllowMultipleArgumentsPerToken = false,
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds our solver may spend on each instance.",
            DefaultValueFactory = _ => 10,
        };
        timeLimit.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<double>() is <= 0 or > 86_400 or double.NaN)
            {
                r.AddError("--time-limit must be a number of seconds above 0.");
            }
        });
        var sample = new Option<int?>("--sample")
        {
            Description = "Run only this many instances per class and dimension count (instances with a known optimum first).",
        };
        sample.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 1)
            {
                r.AddError("--sample must be at least 1.");
            }
        });
        var seed = new Option<int>("--seed")
        {
            Description = "Seed for the sample and for the solver's local search.",
            DefaultValueFactory = _ => 1,
        };
        var csv = new Option<string?>("--csv") { Description = "Write one row per instance to this CSV file." };
        var noCpSat = new Option<bool>("--no-cp-sat") { Description = "Heuristics and local search only, without the OR-Tools backends (column generation, CP-SAT)." };
        var command = new Command("packing", "Solve published bin packing instances with our solver and with first-fit decreasing; print a table per class.")
        {
            paths, bounds, timeLimit, sample, seed, csv, noCpSat,
        };
        command.SetAction(parse => Run(
            context,
            parse.GetValue(paths)!,
            parse.GetValue(bounds) ?? [],
            parse.GetValue(timeLimit),
            parse.GetValue(sample),
            parse.GetValue(seed),
            parse.GetValue(csv),
            parse.GetValue(noCpSat)));
        return command;
    }

    private static int Run(CliContext context, string[] paths, string[] boundFiles, double timeLimit, int? sample, int seed, string? csvPath, bool noCpSat)
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

    private static string Percent(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) + "%" : "—";
}
