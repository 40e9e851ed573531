using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Model;

namespace Shuyaku.Cli;

internal static class Diagnostics
{
    /// <summary>
    /// Prints every problem of an input, one per line, as file:line:column: message. Bad input exits 2; an input whose only
    /// problems are placements that do not exist (a workload larger than every host model) exits 1, as an infeasible plan does.
    /// </summary>
    public static int Report(CliContext context, IReadOnlyList<Diagnostic> errors, string what, string outcome = "nothing was planned")
    {
        foreach (var e in errors)
        {
            context.Error.WriteLine(e.Line > 0 ? $"{e.File}:{e.Line}:{e.Column}: error: {e.Message}" : $"{e.File}: error: {e.Message}");
        }

        var s = errors.Count == 1 ? "" : "s";
        if (errors.Count > 0 && errors.All(e => e.Kind == DiagnosticKind.Infeasible))
        {
            context.Error.WriteLine($"No placement exists for {what} ({errors.Count} problem{s} above); {outcome}.");
            return ExitCodes.Infeasible;
        }

        context.Error.WriteLine($"{errors.Count} error{s} in {what}; {outcome}.");
        return ExitCodes.BadInput;
    }

    /// <summary>A --host-model the catalog lacks is bad input; returns the exit code, or null when the model is known or none was given.</summary>
    public static int? UnknownHostModel(CliContext context, Estate estate, string? hostModel)
    {
        if (hostModel is null || estate.FindModel(hostModel) is not null)
        {
            return null;
        }

        context.Error.WriteLine($"error: --host-model '{hostModel}' is not in the catalog; the models are {string.Join(", ", estate.Catalog.Select(m => m.Id))}.");
        return ExitCodes.BadInput;
    }

    public static void Warnings(CliContext context, IReadOnlyList<Diagnostic> warnings)
    {
        foreach (var w in warnings)
        {
            context.Error.WriteLine($"{w.File}:{w.Line}:{w.Column}: warning: {w.Message}");
        }
    }
}
