using System.CommandLine;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku move ESTATE PLAN [--out DIR] [--dc SITE] [--verify MOVE.json]</c>: the move into the data centre.</summary>
internal static class MoveCommand
{
    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.arg.estate-of-plan") };
        var plan = new Argument<string>("PLAN") { Description = Texts.Get("cli.arg.plan-of-plan") };
        var output = new Option<string?>("--out", "-o")
        {
            Description = Texts.Get("cli.move.out"),
        };
        var dc = new Option<string?>("--dc")
        {
            Description = Texts.Get("cli.move.dc"),
        };
        var verify = new Option<string?>("--verify")
        {
            Description = Texts.Get("cli.move.verify"),
        };
        var command = new Command("move", Texts.Get("cli.move.description"))
        {
            estate, plan, output, dc, verify,
        };
        command.SetAction(parse => Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, parse.GetValue(output), parse.GetValue(dc), parse.GetValue(verify)));
        return command;
    }

    private static int Run(CliContext context, string estatePath, string planPath, string? outDir, string? dc, string? verifyPath)
    {
        var outcome = verifyPath is null ? Texts.Get("cli.outcome.move") : Texts.Get("cli.outcome.checked");
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, outcome, out var estate, out var plan, out var check) is { } bad)
        {
            return bad;
        }


        if (!check.DigestMatches)
        {
            context.Out.MarkupLine(Texts.Format("cli.note", Texts.Get("cli.move.estate-changed")));
        }

        return verifyPath is null
            ? Plan(context, estate, plan, planPath, outDir, dc)
            : Verify(context, estate, plan, verifyPath);
    }

    private static int Plan(CliContext context, Core.Model.Estate estate, Plan plan, string planPath, string? outDir, string? dc)
    {
        outDir ??= Path.GetDirectoryName(planPath) is { Length: > 0 } folder ? folder : ".";
        if (!context.CanBeFolder(outDir))
        {
            return ExitCodes.BadInput;
        }

        var result = MovePlanner.Plan(estate, plan, dc);
        if (result.Plan is not { } move)
        {
            if (result.Errors.Count > 0)
            {
                return Diagnostics.Report(context, result.Errors, Texts.Get("cli.move.limits"), Texts.Get("cli.outcome.move"));
            }

            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.move.failed", result.Error)));
            return ExitCodes.BadInput;
        }

        var file = Path.Combine(outDir, "move.json");
        try
        {
            Directory.CreateDirectory(context.Resolve(outDir));
            File.WriteAllText(context.Resolve(file), MoveJson.Write(move));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.cannot-write-move", outDir, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        MovePrinter.Render(context.Out, move);
        MovePrinter.Violations(context.Out, move.Violations);
        var shown = Path.IsPathRooted(outDir) ? context.Resolve(file) : Path.GetRelativePath(context.WorkingDirectory, context.Resolve(file));
        context.Out.MarkupLine(Texts.Format("cli.move.written", Markup.Escape(shown)));
        return move.Violations.Count == 0 ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static int Verify(CliContext context, Core.Model.Estate estate, Plan plan, string verifyPath)
    {
        var read = MoveJson.ReadFile(context.Resolve(verifyPath));
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, verifyPath, Texts.Get("cli.outcome.checked"));
        }

        var move = read.Value!;
        if (move.EstateDigest != estate.Digest)
        {
            context.Out.MarkupLine(Texts.Format("cli.note", Texts.Get("cli.move.estate-changed.verify")));
        }

        if (move.PlanDigest.Length > 0 && move.PlanDigest != MovePlanner.PlanDigest(plan))
        {
            context.Out.MarkupLine(Texts.Format("cli.note", Texts.Get("cli.move.other-plan")));
        }

        var violations = MovePlanner.Verify(estate, plan, move);
        if (violations.Count == 0)
        {
            context.Out.MarkupLine(Markup.Escape(Texts.Format("cli.move.sound", move.Waves.Count, move.Network.Routes.Count, move.AddressChanges, move.Wan.Count)));
            return ExitCodes.Ok;
        }

        MovePrinter.Violations(context.Out, violations);
        return ExitCodes.Infeasible;
    }
}
