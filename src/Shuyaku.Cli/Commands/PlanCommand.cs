using System.CommandLine;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Model;
using Shuyaku.Core.Placement;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Shuyaku.Core.Sizing;
using Shuyaku.Solver.CpSat;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var estate = new Argument<string?>("ESTATE")
        {
            Description = "Estate file (YAML or JSON). Without it, the bundled case-study estate (examples/tdu-2006) is planned.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Folder to write plan.json and placement.csv to.",
            DefaultValueFactory = _ => "shuyaku-out",
        };
        var hostModel = new Option<string?>("--host-model")
        {
            Description = "Catalog model to plan with. Default: every model is tried and the cheapest plan kept (fewest hosts when prices are equal).",
        };
        var failures = new Option<int?>("--failures", "-k")
        {
            Description = "Host failures to survive (N+k), overriding the estate's policy (default there: 1).",
        };
        failures.MustBe(k => k is >= 0 and <= Policy.MaxFailures, $"--failures must be between 0 and {Policy.MaxFailures}.");

        var sizing = SizingOptionSet.Create();
        var traceOptions = new TraceOptions();
        var list = new Option<bool>("--list")
        {
            Description = "Also list the workloads of every host (placement.csv has them with their demand).",
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = "Seconds the search (column generation when only capacity binds, local search, CP-SAT on small problems) may spend at most per host model after the heuristics: a safety cap; the search stops on its budget, or early once the plan meets the lower bound. A plan the cap stopped may differ between runs.",
            DefaultValueFactory = _ => 10,
        };
        timeLimit.MustBe(v => v is >= 0 and <= 86_400, "--time-limit must be a number of seconds from 0 to 86400.");
        var moves = new Option<int?>("--moves")
        {
            Description = $"Moves the local search may make per host model (default {DefaultMoves:N0}): the budget that ends the search the same way on every run.",
        };
        moves.MustBe(v => v is >= 0 and <= 1_000_000_000, "--moves must be a whole number from 0 to 1000000000.");

        var command = new Command("plan", "Size the estate and place every workload on the fewest hosts; print the plan and write plan.json.")
        {
            estate, output, hostModel, failures, timeLimit, moves, list,
        };
        sizing.AddTo(command);
        traceOptions.AddTo(command);
        command.SetAction(parse => Run(
            context,
            parse,
            traceOptions,
            parse.GetValue(estate),
            parse.GetValue(output)!,
            parse.GetValue(list),
            new PlanOptions(parse.GetValue(hostModel), parse.GetValue(failures), sizing.Read(parse), Search: Search(parse.GetValue(timeLimit), parse.GetValue(moves) ?? DefaultMoves))));
        return command;
    }

    internal const int DefaultMoves = 200_000;

    /// <summary>The budgets keep plans reproducible whenever they, not the clock, end the search.</summary>
    internal static SolveOptions Search(double seconds, long moves) =>
        new() { TimeLimit = TimeSpan.FromSeconds(seconds), MaxIterations = moves, Exact = new OrToolsSolver() };

    private static int Run(CliContext context, ParseResult parse, TraceOptions traceOptions, string? estatePath, string outDir, bool list, PlanOptions options)
    {
        var given = estatePath is null ? null : context.Resolve(estatePath);
        var (read, path) = given is null ? BundledExamples.ReadEstateOrExample(context, null) : (ReadWithProgress(context, given), given);
        Diagnostics.Warnings(context, read.Warnings);
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, estatePath ?? path);
        }

        if (!context.CanBeFolder(outDir))
        {
            return ExitCodes.BadInput;
        }

        var estate = read.Value!;
        if (Diagnostics.UnknownHostModel(context, estate, options.HostModel) is { } unknownModel)
        {
            return unknownModel;
        }

        var (traces, _, exit) = traceOptions.Load(context, parse, estate);
        if (exit != ExitCodes.Ok)
        {
            return exit;
        }

        if (SizingOptionSet.Validate(context, options.SizingOrDefault, traces) is { } bad)
        {
            return bad;
        }

        options = options with { Traces = traces };

        var outcome = PlanWithProgress(context, estate, options);
        var output = new PlanReport(context.Out);
        if (outcome.Plan is null)
        {
            output.Infeasible(estate, outcome.Infeasible!);
            return ExitCodes.Infeasible;
        }

        var plan = outcome.Plan;
        var report = CheckWithProgress(context, () => Checker.Check(estate, plan, traces, plan.Inputs.Failures));

        // Written before anything is printed, so a plan on screen always exists on disk too.
        var file = Path.Combine(outDir, "plan.json");
        var dir = context.Resolve(outDir);
        try
        {
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, "plan.json"), PlanJson.Write(plan));
            File.WriteAllText(Path.Combine(dir, "placement.csv"), PlacementCsv.Write(estate, plan, options.SizingOrDefault, traces));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: cannot write to {outDir}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        output.Render(estate, plan, outcome, report, options);
        if (list)
        {
            output.Listing(plan);
        }

        // A relative --out is shown relative to where the user stands, an absolute one as given.
        var shown = Path.IsPathRooted(outDir) ? file : Path.GetRelativePath(context.WorkingDirectory, context.Resolve(file));
        context.Out.MarkupLine($"Plan written to [bold]{Markup.Escape(shown)}[/] (with placement.csv beside it)");
        return report.Valid ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    /// <summary>Reads the estate; on a terminal a spinner says so from the start, since a large file takes seconds.</summary>
    private static Shuyaku.Core.Diagnostics.ReadResult<Estate> ReadWithProgress(CliContext context, string path)
    {
        if (!context.Out.Profile.Capabilities.Interactive)
        {
            return EstateFit.ReadAndCheckFile(path);
        }

        Shuyaku.Core.Diagnostics.ReadResult<Estate>? read = null;
        var size = File.Exists(path) ? new FileInfo(path).Length / 1048576.0 : 0;
        context.Out.Status().Start(Markup.Escape($"Reading {Path.GetFileName(path)} ({size.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} MB)…"), _ =>
        {
            read = EstateFit.ReadAndCheckFile(path);
        });
        return read!;
    }

    private static PlanOutcome PlanWithProgress(CliContext context, Estate estate, PlanOptions options)
    {
        if (!context.Out.Profile.Capabilities.Interactive)
        {
            return Planner.Plan(estate, options);
        }

        PlanOutcome? outcome = null;
        context.Out.Status().Start("Planning…", status =>
        {
            outcome = Planner.Plan(estate, options, new SynchronousProgress(status));
        });
        return outcome!;
    }

    /// <summary>Checks the plan; on a terminal a spinner says so, since checking every failure of a large plan takes seconds.</summary>
    private static CheckReport CheckWithProgress(CliContext context, Func<CheckReport> check)
    {
        if (!context.Out.Profile.Capabilities.Interactive)
        {
            return check();
        }

        CheckReport? report = null;
        context.Out.Status().Start("Checking…", _ => report = check());
        return report!;
    }

    private sealed class SynchronousProgress(StatusContext status) : IProgress<string>
    {
        public void Report(string value) => status.Status($"Planning: {Markup.Escape(value)}");
    }
}
