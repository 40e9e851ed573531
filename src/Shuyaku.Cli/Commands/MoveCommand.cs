using System.CommandLine;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku move ESTATE PLAN [--out DIR] [--dc SITE] [--verify MOVE.json]</c>: the move into the data centre.</summary>
internal static class MoveCommand
{
    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = "The estate file the plan was made for." };
        var plan = new Argument<string>("PLAN") { Description = "The plan.json of 'shuyaku plan'." };
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Folder to write move.json to (default: the plan's folder); it is created.",
        };
        var dc = new Option<string?>("--dc")
        {
            Description = "The site to move into (default: the one site with role datacenter).",
        };
        var verify = new Option<string?>("--verify")
        {
            Description = "Re-check an existing move.json against the estate and the plan instead of planning: waves, route cut-over, " +
                          "address changes and link loads recomputed; lists every violation.",
        };
        var command = new Command(
            "move",
            "Plan the move into the data centre and write move.json: each subnet moved whole, staying or split (with the addresses " +
            "each option changes), the routes to change and the wave that cuts each over, address-sensitive workloads, every " +
            "link's peak load before and after against its limit, the migration waves, and equipment, power and cost over the " +
            "horizon before and after with the cheapest host model (docs/move-format.md). Exit 0 sound, 1 violations " +
            "(an overloaded link, a wave that breaks a rule), 2 bad input, 3 move.json could not be written.")
        {
            estate, plan, output, dc, verify,
        };
        command.SetAction(parse => Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, parse.GetValue(output), parse.GetValue(dc), parse.GetValue(verify)));
        return command;
    }

    private static int Run(CliContext context, string estatePath, string planPath, string? outDir, string? dc, string? verifyPath)
    {
        var outcome = verifyPath is null ? "no move was planned" : "nothing was checked";
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, outcome, out var estate, out var plan, out var check) is { } bad)
        {
            return bad;
        }


        if (!check.DigestMatches)
        {
            context.Out.MarkupLine("[yellow]Note:[/] the estate file has changed since this plan was made (its digest differs); moving the file as it is now.");
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
                return Diagnostics.Report(context, result.Errors, "the estate's migration limits", "no move was planned");
            }

            context.Error.WriteLine($"error: {result.Error}; no move was planned.");
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
            context.Error.WriteLine($"error: cannot write move.json to {outDir}: {e.Message}");
            return ExitCodes.OutputFailed;
        }

        MovePrinter.Render(context.Out, move);
        MovePrinter.Violations(context.Out, move.Violations);
        var shown = Path.IsPathRooted(outDir) ? context.Resolve(file) : Path.GetRelativePath(context.WorkingDirectory, context.Resolve(file));
        context.Out.MarkupLine($"Move written to [bold]{Markup.Escape(shown)}[/]");
        return move.Violations.Count == 0 ? ExitCodes.Ok : ExitCodes.Infeasible;
    }

    private static int Verify(CliContext context, Core.Model.Estate estate, Plan plan, string verifyPath)
    {
        var read = MoveJson.ReadFile(context.Resolve(verifyPath));
        if (!read.Succeeded)
        {
            return Diagnostics.Report(context, read.Errors, verifyPath, "nothing was checked");
        }

        var move = read.Value!;
        if (move.EstateDigest != estate.Digest)
        {
            context.Out.MarkupLine("[yellow]Note:[/] the estate file has changed since this move was made (its digest differs); checking against the file as it is now.");
        }

        if (move.PlanDigest.Length > 0 && move.PlanDigest != MovePlanner.PlanDigest(plan))
        {
            context.Out.MarkupLine("[yellow]Note:[/] this move was made for another plan (its plan digest differs); checking against this plan.");
        }

        var violations = MovePlanner.Verify(estate, plan, move);
        if (violations.Count == 0)
        {
            context.Out.MarkupLine(Markup.Escape($"Sound: {move.Waves.Count} waves, {move.Network.Routes.Count} route changes, {move.AddressChanges} address changes and {move.Wan.Count} link loads verified against the estate."));
            return ExitCodes.Ok;
        }

        MovePrinter.Violations(context.Out, violations);
        return ExitCodes.Infeasible;
    }
}
