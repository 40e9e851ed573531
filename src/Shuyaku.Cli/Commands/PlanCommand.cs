using System.CommandLine;
using Shuyaku.Cli.Localization;
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
            Description = Texts.Get("cli.plan.estate"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = Texts.Get("cli.plan.out"),
            DefaultValueFactory = _ => "shuyaku-out",
        };
        var hostModel = new Option<string?>("--host-model")
        {
            Description = Texts.Get("cli.plan.host-model"),
        };
        var failures = new Option<int?>("--failures", "-k")
        {
            Description = Texts.Get("cli.plan.failures"),
        };
        failures.MustBe(k => k is >= 0 and <= Policy.MaxFailures, Texts.Format("cli.error.failures-range", Policy.MaxFailures));

        var sizing = SizingOptionSet.Create();
        var traceOptions = new TraceOptions();
        var list = new Option<bool>("--list")
        {
            Description = Texts.Get("cli.plan.list"),
        };
        var timeLimit = new Option<double>("--time-limit")
        {
            Description = Texts.Get("cli.plan.time-limit"),
            DefaultValueFactory = _ => 10,
        };
        timeLimit.MustBe(v => v is >= 0 and <= 86_400, Texts.Get("cli.error.time-limit-range"));
        var moves = new Option<int?>("--moves")
        {
            Description = Texts.Format("cli.plan.moves", DefaultMoves.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)),
        };
        moves.MustBe(v => v is >= 0 and <= 1_000_000_000, Texts.Get("cli.error.moves-range"));

        var command = new Command("plan", Texts.Get("cli.plan.description"))
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
            output.Infeasible(estate, outcome.Why!.ToString());
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
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write", outDir, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        output.Render(estate, plan, outcome, report, options);
        if (list)
        {
            output.Listing(plan);
        }

        // A relative --out is shown relative to where the user stands, an absolute one as given.
        var shown = Path.IsPathRooted(outDir) ? file : Path.GetRelativePath(context.WorkingDirectory, context.Resolve(file));
        context.Out.MarkupLine(Texts.Format("cli.plan.written", Markup.Escape(shown)));
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
        context.Out.Status().Start(Markup.Escape(Texts.Format("cli.plan.reading", Path.GetFileName(path), size.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture))), _ =>
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
        context.Out.Status().Start(Texts.Get("cli.plan.planning"), status =>
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
        context.Out.Status().Start(Texts.Get("cli.plan.checking"), _ => report = check());
        return report!;
    }

    private sealed class SynchronousProgress(StatusContext status) : IProgress<string>
    {
        public void Report(string value) => status.Status(Texts.Format("cli.plan.planning-step", Markup.Escape(value)));
    }
}
