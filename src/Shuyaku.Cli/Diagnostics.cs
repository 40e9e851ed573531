using Shuyaku.Core.Diagnostics;
using Shuyaku.Core.Model;

namespace Shuyaku.Cli;

internal static class Diagnostics
{
    /// <summary>Prints every problem of an input, one per line, as file:line:column: message.</summary>
    public static int Report(CliContext context, IReadOnlyList<Diagnostic> errors, string what, string outcome = "nothing was planned")
    {
        foreach (var e in errors)
        {
            context.Error.WriteLine(e.Line > 0 ? $"{e.File}:{e.Line}:{e.Column}: error: {e.Message}" : $"{e.File}: error: {e.Message}");
        }

        context.Error.WriteLine($"{errors.Count} error{(errors.Count == 1 ? "" : "s")} in {what}; {outcome}.");
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
