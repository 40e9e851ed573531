using System.CommandLine;
using System.Globalization;
using System.Text;
using Shuyaku.Cli.Localization;
using Shuyaku.Core.Model;
using Shuyaku.Core.Move;
using Shuyaku.Core.Plans;
using Shuyaku.Core.Reporting;
using Spectre.Console;

namespace Shuyaku.Cli.Commands;

/// <summary><c>shuyaku report ESTATE PLAN [-o FILE] [--move MOVE.json]</c>: the plan and its move as one self-contained HTML file.</summary>
internal static class ReportCommand
{
    /// <summary>Where the report goes without -o.</summary>
    public const string DefaultOutput = "shuyaku-out/report.html";

    public static Command Create(CliContext context)
    {
        var estate = new Argument<string>("ESTATE") { Description = Texts.Get("cli.arg.estate-of-plan") };
        var plan = new Argument<string>("PLAN") { Description = Texts.Get("cli.report.plan") };
        var output = new Option<string>("--out", "-o")
        {
            Description = Texts.Format("cli.report.out", DefaultOutput),
            DefaultValueFactory = _ => DefaultOutput,
        };
        var move = new Option<string?>("--move")
        {
            Description = Texts.Get("cli.report.move"),
        };
        var command = new Command("report", Texts.Get("cli.report.description"))
        {
            estate, plan, output, move,
        };
        command.SetAction(parse => Run(context, parse.GetValue(estate)!, parse.GetValue(plan)!, parse.GetValue(output)!, parse.GetValue(move)));
        return command;
    }

    private static int Run(CliContext context, string estatePath, string planPath, string outPath, string? movePath)
    {
        var outcome = Texts.Get("cli.outcome.report");
        if (Diagnostics.EstateAndPlan(context, estatePath, planPath, outcome, out var estate, out var plan, out var check) is { } bad)
        {
            return bad;
        }

        if (movePath is not null && !File.Exists(context.Resolve(movePath)))
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.report.no-move-file", movePath)));
            return ExitCodes.BadInput;
        }


        var movePlan = LoadOrComputeMove(estate, plan, movePath is null ? null : context.Resolve(movePath), out var moveError, out var moveWarning);
        if (moveError is not null)
        {
            context.Error.WriteLine(moveError);
            return ExitCodes.BadInput;
        }

        if (moveWarning is not null)
        {
            context.Error.WriteLine(moveWarning);
        }

        var html = HtmlReport.Render(estate, plan, movePlan, check);
        var file = context.Resolve(outPath);
        if (Directory.Exists(file))
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.report.out-is-folder", outPath, Path.Combine(outPath, "report.html"))));
            return ExitCodes.OutputFailed;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, html, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine(Texts.Format("cli.error", Texts.Format("cli.report.cannot-write", outPath, IoReasons.Of(e))));
            return ExitCodes.OutputFailed;
        }

        var shown = Path.IsPathRooted(outPath) ? file : Path.GetRelativePath(context.WorkingDirectory, file);
        var problems = check.Violations.Count + (movePlan?.Violations.Count ?? 0);
        context.Out.MarkupLine(Texts.Format("cli.report.written", Markup.Escape(shown), Markup.Escape(Size(html)) +
                               (movePlan is null ? Texts.Get("cli.report.written.no-move") : "") +
                               (problems > 0 ? Texts.Count("cli.report.written.violations", problems) : "")));
        return problems > 0 ? ExitCodes.Infeasible : ExitCodes.Ok;
    }

    /// <summary>
    /// The move for the report's network, WAN, wave and cost sections: read from <paramref name="movePath"/> when given
    /// (null with <paramref name="error"/> set when it cannot be read), else computed from the estate and the plan (null
    /// when no data centre can be chosen: the sections then say "not computed").
    /// </summary>
    internal static MovePlan? LoadOrComputeMove(Estate estate, Plan plan, string? movePath, out string? error) =>
        LoadOrComputeMove(estate, plan, movePath, out error, out _);

    /// <summary>As above, with <paramref name="warning"/> saying why a computed move could not be made when the estate's migration limits are at fault.</summary>
    internal static MovePlan? LoadOrComputeMove(Estate estate, Plan plan, string? movePath, out string? error, out string? warning)
    {
        error = null;
        warning = null;
        if (movePath is not null)
        {
            var read = MoveJson.ReadFile(movePath);
            if (!read.Succeeded)
            {
                error = Diagnostics.Error(read.Errors[0]);
                return null;
            }

            return read.Value;
        }

        var computed = MovePlanner.Plan(estate, plan);
        if (computed.Errors.Count > 0)
        {
            // The plan's sections are still worth having; the move's say "not computed" and the reason is printed.
            warning = Texts.Format("cli.warning", Texts.Format("cli.report.move-not-computed", computed.Error));
        }

        return computed.Plan;
    }

    private static string Size(string html)
    {
        var kib = Encoding.UTF8.GetByteCount(html) / 1024.0;
        return kib >= 1024 ? (kib / 1024).ToString("0.0", CultureInfo.InvariantCulture) + " MiB" : kib.ToString("0", CultureInfo.InvariantCulture) + " KiB";
    }
}
