using Shuyaku.Cli.Localization;
using Shuyaku.Core.Checking;
using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Model;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Sizing;

namespace Shuyaku.Cli;

internal static class Diagnostics
{
    /// <summary>
    /// Prints every problem of an input, one per line, as file:line:column: message. Bad input exits 2; an input whose only
    /// problems are placements that do not exist (a workload larger than every host model) exits 1, as an infeasible plan does.
    /// <paramref name="outcome"/> says what was not done (default: nothing was planned).
    /// </summary>
    public static int Report(CliContext context, IReadOnlyList<Diagnostic> errors, string what, string? outcome = null)
    {
        outcome ??= Texts.Get("cli.outcome.planned");
        foreach (var e in errors)
        {
            context.Error.WriteLine(Error(e));
        }

        if (errors.Count > 0 && errors.All(e => e.Kind == DiagnosticKind.Infeasible))
        {
            context.Error.WriteLine(Texts.Format("cli.diagnostics.infeasible", what, Texts.Count("cli.count.problem", errors.Count), outcome));
            return ExitCodes.Infeasible;
        }

        context.Error.WriteLine(Texts.Count("cli.diagnostics.errors", errors.Count, what, outcome));
        return ExitCodes.BadInput;
    }

    /// <summary>One error as file:line:column: error: message (file: error: message when it has no line).</summary>
    public static string Error(Diagnostic e) =>
        e.Line > 0 ? Texts.Format("cli.error.at", e.File, e.Line, e.Column, e.Message) : Texts.Format("cli.error.in-file", e.File, e.Message);

    /// <summary>A --host-model the catalog lacks is bad input; returns the exit code, or null when the model is known or none was given.</summary>
    public static int? UnknownHostModel(CliContext context, Estate estate, string? hostModel)
    {
        if (hostModel is null || estate.FindModel(hostModel) is not null)
        {
            return null;
        }

        context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.error.unknown-host-model", hostModel, string.Join(", ", estate.Catalog.Select(m => m.Id)))));
        return ExitCodes.BadInput;
    }

    public static void Warnings(CliContext context, IReadOnlyList<Diagnostic> warnings)
    {
        foreach (var w in warnings)
        {
            context.Error.WriteLine(Texts.Format("cli.warning.at", w.File, w.Line, w.Column, w.Message));
        }
    }

    /// <summary>
    /// Reads an estate and a plan of it for a command that works on both, and checks that the plan belongs to the estate
    /// (the same test as <c>check</c>). Returns the exit code when one of them is bad input (every problem printed, then
    /// <paramref name="outcome"/>), or null with the estate, the plan and the check.
    /// </summary>
    public static int? EstateAndPlan(CliContext context, string estatePath, string planPath, string outcome, out Estate estate, out Plan plan, out CheckReport check)
    {
        (estate, plan, check) = (null!, null!, null!);
        var readEstate = EstateFit.ReadAndCheckFile(context.Resolve(estatePath));
        if (!readEstate.Succeeded)
        {
            return Report(context, readEstate.Errors, estatePath, outcome);
        }

        var readPlan = PlanJson.ReadFile(context.Resolve(planPath));
        if (!readPlan.Succeeded)
        {
            return Report(context, readPlan.Errors, planPath, outcome);
        }

        (estate, plan) = (readEstate.Value!, readPlan.Value!);
        check = Checker.Check(estate, plan);
        if (check.InputError is not null)
        {
            context.Error.WriteLine(Texts.Format("cli.error.in-file", planPath, check.InputError));
            return ExitCodes.BadInput;
        }

        return null;
    }
}
